"""Turning an accepted upload into page images, one page at a time (memory stays flat)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageOps

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


def iter_pages(path: Path, media_type: str, render_dpi: int = 300) -> Iterator[PageImage]:
    if media_type not in ACCEPTED:
        raise UnsupportedFileType(media_type)
    if media_type == PDF:
        yield from _pdf_pages(path, render_dpi)
    else:
        yield from _image_pages(path)


def _pdf_pages(path: Path, dpi: int) -> Iterator[PageImage]:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise DamagedFile(str(exc)) from exc
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                scan_dpi = _scan_dpi(page)
                bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
                array = bitmap.to_numpy()[:, :, :3].copy()
            except pdfium.PdfiumError as exc:
                raise DamagedFile(f"page {index + 1}: {exc}") from exc
            finally:
                page.close()
            yield PageImage(index=index, image=array, dpi=dpi, scan_dpi=scan_dpi)
    finally:
        pdf.close()


SCAN_COVER = 0.5
"""Share of the page an image must cover to count as the page's scan."""


def _scan_dpi(page: pdfium.PdfPage) -> int | None:
    """The resolution of the image that makes up the page, None for a page of vector text.

    pdfium computes it from the image's pixel size and its placement matrix.
    """
    width, height = page.get_size()
    page_area = max(1.0, width * height)
    best: tuple[float, int] | None = None
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        try:
            left, bottom, right, top = obj.get_bounds()
            meta = obj.get_metadata()
        except pdfium.PdfiumError:
            continue
        area = (right - left) * (top - bottom)
        dpi = min(meta.horizontal_dpi, meta.vertical_dpi)
        if area >= SCAN_COVER * page_area and dpi > 0 and (best is None or area > best[0]):
            best = (area, int(round(dpi)))
    return best[1] if best else None


def _image_pages(path: Path) -> Iterator[PageImage]:
    try:
        with Image.open(path) as img:
            for index in range(int(getattr(img, "n_frames", 1))):
                img.seek(index)
                frame = ImageOps.exif_transpose(img) if index == 0 else img
                dpi = image_dpi(img)
                rgb = np.asarray(frame.convert("RGB"))
                yield PageImage(index=index, image=rgb, dpi=dpi, scan_dpi=dpi)
    except (OSError, EOFError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise DamagedFile(str(exc)) from exc
