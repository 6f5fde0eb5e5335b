"""Pen marks in dark ink: a ring drawn round a line to point at it.

A ring round a line crosses its letters and joins them into one big shape, which Tesseract's
page layout takes for a picture: the ringed words are lost, or read as junk. Blue and violet
pen is lifted by its colour (``ocr.prepare.pen``); black pen is as dark as print, so a mark
is told by its shape: a large thin shape round a large hole, made of long smooth runs,
some of them slanting, that an ellipse follows. Print's strokes are short (a letter's stem
is a tenth of an inch); a table's rules are long but run only across and down the
(straightened) page; a seal's print, a photo or a QR code fill their box; a signature's
loops are small and no ellipse follows it.

The ellipse is fitted to the edge of the ring's inside (again without the letters that
stick into it), and the pen's line along it is set to paper: the letters it crossed keep
every pixel but those under the line. (Taking out only the ring's long runs left its tight
ends and its grey edges, which Tesseract read as brackets and dashes.)
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .measure import shrink

WORK_DPI = 150
RUN_IN = 0.2
"""A pen's curve holds straight runs this long (a ring's flat sides; its tight ends do not);
print's strokes are shorter, but for titles' stems."""
ANGLES = 12
"""Directions the runs are sought in (every 15°)."""
MIN_LONG_IN = 1.0
MIN_SHORT_IN = 0.2
"""A mark is at least this long and this high (a tick is smaller, and harmless)."""
MAX_FILL = 0.15
"""Share of its box a mark's ink fills at most: a thin line round mostly paper."""
MIN_SLANT = 0.25
"""Share of a mark's long runs that slant (neither across nor down the page): a table's
grid has none."""
MIN_HOLE = 0.25
"""Share of its box a ring's inside takes at least (an ellipse's is 0.79, less the letters
it crosses)."""
FOLLOWS = 0.6
"""Share of a ring's ink (or of the fitted ellipse's line, if less) that lies on the
ellipse: a hand's ring is near enough an ellipse, a signature's loop is not."""
MARGIN_IN = 0.01
"""Taken beyond each side of the pen's line: its grey edge and the hand's wobble."""
DARK = 0.55
"""Ink is darker than this share of the paper's brightness."""


@dataclass(frozen=True)
class MarksResult:
    grey: np.ndarray
    marks: list[tuple[int, int, int, int]]
    """(x, y, width, height) of each mark taken out, in the image's pixels."""


def _line(length: int, angle: float) -> np.ndarray:
    """A one-pixel line ``length`` long at ``angle`` degrees, as a structuring element."""
    k = np.zeros((length, length), np.uint8)
    c = (length - 1) / 2
    dx, dy = np.cos(np.radians(angle)) * c, np.sin(np.radians(angle)) * c
    cv2.line(k, (round(c - dx), round(c - dy)), (round(c + dx), round(c + dy)), 1, 1)
    return k


def _runs(ink: np.ndarray, length: int) -> tuple[np.ndarray, np.ndarray]:
    """Pixels of ``ink`` (0/1) on straight runs ``length`` long: all of them, and the
    slanting ones."""
    # Padded with paper: beyond the image's edge OpenCV's erosion sees ink.
    padded = cv2.copyMakeBorder(ink, length, length, length, length, cv2.BORDER_CONSTANT, value=0)
    every = np.zeros(padded.shape, bool)
    slant = np.zeros(padded.shape, bool)
    for i in range(ANGLES):
        angle = i * 180 / ANGLES
        kept = cv2.morphologyEx(padded, cv2.MORPH_OPEN, _line(length, angle)) > 0
        every |= kept
        if min(angle % 90, 90 - angle % 90) > 10:
            slant |= kept
    inner = np.s_[length:-length, length:-length]
    return every[inner], slant[inner]


Ellipse = tuple[tuple[float, float], tuple[float, float], float]


