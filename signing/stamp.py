"""Visible stamps (DOMAIN.md): certified copy, signed result, clerk's digitization signature,
and the verification QR code.

- Certified copy (Decree 45/2020): top right of page 1, the copy type (SAO Y / SAO LỤC /
  TRÍCH SAO), the agency and the signing time in ISO 8601 with +07:00, Times New Roman
  metrics (Liberation Serif) at 10 pt.
- Result: top right of page 1, the agency and the signing leader, with the time.
- Digitization (Circular 01/2023): top left of page 1, the clerk's name and the time.
- QR (ISO/IEC 18004) top left of page 1: verification URL, dossier code, procedure code,
  owner ID, document name, issuing system, time and validity.

The QR is drawn into the page content when the file carries no signature yet (it is then
covered by the new signature). On a file that is already signed, changing page content would
break the earlier signatures, so the QR goes inside the new signature's own appearance,
left of its text.

Fonts: pyHanko writes glyph widths as if every font had 1000 units per em; Liberation has
2048, which would render text twice too wide, so the font is rescaled to 1000 units with
fontTools once per process and kept in memory.
"""

from __future__ import annotations

import enum
import hashlib
import os
import tempfile
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.content import ResourceType
from pyhanko.pdf_utils.font.api import FontEngine, FontEngineFactory
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.stamp.base import BaseStamp, BaseStampStyle

from signing.errors import SigningMisconfigured, StampDoesNotFit

__all__ = [
    "VN_TZ",
    "Appearance",
    "CertifiedCopyStamp",
    "CopyType",
    "DigitizationStamp",
    "QrContent",
    "ResultStamp",
    "StampOptions",
    "vn_isoformat",
]

VN_TZ = timezone(timedelta(hours=7), "ICT")
"""Vietnam's zone: +07:00 all year (no daylight saving)."""

_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
)
_RED = (0.75, 0.0, 0.0)
_BLACK = (0.0, 0.0, 0.0)


def vn_isoformat(moment: datetime) -> str:
    """``2026-11-23T09:30:00+07:00``."""
    return moment.astimezone(VN_TZ).isoformat(timespec="seconds")


class CopyType(enum.StrEnum):
    """Kinds of certified copy (Decree 30/2020/NĐ-CP)."""

    SAO_Y = "SAO_Y"
    SAO_LUC = "SAO_LUC"
    TRICH_SAO = "TRICH_SAO"

    @property
    def label(self) -> str:
        return {"SAO_Y": "SAO Y", "SAO_LUC": "SAO LỤC", "TRICH_SAO": "TRÍCH SAO"}[self.value]


@dataclass(frozen=True)
class QrContent:
    """What the verification QR carries; a verifier scanning it reaches
    :attr:`verification_url`."""

    verification_url: str
    dossier_code: str
    owner_id: str
    document_name: str
    procedure_code: str | None = None
    valid_until: date | None = None
    """End of validity of a result; ``None`` prints "không thời hạn" (no end)."""
    issuing_system: str = "sohoa"

    def payload(self, at: datetime) -> str:
        """The encoded text: the URL first (so phone scanners offer to open it), then one
        labelled field per line."""
        lines = [
            self.verification_url,
            f"Mã hồ sơ: {self.dossier_code}",
            *([f"Mã TTHC: {self.procedure_code}"] if self.procedure_code else []),
            f"Số định danh: {self.owner_id}",
            f"Giấy tờ: {self.document_name}",
            f"Hệ thống: {self.issuing_system}",
            f"Thời gian: {vn_isoformat(at)}",
            "Hiệu lực: " + (self.valid_until.isoformat() if self.valid_until else "không thời hạn"),
        ]
        return "\n".join(lines)


@dataclass(frozen=True)
class CertifiedCopyStamp:
    """Agency's stamp on an electronic copy certified from an original."""

    copy_type: CopyType
    agency: str
    qr: QrContent | None = None


