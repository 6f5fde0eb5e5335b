"""Per-process wiring: settings, the database engine and the object store.

Built lazily and once per process (Celery forks workers; a pool must not cross a fork).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from archive.db import make_engine, make_sessionmaker
from archive.storage import MinioStorage, StorageOptions
from ingest.limits import IntakeLimits

from .settings import Settings, get_settings


@dataclass
class Runtime:
    settings: Settings

    @cached_property
    def engine(self) -> Engine:
        return make_engine(self.settings.database_url)

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        return make_sessionmaker(self.engine)

    @cached_property
    def storage(self) -> MinioStorage:
        s = self.settings
        return MinioStorage(
            StorageOptions(
                endpoint=s.minio_endpoint,
                access_key=s.minio_access_key,
                secret_key=s.minio_secret_key.get_secret_value(),
                bucket=s.bucket,
            )
        )

    @property
    def limits(self) -> IntakeLimits:
        s = self.settings
        return IntakeLimits(
            max_bytes=s.max_upload_bytes,
            max_pages=s.max_pages,
            max_page_pixels=s.max_page_pixels,
            render_dpi=s.ocr_dpi,
        )


_runtime: tuple[int, Runtime] | None = None


def get_runtime() -> Runtime:
    global _runtime
    if _runtime is None or _runtime[0] != os.getpid():
        _runtime = (os.getpid(), Runtime(get_settings()))
    return _runtime[1]
