"""The synthetic scan generator: its contract is used by the classifier's training."""

from __future__ import annotations

import random
import unicodedata

import numpy as np
import pytest

from ocr.synthetic import (
    DOC_TYPES,
    LEVELS,
    UNREADABLE_KINDS,
    make_content,
    render_specimen,
    render_unreadable,
)
from ocr.synthetic.people import OTHER_PROVINCES, PROVINCES

PROVINCE_CODES = {p[0] for p in PROVINCES} | {p[0] for p in OTHER_PROVINCES}


def _id_matches_birth(id_number: str, birth: str) -> bool:
    year = int(birth[-4:])
    digit = int(id_number[3])
    century = 1900 + 100 * (digit // 2)
    return century <= year < century + 100 and id_number[4:6] == f"{year % 100:02d}"


@pytest.mark.parametrize("doc_type", DOC_TYPES)
def test_every_type_has_valid_fields_and_varied_wording(doc_type: str) -> None:
    titles = set()
    for seed in range(12):
        content = make_content(random.Random(seed), doc_type)
        f = content.fields
        assert len(f["so_dinh_danh"]) == 12 and f["so_dinh_danh"].isdigit()
        assert f["so_dinh_danh"][:3] in PROVINCE_CODES
        assert _id_matches_birth(f["so_dinh_danh"], f["ngay_sinh"])
        assert f["ngay_sinh"][2] == "/" and f["ngay_sinh"][5] == "/"
        if "so_cmnd" in f:
            assert len(f["so_cmnd"]) == 9 and f["so_cmnd"].isdigit()
        text = content.text
        assert f["so_dinh_danh"] in text
        assert unicodedata.is_normalized("NFC", text)
        assert any(line.role == "field" or line.role == "para" for line in content.lines)
        heads = tuple(line.text for line in content.body if line.role in ("title", "heading"))
        titles.add((content.title, heads, tuple(line.label for line in content.body if line.label)))
    # Several wordings/layouts per type, not one template.
    assert len(titles) >= 3


def test_specimen_is_deterministic_and_carries_ground_truth() -> None:
    a = render_specimen(3, "clean", "giay_khai_sinh")
    b = render_specimen(3, "clean", "giay_khai_sinh")
    assert a.text == b.text and a.fields == b.fields
    assert np.array_equal(np.asarray(a.image), np.asarray(b.image))
    assert a.image.mode == "RGB" and a.dpi == 300
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in a.text
    assert a.fields["so_dinh_danh"] in a.text
    assert unicodedata.is_normalized("NFC", a.text)


def test_hard_level_degrades_geometry_and_resolution() -> None:
    seen_rot, seen_lowres, seen_phone = set(), False, False
    for seed in range(6):
        s = render_specimen(seed, "hard")
        seen_rot.add(s.meta["rotation"])
        seen_lowres |= s.dpi < 200
        seen_phone |= s.meta["source"] == "phone"
        assert abs(s.meta["skew"]) <= 15.0
    assert len(seen_rot) >= 2 and seen_lowres and seen_phone
    assert LEVELS == ("clean", "mild", "moderate", "hard")


@pytest.mark.parametrize("kind", UNREADABLE_KINDS)
def test_unreadable_pages(kind: str) -> None:
    s = render_unreadable(1, kind)
    assert s.level == "unreadable" and s.meta["kind"] == kind
    assert s.meta["expected"] == ("blank" if kind == "blank" else "reject")
    if kind == "low_dpi":
        assert s.dpi <= 75
    if kind == "blank":
        assert s.text == ""
