"""Comparing what was read with what is printed."""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz.distance import Levenshtein


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def cer(text: str, truth: str) -> float:
    """Character error rate on NFC text with whitespace collapsed, as the benchmark counts."""
    return Levenshtein.distance(_norm(text), _norm(truth)) / len(_norm(truth))
