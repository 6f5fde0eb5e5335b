"""Dithered black-and-white scans: greys drawn as scattered black dots.

A scanner's black-and-white "photo" or "halftone" mode (and many fax and archive TIFFs)
stores one bit a pixel and draws every grey by error diffusion: cream paper becomes a haze
of dots, and each letter's soft edge a fringe of them. A person's eye averages the dots back
into greys; Tesseract sees specks, ragged strokes and broken thin letters (CER 0.02-0.08 on
such 200 dpi pages), and our denoise stage's median clears the paper's dots but tears the
letters' edges further.

Averaging the dots over a pixel or so is what the eye does (inverse halftoning): the page
becomes grey paper and grey-edged letters again, which the lighting stage then lifts and
Tesseract thresholds as it would a grey scan. A page is taken to be dithered when it is
all but bilevel and full of isolated dots; a plain black-and-white scan (a fax's threshold,
a copier's) has hardly any: its paper is white and its strokes solid.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .measure import speck_density, to_grey

BILEVEL = 0.99
"""Share of the pixels that are (nearly) pure black or white on a one-bit scan."""
MIN_SPECKS = 15.0
"""Isolated dots per thousand pixels (``measure.speck_density``) of a dithered page:
dithered 200 dpi pages measure 33-54, thresholded faxes 0.0-0.1, photocopier dust 2.7."""
SIGMA = 1.2
"""Blur (pixels) that averages the dots into greys and keeps 2-3 px strokes apart. The
dots are the scanner's own pixels, so this does not scale with the dpi."""


@dataclass(frozen=True)
class DitherResult:
    grey: np.ndarray | None
    """The page averaged back into greys, when it was dithered."""
    bilevel: float
    specks: float | None = None


def undither(image: np.ndarray) -> DitherResult:
    """``image`` (uint8, grey or RGB) averaged into greys when it is a dithered one-bit scan."""
    # Every fourth pixel of every fourth row tells a one-bit page: cheap on a 12 MP photo.
    sample = to_grey(np.ascontiguousarray(image[::4, ::4]))
    bilevel = float(np.count_nonzero((sample < 16) | (sample > 239))) / max(1, sample.size)
    if bilevel < BILEVEL:
        return DitherResult(None, bilevel)
    grey = to_grey(image)
    specks = speck_density(grey)
    if specks < MIN_SPECKS:
        return DitherResult(None, bilevel, specks)
    return DitherResult(np.asarray(cv2.GaussianBlur(grey, (0, 0), SIGMA)), bilevel, specks)
