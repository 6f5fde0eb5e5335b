"""Where keys come from (a PKCS#12 file or a PKCS#11 token) and the check of the signer's
certificate that runs before anything is signed (Circular 15/2025/TT-BKHCN).

The signers are pyHanko's own (:class:`PKCS11Signer`; :class:`SimpleSigner` with one fix, see
:class:`KeyFileSigner`); this module opens them with typed errors and checks the certificate.

A PKCS#11 module reads its own environment when it is loaded (SoftHSM2: ``SOFTHSM2_CONF``),
so a process that signs through a token must be started with that environment; this module
never writes ``os.environ``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import pem, x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko.sign.signers import Signer, SimpleSigner
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import (
    ExpiredError,
    NotYetValidError,
    PathBuildingError,
    PathValidationError,
    RevokedError,
    ValidationError,
)

from signing.errors import (
    SignerCertificateExpired,
    SignerCertificateNotYetValid,
    SignerKeyTooWeak,
    SignerKeyUsageMissing,
    SignerNotTrusted,
    SignerRevoked,
    SigningKeyUnavailable,
    SigningMisconfigured,
)

__all__ = [
    "Pkcs11Config",
    "SignerCheck",
    "TrustAnchor",
    "async_check_signer_certificate",
    "check_signer_certificate",
    "load_certificates",
    "load_pkcs12_signer",
    "load_trust_anchors",
    "open_pkcs11_signer",
]

SIGNING_KEY_USAGES = frozenset({"digital_signature", "non_repudiation"})
MIN_RSA_BITS = 2048
MIN_EC_BITS = 256


@dataclass(frozen=True)
class TrustAnchor:
    """A root certificate the deployment trusts (configuration, never code: the national root
    was re-keyed in 2025 and old and new roots are trusted side by side)."""

    name: str
    """Short label shown in reports, e.g. ``"NEAC 2025"`` or the file name."""
    certificate: x509.Certificate

    @property
    def sha256(self) -> str:
        return str(self.certificate.sha256.hex())

    @property
    def subject(self) -> str:
        return str(self.certificate.subject.human_friendly)


def load_certificates(data: bytes) -> list[x509.Certificate]:
    """All certificates in a PEM bundle or one DER certificate."""
    try:
        if pem.detect(data):
            return [x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]
        return [x509.Certificate.load(data)]
    except (ValueError, TypeError) as e:
        raise SigningMisconfigured(f"not a certificate (PEM or DER): {e}") from e


def _read_certificates(paths: Iterable[Path]) -> list[x509.Certificate]:
    certs: list[x509.Certificate] = []
    for path in paths:
        try:
            certs.extend(load_certificates(Path(path).read_bytes()))
        except OSError as e:
            raise SigningMisconfigured(f"cannot read certificate file {path}: {e}") from e
    return certs


def load_trust_anchors(paths: Iterable[Path]) -> tuple[TrustAnchor, ...]:
    """Trust anchors from PEM/DER files (a file may hold several); named after the file."""
    anchors: list[TrustAnchor] = []
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError as e:
            raise SigningMisconfigured(f"cannot read trust anchor {path}: {e}") from e
        certs = load_certificates(data)
        base = Path(path).name.split(".")[0]  # neac-2025.cert.pem → neac-2025
        for i, cert in enumerate(certs):
            name = base if len(certs) == 1 else f"{base}#{i + 1}"
            anchors.append(TrustAnchor(name=name, certificate=cert))
    if not anchors:
        raise SigningMisconfigured("no trust anchor configured")
    return tuple(anchors)


# --- opening keys -----------------------------------------------------------------------


class KeyFileSigner(SimpleSigner):
    """pyHanko's :class:`SimpleSigner`, with the key parsed once instead of per signature.

    ``SimpleSigner.async_sign_raw`` re-parses (and so re-validates) the private key on every
    call, and it makes a real signature even for the size estimate pyHanko asks for first
    (``dry_run``): two key loads and two RSA operations per PDF, ~100 ms for RSA-2048. The
    ``dry_run`` contract is placeholder bytes of the right size, which is what this returns.
    """

    _private_key: object | None = None

    def _loaded_key(self) -> object:
        if self._private_key is None:
            self._private_key = serialization.load_der_private_key(
                self.signing_key.dump(), password=None
            )
        return self._private_key

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        key = self._loaded_key()
        if dry_run:
            if isinstance(key, RSAPrivateKey):
                return bytes((key.key_size + 7) // 8)
            if isinstance(key, EllipticCurvePrivateKey):
                # DER ECDSA-Sig-Value at its longest: two integers with a sign byte each.
                n = (key.curve.key_size + 7) // 8
                return bytes(2 * (n + 3) + 3)
        try:
            algo = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        except ValueError:
            algo = None
        hash_algo = get_pyca_cryptography_hash(digest_algorithm)
        if isinstance(key, RSAPrivateKey) and algo == "rsassa_pkcs1v15":
            return key.sign(data, PKCS1v15(), hash_algo)
        if isinstance(key, EllipticCurvePrivateKey) and algo == "ecdsa":
            return key.sign(data, ECDSA(hash_algo))
        # Anything rarer (PSS, EdDSA, ...): pyHanko's own path, key parsing and all.
        return await super().async_sign_raw(data, digest_algorithm)


def load_pkcs12_signer(
    path: Path, passphrase: str | bytes | None, *, extra_certificates: Sequence[Path] = ()
) -> Signer:
    """A signer from a PKCS#12 file (key, certificate and the chain it carries)."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise SigningKeyUnavailable(f"cannot read PKCS#12 file {path}: {e}") from e
    if isinstance(passphrase, str):
        passphrase = passphrase.encode("utf-8")
    extra = _read_certificates(extra_certificates)
    try:
        loaded = SimpleSigner.load_pkcs12_data(data, other_certs=extra, passphrase=passphrase)
    except ValueError as e:
        raise SigningKeyUnavailable(
            f"cannot open PKCS#12 file {path} (wrong passphrase or damaged file)"
        ) from e
    return KeyFileSigner(
        signing_cert=loaded.signing_cert,
        signing_key=loaded.signing_key,
        cert_registry=loaded.cert_registry,
        signature_mechanism=loaded.signature_mechanism,
    )


