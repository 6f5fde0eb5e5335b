"""The bad inputs a counter actually sees, each paired with the error code it must get."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.constants import UserAccessPermissions

from .scans import PAGES, png_bytes, write_pdf


def empty(d: Path) -> Path:
    p = d / "empty.pdf"
    p.write_bytes(b"")
    return p


def executable_named_pdf(d: Path) -> Path:
    p = d / "scan.pdf"
    p.write_bytes(Path("/bin/true").read_bytes())
    return p


def text_file(d: Path) -> Path:
    p = d / "notes.txt"
    p.write_text("Đây là một tệp văn bản, không phải bản quét.\n" * 20, encoding="utf-8")
    return p


def truncated_pdf(d: Path) -> Path:
    full = write_pdf(d / "full.pdf", [PAGES[0], PAGES[1]])
    data = full.read_bytes()
    p = d / "truncated.pdf"
    p.write_bytes(data[: len(data) // 2])
    return p


def encrypted_pdf(d: Path) -> Path:
    src = write_pdf(d / "plain.pdf", [PAGES[0]])
    writer = PdfWriter()
    for page in PdfReader(src).pages:
        writer.add_page(page)
    writer.encrypt(user_password="mat-khau", owner_password="chu-so-huu", algorithm="AES-256")
    p = d / "encrypted.pdf"
    with p.open("wb") as fh:
        writer.write(fh)
    return p


def protect(src: Path, out: Path) -> Path:
    """``src`` encrypted with an owner password only, printing allowed and changes not, as
    portals protect the e-certificates they issue: it opens without a password."""
    writer = PdfWriter()
    for page in PdfReader(src).pages:
        writer.add_page(page)
    writer.encrypt(
        user_password="",
        owner_password="chu-so-huu",
        algorithm="AES-256",
        permissions_flag=UserAccessPermissions.PRINT,
    )
    with out.open("wb") as fh:
        writer.write(fh)
    return out


def bomb_png(d: Path) -> Path:
    p = d / "bomb.png"
    p.write_bytes(png_bytes(30000, 30000))
    return p


def oversized(d: Path, limit: int) -> Path:
    # A real JPEG header followed by padding: big, and of an accepted type.
    p = d / "huge.jpg"
    with p.open("wb") as fh:
        fh.write(b"\xff\xd8\xff\xe0" + b"\x00" * (limit + 1024))
    return p


def too_many_pages(d: Path, limit: int) -> Path:
    return write_pdf(d / "many.pdf", [["Trang"]] * (limit + 1), dpi=50)


# (factory, expected code); factories taking a limit get it from the test.
SIMPLE_CASES = {
    "empty": (empty, "empty_file"),
    "executable_renamed_pdf": (executable_named_pdf, "unsupported_file_type"),
    "text_file": (text_file, "unsupported_file_type"),
    "truncated_pdf": (truncated_pdf, "damaged_file"),
    "encrypted_pdf": (encrypted_pdf, "encrypted_pdf"),
    "bomb_png": (bomb_png, "page_too_large"),
}
