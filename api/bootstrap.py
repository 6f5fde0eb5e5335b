"""Bring a fresh stack to a usable state: schema migrated, bucket made."""

from __future__ import annotations

from archive.db import migrate

from .runtime import Runtime
from .settings import Settings


def migrate_and_prepare(settings: Settings) -> None:
    settings.require_secrets()
    migrate(settings.database_url)
    Runtime(settings).storage.ensure_bucket()
