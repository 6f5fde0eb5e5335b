"""When the object store goes down the API says so (503 with a code), stores nothing half-way,
and works again as soon as the store is back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from api import services
from api.runtime import Runtime
from api.settings import Settings, load_settings
from archive.models import Document
from tests.api.conftest import upload
from tests.conftest import OWNER_A, Account, open_dossier, wait_for_job
from tests.utils.scans import PAGES, write_jpeg

pytestmark = pytest.mark.services


def _documents(settings: Settings) -> int:
    rt = Runtime(settings)
    with rt.sessions() as s:
        n = s.execute(select(func.count()).select_from(Document)).scalar_one()
    rt.engine.dispose()
    return int(n)


def test_object_store_outage_is_a_clear_503(
    stack: Settings, api: httpx.Client, accounts: dict[str, Account], tmp_path: Path
) -> None:
    clerk = accounts["clerk_a"]
    dossier: dict[str, Any] = open_dossier(api, clerk, OWNER_A, "Nguyễn Văn An")
    settings = load_settings(state_dir=stack.state_dir)
    before = _documents(settings)
    services.down(settings, log=lambda _: None, only=("minio",))
    try:
        health = api.get("/health")
        assert health.status_code == 503
        assert health.json()["services"]["object_store"] == "down"
        r = upload(api, clerk, dossier["id"], write_jpeg(tmp_path / "a.jpg", PAGES[0]))
        assert r.status_code == 503, r.text
        assert r.json()["code"] == "storage_unavailable" and r.json()["message_vi"]
        assert _documents(settings) == before  # no record of a file that was not stored
    finally:
        services.up(settings, log=lambda _: None, only=("minio",))
    assert api.get("/health").status_code == 200
    r = upload(api, clerk, dossier["id"], write_jpeg(tmp_path / "b.jpg", PAGES[1]))
    assert r.status_code == 202
    assert wait_for_job(api, clerk, r.json()["job_id"])["state"] == "done"
