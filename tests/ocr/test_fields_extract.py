"""All fields of one paper; the ID checked against the birth date of the same paper."""

from __future__ import annotations

from ocr.fields import extract_fields

BIRTH_CERTIFICATE = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHƯỜNG DỊCH VỌNG Độc lập - Tự do - Hạnh phúc
Số: 125/2021/GKS Cầu Giấy, ngày 05 tháng 3 năm 2021
GIẤY KHAI SINH
Họ, chữ đệm, tên: NGUYỄN THỊ HẰNG
Ngày, tháng, năm sinh: 14/02/2021
Giới tính: Nữ Dân tộc: Kinh
Số định danh cá nhân: 001321012345
Họ, chữ đệm, tên người mẹ: Trần Thị Lan
Số định danh cá nhân: 001190098765
Nơi đăng ký: Ủy ban nhân dân phường Dịch Vọng
"""


def test_birth_certificate_fields() -> None:
    fields = extract_fields(BIRTH_CERTIFICATE, "giay_khai_sinh")
    assert fields.values() == {
        "so_dinh_danh": "001321012345",
        "ho_ten": "NGUYỄN THỊ HẰNG",
        "ngay_sinh": "14/02/2021",
        "so_ky_hieu": "125/2021/GKS",
        "ngay_cap": "05/03/2021",
        "co_quan_cap": "Ủy ban nhân dân phường Dịch Vọng",
    }
    for field in fields:
        assert 0.5 < field.confidence <= 1.0 and field.flags == ()


def test_id_contradicting_the_birth_date_is_kept_and_flagged() -> None:
    text = BIRTH_CERTIFICATE.replace("001321012345", "001121012345")  # 1 = 1900s
    found = extract_fields(text, "giay_khai_sinh").get("so_dinh_danh")
    assert found is not None
    assert found.value == "001121012345"
    assert "century_mismatch" in found.flags
    assert found.confidence < 0.5


def test_nine_digit_number_goes_to_so_cmnd_not_so_dinh_danh() -> None:
    text = "GIẤY ỦY QUYỀN\nHọ và tên: Lê Văn Nam\nSinh ngày: 01/01/1970\nSố CMND: 012345678\n"
    fields = extract_fields(text, "giay_uy_quyen")
    assert fields.value("so_cmnd") == "012345678"
    assert fields.value("so_dinh_danh") is None
    assert "not_found" in fields.get("so_dinh_danh").flags  # type: ignore[union-attr]


def test_nine_digits_after_an_id_label_is_still_a_cmnd() -> None:
    fields = extract_fields("Họ tên: Lê Văn Nam\nSố định danh: 012345678\n", "to_khai")
    assert fields.value("so_dinh_danh") is None
    assert fields.value("so_cmnd") == "012345678"


def test_ocr_damaged_id_repaired_against_the_birth_date() -> None:
    text = "Họ và tên: Phạm Văn Long\nNgày sinh: 03/04/1985\nSố CCCD: O36O85 0l2345\n"
    found = extract_fields(text, "to_khai").get("so_dinh_danh")
    assert found is not None and found.value == "036085012345"
    assert "ocr_repaired" in found.flags


def test_unrepairable_id_is_kept_with_a_flag() -> None:
    text = "Họ và tên: Phạm Văn Long\nNgày sinh: 03/04/1985\nSố CCCD: O36O95 0l2345\n"
    found = extract_fields(text, "to_khai").get("so_dinh_danh")
    assert found is not None and found.value == "O36O950l2345"
    assert "non_digit_characters" in found.flags


def test_enterprise_registration() -> None:
    text = (
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ THÀNH PHỐ HÀ NỘI\nPHÒNG ĐĂNG KÝ KINH DOANH\n"
        "GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP\nMã số doanh nghiệp: 0100233488\n"
        "Đăng ký lần đầu: ngày 12 tháng 5 năm 2015\n"
        "Họ và tên: ĐỖ MINH QUÂN Giới tính: Nam\nSinh ngày: 20/10/1980\n"
        "Số giấy tờ pháp lý của cá nhân: 001080012345\n"
    )
    fields = extract_fields(text, "giay_chung_nhan_dang_ky_doanh_nghiep")
    assert fields.value("ma_so_doanh_nghiep") == "0100233488"
    assert fields.value("ho_ten") == "ĐỖ MINH QUÂN"
    assert fields.value("so_dinh_danh") == "001080012345"
    assert fields.value("ngay_cap") == "12/05/2015"


def test_validity_forms() -> None:
    card = "Họ và tên: LÊ AN\nNgày sinh: 01/01/1990\nCó giá trị đến / Date of expiry: 01/01/2030"
    assert extract_fields(card, "can_cuoc").value("thoi_han") == "01/01/2030"
    land = "Thời hạn sử dụng: Lâu dài\n"
    assert extract_fields(land, "giay_chung_nhan_quyen_su_dung_dat").value("thoi_han") == "Lâu dài"
    residence = "Thông tin này có giá trị sử dụng 30 ngày kể từ ngày cấp."
    assert extract_fields(residence, "xac_nhan_cu_tru").value("thoi_han") == "30 ngày"


def test_as_dict_and_flags_shapes() -> None:
    fields = extract_fields("Họ tên: Lê An", "to_khai")
    data = fields.as_dict()
    assert data["ho_ten"] == {"value": "Lê An", "confidence": 0.95, "flags": []}
    assert "so_dinh_danh:not_found" in fields.flags


def test_a_form_filled_in_on_dotted_leaders_gives_its_values_without_the_dots() -> None:
    form = (
        "ĐƠN ĐỀ NGHỊ CẤP BẢN SAO TRÍCH LỤC KHAI SINH\n"
        "Họ, chữ đệm, tên: ....... TRẦN MINH KHÔI ...................................\n"
        "Ngày, tháng, năm sinh: ......03/09/2016.... Giới tính: ....... Nam ..........\n"
        "Số định danh cá nhân: ..... 079216233237 ....................................\n"
        "Ghi chú: ………………………………………………\n"
    )
    assert extract_fields(form, "to_khai").values() == {
        "ho_ten": "TRẦN MINH KHÔI",
        "ngay_sinh": "03/09/2016",
        "so_dinh_danh": "079216233237",
    }
