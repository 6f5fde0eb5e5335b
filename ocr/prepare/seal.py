"""Seal and stamp suppression: a colour page to grey with coloured seals and stamps lightened.

Vietnamese papers carry a red round seal over the signature and often over the signer's
title and name; a receiving office may add a blue or violet round stamp ("Đã thu phí") over
the print. Black ink under coloured ink stays dark in every channel, while the stamp's ink is
as light as the paper in its own colour's channel (red in the red channel, blue in the blue
one), so inside a stamp's box we take that channel instead of the luminance. A signature
in blue ink is round enough to be taken too, which is as well: it crosses the signer's printed
title and name. A certified copy carries a framed rectangular stamp ("SAO Y BẢN CHÍNH"),
often pressed over the body text; it is taken by its frame, a rectangle round a hole of paper.
Coloured *text* (a diploma's red title, a card's heading) is neither round nor framed, and is
kept as ordinary dark grey.

A land-use certificate is printed on security paper: a lotus-pink drum pattern of fine red
lines over the whole page, under black print and a red title. There the paper itself is red,
so the pale red of the pattern is lightened everywhere, while dark ink, the red title's
included, keeps its luminance; the seal is then told from the pattern by being redder than it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np

from .colour import blueness, redness
from .measure import background
from .pen import find_pen_strokes, lift_strokes


@dataclass(frozen=True)
class SealResult:
    grey: np.ndarray
    seals: list[tuple[int, int, int, int]]
    """Bounding boxes (x, y, w, h) of the seals and stamps found."""
    red_share: float
    """Share of the page's pixels with seal-red ink."""
    blue_share: float
    """Share of the page's pixels bluer than the paper by a stamp's margin."""
    pattern_red: float | None = None
    """Redness of the security paper's pattern lines that were lightened; None when the paper
    is not printed red."""
    strokes: list[tuple[int, int, int, int]] = field(default_factory=list)
    """Bounding boxes of the blue pen strokes lifted (``ocr.prepare.pen``)."""


RED = 45
"""Redness of seal ink on a good scan."""
BLUE = 30
"""Blueness of a blue or violet stamp's ink, above the page's own: ~45 on yellowed paper, more
on white; the colour fringes of black print in a JPEG stay below 20."""
FADED_RED = 25
"""Redness of a faded seal in a phone photo (JPEG and poor light wash the colour out); still
above black text's colour fringes and skin in an ID photo (~10-20)."""
PRINTED_BLUE = 0.6
"""Share of the page's ink (its dark pixels) that is blue above which the print itself is
blue (a carbon copy, the blue copy of a form set): its blue is not a stamp's or a pen's.
Such pages measured 0.90-1.0; pages with a blue stamp or pen strokes over black print
0.13-0.19, a diploma's blue ornaments 0.35."""
MIN_SHARE = 1e-4
"""Share of coloured pixels below which a page has no stamp worth looking for."""
PATTERN_SHARE = 0.15
"""Share of red pixels above which the paper itself is printed red (security paper: ~0.3-0.9).
Pages with seals, red headings and red borders stay below 0.05 (at most 0.04 on the benchmark
corpora, once the page is cut from its background)."""
PATTERN_INK = (110.0, 170.0)
"""Luminance below which a red pixel on security paper is ink (a red title ~80, a seal ~100)
and above which it is the pattern's pale line; between, it is taken in proportion."""
BOX_IN = (1.0, 4.0)
"""Long side of a framed rectangular stamp ("SAO Y BẢN CHÍNH", "ĐÃ ĐỐI CHIẾU") in inches."""
SEAL_DPI = 100.0
"""Coloured marks are looked for on a copy of about this resolution."""

Ink = Callable[[np.ndarray], np.ndarray]


