"""Errors of intake: what is wrong with an uploaded file and what the clerk should do."""

from __future__ import annotations


class IngestError(Exception):
    """Root of intake's errors."""

    code = "ingest_error"
    status = 422
    message_vi = "Không tiếp nhận được tệp."
    message_en = "The file could not be accepted."


class EmptyFile(IngestError):
    code = "empty_file"
    status = 422
    message_vi = "Tệp rỗng (0 byte). Hãy quét lại hoặc chọn đúng tệp."
    message_en = "The file is empty (0 bytes). Scan again or pick the right file."


class UnsupportedFileType(IngestError):
    code = "unsupported_file_type"
    status = 415
    message_vi = (
        "Loại tệp không được hỗ trợ (nhận dạng theo nội dung, không theo tên tệp). "
        "Hãy tải lên PDF, JPEG, PNG, TIFF, HEIC (ảnh iPhone), WebP hoặc AVIF."
    )
    message_en = (
        "Unsupported file type (judged by content, not by name). "
        "Upload a PDF, JPEG, PNG, TIFF, HEIC (an iPhone's photo), WebP or AVIF."
    )


class FileTooLarge(IngestError):
    code = "file_too_large"
    status = 413
    message_vi = "Tệp vượt quá dung lượng cho phép. Hãy quét ở 300 dpi, nén JPEG, hoặc chia nhỏ."
    message_en = "The file is over the size limit. Scan at 300 dpi, use JPEG, or split it."


class TooManyPages(IngestError):
    code = "too_many_pages"
    status = 422
    message_vi = "Tệp có quá nhiều trang. Hãy chia thành nhiều tệp, mỗi giấy tờ một tệp."
    message_en = "The file has too many pages. Split it: one file per paper."


class PageTooLarge(IngestError):
    code = "page_too_large"
    status = 422
    message_vi = (
        "Kích thước ảnh trang quá lớn (quá nhiều điểm ảnh) nên không được giải mã. "
        "Hãy quét lại ở 300 dpi, khổ giấy thật."
    )
    message_en = (
        "A page image has too many pixels, so it was not decoded. "
        "Rescan at 300 dpi, at the paper's real size."
    )


class EncryptedPdf(IngestError):
    code = "encrypted_pdf"
    status = 422
    message_vi = "PDF được đặt mật khẩu/mã hóa. Hãy gỡ mật khẩu rồi tải lên lại."
    message_en = "The PDF is password-protected/encrypted. Remove the password and upload again."


class ProtectedPdf(IngestError):
    code = "protected_pdf"
    status = 422
    message_vi = (
        "PDF được bảo vệ bằng mật khẩu chủ sở hữu (cấm chỉnh sửa) nên không ký số lên được. "
        "Hãy xuất lại PDF kết quả từ phần mềm soạn thảo mà không đặt mật khẩu hay hạn chế."
    )
    message_en = (
        "The PDF is protected with an owner password (changes forbidden), so it cannot be "
        "signed. Export the result PDF again from the editor without a password or restrictions."
    )


class DamagedFile(IngestError):
    code = "damaged_file"
    status = 422
    message_vi = "Tệp bị hỏng hoặc không đầy đủ (có thể tải lên bị gián đoạn). Hãy quét lại."
    message_en = "The file is damaged or incomplete (perhaps a broken upload). Scan it again."


class NoPages(IngestError):
    code = "no_pages"
    status = 422
    message_vi = "Tệp không có trang nào. Hãy kiểm tra lại bản quét."
    message_en = "The file has no pages. Check the scan."
