"""The edge's own errors, and the one translation of every package's typed errors into
``{code, message_vi, message_en, detail}`` responses."""

from __future__ import annotations

import logging
from typing import Any, Protocol

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from archive.errors import ArchiveError
from ingest.errors import FileTooLarge, IngestError
from ocr.errors import OcrError
from signing import SigningError

from .signing_config import SigningNotConfigured

log = logging.getLogger(__name__)


class UserFacing(Protocol):
    code: str
    status: int
    message_vi: str
    message_en: str


class ApiError(Exception):
    code = "api_error"
    status = 400
    message_vi = "Yêu cầu không hợp lệ."
    message_en = "Invalid request."


class NotAuthenticated(ApiError):
    code = "not_authenticated"
    status = 401
    message_vi = "Chưa đăng nhập hoặc phiên đã hết hạn. Hãy đăng nhập lại."
    message_en = "Not logged in, or the session expired. Log in again."


class BadCredentials(ApiError):
    code = "bad_credentials"
    status = 401
    message_vi = "Sai tên đăng nhập hoặc mật khẩu."
    message_en = "Wrong username or password."


class Forbidden(ApiError):
    code = "forbidden"
    status = 403
    message_vi = "Vai trò của bạn không được phép thực hiện thao tác này."
    message_en = "Your role may not do this."


class MissingFile(ApiError):
    code = "missing_file"
    status = 422
    message_vi = "Thiếu tệp: gửi tệp trong trường 'file' (multipart/form-data)."
    message_en = "No file: send it in the 'file' field (multipart/form-data)."


class BadRange(ApiError):
    code = "bad_range"
    status = 416
    message_vi = "Khoảng byte yêu cầu (Range) không hợp lệ với tệp này."
    message_en = "The requested byte range is not valid for this file."


class NotReady(ApiError):
    code = "not_ready"
    status = 409
    message_vi = "Tệp PDF tìm kiếm được chưa sẵn sàng; hãy chờ công việc OCR hoàn tất."
    message_en = "The searchable PDF is not ready yet; wait for the OCR job to finish."


class UnknownDocType(ApiError):
    code = "unknown_doc_type"
    status = 422
    message_vi = "Mã loại giấy tờ không có trong danh mục (ví dụ giay_khai_sinh, can_cuoc)."
    message_en = "Unknown document type code (e.g. giay_khai_sinh, can_cuoc)."


class NotInWarehouse(ApiError):
    code = "not_in_warehouse"
    status = 422
    message_vi = "Chỉ đính kèm được giấy tờ đã có trong kho của chính chủ hồ sơ (đã xác nhận loại)."
    message_en = (
        "Only a paper already in the warehouse of this dossier's owner (type confirmed) "
        "can be attached."
    )


class WrongStep(ApiError):
    code = "wrong_step"
    status = 409
    message_vi = (
        "Hồ sơ chưa ở bước cho phép thao tác này (tiếp nhận → thẩm định → phê duyệt → ký số → "
        "trả kết quả). Xem 'detail'."
    )
    message_en = (
        "The dossier is not at the step this needs (received → reviewing → approved → signed "
        "→ returned). See 'detail'."
    )


class RateLimited(ApiError):
    code = "rate_limited"
    status = 429
    message_vi = "Quá nhiều yêu cầu xác thực từ địa chỉ này; hãy thử lại sau một phút."
    message_en = "Too many verifications from this address; try again in a minute."


class NotFoundPublic(ApiError):
    code = "not_found"
    status = 404
    message_vi = "Không có văn bản đã ký với mã này. Kiểm tra lại mã trên giấy hoặc mã QR."
    message_en = "No signed document has this code. Check the code on the paper or the QR."


class QueueUnavailable(ApiError):
    code = "queue_unavailable"
    status = 503
    message_vi = "Hàng đợi xử lý tạm thời không truy cập được; tệp đã được lưu. Thử lại sau."
    message_en = "The work queue is unreachable right now; the file is stored. Try again later."


class BodyLimit:
    """ASGI middleware: a request whose declared body is over the limit is answered 413 from
    its headers, before a byte of the body is read or spooled to disk."""

    def __init__(self, app: Any, max_bytes: int, overhead: int = 64 * 1024) -> None:
        self.app, self.limit = app, max_bytes + overhead

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            declared = dict(scope["headers"]).get(b"content-length", b"")
            if declared.isdigit() and int(declared) > self.limit:
                exc = FileTooLarge(f"{int(declared)} > {self.limit} bytes")
                response = JSONResponse(error_body(exc, str(exc)), status_code=exc.status)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


USER_ERRORS: tuple[type[Exception], ...] = (
    ApiError,
    IngestError,
    OcrError,
    ArchiveError,
    SigningError,
    SigningNotConfigured,
)


def error_body(exc: UserFacing, detail: Any = None) -> dict[str, Any]:
    return {
        "code": exc.code,
        "message_vi": exc.message_vi,
        "message_en": exc.message_en,
        "detail": detail,
    }


def _detail(exc: BaseException) -> str | None:
    return str(exc) if exc.args else None


def install_handlers(app: FastAPI, extra: tuple[type[Exception], ...] = ()) -> None:
    async def user_error(_: Request, exc: Exception) -> JSONResponse:
        e: UserFacing = exc  # type: ignore[assignment]
        if e.status >= 500:
            log.error("%s: %s", e.code, exc)
        headers = {"WWW-Authenticate": "Bearer"} if e.status == 401 else None
        return JSONResponse(error_body(e, _detail(exc)), status_code=e.status, headers=headers)

    for cls in USER_ERRORS + extra:
        app.add_exception_handler(cls, user_error)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        body = {
            "code": "invalid_request",
            "message_vi": "Dữ liệu gửi lên không hợp lệ; xem 'detail' để biết trường nào sai.",
            "message_en": "The request is not valid; 'detail' names the fields at fault.",
            "detail": [
                {"field": ".".join(str(p) for p in err["loc"]), "problem": err["msg"]}
                for err in exc.errors()
            ],
        }
        return JSONResponse(body, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        known = {
            404: ("not_found", "Không tìm thấy.", "Not found."),
            405: ("method_not_allowed", "Phương thức không được hỗ trợ.", "Method not allowed."),
        }
        code, vi, en = known.get(
            exc.status_code, ("http_error", "Yêu cầu không hợp lệ.", "Invalid request.")
        )
        return JSONResponse(
            {"code": code, "message_vi": vi, "message_en": en, "detail": exc.detail},
            status_code=exc.status_code,
        )

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return JSONResponse(
            {
                "code": "internal_error",
                "message_vi": "Lỗi hệ thống ngoài dự kiến; đã ghi nhật ký. Hãy thử lại.",
                "message_en": "Unexpected server error; it was logged. Try again.",
                "detail": None,
            },
            status_code=500,
        )
