"""Signing set-up at the edge: the signer, trust anchors and TSA from settings, or from the
development PKI that ``sohoa services up`` serves when nothing else is configured."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from signing import (
    PadesLevel,
    Pkcs11Config,
    SignOptions,
    TrustAnchor,
    VerifyOptions,
    load_pkcs12_signer,
    load_trust_anchors,
    open_pkcs11_signer,
)
from signing.devpki import load as load_devpki

from .settings import Settings


class SigningNotConfigured(Exception):
    code = "signing_not_configured"
    status = 503
    message_vi = (
        "Chưa cấu hình khóa ký số: đặt SOHOA_SIGNER_PKCS12 hoặc SOHOA_PKCS11_* và "
        "SOHOA_TRUST_ANCHORS, SOHOA_TSA_URL (hoặc chạy `sohoa services up` cho môi trường thử)."
    )
    message_en = (
        "No signing key configured: set SOHOA_SIGNER_PKCS12 or SOHOA_PKCS11_*, and "
        "SOHOA_TRUST_ANCHORS, SOHOA_TSA_URL (or run `sohoa services up` for a dev PKI)."
    )


@dataclass(frozen=True)
class SigningSetup:
    trust_anchors: tuple[TrustAnchor, ...]
    tsa_url: str | None
    pkcs12: Path | None
    passphrase: str
    pkcs11: Pkcs11Config | None
    root_pem: Path | None
    """The development trust anchor, when the dev PKI is in use."""


def _dev_dir(settings: Settings) -> Path:
    return settings.state_dir / "pki"


def signing_setup(settings: Settings) -> SigningSetup:
    dev = load_devpki(_dev_dir(settings)) if (_dev_dir(settings) / "certs").is_dir() else None
    anchors = [Path(p.strip()) for p in settings.trust_anchors.split(",") if p.strip()]
    if not anchors and dev is not None:
        anchors = [dev.root_certificate]
    if not anchors:
        raise SigningNotConfigured("no trust anchors")
    pkcs11 = None
    if settings.pkcs11_module:
        pkcs11 = Pkcs11Config(
            module=settings.pkcs11_module,
            token_label=settings.pkcs11_token,
            key_label=settings.pkcs11_key,
            pin=settings.pkcs11_pin.get_secret_value(),
        )
    pkcs12, passphrase = settings.signer_pkcs12, settings.signer_passphrase.get_secret_value()
    if pkcs12 is None and pkcs11 is None and dev is not None:
        pkcs12, passphrase = dev.signers["agency"].pkcs12, dev.signers["agency"].passphrase
    return SigningSetup(
        trust_anchors=load_trust_anchors(anchors),
        tsa_url=settings.tsa_url or (dev.tsa_url if dev else None),
        pkcs12=pkcs12,
        passphrase=passphrase,
        pkcs11=pkcs11,
        root_pem=dev.root_certificate if dev else None,
    )


@contextmanager
def open_signer(setup: SigningSetup, use_pkcs11: bool = False) -> Iterator[Any]:
    """The agency's signer: the HSM/token through PKCS#11, or a PKCS#12 file."""
    if use_pkcs11 or (setup.pkcs11 is not None and setup.pkcs12 is None):
        if setup.pkcs11 is None:
            raise SigningNotConfigured("--pkcs11 without SOHOA_PKCS11_MODULE")
        with open_pkcs11_signer(setup.pkcs11) as signer:
            yield signer
        return
    if setup.pkcs12 is None:
        raise SigningNotConfigured("no PKCS#12 signer")
    try:
        stat = setup.pkcs12.stat()
    except OSError:
        yield load_pkcs12_signer(setup.pkcs12, setup.passphrase)  # raises the clear error
        return
    yield _pkcs12_signer(str(setup.pkcs12), (stat.st_mtime_ns, stat.st_size), setup.passphrase)


@lru_cache(maxsize=4)
def _pkcs12_signer(path: str, version: tuple[int, int], passphrase: str) -> Any:
    """One signer per key file and version, per process: opening a PKCS#12 (key derivation,
    decryption) costs ~80 ms, as much as a B-B signature. A replaced file is read again."""
    return load_pkcs12_signer(Path(path), passphrase)


def sign_options(setup: SigningSetup, level: str, reason: str | None = None) -> SignOptions:
    return SignOptions(
        level=PadesLevel(level),
        trust_anchors=setup.trust_anchors,
        tsa_url=setup.tsa_url,
        reason=reason,
        location="Việt Nam",
    )


def verify_options(setup: SigningSetup) -> VerifyOptions:
    return VerifyOptions(trust_anchors=setup.trust_anchors)