@dataclass(frozen=True)
class ResultStamp:
    """Agency's stamp on a signed result: the agency and the leader who signed."""

    agency: str
    leader: str
    leader_title: str | None = None
    """E.g. "KT. CHỦ TỊCH – PHÓ CHỦ TỊCH"; printed above the leader's name."""
    qr: QrContent | None = None


@dataclass(frozen=True)
class DigitizationStamp:
    """The clerk's signature on a digitized scan (Circular 01/2023), top left."""

    clerk: str


Appearance = CertifiedCopyStamp | ResultStamp | DigitizationStamp


@dataclass(frozen=True)
class StampOptions:
    """Fonts and sizes of the visible stamps."""

    font_regular: Path | None = None
    """A Times New Roman–metric TTF; default Liberation Serif Regular (fonts-liberation2)."""
    font_bold: Path | None = None
    font_size: float = 10.0
    qr_size: float = 90.0
    """Side of the QR in points (90 pt = 3.2 cm: modules of ~0.5 mm for a ~250-byte payload,
    which phones read from paper)."""
    margin: float = 28.0
    """Distance from the page edges in points (about 1 cm)."""
    max_text_width: float = 260.0
    """Longer lines (a long agency name) wrap at word boundaries."""


# --- fonts -----------------------------------------------------------------------------------


def _default_font(bold: bool) -> Path:
    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    for d in _FONT_DIRS:
        if (d / name).is_file():
            return d / name
    raise SigningMisconfigured(f"{name} not found; install fonts-liberation2 or set the font")


FONT_CACHE = Path(tempfile.gettempdir()) / "sohoa-stamp-fonts"
"""Rescaled fonts, keyed by the source font's SHA-256: rescaling takes seconds per font, so
each machine does it once instead of every worker process on its first signature."""


# Latin, Vietnamese (precomposed and combining marks), punctuation, ₫ and №: all a stamp says.
_VI_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0x24F),
    (0x300, 0x36F),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x20A0, 0x20CF),
    (0x2100, 0x214F),
)
VI_REPERTOIRE = frozenset(c for lo, hi in _VI_RANGES for c in range(lo, hi + 1))


def covered(texts: Iterable[str]) -> bool:
    """Whether the reduced fonts hold every character of ``texts``."""
    return all(ord(ch) in VI_REPERTOIRE for text in texts for ch in text)


@lru_cache(maxsize=16)
def _font_bytes(path: str, reduced: bool = False) -> bytes:
    """The font rescaled to 1000 units per em (see the module note), cached on disk.

    ``reduced``: cut down to :data:`VI_REPERTOIRE` as well. pyHanko subsets the font again
    for every signature, and parsing the full font's layout tables each time was most of
    the stamp's cost (Liberation Serif: 374 kB → 128 kB, subsetting 71 → 29 ms per font).
    """
    try:
        source = Path(path).read_bytes()
    except OSError as e:
        raise SigningMisconfigured(f"cannot read font {path}: {e}") from e
    suffix = "upem1000-vi" if reduced else "upem1000"
    cached = FONT_CACHE / f"{hashlib.sha256(source).hexdigest()}-{suffix}.ttf"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    data = _reduced(_font_bytes(path)) if reduced else _rescaled(path)
    try:
        FONT_CACHE.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(data)
        partial.replace(cached)  # atomic: a concurrent reader sees all or nothing
    except OSError:
        pass  # a read-only temp dir only costs speed
    return data


def warm_fonts(options: StampOptions | None = None) -> None:
    """Load (and cache) the stamp fonts now, e.g. when a worker process starts."""
    options = options or StampOptions()
    for path in (
        str(options.font_regular or _default_font(bold=False)),
        str(options.font_bold or _default_font(bold=True)),
    ):
        _hb_font(path)
        _font_bytes(path, reduced=True)


def _reduced(font_data: bytes) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(BytesIO(font_data))
    options = subset.Options()
    options.layout_features = ["*"]  # keep mark positioning and ligatures for what remains
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(VI_REPERTOIRE))
    subsetter.subset(font)
    out = BytesIO()
    font.save(out)
    return out.getvalue()


