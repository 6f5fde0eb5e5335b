"""The searchable PDF is PDF/A-2b (ISO 19005-2, TCVN 14159-1:2024), as veraPDF judges it; a
file holding a page made elsewhere that cannot be PDF/A as it is does not claim to be."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from api.samples import write_pdf, write_text_pdf
from ingest import iter_pages
from ocr.pipeline import OcrOptions, ocr_to_pdf
from tests.signing.pdfs import result_pdf
from tests.utils.scans import PAGES, id_card_scan
from tests.utils.verapdf import validate_2b

PDF = "application/pdf"


def _searchable(src: Path, tmp: Path) -> Path:
    out = tmp / f"{src.stem}-searchable.pdf"
    work = tmp / src.stem
    work.mkdir()
    ocr_to_pdf(iter_pages(src, PDF), out, work, OcrOptions())
    return out


def _claims(pdf: Path) -> str:
    with pikepdf.open(pdf) as doc:
        return str(doc.open_metadata().pdfa_status)


@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[str]]]:
    tmp = tmp_path_factory.mktemp("pdfa")
    scans = write_pdf(tmp / "scans.pdf", PAGES, 200)  # three grey pages
    colour = tmp / "colour.pdf"
    Image.fromarray(id_card_scan()).save(colour, resolution=300.0)  # a colour card
    made = write_text_pdf(tmp / "made.pdf", [PAGES[0]])  # fonts embedded
    helvetica = tmp / "helvetica.pdf"
    helvetica.write_bytes(result_pdf())  # Helvetica, not embedded
    outs = {
        name: _searchable(src, tmp)
        for name, src in (
            ("scans", scans),
            ("colour", colour),
            ("made", made),
            ("helvetica", helvetica),
        )
    }
    failed = validate_2b(*outs.values())
    return {name: (out, failed[out]) for name, out in outs.items()}


@pytest.mark.parametrize("name", ["scans", "colour", "made"])
def test_searchable_pdf_is_pdfa_2b(judged: dict[str, tuple[Path, list[str]]], name: str) -> None:
    out, failed = judged[name]
    assert _claims(out) == "2B"
    assert failed == [], f"veraPDF: rules failed {failed}"


def test_a_page_with_fonts_it_does_not_carry_is_not_claimed_pdfa(
    judged: dict[str, tuple[Path, list[str]]],
) -> None:
    # An agency system's export in Helvetica without the font: kept as it is (its text is
    # exact), so the file is not PDF/A, and does not say it is.
    out, failed = judged["helvetica"]
    assert _claims(out) == ""
    assert failed  # veraPDF agrees it is not
