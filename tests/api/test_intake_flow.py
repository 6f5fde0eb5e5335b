"""A clerk's dossier end to end through the real API, worker, MinIO, PostgreSQL, Tesseract."""

from __future__ import annotations

import hashlib
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from api import services, serving
from api.runtime import Runtime
from archive.models import AuditEvent
from tests.api.conftest import upload
from tests.conftest import OWNER_A, Account, open_dossier, wait_for_job
from tests.utils.scans import PAGES, render_page, unique_lines, write_jpeg

pytestmark = pytest.mark.services


def _pdftotext(data: bytes, tmp: Path) -> list[str]:
    pdf = tmp / "out.pdf"
    pdf.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, timeout=60
    ).stdout.decode()
    return [unicodedata.normalize("NFC", page) for page in text.split("\f")]


def test_dossier_code_follows_circular_01_2018(processed: dict[str, Any]) -> None:
    code = processed["dossier"]["code"]
    agency, day, number = code.rsplit("-", 2)
    assert agency == "000.00.01.H29" and len(day) == 6 and len(number) == 4
    assert processed["dossier"]["status"] == "received"


def test_jobs_finish_with_full_progress(processed: dict[str, Any]) -> None:
    assert processed["jobs"]["pdf"]["state"] == "done", processed["jobs"]["pdf"]
    assert processed["jobs"]["pdf"]["progress"] == {"done": 3, "total": 3}
    assert processed["jobs"]["jpeg"]["state"] == "done"
    assert processed["uploads"]["pdf"]["page_count"] == 3


def test_original_comes_back_byte_identical(
    api: httpx.Client, accounts: dict[str, Account], processed: dict[str, Any]
) -> None:
    for kind, path in processed["files"].items():
        doc_id = processed["uploads"][kind]["document_id"]
        r = api.get(f"/documents/{doc_id}/file", headers=accounts["clerk_a"].headers)
        assert r.status_code == 200
        expected = hashlib.sha256(path.read_bytes()).hexdigest()
        assert hashlib.sha256(r.content).hexdigest() == expected
        assert r.headers["X-Content-SHA256"] == expected
        assert processed["uploads"][kind]["sha256"] == f"sha256:{expected}"


def test_range_request_returns_the_slice(
    api: httpx.Client, accounts: dict[str, Account], processed: dict[str, Any]
) -> None:
    doc_id = processed["uploads"]["pdf"]["document_id"]
    original = processed["files"]["pdf"].read_bytes()
    r = api.get(
        f"/documents/{doc_id}/file",
        headers={**accounts["clerk_a"].headers, "Range": "bytes=10-109"},
    )
    assert r.status_code == 206
    assert r.content == original[10:110]
    assert r.headers["Content-Range"] == f"bytes 10-109/{len(original)}"
    bad = api.get(
        f"/documents/{doc_id}/file",
        headers={**accounts["clerk_a"].headers, "Range": f"bytes={len(original) + 5}-"},
    )
    assert bad.status_code == 416 and bad.json()["code"] == "bad_range"


def test_searchable_pdf_has_the_words_of_each_page(
    api: httpx.Client, accounts: dict[str, Account], processed: dict[str, Any]
) -> None:
    doc_id = processed["uploads"]["pdf"]["document_id"]
    r = api.get(
        f"/documents/{doc_id}/file",
        params={"variant": "searchable"},
        headers=accounts["clerk_a"].headers,
    )
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    pages = _pdftotext(r.content, processed["tmp"])
    assert "GIẤY KHAI SINH" in pages[0] and "Hằng" in pages[0]
    assert "001190012345" in pages[1] and "Cầu Giấy" in pages[1]
    assert "TỜ KHAI" in pages[2] and "Đức" in pages[2]
    # The text is also stored per page in the database.
    meta = api.get(
        f"/documents/{doc_id}", params={"pages": True}, headers=accounts["clerk_a"].headers
    )
    body = meta.json()
    assert body["status"] == "ready" and [p["index"] for p in body["pages"]] == [0, 1, 2]
    assert "Cầu Giấy" in body["pages"][1]["text"]


def test_citizen_sees_own_papers_only(
    api: httpx.Client, accounts: dict[str, Account], processed: dict[str, Any]
) -> None:
    doc_id = processed["uploads"]["pdf"]["document_id"]
    mine = api.get("/me/documents", headers=accounts["citizen_a"].headers)
    assert mine.status_code == 200
    assert doc_id in {d["id"] for d in mine.json()["items"]}
    assert api.get(f"/documents/{doc_id}", headers=accounts["citizen_a"].headers).status_code == 200
    # Citizen B, a clerk of another centre, and a verifier without a share: not found.
    for other in ("citizen_b", "clerk_b", "verifier"):
        r = api.get(f"/documents/{doc_id}", headers=accounts[other].headers)
        assert r.status_code == 404, other
        assert r.json()["code"] == "not_found"
        assert (
            api.get(f"/documents/{doc_id}/file", headers=accounts[other].headers).status_code == 404
        )
    theirs = api.get("/me/documents", headers=accounts["citizen_b"].headers).json()
    assert doc_id not in {d["id"] for d in theirs["items"]}
    # Clerk B cannot list citizen A's warehouse at centre A either.
    listed = api.get(f"/owners/{OWNER_A}/documents", headers=accounts["clerk_b"].headers).json()
    assert doc_id not in {d["id"] for d in listed["items"]}


