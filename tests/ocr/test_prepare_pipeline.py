"""The whole preparation: a clean scan passes untouched; a messy one is fixed and mapped."""

from __future__ import annotations

import functools
import json

import cv2
import numpy as np
import pytest

from ocr.errors import UnreadableImage
from ocr.prepare import PrepareOptions, prepare_page
from ocr.prepare.deskew import rotate
from ocr.prepare.measure import shrink
from ocr.synthetic import render_master

MARK = (260, 1700)  # centre of a round black mark in the left margin (150 dpi)


@functools.lru_cache(maxsize=1)
def page() -> np.ndarray:
    img = shrink(np.asarray(render_master(6, "giay_chung_nhan_dang_ky_ho_kinh_doanh").image), 0.5)
    img = img.copy()
    cv2.circle(img, MARK, 28, (0, 0, 0), -1)
    return img


def _mark(img: np.ndarray) -> np.ndarray:
    """Centre of the largest dark round blob."""
    grey = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY) if img.ndim == 3 else img
    n, _, stats, centroids = cv2.connectedComponentsWithStats((grey < 90).astype(np.uint8))
    fill = stats[1:, cv2.CC_STAT_AREA] / (
        stats[1:, cv2.CC_STAT_WIDTH] * stats[1:, cv2.CC_STAT_HEIGHT]
    )
    score = np.where(fill > 0.7, stats[1:, cv2.CC_STAT_AREA], 0)
    return centroids[1 + int(np.argmax(score))]


def test_clean_scan_is_left_essentially_unchanged() -> None:
    prepared = prepare_page(page(), 150, PrepareOptions(upscale=False))
    applied = {s.name for s in prepared.steps if s.applied}
    assert applied <= {"seals"}
    grey = cv2.cvtColor(page(), cv2.COLOR_RGB2GRAY)
    assert prepared.image.shape == grey.shape
    assert np.abs(prepared.image.astype(int) - grey.astype(int)).mean() < 1.0
    assert np.allclose(prepared.to_upright, np.eye(3))
    assert prepared.upright is page() or np.array_equal(prepared.upright, page())


def test_text_layer_mapping_lands_on_the_shown_page() -> None:
    # Paper put in sideways (90 degrees counter-clockwise) and 6 degrees askew.
    turned = np.ascontiguousarray(np.rot90(page()))
    scanned, _ = rotate(turned, 6.0, (255, 255, 255))
    prepared = prepare_page(scanned, 150, PrepareOptions())
    names = {s.name: s for s in prepared.steps}
    assert names["deskew"].applied and names["orientation"].params["angle"] == 90
    assert names["upscale"].applied
    # The shown page is the scan turned upright only: still 6 degrees askew, not cropped.
    assert prepared.upright.shape[:2] == scanned.shape[1::-1]
    x, y = _mark(prepared.image)
    mx, my, mw = prepared.to_upright @ np.array([x, y, 1.0])
    ux, uy = _mark(prepared.upright)
    assert abs(mx / mw - ux) < 4 and abs(my / mw - uy) < 4


def test_steps_are_recorded_as_json() -> None:
    prepared = prepare_page(page(), 150, PrepareOptions())
    record = json.loads(json.dumps([s.to_dict() for s in prepared.steps]))
    assert [s["name"] for s in record] == [
        "page",
        "seals",
        "light",
        "denoise",
        "deskew",
        "orientation",
        "upscale",
    ]
    assert all({"name", "applied", "params", "seconds"} <= set(s) for s in record)


@pytest.mark.parametrize("bad", [np.zeros((0, 0), np.uint8), np.zeros((5, 5, 3), np.uint8)])
def test_not_a_page_raises_a_typed_error(bad: np.ndarray) -> None:
    with pytest.raises(UnreadableImage):
        prepare_page(bad, 300, PrepareOptions())
