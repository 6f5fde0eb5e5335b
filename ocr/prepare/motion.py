"""Motion blur: find a straight smear in the page's spectrum and undo it.

When the phone or the scanner's head moves while a page is captured, every stroke is smeared
along one line; small print (an ID card's labels) then runs together and Tesseract reads
garbage. A photo taken at a slant and stretched back flat is smeared the same way along the
stretch. Such a blur is a convolution with a short line segment, and it is invertible where
its spectrum is not zero.

Finding it (Cannon 1976, "Blind deconvolution of spatially invariant image blurs with
phase"): the spectrum of a line of length L has zeros every 1/L along the line, so the page's
log power spectrum carries a ripple of that period, and its cepstrum (the inverse transform
of the log spectrum) a sharp *negative* peak at distance L in the smear's direction. The log
spectra of the most contrasted tiles are averaged (Welch) so the peak stands out of the
text's own structure, whose dips lie at stroke width. A real smear also leaves the edges
along it flatter than across it (``Motion.ratio``); an even (focus) blur does not.

Undoing it: a Wiener filter with that line as the kernel, applied as a spatial kernel.

The pipeline (``ocr.prepare._motion``) takes the spectrum only on pages whose print is not
crisp, and keeps the result only when a band of text then reads more words surely: a card's
pattern can pass the spectral tests, and deconvolving it rings every line into ghosts.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

TILE = 256
"""Tile side for the spectrum (px). Shakes up to ~TILE/3 are measured; 128 px tiles
misplaced the dip of a noisy 10 px shake."""
MAX_TILES = 32
"""The most contrasted tiles are enough: 32 placed the dip of every shaken page measured
within 0.2 px of where 96 did, in 20 ms instead of 50."""
MIN_TILE_STD = 20.0
"""Tiles flatter than this (grey levels) are paper, not text."""
INNER_PX = 2.5
"""Cepstral peaks nearer the origin than this are the spectrum's overall slope."""
SUPERSAMPLE = 8
REACH = 10
"""The inverse of a smear rings on along its line; cut at this many kernel sizes it differs
from the exact (whole-page) Wiener filter by under 30 grey levels at its worst pixel."""


@dataclass(frozen=True)
class Motion:
    """A straight shake measured on the page."""

    length: float
    """Length of the smear in pixels."""
    angle: float
    """Direction in degrees counter-clockwise from the image's x axis, in [0, 180)."""
    strength: float
    """How far the cepstrum's dip at (length, angle) stands below the rest of the search
    disc, in standard deviations."""
    ratio: float | None
    """Gradient energy along the shake over that across it, on the text tiles: a shake
    flattens the edges along its direction (measured 0.13-0.69), text itself is about as
    sharp one way as the other (0.6-2.0). None when the dip was not worth measuring."""
    tiles: int
    """Text tiles the spectrum was averaged over."""

    def to_dict(self) -> dict[str, float | int | None]:
        return {
            "length": round(self.length, 2),
            "angle": round(self.angle, 1),
            "strength": round(self.strength, 1),
            "ratio": None if self.ratio is None else round(self.ratio, 3),
            "tiles": self.tiles,
        }


