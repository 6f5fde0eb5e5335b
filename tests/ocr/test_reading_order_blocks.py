"""Blocks of centred lines are read whole: the two header columns, two signers side by side."""

from __future__ import annotations

from ocr.reading_order import TextLine, _with_mark, reading_order_text
from tests.ocr.test_tesseract import W


def _line(text: str, left: int, top: int, width: int, block: int, height: int = 30) -> W:
    return W(text, left, top, width, height, block=block)


def _flat(words: list[W]) -> str:
    return " ".join(reading_order_text(words).split())


def test_header_columns_are_read_one_after_the_other() -> None:
    words = [
        _line("UBND TỈNH THỪA THIÊN HUẾ", 100, 100, 560, 1),
        _line("SỞ XÂY DỰNG", 250, 150, 260, 2),
        _line("Số: 2777/GPXD", 230, 240, 300, 3),
        _line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 760, 100, 900, 4),
        _line("Độc lập - Tự do - Hạnh phúc", 910, 150, 600, 5),
        # The date line reaches closer to the agency's column than the rows are apart.
        _line("Thừa Thiên Huế, ngày 22 tháng 11 năm 2014", 700, 240, 1020, 6),
    ]
    assert _flat(words) == (
        "UBND TỈNH THỪA THIÊN HUẾ SỞ XÂY DỰNG Số: 2777/GPXD "
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
        "Thừa Thiên Huế, ngày 22 tháng 11 năm 2014"
    )


def test_each_signer_is_read_whole_title_then_name() -> None:
    words = [
        _line("Hai bên cam kết thực hiện đúng nội dung ủy quyền.", 100, 900, 1500, 1),
        _line("BÊN ỦY QUYỀN", 250, 1000, 300, 2),
        _line("(Ký, ghi rõ họ tên)", 220, 1045, 360, 3),
        _line("Nguyễn Kim Hiền", 240, 1300, 320, 4),
        _line("BÊN ĐƯỢC ỦY QUYỀN", 1100, 1000, 400, 5),
        _line("(Ký, ghi rõ họ tên)", 1120, 1045, 360, 6),
        _line("Lê Anh Tú", 1200, 1300, 200, 7),
    ]
    assert _flat(words) == (
        "Hai bên cam kết thực hiện đúng nội dung ủy quyền. "
        "BÊN ỦY QUYỀN (Ký, ghi rõ họ tên) Nguyễn Kim Hiền "
        "BÊN ĐƯỢC ỦY QUYỀN (Ký, ghi rõ họ tên) Lê Anh Tú"
    )


def test_the_place_and_date_over_the_second_signer_is_read_before_both() -> None:
    words = [
        _line("Ô Quý Hồ, ngày 06 tháng 9 năm 2022", 1000, 940, 600, 1),
        _line("Chồng", 340, 1000, 120, 2),
        _line("(Ký, ghi rõ họ tên)", 220, 1045, 360, 3),
        _line("Chu Gia Hậu", 270, 1300, 260, 4),
        _line("Vợ", 1270, 1000, 60, 5),
        _line("(Ký, ghi rõ họ tên)", 1120, 1045, 360, 6),
        _line("Lê Thị Bình", 1180, 1300, 240, 7),
    ]
    assert _flat(words) == (
        "Ô Quý Hồ, ngày 06 tháng 9 năm 2022 "
        "Chồng (Ký, ghi rõ họ tên) Chu Gia Hậu Vợ (Ký, ghi rõ họ tên) Lê Thị Bình"
    )


def test_a_title_is_not_pulled_up_past_the_agency_beside_the_gap() -> None:
    words = [
        _line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 450, 100, 900, 1),
        _line("Độc lập - Tự do - Hạnh phúc", 600, 150, 600, 2),
        _line("UBND TỈNH NAM ĐỊNH", 60, 260, 360, 3),
        _line("SỞ TƯ PHÁP", 120, 310, 240, 4),
        _line("PHIẾU LÝ LỊCH TƯ PHÁP", 650, 450, 500, 5, height=40),
    ]
    assert _flat(words) == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
        "UBND TỈNH NAM ĐỊNH SỞ TƯ PHÁP PHIẾU LÝ LỊCH TƯ PHÁP"
    )


