"""Cheap measurements of a page image shared by the preparation stages and the quality gate."""

from __future__ import annotations

import cv2
import numpy as np

A4_LONG_IN = 11.69
ID1_IN = (3.370, 2.125)
"""ISO/IEC 7810 ID-1 (85.6 x 54 mm): the citizen ID card, driving licences, insurance cards."""
ID1_TOLERANCE = 0.03
"""Proportions this close to a card's (1.586) are a card's; a phone's frames are 1.33 and
1.78, a camera's 1.5, paper of the A series 1.41."""
MAX_PAPER_LONG_IN = 17.0
"""Longer than A3 (16.5 in): a declared dpi giving a larger paper is not physical (phones
write 72 dpi into 4000-pixel photos)."""


def as_uint8(image: np.ndarray) -> np.ndarray:
    """Any common array (grey, RGB, RGBA, 16-bit, float 0-1) as uint8 grey or RGB."""
    img = np.asarray(image)
    if img.dtype == np.uint16:
        img = (img >> 8).astype(np.uint8)
    elif img.dtype == bool:
        img = img.astype(np.uint8) * 255
    elif img.dtype != np.uint8:
        top = 1.0 if float(np.nanmax(img)) <= 1.0 else 255.0
        img = np.clip(np.nan_to_num(img) * (255.0 / top), 0, 255).astype(np.uint8)
    if img.ndim == 3 and img.shape[2] == 4:
        img = img[:, :, :3]
    if img.ndim == 3 and img.shape[2] == 1:
        img = img[:, :, 0]
    return np.ascontiguousarray(img)


def to_grey(image: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image


def is_colour(image: np.ndarray) -> bool:
    if image.ndim != 3:
        return False
    # A red seal may cover well under 1 % of a page: count coloured pixels, not a percentile.
    s = image[::4, ::4].astype(np.int16)
    spread = np.abs(s[..., 0] - s[..., 1]) + np.abs(s[..., 1] - s[..., 2])
    return int((spread > 60).sum()) >= 40


def plausible_dpi(dpi: int | float | None, shape: tuple[int, ...]) -> int | None:
    """The declared dpi if it describes a real paper size, else None."""
    if not dpi or dpi < 20:
        return None
    long_in = max(shape[:2]) / float(dpi)
    return int(round(dpi)) if long_in <= MAX_PAPER_LONG_IN else None


def is_card(shape: tuple[int, ...]) -> bool:
    """Whether an image has an ID-1 card's proportions: a card scanned alone, as a scanner
    that crops to what lies on the glass leaves it."""
    long, short = max(shape[:2]), min(shape[:2])
    return short > 1 and abs(long / short / (ID1_IN[0] / ID1_IN[1]) - 1) <= ID1_TOLERANCE


def dpi_from_size(shape: tuple[int, ...], card: bool = True) -> int:
    """Guess: the image is an A4 page (the most common paper at a counter), or an ID-1 card
    (a citizen ID card, a driving licence) when ``card`` and it has a card's proportions.
    A page outlined in a photo passes ``card=False``: perspective bends its proportions, and
    a landscape page photographed at a slant can look like a card."""
    if card and is_card(shape):
        return int(round(max(shape[:2]) / ID1_IN[0]))
    return int(round(max(shape[:2]) / A4_LONG_IN))


def shrink(image: np.ndarray, factor: float) -> np.ndarray:
    if factor >= 1.0:
        return image
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)


