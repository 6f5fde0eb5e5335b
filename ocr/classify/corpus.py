"""The training corpus the project generates: synthetic papers of every type, damaged like
OCR damages them, plus papers of no known type.

Only training uses this (it draws on ``ocr.synthetic``); classifying does not.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from ..synthetic import make_content
from .negatives import make_negative
from .noise import damage
from .types import DOC_TYPES, UNKNOWN, LabelledText
from .variants import request_form, retitled

KNOWN_TYPES = tuple(t for t in DOC_TYPES if t != UNKNOWN)


def excerpt(text: str, rng: random.Random) -> str:
    """The title and a few lines: a photographed corner, a half page, a short extract."""
    lines = [line for line in text.split("\n") if line.strip()]
    titled = [i for i, line in enumerate(lines[:10]) if line.isupper() and len(line) > 8]
    keep = sorted(rng.sample(range(len(lines)), k=min(len(lines), rng.randint(2, 5))))
    if titled:
        keep = sorted({rng.choice(titled), *keep})
    return "\n".join(lines[i] for i in keep)


def synthetic_samples(
    per_type: int, seed: int = 0, damaged: int = 2, negatives_factor: float = 3.0
) -> Iterator[LabelledText]:
    """``per_type`` papers of each known type, each as written and in ``damaged`` damaged
    copies, and ``negatives_factor`` times as many papers of no known type."""
    for doc_type in KNOWN_TYPES:
        for i in range(per_type):
            rng = random.Random(f"corpus:{seed}:{doc_type}:{i}")
            roll = rng.random()
            if roll < 0.35:
                content = retitled(rng, doc_type)  # another name the paper goes by
            elif roll < 0.45 and doc_type == "to_khai":
                content = request_form(rng)  # a form naming the paper it asks for
            else:
                content = make_content(rng, doc_type)
            text = content.text
            group = f"{doc_type}:{i}"
            yield LabelledText(text, doc_type, group=group)
            for _ in range(damaged):
                yield LabelledText(damage(text, rng), doc_type, group=group)
            if rng.random() < 0.3:
                yield LabelledText(excerpt(text, rng), doc_type, group=group)
    for i in range(int(per_type * negatives_factor)):
        rng = random.Random(f"corpus:{seed}:unknown:{i}")
        text = make_negative(rng).text
        group = f"unknown:{i}"
        yield LabelledText(text, UNKNOWN, group=group)
        for _ in range(damaged):
            yield LabelledText(damage(text, rng), UNKNOWN, group=group)
        if rng.random() < 0.3:
            yield LabelledText(excerpt(text, rng), UNKNOWN, group=group)


__all__ = ["KNOWN_TYPES", "synthetic_samples"]
