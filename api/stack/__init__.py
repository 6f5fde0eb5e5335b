"""The stack on loopback without Docker: install what is missing, start, stop, report.

Each service is one module with ``start``, ``stop`` and ``state``; adding one (the
development PKI) is one more entry in ``SERVICES``.
"""

from __future__ import annotations

from ..settings import Settings, load_settings
from . import credentials, minio, postgres, redis
from ._proc import Log
from .packages import install_debian, install_minio
from .state import ServiceState

SERVICES = (postgres, redis, minio)

__all__ = ["SERVICES", "ServiceState", "down", "install", "status", "up"]


def install(settings: Settings, log: Log = print) -> None:
    install_debian(log)
    install_minio(log)


def up(settings: Settings, log: Log = print) -> list[ServiceState]:
    """Install, generate credentials once, start each service, wait until healthy."""
    install(settings, log)
    (settings.state_dir / "run").mkdir(parents=True, exist_ok=True)
    credentials.ensure(settings.generated_env_file)
    # Settings were read before the credentials existed: read them again.
    settings = load_settings(state_dir=settings.state_dir)
    for service in SERVICES:
        service.start(settings, log)
    return status(settings)


def down(settings: Settings, log: Log = print) -> list[ServiceState]:
    for service in reversed(SERVICES):
        service.stop(settings, log)
    return status(settings)


def status(settings: Settings) -> list[ServiceState]:
    settings = load_settings(state_dir=settings.state_dir)
    return [service.state(settings) for service in SERVICES]
