"""Pale bands across the print: an inkjet with a clogged head, a copier's worn drum, a
scanner's lamp that flickered.

Every few millimetres a band of rows prints (or is seen) at a fraction of its contrast, the
paper staying paper. A line of text crossed by such a band keeps its letters' outline, but
their middles go pale grey; Tesseract's global threshold cuts each letter in two and the
line reads as junk (CER 0.3 on such pages) while a person reads it without trouble.

Each row's strokes are as dark as those of the rows just above and below it: a stem runs on
across the rows. So a row whose darkest ink is much paler than the ink within a line's height
of it, while it holds about as much ink as the rows round it, and whose paleness starts or
ends in a step of a pixel or two, is such a band. (The antialiased top and bottom rows of a
line of letters are pale too, but hold little ink and fade in gradually.) A page is taken to
be banded only when several bands of the same paleness are found; each band's rows then
have their contrast multiplied back to that of their neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from scipy.ndimage import maximum_filter1d, uniform_filter1d

INK = 25
"""Contrast with the paper above which a pixel is ink, pale or not."""
MIN_INK = 8
"""A row with fewer ink pixels than this says nothing of its ink's strength."""
PALE = 0.7
"""A band's strokes are at most this share as dark as the strokes near it."""
FULL = 0.9
"""Rows whose strokes are this share as dark as those near them are not in a band."""
STEP_PX = 3
"""A band starts or ends within this many rows (a step, not a letter's soft edge)."""
MIN_ROWS = 3
"""A band is at least this many rows high (a letter's antialiased edge is one or two)."""
FILLED = 0.5
"""A band's rows hold at least this share of the ink of the text rows near them."""
REACH_IN = 0.15
"""How far above and below a row its neighbours' ink is looked at (a line's height)."""
MIN_STEMS = 4
"""Strokes crossing into a band needed to compare their ink inside and outside it."""
MAX_HEIGHT_IN = 0.1
"""A band is lower than a line of print (a whole line printed paler is no band)."""
MIN_BANDS = 3
"""Bands of the same paleness a page must have to be taken as banded."""
SAME = 0.15
"""A page's bands are this near in paleness (the same head, the same lamp)."""
MAX_GAIN = 3.0
"""A band's contrast is at most tripled (a band printed at a third of its ink)."""
STRIP_IN = 0.8
"""Width of the strips the page is measured in."""
MIN_STRIPS = 3
ACROSS = 0.5
"""A band is seen in at least this share of the strips with print in its rows."""
BINS = 32


@dataclass(frozen=True)
class BandingResult:
    grey: np.ndarray
    bands: list[tuple[int, int]]
    """First and last row of each pale band brought back (over all its strips)."""
    paleness: float | None = None
    """The bands' ink strength as a share of their neighbours'."""


