"""Lighting normalisation: shadows are divided out; an evenly lit page is left alone."""

from __future__ import annotations

import functools

import numpy as np

from ocr.prepare.denoise import denoise
from ocr.prepare.light import normalise_light, paper_unevenness
from ocr.prepare.measure import background, noise_sigma, shrink, to_grey
from ocr.synthetic import render_master


@functools.lru_cache(maxsize=1)
def page() -> np.ndarray:
    return shrink(to_grey(np.asarray(render_master(5, "giay_phep_xay_dung").image)), 0.5)


def shadowed() -> np.ndarray:
    h, w = page().shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    field = 0.45 + 0.55 * (xx / w)  # a lamp on the right, the left side in shadow
    field[: h // 3, : w // 2] *= 0.75  # and a hand's shadow
    return (page().astype(np.float32) * field).astype(np.uint8)


def test_shadow_is_divided_out_and_text_kept() -> None:
    dark = shadowed()
    res = normalise_light(dark, 16.0, 0.08)
    assert res.applied
    before, _ = paper_unevenness(background(dark, 16.0))
    after, _ = paper_unevenness(background(res.grey, 16.0))
    assert before > 0.4 and after < 0.08
    ink = page() < 100
    assert np.median(res.grey[ink]) < 110  # text still dark
    assert np.median(res.grey[~ink]) > 225  # paper white again, in the shadow too


def test_even_page_is_left_alone() -> None:
    res = normalise_light(page(), 16.0, 0.08)
    assert not res.applied
    assert res.grey is page()


def test_denoise_only_when_noisy() -> None:
    clean = denoise(page(), 3.0, 18.0)
    assert not clean.applied and clean.grey is page()
    rng = np.random.default_rng(0)
    noisy = np.clip(page() + rng.normal(0, 12, page().shape), 0, 255).astype(np.uint8)
    res = denoise(noisy, 3.0, 18.0)
    assert res.applied and res.sigma > 8
    assert noise_sigma(res.grey) < 0.6 * noise_sigma(noisy)
