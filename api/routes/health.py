from __future__ import annotations

import redis
from fastapi import APIRouter
from fastapi.responses import JSONResponse

from archive.db import healthy as db_healthy

from ..deps import RuntimeDep

router = APIRouter(tags=["health"])


def _broker_ok(url: str) -> bool:
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False


@router.get("/health")
def health(rt: RuntimeDep) -> JSONResponse:
    """Each dependency's state; 503 when one is down (load balancers take the node out)."""
    services = {
        "database": "ok" if db_healthy(rt.engine) else "down",
        "object_store": "ok" if rt.storage.healthy() else "down",
        "broker": "ok" if _broker_ok(rt.settings.redis_url) else "down",
    }
    ok = all(v == "ok" for v in services.values())
    return JSONResponse(
        {"status": "ok" if ok else "degraded", "services": services},
        status_code=200 if ok else 503,
    )
