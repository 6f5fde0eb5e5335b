"""Signing benchmark: signatures per second with ``signing.sign_pdf`` vs raw pyHanko on the same
PDF, signer and TSA, for B-B and B-LTA; verification time with ``signing.verify_pdf`` vs raw
``validate_pdf_signature``. A table, not a test (issue 6, "Benchmark").

    .venv/bin/python bench/signing.py [--rounds 12] [--verify-rounds 12]

It starts its own dev PKI (``python -m signing.devpki serve`` in a child process, temporary
directory, free loopback port): TSA and OCSP over real HTTP, as in production. Raw pyHanko and
the library run interleaved (raw, lib, raw, lib, ...) so a busy shared machine hurts both alike.

- raw signing: ``pyhanko.sign.signers.sign_pdf`` with ``PdfSignatureMetadata(md sha256, PAdES
  subfilter[, embed_validation_info, use_pades_lta, validation_context])``, pyHanko's own
  ``SimpleSigner.load_pkcs12``, one ``HTTPTimeStamper`` reused (as any caller would), a fresh
  fetching ``ValidationContext`` per B-LTA signature. Invisible signature.
- raw + stamp: the same, with a visible stamp drawn by pyHanko itself (``QRStampStyle``: the
  verification URL as a QR and four lines of Vietnamese in Liberation Serif at 10 pt), the
  closest raw equivalent of what the service puts on a result.
- lib signing: ``sign_pdf(pdf, SignOptions(level, anchors, tsa_url), signer)``: normalisation,
  the certificate check and the error mapping included, invisible signature like raw.
- service: the whole workflow step, result stamp and QR included (see
  :func:`service_sign_rate`), two Celery worker processes as deployed.
- raw verification: ``validate_pdf_signature(sig, ValidationContext(trust_roots, fetching))``
  on the first signature.
- lib verification: ``verify_pdf``: every signature and document timestamp, the level (LTA
  validation for B-LTA), revocation evidence, removed-signature scan, the report.

Service verification is ``POST /api/v1/verify`` (multipart upload, anonymous), one request at a
time, end to end as a verifying agency sees it. Progress goes to stderr, the table to stdout.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
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
from signing.devpki import served  # noqa: E402
from tests.signing.pdfs import result_pdf  # noqa: E402

LEVELS = (PadesLevel.B_B, PadesLevel.B_LTA)


# --- the contenders ----------------------------------------------------------------------------


STAMP_FONT = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
STAMP_TEXT = (
    "Ký bởi: %(signer)s\nTrung tâm Phục vụ hành chính công tỉnh\n"
    "Người ký: Nguyễn Văn Lãnh Đạo — Giám đốc\nThời gian ký: %(ts)s"
)


def raw_stamp_style() -> object:
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import QRStampStyle

    return QRStampStyle(
        stamp_text=STAMP_TEXT,
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(STAMP_FONT), font_size=10)),
    )


def raw_signer(
    level: PadesLevel, anchors: tuple[TrustAnchor, ...], tsa_url: str, stamped: bool = False
) -> Callable[[bytes, object], bytes]:
    tsa = HTTPTimeStamper(tsa_url, timeout=10)
    style = raw_stamp_style() if stamped else None

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
        spec = (
            fields.SigFieldSpec("Signature", on_page=0, box=(300, 700, 560, 800))
            if stamped
            else None
        )
        out = signers.PdfSigner(
            meta,
            signer=signer,  # type: ignore[arg-type]
            timestamper=tsa if lta else None,
            stamp_style=style,  # type: ignore[arg-type]
            new_field_spec=spec,
        ).sign_pdf(
            IncrementalPdfFileWriter(BytesIO(pdf)),
            appearance_text_params={"url": "http://127.0.0.1/verify/0123456789ABCDEF"}
            if stamped
            else None,
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
SERVICE_PORTS = {  # its own, so it can run while the intake benchmark's stack is up
    "api_port": 8036,
    "pg_port": 15476,
    "redis_port": 16476,
    "minio_port": 19076,
    "minio_console_port": 19077,
    "pki_port": 19176,
    # the bench is one client address verifying many files: lift the anonymous limit
    "verify_rate_per_minute": 100_000,
}


class Service:
    """The whole service on its own stack: API, two Celery workers, PostgreSQL, Redis,
    MinIO and the dev PKI (its TSA and OCSP), as deployed."""

    def __init__(self) -> None:
        import httpx

        from bench._common import BENCH_SETTINGS, Stack

        self.stack = Stack(REPO / ".sohoa-bench-signing", {**BENCH_SETTINGS, **SERVICE_PORTS})
        self.stack.services_up()
        self.stack.serve(workers=2)
        self.stack.create_clerk("bench-signer", "bench-signer-pw")
        base = f"http://127.0.0.1:{self.stack.overrides['api_port']}"
        self.api = httpx.Client(base_url=base + "/api/v1", timeout=120)
        token = self.api.post(
            "/auth/token", data={"username": "bench-signer", "password": "bench-signer-pw"}
        ).json()["access_token"]
        self.headers = {"Authorization": f"Bearer {token}"}

    def close(self) -> None:
        self.api.close()
        self.stack.stop()

    def sign_rate(self, level: PadesLevel, pdf: bytes, rounds: int) -> tuple[float, bytes]:
        """Signatures per second: for each round a dossier gets the result PDF and is
        approved (not timed); then every ``POST /dossiers/{id}/sign`` is sent at once
        (Celery → TSA → stored signed PDF → dossier at step 4). Timed from the first request
        to the last job's ``finished_at`` in the database, so polling cannot add to it.
        Also returns one of the signed PDFs, as the service archived it."""
        from bench._common import PROCEDURE, fresh_owner_id

        api, headers = self.api, self.headers
        refs, doc_ids, owner = [], [], fresh_owner_id()
        for _ in range(rounds):
            d = api.post(
                "/dossiers",
                headers=headers,
                json={"owner_id": owner, "owner_name": "Bench", "procedure_code": PROCEDURE},
            ).json()
            r = api.post(
                f"/dossiers/{d['id']}/result",
                headers=headers,
                files={"file": ("ket-qua.pdf", pdf)},
            )
            r.raise_for_status()
            doc_ids.append(r.json()["id"])
            api.post(f"/dossiers/{d['id']}/approve", headers=headers).raise_for_status()
            refs.append(d["id"])
        started = time.time()
        jobs = []
        for ref in refs:
            r = api.post(f"/dossiers/{ref}/sign", headers=headers, json={"level": level.value})
            r.raise_for_status()
            jobs.append(r.json()["job_id"])
        pending = set(jobs)
        while pending:
            time.sleep(0.5)
            for job in list(pending):
                state = api.get(f"/jobs/{job}", headers=headers).json()["state"]
                if state == "failed":
                    raise RuntimeError(f"signing job {job} failed")
                if state == "done":
                    pending.discard(job)
        finished = max(end for _, end in self._job_times(jobs).values())
        signed = api.get(
            f"/documents/{doc_ids[-1]}/file", params={"variant": "signed"}, headers=headers
        )
        signed.raise_for_status()
        return rounds / (finished - started), signed.content

    @property
    def trust_anchors(self) -> tuple[TrustAnchor, ...]:
        return load_trust_anchors([self.stack.state_dir / "pki" / "certs" / "root.cert.pem"])

    def _job_times(self, jobs: list[str]) -> dict[str, tuple[float, float]]:
        from bench.intake import job_times

        return job_times(self.stack, jobs)

    def verify(self, pdf: bytes) -> bool:
        r = self.api.post("/verify", files={"file": ("signed.pdf", pdf, "application/pdf")})
        r.raise_for_status()
        return bool(r.json()["verdict"] == "valid")


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

    from pyhanko.sign.signers import SimpleSigner

    rows = [
        [
            "operation",
            "raw pyHanko",
            "raw + stamp",
            "signing lib",
            "service",
            "lib / raw",
            "service / raw",
            "service / raw+stamp",
            "goal",
        ]
    ]
    service = None
    with tempfile.TemporaryDirectory(prefix="sohoa-bench-signing-") as tmp:
        log("generating and serving the dev PKI")
        with served(Path(tmp) / "pki") as pki:
            try:
                anchors = load_trust_anchors([pki.root_certificate])
                agency = pki.signers["agency"]
                ours = load_pkcs12_signer(agency.pkcs12, agency.passphrase)
                theirs = SimpleSigner.load_pkcs12(
                    str(agency.pkcs12), passphrase=agency.passphrase.encode()
                )
                pdf = result_pdf()
                log("starting the service stack")
                service = Service()
                signed: dict[PadesLevel, bytes] = {}
                for level in LEVELS:
                    log(f"signing {level}: {args.rounds} rounds each")
                    raw = raw_signer(level, anchors, pki.tsa_url)
                    stamped = raw_signer(level, anchors, pki.tsa_url, stamped=True)
                    lib = lib_signer(level, anchors, pki.tsa_url)
                    t = interleaved(
                        {
                            "raw": lambda raw=raw: raw(pdf, theirs),  # type: ignore[misc]
                            "stamp": lambda f=stamped: f(pdf, theirs),  # type: ignore[misc]
                            "lib": lambda lib=lib: lib(pdf, ours),  # type: ignore[misc]
                        },
                        args.rounds,
                    )
                    raw_rate = 1 / statistics.mean(t["raw"])
                    stamp_rate = 1 / statistics.mean(t["stamp"])
                    lib_rate = 1 / statistics.mean(t["lib"])
                    log(f"service signing {level}: {args.rounds} jobs")
                    rate, signed[level] = service.sign_rate(level, pdf, args.rounds)
                    rows.append(
                        [
                            f"sign {level} (signatures/s)",
                            f"{raw_rate:.2f}",
                            f"{stamp_rate:.2f}",
                            f"{lib_rate:.2f}",
                            f"{rate:.2f}",
                            f"{lib_rate / raw_rate:.2f}×",
                            f"{rate / raw_rate:.2f}×",
                            f"{rate / stamp_rate:.2f}×",
                            "≥ 0.8×",
                        ]
                    )
                service_anchors = service.trust_anchors
                for level in LEVELS:
                    log(f"verifying {level}: {args.verify_rounds} rounds each")
                    data = signed[level]
                    assert raw_verify(data, service_anchors) and lib_verify(data, service_anchors)
                    assert service.verify(data)
                    t = interleaved(
                        {
                            "raw": lambda d=data: raw_verify(d, service_anchors),  # type: ignore[misc]
                            "lib": lambda d=data: lib_verify(d, service_anchors),  # type: ignore[misc]
                            "service": lambda d=data: service.verify(d),  # type: ignore[misc]
                        },
                        args.verify_rounds,
                    )
                    raw_ms = 1000 * statistics.mean(t["raw"])
                    lib_ms = 1000 * statistics.mean(t["lib"])
                    svc_ms = 1000 * statistics.mean(t["service"])
                    rows.append(
                        [
                            f"verify {level} (ms/file)",
                            f"{raw_ms:.0f}",
                            "—",
                            f"{lib_ms:.0f}",
                            f"{svc_ms:.0f}",
                            f"{lib_ms / raw_ms:.2f}×",
                            f"{svc_ms / raw_ms:.2f}×",
                            "—",
                            "≤ 2×",
                        ]
                    )
            finally:
                if service is not None:
                    service.close()
    print(table(rows))
    print(
        f"\nrounds={args.rounds} verify_rounds={args.verify_rounds} cpus={os.cpu_count()} "
        f"pdf={len(pdf)} bytes; signer RSA 2048 (PKCS#12); TSA/OCSP: dev PKI over loopback HTTP.\n"
        "raw/raw+stamp/lib: one process, one signature at a time. service: two Celery worker "
        "processes, the jobs sent at once; the service's result stamp (agency, leader, time, "
        "QR) and its storage and records included. Verification: the same service-signed "
        "file for all three; service = POST /api/v1/verify end to end over HTTP."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
