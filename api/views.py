"""Rows to response bodies."""

from __future__ import annotations

from archive.models import Document, Job

from .schemas import DocumentOut, JobOut, PageOut


def _error(code: str | None, vi: str | None, en: str | None) -> dict[str, str] | None:
    if not code:
        return None
    return {"code": code, "message_vi": vi or "", "message_en": en or ""}


def document_out(doc: Document, *, with_pages: bool = False) -> DocumentOut:
    return DocumentOut(
        id=doc.id,
        dossier_id=doc.dossier_id,
        dossier_code=doc.dossier.code,
        owner_id=doc.owner_id,
        kind=doc.kind,
        filename=doc.filename,
        media_type=doc.media_type,
        size_bytes=doc.size_bytes,
        page_count=doc.page_count,
        status=doc.status,
        original_sha256=doc.original_sha256,
        searchable_sha256=doc.searchable_sha256,
        doc_type=doc.doc_type,
        doc_type_confidence=doc.doc_type_confidence,
        doc_type_source=doc.doc_type_source,
        fields=doc.fields,
        in_warehouse=doc.in_warehouse,
        doc_number=doc.doc_number,
        issued_on=doc.issued_on,
        valid_until=doc.valid_until,
        signed_sha256=doc.signed_sha256,
        pades_level=doc.pades_level,
        signed_at=doc.signed_at,
        verification_code=doc.verification_code,
        source_document_id=doc.source_document_id,
        arrived_signatures=doc.arrived_signatures,
        quality=doc.quality,
        error=_error(doc.error_code, doc.error_message_vi, doc.error_message_en),
        created_at=doc.created_at,
        pages=[
            PageOut(
                index=p.index, text=p.text, mean_confidence=p.mean_confidence, details=p.details
            )
            for p in doc.pages
        ]
        if with_pages
        else None,
    )


def job_out(job: Job) -> JobOut:
    return JobOut(
        id=job.id,
        kind=job.kind,
        document_id=job.document_id,
        state=job.state,  # type: ignore[arg-type]
        progress={"done": job.progress_done, "total": job.progress_total},
        error=_error(job.error_code, job.error_message_vi, job.error_message_en),
    )
