"""A SoftHSM2 token for tests and development: the PKCS#11 path without hardware.

The token lives in its own directory with its own ``softhsm2.conf``; ``SOFTHSM2_CONF`` is
passed only to the child processes (``softhsm2-util``, ``pkcs11-tool``) and, through
:meth:`SoftHsmToken.env`, to a process that will sign through the token.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509 as pyca_x509
from cryptography.hazmat.primitives import serialization

from signing.errors import DevPkiError
from signing.signers import Pkcs11Config

__all__ = ["SoftHsmToken", "find_module", "import_key", "init_token"]

_MODULE_CANDIDATES = (
    Path("/usr/lib/softhsm/libsofthsm2.so"),
    Path("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
    Path("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"),
    Path("/usr/local/lib/softhsm/libsofthsm2.so"),
)


def find_module() -> Path:
    for path in _MODULE_CANDIDATES:
        if path.is_file():
            return path
    raise DevPkiError("libsofthsm2.so not found; install the softhsm2 package")


@dataclass(frozen=True)
class SoftHsmToken:
    dir: Path
    conf: Path
    module: Path
    label: str
    pin: str = field(repr=False)
    so_pin: str = field(repr=False)

    def env(self, base: Mapping[str, str] | None = None) -> dict[str, str]:
        """An environment for a child process that uses this token."""
        env = dict(os.environ if base is None else base)
        env["SOFTHSM2_CONF"] = str(self.conf)
        return env

    def pkcs11_config(self, key_label: str, **kwargs: object) -> Pkcs11Config:
        return Pkcs11Config(
            module=self.module,
            token_label=self.label,
            key_label=key_label,
            pin=self.pin,
            **kwargs,  # type: ignore[arg-type]
        )


def _run(token: SoftHsmToken, args: Sequence[str], timeout_s: float) -> str:
    try:
        done = subprocess.run(
            list(args),
            env=token.env(),
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        raise DevPkiError(f"{args[0]}: {e}") from e
    if done.returncode != 0:
        raise DevPkiError(f"{' '.join(args[:3])}…: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def init_token(
    directory: Path,
    *,
    label: str,
    pin: str,
    so_pin: str,
    module: Path | None = None,
    timeout_s: float = 30.0,
) -> SoftHsmToken:
    """Create a token store in ``directory`` and initialise one token in it."""
    directory = Path(directory)
    tokens = directory / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = directory / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n",
        encoding="utf-8",
    )
    token = SoftHsmToken(directory, conf, module or find_module(), label, pin, so_pin)
    _run(
        token,
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            label,
            "--pin",
            pin,
            "--so-pin",
            so_pin,
        ],
        timeout_s,
    )
    return token


def _der_file(src: Path, dest: Path, *, key: bool) -> Path:
    data = src.read_bytes()
    if key:
        private = serialization.load_pem_private_key(data, password=None)
        der = private.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(der)
    else:
        dest.write_bytes(
            pyca_x509.load_pem_x509_certificate(data).public_bytes(serialization.Encoding.DER)
        )
    return dest


def import_key(
    token: SoftHsmToken,
    *,
    key_pem: Path,
    cert_pem: Path,
    label: str,
    object_id: str = "01",
    chain: Sequence[Path] = (),
    timeout_s: float = 30.0,
) -> None:
    """Import a private key and its certificate (and chain certificates) into the token."""
    base = [
        "pkcs11-tool",
        "--module",
        str(token.module),
        "--token-label",
        token.label,
        "--login",
        "--pin",
        token.pin,
    ]
    work = token.dir / "import"
    work.mkdir(mode=0o700, exist_ok=True)
    try:
        key_der = _der_file(key_pem, work / f"{label}.key.der", key=True)
        cert_der = _der_file(cert_pem, work / f"{label}.cert.der", key=False)
        for kind, path in (("privkey", key_der), ("cert", cert_der)):
            _run(
                token,
                [
                    *base,
                    "--write-object",
                    str(path),
                    "--type",
                    kind,
                    "--id",
                    object_id,
                    "--label",
                    label,
                ],
                timeout_s,
            )
        for i, extra in enumerate(chain):
            der = _der_file(extra, work / f"chain{i}.cert.der", key=False)
            _run(
                token,
                [
                    *base,
                    "--write-object",
                    str(der),
                    "--type",
                    "cert",
                    "--id",
                    f"{0xC0 + i:02x}",
                    "--label",
                    f"{label}-chain-{i}",
                ],
                timeout_s,
            )
    finally:
        for f in work.glob("*.der"):
            f.unlink()
