"""Intake benchmark: pages per minute through the whole service vs Tesseract alone, and the
worker's peak memory on a 200-page PDF. A table, not a test (issue 3, "Benchmark").

    .venv/bin/python bench/intake.py [--pages 24] [--skip-200] [--state-dir DIR]

1. The limit: the same page images through ``tesseract IMG out -l vie --psm 3 txt pdf``, two
   processes in parallel (``OMP_THREAD_LIMIT=1`` each), first start to last exit.
2. The service: a private stack (own state dir and ports) started with ``sohoa services up``
   and ``sohoa serve --detach --workers 2``; one document per page uploaded through the HTTP
   API by a clerk; first upload to the last job ``done`` (the job's ``finished_at``).
3. A 200-page PDF (JPEG pages at 300 dpi, under the upload limit) uploaded as one document;
   the RSS of the Celery worker's process tree (main process and every descendant, Tesseract
   included) sampled every 0.2 s until the job is done.

Everything it started is stopped at the end, also on error or Ctrl-C. Progress goes to
stderr, the table and the settings to stdout.
"""

from __future__ import annotations

import argparse
import io
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # `python bench/intake.py` puts bench/, not the repo, first
    sys.path.insert(0, str(REPO))

from api.settings import Settings  # noqa: E402
from bench._common import (  # noqa: E402
    PORT_SETTINGS,
    PROCEDURE,
    CpuMeter,
    Stack,
    StackError,
    fresh_owner_id,
    log,
    render_pages,
    specimen_available,
    specimen_types,
    table,
    wait_quiet,
)

DPI = 300
WORKERS = 2
BIG_PAGES = 200
RSS_INTERVAL_S = 0.2
GOAL_RATIO = 0.8
GOAL_RSS_MB = 1024.0
MB = 1024 * 1024


# --- the limit: Tesseract alone ---------------------------------------------------------


@dataclass
class AnchorResult:
    pages: int
    wall_s: float
    per_page_s: list[float]
    command: str

    @property
    def pages_per_min(self) -> float:
        return self.pages / self.wall_s * 60

    @property
    def mean_page_s(self) -> float:
        return sum(self.per_page_s) / len(self.per_page_s)


def tesseract_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOHOA_")}
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def run_anchor(images: list[Path], out_dir: Path, procs: int) -> AnchorResult:
    out_dir.mkdir(parents=True, exist_ok=True)
    env = tesseract_env()

    def one(image: Path) -> float:
        args = ["tesseract", str(image), str(out_dir / image.stem)]
        args += ["-l", "vie", "--psm", "3", "txt", "pdf"]
        started = time.perf_counter()
        proc = subprocess.run(
            args,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=600,
            check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(args)}: {proc.stderr.decode(errors='replace')[-500:]}")
        return time.perf_counter() - started

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=procs) as pool:  # each thread takes the next page
        per_page = list(pool.map(one, images))
    wall = time.perf_counter() - started
    command = (
        f"OMP_THREAD_LIMIT=1 tesseract IMG out -l vie --psm 3 txt pdf  "
        f"({procs} in parallel over {len(images)} pages)"
    )
    return AnchorResult(len(images), wall, per_page, command)


# --- sampling the worker's memory -------------------------------------------------------


class RssSampler(threading.Thread):
    """Peak memory of a process tree: RSS of its largest single process, and the sum over
    the tree both as RSS and as PSS.

    Celery's prefork children share their parent's imported code and data copy-on-write, and
    RSS counts every shared page in every process that maps it: summed over the tree it
    counts the same pages up to three times. PSS (proportional set size) splits each shared
    page among the processes that share it, so its sum is the memory the tree really holds.
    """

    def __init__(self, pid: int, interval_s: float) -> None:
        super().__init__(daemon=True, name="rss-sampler")
        self.pid, self.interval_s = pid, interval_s
        self.peak_sum = 0
        self.peak_pss = 0
        self.peak_one = 0
        self.peak_one_name = ""
        self.samples = 0
        self.max_procs = 0
        self.peak_breakdown: list[int] = []
        """RSS of each process of the tree when the sum peaked, largest first."""
        self._stop_event = threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop_event.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                return
            sizes: list[tuple[int, psutil.Process]] = []
            pss = 0
            for proc in procs:
                try:
                    full = proc.memory_full_info()
                except psutil.Error:
                    continue
                sizes.append((full.rss, proc))
                pss += getattr(full, "pss", full.rss)
            if sizes:
                self.peak_pss = max(self.peak_pss, pss)
                total = sum(rss for rss, _ in sizes)
                rss, biggest = max(sizes, key=lambda item: item[0])
                if total > self.peak_sum:
                    self.peak_sum = total
                    self.peak_breakdown = sorted((r for r, _ in sizes), reverse=True)
                if rss > self.peak_one:
                    self.peak_one = rss
                    try:
                        self.peak_one_name = f"{biggest.name()} (pid {biggest.pid})"
                    except psutil.Error:
                        self.peak_one_name = f"pid {biggest.pid}"
                self.samples += 1
                self.max_procs = max(self.max_procs, len(sizes))
            self._stop_event.wait(self.interval_s)

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=10)


