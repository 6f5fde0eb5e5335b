"""Errors of signing and verification: what went wrong and what to do about it.

Every class carries ``code`` (stable), ``status`` (HTTP), ``message_vi`` and ``message_en``;
``str(exc)`` is the detail. 4xx is what the caller can fix (the file, the chosen key), 5xx is
the operator's (configuration, a TSA or OCSP responder that does not answer).
"""

from __future__ import annotations


class SigningError(Exception):
    """Root of the signing package's errors."""

    code = "signing_error"
    status = 422
    message_vi = "Không ký hoặc xác minh được tài liệu."
    message_en = "The document could not be signed or verified."


# --- the input file -----------------------------------------------------------------------


class NotAPdf(SigningError):
    code = "not_a_pdf"
    status = 415
    message_vi = "Tệp không phải PDF. Chỉ ký và xác minh được tệp PDF."
    message_en = "The file is not a PDF. Only PDF files can be signed or verified."


class PdfEncrypted(SigningError):
    code = "encrypted_pdf"
    status = 422
    message_vi = "PDF được đặt mật khẩu/mã hóa. Hãy gỡ mật khẩu rồi gửi lại."
    message_en = "The PDF is password-protected/encrypted. Remove the password and send it again."


class PdfDamaged(SigningError):
    code = "damaged_pdf"
    status = 422
    message_vi = "Tệp PDF bị hỏng hoặc không đầy đủ. Hãy xuất lại PDF từ phần mềm gốc."
    message_en = "The PDF is damaged or incomplete. Export it again from the original program."


# --- the signer's certificate (checked before signing) -------------------------------------


class SignerRefused(SigningError):
    """The signer's certificate may not be used to sign; pick another key."""

    code = "signer_refused"
    status = 422
    message_vi = "Chứng thư số của người ký không được phép dùng để ký."
    message_en = "The signer's certificate may not be used for signing."


class SignerCertificateExpired(SignerRefused):
    code = "signer_certificate_expired"
    message_vi = "Chứng thư số của người ký đã hết hạn. Hãy gia hạn hoặc dùng chứng thư khác."
    message_en = "The signer's certificate has expired. Renew it or use another certificate."


class SignerCertificateNotYetValid(SignerRefused):
    code = "signer_certificate_not_yet_valid"
    message_vi = "Chứng thư số của người ký chưa đến ngày có hiệu lực. Kiểm tra đồng hồ hệ thống."
    message_en = "The signer's certificate is not valid yet. Check the system clock."


class SignerKeyUsageMissing(SignerRefused):
    code = "signer_key_usage_missing"
    message_vi = (
        "Chứng thư số không có mục đích sử dụng ký số (digitalSignature/nonRepudiation). "
        "Hãy dùng chứng thư ký số do CA cấp cho việc ký."
    )
    message_en = (
        "The certificate lacks the signing key usage (digitalSignature/nonRepudiation). "
        "Use a certificate issued for signing."
    )


class SignerKeyTooWeak(SignerRefused):
    code = "signer_key_too_weak"
    message_vi = "Khóa của người ký quá yếu (cần RSA ≥ 2048 bit hoặc ECDSA ≥ 256 bit)."
    message_en = "The signer's key is too weak (RSA ≥ 2048 bits or ECDSA ≥ 256 bits required)."


class SignerNotTrusted(SignerRefused):
    code = "signer_not_trusted"
    message_vi = (
        "Chứng thư số của người ký không chuỗi được về chứng thư gốc tin cậy đã cấu hình "
        "(ví dụ Root CA quốc gia). Hãy dùng chứng thư do CA được công nhận cấp."
    )
    message_en = (
        "The signer's certificate does not chain to a configured trust anchor "
        "(e.g. the national root). Use a certificate from a recognised CA."
    )


class SignerRevoked(SignerRefused):
    code = "signer_revoked"
    message_vi = "Chứng thư số của người ký đã bị thu hồi. Hãy liên hệ CA để cấp chứng thư mới."
    message_en = "The signer's certificate has been revoked. Ask the CA for a new certificate."


# --- keys, tokens and remote services (the operator's side) --------------------------------


class SigningKeyUnavailable(SigningError):
    code = "signing_key_unavailable"
    status = 503
    message_vi = (
        "Không mở được khóa ký (tệp PKCS#12, USB token hoặc HSM): sai mật khẩu/PIN, "
        "thiếu token hoặc sai nhãn khóa. Quản trị viên cần kiểm tra cấu hình khóa."
    )
    message_en = (
        "The signing key (PKCS#12 file, USB token or HSM) could not be opened: wrong "
        "passphrase/PIN, missing token or wrong key label. The operator must check it."
    )


class TimestampUnavailable(SigningError):
    code = "tsa_unavailable"
    status = 503
    message_vi = "Máy chủ cấp dấu thời gian (TSA) không phản hồi đúng. Hãy thử lại sau."
    message_en = "The timestamp authority (TSA) did not answer properly. Try again later."


class RevocationInfoUnavailable(SigningError):
    code = "revocation_info_unavailable"
    status = 503
    message_vi = "Không lấy được thông tin thu hồi (OCSP/CRL) cho chứng thư. Hãy thử lại sau."
    message_en = (
        "Revocation information (OCSP/CRL) for the certificates could not be obtained. "
        "Try again later."
    )


class SigningMisconfigured(SigningError):
    code = "signing_misconfigured"
    status = 500
    message_vi = "Cấu hình ký số chưa đúng (TSA, chứng thư gốc tin cậy, phông chữ). Báo quản trị."
    message_en = "Signing is misconfigured (TSA, trust anchors, font). Tell the operator."


class StampDoesNotFit(SigningError):
    code = "stamp_does_not_fit"
    status = 422
    message_vi = "Trang 1 quá nhỏ để đặt dấu/ô chữ ký. Hãy dùng trang khổ A4 hoặc lớn hơn."
    message_en = "Page 1 is too small for the stamp. Use an A4 or larger page."


class SigningFailed(SigningError):
    code = "signing_failed"
    status = 500
    message_vi = "Ký số thất bại do lỗi không lường trước. Báo quản trị, kèm mã lỗi."
    message_en = "Signing failed for an unexpected reason. Tell the operator, with the code."


# --- archive timestamps ----------------------------------------------------------------------


class NotArchivalSignature(SigningError):
    code = "not_b_lta"
    status = 422
    message_vi = (
        "Tệp chưa ở mức PAdES B-LTA (không có dấu thời gian lưu trữ), nên không gia hạn được. "
        "Hãy ký lại ở mức B-LTA."
    )
    message_en = (
        "The file is not PAdES B-LTA (no archive timestamp), so it cannot be renewed. "
        "Sign it again at B-LTA."
    )


class ArchiveTimestampInvalid(SigningError):
    code = "archive_timestamp_invalid"
    status = 422
    message_vi = (
        "Dấu thời gian lưu trữ cuối cùng của tệp không còn hợp lệ, không gia hạn tiếp được. "
        "Cần xác minh lại tài liệu gốc."
    )
    message_en = (
        "The file's last archive timestamp no longer validates, so the chain cannot be "
        "extended. The original needs to be re-examined."
    )


class DevPkiError(SigningError):
    code = "dev_pki_error"
    status = 500
    message_vi = "PKI phát triển (CA, TSA, OCSP) không tạo hoặc không chạy được."
    message_en = "The development PKI (CA, TSA, OCSP) could not be created or served."
