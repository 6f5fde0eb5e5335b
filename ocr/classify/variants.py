"""Wordings of the known types that the synthetic generator does not write.

Real counters see older and newer names of the same paper ("Giấy chứng nhận đăng ký kinh
doanh" before 2015, "Giấy chứng tử" before 2016, "Thẻ căn cước" since 2024), copies
("Trích lục", "Bản sao"), transcripts with diplomas, and above all application forms that
name the paper they ask for ("Tờ khai yêu cầu cấp phiếu lý lịch tư pháp" is a ``to_khai``,
not a ``phieu_ly_lich_tu_phap``). Training on these keeps the model from leaning on one
title per type.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import date

from ..synthetic import make_content
from ..synthetic.content import (
    DocumentContent,
    Line,
    Signer,
    any_date,
    commune_agency,
    fld,
    para,
    place_date,
)
from ..synthetic.people import person, random_date

TITLES: dict[str, tuple[tuple[str, ...], ...]] = {
    "giay_khai_sinh": (
        ("BẢN SAO GIẤY KHAI SINH",),
        ("TRÍCH LỤC KHAI SINH",),
        ("GIẤY KHAI SINH", "(Bản sao từ sổ đăng ký khai sinh)"),
        ("TRÍCH LỤC", "ĐĂNG KÝ LẠI KHAI SINH"),
    ),
    "giay_chung_nhan_ket_hon": (
        ("TRÍCH LỤC KẾT HÔN",),
        ("GIẤY CHỨNG NHẬN ĐĂNG KÝ KẾT HÔN",),
        ("BẢN SAO", "GIẤY CHỨNG NHẬN KẾT HÔN"),
    ),
    "giay_xac_nhan_tinh_trang_hon_nhan": (
        ("XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",),
        ("GIẤY XÁC NHẬN", "TÌNH TRẠNG HÔN NHÂN", "(Dùng cho việc đăng ký kết hôn)"),
    ),
    "trich_luc_khai_tu": (
        ("GIẤY CHỨNG TỬ",),
        ("TRÍCH LỤC", "KHAI TỬ"),
        ("BẢN SAO TRÍCH LỤC KHAI TỬ",),
    ),
    "can_cuoc": (
        ("THẺ CĂN CƯỚC",),
        ("CĂN CƯỚC", "IDENTITY CARD"),
        ("GIẤY CHỨNG MINH NHÂN DÂN",),
        ("CĂN CƯỚC CÔNG DÂN", "CITIZEN IDENTITY CARD"),
    ),
    "xac_nhan_cu_tru": (
        ("GIẤY XÁC NHẬN CƯ TRÚ",),
        ("THÔNG TIN VỀ CƯ TRÚ",),
        ("XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ", "(Ban hành kèm theo Thông tư số 66/2023/TT-BCA)"),
    ),
    "giay_chung_nhan_dang_ky_doanh_nghiep": (
        ("GIẤY CHỨNG NHẬN ĐĂNG KÝ KINH DOANH",),
        ("GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP", "CÔNG TY CỔ PHẦN"),
        ("GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP", "DOANH NGHIỆP TƯ NHÂN"),
        ("GIẤY CHỨNG NHẬN ĐĂNG KÝ KINH DOANH VÀ ĐĂNG KÝ THUẾ",),
    ),
    "giay_chung_nhan_dang_ky_ho_kinh_doanh": (
        ("GIẤY CHỨNG NHẬN ĐĂNG KÝ KINH DOANH", "HỘ KINH DOANH"),
        ("GIẤY CHỨNG NHẬN ĐĂNG KÝ KINH DOANH HỘ CÁ THỂ",),
        ("GIẤY CHỨNG NHẬN", "ĐĂNG KÝ HỘ KINH DOANH"),
    ),
    "giay_chung_nhan_quyen_su_dung_dat": (
        ("GIẤY CHỨNG NHẬN", "QUYỀN SỞ HỮU NHÀ Ở VÀ QUYỀN SỬ DỤNG ĐẤT Ở"),
        ("GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT",),
        ("GIẤY CHỨNG NHẬN", "QUYỀN SỬ DỤNG ĐẤT, QUYỀN SỞ HỮU TÀI SẢN GẮN LIỀN VỚI ĐẤT"),
    ),
    "giay_phep_xay_dung": (
        ("GIẤY PHÉP SỬA CHỮA, CẢI TẠO",),
        ("GIẤY PHÉP XÂY DỰNG", "(Sử dụng cho nhà ở riêng lẻ)"),
        ("GIẤY PHÉP XÂY DỰNG CÓ THỜI HẠN",),
    ),
    "giay_uy_quyen": (
        ("VĂN BẢN ỦY QUYỀN",),
        ("HỢP ĐỒNG ỦY QUYỀN",),
        ("GIẤY ỦY QUYỀN", "(V/v nhận kết quả thủ tục hành chính)"),
    ),
    "phieu_ly_lich_tu_phap": (
        ("PHIẾU LÝ LỊCH TƯ PHÁP", "SỐ 1"),
        ("PHIẾU LÝ LỊCH TƯ PHÁP SỐ 2",),
    ),
    "bang_tot_nghiep": (
        ("BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG",),
        ("BẰNG THẠC SĨ",),
        ("BẰNG TỐT NGHIỆP TRUNG HỌC CƠ SỞ",),
        ("BẢNG ĐIỂM", "KẾT QUẢ HỌC TẬP TOÀN KHÓA"),
    ),
    "to_khai": (
        ("ĐƠN ĐỀ NGHỊ",),
        ("TỜ KHAI",),
        ("PHIẾU YÊU CẦU",),
    ),
}

# Lines real papers of a type carry that the generator's templates lack; a few are mixed
# into generated papers so no single template line becomes the type's only sign.
EXTRA_LINES: dict[str, tuple[str, ...]] = {
    "giay_khai_sinh": (
        "Nơi đăng ký khai sinh: Ủy ban nhân dân xã",
        "Sao từ Sổ đăng ký khai sinh",
        "Người đi khai sinh: cha của người được khai sinh",
        "Quyển số: 01/2019",
    ),
    "giay_chung_nhan_ket_hon": (
        "Chữ ký của chồng Chữ ký của vợ",
        "Đăng ký kết hôn ngày",
        "Bên nam Bên nữ",
    ),
    "giay_xac_nhan_tinh_trang_hon_nhan": (
        "Trong thời gian cư trú tại địa phương chưa đăng ký kết hôn với ai.",
        "Giấy này có giá trị 6 tháng kể từ ngày cấp.",
        "Tình trạng hôn nhân: độc thân",
    ),
    "trich_luc_khai_tu": (
        "Người đi khai tử: con",
        "Nguyên nhân chết: già yếu",
        "Đã chết vào lúc 10 giờ 30 phút",
    ),
    "can_cuoc": (
        "Đặc điểm nhân dạng: nốt ruồi",
        "Ngón trỏ trái Ngón trỏ phải",
        "Có giá trị đến",
        "Nơi cấp: Bộ Công an",
    ),
    "xac_nhan_cu_tru": (
        "Thông tin về chủ hộ và các thành viên trong hộ gia đình",
        "Nơi tạm trú:",
        "Công an xã xác nhận thông tin về cư trú của công dân",
    ),
    "giay_chung_nhan_dang_ky_doanh_nghiep": (
        "Ngành, nghề kinh doanh: Bán buôn thực phẩm",
        "Vốn điều lệ: 10.000.000.000 đồng",
        "Danh sách cổ đông sáng lập",
        "Chủ sở hữu công ty",
        "Loại hình doanh nghiệp: Công ty cổ phần",
        "Tên doanh nghiệp:",
    ),
    "giay_chung_nhan_dang_ky_ho_kinh_doanh": (
        "Tên hộ kinh doanh:",
        "Chủ hộ kinh doanh:",
        "Địa điểm kinh doanh:",
        "Số lượng lao động: 3 người",
    ),
    "giay_chung_nhan_quyen_su_dung_dat": (
        "Thửa đất số: 125 Tờ bản đồ số: 8",
        "Mục đích sử dụng: Đất ở tại nông thôn",
        "Nguồn gốc sử dụng: Nhà nước giao đất có thu tiền sử dụng đất",
        "Những thay đổi sau khi cấp giấy chứng nhận",
        "Sơ đồ thửa đất",
    ),
    "giay_phep_xay_dung": (
        "Chiều cao công trình: 12 m; số tầng: 3",
        "Mật độ xây dựng: 80%",
        "Chủ đầu tư phải thông báo khởi công xây dựng",
        "Diện tích xây dựng tầng 1",
    ),
    "giay_uy_quyen": (
        "Bên ủy quyền Bên được ủy quyền",
        "Nội dung ủy quyền:",
        "Thời hạn ủy quyền:",
        "Công chứng viên chứng nhận",
    ),
    "phieu_ly_lich_tu_phap": (
        "Tình trạng án tích: Không có án tích",
        "Thông tin về việc cấm đảm nhiệm chức vụ",
        "Căn cứ Luật Lý lịch tư pháp",
    ),
    "to_khai": (
        "Tôi cam đoan những nội dung khai trên đây là đúng sự thật",
        "Kính gửi:",
        "Người yêu cầu (Ký, ghi rõ họ tên)",
        "Ý kiến của chủ hộ",
    ),
    "bang_tot_nghiep": (
        "Xếp loại tốt nghiệp: Khá",
        "Số hiệu văn bằng",
        "Số vào sổ gốc cấp văn bằng",
        "Điểm trung bình tích lũy: 3.2/4",
        "Hình thức đào tạo: Chính quy",
    ),
}

# Application forms that name another paper: the form is the type, not the paper.
_REQUESTED = (
    "TỜ KHAI YÊU CẦU CẤP PHIẾU LÝ LỊCH TƯ PHÁP",
    "TỜ KHAI ĐĂNG KÝ KHAI TỬ",
    "TỜ KHAI CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
    "TỜ KHAI CĂN CƯỚC",
    "GIẤY ĐỀ NGHỊ ĐĂNG KÝ DOANH NGHIỆP",
    "GIẤY ĐỀ NGHỊ ĐĂNG KÝ HỘ KINH DOANH",
    "ĐƠN ĐĂNG KÝ, CẤP GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT",
    "ĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP XÂY DỰNG",
    "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ",
    "ĐƠN ĐỀ NGHỊ CẤP BẢN SAO BẰNG TỐT NGHIỆP",
    "TỜ KHAI ĐĂNG KÝ KẾT HÔN",
    "ĐƠN ĐỀ NGHỊ CHỨNG THỰC HỢP ĐỒNG ỦY QUYỀN",
)


def retitled(rng: random.Random, doc_type: str) -> DocumentContent:
    """A generated paper of ``doc_type`` under another of the names it goes by, with some
    lines of the type's other templates, and (cards) labels in Vietnamese only."""
    content = make_content(rng, doc_type)
    body = list(content.body)
    if doc_type == "can_cuoc" and rng.random() < 0.6:
        # older cards and photocopies: "Họ và tên" without "/ Full name"
        body = [
            replace(line, text=re.sub(r"\s*/\s*[A-Z][A-Za-z ,.]*(?=:|$)", "", line.text))
            for line in body
        ]
    for extra in rng.sample(
        EXTRA_LINES.get(doc_type, ()), k=min(2, len(EXTRA_LINES.get(doc_type, ())))
    ):
        body.insert(rng.randrange(len(body) + 1), Line("para", extra))
    titles = TITLES.get(doc_type)
    title = rng.choice(titles) if titles and rng.random() < 0.7 else content.title
    return replace(content, title=title, body=tuple(body))


