"""OCR on degradations the corpus generator does not make: sohoa vs plain Tesseract.

    OMP_THREAD_LIMIT=1 .venv/bin/python bench/other_degradations.py --per-kind 10 \\
        [--seed-base 7000] [--kinds motion,fax] [--engines sohoa,tesseract] [--json F]

``bench/ocr_quality.py`` measures the pipeline on the levels of ``ocr.synthetic.degrade``,
the generator it was developed against. This one takes clean specimens of the same
generator and harms them in other ways, written apart from it: a dirty photocopier (dust
specks and streaks down the page), yellowed paper with a blue "paid" stamp over the print,
a faded copy, motion blur, show-through from the back, a fax (1-bit, 200 dpi), a grey JPEG
at quality 25, a 12-megapixel phone photo on a wooden desk, a page upside down and askew, a
photocopy's black margins, a sideways 150 dpi scan, an underexposed one, a certified
copy's red framed stamp over the text, a shaken phone shot (curved smear, noise, JPEG), the
pink security paper of a land-use certificate, two copies of a paper side by side on one
sheet, a 600 dpi scan, a photo of a booklet's bowed page, a crumpled page, a "BẢN SAO"
watermark across the page, a copy of a tinted form's dot screen, headings printed light
on dark bars, a dim shot's grain, a clerk's ballpoint marks over the print; and, written
later as a check on all the work before (none of it was tuned on them): a photo under warm
lamplight with dark corners, highlighter over lines, punched holes and a staple, a folded
corner, a photo of the page on a screen (moire), a steep phone shot, a 2-megapixel photo, a
dull grey scan with dust, a hand's shadow, and coffee rings; and last an inkjet's pale
bands across the print, a negative (white on black) and a mirrored selfie-camera photo,
found by two more such checks, and a dithered one-bit scan and glare on a plastic sleeve,
found by a fourth, and a photo taken so close that a corner of the page runs out of it and
a window's reflection fading down from the page's head, found by a fifth; a flat scan of a
paper folded in four, a dot-matrix print and a carbon copy, found by a sixth, and a worn
laser printer's toner-saving print strewn with loose specks, found by a seventh. Same
metrics as ``ocr_quality`` (CER on NFC, whitespace-collapsed text; exact 12-digit ID), per
kind, with the gate's verdicts, and sohoa's CER against Tesseract's last.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ocr_quality import cer, id_found, load, run_sohoa, run_tesseract  # noqa: E402

from ocr.memory import keep_freed_memory  # noqa: E402
from ocr.quality import QualityOptions, assess_page  # noqa: E402
from ocr.synthetic import DOC_TYPES, render_specimen  # noqa: E402
from ocr.synthetic.fonts import families  # noqa: E402

Harm = Callable[[np.ndarray, random.Random], tuple[np.ndarray, int]]
"""Clean RGB page at 300 dpi -> harmed image and the dpi its file declares."""


def _noise_rng(rng: random.Random) -> np.random.Generator:
    return np.random.default_rng(rng.randrange(2**32))


def _decoded(buf: np.ndarray, flags: int) -> np.ndarray:
    image = cv2.imdecode(buf, flags)
    assert image is not None
    return np.asarray(image)


def photocopier(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """Dust specks (0.6 % of the pixels black or white) and three streaks down the page."""
    out = img.copy()
    hit = _noise_rng(rng).random(out.shape[:2])
    out[hit < 0.003] = 0
    out[hit > 0.997] = 255
    for _ in range(3):
        x, width = rng.randrange(out.shape[1] - 3), rng.randint(1, 3)
        out[:, x : x + width] = (out[:, x : x + width] * rng.uniform(0.4, 0.7)).astype(np.uint8)
    return out, 300


def blue_stamp(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """Yellowed paper and a round blue "paid" stamp pressed over the print."""
    f = img.astype(np.float32) * np.array([255, 238, 185], np.float32) / 255
    h, w = img.shape[:2]
    cx, cy, r = int(w * rng.uniform(0.3, 0.7)), int(h * rng.uniform(0.3, 0.6)), int(w * 0.12)
    mask = np.zeros((h, w), np.uint8)
    cv2.circle(mask, (cx, cy), r, 255, 12)
    cv2.circle(mask, (cx, cy), r - 40, 255, 5)
    cv2.putText(mask, "DA THU PHI", (cx - r + 60, cy + 20), cv2.FONT_HERSHEY_SIMPLEX, 2.2, 255, 8)
    alpha = (mask > 0)[..., None] * 0.75
    f = f * (1 - alpha) + alpha * np.array([40, 60, 170], np.float32)
    return f.clip(0, 255).astype(np.uint8), 300


def faded(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A copy of a copy: grey paper (~205), ink at a third of its contrast."""
    paper = rng.uniform(195, 215)
    out = paper - (255 - img.astype(np.float32)) * rng.uniform(0.3, 0.4) * paper / 255
    return out.clip(0, 255).astype(np.uint8), 300


