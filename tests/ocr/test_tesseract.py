"""The one module that runs Tesseract, against the real program."""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import psutil
import pytest
from PIL import Image, ImageDraw

import ocr.engine as engine
import ocr.tesseract as tesseract
from ocr.errors import OcrTimeout, TesseractFailed, TesseractMissing, UnreadableImage
from ocr.prepare.measure import shrink, to_grey
from ocr.reading_order import reading_order_text
from ocr.synthetic import render_master
from ocr.synthetic.fonts import families

LINES = (
    "Họ và tên: Nguyễn Thị Hằng",
    "Số định danh cá nhân: 001321012345",
    "Nơi cư trú: phường Dịch Vọng, quận Cầu Giấy, thành phố Hà Nội",
)


@functools.lru_cache(maxsize=1)
def lines_image() -> np.ndarray:
    family = (
        next(f for f, _ in families() if f.name == "Liberation Serif")
        if any(f.name == "Liberation Serif" for f, _ in families())
        else families()[0][0]
    )
    font = family.get("regular", 54)
    img = Image.new("L", (2400, 420), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(LINES):
        draw.text((80, 60 + i * 110), line, font=font, fill=0)
    return np.asarray(img)


def test_reads_a_line_of_vietnamese() -> None:
    rec = tesseract.recognize(lines_image(), lang="vie", dpi=300)
    text = unicodedata.normalize("NFC", rec.text)
    for line in LINES:
        assert line in text
    assert rec.mean_confidence is not None and rec.mean_confidence > 80
    ids = [w for w in rec.words if w.text == "001321012345"]
    assert len(ids) == 1 and ids[0].width > 200 and 150 < ids[0].top < 300
    assert rec.text_only_pdf.startswith(b"%PDF")


def test_blank_image_gives_no_words() -> None:
    rec = tesseract.recognize(np.full((400, 600), 255, np.uint8), dpi=300)
    assert rec.text == "" and rec.words == () and rec.mean_confidence is None


def test_timeout_is_a_typed_error() -> None:
    with pytest.raises(OcrTimeout):
        tesseract.recognize(lines_image(), timeout=0.001)


def test_missing_program_is_a_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a machine where Tesseract cannot be loaded; a new thread starts its own helper.
    monkeypatch.setattr(engine, "LIBRARY", "tesserocr_not_installed_here")
    assert in_new_thread(tesseract.available) is False
    with pytest.raises(TesseractMissing, match="cannot be loaded"):
        in_new_thread(lambda: tesseract.recognize(lines_image()))


def test_a_crash_inside_tesseract_is_a_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "LIBRARY", "tests.utils.crashing_tesseract")
    with pytest.raises(TesseractFailed, match="Segmentation fault"):
        in_new_thread(lambda: tesseract.recognize(lines_image()))


def test_the_next_page_reads_after_a_timeout() -> None:
    with pytest.raises(OcrTimeout):
        tesseract.recognize(lines_image(), timeout=0.001)
    rec = tesseract.recognize(lines_image(), lang="vie", dpi=300)
    assert "001321012345" in rec.text


def test_each_thread_and_process_has_its_own_tesseract() -> None:
    # Threads read pages at once; a forked worker must not write into its parent's pipes.
    with ThreadPoolExecutor(2) as pool:
        texts = list(pool.map(lambda _: tesseract.recognize(lines_image(), dpi=300).text, [0, 1]))
    assert all("001321012345" in t for t in texts)
    tesseract.recognize(lines_image(), dpi=300)  # this process's helper is running
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read a page, report, leave without running the parent's atexit
        ok = "001321012345" in tesseract.recognize(lines_image(), dpi=300).text
        own = bool(psutil.Process().children())  # its own helper, not its parent's
        os.write(write, b"1" if ok and own else b"0")
        os._exit(0)
    os.close(write)
    assert os.read(read, 1) == b"1"
    os.waitpid(pid, 0)
    assert "001321012345" in tesseract.recognize(lines_image(), dpi=300).text


T = TypeVar("T")


def in_new_thread(call: Callable[[], T]) -> T:
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(call).result()


def test_missing_language_is_a_typed_error() -> None:
    with pytest.raises(TesseractMissing):
        tesseract.recognize(lines_image(), lang="xyz")


