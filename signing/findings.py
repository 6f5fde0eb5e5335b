"""What pyHanko's validation statuses say, turned into the report's pieces and reasons:
the signer, the timestamp, the revocation evidence (newest OCSP answer or CRL about the
certificate, embedded or fetched), the changes after signing, the level reached, and why a
signature is not valid."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from asn1crypto import crl as asn1_crl
from asn1crypto import ocsp as asn1_ocsp
from asn1crypto import x509
from pyhanko.sign.ades.report import AdESFailure, AdESIndeterminate, AdESPassed, AdESSubIndic
from pyhanko.sign.diff_analysis import ModificationLevel, SuspiciousModification
from pyhanko.sign.validation import DocumentSecurityStore
from pyhanko.sign.validation.status import SignatureCoverageLevel

from signing.report import (
    ModificationReport,
    Reason,
    RevocationReport,
    SignerReport,
    TimestampReport,
    reason,
)
from signing.stamp import vn_isoformat

__all__ = [
    "dss_material",
    "iso",
    "level_reached",
    "modifications",
    "name_part",
    "reasons_for",
    "revocation_report",
    "signer_report",
    "timestamp_report",
]


def name_part(cert: x509.Certificate, field: str) -> str | None:
    value = cert.subject.native.get(field)
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value) if value else None


def signer_report(cert: x509.Certificate) -> SignerReport:
    return SignerReport(
        name=name_part(cert, "common_name"),
        organisation=name_part(cert, "organization_name"),
        serial=format(cert.serial_number, "x"),
        subject=str(cert.subject.human_friendly),
        issuer=str(cert.issuer.human_friendly),
        certificate_sha256=str(cert.sha256.hex()),
    )


def iso(moment: datetime | None) -> str | None:
    return vn_isoformat(moment) if moment is not None else None


def modifications(status: Any) -> ModificationReport:
    level = status.modification_level
    detail = None
    if isinstance(status.diff_result, SuspiciousModification):
        detail = str(status.diff_result)
    return ModificationReport(
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        level=level.name.lower() if isinstance(level, ModificationLevel) else "unknown",
        allowed=status.docmdp_ok,
        detail=detail,
    )


def timestamp_report(status: Any) -> TimestampReport | None:
    ts = status.timestamp_validity
    if ts is None:
        return None
    return TimestampReport(
        tsa=str(
            name_part(ts.signing_cert, "common_name") or ts.signing_cert.subject.human_friendly
        ),
        time=vn_isoformat(ts.timestamp),
        trusted=bool(ts.intact and ts.valid and ts.trusted),
    )


def _ocsp_about(resp: asn1_ocsp.OCSPResponse, cert: x509.Certificate) -> Any:
    try:
        basic = resp["response_bytes"]["response"].parsed
        data = basic["tbs_response_data"]
    except (KeyError, ValueError, TypeError):
        return None
    for single in data["responses"]:
        cid = single["cert_id"]
        algo = cid["hash_algorithm"]["algorithm"].native
        if (
            cid["serial_number"].native == cert.serial_number
            and algo in ("sha1", "sha256")
            and cid["issuer_name_hash"].native == getattr(cert.issuer, algo)
        ):
            return data["produced_at"].native, single["cert_status"].name
    return None


def _crl_about(lst: asn1_crl.CertificateList, cert: x509.Certificate) -> Any:
    tbs = lst["tbs_cert_list"]
    if tbs["issuer"] != cert.issuer:
        return None
    revoked = any(
        entry["user_certificate"].native == cert.serial_number
        for entry in tbs["revoked_certificates"]
    )
    return tbs["this_update"].native, "revoked" if revoked else "good"


def revocation_report(
    status: Any,
    cert: x509.Certificate,
    sources: Iterable[tuple[str, Sequence[Any], Sequence[Any]]],
) -> RevocationReport:
    """The newest OCSP response / CRL about ``cert`` among ``sources`` (name, ocsps, crls)."""
    found: list[tuple[datetime, str, str]] = []
    for origin, ocsps, crls in sources:
        for resp in ocsps:
            hit = _ocsp_about(resp, cert)
            if hit:
                found.append((hit[0], f"{origin}:ocsp", hit[1]))
        for lst in crls:
            hit = _crl_about(lst, cert)
            if hit:
                found.append((hit[0], f"{origin}:crl", hit[1]))
    # newest first; between equally new ones prefer what the file itself carries
    found.sort(key=lambda f: (f[0], f[1].startswith("embedded")))
    details = status.revocation_details if status is not None else None
    if details is not None:
        last = found[-1] if found else None
        return RevocationReport(
            "revoked",
            iso(last[0]) if last else None,
            last[1] if last else None,
            iso(details.revocation_date),
        )
    if not found:
        good = status is not None and status.trusted
        return RevocationReport("good" if good else "unknown", None, None)
    when, source, state = found[-1]
    return RevocationReport("revoked" if state == "revoked" else "good", iso(when), source)


def dss_material(dss: DocumentSecurityStore | None) -> tuple[list[Any], list[Any]]:
    if dss is None:
        return [], []
    vc = dss.as_validation_context({"trust_roots": []})
    return list(vc.ocsps), list(vc.crls)


def reasons_for(
    status: Any, ades: AdESSubIndic | None, failure: str | None, revocation_known: bool
) -> list[Reason]:
    """Why ``status`` (and the AdES sub-indication, when the LTA path ran) is not valid.
    ``revocation_known``: some OCSP/CRL about the signer's certificate was at hand."""
    out: list[Reason] = []
    if status is None:
        return [reason("validation_failed", failure)]
    if not status.intact or ades == AdESFailure.HASH_FAILURE:
        out.append(reason("tampered"))
    elif not status.valid or ades == AdESFailure.SIG_CRYPTO_FAILURE:
        out.append(reason("bad_signature_value"))
    if status.docmdp_ok is False:
        out.append(reason("modified_after_signing", modifications(status).detail))
    if status.revoked:
        ts = status.timestamp_validity
        signed = (
            ts.timestamp
            if ts is not None and ts.trusted
            else status.signer_reported_dt or datetime.now(UTC)
        )
        revoked_at = status.revocation_details.revocation_date
        code = "signer_revoked" if revoked_at <= signed else "signer_revoked_later"
        out.append(reason(code, f"revoked {vn_isoformat(revoked_at)}"))
    elif not status.trusted and status.intact and status.valid:
        indic = ades if ades not in (None, AdESPassed.OK) else status.trust_problem_indic
        out.append(_trust_reason(indic, failure, revocation_known))
    ts = status.timestamp_validity
    if ts is not None and not (ts.intact and ts.valid and ts.trusted):
        out.append(reason("timestamp_invalid"))
    if not out and ades is not None and ades != AdESPassed.OK:
        out.append(_trust_reason(ades, failure, revocation_known))
    return out


