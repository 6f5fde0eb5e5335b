"""Shapes of the keys the warehouse is indexed by: owner IDs, agency codes, dossier codes.

Only the shape is checked here (the archive accepts what the law says a key looks like);
the deeper check of a citizen ID against a birth date read from a paper lives in ``ocr.fields``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from .errors import InvalidCentreCode, InvalidOwnerId

OwnerKind = Literal["citizen", "organisation"]

_CITIZEN_ID = re.compile(r"^\d{12}$")
_TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")
# Circular 01/2018/TT-VPCP Art. 19 and QCVN 102:2016: V1V2V3.Z1Z2.Y1Y2.MX1X2
_AGENCY_CODE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")
DOSSIER_CODE = re.compile(r"^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(\d{6})-(\d{4})$")


def owner_kind(owner_id: str) -> OwnerKind:
    """Tell a citizen's 12-digit ID from an organisation's tax code, or refuse."""
    value = owner_id.strip()
    if _CITIZEN_ID.match(value):
        return "citizen"
    if _TAX_CODE.match(value):
        return "organisation"
    raise InvalidOwnerId(value)


def check_agency_code(code: str) -> str:
    if not _AGENCY_CODE.match(code):
        raise InvalidCentreCode(code)
    return code


def format_dossier_code(agency_code: str, received: date, number: int) -> str:
    """``000.00.01.H29-261123-0001``: agency, day received (YYMMDD), running number that day."""
    check_agency_code(agency_code)
    if not 1 <= number <= 9999:
        raise ValueError(f"running number {number} out of 1..9999")
    return f"{agency_code}-{received:%y%m%d}-{number:04d}"
