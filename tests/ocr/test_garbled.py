"""Words Tesseract garbled are read again, smaller: the choice, the sheet, the verdict, and
the real Tesseract recovering a label it garbled on a generated birth certificate."""

from __future__ import annotations

import functools
import io
import unicodedata

import numpy as np
import pytest
from pypdf import PdfReader

import ocr.garbled as garbled
import ocr.tesseract as tesseract
from ocr.synthetic import render_specimen
from ocr.tesseract import Word


def W(text: str, left: int, top: int, width: int, height: int, confidence: float) -> Word:
    return Word(text, left, top, width, height, confidence, block=1, paragraph=1, line=1)


def _page_of_words() -> list[W]:
    """Six sure words 40 px high, and the kinds of doubtful word a page holds."""
    sure = [
        W(t, 100 + 300 * i, 100, 200, 40, 95.0)
        for i, t in enumerate(["Họ", "và", "tên", "Nguyễn", "Thị", "Hằng"])
    ]
    return sure + [
        W("50IIE166110:", 100, 300, 220, 38, 0.0),  # a label turned to nonsense
        W("Nguyên", 400, 300, 150, 40, 13.0),  # print, doubtful
        W("CCCD", 700, 300, 120, 40, 45.0),  # doubtful enough to keep as read
        W("~", 900, 300, 20, 40, 0.0),  # one stroke: a scrap, dropped anyway
        W("—=", 1000, 300, 60, 40, 0.0),  # a rule's remains: a scrap too
        W("hưha", 100, 500, 400, 180, 0.0),  # a signature's height
        W("i.", 600, 500, 30, 12, 0.0),  # a speck's height
    ]


def test_only_print_sized_words_read_with_next_to_no_confidence_are_chosen() -> None:
    words = _page_of_words()
    chosen = garbled.garbled(words)
    assert [words[i].text for i in chosen] == ["50IIE166110:", "Nguyên"]  # most garbled first


def test_a_page_reads_at_most_max_words_again() -> None:
    words = _page_of_words()[:6] + [
        W(f"x{i}q", 100, 400 + 50 * i, 100, 40, 1.0) for i in range(garbled.MAX_WORDS + 5)
    ]
    assert len(garbled.garbled(words)) == garbled.MAX_WORDS


def test_a_page_without_sure_words_has_no_measure_of_print_and_nothing_is_chosen() -> None:
    assert garbled.garbled([W("x7q", 0, 0, 90, 40, 0.0)]) == []


def test_the_sheet_holds_each_word_shrunk_with_its_neighbours_painted_out() -> None:
    page = np.full((400, 900), 240, np.uint8)
    page[110:150, 110:300] = 0  # the garbled word's ink
    page[110:150, 303:500] = 30  # the next word, close enough to fall in the cut
    words = [W("0I1", 110, 110, 190, 40, 0.0), W("CCCD", 303, 110, 197, 40, 95.0)]
    sheet, slots = garbled.sheet(page, words, [0])
    assert len(slots) == 1 and slots[0].index == 0
    inside = sheet[slots[0].top : slots[0].bottom]
    dark = np.argwhere(inside < 128)
    # Only the chosen word's ink, three quarters of its size, on paper.
    assert abs((dark[:, 0].max() - dark[:, 0].min() + 1) - 40 * garbled.SCALE) <= 2
    assert abs((dark[:, 1].max() - dark[:, 1].min() + 1) - 190 * garbled.SCALE) <= 2
    assert (sheet >= 200).mean() > 0.5 and sheet[0, 0] == 240


def test_a_second_reading_is_taken_only_when_tesseract_is_sure_of_all_of_it() -> None:
    old = [
        W("50IIE166110:", 0, 0, 220, 38, 0.0),
        W("Nguyên", 0, 0, 150, 40, 13.0),
        W("ab", 0, 0, 9, 9, 0.0),
    ]
    slots = [garbled.Slot(0, 10, 40), garbled.Slot(1, 60, 90), garbled.Slot(2, 110, 140)]
    read = [
        W("CCCD:", 60, 12, 60, 25, 91.0),  # read out of order: put back left to right
        W("Số", 10, 12, 30, 25, 93.0),
        W("Nguyễn", 10, 62, 80, 25, 97.0),
        W("a", 10, 112, 20, 25, 95.0),
        W("b", 40, 112, 20, 25, 40.0),  # one unsure word spoils the reading
    ]
    fixes = garbled.second_readings(slots, read, old)
    assert fixes == {0: ("Số CCCD:", 91.0), 1: ("Nguyễn", 97.0)}


@functools.lru_cache(maxsize=1)
def _birth_certificate_rows() -> np.ndarray:
    """Rows of a generated clean birth certificate on which Tesseract 5 (vie) reads the label
    "Số CCCD:" as nonsense with confidence ~0 (found by the benchmark, page clean-01028)."""
    specimen = render_specimen(1028, "clean", "giay_khai_sinh")
    return np.asarray(specimen.image.convert("L"))[1300:1800]


def test_tesseract_recovers_a_label_it_garbled(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _birth_certificate_rows()
    real = garbled.garbled
    monkeypatch.setattr(garbled, "garbled", lambda words: [])
    first = tesseract.recognize(rows, dpi=300)
    # If a newer Tesseract reads this page right the first time, this test has to find
    # another page that it garbles.
    assert "Số CCCD:" not in unicodedata.normalize("NFC", first.text)
    assert any(w.confidence < garbled.GARBLED_BELOW for w in first.words)
    assert "CCCD" not in PdfReader(io.BytesIO(first.text_only_pdf)).pages[0].extract_text()

    monkeypatch.setattr(garbled, "garbled", real)
    again = tesseract.recognize(rows, dpi=300)
    text = unicodedata.normalize("NFC", again.text)
    assert "Số CCCD:" in text and "008202782675" in text
    # The searchable PDF says it too, not only the text.
    layer = PdfReader(io.BytesIO(again.text_only_pdf)).pages[0].extract_text()
    assert "CCCD" in unicodedata.normalize("NFC", layer)
    # Nothing else was lost or doubled.
    assert len(again.words) == len(first.words)
    assert text.count("008202782675") == 1