def find_seals(
    rgb: np.ndarray,
    dpi: int,
    min_in: float = 0.45,
    max_in: float = 2.6,
    min_strength: int = RED,
    ink: Ink = redness,
    small: np.ndarray | None = None,
) -> list[tuple[int, int, int, int]]:
    """Round marks of ``ink`` (red by default) between ``min_in`` and ``max_in`` inches
    across, and framed rectangular stamps (``BOX_IN`` long), its strength above
    ``min_strength``. ``small``: ``at_seal_dpi(rgb, dpi)``, when the caller has it."""
    f = min(1.0, SEAL_DPI / dpi)
    if small is None:
        small = at_seal_dpi(rgb, dpi)
    marked = (ink(small) > min_strength).astype(np.uint8) * 255
    if not marked.any():
        return []
    px = dpi * f
    k = max(3, int(px * 0.08) | 1)
    blob = cv2.morphologyEx(
        marked, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    )
    n, labels, stats, _ = cv2.connectedComponentsWithStats(blob)
    seals = []
    for i in range(1, n):
        x, y, w, h, _area = stats[i]
        side = max(w, h) / px
        round_ = min_in <= side <= max_in and is_round((x, y, w, h))
        boxy = BOX_IN[0] <= side <= BOX_IN[1] and 1.4 <= max(w, h) / max(min(w, h), 1) <= 6
        if not round_ and not (boxy and _framed(labels[y : y + h, x : x + w] == i)):
            continue
        # A seal is a ring with text: its ink sits mostly near its rim, not in a solid block.
        sub = marked[y : y + h, x : x + w]
        if sub.mean() / 255 > 0.75:
            continue
        seals.append((int(x / f), int(y / f), int(w / f), int(h / f)))
    # A stamp's inner ring is a blob of its own: keep the outer one.
    return [a for a in seals if not any(b != a and _inside(a, b) for b in seals)]


