"""Negative pages (white print on black): told from dark photos and from paper on a dark
desk, turned positive before any other stage, read, and named by the gate instead of being
rejected as too dark."""

from __future__ import annotations

import dataclasses
import functools

import numpy as np

from ocr.pipeline import OcrOptions, read_page
from ocr.prepare import PrepareOptions, prepare_page
from ocr.prepare.measure import to_grey
from ocr.prepare.negative import is_negative
from ocr.quality import QualityOptions, assess_page
from ocr.synthetic import Specimen, render_master
from tests.utils.text import cer


@functools.lru_cache(maxsize=2)
def specimen(doc_type: str = "giay_khai_sinh") -> Specimen:
    return render_master(13, doc_type)


def clean(doc_type: str = "giay_khai_sinh") -> np.ndarray:
    return to_grey(np.asarray(specimen(doc_type).image.convert("RGB")))


def test_a_negative_page_and_a_negative_card_with_its_photo_are_told() -> None:
    assert is_negative(255 - clean(), 300)
    # The card's photo is a wide light patch in the negative; its print is still strokes.
    assert is_negative(255 - clean("can_cuoc"), 300)


def test_dark_photos_paper_on_a_dark_desk_and_black_margins_are_not_negatives() -> None:
    page = clean()
    dim = (page.astype(np.float32) * 0.35).astype(np.uint8)
    desk = np.full((3600, 2600), 30, np.uint8)
    small = page[::2, ::2]
    desk[900 : 900 + small.shape[0], 650 : 650 + small.shape[1]] = small
    margins = page.copy()
    margins[:, :250] = 10
    margins[:, -250:] = 10
    for image in (page, dim, desk, margins, clean("can_cuoc")):
        assert not is_negative(image, 300)


def test_the_pipeline_turns_a_negative_positive_first_and_reads_it() -> None:
    truth = specimen().text
    prepared = prepare_page(255 - clean(), 300, PrepareOptions())
    assert prepared.steps[0].name == "negative" and prepared.steps[0].applied
    assert not prepare_page(clean(), 300, PrepareOptions()).steps[0].applied
    _, base = read_page(clean(), 300, OcrOptions())
    _, rec = read_page(255 - clean(), 300, OcrOptions())
    assert cer(rec.text, truth) <= cer(base.text, truth) + 0.005
    # Without the stage every later one takes the black ground for paper: measured here.
    off = OcrOptions(prepare=dataclasses.replace(PrepareOptions(), positive=False))
    _, raw = read_page(255 - clean(), 300, off)
    assert cer(raw.text, truth) > 0.3


def test_the_gate_names_a_negative_instead_of_calling_it_too_dark() -> None:
    q = assess_page(255 - clean(), 300, QualityOptions())
    assert q.verdict == "warn"
    assert [r.code for r in q.reasons] == ["negative"]
    assert "đảo" in q.reasons[0].message_vi and "inverted" in q.reasons[0].message_en
    assert q.metrics["negative"] is True
    assert assess_page(clean(), 300, QualityOptions()).metrics["negative"] is False
