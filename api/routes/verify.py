"""Verification for agencies: upload a signed PDF, or open the code a QR carries.

Who may call it: anyone, without an account, rate-limited per client address. An agency
officer must be able to check a paper a citizen hands over by scanning its QR with a phone;
the answer says only whether the signatures hold, who signed, when, and the document's name and
dossier code — facts printed on the paper itself — never its content or the owner's other papers.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Any

import redis
from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import or_, select

from archive import audit
from archive.models import Document, Dossier
from archive.reuse import DOC_TYPE_NAMES
from archive.storage import sha256_file
from signing import verify_pdf

from ..deps import RuntimeDep, SessionDep
from ..errors import MissingFile, NotFoundPublic, RateLimited
from ..intake import spooled_upload
from ..runtime import Runtime
from ..signing_config import signing_setup, verify_options

router = APIRouter(tags=["verification"])
public = APIRouter(tags=["verification"])
_pages = Environment(
    loader=FileSystemLoader(Path(__file__).parents[1] / "templates"),
    autoescape=select_autoescape(["html"]),
)
VERDICT_VI = {
    "valid": "HỢP LỆ — văn bản nguyên vẹn, chữ ký tin cậy",
    "invalid": "KHÔNG HỢP LỆ",
    "indeterminate": "CHƯA XÁC ĐỊNH ĐƯỢC",
}


def _rate_limit(rt: Runtime, request: Request) -> None:
    client = request.client.host if request.client else "unknown"
    key = f"sohoa:verify:{client}:{int(time.time() // 60)}"
    try:
        r = redis.Redis.from_url(rt.settings.redis_url, socket_timeout=2, socket_connect_timeout=2)
        count = r.incr(key)
        r.expire(key, 120)
    except redis.RedisError:
        return  # the limiter failing open is better than refusing every verifier
    if int(count) > rt.settings.verify_rate_per_minute:
        raise RateLimited(client)


def _archived(session: SessionDep, sha256: str) -> Document | None:
    return (
        session.execute(
            select(Document).where(
                or_(Document.signed_sha256 == sha256, Document.original_sha256 == sha256),
                Document.signed_key.is_not(None),
            )
        )
        .scalars()
        .first()
    )


def _describe(session: SessionDep, doc: Document) -> dict[str, Any]:
    dossier = session.get(Dossier, doc.dossier_id)
    return {
        "name": DOC_TYPE_NAMES.get(doc.doc_type or "", doc.filename),
        "dossier_code": dossier.code if dossier else None,
        "signed_at": doc.signed_at.isoformat() if doc.signed_at else None,
        "pades_level": doc.pades_level,
        "verification_code": doc.verification_code,
    }


@router.post("/verify")
def verify_upload(
    request: Request,
    rt: RuntimeDep,
    session: SessionDep,
    file: Annotated[UploadFile | None, File(description="the signed PDF to check")] = None,
) -> JSONResponse:
    """Verify an uploaded signed PDF; if the archive holds it, say whether it is identical."""
    _rate_limit(rt, request)
    if file is None:
        raise MissingFile()
    with spooled_upload(file.file, rt.settings.max_upload_bytes) as path:
        checksum = sha256_file(path)
        held = _archived(session, checksum)
        report = verify_pdf(
            path.read_bytes(),
            verify_options(signing_setup(rt.settings)),
            archived_sha256=held.signed_sha256 if held else None,
        )
    body = report.to_dict()
    body["document"] = _describe(session, held) if held else None
    audit.record(
        session,
        None,
        "verify_upload",
        "document",
        held.id if held else "-",
        owner_id=held.owner_id if held else None,
        detail={
            "verdict": body["verdict"],
            "client": request.client.host if request.client else None,
        },
    )
    return JSONResponse(body)


@public.get("/verify/{code}", response_model=None)
def verify_code(code: str, request: Request, rt: RuntimeDep, session: SessionDep) -> Any:
    """The QR's target: HTML in Vietnamese, or JSON with ``Accept: application/json``."""
    _rate_limit(rt, request)
    doc = session.execute(
        select(Document).where(Document.verification_code == code.strip().upper())
    ).scalar_one_or_none()
    if doc is None or not doc.signed_key or not doc.signed_sha256:
        raise NotFoundPublic(code)
    data = b"".join(rt.storage.open_range(doc.signed_key))
    report = verify_pdf(
        data, verify_options(signing_setup(rt.settings)), archived_sha256=doc.signed_sha256
    )
    body = report.to_dict()
    body["document"] = _describe(session, doc)
    audit.record(
        session,
        None,
        "verify_code",
        "document",
        doc.id,
        owner_id=doc.owner_id,
        detail={"verdict": body["verdict"]},
    )
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse(body)
    html = _pages.get_template("verify.html").render(
        report=body,
        document=body["document"],
        verdict=body["verdict"],
        verdict_vi=VERDICT_VI.get(body["verdict"], body["verdict"]),
    )
    return HTMLResponse(html)
