"""Running the API (uvicorn) and the OCR worker (Celery), in the foreground or detached."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from .settings import Settings

Log = Callable[[str], None]


def _child_env(settings: Settings) -> dict[str, str]:
    return {**os.environ, "SOHOA_STATE_DIR": str(settings.state_dir), "PYTHONUNBUFFERED": "1"}


def api_command(settings: Settings) -> list[str]:
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "api.app:create_app",
        "--factory",
        "--host",
        settings.host,
        "--port",
        str(settings.api_port),
        "--no-access-log",
    ]


def worker_command(settings: Settings, concurrency: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "api.tasks",
        "worker",
        "--concurrency",
        str(concurrency),
        "--loglevel",
        "INFO",
        "--hostname",
        f"sohoa-{settings.api_port}@%h",
        "--without-gossip",
        "--without-mingle",
        # The schedule (archive timestamps, fixity) runs inside this one worker; a deployment
        # with several workers runs one `celery beat` of its own instead (docker-compose.yml).
        "--beat",
        "--schedule",
        str(beat_schedule_file(settings)),
    ]


def beat_schedule_file(settings: Settings) -> Path:
    """Where Celery beat keeps when each scheduled task last ran (it survives restarts)."""
    run = settings.state_dir / "run"
    run.mkdir(parents=True, exist_ok=True)
    return run / "celerybeat-schedule"


def _pid_file(settings: Settings, name: str) -> Path:
    return settings.state_dir / "run" / f"{name}.pid"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


def _read_pid(path: Path) -> int | None:
    try:
        pid = int(path.read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if _alive(pid) else None


def wait_healthy(settings: Settings, timeout_s: float = 60.0) -> bool:
    url = f"http://{settings.host}:{settings.api_port}/api/v1/health"
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2.0).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    return False


def start_detached(settings: Settings, concurrency: int, log: Log = print) -> None:
    (settings.state_dir / "run").mkdir(parents=True, exist_ok=True)
    (settings.state_dir / "log").mkdir(parents=True, exist_ok=True)
    for name, cmd in (
        ("api", api_command(settings)),
        ("worker", worker_command(settings, concurrency)),
    ):
        pid_file = _pid_file(settings, name)
        if (pid := _read_pid(pid_file)) is not None:
            log(f"{name} already running (pid {pid})")
            continue
        with (settings.state_dir / "log" / f"{name}.log").open("ab") as out:
            proc = subprocess.Popen(
                cmd,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=_child_env(settings),
                start_new_session=True,
            )
        pid_file.write_text(str(proc.pid))
        log(f"{name} started (pid {proc.pid}), log {settings.state_dir / 'log' / f'{name}.log'}")
    if not wait_healthy(settings):
        raise RuntimeError(
            f"API did not become healthy; see {settings.state_dir / 'log' / 'api.log'}"
        )


def stop(settings: Settings, log: Log = print, timeout_s: float = 30.0) -> None:
    for name in ("api", "worker"):
        pid_file = _pid_file(settings, name)
        pid = _read_pid(pid_file)
        if pid is None:
            pid_file.unlink(missing_ok=True)
            continue
        os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _alive(pid):
            os.killpg(pid, signal.SIGKILL)
        pid_file.unlink(missing_ok=True)
        log(f"{name} stopped (pid {pid})")


def run_foreground(settings: Settings, concurrency: int) -> None:
    """API in the foreground; with ``concurrency`` > 0 also a worker, stopped with it."""
    worker = (
        subprocess.Popen(worker_command(settings, concurrency), env=_child_env(settings))
        if concurrency > 0
        else None
    )
    try:
        subprocess.run(api_command(settings), env=_child_env(settings), check=False)
    finally:
        if worker is not None:
            worker.terminate()
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
