"""What a document is and says, as the warehouse records it: type, fields, the keys reuse
looks for (number, issue date, validity), and the clerk's review of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from .models import Correction, Document

# Which field is "the number" of a paper, per type (first present wins).
NUMBER_FIELDS = ("so_ky_hieu", "ma_so_doanh_nghiep", "so_dinh_danh", "so_cmnd")
CLERK_CONFIDENCE = 1.0


@dataclass(frozen=True)
class Understanding:
    doc_type: str
    confidence: float
    fields: dict[str, dict[str, Any]]
    """``{name: {value, confidence, flags}}``."""
    source: str = "model"


def _value(fields: dict[str, dict[str, Any]], name: str) -> str | None:
    entry = fields.get(name) or {}
    value = entry.get("value")
    return str(value) if value else None


def parse_dmy(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.strptime(value.strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


def warehouse_keys(
    fields: dict[str, dict[str, Any]],
) -> tuple[str | None, date | None, date | None]:
    """(number, issued on, valid until) from the fields, as reuse looks for them."""
    number = next((v for n in NUMBER_FIELDS if (v := _value(fields, n))), None)
    return number, parse_dmy(_value(fields, "ngay_cap")), parse_dmy(_value(fields, "thoi_han"))


def record(doc: Document, u: Understanding, threshold: float) -> None:
    """Write the type and fields onto the document; it enters the owner's warehouse when the
    type was confirmed by a clerk or the model is sure enough."""
    doc.doc_type, doc.doc_type_confidence, doc.doc_type_source = u.doc_type, u.confidence, u.source
    doc.fields = u.fields
    doc.doc_number, doc.issued_on, doc.valid_until = warehouse_keys(u.fields)
    doc.in_warehouse = u.doc_type != "unknown" and (
        u.source == "clerk" or u.confidence >= threshold
    )


def review(
    session: Session,
    doc: Document,
    actor_id: Any,
    doc_type: str,
    corrected: dict[str, str | None],
    page_text: str,
) -> Correction:
    """A clerk confirms or corrects the type and fields; kept as training data."""
    fields = {k: dict(v) for k, v in (doc.fields or {}).items()}
    for name, value in corrected.items():
        before = fields.get(name, {})
        changed = before.get("value") != value
        flags = ["corrected_by_clerk" if changed else "confirmed_by_clerk"]
        fields[name] = {"value": value, "confidence": CLERK_CONFIDENCE, "flags": flags}
    correction = Correction(
        document_id=doc.id,
        actor_id=actor_id,
        doc_type_before=doc.doc_type,
        doc_type_after=doc_type,
        fields_before=doc.fields,
        fields_after=fields,
        text=page_text,
    )
    session.add(correction)
    record(doc, Understanding(doc_type, CLERK_CONFIDENCE, fields, source="clerk"), threshold=0.0)
    return correction
