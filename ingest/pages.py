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
