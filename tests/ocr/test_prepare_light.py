"""Light, faint print, noise and dust: shadows divided out, faint ink darkened, grain and
specks filtered (hairline rules kept), a worn printer's loose toner specks painted out; an
even, clean page is left alone."""

from __future__ import annotations

import dataclasses
import functools

import cv2
import numpy as np
import pytest

from ocr.pipeline import OcrOptions, read_page
from ocr.prepare import PrepareOptions
from ocr.prepare.denoise import denoise
from ocr.prepare.light import normalise_light, paper_unevenness
from ocr.prepare.measure import background, noise_sigma, shrink, speck_density, to_grey
from ocr.synthetic import render_master
from ocr.tables import find_tables
from tests.utils.text import cer


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
    clean = denoise(page(), 3.0)
    assert not clean.applied and clean.grey is page()
    rng = np.random.default_rng(0)
    noisy = np.clip(page() + rng.normal(0, 12, page().shape), 0, 255).astype(np.uint8)
    res = denoise(noisy, 3.0)
    assert res.applied and res.sigma > 8
    assert noise_sigma(res.grey) < 0.6 * noise_sigma(noisy)


def test_heavy_grain_is_seen_beside_a_patch_made_white() -> None:
    """Grain of sigma 30 leaves no paper flat; a seal lifted to white earlier (a patch of
    pure 255, 4 % of the page) must not pass for the page's paper and hide the grain."""
    rng = np.random.default_rng(2)
    grainy = np.clip(page() + rng.normal(0, 30, page().shape), 0, 255).astype(np.uint8)
    h, w = grainy.shape
    grainy[h // 2 : h // 2 + h // 5, w // 3 : w // 3 + w // 5] = 255
    res = denoise(grainy, 3.0)
    assert res.sigma > 10
    assert res.applied


def dusty() -> np.ndarray:
    """The page from a dirty photocopier: black and white specks of one pixel, 0.6 % of them."""
    rng = np.random.default_rng(1)
    out = page().copy()
    hit = rng.random(out.shape)
    out[hit < 0.003] = 0
    out[hit > 0.997] = 255
    return out


def test_dust_specks_are_measured_and_filtered_out() -> None:
    assert speck_density(page()) < 0.1
    res = denoise(dusty(), 3.0)
    # The specks do not raise the noise estimate of the flat paper, yet they are seen.
    assert res.sigma < 3.0 and res.specks > 2.0
    assert res.applied and res.kernel == 3
    assert speck_density(res.grey) < 0.1 * res.specks  # nine in ten specks gone
    ink = page() < 100
    assert np.median(res.grey[ink]) < 110  # the print survives the median


@functools.lru_cache(maxsize=1)
def certificate() -> tuple[np.ndarray, str]:
    """A marriage certificate (its table ruled) at 300 dpi, and its text."""
    spec = render_master(3, "giay_chung_nhan_ket_hon")
    return to_grey(np.asarray(spec.image.convert("RGB"))), spec.text


@functools.lru_cache(maxsize=2)
def toner_saving(speck: int = 125) -> tuple[np.ndarray, np.ndarray]:
    """The certificate from a worn laser printer in its toner-saving mode: print at half
    strength (~130) and a pixel thinner (the table's rules one pixel wide), and loose specks
    of toner, 2 x 2 pixels of grey ``speck``, over the page. Returns the page and where the
    specks are."""
    thin = cv2.dilate(certificate()[0], np.ones((2, 2), np.uint8))
    page = 250 - (250 - thin.astype(np.float32)) * 0.5
    seeds = (np.random.default_rng(3).random(page.shape) < 0.0004).astype(np.uint8)
    specks = cv2.dilate(seeds, np.ones((2, 2), np.uint8)).astype(bool)
    page[specks] = np.minimum(page[specks], speck)
    return page.astype(np.uint8), specks


@pytest.mark.parametrize("speck", [125, 175])  # as dark as the print, and paler than it
def test_loose_toner_specks_are_painted_out_and_nothing_else_is_touched(speck: int) -> None:
    page, specks = toner_saving(speck)
    res = denoise(page, 3.0)
    assert res.applied and res.kernel == 0  # not the median: it would break the thin print
    assert res.loose > 1.0
    assert float((res.grey[specks] > 230).mean()) > 0.8  # those beside letters stay
    near = cv2.dilate(specks.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    assert int(np.count_nonzero((res.grey != page) & ~near)) < 50
    grids = find_tables(res.grey)  # the one-pixel rules are whole
    assert [(len(g.xs), len(g.ys)) for g in grids] == [(4, 8)]
    clean = denoise(certificate()[0], 3.0)
    assert not clean.applied and clean.loose < 0.1


def test_a_page_strewn_with_toner_specks_reads_as_if_they_were_not_there() -> None:
    """Tesseract reads the specks as full stops, commas and accents."""
    page, truth = toner_saving()[0], certificate()[1]
    _, on = read_page(page, 300, OcrOptions())
    off = dataclasses.replace(PrepareOptions(), denoise=False)
    _, without = read_page(page, 300, OcrOptions(prepare=off))
    assert cer(on.text, truth) < 0.03  # 0.019; its print without specks reads at 0.014
    assert cer(without.text, truth) > 0.15  # 0.32


def test_faint_print_is_darkened_and_the_paper_lifted() -> None:
    """A copy of a copy: ink of ~140 on grey paper of ~205."""
    faint = (205 - (255 - page().astype(np.float32)) * 0.3).astype(np.uint8)
    res = normalise_light(faint, 16.0, 0.08)
    assert res.applied and res.ink_level is not None and res.ink_level > 120
    ink, paper = page() < 100, page() > 230
    before = np.median(faint[paper]) - np.median(faint[ink])
    after = np.median(res.grey[paper]) - np.median(res.grey[ink])
    assert after >= 1.9 * before  # contrast about doubled
    assert np.median(res.grey[paper]) >= 240
    # A page whose print is dark already keeps it: only the paper's level is normalised.
    assert normalise_light(page(), 16.0, 0.08).ink_level is None


def test_a_blank_grey_page_is_not_stretched() -> None:
    blank = np.full((600, 400), 220, np.uint8)
    res = normalise_light(blank, 16.0, 0.08)
    assert res.ink_level is None and res.grey is blank


def test_heavy_noise_is_filtered_without_breaking_a_tables_hairline_rules() -> None:
    """A dim, grainy page lifted to white: noise of ~12 grey levels over a table ruled with
    2-pixel lines, which must stay whole for the table to be read row by row."""
    img = np.full((900, 1800), 235, np.uint8)
    xs, ys = (100, 500, 1100, 1700), (100, 300, 500, 700)
    for x in xs:
        img[ys[0] : ys[-1] + 2, x : x + 2] = 110
    for y in ys:
        img[y : y + 2, xs[0] : xs[-1] + 2] = 110
    rng = np.random.default_rng(5)
    noisy = np.clip(img + rng.normal(0, 12, img.shape), 0, 255).astype(np.uint8)
    res = denoise(noisy, 3.0)
    assert res.applied and res.sigma > 8
    grids = find_tables(res.grey)
    assert len(grids) == 1
    assert len(grids[0].xs) == len(xs) and len(grids[0].ys) == len(ys)
