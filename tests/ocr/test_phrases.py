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
