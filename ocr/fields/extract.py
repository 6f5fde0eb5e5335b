"""All the fields of one paper from its OCR text: ``extract_fields(text, doc_type)``.

Every field comes with a confidence (0–1) and flags. A value that fails validation is kept
and flagged, never dropped and never silently accepted; a field the type should carry but
the text lacks is reported with value ``None`` and the flag ``not_found``. The citizen ID is
checked against the date of birth read from the same paper.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from . import issuance
from .dates import DateMatch, find_dates
from .ids import SO_CMND, SO_DINH_DANH, IdCheck, validate_citizen_id, validate_tax_code
from .labels import BIRTH, BIRTH_CELL, CITIZEN_ID, CMND, TAX_CODE, LabelledText
from .names import (
    FROM_WEAK_LABEL,
    NAME_REPAIRED,
    UNUSUAL_NAME,
    VALUE_FAR_FROM_LABEL,
    extract_ho_ten,
)
from .numbers import find_numbers
from .text import without_leaders

NOT_FOUND = "not_found"
NO_LABEL = "no_label"
CMND_NOT_CITIZEN_ID = "cmnd_not_citizen_id"

PERSON_FIELDS = ("so_dinh_danh", "ho_ten", "ngay_sinh")
ISSUE_FIELDS = ("so_ky_hieu", "ngay_cap", "co_quan_cap")

# Fields each type is expected to carry (reported as not_found when missing). Fields found
# outside this list (an old CMND, a tax code on a form) are reported too.
EXPECTED: dict[str, tuple[str, ...]] = {
    "giay_khai_sinh": (*PERSON_FIELDS, *ISSUE_FIELDS),
    "giay_chung_nhan_ket_hon": (*PERSON_FIELDS, *ISSUE_FIELDS),
    "giay_xac_nhan_tinh_trang_hon_nhan": (*PERSON_FIELDS, *ISSUE_FIELDS, "thoi_han"),
    "trich_luc_khai_tu": (*PERSON_FIELDS, *ISSUE_FIELDS),
    "can_cuoc": (*PERSON_FIELDS, "ngay_cap", "co_quan_cap", "thoi_han"),
    "xac_nhan_cu_tru": (*PERSON_FIELDS, *ISSUE_FIELDS, "thoi_han"),
    "giay_chung_nhan_dang_ky_doanh_nghiep": (
        "ma_so_doanh_nghiep",
        *PERSON_FIELDS,
        "ngay_cap",
        "co_quan_cap",
    ),
    "giay_chung_nhan_dang_ky_ho_kinh_doanh": (*PERSON_FIELDS, *ISSUE_FIELDS),
    "giay_chung_nhan_quyen_su_dung_dat": (*PERSON_FIELDS, *ISSUE_FIELDS, "thoi_han"),
    "giay_phep_xay_dung": (*PERSON_FIELDS, *ISSUE_FIELDS, "thoi_han"),
    "giay_uy_quyen": (*PERSON_FIELDS, "thoi_han"),
    "phieu_ly_lich_tu_phap": (*PERSON_FIELDS, *ISSUE_FIELDS),
    "to_khai": PERSON_FIELDS,
    "bang_tot_nghiep": (*PERSON_FIELDS, *ISSUE_FIELDS),
    "unknown": (),
}
FIELD_ORDER = (
    "so_dinh_danh",
    "so_cmnd",
    "ho_ten",
    "ngay_sinh",
    "ma_so_doanh_nghiep",
    "so_ky_hieu",
    "ngay_cap",
    "co_quan_cap",
    "thoi_han",
)
# Issue fields are looked for on these types (and on unknown papers) even when not expected.
_ISSUE_TYPES_PREFER_LABEL = {
    "giay_chung_nhan_dang_ky_doanh_nghiep",
    "giay_chung_nhan_dang_ky_ho_kinh_doanh",
    "can_cuoc",
}
_FAR_LINES = 25
_PLACE_BEFORE = re.compile(r"[a-z],\s*$")
_CONFIDENCE = {"label": 0.95, "layout": 0.85, "text": 0.7, "weak": 0.8, "none": 0.55}


@dataclass(frozen=True)
class ExtractedField:
    name: str
    value: str | None
    confidence: float
    """0–1: how sure the reader is that ``value`` is what the paper says."""
    flags: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "confidence": self.confidence, "flags": list(self.flags)}


@dataclass(frozen=True)
class ExtractedFields:
    doc_type: str
    fields: tuple[ExtractedField, ...]

    def __iter__(self) -> Iterator[ExtractedField]:
        return iter(self.fields)

    def get(self, name: str) -> ExtractedField | None:
        return next((f for f in self.fields if f.name == name), None)

    def value(self, name: str) -> str | None:
        found = self.get(name)
        return found.value if found else None

    def values(self) -> dict[str, str | None]:
        """``{name: value}``, the shape ``sohoa classify --json`` prints."""
        return {f.name: f.value for f in self.fields}

    @property
    def flags(self) -> list[str]:
        """Every flag as ``"field:flag"``, for a one-line summary to the clerk."""
        return [f"{f.name}:{flag}" for f in self.fields for flag in f.flags]

    def as_dict(self) -> dict[str, dict[str, Any]]:
        return {f.name: f.as_dict() for f in self.fields}


def _score(source: str, valid: bool, flags: tuple[str, ...]) -> float:
    score = _CONFIDENCE[source]
    if not valid:
        score *= 0.4
    if any(f in flags for f in ("ocr_repaired", "leading_zero_restored", NAME_REPAIRED)):
        score *= 0.9
    if VALUE_FAR_FROM_LABEL in flags:
        score *= 0.8
    return round(score, 3)


def _labelled_ids(page: LabelledText, labels: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """(position, raw) of the first ID-like candidate after each label (11 digits included:
    OCR drops a leading 0)."""
    out = []
    for _, end in labels:
        a, b = page.window(end, 2)
        numbers = find_numbers(page.text, (12, 11, 9), a, b)
        if numbers and numbers[0].start - end < 60:
            out.append((numbers[0].start, numbers[0].raw))
    return out


def _pick_near(candidates: list[tuple[int, str]], anchor: int | None) -> tuple[int, str] | None:
    """The first candidate after the subject's name, else the closest one before it."""
    if not candidates:
        return None
    if anchor is None:
        return candidates[0]
    after = [c for c in candidates if c[0] >= anchor]
    return after[0] if after else candidates[-1]


