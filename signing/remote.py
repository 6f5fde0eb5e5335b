"""The one place that reaches the network: the RFC 3161 TSA and the OCSP/CRL fetchers.

Every request has a timeout. pyHanko's clients open an aiohttp session per top-level
operation, so nothing here outlives the event loop of a call.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache

from asn1crypto import x509
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.fetchers import OwnedFetcherBackend
from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend

from signing.signers import TrustAnchor

__all__ = ["fetcher_backend", "online_validation_context", "timestamper"]


@lru_cache(maxsize=8)
def timestamper(url: str, timeout_s: float) -> HTTPTimeStamper:
    """The TSA client for ``url``; one per URL because pyHanko caches the TSA's dummy answer
    (used to size the signature container) on it, saving a round trip per signature."""
    return HTTPTimeStamper(url, timeout=timeout_s)


def fetcher_backend(timeout_s: float) -> AIOHttpFetcherBackend:
    """OCSP/CRL/certificate fetchers; the caller closes it (``await backend.close()``)."""
    return AIOHttpFetcherBackend(per_request_timeout=timeout_s)


def online_validation_context(
    trust_anchors: Iterable[TrustAnchor],
    *,
    timeout_s: float,
    other_certs: Iterable[x509.Certificate] = (),
    moment: datetime | None = None,
) -> ValidationContext:
    """A context that fetches OCSP/CRL (hard-fail); close it with ``await vc.aclose()``."""
    return ValidationContext(
        trust_roots=[a.certificate for a in trust_anchors],
        other_certs=list(other_certs),
        allow_fetching=True,
        revocation_mode="hard-fail",
        moment=moment,
        fetcher_backend=OwnedFetcherBackend(fetcher_backend(timeout_s)),
    )
