"""The development PKI: root, intermediate, signers, TSA, OCSP and CRL, made with certomancer.

``generate`` writes keys, a certomancer configuration, PEM certificates and PKCS#12 files into
a directory (idempotent: a complete directory is reused); ``serve`` answers TSA, OCSP and CRL
requests over HTTP with certomancer's Animator. Keys and passwords never leave the directory
(mode 600), and the Animator's web UI, which would hand out PKCS#12 files, is switched off.

Certificates are not stored as the source of truth: certomancer derives them from the
configuration and the keys, deterministically (RSA CA keys, fixed serials and dates), so
``serve`` in another process rebuilds exactly the certificates ``generate`` wrote. ``serve``
checks that and refuses a directory that no longer matches.

    python -m signing.devpki generate --dir D [--base-url http://127.0.0.1:19080]
    python -m signing.devpki serve --dir D [--host 127.0.0.1] [--port 19080]
    python -m signing.devpki root --dir D --out root.pem

Health check of a running ``serve``: ``GET {base_url}/healthz`` → 200, JSON with the root's
SHA-256 fingerprint.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from asn1crypto import pem as asn1_pem
from asn1crypto import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from signing.errors import DevPkiError

__all__ = [
    "ARCH",
    "DEFAULT_PORT",
    "DevPki",
    "DevSigner",
    "SIGNER_LABELS",
    "generate",
    "load",
    "make_app",
    "serve",
]

ARCH = "sohoa-dev"
DEFAULT_PORT = 19080
DEFAULT_HOST = "127.0.0.1"
MANIFEST = "pki.json"
SECRETS = "secrets.json"
CONFIG = "certomancer.yml"

SIGNER_LABELS = ("agency", "clerk", "expired", "no-usage", "revoked")
"""Signer certificates the dev PKI issues: the agency seal (RSA 2048), a clerk (ECDSA P-256),
and three that must be refused or caught: expired, without signing key usage, revoked."""

_EC_KEYS = frozenset({"clerk"})
_KEY_LABELS = ("root", "interm", "ocsp", "tsa", *SIGNER_LABELS)


@dataclass(frozen=True)
class DevSigner:
    """One signer of the dev PKI, as files."""

    label: str
    pkcs12: Path
    """PKCS#12 file: key, certificate and chain."""
    passphrase: str
    """Passphrase of :attr:`pkcs12` (random, kept in the directory's secrets file)."""
    certificate: Path
    """The signer's certificate (PEM)."""
    key: Path
    """The unencrypted private key (PKCS#8 PEM), for importing into a token."""


@dataclass(frozen=True)
class DevPki:
    """A generated dev PKI directory and the URLs its ``serve`` answers on."""

    dir: Path
    base_url: str
    """Where ``serve`` must listen: it is written into the certificates (AIA, CRL DP)."""
    root_certificate: Path
    """The trust anchor (PEM), what ``sohoa pki root --out`` hands out."""
    intermediate_certificate: Path
    tsa_certificate: Path
    signers: Mapping[str, DevSigner]

    @property
    def tsa_url(self) -> str:
        return f"{self.base_url}/{ARCH}/tsa/tsa"

    @property
    def ocsp_url(self) -> str:
        return f"{self.base_url}/{ARCH}/ocsp/interm"

    @property
    def crl_url(self) -> str:
        return f"{self.base_url}/{ARCH}/crls/interm/latest.crl"

    @property
    def health_url(self) -> str:
        return f"{self.base_url}/healthz"

    def to_dict(self) -> dict[str, Any]:
        return {
            "dir": str(self.dir),
            "base_url": self.base_url,
            "root_certificate": str(self.root_certificate),
            "tsa_url": self.tsa_url,
            "ocsp_url": self.ocsp_url,
            "crl_url": self.crl_url,
            "health_url": self.health_url,
            "signers": {k: str(v.pkcs12) for k, v in self.signers.items()},
        }


# --- generate -------------------------------------------------------------------------------


def _iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S+0000")


def _validity(start: datetime, end: datetime) -> dict[str, str]:
    return {"valid-from": _iso(start), "valid-to": _iso(end)}


