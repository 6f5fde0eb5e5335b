"""Dates as Vietnamese papers write them, read day first, returned as ``DD/MM/YYYY``.

Forms: "ngày 05 tháng 3 năm 2021", "Ngày 5 tháng 03 năm 2021", "05/03/2021", "05-03-2021",
"05.03.2021". Matching runs on folded text so "ngay 5 thang 3 nam 2021" (marks lost by OCR)
is read too, and look-alikes inside the numbers (O→0, l→1 …) are repaired. A date that does
not exist (31/02) is returned with the flag ``invalid_date``, never dropped or corrected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .text import fold_aligned, nfc, repair_digits, span_back

INVALID_DATE = "invalid_date"
IMPLAUSIBLE_YEAR = "implausible_year"
OCR_REPAIRED = "ocr_repaired"

MIN_YEAR = 1850
MAX_YEAR = 2199

# A digit, or a letter OCR reads for one (folded: lower case, no marks).
_D = r"[0-9oildszbgq|!]"
_NUM12 = rf"{_D}{{1,2}}"
# OCR sometimes splits a two-digit day or month ("1 2/03/1990").
_NUM12_SPLIT = rf"{_D}\s?{_D}|{_D}"
_YEAR = rf"{_D}{{2}}\s?{_D}{{2}}"
_GAP = r"[\s,.:]{0,3}"
_MONTH_WORDS = {
    "gieng": 1,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "tu": 4,
    "bon": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
    "muoi mot": 11,
    "muoi hai": 12,
    "chap": 12,
}
_MONTH_WORD = "|".join(sorted(_MONTH_WORDS, key=len, reverse=True))

# The words as OCR spells them once folded: "ngày"/"nqày", "tháng"/"thóng"/"thng", "năm"/"nem".
_NGAY = r"n[gq]a?y"
_THANG = r"th[aoe]?ng"
_NAM = r"n[ae]m"
_WORDS_FORM = re.compile(
    rf"(?<![a-z0-9])(?:{_NGAY}{_GAP})?(?P<d>{_NUM12}){_GAP}{_THANG}{_GAP}"
    rf"(?P<m>{_NUM12}|{_MONTH_WORD}){_GAP}{_NAM}{_GAP}(?P<y>{_YEAR})(?![0-9])"
)
_NUMERIC_FORM = re.compile(
    rf"(?<![a-z0-9/.\-])(?P<d>{_NUM12_SPLIT})\s?(?P<sep>[/.\-])\s?(?P<m>{_NUM12_SPLIT})\s?(?P=sep)\s?"
    rf"(?P<y>{_YEAR})(?![0-9a-z])"
)


@dataclass(frozen=True)
class DateMatch:
    """A date found in text."""

    value: str
    """``DD/MM/YYYY`` as read, zero-padded, even when the date does not exist."""
    valid: bool
    flags: tuple[str, ...]
    start: int
    """Span of the date in the (NFC) text searched."""
    end: int
    form: str
    """``words`` ("ngày … tháng … năm …") or ``numeric``."""

    def as_date(self) -> date | None:
        if not self.valid:
            return None
        day, month, year = (int(p) for p in self.value.split("/"))
        return date(year, month, day)


def _number(raw: str) -> tuple[int | None, bool]:
    compact = raw.replace(" ", "")
    if compact.isdigit() and compact.isascii():
        return int(compact), False
    repaired = repair_digits(compact)
    if repaired.isdigit() and repaired.isascii():
        return int(repaired), True
    return None, False


def _build(
    text: str, origin: list[int], match: re.Match[str], form: str, month_word: bool
) -> DateMatch | None:
    start, end = span_back(origin, len(text), match.start(), match.end())

    def original(group: str) -> str:
        a, b = span_back(origin, len(text), match.start(group), match.end(group))
        return text[a:b]

    day, day_fixed = _number(original("d"))
    if month_word:
        month: int | None = _MONTH_WORDS[re.sub(r"\s+", " ", match.group("m"))]
        month_fixed = False
    else:
        month, month_fixed = _number(original("m"))
    year, year_fixed = _number(original("y"))
    if day is None or month is None or year is None:
        return None
    digits_read = sum(c.isdigit() for c in match.group(0))
    if form == "numeric" and digits_read < 4:
        return None  # mostly letters: a word that looks like a date, not a date
    flags: list[str] = []
    if day_fixed or month_fixed or year_fixed:
        flags.append(OCR_REPAIRED)
    if not MIN_YEAR <= year <= MAX_YEAR:
        flags.append(IMPLAUSIBLE_YEAR)
    try:
        date(year, month, day)
    except ValueError:
        flags.append(INVALID_DATE)
    valid = INVALID_DATE not in flags and IMPLAUSIBLE_YEAR not in flags
    return DateMatch(
        value=f"{day:02d}/{month:02d}/{year:04d}",
        valid=valid,
        flags=tuple(flags),
        start=start,
        end=end,
        form=form,
    )


def find_dates(text: str) -> list[DateMatch]:
    """Every date in ``text`` (NFC-normalised first), in reading order; spans refer to
    ``nfc(text)``."""
    text = nfc(text)
    folded, origin = fold_aligned(text)
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for match in _WORDS_FORM.finditer(folded):
        month_word = not any(c.isdigit() for c in match.group("m")) and match.group("m") in (
            _MONTH_WORDS
        )
        built = _build(text, origin, match, "words", month_word)
        if built:
            found.append(built)
            taken.append((match.start(), match.end()))
    for match in _NUMERIC_FORM.finditer(folded):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        built = _build(text, origin, match, "numeric", False)
        if built:
            found.append(built)
    return sorted(found, key=lambda m: m.start)


def parse_date(text: str) -> DateMatch | None:
    """The first date in ``text``, or ``None``."""
    dates = find_dates(text)
    return dates[0] if dates else None


__all__ = [
    "IMPLAUSIBLE_YEAR",
    "INVALID_DATE",
    "OCR_REPAIRED",
    "DateMatch",
    "find_dates",
    "parse_date",
]
