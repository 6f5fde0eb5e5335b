"""The fixed wording of Vietnamese administrative papers, to restore marks OCR lost in it.

Every paper carries the national name and motto, a title from a short list and labels
from the standard forms (Nghị định 30/2020/NĐ-CP, Thông tư 04/2020/TT-BTP, the forms of
business and land registration). Tesseract most often drops or swaps the marks of bold
capitals ("GIAY XAC NHẠN TINH TRẠNG HON NHAN", "Đồc lập - Tự do - Hanh phúc"). Where a run
of the text folds (no marks, đ→d, any case) to exactly one of these phrases, the phrase's
marks are put back, letter by letter, keeping the case as read. Letters are never changed,
only marks, and only inside a whole phrase of two words or more.
"""

from __future__ import annotations

import re
from functools import cache

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
)


@cache
def _table() -> tuple[re.Pattern[str], dict[str, str]]:
    by_fold: dict[str, str] = {}
    for phrase in PHRASES:
        by_fold.setdefault(fold(phrase), phrase)
    # Longest first, so "giay chung nhan ket hon" wins over a shorter phrase inside it.
    alternatives = sorted(by_fold, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![^\W_])(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?![^\W_])"
    )
    return pattern, by_fold


def restore_marks(text: str) -> str:
    """``text`` with the marks of the standard phrases it holds put back."""
    pattern, by_fold = _table()
    folded, origin = fold_aligned(text)
    if len(folded) != len(text):
        return text  # a character folded to more or less than one: positions would slip
    out = list(text)
    for m in pattern.finditer(folded):
        phrase = by_fold[m.group(0)]
        start = origin[m.start()]
        read = text[start : start + len(phrase)]
        out[start : start + len(phrase)] = [
            p.upper() if r.isupper() else p.lower() for r, p in zip(read, phrase, strict=True)
        ]
    return "".join(out)


__all__ = ["PHRASES", "restore_marks"]
