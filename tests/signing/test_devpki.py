"""The dev PKI: generated once, reused, secrets kept private, served with a health check."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from signing import DevPkiError, load_trust_anchors
from signing.devpki import DevPki, generate, load
from tests.signing.conftest import REPO


def test_generate_is_idempotent(pki: DevPki) -> None:
    root = pki.root_certificate.read_bytes()
    again = generate(pki.dir, base_url=pki.base_url)
    assert again.root_certificate.read_bytes() == root
    assert again.signers["agency"].passphrase == pki.signers["agency"].passphrase


def test_other_base_url_is_refused(pki: DevPki) -> None:
    with pytest.raises(DevPkiError):
        generate(pki.dir, base_url="http://127.0.0.1:1")


def test_secrets_are_private(pki: DevPki) -> None:
    private = [pki.dir / "secrets.json", *pki.dir.glob("keys/*"), *pki.dir.glob("p12/*")]
    assert len(private) == 1 + 9 + 5
    for path in private:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(pki.dir.stat().st_mode) == 0o700


def test_health_url_names_the_root(pki: DevPki) -> None:
    with urllib.request.urlopen(pki.health_url, timeout=5) as r:
        body = json.loads(r.read())
    [anchor] = load_trust_anchors([pki.root_certificate])
    assert body == {"status": "ok", "arch": "sohoa-dev", "root_sha256": anchor.sha256}


def test_web_ui_that_hands_out_keys_is_off(pki: DevPki) -> None:
    req = urllib.request.Request(
        f"{pki.base_url}/_certomancer/pfx-download/sohoa-dev", data=b"cert=agency"
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(req, timeout=5)
    assert caught.value.code == 404


def test_root_command_writes_the_anchor(pki: DevPki, tmp_path: Path) -> None:
    out = tmp_path / "root.pem"
    subprocess.run(
        [sys.executable, "-m", "signing.devpki", "root", "--dir", str(pki.dir), "--out", str(out)],
        check=True,
        timeout=60,
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)},
    )
    assert out.read_bytes() == load(pki.dir).root_certificate.read_bytes()