def _rescaled(path: str) -> bytes:
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    try:
        font = TTFont(path)
    except Exception as e:  # fontTools raises bare TTLibError/OSError/struct errors
        raise SigningMisconfigured(f"cannot read font {path}: {e}") from e
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    if "FFTM" in font:
        del font["FFTM"]  # FontForge's timestamp table; the subsetter warns about it
    out = BytesIO()
    font.save(out)
    return out.getvalue()


@lru_cache(maxsize=8)
def _hb_font(path: str) -> Any:
    import uharfbuzz as hb

    return hb.Font(hb.Face(_font_bytes(path)))


def _text_width(path: str, text: str, size: float) -> float:
    import uharfbuzz as hb

    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(_hb_font(path), buf, {})
    return sum(p.x_advance for p in buf.glyph_positions) / 1000 * size


@dataclass(frozen=True)
class _MemoryFont(FontEngineFactory):
    path: str
    reduced: bool = False

    def create_font_engine(self, writer: BasePdfFileWriter, obj_stream: Any = None) -> FontEngine:
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

        return GlyphAccumulator(
            writer=writer,
            font_handle=BytesIO(_font_bytes(self.path, self.reduced)),
            font_size=10,
            bcp47_lang_code="vi",
            obj_stream=obj_stream,
        )


_ENGINES: weakref.WeakKeyDictionary[BasePdfFileWriter, dict[tuple[str, bool], FontEngine]] = (
    weakref.WeakKeyDictionary()
)


def _engine_for(writer: BasePdfFileWriter, path: str, reduced: bool) -> FontEngine:
    """One font engine per font and output file: the page QR's caption and the signature's
    block share one embedded subset instead of each parsing, subsetting and embedding the
    font (each subset costs ~30 ms per signature)."""
    engines = _ENGINES.setdefault(writer, {})
    key = (path, reduced)
    if key not in engines:
        engines[key] = _MemoryFont(path, reduced).create_font_engine(writer)
    return engines[key]


# --- layout ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    text: str
    bold: bool = False
    color: tuple[float, float, float] = _BLACK


@dataclass(frozen=True)
class StampBlock:
    """A laid-out stamp: lines of text, optionally a QR, a border; measured in points."""

    lines: tuple[_Line, ...]
    regular: str
    bold: str
    size: float
    qr_payload: str | None = None
    qr_size: float = 0.0
    qr_caption_below: bool = False
    border: tuple[float, float, float] | None = _RED
    padding: float = 4.0

    @property
    def leading(self) -> float:
        return self.size * 1.25

    def _line_width(self, line: _Line) -> float:
        return _text_width(self.bold if line.bold else self.regular, line.text, self.size)

    @property
    def text_width(self) -> float:
        return max((self._line_width(line) for line in self.lines), default=0.0)

    @property
    def text_height(self) -> float:
        return len(self.lines) * self.leading

    @property
    def width(self) -> float:
        if self.qr_payload and self.qr_caption_below:
            return max(self.qr_size, self.text_width) + 2 * self.padding
        gap = self.padding if self.qr_payload and self.lines else 0.0
        return self.qr_size + gap + self.text_width + 2 * self.padding

    @property
    def height(self) -> float:
        if self.qr_payload and self.qr_caption_below:
            return self.qr_size + self.text_height + 2 * self.padding
        return max(self.qr_size, self.text_height) + 2 * self.padding


