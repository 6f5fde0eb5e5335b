"""Cutting the image Tesseract reads to the printed area."""

from __future__ import annotations

import numpy as np

from ocr.prepare.crop import print_box


def _letters(mask: np.ndarray, x0: int, y0: int, rows: int, cols: int) -> None:
    for r in range(rows):
        for c in range(cols):
            y, x = y0 + r * 30, x0 + c * 14
            mask[y : y + 12, x : x + 8] = 255


def test_box_holds_every_letter_with_its_margin() -> None:
    mask = np.zeros((1000, 800), np.uint8)
    _letters(mask, 200, 300, rows=8, cols=20)
    mask[900:990, 10:790] = 255  # a dark table edge in the photo: not a letter
    box = print_box(mask, char_px=12, margin_px=20)
    assert box is not None
    assert (box.left, box.top) == (180, 280)
    assert box.right == 200 + 19 * 14 + 8 + 20 and box.bottom == 300 + 7 * 30 + 12 + 20
    assert 0.8 < box.saving < 0.95


def test_too_little_print_or_too_little_gain_is_left_alone() -> None:
    few = np.zeros((1000, 800), np.uint8)
    _letters(few, 200, 300, rows=1, cols=10)
    assert print_box(few, char_px=12, margin_px=20) is None
    full = np.zeros((400, 300), np.uint8)
    _letters(full, 10, 10, rows=13, cols=20)
    assert print_box(full, char_px=12, margin_px=20) is None
