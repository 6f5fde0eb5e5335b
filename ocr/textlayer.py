"""Whether a PDF page's own text can stand in for OCR.

A paper made on a computer and uploaded as its PDF (an e-certificate downloaded from a
public service portal, a form saved from Word) carries its text exactly: reading its
picture again can only add mistakes, and takes a second or more a page. OCRmyPDF's
``--skip-text`` makes the same choice. The text is taken only when it reads as text:

- Vietnamese typed in the old 8-bit fonts (TCVN3 ".VnTime", VNI) comes out of the PDF as
  Latin-1 nonsense ("Céng hoµ x· héi chñ nghÜa"), and a font without a Unicode map as
  replacement marks, control codes or a shifted alphabet. OCR reads such pages better than
  their text says them, so they are read as scans.
- The test is on the characters (no letters foreign to Vietnamese, no Latin-1 symbols, no
  codes) and on the words (most must be Vietnamese syllables; abbreviations such as
  "UBND" or "CCCD" are not, and need not be).
"""

from __future__ import annotations

import re
import unicodedata

MIN_LETTERS = 20
"""A page with fewer letters of its own (a page number, a scanner's footer) is read by OCR."""
MAX_ODD_SHARE = 0.01
"""Most characters foreign to Vietnamese text a trusted text may hold, as a share of its
non-space characters: 8-bit Vietnamese fonts put one in every three or four words."""
MIN_SYLLABLE_SHARE = 0.6
"""Least share of its words that must be Vietnamese syllables. Administrative papers are
above 0.8 with their abbreviations and names; a shifted alphabet is near 0.1."""

_VOWELS = "aăâeêioôơuưy"
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
"""Combining marks of the five tones; a letter's own marks (breve, circumflex, horn) stay."""
_SYLLABLE = re.compile(
    rf"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
    rf"[{_VOWELS}]{{1,3}}(?:ch|ng|nh|[cmnpt])?"
)
_VIETNAMESE_LETTERS = frozenset(
    unicodedata.normalize("NFC", base + tone)
    for base in _VOWELS + _VOWELS.upper()
    for tone in ("", *_TONES)
) | frozenset("đĐ")
_WORD = re.compile(r"[^\W\d_]+")


def own_text(text: str) -> str | None:
    """The page's text, tidied (NFC, one space between words, no blank lines), when it can be
    trusted instead of OCR; None when it cannot (see the module docstring)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    tidy = "\n".join(line for line in lines if line)
    letters = sum(c.isalpha() for c in tidy)
    if letters < MIN_LETTERS:
        return None
    shown = [c for c in tidy if not c.isspace()]
    if sum(_odd(c) for c in shown) > MAX_ODD_SHARE * len(shown):
        return None
    words = _WORD.findall(tidy)
    if sum(_syllable(w) for w in words) < MIN_SYLLABLE_SHARE * len(words):
        return None
    return tidy


def _odd(c: str) -> bool:
    """A character that has no place in Vietnamese text made with Unicode fonts."""
    if c.isascii():
        return not c.isprintable()
    if "\u00a0" <= c <= "\u00bf":  # Latin-1 symbols: the 8-bit fonts' tone-marked vowels
        return True
    if c.isalpha():
        return unicodedata.name(c, "").startswith(("LATIN", "GREEK")) and (
            c not in _VIETNAMESE_LETTERS
        )
    return unicodedata.category(c) in ("Cc", "Cf", "Co", "Cn", "Cs") or c == "\ufffd"


def _syllable(word: str) -> bool:
    """Whether ``word`` is spelt as a Vietnamese syllable can be (tones aside)."""
    bare = "".join(c for c in unicodedata.normalize("NFD", word.lower()) if c not in _TONES)
    return _SYLLABLE.fullmatch(unicodedata.normalize("NFC", bare)) is not None
