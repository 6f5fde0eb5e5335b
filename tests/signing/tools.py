"""poppler (pdfsig, pdftotext, pdftoppm) as independent checks, and small PDF surgeries an
attacker would do (each an incremental update written with pyHanko's writer)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter


def pdfsig(pdf: Path) -> list[dict[str, str]]:
    """One dict per signature poppler lists: common name, validation line, coverage."""
    out = subprocess.run(
        ["pdfsig", str(pdf)], capture_output=True, text=True, timeout=60, check=False
    ).stdout
    sigs: list[dict[str, str]] = []
    for block in re.split(r"^Signature #\d+:$", out, flags=re.M)[1:]:
        entry = {"total": str("Total document signed" in block)}
        for key, pattern in (
            ("name", r"Signer Certificate Common Name: (.*)"),
            ("validation", r"Signature Validation: (.*)"),
        ):
            m = re.search(pattern, block)
            entry[key] = m.group(1).strip() if m else ""
        sigs.append(entry)
    return sigs


def words_with_boxes(pdf: Path) -> list[tuple[str, float, float, float, float]]:
    """pdftotext -bbox: (word, xMin, yMin, xMax, yMax) on page 1, y measured from the top."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    words = []
    for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        html,
    ):
        x1, y1, x2, y2, w = m.groups()
        words.append((w, float(x1), float(y1), float(x2), float(y2)))
    return words


def render(pdf: Path, out_prefix: Path, dpi: int = 100) -> Path:
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", str(pdf), str(out_prefix)],
        check=True,
        timeout=60,
    )
    return next(out_prefix.parent.glob(out_prefix.name + "*.png"))


def incremental(pdf: bytes, change: Callable[[IncrementalPdfFileWriter], None]) -> bytes:
    """Apply ``change(writer)`` as one incremental update."""
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    change(writer)
    out = BytesIO(pdf)
    out.seek(0, 2)
    writer.write(out)
    return out.getvalue()


def add_page(writer: IncrementalPdfFileWriter) -> None:
    content = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 18 Tf 72 700 Td (TRANG GIA MAO) Tj ET")
    )
    page = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Page"),
            generic.pdf_name("/MediaBox"): generic.ArrayObject(
                [generic.NumberObject(v) for v in (0, 0, 595, 842)]
            ),
            generic.pdf_name("/Contents"): content,
            generic.pdf_name("/Resources"): generic.DictionaryObject(),
        }
    )
    writer.insert_page(page)


def remove_signature_fields(writer: IncrementalPdfFileWriter) -> None:
    """Drop every signature field from the form and its widget from page 1."""
    acroform = writer.root["/AcroForm"]
    acroform["/Fields"] = generic.ArrayObject()
    writer.update_container(acroform)
    page_ref, _ = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    page["/Annots"] = generic.ArrayObject()
    writer.update_container(page)


def foreign_root(directory: Path, name: str = "foreign-root") -> Path:
    """A self-signed CA that has nothing to do with the dev PKI (PEM file)."""
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    path = directory / f"{name}.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path
