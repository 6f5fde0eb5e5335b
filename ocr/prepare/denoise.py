"""Denoising: a 3x3 median filter, only when the page is grainy or dusty; loose specks
taken off one by one on a page strewn with them.

Sensor noise and JPEG speckle make Tesseract's binarisation ragged; dust and
salt-and-pepper specks become stray marks it tries to read as letters, and break its layout
into fragments. A median keeps stroke edges (unlike a blur), removes specks of one or two
pixels outright, and is cheap; non-local means would be better for sensor noise and ten
times slower.

A worn laser printer scatters toner in specks of a few pixels over the paper (more so in its
toner-saving mode, whose thin grey print a median would break): Tesseract reads them as
full stops, commas and accents. Specks that stand alone, nothing else dark near them, are
painted out with the paper around them, and nothing else on the page is touched.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .measure import loose_specks, noise_sigma, speck_density


@dataclass(frozen=True)
class DenoiseResult:
    grey: np.ndarray
    applied: bool
    sigma: float
    kernel: int
    specks: float
    """Isolated specks per thousand pixels (``measure.speck_density``)."""
    loose: float = 0.0
    """Pixels of loose specks (``measure.loose_specks``) per thousand, where the page was not
    filtered; they were painted out when at least ``LOOSE_MIN``."""


KERNEL = 3
"""Always 3x3, however heavy the noise: a 5x5 median eats thin strokes and breaks a table's
hairline rules (a dim, grainy marriage certificate's table was then read column by column:
CER 0.30, against 0.02 with 3x3)."""
LOOSE_MIN = 0.5
"""Pixels of loose specks per thousand above which they are painted out: pages printed by a
worn printer measured 1.4; none of the benchmark's 342 pages that were not filtered more
than 0.14 (print's own fragments, JPEG blocks)."""


def denoise(grey: np.ndarray, threshold: float, speck_threshold: float = 1.0) -> DenoiseResult:
    """A median filter when the paper's noise is above ``threshold`` grey levels or there
    are more than ``speck_threshold`` isolated specks per thousand pixels; otherwise the
    loose specks painted out when there are many (``LOOSE_MIN``)."""
    sigma = noise_sigma(grey)
    specks = speck_density(grey)
    if sigma >= threshold or specks >= speck_threshold:
        return DenoiseResult(cv2.medianBlur(grey, KERNEL), True, sigma, KERNEL, specks)
    loose = loose_specks(grey)
    share = 1000.0 * float(np.count_nonzero(loose)) / max(1, loose.size)
    if share < LOOSE_MIN:
        return DenoiseResult(grey, False, sigma, 0, specks, share)
    # The lightest pixel within two of a speck's is the paper beside it.
    paper = cv2.dilate(grey, np.ones((5, 5), np.uint8))
    out = grey.copy()
    out[loose] = paper[loose]
    return DenoiseResult(out, True, sigma, 0, specks, share)
