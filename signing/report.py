"""The verification report: frozen, JSON-serialisable (``to_dict()``), reasons in Vietnamese
and English. :mod:`signing.verify` fills it in; the API renders it as JSON or as the HTML page
a verifying agency sees."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass
from typing import Any

__all__ = [
    "REASONS",
    "ArchiveCopyCheck",
    "ModificationReport",
    "Reason",
    "RevocationReport",
    "SignatureReport",
    "SignerReport",
    "TimestampReport",
    "VerificationReport",
    "Verdict",
    "reason",
]


class Verdict(enum.StrEnum):
    VALID = "valid"
    INVALID = "invalid"
    INDETERMINATE = "indeterminate"

    @staticmethod
    def worst(verdicts: list[Verdict]) -> Verdict:
        if Verdict.INVALID in verdicts:
            return Verdict.INVALID
        if Verdict.INDETERMINATE in verdicts:
            return Verdict.INDETERMINATE
        return Verdict.VALID


# code → (verdict it implies, Vietnamese, English)
REASONS: dict[str, tuple[Verdict, str, str]] = {
    "tampered": (
        Verdict.INVALID,
        "Nội dung đã bị thay đổi sau khi ký (mã băm không khớp).",
        "The content was changed after signing (digest mismatch).",
    ),
    "bad_signature_value": (
        Verdict.INVALID,
        "Giá trị chữ ký số không đúng với chứng thư của người ký.",
        "The signature value does not match the signer's certificate.",
    ),
    "modified_after_signing": (
        Verdict.INVALID,
        "Tài liệu bị sửa đổi sau khi ký theo cách không được phép "
        "(ví dụ thêm trang, sửa nội dung).",
        "The document was modified after signing in a way that is not allowed "
        "(e.g. a page added, content changed).",
    ),
    "signer_revoked": (
        Verdict.INVALID,
        "Chứng thư số của người ký đã bị thu hồi trước thời điểm ký.",
        "The signer's certificate was revoked before the signing time.",
    ),
    "signer_revoked_later": (
        Verdict.INDETERMINATE,
        "Chứng thư số đã bị thu hồi; không có dấu thời gian chứng minh chữ ký có trước đó.",
        "The certificate has been revoked; no timestamp proves the signature predates it.",
    ),
    "signature_damaged": (
        Verdict.INVALID,
        "Dữ liệu chữ ký số trong tệp bị hỏng hoặc bị sửa.",
        "The signature data in the file is damaged or was altered.",
    ),
    "signature_removed": (
        Verdict.INVALID,
        "Một chữ ký số có trong phiên bản trước của tệp đã bị gỡ bỏ.",
        "A signature present in an earlier revision of the file has been removed.",
    ),
    "no_signature": (
        Verdict.INVALID,
        "Tệp không có chữ ký số nào.",
        "The file carries no digital signature.",
    ),
    "untrusted_signer": (
        Verdict.INDETERMINATE,
        "Chứng thư số không chuỗi được về chứng thư gốc tin cậy (Root CA quốc gia đã cấu hình).",
        "The certificate does not chain to a trusted root (the configured national root).",
    ),
    "chain_invalid": (
        Verdict.INDETERMINATE,
        "Chuỗi chứng thư số không hợp lệ (ví dụ thiếu thông tin thu hồi của CA trung gian, "
        "hoặc vi phạm ràng buộc của CA).",
        "The certificate chain does not validate (e.g. no revocation data for an "
        "intermediate CA, or a CA constraint violated).",
    ),
    "signer_expired": (
        Verdict.INDETERMINATE,
        "Chứng thư số đã hết hạn và không có dấu thời gian chứng minh chữ ký được tạo khi còn hạn.",
        "The certificate has expired and no timestamp proves the signature was made while it "
        "was valid.",
    ),
    "revocation_unknown": (
        Verdict.INDETERMINATE,
        "Không xác định được tình trạng thu hồi của chứng thư (OCSP/CRL không có hoặc không "
        "truy cập được).",
        "The revocation status could not be established (no OCSP/CRL, or not reachable).",
    ),
    "timestamp_invalid": (
        Verdict.INDETERMINATE,
        "Dấu thời gian kèm chữ ký không hợp lệ hoặc không tin cậy.",
        "The signature's timestamp is invalid or not trusted.",
    ),
    "archive_timestamp_invalid": (
        Verdict.INVALID,
        "Dấu thời gian lưu trữ của tài liệu không hợp lệ.",
        "A document (archive) timestamp is not valid.",
    ),
    "not_identical_to_archive": (
        Verdict.INDETERMINATE,
        "Tệp không trùng từng byte với bản lưu trữ; hãy đối chiếu với bản tải từ kho lưu trữ.",
        "The file is not byte-identical to the archived copy; compare with the archived one.",
    ),
    "unsupported_signature": (
        Verdict.INDETERMINATE,
        "Kiểu chữ ký không được hỗ trợ để xác minh.",
        "The signature type is not supported for verification.",
    ),
    "validation_failed": (
        Verdict.INDETERMINATE,
        "Không hoàn tất được việc xác minh chữ ký.",
        "The signature could not be fully validated.",
    ),
}


@dataclass(frozen=True)
class Reason:
    code: str
    message_vi: str
    message_en: str
    detail: str | None = None

    @property
    def verdict(self) -> Verdict:
        return REASONS[self.code][0]


def reason(code: str, detail: str | None = None) -> Reason:
    _, vi, en = REASONS[code]
    return Reason(code=code, message_vi=vi, message_en=en, detail=detail)


@dataclass(frozen=True)
class SignerReport:
    name: str | None
    organisation: str | None
    serial: str
    """Certificate serial number, hex."""
    subject: str
    issuer: str
    certificate_sha256: str


@dataclass(frozen=True)
class TimestampReport:
    tsa: str
    time: str
    """ISO 8601 with +07:00."""
    trusted: bool


@dataclass(frozen=True)
class RevocationReport:
    status: str
    """``good``, ``revoked``, ``unknown`` or ``not_checked``."""
    checked_at: str | None
    """When the evidence was issued (OCSP producedAt / CRL thisUpdate), ISO 8601 +07:00."""
    source: str | None
    """``embedded`` (DSS in the file) or ``online`` (fetched now); ``ocsp``/``crl`` after a
    colon, e.g. ``embedded:ocsp``."""
    revoked_at: str | None = None


@dataclass(frozen=True)
class ModificationReport:
    covers_whole_file: bool
    level: str
    """``none``, ``lta_updates`` (DSS/timestamps), ``form_filling`` (later signatures),
    ``annotations`` or ``other``."""
    allowed: bool | None
    detail: str | None = None


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    kind: str
    """``signature`` or ``document_timestamp``."""
    intact: bool
    signer: SignerReport
    trusted: bool
    trust_anchor: str | None
    signing_time: str | None
    """Time the signer claims (/M), ISO 8601 +07:00; the timestamp is the proof."""
    timestamp: TimestampReport | None
    revocation: RevocationReport
    pades_level: str | None
    """Highest PAdES baseline level reached and verified: B-B, B-T, B-LT, B-LTA."""
    modifications: ModificationReport
    verdict: Verdict
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class ArchiveCopyCheck:
    archived_sha256: str
    sha256: str
    identical: bool


@dataclass(frozen=True)
class VerificationReport:
    verdict: Verdict
    reasons: tuple[Reason, ...]
    """Why the verdict is not ``valid`` (document-level and per signature)."""
    signatures: tuple[SignatureReport, ...]
    """Signatures first, then document timestamps, in file order."""
    sha256: str
    archive_copy: ArchiveCopyCheck | None
    verified_at: str

    def to_dict(self) -> dict[str, Any]:
        return _plain(asdict(self))


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