def request_form(rng: random.Random) -> DocumentContent:
    """An application form asking for some paper (type ``to_khai``)."""
    p = person(rng)
    _agency, body_name, _seal, place = commune_agency(rng)
    title = rng.choice(_REQUESTED)
    signed = random_date(rng, date(min(p.birth.year + 18, 2024), 1, 1), date(2025, 12, 31))
    body: list[Line] = [
        fld(rng, "Kính gửi", body_name),
        fld(
            rng, ("Họ, chữ đệm, tên người yêu cầu", "Họ và tên người đề nghị", "Tên tôi là"), p.name
        ),
        fld(rng, ("Ngày, tháng, năm sinh", "Ngày sinh"), any_date(rng, p.birth)),
        fld(rng, ("Số định danh cá nhân", "Số CCCD"), p.id_number),
        fld(rng, ("Nơi cư trú", "Địa chỉ liên hệ"), p.address),
        fld(rng, "Số điện thoại", f"09{rng.randrange(10**8):08d}"),
        para(
            rng.choice(
                (
                    "Đề nghị cơ quan có thẩm quyền xem xét, giải quyết theo quy định.",
                    "Tôi đề nghị được cấp giấy tờ nêu trên để bổ sung hồ sơ.",
                    "Mục đích yêu cầu: bổ sung hồ sơ xin việc.",
                    "Số lượng bản sao đề nghị cấp: 02 bản.",
                )
            )
        ),
        para(
            "Tôi xin cam đoan những thông tin khai trên đây là đúng sự thật và chịu trách "
            "nhiệm trước pháp luật về lời khai của mình."
        ),
    ]
    return DocumentContent(
        doc_type="to_khai",
        agency=(),
        number="",
        place_date=place_date(rng, place, signed),
        title=(title,)
        if rng.random() < 0.7
        else (title, rng.choice(("(Mẫu số 01)", "(Mẫu 03/PLLTP)"))),
        body=tuple(body),
        signers=(
            Signer(
                (rng.choice(("NGƯỜI YÊU CẦU", "NGƯỜI ĐỀ NGHỊ", "NGƯỜI KHAI")),),
                p.name,
                "(Ký, ghi rõ họ tên)",
                sealed=False,
            ),
        ),
        fields={"so_dinh_danh": p.id_number, "ho_ten": p.name},
    )


__all__ = ["EXTRA_LINES", "TITLES", "request_form", "retitled"]
