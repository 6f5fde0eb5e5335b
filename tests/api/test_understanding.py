"""After OCR the worker knows what each paper is and says; clerks confirm or correct it, the
warehouse finds papers by type, notices when it already holds one, and learns from corrections."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.classifier_models import retrain, use_packaged
from api.runtime import Runtime
from api.samples import DEMO_PAPERS, write_image, write_text_pdf
from api.settings import Settings
from tests.api.conftest import upload
from tests.conftest import OWNER_A, Account, open_dossier, wait_for_job
from tests.utils.bad_files import protect

pytestmark = pytest.mark.services

CARD = DEMO_PAPERS["can-cuoc"][0]


def _process(api: httpx.Client, clerk: Account, dossier_id: str, path: Path) -> dict[str, Any]:
    r = upload(api, clerk, dossier_id, path)
    assert r.status_code == 202, r.text
    assert wait_for_job(api, clerk, r.json()["job_id"])["state"] == "done"
    doc = api.get(f"/documents/{r.json()['document_id']}", headers=clerk.headers)
    return dict(doc.json())


@pytest.fixture(scope="module")
def card(api: httpx.Client, accounts: dict[str, Account], tmp_path_factory: Any) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("card")
    dossier = open_dossier(api, accounts["clerk_a"], OWNER_A, "Nguyễn Văn An")
    # A unique validity date keeps this card's number/validity distinct from earlier runs.
    lines = [*CARD[:-1], f"Có giá trị đến: 14/07/20{30 + uuid.uuid4().int % 60}"]
    path = write_image(tmp / "cccd.jpg", lines, 300, size_in=(6.0, 3.8), pt=12.0)
    return {
        "doc": _process(api, accounts["clerk_a"], dossier["id"], path),
        "lines": lines,
        "tmp": tmp,
    }


def test_card_is_classified_with_fields(card: dict[str, Any]) -> None:
    doc = card["doc"]
    assert doc["doc_type"] == "can_cuoc" and doc["doc_type_confidence"] > 0.5
    assert doc["fields"]["so_dinh_danh"]["value"] == "001190012345"
    assert doc["fields"]["ngay_sinh"]["value"] == "14/07/1990"
    assert doc["fields"]["ho_ten"]["value"].upper() == "NGUYỄN VĂN AN"
    assert doc["in_warehouse"] is True and doc["doc_number"] == "001190012345"


def test_warehouse_filters_by_type(
    api: httpx.Client, accounts: dict[str, Account], card: dict[str, Any]
) -> None:
    clerk = accounts["clerk_a"]
    cards = api.get(
        f"/owners/{OWNER_A}/documents", params={"type": "can_cuoc"}, headers=clerk.headers
    )
    assert card["doc"]["id"] in {d["id"] for d in cards.json()["items"]}
    births = api.get(
        f"/owners/{OWNER_A}/documents", params={"type": "giay_khai_sinh"}, headers=clerk.headers
    )
    assert card["doc"]["id"] not in {d["id"] for d in births.json()["items"]}


def test_a_certificate_made_on_a_computer_is_understood_from_its_own_text(
    api: httpx.Client, accounts: dict[str, Account], tmp_path: Path
) -> None:
    # GIVEN the e-certificate a company downloaded from the business registration portal (a
    # PDF of text, not a scan, protected against changes with an owner password), WHEN the
    # clerk uploads it, THEN it is accepted, its text is taken as it is (not read again by
    # OCR), and the paper is classified with its fields.
    clerk = accounts["clerk_a"]
    dossier = open_dossier(api, clerk, OWNER_A, "Nguyễn Văn An")
    lines = [*DEMO_PAPERS["dang-ky-doanh-nghiep"][0], f"Mã tra cứu: {uuid.uuid4().hex[:10]}"]
    made = write_text_pdf(tmp_path / "gcn.pdf", [lines])
    doc = _process(api, clerk, dossier["id"], protect(made, tmp_path / "gcn-dkdn.pdf"))
    assert doc["doc_type"] == "giay_chung_nhan_dang_ky_doanh_nghiep"
    assert doc["fields"]["ma_so_doanh_nghiep"]["value"] == "0109876543"
    pages = api.get(
        f"/documents/{doc['id']}", params={"pages": True}, headers=clerk.headers
    ).json()["pages"]
    assert pages[0]["details"]["text_source"] == "pdf" and pages[0]["text"] == "\n".join(lines)


def test_another_scan_of_a_held_paper_says_so(
    api: httpx.Client, accounts: dict[str, Account], card: dict[str, Any]
) -> None:
    # GIVEN the card is in the warehouse, WHEN a new dossier brings a different scan of it
    # (other bytes), THEN the new document names the held one, and the clerk can attach it.
    clerk = accounts["clerk_a"]
    later = open_dossier(api, clerk, OWNER_A, "Nguyễn Văn An")
    rescan = write_image(
        card["tmp"] / "cccd-2.png", card["lines"], 250, size_in=(6.0, 3.8), pt=12.0
    )
    doc = _process(api, clerk, later["id"], rescan)
    # The notice names the earliest valid card with that number held for the owner.
    held = api.get(f"/documents/{doc['reuse']['document_id']}", headers=clerk.headers).json()
    assert held["id"] != doc["id"] and held["doc_number"] == doc["doc_number"] == "001190012345"
    assert held["created_at"] <= card["doc"]["created_at"]
    assert doc["reuse"]["message_vi"].startswith("Đã có trong kho: Căn cước")
    listed = api.get(f"/dossiers/{later['id']}/documents", headers=clerk.headers).json()
    (item,) = [d for d in listed["items"] if d["id"] == doc["id"]]
    assert item["reuse"]["document_id"] == held["id"]  # the dossier says so too
    assert "còn hiệu lực đến 14/07/20" in doc["reuse"]["message_vi"]
    r = api.post(
        f"/dossiers/{later['id']}/attachments",
        json={"document_id": card["doc"]["id"]},
        headers=clerk.headers,
    )
    assert r.status_code == 200
    assert card["doc"]["id"] in {d["id"] for d in r.json()["items"]}


def test_review_by_clerk_only(
    api: httpx.Client, accounts: dict[str, Account], card: dict[str, Any]
) -> None:
    doc_id = card["doc"]["id"]
    body = {"doc_type": "can_cuoc", "fields": {"ho_ten": "Nguyễn Văn An"}}
    r = api.post(f"/documents/{doc_id}/review", json=body, headers=accounts["citizen_a"].headers)
    assert r.status_code == 403
    r = api.post(
        f"/documents/{doc_id}/review",
        json={"doc_type": "hoa_don"},
        headers=accounts["clerk_a"].headers,
    )
    assert r.status_code == 422 and r.json()["code"] == "unknown_doc_type"
    r = api.post(f"/documents/{doc_id}/review", json=body, headers=accounts["clerk_a"].headers)
    assert r.status_code == 200
    doc = r.json()["document"]
    assert doc["doc_type_source"] == "clerk"
    assert doc["fields"]["ho_ten"] == {
        "value": "Nguyễn Văn An",
        "confidence": 1.0,
        "flags": ["corrected_by_clerk"],
    }


def test_correction_changes_the_retrained_model(
    stack: Settings, api: httpx.Client, accounts: dict[str, Account], tmp_path: Path
) -> None:
    # GIVEN a kind of paper the model does not know (a water bill) that clerks file as an
    # application form, WHEN a clerk corrects one and the model is retrained, THEN the next
    # such paper is classified as the clerks said.
    clerk = accounts["clerk_a"]
    dossier = open_dossier(api, clerk, OWNER_A, "Nguyễn Văn An")
    bill = [
        "CÔNG TY NƯỚC SẠCH SỐ 2 HÀ NỘI",
        "HÓA ĐƠN TIỀN NƯỚC KỲ 10/2026",
        "Khách hàng: Nguyễn Văn An",
        "Mã khách hàng: PD{n}",
        "Chỉ số cũ: 1{n} Chỉ số mới: 2{n}",
        "Tiêu thụ: 18 m3  Thành tiền: 245.000 đồng",
        f"Mã tra cứu: {uuid.uuid4().hex[:10]}",  # new bytes each run (identical ones are reused)
    ]
    first = _process(
        api,
        clerk,
        dossier["id"],
        write_image(tmp_path / "bill-1.png", [line.format(n=4711) for line in bill], 300),
    )
    assert first["doc_type"] != "to_khai"
    r = api.post(
        f"/documents/{first['id']}/review", json={"doc_type": "to_khai"}, headers=clerk.headers
    )
    assert r.status_code == 200
    rt = Runtime(stack)
    try:
        version = retrain(rt, per_type=12)  # small corpus: seconds, not minutes
        assert version.active and version.metrics and version.metrics["corrections"] >= 1
        second = _process(
            api,
            clerk,
            dossier["id"],
            write_image(tmp_path / "bill-2.png", [line.format(n=5822) for line in bill], 300),
        )
        assert second["doc_type"] == "to_khai"
    finally:
        use_packaged(rt)  # later tests and runs classify with the shipped model again
        rt.engine.dispose()
