"""Fields read from a paper's OCR text: identity numbers, names, dates, issue details.

``extract_fields(text, doc_type)`` is the entry point; the validators (``validate_citizen_id``,
``validate_tax_code``), the date reader (``find_dates``) and ``fold`` (accent-insensitive
form for search) are public too.
"""

from __future__ import annotations

from .dates import DateMatch, find_dates, parse_date
from .extract import EXPECTED, ExtractedField, ExtractedFields, extract_fields
from .ids import IdCheck, validate_citizen_id, validate_tax_code
from .names import NameMatch, extract_ho_ten, find_names
from .provinces import PROVINCE_CODES, province_name
from .text import fold, nfc

__all__ = [
    "EXPECTED",
    "PROVINCE_CODES",
    "DateMatch",
    "ExtractedField",
    "ExtractedFields",
    "IdCheck",
    "NameMatch",
    "extract_fields",
    "extract_ho_ten",
    "find_dates",
    "find_names",
    "fold",
    "nfc",
    "parse_date",
    "province_name",
    "validate_citizen_id",
    "validate_tax_code",
]