def at_seal_dpi(rgb: np.ndarray, dpi: int) -> np.ndarray:
    """The page at ``SEAL_DPI`` (as it is when coarser), where ``find_seals`` looks."""
    f = min(1.0, SEAL_DPI / dpi)
    return cv2.resize(rgb, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else rgb


def is_round(box: tuple[int, int, int, int]) -> bool:
    """Whether a mark's box is as wide as high, give or take a seal's smudge: a round seal."""
    return 0.7 <= box[2] / max(box[3], 1) <= 1.4


def _framed(blob: np.ndarray) -> bool:
    """Whether a blob (its bounding box's mask, gaps closed) is a frame round paper, as a
    rectangular stamp is: its largest hole is at least a third of its area and itself a
    rectangle. A heading's letters enclose only small holes; a seal's hole is round."""
    contours, hierarchy = cv2.findContours(
        blob.astype(np.uint8), cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE
    )
    if hierarchy is None:
        return False
    outer = [c for c, h in zip(contours, hierarchy[0], strict=True) if h[3] < 0]
    holes = [c for c, h in zip(contours, hierarchy[0], strict=True) if h[3] >= 0]
    if not outer or not holes:
        return False
    hole = max(holes, key=cv2.contourArea)
    area = cv2.contourArea(hole)
    (_, _), (rw, rh), _ = cv2.minAreaRect(hole)
    return (
        area >= max(cv2.contourArea(c) for c in outer) / 3
        and area >= 0.85 * rw * rh
        and max(rw, rh) >= 1.3 * min(rw, rh)
    )


def _overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _inside(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return (
        b[0] <= a[0] and b[1] <= a[1] and a[0] + a[2] <= b[0] + b[2] and a[1] + a[3] <= b[1] + b[3]
    )


def suppress_seals(rgb: np.ndarray, dpi: int) -> SealResult:
    """Greyscale page with red seals and blue or violet stamps lightened (luminance
    elsewhere)."""
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    sample = rgb[::4, ::4]
    red_map = redness(sample)
    share = float((red_map > FADED_RED).mean())
    blue_map = blueness(sample)
    # Blue or grey-blue paper is blue everywhere: a stamp is bluer than the page's own tone.
    blue_min = BLUE + int(np.median(blue_map))
    blue_share = float((blue_map > blue_min).mean())
    found: list[tuple[int, int, int, int]] = []
    # One small copy serves every search below (for red, faded red and blue marks).
    coarse = at_seal_dpi(rgb, dpi) if max(share, blue_share) >= MIN_SHARE else None
    faint = FADED_RED
    pattern_red: float | None = None
    if share >= PATTERN_SHARE:
        # The pattern's lines are most of the red on the page; the seal and red print, redder.
        lines = red_map[red_map > np.median(red_map) + FADED_RED / 2]
        if lines.size:
            pattern_red = float(np.median(lines))
            grey = lift_pattern(grey, rgb, pattern_red)
            faint = int(pattern_red) + FADED_RED
        else:
            # Paper red all over and evenly (warm light): no pattern, only the paper's tint.
            faint = int(np.median(red_map)) + FADED_RED
        found += find_seals(rgb, dpi, min_strength=faint, small=coarse)
    elif share >= MIN_SHARE:
        found += find_seals(rgb, dpi, small=coarse) or find_seals(
            rgb, dpi, min_strength=FADED_RED, small=coarse
        )
    for box in found:
        _lighten(grey, rgb, box, dpi, redness, 0, faint)
    strokes: list[tuple[int, int, int, int]] = []
    if blue_share >= MIN_SHARE and not _printed_blue(sample, blue_map, blue_min):
        stamps = find_seals(rgb, dpi, min_strength=blue_min, ink=blueness, small=coarse)
        # A signature over a seal is left to the seal's lifting and to the junk filter: the
        # seal's ink under it, lifted too, would leave the stroke's outline as scraps.
        strokes = [
            b
            for b in find_pen_strokes(rgb, dpi, blue_min)
            if not any(_overlaps(b, s) for s in found + stamps)
        ]
        for box in stamps:
            # Its faint end sits as far above the page's own blueness as a faded seal's red.
            _lighten(grey, rgb, box, dpi, blueness, 2, blue_min - BLUE + FADED_RED)
        lift_strokes(grey, rgb, strokes, blue_min, dpi)
        found += stamps
    return SealResult(grey, found, share, blue_share, pattern_red, strokes)


def _printed_blue(sample: np.ndarray, blue_map: np.ndarray, blue_min: int) -> bool:
    """Whether most of the ink on the page (``sample``, a strided copy) is blue: then the
    print is, and lightening its "stamps" (blocks of its own text) took the letters' marks
    (CER 0.074 against 0.000 on a carbon copy)."""
    lum = cv2.cvtColor(sample, cv2.COLOR_RGB2GRAY).astype(np.float32)
    ink = lum < 0.7 * float(np.percentile(lum, 90))
    return bool(ink.any()) and float((blue_map[ink] > blue_min).mean()) >= PRINTED_BLUE


def lift_pattern(grey: np.ndarray, rgb: np.ndarray, pattern_red: float) -> np.ndarray:
    """``grey`` with the pale red lines of security paper (``pattern_red`` red) taken from the
    red channel, where they are as light as the paper. Dark ink of any colour keeps its
    luminance, and so does red print, redder than the lines even where it is thin and pale."""
    lum = grey.astype(np.float32)
    red = redness(rgb).astype(np.float32)
    pale = np.clip((red - FADED_RED / 2) / FADED_RED, 0, 1)
    pale *= 1 - np.clip((red - pattern_red - FADED_RED / 2) / FADED_RED, 0, 1)
    dark, light = PATTERN_INK
    wgt = pale * np.clip((lum - dark) / (light - dark), 0, 1)
    return np.clip(lum * (1 - wgt) + rgb[..., 0] * wgt, 0, 255).astype(np.uint8)


def _lighten(
    grey: np.ndarray,
    rgb: np.ndarray,
    box: tuple[int, int, int, int],
    dpi: int,
    ink: Ink,
    channel: int,
    faint: int,
) -> None:
    """Inside ``box``, blend each pixel from luminance towards ``channel`` (where the stamp's
    ink is light) by how strongly it is stamp ink; in place."""
    x, y, w, h = box
    pad = int(dpi * 0.06)
    x0, y0 = max(0, x - pad), max(0, y - pad)
    x1, y1 = min(rgb.shape[1], x + w + pad), min(rgb.shape[0], y + h + pad)
    sub = rgb[y0:y1, x0:x1]
    strength = ink(sub).astype(np.float32)
    # Weight by ink strength so black ink keeps its luminance exactly; a faded stamp's weaker
    # colour counts in proportion to its own ink.
    inked = strength[strength > faint]
    level = float(np.percentile(inked, 75)) if inked.size else float(RED)
    lo = min(20.0, 0.3 * level)
    wgt = np.clip((strength - lo) / min(50.0, max(15.0, level - lo)), 0, 1)
    lum = grey[y0:y1, x0:x1].astype(np.float32)
    light = sub[..., channel].astype(np.float32)
    if channel != 0:
        # On tinted paper the stamp's own channel is darker than the paper's luminance
        # (yellowed paper has little blue): scale it so the paper stays the paper.
        paper_lum, paper_ch = np.percentile(lum, 90), np.percentile(light, 90)
        light = light * (paper_lum / max(paper_ch, 1.0))
    grey[y0:y1, x0:x1] = np.clip(lum * (1 - wgt) + light * wgt, 0, 255).astype(np.uint8)


# --- greyscale scans: the seal is a mid-grey ring, the text under it black ------------------


def _ring_share(mask: np.ndarray) -> float:
    """Share of a blob's pixels lying near the rim of its bounding circle (a seal: most).
    A blob with ink in its box's corners, beyond the circle, is a frame (a table's cell
    of grey rules), not a ring: 0."""
    ys, xs = np.nonzero(mask)
    if xs.size < 50:
        return 0.0
    h, w = mask.shape
    r = (h + w) / 4
    d = np.hypot(xs - w / 2, ys - h / 2) / max(r, 1)
    if (d > CORNER).mean() > MAX_CORNER_SHARE:
        return 0.0
    return float(((d > 0.72) & (d < 1.08)).mean())


CORNER = 1.15
MAX_CORNER_SHARE = 0.1
"""A ring's pixels lie within ``CORNER`` of its radius; a rectangular frame has a third of
its pixels beyond, in the corners. More than ``MAX_CORNER_SHARE`` there, and it is no seal."""


LINE_IN = 2.8
"""Length (inches) of a straight mid-grey line taken out before the seal is looked for: a
fold's crease or a pale rule crossing the seal would join its ring to a blob no seal fits.
Longer than any seal is across."""

GAP_IN = 0.1
"""Widest gap (inches) between the pieces of a seal's ring that is bridged when the ring is
not found whole: a pale ring broken by the print crossing it (0.06 in bridges the breaks of
a ring scanned well)."""

EDGE_CUT = 0.75
"""Beside a stroke's dark core, grey darker than this share of the way from the text's
level to the seal's is the stroke's edge, kept; lighter, it is the seal's ink touching it."""


def _erase_long_lines(mask: np.ndarray, length: float) -> None:
    """Clear straight runs of ``mask`` at least ``length`` px long, but not where something
    crosses them (a seal's ring stays whole); in place."""
    # A one-pixel line leaning between Hough's angle steps drifts off its bin before it is
    # long enough: thickened, it stays on it.
    thick = cv2.dilate(mask, np.ones((3, 3), np.uint8))
    lines = cv2.HoughLinesP(
        thick, 1, np.pi / 180, threshold=int(length / 2), minLineLength=int(length), maxLineGap=4
    )
    for x0, y0, x1, y1 in np.reshape(lines if lines is not None else [], (-1, 4)):
        band = np.zeros_like(mask)
        cv2.line(band, (int(x0), int(y0)), (int(x1), int(y1)), 255, 3)
        # Marks 3 px off the line on both sides cross it.
        n = np.array([y0 - y1, x1 - x0], np.float64)
        dx, dy = np.round(3 * n / max(float(np.hypot(*n)), 1.0)).astype(int)
        crossed = (_shift(mask, dx, dy) > 0) & (_shift(mask, -dx, -dy) > 0)
        mask[(band > 0) & ~crossed] = 0


def _shift(img: np.ndarray, dx: int, dy: int) -> np.ndarray:
    """``img`` moved ``dx`` px right and ``dy`` px down, zeros shifted in."""
    out = np.zeros_like(img)
    h, w = img.shape
    out[max(0, dy) : h + min(0, dy), max(0, dx) : w + min(0, dx)] = img[
        max(0, -dy) : h + min(0, -dy), max(0, -dx) : w + min(0, -dx)
    ]
    return out


def find_grey_seals(
    grey: np.ndarray, dpi: int, min_in: float = 0.45, max_in: float = 2.6, arcs: bool = True
) -> list[tuple[int, int, int, int]]:
    """Round mid-grey marks (a red seal scanned in greyscale) with clear rings.

    ``arcs``: where no whole ring is found, look again for one broken into arcs."""
    f = min(1.0, 150.0 / dpi)  # strokes of body text keep a dark core at 150 dpi
    small = cv2.resize(grey, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else grey
    px = dpi * f
    norm = small.astype(np.float32) / np.maximum(background(small, px / 10).astype(np.float32), 1)
    dark = (norm < 0.3).astype(np.uint8)
    near_dark = cv2.dilate(dark, np.ones((3, 3), np.uint8)) > 0
    mid = ((norm > 0.3) & (norm < 0.82) & ~near_dark).astype(np.uint8) * 255
    seals, crossed = _rings(mid, px, min_in, max_in)
    if not seals and arcs:
        # A faint ring broken into arcs where print crosses it and between its letters:
        # its pieces are joined across wider gaps.
        seals, crossed = _rings(mid, px, min_in, max_in, GAP_IN)
    for x, y, w, h in crossed:
        # A seal with a fold's line or a rule through it: looked for again without the line.
        sub = np.ascontiguousarray(mid[y : y + h, x : x + w])
        _erase_long_lines(sub, px * LINE_IN)
        seals += [(x + a, y + b, c, d) for a, b, c, d in _rings(sub, px, min_in, max_in)[0]]
    # A seal's inner ring is a blob of its own: keep the outer one.
    seals = [a for a in seals if not any(b != a and _inside(a, b) for b in seals)]
    return [(int(x / f), int(y / f), int(w / f), int(h / f)) for x, y, w, h in seals]


def _rings(
    mid: np.ndarray, px: float, min_in: float, max_in: float, gap_in: float = 0.06
) -> tuple[list[tuple[int, int, int, int]], list[tuple[int, int, int, int]]]:
    """Boxes of the ring-shaped blobs of ``mid`` a seal's size (its pieces joined across
    ``gap_in``), and of the blobs a seal's size across but longer than a line taken out
    (``LINE_IN``): a seal a line runs through."""
    k = max(3, int(px * gap_in) | 1)
    blob = cv2.morphologyEx(
        mid, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    )
    n, _, stats, _ = cv2.connectedComponentsWithStats(blob)
    seals = []
    crossed = []
    for i in range(1, n):
        x, y, w, h, _area = (int(v) for v in stats[i])
        side = max(w, h) / px
        if side >= LINE_IN and min_in <= min(w, h) / px <= max_in:
            crossed.append((x, y, w, h))
        if not (min_in <= side <= max_in and 0.75 <= w / max(h, 1) <= 1.33):
            continue
        sub = mid[y : y + h, x : x + w] > 0
        if not 0.05 < sub.mean() < 0.6 or _ring_share(sub) < 0.5:
            continue
        seals.append((x, y, w, h))
    return seals, crossed


def suppress_grey_seals(
    grey: np.ndarray,
    dpi: int,
    avoid: Sequence[tuple[int, int, int, int]] = (),
    min_in: float = 0.45,
    arcs: bool = True,
) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """Lighten mid-grey seal ink inside each seal's circle, keeping what is darker (text).

    ``avoid``: seals already lightened by their colour; what is left of them is not sought
    again. ``arcs``: as for ``find_grey_seals``."""
    found = find_grey_seals(grey, dpi, min_in, arcs=arcs)
    seals = [s for s in found if not any(_overlaps(s, a) for a in avoid)]
    if not seals:
        return grey, []
    out = grey.copy()
    kept = []
    for x, y, w, h in seals:
        pad = int(0.15 * max(w, h))
        x0, y0 = max(0, x - pad), max(0, y - pad)
        x1, y1 = min(grey.shape[1], x + w + pad), min(grey.shape[0], y + h + pad)
        sub = grey[y0:y1, x0:x1].astype(np.float32)
        paper = float(np.percentile(sub, 95))
        norm = sub / max(paper, 1.0)
        # The inks' levels are read without specks of dust: black specks would pass for the
        # text's level and put the cut below the real text, lifting it with the seal.
        steady = cv2.medianBlur(grey[y0:y1, x0:x1], 3).astype(np.float32) / max(paper, 1.0)
        ink = steady[steady < 0.85]
        if ink.size < 100:
            continue
        text_level = float(np.percentile(ink, 3))
        seal_level = float(np.median(ink))
        if seal_level - text_level < 0.25:
            continue  # seal and text inks too alike to part: leave the page as it is
        cut = text_level + 0.45 * (seal_level - text_level)
        yy, xx = np.mgrid[y0:y1, x0:x1]
        disc = np.hypot(xx - (x + w / 2), yy - (y + h / 2)) <= 0.62 * max(w, h)
        # The grey edge of a stroke of text (thin italic strokes are little else) touches its
        # dark core and is kept; the seal's own strokes have no such core.
        core = (norm <= cut).astype(np.uint8)
        near = cv2.dilate(core, np.ones((3, 3), np.uint8)) > 0
        edge = text_level + EDGE_CUT * (seal_level - text_level)
        lift = disc & (norm > cut) & ~(near & (norm <= edge))
        region = out[y0:y1, x0:x1]
        region[lift] = np.uint8(min(255, paper))
        kept.append((x, y, w, h))
    return out, kept
