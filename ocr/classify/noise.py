"""Text-level damage like OCR and scanning do, so the classifier learns past its generator.

Lost or swapped tone marks, look-alike letters, split and merged words, lost or shuffled
lines (two columns read across), a missing title, stray symbols, part of a page. Each call
draws a strength, so a corpus holds both nearly clean and badly damaged pages.
"""

from __future__ import annotations

import random
import unicodedata

from ..fields.text import fold, nfc

_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # huyền sắc hỏi ngã nặng
_SHAPES = {
    "m": ("rn", "nn"),
    "rn": ("m",),
    "d": ("cl",),
    "l": ("1", "I", "|"),
    "1": ("l", "I"),
    "0": ("O", "o"),
    "O": ("0", "Q"),
    "o": ("0", "ơ", "ô"),
    "e": ("c", "ê"),
    "c": ("e",),
    "h": ("b", "li"),
    "n": ("u", "ri"),
    "u": ("n", "ư"),
    "i": ("í", "ì", "l"),
    "a": ("ă", "â", "á"),
    "ư": ("u", "ừ"),
    "ơ": ("o", "ớ"),
    "đ": ("d", "ð"),
    "Đ": ("D", "Ð"),
    "5": ("S",),
    "8": ("B",),
    "6": ("G", "b"),
}
_GARBAGE = "—–-_|!'\"‘’“”.,:;~^*•°©®"


def _swap_tone(char: str, rng: random.Random) -> str:
    parts = unicodedata.normalize("NFD", char)
    base = "".join(c for c in parts if c not in _TONES)
    if rng.random() < 0.4:
        return nfc(base)
    return nfc(base + rng.choice(_TONES))


def _damage_word(word: str, rng: random.Random, p: float) -> str:
    if rng.random() < p * 0.6:
        word = fold(word) if word.islower() else fold(word).upper() if word.isupper() else word
    chars = list(word)
    out: list[str] = []
    i = 0
    while i < len(chars):
        char = chars[i]
        roll = rng.random()
        if roll < p * 0.25 and not char.isascii():
            out.append(_swap_tone(char, rng))
        elif roll < p * 0.4 and char in _SHAPES:
            out.append(rng.choice(_SHAPES[char]))
        elif roll < p * 0.45:
            pass  # a lost letter
        elif roll < p * 0.5:
            out.append(char + rng.choice(_GARBAGE))
        else:
            out.append(char)
        i += 1
    return "".join(out)


def _damage_line(line: str, rng: random.Random, p: float) -> str:
    words = line.split(" ")
    words = [_damage_word(w, rng, p) for w in words]
    if len(words) > 2 and rng.random() < p:
        k = rng.randrange(len(words) - 1)
        words[k : k + 2] = [words[k] + words[k + 1]]  # merged words
    if words and rng.random() < p * 0.5:
        k = rng.randrange(len(words))
        w = words[k]
        if len(w) > 3:
            cut = rng.randrange(1, len(w) - 1)
            words[k] = w[:cut] + " " + w[cut:]  # split word
    line = " ".join(words)
    if rng.random() < p * 0.15:
        line = line.upper() if rng.random() < 0.5 else line.lower()
    return line


def _garbage_line(rng: random.Random) -> str:
    pool = _GARBAGE + "abcdefghiklmnopqrstuvxyAEIOUaăâđêôơư0123456789 "
    return "".join(rng.choice(pool) for _ in range(rng.randint(2, 25))).strip()


def damage(text: str, rng: random.Random, strength: float | None = None) -> str:
    """A damaged copy of ``text``; ``strength`` 0 (untouched) to 1 (barely readable),
    drawn at random when ``None``."""
    p = rng.random() ** 1.5 * 0.35 if strength is None else strength * 0.35
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return text
    if rng.random() < 0.25 and len(lines) > 6:
        # the title is what a classifier leans on most: sometimes learn without it
        title_zone = range(0, min(len(lines), 8))
        caps = [i for i in title_zone if lines[i].isupper() and len(lines[i]) > 8]
        for i in reversed(caps[-2:]):
            if rng.random() < 0.7:
                del lines[i]
    if rng.random() < 0.3 and len(lines) > 8:
        keep = rng.uniform(0.45, 0.95)
        start = rng.randrange(0, max(1, int(len(lines) * (1 - keep))))
        lines = lines[start : start + max(4, int(len(lines) * keep))]
    lines = [line for line in lines if rng.random() > p * 0.5]
    if rng.random() < 0.35 and len(lines) > 3:
        # two columns read across, or blocks in another order
        for _ in range(rng.randint(1, 4)):
            a = rng.randrange(len(lines) - 1)
            if rng.random() < 0.5:
                lines[a : a + 2] = [lines[a] + " " + lines[a + 1]]
            else:
                b = rng.randrange(len(lines))
                lines[a], lines[b] = lines[b], lines[a]
            if len(lines) < 3:
                break
    lines = [_damage_line(line, rng, p) for line in lines]
    for _ in range(int(rng.random() * p * 12)):
        lines.insert(rng.randrange(len(lines) + 1), _garbage_line(rng))
    return "\n".join(lines)


__all__ = ["damage"]
