"""Who issued a paper, when, under which number, and until when it is valid.

``so_ky_hieu`` (number and symbol, "Số: 12/2021/QĐ-UBND"), ``ngay_cap`` (issue date),
``co_quan_cap`` (issuing body) and ``thoi_han`` (validity: a date, a duration such as
"30 ngày", "Lâu dài" or "Không thời hạn"). Each reader returns the value as written (NFC)
and where it came from, or ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import find_dates
from .labels import LabelledText
from .text import fold, squash_spaces

_S = r"[\s,.]*"

_NUMBER_LINE = re.compile(r"(?m)^[ \t]*(?:so|s0|s6)\s*[:.]?\s*(?=[0-9a-z])")
_NUMBER_VALUE = re.compile(r"[0-9A-Za-zĐđ][0-9A-Za-zĐđ/.\-]*")
_NOT_A_NUMBER = re.compile(
    r"^(?:dinh|dien|nha|cmnd|cccd|can|ho|giay|luong|tai|thua|to|vao|hieu|no\b|ddcn|ban)"
)
_SERIAL_LABEL = re.compile(
    rf"(?<![a-z])(?:so{_S}hieu(?:{_S}van{_S}bang)?|so{_S}seri(?:al)?|ma{_S}so{_S}ho{_S}kinh{_S}doanh"
    rf"|so{_S}giay{_S}chung{_S}nhan|serial{_S}no)(?![a-z])\s*[:.]?"
)
_SERIAL_LINE = re.compile(r"(?m)^[ \t]*([A-ZĐ]{1,3}\s?\d{6,8})[ \t]*$")

_ISSUE_LABEL = re.compile(
    rf"(?<![a-z])(?:ngay{_S}cap|cap{_S}ngay|date{_S}of{_S}issue|date{_S}month{_S}year"
    rf"|ngay{_S}thang{_S}nam{_S}/|dang{_S}ky{_S}lan{_S}dau)(?![a-z])"
)
_REGISTERED_LABEL = re.compile(rf"(?<![a-z])(?:ngay{_S}(?:thang{_S}nam{_S})?dang{_S}ky)(?![a-z])")
# "<place>, ngày … tháng … năm …", anywhere on a line (OCR may join it to the number line).
_PLACE_DATE = re.compile(r"(?<![^\s])[a-z][^\n\d:,;]{1,40},\s*(?=n[gq]a?y\b)")

_BODY_LABEL = re.compile(
    rf"(?<![a-z])(?:co{_S}quan{_S}cap|noi{_S}cap|co{_S}quan{_S}dang{_S}ky"
    rf"|noi{_S}dang{_S}ky(?:{_S}(?:ket{_S}hon|khai{_S}tu|khai{_S}sinh(?!\s*/)))?|issued{_S}by)"
    r"(?![a-z])[ \t]*:[ \t]*"
)
_CONFIRMS = re.compile(
    r"(?m)^[ \t]*((?:uy ban|ubnd|cong an|so |phong |trung tam|cuc )[^\n:]{3,90}?)\s+xac nhan"
)
_AGENCY_WORDS = re.compile(
    r"^(?:uy ban|ubnd|cong an|so |phong |trung tam|cuc |bo |truong |toa an|vien |chi cuc"
    r"|van phong|hieu truong|chi nhanh)"
)
_SCHOOL = re.compile(r"(?m)hieu\s+truong\s+((?:truong|hoc\s+vien|dai\s+hoc)\s[^\n]{4,80})$")
_NUMBERED = re.compile(r"^so\s*[:.]?\s*\d")
_PARENT_PLACE = re.compile(r"^(?:ubnd|uy ban nhan dan)\s+(.+)$")
_MOTTO = re.compile(r"cong hoa|doc lap|tu do|hanh phuc|socialist|independence")
# Card issuers print their name under the signature, not in a header.
_CARD_ISSUERS = re.compile(
    r"(cuc\s+canh\s+sat\s+quan\s+ly\s+hanh\s+chinh\s+ve\s+trat\s+tu\s+xa\s+hoi"
    r"|cuc\s+canh\s+sat\s+dkql\s+cu\s+tru\s+va\s+dldc\s+ve\s+dan\s+cu|bo\s+cong\s+an)"
)

_VALID_UNTIL = re.compile(
    rf"(?<![a-z])(?:co{_S}gia{_S}tri(?:{_S}su{_S}dung)?{_S}den(?:{_S}ngay)?|date{_S}of{_S}expiry"
    rf"|gia{_S}tri{_S}su{_S}dung{_S}den(?:{_S}ngay)?|den{_S}ngay"
    rf"|thoi{_S}han{_S}su{_S}dung(?:{_S}dat)?|han{_S}su{_S}dung)(?![a-z])\s*[:.]?\s*"
)
_DURATION = re.compile(
    r"(?<![a-z])(?:co gia tri su dung|thoi han|co gia tri|hieu luc)[^\n.;]{0,40}?"
    r"(?<![0-9])(\d{1,3})\s*(ngay|thang|nam)(?![a-z])"
)
_FOREVER = re.compile(r"^[|'‘’\s]*(lau\s*dai|khong\s*thoi\s*han|vo\s*thoi\s*han)")
# Validity without an end, in the words the law uses (OCR's "Lầu dài" is still "Lâu dài").
_FOREVER_WORDS = {
    "lau dai": "Lâu dài",
    "khong thoi han": "Không thời hạn",
    "vo thoi han": "Vô thời hạn",
}
_UNITS = {"ngay": "ngày", "thang": "tháng", "nam": "năm"}


@dataclass(frozen=True)
class Found:
    value: str
    start: int
    source: str
    """``label`` (after a label for this field), ``layout`` (its usual place on the page),
    or ``text`` (inferred from running text)."""
    flags: tuple[str, ...] = ()


def so_ky_hieu(page: LabelledText) -> Found | None:
    """The paper's number: "Số: 12/2021/QĐ-UBND" near the top, a serial label, or a
    certificate's serial on a line of its own ("CS 123456")."""
    for m in _SERIAL_LABEL.finditer(page.folded):
        found = _value_after(page, m.end())
        if found:
            return found
    for m in _SERIAL_LINE.finditer(page.text):
        # certificate serials are printed "CS 123456": OCR may drop the space
        letters, digits = re.match(r"([A-ZĐ]+)\s?(\d+)", m.group(1)).groups()  # type: ignore[union-attr]
        return Found(f"{letters} {digits}", m.start(1), "layout")
    for m in _NUMBER_LINE.finditer(page.folded):
        if _NOT_A_NUMBER.match(page.folded[m.end() :]):
            continue
        found = _value_after(page, m.end())
        if found and any(c.isdigit() for c in found.value):
            return Found(found.value, found.start, "layout")
    return None


