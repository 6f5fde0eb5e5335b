from __future__ import annotations

from fastapi import APIRouter, Query
from sqlalchemy import select

from archive import audit
from archive.documents import list_owner_documents
from archive.identifiers import owner_kind
from archive.models import AuditEvent, User

from ..deps import CitizenDep, ClerkDep, SessionDep
from ..schemas import AccessEntry, AccessLog, DocumentList
from ..views import document_out

router = APIRouter(tags=["warehouse"])


@router.get("/owners/{owner_id}/documents", response_model=DocumentList)
def owner_documents(
    owner_id: str,
    session: SessionDep,
    clerk: ClerkDep,
    type: str | None = None,
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0),
) -> DocumentList:
    """The owner's warehouse, as far as this clerk's centre may see it."""
    owner_kind(owner_id)
    rows, total = list_owner_documents(
        session, clerk, owner_id, doc_type=type, limit=limit, offset=offset
    )
    audit.record(session, clerk, "warehouse_list", "owner", owner_id, owner_id=owner_id)
    return DocumentList(total=total, items=[document_out(d) for d in rows])


@router.get("/me/access-log", response_model=AccessLog)
def my_access_log(
    session: SessionDep,
    citizen: CitizenDep,
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0),
) -> AccessLog:
    """Who read, downloaded, searched or changed the citizen's papers, newest first."""
    rows = session.execute(
        select(AuditEvent, User.role, User.full_name, User.centre_code)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .where(AuditEvent.owner_id == citizen.owner_id, AuditEvent.object_type == "document")
        .order_by(AuditEvent.at.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return AccessLog(
        items=[
            AccessEntry(
                at=event.at,
                action=event.action,
                document_id=event.object_id,
                actor=event.actor,
                actor_role=role or "system",
                actor_name=name or "",
                actor_centre=centre,
            )
            for event, role, name, centre in rows
        ]
    )


@router.get("/me/documents", response_model=DocumentList)
def my_documents(
    session: SessionDep,
    citizen: CitizenDep,
    type: str | None = None,
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0),
) -> DocumentList:
    """Every paper and result held for the logged-in citizen's own ID."""
    owner_id = citizen.owner_id or ""
    rows, total = list_owner_documents(
        session, citizen, owner_id, doc_type=type, limit=limit, offset=offset
    )
    audit.record(session, citizen, "warehouse_list", "owner", owner_id, owner_id=owner_id)
    return DocumentList(total=total, items=[document_out(d) for d in rows])
