"""Write a benchmark corpus of synthetic counter scans.

    .venv/bin/python bench/make_corpus.py --out /tmp/corpus --per-level 30 [--unreadable 4]

For each page: the image as the device would have saved it (PNG for flatbed scans, JPEG for
phone photos and JPEG-compressed scans, with the dpi the device writes: 72 for phones),
``.gt.txt`` (the ground-truth text, NFC) and ``.json`` (fields, type, level, seed, effective
dpi and how it was degraded). Document types cycle so every type appears at every level.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ocr.synthetic import (  # noqa: E402
    DOC_TYPES,
    LEVELS,
    UNREADABLE_KINDS,
    Specimen,
    render_specimen,
    render_unreadable,
)


def write_specimen(spec: Specimen, folder: Path, stem: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    declared = spec.meta.get("declared_dpi")
    jpeg = spec.meta.get("jpeg") or (92 if spec.meta.get("source") == "phone" else None)
    if jpeg:
        path = folder / f"{stem}.jpg"
        spec.image.save(path, format="JPEG", quality=int(jpeg), dpi=(declared or 72,) * 2)
    else:
        path = folder / f"{stem}.png"
        spec.image.save(path, format="PNG", dpi=(declared or 300,) * 2, compress_level=3)
    (folder / f"{stem}.gt.txt").write_text(spec.text + "\n", encoding="utf-8")
    record = {
        "image": path.name,
        "doc_type": spec.doc_type,
        "level": spec.level,
        "seed": spec.seed,
        "dpi": spec.dpi,
        "fields": spec.fields,
        "meta": spec.meta,
    }
    (folder / f"{stem}.json").write_text(
        json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return path


def write_corpus(
    out: Path,
    per_level: int,
    levels: tuple[str, ...] = LEVELS,
    unreadable: int = 0,
    seed_base: int = 1000,
) -> list[Path]:
    """Write the corpus; returns the image paths (readable levels first, then unreadable)."""
    paths: list[Path] = []
    for level in levels:
        for i in range(per_level):
            seed = seed_base + i
            doc_type = DOC_TYPES[i % len(DOC_TYPES)]
            spec = render_specimen(seed, level, doc_type)
            paths.append(write_specimen(spec, out / level, f"{level}-{seed:05d}-{doc_type}"))
    for kind in UNREADABLE_KINDS:
        for i in range(unreadable):
            seed = seed_base + i
            spec = render_unreadable(seed, kind)
            paths.append(write_specimen(spec, out / "unreadable", f"unreadable-{kind}-{seed:05d}"))
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--per-level", type=int, default=30)
    ap.add_argument("--levels", default=",".join(LEVELS))
    ap.add_argument("--unreadable", type=int, default=0, help="pages per unreadable kind")
    ap.add_argument("--seed-base", type=int, default=1000)
    args = ap.parse_args(argv)
    paths = write_corpus(
        args.out, args.per_level, tuple(args.levels.split(",")), args.unreadable, args.seed_base
    )
    print(f"wrote {len(paths)} pages to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
