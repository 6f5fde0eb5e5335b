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


def _frame(mask: np.ndarray, x0: int, y0: int, x1: int, y1: int, xs: tuple[int, ...] = ()) -> None:
    """A ruled box, with inner rules down it at ``xs``; rows every 30 px across it."""
    for x in (x0, x1 - 2, *xs):
        mask[y0:y1, x : x + 2] = 255
    for y in range(y0, y1 - 1, 30):
        mask[y : y + 2, x0:x1] = 255
    mask[y1 - 2 : y1, x0:x1] = 255


def test_a_table_whose_last_column_runs_past_its_text_is_kept_whole() -> None:
    mask = np.zeros((1000, 1200), np.uint8)
    _letters(mask, 200, 100, rows=3, cols=30)  # the text above the table
    # The table's rules run to x=1000, far past the widest line of text (x=760, in its
    # last column) and its margin: cut there, its last column would lose its right rule.
    _frame(mask, 190, 200, 1000, 352, xs=(300, 700))
    _letters(mask, 205, 209, rows=5, cols=6)
    _letters(mask, 310, 209, rows=5, cols=20)
    _letters(mask, 710, 209, rows=5, cols=4)
    box = print_box(mask, char_px=12, margin_px=20)
    assert box is not None
    assert box.right == 1000 + 20
    assert box.left == 190 - 20


def test_a_border_round_the_page_or_a_box_round_a_card_is_cut_away() -> None:
    mask = np.zeros((1000, 1200), np.uint8)
    _letters(mask, 300, 300, rows=8, cols=20)
    # A diploma's border with no rules inside: nothing is lost by leaving it out.
    mask[150:154, 150:1050] = mask[846:850, 150:1050] = 255
    mask[150:850, 150:154] = mask[150:850, 1046:1050] = 255
    box = print_box(mask, char_px=12, margin_px=20)
    assert box is not None
    assert (box.left, box.right) == (280, 300 + 19 * 14 + 8 + 20)
