"""Minimal page preparation: turn the page upright with Tesseract OSD.

Returns the same shape as the full preparation pipeline (``ocr.prepare``) so either can feed
``ocr.pipeline``: the image to read, the image to show, and the pixel mapping between them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from .tesseract import detect_orientation

MIN_OSD_CONFIDENCE = 2.0  # below this Tesseract's guess is noise; leave the page as it is


@dataclass(frozen=True)
class StepRecord:
    name: str
    applied: bool
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class UprightPage:
    image: np.ndarray
    upright: np.ndarray
    to_upright: np.ndarray
    dpi: int | None
    steps: list[StepRecord]


def rotate_clockwise(image: np.ndarray, angle: int) -> np.ndarray:
    turns = (angle // 90) % 4
    # np.rot90 turns counter-clockwise for positive k
    return np.ascontiguousarray(np.rot90(image, k=-turns)) if turns else image


def upright_page(image: np.ndarray, dpi: int | None, timeout: float = 30.0) -> UprightPage:
    angle, confidence = detect_orientation(image, timeout=timeout)
    applied = angle != 0 and confidence >= MIN_OSD_CONFIDENCE
    shown = rotate_clockwise(image, angle) if applied else image
    step = StepRecord("orientation", applied, {"angle": angle, "confidence": round(confidence, 2)})
    # Tesseract reads the upright image itself, so the mapping is the identity.
    return UprightPage(shown, shown, np.eye(3), dpi, [step])
