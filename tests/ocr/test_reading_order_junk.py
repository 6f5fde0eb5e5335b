"""Which recognised words are scraps of pen strokes, and the repairs of certain misreads."""

from __future__ import annotations

from ocr.reading_order import is_junk, reading_order_text, typical_height
from ocr.textfix import fix_text
from tests.ocr.test_tesseract import W


def _page(*extra: W) -> list[W]:
    body = [
        W(t, 100 + 130 * i, 100, height=40)
        for i, t in enumerate(["Họ", "và", "tên", "người", "yêu", "cầu"])
    ]
    return body + list(extra)


def test_tall_doubtful_word_is_a_signature_but_a_sure_title_is_kept() -> None:
    typical = typical_height(_page())
    assert typical == 40
    assert is_junk(W("MV", 900, 400, 380, 165, confidence=40), typical)
    assert not is_junk(W("GIẤY", 900, 400, 300, 90, confidence=96), typical)
    assert not is_junk(W("Ngày", 900, 400, 120, 44, confidence=70), typical)
    # A signer's name with the signature running through it is tall and doubtful, yet a word.
    assert not is_junk(W("Nguyễn", 900, 400, 165, 80, confidence=67), typical)


def test_specks_far_smaller_than_the_print_are_dropped() -> None:
    typical = typical_height(_page())
    # The tail of a signature read as letters, even with confidence.
    assert is_junk(W("z", 900, 400, 9, 9, confidence=84), typical)
    assert is_junk(W("L4", 900, 400, 14, 15, confidence=55), typical)
    # Dust and a seal's scraps read as marks, sure or not.
    assert is_junk(W("#", 900, 400, 8, 9, confidence=87), typical)
    assert is_junk(W("(", 900, 400, 2, 3, confidence=76), typical)
    # Small print and punctuation stay.
    assert not is_junk(W("m2", 900, 400, 40, 22, confidence=90), typical)
    assert not is_junk(W(",", 900, 400, 6, 8, confidence=90), typical)
    assert not is_junk(W("-", 900, 400, 10, 3, confidence=90), typical)
    assert not is_junk(W("%", 900, 400, 16, 28, confidence=90), typical)


def test_stray_strokes_and_doubtful_single_marks_are_dropped() -> None:
    assert is_junk(W("\\", 0, 0, confidence=93))
    assert is_junk(W("——", 0, 0, confidence=90))
    assert is_junk(W("⁄", 0, 0, confidence=90))
    assert is_junk(W("ị", 0, 0, confidence=55))
    assert not is_junk(W("ở", 0, 0, confidence=90))
    assert not is_junk(W("-", 0, 0, confidence=90))


def test_doubtful_words_of_marks_print_does_not_use_are_dropped() -> None:
    # A signature's strokes read as half letters, half marks.
    for scrap in ("J#", "2+", "^Z", "`7\\q", "{2"):
        assert is_junk(W(scrap, 0, 0, confidence=24)), scrap
    # Alone, such a mark is no print however sure Tesseract is.
    for mark in ("#", "=", "<", "¡"):
        assert is_junk(W(mark, 0, 0, confidence=88)), mark
    # A list's numbers and letters, a starred note, a plus in a list, and a sure word stay.
    for kept in ("8)", "A.", "2.", "(Ký;"):
        assert not is_junk(W(kept, 0, 0, confidence=31)), kept
    assert not is_junk(W("*", 0, 0, confidence=93))
    assert not is_junk(W("+", 0, 0, confidence=97))
    assert not is_junk(W("J#", 0, 0, confidence=80))


def test_short_guesses_alone_on_their_line_are_dropped_but_print_on_a_line_is_kept() -> None:
    # The loops of a signature read as two short words, with no confidence, on a line of
    # their own below the signer's title.
    title = W("CHỦ", 900, 300, height=40, block=2)
    loops = [
        W("7.", 900, 380, 60, 40, confidence=14, block=3),
        W("AẺ", 990, 380, 30, 40, confidence=0, block=3),
    ]
    text = reading_order_text(_page(title, *loops))
    assert "CHỦ" in text and "AẺ" not in text and "7." not in text
    # The same doubtful word on a line of print is kept: a misread word is nearer the truth
    # than none; so is a long doubtful word alone.
    line = [W("Số", 100, 500, confidence=93, line=5), W("Nứ", 230, 500, confidence=10, line=5)]
    lone = W("NGUYÊN", 900, 600, 200, 40, confidence=12, block=4)
    text = reading_order_text(_page(*line, lone))
    assert "Số Nứ" in text and "NGUYÊN" in text


def test_marks_glued_to_a_word_are_taken_off() -> None:
    assert fix_text("~Nguyễn ¬Kiều 14/01/2019| °PHƯỜNG STT|") == (
        "Nguyễn Kiều 14/01/2019 PHƯỜNG STT"
    )
    # A degree, an e-mail, a word of marks, a number: left alone.
    for kept in ("góc 30°", "an_nguyen@gmail.com", "|", "\\.5"):
        assert fix_text(kept) == kept


