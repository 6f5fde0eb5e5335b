from __future__ import annotations

import base64
import hashlib
import logging
import re
from collections.abc import Iterator
from typing import Literal
from urllib.parse import quote

from fastapi import APIRouter, Header
from fastapi.responses import StreamingResponse

from archive import audit, understanding
from archive.access import Viewer
from archive.documents import get_document
from archive.errors import ChecksumMismatch
from archive.models import Document
from archive.reuse import held_same_paper, reuse_notice
from archive.search import search_text_for
from archive.storage import Storage
from ocr.classify.types import DOC_TYPES

from ..deps import ClerkDep, RuntimeDep, SessionDep, ViewerDep
from ..errors import BadRange, NotReady, UnknownDocType
from ..schemas import DocumentOut, ReviewIn, ReviewOut
from ..views import document_out

router = APIRouter(prefix="/documents", tags=["documents"])
log = logging.getLogger(__name__)
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


@router.get("/{document_id}", response_model=DocumentOut)
def read_document(
    document_id: str, session: SessionDep, viewer: ViewerDep, pages: bool = False
) -> DocumentOut:
    doc = get_document(session, viewer, document_id)
    audit.record(session, viewer, "document_read", "document", doc.id, owner_id=doc.owner_id)
    out = document_out(doc, with_pages=pages)
    out.reuse = held_notice(session, doc)
    return out


def held_notice(session: SessionDep, doc: Document) -> dict[str, str | None] | None:
    if not (doc.doc_number and doc.doc_type):
        return None
    held = held_same_paper(session, doc.owner_id, doc.doc_type, doc.doc_number, exclude=doc.id)
    return reuse_notice(held) if held is not None and held.created_at <= doc.created_at else None


@router.post("/{document_id}/review", response_model=ReviewOut)
def review_document(
    document_id: str, body: ReviewIn, session: SessionDep, clerk: ClerkDep
) -> ReviewOut:
    """The clerk confirms or corrects the type and fields; the document enters the owner's
    warehouse, and the correction is kept to retrain the classifier."""
    if body.doc_type not in DOC_TYPES:
        raise UnknownDocType(body.doc_type)
    doc = get_document(session, clerk, document_id)
    text = "\n".join(p.text for p in doc.pages)
    correction = understanding.review(session, doc, clerk.user_id, body.doc_type, body.fields, text)
    doc.search_text = search_text_for(
        doc.dossier.owner.name, doc.dossier.code, doc.filename, text, fields=doc.fields
    )
    session.flush()
    audit.record(
        session,
        clerk,
        "document_review",
        "document",
        doc.id,
        owner_id=doc.owner_id,
        detail={
            "from": correction.doc_type_before,
            "to": body.doc_type,
            "fields": sorted(body.fields),
        },
    )
    notice = held_notice(session, doc)
    return ReviewOut(document=document_out(doc), reuse=notice)


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """One ``bytes=`` range as (start, length), None for the whole file; multi-range → whole."""
    if not header or "," in header:
        return None
    match = _RANGE.match(header.strip())
    if not match or (not match.group(1) and not match.group(2)):
        raise BadRange(header)
    first, last = match.group(1), match.group(2)
    if first:
        start = int(first)
        end = min(int(last), size - 1) if last else size - 1
    else:
        start, end = max(0, size - int(last)), size - 1
    if start >= size or end < start:
        raise BadRange(header)
    return start, end - start + 1


def _checked(chunks: Iterator[bytes], expected: str, key: str) -> Iterator[bytes]:
    """Stream a whole object while hashing it; a mismatch breaks the transfer, never silently."""
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
        yield chunk
    if f"sha256:{digest.hexdigest()}" != expected:
        log.error("checksum mismatch on read of %s", key)
        raise ChecksumMismatch(key)


@router.get("/{document_id}/file")
def download_document(
    document_id: str,
    rt: RuntimeDep,
    session: SessionDep,
    viewer: ViewerDep,
    variant: Literal["original", "searchable", "signed"] = "original",
    range_header: str | None = Header(default=None, alias="Range"),
) -> StreamingResponse:
    doc = get_document(session, viewer, document_id)
    if variant == "original":
        key, checksum, media_type = doc.original_key, doc.original_sha256, doc.media_type
        name = doc.filename
    elif variant == "signed":
        if not doc.signed_key or not doc.signed_sha256:
            raise NotReady(doc.status)
        key, checksum, media_type = doc.signed_key, doc.signed_sha256, "application/pdf"
        name = f"{doc.filename.rsplit('.', 1)[0]}.signed.pdf"
    else:
        if not doc.searchable_key or not doc.searchable_sha256:
            raise NotReady(doc.status)
        key, checksum, media_type = doc.searchable_key, doc.searchable_sha256, "application/pdf"
        name = f"{doc.filename.rsplit('.', 1)[0]}.ocr.pdf"
    storage: Storage = rt.storage
    size = storage.size(key)
    wanted = parse_range(range_header, size)
    _audit_download(session, viewer, doc.id, doc.owner_id, variant, wanted)
    session.commit()
    hexsum = checksum.removeprefix("sha256:")
    headers = {
        "Accept-Ranges": "bytes",
        "ETag": f'"{hexsum}"',
        "X-Content-SHA256": hexsum,
        "Repr-Digest": f"sha-256=:{base64.b64encode(bytes.fromhex(hexsum)).decode()}:",
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
    }
    if wanted is None:
        headers["Content-Length"] = str(size)
        body = _checked(storage.open_range(key), checksum, key)
        return StreamingResponse(body, media_type=media_type, headers=headers)
    start, length = wanted
    headers["Content-Length"] = str(length)
    headers["Content-Range"] = f"bytes {start}-{start + length - 1}/{size}"
    return StreamingResponse(
        storage.open_range(key, start, length),
        status_code=206,
        media_type=media_type,
        headers=headers,
    )


def _audit_download(
    session: SessionDep,
    viewer: Viewer,
    doc_id: object,
    owner_id: str,
    variant: str,
    wanted: tuple[int, int] | None,
) -> None:
    detail: dict[str, object] = {"variant": variant}
    if wanted:
        detail["range"] = list(wanted)
    audit.record(
        session, viewer, "document_download", "document", doc_id, owner_id=owner_id, detail=detail
    )
