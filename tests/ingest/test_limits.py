"""Intake refuses bad files with a code the clerk can act on, before decoding anything heavy."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ingest import IntakeLimits, check_upload, iter_pages
from ingest.errors import FileTooLarge, IngestError, TooManyPages
from ingest.sniff import sniff_bytes
from tests.utils import bad_files
from tests.utils.scans import PAGES, write_jpeg, write_pdf

LIMITS = IntakeLimits(max_bytes=2 * 1024 * 1024, max_pages=5, max_page_pixels=40_000_000)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.7\n", "application/pdf"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00", "image/png"),
        (b"II*\x00\x08\x00", "image/tiff"),
        (b"MM\x00*\x00\x00", "image/tiff"),
        (b"\x7fELF\x02\x01", None),
        (b"PK\x03\x04", None),
        ("Xin chào".encode(), None),
    ],
)
def test_sniff_reads_the_bytes_not_the_name(head: bytes, expected: str | None) -> None:
    assert sniff_bytes(head) == expected


@pytest.mark.parametrize("case", sorted(bad_files.SIMPLE_CASES))
def test_bad_file_gets_its_code(case: str, tmp_path: Path) -> None:
    factory, code = bad_files.SIMPLE_CASES[case]
    path = factory(tmp_path)
    started = time.monotonic()
    with pytest.raises(IngestError) as caught:
        check_upload(path, LIMITS)
    assert caught.value.code == code
    assert 400 <= caught.value.status < 500
    assert caught.value.message_vi and caught.value.message_en
    # A bomb must be refused from its header, not after decoding 900 Mpx.
    assert time.monotonic() - started < 5


def test_over_size_limit(tmp_path: Path) -> None:
    with pytest.raises(FileTooLarge) as caught:
        check_upload(bad_files.oversized(tmp_path, LIMITS.max_bytes), LIMITS)
    assert caught.value.status == 413


def test_over_page_limit(tmp_path: Path) -> None:
    with pytest.raises(TooManyPages):
        check_upload(bad_files.too_many_pages(tmp_path, LIMITS.max_pages), LIMITS)


def test_good_pdf_and_jpeg_are_measured(tmp_path: Path) -> None:
    pdf = check_upload(write_pdf(tmp_path / "a.pdf", list(PAGES)), LIMITS)
    assert (pdf.media_type, pdf.page_count) == ("application/pdf", 3)
    jpeg = check_upload(write_jpeg(tmp_path / "b.jpg", PAGES[0]), LIMITS)
    assert (jpeg.media_type, jpeg.page_count, jpeg.pages[0].dpi) == ("image/jpeg", 1, 200)


def test_multipage_tiff_yields_every_page(tmp_path: Path) -> None:
    from tests.utils.scans import render_page

    images = [render_page(lines) for lines in PAGES]
    path = tmp_path / "scan.tif"
    images[0].save(
        path, save_all=True, append_images=images[1:], dpi=(200, 200), compression="tiff_deflate"
    )
    info = check_upload(path, LIMITS)
    assert info.page_count == 3
    pages = list(iter_pages(path, info.media_type))
    assert [p.index for p in pages] == [0, 1, 2]
    assert pages[2].image.shape[2] == 3 and pages[2].dpi == 200


def test_pdf_pages_render_at_requested_dpi(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "a.pdf", [PAGES[0]], dpi=200)
    (page,) = iter_pages(path, "application/pdf", render_dpi=300)
    # 5.8 x 4.1 inch page at 300 dpi
    assert abs(page.image.shape[1] - 1740) <= 2 and abs(page.image.shape[0] - 1230) <= 2
