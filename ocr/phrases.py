"""The fixed wording of Vietnamese administrative papers, to restore marks OCR lost in it.

Every paper carries the national name and motto, a title from a short list and labels
from the standard forms (Nghị định 30/2020/NĐ-CP, Thông tư 04/2020/TT-BTP, the forms of
business and land registration). Tesseract most often drops or swaps the marks of bold
capitals ("GIAY XAC NHẠN TINH TRẠNG HON NHAN", "Đồc lập - Tự do - Hanh phúc"). Where a run
of the text folds (no marks, đ→d, any case) to exactly one of these phrases, the phrase's
marks are put back, letter by letter, keeping the case as read. Letters are never changed,
only marks, and only inside a whole phrase of two words or more; between its words, only a
mark the phrase never has there (a speck read as ``-`` or ``'``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from .fields.text import fold, fold_aligned

PHRASES: tuple[str, ...] = (
    # The national name and motto, on every paper.
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Cộng hoà xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Độc lập – Tự do – Hạnh phúc",
    # Issuers and signers.
    "Ủy ban nhân dân",
    "Uỷ ban nhân dân",
    "Hội đồng nhân dân",
    "Chủ tịch",
    "Phó chủ tịch",
    "Sở Tư pháp",
    "Sở Kế hoạch và Đầu tư",
    "Sở Xây dựng",
    "Sở Tài nguyên và Môi trường",
    "Phòng Đăng ký kinh doanh",
    "Phòng Tài chính - Kế hoạch",
    "Văn phòng đăng ký đất đai",
    "Công an",
    "Công chức tư pháp - hộ tịch",
    "Thủ trưởng cơ quan",
    "Trưởng phòng",
    "Phó trưởng phòng",
    "Giám đốc",
    "Phó giám đốc",
    "Hiệu trưởng",
    "Người ký",
    "Người cấp",
    "Nơi nhận",
    # Titles.
    "Giấy khai sinh",
    "Giấy chứng nhận kết hôn",
    "Giấy xác nhận tình trạng hôn nhân",
    "Trích lục khai tử",
    "Trích lục khai sinh",
    "Phiếu lý lịch tư pháp",
    "Giấy chứng nhận đăng ký doanh nghiệp",
    "Giấy chứng nhận đăng ký hộ kinh doanh",
    "Giấy chứng nhận quyền sử dụng đất",
    "Quyền sở hữu nhà ở và tài sản khác gắn liền với đất",
    "Giấy phép xây dựng",
    "Giấy ủy quyền",
    "Giấy xác nhận thông tin về cư trú",
    "Thông tin về cư trú",
    "Căn cước công dân",
    "Bằng tốt nghiệp",
    "Tờ khai",
    "Bản sao",
    # Labels of the standard forms.
    "Họ, chữ đệm và tên",
    "Họ, chữ đệm, tên",
    "Họ và tên",
    "Ngày, tháng, năm sinh",
    "Ngày sinh",
    "Sinh ngày",
    "Giới tính",
    "Dân tộc",
    "Quốc tịch",
    "Tôn giáo",
    "Nơi sinh",
    "Quê quán",
    "Nơi cư trú",
    "Nơi thường trú",
    "Nơi ở hiện tại",
    "Số định danh cá nhân",
    "Chứng minh nhân dân",
    "Ngày cấp",
    "Nơi cấp",
    "Có giá trị đến",
    "Quan hệ với chủ hộ",
    "Nơi đăng ký",
    "Ngày đăng ký",
    "Ký, ghi rõ họ tên",
    "Ký, ghi rõ họ, chữ đệm, tên, chức vụ và đóng dấu",
    "Ký tên, đóng dấu",
    "Tình trạng án tích",
    "Không có án tích",
    "Mã số doanh nghiệp",
    "Mã số thuế",
    "Tên doanh nghiệp",
    "Địa chỉ trụ sở chính",
    "Người đại diện theo pháp luật",
    "Vốn điều lệ",
    "Ngành, nghề kinh doanh",
    "Thửa đất số",
    "Tờ bản đồ số",
    "Diện tích",
    "Hình thức sử dụng",
    "Mục đích sử dụng",
    "Thời hạn sử dụng",
    "Nguồn gốc sử dụng",
    "Số vào sổ cấp",
    "Tình trạng hôn nhân",
    "Đặc điểm nhân dạng",  # as the citizen ID card prints it
    "Ngày, tháng, năm",
    "Kính gửi",
    "Người yêu cầu",
    "Địa chỉ thường trú",
    "Số điện thoại",
    "Giấy tờ tùy thân",
    "Họ và tên cha",
    "Họ và tên mẹ",
    "Ghi bằng chữ",
    "Nơi đăng ký khai sinh",
    "Nơi đăng ký kết hôn",
    "Nơi đăng ký khai tử",
    "Người đi khai tử",
    "Thời điểm chết",
    "Nguyên nhân chết",
    "Đăng ký lần đầu",
    "Đăng ký thay đổi lần thứ",
    "Tên hộ kinh doanh",
    "Địa điểm kinh doanh",
    "Vốn kinh doanh",
    "Chủ hộ kinh doanh",
    "Số lượng lao động",
    # The authorisation letter's parts.
    "Bên ủy quyền",
    "Bên được ủy quyền",
    "Nội dung ủy quyền",
    "Phạm vi ủy quyền",
    "Thời hạn ủy quyền",
)


SEPARATOR = r"[^\w:]{1,3}"
"""What may stand between two words of a phrase as read: spaces, punctuation, a line end;
never a colon, which ends a label (``thửa đất: Số 12`` is a label and its value)."""
WRAPPED_MIN_WORDS = 4
"""A phrase read across a line end must have this many words: two lines that happen to
fold to a short phrase (``Hà Nội`` / ``cấp bằng`` → ``Nơi cấp``) are not one."""
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class _Phrase:
    text: str
    """The phrase as it is printed (the first of the list with these words)."""
    words: tuple[tuple[int, int], ...]
    """Where each word of ``text`` starts and ends (folding keeps every letter's place)."""
    separators: tuple[frozenset[str], ...]
    """The characters each gap may hold in any printed form of the phrase (``-`` or ``–``)."""


@cache
def _table() -> tuple[re.Pattern[str], dict[tuple[str, ...], _Phrase]]:
    by_words: dict[tuple[str, ...], _Phrase] = {}
    for phrase in PHRASES:
        folded = fold(phrase)
        spans = tuple(m.span() for m in _WORD.finditer(folded))
        key = tuple(folded[a:b] for a, b in spans)
        gaps = tuple(frozenset(folded[a[1] : b[0]]) for a, b in pairwise(spans))
        known = by_words.get(key)
        if known:
            gaps = tuple(x | y for x, y in zip(known.separators, gaps, strict=True))
            by_words[key] = _Phrase(known.text, known.words, gaps)
        else:
            by_words[key] = _Phrase(phrase, spans, gaps)
    # Longest first, so "giay chung nhan ket hon" wins over a shorter phrase inside it.
    alternatives = sorted(by_words, key=lambda k: sum(map(len, k)), reverse=True)
    pattern = re.compile(
        r"(?<![^\W_])(?:"
        + "|".join(SEPARATOR.join(re.escape(w) for w in words) for words in alternatives)
        + r")(?![^\W_])"
    )
    return pattern, by_words


def _gap(read: str, printed: str, allowed: frozenset[str]) -> str:
    """The gap between two words: as read, unless OCR put a stray mark in it."""
    if set(read) <= allowed | {" ", "\n"}:
        return read
    return printed.rstrip() + ("\n" if "\n" in read else " ")


def restore_marks(text: str) -> str:
    """``text`` with the marks of the standard phrases it holds put back.

    Between the words of a phrase, a mark the phrase never has there (``rõ-họ``, ``họ,'chữ``)
    is read dirt on the line and is replaced by the phrase's own gap; a gap the phrase
    could have (a comma left out, a line end) stays as read.
    """
    pattern, by_words = _table()
    folded = fold_aligned(text)[0]
    if len(folded) != len(text):
        return text  # a character folded to more or less than one: positions would slip
    out: list[str] = []
    done = 0
    for m in pattern.finditer(folded):
        found = list(_WORD.finditer(m.group(0)))
        phrase = by_words[tuple(w.group(0) for w in found)]
        if "\n" in m.group(0) and len(found) < WRAPPED_MIN_WORDS:
            continue
        out.append(text[done : m.start()])
        for k, (word, (a, b)) in enumerate(zip(found, phrase.words, strict=True)):
            if k:
                gap = text[m.start() + found[k - 1].end() : m.start() + word.start()]
                printed = phrase.text[phrase.words[k - 1][1] : a]
                out.append(_gap(gap, printed, phrase.separators[k - 1]))
            read = text[m.start() + word.start() : m.start() + word.end()]
            out.append(
                "".join(
                    p.upper() if r.isupper() else p.lower()
                    for r, p in zip(read, phrase.text[a:b], strict=True)
                )
            )
        done = m.end()
    out.append(text[done:])
    return "".join(out)


__all__ = ["PHRASES", "restore_marks"]
