"""PAdES signing and verification for sohoa (a plain library: no framework, no settings).

What the edges call (all synchronous: run them in a worker or thread, not inside a running
event loop; every error is a :class:`SigningError` with ``code``, ``status``, ``message_vi``,
``message_en``)::

    anchors = load_trust_anchors([Path("neac-2025.pem"), Path("neac-2014.pem")])

    # keys
    signer = load_pkcs12_signer(path, passphrase)                     # dev / small offices
    with open_pkcs11_signer(Pkcs11Config(module, token_label, key_label, pin)) as signer:
        ...                                                           # USB token / HSM

    # sign (B-B, B-T, B-LT, B-LTA) with an optional visible stamp and QR
    options = SignOptions(level=PadesLevel.B_LTA, trust_anchors=anchors, tsa_url=tsa_url)
    signed = sign_pdf(pdf, options, signer,
                      appearance=CertifiedCopyStamp(CopyType.SAO_Y, agency, qr=QrContent(...)))

    # verify (JSON: report.to_dict(); verdict valid | invalid | indeterminate)
    report = verify_pdf(pdf, VerifyOptions(trust_anchors=anchors),
                        archived_sha256="sha256:<hex>")

    # long-term archive: renew the archive timestamp when due
    check = renewal_due(pdf, threshold)                               # offline, cheap
    result = renew_archive_timestamp(pdf, RenewOptions(anchors, tsa_url, threshold))

    # development PKI (CA, TSA, OCSP, CRL): python -m signing.devpki generate|serve|root
    from signing import devpki
    pki = devpki.generate(state_dir / "pki", base_url="http://127.0.0.1:19080")
"""

from signing.errors import (
    ArchiveTimestampInvalid,
    DevPkiError,
    NotAPdf,
    NotArchivalSignature,
    PdfDamaged,
    PdfEncrypted,
    RevocationInfoUnavailable,
    SignerCertificateExpired,
    SignerCertificateNotYetValid,
    SignerKeyTooWeak,
    SignerKeyUsageMissing,
    SignerNotTrusted,
    SignerRefused,
    SignerRevoked,
    SigningError,
    SigningFailed,
    SigningKeyUnavailable,
    SigningMisconfigured,
    StampDoesNotFit,
    TimestampUnavailable,
)
from signing.renew import (
    RenewalCheck,
    RenewalResult,
    RenewOptions,
    renew_archive_timestamp,
    renewal_due,
)
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
)
from signing.sign import PadesLevel, SignOptions, sign_pdf
from signing.signers import (
    Pkcs11Config,
    SignerCheck,
    TrustAnchor,
    check_signer_certificate,
    load_pkcs12_signer,
    load_trust_anchors,
    open_pkcs11_signer,
)
from signing.stamp import (
    VN_TZ,
    Appearance,
    CertifiedCopyStamp,
    CopyType,
    DigitizationStamp,
    QrContent,
    ResultStamp,
    StampOptions,
    vn_isoformat,
    warm_fonts,
)
from signing.verify import VerifyOptions, verify_pdf

__all__ = [
    "VN_TZ",
    "Appearance",
    "ArchiveCopyCheck",
    "ArchiveTimestampInvalid",
    "CertifiedCopyStamp",
    "CopyType",
    "DevPkiError",
    "DigitizationStamp",
    "ModificationReport",
    "NotAPdf",
    "NotArchivalSignature",
    "PadesLevel",
    "PdfDamaged",
    "PdfEncrypted",
    "Pkcs11Config",
    "QrContent",
    "Reason",
    "RenewOptions",
    "RenewalCheck",
    "RenewalResult",
    "ResultStamp",
    "RevocationInfoUnavailable",
    "RevocationReport",
    "SignOptions",
    "SignatureReport",
    "SignerCertificateExpired",
    "SignerCertificateNotYetValid",
    "SignerCheck",
    "SignerKeyTooWeak",
    "SignerKeyUsageMissing",
    "SignerNotTrusted",
    "SignerRefused",
    "SignerReport",
    "SignerRevoked",
    "SigningError",
    "SigningFailed",
    "SigningKeyUnavailable",
    "SigningMisconfigured",
    "StampDoesNotFit",
    "StampOptions",
    "warm_fonts",
    "TimestampReport",
    "TimestampUnavailable",
    "TrustAnchor",
    "Verdict",
    "VerificationReport",
    "VerifyOptions",
    "check_signer_certificate",
    "load_pkcs12_signer",
    "load_trust_anchors",
    "open_pkcs11_signer",
    "renew_archive_timestamp",
    "renewal_due",
    "sign_pdf",
    "verify_pdf",
    "vn_isoformat",
]
