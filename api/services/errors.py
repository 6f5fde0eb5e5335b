"""Errors of the local services: what stopped `up`/`install` and what the operator does.

Same shape as every package's errors (see CONTRIBUTING.md): a stable ``code``, an HTTP-like
``status`` (4xx when the operator can fix it by a setting or a command, 5xx when a service
itself failed) and messages in Vietnamese and English; ``str(exc)`` is the detail.
"""

from __future__ import annotations


class ServiceError(Exception):
    """Root of the local services' errors."""

    code = "service_error"
    status = 503
    message_vi = "Không khởi động được dịch vụ nội bộ."
    message_en = "A local service could not be started."


class NeedsRoot(ServiceError):
    code = "services_need_root"
    status = 403
    message_vi = (
        "Thiếu gói hệ thống và cần quyền root để cài. Chạy lại bằng root (sudo) hoặc tự cài "
        "các gói nêu trong chi tiết."
    )
    message_en = (
        "System packages are missing and installing them needs root. Run again as root "
        "(sudo), or install the packages named in the detail yourself."
    )


class PackageInstallFailed(ServiceError):
    code = "package_install_failed"
    status = 502
    message_vi = "apt-get không cài được gói hệ thống; xem nhật ký nêu trong chi tiết."
    message_en = "apt-get could not install the system packages; see the log named in the detail."


class MinioUnavailable(ServiceError):
    code = "minio_unavailable"
    status = 400
    message_vi = (
        "Không có chương trình MinIO và không dựng được. Cài Go (≥ 1.24) hoặc đặt "
        "SOHOA_MINIO_BIN trỏ tới một tệp minio đã dựng."
    )
    message_en = (
        "No MinIO server binary and it could not be built. Install Go (>= 1.24), or set "
        "SOHOA_MINIO_BIN to a built minio binary."
    )


class StateDirUnusable(ServiceError):
    code = "state_dir_unusable"
    status = 400
    message_vi = (
        "Thư mục trạng thái không dùng được cho dịch vụ (PostgreSQL chạy bằng người dùng "
        "postgres phải vào được). Đặt SOHOA_STATE_DIR tới thư mục khác, ví dụ dưới /srv hoặc /tmp."
    )
    message_en = (
        "The state directory cannot be used by the services (PostgreSQL runs as the postgres "
        "user, which must be able to enter it). Set SOHOA_STATE_DIR elsewhere, e.g. under "
        "/srv or /tmp."
    )


class PortInUse(ServiceError):
    code = "port_in_use"
    status = 409
    message_vi = (
        "Cổng đã bị một chương trình khác (không do sohoa khởi động) chiếm. Dừng chương trình "
        "đó hoặc chọn cổng khác bằng biến môi trường nêu trong chi tiết."
    )
    message_en = (
        "The port is taken by another program (not started by sohoa). Stop it, or choose "
        "another port with the environment variable named in the detail."
    )


class ServiceStartFailed(ServiceError):
    code = "service_start_failed"
    status = 503
    message_vi = "Dịch vụ không khởi động được hoặc không trả lời kịp; xem nhật ký trong chi tiết."
    message_en = "The service did not start, or did not answer in time; see the log in the detail."


class CommandFailed(ServiceError):
    code = "service_command_failed"
    status = 500
    message_vi = "Một lệnh quản trị dịch vụ bị lỗi hoặc quá thời gian; xem chi tiết."
    message_en = "A service administration command failed or timed out; see the detail."
