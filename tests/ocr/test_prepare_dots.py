"""Dot-matrix print (strokes drawn as dots on the print head's grid): joined into strokes
and read by the real Tesseract; solid print and other dotted pages are left alone."""

from __future__ import annotations

import dataclasses
import functools

import cv2
import numpy as np

from ocr.pipeline import OcrOptions, read_page
from ocr.prepare import PrepareOptions, prepare_page
from ocr.prepare.dither import undither
from ocr.prepare.dots import join_dots
from ocr.prepare.measure import to_grey
from ocr.synthetic import Specimen, render_master
from tests.ocr.test_prepare_dither import ordered
from tests.utils.text import cer


@functools.lru_cache(maxsize=1)
def specimen() -> Specimen:
    return render_master(12, "giay_uy_quyen")


def clean() -> np.ndarray:
    return to_grey(np.asarray(specimen().image.convert("RGB")))


@functools.lru_cache(maxsize=4)
def dot_matrix(pitch: int = 3, dot: int = 3) -> np.ndarray:
    """The page printed by an impact printer in draft mode, scanned at 300 dpi: every stroke
    a chain of round dots ``dot`` px wide, ``pitch`` px apart, grey and uneven (a worn
    ribbon)."""
    ink = (clean() < 150).astype(np.uint8)
    ink = cv2.dilate(ink, np.ones((2, 2), np.uint8)).astype(np.float32)
    grid = np.zeros(ink.shape, np.float32)
    grid[::pitch, ::pitch] = 1
    strength = np.random.default_rng(3).uniform(0.55, 1.0, ink.shape).astype(np.float32)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (dot, dot)).astype(np.float32)
    dots = cv2.filter2D(ink * grid * strength, -1, kernel).clip(0, 1)
    dots = cv2.GaussianBlur(dots, (0, 0), 0.6)
    return np.asarray(250 - 210 * dots).clip(0, 255).astype(np.uint8)


def test_the_dots_of_a_dot_matrix_print_are_found_on_their_grid() -> None:
    for pitch in (3, 4):
        res = join_dots(dot_matrix(pitch), 300)
        assert res.image is not None and res.pitch == (pitch, pitch)
        assert min(res.lattice) > 0.1


def test_dots_that_touch_across_a_stroke_are_found_by_their_pitch_along_it() -> None:
    # Dots as wide as their pitch: a one-dot stroke is a solid line across, dots down it.
    res = join_dots(dot_matrix(5, 5), 300)
    assert res.image is not None and res.pitch is not None and 5 in res.pitch
    assert max(res.lattice) > 0.3 and min(res.lattice) < 0.1
    truth = specimen().text
    _, on = read_page(dot_matrix(5, 5), 300, OcrOptions())
    off = OcrOptions(prepare=dataclasses.replace(PrepareOptions(), join_dots=False))
    _, without = read_page(dot_matrix(5, 5), 300, off)
    # Measured: 0.054 joined, 0.18 as printed.
    assert cer(on.text, truth) < 0.09
    assert cer(without.text, truth) > 0.13


def test_solid_print_and_a_dithered_page_have_no_grid_of_dots() -> None:
    assert join_dots(clean(), 300).image is None
    # An ordered (Bayer) dither repeats every 4 px: averaged into greys by its own stage,
    # nothing of it is left for this one.
    averaged = undither(ordered()).grey
    assert averaged is not None
    assert join_dots(averaged, 200).image is None
    assert not next(
        s for s in prepare_page(ordered(), 200, PrepareOptions()).steps if s.name == "dots"
    ).applied


def test_a_dot_matrix_print_reads_once_its_dots_are_joined() -> None:
    truth = specimen().text
    _, on = read_page(dot_matrix(), 300, OcrOptions())
    off = OcrOptions(prepare=dataclasses.replace(PrepareOptions(), join_dots=False))
    _, without = read_page(dot_matrix(), 300, off)
    # Measured: 0.005 joined (0.003 for the clean print), 0.37 as printed.
    assert cer(on.text, truth) < 0.03
    assert cer(without.text, truth) > 0.2
