"""What the stack needs from Debian and Go, installed only when missing."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from ._proc import Log, run

MINIO_MODULE = "github.com/minio/minio"
MINIO_VERSION = "v0.0.0-20260212201848-7aac2a2c5b7c"  # pinned: master of 2026-02-12

# package -> a file it installs (present means installed)
DEBIAN: dict[str, str] = {
    "tesseract-ocr": "/usr/bin/tesseract",
    "tesseract-ocr-vie": "/usr/share/tesseract-ocr/5/tessdata/vie.traineddata",
    "tesseract-ocr-osd": "/usr/share/tesseract-ocr/5/tessdata/osd.traineddata",
    "postgresql-15": "/usr/lib/postgresql/15/bin/initdb",
    "postgresql-contrib-15": "/usr/share/postgresql/15/extension/unaccent.control",
    "redis-server": "/usr/bin/redis-server",
    "poppler-utils": "/usr/bin/pdftotext",
    "qpdf": "/usr/bin/qpdf",
    "ghostscript": "/usr/bin/gs",
    "unpaper": "/usr/bin/unpaper",
    "softhsm2": "/usr/bin/softhsm2-util",
    "opensc": "/usr/bin/pkcs11-tool",
    "libgl1": "/usr/lib/x86_64-linux-gnu/libGL.so.1",
    "libglib2.0-0": "/usr/lib/x86_64-linux-gnu/libglib-2.0.so.0",
    "fonts-liberation": "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "fonts-dejavu-core": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "fonts-noto-core": "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
    "chromium": "/usr/bin/chromium",
}


def missing_debian() -> list[str]:
    return [pkg for pkg, probe in DEBIAN.items() if not Path(probe).exists()]


def install_debian(log: Log) -> None:
    missing = missing_debian()
    if not missing:
        return
    if os.geteuid() != 0:
        raise RuntimeError(
            f"missing Debian packages; run as root: apt-get install -y {' '.join(missing)}"
        )
    log(f"apt-get install {' '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(["apt-get", "update", "-qq"], timeout_s=600, env=env)
    run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        timeout_s=1800,
        env=env,
    )


def _gopath_bin() -> Path | None:
    go = shutil.which("go")
    if not go:
        return None
    try:
        out = subprocess.run([go, "env", "GOPATH"], capture_output=True, timeout=30, check=True)
    except (subprocess.SubprocessError, OSError):
        return None
    return Path(out.stdout.decode().strip().split(os.pathsep)[0]) / "bin"


def minio_binary() -> Path | None:
    """A built MinIO server: $SOHOA_MINIO_BIN, `minio` on PATH, or $(go env GOPATH)/bin/minio."""
    candidates = [os.environ.get("SOHOA_MINIO_BIN"), shutil.which("minio")]
    gobin = _gopath_bin()
    if gobin:
        candidates.append(str(gobin / "minio"))
    for c in candidates:
        if c and Path(c).is_file() and os.access(c, os.X_OK):
            return Path(c)
    return None


def install_minio(log: Log) -> Path:
    found = minio_binary()
    if found:
        return found
    if not shutil.which("go"):
        raise RuntimeError(
            "MinIO is not built and Go is missing: install Go, or set SOHOA_MINIO_BIN"
        )
    log(f"go install {MINIO_MODULE}@{MINIO_VERSION} (a few minutes, once)")
    run(["go", "install", f"{MINIO_MODULE}@{MINIO_VERSION}"], timeout_s=3600)
    found = minio_binary()
    if not found:
        raise RuntimeError("go install finished but no minio binary was found")
    return found
