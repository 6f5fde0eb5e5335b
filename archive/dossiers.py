"""Opening dossiers: the owner, the Circular 01/2018 code, the five-step status."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from .access import Viewer, dossier_filter
from .errors import NotFound
from .identifiers import DOSSIER_CODE, check_agency_code, format_dossier_code, owner_kind
from .models import Dossier, DossierCounter, Owner

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class NewDossier:
    owner_id: str
    owner_name: str
    procedure_code: str
    centre_code: str


def ensure_owner(session: Session, owner_id: str, name: str) -> Owner:
    kind = owner_kind(owner_id)
    owner = session.get(Owner, owner_id)
    if owner is None:
        owner = Owner(id=owner_id, kind=kind, name=name.strip())
        session.add(owner)
        session.flush()
    elif name.strip() and not owner.name:
        owner.name = name.strip()
    return owner


def _next_number(session: Session, agency_code: str, now: datetime) -> int:
    # One atomic upsert: two counters opening dossiers at once never get the same number.
    day = now.astimezone(VIETNAM).date()
    stmt = (
        insert(DossierCounter)
        .values(agency_code=agency_code, day=day, last_number=1)
        .on_conflict_do_update(
            index_elements=[DossierCounter.agency_code, DossierCounter.day],
            set_={"last_number": DossierCounter.last_number + 1},
        )
        .returning(DossierCounter.last_number)
    )
    return int(session.execute(stmt).scalar_one())


def open_dossier(
    session: Session, new: NewDossier, created_by: uuid.UUID | None, now: datetime | None = None
) -> Dossier:
    check_agency_code(new.centre_code)
    owner = ensure_owner(session, new.owner_id.strip(), new.owner_name)
    now = now or datetime.now(VIETNAM)
    number = _next_number(session, new.centre_code, now)
    dossier = Dossier(
        code=format_dossier_code(new.centre_code, now.astimezone(VIETNAM).date(), number),
        owner_id=owner.id,
        procedure_code=new.procedure_code.strip(),
        centre_code=new.centre_code,
        status="received",
        created_by=created_by,
        received_at=now,
    )
    session.add(dossier)
    session.flush()
    return dossier


def get_dossier(session: Session, viewer: Viewer, ref: str) -> Dossier:
    """Find a dossier by id or by its code, only among those the viewer may see."""
    stmt = select(Dossier).where(dossier_filter(viewer))
    if DOSSIER_CODE.match(ref):
        stmt = stmt.where(Dossier.code == ref)
    else:
        try:
            stmt = stmt.where(Dossier.id == uuid.UUID(ref))
        except ValueError as exc:
            raise NotFound(ref) from exc
    dossier = session.execute(stmt).scalar_one_or_none()
    if dossier is None:
        raise NotFound(ref)
    return dossier
