"""Scans in the less common image modes come out as the paper looks, not white or black."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from api.samples import render_page
from ingest import check_upload, iter_pages
from ingest.errors import DamagedFile
from ingest.gate import check_pages
from ingest.limits import IntakeLimits
from ocr.pipeline import OcrOptions, read_page
from ocr.quality import QualityOptions

ID = "079204012345"
LINES = [
    "GIẤY KHAI SINH",
    "Họ và tên: Lê Văn Hùng",
    f"Số định danh cá nhân: {ID}",
    "Ngày sinh: 12/09/2004",
] * 2


@pytest.fixture(scope="module")
def grey() -> np.ndarray:
    """A page on off-white paper (232), as a scanner's grey mode gives it."""
    page = np.asarray(render_page(LINES, dpi=300).convert("L")).astype(np.float64)
    return np.rint(232 - (255 - page) * 210 / 255).astype(np.uint8)


DPI = (300, 300)


def _grey16(path: Path, grey: np.ndarray) -> None:
    # A flatbed's "16-bit greyscale".
    Image.fromarray(grey.astype(np.uint16) * 257).save(path, dpi=DPI)


def _grey12(path: Path, grey: np.ndarray) -> None:
    Image.fromarray((grey.astype(np.int32) * 4095 // 255).astype(np.uint16)).save(path, dpi=DPI)


def _float(path: Path, grey: np.ndarray) -> None:
    Image.fromarray(grey.astype(np.float32) / 255, "F").save(path, dpi=DPI)


def _transparent(path: Path, grey: np.ndarray) -> None:
    # Paper fully transparent over black, as some scanning apps export a page.
    ink = grey < 200
    alpha = np.where(ink, 255, 0).astype(np.uint8)
    page = np.dstack([np.where(ink, grey, 0), alpha]).astype(np.uint8)
    Image.fromarray(page, "LA").save(path, dpi=DPI)


WRITERS: dict[str, Callable[[Path, np.ndarray], None]] = {
    "grey16.png": _grey16,
    "grey16.tif": _grey16,
    "grey12.png": _grey12,
    "float.tif": _float,
    "transparent.png": _transparent,
}


@pytest.mark.parametrize("name", WRITERS)
def test_deep_and_transparent_scans_look_like_the_paper(
    tmp_path: Path, grey: np.ndarray, name: str
) -> None:
    path = tmp_path / name
    WRITERS[name](path, grey)
    (page,) = iter_pages(path, check_upload(path, IntakeLimits()).media_type)
    assert page.image.shape == (*grey.shape, 3)
    want = np.where(grey < 200, grey, 255) if name == "transparent.png" else grey
    # 12-bit samples round a little; everything else comes back exactly.
    assert np.abs(page.image[:, :, 0].astype(int) - want.astype(int)).max() <= 1


def test_a_16_bit_grey_scan_is_checked_and_read_like_its_8_bit_copy(
    tmp_path: Path, grey: np.ndarray
) -> None:
    path, copy = tmp_path / "scan16.tif", tmp_path / "scan8.tif"
    _grey16(path, grey)
    Image.fromarray(grey).save(copy, dpi=DPI)
    verdicts = []
    for scan in (path, copy):
        info = check_upload(scan, IntakeLimits())
        verdicts.append(check_pages(scan, info.media_type, info.page_count, QualityOptions()))
    # Clipped to 8 bits the page was white paper, flagged blank; it is a page of text.
    assert verdicts[0].summary() == verdicts[1].summary()
    assert verdicts[0].summary()["verdict"] == "accept"
    (page,) = iter_pages(path, "image/tiff")
    _, read = read_page(page.image, 300, OcrOptions())
    assert ID in read.text.replace(" ", "")


def test_a_float_scan_holding_no_numbers_is_refused_as_damaged(tmp_path: Path) -> None:
    path = tmp_path / "broken.tif"
    Image.fromarray(np.full((64, 64), np.inf, np.float32), "F").save(path, dpi=DPI)
    with pytest.raises(DamagedFile) as err:
        next(iter(iter_pages(path, "image/tiff")))
    assert err.value.status == 422 and err.value.code == "damaged_file"
