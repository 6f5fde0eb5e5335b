"""Resolution: low-resolution scans (or tiny print) are enlarged, 600 dpi scans brought down."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from ocr.prepare import PrepareOptions, prepare_page
from ocr.prepare.measure import shrink, to_grey
from ocr.prepare.scale import READ_BEST_PX, reduce_factor, upscale_factor
from ocr.synthetic import render_master


@functools.lru_cache(maxsize=1)
def page300() -> np.ndarray:
    return to_grey(np.asarray(render_master(4, "to_khai").image))


def test_factor_depends_on_dpi_threshold() -> None:
    assert upscale_factor(150, 18.0, 200, 300, 26.0, 2.5) == 2.0
    assert upscale_factor(199, 25.0, 200, 300, 26.0, 2.5) > 1.4
    assert upscale_factor(200, 25.0, 200, 300, 24.0, 2.5) == 1.0
    assert upscale_factor(300, 35.0, 200, 300, 26.0, 2.5) == 1.0
    assert upscale_factor(72, 8.0, 200, 300, 26.0, 2.5) == 2.5  # capped


def test_small_print_at_a_good_dpi_is_enlarged() -> None:
    assert upscale_factor(300, 16.0, 200, 300, 26.0, 2.5) == READ_BEST_PX / 16.0


def test_a_big_page_is_not_enlarged_past_what_tesseract_reads_in_time() -> None:
    a4_300 = 3508 * 2480
    assert upscale_factor(300, 16.0, 200, 300, 26.0, 2.5, a4_300) == pytest.approx(1.66, abs=0.01)
    card = upscale_factor(300, 16.0, 200, 300, 26.0, 2.5, 1200 * 800)
    assert card == READ_BEST_PX / 16.0  # a card: as asked
    assert upscale_factor(300, 16.0, 200, 300, 26.0, 2.5, 4 * a4_300) == 1.0  # already huge


def test_letters_already_large_are_not_enlarged_whatever_the_dpi() -> None:
    # An ID card photographed close, taken for an A4 page at 199 dpi: its letters are 31 px
    # high. It was enlarged 1.26 times, to 39 px letters and 1.6 times the pixels to read.
    assert upscale_factor(199, 30.8, 200, 250, 26.0, 2.5) == 1.0
    assert upscale_factor(150, 29.0, 200, 250, 26.0, 2.5) == 1.0
    assert upscale_factor(150, 26.5, 200, 250, 26.0, 2.5) > 1.6  # the corpus's largest


def test_a_150_dpi_scan_is_read_with_letters_about_30_px_high() -> None:
    low = shrink(page300(), 0.5)
    prepared = prepare_page(low, 150, PrepareOptions(crop=False))
    step = next(s for s in prepared.steps if s.name == "upscale")
    factor = step.params["factor"]
    assert step.applied and prepared.dpi == round(150 * factor) >= PrepareOptions().target_dpi
    assert step.params["text_px"] * factor >= READ_BEST_PX - 0.5
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


def test_only_very_fine_scans_are_reduced_and_never_below_readable_letters() -> None:
    assert reduce_factor(600, 60.0, 400, 300, 26.0) == 0.5
    assert reduce_factor(400, 40.0, 400, 300, 26.0) == 1.0
    assert reduce_factor(1200, 120.0, 400, 300, 26.0) == 0.25
    # Small print at 600 dpi (36 px letters) keeps at least 26 px.
    assert reduce_factor(600, 36.0, 400, 300, 26.0) * 36.0 >= 26.0
    assert reduce_factor(600, 30.0, 400, 300, 26.0) == 1.0  # too small to lose pixels


def test_a_600_dpi_scan_is_read_at_300_dpi_and_its_text_layer_maps_back() -> None:
    fine = np.asarray(
        np.kron(page300(), np.ones((2, 2), np.uint8)), np.uint8
    )  # every pixel doubled: the same page at 600 dpi
    prepared = prepare_page(fine, 600, PrepareOptions(crop=False))
    step = next(s for s in prepared.steps if s.name == "reduce")
    assert step.applied and prepared.dpi == 300 and step.params["dpi_after"] == 300
    assert abs(prepared.image.shape[0] - page300().shape[0]) <= 1
    assert not next(s for s in prepared.steps if s.name == "upscale").applied
    # The shown page is the 600 dpi scan; prepared pixels map onto it twice as far.
    assert prepared.upright.shape == fine.shape
    assert abs(prepared.to_upright[0, 0] - 2.0) < 1e-6
    assert np.abs(prepared.image.astype(int) - page300().astype(int)).mean() < 2.0


def test_a_300_dpi_scan_is_not_reduced() -> None:
    prepared = prepare_page(page300(), 300, PrepareOptions(crop=False))
    assert not next(s for s in prepared.steps if s.name == "reduce").applied
