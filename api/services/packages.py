"""The Debian packages the stack and the OCR/signing code need, each checked by a file it ships,
so an `up` on a ready machine runs no apt at all."""

from __future__ import annotations

import glob
import os
from pathlib import Path

from ._proc import SYSTEM_PATH, Log, run
from .errors import CommandFailed, NeedsRoot, PackageInstallFailed

# package -> a file (glob: multiarch library paths differ by architecture) it installs.
DEBIAN_PACKAGES: dict[str, str] = {
    "tesseract-ocr": "/usr/bin/tesseract",
    "tesseract-ocr-vie": "/usr/share/tesseract-ocr/5/tessdata/vie.traineddata",
    "tesseract-ocr-osd": "/usr/share/tesseract-ocr/5/tessdata/osd.traineddata",
    "postgresql-15": "/usr/lib/postgresql/15/bin/initdb",
    # A virtual package postgresql-15 provides on bookworm; apt resolves it to that.
    "postgresql-contrib-15": "/usr/share/postgresql/15/extension/unaccent.control",
    "redis-server": "/usr/bin/redis-server",
    "poppler-utils": "/usr/bin/pdftoppm",
    "qpdf": "/usr/bin/qpdf",
    "ghostscript": "/usr/bin/gs",
    "unpaper": "/usr/bin/unpaper",
    "softhsm2": "/usr/bin/softhsm2-util",
    "opensc": "/usr/bin/pkcs11-tool",
    "libgl1": "/usr/lib/*/libGL.so.1",
    "libglib2.0-0": "/usr/lib/*/libglib-2.0.so.0",
    "fonts-liberation": "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    # Liberation 2: the Times-metric serif with Vietnamese glyphs, for signature stamps.
    "fonts-liberation2": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "fonts-dejavu-core": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "fonts-noto-core": "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "chromium": "/usr/bin/chromium",
}

APT_UPDATE_TIMEOUT_S = 600.0
APT_INSTALL_TIMEOUT_S = 1800.0
_APT_ENV = {"PATH": SYSTEM_PATH, "LANG": "C.UTF-8", "DEBIAN_FRONTEND": "noninteractive"}
# Wait for another apt/dpkg (e.g. unattended-upgrades) instead of failing at once.
_APT_OPTS = ("-q", "-y", "-o", "DPkg::Lock::Timeout=600")


def missing_packages() -> list[str]:
    # glob.glob, not Path("/").glob: pathlib lists every directory on the way (seconds, not µs).
    return [pkg for pkg, probe in DEBIAN_PACKAGES.items() if not glob.glob(probe)]  # noqa: PTH207


def ensure_packages(log: Log, log_file: Path) -> None:
    """apt-get install what is missing (``apt-get update`` first, once); nothing if none is."""
    missing = missing_packages()
    if not missing:
        return
    if os.geteuid() != 0:
        raise NeedsRoot(
            f"missing: {' '.join(missing)}; run: sudo apt-get install -y {' '.join(missing)}"
        )
    log(f"installing Debian packages: {' '.join(missing)} (log {log_file})")
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("a") as out:
        for argv, timeout in (
            (("apt-get", *_APT_OPTS, "update"), APT_UPDATE_TIMEOUT_S),
            (
                ("apt-get", *_APT_OPTS, "install", "--no-install-recommends", *missing),
                APT_INSTALL_TIMEOUT_S,
            ),
        ):
            try:
                proc = run(argv, timeout=timeout, env=_APT_ENV, check=False)
            except CommandFailed as exc:
                raise PackageInstallFailed(f"{exc} (log {log_file})") from exc
            out.write(f"$ {' '.join(argv)}\n{proc.stdout}{proc.stderr}\n")
            if proc.returncode != 0:
                raise PackageInstallFailed(
                    f"{' '.join(argv[:2])} … exited {proc.returncode}: "
                    f"{proc.stderr.strip()[-1500:]} (log {log_file})"
                )
    still = missing_packages()
    if still:
        raise PackageInstallFailed(f"installed, but files are still missing for: {' '.join(still)}")
    log("Debian packages installed")
