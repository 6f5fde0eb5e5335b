"""The quality gate through the real service: the clerk reads the verdict in the upload's
answer, the worker's final verdict (with OCR confidence) lands on the document, a rejected
paper stays out of the warehouse, and a blank page is flagged but kept."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import cv2
import httpx
import numpy as np
import pytest
from PIL import Image

from api.samples import render_page
from ocr.synthetic import render_card_front
from tests.api.conftest import upload
from tests.conftest import OWNER_A, Account, open_dossier, wait_for_job
from tests.utils.scans import (
    PAGES,
    id_card_photo,
    id_card_scan,
    save_unique,
    unique_lines,
    write_unique_pdf,
)

pytestmark = pytest.mark.services


@pytest.fixture(scope="module")
def dossier(api: httpx.Client, accounts: dict[str, Account]) -> dict[str, Any]:
    return open_dossier(api, accounts["clerk_a"], OWNER_A, "Nguyễn Văn An")


def _document(api: httpx.Client, clerk: Account, doc_id: str) -> dict[str, Any]:
    r = api.get(f"/documents/{doc_id}", headers=clerk.headers)
    assert r.status_code == 200, r.text
    return dict(r.json())


def test_blurred_scan_is_rejected_in_the_upload_answer(
    api: httpx.Client, accounts: dict[str, Account], dossier: dict[str, Any], tmp_path: Path
) -> None:
    clerk = accounts["clerk_a"]
    lines = unique_lines(list(PAGES[1]) * 2)
    sharp = np.asarray(render_page(lines, dpi=300, size_in=(8.27, 11.69), pt=12))
    path = tmp_path / "mo.jpg"
    Image.fromarray(cv2.GaussianBlur(sharp, (0, 0), 6.0)).save(path, dpi=(300, 300), quality=90)

    r = upload(api, clerk, dossier["id"], path)
    assert r.status_code == 202, r.text
    quality = r.json()["quality"]
    assert quality["stage"] == "intake" and quality["verdict"] == "reject"
    blurred = next(x for x in quality["reasons"] if x["code"] == "blurred")
    assert blurred["pages"] == [1] and "300 dpi" in blurred["message_vi"]

    # The worker still reads it (nothing is thrown away) and judges it again, with the OCR.
    job = wait_for_job(api, clerk, r.json()["job_id"])
    assert job["state"] == "done", job
    doc = _document(api, clerk, r.json()["document_id"])
    assert doc["quality"]["stage"] == "ocr" and doc["quality"]["verdict"] == "reject"
    assert "mean_word_confidence" in doc["quality"]["pages"][0]["metrics"]
    # A paper that must be rescanned does not enter the owner's warehouse on its own.
    assert doc["in_warehouse"] is False


def test_glare_over_the_text_is_rejected_with_what_to_do(
    api: httpx.Client, accounts: dict[str, Account], dossier: dict[str, Any], tmp_path: Path
) -> None:
    # A phone photo of a laminated paper: grey-ish paper, the flash blown out over the text.
    clerk = accounts["clerk_a"]
    lines = unique_lines(list(PAGES[1]) * 2)
    page = np.asarray(render_page(lines, dpi=300, size_in=(8.27, 11.69), pt=12)).astype(float)
    h, w = page.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    spot = np.clip(1.6 - np.hypot(xx - w / 2, (yy - h * 0.3) * 1.3) / (0.1 * w), 0, 1)
    photo = (page * 0.85 + spot[..., None] * 400).clip(0, 255).astype(np.uint8)
    path = tmp_path / "loa-sang.jpg"
    Image.fromarray(photo).save(path, dpi=(300, 300), quality=90)

    r = upload(api, clerk, dossier["id"], path)
    assert r.status_code == 202, r.text
    quality = r.json()["quality"]
    assert quality["verdict"] == "reject"
    glare = next(x for x in quality["reasons"] if x["code"] == "glare")
    assert (
        glare["pages"] == [1] and "flash" in glare["message_vi"] and "flash" in glare["message_en"]
    )
    assert quality["pages"][0]["metrics"]["glare_sq_in"] >= 0.5
    assert wait_for_job(api, clerk, r.json()["job_id"])["state"] == "done"


def test_a_page_cut_off_by_the_scanner_warns_with_the_side(
    api: httpx.Client, accounts: dict[str, Account], dossier: dict[str, Any], tmp_path: Path
) -> None:
    # A paper wider than the scanner's glass: its lines run into the scan's right edge.
    clerk = accounts["clerk_a"]
    lines = unique_lines([f"{line} — {line}" for line in PAGES[0]] * 3)
    page = np.asarray(render_page(lines, dpi=300, size_in=(8.27, 11.69), pt=12))
    path = tmp_path / "mat-canh.png"
    Image.fromarray(np.ascontiguousarray(page[:, : page.shape[1] * 2 // 3])).save(
        path, dpi=(300, 300)
    )

    r = upload(api, clerk, dossier["id"], path)
    assert r.status_code == 202, r.text
    quality = r.json()["quality"]
    assert quality["verdict"] == "warn"
    cut = next(x for x in quality["reasons"] if x["code"] == "cut_off")
    assert cut["pages"] == [1] and "phải" in cut["message_vi"] and "right" in cut["message_en"]
    assert quality["pages"][0]["metrics"]["cut_sides"] == ["right"]
    assert wait_for_job(api, clerk, r.json()["job_id"])["state"] == "done"


def _accepted_card(
    api: httpx.Client, clerk: Account, dossier: dict[str, Any], path: Path, dpi_source: str
) -> dict[str, Any]:
    """Upload a card's image: accepted at once with its dpi from ``dpi_source``, then read."""
    r = upload(api, clerk, dossier["id"], path)
    assert r.status_code == 202, r.text
    quality = r.json()["quality"]
    assert quality["verdict"] == "accept", quality
    assert quality["pages"][0]["metrics"]["dpi_source"] == dpi_source
    job = wait_for_job(api, clerk, r.json()["job_id"])
    assert job["state"] == "done", job
    return dict(r.json())


