"""Small PDFs the signing tests and the benchmark sign: a clean result, a Pillow scan."""

from __future__ import annotations

from io import BytesIO

import pikepdf
from PIL import Image, ImageDraw

MARKER = b"KET QUA GIAI QUYET THU TUC HANH CHINH"
"""Text in the (uncompressed) page content of :func:`result_pdf`: tests flip a byte in it."""


def result_pdf(pages: int = 1) -> bytes:
    """An A4 result document as an agency system would export it (uncompressed content)."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    for n in range(pages):
        body = (
            b"BT /F1 16 Tf 72 640 Td (" + MARKER + b") Tj ET\n"
            b"BT /F1 11 Tf 72 610 Td (Ho so 000.00.01.H29-261123-0001, trang %d) Tj ET\n" % (n + 1)
        )
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, 595, 842],
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
            Contents=pdf.make_stream(body),
        )
        pdf.pages.append(pikepdf.Page(page))
    out = BytesIO()
    pdf.save(out, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()


def pillow_pdf() -> bytes:
    """A scan as Pillow writes it (200 dpi A4): pyHanko's strict parser rejects its xref."""
    img = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(img)
    draw.rectangle((150, 300, 1500, 420), outline=0, width=4)
    draw.text((180, 340), "GIAY KHAI SINH - ban quet", fill=0)
    out = BytesIO()
    img.save(out, format="PDF", resolution=200)
    return out.getvalue()
