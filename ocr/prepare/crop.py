"""Cropping to the printed area before recognition.

A phone photo whose paper edges were not found still shows the table around it, and every
page has margins: on hard photos the print covers under half of the image. Tesseract's
thresholding and layout analysis cost grows with the pixels, so the image it reads is cut to
the box of the letter-sized marks plus a margin. Only the image Tesseract reads is cut; the
mapping back onto the page as scanned keeps the text layer in place.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

MIN_LETTERS = 20
"""Fewer letter-sized marks than this: too little print to trust its box."""
MIN_SAVING = 0.15
"""Crop only when it removes at least this share of the pixels."""
FRAME_FILL = 0.15
"""A ruled table's rules: one mark many letters wide and tall whose ink covers less than
this share of its box (a grid of thin lines; a seal's disc or a photo is full)."""
FRAME_INSIDE = 0.5
"""A table at least this much inside the print's box is a table of the print."""
RULE_SHARE = 0.7
"""A rule runs at least this share of its table's width or height."""


@dataclass(frozen=True)
class CropBox:
    left: int
    top: int
    right: int
    bottom: int
    saving: float
    """Share of the image's pixels cut away."""


def print_box(mask: np.ndarray, char_px: float, margin_px: float) -> CropBox | None:
    """The box of letter-sized ink in ``mask`` (255 = ink), and of the ruled tables it
    holds, widened by ``margin_px``, in the mask's pixels; None when there is too little
    print or too little to gain."""
    box = letters_box(mask, char_px)
    if box is None:
        return None
    x0, y0, x1, y1 = box
    height, width = mask.shape[:2]
    left = max(0, int(x0 - margin_px))
    top = max(0, int(y0 - margin_px))
    right = min(width, int(x1 + margin_px))
    bottom = min(height, int(y1 + margin_px))
    saving = 1.0 - (right - left) * (bottom - top) / float(width * height)
    if saving < MIN_SAVING:
        return None
    return CropBox(left, top, right, bottom, saving)


def letters_box(
    mask: np.ndarray, char_px: float, in_words: bool = False
) -> tuple[int, int, int, int] | None:
    """Left, top, right and bottom of the letter-sized ink in ``mask`` and of the ruled
    tables it holds; None when there is too little print to trust.

    ``in_words``: only letters with another beside them on their line count, so a mark alone
    in the margin (a crease's broken line, a speck) does not widen the box."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if n <= MIN_LETTERS:
        return None
    x, y, w, h = (stats[1:, i] for i in range(4))
    letter = (h >= 0.4 * char_px) & (h <= 2.5 * char_px) & (w <= 5 * char_px)
    if in_words:
        letter &= _beside_another(labels, stats[1:], letter, char_px)
    if int(letter.sum()) < MIN_LETTERS:
        return None
    x0, y0 = int(x[letter].min()), int(y[letter].min())
    x1, y1 = int((x + w)[letter].max()), int((y + h)[letter].max())
    # A table's frame runs past its text when a column is wider than what is written in
    # it: cut there, the table would lose its last rule, and its last column be read apart.
    area = stats[1:, cv2.CC_STAT_AREA]
    sparse = (w > 5 * char_px) & (h > 2.5 * char_px) & (area < FRAME_FILL * w * h)
    for i in np.flatnonzero(sparse):
        fx, fy, fw, fh = int(x[i]), int(y[i]), int(w[i]), int(h[i])
        inside = max(0, min(x1, fx + fw) - max(x0, fx)) * max(0, min(y1, fy + fh) - max(y0, fy))
        if inside >= FRAME_INSIDE * fw * fh and _is_table(
            labels[fy : fy + fh, fx : fx + fw] == i + 1
        ):
            x0, y0, x1, y1 = min(x0, fx), min(y0, fy), max(x1, fx + fw), max(y1, fy + fh)
    return x0, y0, x1, y1


def _beside_another(
    labels: np.ndarray, stats: np.ndarray, letter: np.ndarray, char_px: float
) -> np.ndarray:
    """For each mark (``labels`` from 1, ``stats`` from the first mark), whether it is a
    letter with another letter within a letter's width to its left or right on its line."""
    lut = np.concatenate(([0], letter.astype(np.uint8) * 255)).astype(np.uint8)
    reach = max(3, int(2 * char_px) | 1)
    runs = cv2.dilate(lut[labels], np.ones((1, reach), np.uint8))
    _, run_labels, run_stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    h, w = labels.shape[:2]
    # Each mark's run is read at its box's centre: widened by a letter each way, a letter's
    # run covers its box's middle row there.
    cx = (stats[:, 0] + stats[:, 2] // 2).clip(0, w - 1)
    cy = (stats[:, 1] + stats[:, 3] // 2).clip(0, h - 1)
    width = run_stats[run_labels[cy, cx], cv2.CC_STAT_WIDTH]
    # A lone mark's run is its own width plus the reach; two letters' runs are wider.
    return letter & (width >= reach + 1.5 * char_px)


def _is_table(mark: np.ndarray) -> bool:
    """Whether a mark (a boolean mask of its box) is a ruled table: rules across it and down
    it, one of them inside its frame. A box round a card, a diploma's border or a fold is
    not: cutting through those loses nothing."""
    down = _runs(mark.sum(axis=0) >= RULE_SHARE * mark.shape[0])
    across = _runs(mark.sum(axis=1) >= RULE_SHARE * mark.shape[1])
    return min(down, across) >= 2 and max(down, across) >= 3


def _runs(flags: np.ndarray) -> int:
    """How many runs of True ``flags`` holds."""
    return int(np.count_nonzero(np.diff(flags.astype(np.int8), prepend=0) == 1))


__all__ = ["CropBox", "print_box"]