def test_an_id_card_scanned_alone_without_its_dpi_is_accepted_at_its_size(
    api: httpx.Client, accounts: dict[str, Account], dossier: dict[str, Any], tmp_path: Path
) -> None:
    # A PNG of the card with no dpi in it: taken for an A4 page it was 86 dpi and rejected.
    clerk = accounts["clerk_a"]
    path = save_unique(id_card_scan(9547), tmp_path / "cccd.png")
    uploaded = _accepted_card(api, clerk, dossier, path, "card size")
    searchable = api.get(
        f"/documents/{uploaded['document_id']}/file",
        params={"variant": "searchable"},
        headers=clerk.headers,
    )
    assert searchable.status_code == 200
    out = tmp_path / "cccd.pdf"
    out.write_bytes(searchable.content)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, check=True, timeout=30)
    size = re.search(rb"Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout)
    assert size, info.stdout
    # 85.6 x 54 mm is 242.6 x 153 pt: the copy prints at the card's size.
    assert abs(float(size.group(1)) - 242.6) < 3 and abs(float(size.group(2)) - 153) < 3


def test_an_id_card_photographed_from_afar_is_accepted_and_read(
    api: httpx.Client, accounts: dict[str, Account], dossier: dict[str, Any], tmp_path: Path
) -> None:
    # The card a quarter of the photo's width: the gate took the white card on the desk
    # for glare and rejected it, and the recogniser got the desk as well as the card.
    clerk = accounts["clerk_a"]
    path = save_unique(id_card_photo(9548), tmp_path / "cccd-chup.jpg", quality=90, dpi=(72, 72))
    uploaded = _accepted_card(api, clerk, dossier, path, "card outline")
    doc = _document(api, clerk, uploaded["document_id"])
    truth = render_card_front(9548).fields["so_dinh_danh"]
    assert doc["fields"]["so_dinh_danh"]["value"] == truth, doc["fields"]
    # The worker flattened the card the gate outlined at the counter, without looking again.
    r = api.get(f"/documents/{doc['id']}", params={"pages": True}, headers=clerk.headers)
    steps = r.json()["pages"][0]["details"]["steps"]
    page = next(s for s in steps if s["name"] == "page")
    assert page["applied"] and page["params"]["searched"] == "at intake", page


def test_blank_page_is_flagged_and_kept(
    api: httpx.Client, accounts: dict[str, Account], dossier: dict[str, Any], tmp_path: Path
) -> None:
    clerk = accounts["clerk_a"]
    pages = [render_page(unique_lines(list(lines)), dpi=200) for lines in (PAGES[0], PAGES[2])]
    blank = Image.new("RGB", pages[0].size, "white")
    pdf = tmp_path / "ba-trang.pdf"
    pages[0].save(pdf, save_all=True, append_images=[blank, pages[1]], resolution=200.0)
    r = upload(api, clerk, dossier["id"], pdf)
    assert r.status_code == 202, r.text
    quality = r.json()["quality"]
    assert quality["blank_pages"] == [2] and quality["verdict"] == "warn"
    assert [p["verdict"] for p in quality["pages"]] == ["accept", "warn", "accept"]

    job = wait_for_job(api, clerk, r.json()["job_id"])
    assert job["state"] == "done", job
    doc = _document(api, clerk, r.json()["document_id"])
    assert doc["quality"]["blank_pages"] == [2] and doc["quality"]["pages_checked"] == 3
    searchable = api.get(
        f"/documents/{doc['id']}/file", params={"variant": "searchable"}, headers=clerk.headers
    )
    assert searchable.status_code == 200
    out = tmp_path / "searchable.pdf"
    out.write_bytes(searchable.content)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, check=True, timeout=30)
    assert re.search(rb"Pages:\s+3\n", info.stdout), info.stdout  # as many as the paper


