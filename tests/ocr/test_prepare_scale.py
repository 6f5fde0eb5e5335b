"""Upscaling: only low-resolution scans (or tiny print) are enlarged."""

from __future__ import annotations

import functools

import numpy as np

from ocr.prepare import PrepareOptions, prepare_page
from ocr.prepare.measure import shrink, to_grey
from ocr.prepare.scale import upscale_factor
from ocr.synthetic import render_master


@functools.lru_cache(maxsize=1)
def page300() -> np.ndarray:
    return to_grey(np.asarray(render_master(4, "to_khai").image))


def test_factor_depends_on_dpi_threshold() -> None:
    assert upscale_factor(150, 18.0, 200, 300, 26.0, 2.5) == 2.0
    assert upscale_factor(199, 30.0, 200, 300, 26.0, 2.5) > 1.4
    assert upscale_factor(200, 30.0, 200, 300, 26.0, 2.5) == 1.0
    assert upscale_factor(300, 35.0, 200, 300, 26.0, 2.5) == 1.0
    assert upscale_factor(72, 8.0, 200, 300, 26.0, 2.5) == 2.5  # capped


def test_small_print_at_a_good_dpi_is_enlarged() -> None:
    assert upscale_factor(300, 16.0, 200, 300, 26.0, 2.5) == 2.0


def test_a_150_dpi_scan_is_read_with_letters_about_32_px_high() -> None:
    low = shrink(page300(), 0.5)
    prepared = prepare_page(low, 150, PrepareOptions(crop=False))
    step = next(s for s in prepared.steps if s.name == "upscale")
    factor = step.params["factor"]
    assert step.applied and prepared.dpi == round(150 * factor) >= 250
    assert step.params["text_px"] * factor >= 31.5
    assert abs(prepared.image.shape[0] - factor * low.shape[0]) <= 2
    assert prepared.tesseract_config  # local thresholding for enlarged scans
    # The shown page stays as scanned; the mapping shrinks coordinates back.
    assert prepared.upright.shape == low.shape
    assert abs(prepared.to_upright[0, 0] - 1 / factor) < 1e-6


def test_a_300_dpi_scan_is_not_enlarged() -> None:
    prepared = prepare_page(page300(), 300, PrepareOptions(crop=False))
    step = next(s for s in prepared.steps if s.name == "upscale")
    assert not step.applied and prepared.dpi == 300
    assert prepared.image.shape == page300().shape
    assert prepared.tesseract_config == ()
