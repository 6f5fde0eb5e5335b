"""Repairs of Tesseract's commonest misreads that the page's own format makes certain.

Only what cannot be anything else is changed:

- a date written ``dd/mm/yyyy`` whose slashes were read as ``I``, ``l``, ``J`` or ``|``
  (thin slanted strokes between digits);
- words chained by hyphens (``thành-lập,-quản-lý-doanh``): a dotted or ruled line under the
  text read as hyphens between the words. Today's Vietnamese print joins at most two parts
  with a hyphen (``Bà Rịa-Vũng Tàu``), never three or more words;
- a section number in Roman numerals at the head of a line (``II. BÊN ĐƯỢC ỦY QUYỀN``) whose
  I was read as ``\\``, ``|`` or ``l`` (``\\. BÊN``, ``\\V.``), when the repaired number is one;
- the marks of the fixed wording of administrative papers (``ocr.phrases``).
"""

from __future__ import annotations

import re

from .phrases import restore_marks

_DATE = re.compile(r"(?<![\w/])(\d{1,2})([IlJ|/\\])(\d{1,2})([IlJ|/\\])((?:19|20)\d{2})(?![\w/])")
_SLASHES = {"/"}


def _date(m: re.Match[str]) -> str:
    day, month = int(m.group(1)), int(m.group(3))
    if not (1 <= day <= 31 and 1 <= month <= 12) or {m.group(2), m.group(4)} <= _SLASHES:
        return m.group(0)
    return f"{m.group(1)}/{m.group(3)}/{m.group(5)}"


_CHAIN = re.compile(r"(?<!\S)(?:[^\W\d_]+[,.;:]?-+){2,}[^\W\d_]+[,.;:]?[-—]*(?!\S)")


def _chain(m: re.Match[str]) -> str:
    return re.sub(r"[-—]+", " ", m.group(0)).strip()


_SECTION = re.compile(r"^([IVX\\|l]{1,5})\.(?= \w)", re.MULTILINE)
_ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")


def _section(m: re.Match[str]) -> str:
    number = re.sub(r"[\\|l]", "I", m.group(1))
    if number == m.group(1) or not _ROMAN.fullmatch(number):
        return m.group(0)
    return number + "."


def fix_text(text: str) -> str:
    """The page text with the certain repairs above applied."""
    text = _SECTION.sub(_section, _CHAIN.sub(_chain, _DATE.sub(_date, text)))
    return restore_marks(text)


__all__ = ["fix_text"]
