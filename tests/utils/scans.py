"""Factories for small, clean test scans with known Vietnamese words."""

from __future__ import annotations

import struct
import uuid
import zlib
from pathlib import Path

import numpy as np

from api.samples import render_page, write_image, write_pdf
from ocr.synthetic import render_card_front

_RUN = uuid.uuid4().hex[:8]
_COUNTER = 0

PAGES = (
    [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "GIẤY KHAI SINH",
        "Họ và tên: Nguyễn Thị Hằng",
        "Ngày sinh: 05/03/2021",
        "Nơi sinh: Bệnh viện Phụ sản Hà Nội",
    ],
    [
        "XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ",
        "Họ và tên: Trần Văn Bình",
        "Số định danh: 001190012345",
        "Nơi thường trú: phường Dịch Vọng, quận Cầu Giấy",
    ],
    [
        "TỜ KHAI ĐĂNG KÝ",
        "Người khai: Lê Minh Đức",
        "Quan hệ: cha",
        "Ngày khai: 12/11/2026",
        "Chữ ký người khai",
    ],
)


def png_bytes(width: int, height: int) -> bytes:
    """A real, fully decodable 1-bit PNG of ``width`` x ``height``: a decompression bomb
    when large (900 Mpx for 30000x30000) yet only ~100 KB on disk. Built by hand so the
    test itself never holds the pixels."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def unique_lines(lines: list[str]) -> list[str]:
    # Every generated scan is distinct bytes, so the warehouse never treats it as a re-upload
    # of a scan from an earlier test or run (identical bytes are reused, not stored again).
    global _COUNTER
    _COUNTER += 1
    return [*lines, f"Mã kiểm thử {_RUN}-{_COUNTER}"]


def write_jpeg(path: Path, lines: list[str], dpi: int = 200) -> Path:
    return write_image(path, unique_lines(lines), dpi)


def write_unique_pdf(path: Path, pages: list[list[str]], dpi: int = 200) -> Path:
    return write_pdf(path, [unique_lines(p) for p in pages], dpi)


__all__ = [
    "PAGES",
    "png_bytes",
    "render_page",
    "unique_lines",
    "write_jpeg",
    "write_pdf",
    "write_unique_pdf",
]


def id_card_scan(seed: int = 9500) -> np.ndarray:
    """The front of a citizen ID card scanned alone at its real size at 300 dpi (RGB)."""
    return np.asarray(render_card_front(seed).image.convert("RGB"))
