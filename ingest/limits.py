"""Checking an upload against the limits before anything heavy is decoded."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, UnidentifiedImageError

from . import formats  # noqa: F401  (HEIC)
from .errors import (
    DamagedFile,
    EmptyFile,
    EncryptedPdf,
    FileTooLarge,
    NoPages,
    PageTooLarge,
    TooManyPages,
    UnsupportedFileType,
)
from .sniff import PDF, sniff_file


@dataclass(frozen=True)
class IntakeLimits:
    max_bytes: int = 50 * 1024 * 1024
    """Largest upload accepted."""
    max_pages: int = 300
    """Most pages in one file."""
    max_page_pixels: int = 80_000_000
    """Most pixels of one page image (as stored, or as rendered at ``render_dpi``)."""
    render_dpi: int = 300
    """The dpi PDF pages are rendered at for OCR (their pixel count is checked at that dpi)."""


@dataclass(frozen=True)
class PageSize:
    width_px: int
    height_px: int
    dpi: int | None


@dataclass(frozen=True)
class UploadInfo:
    media_type: str
    size_bytes: int
    pages: tuple[PageSize, ...]
    protected: bool = False
    """A PDF encrypted with an owner password only: it opens and reads without a password
    (portals protect e-certificates against changes so), but cannot be signed."""

    @property
    def page_count(self) -> int:
        return len(self.pages)


def check_upload(path: Path, limits: IntakeLimits) -> UploadInfo:
    """Sniff, measure and open the file just enough to count pages and read their sizes.

    Raises an ``IngestError`` the clerk can act on. Image pixels are never decoded here.
    """
    size = path.stat().st_size
    if size == 0:
        raise EmptyFile()
    if size > limits.max_bytes:
        raise FileTooLarge(f"{size} > {limits.max_bytes} bytes")
    media_type = sniff_file(path)
    if media_type is None:
        raise UnsupportedFileType()
    pages = _pdf_pages(path, limits) if media_type == PDF else _image_pages(path, limits)
    if not pages:
        raise NoPages()
    protected = media_type == PDF and _is_encrypted(path)
    return UploadInfo(media_type=media_type, size_bytes=size, pages=pages, protected=protected)


def _check_count(count: int, limits: IntakeLimits) -> None:
    if count > limits.max_pages:
        raise TooManyPages(f"{count} > {limits.max_pages} pages")


def _check_pixels(width: int, height: int, limits: IntakeLimits) -> None:
    if width * height > limits.max_page_pixels:
        raise PageTooLarge(f"{width}x{height} > {limits.max_page_pixels} pixels")


def _pdf_pages(path: Path, limits: IntakeLimits) -> tuple[PageSize, ...]:
    if not _has_eof_marker(path):
        # A PDF cut short in transfer: pdfium would quietly rebuild it with pages missing.
        raise DamagedFile("no %%EOF marker at the end: the file is truncated")
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text or "security" in text:
            raise EncryptedPdf() from exc
        raise DamagedFile(str(exc)) from exc
    try:
        count = len(pdf)
        _check_count(count, limits)
        sizes = []
        for index in range(count):
            width_pt, height_pt = pdf.get_page_size(index)
            width = round(width_pt / 72 * limits.render_dpi)
            height = round(height_pt / 72 * limits.render_dpi)
            if width <= 0 or height <= 0:
                raise DamagedFile(f"page {index + 1} has no size")
            _check_pixels(width, height, limits)
            sizes.append(PageSize(width, height, limits.render_dpi))
        return tuple(sizes)
    finally:
        pdf.close()


def _has_eof_marker(path: Path) -> bool:
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - 2048))
        return b"%%EOF" in fh.read()


def _is_encrypted(path: Path) -> bool:
    # pdfium opens PDFs encrypted with an empty user password (owner-password only) silently
    # (one that needs a password to open it fails above): they are read, but not signed.
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return bool(PdfReader(str(path), strict=False).is_encrypted)
    except (PdfReadError, OSError, ValueError):
        return False


def _image_pages(path: Path, limits: IntakeLimits) -> tuple[PageSize, ...]:
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb guard only warns below 2x its limit; our limit decides.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                count = int(getattr(img, "n_frames", 1))
                _check_count(count, limits)
                sizes = []
                for frame in range(count):
                    img.seek(frame)
                    _check_pixels(img.width, img.height, limits)
                    sizes.append(PageSize(img.width, img.height, image_dpi(img)))
                return tuple(sizes)
    except Image.DecompressionBombError as exc:
        raise PageTooLarge(str(exc)) from exc
    except (UnidentifiedImageError, OSError, EOFError, SyntaxError, ValueError) as exc:
        raise DamagedFile(str(exc)) from exc


def image_dpi(img: Image.Image) -> int | None:
    dpi = img.info.get("dpi")
    if not dpi:
        return None
    try:
        value = round(float(dpi[0]))
    except (TypeError, ValueError, IndexError):
        return None
    # Many cameras write 72 "dpi" that says nothing about the paper; treat it as unknown.
    return value if value > 72 else None
