"""Train the packaged document-type classifier: ``ocr/classify/model/default.joblib``.

    .venv/bin/python bench/train_classifier.py            # OCR corpus cached in bench/out/

The corpus, all from fixed seeds (reproducible):
- synthetic papers of every type from ``ocr.synthetic.make_content``, as written and damaged
  by ``ocr.classify.noise`` (lost marks, look-alike letters, shuffled lines, no title …);
- papers of no known type (``ocr.classify.negatives``), as written and damaged;
- a share of rendered specimens at every degradation level, prepared and read by the real
  Tesseract (``ocr.prepare`` + ``ocr.tesseract``), so OCR's own noise is learned. Pages that
  OCR could not read at all are learned as ``unknown`` (garbage must not earn a type).

OCR text is cached under ``bench/out/ocr-cache`` so a rerun takes a minute. Training seeds
(``train:*``) never overlap the benchmark's (``bench:*`` in ``bench/classify.py``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # `python bench/train_classifier.py` puts bench/ first
    sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from ocr.classify import LabelledText, TrainOptions, save, train  # noqa: E402
from ocr.classify.corpus import KNOWN_TYPES, synthetic_samples  # noqa: E402
from ocr.classify.store import DEFAULT_MODEL  # noqa: E402
from ocr.fields.text import fold  # noqa: E402

CACHE = REPO / "bench" / "out" / "ocr-cache"
LEVELS = ("clean", "mild", "moderate", "hard")
OCR_VERSION = "v1"
PLAIN_VERSION = "p2"
"""Bump when the plain layout changes (its cached pages are read again)."""
"""Bump to re-read every cached page (e.g. after preparation changed a lot)."""


def log(msg: str) -> None:
    sys.stderr.write(f"[train {time.strftime('%H:%M:%S')}] {msg}\n")
    sys.stderr.flush()


# --- one page through preparation and Tesseract ------------------------------------------


@dataclass(frozen=True)
class Job:
    """One page to render and read: a known type (``render_specimen``) or a negative."""

    kind: str
    """``specimen``, ``negative``, ``plain`` (a layout the generator never draws) or
    ``handwritten`` (the benchmark's own wordings)."""
    doc_type: str
    level: str
    seed: str

    @property
    def key(self) -> str:
        kind = f"{self.kind}{PLAIN_VERSION}" if self.kind == "plain" else self.kind
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", f"{kind}-{self.doc_type}-{self.level}-{self.seed}")
        return f"{OCR_VERSION}-{safe}"


def _read(image: Any, declared_dpi: int | None) -> tuple[str, float | None]:
    from ocr.tesseract import recognize

    array = np.asarray(image.convert("RGB"))
    try:
        from ocr.prepare import PrepareOptions, prepare_page

        prepared = prepare_page(array, declared_dpi, PrepareOptions())
        rec = recognize(prepared.image, dpi=prepared.dpi)
    except ImportError:
        from ocr.orient import upright_page

        upright = upright_page(array, declared_dpi)
        rec = recognize(upright.image, dpi=declared_dpi)
    return rec.text, rec.mean_confidence


def _render(job: Job) -> tuple[Any, int | None, str, dict[str, str]]:
    """(image, declared dpi, ground-truth text, true fields) of a job's page."""
    if job.kind == "specimen":
        from ocr.synthetic import render_specimen

        sp = render_specimen(int(job.seed), job.level, job.doc_type)
        return sp.image, sp.meta.get("declared_dpi", sp.dpi), sp.text, dict(sp.fields)
    from ocr.synthetic.degrade import degrade

    rng = random.Random(f"{job.kind}:{job.doc_type}:{job.level}:{job.seed}")
    if job.kind == "negative":
        from ocr.classify.negatives import KINDS

        builder = KINDS.get(job.doc_type)
        if builder is None:  # the benchmark's own kinds, never trained on
            from bench.classify import UNSEEN_NEGATIVES

            builder = UNSEEN_NEGATIVES[job.doc_type]
        content = builder(rng)
        fields: dict[str, str] = {}
        image = _lay_out(rng, content)
        text = content.text
    elif job.kind == "handwritten":  # the benchmark's own wordings, in the plain layout
        from bench.classify import HANDWRITTEN

        lines = HANDWRITTEN[job.doc_type][int(job.seed)].split("\n")
        fields = {}
        image = _plain_page(rng, lines)
        text = "\n".join(lines)
    else:  # plain: the generator's content in a one-column layout it never draws
        from ocr.synthetic import make_content

        content = make_content(rng, job.doc_type)
        fields = dict(content.fields)
        lines = _plain_lines(rng, [line.text for line in content.lines])
        image = _plain_page(rng, lines)
        text = "\n".join(lines)
    capture = degrade(rng, image, job.level)
    return capture.image, capture.declared_dpi, text, fields


def _lay_out(rng: random.Random, content: Any) -> Any:
    from ocr.synthetic.layout import Overflow, Style, render_page

    style = Style.draw(rng)
    for _ in range(6):
        try:
            return render_page(rng, content, style).image
        except Overflow:
            style.size *= 0.9
    return _plain_page(rng, [line.text for line in content.lines])


def _plain_lines(rng: random.Random, lines: list[str]) -> list[str]:
    """Another template's arrangement: the header block (agency, number, motto, place and
    date) kept on top, moved under the title, or moved to the foot; the body keeps its order,
    so whose name comes first still means what it meant."""
    lines = [line for line in lines if line.strip()]
    if len(lines) > 8:
        head, rest = lines[:6], lines[6:]
        roll = rng.random()
        if roll < 0.35:
            lines = rest[:1] + head + rest[1:]
        elif roll < 0.6:
            lines = rest + head
    return lines


def _plain_page(rng: random.Random, lines: list[str]) -> Any:
    from PIL import Image, ImageDraw, ImageFont

    fonts = (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
    )
    size = rng.randint(34, 44)
    font = ImageFont.truetype(rng.choice([f for f in fonts if Path(f).exists()]), size)
    page = Image.new("RGB", (2480, 3508), (252, 252, 250))
    draw = ImageDraw.Draw(page)
    y = rng.randint(150, 260)
    x = rng.randint(160, 260)
    for line in lines:
        words, current = line.split(), ""
        for word in words:
            if font.getlength(f"{current} {word}") > 2480 - 2 * x and current:
                draw.text((x, y), current, font=font, fill=(20, 20, 20))
                y += int(size * 1.5)
                current = word
            else:
                current = f"{current} {word}".strip()
        draw.text(
            (x + (rng.randint(0, 300) if line.isupper() else 0), y),
            current,
            font=font,
            fill=(20, 20, 20),
        )
        y += int(size * 1.5)
        if y > 3350:
            break
    return page


def read_page(job: Job) -> dict[str, Any]:
    """Render and OCR one page, or return the cached reading."""
    path = CACHE / f"{job.key}.json"
    if path.exists():
        try:
            return dict(json.loads(path.read_text(encoding="utf-8")))
        except ValueError:
            path.unlink()
    started = time.monotonic()
    image, declared, truth, fields = _render(job)
    rendered = time.monotonic()
    text, confidence = _read(image, declared)
    record = {
        "kind": job.kind,
        "doc_type": job.doc_type,
        "level": job.level,
        "seed": job.seed,
        "ocr_text": text,
        "ocr_confidence": confidence,
        "truth_text": truth,
        "fields": fields,
        "render_s": round(rendered - started, 2),
        "ocr_s": round(time.monotonic() - rendered, 2),
    }
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    return record


def read_pages(jobs: list[Job], workers: int) -> list[dict[str, Any]]:
    todo = [j for j in jobs if not (CACHE / f"{j.key}.json").exists()]
    log(
        f"{len(jobs)} pages, {len(jobs) - len(todo)} cached, {len(todo)} to read on {workers} cores"
    )
    started = time.monotonic()
    if todo:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for n, _ in enumerate(pool.map(read_page, todo, chunksize=1), 1):
                if n % 20 == 0 or n == len(todo):
                    log(f"  read {n}/{len(todo)} ({time.monotonic() - started:.0f} s)")
    return [read_page(j) for j in jobs]


def readable_share(ocr_text: str, truth_text: str) -> float:
    """Share of the true page's words (3+ letters, folded) that OCR found."""
    truth = {w for w in re.findall(r"\w{3,}", fold(truth_text))}
    if not truth:
        return 0.0
    found = set(re.findall(r"\w{3,}", fold(ocr_text)))
    return len(truth & found) / len(truth)


# --- the corpus ----------------------------------------------------------------------------


def ocr_jobs(per_level: dict[str, int], negatives: int, plain: int) -> list[Job]:
    jobs = []
    for level, count in per_level.items():
        for doc_type in KNOWN_TYPES:
            jobs += [Job("specimen", doc_type, level, str(1000 + i)) for i in range(count)]
    kinds = (
        "invoice",
        "fee_receipt",
        "intake_receipt",
        "decision",
        "contract",
        "hospital",
        "cv",
        "driving_licence",
        "vehicle_registration",
        "other_certificate",
        "generic_confirmation",
        "official_letter",
    )
    for i in range(negatives):
        jobs.append(Job("negative", kinds[i % len(kinds)], LEVELS[i % 3], f"train{i}"))
    for i in range(plain):
        jobs.append(Job("plain", KNOWN_TYPES[i % len(KNOWN_TYPES)], LEVELS[i % 2], f"train{i}"))
    return jobs


def ocr_samples(records: Iterable[dict[str, Any]], min_readable: float) -> list[LabelledText]:
    out = []
    for r in records:
        label = "unknown" if r["kind"] == "negative" else r["doc_type"]
        if readable_share(r["ocr_text"], r["truth_text"]) < min_readable:
            label = "unknown"  # OCR read nothing useful: no type may be learned from it
        group = f"ocr:{r['kind']}:{r['doc_type']}:{r['seed']}"
        out.append(LabelledText(r["ocr_text"], label, 2.0, group))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--per-type", type=int, default=120, help="synthetic texts per type")
    ap.add_argument("--damaged", type=int, default=2, help="damaged copies of each text")
    ap.add_argument("--ocr-clean", type=int, default=3, help="OCR'd specimens per type, clean")
    ap.add_argument("--ocr-mild", type=int, default=3)
    ap.add_argument("--ocr-moderate", type=int, default=3)
    ap.add_argument("--ocr-hard", type=int, default=2)
    ap.add_argument("--ocr-negatives", type=int, default=24)
    ap.add_argument("--ocr-plain", type=int, default=14)
    ap.add_argument("--min-readable", type=float, default=0.2)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    args = ap.parse_args(argv)

    per_level = {
        "clean": args.ocr_clean,
        "mild": args.ocr_mild,
        "moderate": args.ocr_moderate,
        "hard": args.ocr_hard,
    }
    records = read_pages(ocr_jobs(per_level, args.ocr_negatives, args.ocr_plain), args.workers)
    samples = list(synthetic_samples(args.per_type, args.seed, args.damaged))
    from_ocr = ocr_samples(records, args.min_readable)
    log(
        f"{len(samples)} synthetic texts, {len(from_ocr)} OCR'd pages "
        f"({sum(s.doc_type == 'unknown' for s in from_ocr)} as unknown)"
    )
    started = time.monotonic()
    model = train([*samples, *from_ocr], TrainOptions(seed=args.seed))
    version = save(model, args.out)
    size = args.out.stat().st_size / 1e6
    log(
        f"trained in {time.monotonic() - started:.0f} s; threshold {model.threshold}; "
        f"{args.out} {size:.2f} MB; version {version}"
    )
    log("samples per type: " + json.dumps(Counter(s.doc_type for s in [*samples, *from_ocr])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
