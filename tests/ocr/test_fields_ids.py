"""Citizen ID, old CMND and enterprise code validation (DOMAIN.md: identity numbers)."""

from __future__ import annotations

from datetime import date

import pytest

from ocr.fields.ids import (
    BIRTH_YEAR_MISMATCH,
    CENTURY_MISMATCH,
    CHECKSUM_MISMATCH,
    FUTURE_BIRTH_YEAR,
    NON_DIGIT,
    OCR_REPAIRED,
    UNKNOWN_PROVINCE,
    validate_citizen_id,
    validate_tax_code,
)

TODAY = date(2026, 11, 23)


def test_good_id_decodes_province_sex_and_year() -> None:
    check = validate_citizen_id("001190012345", 1990, today=TODAY)
    assert check.valid and check.kind == "so_dinh_danh" and check.flags == ()
    assert check.province == "Hà Nội"
    assert check.male is False  # century digit 1: female, 1900s
    assert check.birth_year == 1990


def test_good_id_born_in_2000s() -> None:
    check = validate_citizen_id("079302001234", 2002, today=TODAY)
    assert check.valid and check.male is False and check.birth_year == 2002


@pytest.mark.parametrize("code", ["000", "003", "097", "100", "999"])
def test_unknown_province_is_flagged(code: str) -> None:
    check = validate_citizen_id(f"{code}190012345", 1990, today=TODAY)
    assert not check.valid
    assert UNKNOWN_PROVINCE in check.flags
    assert check.value == f"{code}190012345"  # kept, not dropped


def test_century_digit_contradicting_birth_year() -> None:
    # digit 0 says born 1900-1999, the paper says 2005
    check = validate_citizen_id("001005012345", 2005, today=TODAY)
    assert not check.valid
    assert CENTURY_MISMATCH in check.flags
    assert BIRTH_YEAR_MISMATCH not in check.flags


def test_two_digit_year_contradicting_birth_year() -> None:
    check = validate_citizen_id("001190012345", 1991, today=TODAY)
    assert not check.valid and check.flags == (BIRTH_YEAR_MISMATCH,)


def test_without_birth_year_only_the_id_itself_is_checked() -> None:
    assert validate_citizen_id("001005012345", None, today=TODAY).valid


def test_birth_year_in_the_future_is_flagged() -> None:
    check = validate_citizen_id("001450012345", None, today=TODAY)  # 4: 2100s
    assert not check.valid and FUTURE_BIRTH_YEAR in check.flags


@pytest.mark.parametrize("value", ["123456789", "023 456 789", "O23456789"])
def test_nine_digits_is_an_old_cmnd_never_a_citizen_id(value: str) -> None:
    check = validate_citizen_id(value, 1980, today=TODAY)
    assert check.kind == "so_cmnd"
    assert check.kind != "so_dinh_danh"


def test_spaces_and_dots_between_groups_are_ignored() -> None:
    assert validate_citizen_id("001 190 012 345", 1990, today=TODAY).value == "001190012345"
    assert validate_citizen_id("001.190.012.345", 1990, today=TODAY).valid


def test_ocr_lookalikes_repaired_when_the_result_validates() -> None:
    check = validate_citizen_id("0O1l9OO12B4S", 1990, today=TODAY)
    assert check.valid and check.repaired
    assert check.value == "001190012845"
    assert OCR_REPAIRED in check.flags


def test_repair_refused_when_the_repaired_id_has_an_unknown_province() -> None:
    check = validate_citizen_id("O03190012345", 1990, today=TODAY)
    assert not check.valid and not check.repaired
    assert check.value == "O03190012345"  # as read, flagged
    assert NON_DIGIT in check.flags


def test_repair_refused_when_the_repaired_id_contradicts_the_birth_year() -> None:
    check = validate_citizen_id("OO119OO12345", 2001, today=TODAY)
    assert not check.valid and not check.repaired and NON_DIGIT in check.flags


def test_wrong_length_is_invalid() -> None:
    check = validate_citizen_id("00119001234", 1990, today=TODAY)
    assert check.kind == "invalid" and not check.valid


@pytest.mark.parametrize("value", ["0100233488", "0314409058-002", "0314409058002"])
def test_enterprise_codes(value: str) -> None:
    check = validate_tax_code(value)
    assert check.valid and check.kind == "ma_so_doanh_nghiep"
    assert check.value in ("0100233488", "0314409058-002")


def test_enterprise_code_check_digit() -> None:
    check = validate_tax_code("0100233480")
    assert not check.valid and CHECKSUM_MISMATCH in check.flags
    assert check.value == "0100233480"


def test_enterprise_code_repair_only_when_checksum_holds() -> None:
    assert validate_tax_code("O1OO233488").value == "0100233488"
    refused = validate_tax_code("O1OO233480")
    assert not refused.valid and refused.value == "O1OO233480"
