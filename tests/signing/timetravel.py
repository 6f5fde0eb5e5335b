"""Signing "in the past": the dev PKI's TSA and OCSP answer as of another time when asked with
certomancer's fake-time header (the test server honours it), and pyHanko validates as of
that time. This makes an old archive file without waiting years."""

from __future__ import annotations

import asyncio
from datetime import datetime
from io import BytesIO

import aiohttp
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.signers import Signer
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend, LazySession

from signing import TrustAnchor

FAKE_TIME_HEADER = "X-Certomancer-Fake-Time"


class _PastSession(LazySession):
    """aiohttp session whose every request carries the fake-time header."""

    def __init__(self, at: datetime) -> None:
        super().__init__()
        self._at = at

    def get_session(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                headers={FAKE_TIME_HEADER: self._at.isoformat()},
                timeout=aiohttp.ClientTimeout(total=10),
            )
        return self._session


def sign_in_the_past(
    pdf: bytes,
    signer: Signer,
    *,
    at: datetime,
    tsa_url: str,
    anchors: tuple[TrustAnchor, ...],
    lta: bool,
) -> bytes:
    """A B-LT (or B-LTA) signature made at ``at`` with plain pyHanko."""

    async def go() -> bytes:
        # a LazySession subclass is what pyHanko's own fetchers take; the stub says otherwise
        backend = AIOHttpFetcherBackend(_PastSession(at), per_request_timeout=10)  # type: ignore[arg-type]
        vc = ValidationContext(
            trust_roots=[a.certificate for a in anchors],
            allow_fetching=True,
            revocation_mode="hard-fail",
            moment=at,
            fetcher_backend=backend,
        )
        meta = signers.PdfSignatureMetadata(
            field_name="Archived",
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            embed_validation_info=True,
            use_pades_lta=lta,
            validation_context=vc,
        )
        tsa = HTTPTimeStamper(tsa_url, headers={FAKE_TIME_HEADER: at.isoformat()}, timeout=10)
        try:
            out = await signers.PdfSigner(meta, signer, timestamper=tsa).async_sign_pdf(
                IncrementalPdfFileWriter(BytesIO(pdf)), output=BytesIO()
            )
        finally:
            await backend.close()
        return bytes(out.getvalue())

    return asyncio.run(go())