def motion(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """The scanner's head or the phone moved: 7-11 px of linear motion blur."""
    n = rng.randint(7, 11)
    line = np.zeros((n, n), np.float32)
    line[n // 2, :] = 1
    turn = cv2.getRotationMatrix2D((n / 2 - 0.5, n / 2 - 0.5), rng.uniform(0, 180), 1)
    kernel = cv2.warpAffine(line, turn, (n, n))
    return cv2.filter2D(img, -1, kernel / kernel.sum()), 300


def shaken_photo(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A hand that moved during a phone shot: a slightly curved 5-14 px path with soft ends,
    then the sensor's noise and the phone's JPEG (the ``motion`` kind is a clean straight
    smear)."""
    n, angle = rng.uniform(5, 14), np.radians(rng.uniform(0, 180))
    bend = 0.08 / n * rng.choice((-1, 1))
    kernel = np.zeros((31, 31), np.float32)
    for t in np.linspace(-n / 2, n / 2, 60):
        x, y = 15 + np.cos(angle) * t + bend * t * t, 15 - np.sin(angle) * t
        cv2.circle(kernel, (int(round(x * 8)), int(round(y * 8))), 4, 1.0, -1, shift=3)
    smeared = cv2.filter2D(img.astype(np.float32), -1, kernel / kernel.sum())
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, rng.uniform(2, 6), img.shape)
    noisy = np.clip(smeared + noise, 0, 255).astype(np.uint8)
    _, jpeg = cv2.imencode(".jpg", noisy, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(55, 85)])
    return np.asarray(cv2.imdecode(jpeg, cv2.IMREAD_UNCHANGED)), 300


def show_through(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """Thin paper: the back page's print shows through, mirrored, at a quarter strength."""
    back = cv2.flip(img, 1).astype(np.float32)
    out = img.astype(np.float32) * (1 - rng.uniform(0.2, 0.3) * (255 - back) / 255)
    return out.clip(0, 255).astype(np.uint8), 300


def fax(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """1-bit at 200 dpi, thresholded without care."""
    h, w = img.shape[:2]
    grey = cv2.cvtColor(
        cv2.resize(img, (w * 2 // 3, h * 2 // 3), interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2GRAY
    )
    return np.where(grey < rng.randint(130, 160), 0, 255).astype(np.uint8), 200


def grey_jpeg(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """Greyscale, 200 dpi, JPEG quality 20-30."""
    h, w = img.shape[:2]
    grey = cv2.cvtColor(
        cv2.resize(img, (w * 2 // 3, h * 2 // 3), interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2GRAY
    )
    _, buf = cv2.imencode(".jpg", grey, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(20, 30)])
    return _decoded(buf, cv2.IMREAD_GRAYSCALE), 200


def wooden_desk(
    noise: np.random.Generator, shape: tuple[int, int], grain: float, colour: tuple[int, ...]
) -> np.ndarray:
    """A desk's smooth grain in ``colour`` (RGB), ``shape`` (height, width) pixels."""
    big_h, big_w = shape
    desk = (noise.normal(0, 1, (big_h // 40, big_w // 40, 3)) * grain + colour).clip(0, 255)
    return cv2.resize(desk.astype(np.uint8), (big_w, big_h), interpolation=cv2.INTER_CUBIC)


def askew_corners(
    rng: random.Random, box: tuple[float, float, float, float], jitter: float
) -> np.ndarray:
    """The corners of ``box`` (x, y, w, h), clockwise from top left, each moved up to
    ``jitter`` px either way: a paper photographed a little off square."""
    x0, y0, w, h = box

    def j() -> float:
        return rng.uniform(-jitter, jitter)

    return np.array(
        [
            [x0 + j(), y0 + j()],
            [x0 + w + j(), y0 + j()],
            [x0 + w + j(), y0 + h + j()],
            [x0 + j(), y0 + h + j()],
        ],
        np.float32,
    )


def laid_on(desk: np.ndarray, img: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """``img`` seen on ``desk`` with its corners (clockwise from top left) at ``corners``."""
    h, w = img.shape[:2]
    size = (desk.shape[1], desk.shape[0])
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    m = cv2.getPerspectiveTransform(src, corners)
    page = cv2.warpPerspective(img, m, size)
    inside = cv2.warpPerspective(np.full((h, w), 255, np.uint8), m, size) > 128
    out = desk.copy()
    out[inside] = page[inside]
    return out


def on_desk(
    rng: random.Random,
    img: np.ndarray,
    size: tuple[int, int],
    page_h: int,
    grain: float,
    colour: tuple[int, ...],
) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    """A desk of ``size`` (height, width) pixels and the box (x, y, w, h) where ``img``,
    ``page_h`` pixels high, lies centred on it."""
    big_h, big_w = size
    desk = wooden_desk(_noise_rng(rng), size, grain, colour)
    h, w = img.shape[:2]
    pw = int(w * page_h / h)
    return desk, ((big_w - pw) / 2, (big_h - page_h) / 2, pw, page_h)


def phone_12mp(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A 3000 x 4000 phone photo of the page on a wooden desk, light falling off to the top."""
    desk, box = on_desk(rng, img, (4000, 3000), 3500, 20, (120, 90, 60))
    out = laid_on(desk, img, askew_corners(rng, box, 90))
    out = (out * np.linspace(0.75, 1.05, 4000)[:, None, None]).clip(0, 255).astype(np.uint8)
    _, buf = cv2.imencode(
        ".jpg", cv2.cvtColor(out, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 85]
    )
    return cv2.cvtColor(_decoded(buf, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB), 72


def upside_down(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """Fed upside down and 4-7 degrees askew, at 200 dpi."""
    h, w = img.shape[:2]
    small = cv2.resize(img, (w * 2 // 3, h * 2 // 3), interpolation=cv2.INTER_AREA)
    angle = 180 + rng.choice([-1, 1]) * rng.uniform(4, 7)
    sh, sw = small.shape[:2]
    m = cv2.getRotationMatrix2D((sw / 2, sh / 2), angle, 1)
    return cv2.warpAffine(small, m, (sw, sh), borderValue=(255, 255, 255)), 200


def black_margins(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A photocopy with the lid open: black all round the paper, 1-2.5 degrees askew."""
    h, w = img.shape[:2]
    out = np.full((h + 200, w + 160, 3), 25, np.uint8)
    out[100 : 100 + h, 80 : 80 + w] = img
    m = cv2.getRotationMatrix2D(
        (out.shape[1] / 2, out.shape[0] / 2), rng.choice([-1, 1]) * rng.uniform(1, 2.5), 1
    )
    return cv2.warpAffine(out, m, (out.shape[1], out.shape[0]), borderValue=(25, 25, 25)), 300


def sideways_150(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """Fed sideways at 150 dpi, a little soft."""
    h, w = img.shape[:2]
    small = cv2.GaussianBlur(
        cv2.resize(img, (w // 2, h // 2), interpolation=cv2.INTER_AREA), (0, 0), 0.7
    )
    return np.ascontiguousarray(np.rot90(small, rng.choice([1, 3]))), 150


def underexposed(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """Too little light: everything dark and grainy."""
    f = (img.astype(np.float32) / 255) ** 1.8 * rng.uniform(0.4, 0.5) * 255
    f += _noise_rng(rng).normal(0, 6, f.shape)
    return f.clip(0, 255).astype(np.uint8), 300


def box_stamp(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A certified copy: a red framed "SAO Y BAN CHINH" stamp (2.2 x 0.6 in, frame 0.7-1 mm,
    3-7 degrees askew) pressed over the body text; black print under it stays black."""
    h, w = img.shape[:2]
    bw, bh = 660, 180
    mask = np.zeros((h, w), np.uint8)
    x, y = int(w * rng.uniform(0.15, 0.45)), int(h * rng.uniform(0.35, 0.6))
    cv2.rectangle(mask, (x, y), (x + bw, y + bh), 255, rng.randint(8, 12))
    cv2.putText(mask, "SAO Y BAN CHINH", (x + 40, y + 115), cv2.FONT_HERSHEY_DUPLEX, 2.0, 255, 6)
    turn = cv2.getRotationMatrix2D(
        (x + bw / 2, y + bh / 2), rng.choice((-1, 1)) * rng.uniform(3, 7), 1
    )
    mask = cv2.warpAffine(mask, turn, (w, h))
    alpha = (mask.astype(np.float32) / 255 * 0.85)[..., None]
    f = img.astype(np.float32)
    f = f * (1 - alpha) + np.minimum(f, np.array([190, 35, 45], np.float32)) * alpha
    return f.clip(0, 255).astype(np.uint8), 300


def security_paper(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A land-use certificate's security paper: lotus-pink paper under a fine red guilloche and
    a faint round emblem, with the print on top (black, the motto and title in red)."""
    h, w = img.shape[:2]
    paper = np.array([rng.uniform(240, 250), rng.uniform(205, 225), rng.uniform(210, 228)])
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    lines = np.zeros((h, w), np.float32)
    for _ in range(3):
        f1, f2, phase = rng.uniform(0.01, 0.03), rng.uniform(0.002, 0.006), rng.uniform(0, 6)
        wave = np.abs(np.sin(yy * f1 + 20 * np.sin(xx * f2 + phase))) < 0.08
        lines = np.maximum(lines, wave.astype(np.float32))
    emblem = np.zeros((h, w), np.uint8)
    cv2.circle(emblem, (w // 2, h // 2), int(w * 0.3), 255, -1)
    glow = (cv2.GaussianBlur(emblem, (0, 0), 15).astype(np.float32) / 255 * 0.25)[..., None]
    line = lines[..., None] * 0.35
    base = paper * (1 - line) + np.array([200, 60, 80], np.float32) * line
    base = base * (1 - glow) + np.array([230, 150, 160], np.float32) * glow
    ink = img.astype(np.float32) / 255
    rows = np.nonzero((ink.min(axis=2) < 0.5).any(axis=1))[0]
    top = rows[0] + int(0.12 * (rows[-1] - rows[0])) if rows.size else 0
    dark = 1 - ink[:top].mean(axis=2, keepdims=True)
    ink[:top] = 1 - dark * (1 - np.array([190, 30, 40], np.float32) / 255)
    return (base * ink).clip(0, 255).astype(np.uint8), 300


def two_copies(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """Two copies of the paper side by side on one landscape sheet (a form's "liên 1" and
    "liên 2", or a certificate scanned open), each a little askew its own way, a shadow
    down the fold, scanned at 200 dpi. Its text is the page's twice (``TWICE``)."""
    h, w = img.shape[:2]
    pages = []
    for sign in (-1, 1):
        turn = cv2.getRotationMatrix2D((w / 2, h / 2), sign * rng.uniform(0.2, 0.6), 1.0)
        pages.append(cv2.warpAffine(img, turn, (w, h), borderValue=(255, 255, 255)))
    sheet = np.concatenate(pages, axis=1).astype(np.float32)
    x = np.arange(2 * w, dtype=np.float32)
    sheet *= (1 - 0.3 * np.exp(-np.abs(x - w) / 30))[None, :, None]
    sheet = cv2.resize(
        sheet.clip(0, 255).astype(np.uint8), None, fx=2 / 3, fy=2 / 3, interpolation=cv2.INTER_AREA
    )
    return sheet, 200


def _remapped(img: np.ndarray, dx: np.ndarray, dy: np.ndarray) -> np.ndarray:
    """``img`` sampled at each pixel's position moved by (dx, dy), white outside."""
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    return np.asarray(
        cv2.remap(
            img,
            xx + dx.astype(np.float32),
            yy + dy.astype(np.float32),
            cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=(255, 255, 255),
        )
    )


def _jpeg(img: np.ndarray, quality: int) -> np.ndarray:
    _, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])
    return _decoded(buf, cv2.IMREAD_UNCHANGED)


def scan_600dpi(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """An archival scan at 600 dpi (4960 x 7016), a little soft: four times the pixels."""
    out = cv2.resize(img, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    return cv2.GaussianBlur(out, (0, 0), rng.uniform(0.8, 1.4)), 600


def booklet_photo(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A phone photo of a page of a booklet held open (a household register, a passport-size
    book): lines bow up towards the spine and the paper darkens into it. 240 dpi, JPEG."""
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    spine = xx / w if rng.random() < 0.5 else 1 - xx / w
    bow = rng.uniform(25, 45) * np.exp(-6 * spine) * (2 * yy / h - 1)
    sag = rng.uniform(8, 18) * np.sin(np.pi * xx / w)
    shade = (1 - 0.35 * np.exp(-8 * spine))[..., None]
    out = (_remapped(img, np.zeros_like(xx), -bow + sag) * shade).clip(0, 255).astype(np.uint8)
    return _jpeg(cv2.resize(out, None, fx=0.8, fy=0.8), 80), 240


def crumpled(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A paper crumpled in a pocket and pressed flat: lines wander a few pixels, creases shade
    the page. JPEG."""
    h, w = img.shape[:2]
    noise = _noise_rng(rng)
    field = cv2.resize(noise.normal(0, 1, (8, 6, 2)).astype(np.float32), (w, h)) * rng.uniform(5, 9)
    out = _remapped(img, field[..., 0], field[..., 1]).astype(np.float32)
    creases = cv2.resize(noise.normal(0, 1, (12, 9)).astype(np.float32), (w, h))
    out *= (1 - 0.12 * np.abs(creases))[..., None]
    return _jpeg(out.clip(0, 255).astype(np.uint8), 75), 300


def copy_watermark(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A copy marked across the page in huge pale grey letters ("BẢN SAO"), 25-45 degrees."""
    h, w = img.shape[:2]
    layer = Image.new("L", (w, h), 0)
    font = families()[0][0].get("bold", int(w * 0.16))
    ImageDraw.Draw(layer).text(
        (w * 0.08, h * 0.4), rng.choice(["BẢN SAO", "MẪU", "COPY"]), font=font, fill=255
    )
    layer = layer.rotate(rng.uniform(25, 45), resample=Image.Resampling.BILINEAR)
    alpha = np.asarray(layer, np.float32)[..., None] / 255 * rng.uniform(0.25, 0.4)
    return (img * (1 - alpha) + 110 * alpha).clip(0, 255).astype(np.uint8), 300


def halftone_copy(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A copy of a paper printed on a tinted form: a screen of grey dots (5-8 px, 45 degrees)
    under the print."""
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    pitch = rng.uniform(5, 8)
    u, v = (xx + yy) / (pitch * np.sqrt(2)), (yy - xx) / (pitch * np.sqrt(2))
    dots = np.sin(2 * np.pi * u) * np.sin(2 * np.pi * v) > 0.55
    out = img.astype(np.float32)
    out[dots] *= 0.6
    return cv2.GaussianBlur(out, (0, 0), 0.7).clip(0, 255).astype(np.uint8), 300


def _print_lines(grey: np.ndarray) -> list[tuple[int, int]]:
    """(top, bottom) rows of the lines of print, found away from the sides (a diploma's
    border runs the page's length)."""
    w = grey.shape[1]
    rows = np.flatnonzero((grey[:, w // 8 : w - w // 8] < 128).any(axis=1))
    breaks = np.flatnonzero(np.diff(rows) > 1)
    return [
        (int(a), int(b))
        for a, b in zip(
            np.concatenate(([rows[0]], rows[breaks + 1])),
            np.concatenate((rows[breaks], [rows[-1]])),
            strict=True,
        )
        if b - a > 15
    ]


BAR_COLOURS = ((0.08, 0.08, 0.08), (0.12, 0.2, 0.45), (0.7, 0.1, 0.1), (0.1, 0.4, 0.2), (0.42,) * 3)
"""Black, navy, red, green and grey bars, as shares of full brightness."""


def dark_bars(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """One or two headings printed light on a dark bar (a certificate's title bar, a form's
    section heading), within the margins or across the page, in black, navy, red, green or
    grey; a JPEG at quality 85-92."""
    h, w = img.shape[:2]
    grey = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    lines = _print_lines(grey)
    out = img.astype(np.float32)
    first = rng.randrange(len(lines))
    apart = [k for k in range(len(lines)) if abs(k - first) > 2]  # bars never overlap
    for i in [first] + ([rng.choice(apart)] if apart and rng.random() < 0.5 else []):
        j = min(len(lines) - 1, i + rng.choice([0, 0, 1]))
        # Ground round the letters, short of the lines above and below.
        above = lines[i][0] - lines[i - 1][1] if i > 0 else 50
        below = lines[j + 1][0] - lines[j][1] if j + 1 < len(lines) else 50
        pad = max(4, min(25, above // 2 - 1, below // 2 - 1))
        y0, y1 = max(0, lines[i][0] - pad), min(h, lines[j][1] + pad)
        if rng.random() < 0.5:
            cols = np.flatnonzero((grey[y0:y1, w // 16 : w - w // 16] < 128).any(axis=0))
            x0, x1 = max(0, int(cols[0]) + w // 16 - 30), min(w, int(cols[-1]) + w // 16 + 30)
        else:
            x0, x1 = 150, w - 150
        colour = np.array(rng.choice(BAR_COLOURS), np.float32)
        light = 255 - out[y0:y1, x0:x1]  # the letters light, the paper dark
        out[y0:y1, x0:x1] = 255 * colour + light * (1 - colour)
    return _jpeg(out.clip(0, 255).astype(np.uint8), rng.randint(85, 92)), 300


def grain(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A dim shot in grey with the sensor's grain left in: noise of sigma 25-40, no filter."""
    grey = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY).astype(np.float32)
    grey += _noise_rng(rng).normal(0, rng.uniform(25, 40), grey.shape)
    return grey.clip(0, 255).astype(np.uint8), 300


PEN_COLOURS = ((30, 50, 160), (20, 30, 110), (10, 10, 10))
"""Blue, dark blue and black ballpoint."""


def pen_marks(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A clerk's ballpoint over the print while checking it: wavy underlines, circled words,
    ticks in the margin; a JPEG at quality 90."""
    out = img.copy()
    w = img.shape[1]
    lines = _print_lines(cv2.cvtColor(img, cv2.COLOR_RGB2GRAY))
    colour = rng.choice(PEN_COLOURS)
    for _, bottom in rng.sample(lines, min(4, len(lines))):
        x0, x1 = rng.randrange(200, w // 2), rng.randrange(w // 2, w - 200)
        wave = [[x, bottom + 6 + 4 * np.sin(x / 97.0)] for x in range(x0, x1, 10)]
        cv2.polylines(
            out, [np.array(wave, np.int32)], False, colour, rng.choice([3, 4]), cv2.LINE_AA
        )
    for _ in range(2):
        top, bottom = rng.choice(lines)
        centre = (rng.randrange(400, w - 400), (top + bottom) // 2)
        axes = (rng.randrange(150, 300), bottom - top + 10)
        cv2.ellipse(out, centre, axes, rng.uniform(-5, 5), 0, 360, colour, 3, cv2.LINE_AA)
    for _ in range(3):
        top, bottom = rng.choice(lines)
        x = rng.randrange(150, 260)
        tick = np.array([[x, bottom - 15], [x + 12, bottom], [x + 40, top - 20]], np.int32)
        cv2.polylines(out, [tick], False, colour, 4, cv2.LINE_AA)
    return _jpeg(out, 90), 300


def lamplight(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A photo under a warm lamp: orange cast, corners a third to a half darker, sensor
    noise, JPEG."""
    h, w = img.shape[:2]
    f = img.astype(np.float32) * np.array([1.0, rng.uniform(0.75, 0.85), rng.uniform(0.5, 0.6)])
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    r = np.hypot((xx - w / 2) / (w / 2), (yy - h / 2) / (h / 2)) / np.sqrt(2)
    f *= (1 - rng.uniform(0.35, 0.5) * r**2)[..., None]
    f += _noise_rng(rng).normal(0, 5, f.shape)
    return _jpeg(f.clip(0, 255).astype(np.uint8), 80), 300


HIGHLIGHTERS = ((255, 240, 60), (150, 240, 120), (255, 150, 200), (120, 200, 255))
"""Yellow, green, pink and blue highlighter."""


def highlighter(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """Up to five lines marked with a highlighter over most of their length."""
    out = img.astype(np.float32)
    lines = _print_lines(cv2.cvtColor(img, cv2.COLOR_RGB2GRAY))
    colour = np.array(rng.choice(HIGHLIGHTERS), np.float32) / 255
    w = img.shape[1]
    for top, bottom in rng.sample(lines, min(5, len(lines))):
        x0, x1 = rng.randrange(150, w // 3), rng.randrange(2 * w // 3, w - 150)
        out[max(0, top - 6) : bottom + 6, x0:x1] *= colour
    return out.clip(0, 255).astype(np.uint8), 300


def punched(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """Two punched holes in the left margin, a staple at the top left, 0-1.5 degrees askew."""
    h, w = img.shape[:2]
    out = img.copy()
    for cy in (h // 2 - 480, h // 2 + 480):
        cv2.circle(out, (120, cy), 36, (40, 40, 40), -1, cv2.LINE_AA)
    cv2.line(out, (60, 60), (200, 110), (90, 90, 90), 6, cv2.LINE_AA)
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-1.5, 1.5), 1)
    return cv2.warpAffine(out, turn, (w, h), borderValue=(255, 255, 255)), 300


def dog_ear(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """The top right corner folded over (1.5-2.5 cm): the desk where it was, the back of the
    paper over the page, a crease along the fold."""
    w = img.shape[1]
    out = img.copy()
    a = rng.randint(180, 300)
    cv2.fillConvexPoly(out, np.array([[w - a, 0], [w, 0], [w, a]], np.int32), (60, 60, 60))
    cv2.fillConvexPoly(out, np.array([[w - a, 0], [w, a], [w - a, a]], np.int32), (225, 225, 220))
    cv2.line(out, (w - a, 0), (w, a), (150, 150, 150), 4, cv2.LINE_AA)
    return out, 300


def screen_photo(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A photo of the page shown on a screen: moire bands (6-12 px), the screen's grey
    black, a little blur, JPEG."""
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    period, angle = rng.uniform(6, 12), rng.uniform(0, np.pi)
    wave = np.sin(2 * np.pi * (xx * np.cos(angle) + yy * np.sin(angle)) / period)
    f = img.astype(np.float32) * (1 - 0.12 * (0.5 + 0.5 * wave))[..., None]
    f = cv2.GaussianBlur(30 + f * 0.8, (0, 0), 1.0)
    return _jpeg(f.clip(0, 255).astype(np.uint8), 75), 300


def steep_photo(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A phone photo taken at a slant from the page's foot: the top 24-36 % narrower than
    the bottom, on a grey desk, 12 megapixels."""
    desk, (x0, y0, pw, ph) = on_desk(rng, img, (4000, 3000), 3300, 10, (90, 90, 95))
    squeeze = pw * rng.uniform(0.12, 0.18)
    corners = np.array(
        [
            [x0 + squeeze, y0 + 150],
            [x0 + pw - squeeze, y0 + 150],
            [x0 + pw + 60, y0 + ph],
            [x0 - 60, y0 + ph],
        ],
        np.float32,
    )
    return _jpeg(laid_on(desk, img, corners), 85), 72


def small_photo(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """An old phone's 2-megapixel photo (1200 x 1600) of the whole page on a desk: about
    120 dpi on the paper."""
    desk, (x0, y0, pw, ph) = on_desk(rng, img, (1600, 1200), 1450, 15, (140, 110, 80))
    page = cv2.resize(img, (int(pw) * 2, int(ph) * 2), interpolation=cv2.INTER_AREA)
    return _jpeg(laid_on(desk, page, askew_corners(rng, (x0, y0, pw, ph), 25)), 85), 72


def dull_scan(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A grey scan with the contrast turned down (ink 80-100, paper 215-230) and dust (0.4 %
    of the pixels black or white)."""
    grey = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY).astype(np.float32) / 255
    ink, paper = rng.uniform(80, 100), rng.uniform(215, 230)
    f = ink + grey * (paper - ink)
    hit = _noise_rng(rng).random(f.shape)
    f[hit < 0.002] = 0
    f[hit > 0.998] = 255
    return f.clip(0, 255).astype(np.uint8), 300


def hand_shadow(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """The shadow of the hand holding the phone: a soft dark oval (45-60 %) over a corner of
    the page, JPEG."""
    h, w = img.shape[:2]
    mask = np.zeros((h, w), np.uint8)
    centre = (int(w * rng.uniform(0.6, 1.0)), int(h * rng.uniform(0.5, 1.0)))
    axes = (int(w * 0.45), int(h * 0.3))
    cv2.ellipse(mask, centre, axes, rng.uniform(-30, 30), 0, 360, 255, -1)
    shade = cv2.GaussianBlur(mask, (0, 0), 25).astype(np.float32) / 255
    f = img.astype(np.float32) * (1 - rng.uniform(0.45, 0.6) * shade)[..., None]
    return _jpeg(f.clip(0, 255).astype(np.uint8), 85), 300


def coffee_rings(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """Two coffee cup rings over the print: a pale brown stain with a darker rim."""
    h, w = img.shape[:2]
    f = img.astype(np.float32)
    for _ in range(2):
        cx, cy = rng.randrange(300, w - 300), rng.randrange(400, h - 400)
        r = rng.randrange(150, 300)
        fill = np.zeros((h, w), np.uint8)
        cv2.circle(fill, (cx, cy), r, 255, -1)
        rim = np.zeros((h, w), np.uint8)
        cv2.circle(rim, (cx, cy), r, 255, 10)
        stain = cv2.GaussianBlur(fill, (0, 0), 6) / 255 * 0.25
        stain += cv2.GaussianBlur(rim, (0, 0), 3) / 255 * 0.5
        alpha = stain[..., None]
        f = f * (1 - alpha) + f * np.array([0.6, 0.42, 0.25]) * alpha
    return f.clip(0, 255).astype(np.uint8), 300


def banding(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """An inkjet with a clogged head: every 40-70 rows a band 6-12 rows high prints at 35-50 %
    of its contrast (written after the pipeline had no stage for it; the probe that found it
    also had a chat app's photo, a crooked flatbed scan, a thumb, a flash, heavy toner, a
    sticky note and a 200 dpi JPEG at quality 20, all read well)."""
    f = img.astype(np.float32)
    period, height = rng.randint(40, 70), rng.randint(6, 12)
    rows = (np.arange(f.shape[0]) % period) < height
    f[rows] = 255 - (255 - f[rows]) * rng.uniform(0.35, 0.5)
    return f.clip(0, 255).astype(np.uint8), 300


def negative(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A microfilm reader's print: the whole page white on black."""
    return 255 - img, 300


def selfie_mirror(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """Taken with a phone's front camera, which mirrors the photo left to right."""
    return _jpeg(np.ascontiguousarray(img[:, ::-1]), 85), 300


def dithered(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """Scanned at 200 dpi in a scanner's one-bit "photo" mode: cream paper (grey 225-250)
    and every letter's soft edge drawn as scattered dots by error diffusion (found by a
    fourth check, with a sheet feeder's colour fringes and slipping rollers, sunlight,
    focus falling off down the page, a 48-megapixel photo and a booklet's two pages: all
    read well)."""
    h, w = img.shape[:2]
    grey = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    small = cv2.resize(grey, (w * 2 // 3, h * 2 // 3), interpolation=cv2.INTER_AREA)
    paper = small.astype(np.float32) * rng.uniform(225, 250) / 255
    bits = np.asarray(Image.fromarray(paper.astype(np.uint8)).convert("1"))
    return np.stack([bits.astype(np.uint8) * 255] * 3, -1), 200


def sleeve_glare(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """Photographed in a plastic sleeve: a grey haze and a broad stripe of glare across the
    page where the print keeps only 25-40 % of its contrast."""
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    slope = rng.uniform(0.3, 0.9)
    across = (yy + xx * slope - rng.uniform(0.3, 0.7) * (h + w * slope)) / np.hypot(1, slope)
    glare = np.exp(-((across / rng.uniform(120, 220)) ** 2))
    keep = (1 - glare * rng.uniform(0.6, 0.75))[..., None]
    f = (255 - (255 - img.astype(np.float32)) * keep * 0.85) * 0.93 + 10
    f += _noise_rng(rng).normal(0, 3, f.shape)
    return _jpeg(f.clip(0, 255).astype(np.uint8), 80), 300


def too_close(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A phone held too close and off centre: one corner of the page and the stretches of
    its two sides beside it run out of the 12-megapixel photo, desk along the other two
    (found by a fifth check, with blue carbon-copy print, red headings, a copy of a copy's
    swollen strokes, a wide-angle lens's barrel, a page turned 18-28 degrees, the shadows of
    window blinds and a JPEG at quality 10: each read with a median CER of 0.035 or less, but
    for a toner shortage that breaks every stroke, at 0.58 (plain Tesseract's 0.70) and
    warned of after OCR)."""
    desk, (x0, y0, pw, ph) = on_desk(rng, img, (4000, 3000), 3800, 12, (120, 95, 70))
    dx, dy = (
        rng.choice([-1, 1]) * rng.uniform(250, 350),
        rng.choice([-1, 1]) * rng.uniform(200, 300),
    )
    return _jpeg(laid_on(desk, img, askew_corners(rng, (x0 + dx, y0 + dy, pw, ph), 40)), 85), 72


def window_glare(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A window's reflection over the head of the page, fading out unevenly by 35-45 % of its
    height: the print at the top keeps 20-30 % of its contrast (found by the fifth check too;
    a flat patch of reflection with a sharp edge, print at 15-25 % under it, is still read
    badly)."""
    h = img.shape[0]
    y = np.arange(h, dtype=np.float32)[:, None, None]
    wash = np.clip(1 - y / (h * rng.uniform(0.35, 0.45)), 0, 1) ** 0.7
    keep = 1 - wash * rng.uniform(0.7, 0.8)
    f = 255 - (255 - img.astype(np.float32)) * keep
    return _jpeg(f.clip(0, 255).astype(np.uint8), 85), 300


def folded_in_four(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A flat scan of a paper kept folded in four, not quite flat on the glass: the lines of
    each half bent at the fold by their own 0.5-1.5 degrees (the print runs on across the
    folds), each quarter lit by its own 78-100 %, a dark crease along both folds."""
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)

    def tilt() -> float:
        return float(np.tan(np.radians(rng.uniform(0.5, 1.5) * rng.choice([-1, 1]))))

    left, right, top, bottom = tilt(), tilt(), tilt(), tilt()
    dy = (xx - w / 2) * np.where(xx < w / 2, left, right)
    dx = (yy - h / 2) * np.where(yy < h / 2, top, bottom)
    out = _remapped(img, dx, dy).astype(np.float32)
    lit = np.empty((h, w), np.float32)
    for qy in (0, 1):
        for qx in (0, 1):
            ys, xs = slice(qy * h // 2, (qy + 1) * h // 2), slice(qx * w // 2, (qx + 1) * w // 2)
            lit[ys, xs] = rng.uniform(0.78, 1.0)
    crease = np.exp(-(((yy - h / 2) / 8) ** 2)) + np.exp(-(((xx - w / 2) / 8) ** 2))
    out *= (lit * (1 - 0.35 * crease.clip(0, 1)))[..., None]
    return _jpeg(out.clip(0, 255).astype(np.uint8), 85), 300


def dot_matrix(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """Printed by an impact printer in draft mode with a worn ribbon: every stroke a chain of
    round grey dots on the head's grid (3-4 px apart at 300 dpi), each dot 55-100 % dark."""
    grey = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    ink = cv2.dilate((grey < 150).astype(np.uint8), np.ones((2, 2), np.uint8))
    pitch = rng.choice([3, 4])
    grid = np.zeros(ink.shape, np.float32)
    grid[::pitch, ::pitch] = 1
    strength = _noise_rng(rng).uniform(0.55, 1.0, ink.shape).astype(np.float32)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3)).astype(np.float32)
    dots = cv2.filter2D(ink.astype(np.float32) * grid * strength, -1, kernel).clip(0, 1)
    dots = cv2.GaussianBlur(dots, (0, 0), 0.6)
    return np.asarray(250 - 210 * dots).clip(0, 255).astype(np.uint8), 300


def carbon_copy(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A carbon copy (or a form set's blue copy): all of the print, the seal too, in
    blue-violet on thin grey paper, a little soft."""
    ink = (1 - cv2.cvtColor(img, cv2.COLOR_RGB2GRAY).astype(np.float32) / 255)[..., None]
    colour = np.array([rng.uniform(40, 70), rng.uniform(40, 60), rng.uniform(140, 170)])
    out = np.array([232, 232, 228.0]) * (1 - ink) + colour * ink
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.6, 1.0))
    return np.asarray(out).clip(0, 255).astype(np.uint8), 300


def toner_saving(img: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int]:
    """A worn laser printer in its toner-saving mode: print 45-60 % strong and a pixel
    thinner, the toner uneven, and loose specks of it (2 x 2 px, grey) over the paper."""
    thin = cv2.dilate(img, np.ones((2, 2), np.uint8)).astype(np.float32)
    n = _noise_rng(rng)
    strength = rng.uniform(0.45, 0.6) * n.uniform(0.85, 1.1, img.shape[:2])[..., None]
    out = 255 - (255 - thin) * strength
    specks = cv2.dilate((n.random(img.shape[:2]) < 0.0004).astype(np.uint8), np.ones((2, 2)))
    out[specks.astype(bool)] = np.minimum(out[specks.astype(bool)], rng.uniform(150, 200))
    return out.clip(0, 255).astype(np.uint8), 300


HARMS: dict[str, Harm] = {
    f.__name__: f
    for f in (
        photocopier,
        blue_stamp,
        faded,
        motion,
        show_through,
        fax,
        grey_jpeg,
        phone_12mp,
        upside_down,
        black_margins,
        sideways_150,
        underexposed,
        box_stamp,
        shaken_photo,
        security_paper,
        two_copies,
        scan_600dpi,
        booklet_photo,
        crumpled,
        copy_watermark,
        halftone_copy,
        dark_bars,
        grain,
        pen_marks,
        lamplight,
        highlighter,
        punched,
        dog_ear,
        screen_photo,
        steep_photo,
        small_photo,
        dull_scan,
        hand_shadow,
        coffee_rings,
        banding,
        negative,
        selfie_mirror,
        dithered,
        sleeve_glare,
        too_close,
        window_glare,
        folded_in_four,
        dot_matrix,
        carbon_copy,
        toner_saving,  # new kinds go last: a kind's pages depend on its place in this list
    )
}
TWICE = {"two_copies"}
"""Kinds whose image holds the paper's text twice."""


def make_pages(kinds: list[str], per_kind: int, seed_base: int, out: Path) -> list[dict]:
    pages = []
    for kind in kinds:
        k = list(HARMS).index(kind)  # the same pages whichever kinds are run
        for i in range(per_kind):
            seed = seed_base + i
            spec = render_specimen(seed, "clean", DOC_TYPES[i % len(DOC_TYPES)])
            rng = random.Random(seed * 100 + k)
            image, dpi = HARMS[kind](np.asarray(spec.image.convert("RGB")), rng)
            path = out / f"{kind}-{seed}.png"
            Image.fromarray(image).save(path, dpi=(dpi, dpi), compress_level=3)
            pages.append(
                {
                    "kind": kind,
                    "image": path,
                    "truth": spec.text + "\n" + spec.text if kind in TWICE else spec.text,
                    "id": spec.fields.get("so_dinh_danh", ""),
                }
            )
    return pages


def score(pages: list[dict], engines: list[str], timeout: float, work: Path) -> list[dict]:
    """The gate's verdict and each engine's CER, ID and time on every page (``make_pages``'
    dicts: kind, image, truth, id)."""
    gate = QualityOptions()
    rows = []
    for n, page in enumerate(pages, 1):
        image, dpi = load(page["image"])
        verdict = assess_page(image, dpi, gate).verdict
        del image
        result = {
            "kind": page["kind"],
            "image": page["image"].name,
            "gate": verdict,
            "has_id": bool(page["id"]),
        }
        for engine in engines:
            if engine == "sohoa":
                text, secs, _, _ = run_sohoa(page["image"], timeout, work)
            else:
                text, secs = run_tesseract(page["image"], timeout)
            result[engine] = {
                "cer": cer(text, page["truth"]),
                "id": id_found(text, page["id"]),
                "seconds": secs,
            }
        rows.append(result)
        scores = " ".join(f"{e}={result[e]['cer']:.3f}" for e in engines)
        print(
            f"[{n}/{len(pages)}] {result['image']} gate={verdict} {scores}",
            file=sys.stderr,
            flush=True,
        )
    return rows


def run_kinds(
    description: str,
    table: Mapping[str, object],
    make: Callable[[list[str], int, int, Path], list[dict]],
    seed_base: int,
    argv: list[str] | None,
) -> int:
    """The command line of a benchmark of kinds of pages (``table``'s keys) made by ``make``
    (kinds, pages per kind, first seed, directory -> pages): score them and print the table."""
    ap = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--per-kind", type=int, default=10)
    ap.add_argument("--seed-base", type=int, default=seed_base)
    ap.add_argument("--kinds", default=",".join(table))
    ap.add_argument("--engines", default="sohoa,tesseract")
    ap.add_argument("--timeout", type=float, default=180.0)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    unknown = [k for k in kinds if k not in table]
    if unknown:
        ap.error(f"unknown kinds {unknown}; choose from {list(table)}")
    engines = [e for e in args.engines.split(",") if e]
    with tempfile.TemporaryDirectory(prefix="sohoa-bench-") as tmp:
        pages = make(kinds, args.per_kind, args.seed_base, Path(tmp))
        rows = score(pages, engines, args.timeout, Path(tmp))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print(report(rows, kinds, engines))
    return 0


def main(argv: list[str] | None = None) -> int:
    keep_freed_memory()  # sohoa reads pages in this process, set up as the worker is
    return run_kinds(__doc__ or "", HARMS, make_pages, 7000, argv)


def report(rows: list[dict], kinds: list[str], engines: list[str]) -> str:
    width = max(13, *(len(k) for k in kinds))
    head = f"{'kind':{width}s} {'pages':>5s}"
    for e in engines:
        head += f" {e + ' CER med':>19s} {'mean':>6s} {'ID':>6s} {'s/page':>6s}"
    head += f" {'gate a/w/r':>11s} {'CER ratio':>10s}"
    lines = [head, "-" * len(head)]
    for kind in kinds:
        group = [r for r in rows if r["kind"] == kind]
        if not group:
            continue
        line = f"{kind:{width}s} {len(group):5d}"
        meds = {}
        for e in engines:
            cers = [r[e]["cer"] for r in group]
            with_id = [r for r in group if r["has_id"]]
            meds[e] = statistics.median(cers)
            ids = f"{sum(r[e]['id'] for r in with_id)}/{len(with_id)}"
            secs = statistics.fmean(r[e]["seconds"] for r in group)
            line += f" {meds[e]:19.4f} {statistics.fmean(cers):6.3f} {ids:>6s} {secs:6.2f}"
        verdicts = "/".join(
            str(sum(r["gate"] == v for r in group)) for v in ("accept", "warn", "reject")
        )
        line += f" {verdicts:>11s}"
        if "sohoa" in meds and "tesseract" in meds:
            line += f" {meds['tesseract'] / max(meds['sohoa'], 1e-4):9.1f}x"
        lines.append(line)
    lines.append(
        "CER ratio: plain Tesseract's median CER over sohoa's (higher is better for sohoa)."
    )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
