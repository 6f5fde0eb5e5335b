"""Redis, the Celery broker: our own config and data dir, persisted (AOF) on loopback."""

from __future__ import annotations

import socket
from pathlib import Path

from ..settings import Settings
from ._proc import Log, read_pid, spawn, terminate, wait_until
from .state import ServiceState

NAME = "redis"


def _ping(settings: Settings) -> bool:
    try:
        with socket.create_connection((settings.host, settings.redis_port), timeout=2) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _pid_file(settings: Settings) -> Path:
    return settings.state_dir / "run" / "redis.pid"


def start(settings: Settings, log: Log) -> None:
    if read_pid(_pid_file(settings), "redis-server") is not None:
        return
    data = settings.state_dir / "redis"
    data.mkdir(parents=True, exist_ok=True)
    conf = data / "redis.conf"
    conf.write_text(
        f"bind {settings.host}\nport {settings.redis_port}\ndir {data}\n"
        "daemonize no\nappendonly yes\nsave 60 1\nprotected-mode yes\n"
    )
    pid = spawn(
        ["redis-server", str(conf)],
        settings.state_dir / "log" / "redis.log",
        _pid_file(settings),
        env={"PATH": "/usr/bin:/bin"},
    )
    if not wait_until(lambda: _ping(settings), 30):
        raise RuntimeError(f"redis did not answer; see {settings.state_dir / 'log' / 'redis.log'}")
    log(f"redis: started on {settings.host}:{settings.redis_port} (pid {pid})")


def stop(settings: Settings, log: Log) -> None:
    pid = read_pid(_pid_file(settings), "redis-server")
    if pid is not None:
        terminate(pid)
        log("redis: stopped")
    _pid_file(settings).unlink(missing_ok=True)


def state(settings: Settings) -> ServiceState:
    pid = read_pid(_pid_file(settings), "redis-server")
    healthy = pid is not None and _ping(settings)
    return ServiceState(
        NAME, pid is not None, healthy, f"{settings.host}:{settings.redis_port}", pid
    )
