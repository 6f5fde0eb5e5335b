"""The worker's side of signing: sign a result or a certified copy with the agency's key
(PAdES, TSA over HTTP), store the signed PDF with its SHA-256, advance the dossier to step 4.
Idempotent by job: a redelivered job that is done is skipped."""

from __future__ import annotations

import secrets
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

from archive import audit
from archive.db import session_scope
from archive.models import Document, Dossier, Job
from archive.reuse import DOC_TYPE_NAMES
from archive.storage import sha256_bytes
from signing import CertifiedCopyStamp, CopyType, QrContent, ResultStamp, sign_pdf

from .runtime import Runtime
from .signing_config import open_signer, sign_options, signing_setup

VERIFY_CODE_BYTES = 10


def new_verification_code() -> str:
    # 16 base32 characters: unguessable, short enough for a QR and to type from paper.
    return secrets.token_bytes(VERIFY_CODE_BYTES).hex().upper()[:16]


def _source_key(s: object, doc: Document) -> str:
    if doc.kind == "certified_copy" and doc.source_document_id is not None:
        source = s.get(Document, doc.source_document_id)  # type: ignore[attr-defined]
        assert source is not None
        return str(source.searchable_key or source.original_key)
    return doc.original_key


def sign_document_job(rt: Runtime, job_id: uuid.UUID, level: str, copy_type: str | None) -> None:
    with session_scope(rt.sessions) as s:
        job = s.get(Job, job_id, with_for_update=True)
        if job is None or job.state == "done" or job.document_id is None:
            return
        doc = s.get(Document, job.document_id)
        assert doc is not None
        dossier = s.get(Dossier, doc.dossier_id)
        assert dossier is not None
        job.state, job.started_at, job.attempts = "running", datetime.now(UTC), job.attempts + 1
        code = doc.verification_code or new_verification_code()
        doc.verification_code = code
        key, name = _source_key(s, doc), doc.filename
        qr = QrContent(
            verification_url=f"{rt.settings.public_url}/verify/{code}",
            dossier_code=dossier.code,
            owner_id=dossier.owner_id,
            document_name=DOC_TYPE_NAMES.get(doc.doc_type or "", name),
            procedure_code=dossier.procedure_code,
            valid_until=doc.valid_until,
        )
        doc_id, dossier_id = doc.id, dossier.id
    settings = rt.settings
    appearance = (
        CertifiedCopyStamp(CopyType[copy_type], settings.agency_name, qr=qr)
        if copy_type
        else ResultStamp(settings.agency_name, settings.leader_name, settings.leader_title, qr=qr)
    )
    setup = signing_setup(settings)
    with tempfile.TemporaryDirectory(prefix="sohoa-sign-") as tmp:
        source = Path(tmp) / "source.pdf"
        rt.storage.download(key, source)
        with open_signer(setup) as signer:
            signed = sign_pdf(
                source.read_bytes(),
                sign_options(setup, level),
                signer,
                appearance=appearance,
            )
        out = Path(tmp) / "signed.pdf"
        out.write_bytes(signed)
        checksum = sha256_bytes(signed)
        signed_key = f"signed/{doc_id}/{checksum.removeprefix('sha256:')}.pdf"
        rt.storage.put_file(signed_key, out, "application/pdf", checksum)
    now = datetime.now(UTC)
    with session_scope(rt.sessions) as s:
        doc = s.get(Document, doc_id)
        job = s.get(Job, job_id)
        assert doc is not None and job is not None
        doc.signed_key, doc.signed_sha256, doc.pades_level, doc.signed_at = (
            signed_key,
            checksum,
            level,
            now,
        )
        doc.status, doc.in_warehouse = "ready", True
        if doc.kind == "result":
            dossier = s.get(Dossier, dossier_id)
            assert dossier is not None
            dossier.status, dossier.signed_at = "signed", now
        job.state, job.finished_at, job.progress_done = "done", now, 1
        audit.record(
            s,
            None,
            "document_sign",
            "document",
            doc.id,
            owner_id=doc.owner_id,
            detail={"level": level, "sha256": checksum, "copy_type": copy_type},
        )


def _blank_pdf() -> bytes:
    from io import BytesIO

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def warm_up(rt: Runtime) -> None:
    """Sign a blank page in memory, B-B with the full stamp, so that the first real job of a
    worker process does not pay for imports, font subsetting, the QR code and opening the key
    (about a second, measured: cold jobs took 1.2 s, warm ones 0.2 s).

    Only with a key file: a signature made on an HSM or a token is logged and counted there,
    so no throw-away signature is made with one.
    """
    setup = signing_setup(rt.settings)
    if setup.pkcs12 is None:
        return
    qr = QrContent(
        verification_url=f"{rt.settings.public_url}/verify/WARMUP",
        dossier_code="000.00.00.H00-000000-0000",
        owner_id="000000000000",
        document_name="khởi động",
    )
    stamp = ResultStamp(
        rt.settings.agency_name, rt.settings.leader_name, rt.settings.leader_title, qr=qr
    )
    with open_signer(setup) as signer:
        sign_pdf(_blank_pdf(), sign_options(setup, "B-B"), signer, appearance=stamp)
