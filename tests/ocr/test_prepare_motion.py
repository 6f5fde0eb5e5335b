"""Motion blur: a straight shake is measured from the page's spectrum and undone; sharp and
evenly blurred pages are left as they are."""

from __future__ import annotations

import functools
from dataclasses import replace

import cv2
import numpy as np
import pytest
from rapidfuzz.distance import Levenshtein

from ocr.errors import TesseractMissing
from ocr.pipeline import OcrOptions, read_page
from ocr.prepare import prepare_page
from ocr.prepare.motion import deconvolve, estimate_motion, line_kernel
from ocr.prepare.types import PrepareOptions
from ocr.synthetic import render_master, render_specimen


@functools.lru_cache(maxsize=2)
def _page(doc_type: str) -> tuple[np.ndarray, str, str]:
    """(grey page at 300 dpi, its text, its 12-digit number)"""
    spec = render_master(5, doc_type)
    grey = cv2.cvtColor(np.asarray(spec.image.convert("RGB")), cv2.COLOR_RGB2GRAY)
    return grey, spec.text, spec.fields.get("so_dinh_danh", "")


def _shake(grey: np.ndarray, length: int, angle: float, noisy: bool = False) -> np.ndarray:
    """A hand that moved ``length`` px at ``angle`` degrees: a line drawn and turned as a
    camera's path would be (not the stage's own kernel), with sensor noise and JPEG."""
    line = np.zeros((length, length), np.float32)
    line[length // 2, :] = 1
    turn = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), angle, 1)
    kernel = cv2.warpAffine(line, turn, (length, length))
    out = cv2.filter2D(grey.astype(np.float32), -1, kernel / kernel.sum())
    if noisy:
        out += np.random.default_rng(1).normal(0, 4, out.shape)
        out = np.clip(out, 0, 255)
        _, jpeg = cv2.imencode(".jpg", out.astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 70])
        return cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE)
    return out.round().astype(np.uint8)


def _angle_gap(a: float, b: float) -> float:
    d = abs(a - b) % 180
    return min(d, 180 - d)


def _motion_step(
    grey: np.ndarray, options: PrepareOptions | None = None
) -> tuple[bool, dict[str, object]]:
    prepared = prepare_page(grey, 300, options or PrepareOptions())
    step = next(s for s in prepared.steps if s.name == "motion")
    return step.applied, step.params


def test_a_shake_is_measured_in_length_and_direction() -> None:
    grey, _, _ = _page("giay_khai_sinh")
    for length, angle, noisy in ((9, 30.0, False), (11, 125.0, True), (7, 80.0, True)):
        shake = estimate_motion(_shake(grey, length, angle, noisy), 6.0, 6.0)
        assert shake is not None
        assert abs(shake.length - length) < 1.0, (length, angle, shake)
        assert _angle_gap(shake.angle, angle) < 5.0, (length, angle, shake)
        assert shake.ratio is not None and shake.ratio < 0.75


def test_deconvolution_brings_the_strokes_back() -> None:
    grey, _, _ = _page("giay_khai_sinh")
    kernel = line_kernel(9.0, 30.0)
    blurred = cv2.filter2D(grey, -1, kernel)
    restored = deconvolve(blurred, kernel, 0.01)
    ink = grey < 100

    def error(img: np.ndarray) -> float:
        return float(np.abs(img.astype(np.float32) - grey)[ink].mean())

    assert error(restored) < 0.5 * error(blurred)
    # The paper stays paper: no grey veil, no halo of ringing over the white.
    level = float(np.percentile(grey, 90))
    paper = cv2.erode((grey > level - 8).astype(np.uint8), np.ones((25, 25), np.uint8)) > 0
    assert paper.sum() > 1_000_000
    assert np.percentile(restored[paper], 5) > level - 20


def test_a_sharp_page_and_an_evenly_blurred_page_are_left_alone() -> None:
    grey, _, _ = _page("giay_khai_sinh")
    applied, params = _motion_step(grey)
    assert not applied and "length" not in params  # crisp: the spectrum is not even taken
    # Out of focus: blurred every way alike, which a line kernel would not undo. Even
    # with the dip's strength let through, the edges are as flat one way as the other.
    defocused = cv2.GaussianBlur(grey, (0, 0), 4.0)
    applied, params = _motion_step(defocused, replace(PrepareOptions(), deblur_min_strength=0))
    assert not applied
    assert float(params["crisp"]) > 0.35  # type: ignore[arg-type]
    assert params["ratio"] is not None and float(params["ratio"]) > 0.9  # type: ignore[arg-type]