@dataclass(frozen=True)
class Pkcs11Config:
    """How to reach a key on a USB token or an HSM through PKCS#11."""

    module: Path
    """The PKCS#11 library, e.g. ``/usr/lib/softhsm/libsofthsm2.so``."""
    token_label: str
    key_label: str
    """Label of the private key; the certificate is looked up under :attr:`cert_label`."""
    pin: str = field(repr=False)
    cert_label: str | None = None
    """Defaults to :attr:`key_label`."""
    extra_certificates: tuple[Path, ...] = ()
    """Chain certificates not stored on the token (PEM/DER files)."""
    raw_mechanism: bool | None = None
    """Hash on the host and let the token sign the digest (``CKM_ECDSA``). ``None``: do so for
    EC keys, since many tokens (SoftHSM2 among them) lack ``CKM_ECDSA_SHA256``."""


@contextmanager
def open_pkcs11_signer(config: Pkcs11Config) -> Iterator[Signer]:
    """Open a session on the token, yield a signer, close the session afterwards."""
    from pkcs11 import PKCS11Error
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.general import SigningError as PyhankoSigningError
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    extra = _read_certificates(config.extra_certificates)
    try:
        session = open_pkcs11_session(
            str(config.module),
            token_criteria=TokenCriteria(label=config.token_label),
            user_pin=config.pin,
        )
    except (PKCS11Error, PyhankoSigningError, OSError, RuntimeError) as e:
        raise SigningKeyUnavailable(
            f"PKCS#11 token {config.token_label!r} via {config.module}: {type(e).__name__} {e}"
        ) from e
    try:
        signer = PKCS11Signer(
            session,
            cert_label=config.cert_label or config.key_label,
            key_label=config.key_label,
            ca_chain=extra,
            other_certs_to_pull=None,  # the chain may live on the token too
        )
        try:
            cert = signer.signing_cert  # load now, so a wrong label fails here, not mid-sign
        except (PKCS11Error, PyhankoSigningError) as e:
            raise SigningKeyUnavailable(
                f"key/certificate {config.key_label!r} not found on token "
                f"{config.token_label!r}: {e}"
            ) from e
        raw = config.raw_mechanism
        signer.use_raw_mechanism = cert.public_key.algorithm == "ec" if raw is None else raw
        yield signer
    finally:
        with suppress(PKCS11Error):
            session.close()


