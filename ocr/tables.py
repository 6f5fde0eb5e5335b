"""Ruled tables: where their rules are, and a copy of the page without them.

A table of household members ("Thông tin về các thành viên trong hộ gia đình") is a grid of
thin rules. Tesseract's layout analysis reads a rule that touches letters as part of them
("030694527805" becomes "22.-5-s."), so the rules are painted out before recognition, and
the grid is kept to read the table row by row, cell by cell (``ocr.reading_order``).

A long upright rule that crosses no other (the rule between two columns of a leaflet, a
margin line) is painted out too (``erase_lone_rules``): Tesseract reads a faint one as
letters glued to the words beside it ("._4."), and the gutter between the columns then
looks no wider than the gap between two words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Protocol

import cv2
import numpy as np

RULES_MAX_SIDE = 1800
"""Tables are looked for on a copy no larger than this: rules survive the halving, and the
morphology on a full 300 dpi page costs a tenth of a second."""
RULE_BLOCK = 31
RULE_CONTRAST = 20
"""A rule is ink this many grey levels darker than the mean of the ``RULE_BLOCK``-pixel
square around it. Local, not global: a blurred hairline is grey (about 170 on paper at 240),
lighter than a page-wide Otsu threshold, yet clearly darker than the paper beside it."""
RULE_DRIFT = 1
"""Pixels a rule is looked for across (on the copy no larger than ``RULES_MAX_SIDE``): a
table on a page of two copies, one a degree askew of the other, has rules that step a pixel
every 60-120 pixels, and no straight run as long as a rule must be."""
RULE_SPAN = 5
"""Painted out are straight runs at least this fraction of the table's width or height ...
"""
CELL_SIDE = 0.8
"""... and at least this share of its narrowest column's width or lowest row's height: the
rules, never a letter."""
LONE_RULE = 0.1
LONE_RULE_IN = 1.0
"""An upright rule crossing no other is painted out when it runs at least ``LONE_RULE`` of
the page's height and ``LONE_RULE_IN`` inches: some six lines of 12 pt print, longer than
any stroke of a letter (of a heading's 40 pt too) or a signature's straight run ..."""
LONE_WIDTH = 6.0
"""... is this thin on average (pixels, on the copy no larger than ``RULES_MAX_SIDE``) ..."""
LONE_SLANT = 0.06
"""... leans no more than this (about 3.5 degrees: a rule of a photographed page is left a
degree off upright where the perspective was not quite undone) ..."""
LONE_SIDES = (2, 12)
LONE_PAPER = 0.9
LONE_CLEAR = 0.02
"""... and has bare paper on both sides: in the band ``LONE_SIDES`` pixels (on that copy) to
each side of it, the median at least ``LONE_PAPER`` of the paper's tone and at most
``LONE_CLEAR`` of the pixels darker than that. The edge of a photographed page against the
desk, or the border of the frame, is no rule; a fold runs through the lines of print, and
painting it out would cut their letters."""
A4_LONG_IN = 11.69
"""The page is taken for A4 to tell an inch when its dpi is not known."""


class Box(Protocol):
    @property
    def left(self) -> int: ...
    @property
    def right(self) -> int: ...
    @property
    def top(self) -> int: ...
    @property
    def bottom(self) -> int: ...


@dataclass(frozen=True)
class Grid:
    """A ruled table: the x of its vertical rules and the y of its horizontal rules."""

    xs: tuple[int, ...]
    ys: tuple[int, ...]

    def contains(self, box: Box) -> bool:
        cx, cy = (box.left + box.right) / 2, (box.top + box.bottom) / 2
        return self.xs[0] < cx < self.xs[-1] and self.ys[0] < cy < self.ys[-1]

    def cell(self, box: Box) -> tuple[int, int]:
        cx, cy = (box.left + box.right) / 2, (box.top + box.bottom) / 2
        row = int(np.searchsorted(self.ys, cy)) - 1
        col = int(np.searchsorted(self.xs, cx)) - 1
        return row, col


@dataclass(frozen=True)
class LoneRule:
    """An upright rule that crosses no other: where its pixels are, on the page's copy no
    larger than ``RULES_MAX_SIDE``."""

    left: int
    top: int
    pixels: np.ndarray
    """Its mask (uint8, 1 on the rule) from ``left``, ``top`` on that copy."""
    scale: float
    """That copy's size over the page's."""


@dataclass(frozen=True)
class PageRules:
    grids: list[Grid]
    lone: list[LoneRule]


def find_tables(grey: np.ndarray) -> list[Grid]:
    """Ruled tables: long thin horizontal and vertical rules that cross each other."""
    return find_rules(grey).grids


def find_rules(grey: np.ndarray, dpi: int | None = None) -> PageRules:
    """Ruled tables, and the long upright rules that cross no other (``LONE_RULE``), found
    on one copy of the page no larger than ``RULES_MAX_SIDE``."""
    grey = _grey(grey)
    scale = min(1.0, RULES_MAX_SIDE / max(grey.shape))
    small = (
        cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        if scale < 1.0
        else grey
    )
    h, w = small.shape
    horiz, vert = _rules(small, w // 12, h // 40, RULE_DRIFT)
    grids = _grids(small, horiz, vert)
    inch = (dpi or max(grey.shape) / A4_LONG_IN) * scale
    lone = _lone(small, vert, grids, max(LONE_RULE * h, LONE_RULE_IN * inch), scale)
    if scale < 1.0:
        up = 1.0 / scale
        grids = [
            Grid(tuple(round(x * up) for x in g.xs), tuple(round(y * up) for y in g.ys))
            for g in grids
        ]
    return PageRules(grids, lone)


def erase_rules(grey: np.ndarray, grids: list[Grid]) -> np.ndarray:
    """A copy of the page with the rules of ``grids`` painted in the paper's tone."""
    if not grids:
        return grey
    out = _grey(grey).copy()
    h, w = out.shape
    for g in grids:
        pad = 20
        x0, x1 = max(0, g.xs[0] - pad), min(w, g.xs[-1] + pad)
        y0, y1 = max(0, g.ys[0] - pad), min(h, g.ys[-1] + pad)
        region = out[y0:y1, x0:x1]
        if region.size == 0:
            continue
        # A rule runs at least a cell's side; a letter's stroke is shorter than its cell (in a
        # one-row table, such as a comb of ID boxes, a fifth of the table is not).
        cell_w, cell_h = int(min(np.diff(g.xs))), int(min(np.diff(g.ys)))
        horiz, vert = _rules(
            region,
            max((x1 - x0) // RULE_SPAN, int(CELL_SIDE * cell_w)),
            max((y1 - y0) // RULE_SPAN, int(CELL_SIDE * cell_h)),
        )
        # The blurred fringe of a rule is lighter than the threshold: take it too.
        mask = cv2.dilate(horiz | vert, np.ones((5, 5), np.uint8)) > 0
        region[mask] = int(np.percentile(region, 90))
    return out


def erase_lone_rules(grey: np.ndarray, rules: Sequence[LoneRule]) -> np.ndarray:
    """The page with ``rules`` (``find_rules``) painted in the paper's tone; the page itself
    when there are none."""
    if not rules:
        return grey
    out = _grey(grey).copy()
    paper = int(np.percentile(out[::8, ::8], 90))
    h, w = out.shape
    for rule in rules:
        up = 1.0 / rule.scale
        x0, y0 = round(rule.left * up), round(rule.top * up)
        x1 = min(w, round((rule.left + rule.pixels.shape[1]) * up))
        y1 = min(h, round((rule.top + rule.pixels.shape[0]) * up))
        mask = cv2.resize(rule.pixels, (x1 - x0, y1 - y0), interpolation=cv2.INTER_NEAREST)
        # The blurred fringe of a rule is lighter than the threshold: take it too.
        pad = 3
        X0, Y0 = max(0, x0 - pad), max(0, y0 - pad)
        region = np.zeros((min(h, y1 + pad) - Y0, min(w, x1 + pad) - X0), np.uint8)
        region[y0 - Y0 : y1 - Y0, x0 - X0 : x1 - X0] = mask
        spread = cv2.dilate(region, np.ones((5, 5), np.uint8)) > 0
        out[Y0 : Y0 + region.shape[0], X0 : X0 + region.shape[1]][spread] = paper
    return out


def _lone(
    small: np.ndarray, vert: np.ndarray, grids: list[Grid], shortest: float, scale: float
) -> list[LoneRule]:
    """The upright runs of ``vert`` that are lone rules (``LONE_RULE`` ...), outside every
    table (``grids``, on the same copy)."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(vert)
    paper = float(np.percentile(small[::4, ::4], 90))
    out = []
    for i in range(1, n):
        x, y, bw, bh, area = (int(v) for v in stats[i])
        if (
            bh < shortest
            or area > LONE_WIDTH * bh
            or bw > LONE_SLANT * bh + LONE_WIDTH
            or any(_inside(g, x, y, bw, bh) for g in grids)
            or not _on_paper(small, stats[i], paper)
        ):
            continue
        pixels = (labels[y : y + bh, x : x + bw] == i).astype(np.uint8)
        out.append(LoneRule(x, y, pixels, scale))
    return out


def _inside(g: Grid, x: int, y: int, bw: int, bh: int, slack: int = 4) -> bool:
    return (
        g.xs[0] - slack <= x
        and x + bw <= g.xs[-1] + slack
        and g.ys[0] - slack <= y
        and y + bh <= g.ys[-1] + slack
    )


def _on_paper(small: np.ndarray, box: np.ndarray, paper: float) -> bool:
    """Whether the upright run in ``box`` (x, y, width, height) has bare paper on both
    sides."""
    x, y, bw, bh = (int(v) for v in box[:4])
    near, far = LONE_SIDES
    if x - far < 0 or x + bw + far > small.shape[1]:
        return False
    sides = (small[y : y + bh, x - far : x - near], small[y : y + bh, x + bw + near : x + bw + far])
    return all(
        float(np.median(side)) >= LONE_PAPER * paper
        and float(np.mean(side < LONE_PAPER * paper)) <= LONE_CLEAR
        for side in sides
    )


def _grey(image: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image


def _rules(
    grey: np.ndarray, min_width: int, min_height: int, drift: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Masks of the horizontal and the vertical straight runs of ink of at least that size.
    ``drift``: pixels a rule may step across its length (a table askew on the page), taken
    by thickening the ink across the rule before the run is looked for."""
    ink = cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, RULE_BLOCK, RULE_CONTRAST
    )
    across = 2 * drift + 1
    flat = cv2.dilate(ink, np.ones((across, 1), np.uint8)) if drift else ink
    upright = cv2.dilate(ink, np.ones((1, across), np.uint8)) if drift else ink
    horiz = cv2.morphologyEx(
        flat, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, min_width), 1))
    )
    vert = cv2.morphologyEx(
        upright, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(20, min_height)))
    )
    if drift:
        # Back to the rules' own pixels: the thickening is not theirs.
        horiz = cv2.bitwise_and(horiz, cv2.dilate(ink, np.ones((1, 3), np.uint8)))
        vert = cv2.bitwise_and(vert, cv2.dilate(ink, np.ones((3, 1), np.uint8)))
    return horiz, vert


