"""Errors of the archive: the object store, the metadata database and their rules."""

from __future__ import annotations


class ArchiveError(Exception):
    """Root of the archive's errors."""

    code = "archive_error"
    status = 500
    message_vi = "Lỗi kho lưu trữ. Hãy thử lại sau; nếu lặp lại, báo quản trị viên."
    message_en = "Archive error. Try again later; if it persists, tell the operator."


class StorageUnavailable(ArchiveError):
    code = "storage_unavailable"
    status = 503
    message_vi = "Kho lưu trữ tệp tạm thời không truy cập được. Hãy thử lại sau ít phút."
    message_en = "The file store is unreachable right now. Try again in a few minutes."


class DatabaseUnavailable(ArchiveError):
    code = "database_unavailable"
    status = 503
    message_vi = "Cơ sở dữ liệu tạm thời không truy cập được. Hãy thử lại sau ít phút."
    message_en = "The database is unreachable right now. Try again in a few minutes."


class ObjectMissing(ArchiveError):
    code = "object_missing"
    status = 404
    message_vi = "Không tìm thấy tệp trong kho lưu trữ."
    message_en = "The file is not in the store."


class ChecksumMismatch(ArchiveError):
    code = "checksum_mismatch"
    status = 500
    message_vi = "Tệp lưu trữ không khớp mã băm SHA-256 đã ghi; đã báo quản trị viên."
    message_en = "The stored file does not match its recorded SHA-256; the operator is told."


class InvalidOwnerId(ArchiveError):
    code = "invalid_owner_id"
    status = 422
    message_vi = (
        "Mã chủ sở hữu không hợp lệ: nhập số định danh cá nhân 12 chữ số, "
        "hoặc mã số doanh nghiệp 10 chữ số (chi nhánh: 10 chữ số-3 chữ số)."
    )
    message_en = (
        "Invalid owner ID: enter a 12-digit personal ID number, or a 10-digit "
        "enterprise/tax code (branch: 10 digits-3 digits)."
    )


class InvalidCentreCode(ArchiveError):
    code = "invalid_centre_code"
    status = 422
    message_vi = "Mã cơ quan không đúng dạng V1V2V3.Z1Z2.Y1Y2.MX1X2 (ví dụ 000.00.01.H29)."
    message_en = "Agency code is not of the form V1V2V3.Z1Z2.Y1Y2.MX1X2 (e.g. 000.00.01.H29)."


class NotFound(ArchiveError):
    code = "not_found"
    status = 404
    message_vi = "Không tìm thấy hoặc bạn không có quyền xem."
    message_en = "Not found, or you may not see it."


class Conflict(ArchiveError):
    code = "conflict"
    status = 409
    message_vi = "Đã tồn tại."
    message_en = "Already exists."
