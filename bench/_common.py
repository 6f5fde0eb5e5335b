"""Shared pieces of the benchmarks: a private stack, generated pages, a plain table.

A benchmark starts what it needs itself, in its own state directory and on its own ports, so
a running demo or test stack is left alone. The parent's ``os.environ`` is never written:
child processes get an explicit environment, in-process code gets a ``Settings`` object.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
VENV_BIN = REPO / ".venv" / "bin"
SOHOA = str(VENV_BIN / "sohoa")
PYTHON = str(VENV_BIN / "python")

CENTRE = "000.00.01.H29"


def fresh_owner_id() -> str:
    """A citizen ID of its own for each run (Hà Nội, male, born 1990): the service finds a
    paper the owner already holds instead of OCR-ing it again, so re-uploading the same
    generated pages for the same owner would measure nothing."""
    return f"001090{random.SystemRandom().randrange(10**6):06d}"


PROCEDURE = "1.001612"

# Settings field → value: the bench stack's own ports (the demo uses 80xx/15432/..., the
# tests 8010/15442/...).
BENCH_SETTINGS: dict[str, Any] = {
    "api_port": 8026,
    "pg_port": 15466,
    "redis_port": 16466,
    "minio_port": 19066,
    "minio_console_port": 19067,
    "pki_port": 19166,
    "max_pages": 300,
}
PORT_SETTINGS = ("api_port", "pg_port", "redis_port", "minio_port", "minio_console_port")

Log = Callable[[str], None]


def log(msg: str) -> None:
    """Progress goes to stderr; stdout carries only the table."""
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {msg}\n")
    sys.stderr.flush()


class StackError(RuntimeError):
    pass


@dataclass
class Stack:
    """The bench's own services, API and worker, driven through the ``sohoa`` CLI."""

    state_dir: Path
    overrides: dict[str, Any] = field(default_factory=lambda: dict(BENCH_SETTINGS))
    started: list[str] = field(default_factory=list)

    # --- environments -------------------------------------------------------------------

    def env(self, **extra: str) -> dict[str, str]:
        """Environment for a child: the parent's minus any SOHOA_* (so a shell set up for the
        demo stack cannot leak in), plus this stack's state dir, ports and limits."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("SOHOA_")}
        env["SOHOA_STATE_DIR"] = str(self.state_dir)
        env.update({f"SOHOA_{k.upper()}": str(v) for k, v in self.overrides.items()})
        env["PYTHONUNBUFFERED"] = "1"
        env.update(extra)
        return env

    def settings(self) -> Any:
        """In-process settings of this stack: the overrides, and the credentials
        ``services up`` generated into the state dir (given explicitly, so a SOHOA_* variable
        of the parent shell cannot win over them)."""
        from dotenv import dotenv_values

        from api.settings import GENERATED_ENV_NAME, Settings, load_settings

        values: dict[str, Any] = {"state_dir": self.state_dir, **self.overrides}
        generated = self.state_dir / GENERATED_ENV_NAME
        if generated.is_file():
            for key, value in dotenv_values(generated).items():
                name = key.removeprefix("SOHOA_").lower()
                known = key.startswith("SOHOA_") and name in Settings.model_fields
                if known and value and name not in values and name != "cors_origins":
                    values[name] = value
        return load_settings(**values)

    # --- running the CLI ----------------------------------------------------------------

    def run(self, args: Sequence[str], timeout_s: float, env: dict[str, str] | None = None) -> None:
        log("$ " + " ".join(args))
        try:
            proc = subprocess.run(
                list(args),
                cwd=REPO,
                env=env or self.env(),
                stdin=subprocess.DEVNULL,
                stdout=sys.stderr,
                stderr=sys.stderr,
                timeout=timeout_s,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise StackError(f"{' '.join(args)}: no answer within {timeout_s:.0f} s") from exc
        if proc.returncode != 0:
            raise StackError(f"{' '.join(args)}: exit status {proc.returncode}")

    @property
    def worker_log(self) -> Path:
        return self.state_dir / "log" / "worker.log"

    @property
    def worker_pid_file(self) -> Path:
        return self.state_dir / "run" / "worker.pid"

    def own_pids(self) -> list[int]:
        """This process and every process of this stack (its pid files)."""
        pids = [os.getpid()]
        for pid_file in sorted((self.state_dir / "run").glob("*.pid")):
            try:
                pids.append(int(pid_file.read_text().split()[0]))
            except (OSError, ValueError, IndexError):
                continue
        return pids

    def worker_pid(self) -> int:
        try:
            return int(self.worker_pid_file.read_text().strip())
        except (OSError, ValueError) as exc:
            raise StackError(f"no worker pid in {self.worker_pid_file}") from exc

    def foreign_ports(self) -> list[str]:
        """This stack's ports that a process of someone else listens on (not one whose
        command line, working dir or pid file is in this state dir)."""
        import psutil

        ours = set()
        for pid_file in (self.state_dir / "run").glob("*.pid"):
            try:
                ours.add(int(pid_file.read_text().split()[0]))
            except (OSError, ValueError, IndexError):
                continue
        wanted = {int(self.overrides[name]): name for name in PORT_SETTINGS}
        taken = []
        for conn in psutil.net_connections(kind="tcp"):
            if conn.status != psutil.CONN_LISTEN or conn.laddr.port not in wanted:
                continue
            try:
                proc = psutil.Process(conn.pid) if conn.pid else None
                where = " ".join(proc.cmdline()) + " " + proc.cwd() if proc else ""
            except psutil.Error:
                where = ""
            if conn.pid in ours or str(self.state_dir) in where:
                continue
            name = wanted[conn.laddr.port]
            taken.append(f"{name}={conn.laddr.port} (pid {conn.pid}: {where[:120]})")
        return sorted(set(taken))

    def services_up(self) -> None:
        if taken := self.foreign_ports():
            raise StackError(
                "ports of the bench stack are held by another process; pass other ones "
                "(--port-offset): " + "; ".join(taken)
            )
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.started.append("services")
        self.run([SOHOA, "services", "up"], timeout_s=1800)

    def purge_queue(self) -> None:
        """Forget OCR messages a previous, interrupted run left in this stack's broker."""
        self.run(
            [PYTHON, "-m", "celery", "-A", "api.tasks", "purge", "-f"],
            timeout_s=120,
        )

    def abandon_unfinished_jobs(self) -> int:
        """Jobs of an interrupted earlier run would be re-enqueued when the worker starts
        (``worker_ready`` re-sends old queued jobs) and steal it from the measurement: mark
        them failed in this stack's own database."""
        from datetime import UTC, datetime

        from sqlalchemy import update

        from api.runtime import Runtime
        from archive.db import session_scope
        from archive.models import Job

        rt = Runtime(self.settings())
        try:
            with session_scope(rt.sessions) as s:
                result = s.execute(
                    update(Job)
                    .where(Job.state.in_(("queued", "running")))
                    .values(
                        state="failed",
                        error_code="bench_abandoned",
                        finished_at=datetime.now(UTC),
                    )
                )
                count = int(getattr(result, "rowcount", 0) or 0)
        finally:
            rt.engine.dispose()
        return count

    def serve(self, workers: int, ready_timeout_s: float = 180.0) -> None:
        offset = self.worker_log.stat().st_size if self.worker_log.exists() else 0
        self.started.append("serve")
        self.run([SOHOA, "serve", "--detach", "--workers", str(workers)], timeout_s=300)
        # The API answering /health does not mean the worker is consuming: wait for Celery's
        # "ready." line written after this start.
        deadline = time.monotonic() + ready_timeout_s
        while time.monotonic() < deadline:
            if self.worker_log.exists():
                with self.worker_log.open("rb") as fh:
                    fh.seek(offset)
                    if b" ready." in fh.read():
                        return
            time.sleep(0.5)
        raise StackError(f"worker not ready within {ready_timeout_s:.0f} s; see {self.worker_log}")

    def create_clerk(self, username: str, password: str) -> None:
        self.run(
            [SOHOA, "users", "create", username, "--role", "clerk", "--centre", CENTRE],
            timeout_s=120,
            env=self.env(SOHOA_PASSWORD=password),
        )

    def stop(self) -> None:
        """Stop what this run started, API and worker first; never raises."""
        if "serve" in self.started:
            try:
                self.run([SOHOA, "serve", "--stop"], timeout_s=120)
            except StackError as exc:
                log(f"stopping API/worker: {exc}")
        if "services" in self.started:
            try:
                self.run([SOHOA, "services", "down"], timeout_s=300)
            except StackError as exc:
                log(f"stopping services: {exc}")
        self.started.clear()


