"""The worker's side of a document: fetch the original, OCR it page by page, store the
searchable PDF and the text, keep the job's progress and state. Idempotent by document id:
a retry or a redelivered message after a crash redoes the work and overwrites, never doubles.
"""

from __future__ import annotations

import logging
import tempfile
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from archive import audit, understanding
from archive.db import session_scope
from archive.documents import PageRecord, replace_pages, searchable_key
from archive.errors import ChecksumMismatch
from archive.models import Document, Job
from archive.search import search_text_for
from archive.storage import sha256_file
from ingest import iter_pages
from ingest.sniff import PDF
from ocr.pipeline import OcrOptions, PageResult, ocr_to_pdf
from ocr.quality import intake_verdicts, summarise

from .arrived_signatures import check_arrived_signatures
from .classifier_models import active_model_path
from .classifying import understand
from .runtime import Runtime

log = logging.getLogger(__name__)


def ocr_options(rt: Runtime) -> OcrOptions:
    s = rt.settings
    return OcrOptions(
        language=s.ocr_language,
        page_timeout_s=s.ocr_page_timeout_s,
        jpeg_quality=s.ocr_jpeg_quality,
        quality=s.quality,
    )


def start_job(rt: Runtime, job_id: uuid.UUID) -> Document | None:
    """Mark the job running; None when there is nothing (more) to do."""
    with session_scope(rt.sessions) as s:
        job = s.get(Job, job_id, with_for_update=True)
        if job is None or job.state == "done" or job.document_id is None:
            return None
        doc = s.get(Document, job.document_id)
        if doc is None:
            return None
        job.state, job.started_at, job.attempts = "running", datetime.now(UTC), job.attempts + 1
        job.progress_done, job.error_code = 0, None
        doc.status = "processing"
        s.flush()
        s.expunge(doc)
        return doc


def _progress(rt: Runtime, job_id: uuid.UUID) -> Callable[[PageResult], None]:
    def report(result: PageResult) -> None:
        with session_scope(rt.sessions) as s:
            job = s.get(Job, job_id)
            if job is not None:
                job.progress_done = result.index + 1

    return report


def run_ocr_job(rt: Runtime, job_id: uuid.UUID) -> None:
    doc = start_job(rt, job_id)
    if doc is None:
        log.info("job %s: nothing to do", job_id)
        return
    with tempfile.TemporaryDirectory(prefix="sohoa-ocr-") as tmp:
        work = Path(tmp)
        original = work / "original"
        rt.storage.download(doc.original_key, original)
        if sha256_file(original) != doc.original_sha256:
            raise ChecksumMismatch(doc.original_key)
        pages = iter_pages(original, doc.media_type, rt.settings.ocr_dpi)
        out = work / "searchable.pdf"
        results = ocr_to_pdf(
            pages,
            out,
            work,
            ocr_options(rt),
            on_page=_progress(rt, job_id),
            title=doc.filename,
            # The pages judged at the counter keep that verdict (what the clerk was told).
            seen=intake_verdicts(doc.quality),
        )
        meaning = understand("\n".join(r.text for r in results), active_model_path(rt))
        arrived = check_arrived_signatures(rt, original) if doc.media_type == PDF else None
        checksum = sha256_file(out)
        key = searchable_key(doc.id)
        rt.storage.put_file(key, out, "application/pdf", checksum)
        size = out.stat().st_size
    with session_scope(rt.sessions) as s:
        row = s.get(Document, doc.id)
        job = s.get(Job, job_id)
        assert row is not None and job is not None
        replace_pages(
            s,
            row,
            [
                PageRecord(
                    r.index,
                    r.text,
                    r.mean_confidence,
                    r.width_px,
                    r.height_px,
                    r.dpi,
                    {**r.details, "quality": r.quality.to_dict()} if r.quality else r.details,
                )
                for r in results
            ],
        )
        row.searchable_key, row.searchable_sha256, row.searchable_size = key, checksum, size
        row.arrived_signatures = arrived
        understanding.record(row, meaning, rt.settings.warehouse_min_confidence)
        verdicts = [r.quality for r in results if r.quality is not None]
        if verdicts:
            row.quality = summarise(verdicts, len(results), stage="ocr")
            # A page the gate rejects is not a copy anyone should rely on: the paper enters
            # the warehouse only after a clerk has looked (review) or rescanned it.
            if row.quality["verdict"] == "reject":
                row.in_warehouse = False
        row.search_text = search_text_for(
            row.dossier.owner.name,
            row.dossier.code,
            row.filename,
            *(r.text for r in results),
            fields=row.fields,
        )
        row.status, row.error_code = "ready", None
        row.checksum_checked_at = datetime.now(UTC)
        job.state, job.finished_at = "done", datetime.now(UTC)
        job.progress_done = len(results)
        audit.record(
            s,
            None,
            "document_ocr",
            "document",
            row.id,
            owner_id=row.owner_id,
            detail={"pages": len(results), "searchable_sha256": checksum},
        )


def fail_job(
    rt: Runtime, job_id: uuid.UUID, code: str, message_vi: str, message_en: str, detail: str
) -> None:
    """A failure the clerk can act on: the job and the document say why."""
    with session_scope(rt.sessions) as s:
        job = s.get(Job, job_id)
        if job is None:
            return
        job.state, job.finished_at = "failed", datetime.now(UTC)
        job.error_code, job.error_message_vi, job.error_message_en = code, message_vi, message_en
        doc = s.get(Document, job.document_id) if job.document_id else None
        # A failed signing leaves the document as it was; a failed OCR marks it failed.
        if doc is not None and job.kind == "ocr":
            doc.status = "failed"
            doc.error_code, doc.error_message_vi, doc.error_message_en = (
                code,
                message_vi,
                message_en,
            )
            audit.record(
                s,
                None,
                "document_ocr_failed",
                "document",
                doc.id,
                owner_id=doc.owner_id,
                detail={"code": code, "detail": detail[:500]},
            )


def stale_queued_jobs(rt: Runtime, older_than_s: float) -> list[tuple[uuid.UUID, uuid.UUID]]:
    cutoff = datetime.now(UTC) - timedelta(seconds=older_than_s)
    with session_scope(rt.sessions) as s:
        rows = s.execute(
            select(Job.document_id, Job.id).where(
                Job.kind == "ocr",
                Job.state == "queued",
                Job.created_at < cutoff,
                Job.document_id.is_not(None),
            )
        ).all()
    return [(doc, job) for doc, job in rows if doc is not None]
