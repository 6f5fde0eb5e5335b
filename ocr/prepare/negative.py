"""Negative pages: white print on black, as a microfilm reader prints them or a scanner set to
"negative" saves them.

Tesseract can read an inverted line, but every stage here takes the paper for the light part
of the page: lighting normalisation lifts the black ground to white and the letters with it,
and the page reads as nothing (CER 0.89 where plain Tesseract gets 0.10). Such a page is
turned positive before anything else. It is told from a dark photo of a normal page by
where its minority tone lies: the light pixels, few and thin like letters' strokes, on a
dark ground; a dark photo's print is darker than its paper, and a light paper on a dark desk
is light in a wide patch, not in strokes.
"""

from __future__ import annotations

import cv2
import numpy as np

from .measure import shrink

WORK_DPI = 100
DARK_GROUND = 60
"""A negative's ground is darker than this (its median; 5-40 on microfilm prints). A
normal page photographed in a shadow is 70-100, its lit edge a thin light strip."""
CONTRAST = 80
"""Print stands this far from the ground, lighter on a negative, darker on a dark page."""
LIGHT_SHARE = (0.005, 0.4)
"""Share of a negative's pixels that are its (light) print."""
DOMINANCE = 4.0
"""A negative has this many times more light print than dark marks."""
STROKE_IN = 0.05
"""Letters' strokes are thinner than this: eroding by it leaves little of them."""
THIN = 0.6
"""At most this share of the light pixels survives the erosion on a negative (its photo
survives; a light paper on a dark desk survives almost whole)."""


def is_negative(grey: np.ndarray, dpi: float) -> bool:
    """Whether the page (grey) is white print on a dark ground."""
    f = min(1.0, WORK_DPI / max(dpi, 1.0))
    small = shrink(grey, f) if f < 1 else grey
    # Tones from a histogram: most pages stop at their light ground, for the price of one.
    hist = np.bincount(small.ravel(), minlength=256)
    ground = int(np.searchsorted(np.cumsum(hist), small.size / 2))
    if ground >= DARK_GROUND:
        return False
    share = float(hist[ground + CONTRAST + 1 :].sum()) / small.size
    if not LIGHT_SHARE[0] <= share <= LIGHT_SHARE[1]:
        return False
    if share < DOMINANCE * float(hist[: max(0, ground - CONTRAST)].sum()) / small.size:
        return False
    light = (small > ground + CONTRAST).astype(np.uint8)
    k = max(3, int(round(STROKE_IN * dpi * f)) | 1)
    kept = cv2.erode(light, np.ones((k, k), np.uint8))
    return float(kept.sum()) <= THIN * float(light.sum())
