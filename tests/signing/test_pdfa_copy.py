"""A certified electronic copy is signed over the searchable PDF/A: the clerk's signature and
the agency's, each with a visible stamp, at B-LTA, leave it PDF/A-2b (veraPDF)."""

from __future__ import annotations

from pathlib import Path

from pyhanko.sign.signers import Signer

from api.samples import write_pdf
from ingest import iter_pages
from ocr.pipeline import OcrOptions, ocr_to_pdf
from signing import (
    CertifiedCopyStamp,
    CopyType,
    PadesLevel,
    TrustAnchor,
    Verdict,
    VerifyOptions,
    verify_pdf,
)
from signing.devpki import DevPki
from tests.signing.conftest import clerk_then_agency
from tests.signing.test_stamp import AGENCY, AT, QR
from tests.utils.scans import PAGES
from tests.utils.verapdf import validate_2b


def test_certified_copy_of_a_digitized_paper_stays_pdfa(
    pki: DevPki,
    anchors: tuple[TrustAnchor, ...],
    agency: Signer,
    clerk: Signer,
    verify_options: VerifyOptions,
    tmp_path: Path,
) -> None:
    scan = write_pdf(tmp_path / "scan.pdf", PAGES[:2], 200)
    searchable = tmp_path / "searchable.pdf"
    pages = iter_pages(scan, "application/pdf")
    ocr_to_pdf(pages, searchable, tmp_path, OcrOptions(), title="giấy khai sinh - Hằng.pdf")
    copy = clerk_then_agency(
        searchable.read_bytes(),
        pki,
        anchors,
        clerk,
        agency,
        (PadesLevel.B_T, PadesLevel.B_LTA),
        "Trần Thị Bích",
        CertifiedCopyStamp(CopyType.SAO_Y, AGENCY, qr=QR),
        AT,
    )
    out = tmp_path / "ban-sao-dien-tu.pdf"
    out.write_bytes(copy)
    assert verify_pdf(copy, verify_options).verdict == Verdict.VALID
    assert validate_2b(searchable, out) == {searchable: [], out: []}
