"""PAdES baseline signing (ETSI EN 319 142-1): B-B, B-T, B-LT, B-LTA, SHA-256.

One call, ``sign_pdf(pdf, options, signer, appearance=...)``: make the PDF signable
(normalise), refuse an unusable signer certificate, draw the stamp, sign incrementally (earlier
signatures stay valid), timestamp at the TSA, embed OCSP/CRL in the DSS, add the archive
timestamp. pyHanko does the cryptography; this module chooses its settings and turns its
exceptions into ours.

The public functions are synchronous (they run their own event loop): call them from a worker
or a thread, not from inside a running event loop.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError as PyhankoSigningError
from pyhanko.sign.signers import Signer
from pyhanko.sign.timestamps import TimestampRequestError
from pyhanko.sign.validation import DocumentSecurityStore, collect_validation_info
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import (
    InsufficientRevinfoError,
    PathBuildingError,
    PathValidationError,
    RevokedError,
    ValidationError,
)

from signing import stamp as _stamp
from signing.errors import (
    PdfDamaged,
    RevocationInfoUnavailable,
    SignerNotTrusted,
    SignerRevoked,
    SigningError,
    SigningFailed,
    SigningKeyUnavailable,
    SigningMisconfigured,
    TimestampUnavailable,
)
from signing.normalise import prepare_for_signing
from signing.remote import online_validation_context, timestamper
from signing.signers import TrustAnchor, async_check_signer_certificate
from signing.stamp import Appearance, StampOptions

__all__ = ["PadesLevel", "SignOptions", "sign_pdf"]

log = logging.getLogger(__name__)


class PadesLevel(enum.StrEnum):
    B_B = "B-B"
    B_T = "B-T"
    B_LT = "B-LT"
    B_LTA = "B-LTA"

    @property
    def rank(self) -> int:
        return list(PadesLevel).index(self)


@dataclass(frozen=True)
class SignOptions:
    """How to sign; built once from settings at the edge."""

    level: PadesLevel
    trust_anchors: tuple[TrustAnchor, ...]
    """Roots the signer's certificate must chain to (several at once: old and new national
    roots). Also used to validate the TSA and to collect OCSP/CRL for B-LT and B-LTA."""
    tsa_url: str | None = None
    """RFC 3161 timestamp service; required from B-T up."""
    network_timeout_s: float = 10.0
    """Per request to the TSA, OCSP responders and CRL servers."""
    check_revocation: bool = False
    """Also ask OCSP/CRL before a B-B or B-T signature (B-LT and B-LTA always do: the
    answers are embedded)."""
    reason: str | None = None
    location: str | None = None
    field_name: str | None = None
    """Name of the new signature field; default ``Signature-<random>``."""
    stamp: StampOptions = field(default_factory=StampOptions)


def _inherited(node: Any, key: str) -> Any:
    """A page attribute, looked up the page tree (CropBox, MediaBox and Rotate inherit)."""
    while node is not None:
        if key in node:
            return node[key]
        node = node.get("/Parent")
        node = node.get_object() if node is not None else None
    return None


def _page_box(writer: IncrementalPdfFileWriter) -> tuple[float, float, float, float]:
    """Page 1's visible box (CropBox, else MediaBox)."""
    page_ref, _ = writer.find_page_for_modification(0)
    node: Any = page_ref.get_object()
    for key in ("/CropBox", "/MediaBox"):
        box = _inherited(node, key)
        if box is not None:
            x1, y1, x2, y2 = (float(v) for v in box)
            return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)
    return 0.0, 0.0, 595.0, 842.0  # A4, the PDF default when no box is given


def _page_rotation(writer: IncrementalPdfFileWriter) -> int:
    """Page 1's /Rotate in degrees clockwise, 0 when absent or unreadable."""
    page_ref, _ = writer.find_page_for_modification(0)
    try:
        return int(_inherited(page_ref.get_object(), "/Rotate") or 0) % 360
    except (TypeError, ValueError):
        return 0


def _map_pyhanko_error(e: BaseException) -> SigningError:
    """Our error for what pyHanko (or what it called) raised while signing."""
    cause = e.__cause__ or e.__context__
    for err in (e, cause):
        if isinstance(err, RevokedError):
            return SignerRevoked(str(err))
        if isinstance(err, InsufficientRevinfoError):
            return RevocationInfoUnavailable(str(err))
        if isinstance(err, PathBuildingError):
            return SignerNotTrusted(str(err))
        if isinstance(err, TimestampRequestError):
            return TimestampUnavailable(str(err))
    from pkcs11 import PKCS11Error

    if isinstance(e, PKCS11Error) or isinstance(cause, PKCS11Error):
        return SigningKeyUnavailable(f"token error while signing: {type(e).__name__} {e}")
    if isinstance(e, PdfError):
        return PdfDamaged(f"pyHanko cannot write the signature into this PDF: {e}")
    return SigningFailed(f"{type(e).__name__}: {e}")


