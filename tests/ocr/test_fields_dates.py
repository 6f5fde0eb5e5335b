"""Dates in every form DOMAIN.md lists, day first, to DD/MM/YYYY."""

from __future__ import annotations

import unicodedata

import pytest

from ocr.fields.dates import INVALID_DATE, OCR_REPAIRED, find_dates, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ngày 05 tháng 3 năm 2021", "05/03/2021"),
        ("Ngày 5 tháng 03 năm 2021", "05/03/2021"),
        ("05/03/2021", "05/03/2021"),
        ("05-03-2021", "05/03/2021"),
        ("05.03.2021", "05/03/2021"),
        ("5/3/2021", "05/03/2021"),
        ("Hà Nội, ngày 12 tháng 11 năm 2026", "12/11/2026"),
        ("Sinh ngày: 29/02/2024, tại Huế", "29/02/2024"),
        ("ngày 15 tháng ba năm 2020", "15/03/2020"),
    ],
)
def test_every_form_day_first(text: str, expected: str) -> None:
    found = parse_date(text)
    assert found is not None and found.valid
    assert found.value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ngay 5 thang 3 nam 2021", "05/03/2021"),  # marks lost
        ("Ngảy 05 thảng 3 nãm 2021", "05/03/2021"),  # marks swapped
        ("Ngày O5 tháng O3 năm 2O21", "05/03/2021"),  # O for 0
        ("05/03/202l", "05/03/2021"),  # l for 1
        ("05 / 03 / 2021", "05/03/2021"),
        ("1 2/03/1990", "12/03/1990"),  # a split day
    ],
)
def test_ocr_noise_is_tolerated(text: str, expected: str) -> None:
    found = parse_date(text)
    assert found is not None and found.value == expected


def test_repaired_digits_are_flagged() -> None:
    found = parse_date("Ngày O5 tháng 3 năm 2021")
    assert found is not None and OCR_REPAIRED in found.flags


def test_decomposed_input_is_read() -> None:
    found = parse_date(unicodedata.normalize("NFD", "ngày 05 tháng 3 năm 2021"))
    assert found is not None and found.value == "05/03/2021"


@pytest.mark.parametrize("text", ["31/02/2021", "ngày 30 tháng 2 năm 2023", "12/13/2020"])
def test_impossible_dates_are_kept_and_flagged(text: str) -> None:
    found = parse_date(text)
    assert found is not None
    assert not found.valid and INVALID_DATE in found.flags
    assert found.as_date() is None


def test_month_first_is_not_assumed() -> None:
    found = parse_date("03/25/2021")  # would be valid month-first; Vietnamese papers are not
    assert found is not None and not found.valid


@pytest.mark.parametrize(
    "text", ["Số: 12/2021/QĐ-UBND", "Điện thoại: 024.3826.1234", "tháng 5 năm 2021", ""]
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_several_dates_in_reading_order_with_spans() -> None:
    text = "Sinh ngày 01/02/1990; cấp ngày 05 tháng 3 năm 2021"
    dates = find_dates(text)
    assert [d.value for d in dates] == ["01/02/1990", "05/03/2021"]
    assert text[dates[0].start : dates[0].end] == "01/02/1990"
