"""Light letters on a dark band (a title bar): found, turned over, and read by the real
Tesseract; dark shapes that are not such bands are left alone."""

from __future__ import annotations

import functools

import numpy as np

from ocr.pipeline import OcrOptions, read_page
from ocr.prepare import PrepareOptions, prepare_page
from ocr.prepare.invert import find_bands, invert_bands
from ocr.prepare.measure import to_grey
from ocr.synthetic import Specimen, render_master
from tests.utils.text import cer

NAVY = np.array([0.12, 0.2, 0.45], np.float32)
"""A dark blue bar's colour, as shares of full brightness."""


@functools.lru_cache(maxsize=1)
def specimen() -> Specimen:
    return render_master(11, "giay_khai_sinh")


def clean() -> np.ndarray:
    return np.asarray(specimen().image.convert("RGB"))


def _lines(grey: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) row of each line of print."""
    ink = (grey < 128).any(axis=1)
    rows = np.flatnonzero(ink)
    breaks = np.flatnonzero(np.diff(rows) > 1)
    starts = np.concatenate(([rows[0]], rows[breaks + 1]))
    ends = np.concatenate((rows[breaks], [rows[-1]]))
    return [(int(s), int(e)) for s, e in zip(starts, ends, strict=True) if e - s > 15]


def title_box() -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1) round the page's title and the line under it ("GIẤY KHAI SINH",
    "(BẢN CHÍNH)": its fourth and fifth lines of print), with 0.1 in of ground round them."""
    grey = to_grey(clean())
    lines = _lines(grey)
    top, bottom = lines[3][0], lines[4][1]
    cols = np.flatnonzero((grey[top : bottom + 1] < 128).any(axis=0))
    return int(cols[0]) - 30, top - 30, int(cols[-1]) + 30, bottom + 30


GREY = np.array([0.44, 0.44, 0.44], np.float32)
"""A mid-grey bar, as a photocopier prints a coloured one."""


def tight_box() -> tuple[int, int, int, int]:
    """The title's box with no ground below its last line: the letters of "(BẢN CHÍNH)"
    reach the bar's lower edge, as on a bar printed tight round its text."""
    x0, y0, x1, y1 = title_box()
    return x0, y0, x1, y1 - 28


def banded(colour: np.ndarray = NAVY, box: tuple[int, int, int, int] | None = None) -> np.ndarray:
    """The page with its title printed light on a dark bar (round ``box``; the title's)."""
    x0, y0, x1, y1 = box or title_box()
    out = clean().astype(np.float32)
    light = 255 - out[y0:y1, x0:x1]  # letters light, paper dark
    out[y0:y1, x0:x1] = 255 * colour + light * (1 - colour)
    return out.clip(0, 255).astype(np.uint8)


def test_the_bar_is_found_where_it_is_and_nothing_else() -> None:
    assert find_bands(to_grey(clean()), 300) == []
    bands = find_bands(to_grey(banded()), 300)
    assert len(bands) == 1
    x, y, w, h = bands[0]
    x0, y0, x1, y1 = title_box()
    assert abs(x - x0) <= 4 and abs(y - y0) <= 4
    assert abs(x + w - x1) <= 4 and abs(y + h - y1) <= 4


def test_the_bar_becomes_paper_and_its_letters_ink() -> None:
    grey = to_grey(banded())
    res = invert_bands(grey, 300)
    x0, y0, x1, y1 = title_box()
    before, after = grey[y0:y1, x0:x1], res.grey[y0:y1, x0:x1]
    assert np.median(before) < 80 and np.median(after) > 220
    letters = to_grey(clean())[y0:y1, x0:x1] < 100
    assert np.median(after[letters]) < 90  # the letters are dark where they were light
    # Nothing else on the page changed, and no dark rim is left round the bar.
    outside = np.ones(grey.shape, bool)
    outside[y0 - 6 : y1 + 6, x0 - 6 : x1 + 6] = False
    assert np.array_equal(res.grey[outside], grey[outside])
    rim = res.grey[y0 - 6 : y1 + 6, x0 - 6 : x1 + 6].copy()
    rim[6:-6, 6:-6] = 255
    assert rim.min() > 150


