from __future__ import annotations

import uuid

from fastapi import APIRouter
from sqlalchemy import select

from archive.access import document_filter
from archive.errors import NotFound
from archive.models import Document, Job

from ..deps import SessionDep, ViewerDep
from ..schemas import JobOut
from ..views import job_out

router = APIRouter(prefix="/jobs", tags=["jobs"])


@router.get("/{job_id}", response_model=JobOut, name="read_job")
def read_job(job_id: str, session: SessionDep, viewer: ViewerDep) -> JobOut:
    try:
        job_uuid = uuid.UUID(job_id)
    except ValueError as exc:
        raise NotFound(job_id) from exc
    # A job is visible to whoever may see its document.
    job = session.execute(
        select(Job)
        .join(Document, Document.id == Job.document_id)
        .where(Job.id == job_uuid, document_filter(viewer))
    ).scalar_one_or_none()
    if job is None:
        raise NotFound(job_id)
    return job_out(job)
