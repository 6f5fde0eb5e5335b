"""Scanner streaks: a thin line down the whole page, drawn by dust on the glass of a sheet-fed
scanner (or by one bad sensor element) through whatever letters lie on it ("Họ" is read "Hc").

The paper moves past the sensor along the image's columns, so a streak is a band of columns,
exactly vertical in the scan as it arrives: it is found and removed before deskew and
orientation turn it. A streak pixel is redrawn from the pixels just left and right of the
band, and only where it is darker than they are: where the streak crosses paper it becomes
paper, where it crosses a letter's horizontal stroke the stroke stays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CONTRAST = 20
"""A streak pixel is this many grey levels darker than the paper on both sides of it."""
ROW_SHARE = 0.8
"""A streak darkens at least this share of the page's rows (it is lost where it crosses dark
print); a letter's vertical stroke darkens a column in a few rows of each line of text."""
END_SHARE = 0.08
"""A streak darkens at least half the rows of this share of the page at either end."""
MAX_WIDTH_IN = 0.03
"""Widest streak looked for (about 9 pixels at 300 dpi)."""
ROW_STEP = 4
"""Every fourth row is enough to find a line the length of the page."""


@dataclass(frozen=True)
class StreakResult:
    grey: np.ndarray
    bands: list[tuple[int, int]]
    """First and last column of each streak removed."""


def _reach(dpi: int) -> int:
    """How far either side of a column the paper beside a streak is looked for."""
    return max(2, int(round(dpi * MAX_WIDTH_IN / 2)) + 1)


def find_streaks(grey: np.ndarray, dpi: int) -> list[tuple[int, int]]:
    """Bands of columns, each at most ``MAX_WIDTH_IN`` wide, darker than both sides of them
    in at least ``ROW_SHARE`` of the rows."""
    reach = _reach(dpi)
    rows = grey[::ROW_STEP].astype(np.int16)
    if rows.shape[1] <= 2 * reach or rows.shape[0] < 10:
        return []
    side = np.minimum(rows[:, : -2 * reach], rows[:, 2 * reach :])
    darker = rows[:, reach:-reach] < side - CONTRAST
    # A streak runs the paper's whole length, through its margins: a table's rule on a page
    # lying sideways is as long as most of the page's width, but stops at the table's frame.
    end = max(1, int(len(rows) * END_SHARE))
    through = (darker[:end].mean(axis=0) >= 0.5) & (darker[-end:].mean(axis=0) >= 0.5)
    cols = np.flatnonzero((darker.mean(axis=0) >= ROW_SHARE) & through) + reach
    if cols.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(cols) > 1)
    starts = np.concatenate(([cols[0]], cols[breaks + 1]))
    ends = np.concatenate((cols[breaks], [cols[-1]]))
    # Only the centre of a streak is flagged (its edges have it on one side): a run of flagged
    # columns wider than the reach is a broad dark band, not a line.
    return [(int(s), int(e)) for s, e in zip(starts, ends, strict=True) if e - s < reach]


def remove_streaks(grey: np.ndarray, dpi: int) -> StreakResult:
    """The page with its streaks redrawn from the paper beside them; the same array when
    there are none."""
    centres = find_streaks(grey, dpi)
    if not centres:
        return StreakResult(grey, [])
    reach = _reach(dpi)
    out = grey.copy()
    w = grey.shape[1]
    bands = []
    for s, e in centres:
        left, right = max(0, s - reach), min(w - 1, e + reach)
        if right - left < 2:
            continue
        lo = out[:, left].astype(np.float32)[:, None]
        hi = out[:, right].astype(np.float32)[:, None]
        t = np.linspace(0.0, 1.0, right - left + 1, dtype=np.float32)[None, 1:-1]
        beside = lo + (hi - lo) * t
        band = out[:, left + 1 : right]
        # Columns of the band that are streak: darker than the paper beside them in most rows.
        dark = band.astype(np.float32) < beside - CONTRAST
        streak = dark[::ROW_STEP].mean(axis=0) >= ROW_SHARE / 2
        if not streak.any():
            continue
        fix = dark & streak[None, :]
        band[fix] = np.round(beside[fix]).astype(np.uint8)
        cols = np.flatnonzero(streak) + left + 1
        bands.append((int(cols[0]), int(cols[-1])))
    return StreakResult(out, bands)
