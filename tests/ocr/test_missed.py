"""The second pass over print Tesseract's layout skipped (``ocr.missed``), against the real
Tesseract where it reads."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import replace

import numpy as np
import pypdf
from PIL import Image, ImageDraw

import ocr.tesseract as tesseract
from ocr.missed import Region, bounds, isolate, missed_regions
from ocr.pdf import overlay_text_pdf
from tests.ocr.test_tesseract import LINES, lines_image


def _first_pass() -> tesseract.Recognition:
    return tesseract.recognize(lines_image(), lang="vie", dpi=300, second_pass=False)


def test_finds_the_line_no_word_covers() -> None:
    words = _first_pass().words
    second = [w for w in words if 150 < w.top < 300]  # pretend the layout skipped line 2
    kept = tuple(w for w in words if w not in second)
    regions = missed_regions(lines_image(), kept)
    assert regions, "the unread line must be found"
    top = min(r.top for r in regions)
    bottom = max(r.top + r.height for r in regions)
    assert top <= min(w.top for w in second) and bottom >= max(w.top + w.height for w in second)
    # Nothing is found where every line was read.
    assert missed_regions(lines_image(), words) == []


def test_a_scrap_read_over_a_line_does_not_hide_it() -> None:
    words = _first_pass().words
    second = [w for w in words if 150 < w.top < 300]
    kept = tuple(w for w in words if w not in second)
    # The first pass read the whole line as one doubtful stroke, as it does under a signature.
    left, top = min(w.left for w in second), min(w.top for w in second)
    right = max(w.left + w.width for w in second)
    bottom = max(w.top + w.height for w in second)
    scrap = replace(
        second[0],
        text="~",
        left=left,
        top=top,
        width=right - left,
        height=bottom - top,
        confidence=20.0,
    )
    regions = missed_regions(lines_image(), (*kept, scrap))
    assert regions and min(r.top for r in regions) <= top
    assert max(r.top + r.height for r in regions) >= bottom


def test_isolating_paints_out_what_the_first_pass_read() -> None:
    words = _first_pass().words
    kept = tuple(w for w in words if not 150 < w.top < 260)  # line 2 skipped
    h, w = lines_image().shape
    out = isolate(lines_image(), [Region(0, 0, w, h, 99)], kept)
    assert out[:150].min() > 200 and out[260:].min() > 200  # read: not read twice
    assert out[150:260].min() < 80  # the skipped line stays


def test_second_pass_reads_the_skipped_line_in_page_coordinates() -> None:
    words = _first_pass().words
    kept = tuple(w for w in words if not 150 < w.top < 300)
    regions = missed_regions(lines_image(), kept)
    x0, y0, x1, y1 = bounds(regions)
    part = isolate(lines_image(), regions, kept)[y0:y1, x0:x1]
    _, more, _ = tesseract._read(part, "vie", 11, 60, 300, ())
    found = [w for w in more if w.text == "001321012345"]
    assert len(found) == 1 and 150 < found[0].top + y0 < 300
    text = unicodedata.normalize("NFC", " ".join(w.text for w in more))
    assert LINES[0] not in text  # only the isolated line is read again


def test_pen_strokes_are_not_taken_for_missed_print() -> None:
    img = Image.fromarray(lines_image().copy())
    draw = ImageDraw.Draw(img)
    pts = [(1500 + 12 * i, 80 + (200 if i % 2 else 0)) for i in range(30)]
    draw.line(pts, fill=0, width=6)  # a scribble three lines high over empty paper
    page = np.asarray(img)
    words = _first_pass().words
    for r in missed_regions(page, words):
        assert r.left + r.width < 1500 or r.left > 1500 + 12 * 30


def test_overlaid_text_pdf_carries_both_passes() -> None:
    image = lines_image()
    top = image.copy()
    top[150:, :] = 255
    bottom = image.copy()
    bottom[:150, :] = 255
    a = tesseract.recognize(top, dpi=300, second_pass=False).text_only_pdf
    b = tesseract.recognize(bottom, dpi=300, second_pass=False).text_only_pdf
    merged = pypdf.PdfReader(io.BytesIO(overlay_text_pdf(a, b)))
    assert len(merged.pages) == 1
    text = unicodedata.normalize("NFC", merged.pages[0].extract_text())
    assert "Nguyễn" in text and "001321012345" in text
    assert overlay_text_pdf(a, b"") == a


def test_a_lone_number_in_a_table_cell_is_missed_print_and_read_words_are_not() -> None:
    from ocr.missed import missed_cells
    from ocr.tables import Grid
    from tests.ocr.test_tesseract import W

    page = np.full((400, 900), 245, np.uint8)
    grid = Grid(xs=(50, 200, 850), ys=(50, 150, 250, 350))  # its rules already painted out
    page[85:115, 120:135] = 20  # "1", alone in its cell: never read
    page[185:215, 120:135] = 20  # "2", read
    page[85:115, 300:600] = 20  # a name, read
    page[285:289, 300:320] = 20  # a speck: no letter
    title = [
        W(t, 50 + 120 * i, 8, 100, 34)
        for i, t in enumerate(["Danh", "sách", "thành", "viên", "hộ"])
    ]
    words = [*title, W("2", 118, 183, 20, 34), W("Nguyễn Văn An", 298, 83, 305, 34)]
    cells = missed_cells(page, words, [grid])
    assert len(cells) == 1
    cell = cells[0]
    assert (
        cell.left < 120
        and cell.left + cell.width > 135
        and cell.top < 85 < 115 < cell.top + cell.height
    )
    assert cell.left >= 50 and cell.left + cell.width <= 200  # inside the cell's rules
    assert missed_cells(page, words, []) == []


def test_a_line_under_a_seals_faint_ring_is_found_and_read_whole() -> None:
    # What is left of a lifted seal: the faint grey arc of its ring runs along the skipped
    # line (as along a signer's name) and joins its letters into one blob wider than a word.
    ring = Image.new("L", lines_image().shape[::-1], 255)
    ImageDraw.Draw(ring).ellipse((-1500, -3800, 2500, 205), outline=140, width=7)
    page = np.minimum(lines_image(), np.asarray(ring))
    words = _first_pass().words
    kept = tuple(w for w in words if not 150 < w.top < 260)
    regions = missed_regions(page, kept)
    assert len(regions) == 1, "the whole line is one missed place"
    x0, y0, x1, y1 = bounds(regions)
    assert x0 <= 80 and x1 >= 900
    out = isolate(page, regions, kept)
    letters = page[150:260] < 80
    assert np.count_nonzero(letters & (out[150:260] < 80)) > 0.95 * np.count_nonzero(letters)
    _, more, _ = tesseract._read(out[y0:y1, x0:x1], "vie", 11, 60, 300, ())
    text = unicodedata.normalize("NFC", " ".join(w.text for w in more))
    assert "định danh cá nhân" in text and "001321012345" in text
