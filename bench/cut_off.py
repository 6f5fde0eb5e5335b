"""Pages cut off by the edge of the image: the gate's warning, and the lines still read.

    OMP_THREAD_LIMIT=1 .venv/bin/python bench/cut_off.py --per-level 10 \\
        [--seed-base 9100] [--levels clean,mild,moderate,hard] [--engines sohoa,tesseract]

A phone held too close or a paper wider than the scanner's glass: the benchmark generator's
specimens (unseen seeds) are cut through the page four ways (the right 28 %, the left 25 %,
the bottom 45 %, the top 40 % of the image gone). For each cut the gate should answer
``cut_off`` naming that side; for the whole page it should not. Then each cut image is read,
and a line of the paper's text counts as read when it is found (fuzzy match, 85 %) in the
engine's text: the lines an engine reads of a cut page, against plain Tesseract's, last.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image
from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ocr_quality import run_sohoa, run_tesseract  # noqa: E402

from ocr.quality import QualityOptions, assess_page  # noqa: E402
from ocr.synthetic import render_specimen  # noqa: E402

CUTS = {
    "right": lambda im: im[:, : int(im.shape[1] * 0.72)],
    "left": lambda im: im[:, int(im.shape[1] * 0.25) :],
    "bottom": lambda im: im[: int(im.shape[0] * 0.55)],
    "top": lambda im: im[int(im.shape[0] * 0.4) :],
}
"""The side of the image that cuts through the page, and the cut."""


def lines_read(text: str, truth: str) -> int:
    """Lines of the paper's text (8 characters or more) found in ``text``."""
    flat = " ".join(text.split())
    return sum(
        1
        for line in truth.splitlines()
        if len(line.strip()) >= 8 and fuzz.partial_ratio(" ".join(line.split()), flat) >= 85
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--per-level", type=int, default=10)
    ap.add_argument("--seed-base", type=int, default=9100)
    ap.add_argument("--levels", default="clean,mild,moderate,hard")
    ap.add_argument("--engines", default="sohoa,tesseract")
    ap.add_argument("--timeout", type=float, default=180.0)
    args = ap.parse_args(argv)
    levels, engines = args.levels.split(","), args.engines.split(",")
    options = QualityOptions()
    rows = []
    with tempfile.TemporaryDirectory(prefix="sohoa-cut-") as tmp:
        work = Path(tmp)
        for level in levels:
            for i in range(args.per_level):
                spec = render_specimen(args.seed_base + i, level)
                image = np.asarray(spec.image.convert("RGB"))
                dpi = spec.meta["declared_dpi"]
                whole = assess_page(image, dpi, options).metrics.get("cut_sides", [])
                rows.append({"level": level, "cut": "none", "flagged": whole, "read": {}})
                for side, cut in CUTS.items():
                    part = np.ascontiguousarray(cut(image))
                    flagged = assess_page(part, dpi, options).metrics.get("cut_sides", [])
                    path = work / f"{level}-{i}-{side}.png"
                    Image.fromarray(part).save(path, dpi=(dpi, dpi) if dpi else None)
                    read = {}
                    for engine in engines:
                        if engine == "sohoa":
                            text = run_sohoa(path, args.timeout, work)[0]
                        else:
                            text = run_tesseract(path, args.timeout)[0]
                        read[engine] = lines_read(text, spec.text)
                    rows.append({"level": level, "cut": side, "flagged": flagged, "read": read})
                    print(f"{level}-{i} {side}: gate {flagged} lines {read}", flush=True)
    print(report(rows, levels, engines))
    return 0


def report(rows: list[dict], levels: list[str], engines: list[str]) -> str:
    out = ["", "gate: cut pages answered cut_off with the right side | whole pages warned"]
    for level in levels:
        cells = []
        for side in CUTS:
            got = [r for r in rows if r["level"] == level and r["cut"] == side]
            cells.append(f"{side} {sum(side in r['flagged'] for r in got)}/{len(got)}")
        whole = [r for r in rows if r["level"] == level and r["cut"] == "none"]
        cells.append(f"| whole pages warned {sum(bool(r['flagged']) for r in whole)}/{len(whole)}")
        out.append(f"  {level:9} " + "  ".join(cells))
    cut = [r for r in rows if r["cut"] != "none"]
    whole = [r for r in rows if r["cut"] == "none"]
    out.append(
        f"  all: cut pages flagged {sum(r['cut'] in r['flagged'] for r in cut)}/{len(cut)}, "
        f"whole pages warned {sum(bool(r['flagged']) for r in whole)}/{len(whole)}"
    )
    out += ["", "lines of the paper read from the cut pages (ratio to plain Tesseract last)"]
    for level in levels:
        got = [r for r in cut if r["level"] == level]
        sums = {e: sum(r["read"].get(e, 0) for r in got) for e in engines}
        cells = [f"{e} {sums[e]}" for e in engines]
        if "tesseract" in sums and "sohoa" in sums and sums["tesseract"]:
            cells.append(f"sohoa/tesseract {sums['sohoa'] / sums['tesseract']:.2f}")
        out.append(f"  {level:9} " + "  ".join(cells))
    return "\n".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
