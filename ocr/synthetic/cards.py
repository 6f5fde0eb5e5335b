"""Layouts that are not a plain A4 page: an ID card photocopied on A4, a framed diploma."""

from __future__ import annotations

import random

from PIL import Image, ImageDraw

from . import marks
from .content import DocumentContent
from .layout import A4, PAPER, Canvas, Overflow, Style, _fit, pt, wrap


def render_card(rng: random.Random, content: DocumentContent, style: Style) -> Canvas:
    """Front and back of an ID card photocopied (often enlarged) onto an A4 sheet."""
    grey = rng.randint(236, 250)
    canvas = Canvas(Image.new("RGB", A4, (grey, grey, grey)), style, rng)
    scale = rng.uniform(1.5, 2.0)
    cw, ch = int(1011 * scale), int(638 * scale)
    x = (A4[0] - cw) // 2 + rng.randint(-60, 60)
    y = pt(rng.uniform(50, 90))
    front_n = int(str(content.extra.get("front_fields", len(content.body))))
    start = len(canvas.gt)
    _card_face(canvas, content, (x, y, cw, ch), scale, front=True, fields=content.body[:front_n])
    canvas.parts["front"] = ((x, y, cw, ch), start, len(canvas.gt))
    if rng.random() < 0.85:
        y2 = y + ch + pt(rng.uniform(25, 60))
        if y2 + ch > A4[1] - pt(20):
            raise Overflow
        _card_face(
            canvas, content, (x, y2, cw, ch), scale, front=False, fields=content.body[front_n:]
        )
    return canvas


