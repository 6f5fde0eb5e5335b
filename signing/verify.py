"""Verification for agencies: is each signature intact, by whom, trusted to which anchor,
timestamped, not revoked, at which PAdES level, changed afterwards, and is the file the
archived one.

Per signature, the cheapest check that proves its level (pyHanko does the work):

- followed by document timestamps (B-LTA candidate): ``ades_lta_validation`` (ETSI EN
  319 102-1 §5.6.3) over the DSS and the timestamp chain; revocation is fetched only for the
  present, never for the past;
- with a DSS (B-LT candidate): ``validate_pdf_signature`` offline against
  ``DocumentSecurityStore.as_validation_context``; if the embedded material does not suffice,
  once more online, and the level stays B-T;
- otherwise: ``validate_pdf_signature`` with OCSP/CRL fetched now.

Document timestamps are validated with the DSS plus fetching (the newest one's revocation
data is not in the file yet, by design).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from asn1crypto import x509
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESIndeterminate, AdESPassed, AdESSubIndic
from pyhanko.sign.general import NonexistentAttributeError
from pyhanko.sign.validation import (
    DocumentSecurityStore,
    EmbeddedPdfSignature,
    PdfSignatureStatus,
    async_validate_pdf_signature,
    async_validate_pdf_timestamp,
)
from pyhanko.sign.validation.ades import ades_lta_validation
from pyhanko.sign.validation.errors import NoDSSFoundError, SignatureValidationError
from pyhanko.sign.validation.policy_decl import (
    PdfSignatureValidationSpec,
    RevinfoOnlineFetchingRule,
    RevocationInfoGatheringSpec,
    SignatureValidationSpec,
)
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureStatus
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.fetchers import FetcherBackend
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo
from pyhanko_certvalidator.policy_decl import REQUIRE_REVINFO, CertRevTrustPolicy
from pyhanko_certvalidator.registry import SimpleTrustManager

from signing.errors import SigningError, SigningMisconfigured
from signing.findings import (
    dss_material,
    iso,
    level_reached,
    modifications,
    reasons_for,
    revocation_report,
    signer_report,
    timestamp_report,
)
from signing.normalise import open_reader
from signing.remote import fetcher_backend
from signing.report import (
    ArchiveCopyCheck,
    ModificationReport,
    Reason,
    RevocationReport,
    SignatureReport,
    SignerReport,
    TimestampReport,
    Verdict,
    VerificationReport,
    reason,
)
from signing.signers import TrustAnchor
from signing.stamp import vn_isoformat

__all__ = ["VerifyOptions", "verify_pdf"]

log = logging.getLogger(__name__)

# a signing certificate needs one of these, not both (agencies' seals often carry only one)
_KEY_USAGE = KeyUsageConstraints(
    key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
)


@dataclass(frozen=True)
class VerifyOptions:
    """How to verify; built once from settings at the edge."""

    trust_anchors: tuple[TrustAnchor, ...]
    """Roots accepted as trust anchors (several at once)."""
    fetch_revocation: bool = True
    """Ask OCSP responders / CRL servers when the file does not carry what is needed. Off:
    such signatures come out ``indeterminate`` (revocation unknown)."""
    network_timeout_s: float = 10.0


@dataclass
class _Context:
    options: VerifyOptions
    reader: PdfFileReader
    dss: DocumentSecurityStore | None
    backend: FetcherBackend | None
    at: datetime

    @property
    def roots(self) -> list[x509.Certificate]:
        return [a.certificate for a in self.options.trust_anchors]

    def vc(self, *, use_dss: bool, fetch: bool) -> ValidationContext:
        kwargs: dict[str, Any] = {
            "trust_roots": self.roots,
            "allow_fetching": fetch and self.backend is not None,
            "revocation_mode": "hard-fail",
            "moment": self.at,
        }
        if kwargs["allow_fetching"]:
            kwargs["fetcher_backend"] = self.backend
        else:  # offline: say "no revocation data yet", not "none expected"
            kwargs["crls"], kwargs["ocsps"] = [], []
        if use_dss and self.dss is not None:
            return self.dss.as_validation_context(kwargs)
        return ValidationContext(**kwargs)

    def anchor_name(self, status: SignatureStatus) -> str | None:
        path = status.validation_path
        if path is None:
            return None
        anchor_cert = getattr(path.trust_anchor, "certificate", None)
        for a in self.options.trust_anchors:
            if anchor_cert is not None and a.certificate.sha256 == anchor_cert.sha256:
                return a.name
        return str(path.trust_anchor)


# --- one signature -----------------------------------------------------------------------

# LTA outcomes that mean "no proof about the past", not "something is wrong"
_LTA_FALLBACK = frozenset(
    {
        AdESIndeterminate.NO_POE,
        AdESIndeterminate.TRY_LATER,
        AdESIndeterminate.REVOCATION_OUT_OF_BOUNDS_NO_POE,
        AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED,
    }
)


async def _lta(sig: EmbeddedPdfSignature, ctx: _Context) -> tuple[Any, Any, str | None, bool]:
    policy = CertValidationPolicySpec(
        trust_manager=SimpleTrustManager.build(trust_roots=ctx.roots),
        revinfo_policy=CertRevTrustPolicy(REQUIRE_REVINFO),
    )
    gathering = RevocationInfoGatheringSpec(
        online_fetching_rule=(
            RevinfoOnlineFetchingRule.NO_HISTORICAL_FETCH
            if ctx.backend is not None
            else RevinfoOnlineFetchingRule.LOCAL_ONLY
        ),
        fetcher_backend=ctx.backend,
    )
    spec = PdfSignatureValidationSpec(
        SignatureValidationSpec(
            cert_validation_policy=policy,
            revinfo_gathering_policy=gathering,
            key_usage_settings=_KEY_USAGE,
        )
    )
    timing = ValidationTimingInfo(ctx.at, ctx.at, point_in_time_validation=False)
    result = await ades_lta_validation(sig, spec, timing_info=timing)
    chain_ok = result.oldest_evidence_record_timestamp is not None
    return result.api_status, result.ades_subindic, result.failure_msg, chain_ok


async def _verify_signature(sig: EmbeddedPdfSignature, ctx: _Context) -> SignatureReport:
    later_ts = [
        t
        for t in ctx.reader.embedded_timestamp_signatures
        if t.signed_revision > sig.signed_revision
    ]
    status: PdfSignatureStatus | None
    ades: AdESSubIndic | None = None
    failure: str | None = None
    lt = lta = False
    fetched: list[ValidationContext] = []
    if later_ts and ctx.dss is not None:
        status, ades, failure, chain_ok = await _lta(sig, ctx)
        lta = ades == AdESPassed.OK and chain_ok
        lt = lta
        if not lta and ades in _LTA_FALLBACK and status is not None and status.intact:
            # the archive material does not cover this signature (e.g. an earlier signature
            # whose revocation data was never embedded): judge it as of now instead, and
            # report the level it really reaches
            ades, failure = None, None
            vc = ctx.vc(use_dss=True, fetch=True)
            fetched.append(vc)
            status = await async_validate_pdf_signature(sig, vc, key_usage_settings=_KEY_USAGE)
    elif ctx.dss is not None:
        vc = ctx.vc(use_dss=True, fetch=False)
        status = await async_validate_pdf_signature(sig, vc, key_usage_settings=_KEY_USAGE)
        lt = status.trusted
        if not status.trusted and status.intact and status.valid and not status.revoked:
            vc = ctx.vc(use_dss=True, fetch=True)
            fetched.append(vc)
            status = await async_validate_pdf_signature(sig, vc, key_usage_settings=_KEY_USAGE)
    else:
        vc = ctx.vc(use_dss=False, fetch=True)
        fetched.append(vc)
        status = await async_validate_pdf_signature(sig, vc, key_usage_settings=_KEY_USAGE)

    embedded = dss_material(ctx.dss)
    sources = [("embedded", *embedded)] + [("online", vc.ocsps, vc.crls) for vc in fetched]
    cert = sig.signer_cert
    revocation = revocation_report(status, cert, sources)
    reasons = reasons_for(status, ades, failure, revocation.checked_at is not None)
    return SignatureReport(
        field_name=str(sig.field_name),
        kind="signature",
        intact=bool(status.intact) if status is not None else False,
        signer=signer_report(cert),
        trusted=bool(status is not None and status.trusted) or lta,
        trust_anchor=ctx.anchor_name(status) if status is not None else None,
        signing_time=iso(status.signer_reported_dt) if status is not None else None,
        timestamp=timestamp_report(status) if status is not None else None,
        revocation=revocation,
        pades_level=level_reached(status, lt=lt, lta=lta) if not reasons else None,
        modifications=modifications(status) if status is not None else _unknown_mods(),
        verdict=Verdict.worst([r.verdict for r in reasons]),
        reasons=tuple(reasons),
    )


def _unknown_mods() -> ModificationReport:
    return ModificationReport(covers_whole_file=False, level="unknown", allowed=None)


async def _verify_timestamp(ts: EmbeddedPdfSignature, ctx: _Context) -> SignatureReport:
    vc = ctx.vc(use_dss=True, fetch=True)
    status = await async_validate_pdf_timestamp(ts, vc)
    reasons: list[Reason] = []
    if not status.intact:
        reasons.append(reason("tampered"))
    elif not status.valid:
        reasons.append(reason("bad_signature_value"))
    elif not status.trusted:
        reasons.append(reason("archive_timestamp_invalid", str(status.trust_problem_indic)))
    if status.docmdp_ok is False:
        reasons.append(reason("modified_after_signing", modifications(status).detail))
    cert = ts.signer_cert
    sources = [("embedded", *dss_material(ctx.dss)), ("online", vc.ocsps, vc.crls)]
    return SignatureReport(
        field_name=str(ts.field_name),
        kind="document_timestamp",
        intact=bool(status.intact),
        signer=signer_report(cert),
        trusted=bool(status.trusted),
        trust_anchor=ctx.anchor_name(status),
        signing_time=iso(status.timestamp),
        timestamp=TimestampReport(
            tsa=signer_report(cert).name or str(cert.subject.human_friendly),
            time=vn_isoformat(status.timestamp),
            trusted=bool(status.trusted),
        ),
        revocation=revocation_report(status, cert, sources),
        pades_level=None,
        modifications=modifications(status),
        verdict=Verdict.worst([r.verdict for r in reasons]),
        reasons=tuple(reasons),
    )


# --- the document -------------------------------------------------------------------------

# what a damaged signature dictionary, CMS blob or DSS stream makes pyHanko/asn1crypto raise
_DAMAGE: tuple[type[Exception], ...] = (
    PdfError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AssertionError,
)
_UNPROCESSABLE: tuple[type[Exception], ...] = (
    SignatureValidationError,
    NonexistentAttributeError,
    *_DAMAGE,
)


def _signature_fields(root: Any) -> set[str]:
    """Names of filled signature fields reachable from a catalogue (one level of kids)."""
    names: set[str] = set()
    try:
        fields = root["/AcroForm"]["/Fields"]
    except KeyError:
        return names
    stack = [(f.get_object(), "") for f in fields]
    while stack:
        node, prefix = stack.pop()
        name = f"{prefix}{node.get('/T', '')}"
        if node.get("/FT") == "/Sig" and "/V" in node:
            names.add(name)
        for kid in node.get("/Kids", ()):
            stack.append((kid.get_object(), f"{name}."))
    return names


def _removed_signatures(reader: PdfFileReader, present: set[str]) -> list[str]:
    seen: set[str] = set()
    for rev in range(reader.xrefs.total_revisions - 1):
        try:
            seen |= _signature_fields(reader.get_historical_root(rev))
        except (KeyError, ValueError, TypeError, AttributeError):
            continue
    return sorted(n for n in seen if n not in present and n.split(".")[-1] not in present)


def _normalise_sha256(value: str) -> str:
    value = value.strip().lower()
    return value.removeprefix("sha256:")


async def _verify(
    pdf: bytes, options: VerifyOptions, archived_sha256: str | None, at: datetime
) -> VerificationReport:
    reader, _ = open_reader(pdf)
    doc_reasons: list[Reason] = []
    try:
        dss: DocumentSecurityStore | None = DocumentSecurityStore.read_dss(reader)
        dss_material(dss)  # parse it now: a damaged DSS is ignored, not fatal
    except NoDSSFoundError:
        dss = None
    except _DAMAGE as e:
        dss = None
        log.info("DSS unreadable, ignored: %s", e)
    backend = fetcher_backend(options.network_timeout_s) if options.fetch_revocation else None
    ctx = _Context(options=options, reader=reader, dss=dss, backend=backend, at=at)
    reports: list[SignatureReport] = []
    try:
        # the signature dictionaries themselves may be what was tampered with
        regular = list(reader.embedded_regular_signatures)
        stamps = list(reader.embedded_timestamp_signatures)
    except _UNPROCESSABLE as e:
        regular, stamps = [], []
        doc_reasons.append(reason("signature_damaged", f"{type(e).__name__}: {e}"))
    try:
        for sig in regular:
            reports.append(await _guarded(_verify_signature, sig, ctx))
        for ts in stamps:
            reports.append(await _guarded(_verify_timestamp, ts, ctx))
    finally:
        if backend is not None:
            await backend.close()

    damaged = bool(doc_reasons)  # signature dictionaries unreadable: nothing more to learn
    present = {r.field_name for r in reports}
    removed = [] if damaged else _removed_signatures(reader, present)
    if removed:
        doc_reasons.append(reason("signature_removed", ", ".join(removed)))
    if not damaged and not any(r.kind == "signature" for r in reports):
        doc_reasons.append(reason("no_signature"))
    digest = hashlib.sha256(pdf).hexdigest()
    archive: ArchiveCopyCheck | None = None
    if archived_sha256:
        expected = _normalise_sha256(archived_sha256)
        archive = ArchiveCopyCheck(f"sha256:{expected}", f"sha256:{digest}", expected == digest)
        if not archive.identical:
            doc_reasons.append(reason("not_identical_to_archive"))
    all_reasons = doc_reasons + [
        Reason(r.code, r.message_vi, r.message_en, f"{s.field_name}: {r.detail or ''}".rstrip(": "))
        for s in reports
        for r in s.reasons
    ]
    verdict = Verdict.worst([r.verdict for r in doc_reasons] + [s.verdict for s in reports])
    return VerificationReport(
        verdict=verdict,
        reasons=tuple(all_reasons),
        signatures=tuple(reports),
        sha256=f"sha256:{digest}",
        archive_copy=archive,
        verified_at=vn_isoformat(at),
    )


def _safe_signer(sig: EmbeddedPdfSignature) -> SignerReport:
    try:
        return signer_report(sig.signer_cert)
    except _DAMAGE:
        return SignerReport(None, None, "", "", "", "")


async def _guarded(fn: Any, sig: EmbeddedPdfSignature, ctx: _Context) -> SignatureReport:
    """A signature pyHanko cannot process at all is reported, not raised: damaged data is
    ``invalid``, a kind of signature pyHanko does not handle is ``indeterminate``."""
    try:
        return await fn(sig, ctx)
    except _UNPROCESSABLE as e:
        log.info("signature %s could not be validated: %s", sig.field_name, e)
        code = (
            "unsupported_signature"
            if isinstance(e, (SignatureValidationError, NonexistentAttributeError))
            else "signature_damaged"
        )
        rs = (reason(code, f"{type(e).__name__}: {e}"),)
        return SignatureReport(
            field_name=str(sig.field_name),
            kind="signature" if sig.sig_object_type == "/Sig" else "document_timestamp",
            intact=False,
            signer=_safe_signer(sig),
            trusted=False,
            trust_anchor=None,
            signing_time=None,
            timestamp=None,
            revocation=RevocationReport("unknown", None, None),
            pades_level=None,
            modifications=_unknown_mods(),
            verdict=rs[0].verdict,
            reasons=rs,
        )


def verify_pdf(
    pdf: bytes,
    options: VerifyOptions,
    *,
    archived_sha256: str | None = None,
    at: datetime | None = None,
) -> VerificationReport:
    """Verify every signature and document timestamp in ``pdf``.

    ``archived_sha256`` (``sha256:<hex>`` or hex) adds the byte-identity check against the
    archived copy. ``at`` validates as of another time (default now).

    Raises :class:`~signing.errors.SigningError` subclasses only, for a file that cannot be
    read at all (not a PDF, encrypted, damaged); everything about signatures is in the report.
    """
    if not options.trust_anchors:
        raise SigningMisconfigured("no trust anchor configured")
    moment = at or datetime.now(UTC)
    try:
        return asyncio.run(_verify(pdf, options, archived_sha256, moment))
    except SigningError:
        raise
    except Exception as e:  # the package boundary: nothing foreign escapes
        from signing.errors import PdfDamaged

        log.exception("verification failed")
        raise PdfDamaged(f"{type(e).__name__}: {e}") from e
