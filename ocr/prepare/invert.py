"""Light print on a dark band: a certificate's title bar, a form's section headings printed
white on black, navy or red.

Tesseract reads dark letters on light paper, and its own pass over inverted lines stays off
(``tessedit_do_invert=0``: it reads every line of every page a second time). So such a band
is found here and turned over: the band becomes paper and its letters ink.

A band is a dark region (darker than ``DARK`` of the paper), mostly dark (a filled shape, not
a table's outline), that holds light marks of letters' size: a bar (at least ``MIN_LETTERS``;
it may run off the page's sides, never along an edge as a scanner's black margin does) or a
broad panel (``PANEL_LETTERS``; bigger than a QR code or a portrait, clear of the edges). A
table's header shaded under dark print and a blacked-out line hold no light marks, so they
are left as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .measure import shrink

WORK_DPI = 150
"""Resolution bands are sought at: white strokes of 10 pt letters are still ~2 px wide."""
DARK = 0.6
"""A band is darker than this share of the paper's brightness."""
MIN_WIDTH_IN = 1.0
MIN_HEIGHT_IN = 0.12
MIN_ASPECT = 2.0
"""Bands are at least twice as wide as they are high."""
MIN_FILL = 0.75
"""Share of its rotated rectangle a band's outline fills: a bar, perhaps with round corners."""
MIN_GROUND = 0.5
"""Share of a band that is dark ground: its letters take the rest."""
STROKE_IN = 0.04
"""Print's strokes are thinner than this (bold headings' too); a bar's margin round its
letters is wider."""
PIECE_GAP_IN = 0.25
"""A bar printed tight round its letters loses its ground above and below a tall letter with
the letters' strokes, and falls into pieces: side by side in the same rows, of the same grey,
no further apart than a letter is wide."""
PIECE_GREY = 15
"""Largest difference in grey between the ground of two pieces of one bar."""
NOTCH_IN = 0.25
"""Widest way in from a bar's edge closed before its outline is taken: a letter or an
accent reaching the edge."""
WORD_NOTCH_IN = 1.0
"""Along a bar's length, wider ways in are closed: a word whose letters reach the bar's edge
(its strokes are taken away with the thin ground between them)."""
LIGHT = 0.3
"""Letters on a band are lighter than its ground by this share of the way to the paper."""
LETTER_IN = (0.04, 0.6)
"""Heights (inches) of the light marks that count as letters: 4 pt print to 40 pt titles."""
MIN_LETTERS = 3
PANEL_IN = (0.5, 2.0)
"""A dark panel that is not a bar (a card's dark back, a box of notes) is at least this high
and wide (inches): a QR code or a passport photo is smaller."""
PANEL_LETTERS = 8


@dataclass(frozen=True)
class InvertResult:
    grey: np.ndarray
    bands: list[tuple[int, int, int, int]]
    """(x, y, width, height) of each band turned over, in the image's pixels."""


def _solid(dark: np.ndarray, dpi: float) -> np.ndarray:
    """``dark`` without its strokes: an opening wider than print's strokes leaves filled shapes
    only, so a line of print touching a bar's edge is not taken for part of it."""
    k = max(3, int(round(STROKE_IN * dpi)) | 1)  # odd: an even kernel shifts the shape
    return cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))


def _filled(component: np.ndarray, dpi: float) -> tuple[np.ndarray, tuple[float, float]]:
    """The component with everything inside its outline (its letters), and the sides of its
    rotated rectangle (the page is not yet straightened). Closed first: an accent that
    reaches the bar's edge opened a way in from outside, where the strokes were taken away."""
    k = max(3, int(round(NOTCH_IN * dpi)) | 1)
    long = max(k, int(round(WORD_NOTCH_IN * dpi)) | 1)
    # Padded with background: beyond the image's edge OpenCV's erosion sees ink, and the
    # closing would grow the band out to the edge.
    padded = cv2.copyMakeBorder(component, long, long, long, long, cv2.BORDER_CONSTANT, value=0)
    square = cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    closed = cv2.morphologyEx(padded, cv2.MORPH_CLOSE, square)
    # The page is not straightened yet, but a bar lies within a few degrees of its length.
    h, w = component.shape
    along = cv2.getStructuringElement(cv2.MORPH_RECT, (long, 1) if w >= h else (1, long))
    closed = cv2.morphologyEx(closed, cv2.MORPH_CLOSE, along)[long:-long, long:-long]
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    region = np.zeros_like(component)
    cv2.drawContours(region, contours, -1, 1, thickness=cv2.FILLED)
    (_, _), (w, h), _ = cv2.minAreaRect(np.concatenate(contours))
    return region, (w, h)


