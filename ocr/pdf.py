"""Assembling the searchable PDF.

Each page shows the page image as scanned (only turned upright): the legal copy looks like
the paper. Tesseract's text-only PDF, made from the *prepared* image (deskewed, cropped,
rescaled), is placed on top as a Form XObject through the matrix that maps the prepared
image's pixels onto the shown image's pixels, so every invisible word lies on the word it was
read from. That matrix is affine for scans; for a photo whose perspective was undone it is a
homography, which a PDF matrix cannot express, so each word is then placed on its own: its
origin mapped exactly, its baseline and height through the homography's local linear part
there (a word is short enough that the perspective hardly bends along it).
"""

from __future__ import annotations

import io
from collections.abc import Collection, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import cv2
import img2pdf
import numpy as np
import pikepdf
from PIL import ImageCms

from .errors import OcrError


class PdfAssemblyError(OcrError):
    code = "pdf_assembly_failed"
    status = 500
    message_vi = "Không tạo được PDF tìm kiếm được cho trang này."
    message_en = "The searchable PDF could not be assembled for this page."


def _encode_jpeg(image: np.ndarray, quality: int) -> bytes:
    # cv2 expects BGR; greyscale pages stay single-channel (a third of the size).
    if image.ndim == 3 and image.shape[2] == 3:
        if _is_grey(image):
            image = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
        else:
            image = cv2.cvtColor(image, cv2.COLOR_RGB2BGR)
    ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise PdfAssemblyError("JPEG encoding failed")
    return buf.tobytes()


def _is_grey(image: np.ndarray) -> bool:
    sample = image[::16, ::16].astype(np.int16)
    spread = np.abs(sample[:, :, 0] - sample[:, :, 1]) + np.abs(sample[:, :, 1] - sample[:, :, 2])
    return bool(np.percentile(spread, 99.5) < 12)


def text_layer_matrix(
    text_page_size_pt: tuple[float, float],
    text_image_size_px: tuple[int, int],
    shown_image_size_px: tuple[int, int],
    shown_dpi: float,
    prepared_to_shown: np.ndarray,
) -> tuple[float, float, float, float, float, float]:
    """The PDF ``cm`` matrix taking the text page's points onto the shown page's points.

    ``prepared_to_shown`` is a 2x3 or 3x3 affine matrix in pixel coordinates (origin top
    left) from the image Tesseract read to the image the page shows.
    """
    return _pdf_matrix(
        _text_to_shown(
            text_page_size_pt, text_image_size_px, shown_image_size_px, shown_dpi, prepared_to_shown
        )
    )


def _pdf_matrix(t: np.ndarray) -> tuple[float, float, float, float, float, float]:
    """A 3x3 affine matrix on column vectors as PDF's ``a b c d e f`` (on row vectors)."""
    return (t[0, 0], t[1, 0], t[0, 1], t[1, 1], t[0, 2], t[1, 2])


def _text_to_shown(
    text_page_size_pt: tuple[float, float],
    text_image_size_px: tuple[int, int],
    shown_image_size_px: tuple[int, int],
    shown_dpi: float,
    prepared_to_shown: np.ndarray,
) -> np.ndarray:
    """3x3 matrix (column vectors) from the text page's points to the shown page's points."""
    tw_pt, th_pt = text_page_size_pt
    tw_px, th_px = text_image_size_px
    _, sh_px = shown_image_size_px
    m = np.eye(3)
    m[: prepared_to_shown.shape[0], :] = prepared_to_shown[:3, :3]
    sx, sy = tw_px / tw_pt, th_px / th_pt
    # text points -> prepared pixels (y flips: PDF origin is bottom left)
    to_px = np.array([[sx, 0.0, 0.0], [0.0, -sy, th_px], [0.0, 0.0, 1.0]])
    # shown pixels -> shown points
    s = 72.0 / shown_dpi
    to_pt = np.array([[s, 0.0, 0.0], [0.0, -s, sh_px * s], [0.0, 0.0, 1.0]])
    t = to_pt @ m @ to_px
    return t / t[2, 2]


def _is_projective(matrix: np.ndarray) -> bool:
    """Whether a 3x3 mapping bends straight lines' spacing (a homography, not affine)."""
    return bool(np.abs(matrix[2, :2]).max() > 1e-9 * abs(matrix[2, 2]))


