"""The real dev PKI for the signing tests: generated into a temporary directory once per
session and served by ``python -m signing.devpki serve`` in a child process on a free loopback
port (TSA, OCSP and CRL over real HTTP). Time travel uses certomancer's fake-time header, which
this test server (only) honours."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from pyhanko.sign.signers import Signer

from signing import (
    CertifiedCopyStamp,
    DigitizationStamp,
    PadesLevel,
    SignOptions,
    TrustAnchor,
    VerifyOptions,
    load_pkcs12_signer,
    load_trust_anchors,
    sign_pdf,
)
from signing.devpki import DevPki, served
from tests.signing.pdfs import result_pdf

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevPki]:
    with served(tmp_path_factory.mktemp("pki"), allow_time_override=True) as dev:
        yield dev


@pytest.fixture(scope="session")
def anchors(pki: DevPki) -> tuple[TrustAnchor, ...]:
    return load_trust_anchors([pki.root_certificate])


def dev_signer(pki: DevPki, label: str) -> Signer:
    s = pki.signers[label]
    return load_pkcs12_signer(s.pkcs12, s.passphrase)


@pytest.fixture(scope="session")
def agency(pki: DevPki) -> Signer:
    return dev_signer(pki, "agency")


@pytest.fixture(scope="session")
def clerk(pki: DevPki) -> Signer:
    return dev_signer(pki, "clerk")


def options(pki: DevPki, anchors: tuple[TrustAnchor, ...], level: PadesLevel) -> SignOptions:
    return SignOptions(level=level, trust_anchors=anchors, tsa_url=pki.tsa_url)


@pytest.fixture(scope="session")
def verify_options(anchors: tuple[TrustAnchor, ...]) -> VerifyOptions:
    return VerifyOptions(trust_anchors=anchors)


@pytest.fixture(scope="session")
def signed(
    pki: DevPki, anchors: tuple[TrustAnchor, ...], agency: Signer
) -> dict[PadesLevel, bytes]:
    """The same result PDF signed by the agency once at every level (shared: signing is the
    slow part)."""
    src = result_pdf()
    return {level: sign_pdf(src, options(pki, anchors, level), agency) for level in PadesLevel}


def clerk_then_agency(
    pdf: bytes,
    pki: DevPki,
    anchors: tuple[TrustAnchor, ...],
    clerk: Signer,
    agency: Signer,
    levels: tuple[PadesLevel, PadesLevel],
    clerk_name: str,
    copy_stamp: CertifiedCopyStamp,
    at: datetime,
) -> bytes:
    """A certified electronic copy as the counter makes it: the clerk signs the digitized
    scan (top left), then the agency certifies the copy (top right)."""
    scan = sign_pdf(
        pdf,
        options(pki, anchors, levels[0]),
        clerk,
        appearance=DigitizationStamp(clerk_name),
        at=at,
    )
    return sign_pdf(scan, options(pki, anchors, levels[1]), agency, appearance=copy_stamp, at=at)
