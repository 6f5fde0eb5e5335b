"""Every bad upload gets a clear 4xx with its code, and the service goes on working."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import OWNER_A, Account, open_dossier, wait_for_job
from tests.utils import bad_files
from tests.utils.scans import PAGES, write_jpeg

pytestmark = pytest.mark.services


@pytest.fixture(scope="module")
def dossier(api: httpx.Client, accounts: dict[str, Account]) -> dict[str, Any]:
    return open_dossier(api, accounts["clerk_a"], OWNER_A, "Nguyễn Văn An")


def _post(api: httpx.Client, clerk: Account, dossier_id: str, path: Path) -> httpx.Response:
    with path.open("rb") as fh:
        return api.post(
            f"/dossiers/{dossier_id}/documents",
            files={"file": (path.name, fh)},
            headers=clerk.headers,
        )


def _assert_error(r: httpx.Response, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["code"] == code
    assert body["message_vi"] and body["message_en"]


@pytest.mark.parametrize(
    ("case", "status"),
    [
        ("empty", 422),
        ("executable_renamed_pdf", 415),
        ("text_file", 415),
        ("truncated_pdf", 422),
        ("encrypted_pdf", 422),
        ("bomb_png", 422),
    ],
)
def test_bad_file_refused_with_code(
    case: str,
    status: int,
    api: httpx.Client,
    accounts: dict[str, Account],
    dossier: dict[str, Any],
    tmp_path: Path,
) -> None:
    factory, code = bad_files.SIMPLE_CASES[case]
    _assert_error(_post(api, accounts["clerk_a"], dossier["id"], factory(tmp_path)), status, code)


def test_over_size_limit(
    settings: Any,
    api: httpx.Client,
    accounts: dict[str, Account],
    dossier: dict[str, Any],
    tmp_path: Path,
) -> None:
    path = bad_files.oversized(tmp_path, settings.max_upload_bytes)
    _assert_error(_post(api, accounts["clerk_a"], dossier["id"], path), 413, "file_too_large")


def test_over_page_limit(
    settings: Any,
    api: httpx.Client,
    accounts: dict[str, Account],
    dossier: dict[str, Any],
    tmp_path: Path,
) -> None:
    path = bad_files.too_many_pages(tmp_path, settings.max_pages)
    _assert_error(_post(api, accounts["clerk_a"], dossier["id"], path), 422, "too_many_pages")


def test_missing_file_field_and_bad_dossier_body(
    api: httpx.Client, accounts: dict[str, Account], dossier: dict[str, Any]
) -> None:
    clerk = accounts["clerk_a"]
    r = api.post(f"/dossiers/{dossier['id']}/documents", headers=clerk.headers)
    _assert_error(r, 422, "missing_file")
    r = api.post(
        "/dossiers",
        json={"owner_id": "12345", "owner_name": "A", "procedure_code": "1"},
        headers=clerk.headers,
    )
    _assert_error(r, 422, "invalid_owner_id")
    r = api.post("/dossiers", json={"owner_id": OWNER_A}, headers=clerk.headers)
    _assert_error(r, 422, "invalid_request")
    r = api.get("/dossiers/not-a-dossier", headers=clerk.headers)
    _assert_error(r, 404, "not_found")


def test_damaged_image_is_refused_at_the_counter(
    api: httpx.Client, accounts: dict[str, Account], dossier: dict[str, Any], tmp_path: Path
) -> None:
    # A JPEG cut short: its header passes the limits, but the quality gate decodes the page
    # at intake, so the clerk hears it at once and nothing is stored.
    good = write_jpeg(tmp_path / "good.jpg", PAGES[0]).read_bytes()
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(good[: len(good) // 3])
    before = api.get(f"/dossiers/{dossier['id']}/documents", headers=accounts["clerk_a"].headers)
    r = _post(api, accounts["clerk_a"], dossier["id"], cut)
    _assert_error(r, 422, "damaged_file")
    after = api.get(f"/dossiers/{dossier['id']}/documents", headers=accounts["clerk_a"].headers)
    assert after.json()["total"] == before.json()["total"]


def test_service_still_works_after_bad_inputs(
    api: httpx.Client, accounts: dict[str, Account], dossier: dict[str, Any], tmp_path: Path
) -> None:
    r = _post(api, accounts["clerk_a"], dossier["id"], write_jpeg(tmp_path / "ok.jpg", PAGES[2]))
    assert r.status_code == 202
    assert wait_for_job(api, accounts["clerk_a"], r.json()["job_id"])["state"] == "done"
    assert api.get("/health").status_code == 200


def test_oversized_body_refused_from_headers(
    settings: Any, accounts: dict[str, Account], dossier: dict[str, Any]
) -> None:
    # GIVEN a client announcing a body far over the limit, THEN the answer (413) comes from
    # the headers alone: the server never waits for, reads or spools the body.
    huge = settings.max_upload_bytes * 4
    request = (
        f"POST /api/v1/dossiers/{dossier['id']}/documents HTTP/1.1\r\n"
        f"Host: {settings.host}\r\n"
        f"Authorization: {accounts['clerk_a'].headers['Authorization']}\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\n"
        f"Content-Length: {huge}\r\nConnection: close\r\n\r\n"
    )
    with socket.create_connection((settings.host, settings.api_port), timeout=10) as sock:
        sock.sendall(request.encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413"), head
    assert json.loads(body)["code"] == "file_too_large"
