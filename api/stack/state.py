from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceState:
    name: str
    running: bool
    """A process we started is alive."""
    healthy: bool
    """It answers."""
    detail: str
    pid: int | None
