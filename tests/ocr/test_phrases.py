"""Marks of the fixed wording of administrative papers are put back (``ocr.phrases``)."""

from __future__ import annotations

from ocr.phrases import restore_marks
from ocr.textfix import fix_text


def test_marks_of_a_title_and_the_motto_are_restored_keeping_the_case() -> None:
    read = "GIAY XAC NHẠN TINH TRẠNG HON NHAN\nĐồc lập - Tự do - Hanh phúc"
    assert restore_marks(read) == ("GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN\nĐộc lập - Tự do - Hạnh phúc")
    assert restore_marks("CAN CƯƠC CÔNG DAN") == "CĂN CƯỚC CÔNG DÂN"
    # The page text gets the same repair.
    assert fix_text("Ho, chu dem va ten: NGUYỄN AN") == "Họ, chữ đệm và tên: NGUYỄN AN"


def test_only_marks_of_whole_phrases_change() -> None:
    # A name, a value or a part of a longer word is left as read, letters are never changed.
    assert restore_marks("Họ và tên: NGUYEN VAN AN") == "Họ và tên: NGUYEN VAN AN"
    assert restore_marks("Dan toc: Kinh") == "Dân tộc: Kinh"
    assert restore_marks("Dan tocx") == "Dan tocx"
    assert restore_marks("Gioi tinh Nam") == "Giới tính Nam"
    assert restore_marks("Giới tinh") == "Giới tính"
    assert restore_marks("Gioi tính") == "Giới tính"
    assert restore_marks("Giai tinh") == "Giai tinh"
    text = "Căn cứ Luật Hộ tịch; xét đề nghị của ông Lê Văn Bình"
    assert restore_marks(text) == text


def test_a_stray_mark_between_the_words_of_a_phrase_is_mended() -> None:
    # Specks under a line are read as "-", "'" or "."; the form prints the phrase cleanly.
    read = "(Ký, ghi rõ-họ,'chữ đệm, tên, chức vụ và đóng\ndấu)"
    assert restore_marks(read) == "(Ký, ghi rõ họ, chữ đệm, tên, chức vụ và đóng\ndấu)"
    assert restore_marks("Chồng (Ký. ghi rõ ho tên)") == "Chồng (Ký, ghi rõ họ tên)"
    assert restore_marks("GIAY-CHUNG NHAN KET HON") == "GIẤY CHỨNG NHẬN KẾT HÔN"


def test_gaps_a_printed_form_may_have_stay_as_read() -> None:
    # A comma left out, another dash, a label's colon: forms differ, these are no dirt.
    assert restore_marks("Ngày tháng năm sinh: 1990") == "Ngày tháng năm sinh: 1990"
    assert restore_marks("Độc lập – Tự do – Hạnh phúc") == "Độc lập – Tự do – Hạnh phúc"
    assert restore_marks("Địa chỉ thửa đất: Số 348") == "Địa chỉ thửa đất: Số 348"


def test_two_lines_are_one_phrase_only_when_it_is_long() -> None:
    # "HÀ NỘI" ending one line and "cấp" starting the next fold to "Nơi cấp".
    assert restore_marks("ĐẠI HỌC BÁCH KHOA HÀ NỘI\ncấp BẰNG KỸ SƯ") == (
        "ĐẠI HỌC BÁCH KHOA HÀ NỘI\ncấp BẰNG KỸ SƯ"
    )
    assert restore_marks("Giay chung nhan\nket hon") == "Giấy chứng nhận\nkết hôn"


def test_the_parts_of_an_authorisation_letter_get_their_marks_back() -> None:
    read = "I. BỀN ỦY QUYỀN\nII. BÊN ĐƯỢC ÚY QUYÊN\nIV. THỜI HAN ỦY QUYỀN:"
    assert restore_marks(read) == ("I. BÊN ỦY QUYỀN\nII. BÊN ĐƯỢC ỦY QUYỀN\nIV. THỜI HẠN ỦY QUYỀN:")
