"""Finding the paper in a photo and undoing the perspective.

A phone photo shows the page as a bright quadrilateral on a desk. We look for it on a small
copy (paper is bright and unsaturated), check that it really is a page (four corners, a
plausible size, clearly brighter than what surrounds it), and warp it to a rectangle. A flatbed
scan, where the paper fills the frame, is left alone. Where the page runs out of the photo, the
side there follows the photo's edge, so no line of print beyond it is lost (``open_sides``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Any

import cv2
import numpy as np

from .measure import ID1_IN

WORK_SIDE = 640
SIDE_BAND = (3, 11)
"""Pixels (of the ~640 px copy) either side of a page side compared for its contrast."""
SIDE_PAPER = 0.88
"""Beyond a side at least this share of the brightness inside it and of the page's paper: the
paper goes on there. Measured on the benchmark photos: the desk (white desks too) beyond a
page's sides is at most 0.84 of the paper; beyond a side put on a line of text of a page
that runs out of the photo, 0.89 and up for nine in ten of them."""
SIDES = ("top", "right", "bottom", "left")
FRAME_TOL = 3.0
"""Pixels (of the ~640 px copy) from the photo's edge within which a side follows it."""
CUT_SHARE = 0.4
"""The least share of the photo a page the frame cuts covers: held so close that the paper
runs out of the photo, the camera sees mostly paper (0.75-0.79 on the benchmark's close
photos, 0.44 where only the head ran out). A quarter of a flat scan of a paper folded in four,
bounded by the frame and by two creases, covers 0.24: it is part of a page, not a page."""
SMALL_SHARE = 0.02
"""The smallest paper looked for, as a share of the photo: an ID card a seventh of a 4:3
frame's width (its print some 8 px high in a 12 MP photo, at the edge of legible)."""
SMALL_MAX_RATIO = 1.75
"""A small paper is mostly a card (1.586): seen at a slant, up to about 10 % longer."""
LEGAL_RATIO = 1.65
"""The longest paper a counter sees (legal, 8.5 x 14 in)."""
SQUARE_DEG = 8.0
"""A paper longer than legal (1.65) is taken, as an ID card, when its corners are this close
to right angles: cards photographed close and a little askew measured up to 1.71 with corners
within 6 degrees of square, while the bright patches of a page cut by a shadow that reached
that length had corners 18-30 degrees off."""
SMALL_ALONE = 0.25
"""A small paper is outlined only when no other bright patch is a quarter its size: with a
card's front and back photographed side by side, outlining one would drop the other (the
next largest patch measured 0.90-0.99 of the first there, 0.013 at most beside one card)."""


@dataclass(frozen=True)
class PageQuad:
    corners: np.ndarray
    """4x2 float32, full-resolution pixels, ordered top-left, top-right, bottom-right,
    bottom-left as they appear in the image."""
    area_share: float
    contrast: float
    """Mean brightness of the paper minus that of the surroundings."""
    open_sides: tuple[str, ...] = ()
    """Sides ("top", "right", "bottom", "left" of the quadrilateral) where the paper runs out
    of the photo: there the quadrilateral follows the frame, not the paper's edge."""
    card: bool = False
    """Most likely an ID card: less of the photo than a page photographed for itself covers,
    or longer than any paper (``LEGAL_RATIO``; taken only when photographed square)."""


@dataclass(frozen=True)
class PageSearch:
    """What ``find_page`` found on one page image, kept with the gate's verdict: the gate
    looks for the paper at the counter, and preparation then warps the same image by what it
    found instead of looking again (a tenth of a second a photo)."""

    image: str
    """``fingerprint`` of the image searched."""
    quad: PageQuad | None
    """The paper; None when there was no paper to find (a flatbed scan)."""

    def serves(self, image: np.ndarray) -> bool:
        """Whether this search was made on ``image``."""
        return self.image == fingerprint(image)

    def to_dict(self) -> dict[str, Any]:
        q = self.quad
        return {
            "image": self.image,
            "quad": None
            if q is None
            else {
                "corners": q.corners.tolist(),
                "area_share": q.area_share,
                "contrast": q.contrast,
                "open_sides": list(q.open_sides),
                "card": q.card,
            },
        }

    @classmethod
    def from_dict(cls, d: Any) -> PageSearch | None:
        """The search ``to_dict`` wrote; None when ``d`` is not one (a record of an older
        version, or none)."""
        try:
            q = d["quad"]
            quad = (
                None
                if q is None
                else PageQuad(
                    np.array(q["corners"], np.float32).reshape(4, 2),
                    float(q["area_share"]),
                    float(q["contrast"]),
                    tuple(str(s) for s in q["open_sides"]),
                    bool(q["card"]),
                )
            )
            return cls(str(d["image"]), quad)
        except (KeyError, TypeError, ValueError):
            return None