def test_signature_scraps_do_not_reach_the_text() -> None:
    scrap = W("_š", 300, 200, 160, 120, confidence=11, block=2)
    name = W("Lê", 300, 360, 60, 40, block=3)
    text = reading_order_text(_page(scrap, name))
    assert "_š" not in text and "Lê" in text and text.startswith("Họ và tên")


def test_dates_with_misread_slashes_are_repaired() -> None:
    assert fix_text("Có giá trị đến: 22I01I2046") == "Có giá trị đến: 22/01/2046"
    assert fix_text("ngày 03J07|2024.") == "ngày 03/07/2024."
    # Not a date, or already right: left alone.
    assert fix_text("ĐT 0912I34I5678") == "ĐT 0912I34I5678"
    assert fix_text("33I01I2020 and 12/05/2020") == "33I01I2020 and 12/05/2020"


def test_words_chained_by_a_ruled_line_are_parted() -> None:
    text = "Không bị cấm đảm nhiệm chức vụ; thành-lập,-quản-lý-doanh-nghiệp;-hợp-tác-xã:"
    assert fix_text(text) == (
        "Không bị cấm đảm nhiệm chức vụ; thành lập, quản lý doanh nghiệp; hợp tác xã:"
    )
    for kept in ("Bà Rịa-Vũng Tàu", "ngày 06-10-1972", "số 12-GP/UBND", "Độc lập - Tự do"):
        assert fix_text(kept) == kept


def test_roman_section_numbers_read_as_backslashes_are_repaired() -> None:
    text = "\\. BÊN ỦY QUYỀN\nHọ tên: An\n\\\\. BÊN ĐƯỢC ỦY QUYỀN\n\\\\\\. NỘI DUNG\n\\V. THỜI HẠN"
    assert fix_text(text) == (
        "I. BÊN ỦY QUYỀN\nHọ tên: An\nII. BÊN ĐƯỢC ỦY QUYỀN\nIII. NỘI DUNG\nIV. THỜI HẠN"
    )
    # Not at the head of a line, not a number once repaired, or already right: left alone.
    for kept in ("Số \\. 12", "\\\\\\\\. BÊN", "VI. Sáu", "C:\\. x", "\\.5"):
        assert fix_text(kept) == kept


def test_section_numbers_read_a_stroke_short_are_repaired_by_their_place_in_the_count() -> None:
    read = "I. BÊN ỦY QUYỀN\nHọ tên: An\nI. BÊN ĐƯỢC ỦY QUYỀN\nII. NỘI DUNG\nIV. THỜI HẠN"
    assert fix_text(read) == (
        "I. BÊN ỦY QUYỀN\nHọ tên: An\nII. BÊN ĐƯỢC ỦY QUYỀN\nIII. NỘI DUNG\nIV. THỜI HẠN"
    )
    assert fix_text("I. Người sử dụng đất\nH. Thửa đất") == "I. Người sử dụng đất\nII. Thửa đất"
    assert fix_text("I. Bên A\nII. Bên B\nHI. Nội dung") == "I. Bên A\nII. Bên B\nIII. Nội dung"
    # Nothing before it to count from, a count that starts again, a number that is no stroke
    # away from the next one, Arabic numbers: left alone.
    for kept in ("H. Nguyễn Văn An\nI. Bên A", "I. A\nII. B\nI. C", "I. A\nV. B", "1. A\n1. B"):
        assert fix_text(kept) == kept


def test_the_signers_authority_is_repaired_before_a_title_in_capitals() -> None:
    assert fix_text("KT: GIÁM ĐỐC\nPHÓ GIÁM ĐỐC") == "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    assert fix_text("„KT.CHỦ TỊCH") == "KT. CHỦ TỊCH"
    assert fix_text("TM:ỦY BAN NHÂN DÂN") == "TM. ỦY BAN NHÂN DÂN"
    assert fix_text("1M. ỦY BAN NHÂN DÂN") == "TM. ỦY BAN NHÂN DÂN"
    # Not before a title in capitals, not at the head of a line, or another word: left alone.
    for kept in ("TM: Nguyễn Văn An", "Số KT: GIÁM", "KTX: KHU A", "KT. GIÁM ĐỐC"):
        assert fix_text(kept) == kept


def test_upright_words_down_the_margin_are_not_text() -> None:
    # hard-09008: the page's edge read as one "line" of words stacked one under another.
    upright = [
        W(t, 2906, top, 39, h, confidence=c, block=13)
        for t, top, h, c in (("EEWENH", 3561, 98, 19), ("TC", 3684, 30, 59), ("1", 3857, 17, 92))
    ]
    upright += [W("XÃ", 2906, 3957, 39, 50, confidence=37, block=13)]
    text = reading_order_text(_page(*upright))
    assert text == "Họ và tên người yêu cầu"
