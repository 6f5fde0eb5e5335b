"""Signing benchmark: signatures per second with ``signing.sign_pdf`` vs raw pyHanko on the same
PDF, signer and TSA, for B-B and B-LTA; verification time with ``signing.verify_pdf`` vs raw
``validate_pdf_signature``. A table, not a test (issue 6, "Benchmark").

    .venv/bin/python bench/signing.py [--rounds 12] [--verify-rounds 12]

It starts its own dev PKI (``python -m signing.devpki serve`` in a child process, temporary
directory, free loopback port): TSA and OCSP over real HTTP, as in production. Raw pyHanko and
the library run interleaved (raw, lib, raw, lib, ...) so a busy shared machine hurts both alike.

- raw signing: ``pyhanko.sign.signers.sign_pdf`` with ``PdfSignatureMetadata(md sha256, PAdES
  subfilter[, embed_validation_info, use_pades_lta, validation_context])``, one
  ``HTTPTimeStamper`` reused (as any caller would), a fresh fetching ``ValidationContext`` per
  B-LTA signature.
- lib signing: ``sign_pdf(pdf, SignOptions(level, anchors, tsa_url), signer)``: normalisation,
  the certificate check and the error mapping included, invisible signature like raw.
- raw verification: ``validate_pdf_signature(sig, ValidationContext(trust_roots, fetching))``
  on the first signature.
- lib verification: ``verify_pdf``: every signature and document timestamp, the level (LTA
  validation for B-LTA), revocation evidence, removed-signature scan, the report.

The "service" column is for the API engineer: implement :func:`service_sign_rate` (submit the
same PDF through ``POST /api/v1/...`` and wait for the Celery job) and it fills in, with its
ratio to raw in the last column. Progress goes to stderr, the table to stdout.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # `python bench/signing.py` puts bench/, not the repo, first
    sys.path.insert(0, str(REPO))

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: E402
from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: E402
from pyhanko.sign import fields, signers  # noqa: E402
from pyhanko.sign.timestamps import HTTPTimeStamper  # noqa: E402
from pyhanko.sign.validation import validate_pdf_signature  # noqa: E402
from pyhanko_certvalidator import ValidationContext  # noqa: E402

from bench._common import log, table  # noqa: E402
from signing import (  # noqa: E402
    PadesLevel,
    SignOptions,
    TrustAnchor,
    VerifyOptions,
    load_pkcs12_signer,
    load_trust_anchors,
    sign_pdf,
    verify_pdf,
)
from signing.devpki import DevPki, generate  # noqa: E402
from tests.signing.pdfs import result_pdf  # noqa: E402

LEVELS = (PadesLevel.B_B, PadesLevel.B_LTA)


# --- the dev PKI, served by a child process --------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_pki(directory: Path) -> tuple[DevPki, subprocess.Popen[bytes]]:
    port = _free_port()
    pki = generate(directory, base_url=f"http://127.0.0.1:{port}")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(REPO)}
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
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=REPO,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(pki.health_url, timeout=2):
                return pki, proc
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("the dev PKI did not come up")


# --- the contenders ----------------------------------------------------------------------------


def raw_signer(
    level: PadesLevel, anchors: tuple[TrustAnchor, ...], tsa_url: str
) -> Callable[[bytes, object], bytes]:
    tsa = HTTPTimeStamper(tsa_url, timeout=10)

    def sign(pdf: bytes, signer: object) -> bytes:
        lta = level == PadesLevel.B_LTA
        vc = (
            ValidationContext(
                trust_roots=[a.certificate for a in anchors],
                allow_fetching=True,
                revocation_mode="hard-fail",
            )
            if lta
            else None
        )
        meta = signers.PdfSignatureMetadata(
            field_name="Signature",
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            embed_validation_info=lta,
            use_pades_lta=lta,
            validation_context=vc,
        )
        out = signers.sign_pdf(
            IncrementalPdfFileWriter(BytesIO(pdf)),
            meta,
            signer=signer,  # type: ignore[arg-type]
            timestamper=tsa if lta else None,
        )
        return bytes(out.getvalue())

    return sign


def lib_signer(
    level: PadesLevel, anchors: tuple[TrustAnchor, ...], tsa_url: str
) -> Callable[[bytes, object], bytes]:
    options = SignOptions(level=level, trust_anchors=anchors, tsa_url=tsa_url)

    def sign(pdf: bytes, signer: object) -> bytes:
        return sign_pdf(pdf, options, signer)  # type: ignore[arg-type,unused-ignore]

    return sign


def raw_verify(pdf: bytes, anchors: tuple[TrustAnchor, ...]) -> bool:
    sig = PdfFileReader(BytesIO(pdf)).embedded_signatures[0]
    vc = ValidationContext(trust_roots=[a.certificate for a in anchors], allow_fetching=True)
    return bool(validate_pdf_signature(sig, vc).bottom_line)


def lib_verify(pdf: bytes, anchors: tuple[TrustAnchor, ...]) -> bool:
    return verify_pdf(pdf, VerifyOptions(trust_anchors=anchors)).verdict == "valid"


SERVICE_ROUNDS = 12


def service_sign_rate(level: PadesLevel, pdf: bytes) -> float | None:
    """Signatures per second through the service: for each round a dossier gets the result
    PDF and is approved (not timed), then ``POST /dossiers/{id}/sign`` → Celery worker → TSA
    → stored signed PDF, timed until every job is done. Two workers, as deployed."""
    import httpx

    from bench._common import BENCH_SETTINGS, OWNER_ID, PROCEDURE, Stack

    # Its own ports, so it can run while the intake benchmark's stack is up.
    ports = {
        "api_port": 8036,
        "pg_port": 15476,
        "redis_port": 16476,
        "minio_port": 19076,
        "minio_console_port": 19077,
        "pki_port": 19176,
    }
    stack = Stack(REPO / ".sohoa-bench-signing", {**BENCH_SETTINGS, **ports})
    try:
        stack.services_up()
        stack.serve(workers=2)
        stack.create_clerk("bench-signer", "bench-signer-pw")
        base = f"http://127.0.0.1:{stack.overrides['api_port']}/api/v1"
        with httpx.Client(base_url=base, timeout=120) as api:
            token = api.post(
                "/auth/token", data={"username": "bench-signer", "password": "bench-signer-pw"}
            ).json()["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            refs = []
            for _ in range(SERVICE_ROUNDS):
                d = api.post(
                    "/dossiers",
                    headers=headers,
                    json={"owner_id": OWNER_ID, "owner_name": "Bench", "procedure_code": PROCEDURE},
                ).json()
                api.post(
                    f"/dossiers/{d['id']}/result",
                    headers=headers,
                    files={"file": ("ket-qua.pdf", pdf)},
                ).raise_for_status()
                api.post(f"/dossiers/{d['id']}/approve", headers=headers).raise_for_status()
                refs.append(d["id"])
            started = time.perf_counter()
            jobs = [
                api.post(
                    f"/dossiers/{ref}/sign", headers=headers, json={"level": level.value}
                ).json()["job_id"]
                for ref in refs
            ]
            pending = set(jobs)
            while pending:
                for job in list(pending):
                    state = api.get(f"/jobs/{job}", headers=headers).json()["state"]
                    if state == "failed":
                        raise RuntimeError(f"signing job {job} failed")
                    if state == "done":
                        pending.discard(job)
                time.sleep(0.05)
            return SERVICE_ROUNDS / (time.perf_counter() - started)
    finally:
        stack.stop()


# --- measuring ---------------------------------------------------------------------------------


def interleaved(contenders: dict[str, Callable[[], object]], rounds: int) -> dict[str, list[float]]:
    """Seconds per call for each contender, run in turn, after one warm-up call each."""
    for fn in contenders.values():
        fn()
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, fn in contenders.items():
            t = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=12, help="signatures per contender and level")
    parser.add_argument("--verify-rounds", type=int, default=12)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="sohoa-bench-signing-") as tmp:
        log("generating and serving the dev PKI")
        pki, proc = start_pki(Path(tmp) / "pki")
        try:
            anchors = load_trust_anchors([pki.root_certificate])
            agency = pki.signers["agency"]
            signer = load_pkcs12_signer(agency.pkcs12, agency.passphrase)
            pdf = result_pdf()
            rows = [
                [
                    "operation",
                    "raw pyHanko",
                    "signing lib",
                    "service",
                    "lib / raw",
                    "service / raw",
                    "goal",
                ]
            ]
            signed: dict[PadesLevel, bytes] = {}
            for level in LEVELS:
                log(f"signing {level}: {args.rounds} rounds each")
                raw = raw_signer(level, anchors, pki.tsa_url)
                lib = lib_signer(level, anchors, pki.tsa_url)
                t = interleaved(
                    {
                        "raw": lambda raw=raw: raw(pdf, signer),  # type: ignore[misc]
                        "lib": lambda lib=lib: lib(pdf, signer),  # type: ignore[misc]
                    },
                    args.rounds,
                )
                signed[level] = lib(pdf, signer)
                raw_rate = 1 / statistics.mean(t["raw"])
                lib_rate = 1 / statistics.mean(t["lib"])
                service = service_sign_rate(level, pdf)
                rows.append(
                    [
                        f"sign {level} (signatures/s)",
                        f"{raw_rate:.2f}",
                        f"{lib_rate:.2f}",
                        f"{service:.2f}" if service else "—",
                        f"{lib_rate / raw_rate:.2f}×",
                        f"{service / raw_rate:.2f}×" if service else "—",
                        "≥ 0.8×",
                    ]
                )
            for level in LEVELS:
                log(f"verifying {level}: {args.verify_rounds} rounds each")
                data = signed[level]
                assert raw_verify(data, anchors) and lib_verify(data, anchors)
                t = interleaved(
                    {
                        "raw": lambda data=data: raw_verify(data, anchors),  # type: ignore[misc]
                        "lib": lambda data=data: lib_verify(data, anchors),  # type: ignore[misc]
                    },
                    args.verify_rounds,
                )
                raw_ms = 1000 * statistics.mean(t["raw"])
                lib_ms = 1000 * statistics.mean(t["lib"])
                rows.append(
                    [
                        f"verify {level} (ms/file)",
                        f"{raw_ms:.0f}",
                        f"{lib_ms:.0f}",
                        "—",
                        f"{lib_ms / raw_ms:.2f}×",
                        "—",
                        "≤ 2×",
                    ]
                )
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    print(table(rows))
    print(
        f"\nrounds={args.rounds} verify_rounds={args.verify_rounds} cpus={os.cpu_count()} "
        f"pdf={len(pdf)} bytes; signer RSA 2048 (PKCS#12); TSA/OCSP: dev PKI over loopback HTTP"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
