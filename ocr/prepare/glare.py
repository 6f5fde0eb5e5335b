"""Glare: a veil of reflected light over part of the page.

A page photographed in a plastic sleeve, or glossy paper under a lamp, reflects the light
source (a tube's stripe, a window's patch) from its surface. Under that reflection the print
keeps a third of its contrast and the paper stays paper. Tesseract thresholds the page once,
between its usual ink and paper; the pale print under the glare falls on the paper's side, and
whole words are dropped (CER 0.04-0.17 on such pages).

A veil belongs to the light, not to the print: it lifts every stroke under it, headings and
body alike, and fades in and out over an inch or two. Print that is pale of itself (a grey
stamp, the back page showing through, a grey table row, a photo's background round an ID
card) is pale piece by piece: its tiles sit on one level, a step away from the usual ink. So
the page is cut into half-inch tiles and each tile with print gets its darkest ink. Tiles whose
ink is well above the page's usual ink, joined into a region whose neighbouring tiles differ
by a graded ramp rather than sitting on one level, with print of full strength next to them,
are a veil; so is such a region, five square inches or more, whose ink rises steadily from one
side to the other (a window's reflection fading down from the page's head). Within it the
contrast is multiplied back towards the page's usual ink, varying smoothly from tile to tile.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from scipy.stats import spearmanr

TILE_IN = 0.5
"""Tiles are half an inch: three or four lines of print, a fraction of a glare's width."""
SAMPLE_DPI = 75
"""Tiles are measured on every few pixels, about this many to the inch: a stroke's core is
still sampled, and a page is measured in a few milliseconds."""
MIN_CONTRAST = 40
"""A tile's paper and darkest ink differ by this much at least for it to hold print."""
INK_SHARE = (0.03, 0.3)
"""Share of a tile darker than halfway between its ink and paper when it holds print (less is
a speck or a rule, more a picture or a dark band)."""
MIN_PRINTED = 12
"""Tiles with print a page needs for its usual ink to be known."""
LIFT = 40
"""A tile's darkest ink this far above the page's usual ink is lifted."""
MIN_TILES = 4
"""Lifted tiles a veil covers at least (a smaller pale patch is a stamp or a signature)."""
GRADED = 18.0
"""Median step of ink between neighbouring lifted tiles of a veil. Print pale of itself sits
on one level (steps of 0-16 on the 343 corpus pages with lifted tiles, when first measured);
a glare's veil ramps up and down (20-48 on 15 photos with glare). Even so the test fires on
37 of the 794 corpus and probe pages; the stage's read check keeps the change on 4 of them
and on 11 of those 15 photos."""
RAMP_TILES = 20
"""Lifted tiles a veil that ramps (``_ramps``) covers at least: five square inches, too many
to line up by chance."""
RAMP_ORDER = 0.8
"""Rank correlation of the ink's lift with the position along its rise over such a veil."""
RAMP_RISE = 50.0
"""How far the lift rises across the veil (a plane fitted to it). A window's reflection
fading down from the page's head lifts the ink a few levels a tile (median steps of 2-6 on
six probe photos, under ``GRADED``) but by 64-118 across it, in order (rank correlation
0.85-0.98), often with a blank line between it and the usual print (so no ``MIN_FLANK``).
On 342 benchmark pages no lifted region of 20 tiles or more rose by 50 in an order of 0.8
or more; the nearest, 0.79, a phone photo's shaded header, is also read the same with the
veil lifted (the stage's read check drops it)."""
MIN_FLANK = 4
"""Lifted tiles next to tiles of usual print: a veil over part of the page, not a page
printed pale all over (the lighting stage darkens that). A ramp (``_ramps``) shows that by
its rise."""
MAX_GAIN = 3.0
"""Contrast is at most tripled: a glare leaves print a third of its contrast at worst."""


@dataclass(frozen=True)
class GlareResult:
    grey: np.ndarray
    tiles: int
    """Tiles under a veil whose contrast was brought back (0: none found)."""
    lift: float = 0.0
    """How far the palest tile's ink was above the page's usual ink."""
    box: tuple[int, int, int, int] | None = None
    """x, y, width, height of the veil in the page, a tile wider on each side."""


def _tiles(img: np.ndarray, t: int) -> np.ndarray:
    ny, nx = img.shape[0] // t, img.shape[1] // t
    return img[: ny * t, : nx * t].reshape(ny, t, nx, t).transpose(0, 2, 1, 3).reshape(ny, nx, -1)


