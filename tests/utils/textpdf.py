"""PDFs made on a computer (text as text, not a picture of it), as an e-certificate
downloaded from a portal or a form saved from Word is."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from fpdf import FPDF
from fpdf.enums import TextMode
from PIL import Image

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def write_text_pdf(
    path: Path,
    pages: list[list[str]],
    invisible: bool = False,
    picture: tuple[np.ndarray, float] | None = None,
) -> Path:
    """One A4 page of text lines per item of ``pages`` (DejaVu Serif 13 pt).

    ``invisible``: the text is laid out but not shown, as an OCR layer is. ``picture``: an
    image laid on every page at the top right, ``width_mm`` wide."""
    pdf = FPDF(format="A4")
    pdf.add_font("serif", "", str(FONT))
    for lines in pages:
        pdf.add_page()
        pdf.set_font("serif", size=13)
        if picture is not None:
            image, width_mm = picture
            pdf.image(Image.fromarray(image), x=200 - width_mm, y=60, w=width_mm)
        if invisible:
            pdf.text_mode = TextMode.INVISIBLE  # laid out, not painted
        for line in lines:
            pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path
