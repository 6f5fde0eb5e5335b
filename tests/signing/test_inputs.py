"""Odd but honest inputs: scanner/Pillow PDFs, files that are already signed."""

from __future__ import annotations

import subprocess
from io import BytesIO
from pathlib import Path

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.signers import Signer

from signing import PadesLevel, TrustAnchor, Verdict, VerifyOptions, sign_pdf, verify_pdf
from signing.devpki import DevPki
from signing.normalise import prepare_for_signing
from tests.signing.conftest import options
from tests.signing.pdfs import pillow_pdf, result_pdf
from tests.signing.tools import pdfsig


def test_pillow_pdf_signs_cleanly(
    pki: DevPki,
    anchors: tuple[TrustAnchor, ...],
    clerk: Signer,
    verify_options: VerifyOptions,
    tmp_path: Path,
) -> None:
    scan = pillow_pdf()
    prepared = prepare_for_signing(scan)
    assert prepared.rewritten and prepared.strict  # "Illegal generation 65536" fixed by qpdf

    out = sign_pdf(scan, options(pki, anchors, PadesLevel.B_T), clerk)

    reader = PdfFileReader(BytesIO(out), strict=True)  # strict parse now works
    assert int(reader.root["/Pages"]["/Count"]) == 1
    assert verify_pdf(out, verify_options).verdict == Verdict.VALID
    (tmp_path / "scan.pdf").write_bytes(out)
    assert pdfsig(tmp_path / "scan.pdf")[0]["validation"] == "Signature is Valid."


def test_resigned_pdf_keeps_both_signatures_valid(
    pki: DevPki,
    anchors: tuple[TrustAnchor, ...],
    agency: Signer,
    clerk: Signer,
    verify_options: VerifyOptions,
    tmp_path: Path,
) -> None:
    """GIVEN a scan the clerk signed (B-T) WHEN the agency certifies a copy of it (B-LTA) THEN
    both signatures verify, the clerk's with only allowed changes after it, and the agency's
    B-LTA also carries the clerk's revocation data (both reach B-LTA)."""
    scan = sign_pdf(pillow_pdf(), options(pki, anchors, PadesLevel.B_T), clerk)

    copy = sign_pdf(scan, options(pki, anchors, PadesLevel.B_LTA), agency)

    assert copy.startswith(scan)  # incremental: the clerk's bytes are untouched
    report = verify_pdf(copy, verify_options)
    assert report.verdict == Verdict.VALID, report.to_dict()
    clerk_sig, agency_sig = (s for s in report.signatures if s.kind == "signature")
    assert clerk_sig.signer.name == "Nguyễn Thị Hằng"
    assert clerk_sig.modifications.allowed and clerk_sig.modifications.level == "form_filling"
    assert clerk_sig.pades_level == "B-LTA" and agency_sig.pades_level == "B-LTA"
    (tmp_path / "copy.pdf").write_bytes(copy)
    assert [s["validation"] for s in pdfsig(tmp_path / "copy.pdf")][:2] == [
        "Signature is Valid.",
        "Signature is Valid.",
    ]


def test_signed_file_pyhanko_rejects_is_signed_leniently(
    pki: DevPki, anchors: tuple[TrustAnchor, ...], agency: Signer, clerk: Signer
) -> None:
    """A signed file is never rewritten (that would break its signature): even if the strict
    parser refused it, the next signature is an incremental update."""
    once = sign_pdf(result_pdf(), options(pki, anchors, PadesLevel.B_B), clerk)
    prepared = prepare_for_signing(once)
    assert not prepared.rewritten and prepared.signature_count == 1


def test_page_without_content_stream_gets_the_stamp_and_qr(
    pki: DevPki,
    anchors: tuple[TrustAnchor, ...],
    agency: Signer,
    verify_options: VerifyOptions,
    tmp_path: Path,
) -> None:
    """A blank page may have no /Contents at all (it is optional); stamping must not trip."""
    from pypdf import PdfWriter

    from signing import QrContent, ResultStamp

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    blank = BytesIO()
    writer.write(blank)
    qr = QrContent("https://sohoa.example/verify/X", "000.00.01.H29-261123-0001", "0", "Kết quả")
    out = sign_pdf(
        blank.getvalue(),
        options(pki, anchors, PadesLevel.B_B),
        agency,
        appearance=ResultStamp("Ủy ban nhân dân phường Ba Đình", "Lê Văn A", "Chủ tịch", qr=qr),
    )
    assert verify_pdf(out, verify_options).verdict == Verdict.VALID
    (tmp_path / "blank.pdf").write_bytes(out)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "blank.pdf"), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "Người ký: Lê Văn A" in text and "Quét mã để xác minh" in text
