"""Which PDF text can stand in for OCR (``ocr.textlayer``)."""

from __future__ import annotations

import unicodedata

from ocr.textlayer import own_text

PAPER = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\r\n"
    "Độc lập - Tự do - Hạnh phúc\r\n"
    "GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH\r\n"
    "Số: 01E8012345   ngày 12/3/2024\r\n\r\n"
    "Chủ hộ kinh doanh: NGUYỄN THỊ HƯỜNG, số định danh cá nhân 001185012345\r\n"
    "Địa điểm kinh doanh: số 8 phố Duy Tân, phường Dịch Vọng Hậu, quận Cầu Giấy, TP Hà Nội\r\n"
    "UBND quận Cầu Giấy - Phòng Tài chính - Kế hoạch"
)


def test_unicode_text_of_a_paper_is_taken_tidied() -> None:
    text = own_text(PAPER)
    assert text is not None
    lines = text.split("\n")
    assert lines[0] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and len(lines) == 7  # no blank line
    assert "Số: 01E8012345 ngày 12/3/2024" in lines  # one space between words
    assert "001185012345" in text


def test_decomposed_diacritics_come_back_composed() -> None:
    # Some PDF makers write a letter and its marks apart: searches type them composed.
    text = own_text(unicodedata.normalize("NFD", PAPER))
    assert text == own_text(PAPER) and "HƯỜNG" in (text or "")


def test_old_8_bit_vietnamese_fonts_are_read_by_ocr() -> None:
    # The same lines typed in TCVN3 (.VnTime) and in VNI fonts, as their PDFs give them back.
    tcvn3 = (
        "Céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\n"
        "GiÊy chøng nhËn ®¨ng ký hé kinh doanh\nChñ hé kinh doanh: NguyÔn ThÞ H­êng"
    )
    vni = (
        "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc\n"
        "Giaáy chöùng nhaän ñaêng kyù hoä kinh doanh\nChuû hoä kinh doanh: Nguyeãn Thò Höôøng"
    )
    assert own_text(tcvn3) is None
    assert own_text(vni) is None


def test_text_from_a_font_without_a_unicode_map_is_read_by_ocr() -> None:
    shifted = "".join(chr(ord(c) + 1) if c.isascii() and c.isalpha() else c for c in PAPER)
    assert own_text(shifted) is None  # "Dpoh ipb yb ipj" ...
    codes = PAPER.replace("ư", "\x03").replace("ạ", "\ufffd").replace("ệ", "\ue01a")
    assert own_text(codes) is None


def test_a_page_with_a_few_words_is_read_by_ocr() -> None:
    # A scanner's footer on a scanned page, or a page number: the page is its picture.
    assert own_text("Trang 1/3") is None
    assert own_text("Quét bởi máy quét Canon") is None
    assert own_text("") is None
