"""Common Vietnamese name syllables, by position, to repair marks OCR got wrong in names.

OCR loses or swaps tone marks more often than letters ("Nguyên" for "Nguyễn", "Thi" for
"Thị"). A word that is not in the list for its position (surname, middle, given), but whose
folded form matches exactly one word of that list, takes that word's marks. Ambiguous
folds ("Hang": Hằng or Hàng?) and words the lists know are left as read.
"""

from __future__ import annotations

from functools import cache

from .text import fold, nfc


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SURNAMES = _words(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh "
    "Lương Mai Tô Tạ Đoàn Lâm Hà Châu Quách Cao Kiều Thái Phùng Triệu Khúc Âu Ưng Lại Chu "
    "Tăng Giang Nông Vương Trương La Lưu Đào Đàm Đồng Hứa Khổng Lã Lò Lục Mạc Mẫn Nghiêm "
    "Ninh Ông Phí Phó Quan Quản Sầm Tiêu Tôn Thân Thạch Trà Từ Vi Viên Hầu Hàn Doãn Diệp "
    "Chế Cù Cấn Bạch Bế Danh Đái Đậu Đường Giáp Khuất Khương Lạc Lăng Mã Mạch Nhâm Ôn Tào "
    "Tống Ung Vòng Xa Kha Lư Thiều Thủy Bành Biện Cổ Dư Hứa Lữ Mạnh Ngũ Nhan Tất Văn Kim"
)

# Surnames that are rarely anything else: a second person on one line starts with one.
STRICT_SURNAMES = frozenset(
    _words(
        "Nguyễn Trần Lê Phạm Huỳnh Phan Võ Đặng Bùi Đỗ Hồ Ngô Lý Đinh Trịnh Lương Đoàn Quách "
        "Phùng Triệu Trương Lưu Đào Tạ Tô Khổng Nghiêm"
    )
)

MIDDLES = _words(
    "Văn Thị Hữu Đức Minh Quang Thành Công Xuân Ngọc Đình Trọng Gia Bảo Anh Tuấn Hoàng "
    "Quốc Thế Việt Duy Khắc Mạnh Thu Thanh Bích Kim Mỹ Phương Hồng Diệu Khánh Thùy Ánh "
    "Hải Mai Tuyết Quỳnh Như Hoài Đăng Huy Nhật Tiến Trung Phúc Xuân Cẩm Diễm Kiều Lệ "
    "Mộng Tú Tường Vĩnh Chí Bá Khải Hồng Nam Tấn Tài Thiện Thái Trường Tùng Vân Yến Hà "
    "Hạnh Ngân Thảo Thúy Trúc Uyên Đoan Lan Linh Hiền Hoa Huyền Hương Nguyệt Phước Lê Sơn "
    "Thục Ý"
)

GIVENS = _words(
    "An Bình Cường Dũng Đạt Hải Hùng Huy Khang Khoa Long Minh Nam Nghĩa Phúc Quân Sơn "
    "Thắng Tuấn Việt Vũ Hiếu Trung Toàn Lộc Hưng Kiên Thịnh Đức Lợi Tùng Quyết Khải Phước "
    "Thuận Hoàng Trí Tâm Thiện Nhân Hậu Quý Tiến Anh Chi Dung Giang Hà Hằng Hạnh Hương "
    "Hoa Huyền Lan Linh Loan Mai My Ngân Ngọc Nhung Oanh Phương Quỳnh Thảo Thủy Trang "
    "Tuyết Uyên Vân Yến Xuân Nguyệt Diễm Khuê Ngà Nhàn Thư Trâm Hiền Liễu Thắm Gấm Lụa "
    "Nhi Ly Ánh Bảo Châu Cúc Duyên Đào Điệp Hạ Hân Hiệp Hòa Hồng Hợp Kha Khánh Lâm Lệ "
    "Liên Liêm Luân Lực Mạnh Mỹ Nga Nghi Nguyên Nhàn Như Phong Phụng Quang Quế Sang Sương "
    "Tài Thành Thanh Thạch Thái Thi Thông Thơ Thu Thúy Thùy Tín Trinh Trúc Tú Tường Văn "
    "Vinh Vy Ý Yên Định Đông Đăng Hải Hiển Hoan Hùng Khôi Lĩnh Ninh Nhật Phát Quyền Sáng "
    "Tân Thạnh Thọ Triều Tuệ Vĩnh Vượng Bích Cẩm Diệp Diệu Đan Hảo Huệ Kiều Loan Mơ Nương "
    "Phượng Sen Tiên Trà"
)


@cache
def _by_fold(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    table: dict[str, set[str]] = {}
    for word in words:
        table.setdefault(fold(word), set()).add(nfc(word))
    return {k: tuple(sorted(v)) for k, v in table.items()}


def is_surname(word: str) -> bool:
    """Whether ``word`` (any case) is a surname that rarely serves as another name part."""
    return nfc(word).title() in STRICT_SURNAMES


def is_any_surname(word: str) -> bool:
    """Whether ``word`` (any case) is on the surname list at all."""
    return nfc(word).title() in _SURNAME_SET


_SURNAME_SET = frozenset(SURNAMES)


def _match_case(template: str, word: str) -> str:
    if template.isupper():
        return word.upper()
    return word[:1].upper() + word[1:].lower()


def repair_name_words(words: list[str]) -> tuple[list[str], bool]:
    """``words`` with OCR-damaged marks restored where the position's list has exactly one
    word folding the same way; and whether anything changed."""
    out: list[str] = []
    changed = False
    for i, word in enumerate(words):
        lists = SURNAMES if i == 0 else GIVENS if i == len(words) - 1 else MIDDLES
        candidates = _by_fold(tuple(lists)).get(fold(word), ())
        known = any(nfc(word).lower() == c.lower() for c in candidates)
        if known or len(candidates) != 1 or len(words) < 2:
            out.append(word)
            continue
        fixed = _match_case(word, candidates[0])
        changed = changed or fixed != word
        out.append(fixed)
    return out, changed


__all__ = [
    "GIVENS",
    "MIDDLES",
    "STRICT_SURNAMES",
    "SURNAMES",
    "is_any_surname",
    "is_surname",
    "repair_name_words",
]