async def _embed_earlier_revinfo(writer: IncrementalPdfFileWriter, vc: ValidationContext) -> None:
    """Put OCSP/CRL for the signatures already in the file into the DSS, so the archive
    timestamp that follows covers them too (a clerk's B-T scan becomes long-term verifiable
    with the agency's B-LTA copy). A signature whose chain no longer validates is left as it
    is: it is the verifier's to judge, not a reason to refuse the new signature."""
    paths = []
    for earlier in writer.prev.embedded_regular_signatures:
        try:
            paths.extend(await collect_validation_info(earlier, vc))
        except (PathBuildingError, PathValidationError, ValidationError) as e:
            log.warning("no revocation data for earlier signature %s: %s", earlier.field_name, e)
    if paths:
        DocumentSecurityStore.supply_dss_in_writer(writer, None, paths=paths, validation_context=vc)


async def _sign(
    pdf: bytes,
    options: SignOptions,
    signer: Signer,
    appearance: Appearance | None,
    at: datetime,
) -> bytes:
    level = options.level
    needs_revinfo = level.rank >= PadesLevel.B_LT.rank
    prepared = prepare_for_signing(pdf)
    cert = signer.signing_cert
    if cert is None:
        raise SigningKeyUnavailable("the signer has no certificate")
    chain = list(signer.cert_registry)
    vc = (
        online_validation_context(
            options.trust_anchors, timeout_s=options.network_timeout_s, other_certs=chain
        )
        if needs_revinfo or options.check_revocation
        else None
    )
    try:
        await async_check_signer_certificate(
            cert,
            trust_anchors=options.trust_anchors,
            other_certs=chain,
            at=at.astimezone(UTC),
            validation_context=vc if options.check_revocation else None,
        )
        writer = IncrementalPdfFileWriter(BytesIO(prepared.data), strict=prepared.strict)
        if needs_revinfo and prepared.signature_count and vc is not None:
            await _embed_earlier_revinfo(writer, vc)
        name = options.field_name or f"Signature-{uuid.uuid4().hex[:12]}"
        field_spec = fields.SigFieldSpec(sig_field_name=name)
        style = None
        if appearance is not None:
            planned = _stamp.plan(
                appearance,
                page_box=_page_box(writer),
                already_signed=prepared.signature_count > 0,
                at=at,
                options=options.stamp,
                rotation=_page_rotation(writer),
            )
            if planned.page_qr is not None:
                _stamp.draw_on_page(writer, planned.page_qr, planned.page_qr_rect, planned.rotation)
                if planned.qr_url:
                    _stamp.add_link(writer, planned.page_qr_rect, planned.qr_url)
            field_spec = fields.SigFieldSpec(sig_field_name=name, on_page=0, box=planned.field_box)
            style = _stamp.block_style(planned.field_block, planned.rotation)
        meta = signers.PdfSignatureMetadata(
            field_name=name,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            reason=options.reason,
            location=options.location,
            embed_validation_info=needs_revinfo,
            use_pades_lta=level == PadesLevel.B_LTA,
            validation_context=vc if needs_revinfo else None,
            # key usage was checked above (digitalSignature or nonRepudiation)
            signer_key_usage=set(),
        )
        tsa = (
            timestamper(options.tsa_url, options.network_timeout_s)
            if level.rank >= PadesLevel.B_T.rank and options.tsa_url
            else None
        )
        pdf_signer = signers.PdfSigner(
            meta,
            signer=signer,
            timestamper=tsa,
            stamp_style=style,
            new_field_spec=field_spec,
        )
        try:
            out = await pdf_signer.async_sign_pdf(writer, output=BytesIO())
        except (AttributeError, AssertionError, KeyError, TypeError, IndexError) as e:
            if prepared.strict and not prepared.rewritten:
                raise
            # a file that needed repair (or a signed one only the lenient reader half
            # understood) whose structure pyHanko still trips over
            raise PdfDamaged(f"cannot add a signature to this damaged PDF: {e!r}") from e
        return bytes(out.getvalue())
    finally:
        if vc is not None:
            await vc.aclose()


def sign_pdf(
    pdf: bytes,
    options: SignOptions,
    signer: Signer,
    *,
    appearance: Appearance | None = None,
    at: datetime | None = None,
) -> bytes:
    """Sign ``pdf`` at ``options.level`` with ``signer`` and return the signed file.

    ``appearance`` draws a visible stamp (certified copy, result, digitization; with its QR);
    without it the signature is invisible. ``at`` is the time printed on the stamp and used for
    the certificate check (default now); the signature's own time comes from the TSA.

    Raises :class:`~signing.errors.SigningError` subclasses only.
    """
    if options.level.rank >= PadesLevel.B_T.rank and not options.tsa_url:
        raise SigningMisconfigured(f"{options.level} needs a TSA URL")
    if not options.trust_anchors:
        raise SigningMisconfigured("no trust anchor configured")
    moment = at or datetime.now(UTC)
    try:
        return asyncio.run(_sign(pdf, options, signer, appearance, moment))
    except SigningError:
        raise
    except (PyhankoSigningError, PdfError, TimestampRequestError, OSError) as e:
        raise _map_pyhanko_error(e) from e
    except Exception as e:  # the package boundary: nothing foreign escapes
        log.exception("unexpected error while signing")
        raise _map_pyhanko_error(e) from e
