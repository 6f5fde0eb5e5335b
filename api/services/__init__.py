"""Real services on loopback without Docker: PostgreSQL 15, Redis and MinIO, started from the
state directory (``settings.state_dir``) and stopped again by their pid files.

Layout of the state directory::

    postgres/        the cluster (owned by the postgres OS user when we are root)
    redis/           redis.conf (generated) and its append-only data
    minio/data       objects
    run/             <service>.pid, the postgres socket
    log/<service>.log
    sohoa.env        credentials generated once (mode 600)

``python -m api.services up|down|status|install`` runs the same functions.
"""

from __future__ import annotations

from ._stack import SERVICES, down, install, status, up
from .base import Service, ServiceState
from .credentials import ensure_credentials
from .errors import ServiceError
from .minio import MINIO_VERSION
from .packages import DEBIAN_PACKAGES

__all__ = [
    "DEBIAN_PACKAGES",
    "MINIO_VERSION",
    "SERVICES",
    "Service",
    "ServiceError",
    "ServiceState",
    "down",
    "ensure_credentials",
    "install",
    "status",
    "up",
]