def background(grey: np.ndarray, char_px: float) -> np.ndarray:
    """The paper's brightness without the ink: a max filter wider than strokes, smoothed.

    Computed small (factor up to 8) so it stays cheap on a full page.
    """
    f = max(1, int(min(8, max(1, char_px / 4))))
    small = grey[::f, ::f] if f > 1 else grey
    k = max(3, int(char_px * 1.2 / f) | 1)
    bg = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    # Erode back a little less than we dilated: keeps the paper level at sharp shadow edges.
    bg = cv2.erode(bg, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k // 2 | 1, k // 2 | 1)))
    bg = cv2.blur(bg, (2 * k + 1, 2 * k + 1))
    if f > 1:
        bg = cv2.resize(bg, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
    return bg


def ink_mask(grey: np.ndarray, bg: np.ndarray | None = None, ratio: float = 0.72) -> np.ndarray:
    """Ink pixels (255) where the page is clearly darker than its local paper."""
    if bg is None:
        bg = background(grey, char_px=max(8.0, max(grey.shape) / 120))
    norm = grey.astype(np.float32) / np.maximum(bg.astype(np.float32), 1.0)
    mask = (norm < ratio) & (bg > 30)
    return mask.astype(np.uint8) * 255


def text_height(mask: np.ndarray) -> float | None:
    """Median height in pixels of character-like connected components of an ink mask
    (roughly the x-height to cap height of body text), or None when there is no text."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return text_height_of(stats, mask.shape)


def text_height_of(stats: np.ndarray, shape: tuple[int, ...]) -> float | None:
    """``text_height`` from the mask's component statistics (OpenCV's, background first)."""
    if len(stats) < 12:
        return None
    h = stats[1:, cv2.CC_STAT_HEIGHT].astype(np.float32)
    w = stats[1:, cv2.CC_STAT_WIDTH].astype(np.float32)
    area = stats[1:, cv2.CC_STAT_AREA].astype(np.float32)
    fill = area / np.maximum(1.0, h * w)
    # Characters: not specks, not rules or photos, not too thin/sparse.
    ok = (h >= 4) & (h <= 0.08 * max(shape)) & (w <= 4 * h) & (w >= 0.15 * h) & (fill > 0.12)
    if int(ok.sum()) < 10:
        return None
    # Accents, dots and broken strokes are small components: leave them out of the median.
    hs = h[ok]
    hs = hs[hs >= 0.5 * np.percentile(hs, 90)]
    return float(np.median(hs))


def speck_density(grey: np.ndarray) -> float:
    """Isolated dark pixels per thousand pixels of the page's middle half: photocopier dust,
    fax and salt-and-pepper noise. ``noise_sigma`` does not see them (it looks at flat paper
    only, and a speck is not flat). Body text at 150 dpi or more has none: a stroke's pixels
    have neighbours, and even an i's dot is several pixels wide."""
    h = grey.shape[0]
    band = grey[h // 4 : max(h // 4 + 1, 3 * h // 4)]
    paper = float(np.percentile(band[::4, ::4], 90))
    dark = (band < 0.6 * paper).astype(np.uint8)
    near = cv2.boxFilter(dark, cv2.CV_16U, (5, 5), normalize=False)
    # A speck of one or two pixels, nothing else dark within two pixels of it.
    isolated = (dark == 1) & (near <= 2)
    return 1000.0 * float(np.count_nonzero(isolated)) / max(1, isolated.size)


LOOSE_PX = 6
"""Most pixels of a loose speck: toner scattered by a worn printer, 2 x 2 at 300 dpi. A full
stop in body text is some 4 x 4; an i's dot is as big, and close to its stem."""
LOOSE_REACH = 11
"""Window (pixels) round a loose speck in which nothing else is dark."""


def loose_specks(grey: np.ndarray) -> np.ndarray:
    """Mask of the dark specks of at most ``LOOSE_PX`` pixels with nothing else dark within
    ``LOOSE_REACH // 2`` pixels of them: no letter, accent or full stop (each near a letter,
    or bigger), but Tesseract reads them as full stops and commas, or as accents on the
    letters next to them."""
    sample = np.ascontiguousarray(grey[::4, ::4])
    paper = float(np.percentile(sample, 90))
    # Dark by the page's own print, as Tesseract's (Otsu) threshold sees it: half way from
    # the paper to the print's median, so specks as pale as a toner-saving print count too.
    otsu, _ = cv2.threshold(sample, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    print_ = sample[sample < otsu]
    ink = float(np.median(print_)) if print_.size else 0.0
    dark = (grey < (paper + ink) / 2).astype(np.uint8)
    near = cv2.boxFilter(dark, cv2.CV_16U, (7, 7), normalize=False)
    reach = cv2.boxFilter(dark, cv2.CV_16U, (LOOSE_REACH, LOOSE_REACH), normalize=False)
    # All of the speck lies within the 7 x 7 window, and the larger one holds nothing more.
    return (dark == 1) & (near <= LOOSE_PX) & (reach == near)


FLAT_MIN = 0.25
"""Share of a page's pixels that must look flat for its noise to be judged on them alone."""


def noise_sigma(grey: np.ndarray) -> float:
    """Noise estimate (grey levels) from the flat paper: robust spread of a high-pass."""
    # Striding (not averaging) keeps the per-pixel noise; a third of the rows is plenty.
    step = max(1, int(max(grey.shape) / 1200))
    g = grey[::step, ::step].astype(np.float32)
    hp = g - cv2.blur(g, (3, 3))
    flat = cv2.blur(np.abs(cv2.Laplacian(g, cv2.CV_32F)), (9, 9)) < 40
    vals = hp[flat][::4]
    # Grain of sigma ~10 and more leaves little paper flat. The flat pixels are then a patch
    # made white (a seal lifted, a blown-out spot), which would read as no noise at all: the
    # whole page is judged instead. Pages with paper measure 0.78 flat and more.
    if flat.mean() < FLAT_MIN:
        vals = hp.ravel()[::4]
    mad = float(np.median(np.abs(vals - np.median(vals))))
    # 1.4826 * MAD is sigma of the high-pass; the 3x3 box high-pass keeps ~0.94 of the noise.
    return 1.4826 * mad / 0.94
