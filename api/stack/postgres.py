"""PostgreSQL 15: its own cluster in the state dir, run as the postgres user when we are root."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
from pathlib import Path

from ..settings import Settings
from ._proc import Log, alive, run, wait_until
from .state import ServiceState

NAME = "postgres"
BIN = Path("/usr/lib/postgresql/15/bin")


def _data(settings: Settings) -> Path:
    return settings.state_dir / "postgres"


def _socket_dir(settings: Settings) -> Path:
    return settings.state_dir / "run" / "pg"


def _as_owner(cmd: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root.
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def _chown(path: Path) -> None:
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        for p in (path, *path.rglob("*")):
            os.chown(p, pw.pw_uid, pw.pw_gid)


def _check_traversable(path: Path) -> None:
    if os.geteuid() != 0:
        return
    for parent in path.parents:
        if parent.exists() and not parent.stat().st_mode & 0o001:
            raise RuntimeError(
                f"{parent} is not traversable by the postgres user; "
                "set SOHOA_STATE_DIR to a directory under /work, /srv or /tmp"
            )


def _pid(settings: Settings) -> int | None:
    try:
        pid = int((_data(settings) / "postmaster.pid").read_text().splitlines()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pid if alive(pid) else None


def _psql(settings: Settings, sql: str, db: str = "postgres") -> str:
    cmd = [
        str(BIN / "psql"),
        "-h",
        str(_socket_dir(settings)),
        "-p",
        str(settings.pg_port),
        "-U",
        "postgres",
        "-d",
        db,
        "-v",
        "ON_ERROR_STOP=1",
        "-tAc",
        sql,
    ]
    return run(_as_owner(cmd), timeout_s=60)


def _init(settings: Settings, log: Log) -> None:
    data = _data(settings)
    _check_traversable(data)
    data.mkdir(parents=True, exist_ok=True)
    _socket_dir(settings).mkdir(parents=True, exist_ok=True)
    _chown(data)
    _chown(_socket_dir(settings))
    if (data / "PG_VERSION").exists():
        return
    log("postgres: initdb")
    run(
        _as_owner(
            [
                str(BIN / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--auth-local=peer",
                "--auth-host=scram-sha-256",
            ]
        ),
        timeout_s=180,
    )
    with (data / "postgresql.conf").open("a") as conf:
        conf.write(
            f"\n# sohoa\nlisten_addresses = '{settings.host}'\nport = {settings.pg_port}\n"
            f"unix_socket_directories = '{_socket_dir(settings)}'\nmax_connections = 100\n"
            "shared_buffers = 256MB\nfsync = on\n"
        )


def _ensure_role(settings: Settings) -> None:
    password = settings.db_password.get_secret_value().replace("'", "''")
    user, db = settings.db_user, settings.db_name
    exists = _psql(settings, f"SELECT 1 FROM pg_roles WHERE rolname = '{user}'").strip()
    verb = "ALTER" if exists else "CREATE"
    _psql(settings, f"{verb} ROLE \"{user}\" LOGIN PASSWORD '{password}'")
    if not _psql(settings, f"SELECT 1 FROM pg_database WHERE datname = '{db}'").strip():
        _psql(settings, f'CREATE DATABASE "{db}" OWNER "{user}" ENCODING \'UTF8\'')
    _psql(
        settings,
        "CREATE EXTENSION IF NOT EXISTS unaccent; CREATE EXTENSION IF NOT EXISTS pg_trgm",
        db,
    )


def start(settings: Settings, log: Log) -> None:
    _init(settings, log)
    if _pid(settings) is None:
        log_file = settings.state_dir / "log" / "postgres.log"
        log_file.parent.mkdir(parents=True, exist_ok=True)
        log_file.touch()
        _chown(log_file)
        run(
            _as_owner(
                [
                    str(BIN / "pg_ctl"),
                    "-D",
                    str(_data(settings)),
                    "-l",
                    str(log_file),
                    "-w",
                    "-t",
                    "60",
                    "start",
                ]
            ),
            timeout_s=90,
        )
        log(f"postgres: started on {settings.host}:{settings.pg_port}")
    _ensure_role(settings)


def stop(settings: Settings, log: Log) -> None:
    if _pid(settings) is None:
        return
    run(
        _as_owner(
            [
                str(BIN / "pg_ctl"),
                "-D",
                str(_data(settings)),
                "-m",
                "fast",
                "-w",
                "-t",
                "60",
                "stop",
            ]
        ),
        timeout_s=90,
    )
    log("postgres: stopped")


def _healthy(settings: Settings) -> bool:
    if not shutil.which("pg_isready") and not (BIN / "pg_isready").exists():
        return False
    proc = subprocess.run(
        [str(BIN / "pg_isready"), "-h", settings.host, "-p", str(settings.pg_port), "-t", "3"],
        capture_output=True,
        timeout=10,
        check=False,
    )
    return proc.returncode == 0


def state(settings: Settings) -> ServiceState:
    pid = _pid(settings)
    healthy = pid is not None and _healthy(settings)
    return ServiceState(NAME, pid is not None, healthy, f"{settings.host}:{settings.pg_port}", pid)


def wait(settings: Settings, timeout_s: float = 60) -> bool:
    return wait_until(lambda: _healthy(settings), timeout_s)