def _qr_ops(payload: str, size: float, x: float, y: float) -> bytes:
    """The QR as filled rectangles (vector, crisp at any zoom) on a white square, one run of
    dark modules per rectangle to keep the stream small."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=2, box_size=1)
    qr.add_data(payload.encode("utf-8"))
    qr.make(fit=True)
    matrix = qr.get_matrix()
    n = len(matrix)
    module = size / n
    ops = [b"q 1 1 1 rg %g %g %g %g re f" % (x, y, size, size), b"0 0 0 rg"]
    for r, row in enumerate(matrix):
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                ops.append(
                    b"%g %g %g %g re"
                    % (
                        x + start * module,
                        y + size - (r + 1) * module,
                        (c - start) * module,
                        module,
                    )
                )
            else:
                c += 1
    ops.append(b"f Q")
    return b"\n".join(ops)


# Content rotation (a b c d) that cancels a page's /Rotate: the viewer turns the page
# clockwise, so the stamp is drawn turned counter-clockwise by the same angle.
_UPRIGHT: dict[int, tuple[int, int, int, int]] = {
    0: (1, 0, 0, 1),
    90: (0, 1, -1, 0),
    180: (-1, 0, 0, -1),
    270: (0, -1, 1, 0),
}


@dataclass(frozen=True)
class _BlockStyle(BaseStampStyle):
    block: StampBlock | None = None
    border_width: int = 1
    rotation: int = 0
    """Page 1's /Rotate: the appearance is turned to read upright as the page is shown."""

    def create_stamp(
        self, writer: BasePdfFileWriter, box: layout.BoxConstraints, text_params: dict
    ) -> _BlockStamp:
        if self.rotation in (90, 270):
            # the widget's box is in unrotated page space: the block lies across it
            box = layout.BoxConstraints(width=box.height, height=box.width)
        return _BlockStamp(writer, self, box)


class _BlockStamp(BaseStamp):
    """Renders a :class:`StampBlock` into a form XObject (signature appearance or page)."""

    style: _BlockStyle

    def as_form_xobject(self) -> generic.StreamObject:
        xobject = super().as_form_xobject()
        if self.style.rotation:
            a, b, c, d = _UPRIGHT[self.style.rotation]
            xobject[pdf_name("/Matrix")] = generic.ArrayObject(
                [generic.NumberObject(v) for v in (a, b, c, d, 0, 0)]
            )
        return xobject

    def _render_inner_content(self) -> list[bytes]:
        block = self.style.block
        assert block is not None and self.writer is not None
        engines: dict[bool, FontEngine] = {}
        reduced = covered(line.text for line in block.lines)
        for bold, path in ((False, block.regular), (True, block.bold)):
            if any(line.bold == bold for line in block.lines):
                engine = _engine_for(self.writer, path, reduced)
                engine.font_size = block.size  # type: ignore[assignment]
                engines[bold] = engine
                self.set_resource(
                    ResourceType.FONT, pdf_name("/FB" if bold else "/FR"), engine.as_resource()
                )
        ops: list[bytes] = []
        height = self.box.height
        p = block.padding
        if block.qr_payload:
            qr_y = height - p - block.qr_size
            ops.append(_qr_ops(block.qr_payload, block.qr_size, p, qr_y))
        if block.qr_payload and block.qr_caption_below:
            text_x, text_top = p, height - p - block.qr_size
        elif block.qr_payload:
            # text beside the QR, centred on it
            text_x = p + block.qr_size + p
            text_top = height - p - max(0.0, (block.qr_size - block.text_height) / 2)
        else:
            text_x, text_top = p, height - p
        # first baseline one em down: room for stacked Vietnamese marks on capitals (Ủ, Ỗ)
        ascent = block.size * 1.0
        for i, line in enumerate(block.lines):
            engine = engines[line.bold]
            shaped = engine.shape(line.text)
            baseline = text_top - ascent - i * block.leading
            ops.append(
                b"BT %s %g Tf %g %g %g rg 1 0 0 1 %g %g Tm %s ET"
                % (
                    b"/FB" if line.bold else b"/FR",
                    block.size,
                    *line.color,
                    text_x,
                    baseline,
                    shaped.graphics_ops,
                )
            )
        return ops


def block_style(block: StampBlock, rotation: int = 0) -> BaseStampStyle:
    """pyHanko stamp style drawing ``block`` (for a signature field's appearance)."""
    return _BlockStyle(
        block=block,
        border_width=1 if block.border else 0,
        border_color=block.border,
        rotation=rotation,
    )