def _local_matrix(
    h: np.ndarray, tm: tuple[float, float, float, float, float, float]
) -> list[float]:
    """The text matrix ``tm`` carried through the homography ``h`` at its origin.

    PDF matrices act on row vectors: ``[a b c d e f]`` maps (x, y) to
    (a x + c y + e, b x + d y + f); ``h`` acts on column vectors.
    """
    a, b, c, d, e, f = tm
    u = h @ np.array([e, f, 1.0])
    # Jacobian of (h p)[:2] / (h p)[2] at the origin.
    jac = (h[:2, :2] * u[2] - np.outer(u[:2], h[2, :2])) / (u[2] * u[2])
    lin = np.array([[a, b], [c, d]]) @ jac.T
    return [
        float(v) for v in (lin[0, 0], lin[0, 1], lin[1, 0], lin[1, 1], u[0] / u[2], u[1] / u[2])
    ]


def _place_words(doc: pikepdf.Pdf, page: pikepdf.Page, h: np.ndarray) -> bool:
    """Rewrite a Tesseract text-only page so each word sits where ``h`` (text page points to
    shown page points, a homography) takes it: every ``Td``/``Tm`` becomes an absolute ``Tm``.

    False (page untouched) when the page positions text some other way.
    """
    ops = list(pikepdf.parse_content_stream(page))
    out: list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage] = []
    line = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    for op in ops:
        name = str(op.operator)
        if name in ("TD", "T*", "'", '"'):
            return False
        if name == "BT":
            line = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        if name == "Tm":
            a, b, c, d, e, f = (float(v) for v in op.operands)
            line = (a, b, c, d, e, f)
        elif name == "Td":
            tx, ty = (float(v) for v in op.operands)
            a, b, c, d, e, f = line
            line = (a, b, c, d, tx * a + ty * c + e, tx * b + ty * d + f)
        else:
            out.append(op)
            continue
        placed = [round(float(v), 5) for v in _local_matrix(h, line)]
        out.append(pikepdf.ContentStreamInstruction(placed, pikepdf.Operator("Tm")))
    page.Contents = doc.make_stream(pikepdf.unparse_content_stream(out))
    return True


def write_page_pdf(
    out: Path,
    shown: np.ndarray,
    shown_dpi: int,
    text_pdf: bytes | None,
    text_image_size_px: tuple[int, int],
    prepared_to_shown: np.ndarray,
    jpeg_quality: int = 85,
) -> None:
    """Write one searchable page to ``out``."""
    jpeg = _encode_jpeg(shown, jpeg_quality)
    layout = img2pdf.get_fixed_dpi_layout_fun((shown_dpi, shown_dpi))
    page_pdf = img2pdf.convert(jpeg, layout_fun=layout, rotation=img2pdf.Rotation.ifvalid)
    try:
        with pikepdf.open(io.BytesIO(page_pdf)) as pdf:
            if text_pdf:
                _overlay_text(
                    pdf, text_pdf, shown, shown_dpi, text_image_size_px, prepared_to_shown
                )
            pdf.save(out)
    except pikepdf.PdfError as exc:
        raise PdfAssemblyError(str(exc)) from exc


def _overlay_text(
    pdf: pikepdf.Pdf,
    text_pdf: bytes,
    shown: np.ndarray,
    shown_dpi: int,
    text_image_size_px: tuple[int, int],
    prepared_to_shown: np.ndarray,
) -> None:
    page = pdf.pages[0]
    with pikepdf.open(io.BytesIO(text_pdf)) as text_doc:
        text_page = text_doc.pages[0]
        box = [float(v) for v in text_page.mediabox]
        size_pt = (box[2] - box[0], box[3] - box[1])
        t = _text_to_shown(
            size_pt,
            text_image_size_px,
            (shown.shape[1], shown.shape[0]),
            shown_dpi,
            prepared_to_shown,
        )
        if _is_projective(t) and _place_words(text_doc, text_page, t):
            # The words now carry the whole mapping; the form spans the shown page.
            text_page.mediabox = pikepdf.Array([float(v) for v in page.mediabox])
            t = np.eye(3)
        form = pdf.copy_foreign(text_page.as_form_xobject())
    name = page.add_resource(form, pikepdf.Name.XObject, prefix="OCR")
    a, b, c, d, e, f = _pdf_matrix(t)
    ops = f"q {a:.6f} {b:.6f} {c:.6f} {d:.6f} {e:.4f} {f:.4f} cm {name} Do Q\n"
    page.contents_add(pikepdf.Stream(pdf, ops.encode()), prepend=False)


