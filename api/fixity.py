"""Fixity: every stored file is read back now and then and its SHA-256 compared with the one
recorded when it was stored, so silent damage (a failing disk, a bad copy between sites, a
hand that overwrote an object) is found while a good copy can still be fetched, and not the
day a citizen needs the paper.

Longest unchecked documents first, a batch a day (``Settings.fixity_batch``, Celery beat;
``sohoa archive check-fixity`` by hand). A document whose files all match gets
``checksum_checked_at``; a file that differs or is gone is an audit event
(``fixity_failed``, with the key and both checksums) and is listed in the summary, whose
``failed`` count makes the command exit 1. The store being down stops the run, and leaves
every document as it was: that is no verdict on the files.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from archive import audit
from archive.db import session_scope
from archive.errors import ObjectMissing
from archive.models import Document

from .runtime import Runtime


def stored_files(doc: Document) -> list[tuple[str, str, str]]:
    """(what, key, recorded SHA-256) of each file the document has in the store."""
    files = [
        ("original", doc.original_key, doc.original_sha256),
        ("searchable", doc.searchable_key, doc.searchable_sha256),
        ("signed", doc.signed_key, doc.signed_sha256),
    ]
    return [(what, key, sha) for what, key, sha in files if key and sha]


def check_fixity(
    rt: Runtime,
    *,
    limit: int | None = None,
    documents: Sequence[uuid.UUID] = (),
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Re-read the stored files of ``documents`` (or of the ``limit`` longest unchecked
    documents) and compare their SHA-256; see the module docstring."""
    # Every stored paper, read or not (a failed OCR keeps its original), but none a worker is
    # writing right now.
    query = select(Document).where(Document.status != "processing")
    if documents:
        query = query.where(Document.id.in_(documents))
    query = query.order_by(Document.checksum_checked_at.asc().nulls_first(), Document.id)
    if limit is not None:
        query = query.limit(limit)
    with session_scope(rt.sessions) as s:
        todo = [(d.id, d.owner_id, stored_files(d)) for d in s.execute(query).scalars()]
    summary: dict[str, Any] = {"documents": 0, "files": 0, "failed": 0, "failures": []}
    for doc_id, owner_id, files in todo:
        failures = []
        for what, key, recorded in files:
            try:
                found = rt.storage.checksum(key)  # StorageUnavailable stops the run
            except ObjectMissing:
                found = None
            summary["files"] += 1
            if found != recorded:
                failures.append({"file": what, "key": key, "recorded": recorded, "found": found})
        with session_scope(rt.sessions) as s:
            doc = s.get(Document, doc_id)
            if doc is None:
                continue
            if failures:
                for failure in failures:
                    audit.record(
                        s,
                        None,
                        "fixity_failed",
                        "document",
                        doc_id,
                        owner_id=owner_id,
                        detail=failure,
                    )
            else:
                doc.checksum_checked_at = datetime.now(UTC)
        summary["documents"] += 1
        for failure in failures:
            summary["failed"] += 1
            summary["failures"].append({"document_id": str(doc_id), **failure})
            state = "missing" if failure["found"] is None else "differs"
            log(f"✗ {doc_id} {failure['file']} {failure['key']}: {state}")
    return summary
