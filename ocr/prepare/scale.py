"""Upscaling of low-resolution scans: Tesseract reads best with ~20-30 px lower-case letters."""

from __future__ import annotations

import cv2
import numpy as np


def upscale_factor(
    dpi: int,
    text_px: float | None,
    below_dpi: int,
    target_dpi: int,
    min_text_px: float,
    max_factor: float,
) -> float:
    """1.0 (leave alone) or the enlargement that brings the page to ``target_dpi``.

    The dpi decides; small text on a page at a good dpi (a card photocopy) is enlarged too.
    """
    factor = 1.0
    if dpi < below_dpi:
        factor = target_dpi / dpi
    if text_px and text_px < min_text_px:
        # Letters about 32 px high (cap height) are what Tesseract reads best.
        factor = max(factor, 32.0 / text_px)
    return float(min(max_factor, factor)) if factor > 1.05 else 1.0


def upscale(grey: np.ndarray, factor: float) -> np.ndarray:
    return cv2.resize(grey, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
