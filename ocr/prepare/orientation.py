"""Orientation: is the (deskewed) page upright, sideways or upside down?

Our own test first, because it costs milliseconds where Tesseract's OSD costs most of a
second: in Latin script, and far more in Vietnamese with its stacked diacritics, a text line
carries much more ink above its x-height band (ascenders, capitals, accents) than below it
(descenders, the dot below). Turned upside down the imbalance flips. Only when this test is
unsure does the page go to Tesseract OSD (``ocr.tesseract.detect_orientation``).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ..errors import OcrTimeout
from ..tesseract import detect_orientation


@dataclass(frozen=True)
class Orientation:
    angle: int
    """Clockwise quarter turn (0, 90, 180, 270) that makes the page upright."""
    method: str
    """"own", "osd", or "none" (no decision: left as is)."""
    score: float
    lines: int


def updown_score(mask: np.ndarray) -> tuple[float, int]:
    """(score, lines): score > 0 when the lines of an ink mask (text running across) are
    upright, < 0 when upside down; |score| up to ~1."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if n < 20:
        return 0.0, 0
    hts = stats[1:, cv2.CC_STAT_HEIGHT]
    med = float(np.median(hts[hts >= 3])) if (hts >= 3).any() else 0.0
    if med < 4:
        return 0.0, 0
    # Join letters and their accents into line blobs: wide horizontally, a little vertically.
    kw, kh = max(3, int(med * 1.6)), max(1, int(med * 0.45))
    blobs = cv2.morphologyEx(
        mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (kw, kh))
    )
    m, _, bstats, _ = cv2.connectedComponentsWithStats(blobs, connectivity=8)
    up = down = 0.0
    lines = 0
    for i in range(1, m):
        x, y, w, h, _ = bstats[i]
        if w < 4 * med or h < 0.8 * med or h > 3.2 * med:
            continue
        if y == 0 or y + h == mask.shape[0]:
            # Cut by the frame (or a sliver of desk along a photographed card's edge): its
            # profile is not a whole line's, and one such blob outweighed 15 lines of a card.
            continue
        prof = (mask[y : y + h, x : x + w] > 0).sum(axis=1).astype(np.float32)
        if prof.max() <= 0:
            continue
        core = np.nonzero(prof >= 0.5 * prof.max())[0]
        top, bottom = int(core[0]), int(core[-1])
        if bottom - top < 0.25 * med:
            continue
        a, b = float(prof[:top].sum()), float(prof[bottom + 1 :].sum())
        if a + b <= 0:
            continue
        up += a
        down += b
        lines += 1
    if lines == 0 or up + down <= 0:
        return 0.0, lines
    return (up - down) / (up + down), lines


def _turn(mask: np.ndarray, clockwise: int) -> np.ndarray:
    return np.ascontiguousarray(np.rot90(mask, -clockwise // 90))


def detect(
    mask: np.ndarray,
    vertical: bool,
    grey: np.ndarray,
    margin: float,
    osd_min_conf: float,
    osd_timeout: float,
    allow_osd: bool = True,
) -> Orientation:
    """``mask``: ink of the deskewed page (~100-150 dpi); ``vertical``: its lines run down.

    ``grey`` is the deskewed page for OSD, should our test be unsure.
    """
    base = 90 if vertical else 0
    probe = _turn(mask, base) if vertical else mask
    score, lines = updown_score(probe)
    if lines >= 3 and abs(score) >= margin:
        angle = base if score > 0 else (base + 180) % 360
        return Orientation(angle, "own", score, lines)
    if allow_osd:
        try:
            osd_angle, conf = detect_orientation(grey, timeout=osd_timeout)
        except OcrTimeout:  # no answer in time: as unsure as a low confidence
            osd_angle, conf = 0, 0.0
        if conf >= osd_min_conf:
            return Orientation(osd_angle, "osd", conf, lines)
    if vertical:
        # Sideways for sure, direction unknown: 90 is the more common way to feed a page.
        return Orientation(90 if score >= 0 else 270, "own", score, lines)
    return Orientation(0, "none", score, lines)
