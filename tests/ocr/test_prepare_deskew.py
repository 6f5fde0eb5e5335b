"""Deskew: the text-line angle of a page is measured and undone."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from ocr.prepare import PrepareOptions, prepare_page
from ocr.prepare.deskew import estimate_skew, rotate
from ocr.prepare.measure import ink_mask, shrink, to_grey
from ocr.synthetic import render_master


@functools.lru_cache(maxsize=1)
def page() -> np.ndarray:
    """A clean 150 dpi grey page (small, so each test is quick)."""
    return shrink(
        to_grey(np.asarray(render_master(1, "giay_xac_nhan_tinh_trang_hon_nhan").image)), 0.5
    )


@pytest.mark.parametrize("angle", [-14.0, -6.5, 3.2, 11.0, 15.0])
def test_estimate_skew_recovers_a_known_angle(angle: float) -> None:
    tilted, _ = rotate(page(), angle, 255)
    skew = estimate_skew(ink_mask(shrink(tilted, 110 / 150)))
    assert skew is not None
    assert not skew.vertical
    assert abs(skew.angle - angle) < 0.5


def test_sideways_page_is_straightened_and_reported_vertical() -> None:
    tilted, _ = rotate(np.ascontiguousarray(np.rot90(page())), 4.0, 255)
    skew = estimate_skew(ink_mask(shrink(tilted, 110 / 150)))
    assert skew is not None and skew.vertical
    assert abs(skew.angle - 4.0) < 0.5


def test_prepare_page_leaves_lines_level() -> None:
    tilted, _ = rotate(page(), -9.0, 255)
    prepared = prepare_page(tilted, 150, PrepareOptions(upscale=False, crop=False))
    step = next(s for s in prepared.steps if s.name == "deskew")
    assert step.applied and abs(step.params["angle"] + 9.0) < 0.5
    after = estimate_skew(ink_mask(shrink(prepared.image, 110 / 150)))
    assert after is not None and abs(after.angle) < 0.3


def test_a_straight_page_is_not_rotated() -> None:
    prepared = prepare_page(page(), 150, PrepareOptions(upscale=False, crop=False))
    step = next(s for s in prepared.steps if s.name == "deskew")
    assert not step.applied
    assert prepared.image.shape == page().shape
