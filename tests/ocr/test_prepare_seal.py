"""Red-seal suppression: the seal goes, the black text under it and red headings stay."""

from __future__ import annotations

import functools

import cv2
import numpy as np

from ocr.prepare.seal import find_seals, redness, suppress_grey_seals, suppress_seals
from ocr.synthetic import render_master


@functools.lru_cache(maxsize=1)
def sealed() -> tuple[np.ndarray, tuple[int, int]]:
    spec = render_master(1, "giay_xac_nhan_tinh_trang_hon_nhan")
    x, y, _ = spec.meta["seals"][0]
    return np.asarray(spec.image), (x, y)


def _window(img: np.ndarray, centre: tuple[int, int], r: int = 260) -> np.ndarray:
    x, y = centre
    return img[y - r : y + r, x - r : x + r]


def test_the_seal_is_found_where_it_was_stamped() -> None:
    page, (x, y) = sealed()
    seals = find_seals(page, 300)
    assert len(seals) == 1
    sx, sy, sw, sh = seals[0]
    assert abs(sx + sw / 2 - x) < 40 and abs(sy + sh / 2 - y) < 40


def test_seal_ink_turns_light_and_black_text_stays_dark() -> None:
    page, centre = sealed()
    grey = suppress_seals(page, 300).grey
    win_rgb, win_grey = _window(page, centre), _window(grey, centre)
    red = (redness(win_rgb) > 80) & (win_rgb.min(axis=2) > 20)
    black = win_rgb.max(axis=2) < 60  # black text, also where it lies under the seal
    assert red.sum() > 500 and black.sum() > 200
    assert np.median(win_grey[red]) > 190  # as light as paper
    lum = cv2.cvtColor(win_rgb, cv2.COLOR_RGB2GRAY)
    assert np.median(win_grey[red]) - np.median(lum[red]) > 25  # plain greyscale keeps it grey
    assert np.median(win_grey[black]) < 70


def test_red_text_that_is_not_a_seal_is_kept() -> None:
    page, _ = sealed()
    page = page.copy()
    cv2.putText(
        page, "GIAY KHAI SINH", (300, 3300), cv2.FONT_HERSHEY_SIMPLEX, 3.0, (190, 30, 35), 9
    )
    grey = suppress_seals(page, 300).grey
    stroke = redness(page[3200:3320, 300:1400]) > 80
    assert stroke.sum() > 1000
    assert np.median(grey[3200:3320, 300:1400][stroke]) < 110


def test_a_page_without_colour_is_untouched() -> None:
    page, _ = sealed()
    grey = cv2.cvtColor(page, cv2.COLOR_RGB2GRAY)
    rgb = cv2.cvtColor(grey, cv2.COLOR_GRAY2RGB)
    assert np.array_equal(suppress_seals(rgb, 300).grey, grey)


def test_greyscale_scan_of_a_seal_is_lightened_too() -> None:
    page, centre = sealed()
    grey = cv2.cvtColor(page, cv2.COLOR_RGB2GRAY)
    out, seals = suppress_grey_seals(grey, 300)
    assert seals
    win_rgb = _window(page, centre)
    red = (redness(win_rgb) > 80) & (win_rgb.min(axis=2) > 20)
    black = win_rgb.max(axis=2) < 60
    assert np.median(_window(out, centre)[red]) > 180
    assert np.median(_window(out, centre)[black]) < 80


def _faded(page: np.ndarray) -> np.ndarray:
    """The page as a phone photo in poor light shows it: colour washed two-thirds out."""
    img = page.astype(np.float32)
    grey = img.mean(axis=2, keepdims=True)
    return np.clip(grey + (img - grey) * 0.3, 0, 255).astype(np.uint8)


def test_a_faded_seal_is_still_found_and_lightened() -> None:
    page, centre = sealed()
    faded = _faded(page)
    win = _window(faded, centre)
    assert np.percentile(redness(win), 99.5) < 60  # too weak for a good scan's threshold
    assert find_seals(faded, 300) == []
    result = suppress_seals(faded, 300)
    assert len(result.seals) == 1
    seal_ink = redness(_window(page, centre)) > 80
    black = _window(page, centre).max(axis=2) < 60
    lum = cv2.cvtColor(win, cv2.COLOR_RGB2GRAY)
    win_grey = _window(result.grey, centre)
    # Only as light as its red channel lets it be, but clearly lighter than plain greyscale.
    assert np.median(win_grey[seal_ink]) - np.median(lum[seal_ink]) > 12
    assert np.median(win_grey[black]) < 90
