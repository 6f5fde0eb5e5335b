"""The local services: pid-file logic and credentials on their own, then the real stack that
``scripts/test`` started (state dir from SOHOA_STATE_DIR)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import subprocess
import time
from pathlib import Path

import httpx
import psycopg
import pytest
import redis
from pydantic import SecretStr

from api.services import MINIO_VERSION, status, up
from api.services._proc import (
    SYSTEM_PATH,
    Launch,
    PidRecord,
    clear_stale,
    cmdline,
    live_pid,
    spawn,
    stop,
    wait_until,
    write_pid_file,
)
from api.services.credentials import ensure_credentials
from api.settings import Settings

REPO = Path(__file__).resolve().parents[2]
SECRET_VARS = (
    "SOHOA_DB_PASSWORD",
    "SOHOA_MINIO_ACCESS_KEY",
    "SOHOA_MINIO_SECRET_KEY",
    "SOHOA_JWT_SECRET",
    "SOHOA_DATABASE_URL",
)

# --- pid files: no service needed ---------------------------------------------------------


def _launch(*argv: str) -> Launch:
    return Launch(argv=argv, env={"PATH": SYSTEM_PATH})


SLEEP = shutil.which("sleep", path=SYSTEM_PATH) or "/bin/sleep"


def test_pid_files_that_are_not_ours_are_stale(tmp_path: Path) -> None:
    pid_file = tmp_path / "run" / "svc.pid"
    assert live_pid(pid_file) is None

    # GIVEN garbage in the pid file THEN it is stale and removed
    pid_file.parent.mkdir()
    pid_file.write_text("12345\n")
    assert live_pid(pid_file) is None
    assert clear_stale(pid_file) and not pid_file.exists()

    # GIVEN the pid of a process that has exited THEN stale
    gone = subprocess.Popen(["true"], env={"PATH": SYSTEM_PATH})
    gone.wait(timeout=10)
    write_pid_file(pid_file, PidRecord(gone.pid, ("true",)))
    assert live_pid(pid_file) is None
    assert clear_stale(pid_file)

    # GIVEN a live pid running another command (a reused pid) THEN stale, and never signalled
    write_pid_file(pid_file, PidRecord(os.getpid(), ("/usr/bin/redis-server", "x.conf")))
    assert live_pid(pid_file) is None
    assert stop(pid_file, signal.SIGTERM, 1.0) is None
    assert not pid_file.exists()


def test_spawned_process_is_ours_until_stopped(tmp_path: Path) -> None:
    pid_file, log_file = tmp_path / "run" / "svc.pid", tmp_path / "log" / "svc.log"
    proc = spawn(_launch(SLEEP, "60"), log_file, pid_file)
    assert live_pid(pid_file) == proc.pid
    assert not clear_stale(pid_file)
    assert stop(pid_file, signal.SIGTERM, 5.0) == proc.pid
    assert proc.poll() is not None
    assert not pid_file.exists()
    assert "sohoa starts" in log_file.read_text()


def test_stop_kills_what_ignores_the_polite_signal(tmp_path: Path) -> None:
    pid_file, log_file = tmp_path / "svc.pid", tmp_path / "svc.log"
    launch = _launch("/bin/sh", "-c", "trap '' TERM; echo trapped; sleep 60 & wait")
    proc = spawn(launch, log_file, pid_file)
    assert wait_until(lambda: "trapped" in log_file.read_text(), 10.0)
    started = time.monotonic()
    assert stop(pid_file, signal.SIGTERM, 0.5) == proc.pid
    assert time.monotonic() - started < 10
    assert cmdline(proc.pid) is None
    assert not pid_file.exists()


# --- credentials and pins -----------------------------------------------------------------


def test_credentials_generated_once_and_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for var in SECRET_VARS:
        monkeypatch.delenv(var, raising=False)
    base = Settings(_env_file=None, state_dir=tmp_path)  # type: ignore[call-arg]
    first = ensure_credentials(base, log=lambda _: None)
    env_file = tmp_path / "sohoa.env"
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    password = first.db_password.get_secret_value()
    assert password and first.minio_access_key and first.jwt_secret.get_secret_value()
    # database_url was derived from the empty password; it carries the generated one now.
    assert f":{password}@" in first.database_url

    content = env_file.read_bytes()
    again = ensure_credentials(base, log=lambda _: None)
    assert env_file.read_bytes() == content
    assert again.db_password.get_secret_value() == password

    # A value the operator gave wins over the file, and a URL they set is left alone.
    given = Settings(  # type: ignore[call-arg]
        _env_file=None,
        state_dir=tmp_path,
        db_password=SecretStr("given"),
        database_url="postgresql+psycopg://u:p@db.example:5432/x",
    )
    merged = ensure_credentials(given, log=lambda _: None)
    assert merged.db_password.get_secret_value() == "given"
    assert merged.database_url == "postgresql+psycopg://u:p@db.example:5432/x"


def test_dockerfile_builds_the_pinned_minio() -> None:
    dockerfile = (REPO / "Dockerfile").read_text()
    assert re.search(rf"^ARG MINIO_VERSION={re.escape(MINIO_VERSION)}$", dockerfile, re.M)


# --- the real stack -----------------------------------------------------------------------


@pytest.mark.services
def test_status_all_healthy(settings: Settings) -> None:
    states = status(settings)
    assert [s.name for s in states] == ["postgres", "redis", "minio", "pki"]
    for state in states:
        assert state.running and state.healthy, state
        assert state.pid


@pytest.mark.services
def test_second_up_is_a_noop_that_keeps_pids(settings: Settings) -> None:
    before = {s.name: s.pid for s in status(settings)}
    lines: list[str] = []
    states = up(settings, log=lines.append)
    assert {s.name: s.pid for s in states} == before
    assert all(s.healthy for s in states)
    assert not [line for line in lines if "started" in line or "installing" in line], lines


@pytest.mark.services
def test_app_role_connects_with_the_generated_password(settings: Settings) -> None:
    s = settings
    with psycopg.connect(
        host=s.host,
        port=s.pg_port,
        dbname=s.db_name,
        user=s.db_user,
        password=s.db_password.get_secret_value(),
        connect_timeout=5,
    ) as conn:
        row = conn.execute("SELECT unaccent('Nguyễn'), similarity('Nguyen Van An', 'Nguyen An')")
        unaccented, similarity = row.fetchone() or (None, None)
    assert unaccented == "Nguyen"
    assert similarity is not None and similarity > 0.3


@pytest.mark.services
def test_tcp_refuses_a_wrong_password(settings: Settings) -> None:
    s = settings
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(
            host=s.host,
            port=s.pg_port,
            dbname=s.db_name,
            user=s.db_user,
            password="wrong",
            connect_timeout=5,
        ).close()


@pytest.mark.services
def test_redis_answers_ping(settings: Settings) -> None:
    client = redis.Redis(host=settings.host, port=settings.redis_port, socket_timeout=5)
    try:
        assert client.ping() is True
    finally:
        client.close()


@pytest.mark.services
def test_minio_is_live(settings: Settings) -> None:
    url = f"http://{settings.host}:{settings.minio_port}/minio/health/live"
    assert httpx.get(url, timeout=5).status_code == 200


@pytest.mark.services
def test_generated_credentials_file_is_private(settings: Settings) -> None:
    mode = stat.S_IMODE(settings.generated_env_file.stat().st_mode)
    assert mode == 0o600
