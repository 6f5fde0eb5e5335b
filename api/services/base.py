"""What one local service is, for the registry in ``_stack.py``.

A service says how to prepare its state, how to launch its process, how to tell that it
answers, and what to set up once it does. Starting, pid files, deadlines and stopping are
the same for all of them and live in ``_stack.py``; adding a service is one module and one
registry entry.
"""

from __future__ import annotations

import signal
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from api.settings import Settings

from ._proc import Launch, Log


@dataclass(frozen=True)
class ServiceState:
    name: str
    running: bool
    """A process we started is alive (its pid file names it and its command line matches)."""
    healthy: bool
    """It answers as the application will use it."""
    detail: str
    """URL and version, or why it is unhealthy."""
    pid: int | None


@dataclass(frozen=True)
class Probe:
    healthy: bool
    detail: str


@dataclass(frozen=True)
class Stack:
    """Settings (credentials filled in) and the layout of the state directory."""

    settings: Settings

    @property
    def state_dir(self) -> Path:
        return self.settings.state_dir

    @property
    def run_dir(self) -> Path:
        return self.state_dir / "run"

    @property
    def log_dir(self) -> Path:
        return self.state_dir / "log"

    def pid_file(self, name: str) -> Path:
        return self.run_dir / f"{name}.pid"

    def log_file(self, name: str) -> Path:
        return self.log_dir / f"{name}.log"


class Service(ABC):
    name: ClassVar[str]
    stop_signal: ClassVar[signal.Signals] = signal.SIGTERM
    start_timeout_s: ClassVar[float] = 60.0
    stop_timeout_s: ClassVar[float] = 30.0

    def install(self, settings: Settings, log: Log) -> None:  # noqa: B027 - optional hook
        """Get what the Debian packages do not provide (e.g. a binary built from source)."""

    @abstractmethod
    def ports(self, stack: Stack) -> tuple[tuple[str, int], ...]:
        """(setting name, port) pairs it listens on, to refuse a port someone else holds."""

    def prepare(self, stack: Stack, log: Log) -> None:  # noqa: B027 - optional hook
        """Create data directories and (re)write generated config; runs before each start."""

    @abstractmethod
    def launch(self, stack: Stack) -> Launch: ...

    def ready(self, stack: Stack) -> bool:
        """Answers well enough for ``provision``; by default the same as healthy."""
        return self.probe(stack).healthy

    def provision(self, stack: Stack, log: Log) -> None:  # noqa: B027 - optional hook
        """Idempotent set-up inside the running service (roles, databases, extensions)."""

    @abstractmethod
    def probe(self, stack: Stack) -> Probe:
        """Does it answer as the application uses it? Short timeouts, never raises."""
