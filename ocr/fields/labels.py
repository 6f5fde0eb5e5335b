"""Field labels as papers print them, matched on folded text (marks lost by OCR still match).

Each pattern is written against ``fold(text)``: lower case, no marks, đ→d. ``LabelledText``
folds a page once and hands back label positions in the page as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import fold_aligned, nfc, span_back

_S = r"[\s,.]*"  # OCR drops or adds commas and dots inside labels

BIRTH = re.compile(
    rf"(?<![a-z])(?:ngay{_S}thang{_S}nam{_S}sinh|ngay{_S}sinh|sinh{_S}ngay|date{_S}of{_S}birth"
    rf"|sinh{_S}nam|sinh\s*:)(?![a-z])"
)
# A birth-date label a table cell wrapped: "Ngày, 16/06/1963 …" with "tháng, năm sinh" below.
BIRTH_CELL = re.compile(rf"(?<![a-z])ngay{_S}(?:thang{_S})?(?:nam{_S})?\|?\s*(?=\d)")
CITIZEN_ID = re.compile(
    rf"(?<![a-z])(?:so{_S}dinh{_S}danh(?:{_S}ca{_S}nhan)?|so{_S}ddcn|dinh{_S}danh{_S}ca{_S}nhan"
    rf"|(?:so{_S})?(?:the{_S})?can{_S}cuoc(?:{_S}cong{_S}dan)?(?:{_S}so)?|cccd(?:{_S}so)?"
    rf"|personal{_S}identification{_S}number|identity{_S}card{_S}(?:no|number)"
    rf"|so{_S}/{_S}no|giay{_S}to{_S}tuy{_S}than|so{_S}giay{_S}to{_S}phap{_S}ly(?:{_S}cua{_S}ca{_S}nhan)?"
    rf"|so{_S}ho{_S}chieu|id{_S}no)(?![a-z])"
)
CMND = re.compile(
    rf"(?<![a-z])(?:cmnd(?:{_S}cu)?(?:{_S}so)?|chung{_S}minh(?:{_S}nhan{_S}dan)?(?:{_S}so)?)(?![a-z])"
)
TAX_CODE = re.compile(
    rf"(?<![a-z])(?:ma{_S}so{_S}doanh{_S}nghiep|ma{_S}so{_S}thue|mst|ma{_S}so{_S}chi{_S}nhanh"
    rf"|ma{_S}so{_S}dia{_S}diem{_S}kinh{_S}doanh|ma{_S}so{_S}hop{_S}tac{_S}xa|tax{_S}code"
    rf"|enterprise{_S}code)(?![a-z])"
)


@dataclass
class LabelledText:
    """A page of OCR text, NFC, with its folded copy and the map between them."""

    text: str
    folded: str = field(init=False)
    origin: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.text = nfc(self.text)
        self.folded, self.origin = fold_aligned(self.text)

    def find(self, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        """Spans, in ``text``, of every match of a folded-text pattern."""
        return [
            span_back(self.origin, len(self.text), m.start(), m.end())
            for m in pattern.finditer(self.folded)
        ]

    def window(self, at: int, lines: int = 2) -> tuple[int, int]:
        """From ``at`` to the end of the ``lines``-th line (the label's line counts)."""
        end = at
        for _ in range(lines):
            nxt = self.text.find("\n", end)
            if nxt < 0:
                return at, len(self.text)
            end = nxt + 1
        return at, end - 1

    def line_of(self, at: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, at) + 1
        end = self.text.find("\n", at)
        return start, len(self.text) if end < 0 else end

    def lines(self) -> list[tuple[int, int]]:
        spans = []
        pos = 0
        for line in self.text.split("\n"):
            spans.append((pos, pos + len(line)))
            pos += len(line) + 1
        return spans


__all__ = ["BIRTH", "BIRTH_CELL", "CITIZEN_ID", "CMND", "TAX_CODE", "LabelledText"]
