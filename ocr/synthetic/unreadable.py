"""Pages a clerk must rescan (and blank pages, which are flagged, never dropped)."""

from __future__ import annotations

import random
from typing import Any

import cv2
import numpy as np
from PIL import Image

from .degrade import MASTER_DPI, jpeg_roundtrip

UNREADABLE_KINDS = ("blur", "motion", "dark", "overexposed", "low_dpi", "blank")
"""``blank`` is the one kind the gate must *flag* (warn) rather than reject."""


def spoil(
    rng: random.Random, page: Image.Image, kind: str
) -> tuple[Image.Image, int, dict[str, Any]]:
    """Ruin a clean 300 dpi page the way ``kind`` says; return image, effective dpi, meta."""
    img = np.asarray(page.convert("RGB"), dtype=np.float32)
    nprng = np.random.default_rng(rng.randrange(2**32))
    dpi = rng.choice((300, 200))
    # What the gate must answer: reject, or (blank) warn with reason "blank".
    meta: dict[str, Any] = {"kind": kind, "expected": "blank" if kind == "blank" else "reject"}
    if kind == "blank":
        img = _blank(rng, nprng, img)
    elif kind == "blur":
        sigma = rng.uniform(5.5, 10.0)
        img = cv2.GaussianBlur(img, (0, 0), sigma)
        meta["sigma"] = round(sigma, 1)
    elif kind == "motion":
        k = rng.randint(41, 71)
        kernel = np.zeros((k, k), np.float32)
        kernel[k // 2, :] = 1 / k
        rot = cv2.getRotationMatrix2D((k / 2, k / 2), rng.uniform(0, 180), 1.0)
        img = cv2.filter2D(img, -1, cv2.warpAffine(kernel, rot, (k, k)))
        meta["length"] = k
    elif kind == "dark":
        gain = rng.uniform(0.06, 0.16)
        img = img * gain + rng.uniform(0, 6)
        img = img + nprng.normal(0, rng.uniform(3, 6), img.shape)
        meta["gain"] = round(gain, 3)
    elif kind == "overexposed":
        keep = rng.uniform(0.06, 0.11)
        img = 255 - (255 - img) * keep
        img = img + nprng.normal(0, rng.uniform(1.5, 3), img.shape)
        meta["keep"] = round(keep, 3)
    elif kind == "low_dpi":
        dpi = rng.choice((50, 60, 72, 75))
    else:
        raise ValueError(f"unknown kind {kind!r}; one of {UNREADABLE_KINDS}")
    if dpi != MASTER_DPI:
        f = dpi / MASTER_DPI
        img = cv2.resize(img, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    if kind not in ("dark", "overexposed"):
        img = img + nprng.normal(0, rng.uniform(1, 4), img.shape[:2])[..., None]
    out = Image.fromarray(img.clip(0, 255).astype(np.uint8))
    if rng.random() < 0.5:
        out = jpeg_roundtrip(out, rng.randint(70, 92))
    meta["dpi"] = dpi
    return out, dpi, meta


def _blank(rng: random.Random, nprng: np.random.Generator, img: np.ndarray) -> np.ndarray:
    """The blank back of a page: paper tone, maybe faint show-through of the front, a fold."""
    h, w = img.shape[:2]
    paper = np.full_like(img, rng.uniform(232, 252))
    if rng.random() < 0.5:
        # Show-through: the front, mirrored, at a few percent contrast.
        ghost = cv2.GaussianBlur(img[:, ::-1], (0, 0), 4.0)
        paper = paper - (255 - ghost) * rng.uniform(0.01, 0.025)
    if rng.random() < 0.3:
        y = int(h * rng.uniform(0.3, 0.7))
        paper[max(0, y - 2) : y + 2] *= 0.85
    del w
    return paper + nprng.normal(0, 2, paper.shape[:2])[..., None]
