"""``sohoa demo``: the main job, end to end on the real stack.

Services up → schema → demo accounts → API and worker in the background → a sample dossier
of generated Vietnamese scans uploaded through the API, OCR'd by the worker → the searchable
PDFs downloaded next to the originals, and every place to look printed.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table

from . import services, serving
from .accounts import upsert_user
from .bootstrap import migrate_and_prepare
from .client import ApiClient, run_intake
from .samples import write_demo_dossier, write_text_pdf
from .settings import Settings, get_settings

CENTRE = "000.00.01.H29"
OWNER_ID = "001190012345"  # Hà Nội (001), male born 19xx (1), 1990
OWNER_NAME = "Nguyễn Văn An"
ACCOUNTS = (
    ("canbo", "clerk", None, CENTRE, "Trần Thị Bình (cán bộ tiếp nhận)"),
    ("congdan", "citizen", OWNER_ID, None, OWNER_NAME),
    ("thamdinh", "verifier", None, None, "Cơ quan thẩm định"),
    ("quantri", "admin", None, None, "Quản trị hệ thống"),
)


def _logins(settings: Settings) -> dict[str, str]:
    """Demo passwords, generated once and kept (mode 600) in the state dir."""
    path = settings.state_dir / "demo-logins.json"
    if path.exists():
        return dict(json.loads(path.read_text()))
    logins = {name: secrets.token_urlsafe(9) for name, *_ in ACCOUNTS}
    path.write_text(json.dumps(logins, indent=2))
    path.chmod(0o600)
    return logins


def _download(client: ApiClient, base: str, doc_id: str, dest: Path) -> None:
    url = f"{base}/api/v1/documents/{doc_id}/file?variant=searchable"
    with httpx.stream("GET", url, headers=client._headers(), timeout=60) as r:  # noqa: SLF001
        r.raise_for_status()
        with dest.open("wb") as fh:
            for chunk in r.iter_bytes():
                fh.write(chunk)


E_PAPER = [
    "ỦY BAN NHÂN DÂN PHƯỜNG BA ĐÌNH",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "TRÍCH LỤC KHAI SINH (BẢN SAO)",
    f"Họ, chữ đệm, tên: {OWNER_NAME.upper()}",
    "Ngày, tháng, năm sinh: 14/07/1990",
    "Giới tính: Nam    Dân tộc: Kinh    Quốc tịch: Việt Nam",
    f"Số định danh cá nhân: {OWNER_ID}",
    "Nơi sinh: Bệnh viện Phụ sản Hà Nội",
    "Họ, chữ đệm, tên người mẹ: TRẦN THỊ LAN",
    "Họ, chữ đệm, tên người cha: NGUYỄN VĂN HÙNG",
]
"""A paper the citizen brings as a file: an electronic copy of their birth extract, made on
a computer and signed by the ward (the development PKI's agency key is that ward's)."""


def _signed_e_paper(settings: Settings, out: Path) -> Path | None:
    """``E_PAPER`` as its issuer would send it: a PDF of text, PAdES-signed with the
    development PKI's key (the worker takes its own text and verifies the signature)."""
    from signing import ResultStamp, SigningError, sign_pdf

    from .signing_config import SigningNotConfigured, open_signer, sign_options, signing_setup

    made = write_text_pdf(out / "trich-luc-khai-sinh-dien-tu.unsigned.pdf", [E_PAPER])
    try:
        setup = signing_setup(settings)
        with open_signer(setup) as signer:
            signed = sign_pdf(
                made.read_bytes(),
                sign_options(setup, "B-LT"),
                signer,
                appearance=ResultStamp(
                    "Ủy ban nhân dân phường Ba Đình", "Lê Thị Mai", "Phó Chủ tịch"
                ),
            )
    except (SigningError, SigningNotConfigured):
        return None  # the rest of the demo does not need it
    path = out / "trich-luc-khai-sinh-dien-tu.pdf"
    path.write_bytes(signed)
    made.unlink()
    return path


def run_demo(console: Console) -> dict[str, Any]:
    settings = get_settings()
    console.rule("1. Dịch vụ / services")
    services.up(settings, log=console.print)
    get_settings.cache_clear()
    settings = get_settings()
    migrate_and_prepare(settings)

    console.rule("2. Tài khoản / accounts")
    logins = _logins(settings)
    for name, role, owner_id, centre, full_name in ACCOUNTS:
        upsert_user(settings, name, logins[name], role, owner_id, centre, full_name)

    console.rule("3. API + worker")
    serving.start_detached(settings, settings.worker_concurrency, log=console.print)

    console.rule("4. Hồ sơ mẫu / sample dossier")
    demo_dir = settings.state_dir / "demo"
    files = write_demo_dossier(demo_dir / "scans")
    e_paper = _signed_e_paper(settings, demo_dir / "scans")
    if e_paper is not None:
        files.append(e_paper)
    client = ApiClient(settings.public_url)
    client.login("canbo", logins["canbo"])
    report = run_intake(client, OWNER_ID, OWNER_NAME, "1.001612", files, console)

    out_dir = demo_dir / "searchable"
    out_dir.mkdir(parents=True, exist_ok=True)
    for item in report["documents"]:
        if item["job"]["state"] == "done":
            dest = out_dir / (Path(item["file"]).stem + ".ocr.pdf")
            _download(client, settings.public_url, item["document"]["id"], dest)
            item["searchable_pdf"] = str(dest)

    console.rule("5. Xem ở đâu / where to look")
    table = Table(show_header=False)
    table.add_row("API docs (OpenAPI)", f"{settings.public_url}/docs")
    table.add_row("Health", f"{settings.public_url}/api/v1/health")
    table.add_row("Dossier", f"{report['dossier']['code']}  (id {report['dossier']['id']})")
    table.add_row("Citizen's papers", f"{settings.public_url}/api/v1/me/documents (login congdan)")
    table.add_row("MinIO console", f"http://{settings.host}:{settings.minio_console_port}")
    table.add_row("Sample scans", str(demo_dir / "scans"))
    table.add_row("Searchable PDFs", str(out_dir))
    for name, role, *_ in ACCOUNTS:
        table.add_row(f"login {role}", f"{name} / {logins[name]}")
    table.add_row("Logins file", str(settings.state_dir / "demo-logins.json"))
    table.add_row("Stop everything", "sohoa serve --stop && sohoa services down")
    console.print(table)
    for item in report["documents"]:
        if "searchable_pdf" in item:
            console.print(f"  • {item['searchable_pdf']}")
    return report
