"""The whole preparation: a clean scan passes untouched; a messy one is fixed and mapped."""

from __future__ import annotations

import functools
import json

import cv2
import numpy as np
import pytest

from ocr.errors import UnreadableImage
from ocr.prepare import PreparedPage, PrepareOptions, mirrored, prepare_page, turned_over
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
    prepared = prepare_page(page(), 150, PrepareOptions(upscale=False, crop=False))
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
    prepared = prepare_page(scanned, 150, PrepareOptions(crop=False))  # the mark is in a margin
    names = {s.name: s for s in prepared.steps}
    assert names["deskew"].applied and names["orientation"].params["angle"] == 90
    assert names["upscale"].applied
    # The shown page is the scan turned upright only: still 6 degrees askew, not cropped.
    assert prepared.upright.shape[:2] == scanned.shape[1::-1]
    x, y = _mark(prepared.image)
    mx, my, mw = prepared.to_upright @ np.array([x, y, 1.0])
    ux, uy = _mark(prepared.upright)
    assert abs(mx / mw - ux) < 4 and abs(my / mw - uy) < 4


def _ink_overlap(prepared: PreparedPage) -> float:
    """Share of the prepared image's ink that lands on ink of the shown page when mapped."""
    h, w = prepared.upright.shape[:2]
    back = cv2.warpPerspective(
        prepared.image, prepared.to_upright, (w, h), flags=cv2.INTER_AREA, borderValue=255
    )
    shown = cv2.cvtColor(prepared.upright, cv2.COLOR_RGB2GRAY)
    ink_back, ink_shown = back < 110, cv2.dilate((shown < 140).astype(np.uint8), np.ones((3, 3)))
    return float((ink_back & (ink_shown > 0)).sum() / max(1, ink_back.sum()))


def test_a_clean_scan_is_cut_to_its_print_and_mapped_back() -> None:
    prepared = prepare_page(page(), 150, PrepareOptions(upscale=False))
    crop = next(s for s in prepared.steps if s.name == "crop")
    assert crop.applied and crop.params["saving"] > 0.15
    x, y, w, h = crop.params["box"]
    grey = cv2.cvtColor(page(), cv2.COLOR_RGB2GRAY)
    assert prepared.image.shape == (h, w)
    assert np.abs(prepared.image.astype(int) - grey[y : y + h, x : x + w].astype(int)).mean() < 1
    assert np.allclose(prepared.to_upright, [[1, 0, x], [0, 1, y], [0, 0, 1]])
    # Every printed line is inside the cut: no ink of the text is lost.
    text = grey[200:1500] < 100
    assert text[max(0, y - 200) : y - 200 + h, x : x + w].sum() > 0.98 * text.sum()


def test_a_cut_turned_and_straightened_page_maps_back_onto_the_shown_page() -> None:
    turned = np.ascontiguousarray(np.rot90(page()))
    scanned, _ = rotate(turned, 6.0, (255, 255, 255))
    prepared = prepare_page(scanned, 150, PrepareOptions())
    applied = {s.name for s in prepared.steps if s.applied}
    assert {"crop", "deskew", "orientation", "upscale"} <= applied
    assert _ink_overlap(prepared) > 0.8
    # The same check fails for a mapping that is off by half a line.
    shifted = PreparedPage(
        prepared.image,
        prepared.upright,
        prepared.to_upright @ np.array([[1, 0, 0], [0, 1, 30.0], [0, 0, 1]]),
        prepared.dpi,
        prepared.steps,
        prepared.tesseract_config,
    )
    assert _ink_overlap(shifted) < 0.5


def test_a_page_turned_over_after_preparation_still_maps_onto_its_page() -> None:
    turned = np.ascontiguousarray(np.rot90(page()))
    scanned, _ = rotate(turned, 6.0, (255, 255, 255))
    prepared = prepare_page(scanned, 150, PrepareOptions())
    over = turned_over(prepared, "read as nonsense")
    assert np.array_equal(over.upright, prepared.upright[::-1, ::-1])
    assert np.array_equal(over.image, prepared.image[::-1, ::-1])
    assert over.steps[-1].name == "turn_over" and over.steps[-1].params["angle"] == 180
    assert _ink_overlap(over) > 0.8
    # Turning only what Tesseract reads, not the shown page, would misplace every word.
    half = PreparedPage(
        over.image, prepared.upright, over.to_upright, over.dpi, over.steps, over.tesseract_config
    )
    assert _ink_overlap(half) < 0.5


def test_a_page_mirrored_after_preparation_still_maps_onto_its_page() -> None:
    scanned, _ = rotate(np.ascontiguousarray(page()[:, ::-1]), 4.0, (255, 255, 255))
    prepared = prepare_page(scanned, 150, PrepareOptions())
    flipped = mirrored(prepared, "read as nonsense")
    assert np.array_equal(flipped.upright, prepared.upright[:, ::-1])
    assert np.array_equal(flipped.image, prepared.image[:, ::-1])
    assert flipped.steps[-1].name == "mirror"
    assert _ink_overlap(flipped) > 0.8
    half = PreparedPage(
        flipped.image,
        prepared.upright,
        flipped.to_upright,
        flipped.dpi,
        flipped.steps,
        flipped.tesseract_config,
    )
    assert _ink_overlap(half) < 0.5


def test_steps_are_recorded_as_json() -> None:
    prepared = prepare_page(page(), 150, PrepareOptions())
    record = json.loads(json.dumps([s.to_dict() for s in prepared.steps]))
    assert [s["name"] for s in record] == [
        "negative",
        "dither",
        "specks",
        "page",
        "reduce",
        "dots",
        "seals",
        "invert",
        "light",
        "glare",
        "denoise",
        "streaks",
        "deskew",
        "orientation",
        "creases",
        "crop",
        "banding",
        "marks",
        "motion",
        "upscale",
        "show_through",
    ]
    assert all({"name", "applied", "params", "seconds"} <= set(s) for s in record)


@pytest.mark.parametrize("bad", [np.zeros((0, 0), np.uint8), np.zeros((5, 5, 3), np.uint8)])
def test_not_a_page_raises_a_typed_error(bad: np.ndarray) -> None:
    with pytest.raises(UnreadableImage):
        prepare_page(bad, 300, PrepareOptions())