# --- pages --------------------------------------------------------------------------------

A4_IN = (8.27, 11.69)
NOT_A4_PAGE = ("can_cuoc", "bang_tot_nghiep")

_HEADINGS = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
)
_TITLES = (
    "TỜ KHAI ĐĂNG KÝ KHAI SINH",
    "GIẤY XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ",
    "ĐƠN ĐỀ NGHỊ CẤP BẢN SAO TRÍCH LỤC",
    "TỜ KHAI ĐĂNG KÝ KẾT HÔN",
)
_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
_MIDDLE = ("Văn", "Thị", "Minh", "Đức", "Thu", "Quốc", "Ngọc", "Hữu")
_GIVEN = ("An", "Bình", "Hằng", "Đức", "Lan", "Phương", "Tuấn", "Dũng", "Hương", "Khoa")
_PLACES = (
    "phường Dịch Vọng, quận Cầu Giấy, Hà Nội",
    "xã Tân Phú, huyện Đồng Phú, tỉnh Bình Phước",
    "phường Bến Nghé, Quận 1, TP. Hồ Chí Minh",
    "thị trấn Phong Điền, huyện Phong Điền, Cần Thơ",
    "phường Hải Châu I, quận Hải Châu, Đà Nẵng",
)
_FIELDS = (
    "Họ, chữ đệm, tên người yêu cầu: {name}",
    "Ngày, tháng, năm sinh: {date}",
    "Nơi cư trú: {place}",
    "Số định danh cá nhân: {cid}",
    "Quan hệ với người được cấp giấy: {rel}",
    "Đề nghị cơ quan đăng ký cho người có tên dưới đây:",
    "Dân tộc: Kinh      Quốc tịch: Việt Nam",
    "Giấy tờ tùy thân: Căn cước công dân số {cid}",
    "Nơi đăng ký: Ủy ban nhân dân {place}",
    "Tôi cam đoan những nội dung khai trên đây là đúng sự thật",
    "và chịu trách nhiệm trước pháp luật về cam đoan của mình.",
    "Số lượng bản sao đề nghị cấp: {n} bản",
    "Làm tại {city}, ngày {d} tháng {m} năm {y}",
)


