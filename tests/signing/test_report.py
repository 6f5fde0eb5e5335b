"""The report as the API hands it out: JSON, archived-copy identity, unsigned files."""

from __future__ import annotations

import hashlib
import json

from signing import PadesLevel, TrustAnchor, Verdict, VerifyOptions, verify_pdf
from tests.signing.pdfs import result_pdf


def test_identical_to_archived_copy(
    signed: dict[PadesLevel, bytes], verify_options: VerifyOptions
) -> None:
    data = signed[PadesLevel.B_T]
    digest = hashlib.sha256(data).hexdigest()

    report = verify_pdf(data, verify_options, archived_sha256=f"sha256:{digest}")

    assert report.archive_copy and report.archive_copy.identical
    assert report.sha256 == f"sha256:{digest}"
    assert report.verdict == Verdict.VALID


def test_not_the_archived_copy(
    signed: dict[PadesLevel, bytes], verify_options: VerifyOptions
) -> None:
    """A validly signed file that is not the archived one (e.g. an older download of a file
    whose archive timestamp was renewed since) is not invalid, but not confirmed either."""
    report = verify_pdf(signed[PadesLevel.B_T], verify_options, archived_sha256="00" * 32)

    assert report.archive_copy and not report.archive_copy.identical
    assert report.verdict == Verdict.INDETERMINATE
    assert [r.code for r in report.reasons] == ["not_identical_to_archive"]


def test_unsigned_file_is_invalid(verify_options: VerifyOptions) -> None:
    report = verify_pdf(result_pdf(), verify_options)
    assert report.verdict == Verdict.INVALID
    assert report.reasons[0].code == "no_signature"
    assert report.reasons[0].message_vi == "Tệp không có chữ ký số nào."


def test_to_dict_is_plain_json(
    signed: dict[PadesLevel, bytes], verify_options: VerifyOptions
) -> None:
    data = verify_pdf(signed[PadesLevel.B_LTA], verify_options).to_dict()
    again = json.loads(json.dumps(data, ensure_ascii=False))
    assert again["verdict"] == "valid"
    sig = again["signatures"][0]
    assert set(sig) >= {
        "intact",
        "signer",
        "trust_anchor",
        "signing_time",
        "timestamp",
        "revocation",
        "pades_level",
        "modifications",
        "verdict",
        "reasons",
    }
    assert set(sig["signer"]) >= {"name", "organisation", "serial"}
    assert set(sig["revocation"]) >= {"status", "checked_at"}
    assert set(sig["modifications"]) >= {"level", "allowed"}


def test_offline_verification_uses_what_the_file_carries(
    signed: dict[PadesLevel, bytes], anchors: tuple[TrustAnchor, ...]
) -> None:
    """Without network: B-LT/B-LTA carry their OCSP answers (valid); B-B does not
    (indeterminate, revocation unknown)."""
    offline = VerifyOptions(trust_anchors=anchors, fetch_revocation=False)

    lt = verify_pdf(signed[PadesLevel.B_LT], offline)
    bb = verify_pdf(signed[PadesLevel.B_B], offline)

    assert lt.verdict == Verdict.VALID and lt.signatures[0].revocation.source == "embedded:ocsp"
    assert bb.verdict == Verdict.INDETERMINATE
    assert "revocation_unknown" in {r.code for r in bb.reasons}
