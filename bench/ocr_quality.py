"""OCR quality on counter-like scans: sohoa vs plain Tesseract vs OCRmyPDF, and the gate.

    OMP_THREAD_LIMIT=1 .venv/bin/python bench/ocr_quality.py --per-level 30 --unreadable 5

Writes a synthetic corpus (bench/make_corpus.py) unless ``--corpus DIR`` names one, then reads
every page with each engine on the same files in the same run:

- sohoa:     ocr.quality.assess_page + ocr.pipeline.read_page (prepare, recognise; vie,
             psm 3) + write_searchable_page: the worker's per-page path to a searchable page,
             in this process set up as the worker is (``ocr.memory.keep_freed_memory``),
             the page read with the gate's verdict as the worker gets it (the paper's outline)
- tesseract: ``tesseract IMG stdout -l vie --psm 3``, no preparation
- ocrmypdf:  ``ocrmypdf -l vie --deskew --clean --rotate-pages --jobs 1 --sidecar``

Per level: median and mean CER (Levenshtein distance over the ground truth's length, both
NFC and whitespace-collapsed, capped at 1), share of pages whose 12-digit ID appears exactly
(spaces removed), and seconds per page (wall clock, one page at a time, OMP_THREAD_LIMIT=1).
Then the gate: verdicts on the readable pages and on pages that must be rescanned.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image
from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import write_corpus  # noqa: E402

from ocr.memory import keep_freed_memory  # noqa: E402
from ocr.pipeline import OcrOptions, read_page, write_searchable_page  # noqa: E402
from ocr.prepare.measure import dpi_from_size, plausible_dpi  # noqa: E402
from ocr.quality import PageQuality, QualityOptions, assess_ocr, assess_page, combine  # noqa: E402
from ocr.synthetic import LEVELS  # noqa: E402

ENGINES = ("sohoa", "tesseract", "ocrmypdf")
CHILD_ENV = dict(os.environ, OMP_THREAD_LIMIT="1")


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def cer(ocr: str, truth: str) -> float:
    t = normalise(truth)
    return min(1.0, Levenshtein.distance(normalise(ocr), t) / max(1, len(t)))


def id_found(ocr: str, id_number: str) -> bool:
    return bool(id_number) and id_number in re.sub(r"\s+", "", ocr)


@dataclass
class Page:
    image: Path
    truth: str
    record: dict
    results: dict[str, tuple[str, float]] = field(default_factory=dict)
    gate: str = ""
    gate_codes: tuple[str, ...] = ()
    gate_after_ocr: str = ""
    gate_seconds: float = 0.0

    @property
    def level(self) -> str:
        return str(self.record["level"])


def load(path: Path) -> tuple[np.ndarray, int | None]:
    with Image.open(path) as im:
        dpi = im.info.get("dpi")
        return np.asarray(im.convert("RGB")), int(round(dpi[0])) if dpi else None


def run_sohoa(
    path: Path, timeout: float, work: Path, seen: PageQuality | None = None
) -> tuple[str, float, float | None, int]:
    """sohoa's text of one page and its seconds; ``seen``: the gate's verdict, which the
    worker gets with the page (the paper's outline)."""
    t = time.perf_counter()
    image, dpi = load(path)
    options = OcrOptions(page_timeout_s=timeout)
    prepared, rec = read_page(image, dpi, options, seen)
    # The PDF is written too: OCRmyPDF's time includes its searchable PDF.
    write_searchable_page(work / "sohoa.pdf", prepared, rec, dpi, options)
    return rec.text, time.perf_counter() - t, rec.mean_confidence, len(rec.words)


def run_tesseract(path: Path, timeout: float) -> tuple[str, float]:
    t = time.perf_counter()
    proc = subprocess.run(
        ["tesseract", str(path), "stdout", "-l", "vie", "--psm", "3"],
        capture_output=True,
        timeout=timeout,
        env=CHILD_ENV,
        check=False,
    )
    return proc.stdout.decode("utf-8", "replace"), time.perf_counter() - t


def run_ocrmypdf(path: Path, timeout: float, work: Path) -> tuple[str, float]:
    out, sidecar = work / "out.pdf", work / "out.txt"
    sidecar.unlink(missing_ok=True)
    exe = Path(sys.executable).with_name("ocrmypdf")
    args = [
        str(exe),
        "-l",
        "vie",
        "--deskew",
        "--clean",
        "--rotate-pages",
        "--jobs",
        "1",
        "--output-type",
        "pdf",
        "--sidecar",
        str(sidecar),
        "--quiet",
    ]
    image, dpi = load(path)
    if plausible_dpi(dpi, image.shape) is None:
        # OCRmyPDF refuses a phone's 72 dpi; give it what a user would: the A4 estimate.
        args += ["--image-dpi", str(dpi_from_size(image.shape))]
    args += [str(path), str(out)]
    t = time.perf_counter()
    try:
        subprocess.run(args, capture_output=True, timeout=timeout, env=CHILD_ENV, check=False)
    except subprocess.TimeoutExpired:
        return "", time.perf_counter() - t
    text = sidecar.read_text(encoding="utf-8", errors="replace") if sidecar.exists() else ""
    return text, time.perf_counter() - t


def read_corpus(folder: Path) -> list[Page]:
    pages = []
    for meta in sorted(folder.rglob("*.json")):
        record = json.loads(meta.read_text(encoding="utf-8"))
        truth = meta.with_name(meta.name[: -len(".json")] + ".gt.txt").read_text(encoding="utf-8")
        pages.append(Page(meta.with_name(record["image"]), truth, record))
    return pages


def evaluate(pages: list[Page], engines: tuple[str, ...], timeout: float, verbose: bool) -> None:
    gate_opts = QualityOptions()
    with tempfile.TemporaryDirectory(prefix="sohoa-bench-") as tmp:
        for n, page in enumerate(pages, 1):
            started = time.perf_counter()
            image, dpi = load(page.image)
            gate_started = time.perf_counter()
            q = assess_page(image, dpi, gate_opts)
            page.gate_seconds = time.perf_counter() - gate_started
            gate_s = time.perf_counter() - started  # the service runs the gate on every page
            page.gate, page.gate_codes = q.verdict, tuple(r.code for r in q.reasons)
            del image
            for engine in engines:
                if engine == "sohoa":
                    text, secs, conf, words = run_sohoa(page.image, timeout, Path(tmp), q)
                    secs += gate_s
                    page.gate_after_ocr = combine(q, assess_ocr(conf, words, gate_opts)).verdict
                elif engine == "tesseract":
                    text, secs = run_tesseract(page.image, timeout)
                else:
                    if page.level == "unreadable":
                        continue
                    text, secs = run_ocrmypdf(page.image, timeout, Path(tmp))
                page.results[engine] = (text, secs)
            if verbose:
                scores = " ".join(
                    f"{e}={cer(t, page.truth):.3f}/{s:.1f}s"
                    for e, (t, s) in page.results.items()
                    if page.level != "unreadable"
                )
                print(
                    f"[{n}/{len(pages)}] {page.image.name} gate={page.gate} {scores}",
                    file=sys.stderr,
                    flush=True,
                )


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def report(pages: list[Page], engines: tuple[str, ...]) -> str:
    lines = []
    head = f"{'level':9s} {'engine':10s} {'pages':>5s} {'CER med':>8s} {'CER mean':>8s} {'ID ok':>7s} {'s/page':>7s}"
    lines += [head, "-" * len(head)]
    summary: dict[tuple[str, str], tuple[float, float, float, float]] = {}
    for level in [lv for lv in LEVELS if any(p.level == lv for p in pages)]:
        group = [p for p in pages if p.level == level]
        for engine in engines:
            got = [p for p in group if engine in p.results]
            if not got:
                continue
            cers = [cer(p.results[engine][0], p.truth) for p in got]
            ids = [
                id_found(p.results[engine][0], p.record["fields"].get("so_dinh_danh", ""))
                for p in got
            ]
            secs = [p.results[engine][1] for p in got]
            row = (
                statistics.median(cers),
                statistics.fmean(cers),
                sum(ids) / len(ids),
                statistics.fmean(secs),
            )
            summary[(level, engine)] = row
            lines.append(
                f"{level:9s} {engine:10s} {len(got):5d} {_fmt(row[0]):>8s} {_fmt(row[1]):>8s} "
                f"{row[2] * 100:6.1f}% {row[3]:7.2f}"
            )
        lines.append("")
    lines.append("ratios (sohoa vs the others, same pages)")
    for level in [lv for lv in LEVELS if (lv, "sohoa") in summary]:
        s = summary[(level, "sohoa")]
        parts = [f"{level:9s}"]
        for other in ("tesseract", "ocrmypdf"):
            if (level, other) in summary:
                o = summary[(level, other)]
                parts.append(
                    f"{other}: its CER med {o[0] / max(s[0], 1e-4):.1f}x sohoa's, "
                    f"sohoa's time {s[3] / max(o[3], 1e-6):.2f}x its"
                )
        if len(parts) > 1:
            lines.append("  ".join(parts))
    lines.append("")
    lines.append(gate_report(pages))
    return "\n".join(lines)


def gate_report(pages: list[Page]) -> str:
    readable = [p for p in pages if p.level != "unreadable"]
    bad = [
        p for p in pages if p.level == "unreadable" and p.record["meta"].get("expected") == "reject"
    ]
    blank = [
        p for p in pages if p.level == "unreadable" and p.record["meta"].get("expected") == "blank"
    ]
    out = ["quality gate (before OCR | with OCR confidence)"]
    if pages:
        secs = sorted(p.gate_seconds for p in pages)
        out.append(
            f"  gate time per page (answered at upload, before OCR): median "
            f"{statistics.median(secs):.3f} s, slowest {secs[-1]:.3f} s"
        )
    for level in LEVELS:
        group = [p for p in readable if p.level == level]
        if group:
            counts = {v: sum(p.gate == v for p in group) for v in ("accept", "warn", "reject")}
            after = sum(p.gate_after_ocr == "reject" for p in group if p.gate_after_ocr)
            out.append(
                f"  readable {level:9s} accept {counts['accept']:3d}  warn {counts['warn']:3d}  "
                f"reject {counts['reject']:3d} | rejected with OCR {after:3d} of {len(group)}"
            )
    if readable:
        wrong = sum(p.gate == "reject" for p in readable)
        wrong_after = sum(p.gate_after_ocr == "reject" for p in readable if p.gate_after_ocr)
        out.append(
            f"  wrongly rejected readable pages: {wrong}/{len(readable)} ({wrong / len(readable):.1%}) "
            f"| with OCR {wrong_after}/{len(readable)} ({wrong_after / len(readable):.1%})"
        )
    if bad:
        kinds = sorted({p.record["meta"]["kind"] for p in bad})
        for kind in kinds:
            group = [p for p in bad if p.record["meta"]["kind"] == kind]
            hit = sum(p.gate == "reject" for p in group)
            hit_after = sum(p.gate_after_ocr == "reject" for p in group if p.gate_after_ocr)
            out.append(
                f"  unreadable {kind:12s} rejected {hit}/{len(group)} | with OCR {hit_after}/{len(group)}"
            )
        total = sum(p.gate == "reject" for p in bad)
        out.append(f"  truly unreadable rejected: {total}/{len(bad)}")
    if blank:
        flagged = sum("blank" in p.gate_codes and p.gate == "warn" for p in blank)
        out.append(f"  blank pages flagged (warn, reason blank, kept): {flagged}/{len(blank)}")
        fp = sum("blank" in p.gate_codes for p in readable)
        out.append(f"  readable pages wrongly called blank: {fp}/{len(readable)}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    keep_freed_memory()  # sohoa reads pages in this process, set up as the worker is
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, help="an existing corpus (bench/make_corpus.py)")
    ap.add_argument("--per-level", type=int, default=30)
    ap.add_argument("--levels", default=",".join(LEVELS))
    ap.add_argument(
        "--unreadable",
        type=int,
        default=5,
        help="pages per unreadable kind (0: none, also skips them in --corpus)",
    )
    ap.add_argument("--seed-base", type=int, default=1000)
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--json", type=Path, help="also write per-page results here")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    engines = tuple(e for e in args.engines.split(",") if e)
    with tempfile.TemporaryDirectory(prefix="sohoa-corpus-") as tmp:
        folder = args.corpus
        if folder is None:
            folder = Path(tmp)
            write_corpus(
                folder,
                args.per_level,
                tuple(args.levels.split(",")),
                args.unreadable,
                args.seed_base,
            )
        pages = read_corpus(folder)
        keep = set(args.levels.split(",")) | ({"unreadable"} if args.unreadable else set())
        pages = [p for p in pages if p.level in keep]
        evaluate(pages, engines, args.timeout, args.verbose)
    print(report(pages, engines))
    if args.json:
        args.json.write_text(
            json.dumps(
                [
                    {
                        "image": p.image.name,
                        "level": p.level,
                        "doc_type": p.record["doc_type"],
                        "gate": p.gate,
                        "gate_codes": p.gate_codes,
                        "gate_after_ocr": p.gate_after_ocr,
                        "results": {
                            e: {
                                "cer": cer(t, p.truth),
                                "seconds": s,
                                "id": id_found(t, p.record["fields"].get("so_dinh_danh", "")),
                                "text": t,
                            }
                            for e, (t, s) in p.results.items()
                        },
                    }
                    for p in pages
                ],
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
