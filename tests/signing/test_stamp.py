"""Visible stamps per DOMAIN.md, checked as a reader would see them: text and position
(pdftotext), the QR decoded from the rendered page, widths sane (fonts with 2048 units/em)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import cv2
import pytest
from pyhanko.sign.signers import Signer

from signing import (
    VN_TZ,
    CertifiedCopyStamp,
    CopyType,
    PadesLevel,
    QrContent,
    ResultStamp,
    TrustAnchor,
    Verdict,
    VerifyOptions,
    sign_pdf,
    verify_pdf,
)
from signing.devpki import DevPki
from tests.signing.conftest import clerk_then_agency, options
from tests.signing.pdfs import pillow_pdf, result_pdf
from tests.signing.tools import render, words_with_boxes

# A whole half hour within the last ninety minutes: inside the validity of the certificates the
# dev PKI issues at set-up (from a day before), whatever day the tests run.
AT = (datetime.now(VN_TZ) - timedelta(hours=1)).replace(minute=30, second=0, microsecond=0)
AGENCY = "Ủy ban nhân dân phường Ba Đình"
QR = QrContent(
    verification_url="https://sohoa.example.gov.vn/verify/K7Q2M9",
    dossier_code="000.00.01.H29-261123-0001",
    owner_id="001190012345",
    document_name="Giấy khai sinh",
    procedure_code="1.001612",
    valid_until=date(2031, 11, 23),
)
PAGE_W, PAGE_H = 595, 842


def _line(words: list[tuple[str, float, float, float, float]], text: str) -> tuple[float, ...]:
    """Bounding box (x1, y1, x2, y2; y from the top) of ``text``: one "word" for a stamp line
    (each is one /ActualText span), consecutive words for ordinary page text."""
    for w in words:
        if w[0] == text:
            return w[1:]
    tokens = text.split()
    for i in range(len(words) - len(tokens) + 1):
        if [w[0] for w in words[i : i + len(tokens)]] == tokens:
            span = words[i : i + len(tokens)]
            return (span[0][1], min(w[2] for w in span), span[-1][3], max(w[4] for w in span))
    raise AssertionError(f"{text!r} not on page 1: {[w[0] for w in words]}")


def _decode_qr(png: Path) -> str:
    img = cv2.imread(str(png))
    assert img is not None
    text, _, _ = cv2.QRCodeDetector().detectAndDecode(img)
    try:  # some OpenCV builds hand back the UTF-8 bytes as latin-1 text
        return str(text).encode("latin-1").decode("utf-8")
    except UnicodeError:
        return str(text)


def test_certified_copy_stamp_top_right(
    pki: DevPki,
    anchors: tuple[TrustAnchor, ...],
    agency: Signer,
    verify_options: VerifyOptions,
    tmp_path: Path,
) -> None:
    out = sign_pdf(
        result_pdf(),
        options(pki, anchors, PadesLevel.B_T),
        agency,
        appearance=CertifiedCopyStamp(CopyType.SAO_Y, AGENCY, qr=QR),
        at=AT,
    )
    path = tmp_path / "copy.pdf"
    path.write_bytes(out)
    words = words_with_boxes(path)

    kind = _line(words, "SAO Y")
    agency_line = _line(words, AGENCY)
    when = _line(words, f"Thời gian ký: {AT.isoformat()}")
    for x1, _, x2, y2 in (kind, agency_line, when):
        assert x1 > PAGE_W / 2 and y2 < PAGE_H / 6  # top right
        assert x2 <= PAGE_W - 20
    assert kind[1] < agency_line[1] < when[1]  # in this order, top down
    # Times New Roman metrics at 10 pt: this line is ~190 pt wide; twice that if the font's
    # 2048 units/em were taken for 1000
    assert 150 < when[2] - when[0] < 230
    assert 8 < when[3] - when[1] < 14  # 10 pt

    qr_text = _decode_qr(render(path, tmp_path / "copy", dpi=300))
    assert qr_text.splitlines()[0] == QR.verification_url
    for needed in (QR.dossier_code, QR.owner_id, QR.document_name, "2031-11-23", "+07:00"):
        assert needed in qr_text
    qr_box = _line(words, "Quét mã để xác minh")
    assert qr_box[0] < PAGE_W / 4 and qr_box[3] < PAGE_H / 5  # QR caption top left
    assert verify_pdf(out, verify_options).verdict == Verdict.VALID


def test_result_stamp_names_agency_and_leader(
    pki: DevPki, anchors: tuple[TrustAnchor, ...], agency: Signer, tmp_path: Path
) -> None:
    out = sign_pdf(
        result_pdf(),
        options(pki, anchors, PadesLevel.B_B),
        agency,
        appearance=ResultStamp(AGENCY, "Nguyễn Văn Trưởng", "KT. CHỦ TỊCH – PHÓ CHỦ TỊCH"),
        at=AT,
    )
    path = tmp_path / "result.pdf"
    path.write_bytes(out)
    words = words_with_boxes(path)
    assert _line(words, AGENCY)[0] > PAGE_W / 2
    assert _line(words, "Người ký: Nguyễn Văn Trưởng")[1] < PAGE_H / 6
    _line(words, "KT. CHỦ TỊCH – PHÓ CHỦ TỊCH")


def test_clerk_stamp_top_left_and_copy_keeps_it_valid(
    pki: DevPki,
    anchors: tuple[TrustAnchor, ...],
    agency: Signer,
    clerk: Signer,
    verify_options: VerifyOptions,
    tmp_path: Path,
) -> None:
    """The clerk's digitization signature sits top left; the agency's copy of that signed scan
    carries its QR inside its own stamp (page content must not change after a signature)."""
    copy = clerk_then_agency(
        pillow_pdf(),
        pki,
        anchors,
        clerk,
        agency,
        (PadesLevel.B_B, PadesLevel.B_B),
        "Nguyễn Thị Hằng",
        CertifiedCopyStamp(CopyType.TRICH_SAO, AGENCY, qr=QR),
        AT,
    )
    path = tmp_path / "copy.pdf"
    path.write_bytes(copy)
    words = words_with_boxes(path)

    clerk_line = _line(words, "Người số hóa: Nguyễn Thị Hằng")
    assert clerk_line[0] < PAGE_W / 4 and clerk_line[3] < PAGE_H / 6
    assert _line(words, f"Thời gian: {AT.isoformat()}")[0] < PAGE_W / 4
    assert _line(words, "TRÍCH SAO")[0] > PAGE_W / 2
    qr_text = _decode_qr(render(path, tmp_path / "copy", dpi=300))
    assert qr_text.startswith(QR.verification_url)
    report = verify_pdf(copy, verify_options)
    assert report.verdict == Verdict.VALID, report.to_dict()


@pytest.mark.parametrize("copy_type", list(CopyType))
def test_copy_type_labels(copy_type: CopyType) -> None:
    assert copy_type.label in {"SAO Y", "SAO LỤC", "TRÍCH SAO"}


def _rotated(pdf: bytes, degrees: int) -> bytes:
    """The same PDF with page 1 shown turned clockwise (/Rotate), as scanners often write."""
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf)))
    writer.pages[0].rotate(degrees)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_stamp_reads_upright_on_a_rotated_page(
    degrees: int,
    pki: DevPki,
    anchors: tuple[TrustAnchor, ...],
    agency: Signer,
    verify_options: VerifyOptions,
    tmp_path: Path,
) -> None:
    """GIVEN page 1 shown turned by /Rotate THEN the stamp sits top right and the QR top left
    of the page as the reader sees it, both upright, and the signature still verifies."""
    out = sign_pdf(
        _rotated(result_pdf(), degrees),
        options(pki, anchors, PadesLevel.B_B),
        agency,
        appearance=CertifiedCopyStamp(CopyType.SAO_Y, AGENCY, qr=QR),
        at=AT,
    )
    path = tmp_path / f"rotated-{degrees}.pdf"
    path.write_bytes(out)
    shown_w, shown_h = (PAGE_H, PAGE_W) if degrees in (90, 270) else (PAGE_W, PAGE_H)
    words = words_with_boxes(path)  # poppler reports them as the page is shown

    when = _line(words, f"Thời gian ký: {AT.isoformat()}")
    kind = _line(words, "SAO Y")
    assert when[0] > shown_w / 2 and when[3] < shown_h / 4, (when, shown_w, shown_h)
    assert when[2] - when[0] > 5 * (when[3] - when[1])  # a horizontal line: upright text
    assert kind[1] < when[1]  # copy type above the time, as on an unrotated page
    caption = _line(words, "Quét mã để xác minh")
    assert caption[2] < shown_w / 3 and caption[3] < shown_h / 4

    qr_text = _decode_qr(render(path, tmp_path / f"rotated-{degrees}", dpi=300))
    assert qr_text.splitlines()[0] == QR.verification_url
    assert verify_pdf(out, verify_options).verdict == Verdict.VALID
