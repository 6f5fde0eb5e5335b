"""Blue ballpoint over the print: a clerk's circles, underlines and ticks, a signature that
runs across the signer's title.

Such a stroke crosses words and joins lines, and Tesseract's layout breaks round it (a
circled name split a sentence into three blocks read in the wrong order). Black print has
no colour, so a blue stroke can be taken out by its colour, as a blue stamp is
(``ocr.prepare.seal``). A stroke is told from blue *print* by its size: a pen's
line is one piece far longer than a letter, while print is many letter-sized pieces. A page
with blue print (a form printed in blue, a blue heading) keeps all its blue: only where the
blue ink is a few long strokes and next to no letters is it lifted.

Only a stroke that runs into the print is lifted: a signature in its blank room or a tick
in the margin breaks nothing. A signature over a seal is left to the seal's lifting.
"""

from __future__ import annotations

import cv2
import numpy as np

from .colour import blueness

WORK_DPI = 150.0
STROKE_IN = 0.6
"""A piece of blue ink at least this long (either way) is a pen's stroke, not a letter."""
LETTER_IN = (0.06, 0.3)
"""Height of a letter-sized piece of blue ink."""
MAX_LETTERS = 12
"""More letter-sized pieces of blue than this, and the page has blue print: left alone."""
MAX_FILL = 0.25
LINE_IN = 0.03
"""A stroke covers at most ``MAX_FILL`` of its box (a loop), or is a line no thicker than
``LINE_IN`` on average along its length (an underline); a filled shape is neither."""
PRINT = 0.45
"""Print is darker than this share of the paper in every channel (a navy pen's blue is not)."""
TOUCH = 0.01
"""A stroke is lifted only when print lies against it along this share of its length."""
REACH_IN = 0.15
"""How far round a stroke its neighbours are looked at: dark ink there that reaches out of
the stroke's own width is print, the rest is the stroke's own dark core."""
UNDER = 0.4
"""A pixel darker in the blue channel than this share of the pen's ink there is print under
the stroke (kept); twice as light, and it is the pen's (lifted)."""


def find_pen_strokes(rgb: np.ndarray, dpi: int, level: int) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, w, h, in ``rgb``'s pixels) of blue pen strokes: ink bluer than ``level``
    (``colour.blueness``)."""
    # Sampled, not averaged: a ballpoint's line is 2-4 pixels wide at 300 dpi, and averaging
    # would wash its colour out.
    step = max(1, round(dpi / WORK_DPI))
    px = dpi / step
    small = rgb[::step, ::step]
    blue = blueness(small)
    inked = (blue > level).astype(np.uint8)
    if not inked.any():
        return []
    _, labels, stats, _ = cv2.connectedComponentsWithStats(inked, connectivity=8)
    w, h, area = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, 4]
    letters = (h >= LETTER_IN[0] * px) & (h <= LETTER_IN[1] * px) & (w <= LETTER_IN[1] * px)
    if int(letters.sum()) > MAX_LETTERS:
        return []
    side = np.maximum(w, h)
    thin = (area <= MAX_FILL * w * h) | (area <= LINE_IN * px * side)
    candidates = np.flatnonzero((side >= STROKE_IN * px) & thin)
    if not candidates.size:
        return []
    paper = float(np.percentile(_brightest(small[::4, ::4]), 90))
    near = np.ones((3, 3), np.uint8)
    boxes = []
    pad = round(REACH_IN * px)
    for i in candidates:
        x, y, bw, bh = (int(v) for v in stats[i + 1, :4])
        x0, y0 = max(0, x - pad), max(0, y - pad)
        around = np.s_[y0 : y + bh + pad, x0 : x + bw + pad]
        stroke = (labels[around] == i + 1).astype(np.uint8)
        # Print: dark in every channel, and not blue.
        printed = (_brightest(small[around]) < PRINT * paper) & (blue[around] < level / 2)
        # Under warm light a navy stroke's core is as dark and colourless as print: print is
        # dark ink that reaches out of the blue ink's own width.
        n, marks = cv2.connectedComponents(printed.astype(np.uint8), connectivity=8)
        own = cv2.dilate(inked[around], near, iterations=3).astype(bool)
        beyond = np.zeros(n, bool)
        beyond[np.unique(marks[~own])] = True
        beyond[0] = False
        # Only a stroke that runs into the print breaks its layout: a signature in its blank
        # room, or a tick in the margin, is left as it is.
        touching = int(np.count_nonzero(cv2.dilate(stroke, near, iterations=2) & beyond[marks]))
        if touching >= TOUCH * area[i]:
            boxes.append((x * step, y * step, bw * step, bh * step))
    return boxes


def _brightest(rgb: np.ndarray) -> np.ndarray:
    """Each pixel's brightest channel (``max(axis=2)`` is ten times slower)."""
    return np.maximum(np.maximum(rgb[..., 0], rgb[..., 1]), rgb[..., 2])


def lift_strokes(
    grey: np.ndarray,
    rgb: np.ndarray,
    boxes: list[tuple[int, int, int, int]],
    level: int,
    dpi: int,
) -> None:
    """Inside each box, the pen's ink blended to the paper; in place.

    Unlike a stamp's, a ballpoint's ink is dark in every channel (navy), so it goes to the
    paper's brightness, not to its own colour's channel. A pixel is the pen's as far as it
    is blue (black print has no blueness and keeps its luminance) and as light as the pen's
    ink in the blue channel: where the stroke crosses a letter, the letter's ink under it
    is darker there, and stays.
    """
    fringe = 2 * max(1, round(dpi / 200)) + 1
    for x, y, w, h in boxes:
        cut = np.s_[y : y + h, x : x + w]
        lum = grey[cut].astype(np.float32)
        paper = float(np.percentile(lum, 90))
        strength = blueness(rgb[cut]).astype(np.float32)
        blue = rgb[cut][..., 2].astype(np.float32)
        inked = strength > level
        if not inked.any():
            continue
        pen = float(np.median(blue[inked]))
        wgt = np.clip((strength - level / 2) / max(1.0, level / 2), 0, 1)
        # A JPEG keeps colour at half the resolution of brightness: the stroke's dark edge
        # lies a pixel or two beyond its blue, and would be left as the stroke's outline.
        wgt = cv2.dilate(wgt, np.ones((fringe, fringe), np.uint8))
        wgt *= np.clip((blue - UNDER * pen) / max(1.0, UNDER * pen), 0, 1)
        grey[cut] = np.clip(lum + (paper - lum).clip(0) * wgt, 0, 255).astype(np.uint8)
