"""Pages of nothing but specks (a photo of noise) are set to paper and read as empty, while
grainy, dusty and screened pages of print are read as ever."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from ocr.pipeline import OcrOptions, read_page
from ocr.prepare import PrepareOptions, prepare_page
from ocr.prepare.measure import to_grey
from ocr.prepare.specks import count_specks
from ocr.quality import QualityOptions, assess_page
from ocr.synthetic import Specimen, render_master
from tests.utils.text import cer


@functools.lru_cache(maxsize=1)
def specimen() -> Specimen:
    return render_master(14, "xac_nhan_cu_tru")


def clean() -> np.ndarray:
    return to_grey(np.asarray(specimen().image.convert("RGB")))


def _noise(kind: str) -> np.ndarray:
    rng = np.random.default_rng(5)
    if kind == "colour":
        return rng.integers(0, 256, (3300, 2500, 3), dtype=np.uint8)
    if kind == "grey":
        return rng.integers(0, 256, (3300, 2500), dtype=np.uint8)
    return np.clip(200 + rng.normal(0, 62, (3300, 2500)), 0, 255).astype(np.uint8)


@pytest.mark.parametrize("kind", ["colour", "grey", "sensor"])
def test_a_page_of_noise_is_set_to_paper_and_read_as_empty(kind: str) -> None:
    # Read as it was, such a page ran past the three-minute page timeout.
    image = _noise(kind)
    prepared, reading = read_page(image, 300, OcrOptions())
    step = next(s for s in prepared.steps if s.name == "specks")
    assert step.applied and step.params["per_sq_in"] > 100
    assert reading.words == () or not reading.text.strip()
    # The page as scanned is what the PDF shows: nothing of it is lost.
    assert prepared.upright.shape[:2] == image.shape[:2]
    # The gate has told the clerk at upload: there is no page in the photo.
    q = assess_page(image, 300, QualityOptions())
    assert q.verdict == "reject" and "only_noise" in {r.code for r in q.reasons}


def test_pages_of_print_grainy_or_dusty_are_not_noise() -> None:
    page = clean()
    rng = np.random.default_rng(7)
    grainy = np.clip(page + rng.normal(0, 25, page.shape), 0, 255).astype(np.uint8)
    dusty = page.copy()
    spots = rng.random(page.shape)
    dusty[spots < 0.003] = 0
    dusty[spots > 0.997] = 255
    for image in (page, grainy, dusty):
        assert not count_specks(image, 300).noise
        assert "only_noise" not in {
            r.code for r in assess_page(image, 300, QualityOptions()).reasons
        }
    prepared = prepare_page(grainy, 300, PrepareOptions())
    assert not next(s for s in prepared.steps if s.name == "specks").applied
    _, reading = read_page(grainy, 300, OcrOptions())
    assert cer(reading.text, specimen().text) < 0.02
