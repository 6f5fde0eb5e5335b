"""The development PKI (root, intermediate, signers, RFC 3161 TSA, OCSP, CRL) served on
loopback by ``signing.devpki``: what B-T/B-LT/B-LTA signing and verification run against on
a dev or CI machine. Keys are generated into ``state_dir/pki`` at the first start (mode 600)."""

from __future__ import annotations

import sys

import httpx

from ._proc import SYSTEM_PATH, Launch, Log
from .base import Probe, Service, Stack


class PkiService(Service):
    name = "pki"

    def ports(self, stack: Stack) -> tuple[tuple[str, int], ...]:
        return (("pki_port", stack.settings.pki_port),)

    @staticmethod
    def base_url(stack: Stack) -> str:
        return f"http://{stack.settings.host}:{stack.settings.pki_port}"

    def prepare(self, stack: Stack, log: Log) -> None:
        (stack.state_dir / "pki").mkdir(parents=True, exist_ok=True)

    def launch(self, stack: Stack) -> Launch:
        s = stack.settings
        return Launch(
            argv=(
                sys.executable,
                "-m",
                "signing.devpki",
                "serve",
                "--dir",
                str(stack.state_dir / "pki"),
                "--host",
                s.host,
                "--port",
                str(s.pki_port),
            ),
            env={"PATH": SYSTEM_PATH, "LANG": "C.UTF-8", "PYTHONUNBUFFERED": "1"},
            cwd=stack.state_dir / "pki",
        )

    def probe(self, stack: Stack) -> Probe:
        url = f"{self.base_url(stack)}/healthz"
        try:
            r = httpx.get(url, timeout=2)
        except httpx.HTTPError as exc:
            return Probe(False, f"{url}: {exc}")
        if r.status_code != 200:
            return Probe(False, f"{url}: HTTP {r.status_code}")
        return Probe(True, f"{self.base_url(stack)} (TSA, OCSP, CRL)")
