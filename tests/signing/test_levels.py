"""Each PAdES level is reached, validated by pyHanko (trust, revocation, level) and checked
for integrity by poppler's pdfsig, independently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyhanko.sign.signers import Signer

from signing import (
    PadesLevel,
    TrustAnchor,
    Verdict,
    VerifyOptions,
    load_trust_anchors,
    sign_pdf,
    verify_pdf,
)
from signing.devpki import DevPki
from tests.signing.conftest import options
from tests.signing.pdfs import result_pdf
from tests.signing.tools import foreign_root, pdfsig

AGENCY_CN = "Ủy ban nhân dân phường Ba Đình"


@pytest.mark.parametrize("level", list(PadesLevel))
def test_each_level_verifies(
    level: PadesLevel,
    signed: dict[PadesLevel, bytes],
    verify_options: VerifyOptions,
    tmp_path: Path,
) -> None:
    report = verify_pdf(signed[level], verify_options)

    assert report.verdict == Verdict.VALID, report.to_dict()
    sig = next(s for s in report.signatures if s.kind == "signature")
    assert sig.pades_level == level.value
    assert sig.intact and sig.trusted
    assert sig.signer.name == AGENCY_CN
    assert sig.signer.organisation == "UBND Thành phố Hà Nội"
    assert sig.trust_anchor == "root"
    assert sig.revocation.status == "good" and sig.revocation.checked_at
    if level == PadesLevel.B_B:
        assert sig.timestamp is None
    else:
        assert sig.timestamp and sig.timestamp.trusted
        assert sig.timestamp.tsa == "Sohoa Dev Time Stamping Authority"
        assert sig.timestamp.time.endswith("+07:00")
    if level in (PadesLevel.B_LT, PadesLevel.B_LTA):
        assert sig.revocation.source == "embedded:ocsp"
    doc_ts = [s for s in report.signatures if s.kind == "document_timestamp"]
    assert len(doc_ts) == (1 if level == PadesLevel.B_LTA else 0)
    json.dumps(report.to_dict())  # the API returns it as is

    path = tmp_path / f"{level}.pdf"
    path.write_bytes(signed[level])
    poppler = [s for s in pdfsig(path) if s["name"] == AGENCY_CN]
    assert len(poppler) == 1 and poppler[0]["validation"] == "Signature is Valid."
    # B-LT/B-LTA append DSS and timestamp revisions after the signature
    assert poppler[0]["total"] == str(level in (PadesLevel.B_B, PadesLevel.B_T))


def test_ecdsa_clerk_signature(
    pki: DevPki,
    anchors: tuple[TrustAnchor, ...],
    clerk: Signer,
    verify_options: VerifyOptions,
    tmp_path: Path,
) -> None:
    out = sign_pdf(result_pdf(), options(pki, anchors, PadesLevel.B_LT), clerk)

    report = verify_pdf(out, verify_options)
    assert report.verdict == Verdict.VALID
    assert report.signatures[0].pades_level == "B-LT"
    assert report.signatures[0].signer.name == "Nguyễn Thị Hằng"
    (tmp_path / "clerk.pdf").write_bytes(out)
    assert pdfsig(tmp_path / "clerk.pdf")[0]["validation"] == "Signature is Valid."


def test_several_trust_anchors_at_once(
    signed: dict[PadesLevel, bytes], anchors: tuple[TrustAnchor, ...], tmp_path: Path
) -> None:
    """GIVEN another root configured first (the national root was re-keyed; old and new are
    trusted side by side) THEN the signature is trusted to the anchor it really chains to."""
    other = load_trust_anchors([foreign_root(tmp_path, "neac-old")])

    report = verify_pdf(signed[PadesLevel.B_T], VerifyOptions(trust_anchors=(*other, *anchors)))

    assert report.verdict == Verdict.VALID
    assert report.signatures[0].trust_anchor == "root"


@pytest.mark.parametrize("label", ["agency", "clerk"])  # RSA-2048 and ECDSA P-256
def test_size_estimate_holds_the_real_signature(label: str, request: pytest.FixtureRequest) -> None:
    """pyHanko sizes the signature container from a dry run; the placeholder our key-file
    signer returns for it must never be shorter than a real signature of that key."""
    import asyncio

    signer = request.getfixturevalue(label)
    real = [asyncio.run(signer.async_sign_raw(b"%d" % i, "sha256")) for i in range(20)]
    placeholder = asyncio.run(signer.async_sign_raw(b"x", "sha256", dry_run=True))
    assert len(placeholder) >= max(len(r) for r in real)
    assert set(placeholder) == {0}  # a placeholder, not a signature over the dummy data