def _birth(page: LabelledText, anchor: int | None) -> tuple[ExtractedField | None, int | None]:
    near: list[tuple[int, DateMatch]] = []
    far: list[tuple[int, DateMatch]] = []
    for _, end in page.find(BIRTH):
        a, b = page.window(end, 2)
        dates = find_dates(page.text[a:b])
        if dates and dates[0].start < 40:
            near.append((a + dates[0].start, dates[0]))
            continue
        # tabbed forms: labels in one column, values below them
        a, b = page.window(end, _FAR_LINES)
        for found in find_dates(page.text[a:b]):
            if not _PLACE_BEFORE.search(page.folded[max(0, a + found.start - 3) : a + found.start]):
                far.append((a + found.start, found))
                break
    for _, end in page.find(BIRTH_CELL):
        a, b = page.window(end, 1)
        dates = find_dates(page.text[a:b])
        below = page.folded[end : page.window(end, 3)[1]]
        if dates and dates[0].start < 4 and "sinh" in below:
            near.append((a + dates[0].start, dates[0]))
    near.sort(key=lambda c: c[0])
    candidates = near or far
    extra: tuple[str, ...] = () if near else (VALUE_FAR_FROM_LABEL,)
    if not candidates:
        return None, None
    if anchor is None:
        _, found = candidates[0]
    else:
        after = [c for c in candidates if c[0] >= anchor]
        _, found = after[0] if after else candidates[-1]
    year = int(found.value[-4:]) if found.valid else None
    flags = found.flags + extra
    source = "label" if not extra else "text"
    field = ExtractedField("ngay_sinh", found.value, _score(source, found.valid, flags), flags)
    return field, year


def _id_field(
    name: str, check: IdCheck, source: str, extra: tuple[str, ...] = ()
) -> ExtractedField:
    flags = check.flags + extra
    return ExtractedField(name, check.value, _score(source, check.valid, flags), flags)


