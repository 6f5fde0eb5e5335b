"""Intake at the edge: check an upload, store the original (checksummed) first, record the
document and its OCR job. Enqueueing happens after the commit, so a worker never sees a job
its row does not exist for yet."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from archive import audit
from archive.access import Viewer
from archive.documents import original_key
from archive.models import Document, Dossier, Job
from archive.reuse import attach, held_same_bytes, reuse_notice
from archive.storage import sha256_file
from ingest import UploadInfo, check_upload
from ingest.errors import FileTooLarge
from ingest.gate import check_pages

from .runtime import Runtime


@dataclass(frozen=True)
class Accepted:
    document: Document
    job: Job | None
    """None when nothing needs doing: the same bytes were already in the warehouse."""
    info: UploadInfo
    reused: dict[str, str | None] | None = None


@contextmanager
def spooled_upload(source: BinaryIO, max_bytes: int) -> Iterator[Path]:
    """Copy an upload to a private temp file, refusing it as soon as it passes the limit."""
    with tempfile.TemporaryDirectory(prefix="sohoa-upload-") as tmp:
        path = Path(tmp) / "upload"
        written = 0
        with path.open("wb") as out:
            while block := source.read(1024 * 1024):
                written += len(block)
                if written > max_bytes:
                    raise FileTooLarge(f"> {max_bytes} bytes")
                out.write(block)
        yield path


def accept_upload(
    rt: Runtime, session: Session, viewer: Viewer, dossier: Dossier, path: Path, filename: str
) -> Accepted:
    info = check_upload(path, rt.limits)
    checksum = sha256_file(path)
    held = held_same_bytes(session, dossier.owner_id, checksum)
    if held is not None:
        # The very same file is already held for this owner: attach it, store nothing new.
        attach(session, dossier.id, held.id, viewer.user_id)
        audit.record(
            session,
            viewer,
            "document_reuse",
            "document",
            held.id,
            owner_id=dossier.owner_id,
            detail={"dossier": str(dossier.id), "sha256": checksum},
        )
        return Accepted(document=held, job=None, info=info, reused=reuse_notice(held))
    # The gate answers the clerk now, while the citizen is at the counter; it also decodes the
    # first pages, so a file whose pixels are damaged is refused before anything is stored.
    quality = check_pages(
        path,
        info.media_type,
        info.page_count,
        rt.settings.quality,
        max_pages=rt.settings.quality_intake_pages,
        budget_s=rt.settings.quality_intake_budget_s,
    ).summary("intake")
    key = original_key(dossier.owner_id, checksum)
    if not rt.storage.exists(key):
        rt.storage.put_file(key, path, info.media_type, checksum)
    document = Document(
        dossier_id=dossier.id,
        owner_id=dossier.owner_id,
        centre_code=dossier.centre_code,
        kind="intake",
        filename=_safe_name(filename),
        media_type=info.media_type,
        size_bytes=info.size_bytes,
        original_key=key,
        original_sha256=checksum,
        page_count=info.page_count,
        status="received",
        quality=quality,
        created_by=viewer.user_id,
    )
    session.add(document)
    session.flush()
    job = Job(
        kind="ocr",
        document_id=document.id,
        state="queued",
        progress_total=info.page_count,
        created_by=viewer.user_id,
    )
    session.add(job)
    session.flush()
    audit.record(
        session,
        viewer,
        "document_upload",
        "document",
        document.id,
        owner_id=dossier.owner_id,
        detail={
            "sha256": checksum,
            "pages": info.page_count,
            "media_type": info.media_type,
            "quality": quality["verdict"],
        },
    )
    return Accepted(document=document, job=job, info=info)


def _safe_name(name: str) -> str:
    base = Path(name or "upload").name.strip() or "upload"
    return base[:255]