def _letters(small: np.ndarray, region: np.ndarray, ground: float, paper: float, dpi: float) -> int:
    """Light marks of letters' height inside a band's ``region``. Light is judged against the
    band's own ground: letters on a navy bar can be darker than the page's threshold for dark."""
    light = ((small > ground + LIGHT * (paper - ground)) & (region > 0)).astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(light, connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    return int(((heights >= LETTER_IN[0] * dpi) & (heights <= LETTER_IN[1] * dpi)).sum())


def _is_band(
    component: np.ndarray,
    small: np.ndarray,
    dark: np.ndarray,
    box: tuple[int, int, int, int],
    paper: float,
    dpi: float,
    shape: tuple[int, int],
) -> bool:
    """Whether one solid dark shape (``component``, its 0/1 image over ``box``; ``small`` and
    ``dark`` cut to the same box) is a band of light letters."""
    region, (rw, rh) = _filled(component, dpi)
    long, short = max(rw, rh), min(rw, rh)
    if long < MIN_WIDTH_IN * dpi or short < MIN_HEIGHT_IN * dpi:
        return False
    inside = region > 0
    if inside.sum() < MIN_FILL * rw * rh or dark[inside].mean() < MIN_GROUND:
        return False
    x, y, w, h = box
    edges = (x == 0, y == 0, x + w >= shape[1], y + h >= shape[0])
    bar = long >= MIN_ASPECT * short
    # A bar may run off the page's sides, never along an edge (a scanner's black margin);
    # a broad dark panel is taken only whole, and only with many letters on it.
    along = (edges[1] or edges[3]) if w >= h else (edges[0] or edges[2])
    small_panel = short < PANEL_IN[0] * dpi or long < PANEL_IN[1] * dpi
    if (bar and along) or (not bar and (any(edges) or small_panel)):
        return False
    ground = float(np.median(small[inside & (dark > 0)]))
    letters = _letters(small, region, ground, paper, dpi)
    return letters >= (MIN_LETTERS if bar else PANEL_LETTERS)


def _pieces(
    labels: np.ndarray, stats: np.ndarray, grey: np.ndarray, seed: int, dpi: float
) -> list[int]:
    """Labels of the solid shapes that are pieces of the same bar as ``seed`` (a label of
    ``labels``, whose ``stats`` are OpenCV's), the seed's own first (see ``PIECE_GAP_IN``).
    Only a bar lying along the lines is looked at."""
    x, y, w, h = (int(v) for v in stats[seed, :4])
    if w < h:
        return [seed]
    tol = max(2, h // 6)
    xs, ys, ws, hs = (stats[:, i] for i in range(4))
    near = (ys >= y - tol) & (ys + hs <= y + h + tol) & (hs >= 0.6 * h)
    near[0] = near[seed] = False
    candidates = np.flatnonzero(near)
    if not candidates.size:
        return [seed]

    def level(i: int) -> float:
        cut = np.s_[ys[i] : ys[i] + hs[i], xs[i] : xs[i] + ws[i]]
        return float(np.median(grey[cut][labels[cut] == i]))

    ground = level(seed)
    gap = PIECE_GAP_IN * dpi
    taken = [seed]
    left, right = x, x + w
    todo = candidates.tolist()
    while True:
        near_by = [i for i in todo if xs[i] <= right + gap and xs[i] + ws[i] >= left - gap]
        if not near_by:
            return taken
        for i in near_by:
            todo.remove(i)
            if abs(level(i) - ground) <= PIECE_GREY:
                taken.append(i)
                left, right = min(left, int(xs[i])), max(right, int(xs[i] + ws[i]))


def _box(stats: np.ndarray, labels: list[int]) -> tuple[int, int, int, int]:
    """(x, y, width, height) round the shapes ``labels``."""
    x0 = min(int(stats[i, 0]) for i in labels)
    y0 = min(int(stats[i, 1]) for i in labels)
    x1 = max(int(stats[i, 0] + stats[i, 2]) for i in labels)
    y1 = max(int(stats[i, 1] + stats[i, 3]) for i in labels)
    return x0, y0, x1 - x0, y1 - y0


def find_bands(grey: np.ndarray, dpi: int) -> list[tuple[int, int, int, int]]:
    """Dark bands holding light letters, as (x, y, width, height) in ``grey``'s pixels."""
    f = min(1.0, WORK_DPI / max(dpi, 1))
    small = shrink(grey, f)
    sdpi = dpi * f
    paper = float(np.percentile(small[::2, ::2], 90))
    dark = (small < paper * DARK).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(_solid(dark, sdpi), connectivity=8)
    if n <= 1:
        return []
    x, y, w, h, area = (stats[1:, i] for i in range(5))
    # Cheap first cut: big enough whatever the angle.
    ok = (np.maximum(w, h) >= MIN_WIDTH_IN * sdpi) & (
        area >= MIN_FILL * MIN_GROUND * MIN_WIDTH_IN * MIN_HEIGHT_IN * sdpi * sdpi
    )
    bands = []
    used: set[int] = set()
    for i in np.flatnonzero(ok) + 1:
        if i in used:
            continue
        pieces = _pieces(labels, stats, small, int(i), sdpi)
        used.update(pieces)
        box = _box(stats, pieces)
        cut = np.s_[box[1] : box[1] + box[3], box[0] : box[0] + box[2]]
        component = np.isin(labels[cut], pieces).astype(np.uint8)
        if _is_band(component, small[cut], dark[cut], box, paper, sdpi, small.shape[:2]):
            bx, by, bw, bh = box
            bands.append((int(bx / f), int(by / f), int(np.ceil(bw / f)), int(np.ceil(bh / f))))
    return bands


def _turn_over(crop: np.ndarray, paper: float, dpi: int) -> np.ndarray:
    """The band in ``crop`` with its dark ground made paper and its light letters ink; the
    anti-aliased rim round it becomes paper too."""
    dark = (crop < paper * DARK).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(_solid(dark, dpi), connectivity=8)
    if n <= 1:
        return crop
    seed = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    band = np.isin(labels, _pieces(labels, stats, crop, seed, dpi)).astype(np.uint8)
    region, _ = _filled(band, dpi)
    inside = region > 0
    ground = float(np.median(crop[inside & (dark > 0)]))
    light = float(np.percentile(crop[inside], 99))
    if light - ground < 40:  # nothing light inside: leave it
        return crop
    out = crop.copy()
    # ground -> paper, the letters' light -> black, linearly.
    scaled = (light - crop[inside].astype(np.float32)) * (paper / (light - ground))
    out[inside] = np.clip(scaled, 0, 255).astype(np.uint8)
    rim = (cv2.dilate(region, np.ones((3, 3), np.uint8)) > 0) & ~inside
    out[rim] = np.maximum(crop[rim], np.uint8(min(paper, 255)))
    return out


def invert_bands(grey: np.ndarray, dpi: int) -> InvertResult:
    """Turn over every dark band of light letters on a grey page (see the module)."""
    bands = find_bands(grey, dpi)
    if not bands:
        return InvertResult(grey, [])
    paper = float(np.percentile(grey[::8, ::8], 90))
    out = grey.copy()
    pad = max(2, dpi // 50)
    for x, y, w, h in bands:
        y0, y1 = max(0, y - pad), min(grey.shape[0], y + h + pad)
        x0, x1 = max(0, x - pad), min(grey.shape[1], x + w + pad)
        out[y0:y1, x0:x1] = _turn_over(grey[y0:y1, x0:x1], paper, dpi)
    return InvertResult(out, bands)
