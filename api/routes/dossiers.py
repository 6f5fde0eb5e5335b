from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Request, Response, UploadFile, status
from kombu.exceptions import OperationalError as KombuOperationalError

from archive import audit
from archive.documents import dossier_documents
from archive.dossiers import NewDossier, get_dossier, open_dossier
from archive.models import Document
from archive.reuse import attach
from ingest.errors import FileTooLarge

from ..deps import ClerkDep, RuntimeDep, SessionDep, ViewerDep
from ..errors import Forbidden, MissingFile, NotInWarehouse, QueueUnavailable
from ..intake import accept_upload, spooled_upload
from ..schemas import AttachIn, DocumentList, DossierIn, DossierOut, UploadAccepted
from ..tasks import enqueue_ocr
from ..views import document_out
from .documents import held_notice

router = APIRouter(prefix="/dossiers", tags=["dossiers"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=DossierOut)
def create_dossier(body: DossierIn, session: SessionDep, clerk: ClerkDep) -> DossierOut:
    if not clerk.centre_code:
        raise Forbidden("this account is not attached to a centre")
    dossier = open_dossier(
        session,
        NewDossier(body.owner_id, body.owner_name, body.procedure_code, clerk.centre_code),
        created_by=clerk.user_id,
    )
    audit.record(session, clerk, "dossier_open", "dossier", dossier.id, owner_id=dossier.owner_id)
    return DossierOut.model_validate(dossier)


@router.get("/{ref}", response_model=DossierOut)
def read_dossier(ref: str, session: SessionDep, viewer: ViewerDep) -> DossierOut:
    """A dossier by id or by its code (``000.00.01.H29-261123-0001``)."""
    dossier = get_dossier(session, viewer, ref)
    audit.record(session, viewer, "dossier_read", "dossier", dossier.id, owner_id=dossier.owner_id)
    return DossierOut.model_validate(dossier)


@router.get("/{ref}/documents", response_model=DocumentList)
def list_dossier_documents(ref: str, session: SessionDep, viewer: ViewerDep) -> DocumentList:
    dossier = get_dossier(session, viewer, ref)
    docs = dossier_documents(session, dossier)
    audit.record(session, viewer, "dossier_list", "dossier", dossier.id, owner_id=dossier.owner_id)
    items = [document_out(d) for d in docs]
    for doc, item in zip(docs, items, strict=True):
        item.reuse = held_notice(session, doc)  # "đã có trong kho: …" on the dossier too
    return DocumentList(total=len(items), items=items)


@router.post("/{ref}/attachments", response_model=DocumentList)
def attach_document(ref: str, body: AttachIn, session: SessionDep, clerk: ClerkDep) -> DocumentList:
    """Attach a paper the owner's warehouse already holds instead of scanning it again."""
    dossier = get_dossier(session, clerk, ref)
    held = session.get(Document, body.document_id)
    if held is None or held.owner_id != dossier.owner_id or not held.in_warehouse:
        raise NotInWarehouse(str(body.document_id))
    if attach(session, dossier.id, held.id, clerk.user_id):
        audit.record(
            session,
            clerk,
            "document_reuse",
            "document",
            held.id,
            owner_id=held.owner_id,
            detail={"dossier": str(dossier.id)},
        )
    docs = dossier_documents(session, dossier)
    return DocumentList(total=len(docs), items=[document_out(d) for d in docs])


@router.post(
    "/{ref}/documents", status_code=status.HTTP_202_ACCEPTED, response_model=UploadAccepted
)
def upload_document(
    ref: str,
    request: Request,
    response: Response,
    rt: RuntimeDep,
    session: SessionDep,
    clerk: ClerkDep,
    file: Annotated[UploadFile | None, File(description="PDF, JPEG, PNG or TIFF scan")] = None,
) -> UploadAccepted:
    if file is None:
        raise MissingFile()
    if file.size is not None and file.size > rt.settings.max_upload_bytes:
        raise FileTooLarge(f"{file.size} > {rt.settings.max_upload_bytes} bytes")
    dossier = get_dossier(session, clerk, ref)
    with spooled_upload(file.file, rt.settings.max_upload_bytes) as path:
        accepted = accept_upload(rt, session, clerk, dossier, path, file.filename or "upload")
    session.commit()
    if accepted.job is None:
        response.status_code = status.HTTP_200_OK
    else:
        try:
            enqueue_ocr(accepted.document.id, accepted.job.id)
        except (KombuOperationalError, OSError) as exc:
            raise QueueUnavailable(str(exc)) from exc
    job_id = accepted.job.id if accepted.job else None
    return UploadAccepted(
        document_id=accepted.document.id,
        job_id=job_id,
        status_url=str(request.url_for("read_job", job_id=str(job_id))) if job_id else None,
        reused=accepted.reused,
        media_type=accepted.info.media_type,
        page_count=accepted.info.page_count,
        sha256=accepted.document.original_sha256,
        quality=accepted.document.quality,
    )
