"""install / up / down / status over the registry of services.

Everything generic lives here: the state-dir layout, pid files, refusing ports held by
someone else, deadlines. A service only says what is particular to it (``base.Service``).
"""

from __future__ import annotations

import time
from collections.abc import Collection

from api.settings import Settings

from . import _proc
from ._proc import Log
from .base import Service, ServiceState, Stack
from .credentials import ensure_credentials, load_credentials
from .errors import PortInUse, ServiceStartFailed
from .minio import MinioService
from .packages import ensure_packages
from .pki import PkiService
from .postgres import PostgresService
from .redis import RedisService

# Started in this order, stopped in reverse. A new service is one module and one entry here.
SERVICES: tuple[Service, ...] = (
    PostgresService(),
    RedisService(),
    MinioService(),
    PkiService(),
)

# After `ready`, provisioning and the application-level probe get this long.
HEALTHY_AFTER_READY_S = 15.0
# A cold `up` may install packages and build MinIO while holding the lock.
LOCK_TIMEOUT_S = 3600.0


def install(settings: Settings, log: Log = print) -> None:
    """Install what is missing: Debian packages, then each service's own extras (MinIO)."""
    ensure_packages(log, settings.state_dir / "log" / "apt.log")
    for service in SERVICES:
        service.install(settings, log)


def _state(service: Service, stack: Stack) -> ServiceState:
    pid = _proc.live_pid(stack.pid_file(service.name))
    probe = service.probe(stack)
    return ServiceState(service.name, pid is not None, probe.healthy, probe.detail, pid)


def _refuse_taken_ports(service: Service, stack: Stack) -> None:
    for setting, port in service.ports(stack):
        if _proc.port_open(stack.settings.host, port):
            raise PortInUse(
                f"{service.name}: {stack.settings.host}:{port} already answers; "
                f"set SOHOA_{setting.upper()} to a free port"
            )


def _fail(service: Service, stack: Stack, why: str) -> ServiceStartFailed:
    log_file = stack.log_file(service.name)
    tail = _proc.log_tail(log_file)
    return ServiceStartFailed(f"{service.name}: {why}; log {log_file}:\n{tail}")


def _up_one(service: Service, stack: Stack, log: Log) -> ServiceState:
    pid_file = stack.pid_file(service.name)
    pid = _proc.live_pid(pid_file)
    proc = None
    if pid is not None:
        log(f"{service.name}: already running (pid {pid})")
    else:
        if _proc.clear_stale(pid_file):
            log(f"{service.name}: removed a stale pid file")
        _refuse_taken_ports(service, stack)
        service.prepare(stack, log)
        proc = _proc.spawn(service.launch(stack), stack.log_file(service.name), pid_file)
        log(f"{service.name}: started (pid {proc.pid}), log {stack.log_file(service.name)}")
    started = time.monotonic()
    if not _proc.wait_until(lambda: service.ready(stack), service.start_timeout_s, proc=proc):
        if proc is not None:
            # A half-started server would block the next attempt's port: stop what we began.
            _proc.stop(pid_file, service.stop_signal, service.stop_timeout_s)
            why = "exited" if proc.poll() is not None else "did not answer"
        else:
            why = "running but not answering"
        raise _fail(service, stack, f"{why} within {service.start_timeout_s:.0f} s")
    service.provision(stack, log)
    if not _proc.wait_until(lambda: service.probe(stack).healthy, HEALTHY_AFTER_READY_S):
        raise _fail(service, stack, f"unhealthy: {service.probe(stack).detail}")
    if proc is not None:
        log(f"{service.name}: healthy after {time.monotonic() - started:.1f} s")
    return _state(service, stack)


def _selected(only: Collection[str] | None) -> tuple[Service, ...]:
    return tuple(s for s in SERVICES if only is None or s.name in only)


def up(
    settings: Settings, log: Log = print, only: Collection[str] | None = None
) -> list[ServiceState]:
    """Install what is missing, generate credentials once, start every service that is not
    running and wait until each answers. Idempotent: running services keep their pids.

    Credentials made on the first run land in ``settings.generated_env_file``; a caller that
    goes on using settings reloads them (``get_settings.cache_clear()``) or takes
    ``ensure_credentials(settings)``.
    """
    with _proc.exclusive(settings.state_dir / "run" / "services.lock", LOCK_TIMEOUT_S, log):
        install(settings, log)
        stack = Stack(ensure_credentials(settings, log))
        stack.log_dir.mkdir(parents=True, exist_ok=True)
        return [_up_one(service, stack, log) for service in _selected(only)]


def down(
    settings: Settings, log: Log = print, only: Collection[str] | None = None
) -> list[ServiceState]:
    """Stop what ``up`` started (by our pid files only), in reverse order; ``only`` names
    the services to stop (all by default)."""
    stack = Stack(load_credentials(settings))
    if not stack.run_dir.is_dir():
        return status(settings)  # never started here: nothing to stop, nothing to create
    with _proc.exclusive(stack.run_dir / "services.lock", LOCK_TIMEOUT_S, log):
        _stop_all(stack, log, _selected(only))
    return status(settings)


def _stop_all(stack: Stack, log: Log, services: tuple[Service, ...] = SERVICES) -> None:
    for service in reversed(services):
        started = time.monotonic()
        pid = _proc.stop(stack.pid_file(service.name), service.stop_signal, service.stop_timeout_s)
        if pid is not None:
            log(f"{service.name}: stopped (pid {pid}) in {time.monotonic() - started:.1f} s")


def status(settings: Settings) -> list[ServiceState]:
    """Each service: is our process alive, does it answer. Changes nothing."""
    stack = Stack(load_credentials(settings))
    return [_state(service, stack) for service in SERVICES]
