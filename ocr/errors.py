"""Errors of the OCR package: what went wrong with a page and what the clerk or operator does.

Every class carries a stable ``code``, an HTTP ``status`` (4xx when the caller can fix it by
rescanning or resending, 5xx when the server is at fault) and messages in Vietnamese and
English that say what to do. ``api/`` turns any of them into ``{code, message_vi,
message_en, detail}``; ``str(exc)`` is the detail.
"""

from __future__ import annotations


class OcrError(Exception):
    """Root of the OCR package's errors."""

    code = "ocr_error"
    status = 500
    message_vi = "Không nhận dạng được văn bản của trang."
    message_en = "The text of the page could not be recognised."


class TesseractMissing(OcrError):
    code = "tesseract_missing"
    status = 503
    message_vi = (
        "Máy chủ chưa cài Tesseract hoặc thiếu gói tiếng Việt (vie) / osd. "
        "Quản trị viên cần cài tesseract-ocr, tesseract-ocr-vie và tesseract-ocr-osd."
    )
    message_en = (
        "Tesseract, or its Vietnamese (vie) / osd data, is not installed on the server. "
        "The operator must install tesseract-ocr, tesseract-ocr-vie and tesseract-ocr-osd."
    )


class OcrTimeout(OcrError):
    code = "ocr_timeout"
    status = 504
    message_vi = (
        "Nhận dạng trang quá thời gian cho phép. Hãy thử lại; nếu vẫn lỗi, quét lại trang "
        "ở 300 dpi, đen trắng hoặc xám, không kèm nền bàn."
    )
    message_en = (
        "Recognising the page took longer than allowed. Try again; if it fails again, rescan "
        "the page at 300 dpi in greyscale, without the desk around it."
    )


class TesseractFailed(OcrError):
    code = "tesseract_failed"
    status = 500
    message_vi = "Tesseract báo lỗi khi nhận dạng trang. Quản trị viên hãy xem nhật ký máy chủ."
    message_en = "Tesseract failed on the page. The operator should check the server log."


class UnreadableImage(OcrError):
    code = "unreadable_image"
    status = 422
    message_vi = (
        "Không đọc được ảnh của trang (ảnh rỗng, hỏng hoặc định dạng lạ). "
        "Hãy quét lại trang và lưu dạng PDF, JPEG, PNG hoặc TIFF."
    )
    message_en = (
        "The page image cannot be read (empty, damaged or of an odd format). "
        "Rescan the page and save it as PDF, JPEG, PNG or TIFF."
    )


__all__ = [
    "OcrError",
    "OcrTimeout",
    "TesseractFailed",
    "TesseractMissing",
    "UnreadableImage",
]
