"""Pale bands across the print (a clogged inkjet head): found in every strip of the page,
darkened back, and the banded lines read by the real Tesseract; pages without bands, or with
pale print of their own, are left alone."""

from __future__ import annotations

import dataclasses
import functools

import cv2
import numpy as np

from ocr.pipeline import OcrOptions, read_page
from ocr.prepare import PrepareOptions, prepare_page
from ocr.prepare.banding import restore_bands
from ocr.prepare.measure import to_grey
from ocr.synthetic import Specimen, render_master
from tests.utils.text import cer

PERIOD, HEIGHT, KEPT = 55, 10, 0.4
"""Every 55 rows (4.7 mm at 300 dpi) a band 10 rows high prints at 40 % of its contrast."""


@functools.lru_cache(maxsize=1)
def specimen() -> Specimen:
    return render_master(12, "giay_uy_quyen")


def clean() -> np.ndarray:
    return to_grey(np.asarray(specimen().image.convert("RGB")))


def _rotated(grey: np.ndarray, degrees: float) -> np.ndarray:
    h, w = grey.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(grey, turn, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def banded(page: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The page printed with pale bands, and the rows in a band."""
    out = (clean() if page is None else page).astype(np.float32)
    rows = (np.arange(out.shape[0]) % PERIOD) < HEIGHT
    out[rows] = 255 - (255 - out[rows]) * KEPT
    return out.astype(np.uint8), rows


def test_pale_bands_are_darkened_back_to_their_neighbours_ink() -> None:
    page, rows = banded()
    res = restore_bands(page, 300)
    assert len(res.bands) >= 20
    assert res.paleness is not None and 0.3 < res.paleness < 0.55
    ink = (clean() < 128) & rows[:, None]
    before = np.abs(page[ink].astype(int) - clean()[ink]).mean()
    after = np.abs(res.grey[ink].astype(int) - clean()[ink]).mean()
    # Black strokes came out at ~150 in the bands; they are near black again.
    assert before > 100
    assert after < 30
    # Rows outside the bands keep every pixel.
    near = np.convolve(rows, np.ones(7), mode="same") > 0
    assert np.array_equal(res.grey[~near], page[~near])


def test_bands_that_follow_a_slightly_crooked_print_are_found_strip_by_strip() -> None:
    # Printed banded, then scanned 0.4 degree askew: across the page a band drifts by more
    # than its own height, so no single row of the image holds it.
    page, _ = banded()
    crooked = _rotated(page, 0.4)
    res = restore_bands(crooked, 300)
    assert len(res.bands) >= 20
    ink = _rotated(clean(), 0.4) < 100
    pale = ink & (crooked > 110)
    assert pale.sum() > 20_000
    assert (res.grey[pale] < 110).mean() > 0.75


def test_pages_without_bands_are_left_alone() -> None:
    # A page faded all over, a grey heading and a shaded table header have pale print of
    # their own, with no band across the page.
    faded = (255 - (255 - clean().astype(np.float32)) * 0.45).astype(np.uint8)
    own = clean().copy()
    own[600:700] = (255 - (255 - own[600:700].astype(np.float32)) * 0.4).astype(np.uint8)
    own[1200:1260, 300:2100] = np.minimum(own[1200:1260, 300:2100], 200)
    noisy = np.clip(clean() + np.random.default_rng(3).normal(0, 25, clean().shape), 0, 255).astype(
        np.uint8
    )
    for page in (clean(), faded, own, noisy):
        res = restore_bands(page, 300)
        assert res.bands == []
        assert res.grey is page


def test_the_pipeline_records_the_bands_and_leaves_a_clean_page_alone() -> None:
    prepared = prepare_page(banded()[0], 300, PrepareOptions())
    step = next(s for s in prepared.steps if s.name == "banding")
    assert step.applied and step.params["bands"] >= 20
    untouched = prepare_page(clean(), 300, PrepareOptions())
    assert not next(s for s in untouched.steps if s.name == "banding").applied


def test_the_banded_page_is_read() -> None:
    truth = specimen().text
    page, _ = banded()
    _, base = read_page(clean(), 300, OcrOptions())
    _, rec = read_page(page, 300, OcrOptions())
    assert cer(rec.text, truth) <= cer(base.text, truth) + 0.01
    # Without the stage the banded lines are cut in two and read as junk: measured here.
    off = OcrOptions(prepare=dataclasses.replace(PrepareOptions(), restore_bands=False))
    _, raw = read_page(page, 300, off)
    assert cer(raw.text, truth) > cer(rec.text, truth) + 0.02
