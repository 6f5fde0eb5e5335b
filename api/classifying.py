"""After OCR: what the paper is (classifier) and what it says (fields), for the warehouse.

The model is loaded once per worker process (``ocr.classify.load`` caches by path).
"""

from __future__ import annotations

import logging
from pathlib import Path

from archive.understanding import Understanding
from ocr.classify import UNKNOWN, ClassifierError, classify
from ocr.fields.extract import extract_fields

log = logging.getLogger(__name__)


def understand(text: str, model_path: Path | None = None) -> Understanding:
    try:
        result = classify(text, model_path)
    except ClassifierError as exc:
        # The OCR result is worth keeping without a type: the clerk classifies it.
        log.error("classifier unavailable (%s): %s", exc.code, exc)
        fields = extract_fields(text, UNKNOWN)
        return Understanding(UNKNOWN, 0.0, fields.as_dict(), source="none")
    # An unknown paper still gets every field that can be found, for the clerk to review.
    fields = extract_fields(text, result.doc_type if result.doc_type != UNKNOWN else UNKNOWN)
    return Understanding(result.doc_type, round(result.confidence, 4), fields.as_dict())
