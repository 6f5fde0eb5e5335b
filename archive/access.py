"""Who may see what. Every query for dossiers or documents goes through these filters, so a
citizen sees only their own owner ID's papers and a clerk only their centre's dossiers."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import ColumnElement, false, or_, select, true

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


def document_filter(viewer: Viewer) -> ColumnElement[bool]:
    if viewer.role == "admin":
        return true()
    if viewer.role == "clerk" and viewer.centre_code:
        centre_dossiers = select(Dossier.id).where(Dossier.centre_code == viewer.centre_code)
        attached = select(DossierAttachment.document_id).where(
            DossierAttachment.dossier_id.in_(centre_dossiers)
        )
        return or_(Document.dossier_id.in_(centre_dossiers), Document.id.in_(attached))
    if viewer.role == "citizen" and viewer.owner_id:
        return Document.owner_id == viewer.owner_id
    return false()
