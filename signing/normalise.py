"""Make an incoming PDF signable, or say precisely why it is not.

pyHanko's strict parser rejects PDFs that viewers open happily: scanner drivers and Pillow
write ``0 65536 f`` xref entries ("Illegal generation 65536"), some tools write hybrid xrefs.
An unsigned file like that is rewritten by qpdf (through pikepdf) into a clean one. A file
that already carries signatures is never rewritten (that would break them): it is signed
incrementally with pyHanko's lenient reader instead. Encrypted and broken files are refused
with a typed 4xx error.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader

from signing.errors import NotAPdf, PdfDamaged, PdfEncrypted

__all__ = ["PreparedPdf", "open_reader", "prepare_for_signing"]

_HEADER_WINDOW = 1024  # PDF readers accept junk before %PDF- within the first KiB
# what pyHanko's reader raises on a malformed file (besides its own PdfError)
_PARSE_ERRORS = (
    PdfError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    AssertionError,  # pyHanko asserts on some malformed xref streams
)


@dataclass(frozen=True)
class PreparedPdf:
    """A PDF ready for an incremental signature."""

    data: bytes
    strict: bool
    """Whether pyHanko's strict parser accepts :attr:`data` (else sign in lenient mode)."""
    rewritten: bool
    """The input was rewritten by qpdf (only ever when it carried no signature)."""
    signature_count: int


def _check_header(pdf: bytes) -> None:
    if not pdf:
        raise NotAPdf("empty file")
    if b"%PDF-" not in pdf[:_HEADER_WINDOW]:
        raise NotAPdf("no %PDF- header in the first KiB")


def _read(pdf: bytes, *, strict: bool) -> PdfFileReader:
    """A reader whose catalogue and page tree were touched, so lazy parse errors surface."""
    reader = PdfFileReader(BytesIO(pdf), strict=strict)
    if reader.encrypted:
        raise PdfEncrypted("the PDF has an /Encrypt dictionary")
    pages = reader.root["/Pages"]
    if int(pages["/Count"]) < 1:
        raise PdfDamaged("the PDF has no pages")
    return reader


def open_reader(pdf: bytes) -> tuple[PdfFileReader, bool]:
    """A reader for verification: strict if possible, lenient otherwise; ``(reader, strict)``."""
    _check_header(pdf)
    try:
        return _read(pdf, strict=True), True
    except PdfEncrypted:
        raise
    except _PARSE_ERRORS:
        pass
    try:
        return _read(pdf, strict=False), False
    except PdfEncrypted:
        raise
    except _PARSE_ERRORS as e:
        raise PdfDamaged(f"{type(e).__name__}: {e}") from e


def _rewrite(pdf: bytes) -> bytes:
    import pikepdf

    try:
        with pikepdf.open(BytesIO(pdf)) as doc:
            if doc.is_encrypted:
                raise PdfEncrypted("the PDF is encrypted")
            if len(doc.pages) < 1:
                raise PdfDamaged("the PDF has no pages")
            out = BytesIO()
            # keep the content as it is; only the file structure is rebuilt
            doc.save(out, object_stream_mode=pikepdf.ObjectStreamMode.preserve)
            return out.getvalue()
    except pikepdf.PasswordError as e:
        raise PdfEncrypted("the PDF needs a password") from e
    except (pikepdf.PdfError, ValueError, RuntimeError) as e:
        raise PdfDamaged(f"qpdf cannot repair it: {e}") from e


def prepare_for_signing(pdf: bytes) -> PreparedPdf:
    """Return the PDF to sign: as is when pyHanko accepts it strictly; as is but lenient when
    it is already signed; rewritten by qpdf otherwise."""
    _check_header(pdf)
    try:
        reader = _read(pdf, strict=True)
        if not reader.xrefs.hybrid_xrefs_present:
            return PreparedPdf(pdf, True, False, len(reader.embedded_signatures))
    except PdfEncrypted:
        raise
    except _PARSE_ERRORS:
        pass
    try:
        lenient = _read(pdf, strict=False)
        signed = len(lenient.embedded_signatures)
    except PdfEncrypted:
        raise
    except _PARSE_ERRORS:
        signed = 0
    if signed:
        return PreparedPdf(pdf, False, False, signed)
    fixed = _rewrite(pdf)
    try:
        _read(fixed, strict=True)
    except PdfEncrypted:
        raise
    except _PARSE_ERRORS as e:
        raise PdfDamaged(f"still unreadable after a qpdf rewrite: {e}") from e
    return PreparedPdf(fixed, True, True, 0)
