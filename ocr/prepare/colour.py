"""How strongly a pixel is coloured ink of one colour: seals' red, stamps' and ballpoints'
blue. Black ink and grey paper have none of either."""

from __future__ import annotations

import numpy as np


def redness(rgb: np.ndarray) -> np.ndarray:
    """How much redder than its other channels each pixel is (0 for grey, ~150 for seal ink)."""
    r = rgb[..., 0].astype(np.int16)
    gb = np.maximum(rgb[..., 1], rgb[..., 2]).astype(np.int16)
    return np.clip(r - gb, 0, 255).astype(np.uint8)


def blueness(rgb: np.ndarray) -> np.ndarray:
    """How much bluer than the weaker of its other channels each pixel is: blue and violet
    stamp ink (~110-130); grey, black, red ink, skin and yellowed paper have none."""
    b = rgb[..., 2].astype(np.int16)
    rg = np.minimum(rgb[..., 0], rgb[..., 1]).astype(np.int16)
    return np.clip(b - rg, 0, 255).astype(np.uint8)