def test_labels_and_values_of_a_form_are_not_taken_for_blocks() -> None:
    # Labels and values Tesseract split into two columns; the values happen to share a centre.
    words = [
        _line("Họ và tên:", 100, 400, 200, 1),
        _line("Ngày sinh:", 100, 450, 200, 2),
        _line("NGUYỄN AN", 600, 400, 220, 3),
        _line("02/01/1990", 640, 450, 140, 4),
    ]
    assert _flat(words) == "Họ và tên: NGUYỄN AN Ngày sinh: 02/01/1990"


def test_a_name_as_wide_as_the_line_over_it_stays_with_its_signer() -> None:
    # "Trần Hữu Quyết" is as wide as "(Ký, ghi rõ họ tên)": centred and left-aligned at once.
    # The signature's room parts them, so they are one signer, not a paragraph; the other
    # signer's name, set a little higher, is not text beside the room.
    words = [
        _line("Chồng", 520, 1944, 160, 1, height=44),
        _line("(Ký, ghi rõ họ tên)", 432, 2018, 337, 2, height=44),
        _line("Trần Hữu Quyết", 399, 2382, 403, 3, height=44),
        _line("Vợ", 1540, 1950, 70, 4, height=44),
        _line("(Ký, ghi rõ họ tên)", 1406, 2018, 337, 5, height=44),
        _line("Nguyễn Quỳnh Thảo", 1320, 2435, 510, 6, height=44),
    ]
    assert _flat(words) == (
        "Chồng (Ký, ghi rõ họ tên) Trần Hữu Quyết Vợ (Ký, ghi rõ họ tên) Nguyễn Quỳnh Thảo"
    )


def test_a_signer_whose_name_is_set_well_below_the_other_signers_is_read_whole() -> None:
    # The right signer's name sits two line heights above the left one's: it is the other
    # signer's name under its own signature's room, not text beside the left signer's room.
    # (Boxes as read on a marriage certificate.)
    words = [
        _line("Ngày đăng ký:", 98, 1593, 317, 1, height=48),
        _line("ngày 5 tháng 11 năm 2017", 752, 1595, 592, 2, height=48),
        _line("Chồng", 495, 1704, 150, 3, height=50),
        _line("Vợ", 1428, 1711, 63, 4, height=44),
        _line("(Ký, ghi rõ họ tên)", 402, 1772, 335, 5, height=43),
        _line("(Ký, ghi rõ họ tên)", 1293, 1774, 334, 6, height=43),
        _line("Nguyễn Bảo Huyền", 1231, 2082, 456, 7, height=55),
        _line("Khúc Tuấn Nhân", 367, 2166, 402, 8, height=39),
        _line("TM. ỦY BAN NHÂN DÂN", 1170, 2271, 575, 9, height=49),
        _line("Kiều Ngọc Giang", 1259, 2865, 396, 10, height=51),
    ]
    assert _flat(words) == (
        "Ngày đăng ký: ngày 5 tháng 11 năm 2017 "
        "Chồng (Ký, ghi rõ họ tên) Khúc Tuấn Nhân Vợ (Ký, ghi rõ họ tên) Nguyễn Bảo Huyền "
        "TM. ỦY BAN NHÂN DÂN Kiều Ngọc Giang"
    )


def test_an_unruled_table_of_labels_and_values_is_read_row_by_row() -> None:
    rows = [
        ("Nội dung", "Thông tin"),
        ("Thửa đất số", "557"),
        ("Tờ bản đồ số", "2"),
        ("Diện tích", "578,6 m2"),
        ("Hình thức sử dụng", "Sử dụng riêng"),
        ("Mục đích sử dụng", "Đất ở tại nông thôn"),
    ]
    words = []
    for i, (label, value) in enumerate(rows):
        # Rows close enough that two of them, alone, read as two short columns.
        top = 1000 + 52 * i + (10 if i % 2 else 0)
        words.append(_line(label, 100, top, 22 * len(label), 2 * i + 1))
        words.append(_line(value, 900, top, 22 * len(value), 2 * i + 2))
    assert _flat(words) == " ".join(f"{label} {value}" for label, value in rows)


