"""Lay a ``DocumentContent`` out on a clean 300 dpi page, recording the text in reading order.

The layout is drawn from the random generator too: header split in two blocks or stacked,
labels inline or tabbed, short fields paired on one line, tables ruled or not, one or two
signature blocks, margins, fonts and sizes. The ground truth is the printed text in the order a
person reads it: left block before right block, row by row in tables.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFont

from . import marks
from .content import DocumentContent, Line, Signer
from .fonts import Family, pick_family

DPI = 300
A4 = (2480, 3508)
PAPER = {
    "white": (250, 250, 247),
    "pink": (250, 232, 232),
    "cream": (250, 243, 222),
    "blue": (232, 240, 250),
}


def pt(points: float) -> int:
    return round(points * DPI / 72)


@dataclass
class Style:
    family: Family
    size: float
    """Body size in points."""
    spacing: float
    header: str
    """"split" (agency left, motto right), "stacked" or "centred"."""
    labels: str
    """"inline" or "tab"."""
    pair_fields: bool
    table_rules: bool
    value_bold: bool
    ink: tuple[int, int, int]
    margins: tuple[int, int, int, int]
    place_date_top: bool

    @staticmethod
    def draw(rng: random.Random) -> Style:
        grey = rng.randint(0, 45)
        return Style(
            family=pick_family(rng),
            size=rng.uniform(11.5, 14.0),
            spacing=rng.uniform(1.25, 1.65),
            header=rng.choices(("split", "stacked", "centred"), (6, 2, 1))[0],
            labels=rng.choices(("inline", "tab"), (4, 1))[0],
            pair_fields=rng.random() < 0.35,
            table_rules=rng.random() < 0.8,
            value_bold=rng.random() < 0.35,
            ink=(grey, grey, grey + rng.randint(0, 12)),
            margins=(
                pt(rng.uniform(50, 85)),
                pt(rng.uniform(40, 65)),
                pt(rng.uniform(40, 70)),
                pt(rng.uniform(40, 60)),
            ),
            place_date_top=rng.random() < 0.7,
        )


@dataclass
class Canvas:
    image: Image.Image
    style: Style
    rng: random.Random
    gt: list[str] = field(default_factory=list)
    seals: list[tuple[int, int, str]] = field(default_factory=list)
    parts: dict[str, tuple[tuple[int, int, int, int], int, int]] = field(default_factory=dict)
    """Named parts of the sheet (a card's front): their box (x, y, w, h) and their lines,
    ``gt[start:end]``."""

    @property
    def draw(self) -> ImageDraw.ImageDraw:
        return ImageDraw.Draw(self.image)

    def font(self, style: str = "regular", scale: float = 1.0) -> ImageFont.FreeTypeFont:
        return self.style.family.get(style, pt(self.style.size * scale))

    def line_h(self, font: ImageFont.FreeTypeFont) -> int:
        return int(font.size * self.style.spacing)

    def put(
        self,
        x: float,
        y: float,
        text: str,
        font: ImageFont.FreeTypeFont,
        fill: tuple[int, int, int] | None = None,
    ) -> float:
        """Draw ``text`` with its left edge at x and top at y; return its right edge."""
        self.draw.text((x, y), text, font=font, fill=fill or self.style.ink)
        return x + font.getlength(text)

    def centred(
        self,
        cx: float,
        y: float,
        text: str,
        font: ImageFont.FreeTypeFont,
        width: float,
        fill: tuple[int, int, int] | None = None,
    ) -> int:
        """Centre (and wrap to ``width``) a line; record it; return the y below it."""
        for part in wrap(text, font, width):
            self.put(cx - font.getlength(part) / 2, y, part, font, fill)
            self.gt.append(part)
            y += self.line_h(font)
        return int(y)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines: list[str] = []
    for raw in text.split("\n"):
        words, cur = raw.split(" "), ""
        for w in words:
            cand = f"{cur} {w}".strip()
            if cur and font.getlength(cand) > width:
                lines.append(cur)
                cur = w
            else:
                cur = cand
        lines.append(cur)
    return lines


class Overflow(Exception):
    """The content does not fit at this size; the caller retries smaller."""


# --- the A4 portrait page -----------------------------------------------------------------


def render_page(rng: random.Random, content: DocumentContent, style: Style) -> Canvas:
    canvas = Canvas(Image.new("RGB", A4, PAPER[content.paper]), style, rng)
    if content.paper == "pink" and rng.random() < 0.7:
        canvas.image = marks.guilloche(rng, A4, (235, 120, 140))
    ml, mr, mt, mb = style.margins
    x0, x1 = ml, A4[0] - mr
    y = _header(canvas, content, x0, x1, mt)
    y = _title(canvas, content.title, x0, x1, y)
    y = _body(canvas, content.body, x0, x1, y)
    y = _signatures(canvas, content, x0, x1, y + pt(10))
    if y > A4[1] - mb:
        raise Overflow
    return canvas


def _rule(canvas: Canvas, cx: float, y: float, width: float) -> None:
    canvas.draw.line([(cx - width / 2, y), (cx + width / 2, y)], fill=canvas.style.ink, width=3)


def _header(canvas: Canvas, c: DocumentContent, x0: int, x1: int, y: int) -> int:
    s = canvas.style
    motto_font = canvas.font("bold", 0.95)
    sub_font = canvas.font("bold", 1.0)
    agency_font = canvas.font("regular", 0.95)
    agency_bold = canvas.font("bold", 0.95)
    place_font = canvas.font("italic", 1.0)
    width = x1 - x0
    if c.agency and s.header == "split":
        left_w = width * canvas.rng.uniform(0.36, 0.44)
        right_w = width - left_w
        # The motto must fit its block on one line, as on real papers.
        motto_font = _fit(canvas, c.motto[0], "bold", right_w * 0.92, 0.95)
        lcx, rcx = x0 + left_w / 2, x0 + left_w + right_w / 2
        yl = y
        for i, line in enumerate(c.agency):
            font = agency_bold if i == len(c.agency) - 1 else agency_font
            font = _fit(
                canvas, line, "bold" if font is agency_bold else "regular", left_w * 0.9, 0.95
            )
            yl = canvas.centred(lcx, yl, line, font, left_w)
        _rule(canvas, lcx, yl + 2, left_w * 0.3)
        yl += pt(9)
        if c.number:
            yl = canvas.centred(lcx, yl, c.number, agency_font, left_w)
        yr = canvas.centred(rcx, y, c.motto[0], motto_font, right_w)
        yr = canvas.centred(
            rcx, yr, c.motto[1], _fit(canvas, c.motto[1], "bold", right_w, 1.0), right_w
        )
        _rule(canvas, rcx, yr + 2, sub_font.getlength(c.motto[1]))
        yr += pt(8)
        if c.place_date and s.place_date_top:
            yr = canvas.centred(rcx, yr, c.place_date, place_font, right_w)
        return max(yl, yr) + pt(18)
    cx = (x0 + x1) / 2
    y = canvas.centred(cx, y, c.motto[0], _fit(canvas, c.motto[0], "bold", width, 1.0), width)
    y = canvas.centred(cx, y, c.motto[1], sub_font, width)
    _rule(canvas, cx, y + 2, sub_font.getlength(c.motto[1]))
    y += pt(12)
    for i, line in enumerate(c.agency):
        font = agency_bold if i == len(c.agency) - 1 else agency_font
        canvas.put(x0, y, line, font)
        canvas.gt.append(line)
        y += canvas.line_h(font)
    if c.number:
        canvas.put(x0, y, c.number, agency_font)
        canvas.gt.append(c.number)
        y += canvas.line_h(agency_font)
    if c.place_date and s.place_date_top:
        canvas.put(x1 - place_font.getlength(c.place_date), y, c.place_date, place_font)
        canvas.gt.append(c.place_date)
        y += canvas.line_h(place_font)
    return y + pt(14)


def _fit(
    canvas: Canvas, text: str, style: str, width: float, scale: float
) -> ImageFont.FreeTypeFont:
    font = canvas.font(style, scale)
    while font.getlength(text) > width and scale > 0.5:
        scale *= 0.95
        font = canvas.font(style, scale)
    return font


def _title(canvas: Canvas, title: tuple[str, ...], x0: int, x1: int, y: int) -> int:
    cx, width = (x0 + x1) / 2, x1 - x0
    big = canvas.rng.uniform(1.15, 1.5)
    for i, line in enumerate(title):
        small = i > 0 and (line.startswith("(") or line.startswith("Số") or len(line) < 12)
        font = canvas.font(
            "italic" if small and line.startswith("(") else "bold", 1.0 if small else big
        )
        font = _fit(canvas, line, "bold", width, 1.0 if small else big) if not small else font
        y = canvas.centred(cx, y, line, font, width)
    return y + pt(10)


def _body(canvas: Canvas, body: tuple[Line, ...], x0: int, x1: int, y: int) -> int:
    s, rng = canvas.style, canvas.rng
    regular = canvas.font()
    bold = canvas.font("bold")
    lh = canvas.line_h(regular)
    width = x1 - x0
    tab = x0 + width * rng.uniform(0.3, 0.42)
    i = 0
    while i < len(body):
        line = body[i]
        if line.role in ("table_head", "table_row"):
            j = i
            while j < len(body) and body[j].role in ("table_head", "table_row"):
                j += 1
            y = _table(canvas, body[i:j], x0, x1, y)
            i = j
            continue
        if line.role == "field":
            nxt = body[i + 1] if i + 1 < len(body) else None
            half = width / 2 - pt(12)
            if (
                s.pair_fields
                and nxt is not None
                and nxt.role == "field"
                and regular.getlength(line.text) < half
                and bold.getlength(nxt.text) < half
            ):
                _field(canvas, line, x0, x0 + half, y, None)
                _field(canvas, nxt, x0 + width / 2, x1, y, None)
                y += lh
                i += 2
                continue
            y = _field(canvas, line, x0, x1, y, tab if s.labels == "tab" else None)
        elif line.role == "heading":
            for part in wrap(line.text, bold, width):
                canvas.put(x0, y, part, bold)
                canvas.gt.append(part)
                y += lh
        elif line.role in ("title", "number"):
            y = canvas.centred((x0 + x1) / 2, y, line.text, canvas.font("bold", 1.2), width)
        else:
            indent = pt(24) if rng.random() < 0.3 else 0
            parts = wrap(line.text, regular, width - indent)
            for k, part in enumerate(parts):
                canvas.put(x0 + (indent if k == 0 else 0), y, part, regular)
                canvas.gt.append(part)
                y += lh
        i += 1
    return y


def _field(canvas: Canvas, line: Line, x0: float, x1: float, y: float, tab: float | None) -> int:
    regular = canvas.font()
    value_font = canvas.font("bold") if canvas.style.value_bold else regular
    label = line.text[: len(line.text) - len(line.value)]
    lh = canvas.line_h(regular)
    if "\n" in label:
        label = label.rstrip("\n") + (":" if not label.rstrip("\n").endswith(":") else "")
    end = canvas.put(x0, y, label.rstrip(), regular)
    start = end + regular.getlength(" ")
    if tab is not None and end + pt(6) < tab:
        start = tab
    parts = wrap(line.value, value_font, x1 - start)
    if len(parts) > 1 and tab is None:
        # Long values continue under the label, as typed forms do.
        first_room = x1 - start
        parts = wrap(line.value, value_font, x1 - x0)
        if value_font.getlength(parts[0]) > first_room:
            head, rest = _split_to(parts[0], value_font, first_room)
            parts = [head] + wrap((rest + " " + " ".join(parts[1:])).strip(), value_font, x1 - x0)
    canvas.gt.append(f"{label.rstrip()} {parts[0]}".strip())
    canvas.put(start, y, parts[0], value_font)
    for part in parts[1:]:
        y += lh
        x = start if tab is not None else x0
        canvas.put(x, y, part, value_font)
        canvas.gt.append(part)
    return int(y + lh)


def _split_to(text: str, font: ImageFont.FreeTypeFont, width: float) -> tuple[str, str]:
    words = text.split(" ")
    for k in range(len(words), 0, -1):
        if font.getlength(" ".join(words[:k])) <= width:
            return " ".join(words[:k]), " ".join(words[k:])
    return "", text


def _table(canvas: Canvas, rows: tuple[Line, ...], x0: int, x1: int, y: int) -> int:
    font = canvas.font("regular", 0.85)
    head_font = canvas.font("bold", 0.85)
    ncol = len(rows[0].cells)
    want = [max(font.getlength(r.cells[k]) for r in rows) + pt(10) for k in range(ncol)]
    total = sum(want)
    widths = [w * (x1 - x0) / total for w in want] if total > (x1 - x0) else want
    if total < (x1 - x0):
        widths = [w + ((x1 - x0) - total) / ncol for w in want]
    lh = canvas.line_h(font)
    pad = pt(4)
    for r in rows:
        f = head_font if r.role == "table_head" else font
        cells = [wrap(c, f, w - 2 * pad) for c, w in zip(r.cells, widths, strict=True)]
        height = max(len(c) for c in cells) * lh + 2 * pad
        x = float(x0)
        for parts, w in zip(cells, widths, strict=True):
            for k, part in enumerate(parts):
                canvas.put(x + pad, y + pad + k * lh, part, f)
            x += w
        # Reading order of a ruled table: row by row, each cell whole.
        canvas.gt.append(" ".join(" ".join(p) for p in cells))
        if canvas.style.table_rules:
            xs = [x0 + sum(widths[:k]) for k in range(ncol + 1)]
            for xv in xs:
                canvas.draw.line([(xv, y), (xv, y + height)], fill=canvas.style.ink, width=2)
            canvas.draw.line([(x0, y), (xs[-1], y)], fill=canvas.style.ink, width=2)
            canvas.draw.line(
                [(x0, y + height), (xs[-1], y + height)], fill=canvas.style.ink, width=2
            )
        y += height
    return y + pt(8)


def _signatures(canvas: Canvas, c: DocumentContent, x0: int, x1: int, y: int) -> int:
    width = x1 - x0
    if c.place_date and not (
        canvas.style.place_date_top and c.agency and canvas.style.header == "split"
    ):
        font = canvas.font("italic")
        cx = x0 + width * 0.72
        y = canvas.centred(cx, y, c.place_date, font, width * 0.55)
    rows: list[list[Signer]] = []
    signers = list(c.signers)
    while signers:
        rows.append(signers[:2])
        signers = signers[2:]
    for row in rows:
        centres = [x0 + width * 0.72] if len(row) == 1 else [x0 + width * 0.25, x0 + width * 0.72]
        bottom = y
        for signer, cx in zip(row, centres, strict=True):
            bottom = max(bottom, _signer(canvas, signer, c.seal_text, cx, width * 0.45, y))
        y = bottom + pt(10)
    return y


def _signer(canvas: Canvas, s: Signer, seal_text: str, cx: float, width: float, y: int) -> int:
    rng = canvas.rng
    bold = canvas.font("bold")
    top = y
    for line in s.title:
        y = canvas.centred(cx, y, line, _fit(canvas, line, "bold", width, 1.0), width)
    if s.note:
        y = canvas.centred(cx, y, s.note, canvas.font("italic", 0.85), width)
    space = pt(rng.uniform(60, 85))
    sig = marks.signature(rng, int(width * 0.5), int(space * 0.9))
    colour = rng.choice(((20, 40, 150), (15, 30, 110), (30, 30, 35)))
    marks.ink_multiply(
        canvas.image,
        sig,
        colour,
        (int(cx - sig.width / 2 + rng.uniform(-40, 40)), int(y + space * 0.05)),
    )
    if s.sealed and seal_text:
        radius = pt(rng.uniform(52, 62))
        sx = int(cx - rng.uniform(0.2, 0.8) * radius)
        sy = int((top + y + space) / 2 + rng.uniform(-0.2, 0.3) * radius)
        canvas.seals.append((sx, sy, seal_text))
        layer = marks.seal(rng, seal_text, radius, canvas.style.family.bold)
        red = (rng.randint(195, 235), rng.randint(15, 60), rng.randint(25, 70))
        marks.ink_multiply(
            canvas.image, layer, red, (sx - layer.width // 2, sy - layer.height // 2)
        )
    y += space
    return canvas.centred(cx, y, s.name, bold, width)
