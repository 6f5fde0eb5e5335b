"""Tampering is caught, each with the right reason; pdfsig agrees where it can see it."""

from __future__ import annotations

import asyncio
from io import BytesIO
from pathlib import Path

import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.signers import Signer
from pyhanko.sign.timestamps import HTTPTimeStamper

from signing import (
    PadesLevel,
    SignerRevoked,
    SignOptions,
    TrustAnchor,
    Verdict,
    VerificationReport,
    VerifyOptions,
    sign_pdf,
    verify_pdf,
)
from signing.devpki import DevPki
from tests.signing.conftest import dev_signer, options
from tests.signing.pdfs import MARKER, result_pdf
from tests.signing.tools import add_page, incremental, pdfsig, remove_signature_fields


def _codes(report: VerificationReport) -> set[str]:
    return {r.code for r in report.reasons}


@pytest.mark.parametrize("level", [PadesLevel.B_T, PadesLevel.B_LTA])
def test_flipped_byte_in_signed_range(
    level: PadesLevel,
    signed: dict[PadesLevel, bytes],
    verify_options: VerifyOptions,
    tmp_path: Path,
) -> None:
    data = bytearray(signed[level])
    at = data.index(MARKER)  # page content, inside the first signed byte range
    data[at] ^= 0x01  # 'K' -> 'J'

    report = verify_pdf(bytes(data), verify_options)

    assert report.verdict == Verdict.INVALID
    sig = report.signatures[0]
    assert not sig.intact and sig.verdict == Verdict.INVALID
    assert "tampered" in {r.code for r in sig.reasons}
    assert sig.pades_level is None
    (tmp_path / "t.pdf").write_bytes(bytes(data))
    assert pdfsig(tmp_path / "t.pdf")[0]["validation"] == "Digest Mismatch."


def test_page_added_by_incremental_update(
    signed: dict[PadesLevel, bytes], verify_options: VerifyOptions, tmp_path: Path
) -> None:
    tampered = incremental(signed[PadesLevel.B_T], add_page)

    report = verify_pdf(tampered, verify_options)

    assert report.verdict == Verdict.INVALID
    sig = report.signatures[0]
    assert sig.intact  # the signed bytes are untouched ...
    assert sig.modifications.allowed is False  # ... but what came after is not allowed
    assert not sig.modifications.covers_whole_file
    assert sig.modifications.level == "other"
    assert "modified_after_signing" in _codes(report)
    # poppler only sees that the signature no longer covers the whole file
    (tmp_path / "t.pdf").write_bytes(tampered)
    [poppler] = pdfsig(tmp_path / "t.pdf")
    assert poppler["validation"] == "Signature is Valid." and poppler["total"] == "False"


def test_removed_signature(signed: dict[PadesLevel, bytes], verify_options: VerifyOptions) -> None:
    """GIVEN a signed file WHEN an incremental update drops the signature field THEN the
    earlier revision still betrays it."""
    stripped = incremental(signed[PadesLevel.B_T], remove_signature_fields)

    report = verify_pdf(stripped, verify_options)

    assert report.verdict == Verdict.INVALID
    assert report.signatures == ()
    assert {"signature_removed", "no_signature"} <= _codes(report)


def test_removed_second_signature_breaks_the_first(
    pki: DevPki,
    anchors: tuple[TrustAnchor, ...],
    agency: Signer,
    clerk: Signer,
    verify_options: VerifyOptions,
) -> None:
    once = sign_pdf(result_pdf(), options(pki, anchors, PadesLevel.B_B), clerk)
    twice = sign_pdf(once, options(pki, anchors, PadesLevel.B_B), agency)

    def drop_last(writer: IncrementalPdfFileWriter) -> None:
        fields_ = writer.root["/AcroForm"]["/Fields"]
        del fields_[-1]
        writer.update_container(writer.root["/AcroForm"])

    report = verify_pdf(incremental(twice, drop_last), verify_options)

    assert report.verdict == Verdict.INVALID
    assert "signature_removed" in _codes(report)


def _attacker_signs(pdf: bytes, signer: Signer, tsa_url: str) -> bytes:
    """A signature made with plain pyHanko and no certificate check (a stolen key)."""

    async def go() -> bytes:
        meta = signers.PdfSignatureMetadata(
            field_name="Stolen", md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES
        )
        out = await signers.PdfSigner(
            meta, signer, timestamper=HTTPTimeStamper(tsa_url)
        ).async_sign_pdf(IncrementalPdfFileWriter(BytesIO(pdf)), output=BytesIO())
        return bytes(out.getvalue())

    return asyncio.run(go())


def test_signer_revoked_before_signing_time(pki: DevPki, verify_options: VerifyOptions) -> None:
    out = _attacker_signs(result_pdf(), dev_signer(pki, "revoked"), pki.tsa_url)

    report = verify_pdf(out, verify_options)

    assert report.verdict == Verdict.INVALID
    sig = report.signatures[0]
    assert sig.intact and not sig.trusted
    assert sig.revocation.status == "revoked"
    assert sig.revocation.revoked_at and sig.revocation.source == "online:ocsp"
    assert sig.timestamp and sig.revocation.revoked_at < sig.timestamp.time
    assert "signer_revoked" in {r.code for r in sig.reasons}


@pytest.mark.parametrize(("level", "check"), [(PadesLevel.B_T, True), (PadesLevel.B_LT, False)])
def test_revoked_signer_refused(
    level: PadesLevel, check: bool, pki: DevPki, anchors: tuple[TrustAnchor, ...]
) -> None:
    """B-B/B-T ask OCSP when told to; B-LT/B-LTA always do (they embed the answer)."""
    opts = SignOptions(
        level=level, trust_anchors=anchors, tsa_url=pki.tsa_url, check_revocation=check
    )
    with pytest.raises(SignerRevoked):
        sign_pdf(result_pdf(), opts, dev_signer(pki, "revoked"))
