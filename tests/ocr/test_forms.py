"""Forms to be filled in: dotted leaders and the boxes of a comb field, on real Tesseract.

Long rows of dots made Tesseract lose its place ("Mẹ đẻ" read "Mẹ ng re,", a run of dots read
as twelve digits) and the sides of an ID's boxes were read as strokes of its digits."""

from __future__ import annotations

import re

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from api.samples import FONT, render_page
from ocr.leaders import find_leaders
from ocr.tesseract import recognize

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
