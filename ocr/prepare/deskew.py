"""Deskew: the angle of the text lines by projection profiles, then a rotation.

Ink pixels are projected onto the normal of each candidate direction; at the true angle every
text line falls into a few bins and the profile is sharpest (sum of squared bin counts). The
search covers -45..45 degrees for lines running across *and* down the page, so a page lying
sideways is straightened here and turned by the orientation stage. Coarse 1 degree steps, then
0.05 degree steps around the best.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

MAX_POINTS = 30_000


@dataclass(frozen=True)
class Skew:
    angle: float
    """Degrees counter-clockwise (as seen on screen) that the text lines are turned."""
    vertical: bool
    """Text lines run down the page: the page lies sideways (90 or 270)."""
    confidence: float
    """How much sharper the best profile is than the median angle's (1 = no structure)."""


def _points(mask: np.ndarray, rng: np.random.Generator, limit: int) -> np.ndarray:
    ys, xs = np.nonzero(mask)
    if xs.size > limit:
        keep = rng.choice(xs.size, limit, replace=False)
        xs, ys = xs[keep], ys[keep]
    return np.stack([xs, ys], axis=1).astype(np.float32)


def _scores(pts: np.ndarray, angles: np.ndarray, vertical: bool) -> np.ndarray:
    x, y = pts[:, 0], pts[:, 1]
    out = np.empty(angles.size, np.float64)
    for i, a in enumerate(np.radians(angles)):
        proj = x * np.cos(a) - y * np.sin(a) if vertical else x * np.sin(a) + y * np.cos(a)
        idx = np.floor(proj - proj.min()).astype(np.int64)
        counts = np.bincount(idx)
        out[i] = float(np.dot(counts, counts))
    return out


def estimate_skew(
    mask: np.ndarray,
    max_angle: float = 45.0,
    coarse_step: float = 1.0,
    max_points: int = MAX_POINTS,
) -> Skew | None:
    """Skew of an ink mask (255 = ink) at roughly 75-150 dpi; None when there is no text."""
    # Drop big blobs (photos, seals' stars, table rules): they do not follow text lines.
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if n < 15:
        return None
    h = stats[1:, cv2.CC_STAT_HEIGHT]
    w = stats[1:, cv2.CC_STAT_WIDTH]
    med = float(np.median(h[h >= 3])) if (h >= 3).any() else 0.0
    if med <= 0:
        return None
    small_enough = (h <= 3 * med) & (w <= 6 * med) & (h >= 2)
    keep = np.zeros(n, bool)
    keep[1:] = small_enough
    text = keep[labels]
    pts = _points(text, np.random.default_rng(0), max_points)
    if pts.shape[0] < 200:
        return None
    coarse = np.arange(-max_angle, max_angle + 0.01, coarse_step)
    best: tuple[float, float, bool] | None = None
    all_scores = []
    for vertical in (False, True):
        s = _scores(pts, coarse, vertical)
        all_scores.append(s)
        i = int(np.argmax(s))
        if best is None or s[i] > best[1]:
            best = (float(coarse[i]), float(s[i]), vertical)
    assert best is not None
    angle, _, vertical = best
    fine = np.arange(angle - coarse_step, angle + coarse_step + 0.0001, 0.05 * coarse_step)
    fs = _scores(pts, fine, vertical)
    angle = float(fine[int(np.argmax(fs))])
    baseline = float(np.median(np.concatenate(all_scores)))
    return Skew(angle=angle, vertical=vertical, confidence=float(fs.max()) / max(baseline, 1.0))


def rotate(
    image: np.ndarray, angle: float, fill: int | tuple[int, ...] = 255
) -> tuple[np.ndarray, np.ndarray]:
    """Rotate counter-clockwise by ``angle`` degrees on a canvas large enough to keep every
    corner; returns the image and the 3x3 matrix (source -> result pixels)."""
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(np.ceil(h * sin + w * cos)), int(np.ceil(h * cos + w * sin))
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    out = cv2.warpAffine(
        image, m, (nw, nh), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT, borderValue=fill
    )
    return out, np.vstack([m, [0.0, 0.0, 1.0]])
