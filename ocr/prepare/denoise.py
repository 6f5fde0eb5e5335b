"""Denoising: a median filter sized to the measured noise, only when there is noise.

Sensor noise and JPEG speckle make Tesseract's binarisation ragged. A median keeps stroke
edges (unlike a blur) and is cheap; non-local means would be better and ten times slower.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .measure import noise_sigma


@dataclass(frozen=True)
class DenoiseResult:
    grey: np.ndarray
    applied: bool
    sigma: float
    kernel: int


def denoise(grey: np.ndarray, threshold: float, char_px: float | None) -> DenoiseResult:
    sigma = noise_sigma(grey)
    if sigma < threshold:
        return DenoiseResult(grey, False, sigma, 0)
    # A 5x5 median would eat thin strokes of small text; keep 3 unless the text is large.
    kernel = 5 if sigma > 2.5 * threshold and (char_px or 0) > 28 else 3
    return DenoiseResult(cv2.medianBlur(grey, kernel), True, sigma, kernel)