def draw_on_page(
    writer: BasePdfFileWriter,
    block: StampBlock,
    rect: tuple[float, float, float, float],
    rotation: int = 0,
) -> None:
    """Draw ``block`` into page 1's content, filling ``rect`` (unrotated page space), as a form
    XObject turned to read upright on a page shown with ``/Rotate`` ``rotation``."""
    stamp = _BlockStamp(
        writer,
        _BlockStyle(block=block, border_width=0, rotation=rotation),
        layout.BoxConstraints(width=block.width, height=block.height),
    )
    page_ref, _ = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    if "/Contents" not in page:
        # A page with nothing on it may have no content stream at all (it is optional), and
        # pyHanko wraps the existing one: give it an empty one first.
        page[pdf_name("/Contents")] = writer.add_object(generic.StreamObject(stream_data=b""))
        writer.update_container(page)
    # Where the turned XObject's box starts, relative to its origin: shift it onto rect.
    a, b, c, d = _UPRIGHT[rotation]
    corners = [(a * x + c * y, b * x + d * y) for x in (0, block.width) for y in (0, block.height)]
    dx, dy = min(x for x, _ in corners), min(y for _, y in corners)
    stamp.apply(0, int(round(rect[0] - dx)), int(round(rect[1] - dy)))


def add_link(writer: BasePdfFileWriter, rect: Sequence[float], url: str) -> None:
    """A clickable link (for the QR, in viewers) on page 1."""
    page_ref, _ = writer.find_page_for_modification(0)
    annot = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Link"),
            pdf_name("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in rect]),
            pdf_name("/Border"): generic.ArrayObject([generic.NumberObject(0)] * 3),
            pdf_name("/A"): generic.DictionaryObject(
                {
                    pdf_name("/S"): pdf_name("/URI"),
                    pdf_name("/URI"): generic.pdf_string(url),
                }
            ),
        }
    )
    writer.register_annotation(page_ref, writer.add_object(annot))


# --- what each appearance looks like ----------------------------------------------------------


@dataclass(frozen=True)
class PlannedStamp:
    """Where and what to draw for one signing: the signature field's box and block, and an
    optional QR block drawn into the page."""

    field_box: tuple[int, int, int, int]
    """In unrotated page space, like every rectangle of a PDF page."""
    field_block: StampBlock
    page_qr: StampBlock | None = None
    page_qr_rect: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    qr_url: str | None = None
    rotation: int = 0
    """Page 1's /Rotate (0, 90, 180, 270): the blocks are drawn to read upright as shown."""


def _lines(appearance: Appearance, at: datetime) -> tuple[_Line, ...]:
    when = vn_isoformat(at)
    if isinstance(appearance, CertifiedCopyStamp):
        return (
            _Line(appearance.copy_type.label, bold=True, color=_RED),
            _Line(appearance.agency),
            _Line(f"Thời gian ký: {when}"),
        )
    if isinstance(appearance, ResultStamp):
        return (
            _Line(appearance.agency, bold=True, color=_RED),
            *((_Line(appearance.leader_title),) if appearance.leader_title else ()),
            _Line(f"Người ký: {appearance.leader}"),
            _Line(f"Thời gian ký: {when}"),
        )
    return (
        _Line("ĐÃ SỐ HÓA", bold=True, color=_RED),
        _Line(f"Người số hóa: {appearance.clerk}"),
        _Line(f"Thời gian: {when}"),
    )


def _wrap(
    lines: tuple[_Line, ...], regular: str, bold: str, size: float, limit: float
) -> tuple[_Line, ...]:
    out: list[_Line] = []
    for line in lines:
        font = bold if line.bold else regular
        words = line.text.split()
        current = ""
        for word in words:
            candidate = f"{current} {word}".strip()
            if current and _text_width(font, candidate, size) > limit:
                out.append(_Line(current, line.bold, line.color))
                current = word
            else:
                current = candidate
        out.append(_Line(current, line.bold, line.color))
    return tuple(out)