def _trust_reason(
    indic: AdESSubIndic | None, failure: str | None, revocation_known: bool
) -> Reason:
    if indic == AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND:
        return reason("untrusted_signer", failure)
    if indic in (AdESIndeterminate.OUT_OF_BOUNDS_NO_POE, AdESIndeterminate.EXPIRED):
        return reason("signer_expired", failure)
    if indic in (AdESIndeterminate.REVOKED_NO_POE, AdESIndeterminate.REVOKED_CA_NO_POE):
        return reason("signer_revoked_later", failure)
    if indic == AdESFailure.REVOKED:
        return reason("signer_revoked", failure)
    if indic in (
        AdESIndeterminate.TRY_LATER,
        AdESIndeterminate.REVOCATION_OUT_OF_BOUNDS_NO_POE,
        AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED,
    ):
        return reason("revocation_unknown", failure)
    if indic == AdESIndeterminate.CERTIFICATE_CHAIN_GENERAL_FAILURE:
        # pyHanko folds "no revocation data" into this one; tell them apart by the evidence
        return reason("chain_invalid" if revocation_known else "revocation_unknown", failure)
    return reason("validation_failed", f"{indic}: {failure}" if indic else failure)


def level_reached(status: Any, *, lt: bool, lta: bool) -> str | None:
    if status is None or not (status.intact and status.valid and status.trusted):
        return None
    ts = status.timestamp_validity
    if ts is None or not (ts.intact and ts.valid and ts.trusted):
        return "B-B"
    if lta:
        return "B-LTA"
    return "B-LT" if lt else "B-T"