def test_clean_scan_is_accepted_without_reasons(
    api: httpx.Client, accounts: dict[str, Account], dossier: dict[str, Any], tmp_path: Path
) -> None:
    clerk = accounts["clerk_a"]
    pdf = write_unique_pdf(tmp_path / "sach.pdf", [list(PAGES[2])], dpi=300)
    r = upload(api, clerk, dossier["id"], pdf)
    assert r.status_code == 202, r.text
    assert r.json()["quality"]["verdict"] == "accept", r.json()["quality"]
    assert r.json()["quality"]["reasons"] == []
    wait_for_job(api, clerk, r.json()["job_id"])
    doc = _document(api, clerk, r.json()["document_id"])
    assert doc["quality"]["verdict"] in ("accept", "warn"), doc["quality"]
    assert all(p["verdict"] != "reject" for p in doc["quality"]["pages"])


def test_cli_intake_prints_the_verdict_and_handles_a_paper_already_held(
    settings: Any, accounts: dict[str, Account], tmp_path: Path
) -> None:
    """``sohoa intake`` shows the gate's answer per file; the same file sent again for the
    same owner is attached from the warehouse (no job), and the command still succeeds."""
    import json
    import os

    from tests.utils.scans import write_jpeg

    scan = write_jpeg(tmp_path / "can-cuoc.jpg", list(PAGES[0]), dpi=300)
    clerk = accounts["clerk_a"]
    env = {**os.environ, "SOHOA_PASSWORD": clerk.password, "SOHOA_USERNAME": clerk.username}
    args = [str(Path(".venv/bin/sohoa").resolve()), "intake", str(scan), "--owner-id", OWNER_A]
    first = subprocess.run([*args, "--json"], env=env, capture_output=True, timeout=300)
    assert first.returncode == 0, first.stderr.decode()
    assert "quality" in first.stderr.decode()
    (doc,) = json.loads(first.stdout)["documents"]
    assert doc["job"]["state"] == "done" and doc["document"]["quality"]["stage"] == "ocr"

    again = subprocess.run([*args, "--json"], env=env, capture_output=True, timeout=300)
    assert again.returncode == 0, again.stderr.decode()
    (held,) = json.loads(again.stdout)["documents"]
    assert held["job"].get("reused") is True
    assert held["document"]["id"] == doc["document"]["id"]
