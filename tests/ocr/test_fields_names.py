"""Names after their labels, as written, and accent-insensitive folding."""

from __future__ import annotations

import unicodedata

import pytest

from ocr.fields import fold
from ocr.fields.names import extract_ho_ten


def test_fold_removes_marks_and_d_bar() -> None:
    assert fold("Nguyễn Thị Hằng Đào") == "nguyen thi hang dao"
    assert fold("ĐẶNG VĂN ĐỨC") == "dang van duc"
    assert fold(unicodedata.normalize("NFD", "Hằng")) == "hang"


@pytest.mark.parametrize(
    "label", ["Họ, chữ đệm và tên", "Họ, chữ đệm, tên", "Họ và tên", "Họ tên", "HỌ VÀ TÊN"]
)
def test_labels(label: str) -> None:
    found = extract_ho_ten(f"{label}: Nguyễn Thị Hằng\nNgày sinh: 01/02/1990")
    assert found is not None and found.value == "Nguyễn Thị Hằng"


def test_upper_case_name_kept_as_written() -> None:
    found = extract_ho_ten("Họ và tên / Full name:\nTRẦN THỊ THU HẰNG\nNgày sinh: 01/02/1990")
    assert found is not None and found.value == "TRẦN THỊ THU HẰNG"


def test_result_is_nfc_with_marks() -> None:
    text = unicodedata.normalize("NFD", "Họ và tên: Đỗ Thị Ngọc Ánh")
    found = extract_ho_ten(text)
    assert found is not None
    assert found.value == unicodedata.normalize("NFC", "Đỗ Thị Ngọc Ánh")
    assert unicodedata.is_normalized("NFC", found.value)


def test_name_stops_at_the_next_label_and_titles_are_dropped() -> None:
    found = extract_ho_ten("Họ tên: Ông Lê Quang Huy   Giới tính: Nam")
    assert found is not None and found.value == "Lê Quang Huy"


def test_other_parties_are_not_the_subject() -> None:
    text = "Họ và tên cha: Lê Văn Bình\nHọ, chữ đệm, tên người mẹ: Trần Thị Lan\nHọ tên: Lê Minh An"
    found = extract_ho_ten(text)
    assert found is not None and found.value == "Lê Minh An"


def test_table_row_with_two_people_keeps_the_first() -> None:
    found = extract_ho_ten("Họ, chữ đệm, tên Nguyễn Văn An Trần Thị Bình")
    assert found is not None and found.value == "Nguyễn Văn An"


def test_weak_label_when_no_name_label() -> None:
    found = extract_ho_ten("Ông: NGUYỄN VĂN AN, sinh ngày 01/02/1990, CCCD số: 001090012345")
    assert found is not None and found.value == "NGUYỄN VĂN AN"


def test_marks_lost_by_ocr_restored_only_where_unambiguous() -> None:
    found = extract_ho_ten("Ho va ten: Nguyên Thi Hăng")
    assert found is not None and found.value == "Nguyễn Thị Hằng"
    assert "diacritics_repaired" in found.flags
    # "Van" in the middle could be Văn or Vân: left as read
    found = extract_ho_ten("Họ và tên: Lê Van Minh")
    assert found is not None and found.value == "Lê Van Minh"


def test_no_label_no_name() -> None:
    assert extract_ho_ten("GIẤY KHAI SINH\nNgày sinh: 01/02/1990") is None