def test_an_unruled_table_of_four_columns_is_read_row_by_row() -> None:
    """A household's members without rules (as Tesseract boxed them at 300 dpi): every row
    is read across, the last two rows too, though alone they have too few rows to tell."""
    rows = [
        ("STT", "Họ và tên", "Năm sinh", "Quan hệ với chủ hộ"),
        ("1", "Nguyễn Văn An", "1985", "Chủ hộ"),
        ("2", "Trần Thị Bình", "1987", "Vợ"),
        ("3", "Nguyễn Minh Châu", "2010", "Con"),
        ("4", "Nguyễn Minh Đức", "2014", "Con"),
    ]
    lefts = (172, 351, 1122, 1522)
    words = [_line("Danh sách thành viên hộ gia đình:", 151, 69, 597, 1)]
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            words.append(_line(cell, lefts[j], 189 + 90 * i, 20 * len(cell), 4 * i + j + 2))
    assert _flat(words) == "Danh sách thành viên hộ gia đình: " + " ".join(
        " ".join(row) for row in rows
    )


def test_two_columns_of_running_text_are_read_column_by_column() -> None:
    left = [
        "Bên được ủy quyền được thay mặt",
        "bên ủy quyền làm thủ tục cấp",
        "lại giấy chứng nhận",
    ]
    right = [
        "Bên ủy quyền chịu trách nhiệm",
        "trước pháp luật về mọi công việc",
        "do bên được ủy quyền",
    ]
    words = [_line(t, 100, 1000 + 45 * i, 700, 1) for i, t in enumerate(left)]
    words += [_line(t, 850, 1000 + 45 * i, 700, 2) for i, t in enumerate(right)]
    assert _flat(words) == " ".join(left + right)


def test_two_fields_on_one_row_are_read_across_the_row() -> None:
    # "Họ, chữ đệm và tên: …" and "Ngày tháng năm sinh: …" share a row; the fields under
    # them are one to a row. The row is read across before the next field.
    words = [
        _line("Kính gửi:", 110, 522, 195, 1, height=48),
        _line("Ủy ban nhân dân phường Lộc Thọ", 825, 516, 815, 2, height=56),
        _line("Họ, chữ đệm và tên: Phạm Quang Phúc", 110, 585, 906, 3, height=49),
        _line("Ngày tháng năm sinh: 06-10-1972", 1093, 587, 750, 4, height=47),
        _line("Giới tính:", 108, 647, 198, 5, height=38),
        _line("Nam", 825, 651, 102, 6, height=35),
        _line("Giấy tờ tùy thân (CCCD số):", 108, 708, 621, 7, height=49),
        _line("022072296518", 824, 713, 330, 8, height=35),
    ]
    assert _flat(words) == (
        "Kính gửi: Ủy ban nhân dân phường Lộc Thọ "
        "Họ, chữ đệm và tên: Phạm Quang Phúc Ngày tháng năm sinh: 06-10-1972 "
        "Giới tính: Nam Giấy tờ tùy thân (CCCD số): 022072296518"
    )


def test_a_heading_under_the_last_value_of_a_form_follows_it() -> None:
    # The next section's heading runs almost to the values' edge: the gap beside it is no
    # gutter, and the address's second line is read before the heading, not after it.
    words = [
        _line("Sinh ngày:", 99, 958, 225, 1, height=43),
        _line("ngày 05 tháng 12 năm 1972", 803, 958, 595, 2, height=43),
        _line("Số ĐDCN:", 99, 1020, 231, 3, height=35),
        _line("011072155746", 802, 1022, 318, 4, height=33),
        _line("Địa chỉ thường trú:", 98, 1084, 406, 5, height=43),
        _line("Tổ 25, phường Thủy Dương, thành phố Huế, tỉnh Thừa", 801, 1083, 1188, 6, height=45),
        _line("Thiên Huế", 801, 1146, 228, 7, height=36),
        _line("III. NỘI DUNG ỦY QUYỀN:", 98, 1201, 671, 8, height=52),
        _line(
            "Bên được ủy quyền được thay mặt bên ủy quyền làm thủ tục", 98, 1272, 1826, 9, height=46
        ),
    ]
    assert _flat(words) == (
        "Sinh ngày: ngày 05 tháng 12 năm 1972 Số ĐDCN: 011072155746 "
        "Địa chỉ thường trú: Tổ 25, phường Thủy Dương, thành phố Huế, tỉnh Thừa Thiên Huế "
        "III. NỘI DUNG ỦY QUYỀN: Bên được ủy quyền được thay mặt bên ủy quyền làm thủ tục"
    )