# --- the check before signing -------------------------------------------------------------


@dataclass(frozen=True)
class SignerCheck:
    """What the pre-signing check established about the signer's certificate."""

    subject: str
    serial: int
    not_after: datetime
    trust_anchor: str
    """Name of the configured anchor the certificate chains to."""
    revocation_checked: bool


def _key_bits(cert: x509.Certificate) -> tuple[str, int]:
    public_key = cert.public_key
    return str(public_key.algorithm), int(public_key.bit_size)


def check_signer_certificate(
    cert: x509.Certificate,
    *,
    trust_anchors: Sequence[TrustAnchor],
    other_certs: Iterable[x509.Certificate] = (),
    at: datetime | None = None,
    validation_context: ValidationContext | None = None,
) -> SignerCheck:
    """Synchronous :func:`async_check_signer_certificate` (not inside a running event loop)."""
    return asyncio.run(
        async_check_signer_certificate(
            cert,
            trust_anchors=trust_anchors,
            other_certs=other_certs,
            at=at,
            validation_context=validation_context,
        )
    )


async def async_check_signer_certificate(
    cert: x509.Certificate,
    *,
    trust_anchors: Sequence[TrustAnchor],
    other_certs: Iterable[x509.Certificate] = (),
    at: datetime | None = None,
    validation_context: ValidationContext | None = None,
) -> SignerCheck:
    """Refuse a certificate that is expired or not yet valid, lacks the signing key usage, has
    a weak key or does not chain to one of ``trust_anchors``.

    Revocation is checked only when ``validation_context`` is given (it then also supplies
    the time, the fetchers and ``revocation_mode``); without it the check is offline.
    """
    if not trust_anchors:
        raise SigningMisconfigured("no trust anchor configured")
    now = at or datetime.now(UTC)
    subject = str(cert.subject.human_friendly)
    validity = cert["tbs_certificate"]["validity"]
    if now > validity["not_after"].native:
        raise SignerCertificateExpired(f"{subject}: expired {validity['not_after'].native}")
    if now < validity["not_before"].native:
        raise SignerCertificateNotYetValid(f"{subject}: valid from {validity['not_before'].native}")
    usages = set(cert.key_usage_value.native) if cert.key_usage_value is not None else set()
    if not usages & SIGNING_KEY_USAGES:
        raise SignerKeyUsageMissing(f"{subject}: key usage {sorted(usages) or 'absent'}")
    algorithm, bits = _key_bits(cert)
    if (algorithm == "rsa" and bits < MIN_RSA_BITS) or (algorithm == "ec" and bits < MIN_EC_BITS):
        raise SignerKeyTooWeak(f"{subject}: {algorithm} {bits} bits")

    vc = validation_context or ValidationContext(
        trust_roots=[a.certificate for a in trust_anchors],
        other_certs=list(other_certs),
        allow_fetching=False,
        revocation_mode="soft-fail",
        moment=now,
    )
    validator = CertificateValidator(
        cert, intermediate_certs=list(other_certs), validation_context=vc
    )
    try:
        path = await validator.async_validate_usage(set(), extended_optional=True)
    except RevokedError as e:
        raise SignerRevoked(f"{subject}: {e}") from e
    except ExpiredError as e:
        raise SignerCertificateExpired(f"{subject}: {e}") from e
    except NotYetValidError as e:
        raise SignerCertificateNotYetValid(f"{subject}: {e}") from e
    except PathBuildingError as e:
        raise SignerNotTrusted(f"{subject}: {e}") from e
    except (PathValidationError, ValidationError) as e:
        raise SignerNotTrusted(f"{subject}: {e}") from e
    root = path.trust_anchor
    anchor = next(
        (a.name for a in trust_anchors if a.certificate.sha256 == _anchor_sha256(root)),
        str(root),
    )
    return SignerCheck(
        subject=subject,
        serial=int(cert.serial_number),
        not_after=validity["not_after"].native,
        trust_anchor=anchor,
        revocation_checked=validation_context is not None,
    )


def _anchor_sha256(anchor: object) -> bytes | None:
    """The SHA-256 of a certvalidator trust anchor when it is a certificate."""
    cert = getattr(anchor, "certificate", None)
    return None if cert is None else bytes(cert.sha256)
