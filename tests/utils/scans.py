"""Factories for small, clean test scans with known Vietnamese words."""

from __future__ import annotations

import struct
import uuid
import zlib
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image
from PIL.PngImagePlugin import PngInfo

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


CARD_PHOTO_CORNERS = np.array([[1510, 1170], [2500, 1188], [2521, 1811], [1492, 1836]], np.float32)
"""Where ``id_card_photo`` lays the card (clockwise from top left): a quarter of the frame's
width, a little off square."""


CARD_CLOSE_CORNERS = np.array([[800, 760], [3200, 740], [3225, 2170], [790, 2180]], np.float32)
"""A card photographed close (three fifths of the frame's width), a little askew: its
outline measures 1.70, longer than any paper (legal: 1.65)."""
CARD_CLOSE_SQUARE = np.array([[900, 800], [3100, 810], [3110, 2200], [890, 2190]], np.float32)
"""A card photographed close and square (1.59): 2210 px across, 189 dpi were it an A4 page
(it is 655 dpi)."""


def id_card_photo(seed: int = 9500) -> np.ndarray:
    """The card photographed from standing height: its 300 dpi front a quarter of a
    4000 x 3000 phone photo's width, on a brown desk with a grain (RGB)."""
    return cards_on_desk([(seed, CARD_PHOTO_CORNERS)])


def cards_on_desk(cards: list[tuple[int, np.ndarray]], seed: int = 9500) -> np.ndarray:
    """A 4000 x 3000 photo of card fronts (seed, corners clockwise from top left) on a
    brown desk with a grain (RGB)."""
    return papers_on_desk([(id_card_scan(s), corners) for s, corners in cards], seed=seed)


def papers_on_desk(
    papers: list[tuple[np.ndarray, np.ndarray]],
    size: tuple[int, int] = (4000, 3000),
    seed: int = 9500,
) -> np.ndarray:
    """A photo ``size`` (width, height) px of papers (RGB image, corners clockwise from top
    left) on a brown desk with a grain (RGB)."""
    width, height = size
    grain = np.random.default_rng(seed).normal(0, 12, (height // 40, width // 40, 1))
    out = cv2.resize(grain + (105, 80, 55), size, interpolation=cv2.INTER_CUBIC)
    for paper, corners in papers:
        h, w = paper.shape[:2]
        src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
        hmat = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
        laid = cv2.warpPerspective(paper, hmat, size)
        inside = cv2.warpPerspective(np.full((h, w), 255, np.uint8), hmat, size) > 127
        out = np.where(inside[..., None], laid, out)
    return np.clip(out, 0, 255).astype(np.uint8)


def save_unique(image: np.ndarray, path: Path, **params: Any) -> Path:
    """Save ``image`` as PNG or JPEG (by ``path``'s suffix) with this run's mark in a text
    chunk or comment: the same pixels, but not the bytes an earlier run left in the
    warehouse (the very same file is reused, not read again)."""
    global _COUNTER
    _COUNTER += 1
    mark = f"sohoa-test {_RUN}-{_COUNTER}"
    img = Image.fromarray(image)
    if path.suffix.lower() == ".png":
        info = PngInfo()
        info.add_text("Comment", mark)
        img.save(path, pnginfo=info, **params)
    else:
        img.save(path, comment=mark.encode(), **params)
    return path


def id_card_on_glass(seed: int = 9500, backing: int = 15) -> np.ndarray:
    """The card scanned on an A4 flatbed at 300 dpi, 60 px from a corner, the lid's
    ``backing`` level round it: 15 with the lid open or a black backing, 250 lid closed."""
    page = np.full((3508, 2480, 3), backing, np.uint8)
    card = id_card_scan(seed)
    page[60 : 60 + card.shape[0], 60 : 60 + card.shape[1]] = card
    return page
