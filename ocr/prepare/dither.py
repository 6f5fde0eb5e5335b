"""Dithered black-and-white scans: greys drawn as scattered black dots.

A scanner's black-and-white "photo" or "halftone" mode (and many fax and archive TIFFs)
stores one bit a pixel and draws every grey with dots, by error diffusion or an ordered
(Bayer) pattern: cream or grey paper becomes a haze of dots. A person's eye averages the dots
back into greys; our specks stage took such a page for a photo of noise and read nothing
(cream paper dithered at 150-300 dpi: CER 0.98-1.0 on nine pages of nine), and where it did not,
Tesseract saw ragged strokes and broken thin letters.

Averaging the dots over a pixel or so is what the eye does (inverse halftoning): the page
becomes grey paper and grey-edged letters again, which the lighting stage then lifts and
Tesseract thresholds as it would a grey scan. A page is taken to be dithered when it is
all but bilevel and its paper is densely dotted. Near-white paper dithers to a sparse haze
that the denoise stage's median clears (the blur cost more than it gained there), and a
plain black-and-white scan (a fax's threshold, a copier's) has clean paper: both are read as
they are.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .measure import to_grey

BILEVEL = 0.99
"""Share of the pixels that are (nearly) pure black or white on a one-bit scan."""
PAPER_DOTS = 0.04
"""Share of black dots in the paper (the median over the page's 8 x 8 pixel blocks) from
which a one-bit page is taken as dithered: paper of grey 225-245 dithers to 4.4-13 %.
Near-white paper (1.6-3.8 %) reads as well or better left to the denoise stage's median, and
thresholded scans have none."""
SIGMA = 1.2
"""Blur (pixels) that averages the dots into greys and keeps 2-3 px strokes apart. The
dots are the scanner's own pixels, so this does not scale with the dpi."""


@dataclass(frozen=True)
class DitherResult:
    grey: np.ndarray | None
    """The page averaged back into greys, when it was dithered."""
    bilevel: float
    paper_dots: float | None = None


def undither(image: np.ndarray) -> DitherResult:
    """``image`` (uint8, grey or RGB) averaged into greys when it is a dithered one-bit scan."""
    # Every fourth pixel of every fourth row tells a one-bit page: cheap on a 12 MP photo.
    sample = to_grey(np.ascontiguousarray(image[::4, ::4]))
    bilevel = float(np.count_nonzero((sample < 16) | (sample > 239))) / max(1, sample.size)
    if bilevel < BILEVEL:
        return DitherResult(None, bilevel)
    grey = to_grey(image)
    h, w = grey.shape
    # Averaged over whole blocks (not sampled: an ordered pattern would alias).
    blocks = cv2.resize(
        (grey < 128).astype(np.float32),
        (max(1, w // 8), max(1, h // 8)),
        interpolation=cv2.INTER_AREA,
    )
    paper_dots = float(np.median(blocks))
    if paper_dots < PAPER_DOTS:
        return DitherResult(None, bilevel, paper_dots)
    return DitherResult(np.asarray(cv2.GaussianBlur(grey, (0, 0), SIGMA)), bilevel, paper_dots)