def _lines(rng: random.Random, count: int) -> list[str]:
    def name() -> str:
        return f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"

    out = [*_HEADINGS, "", rng.choice(_TITLES), ""]
    while len(out) < count:
        place = rng.choice(_PLACES)
        out.append(
            rng.choice(_FIELDS).format(
                name=name(),
                date=f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1950, 2024)}",
                place=place if len(place) < 44 else place.split(",")[0],
                cid=f"{rng.randint(1, 96):03d}{rng.randint(0, 3)}{rng.randint(0, 99999999):08d}",
                rel=rng.choice(("cha", "mẹ", "con", "vợ", "chồng", "anh", "chị")),
                n=rng.randint(1, 5),
                city=rng.choice(("Hà Nội", "Đà Nẵng", "Cần Thơ", "Huế")),
                d=rng.randint(1, 28),
                m=rng.randint(1, 12),
                y=rng.randint(2015, 2026),
            )
        )
    return out


def _render_fallback(seed: int, dpi: int) -> Any:
    """A full A4 page at ``dpi`` through the tests' ``render_page`` (14 pt DejaVu lines)."""
    from tests.utils.scans import render_page

    rng = random.Random(seed)
    return render_page(_lines(rng, 34), dpi=dpi, size_in=A4_IN)


def specimen_types() -> tuple[str, ...]:
    """The synthetic papers laid out on an A4 page (not the ID card, not the landscape
    diploma)."""
    from ocr.synthetic import DOC_TYPES

    return tuple(t for t in DOC_TYPES if t not in NOT_A4_PAGE)


