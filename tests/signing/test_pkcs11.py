"""Signing through PKCS#11 with a real SoftHSM2 token (RSA and ECDSA keys).

The token's configuration reaches SoftHSM2 only through the environment of the process that
loads the module, so the signing runs in a child process with SOFTHSM2_CONF set there."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from signing import Verdict, VerifyOptions, verify_pdf
from signing.devpki import DevPki
from signing.softhsm import import_key, init_token
from tests.signing.conftest import REPO
from tests.signing.tools import pdfsig

_CHILD = """
import json, sys
from pathlib import Path
from signing import (PadesLevel, Pkcs11Config, SignOptions, SigningError, load_trust_anchors,
                     open_pkcs11_signer, sign_pdf)
from tests.signing.pdfs import result_pdf

args = json.loads(sys.argv[1])
anchors = load_trust_anchors([Path(args["root"])])
options = SignOptions(level=PadesLevel.B_LT, trust_anchors=anchors, tsa_url=args["tsa"])
results = {}
for label in ("agency", "clerk", "missing"):
    config = Pkcs11Config(module=Path(args["module"]), token_label=args["token"],
                          key_label=label, pin=args["pin"])
    try:
        with open_pkcs11_signer(config) as signer:
            out = sign_pdf(result_pdf(), options, signer)
        Path(args["out"], label + ".pdf").write_bytes(out)
        results[label] = "signed"
    except SigningError as e:
        results[label] = e.code
print(json.dumps(results))
"""


@pytest.mark.slow
def test_sign_through_softhsm(pki: DevPki, verify_options: VerifyOptions, tmp_path: Path) -> None:
    token = init_token(tmp_path / "hsm", label="sohoa-test", pin="246810", so_pin="13579111")
    for i, label in enumerate(("agency", "clerk"), start=1):
        s = pki.signers[label]
        import_key(
            token,
            key_pem=s.key,
            cert_pem=s.certificate,
            label=label,
            object_id=f"{i:02x}",
            chain=[pki.intermediate_certificate] if i == 1 else [],
        )
    args = {
        "root": str(pki.root_certificate),
        "tsa": pki.tsa_url,
        "module": str(token.module),
        "token": token.label,
        "pin": token.pin,
        "out": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(args)],
        env=token.env({"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout.strip().splitlines()[-1])
    assert results == {"agency": "signed", "clerk": "signed", "missing": "signing_key_unavailable"}

    for label, name in (("agency", "Ủy ban nhân dân phường Ba Đình"), ("clerk", "Nguyễn Thị Hằng")):
        path = tmp_path / f"{label}.pdf"
        report = verify_pdf(path.read_bytes(), verify_options)
        assert report.verdict == Verdict.VALID, report.to_dict()
        assert report.signatures[0].signer.name == name
        assert report.signatures[0].pades_level == "B-LT"
        assert pdfsig(path)[0]["validation"] == "Signature is Valid."