def _identity(
    page: LabelledText, anchor: int | None, birth_year: int | None
) -> list[ExtractedField]:
    """The subject's citizen ID and old CMND.

    Candidates are the numbers after ID labels and any 12-digit number; the first one after
    the subject's name that agrees with the subject's birth year wins (another person's ID
    on the same paper rarely does), else the first labelled one near the name.
    """
    out: list[ExtractedField] = []
    labelled = _labelled_ids(page, page.find(CITIZEN_ID))
    checks = [(at, raw, validate_citizen_id(raw, birth_year)) for at, raw in labelled]
    citizen = [(at, raw) for at, raw, c in checks if c.kind == SO_DINH_DANH or c.repaired]
    loose = [(n.start, n.raw) for n in find_numbers(page.text, (12,))]
    valid = sorted(
        {(at, raw) for at, raw in [*citizen, *loose] if validate_citizen_id(raw, birth_year).valid}
    )
    picked, source = _pick_near(valid, anchor), "label"
    if picked and picked not in citizen:
        source = "none"
    if picked is None:
        picked = _pick_near(citizen, anchor)
    if picked:
        check = validate_citizen_id(picked[1], birth_year)
        out.append(
            _id_field("so_dinh_danh", check, source, (NO_LABEL,) if source == "none" else ())
        )
    # 9 digits after a CMND label, or even after an ID label, is an old CMND.
    cmnd = [(at, raw) for at, raw, c in checks if c.kind == SO_CMND]
    cmnd += [
        (at, raw)
        for at, raw in _labelled_ids(page, page.find(CMND))
        if validate_citizen_id(raw).kind == SO_CMND
    ]
    picked_cmnd = _pick_near(sorted(cmnd), anchor)
    if picked_cmnd:
        check = validate_citizen_id(picked_cmnd[1])
        out.append(_id_field("so_cmnd", check, "label", (CMND_NOT_CITIZEN_ID,)))
    return out


def _tax_code(page: LabelledText) -> ExtractedField | None:
    for _, end in page.find(TAX_CODE):
        a, b = page.window(end, 2)
        numbers = find_numbers(page.text, (10, 13), a, b)
        if numbers and numbers[0].start - end < 40:
            check = validate_tax_code(numbers[0].raw)
            return _id_field("ma_so_doanh_nghiep", check, "label")
    return None


def _issue_fields(page: LabelledText, doc_type: str) -> list[ExtractedField]:
    out = []
    readers = {
        "so_ky_hieu": lambda: issuance.so_ky_hieu(page),
        "ngay_cap": lambda: issuance.ngay_cap(page, doc_type in _ISSUE_TYPES_PREFER_LABEL),
        "co_quan_cap": lambda: issuance.co_quan_cap(page, doc_type),
        "thoi_han": lambda: issuance.thoi_han(page),
    }
    wanted = EXPECTED.get(doc_type, ())
    for name, read in readers.items():
        if doc_type != "unknown" and name not in wanted:
            continue
        found = read()
        if found:
            valid = not any(f in found.flags for f in ("invalid_date", "implausible_year"))
            out.append(
                ExtractedField(
                    name, found.value, _score(found.source, valid, found.flags), found.flags
                )
            )
    return out


def extract_fields(text: str, doc_type: str) -> ExtractedFields:
    """Read the fields of a paper of type ``doc_type`` from its OCR text.

    Unknown types get every field that can be found, none reported missing.
    """
    page = LabelledText(without_leaders(text))
    found: dict[str, ExtractedField] = {}
    name = extract_ho_ten(page.text)
    anchor = name.start if name else None
    if name:
        weak = FROM_WEAK_LABEL in name.flags
        valid = UNUSUAL_NAME not in name.flags
        score = _score("weak" if weak else "label", valid, name.flags)
        found["ho_ten"] = ExtractedField("ho_ten", name.value, score, name.flags)
    birth, birth_year = _birth(page, anchor)
    if birth:
        found["ngay_sinh"] = birth
    for field in _identity(page, anchor, birth_year):
        found[field.name] = field
    tax = _tax_code(page)
    if tax:
        found["ma_so_doanh_nghiep"] = tax
    for field in _issue_fields(page, doc_type):
        found[field.name] = field
    for expected in EXPECTED.get(doc_type, ()):
        found.setdefault(expected, ExtractedField(expected, None, 0.0, (NOT_FOUND,)))
    ordered = tuple(found[n] for n in FIELD_ORDER if n in found)
    return ExtractedFields(doc_type, ordered)


__all__ = [
    "CMND_NOT_CITIZEN_ID",
    "EXPECTED",
    "FIELD_ORDER",
    "NOT_FOUND",
    "NO_LABEL",
    "ExtractedField",
    "ExtractedFields",
    "extract_fields",
]
