"""Dot-matrix print: letters drawn as rows of dots.

Forms, receipts and older certificates are still printed on impact printers (the counter's
Epson LQ), and a worn ribbon or a draft mode leaves every stroke a chain of separate grey
dots. The eye joins them; Tesseract's threshold keeps the dots and the gaps between them, and
reads broken letters (CER 0.43 on such a page by plain Tesseract, 0.25 prepared without this
stage).

The dots lie on the print head's grid, so inside the strokes the print repeats every dot
pitch (2-6 px at 300 dpi) across and down the page: the strokes' own ink, correlated with
itself a pitch away, rises again after a dip. Solid strokes fade out steadily with the
distance. Where that grid shows along both axes (or clearly along one: dots that touch
across a stroke part only along it), a blur of about half a pitch joins the dots into
strokes (CER 0.08 on the same page), as the eye does.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .measure import to_grey

WORK_DPI = 300
"""The grid is looked for at this resolution: the pitches below are pixels at it."""
LAGS = range(1, 8)
PITCHES = range(2, 7)
"""Dot pitches looked for (pixels at ``WORK_DPI``): a 9-pin head's 1/72 in is 4.2 px, a
24-pin draft's 1/90-1/120 in 2.5-3.3 px; a 24-pin letter-quality line overlaps its dots and
prints solid strokes."""
MIN_LATTICE = 0.1
"""How far the strokes' self-correlation must rise again at the pitch, along both axes:
0.18-0.67 on dot-matrix pages; on none of 342 benchmark pages of every other kind (scans,
photos, dithered, halftone and screen-photographed pages among them) above 0.03 along both."""
MIN_ONE_AXIS = 0.3
"""... or this far along one axis alone: where the dots are as wide as their pitch, they
touch across a one-dot stroke and part only along it (a 9-pin head's column of dots down a
letter): 0.50-0.67 down such pages, nothing across. On the 342 benchmark pages of other
kinds at most 0.15 along one axis (a horizontal shake's echo)."""
STRIPS = 3
STRIP_IN = 1.0
"""The grid is looked for in three strips across the page (an inch high, at a quarter, half
and three quarters of its height): the print there is the page's print, and the whole page
would cost ten times more."""
SIGMA_PER_PITCH = 0.45
"""The blur that joins the dots, as a share of the pitch: 1.3 px for a 3 px pitch read best
(1.0: CER 0.14, 1.3: 0.08, 1.6: 0.09 on the page above)."""


@dataclass(frozen=True)
class DotsResult:
    image: np.ndarray | None
    """The page with its dots joined into strokes, when they were found."""
    lattice: tuple[float, float]
    """The rise at the pitch across and down the page."""
    pitch: tuple[int, int] | None = None
    """The pitch across and down (pixels at ``WORK_DPI``; 0 where none was seen)."""


def _rise(corr: list[float]) -> tuple[float, int]:
    """The largest rise of ``corr`` (indexed by lag - 1) to a local peak at a pitch in
    ``PITCHES`` above its lowest value at a shorter lag, and that pitch."""
    best, pitch = 0.0, 0
    for lag in PITCHES:
        i = lag - 1
        if i + 1 < len(corr) and corr[i] > corr[i - 1] and corr[i] >= corr[i + 1]:
            rise = corr[i] - min(corr[:i])
            if rise > best:
                best, pitch = rise, lag
    return best, pitch


def _strips(image: np.ndarray, dpi: float) -> np.ndarray:
    h = image.shape[0]
    tall = max(8, int(STRIP_IN * dpi))
    parts = []
    for k in range(1, STRIPS + 1):
        mid = h * k // (STRIPS + 1)
        parts.append(image[max(0, mid - tall // 2) : mid + tall // 2])
    strips = to_grey(np.concatenate(parts, axis=0))
    f = WORK_DPI / dpi
    if abs(f - 1) > 0.05:
        inter = cv2.INTER_AREA if f < 1 else cv2.INTER_CUBIC
        strips = cv2.resize(strips, None, fx=f, fy=f, interpolation=inter)
    return strips


def self_correlation(strips: np.ndarray) -> tuple[list[float], list[float]]:
    """The print's detail inside its strokes correlated with itself ``LAGS`` px across and
    down (1 at lag 0)."""
    g = strips.astype(np.float32)
    joined = cv2.GaussianBlur(g, (0, 0), 1.5)
    # The strokes as the joined print shows them: the gaps between dots lie inside them.
    _, inside = cv2.threshold(
        joined.astype(np.uint8), 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU
    )
    detail = (g - cv2.GaussianBlur(g, (0, 0), 3.0)) * inside
    energy = float(np.einsum("ij,ij->", detail, detail))
    if energy <= 0:
        return [0.0] * len(LAGS), [0.0] * len(LAGS)
    across = [float(np.einsum("ij,ij->", detail[:, :-k], detail[:, k:])) / energy for k in LAGS]
    down = [float(np.einsum("ij,ij->", detail[:-k], detail[k:])) / energy for k in LAGS]
    return across, down


def join_dots(image: np.ndarray, dpi: float, min_lattice: float = MIN_LATTICE) -> DotsResult:
    """``image`` (uint8, grey or RGB, ``dpi``) with the dots of a dot-matrix print joined
    into strokes, when its strokes are drawn as dots on a grid."""
    across, down = self_correlation(_strips(image, dpi))
    (rise_x, pitch_x), (rise_y, pitch_y) = _rise(across), _rise(down)
    lattice = (round(rise_x, 3), round(rise_y, 3))
    if min(rise_x, rise_y) < min_lattice and max(rise_x, rise_y) < MIN_ONE_AXIS:
        return DotsResult(None, lattice)
    seen = [p for p, rise in ((pitch_x, rise_x), (pitch_y, rise_y)) if rise >= min_lattice]
    sigma = SIGMA_PER_PITCH * sum(seen) / len(seen) * dpi / WORK_DPI
    joined = cv2.GaussianBlur(image, (0, 0), sigma)
    return DotsResult(joined, lattice, (pitch_x, pitch_y))
