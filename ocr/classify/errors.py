"""Errors of the classifier: a model that cannot be found, read or trained.

Subclasses of the OCR package's root error, so ``api/`` maps them like any other; each has a
stable ``code``, an HTTP ``status`` and messages that say what to do.
"""

from __future__ import annotations

from ..errors import OcrError


class ClassifierError(OcrError):
    code = "classifier_error"
    status = 500
    message_vi = "Không phân loại được giấy tờ."
    message_en = "The document could not be classified."


class ModelMissing(ClassifierError):
    code = "classifier_model_missing"
    status = 503
    message_vi = (
        "Chưa có mô hình phân loại giấy tờ trên máy chủ. Quản trị viên hãy chạy "
        "`sohoa model retrain` hoặc cài lại gói."
    )
    message_en = (
        "The document classifier model is missing on the server. The operator should run "
        "`sohoa model retrain` or reinstall the package."
    )


class ModelInvalid(ClassifierError):
    code = "classifier_model_invalid"
    status = 500
    message_vi = (
        "Tệp mô hình phân loại bị hỏng hoặc do phiên bản khác tạo ra. Quản trị viên hãy huấn "
        "luyện lại mô hình (`sohoa model retrain`)."
    )
    message_en = (
        "The classifier model file is damaged or was made by another version. The operator "
        "should retrain it (`sohoa model retrain`)."
    )


class TrainingDataInvalid(ClassifierError):
    code = "classifier_training_data_invalid"
    status = 422
    message_vi = (
        "Dữ liệu huấn luyện không dùng được (loại giấy tờ lạ hoặc thiếu mẫu). Hãy kiểm tra các "
        "chỉnh sửa loại giấy tờ của cán bộ."
    )
    message_en = (
        "The training data cannot be used (an unknown document type, or too few samples). "
        "Check the clerks' type corrections."
    )


__all__ = ["ClassifierError", "ModelInvalid", "ModelMissing", "TrainingDataInvalid"]
