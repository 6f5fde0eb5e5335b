"""Who may see what. Every query for dossiers or documents goes through these filters, so a
citizen sees only their own owner ID's papers and a clerk only their centre's dossiers."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, false, or_, select, true

from .models import Document, Dossier, DossierAttachment


@dataclass(frozen=True)
class Viewer:
    user_id: uuid.UUID | None
    username: str
    role: str
    owner_id: str | None = None
    centre_code: str | None = None


def dossier_filter(viewer: Viewer) -> ColumnElement[bool]:
    if viewer.role == "admin":
        return true()
    if viewer.role == "clerk" and viewer.centre_code:
        return Dossier.centre_code == viewer.centre_code
    if viewer.role == "citizen" and viewer.owner_id:
        return Dossier.owner_id == viewer.owner_id
    return false()


def attached_to_centre(centre_code: str) -> Select[Any]:
    """Documents of other centres attached (reused) in this centre's dossiers."""
    centre_dossiers = select(Dossier.id).where(Dossier.centre_code == centre_code)
    return select(DossierAttachment.document_id).where(
        DossierAttachment.dossier_id.in_(centre_dossiers)
    )


def document_filter(
    viewer: Viewer, attached: Sequence[uuid.UUID] | None = None
) -> ColumnElement[bool]:
    """``attached``: the centre's attached document ids when the caller already has them
    (lets PostgreSQL combine two index scans instead of filtering row by row)."""
    if viewer.role == "admin":
        return true()
    if viewer.role == "clerk" and viewer.centre_code:
        others = attached if attached is not None else attached_to_centre(viewer.centre_code)
        return or_(Document.centre_code == viewer.centre_code, Document.id.in_(others))
    if viewer.role == "citizen" and viewer.owner_id:
        return Document.owner_id == viewer.owner_id
    return false()
