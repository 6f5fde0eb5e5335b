"""Pictures as phones and messaging apps hand them on: an iPhone's HEIC, WebP, AVIF. They are
taken by their content, judged and read like a JPEG; a broken one is refused as damaged."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from api.samples import render_page
from ingest import check_upload, iter_pages
from ingest.errors import DamagedFile, UnsupportedFileType
from ingest.gate import check_pages
from ingest.limits import IntakeLimits
from ingest.sniff import sniff_bytes
from ocr.pipeline import OcrOptions, read_page
from ocr.quality import QualityOptions

ID = "036204012345"
LINES = [
    "GIẤY XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ",
    "Họ và tên: Phạm Thị Thu Hà",
    f"Số định danh cá nhân: {ID}",
    "Nơi thường trú: phường Trần Hưng Đạo, TP Nam Định",
] * 2
FORMATS = {"photo.heic": "image/heic", "photo.webp": "image/webp", "photo.avif": "image/avif"}


@pytest.fixture(scope="module")
def page() -> Image.Image:
    return render_page(LINES, dpi=300)


@pytest.mark.parametrize("name", FORMATS)
def test_phone_pictures_are_accepted_judged_and_read(
    tmp_path: Path, page: Image.Image, name: str
) -> None:
    path = tmp_path / name.replace("photo", "anh-chup")  # the name plays no part
    page.save(path, quality=90)
    info = check_upload(path, IntakeLimits())
    assert info.media_type == FORMATS[name] and info.page_count == 1
    gate = check_pages(path, info.media_type, info.page_count, QualityOptions())
    assert gate.summary()["verdict"] in ("accept", "warn")  # judged, not refused
    (got,) = iter_pages(path, info.media_type)
    want = np.asarray(page)
    assert got.image.shape == want.shape
    # Lossy, but the same page: off by a few levels on average, not another picture.
    assert np.abs(got.image.astype(int) - want.astype(int)).mean() < 4
    _, read = read_page(got.image, 300, OcrOptions())
    assert ID in read.text.replace(" ", "") and "Trần Hưng Đạo" in read.text


def test_an_iphone_photo_taken_sideways_comes_upright(tmp_path: Path, page: Image.Image) -> None:
    # The camera stores the pixels as the sensor lay and says how to turn them (orientation 6:
    # a quarter turn clockwise); the paper must come out upright, turned once, not twice.
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "IMG_0412.HEIC"
    page.transpose(Image.Transpose.ROTATE_90).save(path, exif=exif.tobytes(), quality=90)
    (got,) = iter_pages(path, check_upload(path, IntakeLimits()).media_type)
    assert got.image.shape[:2] == (page.height, page.width)
    assert np.abs(got.image.astype(int) - np.asarray(page).astype(int)).mean() < 4


@pytest.mark.parametrize("name", FORMATS)
def test_a_cut_short_phone_picture_is_refused_as_damaged(
    tmp_path: Path, page: Image.Image, name: str
) -> None:
    whole = tmp_path / name
    page.save(whole, quality=90)
    cut = tmp_path / f"cut-{name}"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 3])
    with pytest.raises(DamagedFile) as err:
        info = check_upload(cut, IntakeLimits())
        list(iter_pages(cut, info.media_type))
    assert err.value.status == 422 and err.value.code == "damaged_file"


def test_other_iso_media_files_are_not_taken_for_pictures() -> None:
    # A phone's video shares the container (an ftyp box) but is no page.
    mp4 = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + bytes(64)
    assert sniff_bytes(mp4) is None
    assert sniff_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt ") is None  # a voice message
    with pytest.raises(UnsupportedFileType):
        list(iter_pages(Path("/dev/null"), "video/mp4"))