def _grids(grey: np.ndarray, horiz: np.ndarray, vert: np.ndarray) -> list[Grid]:
    h, w = grey.shape
    joined = cv2.dilate(horiz | vert, np.ones((5, 5), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(joined)
    grids = []
    for i in range(1, n):
        x, y, bw, bh, _ = stats[i]
        if bw < w // 5 or bh < h // 40:
            continue
        region = labels[y : y + bh, x : x + bw] == i
        vmask = vert[y : y + bh, x : x + bw] * region
        hmask = horiz[y : y + bh, x : x + bw] * region
        x_runs = _rule_runs(vmask, 0, max(8, w // 100))
        y_runs = _rule_runs(hmask, 1, max(8, h // 200))
        xs, ys = [b for _, b in x_runs], [b for _, b in y_runs]
        if len(xs) >= 2 and len(ys) >= 2:
            slack = max(6, max(w, h) // 200)
            xs, ys = (
                _table_rules(vmask, xs, y_runs, slack),
                _table_rules(hmask.T, ys, x_runs, slack),
            )
        if len(xs) >= 2 and len(ys) >= 2:
            grids.append(Grid(tuple(x + v for v in xs), tuple(y + v for v in ys)))
    return grids


def _table_rules(
    mask: np.ndarray, at: list[int], across: list[tuple[int, int]], slack: int
) -> list[int]:
    """The rules at ``at`` (columns of ``mask``, which holds the rules running down) that
    belong to the table framed by the rules ``across`` (each the band it covers: a rule a
    little askew drifts across several pixels): from a rule across to a rule across.

    A fold across the paper is a long straight dark line too, and ends past the frame;
    the edge of a box stamp laid over the table starts and stops inside cells. Either would
    split a row or a cell in two. A faint rule of a poor scan may break off short of the
    rule it ends on; it still runs from the other one across two cells at least, and the
    frame is kept wherever it breaks as long as it stays inside the frame across. A faint
    rule across may be lost altogether (the frame's top at 150 dpi): the frame then runs on
    past the rules across that were found, by one row at most, where a fold runs on across
    the page. A rule whose both ends the paper's curve bent away is kept when it runs from
    the first cell to the last. A table with fewer than two such rules (an open table) is
    left as found."""
    lo, hi = across[0][0] - slack, across[-1][1] + slack
    row = max(b[0] - a[1] for a, b in pairwise(across))

    def meets(y: int) -> bool:
        return any(a - slack <= y <= b + slack for a, b in across)

    kept = []
    for i, p in enumerate(at):
        # ``p`` is a rule's far edge; a rule a little askew drifts up to ``slack`` across.
        rows = np.nonzero(mask[:, max(0, p - slack) : p + 1].any(axis=1))[0]
        if not rows.size:
            continue
        start, end = int(rows[0]), int(rows[-1])
        if i in (0, len(at) - 1):
            # The frame itself: faint on a poor scan it may break off anywhere; it is kept
            # unless it runs on past the frame across it further than a row.
            if lo - start <= row and end - hi <= row:
                kept.append(p)
            continue
        cells = sum(start <= a[1] + slack and b[0] - slack <= end for a, b in pairwise(across))
        ends = meets(start) + meets(end)
        # The paper's curve near a booklet's edges bends a rule's ends off the straight run
        # that was found: one that still runs from the first cell into the last, across all
        # the others, is a rule. A stamp's edge is shorter; a fold runs on past the frame.
        bent = len(across) >= 4 and (
            across[0][1] < start < across[1][0] and across[-2][1] < end < across[-1][0]
        )
        if ends == 2 or (ends == 1 and cells >= 2) or bent:
            kept.append(p)
    return kept if len(kept) >= 2 else at


def _rule_runs(mask: np.ndarray, axis: int, min_gap: int) -> list[tuple[int, int]]:
    """The bands of ``mask`` holding rules across ``axis``, as (first, last) pixel: a thick
    rule's width, or the drift of one a little askew."""
    runs: list[tuple[int, int]] = []
    for p in np.nonzero(mask.sum(axis=axis) > 0)[0]:
        if runs and p - runs[-1][1] <= min_gap:
            runs[-1] = (runs[-1][0], int(p))
        else:
            runs.append((int(p), int(p)))
    return runs


__all__ = [
    "Grid",
    "LoneRule",
    "PageRules",
    "erase_lone_rules",
    "erase_rules",
    "find_rules",
    "find_tables",
]
