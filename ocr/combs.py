"""Comb fields: a row of boxes, one character in each, as forms print for the 12-digit ID
("Số định danh cá nhân: |0|7|9|1|9|1|1|7|8|8|1|0|").

Its frame is a one-row ruled table (``ocr.tables``), painted out before Tesseract reads the
page like any table's rules; the digits then stand far apart, and Tesseract reads them as
that many words. What is read in the boxes is written back as the one word it is on paper
(the ID a clerk needs from the form), an empty box parting two words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np

from .tables import Grid

if TYPE_CHECKING:
    from .tesseract import Word

MIN_CELLS = 4
"""A comb has at least this many boxes."""
CELL_SHAPE = (0.45, 1.6)
"""A box's width over its height."""
EVEN = 0.2
"""Each box's width differs from the comb's median by at most this share of it."""


@dataclass(frozen=True)
class Comb:
    left: int
    top: int
    right: int
    bottom: int
    walls: tuple[int, ...]
    """The x of each box's sides, left to right (one more than there are boxes)."""


def combs_in(grids: Sequence[Grid]) -> list[Comb]:
    """The ruled tables (``ocr.tables``) that are comb fields: one row of at least
    ``MIN_CELLS`` even boxes, about as wide as tall."""
    out = []
    for g in grids:
        if len(g.ys) != 2 or len(g.xs) - 1 < MIN_CELLS:
            continue
        height = g.ys[1] - g.ys[0]
        widths = np.diff(g.xs)
        median = float(np.median(widths))
        if not CELL_SHAPE[0] * height <= median <= CELL_SHAPE[1] * height:
            continue
        if np.any(np.abs(widths - median) > EVEN * median):
            continue
        out.append(Comb(g.xs[0], g.ys[0], g.xs[-1], g.ys[-1], g.xs))
    return out


def comb_runs(words: Sequence[Word], combs: Sequence[Comb]) -> list[list[int]]:
    """The words read in the combs' boxes, one list of indices into ``words`` per run of
    filled boxes (an empty box parts two), left to right."""
    runs: list[list[int]] = []
    taken: set[int] = set()
    for c in combs:
        inside = sorted(
            (i for i, w in enumerate(words) if i not in taken and _within(w, c)),
            key=lambda i: words[i].left,
        )
        if not inside:
            continue
        taken.update(inside)
        cell = (c.walls[-1] - c.walls[0]) / (len(c.walls) - 1)
        group: list[list[int]] = [[inside[0]]]
        for a, b in pairwise(inside):
            if words[b].left - (words[a].left + words[a].width) > cell:  # an empty box
                group.append([])
            group[-1].append(b)
        runs.extend(group)
    return runs


def join_runs(words: Sequence[Word], runs: Sequence[Sequence[int]]) -> tuple[Word, ...]:
    """The words with each run (``comb_runs``) made one word, in the place of the first of
    them in ``words``."""
    heads = {min(run): run for run in runs if run}
    gone = {i for run in runs for i in run}
    out = []
    for i, w in enumerate(words):
        if i in heads:
            out.append(_joined([words[j] for j in heads[i]]))
        elif i not in gone:
            out.append(w)
    return tuple(out)


def _joined(run: Sequence[Word]) -> Word:
    top = min(w.top for w in run)
    return replace(
        run[0],
        text="".join(w.text for w in run),
        width=run[-1].left + run[-1].width - run[0].left,
        top=top,
        height=max(w.top + w.height for w in run) - top,
        confidence=min(w.confidence for w in run),
    )


def _within(word: Word, comb: Comb) -> bool:
    cx, cy = word.left + word.width / 2, word.top + word.height / 2
    return comb.left <= cx <= comb.right and comb.top <= cy <= comb.bottom


__all__ = ["Comb", "comb_runs", "combs_in", "join_runs"]
