"""The FastAPI application: routers under /api/v1, one error translation, OpenAPI at /docs."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from ocr.memory import keep_freed_memory

from .errors import BodyLimit, install_handlers
from .routes import auth, documents, dossiers, health, jobs, owners, search, verify, workflow
from .runtime import get_runtime

API_PREFIX = "/api/v1"


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    keep_freed_memory()  # the gate reads each page at upload
    rt = get_runtime()
    rt.settings.require_secrets()
    rt.storage.ensure_bucket()
    yield
    rt.engine.dispose()


def create_app() -> FastAPI:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    app = FastAPI(
        title="sohoa",
        summary="Số hóa hồ sơ, kho dữ liệu và xác thực chữ ký — digitization and e-archive",
        version="0.1.0",
        lifespan=lifespan,
    )
    install_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=get_runtime().settings.max_upload_bytes)
    v1 = APIRouter(prefix=API_PREFIX)
    for module in (auth, dossiers, documents, workflow, jobs, owners, search, health):
        v1.include_router(module.router)
    v1.include_router(verify.router)
    app.include_router(v1)
    app.include_router(verify.public)
    return app
