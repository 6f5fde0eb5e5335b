"""The audit trail: every read and write of a document leaves an event."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from .access import Viewer
from .models import AuditEvent


def record(
    session: Session,
    viewer: Viewer | None,
    action: str,
    object_type: str,
    object_id: object,
    *,
    owner_id: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditEvent(
            actor_id=viewer.user_id if viewer else None,
            actor=viewer.username if viewer else "system",
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            owner_id=owner_id,
            detail=detail,
        )
    )