def test_the_last_value_of_a_form_stays_with_its_label_above_a_short_heading() -> None:
    # A judicial record's last field, then its next section's heading, short and alone on
    # the left. The rows above are further apart than the last row is from the heading, so
    # the last row and the heading are judged together: read by columns, the value came
    # after the heading.
    words = [
        _line("8. Họ và tên cha:", 99, 1218, 311, 1, height=38),
        _line("Trần Xuân Lợi", 756, 1216, 247, 2, height=40),
        _line("9. Họ và tên mẹ:", 99, 1283, 303, 3, height=42),
        _line("Đặng Ngọc Chi", 756, 1284, 273, 4, height=41),
        _line("TÌNH TRẠNG ÁN TÍCH", 96, 1343, 437, 5, height=48),
        _line("Không có án tích trong thời gian cư trú tại Việt Nam.", 100, 1414, 960, 6),
    ]
    assert _flat(words) == (
        "8. Họ và tên cha: Trần Xuân Lợi 9. Họ và tên mẹ: Đặng Ngọc Chi "
        "TÌNH TRẠNG ÁN TÍCH Không có án tích trong thời gian cư trú tại Việt Nam."
    )
    # One field alone is read on one line, its value after its label.
    alone = [_line("Họ, chữ đệm và tên:", 99, 700, 400, 1), _line("Vũ Ánh Hạnh", 756, 700, 250, 2)]
    assert reading_order_text(alone).strip() == "Họ, chữ đệm và tên: Vũ Ánh Hạnh"


def test_two_facing_pages_of_fields_are_read_one_page_after_the_other() -> None:
    # A certificate scanned open: each page a column of fields a page's measure wide, their
    # rows level with each other by chance, as a form's labels and values are by design.
    left = [
        "Họ, chữ đệm, tên người yêu cầu: Trần Văn Nam",
        "Ngày, tháng, năm sinh: 16/03/1990",
        "Nơi cư trú: Thôn Phú An, xã Tân Thạch, huyện Châu Thành, tỉnh Bến Tre",
        "Số định danh cá nhân: 056090142611",
    ]
    right = [
        "Thửa đất số: 337, tờ bản đồ số: 29",
        "Địa chỉ: đường Lý Thường Kiệt, phường 7, thành phố Vĩnh Long, tỉnh Vĩnh Long",
        "Diện tích: 133,3 m2",
        "Hình thức sử dụng: Sử dụng riêng",
    ]
    words = [
        W(t, x, 100 + 60 * i, 1100 if i == wide else 700, 30, block=block, line=i)
        for x, block, wide, page in ((100, 1, 2, left), (1500, 2, 1, right))
        for i, t in enumerate(page)
    ]
    assert _flat(words) == " ".join(left + right)


def test_a_pen_tick_in_the_margin_does_not_split_a_form_into_labels_then_values() -> None:
    # A clerk's tick beside one row, read as "VÔ": alone in the margin it made a column of
    # its own, and the form beside it was read all labels, then all values.
    rows = [
        ("Họ, chữ đệm, tên:", "NGUYỄN HẢI MY"),
        ("Sinh ngày:", "20/07/2005"),
        ("Giới tính:", "Nữ"),
        ("Năm sinh:", "1986"),
        ("Nơi thường trú:", "Ấp Tây, xã Yên Khánh"),
        ("Họ và tên cha:", "Bùi Trọng Hải"),
    ]
    words = []
    for i, (label, value) in enumerate(rows):
        top = 900 + 80 * i
        words.append(_line(label, 233, top, 20 * len(label), 2 * i + 1, height=48))
        words.append(_line(value, 935, top, 22 * len(value), 2 * i + 2, height=48))
    words.append(_line("VÔ", 115, 1140, 45, 99, height=66))
    text = _flat(words)
    assert "Họ, chữ đệm, tên: NGUYỄN HẢI MY Sinh ngày: 20/07/2005 Giới tính: Nữ" in text
    assert "Nơi thường trú: Ấp Tây, xã Yên Khánh Họ và tên cha: Bùi Trọng Hải" in text


