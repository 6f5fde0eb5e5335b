"""Dotted leaders: the rows of dots a form leaves to be filled in ("Họ và tên: ......").

Tesseract reads a short run of dots well, but a long one makes its line recogniser lose its
place: the end of the run comes out as "5-5-5 ++s<+<s>", "1131121111111" (twelve digits a
field extractor takes for an ID), and the value written on the dots is damaged with it
("Mẹ đẻ" read "Mẹ ng re,"). So the leaders are found before Tesseract reads the page,
painted out of the image it reads, and written back into the text as the dots they are,
counted: the text says what the paper shows, and the values are read alone.

A leader is at least ``MIN_DOTS`` dots in a row, small beside the letters, on one baseline,
evenly and closely spaced. The dots of Vietnamese letters (ạ, ị, ộ) are never so: one letter
in a syllable carries one, and letters are wider than a leader's step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import cv2
import numpy as np

if TYPE_CHECKING:
    from .tesseract import Word

MIN_DOTS = 4
"""Fewer dots than this are an ellipsis or full stops, read well as they are."""
DOT_MAX = 0.32
"""A dot is at most this many letter heights wide and tall ..."""
DOT_MIN = 0.1
"""... and at least this many (smaller is a speck of noise or grain)."""
MIN_STEP = 0.22
MAX_STEP = 0.75
"""Dots of a leader are this many letter heights apart (centre to centre): a full stop's
width apart (about a quarter of an em), never a letter's."""
EVEN = 0.2
"""Each step differs from the run's median step by at most this share of it."""
LONG = 8
SHORT_EVEN = 0.12
"""A leader of fewer than ``LONG`` dots has its steps within this share of their median:
printed dots are set at one pitch (within a few per cent, even photographed askew)."""
SAME_SIZE = 0.5
"""Each dot's area differs from the leader's median by at most this share of it."""
ROUND = 1.6
"""A dot is about as wide as tall (the pieces of a broken rule are dashes)."""
APART = 0.6
"""Dots stand apart by at least this many of their widths (a dashed or broken rule's
pieces almost touch)."""
ALONE_MIN_DOTS = 10
"""A leader with no word on its row (a line left to be filled) has at least this many dots;
a few dot-like specks in a background pattern are no line of a form."""
CLEAR_ROUND = 0.02
"""At most this share of ink in the bands over and under a leader's dots."""
LEADER_CONFIDENCE = 96.0
"""The confidence a leader's word is given: its dots are counted, not guessed."""


@dataclass(frozen=True)
class Leader:
    left: int
    top: int
    right: int
    bottom: int
    dots: int


def find_leaders(image: np.ndarray) -> list[Leader]:
    """The dotted leaders of a page image (grey or RGB, dark print on light paper).

    At full resolution: on a halved copy a dot is two or three pixels and its step too
    coarse to tell a leader from a broken rule's pieces."""
    # Imported here: ``ocr.prepare`` reads with ``ocr.tesseract``, which uses this module.
    from .prepare.measure import text_height_of

    grey = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    _, _, stats, centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    letter = text_height_of(stats, ink.shape)
    if not letter:
        return []
    return _leaders(ink, stats, centres, letter)


def _leaders(
    ink: np.ndarray, stats: np.ndarray, centres: np.ndarray, letter: float
) -> list[Leader]:
    x, y, w, h, area = (stats[1:, i] for i in range(5))
    fill = area / np.maximum(1, w * h)
    size = np.maximum(w, h)
    dot = (
        (size <= DOT_MAX * letter)
        & (np.minimum(w, h) >= max(1.0, DOT_MIN * letter))
        & (w <= ROUND * h)
        & (h <= ROUND * w)
        & (fill >= 0.45)
    )
    idx = np.flatnonzero(dot)
    if len(idx) < MIN_DOTS:
        return []
    cx, cy = centres[1:, 0], centres[1:, 1]
    step_max = MAX_STEP * letter
    # Chains along each row: every dot joins the nearest dot to its right on its baseline.
    order = idx[np.lexsort((cx[idx], np.round(cy[idx] / max(1.0, 0.25 * letter))))]
    used: set[int] = set()
    found: list[Leader] = []
    by_x = idx[np.argsort(cx[idx])]
    xs = cx[by_x]
    for start in order:
        if start in used:
            continue
        chain = [int(start)]
        while True:
            last = chain[-1]
            lo = np.searchsorted(xs, cx[last], "right")
            hi = np.searchsorted(xs, cx[last] + step_max, "right")
            near = [
                int(j)
                for j in by_x[lo:hi]
                if j not in used
                and abs(cy[j] - cy[last]) <= 0.5 * max(h[last], h[j])
                and abs(int(h[j]) - int(h[last])) <= max(2, 0.5 * h[last])
            ]
            if not near:
                break
            chain.append(min(near, key=lambda j: cx[j]))
        if len(chain) < MIN_DOTS:
            continue
        for run in _even_runs(chain, cx):
            used.update(run)
            if not _printed(cx[run], w[run], area[run], letter):
                continue
            leader = Leader(
                left=int(min(x[i] for i in run)),
                top=int(min(y[i] for i in run)),
                right=int(max(x[i] + w[i] for i in run)),
                bottom=int(max(y[i] + h[i] for i in run)),
                dots=len(run),
            )
            if _clear_round(ink, leader, letter):
                found.append(leader)
    return sorted(found, key=lambda ld: (ld.top, ld.left))


