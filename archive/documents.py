"""Documents in the warehouse: their records, pages, and the queries that find them again."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from .access import Viewer, document_filter
from .errors import NotFound
from .models import Document, Dossier, DossierAttachment, Page


@dataclass(frozen=True)
class PageRecord:
    index: int
    text: str
    mean_confidence: float | None
    width_px: int | None = None
    height_px: int | None = None
    dpi: int | None = None
    details: dict[str, Any] | None = None


def original_key(owner_id: str, checksum: str) -> str:
    # Content-addressed per owner: the same bytes are stored once, however often uploaded.
    return f"originals/{owner_id}/{checksum.removeprefix('sha256:')}"


def searchable_key(document_id: uuid.UUID) -> str:
    return f"searchable/{document_id}.pdf"


def get_document(session: Session, viewer: Viewer, document_id: str | uuid.UUID) -> Document:
    try:
        doc_uuid = document_id if isinstance(document_id, uuid.UUID) else uuid.UUID(document_id)
    except ValueError as exc:
        raise NotFound(str(document_id)) from exc
    doc = session.execute(
        select(Document).where(Document.id == doc_uuid, document_filter(viewer))
    ).scalar_one_or_none()
    if doc is None:
        raise NotFound(str(document_id))
    return doc


def list_owner_documents(
    session: Session,
    viewer: Viewer,
    owner_id: str,
    *,
    doc_type: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[Sequence[Document], int]:
    where = [Document.owner_id == owner_id, document_filter(viewer)]
    if doc_type:
        where.append(Document.doc_type == doc_type)
    total = session.execute(select(func.count()).select_from(Document).where(*where)).scalar_one()
    rows = (
        session.execute(
            select(Document)
            .where(*where)
            .order_by(Document.created_at.desc())
            .limit(limit)
            .offset(offset)
        )
        .scalars()
        .all()
    )
    return rows, int(total)


def dossier_documents(session: Session, dossier: Dossier) -> Sequence[Document]:
    return (
        session.execute(
            select(Document)
            .where(
                or_(
                    Document.dossier_id == dossier.id,
                    Document.id.in_(
                        select(DossierAttachment.document_id).where(
                            DossierAttachment.dossier_id == dossier.id
                        )
                    ),
                )
            )
            .order_by(Document.created_at)
        )
        .scalars()
        .all()
    )


def replace_pages(session: Session, document: Document, pages: Sequence[PageRecord]) -> None:
    """Store the pages' text; a re-run (retry) replaces what an earlier attempt wrote."""
    session.query(Page).filter(Page.document_id == document.id).delete()
    for page in pages:
        session.add(
            Page(
                document_id=document.id,
                index=page.index,
                text=page.text,
                mean_confidence=page.mean_confidence,
                width_px=page.width_px,
                height_px=page.height_px,
                dpi=page.dpi,
                details=page.details,
            )
        )
