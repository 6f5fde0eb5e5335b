"""Words Tesseract garbled: print-sized, and read with (almost) no confidence.

Tesseract's recogniser now and then turns a clean printed word into nonsense and says so
itself with a confidence near zero: "Số CCCD:" in Liberation Serif at 300 dpi comes out as
"50IIE166110:" (confidence 0), yet read alone at three quarters of the size it is "Số CCCD:"
(confidence 85-91). The failure depends on the exact size of the letters, so such words
are read again, smaller.

All of a page's garbled words are read in one extra run: each is cut out (the other words'
ink painted over, so nothing is read twice), shrunk, and laid one under another on a sheet
of paper. A second reading replaces the first only when Tesseract is sure of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from .reading_order import Word, is_junk, typical_height

GARBLED_BELOW = 20.0
"""Confidence under which a print-sized word is taken for garbled."""
SURE = 80.0
"""A second reading is taken only when every word of it is read with this confidence."""
SCALE = 0.75
"""How much smaller the second reading sees the word."""
MAX_WORDS = 12
"""At most this many words of a page are read again."""
PRINT_SIZE = (0.6, 1.8)
"""Print-sized: between these multiples of the page's typical word height (signatures and
seal rims, taller, are dropped as scraps anyway)."""


@dataclass(frozen=True)
class Slot:
    """Where one word's cut-out lies on the sheet."""

    index: int
    """The word's index in the page's word list."""
    top: int
    bottom: int


def garbled(words: Sequence[Word]) -> list[int]:
    """Indices of the words to read again, most garbled first."""
    typical = typical_height(words)
    if typical is None:
        return []
    lo, hi = PRINT_SIZE
    found = [
        i
        for i, w in enumerate(words)
        if w.confidence < GARBLED_BELOW
        and len(w.text.strip()) >= 2
        and lo * typical <= w.height <= hi * typical
        and not is_junk(w, typical)
    ]
    return sorted(found, key=lambda i: words[i].confidence)[:MAX_WORDS]


def sheet(
    image: np.ndarray, words: Sequence[Word], chosen: Sequence[int]
) -> tuple[np.ndarray, list[Slot]]:
    """The chosen words cut out, shrunk by ``SCALE`` and stacked on one sheet of paper."""
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    h, w = grey.shape
    paper = int(np.percentile(grey[::8, ::8], 90))
    cuts: list[tuple[int, np.ndarray]] = []
    for i in chosen:
        word = words[i]
        # Little of the page round the word: a wider cut takes in the tails and accents of
        # the lines above and below, which come back as stray quotes. The sheet adds paper.
        pad = max(2, word.height // 8)
        x0, y0 = max(0, word.left - pad), max(0, word.top - pad)
        x1, y1 = min(w, word.left + word.width + pad), min(h, word.top + word.height + pad)
        cut = grey[y0:y1, x0:x1].copy()
        for j, other in enumerate(words):
            if j != i:
                # Another word's ink in the margin would be read twice.
                ox0, oy0 = max(0, other.left - x0), max(0, other.top - y0)
                ox1, oy1 = other.left + other.width - x0, other.top + other.height - y0
                if ox0 < cut.shape[1] and oy0 < cut.shape[0] and ox1 > 0 and oy1 > 0:
                    cut[oy0:oy1, ox0:ox1] = paper
        small = cv2.resize(cut, None, fx=SCALE, fy=SCALE, interpolation=cv2.INTER_AREA)
        cuts.append((i, small))
    if not cuts:
        return np.full((1, 1), paper, np.uint8), []
    gap = max(c.shape[0] for _, c in cuts)
    width = max(c.shape[1] for _, c in cuts) + 2 * gap
    height = sum(c.shape[0] for _, c in cuts) + gap * (len(cuts) + 1)
    out = np.full((height, width), paper, np.uint8)
    slots: list[Slot] = []
    y = gap
    for i, c in cuts:
        out[y : y + c.shape[0], gap : gap + c.shape[1]] = c
        slots.append(Slot(i, y, y + c.shape[0]))
        y += c.shape[0] + gap
    return out, slots


def second_readings(
    slots: Sequence[Slot], read: Sequence[Word], old: Sequence[Word]
) -> dict[int, tuple[str, float]]:
    """For each slot whose words Tesseract is sure of, the new text and its confidence."""
    out: dict[int, tuple[str, float]] = {}
    for slot in slots:
        mine = sorted(
            (r for r in read if slot.top <= r.top + r.height / 2 < slot.bottom),
            key=lambda r: r.left,
        )
        if not mine or min(r.confidence for r in mine) < SURE:
            continue
        text = " ".join(r.text for r in mine)
        if text != old[slot.index].text:
            out[slot.index] = (text, min(r.confidence for r in mine))
    return out
