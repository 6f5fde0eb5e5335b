"""The dossier most API tests look at, processed once per session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import OWNER_A, Account, open_dossier, wait_for_job
from tests.utils.scans import PAGES, write_jpeg, write_unique_pdf


def upload(api: httpx.Client, clerk: Account, dossier_id: str, path: Path) -> httpx.Response:
    with path.open("rb") as fh:
        return api.post(
            f"/dossiers/{dossier_id}/documents",
            files={"file": (path.name, fh)},
            headers=clerk.headers,
        )


@pytest.fixture(scope="session")
def processed(
    api: httpx.Client, accounts: dict[str, Account], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """A dossier for citizen A with a 3-page PDF and a JPEG, OCR'd by the worker."""
    tmp = tmp_path_factory.mktemp("intake")
    clerk = accounts["clerk_a"]
    dossier = open_dossier(api, clerk, OWNER_A, "Nguyễn Văn An")
    files = {
        "pdf": write_unique_pdf(tmp / "ho-so.pdf", list(PAGES)),
        "jpeg": write_jpeg(tmp / "khai-sinh.jpg", PAGES[0]),
    }
    uploads = {}
    for kind, path in files.items():
        r = upload(api, clerk, dossier["id"], path)
        assert r.status_code == 202, r.text
        uploads[kind] = r.json()
    jobs = {kind: wait_for_job(api, clerk, u["job_id"]) for kind, u in uploads.items()}
    return {"dossier": dossier, "files": files, "uploads": uploads, "jobs": jobs, "tmp": tmp}