def _card_face(
    canvas: Canvas,
    c: DocumentContent,
    box: tuple[int, int, int, int],
    scale: float,
    *,
    front: bool,
    fields: tuple,
) -> None:
    rng = canvas.rng
    x, y, w, h = box
    tint = rng.choice(((120, 170, 210), (140, 190, 150), (200, 160, 120)))
    face = marks.guilloche(rng, (w, h), tint)
    canvas.image.paste(face, (x, y))
    ImageDraw.Draw(canvas.image).rounded_rectangle(
        (x, y, x + w, y + h), radius=int(30 * scale), outline=(90, 90, 90), width=3
    )
    size = 22 * scale  # a 1:1 card's body line is about 22 px at 300 dpi
    fam = canvas.style.family
    small = fam.get("regular", size * 0.9)
    bold = fam.get("bold", size * 1.05)
    lh = int(size * 1.32)
    pad = int(w * 0.04)
    if front:
        cy = y + pad
        mottos = c.motto + tuple(c.extra.get("english_motto", ()))  # type: ignore[operator]
        for i, line in enumerate(mottos):
            font = fam.get("bold" if i == 0 else "regular", size * (0.95 if i == 0 else 0.8))
            cy = canvas.centred(x + w / 2, cy, line, font, w - 2 * pad)
        red = (170, 30, 35) if rng.random() < 0.5 else (25, 45, 120)
        for i, line in enumerate(c.title):
            font = fam.get("bold", size * (1.3 if i == 0 else 0.9))
            cy = canvas.centred(x + w * 0.6, cy, line, font, w * 0.7, fill=red)
        px, pw = x + pad, int(w * 0.26)
        canvas.image.paste(marks.photo(rng, pw, int(pw * 1.3)), (px, cy + int(size)))
        tx = px + pw + pad
    else:
        cy = y + pad
        tx = x + pad
        if rng.random() < 0.6:
            q = int(h * 0.3)
            canvas.image.paste(marks.qr_like(rng, 25, q), (x + w - q - pad, y + pad))
    right = x + w - pad - (int(h * 0.3) + pad if not front else 0)
    for f in fields:
        label, _, value = f.text.partition(":")
        label += ":"
        value = value.lstrip("\n ").strip()
        if ":\n" in f.text or (front and small.getlength(f.text.replace("\n", " ")) > right - tx):
            canvas.put(tx, cy, label, small)
            canvas.gt.append(label)
            cy += lh
            for part in wrap(value, bold, x + w - pad - tx):
                canvas.put(tx, cy, part, bold)
                canvas.gt.append(part)
                cy += lh
        else:
            end = canvas.put(tx, cy, label, small)
            vfont = fam.get(
                "bold",
                size * (1.35 if "No." in label or "identification number" in label else 1.05),
            )
            parts = wrap(value, vfont, x + w - pad - end - pt(4))
            canvas.put(end + small.getlength(" "), cy, parts[0], vfont)
            canvas.gt.append(f"{label} {parts[0]}")
            for part in parts[1:]:
                cy += lh
                canvas.put(tx, cy, part, vfont)
                canvas.gt.append(part)
            cy += int(lh * (1.25 if vfont.size > bold.size else 1.0))
    if not front:
        signer = c.signers[0]
        cx = x + w * 0.62
        sy = max(cy + int(size * 0.5), y + int(h * 0.42))
        for line in signer.title:
            sy = canvas.centred(
                cx,
                sy,
                line,
                _fit(canvas, line, "bold", w * 0.7, size / pt(canvas.style.size) * 0.85),
                w * 0.7,
            )
        space = int(h * 0.2)
        sig = marks.signature(rng, int(w * 0.25), space)
        marks.ink_multiply(canvas.image, sig, (30, 30, 40), (int(cx - w * 0.12), sy))
        radius = int(h * 0.17)
        layer = marks.seal(rng, c.seal_text, radius, fam.bold)
        marks.ink_multiply(
            canvas.image,
            layer,
            (210, 40, 50),
            (int(cx - w * 0.18) - layer.width // 2, sy - layer.height // 3),
        )
        sy += space
        canvas.centred(cx, sy, signer.name, bold, w * 0.6)
    del scale


def render_diploma(rng: random.Random, content: DocumentContent, style: Style) -> Canvas:
    """A4 landscape, framed; a bilingual diploma puts English left and Vietnamese right."""
    size = (A4[1], A4[0])
    canvas = Canvas(Image.new("RGB", size, PAPER[content.paper]), style, rng)
    draw = ImageDraw.Draw(canvas.image)
    frame = rng.choice(((30, 60, 140), (150, 40, 40), (160, 120, 40)))
    for k, inset in enumerate((pt(18), pt(26), pt(30))):
        draw.rectangle(
            (inset, inset, size[0] - inset, size[1] - inset),
            outline=frame,
            width=10 if k == 0 else 3,
        )
    english = tuple(content.extra.get("english", ()))  # type: ignore[arg-type]
    margin = pt(60)
    x0, x1 = margin, size[0] - margin
    fam = style.family
    body_font = fam.get("regular", pt(style.size * 1.05))
    bold = fam.get("bold", pt(style.size * 1.05))
    if english:
        mid = (x0 + x1) / 2
        y = pt(70)
        for i, line in enumerate(english):
            font = fam.get(
                "italic" if i in (1, 3) else "bold", pt(style.size * (1.5 if i == 4 else 1.0))
            )
            y = canvas.centred(
                (x0 + mid) / 2,
                y,
                line,
                _fit(canvas, line, "bold", mid - x0 - pt(20), 1.0)
                if font.getlength(line) > mid - x0 - pt(20)
                else font,
                mid - x0 - pt(20),
            )
        vx0 = mid + pt(20)
    else:
        vx0 = x0
    cx, width = (vx0 + x1) / 2, x1 - vx0
    y = pt(70)
    y = canvas.centred(
        cx, y, content.motto[0], _fit(canvas, content.motto[0], "bold", width, 1.0), width
    )
    y = canvas.centred(cx, y, content.motto[1], bold, width) + pt(12)
    red = (170, 30, 35)
    field_x = vx0 + width * (0.12 if english else 0.28)
    for line in content.body:
        if line.role == "title":
            font = _fit(canvas, line.text, "bold", width, 2.0)
            y = canvas.centred(cx, y + pt(6), line.text, font, width, fill=red) + pt(8)
        elif line.role == "field":
            canvas.put(field_x, y, line.text, body_font)
            canvas.gt.append(line.text)
            y += canvas.line_h(body_font)
        else:
            font = (
                _fit(canvas, line.text, "bold", width, 1.1)
                if line.text.isupper()
                else fam.get("italic", pt(style.size))
            )
            y = canvas.centred(cx, y, line.text, font, width)
    y += pt(8)
    sx = vx0 + width * 0.7
    y = canvas.centred(sx, y, content.place_date, fam.get("italic", pt(style.size)), width * 0.6)
    signer = content.signers[0]
    for line in signer.title:
        y = canvas.centred(sx, y, line, bold, width * 0.6)
    space = pt(70)
    marks.ink_multiply(
        canvas.image,
        marks.signature(rng, int(width * 0.3), space),
        (20, 40, 150),
        (int(sx - width * 0.15), y),
    )
    radius = pt(rng.uniform(50, 60))
    layer = marks.seal(rng, content.seal_text, radius, fam.bold)
    marks.ink_multiply(
        canvas.image,
        layer,
        (210, 35, 45),
        (int(sx - radius * 1.3) - layer.width // 2 + radius, y + space // 2 - layer.height // 2),
    )
    y += space
    y = canvas.centred(sx, y, signer.name, bold, width * 0.6)
    if y > size[1] - pt(40):
        raise Overflow
    return canvas