def _printed(cx: np.ndarray, widths: np.ndarray, areas: np.ndarray, letter: float) -> bool:
    """Whether an even run of dots (their centres' x, widths and areas) was printed as a
    leader: set at one pitch, a full stop's width or more apart, all alike."""
    steps = np.diff(cx)
    step = float(np.median(steps))
    if len(cx) < LONG and np.any(np.abs(steps - step) > SHORT_EVEN * step):
        return False  # a few marks evenly spaced by chance (a broken rule's pieces)
    width = float(np.median(widths))
    if step < MIN_STEP * letter or step - width < APART * width:
        return False
    # Printed dots are alike; specks of grain are not.
    return not np.any(np.abs(areas - np.median(areas)) > SAME_SIZE * np.median(areas))


def _clear_round(ink: np.ndarray, leader: Leader, letter: float) -> bool:
    """Whether the band a letter high above the dots and the band half a letter high below
    them are empty paper, as they are round a form's leader. Round dots of a background
    pattern (a card's guilloche) they are not, and under the accents and i-dots of a word
    (which can stand as evenly) are its letters."""
    above = ink[max(0, int(leader.top - letter)) : leader.top, leader.left : leader.right]
    below = ink[leader.bottom : int(leader.bottom + 0.5 * letter), leader.left : leader.right]
    return all(
        band.size == 0 or float(np.count_nonzero(band)) / band.size <= CLEAR_ROUND
        for band in (above, below)
    )


def _even_runs(chain: list[int], cx: np.ndarray) -> list[list[int]]:
    """The parts of a chain of dots whose steps are even (a leader), each ``MIN_DOTS`` long."""
    steps = np.diff(cx[chain])
    median = float(np.median(steps))
    runs: list[list[int]] = []
    run = [chain[0]]
    for i, step in enumerate(steps):
        if abs(step - median) <= EVEN * median:
            run.append(chain[i + 1])
            continue
        if len(run) >= MIN_DOTS:
            runs.append(run)
        run = [chain[i + 1]]
    if len(run) >= MIN_DOTS:
        runs.append(run)
    return runs


def erase_leaders(image: np.ndarray, leaders: Sequence[Leader]) -> np.ndarray:
    """A copy of the page with the leaders painted in the paper's tone."""
    if not leaders:
        return image
    out = image.copy()
    for ld in leaders:
        pad = max(1, (ld.bottom - ld.top) // 2)
        y0, y1 = max(0, ld.top - pad), ld.bottom + pad
        x0, x1 = max(0, ld.left - pad), ld.right + pad
        region = out[y0:y1, x0:x1]
        if region.size:
            # The paper round the dots: the brightest tenth of the band.
            region[...] = np.percentile(region, 90, axis=(0, 1)).astype(out.dtype)
    return out


def with_leaders(words: Sequence[Word], leaders: Sequence[Leader]) -> tuple[Word, ...]:
    """The words with each leader written in as a word of its dots, on the line of the word
    nearest to it on its row (as high as that word, so the line keeps together), after the
    words of that line to its left; a leader with no word on its row is a line of its own.

    They are not in the page's text-only PDF: dots are nothing to search for."""
    if not leaders or not words:
        return tuple(words)
    out = list(words)
    heights = sorted(w.height for w in words)
    typical = heights[len(heights) // 2]
    spare = max(w.block for w in words) + 1
    for ld in leaders:
        middle = (ld.top + ld.bottom) / 2
        row = [
            w
            for w in out
            if w.top - 0.2 * w.height <= middle <= w.top + 1.3 * w.height and "." * 4 not in w.text
        ]
        gap = {id(w): max(0, w.left - ld.right, ld.left - (w.left + w.width)) for w in row}
        near = min(row, key=lambda w: gap[id(w)], default=None)
        if near is not None and gap[id(near)] <= 4 * typical:
            dots = replace(
                near,
                text="." * ld.dots,
                left=ld.left,
                width=ld.right - ld.left,
                confidence=LEADER_CONFIDENCE,
            )
            line = (near.block, near.paragraph, near.line)
            at = [i for i, w in enumerate(out) if (w.block, w.paragraph, w.line) == line]
            before = [i for i in at if out[i].left < ld.left]
            out.insert(before[-1] + 1 if before else at[0], dots)
            continue
        if ld.dots < ALONE_MIN_DOTS:
            continue
        out.append(
            replace(
                words[0],
                text="." * ld.dots,
                left=ld.left,
                top=max(0, ld.bottom - typical),
                width=ld.right - ld.left,
                height=typical,
                confidence=LEADER_CONFIDENCE,
                block=spare,
                paragraph=1,
                line=1,
            )
        )
        spare += 1
    return tuple(out)


__all__ = ["Leader", "erase_leaders", "find_leaders", "with_leaders"]
