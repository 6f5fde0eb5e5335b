"""Print that Tesseract's page layout skipped.

Tesseract's layout analysis (psm 3) sometimes takes a block for a picture and never reads
it: most often the signer's title and name, where a signature and the remains of a seal lie
over the letters. It also drops a column of lone marks: the numbers down a ruled table's
first column ("STT": 1, 2, 3), each alone in its cell. This finds the letter-sized ink that
no recognised word covers, lines of it anywhere and any of it in a table's cell, so that a
second, sparse-text pass can read just those places.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from .reading_order import Word, is_junk, typical_height
from .tables import Grid

WORK_LETTER_PX = 20.0
"""The search runs on a copy where a typical word is this many pixels high."""
SIDE_PAD = 1.5
"""A found line is widened by this many word heights on each side."""
ROW_GAP = 4.0
"""Pieces of a row closer than this many word heights are one line."""
MIN_LETTERS = 3
"""A missed place must hold at least this many letter-sized marks (not a speck, not a dash)."""
CELL_INSET = 0.25
"""A cell is searched this many word heights inside its rules (what is left of a painted-out
rule is no letter)."""


@dataclass(frozen=True)
class Region:
    """A place with unread letter-sized ink, in pixels of the page image."""

    left: int
    top: int
    width: int
    height: int
    letters: int


def missed_regions(grey: np.ndarray, words: Sequence[Word]) -> list[Region]:
    """Lines of letter-sized ink outside every recognised word's box, largest first.

    Marks much larger than a letter (signature strokes, seal rings, photos, rules) are left
    out: they are not print, and reading them only adds noise.
    """
    if grey.ndim == 3:
        grey = cv2.cvtColor(grey, cv2.COLOR_RGB2GRAY)
    h_word = typical_height(words)
    if h_word is None:
        return []
    f = min(1.0, WORK_LETTER_PX / h_word)
    small = cv2.resize(grey, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else grey
    level, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    pad = 0.25 * h_word
    # A scrap read in a signature may lie over the signer's name: its place is still unread.
    for w in (w for w in words if not is_junk(w, h_word)):
        x0, y0 = int((w.left - pad) * f), int((w.top - pad) * f)
        x1, y1 = int((w.left + w.width + pad) * f) + 1, int((w.top + w.height + pad) * f) + 1
        ink[max(0, y0) : y1, max(0, x0) : x1] = 0
    hs = h_word * f
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    letter = _letter_sized(stats, hs)
    keep = np.zeros_like(ink)
    keep[letter[labels]] = 255
    keep = np.maximum(keep, _letters_in_blobs(small, ink, labels, ~letter, level, hs))
    # Letters a word gap apart join into a line; lines stay apart.
    joined = cv2.dilate(keep, cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, int(hs)), 1)))
    m, lines, stats2, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    on = keep > 0
    pairs = np.unique(np.stack([lines[on], labels[on]]), axis=1)
    letters_in = np.bincount(pairs[0], minlength=m)
    regions: list[Region] = []
    for i in range(1, m):
        x, y, w_, h_ = (int(v) for v in stats2[i, :4])
        letters = int(letters_in[i])
        if h_ > 2.2 * hs or w_ < 1.5 * hs or letters < MIN_LETTERS:
            continue
        # Wide on the sides: a word cut off by a stroke lies just beside its letters.
        side = SIDE_PAD * h_word
        regions.append(
            Region(
                int(max(0, x / f - side)),
                int(max(0, y / f - pad)),
                int(w_ / f + 2 * side),
                int(h_ / f + 2 * pad),
                letters,
            )
        )
    height, width = grey.shape[:2]
    regions = [
        Region(
            r.left, r.top, min(r.width, width - r.left), min(r.height, height - r.top), r.letters
        )
        for r in _join_rows(regions, h_word)
    ]
    regions.sort(key=lambda r: -r.letters)
    return regions


def _letters_in_blobs(
    small: np.ndarray,
    ink: np.ndarray,
    labels: np.ndarray,
    blob: np.ndarray,
    level: float,
    hs: float,
) -> np.ndarray:
    """Letters that a seal's faint ring or a signature's stroke joins into one large blob,
    found in the blob's darker ink alone: print is darker than a seal's remains.

    ``blob`` tells, per component of ``labels``, which to search (those not letter-sized;
    a speck's darker part is smaller still, so passing specks too finds nothing more). The
    signer's title and name under a seal are the words this matters for.
    """
    blob = blob.copy()
    blob[0] = False
    blobs = blob[labels] & (ink > 0)
    if not blobs.any():
        return np.zeros_like(ink)
    darkest = float(np.percentile(small[blobs], 2))
    dark = (blobs & (small <= (level + darkest) / 2)).astype(np.uint8)
    _, labels2, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    out = np.zeros_like(ink)
    out[_letter_sized(stats, hs)[labels2]] = 255
    return out


def _letter_sized(stats: np.ndarray, hs: float) -> np.ndarray:
    """Which components (``connectedComponentsWithStats``) are letter-sized: a letter (with
    its diacritics) is at most about a word high; letters that touch make a blob a few
    letters wide, still not a rule."""
    bw, bh = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    letter = (bh >= 0.3 * hs) & (bh <= 1.6 * hs) & (bw <= 4 * hs)
    letter[0] = False
    return letter


def missed_cells(grey: np.ndarray, words: Sequence[Word], grids: Sequence[Grid]) -> list[Region]:
    """Cells of ruled tables (their rules painted out) in which no word was read, holding
    letter-sized ink however little: a cell's "1" is a whole value. A cell with a word in
    it is left alone: what ink is left beside the word is its accents and the rules' ends."""
    if grey.ndim == 3:
        grey = cv2.cvtColor(grey, cv2.COLOR_RGB2GRAY)
    h_word = typical_height(words)
    if h_word is None or not grids:
        return []
    level, _ = cv2.threshold(grey[::4, ::4], 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    centres = [
        (w.left + w.width / 2, w.top + w.height / 2) for w in words if not is_junk(w, h_word)
    ]
    inset = max(2, int(CELL_INSET * h_word))
    regions: list[Region] = []
    for grid in grids:
        for x0, x1 in zip(grid.xs, grid.xs[1:], strict=False):
            for y0, y1 in zip(grid.ys, grid.ys[1:], strict=False):
                left, top, right, bottom = x0 + inset, y0 + inset, x1 - inset, y1 - inset
                if right - left < h_word / 2 or bottom - top < h_word / 2:
                    continue
                if any(x0 < cx < x1 and y0 < cy < y1 for cx, cy in centres):
                    continue
                ink = (grey[top:bottom, left:right] <= level).astype(np.uint8)
                _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
                bh = stats[1:, cv2.CC_STAT_HEIGHT]
                letters = int(np.count_nonzero((bh >= 0.5 * h_word) & (bh <= 1.6 * h_word)))
                if letters:
                    regions.append(Region(left, top, right - left, bottom - top, letters))
    return regions


def _join_rows(regions: list[Region], h_word: float) -> list[Region]:
    """Pieces of one line (split where a stroke or a seal ring touched the letters) become
    one region spanning the line, so the second pass reads whole words."""
    out: list[Region] = []
    for r in sorted(regions, key=lambda r: (r.top, r.left)):
        for i, o in enumerate(out):
            overlap = min(o.top + o.height, r.top + r.height) - max(o.top, r.top)
            gap = max(o.left, r.left) - min(o.left + o.width, r.left + r.width)
            if overlap >= 0.5 * min(o.height, r.height) and gap <= ROW_GAP * h_word:
                left, top = min(o.left, r.left), min(o.top, r.top)
                right = max(o.left + o.width, r.left + r.width)
                bottom = max(o.top + o.height, r.top + r.height)
                out[i] = Region(left, top, right - left, bottom - top, o.letters + r.letters)
                break
        else:
            out.append(r)
    return out


def bounds(regions: Sequence[Region]) -> tuple[int, int, int, int]:
    """``(left, top, right, bottom)`` of all the regions together."""
    return (
        min(r.left for r in regions),
        min(r.top for r in regions),
        max(r.left + r.width for r in regions),
        max(r.top + r.height for r in regions),
    )


def isolate(grey: np.ndarray, regions: Sequence[Region], words: Sequence[Word]) -> np.ndarray:
    """The page with everything outside ``regions`` painted paper-white, same size, so what
    Tesseract reads there keeps the page's coordinates. Inside them, marks far larger than
    a letter (the signature or seal ring that hid the line) and the words the first pass
    read are painted out too."""
    if grey.ndim == 3:
        grey = cv2.cvtColor(grey, cv2.COLOR_RGB2GRAY)
    paper = int(np.percentile(grey[::8, ::8], 90))
    out = np.full_like(grey, paper)
    h_word = typical_height(words) or 0.0
    level, _ = cv2.threshold(grey[::4, ::4], 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    for r in regions:
        sl = (slice(r.top, r.top + r.height), slice(r.left, r.left + r.width))
        crop = grey[sl].copy()
        if h_word:
            ink = (crop < level).astype(np.uint8)
            _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
            big = (stats[:, cv2.CC_STAT_HEIGHT] > 1.6 * h_word) | (
                stats[:, cv2.CC_STAT_WIDTH] > 4 * h_word
            )
            big[0] = False
            saved = _letters_in_blobs(crop, ink, labels, big, level, h_word) > 0
            crop[big[labels] & ~saved] = paper
        out[sl] = crop
    # What the first pass read is not read twice (with the soft edges of its letters).
    m = max(2, round(0.08 * h_word))
    for w in words:
        if not is_junk(w, h_word or None):
            out[
                max(0, w.top - m) : w.top + w.height + m, max(0, w.left - m) : w.left + w.width + m
            ] = paper
    return out


__all__ = ["Region", "bounds", "isolate", "missed_cells", "missed_regions"]
