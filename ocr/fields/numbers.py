"""Finding identity and tax numbers in OCR text, spaces, dots and look-alike letters included.

OCR splits a number into groups ("001 190 012345") and reads some digits as letters
("0O119OO12345"). A candidate is a run of digit-like groups joined by single separators;
the validators in ``ids.py`` decide what it is and whether a repair holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import DIGIT_CONFUSIONS

_GROUP = re.compile(r"[0-9A-Za-z|!\[\]]+")
_JOIN = re.compile(r"^[ .\-]$")


@dataclass(frozen=True)
class NumberCandidate:
    raw: str
    """As written, separators included."""
    start: int
    end: int

    @property
    def compact(self) -> str:
        return re.sub(r"[ .\-]", "", self.raw)


def _digit_like(group: str) -> bool:
    digits = sum(c.isdigit() for c in group)
    if digits == 0 or any(not (c.isdigit() or c in DIGIT_CONFUSIONS) for c in group):
        return False
    return digits * 2 >= len(group)


def find_numbers(
    text: str, lengths: tuple[int, ...], start: int = 0, end: int | None = None
) -> list[NumberCandidate]:
    """Candidates in ``text[start:end]`` whose compact length is one of ``lengths``.

    A run longer than any wanted length (an ID followed by a phone number on one line) is
    cut at group boundaries, so "001190012345 0912345678" still yields the ID.
    """
    end = len(text) if end is None else end
    groups = [m for m in _GROUP.finditer(text, start, end)]
    out: list[NumberCandidate] = []
    i = 0
    while i < len(groups):
        if not _digit_like(groups[i].group(0)):
            i += 1
            continue
        run = [groups[i]]
        j = i + 1
        while j < len(groups) and _digit_like(groups[j].group(0)):
            between = text[run[-1].end() : groups[j].start()]
            if not _JOIN.match(between):
                break
            run.append(groups[j])
            j += 1
        out.extend(_cut(text, run, lengths))
        i = j
    return out


def _cut(text: str, run: list[re.Match[str]], lengths: tuple[int, ...]) -> list[NumberCandidate]:
    found: list[NumberCandidate] = []
    first = 0
    while first < len(run):
        best = None
        size = 0
        for last in range(first, len(run)):
            size += len(run[last].group(0))
            if size in lengths:
                best = last
            if size >= max(lengths):
                break
        if best is None:
            first += 1
            continue
        a, b = run[first].start(), run[best].end()
        found.append(NumberCandidate(text[a:b], a, b))
        first = best + 1
    return found


__all__ = ["NumberCandidate", "find_numbers"]