def fingerprint(image: np.ndarray) -> str:
    """A short digest of an image, its size and every 16th pixel each way: enough to tell
    the image a search was made on from another rendering, or another page, in a millisecond."""
    digest = hashlib.blake2b(repr(image.shape).encode(), digest_size=8)
    digest.update(np.ascontiguousarray(image[::16, ::16]).tobytes())
    return digest.hexdigest()


def _order(pts: np.ndarray) -> np.ndarray:
    s = pts.sum(axis=1)
    d = pts[:, 0] - pts[:, 1]
    return np.array(
        [pts[np.argmin(s)], pts[np.argmax(d)], pts[np.argmax(s)], pts[np.argmin(d)]],
        dtype=np.float32,
    )


def _quad_from_contour(contour: np.ndarray) -> np.ndarray | None:
    hull = cv2.convexHull(contour)
    peri = cv2.arcLength(hull, True)
    for eps in (0.01, 0.02, 0.03, 0.05, 0.08):
        approx = cv2.approxPolyDP(hull, eps * peri, True)
        if len(approx) == 4:
            return approx.reshape(4, 2).astype(np.float32)
    # A torn or occluded corner: fall back to the extreme points of the hull.
    pts = hull.reshape(-1, 2).astype(np.float32)
    return _order(pts) if len(pts) >= 4 else None


def _corner_cosines(q: np.ndarray) -> list[float]:
    """The cosine of each corner's interior angle (0 for a right angle)."""
    out = []
    for i in range(4):
        v1, v2 = q[i - 1] - q[i], q[(i + 1) % 4] - q[i]
        out.append(float(np.dot(v1, v2) / (np.linalg.norm(v1) * np.linalg.norm(v2) + 1e-6)))
    return out


def _angles_ok(q: np.ndarray) -> bool:
    # Interior angles between ~53 and ~127 degrees.
    return all(-0.6 < cos < 0.6 for cos in _corner_cosines(q))


def _candidates(small: np.ndarray) -> list[tuple[np.ndarray, float]]:
    """Quadrilaterals that may be the page, from a split of bright unsaturated paper, each
    with the area of the next largest bright patch of its split as a share of its own."""
    if small.ndim == 3:
        hsv = cv2.cvtColor(small, cv2.COLOR_RGB2HSV)
        score = hsv[..., 2].astype(np.float32) - 0.6 * hsv[..., 1].astype(np.float32)
    else:
        score = small.astype(np.float32)
    score = cv2.GaussianBlur(score, (0, 0), 2.0)
    score = cv2.normalize(score, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)
    quads = []
    otsu, _ = cv2.threshold(score, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    for t in (otsu, (otsu + 255) / 2, otsu * 0.75):
        bright: np.ndarray = ((score > t) * 255).astype(np.uint8)
        # Text and shadows punch holes in the paper; close them, then drop desk specks.
        bright = cv2.morphologyEx(
            bright, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (15, 15))
        )
        bright = cv2.morphologyEx(
            bright, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7))
        )
        cs, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        if cs:
            areas = sorted((cv2.contourArea(c) for c in cs), reverse=True)
            runner_up = areas[1] / max(areas[0], 1.0) if len(areas) > 1 else 0.0
            q = _quad_from_contour(max(cs, key=cv2.contourArea))
            if q is not None:
                quads.append((_order(q), runner_up))
    return quads


