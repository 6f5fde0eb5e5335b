"""Dithered black-and-white scans (a scanner's one-bit "photo" mode): averaged back into
greys and read by the real Tesseract; plain one-bit scans and grey pages are left alone."""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from ingest import PageImage
from ocr.pipeline import OcrOptions, ocr_page, read_page
from ocr.prepare import PrepareOptions, prepare_page
from ocr.prepare.dither import undither
from ocr.prepare.measure import to_grey
from ocr.quality import QualityOptions, assess_page
from ocr.synthetic import Specimen, render_master
from tests.utils.text import cer


@functools.lru_cache(maxsize=1)
def specimen() -> Specimen:
    return render_master(12, "giay_uy_quyen")


def grey_200dpi(paper: float = 232.0) -> np.ndarray:
    """The page at 200 dpi, printed on cream paper of ``paper`` grey."""
    grey = to_grey(np.asarray(specimen().image.convert("RGB"))).astype(np.float32)
    h, w = grey.shape
    small = cv2.resize(grey, (w * 2 // 3, h * 2 // 3), interpolation=cv2.INTER_AREA)
    return np.asarray(small * (paper / 255.0)).clip(0, 255).astype(np.uint8)


def dithered(paper: float = 232.0) -> np.ndarray:
    """Scanned at 200 dpi in one-bit mode with error diffusion (Floyd-Steinberg)."""
    bits = Image.fromarray(grey_200dpi(paper)).convert("1")
    return np.asarray(bits).astype(np.uint8) * 255


BAYER = np.array([[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]], np.float32)


def ordered(paper: float = 235.0) -> np.ndarray:
    """Scanned at 200 dpi in one-bit mode with an ordered (4 x 4 Bayer) pattern."""
    grey = grey_200dpi(paper)
    h, w = grey.shape
    limits = (np.tile(BAYER, (h // 4 + 1, w // 4 + 1))[:h, :w] + 0.5) * 16
    return np.where(grey > limits, 255, 0).astype(np.uint8)


def thresholded() -> np.ndarray:
    """Scanned at 200 dpi in one-bit mode with a plain threshold (a fax, a copier)."""
    return np.where(grey_200dpi(255.0) < 160, 0, 255).astype(np.uint8)


def test_a_dithered_page_is_averaged_into_greys() -> None:
    page = dithered()
    res = undither(page)
    assert res.grey is not None and res.paper_dots is not None and res.paper_dots > 0.06
    # The paper's haze of dots becomes an even cream again, and the letters stay dark.
    paper = res.grey[grey_200dpi() > 225]
    assert abs(float(np.median(paper)) - 232) < 12
    assert float(np.percentile(paper, 5)) > 180
    assert float(np.percentile(res.grey, 0.5)) < 90


def test_one_bit_pages_without_dither_and_grey_pages_are_left_alone() -> None:
    fax = undither(thresholded())
    assert fax.grey is None and fax.bilevel > 0.99 and fax.paper_dots == 0
    assert undither(grey_200dpi()).grey is None
    # White paper dithers to a sparse haze, which the denoise stage's median clears.
    assert undither(dithered(255.0)).grey is None
    prepared = prepare_page(thresholded(), 200, PrepareOptions())
    assert not next(s for s in prepared.steps if s.name == "dither").applied


def test_the_dithered_page_is_read() -> None:
    truth = specimen().text
    page = dithered()
    prepared, rec = read_page(page, 200, OcrOptions())
    step = next(s for s in prepared.steps if s.name == "dither")
    assert step.applied
    assert cer(rec.text, truth) < 0.015
    # Left dithered, the cream paper's dots pass for a page of noise and nothing is read
    # (on white paper they only tear the letters' edges): measured here.
    off = OcrOptions(prepare=dataclasses.replace(PrepareOptions(), undither=False))
    _, raw = read_page(page, 200, off)
    assert cer(raw.text, truth) > cer(rec.text, truth) + 0.01


def test_an_ordered_dither_is_read_too() -> None:
    # A regular pattern of dots, not a random scatter: the same haze over the paper.
    truth = specimen().text
    prepared, rec = read_page(ordered(), 200, OcrOptions())
    assert next(s for s in prepared.steps if s.name == "dither").applied
    assert cer(rec.text, truth) < 0.015


def test_a_page_emptied_as_noise_is_never_emptied_silently(tmp_path: Path) -> None:
    # Without the dither stage the cream paper's dots pass for noise and the page is read as
    # empty, though the intake check saw a page of print: the verdict after OCR says so.
    page = np.stack([dithered()] * 3, axis=-1)
    assert assess_page(page, 200, QualityOptions()).verdict == "accept"
    off = OcrOptions(prepare=dataclasses.replace(PrepareOptions(), undither=False))
    result = ocr_page(PageImage(0, page, 200), tmp_path / "page.pdf", off)
    assert result.text.strip() == ""
    assert result.quality is not None and result.quality.verdict == "reject"
    assert "only_noise" in {r.code for r in result.quality.reasons}
    # With it the page is read and accepted.
    read = ocr_page(PageImage(0, page, 200), tmp_path / "read.pdf", OcrOptions())
    assert read.quality is not None and read.quality.verdict == "accept"
