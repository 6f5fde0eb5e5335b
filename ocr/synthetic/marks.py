"""Non-text marks on a paper: red seals, signatures, ID photos, guilloche backgrounds."""

from __future__ import annotations

import math
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont


def ink_multiply(
    page: Image.Image, layer: Image.Image, colour: tuple[int, int, int], xy: tuple[int, int]
) -> None:
    """Stamp ``layer`` (L, 255 = full ink) onto ``page`` as ink does: darkening multiplies,
    so black text under a red seal stays black."""
    x, y = xy
    w, h = layer.size
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(page.width, x + w), min(page.height, y + h)
    if x1 <= x0 or y1 <= y0:
        return
    region = np.asarray(page.crop((x0, y0, x1, y1)), dtype=np.float32)
    alpha = (
        np.asarray(layer.crop((x0 - x, y0 - y, x1 - x, y1 - y)), dtype=np.float32)[..., None] / 255
    )
    tint = np.array(colour, dtype=np.float32) / 255
    out = region * (1 - alpha * (1 - tint))
    page.paste(Image.fromarray(out.clip(0, 255).astype(np.uint8)), (x0, y0))


def seal(rng: random.Random, text: str, radius: int, font_path: str) -> Image.Image:
    """A round red seal as an alpha layer: two rings, the agency's name around, a star."""
    size = 2 * radius + 8
    layer = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(layer)
    c = size // 2
    ring = max(4, radius // 28)
    draw.ellipse((c - radius, c - radius, c + radius, c + radius), outline=255, width=ring)
    inner = int(radius * 0.72)
    draw.ellipse((c - inner, c - inner, c + inner, c + inner), outline=255, width=max(2, ring // 2))
    _star(draw, c, c, int(radius * 0.22))
    band = radius - inner
    font = ImageFont.truetype(font_path, max(10, int(band * 0.55)))
    chars = list(text)
    span = 2 * math.pi * 0.93
    r_text = (radius + inner) / 2
    start = -math.pi / 2 - span / 2
    for i, ch in enumerate(chars):
        theta = start + span * (i + 0.5) / len(chars)
        glyph = Image.new("L", (font.size * 2, font.size * 2), 0)
        ImageDraw.Draw(glyph).text((font.size, font.size), ch, fill=255, font=font, anchor="mm")
        glyph = glyph.rotate(-math.degrees(theta) - 90, resample=Image.BICUBIC)
        gx = int(c + r_text * math.cos(theta) - glyph.width / 2)
        gy = int(c + r_text * math.sin(theta) - glyph.height / 2)
        layer.paste(255, (gx, gy), glyph)
    # Ink is never even: a stamp prints lighter where the pad was dry.
    small = np.random.default_rng(rng.randrange(2**32)).normal(
        128, 60, (size // 8 + 1, size // 8 + 1)
    )
    noise = np.asarray(
        Image.fromarray(small.clip(0, 255).astype(np.uint8)).resize((size, size)), dtype=np.float32
    )
    strength = rng.uniform(0.55, 0.95)
    arr = np.asarray(layer, dtype=np.float32) * strength * (0.55 + noise / 255 * 0.6)
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.2))


def _star(draw: ImageDraw.ImageDraw, cx: int, cy: int, r: int) -> None:
    pts = []
    for k in range(10):
        rr = r if k % 2 == 0 else r * 0.4
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    draw.polygon(pts, fill=255)


def signature(rng: random.Random, width: int, height: int) -> Image.Image:
    """A handwritten-looking scribble as an alpha layer."""
    layer = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(layer)
    pen = max(3, height // 30)
    for _stroke in range(rng.randint(1, 3)):
        pts = []
        x = rng.uniform(0.05, 0.3) * width
        y = rng.uniform(0.3, 0.7) * height
        for _ in range(rng.randint(20, 50)):
            x += rng.uniform(-0.02, 0.06) * width
            y += rng.uniform(-0.25, 0.25) * height
            y = min(max(y, 0.1 * height), 0.9 * height)
            pts.append((x, y))
        # Smooth with a moving average so it reads as a pen, not a zigzag.
        sm = [
            (
                sum(p[0] for p in pts[max(0, i - 2) : i + 3]) / len(pts[max(0, i - 2) : i + 3]),
                sum(p[1] for p in pts[max(0, i - 2) : i + 3]) / len(pts[max(0, i - 2) : i + 3]),
            )
            for i in range(len(pts))
        ]
        draw.line(sm, fill=255, width=pen, joint="curve")
    if rng.random() < 0.6:
        y = rng.uniform(0.55, 0.85) * height
        draw.line(
            [(0.1 * width, y), (rng.uniform(0.6, 0.95) * width, y - 0.1 * height)],
            fill=255,
            width=pen,
        )
    return layer.filter(ImageFilter.GaussianBlur(0.8))


def photo(rng: random.Random, width: int, height: int) -> Image.Image:
    """An ID photo: light background, a dark head-and-shoulders silhouette."""
    bg = rng.randint(170, 225)
    img = Image.new("RGB", (width, height), (bg, bg, min(255, bg + 15)))
    draw = ImageDraw.Draw(img)
    skin = rng.randint(90, 150)
    draw.ellipse(
        (width * 0.28, height * 0.12, width * 0.72, height * 0.62),
        fill=(skin, skin - 10, skin - 20),
    )
    draw.ellipse((width * 0.25, height * 0.08, width * 0.75, height * 0.38), fill=(30, 25, 25))
    draw.pieslice((0, height * 0.6, width, height * 1.5), 180, 360, fill=(rng.randint(20, 80),) * 3)
    return img.filter(ImageFilter.GaussianBlur(2))


def guilloche(
    rng: random.Random, size: tuple[int, int], colour: tuple[int, int, int]
) -> Image.Image:
    """Fine wavy security lines (ID cards, land certificates): light, but not paper white."""
    w, h = size
    layer = Image.new("L", size, 0)
    draw = ImageDraw.Draw(layer)
    period = rng.uniform(0.05, 0.12) * w
    amp = rng.uniform(0.01, 0.03) * h
    step = max(12, h // 60)
    for y0 in range(-step, h + step, step):
        pts = [
            (x, y0 + amp * math.sin(2 * math.pi * x / period + y0 * 0.05)) for x in range(0, w, 6)
        ]
        draw.line(pts, fill=255, width=2)
    arr = np.asarray(layer, dtype=np.float32) / 255 * rng.uniform(0.15, 0.35)
    out = np.empty((h, w, 3), dtype=np.float32)
    for i in range(3):
        out[..., i] = 255 - arr * (255 - colour[i])
    return Image.fromarray(out.astype(np.uint8))


def qr_like(rng: random.Random, modules: int, px: int) -> Image.Image:
    """A QR-looking square (finder patterns and random modules); it carries no text."""
    grid = np.array([[rng.random() < 0.5 for _ in range(modules)] for _ in range(modules)])
    for ox, oy in ((0, 0), (modules - 7, 0), (0, modules - 7)):
        grid[oy : oy + 7, ox : ox + 7] = False
        grid[oy : oy + 7, ox] = grid[oy : oy + 7, ox + 6] = True
        grid[oy, ox : ox + 7] = grid[oy + 6, ox : ox + 7] = True
        grid[oy + 2 : oy + 5, ox + 2 : ox + 5] = True
    img = Image.fromarray(np.where(grid, 0, 255).astype(np.uint8)).resize((px, px), Image.NEAREST)
    return img.convert("RGB")
