"""Text normalisation shared by the field readers and the classifier.

Vietnamese stacks up to two marks on a letter, and OCR often drops or swaps them, so every
matcher here works on a *folded* copy (no marks, đ→d, lower case) and maps positions back to
the text as written. ``fold_aligned`` keeps that map.
"""

from __future__ import annotations

import re
import unicodedata

_D_FOLD = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})

# Characters OCR reads in place of a digit inside a number. Applied only to candidate
# numbers, and callers keep a repair only when the repaired value validates.
DIGIT_CONFUSIONS: dict[str, str] = {
    "O": "0",
    "o": "0",
    "D": "0",
    "Q": "0",
    "U": "0",
    "l": "1",
    "I": "1",
    "|": "1",
    "i": "1",
    "!": "1",
    "L": "1",
    "J": "1",
    "]": "1",
    "[": "1",
    "B": "8",
    "S": "5",
    "s": "5",
    "Z": "2",
    "z": "2",
    "G": "6",
    "b": "6",
    "T": "7",
    "g": "9",
    "q": "9",
    "A": "4",
}

_WS = re.compile(r"[ \t\u00a0\u2000-\u200b]+")


_LEADER = re.compile(r"\.{2,}|…+")


def without_leaders(text: str) -> str:
    """The text with a form's dotted leaders ("Họ và tên: ....NGUYỄN VĂN AN......") blanked,
    each dot a space, so positions stay: a value is read between its label and the next."""
    return _LEADER.sub(lambda m: " " * len(m.group()), text)


def nfc(text: str) -> str:
    """Unicode NFC, the form text is stored and compared in."""
    return unicodedata.normalize("NFC", text)


def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFD", char)
    kept = "".join(c for c in base if not unicodedata.combining(c))
    return kept.translate(_D_FOLD).lower()


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on first sight of each character (folding per
    character is what makes a page of text slow to fold)."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Accent-insensitive form: NFC, marks removed, đ/Đ→d/D, lower case.

    ``fold("Nguyễn Thị Hằng Đào") == "nguyen thi hang dao"``. Unicode decomposition alone
    leaves đ alone (it is a letter of its own, not d with a mark), hence the extra step.
    """
    return nfc(text).translate(_FOLD_TABLE)


def fold_aligned(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each of its characters, the index in ``text`` it came from.

    ``text`` must already be NFC (callers normalise once); a stray combining mark folds to
    nothing, and a character whose folded form is longer maps every piece to its origin.
    """
    out: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        folded = _FOLD_TABLE[ord(char)]
        out.append(folded)
        origin.extend([i] * len(folded))
    return "".join(out), origin


def span_back(origin: list[int], text_len: int, start: int, end: int) -> tuple[int, int]:
    """Map a ``[start, end)`` span of a folded string back to the text it was folded from."""
    if start >= len(origin):
        return text_len, text_len
    first = origin[start]
    last = origin[end - 1] + 1 if end > start else first
    return first, last


def squash_spaces(text: str) -> str:
    """One space between words, none at the ends (newlines are not touched)."""
    return _WS.sub(" ", text).strip()


def repair_digits(token: str) -> str:
    """``token`` with OCR look-alikes turned into digits; other characters kept as they are.

    Marks are removed first so "Ô" or "Ơ" read for a zero repair too.
    """
    out = []
    for char in token:
        if char.isdigit() and char.isascii():
            out.append(char)
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
        )
        out.append(DIGIT_CONFUSIONS.get(base, DIGIT_CONFUSIONS.get(char, char)))
    return "".join(out)


__all__ = [
    "DIGIT_CONFUSIONS",
    "fold",
    "fold_aligned",
    "nfc",
    "repair_digits",
    "span_back",
    "squash_spaces",
]
