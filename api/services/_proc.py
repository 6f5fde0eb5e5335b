"""Processes we start: detached spawning, pid files that remember the exact command line, and
stopping only what is still ours. The one place the services package calls subprocess."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pwd
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CommandFailed, ServiceError

Log = Callable[[str], None]

SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


@dataclass(frozen=True)
class Launch:
    """How to start a long-running service process."""

    argv: tuple[str, ...]
    env: Mapping[str, str] = field(default_factory=dict)
    """The child's whole environment; ours is never inherited or written."""
    user: str | None = None
    """OS user to run as (only when we are root), e.g. ``postgres``."""
    cwd: Path | None = None


@dataclass(frozen=True)
class PidRecord:
    pid: int
    argv: tuple[str, ...]
    """The command line we started; a pid whose /proc cmdline differs is not ours any more."""


def _identity(user: str | None) -> tuple[int | None, int | None, list[int] | None]:
    """(uid, gid, groups) to run as ``user``; all None to stay who we are."""
    if user is None:
        return None, None, None
    pw = pwd.getpwnam(user)
    return pw.pw_uid, pw.pw_gid, os.getgrouplist(user, pw.pw_gid)


def run(
    argv: Sequence[str],
    *,
    timeout: float,
    env: Mapping[str, str] | None = None,
    user: str | None = None,
    input: str | None = None,
    cwd: Path | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run a short command to completion; failure or timeout is a ``CommandFailed``."""
    child_env = dict(env) if env is not None else {"PATH": SYSTEM_PATH, "LANG": "C.UTF-8"}
    uid, gid, groups = _identity(user)
    try:
        proc = subprocess.run(
            list(argv),
            input=input,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=child_env,
            cwd=cwd,
            check=False,
            user=uid,
            group=gid,
            extra_groups=groups,
        )
    except subprocess.TimeoutExpired as exc:
        raise CommandFailed(f"{argv[0]} did not finish within {timeout:.0f} s") from exc
    except OSError as exc:
        raise CommandFailed(f"cannot run {argv[0]}: {exc}") from exc
    if check and proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip()[-2000:]
        raise CommandFailed(f"{' '.join(argv[:3])} … exited {proc.returncode}: {tail}")
    return proc


# --- pid files ----------------------------------------------------------------------------


def write_pid_file(path: Path, record: PidRecord) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"pid": record.pid, "argv": list(record.argv)}) + "\n")
    tmp.replace(path)


def read_pid_file(path: Path) -> PidRecord | None:
    """The record, or None when the file is missing or not one of ours."""
    try:
        raw = json.loads(path.read_text())
        return PidRecord(int(raw["pid"]), tuple(str(a) for a in raw["argv"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def cmdline(pid: int) -> tuple[str, ...] | None:
    """A process's argv, or None when it is gone (a zombie's cmdline is empty)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    if not raw:
        return None
    return tuple(part.decode(errors="replace") for part in raw.rstrip(b"\0").split(b"\0"))


def is_running(record: PidRecord) -> bool:
    """Still the process we started: alive and with the very command line we gave it."""
    return record.pid > 0 and cmdline(record.pid) == record.argv


def live_pid(pid_file: Path) -> int | None:
    record = read_pid_file(pid_file)
    return record.pid if record is not None and is_running(record) else None


def clear_stale(pid_file: Path) -> bool:
    """Remove a pid file whose process is gone or was replaced; True when one was removed."""
    if pid_file.exists() and live_pid(pid_file) is None:
        pid_file.unlink(missing_ok=True)
        return True
    return False


# --- starting and stopping ----------------------------------------------------------------


def spawn(launch: Launch, log_file: Path, pid_file: Path) -> subprocess.Popen[bytes]:
    """Start detached (own session, so a Ctrl-C in our terminal does not reach it)."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    uid, gid, groups = _identity(launch.user)
    with log_file.open("ab") as out:
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        out.write(f"--- {stamp} sohoa starts: {' '.join(launch.argv)}\n".encode())
        out.flush()
        proc = subprocess.Popen(
            list(launch.argv),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=dict(launch.env),
            cwd=launch.cwd,
            start_new_session=True,
            user=uid,
            group=gid,
            extra_groups=groups,
        )
    write_pid_file(pid_file, PidRecord(proc.pid, launch.argv))
    # Popen returns inside exec, before /proc/<pid>/cmdline shows the new program; wait for it
    # so that the pid file is recognisable (by live_pid, stop) as soon as we return.
    wait_until(lambda: cmdline(proc.pid) == launch.argv, 2.0, interval_s=0.01, proc=proc)
    return proc


def _exited(pid: int) -> bool:
    """Gone or a zombie. (Its cmdline empties while it is still exiting, so that is not enough
    to know the port and files are released.)"""
    # Only our own children can be reaped (when up and down run in one process, e.g. tests).
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return True
    return state in ("Z", "X")


def stop(pid_file: Path, sig: signal.Signals, timeout_s: float) -> int | None:
    """Stop the process of a pid file if it is still ours: ``sig``, then SIGKILL to its
    process group after ``timeout_s``. Returns the pid stopped; the pid file is removed."""
    record = read_pid_file(pid_file)
    if record is None or not is_running(record):
        pid_file.unlink(missing_ok=True)
        return None
    pid = record.pid
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)
    if not wait_until(lambda: _exited(pid), timeout_s) and is_running(record):
        # Started with start_new_session, so its group is its own: the service's children go too.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if os.getpgid(pid) == pid:
                os.killpg(pid, signal.SIGKILL)
            else:
                os.kill(pid, signal.SIGKILL)
        wait_until(lambda: _exited(pid), 10.0)
    pid_file.unlink(missing_ok=True)
    return pid


def wait_until(
    check: Callable[[], bool],
    timeout_s: float,
    *,
    interval_s: float = 0.2,
    proc: subprocess.Popen[bytes] | None = None,
) -> bool:
    """Poll ``check`` until it is true or the deadline passes; give up early if ``proc`` died."""
    deadline = time.monotonic() + timeout_s
    while True:
        if check():
            return True
        if proc is not None and proc.poll() is not None:
            return False
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval_s)


def port_open(host: str, port: int, timeout_s: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            return True
    except OSError:
        return False


def log_tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


@contextlib.contextmanager
def exclusive(lock_file: Path, timeout_s: float, log: Log) -> Iterator[None]:
    """One ``up``/``down`` at a time per state dir (two terminals would both start a server)."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("a") as fh:
        if _try_lock(fh.fileno()):
            yield
            return
        log(f"waiting for another sohoa up/down on this state dir ({lock_file})")
        if not wait_until(lambda: _try_lock(fh.fileno()), timeout_s, interval_s=0.5):
            raise ServiceError(f"another up/down holds {lock_file} for more than {timeout_s:.0f} s")
        yield  # the lock goes with the file descriptor


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
