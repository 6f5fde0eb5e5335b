"""Turning an accepted upload into page images, one page at a time (memory stays flat)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageOps

from . import formats  # noqa: F401  (HEIC)
from .errors import DamagedFile, UnsupportedFileType
from .limits import image_dpi
from .sniff import ACCEPTED, PDF


@dataclass(frozen=True)
class PageImage:
    index: int
    """0-based page number in the file."""
    image: np.ndarray
    """RGB, uint8, H x W x 3."""
    dpi: int | None
    """Resolution the page was scanned or rendered at; None when the file does not say."""
    scan_dpi: int | None = None
    """Resolution of the scan itself when it differs from ``dpi``: a 150 dpi scan inside a
    PDF renders at 300 dpi, but holds no more detail than 150 (the quality gate judges this)."""
    text_layer: str | None = None
    """The text a PDF page shows as text (not as a picture), when the page is made of it:
    visible text, no OCR layer, pictures covering less than ``PICTURE_SHARE`` of it
    (``ocr.textlayer`` judges whether it can stand in for OCR). None for scans and images."""
    own_page: bytes | None = None
    """That page alone as a PDF, as it is (with ``text_layer``): its searchable copy."""


def iter_pages(
    path: Path, media_type: str, render_dpi: int = 300, text_layers: bool = True
) -> Iterator[PageImage]:
    """The file's pages in order; ``text_layers``: also a PDF page's own text and the page
    itself where it is made of text (``PageImage.text_layer``), which the quality gate does
    not need."""
    if media_type not in ACCEPTED:
        raise UnsupportedFileType(media_type)
    if media_type == PDF:
        yield from _pdf_pages(path, render_dpi, text_layers)
    else:
        yield from _image_pages(path)


def _pdf_pages(path: Path, dpi: int, text_layers: bool) -> Iterator[PageImage]:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise DamagedFile(str(exc)) from exc
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                scan_dpi, covered = _pictures(page)
                bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
                array = bitmap.to_numpy()[:, :, :3].copy()
            except pdfium.PdfiumError as exc:
                raise DamagedFile(f"page {index + 1}: {exc}") from exc
            finally:
                page.close()
            text, own = (None, None)
            if text_layers and covered < PICTURE_SHARE:
                text, own = _page_alone(pdf, index) or (None, None)
            yield PageImage(index, array, dpi, scan_dpi, text, own)
    finally:
        pdf.close()


SCAN_COVER = 0.5
"""Share of the page an image must cover to count as the page's scan."""
PICTURE_SHARE = 0.15
"""Pictures covering this share of a page or more may hold print of their own (a pasted
photo of an ID card): such a page is read by OCR, which reads its text too. A logo, a
signature or a seal's picture covers a few hundredths."""


def _pictures(page: pdfium.PdfPage) -> tuple[int | None, float]:
    """The resolution of the image that makes up the page (None for a page of vector text),
    and the share of the page that images cover.

    pdfium computes the resolution from the image's pixel size and its placement matrix.
    """
    width, height = page.get_size()
    page_area = max(1.0, width * height)
    best: tuple[float, int] | None = None
    covered = 0.0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        try:
            left, bottom, right, top = obj.get_bounds()
            meta = obj.get_metadata()
        except pdfium.PdfiumError:
            continue
        # Only the part on the page counts (a picture may be placed partly off it).
        area = max(0.0, min(right, width) - max(left, 0.0)) * max(
            0.0, min(top, height) - max(bottom, 0.0)
        )
        covered += area / page_area
        dpi = min(meta.horizontal_dpi, meta.vertical_dpi)
        if area >= SCAN_COVER * page_area and dpi > 0 and (best is None or area > best[0]):
            best = (area, int(round(dpi)))
    return (best[1] if best else None), covered


def _page_alone(pdf: pdfium.PdfDocument, index: int) -> tuple[str, bytes] | None:
    """Page ``index`` of ``pdf`` as a PDF of its own, with its text, when it shows text as
    text; None when it has none, when any of it is invisible (an OCR layer laid over a
    picture of the page: that reading is not the paper's own, and is not trusted), or when
    pdfium cannot copy it.

    The copy's annotations are flattened into it as they print: a visible signature's stamp
    stays on the page (a signature field without its form would not show in every viewer),
    and its words are part of the page's text as they are of what OCR would read.
    """
    alone = pdfium.PdfDocument.new()
    try:
        alone.import_pages(pdf, [index])
        page = alone[0]
        try:
            pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_PRINT)
        finally:
            page.close()
        page = alone[0]  # flattening invalidates the page's handles
        try:
            text = _own_text(page)
        finally:
            page.close()
        if text is None:
            return None
        out = io.BytesIO()
        alone.save(out)
        return text, out.getvalue()
    except pdfium.PdfiumError:
        return None
    finally:
        alone.close()


def _own_text(page: pdfium.PdfPage) -> str | None:
    """The page's text, or None when it shows none or any of it is invisible."""
    shown = 0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,), max_depth=2):
        mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw)
        if mode == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE:
            return None
        shown += 1
    if not shown:
        return None
    textpage = page.get_textpage()
    try:
        return str(textpage.get_text_range())
    finally:
        textpage.close()


def _image_pages(path: Path) -> Iterator[PageImage]:
    try:
        with Image.open(path) as img:
            for index in range(int(getattr(img, "n_frames", 1))):
                img.seek(index)
                frame = ImageOps.exif_transpose(img) if index == 0 else img
                dpi = image_dpi(img)
                yield PageImage(index=index, image=as_rgb(frame), dpi=dpi, scan_dpi=dpi)
    except (OSError, EOFError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise DamagedFile(str(exc)) from exc


_DEEP_GREY = ("I;16", "I;16L", "I;16B", "I;16N", "I", "F")


def _full_scale(top: float) -> float:
    """White of a deep grey frame whose largest value is ``top``: 1.0 for floats of 0-1, else
    the top of the fewest bits (8 or more) that hold it. Many scanners and cameras write 10-,
    12- or 14-bit samples in 16-bit files; scaled by 65535 their pages would come out black."""
    if top <= 1.0:
        return 1.0
    return float(2 ** max(8, int(np.ceil(top)).bit_length()) - 1)


def as_rgb(frame: Image.Image) -> np.ndarray:
    """The frame as 8-bit RGB, whatever mode Pillow opened it in.

    Pillow's own ``convert("RGB")`` clips deeper greys at 255, so a 16-bit grey scan (a
    flatbed's "16-bit greyscale", many archive TIFFs) would become white paper with nothing on
    it; and it drops the alpha channel, so a page exported with transparent paper would turn
    black. Deep greys are scaled to 8 bits, and transparent parts are laid on white paper.
    """
    if frame.mode in _DEEP_GREY:
        grey = np.asarray(frame, dtype=np.float32)  # exact up to 2**24, half the memory
        top = float(grey.max()) if grey.size else 0.0
        if not np.isfinite(top):  # a float TIFF holding NaN or infinity: no picture to show
            raise ValueError("the image's samples are not finite numbers")
        grey8 = np.clip(np.rint(grey * (255.0 / _full_scale(top))), 0, 255).astype(np.uint8)
        return np.repeat(grey8[:, :, None], 3, axis=2)
    if "A" in frame.getbands() or "a" in frame.getbands() or "transparency" in frame.info:
        rgba = frame.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return np.asarray(Image.alpha_composite(paper, rgba).convert("RGB"))
    return np.asarray(frame.convert("RGB"))
