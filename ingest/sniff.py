"""The real type of an upload, from its first bytes; the name and the client's claim are ignored."""

from __future__ import annotations

from pathlib import Path

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
TIFF = "image/tiff"
ACCEPTED = (PDF, JPEG, PNG, TIFF)

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
)


def sniff_bytes(head: bytes) -> str | None:
    """Media type of a file from its first KiB, or None when it is none we accept."""
    for magic, media_type in _SIGNATURES:
        if head.startswith(magic):
            return media_type
    # PDF readers accept a header within the first 1024 bytes (some scanners prepend junk).
    if b"%PDF-" in head[:1024]:
        return PDF
    return None


def sniff_file(path: Path) -> str | None:
    with path.open("rb") as fh:
        return sniff_bytes(fh.read(1024))


EXTENSIONS = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png", TIFF: ".tif"}
