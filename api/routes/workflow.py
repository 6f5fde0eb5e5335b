"""The dossier's five steps after intake: the result PDF (step 2–3), approval (3), the agency's
signature (4, a worker job: it calls the TSA), return (5); and certified electronic copies."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, File, UploadFile, status
from kombu.exceptions import OperationalError as KombuOperationalError
from pydantic import BaseModel
from sqlalchemy import select

from archive import audit
from archive.documents import get_document
from archive.dossiers import get_dossier
from archive.models import Document, Dossier, Job
from archive.storage import sha256_file
from ingest import check_upload
from ingest.errors import ProtectedPdf, UnsupportedFileType
from ingest.sniff import PDF

from ..deps import ClerkDep, RuntimeDep, SessionDep
from ..errors import MissingFile, QueueUnavailable, WrongStep
from ..intake import spooled_upload
from ..schemas import DocumentOut, DossierOut
from ..tasks import enqueue_sign
from ..views import document_out

router = APIRouter(tags=["workflow"])
Level = Literal["B-B", "B-T", "B-LT", "B-LTA"]


class SignIn(BaseModel):
    level: Level = "B-LTA"


class CopyIn(BaseModel):
    copy_type: Literal["SAO_Y", "SAO_LUC", "TRICH_SAO"]
    level: Level = "B-LTA"


class JobAccepted(BaseModel):
    job_id: str
    document_id: str


def _result_of(session: SessionDep, dossier: Dossier) -> Document | None:
    return session.execute(
        select(Document)
        .where(Document.dossier_id == dossier.id, Document.kind == "result")
        .order_by(Document.created_at.desc())
        .limit(1)
    ).scalar_one_or_none()


def _require(dossier: Dossier, *allowed: str) -> None:
    if dossier.status not in allowed:
        raise WrongStep(f"dossier is {dossier.status}; needs {' or '.join(allowed)}")


def _enqueue(job: Job, level: str, copy_type: str | None = None) -> None:
    try:
        enqueue_sign(job.id, level, copy_type)
    except (KombuOperationalError, OSError) as exc:
        raise QueueUnavailable(str(exc)) from exc


@router.post(
    "/dossiers/{ref}/result", status_code=status.HTTP_201_CREATED, response_model=DocumentOut
)
def upload_result(
    ref: str,
    rt: RuntimeDep,
    session: SessionDep,
    clerk: ClerkDep,
    file: Annotated[UploadFile | None, File(description="the result, as a PDF")] = None,
) -> DocumentOut:
    """The handling officer's result PDF (thẩm định): the dossier moves to review."""
    if file is None:
        raise MissingFile()
    dossier = get_dossier(session, clerk, ref)
    _require(dossier, "received", "reviewing", "approved")
    with spooled_upload(file.file, rt.settings.max_upload_bytes) as path:
        info = check_upload(path, rt.limits)
        if info.media_type != PDF:
            raise UnsupportedFileType("a result must be a PDF")
        if info.protected:
            raise ProtectedPdf("owner password: an incremental signature would break it")
        checksum = sha256_file(path)
        key = f"results/{dossier.id}/{checksum.removeprefix('sha256:')}.pdf"
        rt.storage.put_file(key, path, PDF, checksum)
    doc = Document(
        dossier_id=dossier.id,
        owner_id=dossier.owner_id,
        centre_code=dossier.centre_code,
        kind="result",
        filename=(file.filename or "ket-qua.pdf")[:255],
        media_type=PDF,
        size_bytes=info.size_bytes,
        original_key=key,
        original_sha256=checksum,
        page_count=info.page_count,
        status="ready",
        created_by=clerk.user_id,
    )
    session.add(doc)
    now = datetime.now(UTC)
    dossier.status, dossier.reviewing_at = "reviewing", dossier.reviewing_at or now
    dossier.approved_at = None
    session.flush()
    audit.record(session, clerk, "result_upload", "document", doc.id, owner_id=doc.owner_id)
    return document_out(doc)