def test_a_bar_whose_letters_reach_its_edge_is_turned_over_whole() -> None:
    x0, y0, x1, y1 = tight_box()
    grey = to_grey(banded(GREY, tight_box()))
    bands = find_bands(grey, 300)
    assert len(bands) == 1
    x, y, w, h = bands[0]
    assert abs(y - y0) <= 4 and abs(y + h - y1) <= 4
    after = invert_bands(grey, 300).grey[y0:y1, x0:x1]
    letters = to_grey(clean())[y0:y1, x0:x1] < 100
    assert np.median(after[~letters]) > 220
    # The letters' feet on the bar's edge are turned to ink with the rest of them.
    feet = letters.copy()
    feet[:-12] = False
    assert feet.sum() > 100 and np.median(after[feet]) < 110


def test_a_bar_printed_tight_round_its_title_is_turned_over_whole() -> None:
    # "GIẤY KHAI SINH" on a bar running on 1.5 in past it, with no ground above its accents
    # or below its letters: the bar falls into pieces between the tall letters when the
    # print's strokes are taken out.
    grey = to_grey(clean())
    top, bottom = _lines(grey)[3]
    x0, _, x1, _ = title_box()
    x1 += 450
    box = (x0, top - 2, x1, bottom + 2)
    banded_grey = to_grey(banded(GREY, box))
    bands = find_bands(banded_grey, 300)
    assert len(bands) == 1
    x, _, w, _ = bands[0]
    assert abs(x - x0) <= 4 and abs(x + w - x1) <= 4
    after = invert_bands(banded_grey, 300).grey[box[1] : box[3], x0:x1]
    letters = grey[box[1] : box[3], x0:x1] < 100
    assert np.median(after[~letters]) > 220 and np.median(after[letters]) < 110


def test_dark_shapes_that_hold_no_light_letters_are_left_alone() -> None:
    grey = to_grey(clean()).copy()
    x0, y0, x1, y1 = title_box()
    # A table's header shaded dark grey under black print.
    shaded = grey.copy()
    shaded[y0:y1, x0:x1] = np.minimum(shaded[y0:y1, x0:x1], 110)
    # A blacked-out line (a redaction).
    redacted = grey.copy()
    redacted[y0:y1, x0:x1] = 0
    # A QR code: light cells on a dark square, not a bar.
    qr = grey.copy()
    cells = np.random.default_rng(3).random((25, 25)) < 0.5
    qr[2000:2300, 300:600] = np.where(np.kron(cells, np.ones((12, 12), bool)), 0, 255)
    # A scanner's lid left open: black all round the paper.
    margins = np.pad(grey, 80, constant_values=10)
    for page in (shaded, redacted, qr, margins):
        assert find_bands(page, 300) == []
        assert invert_bands(page, 300).grey is page


def test_the_pipeline_records_the_bar_and_leaves_a_clean_page_alone() -> None:
    prepared = prepare_page(banded(), 300, PrepareOptions())
    step = next(s for s in prepared.steps if s.name == "invert")
    assert step.applied and len(step.params["bands"]) == 1
    untouched = prepare_page(clean(), 300, PrepareOptions())
    assert not next(s for s in untouched.steps if s.name == "invert").applied


def test_a_title_printed_on_a_dark_bar_is_read() -> None:
    truth = specimen().text
    _, base = read_page(clean(), 300, OcrOptions())
    _, rec = read_page(banded(), 300, OcrOptions())
    assert cer(rec.text, truth) <= cer(base.text, truth) + 0.005
    # Without the stage the title is lost: the test measures it.
    off = OcrOptions(prepare=PrepareOptions(invert_bands=False))
    _, raw = read_page(banded(), 300, off)
    assert cer(raw.text, truth) > cer(rec.text, truth) + 0.01