def test_roles_and_tokens_are_enforced(
    api: httpx.Client, accounts: dict[str, Account], processed: dict[str, Any]
) -> None:
    doc_id = processed["uploads"]["pdf"]["document_id"]
    r = api.get(f"/documents/{doc_id}")
    assert r.status_code == 401 and r.json()["code"] == "not_authenticated"
    assert (
        api.get("/me/documents", headers={"Authorization": "Bearer forged.token.x"}).status_code
        == 401
    )
    r = api.post(
        "/dossiers",
        json={"owner_id": OWNER_A, "owner_name": "X", "procedure_code": "1"},
        headers=accounts["citizen_a"].headers,
    )
    assert r.status_code == 403 and r.json()["code"] == "forbidden"
    r = api.post("/auth/token", data={"username": accounts["clerk_a"].username, "password": "sai"})
    assert r.status_code == 401 and r.json()["code"] == "bad_credentials"


def test_citizen_sees_who_accessed_their_papers(
    api: httpx.Client, accounts: dict[str, Account], processed: dict[str, Any]
) -> None:
    doc_id = processed["uploads"]["pdf"]["document_id"]
    api.get(f"/documents/{doc_id}", headers=accounts["clerk_a"].headers)
    log = api.get("/me/access-log", headers=accounts["citizen_a"].headers)
    assert log.status_code == 200
    entries = [e for e in log.json()["items"] if e["document_id"] == doc_id]
    clerk_reads = [e for e in entries if e["actor"] == accounts["clerk_a"].username]
    assert {"document_upload", "document_read"} <= {e["action"] for e in clerk_reads}
    assert clerk_reads[0]["actor_role"] == "clerk" and clerk_reads[0]["actor_centre"]
    other = api.get("/me/access-log", headers=accounts["citizen_b"].headers).json()
    assert doc_id not in {e["document_id"] for e in other["items"]}
    assert api.get("/me/access-log", headers=accounts["clerk_a"].headers).status_code == 403


def test_every_document_read_is_audited(
    settings: Any, api: httpx.Client, accounts: dict[str, Account], processed: dict[str, Any]
) -> None:
    doc_id = processed["uploads"]["jpeg"]["document_id"]
    api.get(f"/documents/{doc_id}", headers=accounts["citizen_a"].headers)
    rt = Runtime(settings)
    with rt.sessions() as s:
        actions = s.execute(
            select(AuditEvent.action, AuditEvent.actor).where(AuditEvent.object_id == doc_id)
        ).all()
    rt.engine.dispose()
    assert ("document_upload", accounts["clerk_a"].username) in actions
    assert ("document_read", accounts["citizen_a"].username) in actions
    assert ("document_ocr", "system") in actions


def test_full_restart_loses_nothing(
    stack: Any, api: httpx.Client, accounts: dict[str, Account], processed: dict[str, Any]
) -> None:
    # GIVEN a processed dossier, WHEN the API, the worker, PostgreSQL, Redis and MinIO all
    # stop and start again, THEN every file and record is there and work goes on.
    serving.stop(stack)
    services.down(stack, log=lambda _: None)
    services.up(stack, log=lambda _: None)
    serving.start_detached(stack, 2)
    clerk = accounts["clerk_a"]
    for kind, path in processed["files"].items():
        doc_id = processed["uploads"][kind]["document_id"]
        r = api.get(f"/documents/{doc_id}/file", headers=clerk.headers)
        assert (
            hashlib.sha256(r.content).hexdigest() == hashlib.sha256(path.read_bytes()).hexdigest()
        )
        assert api.get(f"/documents/{doc_id}", headers=clerk.headers).json()["status"] == "ready"
    # And the restarted worker still processes new uploads.
    jpeg = write_jpeg(processed["tmp"] / "after-restart.jpg", PAGES[1])
    r = upload(api, clerk, processed["dossier"]["id"], jpeg)
    assert r.status_code == 202
    assert wait_for_job(api, clerk, r.json()["job_id"])["state"] == "done"


def test_same_file_again_is_reused_not_stored_twice(
    api: httpx.Client, accounts: dict[str, Account], processed: dict[str, Any]
) -> None:
    clerk = accounts["clerk_a"]
    later = open_dossier(api, clerk, OWNER_A, "Nguyễn Văn An")
    r = upload(api, clerk, later["id"], processed["files"]["jpeg"])
    assert r.status_code == 200, r.text
    body = r.json()
    held = processed["uploads"]["jpeg"]["document_id"]
    assert body["job_id"] is None and body["document_id"] == held
    assert body["reused"]["document_id"] == held
    assert body["reused"]["message_vi"].startswith("Đã có trong kho")
    listed = api.get(f"/dossiers/{later['id']}/documents", headers=clerk.headers).json()
    assert [d["id"] for d in listed["items"]] == [held]


def test_an_iphone_photo_is_taken_read_and_kept_as_it_came(
    api: httpx.Client, accounts: dict[str, Account], tmp_path: Path
) -> None:
    # A citizen's paper photographed on an iPhone arrives as HEIC: taken by its content,
    # read, kept byte for byte with its own type, and given a searchable PDF.
    clerk = accounts["clerk_a"]
    dossier = open_dossier(api, clerk, OWNER_A, "Nguyễn Văn An")
    photo = tmp_path / "IMG_2231.HEIC"
    render_page(unique_lines(PAGES[1]), dpi=300).save(photo, quality=90)
    r = upload(api, clerk, dossier["id"], photo)
    assert r.status_code == 202, r.text
    assert r.json()["media_type"] == "image/heic" and r.json()["quality"]["verdict"] != "reject"
    assert wait_for_job(api, clerk, r.json()["job_id"])["state"] == "done"
    doc_id = r.json()["document_id"]
    original = api.get(f"/documents/{doc_id}/file", headers=clerk.headers)
    assert original.content == photo.read_bytes()
    assert original.headers["content-type"] == "image/heic"
    searchable = api.get(
        f"/documents/{doc_id}/file", params={"variant": "searchable"}, headers=clerk.headers
    )
    assert "001190012345" in _pdftotext(searchable.content, tmp_path)[0]