def _strength(steps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row of ``steps`` (each pixel's contrast with the paper, in ``BINS`` steps, 0 for
    paper): how many pixels are ink, and the 90th percentile of their contrast."""
    h = steps.shape[0]
    ink = steps > 0
    count = np.count_nonzero(ink, axis=1)
    index = np.arange(0, h * BINS, BINS, dtype=np.int32)[:, None] + steps
    hist = np.bincount(index[ink], minlength=h * BINS).reshape(h, BINS)
    at = (np.cumsum(hist, axis=1) >= 0.9 * np.maximum(count, 1)[:, None]).argmax(axis=1)
    strength = np.where(count >= MIN_INK, (at + 0.5) * (256 // BINS), 0.0)
    return count, strength


@dataclass(frozen=True)
class _Rows:
    """One strip of the page, measured row by row."""

    count: np.ndarray
    """Ink pixels in each row (every other column)."""
    strength: np.ndarray
    near: np.ndarray
    """The strongest ink within a line's height of each row."""
    typical: np.ndarray
    """Mean ink pixels of the inked rows within a line's height."""
    steps: np.ndarray
    """Each pixel's contrast with the paper, in ``BINS`` steps (every other column)."""


def _rows(steps: np.ndarray, dpi: int) -> _Rows:
    count, strength = _strength(steps)
    span = 2 * max(3, int(dpi * REACH_IN)) + 1
    inked = count >= MIN_INK
    rows_near = uniform_filter1d(inked.astype(np.float32), span)
    ink_near = uniform_filter1d(np.where(inked, count, 0).astype(np.float32), span)
    typical = ink_near / np.maximum(rows_near, 1e-6)
    return _Rows(count, strength, maximum_filter1d(strength, span), typical, steps)


def _stems_pale(rows: _Rows, inside: int, outside: int) -> bool:
    """Whether the strokes that cross from row ``outside`` into row ``inside`` go paler there.
    In a band the same stems run on at a fraction of their contrast; a row that is pale only
    for holding no across-strokes (a letter's middle, smeared sideways by a shaken camera)
    has its stems as dark as the row beside it."""
    a, b = rows.steps[inside].astype(np.float32), rows.steps[outside].astype(np.float32)
    both = (a > 0) & (b > 0)
    if both.sum() < MIN_STEMS:
        return False
    return float(np.median(a[both] / b[both])) < PALE


def find_bands(rows: _Rows, dpi: int, level: float | None = None) -> list[tuple[int, int, float]]:
    """Pale bands of one strip: first row, last row, paleness.

    Without ``level``, only a band with full-strength print running on just above and just
    below it: one inside a line of letters, which nothing else on a page looks like (a line
    printed paler than the next is pale top to bottom, a letter's edge fades in gradually).
    Once the page is known to be banded at ``level``, a band of that paleness is taken
    wherever it lies, over the accents above a line or the tails below it."""
    count, typical = rows.count, rows.typical
    ratio = np.where(rows.near > 0, rows.strength / np.maximum(rows.near, 1.0), 1.0)
    inked = count >= MIN_INK
    pale = inked & (ratio < PALE)
    h, tallest = len(count), max(MIN_ROWS, int(dpi * MAX_HEIGHT_IN))

    def step(start: int, way: int) -> int | None:
        """The first full row within a step of ``start`` going ``way``, if ink goes on."""
        for k in range(start, start + STEP_PX * way, way):
            if not 0 <= k < h or not inked[k]:
                return None
            if ratio[k] >= FULL:
                return k
        return None

    bands: list[tuple[int, int, float]] = []
    y = 0
    while y < h:
        if not pale[y]:
            y += 1
            continue
        end = y
        while end + 1 < h and pale[end + 1]:
            end += 1
        above, below = step(y - 1, -1), step(end + 1, 1)
        first = above + 1 if above is not None else y
        last = below - 1 if below is not None else end
        if level is not None:
            if end > y and last - first < tallest:
                paleness = float(np.median(ratio[y : end + 1]))
                if abs(paleness - level) <= SAME:
                    bands.append((first, last, paleness))
        elif above is not None and below is not None and MIN_ROWS <= last - first + 1 <= tallest:
            filled = int((count[y : end + 1] >= FILLED * typical[y : end + 1]).sum())
            middle = (first + last) // 2
            if (
                filled >= MIN_ROWS - 1
                and _stems_pale(rows, middle, above)
                and _stems_pale(rows, middle, below)
            ):
                bands.append((first, last, float(np.median(ratio[y : end + 1]))))
        y = end + 1
    return bands


def _groups(
    bands: list[tuple[int, int, int, float]],
) -> list[list[tuple[int, int, int, float]]]:
    """The strips' bands (strip, first, last, paleness), those whose rows overlap taken as
    one band across the page."""
    groups: list[list[tuple[int, int, int, float]]] = []
    for band in sorted(bands, key=lambda b: b[1]):
        if groups and band[1] <= max(b[2] for b in groups[-1]):
            groups[-1].append(band)
        else:
            groups.append([band])
    return groups


def restore_bands(grey: np.ndarray, dpi: int) -> BandingResult:
    """``grey`` with the contrast of pale bands brought back to that of the rows near them;
    unchanged unless the page has several bands alike.

    The page is measured in strips: a band follows the print, and the print may lie a few
    tenths of a degree off the rows, which is a band's whole height across a page. A band
    runs across the whole page, so it must be seen in most strips that have print in its
    rows; a patch of pale print (a grey pattern beside a line, noise) is in one or two."""
    paper = float(np.percentile(grey[::4, ::4], 90))
    half = max(16, int(dpi * STRIP_IN) // 2)
    width = 2 * half
    # Every other column is enough to measure a row.
    contrast = np.clip(paper - np.arange(256), 0, 255)
    lut = np.where(contrast > INK, np.minimum(contrast // (256 // BINS), BINS - 1), 0)
    steps = cv2.LUT(np.ascontiguousarray(grey[:, ::2]), lut.astype(np.uint8))
    strips = [_rows(steps[:, x : x + half], dpi) for x in range(0, steps.shape[1], half)]
    found = [(i, *band) for i, rows in enumerate(strips) for band in find_bands(rows, dpi)]
    if not found:
        return BandingResult(grey, [])
    level = float(np.median([b[3] for b in found]))
    alike = [b for b in found if abs(b[3] - level) <= SAME]
    across = []
    for group in _groups(alike):
        first, last = min(b[1] for b in group), max(b[2] for b in group)
        seen = {b[0] for b in group}
        printed = sum(
            1 for rows in strips if (rows.count[first : last + 1] >= MIN_INK).mean() >= 0.5
        )
        if len(seen) >= MIN_STRIPS and len(seen) >= ACROSS * printed:
            across.append(group)
    if len(across) < MIN_BANDS:
        return BandingResult(grey, [])
    level = float(np.median([b[3] for group in across for b in group]))
    every = [(i, *band) for i, rows in enumerate(strips) for band in find_bands(rows, dpi, level)]
    out = grey.copy()
    for i, first, last, _ in every:
        rows, x = strips[i], i * width
        band = slice(first, last + 1)
        weak = rows.strength[band]
        gain = np.where(weak > 0, np.minimum(MAX_GAIN, rows.near[band] / np.maximum(weak, 1)), 1)
        lost = np.clip(paper - grey[band, x : x + width].astype(np.float32), 0, None)
        out[band, x : x + width] = np.clip(paper - lost * gain[:, None], 0, 255).astype(np.uint8)
    bands = [(min(b[1] for b in g), max(b[2] for b in g)) for g in _groups(every)]
    return BandingResult(out, bands, round(level, 3))