def _value_after(page: LabelledText, folded_end: int) -> Found | None:
    start = page.origin[folded_end] if folded_end < len(page.origin) else len(page.text)
    line_end = page.line_of(start)[1]
    m = _NUMBER_VALUE.search(page.text, start, line_end)
    if not m or m.start() - start > 3:
        return None
    return Found(m.group(0).rstrip(".-/"), m.start(), "label")


def ngay_cap(page: LabelledText, prefer_label: bool) -> Found | None:
    """The issue date: after "Ngày cấp" / "Đăng ký lần đầu", or the "<place>, ngày … tháng …
    năm …" line, or the registration date. ``prefer_label`` puts the labels first (business
    registrations print the first registration date and no place-date line)."""
    labelled = _date_after_labels(page, _ISSUE_LABEL)
    placed = None
    for m in _PLACE_DATE.finditer(page.folded):
        at = page.origin[m.end()]
        a, b = page.window(at, 2)  # the year may wrap to the next line
        dates = find_dates(page.text[a:b])
        if dates and dates[0].form == "words" and dates[0].start == 0:
            placed = Found(dates[0].value, at, "layout", dates[0].flags)
            break
    ordered = (labelled, placed) if prefer_label else (placed, labelled)
    for found in ordered:
        if found:
            return found
    return _date_after_labels(page, _REGISTERED_LABEL)


def _date_after_labels(page: LabelledText, pattern: re.Pattern[str]) -> Found | None:
    for _, end in page.find(pattern):
        a, b = page.window(end, 2)
        dates = find_dates(page.text[a:b])
        if dates and dates[0].start < 40:
            return Found(dates[0].value, a + dates[0].start, "label", dates[0].flags)
    return None


