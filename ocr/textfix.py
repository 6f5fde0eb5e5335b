"""Repairs of Tesseract's commonest misreads that the page's own format makes certain.

Only what cannot be anything else is changed:

- a date written ``dd/mm/yyyy`` whose slashes were read as ``I``, ``l``, ``J`` or ``|``
  (thin slanted strokes between digits);
- words chained by hyphens (``thành-lập,-quản-lý-doanh``): a dotted or ruled line under the
  text read as hyphens between the words. Today's Vietnamese print joins at most two parts
  with a hyphen (``Bà Rịa-Vũng Tàu``), never three or more words;
- a section number in Roman numerals at the head of a line (``II. BÊN ĐƯỢC ỦY QUYỀN``) whose
  I was read as ``\\``, ``|`` or ``l`` (``\\. BÊN``, ``\\V.``), when the repaired number is one;
- a section number read one stroke short, or its ``II`` as ``H`` (``I.``, ``H.`` or ``HI.``
  after ``I.``), where the sections before it fix what it must be: sections count up one by
  one, and ``I.`` straight after ``I.`` is ``II.`` with an I lost;
- a pen stroke, a rule's end or a speck read as a mark glued to a word's edge
  (``~Nguyễn``, ``¬Kiều``, ``14/01/2019|``, ``°PHƯỜNG``): marks print never sets there;
- the signer's authority at the head of a line (``KT.``, ``TM.``, ``TL.``, ``TUQ.``: signs
  for, on behalf of) before the signer's title in capitals, its full stop read as ``:``,
  ``;`` or ``,``, run into the title, or a speck read before it (``„KT.``, ``TM:ỦY BAN``,
  ``1M. ỦY BAN``);
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


_HEADS = re.compile(r"^([IVXH]{1,5})\.(?= \w)", re.MULTILINE)
_NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def _misread_as(expected: str, read: str) -> bool:
    """Whether ``read`` is ``expected`` with one of its I's lost or two of them run into H."""
    if "H" in read:
        return read.replace("H", "II", 1) == expected
    return any(expected[:i] + expected[i + 1 :] == read for i, c in enumerate(expected) if c == "I")


def _sections(text: str) -> str:
    """Section numbers repaired by their place in the count (see the module docstring)."""
    out, last, done = [], 0, 0
    for m in _HEADS.finditer(text):
        read = m.group(1)
        number = _NUMERALS.index(read) + 1 if read in _NUMERALS else 0
        if number != last + 1 and 0 < last < len(_NUMERALS) and _misread_as(_NUMERALS[last], read):
            out.append(text[done : m.start(1)] + _NUMERALS[last])
            done, number = m.end(1), last + 1
        last = number
    return "".join(out) + text[done:]


_EDGE = "~`¬\\|¿¡†‹›_^<>"
"""Marks stripped from either edge of a word."""
_LEAD = _EDGE + "°"
"""And from its start only (a trailing ``°`` is a degree)."""
_GLUED = re.compile(rf"(?<!\S)[{re.escape(_LEAD)}]*(\S*?)[{re.escape(_EDGE)}]*(?!\S)")


def _unglue(m: re.Match[str]) -> str:
    word = m.group(1)
    # A word of its own: "\\." is a section number the step before could not repair.
    return word if sum(c.isalnum() for c in word) >= 2 else m.group(0)


_AUTHORITY = re.compile(
    r"^[^\w\s]{0,3}(KT|TM|1M|TL|TUQ)[.:;,“”\"']?[ ]*(?=[^\W\d_]{2})", re.MULTILINE
)


def _authority(m: re.Match[str]) -> str:
    title = m.string[m.end() : m.end() + 2]
    # "1M." is "TM." with its T read as a one (the only other misread seen).
    return f"{m.group(1).replace('1M', 'TM')}. " if title.isupper() else m.group(0)


def fix_text(text: str) -> str:
    """The page text with the certain repairs above applied."""
    text = _SECTION.sub(_section, _CHAIN.sub(_chain, _DATE.sub(_date, text)))
    text = _AUTHORITY.sub(_authority, _GLUED.sub(_unglue, text))
    return restore_marks(_sections(text))


__all__ = ["fix_text"]
