"""Keep B-LTA files verifiable: add a fresh document timestamp before the last one lapses.

A B-LTA file proves its past with a chain of document timestamps. The newest one is only as
good as its TSA certificate (and hash algorithm): before it expires, validate it, put its
revocation data into the DSS and cover everything with a new timestamp (ETSI EN 319 142-1,
B-LTA maintenance). ``renewal_due`` is cheap and offline, for a periodic task to pick the files;
``renew_archive_timestamp`` does the work.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from io import BytesIO

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign.general import SigningError as PyhankoSigningError
from pyhanko.sign.signers import PdfTimeStamper
from pyhanko.sign.timestamps import TimestampRequestError
from pyhanko.sign.validation import DocumentSecurityStore
from pyhanko.sign.validation.errors import NoDSSFoundError, SignatureValidationError
from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError, ValidationError

from signing.errors import (
    ArchiveTimestampInvalid,
    NotArchivalSignature,
    SigningError,
    SigningFailed,
    SigningMisconfigured,
    TimestampUnavailable,
)
from signing.normalise import open_reader
from signing.remote import online_validation_context, timestamper
from signing.signers import TrustAnchor

__all__ = [
    "RenewOptions",
    "RenewalCheck",
    "RenewalResult",
    "renew_archive_timestamp",
    "renewal_due",
]

log = logging.getLogger(__name__)

_WEAK_DIGESTS = frozenset({"md5", "sha1"})


@dataclass(frozen=True)
class RenewOptions:
    trust_anchors: tuple[TrustAnchor, ...]
    tsa_url: str
    threshold: timedelta = timedelta(days=180)
    """Renew when the last timestamp's TSA certificate expires within this."""
    network_timeout_s: float = 10.0


@dataclass(frozen=True)
class RenewalCheck:
    due: bool
    reason: str
    """``tsa_certificate_expires`` (within the threshold), ``weak_digest`` or ``not_due``."""
    document_timestamps: int
    last_timestamp_at: datetime
    last_tsa_expires_at: datetime


@dataclass(frozen=True)
class RenewalResult:
    renewed: bool
    pdf: bytes
    """The renewed file, or the input unchanged when nothing was due."""
    check: RenewalCheck
    new_timestamp_at: datetime | None = None


def renewal_due(pdf: bytes, threshold: timedelta, *, at: datetime | None = None) -> RenewalCheck:
    """Whether the file's newest document timestamp needs a successor (no network)."""
    now = at or datetime.now(UTC)
    reader, _ = open_reader(pdf)
    stamps = reader.embedded_timestamp_signatures
    try:
        DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        stamps = []
    if not stamps or not reader.embedded_regular_signatures:
        raise NotArchivalSignature(f"{len(stamps)} document timestamps, no DSS or no signature")
    last = stamps[-1]
    tst_info = last.signed_data["encap_content_info"]["content"].parsed
    digest = tst_info["message_imprint"]["hash_algorithm"]["algorithm"].native
    at_time: datetime = tst_info["gen_time"].native
    expires: datetime = last.signer_cert["tbs_certificate"]["validity"]["not_after"].native
    if digest in _WEAK_DIGESTS:
        reason = "weak_digest"
    elif expires - now <= threshold:
        reason = "tsa_certificate_expires"
    else:
        reason = "not_due"
    return RenewalCheck(reason != "not_due", reason, len(stamps), at_time, expires)


async def _renew(pdf: bytes, options: RenewOptions) -> bytes:
    reader, _ = open_reader(pdf)
    vc = online_validation_context(options.trust_anchors, timeout_s=options.network_timeout_s)
    try:
        stamper = PdfTimeStamper(timestamper(options.tsa_url, options.network_timeout_s))
        out = await stamper.async_update_archival_timestamp_chain(
            reader, vc, in_place=False, output=BytesIO()
        )
        return bytes(out.getvalue())
    finally:
        await vc.aclose()


def renew_archive_timestamp(
    pdf: bytes, options: RenewOptions, *, at: datetime | None = None, force: bool = False
) -> RenewalResult:
    """Add a document timestamp (after validating the last one and storing its revocation
    data in the DSS) when :func:`renewal_due` says so, or always with ``force``."""
    if not options.tsa_url:
        raise SigningMisconfigured("renewal needs a TSA URL")
    check = renewal_due(pdf, options.threshold, at=at)
    if not (check.due or force):
        return RenewalResult(renewed=False, pdf=pdf, check=check)
    try:
        renewed = asyncio.run(_renew(pdf, options))
    except SigningError:
        raise
    except TimestampRequestError as e:
        raise TimestampUnavailable(str(e)) from e
    except (
        SignatureValidationError,
        PathBuildingError,
        PathValidationError,
        ValidationError,
    ) as e:
        raise ArchiveTimestampInvalid(f"{type(e).__name__}: {e}") from e
    except PyhankoSigningError as e:
        cause = e.__cause__
        if isinstance(cause, TimestampRequestError):
            raise TimestampUnavailable(str(cause)) from e
        raise ArchiveTimestampInvalid(f"{type(e).__name__}: {e}") from e
    except (PdfError, OSError) as e:
        raise SigningFailed(f"{type(e).__name__}: {e}") from e
    except Exception as e:  # the package boundary: nothing foreign escapes
        log.exception("unexpected error while renewing")
        raise SigningFailed(f"{type(e).__name__}: {e}") from e
    after = renewal_due(renewed, options.threshold, at=at)
    return RenewalResult(
        renewed=True, pdf=renewed, check=check, new_timestamp_at=after.last_timestamp_at
    )
