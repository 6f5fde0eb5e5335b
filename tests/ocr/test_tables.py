"""Ruled tables (``ocr.tables``): found when their rules are faint and blurred, painted out
before recognition, and read row by row by the real Tesseract."""

from __future__ import annotations

import functools
import re
import unicodedata

import cv2
import numpy as np
from PIL import Image, ImageDraw

import ocr.tesseract as tesseract
from ocr.reading_order import reading_order_text
from ocr.synthetic.fonts import families
from ocr.tables import Grid, erase_lone_rules, erase_rules, find_rules, find_tables
from tests.ocr.test_tesseract import W

ROWS = (
    ("STT", "Họ, chữ đệm và tên", "Số định danh cá nhân"),
    ("1", "Nguyễn Đình Lợi", "036094527805"),
    ("2", "Nguyễn Gia Quốc Quân", "048071261274"),
    ("3", "Võ Mỹ Nhi", "048307975360"),
)
COLS = (120, 260, 1060, 1700)
ROW_YS = (300, 390, 480, 570, 660)


@functools.lru_cache(maxsize=1)
def table_page() -> np.ndarray:
    """A household table as a blurred 150 dpi scan shows it after upscaling: paper at 240,
    print near black, and hairline rules that blur out to a grey of about 170."""
    font = families()[0][0].get("regular", 40)
    img = Image.new("L", (1800, 900), 240)
    draw = ImageDraw.Draw(img)
    draw.text((120, 150), "Thông tin về các thành viên trong hộ gia đình:", font=font, fill=20)
    for y in ROW_YS:
        draw.line([(COLS[0], y), (COLS[-1], y)], fill=150, width=2)
    for x in COLS:
        draw.line([(x, ROW_YS[0]), (x, ROW_YS[-1])], fill=150, width=2)
    for r, row in enumerate(ROWS):
        for c, cell in enumerate(row):
            draw.text((COLS[c] + 14, ROW_YS[r] + 22), cell, font=font, fill=20)
    return cv2.GaussianBlur(np.asarray(img), (0, 0), 1.6)