def co_quan_cap(page: LabelledText, doc_type: str = "unknown") -> Found | None:
    """The issuing body: after "Cơ quan cấp" / "Nơi đăng ký", the "<body> xác nhận" sentence,
    or the agency lines above the title (the lower line is the body, the upper its parent)."""
    for m in _BODY_LABEL.finditer(page.folded):
        start = page.origin[m.end()] if m.end() < len(page.origin) else len(page.text)
        value = _clean_body(page.text[start : page.line_of(start)[1]])
        if value:
            return Found(value, start, "label")
    card = _CARD_ISSUERS.search(page.folded) if doc_type == "can_cuoc" else None
    if card:
        a, b = page.origin[card.start()], page.origin[card.end() - 1] + 1
        return Found(squash_spaces(page.text[a:b]), a, "layout")
    school = _SCHOOL.search(page.folded)
    if school:  # a diploma is conferred by the rector "of" the school
        a, b = page.origin[school.start(1)], page.origin[school.end(1) - 1] + 1
        return Found(squash_spaces(page.text[a:b]), a, "layout")
    confirms = _CONFIRMS.search(page.folded)
    if confirms:
        a, b = page.origin[confirms.start(1)], page.origin[confirms.end(1) - 1] + 1
        return Found(_clean_body(page.text[a:b]), a, "text")
    return _agency_header(page)


def _clean_body(raw: str) -> str:
    return squash_spaces(re.split(r"[;|]| {3,}", raw)[0]).strip(" .,:")


def _agency_header(page: LabelledText) -> Found | None:
    picked: list[tuple[int, str]] = []
    for a, b in page.lines()[:10]:
        line = squash_spaces(page.text[a:b])
        motto = _MOTTO.search(fold(line))
        if motto and motto.start() > 3:
            line = line[: motto.start()].strip()  # agency and motto read as one line
        folded = fold(line)
        letters = [c for c in line if c.isalpha()]
        if not letters or _MOTTO.search(folded):
            continue
        upper = sum(c.isupper() for c in letters) / len(letters)
        if upper >= 0.8 and _AGENCY_WORDS.match(folded) and not _NUMBERED.match(folded):
            picked.append((a, re.sub(r"(?i)^hiệu trưởng\s+", "", line)))
            if len(picked) == 2:
                break
        elif picked:
            break
    if not picked:
        return None
    if len(picked) == 1:
        return Found(picked[0][1], picked[0][0], "layout")
    (_, upper_line), (at, lower_line) = picked
    parent = fold(upper_line)
    if fold(lower_line).startswith(("ubnd", "uy ban", "cong an")) or parent.startswith("bo "):
        return Found(lower_line, at, "layout")
    place = _PARENT_PLACE.match(parent)
    if place:
        # "UBND TỈNH X" over "SỞ TƯ PHÁP": the body is "SỞ TƯ PHÁP TỈNH X".
        words = upper_line.split()
        tail = " ".join(words[len(words) - len(place.group(1).split()) :])
        return Found(f"{lower_line} {tail}", at, "layout")
    return Found(f"{lower_line} - {upper_line}", at, "layout")


def thoi_han(page: LabelledText) -> Found | None:
    """Validity: an end date, "Lâu dài" / "Không thời hạn", or a duration ("30 ngày")."""
    for m in _VALID_UNTIL.finditer(page.folded):
        start = page.origin[m.end()] if m.end() < len(page.origin) else len(page.text)
        a, b = page.window(start, 2)
        rest = page.folded[m.end() : m.end() + 30]
        forever = _FOREVER.match(rest)
        if forever:
            words = " ".join(forever.group(1).split())
            return Found(_FOREVER_WORDS[words], start, "label")
        dates = find_dates(page.text[a:b])
        if dates and dates[0].start < 25:
            return Found(dates[0].value, a + dates[0].start, "label", dates[0].flags)
    duration = _DURATION.search(page.folded)
    if duration:
        value = f"{int(duration.group(1))} {_UNITS[duration.group(2)]}"
        return Found(value, page.origin[duration.start(1)], "text")
    return None


__all__ = ["Found", "co_quan_cap", "ngay_cap", "so_ky_hieu", "thoi_han"]