def specimen_available() -> bool:
    try:
        from ocr.synthetic import render_specimen

        render_specimen(seed=1, level="clean", doc_type=specimen_types()[0])
    except Exception:  # anything wrong means: use the fallback
        return False
    return True


def render_pages(count: int, first_seed: int, dpi: int, source: str) -> list[tuple[Any, int]]:
    """``count`` RGB page images (PIL) with their dpi, deterministic by seed.

    ``source`` is ``specimen`` (``ocr.synthetic.render_specimen``, clean, the A4 paper types
    in turn) or ``render_page`` (the tests' helper, A4 at ``dpi``).
    """
    pages = []
    for i in range(count):
        seed = first_seed + i
        if source == "specimen":
            from ocr.synthetic import render_specimen

            types = specimen_types()
            spec = render_specimen(seed=seed, level="clean", doc_type=types[seed % len(types)])
            pages.append((spec.image.convert("RGB"), int(spec.dpi)))
        else:
            pages.append((_render_fallback(seed, dpi).convert("RGB"), dpi))
    return pages


# --- output -------------------------------------------------------------------------------


def table(rows: Sequence[Sequence[str]]) -> str:
    """A plain ``a | b | c`` table, columns padded, a rule under the header."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append(" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            lines.append("-+-".join("-" * w for w in widths))
    return "\n".join(lines)


# --- a shared machine: how much CPU did others take? --------------------------------------


def busy_cpu_s() -> float:
    """CPU seconds the whole machine has spent busy (all cores, not idle or waiting on I/O)."""
    import psutil

    t = psutil.cpu_times()
    return float(
        t.user
        + t.nice
        + t.system
        + getattr(t, "irq", 0.0)
        + getattr(t, "softirq", 0.0)
        + getattr(t, "steal", 0.0)
    )


def tree_cpu_s(pids: Sequence[int]) -> float:
    """CPU seconds of these processes and all their descendants, the reaped ones included
    (they are in their parent's ``children_*`` times)."""
    import psutil

    total, seen = 0.0, set()
    for pid in pids:
        try:
            root = psutil.Process(pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            continue
        for proc in procs:
            if proc.pid in seen:
                continue
            seen.add(proc.pid)
            try:
                c = proc.cpu_times()
            except psutil.Error:
                continue
            total += c.user + c.system + c.children_user + c.children_system
    return total


@dataclass
class CpuMeter:
    """Average cores used, during a span, by ``ours`` (process trees) and by everything else
    on the machine (``foreign``): a benchmark on a shared machine says how disturbed it was."""

    ours: Callable[[], list[int]]
    wall_s: float = 0.0
    ours_cores: float = 0.0
    foreign_cores: float = 0.0
    _t0: float = 0.0
    _busy0: float = 0.0
    _ours0: float = 0.0

    def start(self) -> CpuMeter:
        self._t0, self._busy0, self._ours0 = time.monotonic(), busy_cpu_s(), tree_cpu_s(self.ours())
        return self

    def stop(self) -> CpuMeter:
        self.wall_s = max(1e-6, time.monotonic() - self._t0)
        ours = tree_cpu_s(self.ours()) - self._ours0
        busy = busy_cpu_s() - self._busy0
        self.ours_cores = ours / self.wall_s
        self.foreign_cores = max(0.0, busy - ours) / self.wall_s
        return self


def wait_quiet(
    ours: Callable[[], list[int]], max_foreign_cores: float, timeout_s: float, window_s: float = 5.0
) -> tuple[float, float]:
    """Wait until the other processes of the machine use at most ``max_foreign_cores`` over a
    ``window_s`` window, or ``timeout_s`` passed. Returns (seconds waited, last foreign load)."""
    started = time.monotonic()
    announced = False
    while True:
        meter = CpuMeter(ours).start()
        time.sleep(window_s)
        foreign = meter.stop().foreign_cores
        waited = time.monotonic() - started
        if foreign <= max_foreign_cores or waited >= timeout_s:
            return waited, foreign
        if not announced:
            log(f"machine busy ({foreign:.2f} cores used by others); waiting for it to calm down")
            announced = True
