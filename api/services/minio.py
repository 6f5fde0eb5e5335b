"""MinIO, the object store: a server binary built from source at a pinned version with
``go install`` (MinIO no longer ships community binaries), data in ``state_dir/minio/data``.

The bucket is not made here: the archive package makes it on first use.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import httpx

from api.settings import Settings

from ._proc import SYSTEM_PATH, Launch, Log, cmdline, run
from .base import Probe, Service, Stack
from .errors import CommandFailed, MinioUnavailable

MINIO_MODULE = "github.com/minio/minio"
MINIO_VERSION = "v0.0.0-20260212201848-7aac2a2c5b7c"
"""The pin; the Dockerfile's ``ARG MINIO_VERSION`` must match (a test checks)."""
MINIO_BIN_ENV = "SOHOA_MINIO_BIN"
BUILD_TIMEOUT_S = 1800.0


def _gopath() -> Path:
    try:
        out = run(["go", "env", "GOPATH"], timeout=30, env=_go_env()).stdout.strip()
    except CommandFailed:
        out = ""
    return Path(out or Path.home() / "go")


def _go_env() -> dict[str, str]:
    # Go needs HOME (module and build caches); GOPATH/GOPROXY etc. pass through if set.
    keep = (
        "HOME",
        "GOPATH",
        "GOROOT",
        "GOPROXY",
        "GOFLAGS",
        "GOCACHE",
        "GOMODCACHE",
        "GOTOOLCHAIN",
    )
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env.setdefault("HOME", str(Path.home()))
    go_bin = os.pathsep.join(["/usr/local/go/bin", str(Path(env["HOME"]) / "go" / "bin")])
    return {**env, "PATH": os.environ.get("PATH", SYSTEM_PATH) + os.pathsep + go_bin}


def find_binary() -> Path | None:
    """A built server: SOHOA_MINIO_BIN, then ``minio`` on PATH, then ``$(go env GOPATH)/bin``."""
    explicit = os.environ.get(MINIO_BIN_ENV)
    if explicit:
        if not (Path(explicit).is_file() and os.access(explicit, os.X_OK)):
            # Asked for this one: building another behind the operator's back would surprise.
            raise MinioUnavailable(f"{MINIO_BIN_ENV}={explicit} is not an executable file")
        return Path(explicit)
    on_path = shutil.which("minio")
    if on_path:
        return Path(on_path)
    built = _gopath() / "bin" / "minio"
    return built if os.access(built, os.X_OK) else None


def _build_in_progress() -> int | None:
    """Pid of a ``go install`` of MinIO already running (a bootstrap in another terminal)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        argv = cmdline(int(entry.name)) or ()
        if (
            len(argv) >= 3
            and Path(argv[0]).name == "go"
            and "install" in argv[1:-1]
            and argv[-1].startswith(MINIO_MODULE + "@")
        ):
            return int(entry.name)
    return None


def _built_version(binary: Path) -> str | None:
    try:
        out = run(["go", "version", "-m", str(binary)], timeout=30, env=_go_env()).stdout
    except CommandFailed:
        return None
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0] == "mod" and parts[1] == MINIO_MODULE:
            return parts[2]
    return None


def _build(log: Log, log_file: Path) -> None:
    pid = _build_in_progress()
    if pid is not None:
        log(f"minio: waiting for the build already running (pid {pid})")
        deadline = time.monotonic() + BUILD_TIMEOUT_S
        while cmdline(pid) is not None and time.monotonic() < deadline:
            time.sleep(2)
        return
    if shutil.which("go", path=_go_env()["PATH"]) is None:
        raise MinioUnavailable("no `go` on PATH and no built minio binary")
    target = f"{MINIO_MODULE}@{MINIO_VERSION}"
    log(f"minio: building {target} with go install (several minutes; log {log_file})")
    started = time.monotonic()
    try:
        proc = run(
            ["go", "install", target],
            timeout=BUILD_TIMEOUT_S,
            env={**_go_env(), "CGO_ENABLED": "0"},
            check=False,
        )
    except CommandFailed as exc:
        raise MinioUnavailable(str(exc)) from exc
    log_file.parent.mkdir(parents=True, exist_ok=True)
    log_file.write_text(proc.stdout + proc.stderr)
    if proc.returncode != 0:
        raise MinioUnavailable(f"go install failed: {proc.stderr.strip()[-1500:]}")
    log(f"minio: built in {time.monotonic() - started:.0f} s")


class MinioService(Service):
    name = "minio"

    def install(self, settings: Settings, log: Log) -> None:
        binary = find_binary()
        if binary is None:
            _build(log, settings.state_dir / "log" / "minio-build.log")
            binary = find_binary()
        if binary is None:
            raise MinioUnavailable(f"no minio binary after the build (looked in {_gopath()}/bin)")

    def ports(self, stack: Stack) -> tuple[tuple[str, int], ...]:
        s = stack.settings
        return (("minio_port", s.minio_port), ("minio_console_port", s.minio_console_port))

    def prepare(self, stack: Stack, log: Log) -> None:
        (stack.state_dir / "minio" / "data").mkdir(parents=True, exist_ok=True)
        (stack.state_dir / "minio" / "certs").mkdir(parents=True, exist_ok=True)
        binary = find_binary()
        if binary is not None:
            version = _built_version(binary)
            if version is not None and version != MINIO_VERSION:
                log(f"minio: {binary} is {version}, not the pinned {MINIO_VERSION}; using it")

    def launch(self, stack: Stack) -> Launch:
        s = stack.settings
        binary = find_binary()
        if binary is None:
            raise MinioUnavailable("run install first")
        home = stack.state_dir / "minio"
        return Launch(
            argv=(
                str(binary),
                "server",
                str(home / "data"),
                "--address",
                f"{s.host}:{s.minio_port}",
                "--console-address",
                f"{s.host}:{s.minio_console_port}",
                # Its default is ~/.minio/certs; keep everything in the state dir.
                "--certs-dir",
                str(home / "certs"),
            ),
            env={
                "PATH": SYSTEM_PATH,
                "HOME": str(home),
                "MINIO_ROOT_USER": s.minio_access_key,
                "MINIO_ROOT_PASSWORD": s.minio_secret_key.get_secret_value(),
                "MINIO_BROWSER": "on",
                "MINIO_UPDATE": "off",
            },
            cwd=home,
        )

    def probe(self, stack: Stack) -> Probe:
        s = stack.settings
        url = f"http://{s.host}:{s.minio_port}"
        console = f"console http://{s.host}:{s.minio_console_port}"
        try:
            r = httpx.get(f"{url}/minio/health/live", timeout=2.0)
        except httpx.HTTPError as exc:
            return Probe(False, f"{url}: {exc or type(exc).__name__}")
        if r.status_code != 200:
            return Probe(False, f"{url}: /minio/health/live answered {r.status_code}")
        return Probe(True, f"{url} ({console})")