@router.post("/dossiers/{ref}/approve", response_model=DossierOut)
def approve(ref: str, session: SessionDep, clerk: ClerkDep) -> DossierOut:
    """Step 3 (phê duyệt): the leader approves the result."""
    dossier = get_dossier(session, clerk, ref)
    _require(dossier, "reviewing")
    if _result_of(session, dossier) is None:
        raise WrongStep("no result PDF uploaded yet")
    dossier.status, dossier.approved_at = "approved", datetime.now(UTC)
    audit.record(
        session, clerk, "dossier_approve", "dossier", dossier.id, owner_id=dossier.owner_id
    )
    return DossierOut.model_validate(dossier)


@router.post(
    "/dossiers/{ref}/sign", status_code=status.HTTP_202_ACCEPTED, response_model=JobAccepted
)
def sign_result(ref: str, body: SignIn, session: SessionDep, clerk: ClerkDep) -> JobAccepted:
    """Step 4 (ký số): the agency's PAdES signature on the approved result, by a worker."""
    dossier = get_dossier(session, clerk, ref)
    _require(dossier, "approved")
    result = _result_of(session, dossier)
    assert result is not None  # approval required one
    job = Job(kind="sign", document_id=result.id, progress_total=1, created_by=clerk.user_id)
    session.add(job)
    session.flush()
    audit.record(
        session,
        clerk,
        "sign_request",
        "document",
        result.id,
        owner_id=result.owner_id,
        detail={"level": body.level},
    )
    session.commit()
    _enqueue(job, body.level)
    return JobAccepted(job_id=str(job.id), document_id=str(result.id))


@router.post("/dossiers/{ref}/return", response_model=DossierOut)
def return_result(ref: str, session: SessionDep, clerk: ClerkDep) -> DossierOut:
    """Step 5 (trả kết quả): the signed result is returned and stays in the warehouse."""
    dossier = get_dossier(session, clerk, ref)
    _require(dossier, "signed")
    dossier.status, dossier.returned_at = "returned", datetime.now(UTC)
    audit.record(session, clerk, "dossier_return", "dossier", dossier.id, owner_id=dossier.owner_id)
    return DossierOut.model_validate(dossier)


@router.post(
    "/documents/{document_id}/certified-copy",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=JobAccepted,
)
def certified_copy(
    document_id: str, body: CopyIn, session: SessionDep, clerk: ClerkDep
) -> JobAccepted:
    """A signed electronic copy (bản sao điện tử) of an intake paper: SAO Y, SAO LỤC, TRÍCH SAO."""
    source = get_document(session, clerk, document_id)
    if source.kind != "intake" or (source.searchable_key is None and source.media_type != PDF):
        raise WrongStep("only a digitized intake paper (OCR done) can be certified")
    copy = Document(
        dossier_id=source.dossier_id,
        owner_id=source.owner_id,
        centre_code=source.centre_code,
        kind="certified_copy",
        filename=f"{body.copy_type.lower()}-{source.filename}"[:255],
        media_type=PDF,
        size_bytes=source.searchable_size or source.size_bytes,
        original_key=source.searchable_key or source.original_key,
        original_sha256=source.searchable_sha256 or source.original_sha256,
        page_count=source.page_count,
        status="processing",
        doc_type=source.doc_type,
        source_document_id=source.id,
        created_by=clerk.user_id,
    )
    session.add(copy)
    session.flush()
    job = Job(kind="sign", document_id=copy.id, progress_total=1, created_by=clerk.user_id)
    session.add(job)
    session.flush()
    audit.record(
        session,
        clerk,
        "certified_copy_request",
        "document",
        source.id,
        owner_id=source.owner_id,
        detail={"copy": str(copy.id), "type": body.copy_type},
    )
    session.commit()
    _enqueue(job, body.level, body.copy_type)
    return JobAccepted(job_id=str(job.id), document_id=str(copy.id))