def test_a_margin_mark_beside_no_line_is_read_once_and_nothing_is_lost() -> None:
    # Groups come in reading order, not by height: a column read before a higher one.
    def line(text: str, top: int) -> TextLine:
        return TextLine((_line(text, 300, top, 200, 1),))

    groups = [[line("cột trái", 300)], [line("cột phải", 50)], [line("cuối", 900)]]
    placed = _with_mark(groups, line("✓", 200))
    assert [[ln.text for ln in g] for g in placed] == [["✓"], ["cột trái"], ["cột phải"], ["cuối"]]


def test_a_table_whose_cells_wrap_is_read_row_by_row_each_cell_whole() -> None:
    # A marriage certificate's unruled table (mild-09001's own word boxes): the labels wrap
    # onto two or three lines, the addresses onto three; "Quốc tịch" and "Nơi cư trú" run
    # into their values in one Tesseract line.
    words = [
        W("Thông", 110, 612, 132, 44, block=5, line=2),
        W("Chồng", 348, 609, 133, 48, block=5, line=2),
        W("Vợ", 1333, 614, 58, 40, block=5, line=2),
        W("tin", 110, 667, 57, 34, block=5, line=3),
        W("Họ, chữ", 113, 755, 155, 41, block=5, line=4),
        W("Phạm", 350, 755, 111, 41, block=5, line=4),
        W("Mạnh", 478, 755, 110, 41, block=5, line=4),
        W("Tiến", 602, 752, 83, 37, block=5, line=4),
        W("Phạm", 1336, 755, 110, 41, block=5, line=4),
        W("Thanh", 1461, 755, 124, 34, block=5, line=4),
        W("Oanh", 1602, 755, 105, 33, block=5, line=4),
        W("đệm,", 111, 809, 98, 42, block=5, line=5),
        W("tên", 223, 809, 64, 34, block=5, line=5),
        W("Ngày,", 113, 893, 109, 53, block=5, line=6),
        W("21/08/1979", 348, 900, 225, 31, block=5, line=6),
        W("01/03/1993", 1334, 900, 226, 31, block=5, line=6),
        W("tháng,", 110, 952, 127, 45, block=5, line=7),
        W("năm", 113, 1008, 85, 33, block=5, line=8),
        W("sinh", 213, 1008, 81, 33, block=5, line=8),
        W("Dân tộc", 113, 1095, 151, 42, block=5, line=9),
        W("Mường", 350, 1095, 141, 45, block=5, line=9),
        W("Dao", 1336, 1098, 75, 31, block=5, line=9),
        W("Quốc", 112, 1181, 103, 43, block=5, line=10),
        W("tịch", 228, 1184, 70, 40, block=5, line=10),
        W("Việt", 346, 1183, 77, 41, block=5, line=10),
        W("Nam", 438, 1186, 90, 31, block=5, line=10),
        W("Việt", 1333, 1183, 75, 41, block=5, line=10),
        W("Nam", 1423, 1186, 92, 31, block=5, line=10),
        W("Nơi", 113, 1272, 64, 33, block=5, line=11),
        W("cư", 193, 1277, 49, 28, block=5, line=11),
        W("trú", 253, 1271, 56, 34, block=5, line=11),
        W("Số", 348, 1269, 46, 36, block=5, line=11),
        W("23,", 408, 1274, 57, 36, block=5, line=11),
        W("ngõ", 482, 1272, 74, 44, block=5, line=11),
        W("220,", 571, 1274, 81, 37, block=5, line=11),
        W("phố", 669, 1269, 74, 47, block=5, line=11),
        W("Nguyễn", 760, 1266, 151, 50, block=5, line=11),
        W("Thị", 926, 1272, 59, 40, block=5, line=11),
        W("Minh", 1002, 1272, 97, 33, block=5, line=11),
        W("Khai,", 1117, 1272, 93, 39, block=5, line=11),
        W("Số", 1334, 1269, 46, 36, block=5, line=11),
        W("200,", 1395, 1274, 80, 37, block=5, line=11),
        W("đường", 1492, 1271, 130, 45, block=5, line=11),
        W("Lê", 1639, 1271, 42, 34, block=5, line=11),
        W("Lợi,", 1697, 1272, 66, 53, block=5, line=11),
        W("phường", 1780, 1271, 155, 45, block=5, line=11),
        W("Trần", 1950, 1269, 86, 36, block=5, line=11),
        W("phường", 349, 1326, 155, 44, block=5, line=12),
        W("Bến", 523, 1324, 72, 36, block=5, line=12),
        W("Nghé,", 613, 1326, 115, 44, block=5, line=12),
        W("quận", 744, 1326, 99, 44, block=5, line=12),
        W("Gò", 859, 1326, 53, 34, block=5, line=12),
        W("Vấp,", 925, 1324, 84, 46, block=5, line=12),
        W("thành", 1024, 1326, 116, 34, block=5, line=12),
        W("phố", 1157, 1323, 75, 47, block=5, line=12),
        W("Hưng", 1336, 1328, 107, 42, block=5, line=12),
        W("Đạo,", 1459, 1328, 89, 39, block=5, line=12),
        W("huyện", 1565, 1326, 120, 44, block=5, line=12),
        W("Y", 1689, 1320, 19, 55, block=5, line=12),
        W("Yên,", 1735, 1326, 80, 39, block=5, line=12),
        W("tỉnh", 1831, 1324, 76, 36, block=5, line=12),
        W("Nam", 1925, 1328, 90, 32, block=5, line=12),
        W("Hồ", 350, 1378, 52, 36, block=5, line=13),
        W("Chí", 418, 1380, 63, 34, block=5, line=13),
        W("Minh", 496, 1381, 96, 33, block=5, line=13),
        W("Định", 1334, 1381, 91, 41, block=5, line=13),
        W("Số", 111, 1466, 46, 36, block=5, line=14),
        W("định", 172, 1469, 86, 41, block=5, line=14),
        W("037079088267", 348, 1471, 292, 31, block=5, line=14),
        W("020193771133", 1334, 1471, 291, 31, block=5, line=14),
        W("danh", 111, 1524, 99, 33, block=5, line=15),
        W("cá", 227, 1523, 40, 34, block=5, line=15),
        W("nhân", 113, 1578, 97, 34, block=5, line=16),
    ]
    assert reading_order_text(words).splitlines() == [
        "Thông tin Chồng Vợ",
        "Họ, chữ đệm, tên Phạm Mạnh Tiến Phạm Thanh Oanh",
        "Ngày, tháng, năm sinh 21/08/1979 01/03/1993",
        "Dân tộc Mường Dao",
        "Quốc tịch Việt Nam Việt Nam",
        "Nơi cư trú Số 23, ngõ 220, phố Nguyễn Thị Minh Khai, phường Bến Nghé, quận Gò Vấp,"
        " thành phố Hồ Chí Minh Số 200, đường Lê Lợi, phường Trần Hưng Đạo, huyện Y Yên,"
        " tỉnh Nam Định",
        "Số định danh cá nhân 037079088267 020193771133",
    ]