# --- the service ------------------------------------------------------------------------


@dataclass
class ServiceResult:
    documents: int
    pages: int
    wall_s: float
    job_s: list[float]
    """Per job: the worker's started_at → finished_at."""
    failed: list[str] = field(default_factory=list)
    rss: RssSampler | None = None

    @property
    def pages_per_min(self) -> float:
        return self.pages / self.wall_s * 60


def wait_jobs(
    client: Any, job_ids: list[str], interval_s: float, timeout_s: float
) -> dict[str, dict[str, Any]]:
    """Poll until every job is done or failed. Jobs are taken roughly in upload order, so a
    round stops at the second job still queued: the poller must not load the 2 cores."""
    finished: dict[str, dict[str, Any]] = {}
    deadline = time.monotonic() + timeout_s
    while len(finished) < len(job_ids):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{len(job_ids) - len(finished)} jobs not finished in {timeout_s} s")
        queued = 0
        for job_id in job_ids:
            if job_id in finished:
                continue
            job = client.job(job_id)
            if job["state"] in ("done", "failed"):
                finished[job_id] = job
            elif job["state"] == "queued":
                queued += 1
                if queued >= 2:
                    break
        if len(finished) < len(job_ids):
            time.sleep(interval_s)
    return finished


def job_times(stack: Stack, job_ids: list[str]) -> dict[str, tuple[float, float]]:
    """(started_at, finished_at) as epoch seconds, from the stack's database."""
    from sqlalchemy import select

    from api.runtime import Runtime
    from archive.db import session_scope
    from archive.models import Job

    rt = Runtime(stack.settings())
    try:
        with session_scope(rt.sessions) as s:
            rows = s.execute(
                select(Job.id, Job.started_at, Job.finished_at).where(
                    Job.id.in_([uuid.UUID(j) for j in job_ids])
                )
            ).all()
    finally:
        rt.engine.dispose()
    return {
        str(job_id): (started.timestamp(), finished.timestamp())
        for job_id, started, finished in rows
        if started is not None and finished is not None
    }


def run_service(
    client: Any,
    stack: Stack,
    files: list[Path],
    poll_s: float,
    timeout_s: float,
    rss_interval_s: float | None,
    owner_id: str,
) -> ServiceResult:
    dossier = client.open_dossier(owner_id, "Bench Intake", PROCEDURE)
    sampler = RssSampler(stack.worker_pid(), rss_interval_s) if rss_interval_s else None
    if sampler:
        sampler.start()
    try:
        t0 = time.time()
        uploads = [client.upload(dossier["id"], path) for path in files]
        log(f"{len(uploads)} upload(s) accepted in {time.time() - t0:.1f} s; waiting for the jobs")
        if reused := [u for u in uploads if not u.get("job_id")]:
            raise RuntimeError(
                f"{len(reused)} upload(s) answered without a job (the owner already holds the "
                f"same bytes): nothing to measure"
            )
        job_ids = [str(u["job_id"]) for u in uploads]
        jobs = wait_jobs(client, job_ids, poll_s, timeout_s)
        polled_end = time.time()
    finally:
        if sampler:
            sampler.stop()
    failed = [
        f"{job_id}: {job.get('error')}" for job_id, job in jobs.items() if job["state"] != "done"
    ]
    times = job_times(stack, job_ids)
    end = max((f for _, f in times.values()), default=polled_end)
    return ServiceResult(
        documents=len(uploads),
        pages=sum(int(u["page_count"]) for u in uploads),
        wall_s=end - t0,
        job_s=[f - s for s, f in times.values()],
        failed=failed,
        rss=sampler,
    )


