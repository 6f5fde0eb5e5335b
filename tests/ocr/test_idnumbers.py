"""Identity numbers that fail their own check are read again, alone, digits only."""

from __future__ import annotations

import io
import re
from datetime import date

import numpy as np
import pypdf
import pytest

import ocr.tesseract as tesseract
from ocr.idnumbers import doubtful, holds_together, second_reading
from ocr.pdf import replace_words
from ocr.pipeline import OcrOptions, read_page
from ocr.synthetic import render_specimen

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    "text",
    [
        "66057351979",  # the card's leading 0 lost
        "(17171917975",  # a ( read for the 0
        "089523719784",  # century digit 5: born in 2195
        "0401823433566",  # 13 digits that are no tax code
        "O66O57351979",  # look-alikes: only a second reading says what they are
        "27188776539,",
    ],
)
def test_numbers_that_fail_their_check_are_doubtful(text: str) -> None:
    assert doubtful(text, TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "066057351979",  # a good citizen ID
        "066057351979.",
        "012345678",  # an old CMND has no check
        "0100233488",  # a tax code whose check digit holds
        "0314409058-002",
        "14/10/1988",  # dates and short numbers are not IDs
        "14052021,",
        "12345",
        "Nguyễn",
        "HN-12345678-AB",  # a document number with letters
    ],
)
def test_good_numbers_and_other_words_are_left_alone(text: str) -> None:
    assert not doubtful(text, TODAY)


def test_holds_together_checks_province_century_and_check_digit() -> None:
    assert holds_together("066057351979", TODAY)
    assert not holds_together("000057351979", TODAY)  # no province 000
    assert not holds_together("066957351979", TODAY)  # born in 2357
    assert holds_together("0100233488", TODAY)
    assert not holds_together("0100233480", TODAY)
    assert not holds_together("06605735197", TODAY)


def test_second_reading_is_kept_only_when_it_passes_the_check() -> None:
    assert second_reading("66057351979", "066057351979", TODAY) == "066057351979"
    assert second_reading("27188776539,", "027188776539", TODAY) == "027188776539,"
    assert second_reading("03143O9058002", "0314409058002", TODAY) == "0314409058-002"
    # still failing, or the same digits: the first reading stays
    assert second_reading("66057351979", "66057351979", TODAY) is None
    assert second_reading("089523719784", "089523719784", TODAY) is None
    assert second_reading("66057351979", "966057351979", TODAY) is None
    assert second_reading("66057351979", "", TODAY) is None


def _pdf_words(pdf: bytes) -> list[str]:
    return pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split()


def test_replace_words_redraws_one_word_of_the_text_layer() -> None:
    from tests.ocr.test_tesseract import lines_image

    rec = tesseract.recognize(lines_image(), dpi=300, second_pass=False)
    read = [w.text for w in rec.words]
    at = read.index("001321012345")
    fixed = replace_words(rec.text_only_pdf, read, {at: "079302001234"})
    words = _pdf_words(fixed)
    assert "079302001234" in words and "001321012345" not in words
    assert len(words) == len(_pdf_words(rec.text_only_pdf))
    # words that do not match the page's text layer: the page is left as it is
    assert replace_words(rec.text_only_pdf, read[1:], {0: "x"}) == rec.text_only_pdf


def test_a_card_number_that_loses_its_leading_zero_is_read_again() -> None:
    # A clean scan of a citizen ID card: "Số / No.:" in small print, the number big and
    # bold on the same line. Tesseract's first reading drops the leading 0.
    spec = render_specimen(1004, "clean", "can_cuoc")
    image = np.asarray(spec.image)
    card_id = spec.fields["so_dinh_danh"]
    prepared, rec = read_page(image, spec.dpi, OcrOptions())
    _, first, _ = tesseract._read(prepared.image, "vie", 3, 60.0, prepared.dpi, ())
    assert card_id not in [w.text for w in first], "the first reading no longer misses it"
    assert card_id in re.sub(r"\s+", "", rec.text)
    assert card_id in _pdf_words(rec.text_only_pdf)
    again = [w for w in rec.words if w.text == card_id]
    assert len(again) == 1 and again[0].confidence > 0