def _fit(shape: np.ndarray, hole: np.ndarray, width: float) -> Ellipse | None:
    """The ellipse the pen drew (OpenCV's centre, axes, angle; through the line's middle),
    fitted to the edge of the ring's inside and fitted again without the letters that
    stick into it; None if it does not follow the ring."""
    points = hole.reshape(-1, 2)
    if len(points) < 5:
        return None
    ellipse = _fit_ellipse(points)
    for _ in range(2):
        near = _band(shape.shape, ellipse, 1)
        dist = cv2.distanceTransform((~near).astype(np.uint8), cv2.DIST_L2, 3)
        kept = points[dist[points[:, 1], points[:, 0]] <= max(2.0, width)]
        if len(kept) < max(5, len(points) // 2):
            return None
        ellipse = _fit_ellipse(kept)
    (cx, cy), (a, b), angle = ellipse
    h, w = shape.shape
    if not (np.isfinite([cx, cy, a, b]).all() and min(a, b) > 0 and max(a, b) <= 1.5 * max(w, h)):
        return None  # the points lie near a line, not round a ring
    ellipse = ((cx, cy), (a + width, b + width), angle)
    # Most of the ring's ink lies on it: else this is some other loop.
    on = _band(shape.shape, ellipse, int(width) + 2) & (shape > 0)
    return ellipse if on.sum() >= FOLLOWS * min(shape.sum(), _perimeter(ellipse) * width) else None


def _fit_ellipse(points: np.ndarray) -> Ellipse:
    (cx, cy), (a, b), angle = cv2.fitEllipse(points)
    return (float(cx), float(cy)), (float(a), float(b)), float(angle)


def _perimeter(ellipse: Ellipse) -> float:
    a, b = ellipse[1][0] / 2, ellipse[1][1] / 2
    return float(np.pi * (3 * (a + b) - np.sqrt((3 * a + b) * (a + 3 * b))))  # Ramanujan


def _band(shape: tuple[int, ...], ellipse: Ellipse, thickness: int) -> np.ndarray:
    canvas = np.zeros(shape[:2], np.uint8)
    (cx, cy), (a, b), angle = ellipse
    cv2.ellipse(
        canvas,
        (round(cx), round(cy)),
        (round(a / 2), round(b / 2)),
        angle,
        0,
        360,
        1,
        max(1, thickness),
    )
    return canvas > 0


def find_marks(
    grey: np.ndarray, dpi: int
) -> tuple[list[tuple[int, int, int, int]], list[tuple[Ellipse, float]]]:
    """Boxes of the rings drawn on ``grey`` and, for each, the ellipse along its line and
    the line's width (in ``grey``'s pixels)."""
    f = min(1.0, WORK_DPI / max(dpi, 1))
    small = shrink(grey, f)
    sdpi = dpi * f
    paper = float(np.percentile(small[::2, ::2], 90))
    ink = (small < paper * DARK).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    marks = []
    rings = []
    length = max(5, int(round(RUN_IN * sdpi)))
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        if max(w, h) < MIN_LONG_IN * sdpi or min(w, h) < MIN_SHORT_IN * sdpi:
            continue
        if area > MAX_FILL * w * h:
            continue
        cut = np.s_[y : y + h, x : x + w]
        shape = (labels[cut] == i).astype(np.uint8)
        hole = _hole(shape)
        if hole is None:
            continue
        every, slant = _runs(shape, length)
        total = int(every.sum())
        if not total or slant.sum() < MIN_SLANT * total:
            continue
        depth = cv2.distanceTransform(shape, cv2.DIST_L2, 3)
        width = max(2.0, 2 * float(np.percentile(depth[every], 90)))
        ellipse = _fit(shape, hole, width)
        if ellipse is None:
            continue
        (cx, cy), (a, b), angle = ellipse
        rings.append(((((cx + x) / f, (cy + y) / f), (a / f, b / f), angle), width / f))
        marks.append((int(x / f), int(y / f), int(np.ceil(w / f)), int(np.ceil(h / f))))
    return marks, rings


def _hole(shape: np.ndarray) -> np.ndarray | None:
    """The edge of a shape's inside (0/1 image, its box) if it is drawn round something:
    its largest hole takes at least ``MIN_HOLE`` of the box. A signature's loops are small
    beside its length."""
    contours, hierarchy = cv2.findContours(shape, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_NONE)
    if hierarchy is None:
        return None
    holes = [c for c, h in zip(contours, hierarchy[0], strict=True) if h[3] >= 0]
    if not holes:
        return None
    hole = max(holes, key=cv2.contourArea)
    return hole if cv2.contourArea(hole) >= MIN_HOLE * shape.size else None


def remove_marks(grey: np.ndarray, dpi: int) -> MarksResult:
    """``grey`` with the rings drawn on it set to paper along their line (see the module)."""
    marks, rings = find_marks(grey, dpi)
    if not marks:
        return MarksResult(grey, [])
    paper = np.uint8(min(255, float(np.percentile(grey[::8, ::8], 90))))
    margin = max(2, round(MARGIN_IN * dpi))
    out = grey.copy()
    for (x, y, w, h), (ellipse, width) in zip(marks, rings, strict=True):
        band = _band(grey.shape, ellipse, int(width) + 2 * margin)
        # Nothing beyond the ring's own box (and the line's width) is touched.
        pad = int(width) + 2 * margin
        keep = np.ones(grey.shape[:2], bool)
        keep[max(0, y - pad) : y + h + pad, max(0, x - pad) : x + w + pad] = False
        band[keep] = False
        out[band] = paper
    return MarksResult(out, marks)
