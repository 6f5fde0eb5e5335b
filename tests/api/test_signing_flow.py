"""Steps 2–5 of a dossier and certified copies through the API, signed by a worker against
the development PKI over HTTP (TSA, OCSP, CRL), and verified as an agency would."""

from __future__ import annotations

import json
import subprocess
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.samples import write_image, write_pdf
from tests.api.conftest import upload
from tests.conftest import OWNER_A, Account, open_dossier, wait_for_job
from tests.utils import bad_files
from tests.utils.scans import write_unique_pdf

pytestmark = pytest.mark.services

A4: dict[str, Any] = {"size_in": (8.27, 11.69), "pt": 13.0}
RESULT = [
    [
        "ỦY BAN NHÂN DÂN PHƯỜNG DỊCH VỌNG",
        "GIẤY KHAI SINH (BẢN CHÍNH)",
        "Họ, chữ đệm, tên: Nguyễn Thị Hằng",
        "Ngày sinh: 05/03/2021",
        "Số định danh: 001321004567",
    ],
]


def _post_file(api: httpx.Client, path: str, who: Account | None, file: Path) -> httpx.Response:
    with file.open("rb") as fh:
        return api.post(path, files={"file": (file.name, fh)}, headers=who.headers if who else {})


def _verify(api: httpx.Client, data: bytes, tmp: Path) -> dict[str, Any]:
    f = tmp / "to-verify.pdf"
    f.write_bytes(data)
    r = _post_file(api, "/verify", None, f)
    assert r.status_code == 200, r.text
    return dict(r.json())


