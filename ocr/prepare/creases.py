"""Creases: the line a fold leaves across or along the paper, a thin grey line from edge to
edge of the sheet.

Tesseract takes a line down the page for a rule between two columns: each text line it
crosses is cut in two and its halves read in different places ("phường Nai Xuân Trung" for
"phường Xuân Trung, ... tỉnh Đồng Nai"). A line across the page, through a text line, takes
the letters' strokes with it.

A crease is told from printed rules by where it runs, not by how dark it is (a thin rule
at 150 dpi is as grey as a crease): it runs through the print and on into the margins on
both sides, as a fold does from edge to edge of the sheet. A table's rules, a heading's
underline and a diploma's border stop at the print or lie outside it. The pixels of a
crease are redrawn from the paper on both sides of it, and only where they are darker than
that paper, so a letter's stroke across the crease stays.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .measure import shrink

WORK_DPI = 150
"""Resolution the creases are looked for at."""
CONTRAST = 15
"""A crease pixel is this many grey levels darker than the paper on both sides of it."""
HALF_WIDTH_IN = 0.02
"""Half the width of the band redrawn round a crease (a fold's line is 1-4 px at 300 dpi)."""
MAX_SLOPE = 0.04
"""A crease lies within ~2 degrees of the deskewed page's axes: a fold is parallel to the
paper's edges."""
COVER = 0.5
"""Share of its length over which a crease is found darker than both sides (it is lost
where it crosses print and where the paper is shaded beside it)."""
BEYOND_IN = 0.25
"""How far past the print on both ends a crease runs (inches): a fold runs to the paper's
edges; rules and underlines end at the print."""
MAX_LINES = 8
"""Strongest candidate lines checked along each axis and lean."""
INK_MARGIN = 40
"""Ink this many grey levels darker than the crease itself is print, not crease."""
INSIDE_IN = 0.25
"""How far inside the print's box a crease lies: a border round the print lies outside it."""


@dataclass(frozen=True)
class Crease:
    vertical: bool
    """Down the page (a fold in half); otherwise across it."""
    start: tuple[float, float]
    end: tuple[float, float]
    """End points (x, y) in the image's pixels."""


@dataclass(frozen=True)
class CreaseResult:
    grey: np.ndarray
    creases: list[Crease]


def _line_pixels(grey: np.ndarray, reach: int) -> np.ndarray:
    """Pixels darker by ``CONTRAST`` than the pixels ``reach`` away left and right of them:
    the pixels of lines running down ``grey``."""
    g = grey.astype(np.int16)
    out = np.zeros(g.shape, np.uint8)
    side = np.minimum(g[:, : -2 * reach], g[:, 2 * reach :])
    out[:, reach:-reach] = (g[:, reach:-reach] < side - CONTRAST).astype(np.uint8) * 255
    return out


def find_creases(
    grey: np.ndarray, dpi: float, print_box: tuple[int, int, int, int]
) -> list[Crease]:
    """Straight lines through the print (``print_box``: left, top, right, bottom) that run on
    past it into the margins on both ends."""
    f = min(1.0, WORK_DPI / max(dpi, 1.0))
    small = shrink(grey, f)
    px = dpi * f
    reach = max(2, int(round(px * 0.02)))
    left, top, right, bottom = (v * f for v in print_box)
    beyond = BEYOND_IN * px
    found: list[Crease] = []
    for vertical in (True, False):
        taken: list[float] = []
        # Rows of ``mask`` run along the crease sought: a crease across the page is sought
        # down the turned page.
        mask = _line_pixels(small if vertical else np.ascontiguousarray(small.T), reach)
        lo, hi = (top, bottom) if vertical else (left, right)
        inner = (left, right) if vertical else (top, bottom)
        if lo - beyond < 0 or hi + beyond > mask.shape[0]:
            continue  # the print fills the image: no margin to tell a crease by
        for pos, slope in _straight_lines(mask, int(COVER * (hi - lo))):
            mid = pos + slope * (lo + hi) / 2
            if not inner[0] + INSIDE_IN * px < mid < inner[1] - INSIDE_IN * px:
                continue
            if any(abs(mid - m) <= 3 * reach for m in taken):
                continue  # the same crease again, a pixel or an angle step over
            on = _on_line(mask, pos, slope)
            spans = ((lo - beyond, lo), (lo, hi), (hi, hi + beyond))
            if min(on[int(a) : int(b)].mean() for a, b in spans) < COVER:
                continue
            n = mask.shape[0] - 1
            ends = [(pos / f, 0.0), ((pos + slope * n) / f, n / f)]
            if not vertical:
                ends = [(b, a) for a, b in ends]
            found.append(Crease(vertical, ends[0], ends[1]))
            taken.append(mid)
    return found


def _straight_lines(mask: np.ndarray, votes: int) -> list[tuple[float, float]]:
    """Lines down ``mask`` (within ``MAX_SLOPE`` of its columns) with at least ``votes``
    pixels on them, strongest first, as (column at row 0, columns per row)."""
    a = float(np.arctan(MAX_SLOPE))
    out: list[tuple[float, float, float]] = []
    # Hough's angle runs from 0 to pi: a line leaning either way is near 0 or near pi.
    for lo_t, hi_t in ((0.0, a), (np.pi - a, np.pi)):
        lines = cv2.HoughLinesWithAccumulator(
            mask, 1, np.pi / 720, max(1, votes), min_theta=lo_t, max_theta=hi_t
        )
        for rho, theta, acc in np.reshape(lines if lines is not None else [], (-1, 3))[:MAX_LINES]:
            # x cos(t) + y sin(t) = rho: x = rho / cos(t) - y tan(t)
            c = float(np.cos(theta))
            out.append((float(acc), float(rho) / c, -float(np.tan(theta))))
    out.sort(reverse=True)
    return [(pos, slope) for _, pos, slope in out]


def _on_line(mask: np.ndarray, pos: float, slope: float) -> np.ndarray:
    """For each row of ``mask``, whether a marked pixel lies within a pixel of the line."""
    rows = np.arange(mask.shape[0])
    cols = np.round(pos + slope * rows).astype(np.int64)
    on = np.zeros(rows.size, bool)
    for d in (-1, 0, 1):
        c = cols + d
        ok = (c >= 0) & (c < mask.shape[1])
        on[ok] |= mask[rows[ok], c[ok]] > 0
    return on


def remove_creases(
    grey: np.ndarray, dpi: float, print_box: tuple[int, int, int, int]
) -> CreaseResult:
    """The page with its creases redrawn from the paper beside them; the same array when
    there are none."""
    creases = find_creases(grey, dpi, print_box)
    if not creases:
        return CreaseResult(grey, [])
    out = grey.copy()
    half = max(2, int(round(HALF_WIDTH_IN * dpi)))
    for c in creases:
        _redraw(out, c, half)
    return CreaseResult(out, creases)


def _redraw(grey: np.ndarray, crease: Crease, half: int) -> None:
    """Redraw the band of ``half`` px either side of ``crease`` from the pixels just beyond
    it, where darker than they are; in place, along the whole image."""
    g = grey if crease.vertical else grey.T  # a view: rows run along the crease
    n, width = g.shape
    (x0, y0), (x1, y1) = crease.start, crease.end
    a0, c0, a1, c1 = (y0, x0, y1, x1) if crease.vertical else (x0, y0, x1, y1)
    slope = (c1 - c0) / (a1 - a0) if a1 != a0 else 0.0
    rows = np.arange(n)
    centre = np.round(c0 + slope * (rows - a0)).astype(np.int64)
    left, right = centre - half - 1, centre + half + 1
    ok = (left >= 0) & (right < width)
    rows, centre, left, right = rows[ok], centre[ok], left[ok], right[ok]
    lo = g[rows, left].astype(np.float32)
    hi = g[rows, right].astype(np.float32)
    band = np.stack([g[rows, centre + k] for k in range(-half, half + 1)], axis=1)
    # The crease's own level, over paper: ink darker than it by a margin is print crossing
    # it (a letter's stroke down the crease) and is kept.
    floor = float(np.median(band.min(axis=1))) - INK_MARGIN
    for k in range(-half, half + 1):
        t = (k + half + 1) / (2 * half + 2)
        beside = lo + (hi - lo) * t
        cur = band[:, k + half].astype(np.float32)
        fix = (cur < beside - CONTRAST) & (cur >= floor)
        g[rows[fix], centre[fix] + k] = np.round(beside[fix]).astype(np.uint8)