def overlay_text_pdf(
    base: bytes,
    extra: bytes,
    box_px: tuple[int, int, int, int] | None = None,
    image_px: tuple[int, int] | None = None,
) -> bytes:
    """Two text-only pages as one: ``extra``'s text drawn over ``base``.

    ``extra`` was read from the part ``box_px`` (left, top, right, bottom) of the
    ``image_px`` (width, height) image ``base`` was read from; without a box both are the
    whole image.
    """
    if not extra:
        return base
    if not base:
        return extra
    try:
        with pikepdf.open(io.BytesIO(base)) as pdf, pikepdf.open(io.BytesIO(extra)) as more:
            page = pdf.pages[0]
            rect = None
            if box_px and image_px:
                x0, y0, w_pt, h_pt = (float(v) for v in page.mediabox)
                sx, sy = (w_pt - x0) / image_px[0], (h_pt - y0) / image_px[1]
                left, top, right, bottom = box_px
                rect = pikepdf.Rectangle(
                    x0 + left * sx, h_pt - bottom * sy, x0 + right * sx, h_pt - top * sy
                )
            page.add_overlay(more.pages[0], rect)
            out = io.BytesIO()
            pdf.save(out)
            return out.getvalue()
    except pikepdf.PdfError as exc:
        raise PdfAssemblyError(str(exc)) from exc


def _shown_text(op: pikepdf.ContentStreamInstruction) -> str:
    """The text a ``TJ`` of Tesseract's text-only PDF draws (UTF-16BE, one string)."""
    parts = op.operands[0] if op.operands else ()
    raw = b"".join(bytes(s) for s in parts if isinstance(s, pikepdf.String))
    return raw.decode("utf-16-be", "replace")


def replace_words(
    pdf: bytes,
    read: Sequence[str],
    fixes: Mapping[int, str],
    widen: Mapping[int, float] | None = None,
    drop: Collection[int] = (),
) -> bytes:
    """Tesseract's text-only page with word ``i`` of ``read`` redrawn as ``fixes[i]``.

    Tesseract draws each word with one ``TJ``, in the order of its word list, after a
    ``Tz`` that stretches the word to its box; the stretch is scaled so the new word fills
    the same box, or a box ``widen[i]`` times as wide starting where it starts. The words in
    ``drop`` are not drawn (a word redrawn over several boxes takes their place). When the
    page's words do not match ``read`` one to one, the page is left as it is: a wrong word
    under the right one beats a word laid on another's place.
    """
    if not (fixes or drop) or not pdf:
        return pdf
    widen = widen or {}
    try:
        with pikepdf.open(io.BytesIO(pdf)) as doc:
            page = doc.pages[0]
            ops: list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage] = list(
                pikepdf.parse_content_stream(page)
            )
            drawn = [
                (i, op)
                for i, op in enumerate(ops)
                if isinstance(op, pikepdf.ContentStreamInstruction) and str(op.operator) == "TJ"
            ]
            shown = [_shown_text(op).strip() for _, op in drawn]
            if shown != [w.strip() for w in read]:
                return pdf
            for index, text in fixes.items():
                if not text:
                    continue  # nothing to draw; the word as read stays
                at, word = drawn[index]
                old = _shown_text(word)
                spaced = text + (" " if old.endswith(" ") else "")
                string = pikepdf.String(spaced.encode("utf-16-be"))
                ops[at] = pikepdf.ContentStreamInstruction([pikepdf.Array([string])], word.operator)
                stretch = ops[at - 1]
                if isinstance(stretch, pikepdf.ContentStreamInstruction) and (
                    str(stretch.operator) == "Tz"
                ):
                    # The stretch spans the word with the space after it (if any).
                    scale = float(stretch.operands[0]) * len(old) / len(spaced)
                    ops[at - 1] = pikepdf.ContentStreamInstruction(
                        [round(scale * widen.get(index, 1.0), 3)], stretch.operator
                    )
            # Each word is placed by its own move from the one before: a word left undrawn
            # moves none after it.
            gone = {drawn[i][0] for i in drop if 0 <= i < len(drawn)}
            ops = [op for i, op in enumerate(ops) if i not in gone]
            page.Contents = doc.make_stream(pikepdf.unparse_content_stream(ops))
            out = io.BytesIO()
            doc.save(out)
            return out.getvalue()
    except pikepdf.PdfError as exc:
        raise PdfAssemblyError(str(exc)) from exc