@pytest.fixture(scope="module")
def signed(
    api: httpx.Client, accounts: dict[str, Account], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("sign")
    clerk = accounts["clerk_a"]
    dossier = open_dossier(api, clerk, OWNER_A, "Nguyễn Văn An")
    ref = dossier["code"]
    # Signing before there is an approved result is refused, with the step named.
    early = api.post(f"/dossiers/{ref}/sign", json={}, headers=clerk.headers)
    assert early.status_code == 409 and early.json()["code"] == "wrong_step"
    result_pdf = write_pdf(
        tmp / "ket-qua.pdf", RESULT, 150, **A4
    )  # Pillow-written: needs a rewrite
    r = _post_file(api, f"/dossiers/{ref}/result", clerk, result_pdf)
    assert r.status_code == 201, r.text
    assert (
        api.post(f"/dossiers/{ref}/approve", headers=clerk.headers).json()["status"] == "approved"
    )
    r = api.post(f"/dossiers/{ref}/sign", json={"level": "B-LTA"}, headers=clerk.headers)
    assert r.status_code == 202, r.text
    job = wait_for_job(api, clerk, r.json()["job_id"], timeout_s=180)
    assert job["state"] == "done", job
    doc = api.get(f"/documents/{r.json()['document_id']}", headers=clerk.headers).json()
    pdf = api.get(
        f"/documents/{doc['id']}/file", params={"variant": "signed"}, headers=clerk.headers
    )
    assert pdf.status_code == 200
    return {"dossier": dossier, "ref": ref, "doc": doc, "pdf": pdf.content, "tmp": tmp}


def test_result_signed_at_b_lta_and_dossier_at_step_4(
    api: httpx.Client, accounts: dict[str, Account], signed: dict[str, Any]
) -> None:
    assert signed["doc"]["pades_level"] == "B-LTA" and signed["doc"]["verification_code"]
    dossier = api.get(f"/dossiers/{signed['ref']}", headers=accounts["clerk_a"].headers).json()
    assert dossier["status"] == "signed"
    assert dossier["reviewing_at"] and dossier["approved_at"] and dossier["signed_at"]


def test_signed_result_verifies_and_matches_archive(
    api: httpx.Client, signed: dict[str, Any]
) -> None:
    report = _verify(api, signed["pdf"], signed["tmp"])
    assert report["verdict"] == "valid", report["reasons"]
    (sig, *timestamps) = report["signatures"]
    assert sig["intact"] and sig["trusted"] and sig["pades_level"] == "B-LTA"
    assert sig["timestamp"]["time"] and sig["revocation"]["status"] == "good"
    assert timestamps and timestamps[0]["kind"] == "document_timestamp"
    assert report["archive_copy"]["identical"] is True
    assert report["document"]["dossier_code"] == signed["ref"]


def test_poppler_finds_the_signature_intact(signed: dict[str, Any]) -> None:
    f = signed["tmp"] / "signed.pdf"
    f.write_bytes(signed["pdf"])
    out = subprocess.run(["pdfsig", str(f)], capture_output=True, timeout=60, check=False)
    assert b"Signature Validation: Signature is Valid." in out.stdout, out.stdout


def test_tampered_copy_is_invalid(api: httpx.Client, signed: dict[str, Any]) -> None:
    # GIVEN the signed result, WHEN one bit of the page image (inside the signed byte range)
    # is flipped, THEN the verdict is invalid and the file is not the archived one.
    data = bytearray(signed["pdf"])
    at = data.index(b"\xff\xd8\xff") + 500  # inside the page's JPEG data
    data[at] ^= 0x01
    report = _verify(api, bytes(data), signed["tmp"])
    assert report["verdict"] == "invalid"
    assert report["document"] is None  # not the archived file


def test_a_signed_paper_brought_to_the_counter_says_whether_its_signature_holds(
    api: httpx.Client, accounts: dict[str, Account], signed: dict[str, Any]
) -> None:
    # GIVEN the citizen brings the signed result to another procedure as one of their papers
    # (and, to another one, a copy altered after signing), WHEN the clerk uploads them, THEN
    # each document says whether its signature holds, and whose it is, without a new upload
    # to /verify; an unsigned paper says nothing of signatures.
    clerk, tmp = accounts["clerk_a"], signed["tmp"]
    dossier = open_dossier(api, clerk, OWNER_A, "Nguyễn Văn An")
    tampered = bytearray(signed["pdf"])
    tampered[tampered.index(b"\xff\xd8\xff") + 500] ^= 0x01
    (tmp / "to-protect.pdf").write_bytes(signed["pdf"])
    protected = bad_files.protect(tmp / "to-protect.pdf", tmp / "protected.pdf").read_bytes()
    docs = {}
    for name, data in (
        ("signed", signed["pdf"]),
        ("tampered", bytes(tampered)),
        ("protected", protected),
    ):
        path = tmp / f"ban-dien-tu-{name}.pdf"
        path.write_bytes(data)
        r = _post_file(api, f"/dossiers/{dossier['id']}/documents", clerk, path)
        assert r.status_code == 202, r.text
        assert wait_for_job(api, clerk, r.json()["job_id"])["state"] == "done"
        docs[name] = api.get(f"/documents/{r.json()['document_id']}", headers=clerk.headers).json()
    valid = docs["signed"]["arrived_signatures"]
    assert valid["verdict"] == "valid" and valid["reasons"] == []
    (signer,) = valid["signers"]
    assert signer["verdict"] == "valid" and signer["pades_level"] == "B-LTA"
    assert signer["name"] and signer["timestamp"]
    broken = docs["tampered"]["arrived_signatures"]
    assert broken["verdict"] == "invalid"
    assert any("thay đổi sau khi ký" in r["message_vi"] for r in broken["reasons"])
    # Re-saved with an owner password, it cannot be checked here: said so, not called valid.
    unchecked = docs["protected"]["arrived_signatures"]
    assert unchecked["verdict"] == "indeterminate"
    assert unchecked["reasons"][0]["code"] == "encrypted_pdf"
    plain = _post_file(
        api, f"/dossiers/{dossier['id']}/documents", clerk, write_unique_pdf(tmp / "p.pdf", RESULT)
    )
    assert wait_for_job(api, clerk, plain.json()["job_id"])["state"] == "done"
    unsigned = api.get(f"/documents/{plain.json()['document_id']}", headers=clerk.headers)
    assert unsigned.json()["arrived_signatures"] is None


def test_qr_code_page_in_vietnamese_and_json(api: httpx.Client, signed: dict[str, Any]) -> None:
    code = signed["doc"]["verification_code"]
    base = str(api.base_url).rstrip("/").removesuffix("/api/v1")
    page = httpx.get(f"{base}/verify/{code}", timeout=60)
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "HỢP LỆ" in page.text and signed["ref"] in page.text
    as_json = httpx.get(f"{base}/verify/{code}", headers={"Accept": "application/json"}, timeout=60)
    assert as_json.json()["verdict"] == "valid"
    missing = httpx.get(f"{base}/verify/KHONGCO", headers={"Accept": "application/json"})
    assert missing.status_code == 404 and missing.json()["message_vi"]


def test_return_then_citizen_holds_the_result(
    api: httpx.Client, accounts: dict[str, Account], signed: dict[str, Any]
) -> None:
    clerk = accounts["clerk_a"]
    returned = api.post(f"/dossiers/{signed['ref']}/return", headers=clerk.headers).json()
    assert returned["status"] == "returned" and returned["returned_at"]
    mine = api.get("/me/documents", headers=accounts["citizen_a"].headers).json()
    held = {d["id"]: d for d in mine["items"]}
    assert held[signed["doc"]["id"]]["kind"] == "result"
    assert held[signed["doc"]["id"]]["in_warehouse"] is True
    again = api.post(f"/dossiers/{signed['ref']}/return", headers=clerk.headers)
    assert again.status_code == 409


def test_certified_copy_of_an_intake_paper(
    api: httpx.Client, accounts: dict[str, Account], processed: dict[str, Any], tmp_path: Path
) -> None:
    clerk = accounts["clerk_a"]
    lines = [*RESULT[0], f"Mã kiểm thử {uuid.uuid4().hex[:8]}"]  # new bytes each run
    a4 = write_image(tmp_path / "giay-khai-sinh.png", lines, 150, **A4)
    up = upload(api, clerk, processed["dossier"]["id"], a4)
    assert (
        up.status_code == 202 and wait_for_job(api, clerk, up.json()["job_id"])["state"] == "done"
    )
    source = up.json()["document_id"]
    r = api.post(
        f"/documents/{source}/certified-copy",
        json={"copy_type": "SAO_Y", "level": "B-T"},
        headers=clerk.headers,
    )
    assert r.status_code == 202, r.text
    assert wait_for_job(api, clerk, r.json()["job_id"], timeout_s=180)["state"] == "done"
    copy = api.get(f"/documents/{r.json()['document_id']}", headers=clerk.headers).json()
    assert copy["kind"] == "certified_copy" and copy["source_document_id"] == source
    pdf = api.get(
        f"/documents/{copy['id']}/file", params={"variant": "signed"}, headers=clerk.headers
    ).content
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, timeout=60, check=True
    ).stdout.decode()
    assert "SAO Y" in text and "+07:00" in text
    bad = api.post(
        f"/documents/{source}/certified-copy", json={"copy_type": "BAN_NHAP"}, headers=clerk.headers
    )
    assert bad.status_code == 422