def _refine(logg: np.ndarray, quad: np.ndarray, keep: list[bool]) -> np.ndarray:
    """Move each side to the strongest paper edge nearby (within +-12 degrees and 10 % of the
    frame), then intersect the sides: a corner lost in a shadow is found again. The sides
    to ``keep`` (where the paper runs out of the photo) stay where they are.

    A side's strength is the median, along it, of how much brighter (in log light, so
    shadows do not matter) it is just inside than just outside: a page side is strong all
    along; a line of text or a stripe of the desk is not.
    """
    h, w = logg.shape
    reach = 0.1 * max(h, w)
    angles = np.radians(np.arange(-12, 12.1, 1.5))
    offsets = np.linspace(-reach, reach, 25)
    ts = np.linspace(-0.55, 0.55, 60)
    centre = quad.mean(axis=0)
    step = 2.5
    lines = []
    for i in range(4):
        a, b = quad[i].astype(np.float64), quad[(i + 1) % 4].astype(np.float64)
        if keep[i]:
            # No edge to find here, and the strongest line near the frame would tilt the
            # side across the page.
            lines.append((a, b - a))
            continue
        mid, d = (a + b) / 2, b - a
        length = np.linalg.norm(d)
        d /= max(length, 1e-6)
        c, s = np.cos(angles), np.sin(angles)
        dirs = np.stack([c * d[0] - s * d[1], s * d[0] + c * d[1]], axis=1)  # (A, 2)
        normals = np.stack([-dirs[:, 1], dirs[:, 0]], axis=1)
        inward = np.sign(((centre - mid) * normals).sum(axis=1, keepdims=True))
        normals = normals * np.where(inward == 0, 1, inward)
        mids = mid + normals[:, None, :] * offsets[None, :, None]  # (A, O, 2)
        pts = mids[:, :, None, :] + dirs[:, None, None, :] * (ts * length)[None, None, :, None]
        # Compare bands a few pixels wide: the paper is wide and even, a desk stripe is not.
        diff = np.zeros(pts.shape[:3])
        ok = np.ones(pts.shape[:3], bool)
        for k in (step, 2 * step, 3 * step):
            inner = pts + normals[:, None, None, :] * k
            outer = pts - normals[:, None, None, :] * k
            xi, yi = np.round(inner[..., 0]).astype(int), np.round(inner[..., 1]).astype(int)
            xo, yo = np.round(outer[..., 0]).astype(int), np.round(outer[..., 1]).astype(int)
            ok &= (
                (xi >= 0)
                & (xi < w)
                & (yi >= 0)
                & (yi < h)
                & (xo >= 0)
                & (xo < w)
                & (yo >= 0)
                & (yo < h)
            )
            diff += (
                logg[np.clip(yi, 0, h - 1), np.clip(xi, 0, w - 1)]
                - logg[np.clip(yo, 0, h - 1), np.clip(xo, 0, w - 1)]
            )
        score = np.where(ok.sum(axis=2) >= 15, _median_where(diff, ok), -1.0)
        ia, io = np.unravel_index(int(np.argmax(score)), score.shape)
        lines.append((mids[ia, io], dirs[ia]))
    corners = _corners(lines)
    return quad if corners is None else _order(corners)


