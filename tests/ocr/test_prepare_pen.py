"""Blue ballpoint over the print (``ocr.prepare.pen``): a clerk's circle round a name is
lifted, the letters under it stay; a signature in its blank room and blue print are left."""

from __future__ import annotations

import cv2
import numpy as np

from ocr.prepare.seal import suppress_seals
from tests.ocr.test_tesseract import lines_image

PEN = (30, 50, 160)
"""A blue ballpoint's ink, RGB."""


def _page(print_colour: tuple[int, int, int] = (0, 0, 0)) -> np.ndarray:
    """The three lines of ``lines_image`` in ``print_colour`` on white, with a blue pen's
    circle round "Nguyễn Thị Hằng" and a blue signature in the blank room right of line 2."""
    ink = (255 - lines_image().astype(np.float32)) / 255
    page = 255 - ink[..., None] * (255 - np.array(print_colour, np.float32))
    page = page.clip(0, 255).astype(np.uint8)
    cv2.ellipse(page, (700, 95), (330, 60), 2, 0, 360, PEN, 3, cv2.LINE_AA)
    scribble = np.array([[1900 + 25 * i, 200 + (40 if i % 2 else -30)] for i in range(16)])
    cv2.polylines(page, [scribble.astype(np.int32)], False, PEN, 4, cv2.LINE_AA)
    return page


def test_a_pen_circle_round_a_name_is_lifted_and_its_letters_stay() -> None:
    page = _page()
    res = suppress_seals(page, 300)
    assert len(res.strokes) == 1
    x, y, w, h = res.strokes[0]
    assert x <= 380 and x + w >= 1020  # the circle, not the signature
    pen = np.zeros(page.shape[:2], np.uint8)
    cv2.ellipse(pen, (700, 95), (330, 60), 2, 0, 360, 255, 3)
    letters = lines_image() < 100
    on_pen = (pen > 0) & ~cv2.dilate(letters.astype(np.uint8), np.ones((7, 7), np.uint8)).astype(
        bool
    )
    assert np.median(res.grey[on_pen]) > 230  # the circle is paper
    kept = letters & (pen == 0)
    assert np.mean(res.grey[kept] < 100) > 0.98  # the letters are as dark as they were
    # The signature in its blank room touches no print: left as it is.
    sig = res.grey[150:260, 1880:2320]
    assert sig.min() < 120


def test_blue_print_is_not_taken_for_pen_strokes() -> None:
    page = _page(print_colour=(20, 40, 150))
    res = suppress_seals(page, 300)
    assert res.strokes == []
    letters = lines_image() < 100
    assert np.mean(res.grey[letters] < 140) > 0.9  # the blue print stays print


def test_under_warm_light_a_signature_in_its_blank_room_stays() -> None:
    """Under a desk lamp the paper is orange and a navy pen's dark middle has lost its blue:
    it is as colourless as print, but it is the stroke's own, not print it runs into."""
    page = np.full((400, 1000, 3), 255, np.uint8)
    cv2.putText(page, "CHU TICH", (300, 80), cv2.FONT_HERSHEY_SIMPLEX, 2.0, (0, 0, 0), 6)
    scribble = np.array([[250 + 30 * i, 250 + (45 if i % 2 else -35)] for i in range(16)])
    cv2.polylines(page, [scribble.astype(np.int32)], False, PEN, 13, cv2.LINE_AA)
    cv2.polylines(page, [scribble.astype(np.int32)], False, (15, 20, 40), 5, cv2.LINE_AA)
    lamp = (page.astype(np.float32) * np.array([0.95, 0.78, 0.52])).astype(np.uint8)
    res = suppress_seals(lamp, 300)
    assert res.strokes == []
    assert res.grey[200:300, 250:700].min() < 80  # the signature is as it was
