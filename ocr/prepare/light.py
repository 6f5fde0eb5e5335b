"""Lighting normalisation: divide the page by its own paper brightness.

Shadows of a hand or phone, a lamp on one side, a fold's shade: each multiplies the page by a
slowly varying field. Estimating that field (the paper without its ink) and dividing it out
flattens the paper to white while keeping ink dark. Pages whose paper is already even are left
alone, so a clean scan is not touched.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .measure import background


@dataclass(frozen=True)
class LightResult:
    grey: np.ndarray
    applied: bool
    unevenness: float
    """(p95 - p5) / p95 of the paper brightness over the page."""
    paper_level: float


def paper_unevenness(bg: np.ndarray) -> tuple[float, float]:
    sample = bg[::8, ::8].astype(np.float32)
    lo, hi = np.percentile(sample, (5, 95))
    return float((hi - lo) / max(hi, 1.0)), float(hi)


def normalise_light(grey: np.ndarray, char_px: float, threshold: float) -> LightResult:
    bg = background(grey, char_px)
    uneven, level = paper_unevenness(bg)
    # A dim but even page (grey paper, low exposure) also gains from being lifted to white.
    if uneven < threshold and level > 200:
        return LightResult(grey, False, uneven, level)
    out = grey.astype(np.float32) * (245.0 / np.maximum(bg.astype(np.float32), 1.0))
    return LightResult(np.clip(out, 0, 255).astype(np.uint8), True, uneven, level)
