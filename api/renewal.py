"""Archive-timestamp renewal (B-LTA): files whose last document timestamp nears the end of its
TSA certificate (or uses a weakening digest) get a fresh one. The renewed file is stored as a
new object; the previous one is kept, never overwritten."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from archive import audit
from archive.db import session_scope
from archive.models import Document
from archive.storage import sha256_bytes
from signing import RenewOptions, SigningError, renew_archive_timestamp

from .runtime import Runtime
from .signing_config import signing_setup


def renew_all(
    rt: Runtime, threshold_days: int, *, force: bool = False, log: Callable[[str], None] = print
) -> dict[str, int]:
    setup = signing_setup(rt.settings)
    options = RenewOptions(
        trust_anchors=setup.trust_anchors,
        tsa_url=setup.tsa_url or "",
        threshold=timedelta(days=threshold_days),
    )
    with session_scope(rt.sessions) as s:
        rows = s.execute(
            select(Document.id, Document.signed_key).where(
                Document.pades_level == "B-LTA", Document.signed_key.is_not(None)
            )
        ).all()
    summary = {"checked": 0, "renewed": 0, "failed": 0}
    for doc_id, key in rows:
        assert key is not None  # selected for
        summary["checked"] += 1
        with tempfile.TemporaryDirectory(prefix="sohoa-renew-") as tmp:
            path = Path(tmp) / "signed.pdf"
            rt.storage.download(key, path)
            try:
                result = renew_archive_timestamp(path.read_bytes(), options, force=force)
            except SigningError as exc:
                summary["failed"] += 1
                log(f"✗ {doc_id}: {exc.code} {exc}")
                continue
            if not result.renewed:
                continue
            path.write_bytes(result.pdf)
            checksum = sha256_bytes(result.pdf)
            new_key = f"signed/{doc_id}/{checksum.removeprefix('sha256:')}.pdf"
            rt.storage.put_file(new_key, path, "application/pdf", checksum)
        with session_scope(rt.sessions) as s:
            doc = s.get(Document, doc_id)
            if doc is None:
                continue
            previous = doc.signed_sha256
            doc.signed_key, doc.signed_sha256 = new_key, checksum
            audit.record(
                s,
                None,
                "archive_timestamp_renewed",
                "document",
                doc.id,
                owner_id=doc.owner_id,
                detail={"previous_sha256": previous, "sha256": checksum},
            )
        summary["renewed"] += 1
        log(f"✓ {doc_id}: renewed ({result.check.reason})")
    return summary