def _config(base_url: str, now: datetime) -> dict[str, Any]:
    """The certomancer configuration. Dates are absolute (fixed at generation) so every load
    rebuilds the same certificates; CAs and the TSA start years back so tests can sign "in the
    past" (certomancer's fake-time header) with the expired signer while it was valid."""
    day, year = timedelta(days=1), timedelta(days=365)
    signer_aia = {
        "id": "authority_information_access",
        "smart-value": {
            "schema": "aia-urls",
            "params": {
                "ocsp-responder-names": ["interm"],
                "ca-issuer-links": [{"repo": "interm", "include-repo-authority": True}],
            },
        },
    }
    signer = {
        "issuer": "interm",
        "validity": _validity(now - day, now + 3 * year),
        "profiles": ["digsig-commitment"],
        "extensions": [signer_aia],
    }
    return {
        "external-url-prefix": base_url,
        "keysets": {
            ARCH: {
                "path-prefix": "keys",
                "keys": {label: {"path": f"{label}.key.pem"} for label in _KEY_LABELS},
            }
        },
        "pki-architectures": {
            ARCH: {
                "keyset": ARCH,
                "entity-defaults": {
                    "country-name": "VN",
                    "organization-name": "Sohoa Development PKI",
                },
                "entities": {
                    "root": {"common-name": "Sohoa Dev Root CA (NOT FOR PRODUCTION)"},
                    "interm": {"common-name": "Sohoa Dev Signing CA"},
                    "ocsp": {"common-name": "Sohoa Dev OCSP Responder"},
                    "tsa": {"common-name": "Sohoa Dev Time Stamping Authority"},
                    "agency": {
                        "common-name": "Ủy ban nhân dân phường Ba Đình",
                        "organization-name": "UBND Thành phố Hà Nội",
                        "locality-name": "Hà Nội",
                    },
                    "clerk": {
                        "common-name": "Nguyễn Thị Hằng",
                        "organization-name": "Trung tâm Phục vụ hành chính công Hà Nội",
                    },
                    "expired": {"common-name": "Trần Văn Hết Hạn"},
                    "no-usage": {"common-name": "Lê Thị Không Ký"},
                    "revoked": {"common-name": "Phạm Văn Thu Hồi"},
                },
                "certs": {
                    "root": {
                        "subject": "root",
                        "issuer": "root",
                        "authority-key": "root",
                        "validity": _validity(now - 5 * year, now + 25 * year),
                        "profiles": [{"id": "simple-ca", "params": {"crl-repo": "root"}}],
                    },
                    "interm": {
                        "issuer": "root",
                        "validity": _validity(now - 4 * year, now + 15 * year),
                        "profiles": [
                            {
                                "id": "simple-ca",
                                "params": {
                                    "max-path-len": 0,
                                    "crl-repo": "interm",
                                    "ocsp-service": "interm",
                                },
                            }
                        ],
                    },
                    "ocsp": {
                        "issuer": "interm",
                        "validity": _validity(now - 3 * year, now + 10 * year),
                        "profiles": ["ocsp-responder"],
                    },
                    "tsa": {
                        "issuer": "root",
                        "validity": _validity(now - 3 * year, now + 10 * year),
                        "extensions": [
                            {
                                "id": "key_usage",
                                "critical": True,
                                "smart-value": {
                                    "schema": "key-usage",
                                    "params": ["digital_signature"],
                                },
                            },
                            {
                                "id": "extended_key_usage",
                                "critical": True,
                                "value": ["time_stamping"],
                            },
                            {
                                "id": "crl_distribution_points",
                                "smart-value": {
                                    "schema": "crl-dist-url",
                                    "params": {"crl-repo-names": ["root"]},
                                },
                            },
                        ],
                    },
                    "agency": signer,
                    "clerk": signer,
                    "expired": {**signer, "validity": _validity(now - 2 * year, now - year)},
                    "no-usage": {
                        **signer,
                        "profiles": [],
                        "extensions": [
                            signer_aia,
                            {
                                "id": "key_usage",
                                "critical": True,
                                "smart-value": {
                                    "schema": "key-usage",
                                    "params": ["key_encipherment"],
                                },
                            },
                        ],
                    },
                    "revoked": {
                        **signer,
                        "revocation": {
                            "revoked-since": _iso(now - timedelta(hours=1)),
                            "reason": "key_compromise",
                        },
                    },
                },
                "services": {
                    "ocsp": {
                        "interm": {
                            "for-issuer": "interm",
                            "responder-cert": "ocsp",
                            "signing-key": "ocsp",
                        }
                    },
                    "crl-repo": {
                        "root": {
                            "for-issuer": "root",
                            "signing-key": "root",
                            "simulated-update-schedule": "P30D",
                        },
                        "interm": {
                            "for-issuer": "interm",
                            "signing-key": "interm",
                            "simulated-update-schedule": "P1D",
                        },
                    },
                    "cert-repo": {
                        "root": {"for-issuer": "root", "publish-issued-certs": True},
                        "interm": {"for-issuer": "interm", "publish-issued-certs": False},
                    },
                    "time-stamping": {"tsa": {"signing-key": "tsa", "signing-cert": "tsa"}},
                },
            }
        },
    }


