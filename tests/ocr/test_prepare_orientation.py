"""Orientation: sideways and upside-down pages are turned upright."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from ocr.prepare import PrepareOptions, prepare_page
from ocr.prepare.measure import ink_mask, shrink, to_grey
from ocr.prepare.orientation import updown_score
from ocr.synthetic import render_master


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
