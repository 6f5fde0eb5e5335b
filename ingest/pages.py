"""Turning an accepted upload into page images, one page at a time (memory stays flat)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
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
                bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
                array = bitmap.to_numpy()[:, :, :3].copy()
            except pdfium.PdfiumError as exc:
                raise DamagedFile(f"page {index + 1}: {exc}") from exc
            finally:
                page.close()
            yield PageImage(index=index, image=array, dpi=dpi)
    finally:
        pdf.close()


def _image_pages(path: Path) -> Iterator[PageImage]:
    try:
        with Image.open(path) as img:
            for index in range(int(getattr(img, "n_frames", 1))):
                img.seek(index)
                frame = ImageOps.exif_transpose(img) if index == 0 else img
                dpi = image_dpi(img)
                rgb = np.asarray(frame.convert("RGB"))
                yield PageImage(index=index, image=rgb, dpi=dpi)
    except (OSError, EOFError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise DamagedFile(str(exc)) from exc
