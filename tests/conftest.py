"""Fixtures for tests that run against the real stack started by ``scripts/test``.

A service that is down is an error, never a skip: the test command starts them.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from api import serving
from api.accounts import upsert_user
from api.bootstrap import migrate_and_prepare
from api.settings import Settings, load_settings

CENTRE_A = "000.00.01.H29"
CENTRE_B = "000.00.02.H29"
OWNER_A = "001190012345"
OWNER_B = "079302001234"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="session")
def stack(settings: Settings) -> Iterator[Settings]:
    """Schema migrated, API and a 2-process Celery worker running on the test ports."""
    migrate_and_prepare(settings)
    serving.stop(settings)
    serving.start_detached(settings, 2)
    yield settings
    serving.stop(settings)


@dataclass(frozen=True)
class Account:
    username: str
    password: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture(scope="session")
def api(stack: Settings) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=f"{stack.public_url}/api/v1", timeout=60) as client:
        yield client


@pytest.fixture(scope="session")
def accounts(stack: Settings, api: httpx.Client) -> dict[str, Account]:
    """Fresh accounts each run: two clerks of two centres, two citizens, a verifier."""
    run = uuid.uuid4().hex[:6]
    specs = {
        "clerk_a": ("clerk", None, CENTRE_A),
        "clerk_b": ("clerk", None, CENTRE_B),
        "citizen_a": ("citizen", OWNER_A, None),
        "citizen_b": ("citizen", OWNER_B, None),
        "verifier": ("verifier", None, None),
    }
    out = {}
    for key, (role, owner, centre) in specs.items():
        name, password = f"{key}-{run}", f"pw-{uuid.uuid4().hex}"
        upsert_user(stack, name, password, role, owner, centre)
        r = api.post("/auth/token", data={"username": name, "password": password})
        assert r.status_code == 200, r.text
        out[key] = Account(name, password, r.json()["access_token"])
    return out


def wait_for_job(api: httpx.Client, account: Account, job_id: str, timeout_s: float = 300) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        job = api.get(f"/jobs/{job_id}", headers=account.headers).json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.5)
    raise AssertionError(f"job {job_id} did not finish in {timeout_s} s: {job}")


def open_dossier(api: httpx.Client, clerk: Account, owner_id: str, name: str) -> dict[str, Any]:
    r = api.post(
        "/dossiers",
        json={"owner_id": owner_id, "owner_name": name, "procedure_code": "1.001612"},
        headers=clerk.headers,
    )
    assert r.status_code == 201, r.text
    return dict(r.json())
