"""The real dev PKI for the signing tests: generated into a temporary directory once per
session and served by ``python -m signing.devpki serve`` in a child process on a free loopback
port (TSA, OCSP and CRL over real HTTP). Time travel uses certomancer's fake-time header, which
this test server (only) honours."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyhanko.sign.signers import Signer

from signing import (
    PadesLevel,
    SignOptions,
    TrustAnchor,
    VerifyOptions,
    load_pkcs12_signer,
    load_trust_anchors,
    sign_pdf,
)
from signing.devpki import DevPki, generate
from tests.signing.pdfs import result_pdf

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"dev PKI exited ({proc.returncode}): {log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"dev PKI not healthy after {timeout_s} s: {log.read_text()}")


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevPki]:
    directory = tmp_path_factory.mktemp("pki")
    port = _free_port()
    dev = generate(directory, base_url=f"http://127.0.0.1:{port}")
    log = directory / "serve.log"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(REPO)}
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "signing.devpki",
                "serve",
                "--dir",
                str(directory),
                "--port",
                str(port),
                "--allow-time-override",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=REPO,
        )
    try:
        _wait_healthy(dev.health_url, proc, log, timeout_s=60)
        yield dev
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def anchors(pki: DevPki) -> tuple[TrustAnchor, ...]:
    return load_trust_anchors([pki.root_certificate])


def dev_signer(pki: DevPki, label: str) -> Signer:
    s = pki.signers[label]
    return load_pkcs12_signer(s.pkcs12, s.passphrase)


@pytest.fixture(scope="session")
def agency(pki: DevPki) -> Signer:
    return dev_signer(pki, "agency")


@pytest.fixture(scope="session")
def clerk(pki: DevPki) -> Signer:
    return dev_signer(pki, "clerk")


def options(pki: DevPki, anchors: tuple[TrustAnchor, ...], level: PadesLevel) -> SignOptions:
    return SignOptions(level=level, trust_anchors=anchors, tsa_url=pki.tsa_url)


@pytest.fixture(scope="session")
def verify_options(anchors: tuple[TrustAnchor, ...]) -> VerifyOptions:
    return VerifyOptions(trust_anchors=anchors)


@pytest.fixture(scope="session")
def signed(
    pki: DevPki, anchors: tuple[TrustAnchor, ...], agency: Signer
) -> dict[PadesLevel, bytes]:
    """The same result PDF signed by the agency once at every level (shared: signing is the
    slow part)."""
    src = result_pdf()
    return {level: sign_pdf(src, options(pki, anchors, level), agency) for level in PadesLevel}