def test_the_stage_undoes_a_shake_on_the_page() -> None:
    grey, _, _ = _page("giay_khai_sinh")
    applied, params = _motion_step(_shake(grey, 10, 60.0, noisy=True))
    assert applied
    assert abs(float(params["length"]) - 10) < 1.5  # type: ignore[arg-type]


def test_a_shaken_id_card_is_read_once_the_shake_is_undone() -> None:
    # An ID card's small print runs together when shaken: the labels became garbage.
    grey, text, number = _page("can_cuoc")
    shaken = _shake(grey, 10, 30.0, noisy=True)
    options = OcrOptions()
    without = replace(options, prepare=replace(options.prepare, deblur=False))

    def cer(opts: OcrOptions) -> tuple[float, str]:
        _, rec = read_page(shaken, 300, opts)
        got, want = " ".join(rec.text.split()), " ".join(text.split())
        return Levenshtein.distance(got, want) / len(want), rec.text

    with_stage, read = cer(options)
    plain, _ = cer(without)
    assert number and number in read.replace(" ", "")
    assert with_stage < 0.05
    assert with_stage < plain / 3, (with_stage, plain)


def test_a_card_pattern_taken_for_a_shake_is_left_as_scanned() -> None:
    # A scanned ID card (benchmark corpus, unseen seed) whose background and layout pass
    # the spectral tests; deconvolving it rings every line into ghosts (CER 0.01 -> 0.81).
    spec = render_specimen(9018, "mild", "can_cuoc")
    image = np.asarray(spec.image.convert("RGB"))
    prepared = prepare_page(image, 300, PrepareOptions())
    step = next(s for s in prepared.steps if s.name == "motion")
    assert step.params["ratio"] is not None and step.params["ratio"] <= 0.75
    assert step.params["confident_words_after"] < step.params["confident_words_before"]
    assert not step.applied


def test_a_lightened_seal_is_not_deconvolved() -> None:
    # The seal stage lightens a red seal before this stage runs; that area no longer
    # follows the shake, and deconvolving it rang the seal into ghosts over the signature
    # block ("TM. ỦY BAN NHÂN DÂN" became "TiWfuIUWIMAXNAWMINN DÂN").
    spec = render_master(5, "giay_khai_sinh")
    rgb = np.asarray(spec.image.convert("RGB"))
    shaken = np.dstack([_shake(rgb[..., c], 10, 0.0) for c in range(3)])
    on = prepare_page(shaken, 300, PrepareOptions())
    off = prepare_page(shaken, 300, replace(PrepareOptions(), deblur=False))
    assert next(s for s in on.steps if s.name == "motion").applied
    boxes = next(s for s in on.steps if s.name == "seals").params["seals"]
    assert boxes
    changed = on.image != off.image
    back = np.linalg.inv(on.to_upright)  # the scan (flat, upright) -> what Tesseract reads
    for x, y, w, h in boxes:
        corners = np.array([[x, y, 1], [x + w, y + h, 1]], float) @ back.T
        (x0, y0), (x1, y1) = (corners[:, :2] / corners[:, 2:]).round().astype(int)
        assert not changed[y0:y1, x0:x1].any()
    assert changed.mean() > 0.05  # the rest of the page was deconvolved


def test_the_check_reads_in_the_pages_language() -> None:
    # A stage that judges its change by reading reads in the OCR's language: a language that
    # is not installed fails as the OCR itself would, rather than being judged in Vietnamese.
    grey, _, _ = _page("giay_khai_sinh")
    shaken = _shake(grey, 11, 20.0)
    with pytest.raises(TesseractMissing):
        prepare_page(shaken, 300, PrepareOptions(), language="sohoa_no_such_language")
    prepared = prepare_page(shaken, 300, PrepareOptions(), language="eng")
    assert next(s for s in prepared.steps if s.name == "motion").applied
