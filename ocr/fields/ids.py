"""Identity numbers: the 12-digit citizen ID, the old 9-digit CMND and the enterprise/tax code.

Validation follows DOMAIN.md. A value that fails is still returned, with stable flag codes
saying why, so the clerk sees it and decides; OCR look-alikes (O→0, l→1, B→8 …) are repaired
only when the repaired value passes every check, never on a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .provinces import province_name
from .text import nfc, repair_digits

SO_DINH_DANH = "so_dinh_danh"
SO_CMND = "so_cmnd"
MA_SO_DOANH_NGHIEP = "ma_so_doanh_nghiep"
INVALID = "invalid"

# Flag codes (stable: the API and the clerk's screen key on them).
WRONG_LENGTH = "wrong_length"
NON_DIGIT = "non_digit_characters"
UNKNOWN_PROVINCE = "unknown_province"
CENTURY_MISMATCH = "century_mismatch"
BIRTH_YEAR_MISMATCH = "birth_year_mismatch"
FUTURE_BIRTH_YEAR = "future_birth_year"
OCR_REPAIRED = "ocr_repaired"
LEADING_ZERO_RESTORED = "leading_zero_restored"
CHECKSUM_MISMATCH = "checksum_mismatch"
ZERO_SERIAL = "zero_serial"

_SEPARATORS = re.compile(r"[\s.\-]+")
_TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


@dataclass(frozen=True)
class IdCheck:
    """What a number read from a paper is, and whether it holds together."""

    value: str
    """Digits as read (after an accepted repair); a branch tax code as ``0101234567-001``."""
    kind: str
    """``so_dinh_danh`` (12 digits), ``so_cmnd`` (9 digits), ``ma_so_doanh_nghiep`` or
    ``invalid`` (no known shape). Decided by shape, so a failing ID keeps its kind."""
    valid: bool
    flags: tuple[str, ...] = ()
    repaired: bool = False
    """True when OCR look-alikes were turned into digits (and the result validated)."""
    province: str | None = None
    """Birth province of a citizen ID."""
    male: bool | None = None
    birth_year: int | None = None
    """Year of birth encoded in a citizen ID (century/sex digit + two digits)."""


def _compact(value: str) -> str:
    return _SEPARATORS.sub("", nfc(value).strip())


def _check_digits(digits: str, birth_year: int | None, today: date) -> IdCheck:
    if len(digits) == 9:
        return IdCheck(value=digits, kind=SO_CMND, valid=True)
    if len(digits) != 12:
        return IdCheck(value=digits, kind=INVALID, valid=False, flags=(WRONG_LENGTH,))
    flags: list[str] = []
    province = province_name(digits[:3])
    if province is None:
        flags.append(UNKNOWN_PROVINCE)
    century_digit = int(digits[3])
    encoded_year = 1900 + 100 * (century_digit // 2) + int(digits[4:6])
    if encoded_year > today.year:
        flags.append(FUTURE_BIRTH_YEAR)
    if birth_year is not None:
        if (birth_year - 1900) // 100 != century_digit // 2:
            flags.append(CENTURY_MISMATCH)
        if birth_year % 100 != int(digits[4:6]):
            flags.append(BIRTH_YEAR_MISMATCH)
    return IdCheck(
        value=digits,
        kind=SO_DINH_DANH,
        valid=not flags,
        flags=tuple(flags),
        province=province,
        male=century_digit % 2 == 0,
        birth_year=encoded_year,
    )


def validate_citizen_id(
    value: str, birth_year: int | None = None, *, today: date | None = None
) -> IdCheck:
    """Check a citizen ID (or an old CMND) read from a paper.

    12 digits = province code + century/sex digit + two-digit birth year + serial; the
    province must exist and, when the paper gives a birth year, century and year must agree
    with it. 9 digits is an old CMND (kind ``so_cmnd``), never a citizen ID. Spaces and dots
    between digit groups are ignored. Repairs (look-alike letters, a lost leading 0 of an
    11-digit reading) are kept only when the repaired ID passes every check.
    """
    today = today or date.today()
    compact = _compact(value)
    digits = compact.isdigit() and compact.isascii()
    if digits and len(compact) != 11:
        return _check_digits(compact, birth_year, today)
    repaired = repair_digits(compact)
    flags = () if digits else (OCR_REPAIRED,)
    if len(repaired) == 11:
        # Every province code starts with 0, and OCR drops a leading 0 next to a frame line.
        repaired, flags = "0" + repaired, (*flags, LEADING_ZERO_RESTORED)
    if repaired.isdigit() and repaired.isascii():
        check = _check_digits(repaired, birth_year, today)
        if check.valid:
            return IdCheck(
                value=check.value,
                kind=check.kind,
                valid=True,
                flags=flags,
                repaired=True,
                province=check.province,
                male=check.male,
                birth_year=check.birth_year,
            )
    kind = {12: SO_DINH_DANH, 9: SO_CMND}.get(len(compact), INVALID)
    return IdCheck(
        value=compact,
        kind=kind,
        valid=False,
        flags=(WRONG_LENGTH,) if digits else (NON_DIGIT,),
    )


def _tax_check_digit(first_nine: str) -> str:
    total = sum(w * int(d) for w, d in zip(_TAX_WEIGHTS, first_nine, strict=True))
    return str(10 - total % 11)  # "10" matches no digit: such a base is never issued


def _check_tax_digits(digits: str) -> IdCheck:
    if len(digits) not in (10, 13):
        return IdCheck(value=digits, kind=INVALID, valid=False, flags=(WRONG_LENGTH,))
    shown = digits if len(digits) == 10 else f"{digits[:10]}-{digits[10:]}"
    flags = []
    if digits[2:9] == "0000000" or (len(digits) == 13 and digits[10:] == "000"):
        flags.append(ZERO_SERIAL)
    if digits[9] != _tax_check_digit(digits[:9]):
        flags.append(CHECKSUM_MISMATCH)
    return IdCheck(value=shown, kind=MA_SO_DOANH_NGHIEP, valid=not flags, flags=tuple(flags))


def validate_tax_code(value: str) -> IdCheck:
    """Check an enterprise / tax code: 10 digits, or 10 + "-" + 3 for a branch.

    The tenth digit is a check digit over the first nine (weights 31, 29, 23, 19, 17, 13,
    7, 5, 3; Circular 105/2020/TT-BTC): a mismatch is flagged ``checksum_mismatch``.
    """
    compact = _compact(value)
    if compact.isdigit() and compact.isascii():
        return _check_tax_digits(compact)
    repaired = repair_digits(compact)
    if repaired.isdigit() and repaired.isascii():
        check = _check_tax_digits(repaired)
        if check.valid:
            return IdCheck(
                value=check.value,
                kind=check.kind,
                valid=True,
                flags=(OCR_REPAIRED,),
                repaired=True,
            )
    kind = MA_SO_DOANH_NGHIEP if len(compact) in (10, 13) else INVALID
    return IdCheck(value=compact, kind=kind, valid=False, flags=(NON_DIGIT,))


__all__ = [
    "BIRTH_YEAR_MISMATCH",
    "CENTURY_MISMATCH",
    "CHECKSUM_MISMATCH",
    "FUTURE_BIRTH_YEAR",
    "INVALID",
    "LEADING_ZERO_RESTORED",
    "MA_SO_DOANH_NGHIEP",
    "NON_DIGIT",
    "OCR_REPAIRED",
    "SO_CMND",
    "SO_DINH_DANH",
    "UNKNOWN_PROVINCE",
    "WRONG_LENGTH",
    "ZERO_SERIAL",
    "IdCheck",
    "validate_citizen_id",
    "validate_tax_code",
]