def test_not_an_image_is_a_typed_error() -> None:
    with pytest.raises(UnreadableImage):
        tesseract.recognize(np.zeros((0,), np.uint8))


@functools.lru_cache(maxsize=1)
def page() -> np.ndarray:
    return shrink(to_grey(np.asarray(render_master(8, "phieu_ly_lich_tu_phap").image)), 0.6)


@pytest.mark.parametrize("quarter", [0, 90, 180, 270])
def test_osd_tells_how_to_turn_the_page(quarter: int) -> None:
    turned = np.ascontiguousarray(np.rot90(page(), quarter // 90))  # counter-clockwise
    angle, confidence = tesseract.detect_orientation(turned)
    assert angle == quarter and confidence > 1.0


def test_osd_of_a_blank_page_cannot_tell_and_says_so() -> None:
    assert tesseract.detect_orientation(np.full((1200, 900), 255, np.uint8)) == (0, 0.0)


@dataclass(frozen=True)
class W:
    text: str
    left: int
    top: int
    width: int = 100
    height: int = 30
    confidence: float = 95.0
    block: int = 1
    paragraph: int = 1
    line: int = 1


def test_reading_order_puts_the_agency_before_the_motto_and_reads_forms_by_row() -> None:
    words = [
        # One Tesseract line running across both header blocks.
        W("UBND", 100, 100),
        W("XÃ", 210, 100),
        W("CỘNG", 900, 100),
        W("HÒA", 1010, 100),
        W("Số:", 100, 150, line=2),
        W("12/GKS", 210, 150, line=2),
        W("Độc", 900, 150, line=2),
        W("lập", 1010, 150, line=2),
        # A form Tesseract split into a column of labels and a column of values.
        W("Họ", 100, 400, block=2),
        W("tên:", 210, 400, block=2),
        W("Giới", 100, 450, block=2, line=2),
        W("tính:", 210, 450, block=2, line=2),
        W("NGUYỄN", 700, 400, block=3),
        W("AN", 810, 400, block=3),
        W("Nam", 700, 450, block=3, line=2),
        # Signature scraps.
        W("\\~", 700, 600, confidence=12.0, block=4),
        W("|", 760, 600, confidence=20.0, block=4),
    ]
    text = " ".join(reading_order_text(words).split())
    assert text == "UBND XÃ Số: 12/GKS CỘNG HÒA Độc lập Họ tên: NGUYỄN AN Giới tính: Nam"


ITEMS = (
    "Họ, chữ đệm và tên: Nguyễn Mỹ Nguyệt",
    "Giới tính: Nữ",
    "Ngày sinh: 01-08-1962",
    "Nơi sinh: Bắc Giang",
    "Quốc tịch: Việt Nam",
    "Nơi cư trú: Xóm 7, thị trấn Quảng Phú",
    "Căn cước công dân số: 024162335594",
    "Họ và tên cha: Nguyễn Xuân Nghĩa",
    "Họ và tên mẹ: Trần Thị Nhung",
)


@pytest.mark.parametrize("name", ["Liberation Serif", "Liberation Sans", "DejaVu Sans"])
def test_a_numbered_list_keeps_its_numbers(name: str) -> None:
    """Short numbered items under one line of text: Tesseract's default layout took the
    numbers for a column of their own and read none of them."""
    family = next((f for f, _ in families() if f.name == name), None)
    assert family is not None, f"{name} is installed by scripts/setup"
    font = family.get("regular", 46)
    img = Image.new("L", (2480, 1000), 255)
    draw = ImageDraw.Draw(img)
    draw.text((110, 60), "Căn cứ Luật Lý lịch tư pháp ngày 17 tháng 6 năm 2009;", font=font, fill=0)
    for i, item in enumerate(ITEMS):
        draw.text((110, 140 + i * 79), f"{i + 1}. {item}", font=font, fill=0)
    text = unicodedata.normalize("NFC", tesseract.recognize(np.asarray(img), dpi=300).text)
    lines = [line.strip() for line in text.splitlines()]
    for i, item in enumerate(ITEMS):
        first = item.split()[0]
        # The number itself, before the item's first word (a comma for the full stop is a
        # misreading of one mark, not a lost number).
        assert any(re.match(rf"{i + 1}[.,] {first}", line) for line in lines), (i + 1, text)