def test_a_word_run_into_the_line_below_does_not_put_that_line_first() -> None:
    # The agency's two header lines of a grey JPEG (grey_jpeg-7006): Tesseract ran "TƯ" into
    # the rule under the block, a box 66 px high on a line of 26. The first line then
    # reached below the top of the second, and the second was read before it.
    words = [
        W("SỞ", 136, 98, 32, 26, line=1),
        W("KẾ", 175, 99, 31, 46, line=1),
        W("HOẠCH VÀ", 214, 100, 124, 28, line=1),
        W("ĐẦU", 352, 99, 39, 25, line=1),
        W("TƯ", 407, 94, 28, 66, confidence=61, line=1),
        W("TỈNH THANH HÓA", 442, 98, 220, 26, line=1),
        W("PHÒNG", 131, 146, 126, 26, line=2),
        W("ĐĂNG", 267, 139, 101, 33, line=2),
        W("KÝ", 378, 139, 48, 33, line=2),
        W("KINH", 434, 146, 92, 26, line=2),
        W("DOANH", 535, 146, 130, 26, line=2),
        W("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 775, 103, 870, 48, line=1),
        W("Độc lập - Tự do - Hạnh phúc", 908, 176, 600, 44, line=3),
    ]
    assert _flat(words) == (
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ TỈNH THANH HÓA PHÒNG ĐĂNG KÝ KINH DOANH "
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc"
    )


LEAFLET_LEFT = [
    "1. Đối tượng áp dụng",
    "Công dân có chỗ ở hợp pháp thuộc",
    "quyền sở hữu của mình.",
    "2. Thành phần hồ sơ",
    "a) Tờ khai thay đổi thông tin cư trú;",
    "b) Giấy tờ chứng minh chỗ ở hợp pháp.",
]
LEAFLET_RIGHT = [
    "4. Thời hạn giải quyết",
    "Trong thời hạn 07 ngày làm việc kể",
    "từ ngày nhận đủ hồ sơ hợp lệ.",
    "5. Lệ phí",
    "20.000 đồng/lần đăng ký khi nộp",
    "trực tiếp; 10.000 đồng trực tuyến.",
]


def test_two_columns_of_running_text_are_read_column_after_column() -> None:
    """A leaflet in two columns whose sections end level (the gap across both is wider than
    the gutter between them), with the thin rule between the columns read as "..", "._"."""
    left, right = LEAFLET_LEFT, LEAFLET_RIGHT
    # Two sections a column, each of three lines, left-aligned; the gap between sections
    # (220 px) is wider than the gutter (50 px, under two line heights).
    tops = [100, 150, 200, 450, 500, 550]
    lines = [(t, 100, y) for t, y in zip(left, tops, strict=True)]
    lines += [(t, 964, y) for t, y in zip(right, tops, strict=True)]
    words = [_line(t, x, y, 22 * len(t), i) for i, (t, x, y) in enumerate(lines, 1)]
    words += [W("..", 936, 160, 4, 40, 70.0, 30), W("._", 936, 510, 4, 40, 70.0, 31)]
    assert _flat(words) == " ".join(left + right)


def test_two_columns_under_a_title_are_read_column_after_column() -> None:
    """The same leaflet under its title and a line across the page: the gap between the
    sections, level in both columns, is wider than the one under the title, and cutting
    there first would read the sections across (1, 4, 2, 5)."""
    title = ["HƯỚNG DẪN THỦ TỤC ĐĂNG KÝ THƯỜNG TRÚ", "(Áp dụng đối với công dân Việt Nam)"]
    left = [*LEAFLET_LEFT, "c) Giấy tờ về quan hệ nhân thân", "với chủ hộ khi về ở với người thân."]
    right = [
        *LEAFLET_RIGHT,
        "Miễn lệ phí cho người có công với",
        "cách mạng và trẻ em dưới 16 tuổi.",
    ]
    footer = ["Nơi tiếp nhận: Bộ phận Một cửa UBND phường, 12 Lê Lợi"]
    tops = [200, 250, 300, 450, 500, 550, 600, 650]
    lines = [(t, 300, y) for t, y in zip(title, (20, 80), strict=True)]
    lines += [(t, 100, y) for t, y in zip(left, tops, strict=True)]
    lines += [(t, 964, y) for t, y in zip(right, tops, strict=True)]
    lines += [(footer[0], 100, 800)]
    words = [_line(t, x, y, 22 * len(t), i) for i, (t, x, y) in enumerate(lines, 1)]
    assert _flat(words) == " ".join(title + left + right + footer)
