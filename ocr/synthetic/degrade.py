"""What the counter's scanner or phone does to a clean page, at four levels of harm.

Two capture paths: a flatbed scan (skewed paper, a dpi setting, lid border, scanner noise) and
a phone photo (the page on a desk, perspective, uneven light and shadows, camera blur, JPEG).
Both may add fading ink, folds and a page put in upside down or sideways.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from PIL import Image

MASTER_DPI = 300


@dataclass(frozen=True)
class LevelSpec:
    phone: float
    """Share of phone photos (the rest are flatbed scans)."""
    skew: float
    """Largest |skew| in degrees."""
    rotations: tuple[tuple[int, int], ...]
    """(quarter-turn angle, weight): papers put in sideways or upside down."""
    dpis: tuple[int, ...]
    phone_dpi: tuple[int, int]
    perspective: float
    blur: tuple[float, float]
    """Gaussian sigma range, in pixels at 300 dpi."""
    noise: tuple[float, float]
    jpeg: tuple[int, int] | None
    light: float
    shadow: float
    fold: float
    fade: float


LEVEL_SPECS: dict[str, LevelSpec] = {
    "clean": LevelSpec(
        0.0,
        0.4,
        ((0, 1),),
        (300,),
        (300, 300),
        0.0,
        (0.0, 0.3),
        (0.0, 2.0),
        None,
        0.0,
        0.0,
        0.0,
        0.0,
    ),
    "mild": LevelSpec(
        0.25,
        3.0,
        ((0, 1),),
        (300, 300, 200),
        (200, 280),
        0.03,
        (0.2, 0.8),
        (1.0, 4.0),
        (75, 92),
        0.15,
        0.1,
        0.15,
        0.1,
    ),
    "moderate": LevelSpec(
        0.5,
        8.0,
        ((0, 6), (180, 2), (90, 1), (270, 1)),
        (300, 200, 150),
        (160, 240),
        0.06,
        (0.5, 1.2),
        (3.0, 7.0),
        (55, 80),
        0.35,
        0.35,
        0.4,
        0.2,
    ),
    "hard": LevelSpec(
        0.6,
        15.0,
        ((0, 5), (90, 1), (180, 2), (270, 1)),
        (150, 150, 200),
        (140, 200),
        0.09,
        (0.6, 1.4),
        (4.0, 10.0),
        (40, 70),
        0.55,
        0.6,
        0.6,
        0.3,
    ),
}


@dataclass(frozen=True)
class Capture:
    image: Image.Image
    dpi: int
    """Effective dpi: pixels per inch of paper."""
    declared_dpi: int | None
    """What the file says (phones write 72 whatever the real resolution)."""
    meta: dict[str, Any]


def degrade(rng: random.Random, page: Image.Image, level: str) -> Capture:
    spec = LEVEL_SPECS[level]
    img = np.asarray(page.convert("RGB"), dtype=np.float32)
    nprng = np.random.default_rng(rng.randrange(2**32))
    meta: dict[str, Any] = {"level": level}
    if spec.fade and rng.random() < 0.5:
        img = fade(img, rng.uniform(0.05, spec.fade))
    if rng.random() < spec.fold:
        img = fold(rng, img)
        meta["fold"] = True
    angles, weights = zip(*spec.rotations, strict=True)
    quarter = rng.choices(angles, weights)[0]
    skew = rng.uniform(-spec.skew, spec.skew)
    meta.update(rotation=quarter, skew=round(skew, 2))
    blur = rng.uniform(*spec.blur)
    if rng.random() < spec.phone:
        out, dpi = _phone(rng, nprng, img, spec, quarter, skew, blur, meta)
        declared: int | None = 72
    else:
        out, dpi = _flatbed(rng, nprng, img, spec, quarter, skew, blur, meta)
        declared = dpi
    jpeg = rng.randint(*spec.jpeg) if spec.jpeg else None
    result = Image.fromarray(out.clip(0, 255).astype(np.uint8))
    if jpeg:
        result = jpeg_roundtrip(result, jpeg)
        meta["jpeg"] = jpeg
    meta.update(blur=round(blur, 2), dpi=dpi)
    return Capture(result, dpi, declared, meta)


def fade(img: np.ndarray, amount: float) -> np.ndarray:
    """Toner running low: ink lighter, unevenly."""
    h, w = img.shape[:2]
    field = cv2.resize(
        np.random.default_rng(int(amount * 1e6)).random((8, 6)).astype(np.float32),
        (w, h),
        interpolation=cv2.INTER_CUBIC,
    )
    k = (amount * (0.5 + field))[..., None]
    return 255 - (255 - img) * (1 - k)


def fold(rng: random.Random, img: np.ndarray) -> np.ndarray:
    """A crease: a soft shaded band with a thin dark line, across or along the page."""
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if rng.random() < 0.6:
        pos = h * rng.choice((1 / 3, 1 / 2, 2 / 3)) + rng.uniform(-40, 40)
        slope = rng.uniform(-0.02, 0.02)
        d = yy - (pos + slope * xx)
    else:
        pos = w * 0.5 + rng.uniform(-40, 40)
        d = xx - pos
    width = rng.uniform(15, 60)
    depth = rng.uniform(0.08, 0.22)
    shade = (
        1
        - depth * np.exp(-((d / width) ** 2)) * (d > 0)
        + 0.05 * np.exp(-((d / width) ** 2)) * (d <= 0)
    )
    crease = 1 - rng.uniform(0.15, 0.4) * np.exp(-((d / 2.0) ** 2))
    return img * (shade * crease)[..., None]


def _rotate(img: np.ndarray, angle: float, border: tuple[float, float, float]) -> np.ndarray:
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    return cv2.warpAffine(img, m, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=border)


def _quarter(img: np.ndarray, angle: int) -> np.ndarray:
    # angle: how far the paper lies turned counter-clockwise.
    return np.ascontiguousarray(np.rot90(img, angle // 90))


def _flatbed(
    rng: random.Random,
    nprng: np.random.Generator,
    img: np.ndarray,
    spec: LevelSpec,
    quarter: int,
    skew: float,
    blur: float,
    meta: dict[str, Any],
) -> tuple[np.ndarray, int]:
    dpi = rng.choice(spec.dpis)
    meta["source"] = "flatbed"
    img = _quarter(img, quarter)
    lid = rng.uniform(225, 250)
    if abs(skew) > 0.05:
        img = _rotate(img, skew, (lid, lid, lid))
    if spec.light:
        img = img * _light_field(rng, img.shape[:2], spec.light * 0.5)[..., None]
    if blur > 0.05:
        img = cv2.GaussianBlur(img, (0, 0), blur)
    if dpi != MASTER_DPI:
        f = dpi / MASTER_DPI
        img = cv2.resize(img, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    if rng.random() < 0.5:
        img = img.mean(axis=2, keepdims=True).repeat(3, axis=2)  # greyscale scan
    sigma = rng.uniform(*spec.noise)
    img = img + nprng.normal(0, sigma, img.shape[:2])[..., None]
    return img, dpi


def _phone(
    rng: random.Random,
    nprng: np.random.Generator,
    img: np.ndarray,
    spec: LevelSpec,
    quarter: int,
    skew: float,
    blur: float,
    meta: dict[str, Any],
) -> tuple[np.ndarray, int]:
    meta["source"] = "phone"
    dpi = rng.randint(*spec.phone_dpi)
    h, w = img.shape[:2]
    f = dpi / MASTER_DPI
    if blur > 0.05:
        img = cv2.GaussianBlur(img, (0, 0), blur)
    page = cv2.resize(img, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    ph, pw = page.shape[:2]
    # The frame: the page plus a margin of desk; landscape pages get a landscape frame.
    margin = rng.uniform(0.08, 0.25)
    fw, fh = int(pw * (1 + 2 * margin)), int(ph * (1 + 2 * margin))
    if quarter in (90, 270):
        fw, fh = fh, fw
    desk = _desk(rng, nprng, (fh, fw))
    cx, cy = fw / 2, fh / 2
    corners = np.array([[-pw / 2, -ph / 2], [pw / 2, -ph / 2], [pw / 2, ph / 2], [-pw / 2, ph / 2]])
    theta = math.radians(quarter + skew)  # counter-clockwise on screen
    rot = np.array([[math.cos(theta), math.sin(theta)], [-math.sin(theta), math.cos(theta)]])
    dst = corners @ rot.T + [cx, cy]
    jitter = spec.perspective * min(pw, ph)
    dst += np.array([[rng.uniform(-jitter, jitter) for _ in range(2)] for _ in range(4)])
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], dtype=np.float32)
    hmat = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    warped = cv2.warpPerspective(page, hmat, (fw, fh), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(
        np.ones((ph, pw), np.float32), hmat, (fw, fh), flags=cv2.INTER_LINEAR
    )
    out = desk * (1 - mask[..., None]) + warped * mask[..., None]
    out = out * _light_field(rng, (fh, fw), spec.light)[..., None]
    if rng.random() < spec.shadow:
        out = out * _shadow(rng, (fh, fw))[..., None]
        meta["shadow"] = True
    if rng.random() < 0.3:  # hand shake
        k = rng.randint(3, 7)
        kernel = np.zeros((k, k), np.float32)
        kernel[k // 2, :] = 1 / k
        out = cv2.filter2D(
            out,
            -1,
            cv2.warpAffine(
                kernel, cv2.getRotationMatrix2D((k / 2, k / 2), rng.uniform(0, 180), 1.0), (k, k)
            ),
        )
    sigma = rng.uniform(*spec.noise)
    out = out + nprng.normal(0, sigma, out.shape).astype(np.float32)
    meta["perspective"] = dst.round(1).tolist()
    del h, w
    return out, dpi


def _desk(rng: random.Random, nprng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    base = np.array(
        rng.choice(
            (
                (120, 85, 55),
                (60, 60, 65),
                (160, 150, 135),
                (30, 35, 40),
                (200, 200, 205),
                (95, 70, 50),
            )
        ),
        dtype=np.float32,
    )
    h, w = shape
    grain = cv2.resize(
        nprng.normal(0, 1, (max(2, h // 40), max(2, w // 4))).astype(np.float32),
        (w, h),
        interpolation=cv2.INTER_LINEAR,
    )
    return base[None, None, :] * (1 + 0.12 * grain[..., None])


def _light_field(rng: random.Random, shape: tuple[int, int], strength: float) -> np.ndarray:
    """Uneven light: a tilted plane times a vignette, 1 at the brightest point."""
    h, w = shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    a = rng.uniform(0, 2 * math.pi)
    plane = np.cos(a) * xx / w + np.sin(a) * yy / h
    plane = (plane - plane.min()) / max(1e-6, float(np.ptp(plane)))
    cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
    r2 = ((xx - cx) / w) ** 2 + ((yy - cy) / h) ** 2
    field = (1 - strength * 0.6 * plane) * (1 - strength * 0.8 * r2)
    return field / field.max()


def _shadow(rng: random.Random, shape: tuple[int, int]) -> np.ndarray:
    """The soft shadow of a hand or phone across part of the page."""
    h, w = shape
    f = 8  # drawn small and blurred there: a huge-sigma blur at full size is slow
    sh, sw = max(2, h // f), max(2, w // f)
    mask = np.zeros((sh, sw), np.float32)
    pts = [(rng.uniform(-0.2, 1.2) * sw, rng.uniform(-0.2, 1.2) * sh) for _ in range(3)]
    edge = rng.choice(((0, 0), (sw, 0), (sw, sh), (0, sh)))
    cv2.fillPoly(mask, [np.array([edge, *pts], dtype=np.int32)], 1.0)
    mask = cv2.GaussianBlur(mask, (0, 0), max(sh, sw) * rng.uniform(0.02, 0.06))
    mask = cv2.resize(mask, (w, h), interpolation=cv2.INTER_LINEAR)
    return 1 - rng.uniform(0.25, 0.5) * mask


def jpeg_roundtrip(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).convert("RGB")