class _PlainDumper(yaml.SafeDumper):
    """No ``&id001`` anchors for shared sub-dicts: the generated file stays readable."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _write_private(path: Path, data: bytes) -> None:
    """Create with mode 600 from the start, so the secret is never world-readable."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def _new_key(label: str) -> bytes:
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    if label in _EC_KEYS:
        key = ec.generate_private_key(ec.SECP256R1())
    else:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _pem(cert: x509.Certificate) -> bytes:
    return bytes(asn1_pem.armor("CERTIFICATE", cert.dump()))


def _arch(directory: Path) -> Any:
    from certomancer.registry import ArchLabel, CertomancerConfig

    try:
        cfg = CertomancerConfig.from_file(
            str(directory / CONFIG),
            key_search_dir=str(directory),
            allow_external_config=False,
        )
        return cfg.get_pki_arch(ArchLabel(ARCH))
    except Exception as e:  # certomancer raises several unrelated types
        raise DevPkiError(f"cannot load the dev PKI in {directory}: {e}") from e


def generate(directory: Path, *, base_url: str) -> DevPki:
    """Create the dev PKI in ``directory``, or reuse it when it is complete and was made for
    the same ``base_url`` (a different URL is an error: it is baked into the certificates)."""
    directory = Path(directory)
    base_url = base_url.rstrip("/")
    if (directory / MANIFEST).exists():
        pki = load(directory)
        if pki.base_url != base_url:
            raise DevPkiError(
                f"{directory} was generated for {pki.base_url}, not {base_url}; "
                "delete the directory to regenerate it"
            )
        return pki
    try:
        directory.mkdir(parents=True, exist_ok=True)
        directory.chmod(0o700)
        (directory / "keys").mkdir(mode=0o700, exist_ok=True)
        (directory / "certs").mkdir(exist_ok=True)
        (directory / "p12").mkdir(mode=0o700, exist_ok=True)
        for label in _KEY_LABELS:
            _write_private(directory / "keys" / f"{label}.key.pem", _new_key(label))
        now = datetime.now(UTC).replace(microsecond=0)
        config = _config(base_url, now)
        (directory / CONFIG).write_text(
            yaml.dump(config, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        arch = _arch(directory)
        from certomancer.registry import CertLabel

        for label in ("root", "interm", "ocsp", "tsa", *SIGNER_LABELS):
            cert = arch.get_cert(CertLabel(label))
            (directory / "certs" / f"{label}.cert.pem").write_bytes(_pem(cert))
        passphrases = {label: secrets.token_urlsafe(18) for label in SIGNER_LABELS}
        for label, passphrase in passphrases.items():
            p12 = arch.package_pkcs12(CertLabel(label), password=passphrase.encode())
            _write_private(directory / "p12" / f"{label}.p12", p12)
        _write_private(directory / SECRETS, json.dumps({"pkcs12": passphrases}, indent=2).encode())
        root = arch.get_cert(CertLabel("root"))
        manifest = {
            "arch": ARCH,
            "base_url": base_url,
            "generated_at": now.isoformat(),
            "root_sha256": root.sha256.hex(),
        }
        # the manifest last: its presence marks a complete directory
        (directory / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    except OSError as e:
        raise DevPkiError(f"cannot write the dev PKI into {directory}: {e}") from e
    return load(directory)


def load(directory: Path) -> DevPki:
    """Read a generated dev PKI directory (no certomancer work, cheap)."""
    directory = Path(directory)
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        passphrases = json.loads((directory / SECRETS).read_text(encoding="utf-8"))["pkcs12"]
    except (OSError, ValueError, KeyError) as e:
        raise DevPkiError(f"{directory} holds no complete dev PKI: {e}") from e
    signers = {
        label: DevSigner(
            label=label,
            pkcs12=directory / "p12" / f"{label}.p12",
            passphrase=passphrases[label],
            certificate=directory / "certs" / f"{label}.cert.pem",
            key=directory / "keys" / f"{label}.key.pem",
        )
        for label in SIGNER_LABELS
    }
    return DevPki(
        dir=directory,
        base_url=manifest["base_url"],
        root_certificate=directory / "certs" / "root.cert.pem",
        intermediate_certificate=directory / "certs" / "interm.cert.pem",
        tsa_certificate=directory / "certs" / "tsa.cert.pem",
        signers=signers,
    )


# --- serve ----------------------------------------------------------------------------------


def make_app(directory: Path, *, allow_time_override: bool = False) -> Any:
    """The WSGI app: certomancer's Animator (no web UI) plus ``GET /healthz``.

    ``allow_time_override`` lets a client ask for answers at another time with certomancer's
    ``X-Certomancer-Fake-Time`` header: for tests that travel in time, never for a demo."""
    from certomancer.integrations.animator import Animator, AnimatorArchStore
    from certomancer.registry import ArchLabel, CertLabel
    from werkzeug.wrappers import Response

    pki = load(directory)
    arch = _arch(directory)
    root = arch.get_cert(CertLabel("root"))
    on_disk = pki.root_certificate.read_bytes()
    if _pem(root) != on_disk:
        raise DevPkiError(
            f"the certificates in {directory} no longer match its configuration; regenerate it"
        )
    animator = Animator(
        AnimatorArchStore({ArchLabel(ARCH): arch}),
        with_web_ui=False,
        allow_time_override=allow_time_override,
    )
    health = json.dumps({"status": "ok", "arch": ARCH, "root_sha256": root.sha256.hex()}).encode()

    def app(environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("PATH_INFO") == "/healthz":
            return Response(health, mimetype="application/json")(environ, start_response)
        return animator(environ, start_response)

    return app


def serve(
    directory: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    allow_time_override: bool = False,
) -> None:
    """Serve TSA, OCSP, CRL and certificate repositories until SIGTERM/SIGINT."""
    from werkzeug.serving import make_server

    app = make_app(directory, allow_time_override=allow_time_override)
    try:
        server = make_server(host, port, app, threaded=True)
    except OSError as e:
        raise DevPkiError(f"cannot listen on {host}:{port}: {e}") from e

    def _stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)
    sys.stderr.write(f"dev PKI serving {directory} on http://{host}:{port}\n")
    sys.stderr.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


# --- command line ---------------------------------------------------------------------------


@contextmanager
def served(
    directory: Path, *, allow_time_override: bool = False, timeout_s: float = 60.0
) -> Iterator[DevPki]:
    """A fresh dev PKI in ``directory``, served by a child process on a free loopback port
    until the block ends (tests and benchmarks; ``sohoa services up`` serves the real one)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    dev = generate(directory, base_url=f"http://127.0.0.1:{port}")
    log = directory / "serve.log"
    args = [sys.executable, "-m", "signing.devpki", "serve", "--dir", str(directory)]
    args += ["--port", str(port)] + (["--allow-time-override"] if allow_time_override else [])
    repo = Path(__file__).resolve().parents[1]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(repo)}
    with log.open("wb") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=repo)
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if proc.poll() is not None:
                raise DevPkiError(f"dev PKI exited ({proc.returncode}): {log.read_text()}")
            try:
                with urllib.request.urlopen(dev.health_url, timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise DevPkiError(f"dev PKI not healthy after {timeout_s} s: {log.read_text()}")
            time.sleep(0.2)
        yield dev
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m signing.devpki", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="create (or reuse) the dev PKI in --dir")
    gen.add_argument("--dir", type=Path, required=True)
    gen.add_argument("--base-url", default=None, help="default http://127.0.0.1:PORT")
    gen.add_argument("--port", type=int, default=DEFAULT_PORT)
    srv = sub.add_parser("serve", help="serve TSA/OCSP/CRL (generates first if needed)")
    srv.add_argument("--dir", type=Path, required=True)
    srv.add_argument("--host", default=DEFAULT_HOST)
    srv.add_argument("--port", type=int, default=DEFAULT_PORT)
    srv.add_argument("--base-url", default=None, help="URL clients use; default http://HOST:PORT")
    srv.add_argument(
        "--allow-time-override",
        action="store_true",
        help="honour X-Certomancer-Fake-Time (tests only)",
    )
    root = sub.add_parser("root", help="write the root certificate (trust anchor, PEM)")
    root.add_argument("--dir", type=Path, required=True)
    root.add_argument("--out", type=Path, default=None, help="default: stdout")
    args = parser.parse_args(argv)
    try:
        if args.command == "generate":
            base_url = args.base_url or f"http://{DEFAULT_HOST}:{args.port}"
            print(json.dumps(generate(args.dir, base_url=base_url).to_dict(), indent=2))
        elif args.command == "serve":
            generate(args.dir, base_url=args.base_url or f"http://{args.host}:{args.port}")
            serve(args.dir, args.host, args.port, allow_time_override=args.allow_time_override)
        else:
            data = load(args.dir).root_certificate.read_bytes()
            if args.out is None:
                sys.stdout.write(data.decode("ascii"))
            else:
                args.out.write_bytes(data)
    except DevPkiError as e:
        sys.stderr.write(f"{e.code}: {e}\n")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
