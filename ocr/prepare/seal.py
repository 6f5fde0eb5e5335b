"""Red-seal suppression: a colour page to grey with round red stamps lightened.

Vietnamese papers carry a red round seal over the signature and often over the signer's
title and name. Black ink under red ink stays dark in the red channel while the seal turns as
light as the paper, so inside a seal's circle we take the red channel instead of the
luminance. Red *text* (a diploma's title, a card's heading) is elongated, not round, and is
kept as ordinary dark grey.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .measure import background


@dataclass(frozen=True)
class SealResult:
    grey: np.ndarray
    seals: list[tuple[int, int, int, int]]
    """Bounding boxes (x, y, w, h) of the seals found."""
    red_share: float


RED = 45
"""Redness of seal ink on a good scan."""
FADED_RED = 25
"""Redness of a faded seal in a phone photo (JPEG and poor light wash the colour out); still
above black text's colour fringes and skin in an ID photo (~10-20)."""


def redness(rgb: np.ndarray) -> np.ndarray:
    """How much redder than its other channels each pixel is (0 for grey, ~150 for seal ink)."""
    r = rgb[..., 0].astype(np.int16)
    gb = np.maximum(rgb[..., 1], rgb[..., 2]).astype(np.int16)
    return np.clip(r - gb, 0, 255).astype(np.uint8)


def find_seals(
    rgb: np.ndarray,
    dpi: int,
    min_in: float = 0.45,
    max_in: float = 2.6,
    red_min: int = RED,
) -> list[tuple[int, int, int, int]]:
    """Round red marks between ``min_in`` and ``max_in`` inches across."""
    f = min(1.0, 100.0 / dpi)  # work at ~100 dpi
    small = cv2.resize(rgb, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else rgb
    red = (redness(small) > red_min).astype(np.uint8) * 255
    if not red.any():
        return []
    px = dpi * f
    k = max(3, int(px * 0.08) | 1)
    blob = cv2.morphologyEx(
        red, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    )
    n, _, stats, _ = cv2.connectedComponentsWithStats(blob)
    seals = []
    for i in range(1, n):
        x, y, w, h, _area = stats[i]
        side = max(w, h) / px
        if not (min_in <= side <= max_in and 0.7 <= w / max(h, 1) <= 1.4):
            continue
        # A seal is a ring with text: red pixels sit mostly near its rim, not in a solid block.
        sub = red[y : y + h, x : x + w]
        if sub.mean() / 255 > 0.75:
            continue
        seals.append((int(x / f), int(y / f), int(w / f), int(h / f)))
    return seals


def suppress_seals(rgb: np.ndarray, dpi: int) -> SealResult:
    """Greyscale page with seals lightened (luminance elsewhere)."""
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    red_map = redness(rgb[::4, ::4])
    share = float((red_map > FADED_RED).mean())
    if share < 1e-4:
        return SealResult(grey, [], share)
    seals = find_seals(rgb, dpi) or find_seals(rgb, dpi, red_min=FADED_RED)
    pad = int(dpi * 0.06)
    for x, y, w, h in seals:
        x0, y0 = max(0, x - pad), max(0, y - pad)
        x1, y1 = min(rgb.shape[1], x + w + pad), min(rgb.shape[0], y + h + pad)
        sub = rgb[y0:y1, x0:x1]
        red = redness(sub).astype(np.float32)
        # Weight by redness so black and blue ink keep their luminance exactly; a faded
        # seal's weaker red counts in proportion to its own ink.
        inked = red[red > FADED_RED]
        level = float(np.percentile(inked, 75)) if inked.size else float(RED)
        lo = min(20.0, 0.3 * level)
        wgt = np.clip((red - lo) / min(50.0, max(15.0, level - lo)), 0, 1)
        lum = grey[y0:y1, x0:x1].astype(np.float32)
        red_ch = sub[..., 0].astype(np.float32)
        grey[y0:y1, x0:x1] = (lum * (1 - wgt) + red_ch * wgt).astype(np.uint8)
    return SealResult(grey, seals, share)


# --- greyscale scans: the seal is a mid-grey ring, the text under it black ------------------


def _ring_share(mask: np.ndarray) -> float:
    """Share of a blob's pixels lying near the rim of its bounding circle (a seal: most)."""
    ys, xs = np.nonzero(mask)
    if xs.size < 50:
        return 0.0
    h, w = mask.shape
    r = (h + w) / 4
    d = np.hypot(xs - w / 2, ys - h / 2) / max(r, 1)
    return float(((d > 0.72) & (d < 1.08)).mean())


def find_grey_seals(
    grey: np.ndarray, dpi: int, min_in: float = 0.45, max_in: float = 2.6
) -> list[tuple[int, int, int, int]]:
    """Round mid-grey marks (a red seal scanned in greyscale) with clear rings."""
    f = min(1.0, 150.0 / dpi)  # strokes of body text keep a dark core at 150 dpi
    small = cv2.resize(grey, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else grey
    px = dpi * f
    norm = small.astype(np.float32) / np.maximum(background(small, px / 10).astype(np.float32), 1)
    dark = (norm < 0.3).astype(np.uint8)
    near_dark = cv2.dilate(dark, np.ones((3, 3), np.uint8)) > 0
    mid = ((norm > 0.3) & (norm < 0.82) & ~near_dark).astype(np.uint8) * 255
    k = max(3, int(px * 0.06) | 1)
    blob = cv2.morphologyEx(
        mid, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    )
    n, _, stats, _ = cv2.connectedComponentsWithStats(blob)
    seals = []
    for i in range(1, n):
        x, y, w, h, _area = stats[i]
        side = max(w, h) / px
        if not (min_in <= side <= max_in and 0.75 <= w / max(h, 1) <= 1.33):
            continue
        sub = mid[y : y + h, x : x + w] > 0
        if not 0.05 < sub.mean() < 0.6 or _ring_share(sub) < 0.5:
            continue
        seals.append((int(x / f), int(y / f), int(w / f), int(h / f)))
    return seals


def suppress_grey_seals(
    grey: np.ndarray, dpi: int
) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """Lighten mid-grey seal ink inside each seal's circle, keeping what is darker (text)."""
    seals = find_grey_seals(grey, dpi)
    if not seals:
        return grey, []
    out = grey.copy()
    kept = []
    for x, y, w, h in seals:
        pad = int(0.15 * max(w, h))
        x0, y0 = max(0, x - pad), max(0, y - pad)
        x1, y1 = min(grey.shape[1], x + w + pad), min(grey.shape[0], y + h + pad)
        sub = grey[y0:y1, x0:x1].astype(np.float32)
        paper = float(np.percentile(sub, 95))
        norm = sub / max(paper, 1.0)
        ink = norm[norm < 0.85]
        if ink.size < 100:
            continue
        text_level = float(np.percentile(ink, 3))
        seal_level = float(np.median(ink))
        if seal_level - text_level < 0.25:
            continue  # seal and text inks too alike to part: leave the page as it is
        cut = text_level + 0.45 * (seal_level - text_level)
        yy, xx = np.mgrid[y0:y1, x0:x1]
        disc = np.hypot(xx - (x + w / 2), yy - (y + h / 2)) <= 0.62 * max(w, h)
        lift = disc & (norm > cut)
        region = out[y0:y1, x0:x1]
        region[lift] = np.uint8(min(255, paper))
        kept.append((x, y, w, h))
    return out, kept
