"""Reuse: a paper the owner's warehouse already holds is found, not stored or asked for again."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from .models import Document, DossierAttachment


def held_same_bytes(session: Session, owner_id: str, checksum: str) -> Document | None:
    """The owner's earliest document with exactly these bytes (same SHA-256)."""
    return (
        session.execute(
            select(Document)
            .where(Document.owner_id == owner_id, Document.original_sha256 == checksum)
            .order_by(Document.created_at)
            .limit(1)
        )
        .scalars()
        .first()
    )


def held_same_paper(
    session: Session,
    owner_id: str,
    doc_type: str,
    doc_number: str,
    exclude: uuid.UUID | None = None,
    today: date | None = None,
) -> Document | None:
    """A valid document of the same type and number already in the owner's warehouse."""
    today = today or date.today()
    stmt = (
        select(Document)
        .where(
            Document.owner_id == owner_id,
            Document.doc_type == doc_type,
            Document.doc_number == doc_number,
            Document.in_warehouse.is_(True),
            or_(Document.valid_until.is_(None), Document.valid_until >= today),
        )
        .order_by(Document.created_at)
        .limit(1)
    )
    if exclude is not None:
        stmt = stmt.where(Document.id != exclude)
    return session.execute(stmt).scalars().first()


def attach(
    session: Session, dossier_id: uuid.UUID, document_id: uuid.UUID, by: uuid.UUID | None
) -> bool:
    """Attach a held document to a dossier; False when it already was."""
    if session.get(DossierAttachment, (dossier_id, document_id)) is not None:
        return False
    session.add(DossierAttachment(dossier_id=dossier_id, document_id=document_id, attached_by=by))
    session.flush()
    return True


def reuse_notice(doc: Document) -> dict[str, str | None]:
    """The clerk's message: "đã có trong kho: … cấp ngày …, còn hiệu lực đến …"."""
    name = doc.doc_type or doc.filename
    issued = doc.issued_on.strftime("%d/%m/%Y") if doc.issued_on else None
    valid = doc.valid_until.strftime("%d/%m/%Y") if doc.valid_until else None
    vi = f"Đã có trong kho: {name}"
    en = f"Already in the warehouse: {name}"
    if doc.doc_number:
        vi += f" số {doc.doc_number}"
        en += f" no. {doc.doc_number}"
    if issued:
        vi += f", cấp ngày {issued}"
        en += f", issued {issued}"
    vi += f", còn hiệu lực đến {valid}" if valid else ", không thời hạn"
    en += f", valid until {valid}" if valid else ", no expiry"
    return {"document_id": str(doc.id), "message_vi": vi, "message_en": en}