def _text_tiles(grey: np.ndarray) -> list[np.ndarray]:
    """The most contrasted tiles (half-overlapping grid), as float32 arrays."""
    step = TILE // 2
    h, w = grey.shape
    if h < TILE or w < TILE:
        return []
    # Per-tile standard deviation, measured on every 4th pixel: cheap and close enough.
    sub = grey[::4, ::4].astype(np.float32)
    k = TILE // 4
    mean = cv2.boxFilter(sub, -1, (k, k), anchor=(0, 0), borderType=cv2.BORDER_CONSTANT)
    sq = cv2.boxFilter(sub * sub, -1, (k, k), anchor=(0, 0), borderType=cv2.BORDER_CONSTANT)
    ys = np.arange(0, h - TILE + 1, step)
    xs = np.arange(0, w - TILE + 1, step)
    yy, xx = np.meshgrid(ys, xs, indexing="ij")
    var = sq[yy // 4, xx // 4] - mean[yy // 4, xx // 4] ** 2
    std = np.sqrt(np.maximum(var, 0)).ravel()
    order = np.argsort(-std, kind="stable")
    order = order[std[order] >= MIN_TILE_STD][:MAX_TILES]
    return [
        grey[y : y + TILE, x : x + TILE].astype(np.float32)
        for y, x in zip(yy.ravel()[order], xx.ravel()[order], strict=True)
    ]


def estimate_motion(
    grey: np.ndarray, min_length: float = 0.0, min_strength: float = 0.0, min_tiles: int = 12
) -> Motion | None:
    """The straight shake the page shows most clearly, or None when there is too little text
    to measure. Whether it is a real shake is the caller's decision. The gradient ``ratio``
    is only measured for a dip at least ``min_length`` long and ``min_strength`` strong
    (else None): most pages stop at the spectrum."""
    tiles = _text_tiles(grey)
    if len(tiles) < min_tiles:
        return None
    window = np.outer(np.hanning(TILE), np.hanning(TILE)).astype(np.float32)
    log_power = np.zeros((TILE, TILE), np.float32)
    for tile in tiles:
        spec = cv2.dft((tile - float(tile.mean())) * window, flags=cv2.DFT_COMPLEX_OUTPUT)
        log_power += np.log(spec[..., 0] ** 2 + spec[..., 1] ** 2 + 1e-3)
    cep = np.fft.fftshift(np.real(np.fft.ifft2(log_power / len(tiles))))
    c = TILE // 2
    yy, xx = np.mgrid[-c : TILE - c, -c : TILE - c]
    r = np.hypot(yy, xx)
    disc = (r > INNER_PX) & (r < TILE / 3)
    masked = np.where(disc, cep, np.inf)
    iy, ix = np.unravel_index(int(np.argmin(masked)), masked.shape)
    # Refine to sub-pixel with a parabola through the neighbours on each axis.
    dy = iy - c + _vertex(cep[iy - 1, ix], cep[iy, ix], cep[iy + 1, ix])
    dx = ix - c + _vertex(cep[iy, ix - 1], cep[iy, ix], cep[iy, ix + 1])
    values = cep[disc]
    strength = float((values.mean() - cep[iy, ix]) / (values.std() + 1e-12))
    angle = float(np.degrees(np.arctan2(-dy, dx))) % 180.0
    length = float(np.hypot(dy, dx))
    ratio = None
    if length >= min_length and strength >= min_strength:
        ratio = _directional_ratio(tiles, angle)
    return Motion(length, angle, strength, ratio, len(tiles))


def _directional_ratio(tiles: list[np.ndarray], angle: float) -> float:
    """Mean squared gradient along ``angle`` over that across it (the structure tensor)."""
    xx = xy = yy = 0.0
    for tile in tiles:
        gx = cv2.Sobel(tile, cv2.CV_32F, 1, 0)
        gy = cv2.Sobel(tile, cv2.CV_32F, 0, 1)
        xx += float(cv2.sumElems(gx * gx)[0])
        xy += float(cv2.sumElems(gx * gy)[0])
        yy += float(cv2.sumElems(gy * gy)[0])
    ux, uy = np.cos(np.radians(angle)), -np.sin(np.radians(angle))  # image rows run down
    along = xx * ux * ux + 2 * xy * ux * uy + yy * uy * uy
    across = xx * uy * uy - 2 * xy * ux * uy + yy * ux * ux
    return float(along / max(across, 1e-9))


def _vertex(a: float, b: float, c: float) -> float:
    den = a - 2 * b + c
    return 0.0 if abs(den) < 1e-12 else float(np.clip(0.5 * (a - c) / den, -0.5, 0.5))


def line_kernel(length: float, angle: float) -> np.ndarray:
    """A normalised line segment of ``length`` px at ``angle`` degrees, anti-aliased."""
    n = int(np.ceil(length)) + 3
    n += 1 - n % 2  # odd, so the segment is centred on a pixel
    big = np.zeros((n * SUPERSAMPLE, n * SUPERSAMPLE), np.float32)
    c = (n * SUPERSAMPLE - 1) / 2
    a = np.radians(angle)
    half = (length - 1) / 2 * SUPERSAMPLE
    p0 = (c - half * np.cos(a), c + half * np.sin(a))
    p1 = (c + half * np.cos(a), c - half * np.sin(a))
    shift = 4
    cv2.line(
        big,
        (int(round(p0[0] * 16)), int(round(p0[1] * 16))),
        (int(round(p1[0] * 16)), int(round(p1[1] * 16))),
        1.0,
        SUPERSAMPLE,
        cv2.LINE_AA,
        shift,
    )
    kernel = cv2.resize(big, (n, n), interpolation=cv2.INTER_AREA)
    return kernel / kernel.sum()


def deconvolve(grey: np.ndarray, kernel: np.ndarray, nsr: float) -> np.ndarray:
    """Wiener deconvolution of ``grey`` by ``kernel`` with noise-to-signal ratio ``nsr``.

    The Wiener filter is built on a small grid and applied as a spatial kernel (``REACH``
    kernel lengths wide) rather than by transforming the whole page: six times faster, and
    the page's edges are mirrored, not wrapped round.
    """
    n = kernel.shape[0]
    side = REACH * n | 1
    grid = cv2.getOptimalDFTSize(4 * side)
    psf = np.zeros((grid, grid), np.float32)
    psf[:n, :n] = kernel
    psf = np.roll(psf, (-(n // 2), -(n // 2)), axis=(0, 1))  # kernel centre at the origin
    spectrum = np.fft.fft2(psf)
    wiener = np.conj(spectrum) / (np.abs(spectrum) ** 2 + nsr)
    inverse = np.fft.fftshift(np.real(np.fft.ifft2(wiener)))
    c, h = grid // 2, side // 2
    inverse = inverse[c - h : c + h + 1, c - h : c + h + 1].astype(np.float32)
    inverse /= inverse.sum()  # paper stays the paper's grey
    out = cv2.filter2D(grey.astype(np.float32), -1, inverse, borderType=cv2.BORDER_REFLECT)
    return np.clip(out, 0, 255).astype(np.uint8)


def text_band(grey: np.ndarray, rows: int) -> slice:
    """The ``rows`` high band of the page with the most ink (Otsu's threshold)."""
    rows = max(1, min(rows, grey.shape[0]))
    _, ink = cv2.threshold(grey, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    per_row = np.concatenate([[0], np.cumsum(ink.sum(axis=1, dtype=np.int64))])
    top = int(np.argmax(per_row[rows:] - per_row[:-rows]))
    return slice(top, top + rows)
