"""A result PDF the agency signed, brought back to a counter as a paper of the citizen's:
it is read from its own text, and its searchable copy keeps the visible stamp and the QR
code (flattened: a signature field without its form does not show in every viewer)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
from pyhanko.sign.signers import Signer

from ingest import iter_pages
from ocr.pipeline import OcrOptions, ocr_to_pdf
from signing import PadesLevel, ResultStamp, TrustAnchor, sign_pdf
from signing.devpki import DevPki
from tests.signing.conftest import options
from tests.signing.pdfs import result_pdf
from tests.signing.test_stamp import QR, _decode_qr
from tests.signing.tools import render

AGENCY = "Ủy ban nhân dân phường Ba Đình"


def test_signed_result_keeps_its_stamp_and_qr_when_digitized(
    pki: DevPki, anchors: tuple[TrustAnchor, ...], agency: Signer, tmp_path: Path
) -> None:
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(
        sign_pdf(
            result_pdf(),
            options(pki, anchors, PadesLevel.B_B),
            agency,
            appearance=ResultStamp(AGENCY, "Nguyễn Văn Trưởng", "CHỦ TỊCH", qr=QR),
        )
    )
    out = tmp_path / "searchable.pdf"
    (page,) = ocr_to_pdf(iter_pages(signed, "application/pdf"), out, tmp_path, OcrOptions())
    assert page.details["text_source"] == "pdf"
    # The page's own words and the stamp's, exactly as they are made.
    assert "KET QUA GIAI QUYET THU TUC HANH CHINH" in page.text
    assert AGENCY in page.text and "Nguyễn Văn Trưởng" in page.text
    with pikepdf.open(out) as pdf:
        assert "/Annots" not in pdf.pages[0]  # the stamp is part of the page now
    shown = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, check=True, timeout=60
    ).stdout.decode()
    assert AGENCY in " ".join(shown.split())
    qr = _decode_qr(render(out, tmp_path / "copy", dpi=300))
    assert qr.splitlines()[0] == QR.verification_url and QR.owner_id in qr