def test_faint_blurred_rules_are_found_as_a_grid() -> None:
    page = table_page()
    rule = page[ROW_YS[2] - 3 : ROW_YS[2] + 4, 700].min()
    level, _ = cv2.threshold(page, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    assert rule > level, "a page-wide threshold must not see these rules as ink"
    grids = find_tables(page)
    assert len(grids) == 1
    grid = grids[0]
    assert len(grid.xs) == len(COLS) and len(grid.ys) == len(ROW_YS)
    assert all(abs(a - b) <= 4 for a, b in zip(grid.xs, COLS, strict=True))
    assert all(abs(a - b) <= 4 for a, b in zip(grid.ys, ROW_YS, strict=True))


def test_erasing_paints_out_the_rules_and_keeps_the_print() -> None:
    page = table_page()
    grids = find_tables(page)
    clean = erase_rules(page, grids)
    assert clean.shape == page.shape and clean is not page
    # Every rule is gone, along its whole length, away from the letters.
    for y in ROW_YS:
        assert clean[y - 4 : y + 5, COLS[0] + 2 : COLS[1] - 2].min() > 215
    for x in COLS:
        assert clean[ROW_YS[1] + 5 : ROW_YS[1] + 15, x - 4 : x + 5].min() > 215
    # The print in the cells and above the table is untouched.
    cell = (slice(ROW_YS[1] + 15, ROW_YS[2] - 15), slice(COLS[2] + 10, COLS[3] - 10))
    assert np.array_equal(clean[cell], page[cell]) and page[cell].min() < 80
    assert np.array_equal(clean[:250], page[:250])
    # A page without a table is handed back as it is.
    assert erase_rules(page, []) is page


def test_a_ruled_table_is_read_row_by_row() -> None:
    text = unicodedata.normalize("NFC", tesseract.recognize(table_page(), dpi=300).text)
    flat = " ".join(text.split())
    for row in ROWS[1:]:
        assert " ".join(row) in flat, f"row {row} not read whole, in order: {flat!r}"
    ids = re.findall(r"\d{12}", flat)
    assert ids == [row[2] for row in ROWS[1:]]


def test_a_fold_across_a_framed_table_is_not_a_rule() -> None:
    # A crease runs dark across the whole sheet, through the second row's print: the row
    # stays one row, and the table keeps its real rules.
    page = table_page().copy()
    fold = (ROW_YS[1] + ROW_YS[2]) // 2
    page[fold - 1 : fold + 2, :] = 150
    grids = find_tables(page)
    assert len(grids) == 1
    assert len(grids[0].ys) == len(ROW_YS)
    assert all(abs(a - b) <= 4 for a, b in zip(grids[0].ys, ROW_YS, strict=True))


def test_a_line_running_over_a_cell_rule_is_read_cell_by_cell() -> None:
    # Tesseract joins two cells' lines into one when the gap at the rule is no wider than
    # a word gap; each cell's lines must still be read together.
    grid = Grid(xs=(100, 400, 1200, 2000), ys=(100, 200, 400))
    words = [
        W("Thông", 120, 130, 100),
        W("tin", 230, 130, 60),
        W("Chồng", 420, 130, 120),
        W("Vợ", 1220, 130, 60),
        W("Nơi", 120, 230, 80),
        W("cư", 210, 230, 50),
        W("trú", 270, 230, 60),
        # One line for Tesseract, across the rule at x = 1200.
        W("Thôn", 420, 230, 100, line=2),
        W("Đông,", 530, 230, 120, line=2),
        W("thành", 660, 230, 120, line=2),
        W("phố", 790, 230, 80, line=2),
        W("Vinh,", 880, 230, 100, line=2),
        W("Bản", 1220, 230, 90, line=2),
        W("Đông,", 1320, 230, 120, line=2),
        W("quận", 1450, 230, 110, line=2),
        W("Ngô", 1570, 230, 90, line=2),
        W("Quyền,", 1670, 230, 140, line=2),
        W("tỉnh", 420, 290, 90, line=3),
        W("Nghệ", 520, 290, 110, line=3),
        W("An", 640, 290, 60, line=3),
        W("thành", 1220, 290, 120, line=3),
        W("phố", 1350, 290, 80, line=3),
        W("Hải", 1440, 290, 70, line=3),
        W("Phòng", 1520, 290, 130, line=3),
    ]
    rows = reading_order_text(words, [grid]).splitlines()
    assert rows == [
        "Thông tin Chồng Vợ",
        "Nơi cư trú Thôn Đông, thành phố Vinh, tỉnh Nghệ An "
        "Bản Đông, quận Ngô Quyền, thành phố Hải Phòng",
    ]


def test_a_box_stamp_on_a_table_adds_no_column_and_a_broken_rule_stays() -> None:
    page = table_page().copy()
    # A box stamp ("SAO Y BẢN CHÍNH") pressed a little askew over the name column: its
    # left edge stands from the middle of the third row to the table's last rule.
    box = ((500, 525), (900, 525), (900, 660), (500, 660))
    turn = cv2.getRotationMatrix2D((700.0, 590.0), 4.0, 1.0)
    corners = cv2.transform(np.array([box], np.float32), turn).round().astype(np.int32)
    cv2.polylines(page, corners, True, 150, 3)
    # Faint rules of a poor scan break off: one inside is lost down to the middle of the
    # second row, and the frame's top over the first columns, into the third.
    page[: (ROW_YS[1] + ROW_YS[2]) // 2, COLS[2] - 4 : COLS[2] + 5] = 240
    page[ROW_YS[0] - 4 : ROW_YS[0] + 5, : COLS[2] + 200] = 240
    grids = find_tables(page)
    assert len(grids) == 1
    assert all(abs(a - b) <= 4 for a, b in zip(grids[0].xs, COLS, strict=True))
    assert len(grids[0].xs) == len(COLS)
    assert all(abs(a - b) <= 4 for a, b in zip(grids[0].ys, ROW_YS, strict=True))


def test_a_table_a_little_askew_on_two_facing_pages_keeps_every_row() -> None:
    # The right-hand page of a certificate scanned open beside its left page: the image is
    # twice as wide as the page, and the page lies 0.4 degrees askew (deskewing the spread
    # as a whole straightens neither page exactly).
    page = table_page()
    spread = np.full((1800, 3800), 240, np.uint8)
    spread[400:1300, 1950:3750] = page
    turn = cv2.getRotationMatrix2D((2850, 850), 0.4, 1.0)
    spread = cv2.warpAffine(spread, turn, (3800, 1800), borderValue=240)
    grids = find_tables(spread)
    assert len(grids) == 1
    assert len(grids[0].xs) == len(COLS) and len(grids[0].ys) == len(ROW_YS)


def test_a_table_askew_keeps_its_frame_and_every_rule() -> None:
    # Left 0.7 degrees askew by a copier's feed: each rule drifts across several pixel rows
    # or columns, and the rules across meet it anywhere along that drift.
    page = np.full((1400, 2000), 240, np.uint8)
    page[200:1100, 100:1900] = table_page()
    turn = cv2.getRotationMatrix2D((1000, 650), 0.7, 1.0)
    grids = find_tables(cv2.warpAffine(page, turn, (2000, 1400), borderValue=240))
    assert len(grids) == 1
    assert len(grids[0].xs) == len(COLS) and len(grids[0].ys) == len(ROW_YS)


def test_a_frame_whose_top_rule_is_lost_keeps_its_sides() -> None:
    # At 150 dpi the frame's top rule can fade out of reach; the sides then run a row past
    # the first rule found, where a fold would run on across the page.
    page = table_page().copy()
    page[ROW_YS[0] - 6 : ROW_YS[0] + 7, COLS[0] + 6 : COLS[-1] - 6] = 240
    grids = find_tables(page)
    assert len(grids) == 1
    assert len(grids[0].xs) == len(COLS)
    assert all(abs(a - b) <= 4 for a, b in zip(grids[0].xs, COLS, strict=True))


def test_a_rule_whose_ends_the_papers_curve_bent_away_still_parts_two_rows() -> None:
    # A booklet photographed open: near its edges the paper curves, and a rule's ends bend
    # off the straight run found, short of the frame on both sides. The two rows it parts
    # were read as one, their cells interleaved ("3 4 Lý Quốc Việt Khải Nguyễn Đình...").
    page = table_page().copy()
    y = ROW_YS[2]
    for x0, x1, y0, y1 in (
        (COLS[0], COLS[0] + 70, y + 10, y),
        (COLS[-1] - 70, COLS[-1], y, y + 10),
    ):
        page[y - 6 : y + 7, x0 + 4 : x1 - 4] = 240
        cv2.line(page, (x0, y0), (x1, y1), 170, 2)
    grids = find_tables(page)
    assert len(grids) == 1
    assert len(grids[0].ys) == len(ROW_YS)
    assert all(abs(a - b) <= 12 for a, b in zip(grids[0].ys, ROW_YS, strict=True))


def test_two_copies_on_one_sheet_one_askew_keep_every_row_of_both_tables() -> None:
    # Two copies of a paper on one sheet, the left one 0.8 degree askew of the right (laid
    # by hand on the glass). Found on a copy of the sheet at half size, its rules step a
    # pixel every 70 pixels and have no straight run as long as a rule must be: its rows
    # were read as one column after another.
    page = table_page()
    sheet = np.full((1900, 3800), 240, np.uint8)
    sheet[500:1400, 50:1850] = page
    sheet[500:1400, 1950:3750] = page
    turn = cv2.getRotationMatrix2D((950, 950), 0.8, 1.0)
    sheet[:, :1900] = cv2.warpAffine(sheet[:, :1900].copy(), turn, (1900, 1900), borderValue=240)
    grids = find_tables(sheet)
    assert len(grids) == 2
    for grid in grids:
        assert len(grid.xs) == len(COLS) and len(grid.ys) == len(ROW_YS)


def _without_lone_rules(page: np.ndarray) -> np.ndarray:
    return erase_lone_rules(page, find_rules(page, 300).lone)


def test_a_faint_rule_between_two_columns_is_painted_out_and_the_print_kept() -> None:
    # A leaflet's column rule, grey and a degree off upright (a photographed page), between
    # two columns of print under a heading in large letters.
    font = families()[0][0].get("regular", 40)
    big = families()[0][0].get("bold", 120)
    img = Image.new("L", (2000, 2600), 240)
    draw = ImageDraw.Draw(img)
    draw.text((150, 100), "HƯỚNG DẪN", font=big, fill=20)
    for i in range(30):
        draw.text((120, 400 + 70 * i), "Công dân có chỗ ở hợp pháp", font=font, fill=20)
        draw.text((1060, 400 + 70 * i), "Trong thời hạn 07 ngày làm", font=font, fill=20)
    draw.line([(1010, 380), (990, 2500)], fill=170, width=3)
    page = cv2.GaussianBlur(np.asarray(img), (0, 0), 1.0)
    clean = _without_lone_rules(page)
    for y in range(400, 2480, 40):
        x = round(1010 - 20 * (y - 380) / 2120)
        assert clean[y, x - 6 : x + 7].min() > 215, y
    # Nothing else changed: the letters of both columns and the heading's tall strokes.
    assert np.array_equal(clean[:, :960], page[:, :960])
    assert np.array_equal(clean[:, 1040:], page[:, 1040:])
    # A page without such a rule is handed back as it is, and a short strip's letters are
    # no rules however tall they are on it.
    plain = page[:, :960]
    assert _without_lone_rules(plain) is plain
    strip = page[60:300]
    assert _without_lone_rules(strip) is strip
    # A fold across the lines of print is no rule: painting it out would cut their letters.
    folded = np.ascontiguousarray(plain)
    cv2.line(folded, (400, 380), (400, 2500), 170, 3)
    assert _without_lone_rules(folded) is folded
