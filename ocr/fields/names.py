"""Personal names (``ho_ten``) after the labels papers print, and accent-insensitive folding.

The name is returned NFC and as written: an upper-case name stays upper case. The subject
of a paper is the first person named under a name label ("Họ, chữ đệm và tên", "Họ và tên",
"Họ tên", "Full name"), skipping labels that name someone else ("… cha", "… mẹ",
"… chủ hộ", "… người đi khai tử"); failing that, the person after "Ông:", "Bà:",
"Cấp cho:", "Cho:"; failing that, "Ông/Bà" followed by a surname.

OCR of tabbed forms puts the labels in one column and the values in another, so a label
with nothing after it takes the first name-shaped line below it (flagged).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import is_any_surname, is_surname, repair_name_words
from .text import fold, fold_aligned, nfc, span_back

UNUSUAL_NAME = "unusual_name_shape"
NAME_REPAIRED = "diacritics_repaired"
FROM_WEAK_LABEL = "weak_label"
VALUE_ON_NEXT_LINE = "value_on_next_line"
VALUE_FAR_FROM_LABEL = "value_far_from_label"
OTHER_PARTY = "other_party"

_LABEL = re.compile(
    r"(?<![a-z])(?:ho\s*[,.]?\s*chu\s*dem\s*(?:[,.]|v[aeo])?\s*ten|ho\s*(?:v[aeo]|[,.])?\s*ten"
    r"|full\s*name)(?![a-z])"
    # a label a table cell wrapped ("Họ, chữ" / "đệm, tên" on the next line)
    r"|(?<![a-z])ho\s*[,.]\s*chu(?:\s*dem)?\s*[,.]?(?=\s*[|:]?\s*\S)"
)
_WEAK_LABEL = re.compile(
    r"(?<![a-z])(?:cap\s+cho|cho|ong\s*/\s*ba|ong|ba|upon|chu\s+ho\s+kinh\s+doanh"
    r"|nguoi\s+yeu\s+cau|nguoi\s+lam\s+don|nguoi\s+khai)\s*[:;]"
)
_TITLE_BEFORE_NAME = re.compile(r"(?<![a-z])(?:ong|ba)\s*(?:/\s*ba)?\s+(?=\S)")
# Qualifiers after a name label that point at someone other than the paper's subject.
_OTHER_PARTY = re.compile(
    r"^(?:cua\s+)?(?:nguoi\s+)?(?:cha|me|bo|chu\s+ho(?!\s+kinh)|di\s+khai|lam\s+chung"
    r"|giam\s+ho|duoc\s+uy\s+quyen|ky|tiep\s+nhan|can\s+bo)(?![a-z])"
)
_SEPARATOR = re.compile(r"\s*(?:/\s*full\s*name\s*)?[:;|]?\s*", re.IGNORECASE)
_TITLES = {"ông", "bà", "ông/bà", "anh", "chị", "cháu", "em", "mr", "mrs", "ms", "cô", "bé"}
# Words that open a label, never a name ("Ngày sinh", "Số định danh" …).
_LABEL_WORDS = {
    "ngay",
    "so",
    "noi",
    "gioi",
    "dan",
    "quoc",
    "que",
    "ton",
    "nghe",
    "chuc",
    "dia",
    "sinh",
    "giay",
    "tinh",
    "nam",
    "thang",
    "dien",
    "email",
    "ma",
    "loai",
}
# A label that follows the name on the same line ("… Giới tính: Nam") ends the name.
_NEXT_LABEL = re.compile(
    r"\s(?:gioi tinh|quoc tich|dan toc|ngay|sinh|nam sinh|noi|so|dia chi|que quan|ton giao"
    r"|nghe nghiep|chuc vu|cccd|cmnd|dien thoai|sex|date|nationality)\b[^:\n]{0,20}:"
)
_NAME_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’\-])*$")
_LEADER = re.compile(r"[.…_·]{2,}.*$")
_LABEL_LINE = re.compile(r"^[^:\n]{1,45}:")
_FAR_LINES = 25


@dataclass(frozen=True)
class NameMatch:
    value: str
    """The name, NFC, as written (upper case kept), single spaces."""
    label: str
    """The label as written, e.g. "Họ, chữ đệm và tên"."""
    start: int
    end: int
    flags: tuple[str, ...] = ()


def _is_name_word(word: str) -> bool:
    return bool(_NAME_WORD.match(word)) and word[0].isupper()


def _cut_at_next_label(text: str) -> str:
    folded = fold(text)
    pos = 0
    while True:
        m = _NEXT_LABEL.search(folded, pos)
        if not m:
            return text
        # "Triệu Duy Nam Sinh ngày:": a name ending in Nam is not the label "Năm sinh"
        if (
            folded.startswith(" nam sinh", m.start())
            and text[m.start() + 1 : m.start() + 4].lower() != "năm"
        ):
            pos = m.start() + 4
            continue
        return text[: m.start()]


def clean_name(raw: str) -> tuple[str, tuple[str, ...]]:
    """The name at the start of ``raw`` (text after a label) and its flags.

    Stops at a comma, a digit, a lower-case word or another label; drops titles (Ông, Bà)
    and leader dots. A table row "Nguyễn Văn An Trần Thị Bình" keeps the first person.
    """
    text = _LEADER.sub("", nfc(raw)).strip()
    text = re.sub(r"^[^\w]+", "", text)  # table rules and specks OCR reads before a value
    text = _cut_at_next_label(text)
    text = re.split(r"[,;(\[{:|]", text, maxsplit=1)[0]
    words: list[str] = []
    for token in text.split():
        token = token.strip(".·'’\"“”")
        if not token:
            continue
        if not words and token.lower().strip("/") in _TITLES:
            continue
        if not words and fold(token) in _LABEL_WORDS:
            break
        if not _is_name_word(token):
            break
        words.append(token)
    flags: list[str] = []
    words = _first_person(words)
    if not 2 <= len(words) <= 6:
        flags.append(UNUSUAL_NAME)
    fixed, repaired = repair_name_words(words)
    if repaired:
        flags.append(NAME_REPAIRED)
    return " ".join(fixed), tuple(flags)


def _first_person(words: list[str]) -> list[str]:
    # Two people on one line (a two-column table): a second surname after two or more words,
    # tried first with surnames that are rarely anything else.
    if len(words) <= 4:
        return words
    for test in (is_surname, is_any_surname):
        for i in range(2, len(words) - 1):
            if test(words[i]):
                return words[:i]
    return words


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _far_name(text: str, start: int) -> tuple[str, int] | None:
    """The first line below ``start`` that is only a name starting with a surname."""
    pos = start
    for _ in range(_FAR_LINES):
        if pos >= len(text):
            return None
        end = _line_end(text, pos)
        line = text[pos:end].strip()
        if line and not _LABEL_LINE.match(line):
            value, flags = clean_name(line)
            words = value.split()
            if (
                UNUSUAL_NAME not in flags
                and len(words) == len(line.split())
                and is_any_surname(words[0])
            ):
                return line, pos
        pos = end + 1
    return None


def _after(text: str, end: int) -> tuple[str, int, str | None]:
    """The value after a label ending at ``end``: the rest of its line, the next line, or
    (tabbed forms) a name-shaped line further down. Returns (raw, where, flag)."""
    line_end = _line_end(text, end)
    rest = text[end:line_end]
    sep = _SEPARATOR.match(rest)
    if sep:
        end += sep.end()
        rest = rest[sep.end() :]
    if rest.strip():
        return rest, end, None
    nxt = line_end + 1
    while nxt < len(text) and not text[nxt : _line_end(text, nxt)].strip():
        nxt = _line_end(text, nxt) + 1
    line = text[nxt : _line_end(text, nxt)]
    if line.strip() and not _LABEL_LINE.match(line.strip()):
        return line, nxt, VALUE_ON_NEXT_LINE
    far = _far_name(text, line_end + 1)
    if far:
        return far[0], far[1], VALUE_FAR_FROM_LABEL
    return "", end, None


def _qualifier(text: str, end: int) -> tuple[str, int]:
    """Lower-case words between a label and its value ("người mẹ", "chồng"): they say whose
    name follows. Returns the folded qualifier and where the value starts in ``text``."""
    line = text[end : _line_end(text, end)]
    colon = re.search(r"[:;]", line)
    if colon and len(line[: colon.start()].split()) <= 6:
        head = line[: colon.start()]
        if not re.search(
            r"(?<![^\W\d_])[A-ZĐ][a-zà-ỹđ]", head.replace("Full", "").replace("/", " ")
        ):
            return fold(head).strip(" /|"), end + colon.start()
    qualifier = []
    consumed = 0
    for token in re.finditer(r"\S+", line):
        word = token.group(0)
        if word[0].isupper() or not word[0].isalpha():
            break
        qualifier.append(word)
        consumed = token.end()
    return fold(" ".join(qualifier)), end + consumed


def find_names(text: str) -> list[NameMatch]:
    """Every name under a name label, in reading order, other parties' included
    (flagged ``other_party``)."""
    text = nfc(text)
    folded, origin = fold_aligned(text)
    found = []
    for m in _LABEL.finditer(folded):
        start, end = span_back(origin, len(text), m.start(), m.end())
        qualifier, value_at = _qualifier(text, end)
        raw, at, where = _after(text, value_at)
        value, flags = clean_name(raw)
        if not value or value.split()[0] in ("Ngày", "Số"):
            continue
        label = text[start:value_at].strip(" :;|")
        extra = (where,) if where else ()
        if qualifier and _OTHER_PARTY.match(qualifier):
            extra = (OTHER_PARTY,)
        found.append(NameMatch(value, label, start, at + len(raw), flags + extra))
    return found


def extract_ho_ten(text: str) -> NameMatch | None:
    """The paper's subject: the first labelled name not of another party, else a name after
    a weaker label ("Ông:", "Cấp cho:"), else "Ông/Bà" and a surname."""
    text = nfc(text)
    names = [n for n in find_names(text) if OTHER_PARTY not in n.flags]
    near = [n for n in names if UNUSUAL_NAME not in n.flags and VALUE_FAR_FROM_LABEL not in n.flags]
    if near or names:
        return (near or names)[0]
    folded, origin = fold_aligned(text)
    for m in _WEAK_LABEL.finditer(folded):
        start, end = span_back(origin, len(text), m.start(), m.end())
        raw, at, _ = _after(text, end)
        value, flags = clean_name(raw)
        if value and UNUSUAL_NAME not in flags:
            label = text[start:end].strip(" :;")
            return NameMatch(value, label, start, at + len(raw), (*flags, FROM_WEAK_LABEL))
    for m in _TITLE_BEFORE_NAME.finditer(folded):
        start, end = span_back(origin, len(text), m.start(), m.end())
        value, flags = clean_name(text[end : _line_end(text, end)])
        if value and UNUSUAL_NAME not in flags and is_any_surname(value.split()[0]):
            label = text[start:end].strip()
            return NameMatch(value, label, start, end + len(value), (*flags, FROM_WEAK_LABEL))
    return None


__all__ = [
    "FROM_WEAK_LABEL",
    "NAME_REPAIRED",
    "OTHER_PARTY",
    "UNUSUAL_NAME",
    "VALUE_FAR_FROM_LABEL",
    "VALUE_ON_NEXT_LINE",
    "NameMatch",
    "clean_name",
    "extract_ho_ten",
    "find_names",
    "fold",
]