# --- inputs -----------------------------------------------------------------------------


@dataclass
class Inputs:
    source: str
    images: list[Path]
    size_px: tuple[int, int]
    total_bytes: int


def make_page_files(count: int, out_dir: Path, source: str) -> Inputs:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    size = (0, 0)
    for i in range(count):
        ((img, dpi),) = render_pages(1, first_seed=1000 + i, dpi=DPI, source=source)
        size = img.size
        path = out_dir / f"page-{i + 1:03d}.png"
        img.save(path, dpi=(dpi, dpi))
        paths.append(path)
    return Inputs(source, paths, size, sum(p.stat().st_size for p in paths))


@dataclass
class BigPdf:
    path: Path
    pages: int
    jpeg_quality: int
    mode: str
    size_bytes: int
    limit_bytes: int
    """The upload limit the bench stack runs with (raised only when nothing fits)."""
    limit_raised: bool


LADDER = ((80, "RGB"), (75, "L"), (60, "L"), (50, "L"))
"""JPEG settings tried in turn until the PDF fits the upload limit; below q50 the pages would
no longer look like what a scanner delivers."""


def make_big_pdf(pages: int, path: Path, source: str, max_bytes: int) -> BigPdf:
    """``pages`` generated pages as JPEGs at 300 dpi in one PDF (img2pdf: no re-encoding).

    The JPEG quality is lowered along ``LADDER`` until the file fits ``max_bytes``. Should
    even the last step not fit (dense 300 dpi pages are ~0.4 MB each), the PDF is made at
    grey q75 and the bench stack's upload limit raised to fit it, loudly (see the settings).
    """
    import img2pdf
    from PIL import Image

    # Rendering is the slow part and 200 decoded A4 pages would be ~5 GB: keep each page as
    # lossless PNG bytes (a few hundred KB) and encode the JPEGs from those.
    pngs: list[bytes] = []
    for i in range(pages):
        ((img, dpi),) = render_pages(1, first_seed=5000 + i, dpi=DPI, source=source)
        if dpi != DPI:
            raise RuntimeError(f"page {i + 1} came at {dpi} dpi, not {DPI}")
        buf = io.BytesIO()
        img.save(buf, format="PNG", compress_level=1)
        pngs.append(buf.getvalue())
        if len(pngs) % 50 == 0:
            log(f"rendered {len(pngs)}/{pages} pages")

    def build(quality: int, mode: str) -> bytes:
        encoded = []
        for png in pngs:
            buf = io.BytesIO()
            with Image.open(io.BytesIO(png)) as img:
                img.convert(mode).save(buf, format="JPEG", quality=quality, dpi=(DPI, DPI))
            encoded.append(buf.getvalue())
        return bytes(img2pdf.convert(encoded))

    for quality, mode in LADDER:
        data = build(quality, mode)
        if len(data) <= max_bytes * 0.98:
            path.write_bytes(data)
            return BigPdf(path, pages, quality, mode, len(data), max_bytes, False)
        log(f"JPEG q{quality} {mode}: {len(data) / MB:.1f} MB is over {max_bytes / MB:.0f} MB")
    quality, mode = 75, "L"
    data = build(quality, mode)
    path.write_bytes(data)
    limit = (len(data) * 11 // 10 // MB + 1) * MB
    log(f"no JPEG setting fits; raising the bench stack's upload limit to {limit / MB:.0f} MB")
    return BigPdf(path, pages, quality, mode, len(data), limit, True)


# --- main -------------------------------------------------------------------------------


def fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def tesseract_version() -> str:
    try:
        out = subprocess.run(
            ["tesseract", "--version"], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unknown ({exc})"
    return (out.stdout or out.stderr).decode(errors="replace").splitlines()[0]


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def quiet_then_measure(
    label: str, ours: Callable[[], list[int]], args: argparse.Namespace, notes: list[str]
) -> CpuMeter:
    """Wait for a quiet machine (bounded), note how long and how busy, start a CPU meter."""
    if args.quiet_timeout > 0:
        waited, foreign = wait_quiet(ours, args.max_foreign, args.quiet_timeout)
        quiet = "quiet" if foreign <= args.max_foreign else "STILL BUSY, measured anyway"
        notes.append(
            f"before the {label}: waited {waited:.0f} s for a quiet machine; others used "
            f"{foreign:.2f} cores ({quiet}); load average {loadavg()}"
        )
    else:
        notes.append(f"before the {label}: load average {loadavg()}")
    return CpuMeter(ours).start()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=24, help="one-page documents (default 24)")
    parser.add_argument("--skip-200", action="store_true", help="skip the 200-page PDF")
    parser.add_argument(
        "--state-dir",
        type=Path,
        default=REPO / ".sohoa-bench",
        help="the bench stack's state dir (default <repo>/.sohoa-bench)",
    )
    parser.add_argument(
        "--port-offset",
        type=int,
        default=0,
        help="added to every port of the bench stack, should another stack hold them",
    )
    parser.add_argument(
        "--max-foreign",
        type=float,
        default=0.25,
        help="before each timed part, wait until other processes use at most this many cores",
    )
    parser.add_argument(
        "--quiet-timeout",
        type=float,
        default=600.0,
        help="give up waiting for a quiet machine after this many seconds (0: do not wait)",
    )
    args = parser.parse_args(argv)
    if args.pages < WORKERS:
        parser.error(f"--pages must be at least {WORKERS}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # SIGTERM unwinds like Ctrl-C, so the finally below stops the stack.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    stack = Stack(args.state_dir.resolve())
    for name in PORT_SETTINGS:
        stack.overrides[name] = int(stack.overrides[name]) + args.port_offset
    notes: list[str] = [f"command: {' '.join([sys.executable, *sys.argv])}"]
    errors: list[str] = []
    anchor: AnchorResult | None = None
    service: ServiceResult | None = None
    big: ServiceResult | None = None
    big_pdf: BigPdf | None = None
    service_cpu: CpuMeter | None = None
    big_cpu: CpuMeter | None = None

    with tempfile.TemporaryDirectory(prefix="sohoa-bench-") as tmp_name:
        tmp = Path(tmp_name)
        source = "specimen" if specimen_available() else "render_page"
        log(f"rendering {args.pages} pages ({source}, {DPI} dpi)")
        inputs = make_page_files(args.pages, tmp / "pages", source)

        log(f"limit: tesseract alone, {WORKERS} processes")
        anchor_cpu = quiet_then_measure("limit run", lambda: [os.getpid()], args, notes)
        anchor = run_anchor(inputs.images, tmp / "anchor", WORKERS)
        anchor_cpu.stop()
        log(f"limit: {anchor.pages_per_min:.1f} pages/min")

        if not args.skip_200:
            # Made before the stack starts: should it not fit the default upload limit, the
            # stack is started with a higher one (and the settings say so).
            log(f"rendering the {BIG_PAGES}-page PDF")
            default_limit = int(Settings.model_fields["max_upload_bytes"].default)
            big_pdf = make_big_pdf(BIG_PAGES, tmp / "big.pdf", source, default_limit)
            if big_pdf.limit_raised:
                stack.overrides["max_upload_bytes"] = big_pdf.limit_bytes

        try:
            stack.services_up()
            settings = stack.settings()
            stack.purge_queue()
            abandoned = stack.abandon_unfinished_jobs()
            if abandoned:
                log(f"marked {abandoned} unfinished job(s) of an earlier run failed")
            stack.serve(WORKERS)
            username, password = "bench-clerk", secrets.token_urlsafe(16)
            stack.create_clerk(username, password)

            from api.client import ApiClient

            client = ApiClient(settings.public_url, timeout_s=600)
            client.login(username, password)
            owner_id = fresh_owner_id()
            notes.append(f"owner of the uploads: {owner_id} (new each run)")

            log(f"service: {args.pages} one-page documents, {WORKERS} workers")
            service_cpu = quiet_then_measure("service run", stack.own_pids, args, notes)
            service = run_service(
                client,
                stack,
                inputs.images,
                poll_s=1.0,
                timeout_s=600 + 120 * args.pages,
                rss_interval_s=1.0,
                owner_id=owner_id,
            )
            service_cpu.stop()
            log(f"service: {service.pages_per_min:.1f} pages/min")

            if big_pdf is not None:
                log(f"{BIG_PAGES}-page PDF: {big_pdf.size_bytes / MB:.1f} MB")
                big_cpu = quiet_then_measure(f"{BIG_PAGES}-page run", stack.own_pids, args, notes)
                big = run_service(
                    client,
                    stack,
                    [big_pdf.path],
                    poll_s=2.0,
                    timeout_s=120.0 * BIG_PAGES,
                    rss_interval_s=RSS_INTERVAL_S,
                    owner_id=owner_id,
                )
                big_cpu.stop()
                log(f"{BIG_PAGES}-page PDF: {big.pages_per_min:.1f} pages/min")
        except (StackError, TimeoutError, RuntimeError, OSError) as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
        except Exception as exc:  # the API client's errors and anything unforeseen
            errors.append(f"{type(exc).__name__}: {exc} {getattr(exc, 'message_en', '')}")
        finally:
            stack.stop()

    rows = [["metric", "sohoa", "anchor", "ratio"]]
    rows.append(
        [
            f"pages/min, {len(inputs.images)} one-page docs, {WORKERS} workers "
            f"(goal ratio >= {GOAL_RATIO})",
            fmt(service.pages_per_min if service else None),
            fmt(anchor.pages_per_min),
            fmt(service.pages_per_min / anchor.pages_per_min if service else None, 2),
        ]
    )
    if service:
        mean_job = sum(service.job_s) / len(service.job_s) if service.job_s else None
        rows.append(
            [
                "seconds per page in one worker process (mean)",
                fmt(mean_job, 2),
                fmt(anchor.mean_page_s, 2),
                fmt(mean_job / anchor.mean_page_s, 2) if mean_job else "-",
            ]
        )
        if service.rss:
            rows.append(
                [
                    f"peak worker tree RSS, {WORKERS} docs in flight, MB (1 s samples)",
                    fmt(service.rss.peak_sum / MB, 0),
                    "-",
                    "-",
                ]
            )
    # Robust to a busy machine: pages per CPU-minute of everything the bench started (API,
    # worker, Tesseract, PostgreSQL, Redis, MinIO, this process) vs of Tesseract alone.
    anchor_ppcm = anchor.pages / max(1e-6, anchor_cpu.ours_cores * anchor_cpu.wall_s) * 60
    service_ppcm = (
        service.pages / max(1e-6, service_cpu.ours_cores * service_cpu.wall_s) * 60
        if service and service_cpu
        else None
    )
    rows.append(
        [
            "pages per CPU-minute (whole bench stack vs tesseract)",
            fmt(service_ppcm),
            fmt(anchor_ppcm),
            fmt(service_ppcm / anchor_ppcm, 2) if service_ppcm else "-",
        ]
    )
    rows.append(
        [
            "CPU taken by other processes during the run, cores of 2",
            fmt(service_cpu.foreign_cores if service_cpu and service else None, 2),
            fmt(anchor_cpu.foreign_cores, 2),
            "-",
        ]
    )
    if big and big.rss:
        one_proc = 60 / anchor.mean_page_s
        rows += [
            [
                f"peak worker memory, {BIG_PAGES}-page PDF, tree PSS sum, MB "
                f"(goal <= {GOAL_RSS_MB:.0f})",
                fmt(big.rss.peak_pss / MB, 0),
                fmt(GOAL_RSS_MB, 0),
                fmt(big.rss.peak_pss / MB / GOAL_RSS_MB, 2),
            ],
            [
                f"peak worker RSS, {BIG_PAGES}-page PDF, tree RSS sum (shared pages "
                "counted per process), MB",
                fmt(big.rss.peak_sum / MB, 0),
                fmt(GOAL_RSS_MB, 0),
                fmt(big.rss.peak_sum / MB / GOAL_RSS_MB, 2),
            ],
            [
                f"peak worker RSS, {BIG_PAGES}-page PDF, largest process (the one reading), MB",
                fmt(big.rss.peak_one / MB, 0),
                fmt(GOAL_RSS_MB, 0),
                fmt(big.rss.peak_one / MB / GOAL_RSS_MB, 2),
            ],
            [
                f"pages/min, one {BIG_PAGES}-page PDF (anchor: 1 tesseract process)",
                fmt(big.pages_per_min),
                fmt(one_proc),
                fmt(big.pages_per_min / one_proc, 2),
            ],
        ]

    out = sys.stdout
    out.write("\n" + table(rows) + "\n\n")
    if service:
        verdict = "met" if service.pages_per_min / anchor.pages_per_min >= GOAL_RATIO else "NOT met"
        out.write(
            f"ratio service/limit = {service.pages_per_min / anchor.pages_per_min:.2f} "
            f"(goal >= {GOAL_RATIO}: {verdict})\n"
        )
    if big and big.rss:
        verdict = "met" if big.rss.peak_pss <= GOAL_RSS_MB * MB else "NOT met"
        out.write(
            f"peak worker memory {big.rss.peak_pss / MB:.0f} MB PSS over the tree, largest "
            f"process {big.rss.peak_one / MB:.0f} MB RSS (goal <= 1 GB: {verdict})\n"
        )
    out.write("\nsettings:\n")
    origin = (
        "ocr.synthetic.render_specimen(seed, 'clean', doc_type), doc_type cycling over "
        + ", ".join(specimen_types())
        if source == "specimen"
        else "tests.utils.scans.render_page (A4, 34 lines of 14 pt text)"
    )
    settings_lines = [
        *notes,
        f"cores: os.cpu_count()={os.cpu_count()}, usable={len(os.sched_getaffinity(0))}",
        f"tesseract: {tesseract_version()}; limit = {anchor.command}",
        f"pages: {len(inputs.images)} x ~{inputs.size_px[0]}x{inputs.size_px[1]} px RGB PNG at "
        f"{DPI} dpi, from {origin}, "
        f"seeds 1000..{999 + len(inputs.images)}, {inputs.total_bytes / MB:.1f} MB in all; "
        f"the same files for both columns",
        f"limit: {anchor.pages} pages in {anchor.wall_s:.1f} s",
        f"stack: state dir {stack.state_dir}, "
        + ", ".join(f"SOHOA_{k.upper()}={v}" for k, v in stack.overrides.items())
        + f", sohoa serve --detach --workers {WORKERS}",
    ]
    if service:
        settings_lines.append(
            f"service: {service.documents} uploads ({service.pages} pages) through "
            f"POST /api/v1/dossiers/{{id}}/documents, one dossier; time = first upload -> "
            f"last job finished_at = {service.wall_s:.1f} s; jobs polled every 1 s"
        )
        if service.rss:
            settings_lines.append(
                "throughput run, worker tree RSS at its peak, per process (MB): "
                + " + ".join(f"{r / MB:.0f}" for r in service.rss.peak_breakdown)
            )
    if big_pdf:
        settings_lines.append(
            f"{BIG_PAGES}-page PDF: img2pdf of {big_pdf.mode} JPEG q{big_pdf.jpeg_quality} "
            f"pages at {DPI} dpi, {big_pdf.size_bytes / MB:.1f} MB (seeds 5000..), "
            f"one upload; upload limit {big_pdf.limit_bytes / MB:.0f} MB"
            + (
                " -- RAISED from the default: no JPEG quality >= 50 fits 200 such pages"
                if big_pdf.limit_raised
                else " (the default)"
            )
        )
    if big and big.rss:
        settings_lines.append(
            f"{BIG_PAGES}-page run: {big.wall_s:.1f} s upload -> done; RSS of the worker's "
            f"process tree (psutil, main + all descendants) every {RSS_INTERVAL_S} s, "
            f"{big.rss.samples} samples, up to {big.rss.max_procs} processes; largest process "
            f"at peak: {big.rss.peak_one_name}; at the peak of the sum, per process (MB): "
            + " + ".join(f"{r / MB:.0f}" for r in big.rss.peak_breakdown)
        )
    for label, meter in (("service", service_cpu), (f"{BIG_PAGES}-page", big_cpu)):
        if meter and meter.wall_s > 1:
            settings_lines.append(
                f"{label} run CPU: bench stack {meter.ours_cores:.2f} cores, other processes "
                f"{meter.foreign_cores:.2f} cores (limit run: tesseract {anchor_cpu.ours_cores:.2f}, "
                f"others {anchor_cpu.foreign_cores:.2f})"
            )
    for result in (service, big):
        if result and result.failed:
            errors += [f"job failed: {f}" for f in result.failed]
    out.write("".join(f"  {line}\n" for line in settings_lines))
    if errors:
        out.write("\nerrors:\n" + "".join(f"  {e}\n" for e in errors))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
