"""Archive timestamp renewal: due only when the last TSA certificate nears expiry; afterwards
the file still verifies, including a file signed long ago by a now-expired certificate."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from signing import (
    NotArchivalSignature,
    PadesLevel,
    RenewOptions,
    TrustAnchor,
    Verdict,
    VerificationReport,
    VerifyOptions,
    renew_archive_timestamp,
    renewal_due,
    verify_pdf,
)
from signing.devpki import DevPki
from tests.signing.conftest import dev_signer
from tests.signing.pdfs import result_pdf
from tests.signing.timetravel import sign_in_the_past

DECADES = timedelta(days=365 * 30)  # longer than any dev TSA certificate lives


def _doc_timestamps(report: VerificationReport) -> int:
    return sum(1 for s in report.signatures if s.kind == "document_timestamp")


def test_not_due_leaves_the_file_alone(
    pki: DevPki, anchors: tuple[TrustAnchor, ...], signed: dict[PadesLevel, bytes]
) -> None:
    lta = signed[PadesLevel.B_LTA]
    check = renewal_due(lta, timedelta(days=30))
    assert not check.due and check.reason == "not_due" and check.document_timestamps == 1

    result = renew_archive_timestamp(lta, RenewOptions(anchors, pki.tsa_url, timedelta(days=30)))

    assert not result.renewed and result.pdf == lta


def test_due_adds_a_timestamp_and_still_verifies(
    pki: DevPki,
    anchors: tuple[TrustAnchor, ...],
    signed: dict[PadesLevel, bytes],
    verify_options: VerifyOptions,
) -> None:
    lta = signed[PadesLevel.B_LTA]
    assert renewal_due(lta, DECADES).reason == "tsa_certificate_expires"

    result = renew_archive_timestamp(lta, RenewOptions(anchors, pki.tsa_url, DECADES))

    assert result.renewed and result.pdf.startswith(lta)
    report = verify_pdf(result.pdf, verify_options)
    assert report.verdict == Verdict.VALID, report.to_dict()
    assert _doc_timestamps(report) == 2
    assert report.signatures[0].pades_level == "B-LTA"
    assert report.signatures[0].modifications.level == "lta_updates"


def test_only_b_lta_files_are_renewed(
    pki: DevPki, anchors: tuple[TrustAnchor, ...], signed: dict[PadesLevel, bytes]
) -> None:
    with pytest.raises(NotArchivalSignature):
        renew_archive_timestamp(signed[PadesLevel.B_LT], RenewOptions(anchors, pki.tsa_url))


def test_renewal_keeps_an_old_file_valid(
    pki: DevPki, anchors: tuple[TrustAnchor, ...], verify_options: VerifyOptions
) -> None:
    """GIVEN a result signed 18 months ago at B-LTA by a signer whose certificate has expired
    since THEN it verifies today (its archive timestamp proves it is older than the expiry),
    and still does after its archive timestamp is renewed. The same signature without an
    archive timestamp is only "indeterminate" today."""
    past = datetime.now(UTC) - timedelta(days=540)
    expired = dev_signer(pki, "expired")
    old = sign_in_the_past(
        result_pdf(), expired, at=past, tsa_url=pki.tsa_url, anchors=anchors, lta=True
    )

    before = verify_pdf(old, verify_options)
    assert before.verdict == Verdict.VALID, before.to_dict()
    assert before.signatures[0].pades_level == "B-LTA"
    stamp = before.signatures[0].timestamp
    assert stamp and datetime.fromisoformat(stamp.time) < past + timedelta(minutes=5)

    renewed = renew_archive_timestamp(old, RenewOptions(anchors, pki.tsa_url, DECADES))
    after = verify_pdf(renewed.pdf, verify_options)
    assert renewed.renewed and after.verdict == Verdict.VALID, after.to_dict()
    assert _doc_timestamps(after) == 2

    no_archive = sign_in_the_past(
        result_pdf(), expired, at=past, tsa_url=pki.tsa_url, anchors=anchors, lta=False
    )
    plain = verify_pdf(no_archive, verify_options)
    assert plain.verdict == Verdict.INDETERMINATE
    assert plain.signatures[0].pades_level is None
    assert "signer_expired" in {r.code for r in plain.reasons}