def _steps(lift: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Ink steps between 4-neighbouring tiles where ``a`` holds on one side and ``b`` on the
    other."""
    out = []
    for dy, dx in ((0, 1), (1, 0)):
        h, w = lift.shape[0] - dy, lift.shape[1] - dx
        step = np.abs(lift[:h, :w] - lift[dy:, dx:])
        pair = (a[:h, :w] & b[dy:, dx:]) | (b[:h, :w] & a[dy:, dx:])
        out.append(step[pair])
    return np.concatenate(out)


def _ramps(lift: np.ndarray, part: np.ndarray) -> bool:
    """Whether the ink's lift over a region of tiles (``part``) rises steadily across it, in
    one direction: a broad veil fading in from one side (see ``RAMP_RISE``)."""
    ys, xs = np.nonzero(part)
    if len(ys) < RAMP_TILES:
        return False
    design = np.column_stack([xs, ys, np.ones_like(xs)]).astype(np.float64)
    values = lift[part].astype(np.float64)
    coef, *_ = np.linalg.lstsq(design, values, rcond=None)
    rise = abs(coef[0]) * float(np.ptp(xs)) + abs(coef[1]) * float(np.ptp(ys))
    along = design[:, :2] @ coef[:2]
    if rise < RAMP_RISE or np.ptp(along) == 0 or np.ptp(values) == 0:
        return False
    return float(spearmanr(along, values).statistic) >= RAMP_ORDER


def remove_glare(grey: np.ndarray, dpi: int, keep_out: np.ndarray | None = None) -> GlareResult:
    """``grey`` with the print under a glare's veil brought back to the page's usual contrast.

    ``keep_out`` marks what other stages lightened on purpose (seals): those tiles are not read
    as print, or the seal would be darkened back."""
    s = max(1, round(dpi / SAMPLE_DPI))
    t = max(8, round(dpi / s * TILE_IN))
    small = grey[::s, ::s]
    tiles = _tiles(small, t)
    ny, nx = tiles.shape[:2]
    if ny < 3 or nx < 3:
        return GlareResult(grey, 0)
    n = tiles.shape[2]
    k_ink, k_paper = int(0.01 * n), int(0.9 * n)
    part = np.partition(tiles, (k_ink, k_paper), axis=2)
    ink = part[:, :, k_ink].astype(np.float32)
    paper = part[:, :, k_paper].astype(np.float32)
    dark = (tiles < ((ink + paper) / 2)[:, :, None]).mean(axis=2)
    printed = (paper - ink >= MIN_CONTRAST) & (dark >= INK_SHARE[0]) & (dark <= INK_SHARE[1])
    if keep_out is not None:
        printed &= ~(_tiles(keep_out[::s, ::s].astype(np.uint8), t).max(axis=2) > 0)
    if printed.sum() < MIN_PRINTED:
        return GlareResult(grey, 0)
    usual = float(np.percentile(ink[printed], 25))
    lift = ink - usual
    lifted = printed & (lift >= LIFT)
    # A veil's tiles join across a tile without print (a blank line, a gap between columns).
    joined = cv2.dilate(lifted.astype(np.uint8), np.ones((3, 3), np.uint8))
    count, label = cv2.connectedComponents(joined, connectivity=8)
    veil = np.zeros_like(lifted)
    for k in range(1, count):
        part_k = (label == k) & lifted
        if part_k.sum() < MIN_TILES:
            continue
        inner = _steps(lift, part_k, part_k)
        flank = _steps(lift, part_k, printed & ~lifted)
        graded = inner.size > 0 and float(np.median(inner)) >= GRADED
        # A ramp fades into the usual print of itself, across a blank line or not.
        if (graded and flank.size >= MIN_FLANK) or _ramps(lift, part_k):
            veil |= part_k
    if not veil.any():
        return GlareResult(grey, 0)
    ys, xs = np.nonzero(veil)
    size = t * s
    top, left = max(0, int(ys.min()) - 1) * size, max(0, int(xs.min()) - 1) * size
    bottom = min(grey.shape[0], (int(ys.max()) + 2) * size)
    right = min(grey.shape[1], (int(xs.max()) + 2) * size)
    return GlareResult(
        _lift_veil(grey, ink, paper, printed, veil, usual, size),
        int(veil.sum()),
        float(lift[veil].max()),
        (left, top, right - left, bottom - top),
    )


def _lift_veil(
    grey: np.ndarray,
    ink: np.ndarray,
    paper: np.ndarray,
    printed: np.ndarray,
    veil: np.ndarray,
    usual: float,
    tile_px: int,
) -> np.ndarray:
    # The veil's level between and round its print tiles: filled in from the nearest print,
    # then a 3x3 median so one heading or one sparse tile does not set a tile's gain.
    holes = (~printed).astype(np.uint8)
    level = cv2.inpaint(np.clip(ink, 0, 255).astype(np.uint8), holes, 3, cv2.INPAINT_TELEA)
    level = cv2.medianBlur(level, 3).astype(np.float32)
    # Contrast is multiplied about each tile's own paper, which so stays as it is.
    white = cv2.medianBlur(paper.astype(np.uint8), 3).astype(np.float32)
    gain = np.clip((white - usual) / np.maximum(white - level, 10.0), 1.0, MAX_GAIN)
    # One tile round the veil too, where its ramp starts below the lifted level.
    near = cv2.dilate(veil.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    gain = cv2.GaussianBlur(np.where(near, gain, 1.0).astype(np.float32), (3, 3), 0)
    full_gain, full_white = (_spread(f, tile_px, grey.shape) for f in (gain, white))
    out = full_white - (full_white - grey.astype(np.float32)) * full_gain
    return np.clip(out, 0, 255).astype(np.uint8)


def _spread(field: np.ndarray, tile_px: int, shape: tuple[int, ...]) -> np.ndarray:
    """A per-tile field drawn smoothly over the page's pixels."""
    h, w = shape[:2]
    ny, nx = field.shape
    full = cv2.resize(field, (nx * tile_px, ny * tile_px), interpolation=cv2.INTER_LINEAR)
    return cv2.copyMakeBorder(
        full, 0, max(0, h - full.shape[0]), 0, max(0, w - full.shape[1]), cv2.BORDER_REPLICATE
    )[:h, :w]
