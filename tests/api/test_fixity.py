"""Fixity: stored files are read back and compared with their recorded SHA-256 (real MinIO and
PostgreSQL); an overwritten or vanished file is found, said, audited, and the command fails;
the worker runs the daily schedule."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from minio import Minio
from sqlalchemy import select

from api.fixity import check_fixity
from api.runtime import Runtime
from api.serving import beat_schedule_file
from api.settings import Settings
from archive.models import AuditEvent, Document
from tests.api.conftest import upload
from tests.conftest import OWNER_A, Account, open_dossier, wait_for_job
from tests.utils.scans import PAGES, write_jpeg

pytestmark = pytest.mark.services


def _papers(api: httpx.Client, clerk: Account, tmp: Path, n: int) -> list[str]:
    dossier = open_dossier(api, clerk, OWNER_A, "Nguyễn Văn An")
    ids = []
    for i in range(n):
        r = upload(api, clerk, dossier["id"], write_jpeg(tmp / f"giay-{i}.jpg", PAGES[i % 3]))
        assert r.status_code == 202, r.text
        assert wait_for_job(api, clerk, r.json()["job_id"])["state"] == "done"
        ids.append(r.json()["document_id"])
    return ids


def _raw_store(settings: Settings) -> Minio:
    return Minio(
        settings.minio_endpoint,
        access_key=settings.minio_access_key,
        secret_key=settings.minio_secret_key.get_secret_value(),
        secure=False,
    )


def _cli(stack: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOHOA_STATE_DIR": str(stack.state_dir)}
    for name in ("api_port", "pg_port", "redis_port", "minio_port"):
        env[f"SOHOA_{name.upper()}"] = str(getattr(stack, name))
    exe = Path(sys.executable).with_name("sohoa")
    return subprocess.run(
        [str(exe), "archive", "check-fixity", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )


def test_damaged_and_missing_files_are_found(
    stack: Settings, api: httpx.Client, accounts: dict[str, Account], tmp_path: Path
) -> None:
    good, overwritten, gone = _papers(api, accounts["clerk_a"], tmp_path, 3)
    rt = Runtime(stack)
    try:
        with rt.sessions() as s:
            docs = {d: s.get(Document, d) for d in (good, overwritten, gone)}
            keys = {d: (doc.original_key, doc.searchable_key) for d, doc in docs.items() if doc}
            # (the worker checked the original it read: that time is the one to move on)
            first = {d: doc.checksum_checked_at for d, doc in docs.items() if doc}
        # Someone overwrites one paper's scan with another file; another's PDF vanishes.
        other = write_jpeg(tmp_path / "khac.jpg", PAGES[2])
        rt.storage.put_file(keys[overwritten][0], other, "image/jpeg", "sha256:whatever")
        searchable_gone = keys[gone][1]
        assert searchable_gone
        _raw_store(stack).remove_object(stack.bucket, searchable_gone)

        summary = check_fixity(rt, documents=[good, overwritten, gone], log=lambda _m: None)
        assert summary["documents"] == 3 and summary["files"] == 6 and summary["failed"] == 2
        found = {(f["document_id"], f["file"]): f for f in summary["failures"]}
        assert set(found) == {(overwritten, "original"), (gone, "searchable")}
        assert found[(gone, "searchable")]["found"] is None  # missing, said as such
        damaged = found[(overwritten, "original")]
        assert damaged["found"] != damaged["recorded"] and damaged["found"].startswith("sha256:")

        with rt.sessions() as s:
            checked = {d: s.get(Document, d).checksum_checked_at for d in docs}  # type: ignore[union-attr]
            events = s.execute(
                select(AuditEvent.object_id, AuditEvent.detail).where(
                    AuditEvent.action == "fixity_failed",
                    AuditEvent.object_id.in_([overwritten, gone]),
                )
            ).all()
        assert {str(o) for o, _ in events} == {overwritten, gone}
        # Only the intact paper is marked checked, and again when checked again.
        assert checked[overwritten] == first[overwritten] and checked[gone] == first[gone]
        assert checked[good] is not None and checked[good] > first[good]  # type: ignore[operator]
        check_fixity(rt, documents=[good], log=lambda _m: None)
        with rt.sessions() as s:
            again = s.get(Document, good)
            assert again is not None and again.checksum_checked_at is not None
            assert again.checksum_checked_at > checked[good]
    finally:
        rt.engine.dispose()

    # The operator's command says the same, and fails.
    proc = _cli(stack, "--document", overwritten, "--document", good, "--json")
    assert proc.returncode == 1, proc.stderr
    report: dict[str, Any] = json.loads(proc.stdout)
    assert report["failed"] == 1 and report["failures"][0]["document_id"] == overwritten
    proc = _cli(stack, "--document", good)
    assert proc.returncode == 0, proc.stderr
    assert "1 documents, 2 files read, 0 damaged or missing" in proc.stderr  # the console


def test_the_worker_runs_the_daily_schedule(stack: Settings, api: httpx.Client) -> None:
    # The schedule (timestamp renewal, fixity) only runs if a beat runs: the worker's does,
    # and keeps its schedule in the state directory.
    log = (stack.state_dir / "log" / "worker.log").read_text(encoding="utf-8", errors="replace")
    assert "beat: Starting" in log
    schedule = beat_schedule_file(stack)
    assert any(schedule.parent.glob(schedule.name + "*"))  # dbm adds its own suffixes
