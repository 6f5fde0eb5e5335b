"""Credentials made once at first start, kept in the state dir (mode 600), never committed."""

from __future__ import annotations

import secrets
from pathlib import Path

KEYS = ("SOHOA_DB_PASSWORD", "SOHOA_MINIO_ACCESS_KEY", "SOHOA_MINIO_SECRET_KEY", "SOHOA_JWT_SECRET")


def ensure(env_file: Path) -> None:
    existing: dict[str, str] = {}
    if env_file.exists():
        for line in env_file.read_text().splitlines():
            key, sep, value = line.partition("=")
            if sep:
                existing[key.strip()] = value.strip()
    added = False
    for key in KEYS:
        if not existing.get(key):
            existing[key] = (
                f"sohoa-{secrets.token_hex(6)}"
                if key == "SOHOA_MINIO_ACCESS_KEY"
                else secrets.token_urlsafe(32)
            )
            added = True
    if added or not env_file.exists():
        env_file.parent.mkdir(parents=True, exist_ok=True)
        env_file.touch(mode=0o600)
        env_file.write_text("".join(f"{k}={v}\n" for k, v in existing.items()))
        env_file.chmod(0o600)
