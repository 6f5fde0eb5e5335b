"""Creases: a fold's line through the print is found and redrawn as paper, printed rules are
left alone, and a folded page whose crease Tesseract took for a column rule reads whole."""

from __future__ import annotations

import functools

import cv2
import numpy as np

from ocr.pipeline import OcrOptions, read_page
from ocr.prepare import PrepareOptions, prepare_page
from ocr.prepare.creases import find_creases, remove_creases
from ocr.prepare.measure import to_grey
from ocr.synthetic import Specimen, render_master
from tests.utils.text import cer


@functools.lru_cache(maxsize=2)
def specimen(seed: int = 3) -> Specimen:
    return render_master(seed, "giay_chung_nhan_dang_ky_ho_kinh_doanh")


def clean(seed: int = 3) -> np.ndarray:
    return to_grey(np.asarray(specimen(seed).image))


def creased(image: np.ndarray, x: int | None = None, y: int | None = None) -> np.ndarray:
    """``image`` folded at column ``x`` or row ``y``: a thin line at 55 % of what it crosses,
    from edge to edge, with the paper shaded a little on one side of it."""
    out = image.astype(np.float32)
    for pos, axis in ((x, 1), (y, 0)):
        if pos is None:
            continue
        d = np.arange(image.shape[axis], dtype=np.float32) - pos
        profile = (1 - 0.45 * np.exp(-((d / 1.5) ** 2))) * (
            1 - 0.12 * np.exp(-((d / 40) ** 2)) * (d > 0)
        )
        out *= profile[None, :] if axis == 1 else profile[:, None]
    return out.clip(0, 255).astype(np.uint8)


def print_box(page: np.ndarray) -> tuple[int, int, int, int]:
    rows = np.flatnonzero((page < 128).any(axis=1))
    cols = np.flatnonzero((page < 128).any(axis=0))
    return int(cols[0]), int(rows[0]), int(cols[-1]), int(rows[-1])


def test_a_fold_down_or_across_the_page_is_found_where_it_is() -> None:
    page = clean()
    h, w = page.shape
    box = print_box(page)
    assert find_creases(page, 300, box) == []
    down = find_creases(creased(page, x=w // 2 + 7), 300, box)
    assert len(down) == 1 and down[0].vertical
    assert abs(down[0].start[0] - (w // 2 + 7)) <= 2 and abs(down[0].end[0] - (w // 2 + 7)) <= 2
    row = (box[1] + box[3]) // 2 + 5  # through the print, between or across its lines
    across = find_creases(creased(page, y=row), 300, box)
    assert len(across) == 1 and not across[0].vertical
    assert abs(across[0].start[1] - row) <= 2 and abs(across[0].end[1] - row) <= 2


def test_printed_rules_are_not_creases() -> None:
    """A rule down a table, a heading's underline and a border round the print are as
    straight and as long, but stop at the print or lie outside it."""
    page = clean().copy()
    left, top, right, bottom = print_box(page)
    page[top:bottom, (left + right) // 2 : (left + right) // 2 + 3] = 110  # a column rule
    page[(top + bottom) // 2 : (top + bottom) // 2 + 3, left:right] = 110  # a long underline
    cv2.rectangle(page, (left - 60, top - 60), (right + 60, bottom + 60), 90, 4)  # a border
    assert find_creases(page, 300, (left, top, right, bottom)) == []


def test_removal_clears_the_crease_from_the_paper_and_keeps_the_letters_on_it() -> None:
    page = clean()
    w = page.shape[1]
    x = w // 2 + 7
    folded = creased(page, x=x)
    res = remove_creases(folded, 300, print_box(page))
    assert len(res.creases) == 1
    band = slice(x - 2, x + 3)
    paper = page[:, band].min(axis=1) > 230
    assert np.median(folded[:, band].min(axis=1)[paper]) < 150
    assert np.median(res.grey[:, band].min(axis=1)[paper]) > 215
    # The strokes of the letters the crease crosses are still ink.
    ink = page[:, band] < 80
    assert ink.sum() > 200
    assert np.mean(res.grey[:, band][ink] < 128) > 0.95
    # Away from the crease nothing changed; a page without one is handed back as it is.
    assert np.array_equal(res.grey[:, : x - 12], folded[:, : x - 12])
    assert remove_creases(page, 300, print_box(page)).grey is page


def photographed_folded(seed: int) -> np.ndarray:
    """The folded page scanned at 150 dpi, 3 degrees askew: the crease then is not a
    scanner's streak down the image's columns, and deskew turns it upright."""
    page = clean(seed)
    h, w = page.shape
    folded = creased(page, x=w // 2 + 7)
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), 3.0, 1.0)
    skewed = cv2.warpAffine(folded, turn, (w, h), borderValue=240)
    return cv2.resize(skewed, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)


def test_the_pipeline_records_the_crease() -> None:
    prepared = prepare_page(photographed_folded(3), 150, PrepareOptions())
    step = next(s for s in prepared.steps if s.name == "creases")
    assert step.applied and [c["vertical"] for c in step.params["creases"]] == [True]
    untouched = prepare_page(clean(), 300, PrepareOptions())
    assert not next(s for s in untouched.steps if s.name == "creases").applied


def test_a_page_folded_down_its_middle_reads_its_lines_whole() -> None:
    """Read by the real Tesseract. Left in, the crease is taken for a rule between columns:
    the wrapped end of an address, "thành phố Hà Nội", is read inside the line above it, at
    the fold ("Lý Thưẻ thành phố Hà Nội yng Kiệt"), and letters on the crease are misread."""
    truth = specimen(3).text
    _, base = read_page(clean(3), 300, OcrOptions())
    folded = photographed_folded(3)
    _, rec = read_page(folded, 150, OcrOptions())
    assert cer(rec.text, truth) <= cer(base.text, truth) + 0.005
    _, raw = read_page(folded, 150, OcrOptions(prepare=PrepareOptions(remove_creases=False)))
    assert cer(raw.text, truth) > cer(rec.text, truth) + 0.02