def _corners(lines: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray | None:
    """Where each side (a point and a direction) meets the one before it; None when two
    neighbours are parallel."""
    corners = []
    for i in range(4):
        (p, u), (q, v) = lines[i - 1], lines[i]
        mat = np.array([u, -v]).T
        if abs(np.linalg.det(mat)) < 1e-6:
            return None
        t = np.linalg.solve(mat, q - p)
        corners.append(p + u * t[0])
    return np.array(corners, dtype=np.float32)


def _median_where(values: np.ndarray, ok: np.ndarray) -> np.ndarray:
    """Median over the last axis of the values where ``ok`` (``np.nanmedian`` without NaNs,
    several times faster: this runs on every side of every candidate page)."""
    n = ok.sum(axis=-1, keepdims=True)
    ordered = np.sort(np.where(ok, values, np.inf), axis=-1)
    lo = np.take_along_axis(ordered, np.maximum(n - 1, 0) // 2, axis=-1)
    hi = np.take_along_axis(ordered, n // 2, axis=-1)
    return ((lo + hi) / 2)[..., 0]


def _edge_support(grad: np.ndarray, quad: np.ndarray, cut: list[bool]) -> float:
    """Share of the quadrilateral's outline that runs along a strong edge.

    Outline off the photo counts as unsupported: a page that really runs off the photo
    still scores by the part in view, but a quadrilateral that took in a stretch of desk
    and put a corner outside the frame no longer outscores the page beside it. The sides
    where the frame ``cut`` the paper (``_cut_by_frame``) are not counted at all: a page
    whose corner runs out of a photo taken too close is outlined by its two sides in view.
    """
    h, w = grad.shape
    thr = float(np.percentile(grad, 90))
    hits = total = 0
    for a, b in [(quad[i], quad[(i + 1) % 4]) for i in range(4) if not cut[i]]:
        for t in np.linspace(0.05, 0.95, 40):
            x, y = a + (b - a) * t
            xi, yi = int(round(x)), int(round(y))
            total += 1
            if 2 <= xi < w - 2 and 2 <= yi < h - 2:
                hits += bool(grad[yi - 2 : yi + 3, xi - 2 : xi + 3].max() > thr)
    return hits / max(total, 1)


def _on_frame(a: np.ndarray, b: np.ndarray, w: int, h: int, tol: float = FRAME_TOL) -> bool:
    """Whether the side a-b runs along one edge of a ``w`` x ``h`` photo."""
    return any(
        abs(a[k] - edge) <= tol and abs(b[k] - edge) <= tol
        for k, edge in ((0, 0.0), (0, w - 1.0), (1, 0.0), (1, h - 1.0))
    )


def _cut_by_frame(grey: np.ndarray, quad: np.ndarray) -> list[bool]:
    """Per side: whether it runs along the photo's edge with paper, not desk, inside it (at
    least ``SIDE_PAPER`` of the paper's brightness, the 90th percentile inside ``quad``):
    the paper runs out of the photo there. A light desk that reaches the frame merges with
    the page into one bright patch whose side along the frame is desk (0.72-0.84 of the paper
    on the benchmark photos where that happened); that side is an outline still to find."""
    h, w = grey.shape[:2]
    on = [_on_frame(quad[i], quad[(i + 1) % 4], w, h) for i in range(4)]
    if not any(on):
        return on
    inside = np.zeros((h, w), np.uint8)
    cv2.fillConvexPoly(inside, quad.astype(np.int32), 255)
    paper = float(np.percentile(grey[inside > 0], 90)) if inside.any() else 255.0
    cut = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        inner = _band(grey, a, b, -_outward(quad, i), *SIDE_BAND) if on[i] else None
        cut.append(inner is not None and inner >= SIDE_PAPER * paper)
    return cut


def find_page(
    image: np.ndarray,
    min_share: float = 0.2,
    max_share: float = 0.93,
    min_contrast: float = 25.0,
    min_support: float = 0.6,
    small_share: float = SMALL_SHARE,
) -> PageQuad | None:
    """The paper's quadrilateral in a photo, or None (flatbed scan, or no clear page).

    A paper covering less than ``min_share`` of the photo (down to ``small_share``) is
    taken only when nothing larger is and it lies alone: an ID card photographed from
    standing height fills a twentieth of the frame, a page's own bright patches must not win
    over the page, and of two cards side by side neither may be cut away. A paper longer than
    any paper is taken only when photographed square (``SQUARE_DEG``), as a card.
    """
    h, w = image.shape[:2]
    f = min(1.0, WORK_SIDE / max(h, w))
    small = cv2.resize(image, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else image
    grey = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY) if small.ndim == 3 else small
    logg = np.log1p(cv2.GaussianBlur(grey, (0, 0), 1.5).astype(np.float32))
    grad = cv2.magnitude(cv2.Sobel(logg, cv2.CV_32F, 1, 0), cv2.Sobel(logg, cv2.CV_32F, 0, 1))
    # The best (edge support) of the papers of a usual size, and of the small ones.
    best: dict[bool, tuple[float, PageQuad]] = {}
    seen: list[np.ndarray] = []
    for raw, runner_up in _candidates(small):
        if any(np.abs(raw - q).max() < 4 for q in seen):
            continue
        seen.append(raw)
        raw_cut = _cut_by_frame(grey, raw)
        for quad in (_refine(logg, raw, raw_cut), raw):
            share = float(cv2.contourArea(quad)) / (small.shape[0] * small.shape[1])
            is_small = share < min_share
            # Where the frame cuts the paper, the part in view has no paper's proportions.
            cut = raw_cut if quad is raw else _cut_by_frame(grey, quad)
            if (
                not (small_share <= share <= max_share)
                or (is_small and runner_up > SMALL_ALONE)
                or not _angles_ok(quad)
                or not (
                    any(cut)
                    or _paper_shaped(
                        quad, hi=SMALL_MAX_RATIO if is_small or _square(quad) else LEGAL_RATIO
                    )
                )
            ):
                continue
            support = _edge_support(grad, quad, cut)
            contrast, paper = _contrast(grey, quad)
            if support < min_support or contrast < min_contrast:
                continue
            levels = _side_levels(grey, quad)
            running = _running_out(levels, paper)
            edges = sum(v is not None and i not in running for i, v in enumerate(levels))
            if any(cut) and (edges < 2 or (share < CUT_SHARE and not is_small)):
                continue  # paper the frame cuts: two edges of it in view, most of the photo
            if support > best.get(is_small, (0.0,))[0]:
                if running:
                    quad = _push_out(grey, quad, running, paper)
                opened = tuple(SIDES[i] for i, v in enumerate(levels) if v is None or i in running)
                best[is_small] = (
                    support,
                    PageQuad(
                        quad / f,
                        share,
                        contrast,
                        opened,
                        card=is_small or (not any(cut) and long_ratio(quad) > LEGAL_RATIO),
                    ),
                )
            break
    if False in best:
        return best[False][1]
    if True in best and small_share < min_share:
        return _closer(image, best[True][1], min_share, max_share, min_contrast, min_support)
    return None


def _closer(
    image: np.ndarray,
    quad: PageQuad,
    min_share: float,
    max_share: float,
    min_contrast: float,
    min_support: float,
) -> PageQuad:
    """A small paper outlined again on a crop around it, where it fills a good part of the
    640 px copy: found on the whole photo, its corners are only good to a few full-size
    pixels, and a sliver of desk along a side reads as a line of rubbish."""
    h, w = image.shape[:2]
    x, y, bw, bh = cv2.boundingRect(quad.corners.astype(np.int32))
    mx, my = int(bw * 0.3), int(bh * 0.3)
    x0, y0 = max(0, x - mx), max(0, y - my)
    x1, y1 = min(w, x + bw + mx), min(h, y + bh + my)
    near = find_page(
        image[y0:y1, x0:x1], min_share, max_share, min_contrast, min_support, small_share=min_share
    )
    if near is None:
        return quad
    corners = near.corners + np.array([x0, y0], np.float32)
    # The same paper, seen closer (a card 60 px from a scan's edge looked cut by it from afar).
    area = cv2.contourArea(corners) / max(cv2.contourArea(quad.corners), 1.0)
    if not 0.6 < area < 1.6:
        return quad
    return replace(near, corners=corners, area_share=quad.area_share * area, card=True)


def _side_levels(grey: np.ndarray, quad: np.ndarray) -> list[tuple[float, float] | None]:
    """Per side: the median brightness just inside it and just outside it (bands
    ``SIDE_BAND`` pixels from it), or None for a side off the photo (the page runs out of the
    frame there)."""
    out: list[tuple[float, float] | None] = []
    for i in range(4):
        a, b, n = quad[i], quad[(i + 1) % 4], _outward(quad, i)
        inner, outer = _band(grey, a, b, -n, *SIDE_BAND), _band(grey, a, b, n, *SIDE_BAND)
        out.append(None if inner is None or outer is None else (inner, outer))
    return out


def _in_frame(p: np.ndarray, w: int, h: int) -> np.ndarray:
    return (p[..., 0] >= 0) & (p[..., 0] < w) & (p[..., 1] >= 0) & (p[..., 1] < h)


def _running_out(levels: list[tuple[float, float] | None], paper: float) -> list[int]:
    """Sides in the photo that are not the paper's edge but a line across the paper: as bright
    beyond them as inside them and as the page's paper. Where a page runs out of the photo
    (the bottom lines cut by the frame), the fourth side was put on a line of text."""
    return [
        i
        for i, v in enumerate(levels)
        if v is not None and v[1] >= SIDE_PAPER * v[0] and v[1] >= SIDE_PAPER * paper
    ]


def _band(
    grey: np.ndarray, a: np.ndarray, b: np.ndarray, normal: np.ndarray, near: float, far: float
) -> float | None:
    """Median brightness of the band ``near``..``far`` pixels along ``normal`` from the side
    a-b; None when less than 30 % of it is in the photo."""
    h, w = grey.shape[:2]
    ts = np.linspace(0.1, 0.9, 40)[:, None, None]
    ks = np.arange(near, far, dtype=np.float32)[None, :, None]
    pts = a + (b - a) * ts + normal * ks
    ok = _in_frame(pts, w, h)
    if ok.mean() < 0.3:
        return None
    x, y = pts[ok].astype(int).T
    return float(np.median(grey[y, x]))


def _outward(quad: np.ndarray, i: int) -> np.ndarray:
    a, b = quad[i], quad[(i + 1) % 4]
    d = (b - a) / max(float(np.linalg.norm(b - a)), 1e-6)
    n = np.array([-d[1], d[0]], np.float32)
    return n if np.dot(quad.mean(axis=0) - (a + b) / 2, n) < 0 else -n


def _push_out(grey: np.ndarray, quad: np.ndarray, sides: list[int], paper: float) -> np.ndarray:
    """``quad`` with each of ``sides`` moved outwards over the paper beyond it, to where the
    desk begins or, where the paper runs out of the photo, to the photo's edge: the lines of
    print beyond the side stay on the page."""
    near, far = SIDE_BAND
    lines = []
    for i in range(4):
        a, b = quad[i].astype(np.float32), quad[(i + 1) % 4].astype(np.float32)
        if i in sides:
            n = _outward(quad, i)
            shift = 0.0
            while True:
                band = _band(grey, a, b, n, shift + near, shift + far)
                if band is None:
                    shift += near  # the photo's edge
                    break
                if band < SIDE_PAPER * paper:
                    break
                shift += far - near
            a, b = a + n * shift, b + n * shift
        lines.append((a.astype(np.float64), (b - a).astype(np.float64)))
    corners = _corners(lines)
    return quad if corners is None else corners


def _square(quad: np.ndarray) -> bool:
    """Every corner within ``SQUARE_DEG`` of a right angle: a paper photographed from
    straight above."""
    return all(abs(cos) <= np.sin(np.radians(SQUARE_DEG)) for cos in _corner_cosines(quad))


def long_ratio(quad: np.ndarray) -> float:
    """Long side over short side, each the mean of the two opposite sides."""
    tl, tr, br, bl = quad
    w = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    h = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    return float(max(w, h) / max(min(w, h), 1.0))


def _paper_shaped(quad: np.ndarray, lo: float = 1.2, hi: float = LEGAL_RATIO) -> bool:
    """Paper sizes at a counter run from Letter (1.29) through A4/A5 (1.41) to legal (1.65);
    a quadrilateral far outside that took in a stretch of desk."""
    return lo <= long_ratio(quad) <= hi


def _contrast(grey: np.ndarray, quad: np.ndarray) -> tuple[float, float]:
    """The paper's median brightness minus its surroundings', and the paper's."""
    inside = np.zeros(grey.shape[:2], np.uint8)
    cv2.fillConvexPoly(inside, quad.astype(np.int32), 255)
    ring = cv2.dilate(inside, np.ones((25, 25), np.uint8)) & ~cv2.dilate(
        inside, np.ones((9, 9), np.uint8)
    )
    core = cv2.erode(inside, np.ones((25, 25), np.uint8))
    if not ring.any() or not core.any():
        return 0.0, 0.0
    paper = float(np.median(grey[core > 0]))
    return paper - float(np.median(grey[ring > 0])), paper


A4_RATIO = 2**0.5
ID1_RATIO = ID1_IN[0] / ID1_IN[1]
CARD_PHOTO_RATIOS = (1.45, SMALL_MAX_RATIO)
"""A paper taken for a card (``PageQuad.card``) whose proportions measure in this range is
warped to an ID card's (1.586): cards photographed a little off square measured 1.43-1.84
(Zhang and He's ratio or the sides'). A paper this small that is not a card is rarely
legible anyway. A page of usual size in this range may be a card photographed close or a
page at a slant (``ocr.quality``)."""


def page_ratio(corners: np.ndarray, centre: tuple[float, float], card: bool = False) -> float:
    """Long/short side ratio of the real paper behind a photographed quadrilateral.

    Side lengths in the photo lie under perspective; with the camera's principal point at the
    image centre the true ratio follows from the quadrilateral alone (Zhang and He,
    "Whiteboard scanning and image enhancement", 2007). When the geometry is degenerate we
    average the sides. Ratios close to A4 are taken as A4, the paper counters see most, and
    with ``card`` (``PageQuad.card``) those close to an ID card's as the card's.
    """
    tl, tr, br, bl = (np.array([p[0] - centre[0], p[1] - centre[1], 1.0]) for p in corners)
    m1, m2, m3, m4 = tl, tr, bl, br
    ratio = None
    with np.errstate(all="ignore"):
        k2 = np.dot(np.cross(m1, m4), m3) / np.dot(np.cross(m2, m4), m3)
        k3 = np.dot(np.cross(m1, m4), m2) / np.dot(np.cross(m3, m4), m2)
        n2, n3 = k2 * m2 - m1, k3 * m3 - m1
        if abs(n2[2] * n3[2]) > 1e-9:
            f2 = -(n2[0] * n3[0] + n2[1] * n3[1]) / (n2[2] * n3[2])
            if f2 > 0:
                wsq = (n2[0] ** 2 + n2[1] ** 2) / f2 + n2[2] ** 2
                hsq = (n3[0] ** 2 + n3[1] ** 2) / f2 + n3[2] ** 2
                if wsq > 0 and hsq > 0:
                    ratio = float(np.sqrt(wsq / hsq))
        else:
            ratio = float(np.hypot(n2[0], n2[1]) / max(np.hypot(n3[0], n3[1]), 1e-9))
    w = (np.linalg.norm(corners[1] - corners[0]) + np.linalg.norm(corners[2] - corners[3])) / 2
    h = (np.linalg.norm(corners[3] - corners[0]) + np.linalg.norm(corners[2] - corners[1])) / 2
    sides = float(w / max(h, 1.0))
    # A photo that fits no camera (a bent page, a bad corner) gives a wild estimate: then
    # the average of the sides is the better guess.
    if ratio is None or not np.isfinite(ratio) or abs(np.log(ratio / sides)) > 0.15:
        ratio = sides
    long_short = max(ratio, 1 / ratio)
    if card and CARD_PHOTO_RATIOS[0] <= long_short <= CARD_PHOTO_RATIOS[1]:
        long_short = ID1_RATIO
    elif abs(long_short - A4_RATIO) < 0.12:
        long_short = A4_RATIO
    return long_short if w >= h else 1 / long_short


def warp_size(quad: PageQuad, shape: tuple[int, ...]) -> tuple[float, float]:
    """Width and height in pixels of the paper warped flat from a photo of ``shape``."""
    tl, tr, br, bl = quad.corners
    h_img, w_img = shape[:2]
    ratio = page_ratio(quad.corners, (w_img / 2, h_img / 2), card=quad.card)  # width / height
    sides = [
        np.linalg.norm(tr - tl),
        np.linalg.norm(br - bl),
        np.linalg.norm(bl - tl),
        np.linalg.norm(br - tr),
    ]
    # Keep the resolution of the page's better-resolved long side.
    if ratio >= 1:
        width = max(sides[0], sides[1])
        height = width / ratio
    else:
        height = max(sides[2], sides[3])
        width = height * ratio
    return float(width), float(height)


def warp_page(image: np.ndarray, quad: PageQuad) -> tuple[np.ndarray, np.ndarray]:
    """The page warped to a rectangle of the paper's proportions, and the 3x3 homography
    (source -> result pixels)."""
    width, height = warp_size(quad, image.shape)
    dst = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32)
    hmat = cv2.getPerspectiveTransform(quad.corners.astype(np.float32), dst)
    out = cv2.warpPerspective(
        image,
        hmat,
        (int(round(width)), int(round(height))),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REPLICATE,
    )
    return out, hmat
