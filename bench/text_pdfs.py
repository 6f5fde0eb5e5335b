"""PDFs made on a computer: sohoa takes a page's own text; before, it read the page's picture.

    OMP_THREAD_LIMIT=1 .venv/bin/python bench/text_pdfs.py [--pages 20] [--seed-base 5000]

Each page is a synthetic paper's text (``ocr.synthetic``, clean level, all document types)
typed into an A4 PDF with a Unicode font (DejaVu, Liberation, Noto in turn), as Word or a
public service portal makes it. Per route, on the same files in the same run: CER
(Levenshtein on NFC, whitespace-collapsed text) against the typed text, the 12-digit ID
found exactly, and seconds per page (the searchable PDF written in each case):

- sohoa: ``ocr_to_pdf(iter_pages(...))`` as the worker runs it (the page's own text);
- sohoa reading the picture: the same with ``iter_pages(..., text_layers=False)``, which is
  what the worker did before (render at 300 dpi, prepare, OCR);
- OCRmyPDF ``--skip-text`` (one job), its output's text taken with ``pdftotext``: how an
  OCRmyPDF user keeps the text of such pages.

Ratios last.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fpdf import FPDF

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ocr_quality import CHILD_ENV, cer, id_found  # noqa: E402

from ingest import iter_pages  # noqa: E402
from ocr.pipeline import OcrOptions, ocr_to_pdf  # noqa: E402
from ocr.synthetic import DOC_TYPES, render_specimen  # noqa: E402

FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
)
PDF = "application/pdf"
ROUTES = ("sohoa", "sohoa reading the picture", "ocrmypdf --skip-text")


def write_paper(path: Path, text: str, font: str) -> None:
    pdf = FPDF(format="A4")
    pdf.add_font("body", "", font)
    pdf.add_page()
    pdf.set_font("body", size=12)
    for line in text.split("\n"):
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def run_sohoa(path: Path, work: Path, text_layers: bool) -> tuple[str, float]:
    t = time.perf_counter()
    pages = iter_pages(path, PDF, 300, text_layers=text_layers)
    results = ocr_to_pdf(pages, work / "sohoa.pdf", work, OcrOptions())
    return "\n".join(r.text for r in results), time.perf_counter() - t


def run_ocrmypdf(path: Path, work: Path) -> tuple[str, float]:
    out = work / "ocrmypdf.pdf"
    exe = Path(sys.executable).with_name("ocrmypdf")
    t = time.perf_counter()
    subprocess.run(
        [str(exe), "-l", "vie", "--skip-text", "--jobs", "1", "--quiet", str(path), str(out)],
        capture_output=True,
        timeout=300,
        env=CHILD_ENV,
        check=False,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, timeout=60, check=False
    ).stdout.decode("utf-8", "replace")
    return text, time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--seed-base", type=int, default=5000)
    args = ap.parse_args(argv)
    rows: dict[str, list[tuple[float, bool, float]]] = {r: [] for r in ROUTES}
    with tempfile.TemporaryDirectory(prefix="sohoa-textpdf-") as tmp:
        work = Path(tmp)
        for n in range(args.pages):
            spec = render_specimen(args.seed_base + n, "clean", DOC_TYPES[n % len(DOC_TYPES)])
            paper = work / f"paper-{n:03d}.pdf"
            write_paper(paper, spec.text, FONTS[n % len(FONTS)])
            id_number = spec.fields.get("so_dinh_danh", "")
            for route in ROUTES:
                if route == "sohoa":
                    text, secs = run_sohoa(paper, work, True)
                elif route == "sohoa reading the picture":
                    text, secs = run_sohoa(paper, work, False)
                else:
                    text, secs = run_ocrmypdf(paper, work)
                rows[route].append((cer(text, spec.text), id_found(text, id_number), secs))
            sys.stderr.write(f"[{n + 1}/{args.pages}] {paper.name} {spec.doc_type}\n")
    print(
        f"{'route':28s} {'pages':>5s} {'CER med':>8s} {'CER mean':>8s} {'ID ok':>7s} {'s/page':>7s}"
    )
    for route, got in rows.items():
        cers, ids, secs = [g[0] for g in got], [g[1] for g in got], [g[2] for g in got]
        print(
            f"{route:28s} {len(got):5d} {statistics.median(cers):8.4f} "
            f"{statistics.mean(cers):8.4f} {sum(ids):3d}/{len(ids):<3d} {statistics.mean(secs):7.2f}"
        )
    mine = statistics.mean(g[2] for g in rows["sohoa"])
    print("\nratios (time of the other route ÷ sohoa's, same pages)")
    for route in ROUTES[1:]:
        print(f"  {route:28s} {statistics.mean(g[2] for g in rows[route]) / mine:6.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
