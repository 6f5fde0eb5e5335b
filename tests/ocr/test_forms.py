"""Forms to be filled in: dotted leaders and the boxes of a comb field, on real Tesseract.

Long rows of dots made Tesseract lose its place ("Mẹ đẻ" read "Mẹ ng re,", a run of dots read
as twelve digits) and the sides of an ID's boxes were read as strokes of its digits."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from api.samples import FONT, render_page
from ocr.leaders import find_leaders
from ocr.tesseract import recognize
from tests.ocr.test_pipeline import _words_with_boxes

DPI = 300
FORM = [
    "Họ, chữ đệm, tên người yêu cầu: ......NGUYỄN THỊ HỒNG NHUNG" + "." * 40,
    "Quan hệ với người được cấp bản sao: ......Mẹ đẻ" + "." * 60,
    "Nơi cư trú: ......27 Nguyễn Huệ, phường Bến Nghé, Quận 1" + "." * 35,
    "Ghi chú: " + "." * 90,
    "Ngày, tháng, năm sinh: ......14/02/1991.... Giới tính: .......Nữ" + "." * 30,
]
ID_NUMBER = "079191178810"


def _form() -> np.ndarray:
    return np.asarray(render_page(FORM, dpi=DPI, size_in=(8.27, 2.4), pt=12))


def _comb_page(digits: str) -> np.ndarray:
    """A line of a form with the ID written one digit a box."""
    page = Image.new("RGB", (2480, 300), "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 50)
    draw.text((90, 110), "Số định danh cá nhân:", fill="black", font=font)
    left, side = 700, 72
    for i, d in enumerate(digits):
        x = left + i * side
        draw.rectangle((x, 95, x + side, 95 + side + 8), outline="black", width=3)
        draw.text((x + 22, 105), d, fill="black", font=font)
    draw.text(
        (90, 210), "Nơi cư trú: 27 Nguyễn Huệ, phường Bến Nghé, Quận 1", fill="black", font=font
    )
    return np.asarray(page)


def test_leaders_are_found_and_counted_and_letters_dots_are_not_taken_for_them() -> None:
    leaders = find_leaders(_form())
    assert len(leaders) >= 8
    assert max(ld.dots for ld in leaders) >= 85  # the empty "Ghi chú" line, to a few dots
    # A page of words full of dotted letters (ạ, ị, ộ, ụ) and of ellipses has none.
    dotted = ["Thị Lệ Hộ tịch Ngọc Mỵ Thụy Đặng Lợi Vịnh Trịnh Bội Ngụ Nhạn Lộc."] * 4
    plain = np.asarray(render_page(dotted + ["Ghi chú... xem trang sau..."], dpi=DPI))
    assert find_leaders(plain) == []


def test_a_filled_form_reads_its_values_whole_and_its_leaders_as_dots() -> None:
    text = recognize(_form(), dpi=DPI).text
    assert "NGUYỄN THỊ HỒNG NHUNG" in text
    assert "Mẹ đẻ" in text
    assert "27 Nguyễn Huệ, phường Bến Nghé, Quận 1" in text
    assert "14/02/1991" in text and "Nữ" in text
    # The dots are written as dots, not as letters or digits read into them.
    assert re.search(r"Ghi chú: \.{80,}", text), text
    assert not re.search(r"\d{6,}", text.replace("14/02/1991", "")), text
    assert not re.search(r"[^\w\s.,:/()-]", text), text


def test_an_id_written_one_digit_a_box_is_read_as_the_number() -> None:
    text = recognize(_comb_page(ID_NUMBER), dpi=DPI).text
    assert f"Số định danh cá nhân: {ID_NUMBER}" in text, text
    assert "Nơi cư trú: 27 Nguyễn Huệ" in text


def test_the_boxed_id_is_one_word_across_its_boxes_in_the_searchable_layer(tmp_path: Path) -> None:
    # A search in a PDF viewer for the whole number finds it, where the boxes are.
    rec = recognize(_comb_page(ID_NUMBER), dpi=DPI)
    layer = tmp_path / "layer.pdf"
    layer.write_bytes(rec.text_only_pdf)
    words = _words_with_boxes(layer)
    (number,) = [w for w in words if w[0] == ID_NUMBER]
    _, x0, _, x1, _ = number
    # The digits stand 22-50 px into boxes 72 px wide from x = 700 on a 2480 px line: the
    # word starts at the first digit and ends in the last two boxes (a viewer's word ends a
    # letter's width short of Tesseract's box, which holds the space after it).
    assert 722 / 2480 - 0.01 < x0 < 722 / 2480 + 0.01
    assert (700 + 10 * 72) / 2480 < x1 < (700 + 12 * 72) / 2480
    line = [w[0] for w in words if abs(w[2] - number[2]) < 0.05]
    assert line == ["Số", "định", "danh", "cá", "nhân:", ID_NUMBER], line
