"""Resolution for recognition: Tesseract reads best with letters ~26-30 px high, so low-resolution
scans are enlarged and very fine ones (600 dpi) brought down to where it reads as well, faster."""

from __future__ import annotations

import cv2
import numpy as np

READ_BEST_PX = 30.0
"""Letters about this high (cap height) are what Tesseract reads best. Its ``vie`` model
reads each line scaled to 36 px high (``combine_tessdata -d``: ``[1,36,0,1...``), and a line
of Vietnamese, stacked marks and descenders included, is some 1.6 cap heights: larger
letters are shrunk back before they are read, and their pixels cost only the layout
analysis: on the hard pages of ``bench/ocr_quality.py`` (nearly all enlarged) 32 px took
1.92 s a page and 30 px 1.61 s, for the same median CER (0.007). The pages of both benchmark
corpora that are enlarged have letters of 26.5 px at most."""


MAX_PIXELS = 24e6
"""Largest page Tesseract is given after enlarging (an A4 page at ~460 dpi). The enlarged
pages of the benchmark corpora stay under 19 million pixels; a page drowned in noise, whose
specks passed for 14 px letters, was enlarged to 43 million and took three minutes to read."""


def upscale_factor(
    dpi: int,
    text_px: float | None,
    below_dpi: int,
    target_dpi: int,
    min_text_px: float,
    max_factor: float,
    pixels: int = 0,
) -> float:
    """1.0 (leave alone) or the enlargement that brings the page to ``target_dpi``.

    The dpi decides; small text on a page at a good dpi (a card photocopy) is enlarged too,
    and letters already as large as Tesseract reads best are not, whatever the dpi: a
    photographed paper's dpi is a guess (an ID card photographed close is taken for an A4
    page at 190 dpi while its letters are 31 px high). ``pixels``, the page's size, bounds
    the enlargement to ``MAX_PIXELS``.
    """
    if text_px and text_px >= 0.9 * READ_BEST_PX:
        return 1.0
    factor = 1.0
    if dpi < below_dpi:
        factor = target_dpi / dpi
    if text_px and text_px < min_text_px:
        factor = max(factor, READ_BEST_PX / text_px)
    if pixels:
        max_factor = min(max_factor, float(np.sqrt(MAX_PIXELS / pixels)))
    return float(min(max_factor, factor)) if min(max_factor, factor) > 1.05 else 1.0


def upscale(grey: np.ndarray, factor: float) -> np.ndarray:
    return cv2.resize(grey, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)


def reduce_factor(
    dpi: int, text_px: float | None, above_dpi: int, to_dpi: int, min_text_px: float
) -> float:
    """1.0 (leave alone) or the reduction that brings a scan above ``above_dpi`` to ``to_dpi``,
    never so far that its letters (``text_px``, cap height) drop below ``min_text_px``.

    A 600 dpi page has four times the pixels of a 300 dpi one and reads no better: every
    stage and Tesseract's layout analysis pay for each pixel."""
    if dpi <= above_dpi:
        return 1.0
    factor = to_dpi / dpi
    if text_px:
        factor = max(factor, min_text_px / text_px)
    return float(factor) if factor < 0.8 else 1.0
