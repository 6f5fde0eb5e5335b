"""Cropping to the printed area before recognition.

A phone photo whose paper edges were not found still shows the table around it, and every
page has margins: on hard photos the print covers under half of the image. Tesseract's
thresholding and layout analysis cost grows with the pixels, so the image it reads is cut to
the box of the letter-sized marks plus a margin. Only the image Tesseract reads is cut; the
mapping back onto the page as scanned keeps the text layer in place.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

MIN_LETTERS = 20
"""Fewer letter-sized marks than this: too little print to trust its box."""
MIN_SAVING = 0.15
"""Crop only when it removes at least this share of the pixels."""


@dataclass(frozen=True)
class CropBox:
    left: int
    top: int
    right: int
    bottom: int
    saving: float
    """Share of the image's pixels cut away."""


def print_box(mask: np.ndarray, char_px: float, margin_px: float) -> CropBox | None:
    """The box of letter-sized ink in ``mask`` (255 = ink) widened by ``margin_px``, in the
    mask's pixels; None when there is too little print or too little to gain."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if n <= MIN_LETTERS:
        return None
    x, y, w, h = (stats[1:, i] for i in range(4))
    letter = (h >= 0.4 * char_px) & (h <= 2.5 * char_px) & (w <= 5 * char_px)
    if int(letter.sum()) < MIN_LETTERS:
        return None
    height, width = mask.shape[:2]
    left = max(0, int(x[letter].min() - margin_px))
    top = max(0, int(y[letter].min() - margin_px))
    right = min(width, int((x + w)[letter].max() + margin_px))
    bottom = min(height, int((y + h)[letter].max() + margin_px))
    saving = 1.0 - (right - left) * (bottom - top) / float(width * height)
    if saving < MIN_SAVING:
        return None
    return CropBox(left, top, right, bottom, saving)


__all__ = ["CropBox", "print_box"]