def merge_pages(
    page_files: Sequence[Path], out: Path, *, title: str = "", pdfa: bool = True
) -> None:
    """Concatenate page PDFs. qpdf reads each page from disk as it writes: memory stays flat.

    ``pdfa``: declare the file PDF/A-2b (ISO 19005-2, TCVN 14159-1:2024, what archives keep),
    which it is when every page is one this module wrote, or one made elsewhere that
    ``pdfa_ready`` passes: the sRGB output intent the page images are shown through, and
    the PDF/A identification in the XMP metadata (veraPDF checks it in the tests)."""
    try:
        with pikepdf.Pdf.new() as merged:
            sources = [pikepdf.open(p) for p in page_files]
            try:
                for src in sources:
                    merged.pages.extend(src.pages)
                if pdfa:
                    merged.Root.OutputIntents = pikepdf.Array([_srgb_intent(merged)])
                with merged.open_metadata(set_pikepdf_as_editor=False) as meta:
                    if title:  # an empty one comes back from pyHanko's update as invalid XMP
                        meta["dc:title"] = title
                    meta["pdf:Producer"] = "sohoa"
                    meta["xmp:CreatorTool"] = "sohoa (Tesseract vie)"
                    if pdfa:
                        meta["pdfaid:part"] = "2"
                        meta["pdfaid:conformance"] = "B"
                merged.Root.Lang = pikepdf.String("vi-VN")
                merged.save(
                    out, linearize=False, object_stream_mode=pikepdf.ObjectStreamMode.generate
                )
            finally:
                for src in sources:
                    src.close()
    except pikepdf.PdfError as exc:
        raise PdfAssemblyError(str(exc)) from exc


SRGB = "sRGB IEC61966-2.1"


@lru_cache(maxsize=1)
def _srgb_profile() -> bytes:
    # LittleCMS's built-in sRGB (through Pillow): no profile file to ship or find.
    return bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())


def _srgb_intent(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    profile = pdf.make_stream(_srgb_profile())
    profile.N = 3
    return pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String(SRGB),
        Info=pikepdf.String(SRGB),
        RegistryName=pikepdf.String("http://www.color.org"),
        DestOutputProfile=profile,
    )


_EMBEDDED = ("/FontFile", "/FontFile2", "/FontFile3")
_CMYK_OPERATORS = frozenset({"k", "K"})


def pdfa_ready(page_pdf: bytes) -> bool:
    """Whether a page made elsewhere (``ingest.PageImage.own_page``, annotations already
    flattened) can stand in a PDF/A-2b file as it is: every font embedded, no CMYK (the file's
    output intent is sRGB), no JavaScript. A PDF made with a standard font it does not carry
    (Helvetica, Times) is not: the file is then not declared PDF/A."""
    try:
        with pikepdf.open(io.BytesIO(page_pdf)) as pdf:
            if "/Names" in pdf.Root and "/JavaScript" in pdf.Root.Names:
                return False
            return all(_part_ready(page.obj, set()) for page in pdf.pages)
    except pikepdf.PdfError:
        return False


def _part_ready(holder: pikepdf.Object, seen: set[tuple[int, int]]) -> bool:
    """A page or Form XObject: its fonts, colour spaces and drawing, and its forms' in turn."""
    if holder.is_indirect:
        if holder.objgen in seen:
            return True
        seen.add(holder.objgen)
    resources = holder.get("/Resources", pikepdf.Dictionary())
    for font in resources.get("/Font", pikepdf.Dictionary()).values():
        if not _font_embedded(font):
            return False
    if "/DeviceCMYK" in repr(resources.get("/ColorSpace", "")):
        return False
    if isinstance(holder, pikepdf.Stream) or "/Contents" in holder:
        try:
            instructions = pikepdf.parse_content_stream(holder)
        except pikepdf.PdfError:
            return False
        if any(str(i.operator) in _CMYK_OPERATORS for i in instructions):
            return False
    for xobject in resources.get("/XObject", pikepdf.Dictionary()).values():
        subtype = xobject.get("/Subtype")
        if subtype == pikepdf.Name.Image:
            if xobject.get("/ColorSpace") == pikepdf.Name.DeviceCMYK:
                return False
        elif subtype == pikepdf.Name.Form and not _part_ready(xobject, seen):
            return False
    return True


def _font_embedded(font: pikepdf.Object) -> bool:
    if font.get("/Subtype") == pikepdf.Name.Type3:
        return True  # drawn by its own glyph procedures
    if font.get("/Subtype") == pikepdf.Name.Type0:
        font = font.DescendantFonts[0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in _EMBEDDED)
