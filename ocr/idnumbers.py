"""Identity numbers on a page that fail their own check are read again, alone.

Tesseract fits a line to the height of its smaller print, so the big bold number on a card
("Số / No.: 066057351979") loses its leading 0, and on a blurred scan a 3 becomes a 5. A
citizen ID and a tax code carry their own check (``ocr.fields.ids``): the province code and
the birth century of the ID, the check digit of the tax code. A reading that fails it is
known to be wrong. That word, cut out and read as one word of digits only, is usually read
right. The second reading is kept only when it passes the check, never on a guess.
"""

from __future__ import annotations

from datetime import date

from .fields.ids import validate_citizen_id, validate_tax_code

MIN_DIGITS = 9
"""Fewer digits is a date or a short number, not an ID that lost a digit or two."""
MAX_DIGITS = 14
"""More digits is a run of numbers read as one word, not one ID."""
MAX_OTHER = 2
"""At most this many characters other than digits (a ``(`` read for a 0, a look-alike O)."""
TRAILING = ".,;:)"
"""Punctuation after a number that belongs to the sentence, kept after a second reading."""
DIGITS = "0123456789"


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isascii() and c.isdigit())


def holds_together(digits: str, today: date | None = None) -> bool:
    """Whether a run of digits is a number that passes its own check.

    12 digits: a citizen ID with a known province and a birth year not in the future;
    9 digits: an old CMND, which has no check; 10 or 13 digits: a tax code whose check
    digit matches.
    """
    if not digits.isascii() or not digits.isdigit():
        return False
    if len(digits) == 9:
        return True
    if len(digits) == 12:
        return validate_citizen_id(digits, today=today).valid
    if len(digits) in (10, 13):
        return validate_tax_code(digits).valid
    return False


def doubtful(text: str, today: date | None = None) -> bool:
    """Whether a word read on a page looks like an identity number that fails its check."""
    core = text.rstrip(TRAILING).lstrip()
    digits = _digits(core)
    if not MIN_DIGITS <= len(digits) <= MAX_DIGITS or len(core) - len(digits) > MAX_OTHER:
        return False
    if "/" in core:
        return False  # a date run together with something, not a number
    return not holds_together(digits, today)


def second_reading(old: str, again: str, today: date | None = None) -> str | None:
    """The word to show instead of ``old`` after a digits-only reading ``again``, or None.

    Kept only when it passes the check and differs from what was read; punctuation that
    followed the number in the sentence stays after it. A 13-digit tax code gets its hyphen.
    """
    digits = _digits(again)
    if digits == _digits(old) or not holds_together(digits, today):
        return None
    if len(digits) == 13:
        digits = validate_tax_code(digits).value
    tail = old[len(old.rstrip(TRAILING)) :]
    return digits + tail


__all__ = ["DIGITS", "doubtful", "holds_together", "second_reading"]
