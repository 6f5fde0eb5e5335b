"""Scanner streaks and dust: found where they are, removed without the print, and a page from a
dirty sheet-fed scanner read by the real Tesseract as well as a clean scan of it."""

from __future__ import annotations

import functools

import numpy as np

from ocr.pipeline import OcrOptions, read_page
from ocr.prepare import PrepareOptions, prepare_page
from ocr.prepare.measure import to_grey
from ocr.prepare.streaks import find_streaks, remove_streaks
from ocr.synthetic import Specimen, render_master
from tests.utils.text import cer

STREAKS = ((700, 3, 140), (1333, 1, 70))
"""(first column, width, grey level): a wide faint streak and a thin dark one."""


@functools.lru_cache(maxsize=1)
def specimen() -> Specimen:
    return render_master(4, "giay_xac_nhan_tinh_trang_hon_nhan")


def clean() -> np.ndarray:
    return to_grey(np.asarray(specimen().image))


def streaked(image: np.ndarray) -> np.ndarray:
    """``image`` fed through a scanner with dust on its glass: the streaks darken what they
    cross (multiplied, like ink on ink), over the whole length of the page."""
    out = image.astype(np.float32)
    for x, w, level in STREAKS:
        out[:, x : x + w] *= level / 255.0
    return out.astype(np.uint8)


def test_streaks_are_found_at_their_columns_and_nothing_else() -> None:
    assert find_streaks(clean(), 300) == []
    bands = find_streaks(streaked(clean()), 300)
    assert len(bands) == len(STREAKS)
    for (s, e), (x, w, _) in zip(sorted(bands), STREAKS, strict=True):
        assert x - 1 <= s and e <= x + w


def test_removal_restores_the_paper_and_keeps_the_print() -> None:
    page, dirty = clean(), streaked(clean())
    res = remove_streaks(dirty, 300)
    assert len(res.bands) == len(STREAKS)
    for x, w, _ in STREAKS:
        cols = slice(x, x + w)
        paper = page[:, cols].min(axis=1) > 230
        assert paper.mean() > 0.8
        assert np.median(res.grey[:, cols][paper]) > 225  # the streak is gone from the paper
        assert np.median(dirty[:, cols][paper]) < 150
    # Away from the streaks nothing changed.
    keep = np.ones(page.shape[1], bool)
    for x, w, _ in STREAKS:
        keep[x - 12 : x + w + 12] = False
    assert np.array_equal(res.grey[:, keep], dirty[:, keep])
    # A page without streaks is handed back as it is.
    assert remove_streaks(page, 300).grey is page


def test_a_short_vertical_line_is_not_a_streak() -> None:
    """An ID card's edge, a table's column rule: straight and dark, but not the page's length."""
    page = clean().copy()
    h = page.shape[0]
    page[h // 5 : h // 5 + int(0.6 * h), 900:903] = 30
    assert find_streaks(page, 300) == []


def test_a_sideways_tables_rules_are_not_streaks() -> None:
    """A page lying sideways: its table's rules run down the image across 85 % of its
    height, longer than a streak must be, but they stop at the table's frame short of the
    paper's ends, and removing them joined two rows of the table into one."""
    page = np.ascontiguousarray(np.rot90(clean()))
    h = page.shape[0]
    for x in (1100, 1240, 1390):
        page[int(0.075 * h) : int(0.925 * h), x : x + 2] = 40
    assert find_streaks(page, 300) == []
    assert len(find_streaks(streaked(page), 300)) == len(STREAKS)


def test_the_pipeline_records_the_streaks() -> None:
    prepared = prepare_page(streaked(clean()), 300, PrepareOptions())
    step = next(s for s in prepared.steps if s.name == "streaks")
    assert step.applied and len(step.params["columns"]) == len(STREAKS)
    untouched = prepare_page(clean(), 300, PrepareOptions())
    assert not next(s for s in untouched.steps if s.name == "streaks").applied


def test_a_page_from_a_dirty_scanner_reads_as_well_as_a_clean_one() -> None:
    rng = np.random.default_rng(7)
    dirty = streaked(clean())
    hit = rng.random(dirty.shape)
    dirty[hit < 0.003] = 0  # and dust: black specks of one pixel
    dirty[hit > 0.997] = 255
    truth = specimen().text
    _, base = read_page(clean(), 300, OcrOptions())
    prepared, rec = read_page(dirty, 300, OcrOptions())
    steps = {s.name: s for s in prepared.steps}
    assert steps["denoise"].applied and steps["streaks"].applied
    assert cer(rec.text, truth) <= cer(base.text, truth) + 0.01
    # Without the two stages the same page reads clearly worse: the test measures them. (The
    # creases stage would take a streak through the print for a fold's line: off too.)
    off = OcrOptions(
        prepare=PrepareOptions(remove_streaks=False, remove_creases=False, speck_density=1e9)
    )
    _, raw = read_page(dirty, 300, off)
    assert cer(raw.text, truth) > cer(rec.text, truth) + 0.01