def _to_page(
    rect: tuple[float, float, float, float],
    page_box: tuple[float, float, float, float],
    rotation: int,
) -> tuple[float, float, float, float]:
    """A rectangle as the page is shown (origin at its lower left) in unrotated page space."""
    x1, y1, x2, y2 = page_box

    def point(u: float, v: float) -> tuple[float, float]:
        if rotation == 90:
            return x2 - v, y1 + u
        if rotation == 180:
            return x2 - u, y2 - v
        if rotation == 270:
            return x1 + v, y2 - u
        return x1 + u, y1 + v

    (ax, ay), (bx, by) = point(rect[0], rect[1]), point(rect[2], rect[3])
    return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def plan(
    appearance: Appearance,
    *,
    page_box: tuple[float, float, float, float],
    already_signed: bool,
    at: datetime,
    options: StampOptions,
    rotation: int = 0,
) -> PlannedStamp:
    """Lay out ``appearance`` on page 1 whose visible box is ``page_box`` (x1, y1, x2, y2)
    and which is shown turned clockwise by ``rotation`` degrees (its /Rotate): "top right"
    is the top right of the page as the reader sees it."""
    regular = str(options.font_regular or _default_font(False))
    bold = str(options.font_bold or _default_font(True))
    rotation %= 360
    if rotation not in _UPRIGHT:
        rotation = 0  # a /Rotate that is not a multiple of 90 is invalid; viewers ignore it
    width, height = page_box[2] - page_box[0], page_box[3] - page_box[1]
    if rotation in (90, 270):
        width, height = height, width
    # Laid out as shown, then mapped back onto the page.
    x1, y1, x2, y2 = 0.0, 0.0, width, height
    m = options.margin
    qr = getattr(appearance, "qr", None)
    qr_in_field = qr is not None and already_signed
    field_block = StampBlock(
        lines=_wrap(
            _lines(appearance, at), regular, bold, options.font_size, options.max_text_width
        ),
        regular=regular,
        bold=bold,
        size=options.font_size,
        qr_payload=qr.payload(at) if qr_in_field and qr else None,
        qr_size=options.qr_size if qr_in_field else 0.0,
    )
    w, h = field_block.width, field_block.height
    if isinstance(appearance, DigitizationStamp):
        left, top = x1 + m, y2 - m
    else:
        left, top = x2 - m - w, y2 - m
    page_qr: StampBlock | None = None
    qr_origin = (0.0, 0.0)
    if qr is not None and not qr_in_field:
        page_qr = StampBlock(
            lines=(_Line(f"Mã hồ sơ: {qr.dossier_code}"), _Line("Quét mã để xác minh")),
            regular=regular,
            bold=bold,
            size=options.font_size * 0.8,
            qr_payload=qr.payload(at),
            qr_size=options.qr_size,
            qr_caption_below=True,
            border=None,
            padding=2.0,
        )
        qr_origin = (x1 + m, y2 - m - page_qr.height)
        if qr_origin[0] + page_qr.width + 8 > left:
            raise StampDoesNotFit("the QR and the stamp overlap on page 1")
    if left < x1 + m / 2 or top - h < y1 or w > (x2 - x1):
        raise StampDoesNotFit(f"a {w:.0f}×{h:.0f} pt stamp does not fit page 1")
    fx1, fy1, fx2, fy2 = _to_page((left, top - h, left + w + 1, top), page_box, rotation)
    qr_rect = (0.0, 0.0, 0.0, 0.0)
    if page_qr is not None:
        qx, qy = qr_origin
        qr_rect = _to_page((qx, qy, qx + page_qr.width, qy + page_qr.height), page_box, rotation)
    return PlannedStamp(
        field_box=(int(fx1), int(fy1), int(round(fx2)), int(round(fy2))),
        field_block=field_block,
        page_qr=page_qr,
        page_qr_rect=qr_rect,
        qr_url=qr.verification_url if qr is not None else None,
        rotation=rotation,
    )
