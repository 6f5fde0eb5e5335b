from __future__ import annotations

from datetime import date

import pytest

from archive.errors import InvalidCentreCode, InvalidOwnerId
from archive.identifiers import DOSSIER_CODE, format_dossier_code, owner_kind


def test_dossier_code_shape() -> None:
    code = format_dossier_code("000.00.01.H29", date(2026, 11, 23), 7)
    assert code == "000.00.01.H29-261123-0007"
    assert DOSSIER_CODE.match(code)


@pytest.mark.parametrize("agency", ["H29", "000.00.01", "000.0.01.H29", "000.00.01.h29"])
def test_bad_agency_code_refused(agency: str) -> None:
    with pytest.raises(InvalidCentreCode):
        format_dossier_code(agency, date(2026, 1, 1), 1)


@pytest.mark.parametrize(
    ("owner_id", "kind"),
    [
        ("001190012345", "citizen"),
        ("0101234567", "organisation"),
        ("0101234567-001", "organisation"),
    ],
)
def test_owner_kinds(owner_id: str, kind: str) -> None:
    assert owner_kind(owner_id) == kind


@pytest.mark.parametrize("owner_id", ["", "12345", "123456789", "00119001234X", "0101234567-01"])
def test_bad_owner_ids(owner_id: str) -> None:
    # A 9-digit old CMND is not a warehouse key: the owner is keyed by the 12-digit ID.
    with pytest.raises(InvalidOwnerId):
        owner_kind(owner_id)
