"""The real type of an upload, from its first bytes; the name and the client's claim are ignored."""

from __future__ import annotations

from pathlib import Path

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
TIFF = "image/tiff"
WEBP = "image/webp"
HEIC = "image/heic"
AVIF = "image/avif"
ACCEPTED = (PDF, JPEG, PNG, TIFF, WEBP, HEIC, AVIF)
"""An iPhone saves its photos as HEIC; messaging apps and browsers hand pictures on as WebP,
newer Android phones as AVIF."""

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
)


_HEIF_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"})
_AVIF_BRANDS = frozenset({b"avif", b"avis"})
_ISO_IMAGE_BRANDS = frozenset({b"mif1", b"msf1"})
"""Brands of any HEIF image: the compatible brands then say which coding it holds."""


def _heif_type(head: bytes) -> str | None:
    """HEIC or AVIF from an ISO base media file's ``ftyp`` box, or None."""
    if head[4:8] != b"ftyp":
        return None
    size = int.from_bytes(head[:4], "big")
    box = head[8 : min(max(size, 16), len(head))]
    brands = {box[i : i + 4] for i in range(0, len(box) - 3, 4) if i != 4}  # skip the version
    major = box[:4]
    if major in _AVIF_BRANDS or (major in _ISO_IMAGE_BRANDS and brands & _AVIF_BRANDS):
        return AVIF
    if major in _HEIF_BRANDS or (major in _ISO_IMAGE_BRANDS and brands & _HEIF_BRANDS):
        return HEIC
    return None


def sniff_bytes(head: bytes) -> str | None:
    """Media type of a file from its first KiB, or None when it is none we accept."""
    for magic, media_type in _SIGNATURES:
        if head.startswith(magic):
            return media_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if heif := _heif_type(head):
        return heif
    # PDF readers accept a header within the first 1024 bytes (some scanners prepend junk).
    if b"%PDF-" in head[:1024]:
        return PDF
    return None


def sniff_file(path: Path) -> str | None:
    with path.open("rb") as fh:
        return sniff_bytes(fh.read(1024))


EXTENSIONS = {
    PDF: ".pdf",
    JPEG: ".jpg",
    PNG: ".png",
    TIFF: ".tif",
    WEBP: ".webp",
    HEIC: ".heic",
    AVIF: ".avif",
}
