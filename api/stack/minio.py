"""MinIO server (built with go install at a pinned version), data in the state dir."""

from __future__ import annotations

from pathlib import Path

import httpx

from ..settings import Settings
from ._proc import Log, read_pid, spawn, terminate, wait_until
from .packages import install_minio
from .state import ServiceState

NAME = "minio"


def _pid_file(settings: Settings) -> Path:
    return settings.state_dir / "run" / "minio.pid"


def _live(settings: Settings) -> bool:
    try:
        url = f"http://{settings.host}:{settings.minio_port}/minio/health/live"
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def start(settings: Settings, log: Log) -> None:
    if read_pid(_pid_file(settings), "minio") is not None:
        return
    binary = install_minio(log)
    data = settings.state_dir / "minio" / "data"
    data.mkdir(parents=True, exist_ok=True)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(settings.state_dir / "minio"),
        "MINIO_ROOT_USER": settings.minio_access_key,
        "MINIO_ROOT_PASSWORD": settings.minio_secret_key.get_secret_value(),
        "MINIO_BROWSER_REDIRECT": "off",
        "MINIO_UPDATE": "off",
    }
    cmd = [
        str(binary),
        "server",
        str(data),
        "--address",
        f"{settings.host}:{settings.minio_port}",
        "--console-address",
        f"{settings.host}:{settings.minio_console_port}",
        "--quiet",
    ]
    pid = spawn(cmd, settings.state_dir / "log" / "minio.log", _pid_file(settings), env)
    if not wait_until(lambda: _live(settings), 60):
        raise RuntimeError(f"minio did not answer; see {settings.state_dir / 'log' / 'minio.log'}")
    log(f"minio: started on {settings.host}:{settings.minio_port} (pid {pid})")


def stop(settings: Settings, log: Log) -> None:
    pid = read_pid(_pid_file(settings), "minio")
    if pid is not None:
        terminate(pid)
        log("minio: stopped")
    _pid_file(settings).unlink(missing_ok=True)


def state(settings: Settings) -> ServiceState:
    pid = read_pid(_pid_file(settings), "minio")
    healthy = pid is not None and _live(settings)
    detail = f"http://{settings.host}:{settings.minio_port}"
    return ServiceState(NAME, pid is not None, healthy, detail, pid)
