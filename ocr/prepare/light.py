"""Lighting normalisation: divide the page by its own paper brightness.

Shadows of a hand or phone, a lamp on one side, a fold's shade: each multiplies the page by a
slowly varying field. Estimating that field (the paper without its ink) and dividing it out
flattens the paper to white while keeping ink dark. Pages whose paper is already even are left
alone, so a clean scan is not touched.

Faded print (a copy of a copy, toner running out, grey paper) is the other half of the same
problem: ink of 140 on paper of 205. Tesseract's thresholds assume more contrast than that
(its local one for enlarged scans drops such ink altogether), so faint ink is stretched back
to black.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .measure import background


@dataclass(frozen=True)
class LightResult:
    grey: np.ndarray
    applied: bool
    unevenness: float
    """(p95 - p5) / p95 of the paper brightness over the page."""
    paper_level: float
    ink_level: float | None = None
    """The darkest ink's level before stretching, when it was stretched."""


PAPER = 245.0
"""Where the paper goes."""
FAINT_INK = 120.0
"""The darkest ink of a page (its 0.5th percentile) lighter than this, with the paper at
``PAPER``, is stretched towards ``INK``. Print on a good scan is 20-60, blurred print on hard
phone photos 90-115 (and reads better left as it is); faded copies 150-200."""
INK = 30.0
MAX_GAIN = 2.0
"""Contrast is at most doubled: enough for Tesseract's thresholds to see the ink (the worst
faded copy measured went from CER 0.29 to 0.002), while a full stretch of a very faint page
thickened its strokes, amplified its noise and read worse."""


def paper_unevenness(bg: np.ndarray) -> tuple[float, float]:
    sample = bg[::8, ::8].astype(np.float32)
    lo, hi = np.percentile(sample, (5, 95))
    return float((hi - lo) / max(hi, 1.0)), float(hi)


def normalise_light(grey: np.ndarray, char_px: float, threshold: float) -> LightResult:
    bg = background(grey, char_px)
    uneven, level = paper_unevenness(bg)
    # A dim but even page (grey paper, low exposure) also gains from being lifted to white.
    if uneven < threshold and level > 200:
        return _stretched(LightResult(grey, False, uneven, level), level)
    out = grey.astype(np.float32) * (PAPER / np.maximum(bg.astype(np.float32), 1.0))
    return _stretched(
        LightResult(np.clip(out, 0, 255).astype(np.uint8), True, uneven, level), PAPER
    )


def _stretched(res: LightResult, paper: float) -> LightResult:
    """``res`` with the paper at ``PAPER`` and faint ink darkened towards ``INK``."""
    ink = float(np.percentile(res.grey[::4, ::4], 0.5))
    if ink * PAPER / max(paper, 1.0) <= FAINT_INK or paper - ink < 20:
        return res  # dark enough already, or no ink to speak of (a blank page)
    gain = min(MAX_GAIN, (PAPER - INK) / (paper - ink))
    lut = np.clip(PAPER - (paper - np.arange(256, dtype=np.float32)) * gain, 0, 255)
    return replace(res, grey=lut.astype(np.uint8)[res.grey], applied=True, ink_level=ink)
