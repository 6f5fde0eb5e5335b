"""Text features: word n-grams as written and folded, character n-grams folded.

Folding (no marks, đ→d) makes a page whose marks OCR lost look like the clean one; character
n-grams survive split and merged words. Digits become 0: numbers are a paper's own, not its
type's. The functions are module-level so a saved model can find them again.
"""

from __future__ import annotations

import re

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

from ..fields.text import fold, nfc

_DIGITS = re.compile(r"\d")
_NOT_WORD = re.compile(r"[^\w\n]+")
_SPACES = re.compile(r"\s+")


def marked_text(text: str) -> str:
    """Lower case with marks kept, digits as 0, punctuation as space."""
    text = _DIGITS.sub("0", nfc(text).lower())
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", text)).strip()


def folded_text(text: str) -> str:
    """Folded, digits as 0, punctuation as space."""
    text = _DIGITS.sub("0", fold(text))
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", text)).strip()


def build_features(word_features: int, char_features: int) -> FeatureUnion:
    common = {"sublinear_tf": True, "min_df": 2, "dtype": np.float32, "lowercase": False}
    return FeatureUnion(
        [
            (
                "words_marked",
                TfidfVectorizer(
                    preprocessor=marked_text,
                    token_pattern=r"(?u)\b\w+\b",
                    ngram_range=(1, 2),
                    max_features=word_features // 2,
                    **common,
                ),
            ),
            (
                "words_folded",
                TfidfVectorizer(
                    preprocessor=folded_text,
                    token_pattern=r"(?u)\b\w+\b",
                    ngram_range=(1, 3),
                    max_features=word_features,
                    **common,
                ),
            ),
            (
                "chars_folded",
                TfidfVectorizer(
                    preprocessor=folded_text,
                    analyzer="char_wb",
                    ngram_range=(3, 5),
                    max_features=char_features,
                    **common,
                ),
            ),
        ]
    )


def shrink(features: FeatureUnion) -> None:
    """Drop what prediction does not need (the terms cut by ``max_features``/``min_df``,
    which can outweigh the model itself)."""
    for _, vectorizer in features.transformer_list:
        if hasattr(vectorizer, "stop_words_"):
            vectorizer.stop_words_ = set()


__all__ = ["build_features", "folded_text", "marked_text", "shrink"]
