"""Orientation: sideways and upside-down pages are turned upright."""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pytest

from ocr.prepare import PrepareOptions, prepare_page
from ocr.prepare.measure import ink_mask, shrink, to_grey
from ocr.prepare.orientation import updown_score
from ocr.synthetic import render_master, render_specimen
from tests.utils.scans import id_card_scan


@functools.lru_cache(maxsize=1)
def page() -> np.ndarray:
    return shrink(to_grey(np.asarray(render_master(2, "giay_khai_sinh").image)), 0.5)


def test_upright_text_scores_positive_and_flipped_negative() -> None:
    mask = ink_mask(shrink(page(), 110 / 150))
    up, lines = updown_score(mask)
    down, _ = updown_score(np.ascontiguousarray(mask[::-1, ::-1]))
    assert lines >= 10
    assert up > 0.15 and down < -0.15


@pytest.mark.parametrize("quarter", [90, 180, 270])
def test_turned_page_comes_back_upright(quarter: int) -> None:
    turned = np.ascontiguousarray(np.rot90(page(), quarter // 90))  # counter-clockwise
    prepared = prepare_page(turned, 150, PrepareOptions(upscale=False, crop=False))
    step = next(s for s in prepared.steps if s.name == "orientation")
    assert step.params["angle"] == quarter
    assert prepared.image.shape == page().shape
    # The prepared page is the original page again, pixel for pixel.
    assert np.abs(prepared.image.astype(int) - page().astype(int)).mean() < 1.0
    assert prepared.upright.shape[:2] == page().shape


def test_upright_page_is_left_alone() -> None:
    prepared = prepare_page(page(), 150, PrepareOptions(upscale=False, crop=False))
    step = next(s for s in prepared.steps if s.name == "orientation")
    assert not step.applied and step.params["angle"] == 0


def _card_orientation(seed: int, upside_down: bool) -> dict[str, Any]:
    card = id_card_scan(seed)
    if upside_down:
        card = np.ascontiguousarray(card[::-1, ::-1])
    prepared = prepare_page(card, 300, PrepareOptions(upscale=False, crop=False))
    return next(s for s in prepared.steps if s.name == "orientation").params


@pytest.mark.parametrize("seed", [9509, 9511])
@pytest.mark.parametrize("upside_down", [False, True])
def test_an_id_card_is_never_turned_the_wrong_way(seed: int, upside_down: bool) -> None:
    # In the ~110 dpi copy a card's print is 5 px high and upright cards scored from -0.25
    # to +0.42: these two were turned upside down, and read twice to turn them back.
    assert _card_orientation(seed, upside_down)["angle"] == (180 if upside_down else 0)


def test_an_id_cards_orientation_is_told_without_osd() -> None:
    # Judged where its letters are 12 px high; 9500 and 9504 went to Tesseract's OSD.
    decided = [
        _card_orientation(seed, flip) for seed in range(9500, 9505) for flip in (False, True)
    ]
    assert [d["method"] for d in decided] == ["own"] * 10
    assert [d["angle"] for d in decided] == [0, 180] * 5


def test_a_band_cut_by_the_frame_does_not_count_as_a_line() -> None:
    # A sliver of desk along a photographed paper's top edge, ragged below: one blob with
    # all its ink under its core. On a card it outweighed the 15 lines of print.
    mask = ink_mask(shrink(page(), 110 / 150))
    up, lines = updown_score(mask)
    mask[:6] = 255
    mask[6:14, : mask.shape[1] * 2 // 5] = 255
    assert updown_score(mask) == (up, lines)


def test_an_upright_page_drowned_in_noise_is_not_turned_sideways() -> None:
    """Under heavy noise the text lines' direction is a guess (skew confidence ~1.25, where
    sideways pages score 1.8 and more): the page must not be turned a quarter from upright
    on that guess, which made every line of it unreadable."""
    spec = np.asarray(render_specimen(580244, "clean").image.convert("RGB"), np.float32)
    noise = np.random.default_rng(1).normal(0, 60, spec.shape)
    img = (spec * np.array([0.6, 0.3, 0.9]) + noise).clip(0, 255).astype(np.uint8)
    steps = {s.name: s.params for s in prepare_page(img, 300, PrepareOptions()).steps}
    assert steps["orientation"]["angle"] in (0, 180)
