"""PDFs made on a computer: a page of real text keeps its own text and its own look, and is
not read again; scans, OCR layers, pictures of papers and text in the old 8-bit Vietnamese
fonts are still read by OCR (the real pdfium and Tesseract)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from api.samples import write_pdf, write_text_pdf
from ingest import check_upload, iter_pages
from ingest.errors import EncryptedPdf
from ingest.limits import IntakeLimits
from ocr.pipeline import OcrOptions, PageResult, ocr_to_pdf
from tests.utils.bad_files import encrypted_pdf, protect
from tests.utils.scans import id_card_scan

PDF = "application/pdf"
CERTIFICATE = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP",
    "Mã số doanh nghiệp: 0109876543",
    "Tên công ty: CÔNG TY TNHH THƯƠNG MẠI HỒNG HÀ",
    "Người đại diện theo pháp luật: Nguyễn Thị Hường, số định danh 001185012345",
    "Đăng ký lần đầu: ngày 15 tháng 6 năm 2020",
]
SCANNED = ["GIẤY KHAI SINH", "Họ và tên: Trần Văn Bình", "Ngày sinh: 05/03/2021"]


def _ocr(pdf: Path, tmp: Path) -> tuple[list[PageResult], Path]:
    out = tmp / "searchable.pdf"
    return ocr_to_pdf(iter_pages(pdf, PDF), out, tmp, OcrOptions()), out


def _images_on(pdf: Path, index: int) -> int:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        objs = doc[index].get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2)
        return len(list(objs))
    finally:
        doc.close()


def _pdftotext(pdf: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode()


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[PageResult], Path]:
    """A certificate made on a computer, then a scanned paper, in one PDF."""
    tmp = tmp_path_factory.mktemp("mixed")
    made = write_text_pdf(tmp / "made.pdf", [CERTIFICATE])
    scan = write_pdf(tmp / "scan.pdf", [SCANNED], dpi=300)
    both = tmp / "both.pdf"
    with pikepdf.open(made) as out, pikepdf.open(scan) as src:
        out.pages.extend(src.pages)
        out.save(both)
    return _ocr(both, tmp)


def test_a_page_made_on_a_computer_gives_its_own_text_exactly(
    mixed: tuple[list[PageResult], Path],
) -> None:
    made = mixed[0][0]
    assert made.details["text_source"] == "pdf" and made.details["steps"] == []
    assert made.text == "\n".join(CERTIFICATE)  # every letter, every mark, nothing added
    assert made.quality is not None and made.quality.verdict == "accept"


def test_the_scanned_page_beside_it_is_still_read(mixed: tuple[list[PageResult], Path]) -> None:
    scanned = mixed[0][1]
    assert scanned.details["text_source"] == "ocr" and scanned.details["steps"]
    assert "GIẤY KHAI SINH" in scanned.text and "Trần Văn Bình" in scanned.text


def test_the_searchable_copy_keeps_the_page_as_it_was_made(
    mixed: tuple[list[PageResult], Path],
) -> None:
    out = mixed[1]
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 2
        assert [round(float(v)) for v in pdf.pages[0].mediabox] == [0, 0, 595, 842]  # A4
    # Its text is the certificate's own, and it is still text, not a picture of it.
    assert _images_on(out, 0) == 0 and _images_on(out, 1) == 1
    first = " ".join(_pdftotext(out, 1).split())
    assert "Mã số doanh nghiệp: 0109876543" in first and "Nguyễn Thị Hường" in first
    assert "Trần Văn Bình" in _pdftotext(out, 2)


def test_an_ocr_layer_over_a_page_is_not_taken_for_its_text(tmp_path: Path) -> None:
    # Invisible text is some earlier OCR's reading, not the paper's own: here it says one
    # thing while nothing is shown, so the page is read (as blank paper) instead.
    pdf = write_text_pdf(tmp_path / "layer.pdf", [CERTIFICATE], invisible=True)
    (page,) = iter_pages(pdf, PDF)
    assert page.text_layer is None and page.own_page is None
    (result,), _ = _ocr(pdf, tmp_path)
    assert result.details["text_source"] == "ocr" and "0109876543" not in result.text


def test_a_picture_of_a_paper_on_the_page_is_read_with_it(tmp_path: Path) -> None:
    # A form with a photo of the citizen's ID card pasted in: the card's number is only in
    # the picture, so the page is read by OCR, which reads the typed text too.
    card = id_card_scan()  # number 036075289538
    pdf = write_text_pdf(tmp_path / "form.pdf", [CERTIFICATE[:4]], picture=(card, 130.0))
    (page,) = iter_pages(pdf, PDF)
    assert page.text_layer is None
    (result,), _ = _ocr(pdf, tmp_path)
    assert result.details["text_source"] == "ocr"
    assert "036075289538" in result.text and "0109876543" in result.text


def test_a_small_picture_does_not_stop_the_text_being_taken(tmp_path: Path) -> None:
    # A logo or a signature's picture: the page is still made of text.
    logo = np.full((200, 200, 3), (200, 30, 30), np.uint8)
    pdf = write_text_pdf(tmp_path / "logo.pdf", [CERTIFICATE], picture=(logo, 30.0))
    (result,), _ = _ocr(pdf, tmp_path)
    assert result.details["text_source"] == "pdf" and result.text == "\n".join(CERTIFICATE)


def test_text_typed_in_an_old_8_bit_font_is_read_from_the_page(tmp_path: Path) -> None:
    # A TCVN3 (.VnTime) document's PDF gives its text back as Latin-1 nonsense; the page is
    # read by OCR instead (here the nonsense is what is drawn too, so only the route is
    # checked: the text is not taken).
    tcvn3 = ["Céng hoµ x· héi chñ nghÜa ViÖt Nam", "§éc lËp - Tù do - H¹nh phóc", "GiÊy khai sinh"]
    pdf = write_text_pdf(tmp_path / "tcvn3.pdf", [tcvn3])
    (page,) = iter_pages(pdf, PDF)
    assert page.text_layer is not None and "hoµ" in page.text_layer
    (result,), _ = _ocr(pdf, tmp_path)
    assert result.details["text_source"] == "ocr"


def test_the_quality_gate_does_not_copy_the_pages(tmp_path: Path) -> None:
    pdf = write_text_pdf(tmp_path / "made.pdf", [CERTIFICATE])
    (page,) = iter_pages(pdf, PDF, 100, text_layers=False)
    assert page.text_layer is None and page.own_page is None
    (page,) = iter_pages(pdf, PDF, 100)
    assert page.text_layer is not None and page.own_page is not None
    with pikepdf.open(pdf) as original:
        assert len(original.pages) == 1


def test_an_e_certificate_protected_against_changes_is_taken_and_read(tmp_path: Path) -> None:
    # Portals protect what they issue with an owner password: it opens without one, so it is
    # accepted and read (only signing it is refused); a PDF that needs a password is not.
    made = write_text_pdf(tmp_path / "made.pdf", [CERTIFICATE])
    protected = protect(made, tmp_path / "protected.pdf")
    info = check_upload(protected, IntakeLimits())
    assert info.protected and info.page_count == 1
    (result,), _ = _ocr(protected, tmp_path)
    assert result.details["text_source"] == "pdf" and result.text == "\n".join(CERTIFICATE)
    assert not check_upload(made, IntakeLimits()).protected
    with pytest.raises(EncryptedPdf):
        check_upload(encrypted_pdf(tmp_path), IntakeLimits())