def test_bad_results_and_bad_verifications_get_codes(
    api: httpx.Client, accounts: dict[str, Account], tmp_path: Path
) -> None:
    clerk = accounts["clerk_a"]
    dossier = open_dossier(api, clerk, OWNER_A, "Nguyễn Văn An")
    jpeg = write_image(tmp_path / "ket-qua.jpg", RESULT[0], 100)
    r = _post_file(api, f"/dossiers/{dossier['id']}/result", clerk, jpeg)
    assert r.status_code == 415 and r.json()["code"] == "unsupported_file_type"
    r = _post_file(
        api, f"/dossiers/{dossier['id']}/result", clerk, bad_files.encrypted_pdf(tmp_path)
    )
    assert r.status_code == 422 and r.json()["code"] == "encrypted_pdf"
    # A result protected against changes opens, but a signature would be a change.
    plain = write_pdf(tmp_path / "ket-qua.pdf", RESULT)
    protected = bad_files.protect(plain, tmp_path / "ket-qua-bao-ve.pdf")
    r = _post_file(api, f"/dossiers/{dossier['id']}/result", clerk, protected)
    assert r.status_code == 422 and r.json()["code"] == "protected_pdf"
    assert "mật khẩu chủ sở hữu" in r.json()["message_vi"]
    for bad in (bad_files.text_file(tmp_path), bad_files.truncated_pdf(tmp_path)):
        r = _post_file(api, "/verify", None, bad)
        assert 400 <= r.status_code < 500, r.text
        assert r.json()["code"] and r.json()["message_vi"]
    unsigned = write_pdf(tmp_path / "unsigned.pdf", RESULT, 100)
    report = _post_file(api, "/verify", None, unsigned).json()
    assert report["verdict"] in ("invalid", "indeterminate") and report["reasons"]


def test_cli_sign_verify_and_root(settings: Any, tmp_path: Path) -> None:
    sohoa = str(Path(".venv/bin/sohoa").resolve())
    src = write_pdf(tmp_path / "in.pdf", RESULT, 100, **A4)
    out = tmp_path / "out.pdf"
    proc = subprocess.run(
        [sohoa, "sign", str(src), str(out), "--level", "B-T", "--copy-type", "TRICH_SAO"],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    proc = subprocess.run(
        [sohoa, "verify", str(out), "--json"], capture_output=True, timeout=180, check=False
    )
    body = json.loads(proc.stdout)
    assert proc.returncode == 0 and body["verdict"] == "valid"
    assert body["signatures"][0]["pades_level"] == "B-T"
    root = tmp_path / "root.pem"
    proc = subprocess.run(
        [sohoa, "pki", "root", "--out", str(root)], capture_output=True, timeout=60, check=False
    )
    assert proc.returncode == 0 and root.read_text().startswith("-----BEGIN CERTIFICATE-----")
