"""The gate at intake: PDF pages are judged by their scan's own resolution, blank pages are
flagged and kept, the page cap and the time budget hold, and ``sohoa quality`` reports it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from api.samples import render_page
from ingest import check_upload, iter_pages
from ingest.gate import check_pages
from ingest.limits import IntakeLimits
from ocr.quality import QualityOptions

LINES = [
    "GIẤY KHAI SINH",
    "Họ và tên: Trần Thị Bích Ngọc",
    "Số định danh cá nhân: 001204012345",
    "Ngày sinh: 04/02/2004",
    "Nơi cư trú: phường Bến Nghé, Quận 1, TP Hồ Chí Minh",
] * 3
OPTIONS = QualityOptions()
SOHOA = str(Path(".venv/bin/sohoa").resolve())


def _page(dpi: int) -> Image.Image:
    return render_page(LINES, dpi=dpi, size_in=(8.27, 11.69), pt=12)


def _pdf(path: Path, pages: list[Image.Image], dpi: int) -> Path:
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=float(dpi))
    return path


def _gate(path: Path, **kw: object):  # type: ignore[no-untyped-def]
    info = check_upload(path, IntakeLimits())
    return check_pages(path, info.media_type, info.page_count, OPTIONS, **kw)  # type: ignore[arg-type]


def test_pdf_pages_know_the_resolution_of_their_scan(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "scan150.pdf", [_page(150)], 150)
    (page,) = iter_pages(pdf, "application/pdf", 300)
    assert page.dpi == 300 and page.scan_dpi == 150


def test_blank_middle_page_is_flagged_not_dropped(tmp_path: Path) -> None:
    blank = Image.new("RGB", _page(300).size, "white")
    pdf = _pdf(tmp_path / "three.pdf", [_page(300), blank, _page(300)], 300)
    result = _gate(pdf)
    summary = result.summary()
    assert [p.verdict for p in result.pages] == ["accept", "warn", "accept"]
    assert summary["page_count"] == 3 and summary["pages_checked"] == 3
    assert summary["blank_pages"] == [2] and summary["verdict"] == "warn"
    (reason,) = summary["reasons"]
    assert reason["code"] == "blank" and reason["pages"] == [2]
    assert reason["message_vi"] and reason["message_en"]


def test_a_70_dpi_scan_inside_a_pdf_is_rejected_for_its_resolution(tmp_path: Path) -> None:
    # Rendered at 200 dpi for the gate, but the scan holds only 70 dpi of detail.
    pdf = _pdf(tmp_path / "coarse.pdf", [_page(70)], 70)
    summary = _gate(pdf).summary()
    assert summary["verdict"] == "reject"
    assert "low_dpi" in {r["code"] for r in summary["reasons"]}
    assert summary["pages"][0]["metrics"]["effective_dpi"] == 70


def _vector_pdf(path: Path, lines: list[str]) -> Path:
    """A born-digital page: text drawn with a standard font, no image at all."""
    body = "BT /F1 11 Tf 14 TL 60 780 Td " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(body)} >>\nstream\n{body}\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{obj}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    path.write_bytes(out)
    return path


def test_a_pdf_of_vector_text_is_not_called_low_resolution(tmp_path: Path) -> None:
    lines = ["Giay chung nhan dang ky doanh nghiep", "Ma so doanh nghiep: 0109876543"] * 12
    path = _vector_pdf(tmp_path / "vector.pdf", lines)
    (page,) = iter_pages(path, "application/pdf", 300)
    assert page.scan_dpi is None
    summary = _gate(path).summary()
    assert "low_dpi" not in {r["code"] for r in summary["reasons"]}, summary
    assert summary["verdict"] != "reject" and not summary["blank_pages"]


def test_page_cap_and_budget_bound_the_intake_check(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "six.pdf", [_page(200)] * 6, 200)
    capped = _gate(pdf, max_pages=2)
    assert len(capped.pages) == 2 and not capped.complete
    assert capped.summary()["pages_checked"] == 2 and capped.summary()["page_count"] == 6
    # A zero budget still judges the first page: the clerk always hears about page 1.
    assert len(_gate(pdf, budget_s=0.0).pages) == 1


def _blurred_jpeg(path: Path) -> Path:
    image = np.asarray(_page(300))
    cv2.imwrite(
        str(path), cv2.GaussianBlur(image, (0, 0), 6.0)[:, :, ::-1], [cv2.IMWRITE_JPEG_QUALITY, 90]
    )
    with Image.open(path) as img:
        img.save(path, dpi=(300, 300), quality=90)
    return path


def test_cli_quality_prints_the_verdict_per_page(tmp_path: Path) -> None:
    good = _pdf(tmp_path / "good.pdf", [_page(300), Image.new("RGB", (2481, 3508), "white")], 300)
    proc = subprocess.run(
        [SOHOA, "quality", str(good), "--json"], capture_output=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr.decode()
    report = json.loads(proc.stdout)
    assert report["verdict"] == "warn" and report["blank_pages"] == [2]
    assert [p["verdict"] for p in report["pages"]] == ["accept", "warn"]

    blurred = _blurred_jpeg(tmp_path / "blurred.jpg")
    proc = subprocess.run(
        [SOHOA, "quality", str(blurred), "--json"], capture_output=True, timeout=120, check=False
    )
    assert proc.returncode == 1, proc.stderr.decode()
    report = json.loads(proc.stdout)
    assert report["verdict"] == "reject"
    blurred_reason = next(r for r in report["reasons"] if r["code"] == "blurred")
    assert "mờ" in blurred_reason["message_vi"] and "blurred" in blurred_reason["message_en"]

    # The human table names the reason too.
    proc = subprocess.run([SOHOA, "quality", str(blurred)], capture_output=True, timeout=120)
    assert proc.returncode == 1 and "mờ" in proc.stdout.decode()


@pytest.mark.parametrize("content", [b"", b"not an image at all"])
def test_cli_quality_refuses_what_is_not_a_scan(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(content)
    proc = subprocess.run([SOHOA, "quality", str(bad)], capture_output=True, timeout=60)
    assert proc.returncode == 2
    assert b"empty_file" in proc.stderr or b"unsupported_file_type" in proc.stderr
