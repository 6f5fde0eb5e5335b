"""Synthetic Vietnamese administrative scans with ground truth, for tests and benchmarks.

``render_specimen(seed, level, doc_type)`` is deterministic: the same arguments give the same
page, text and fields on every machine with the same fonts. The classification work trains on
this; keep the interface stable.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PIL import Image

from ..classify.types import DOC_TYPES as _CLASSIFIER_TYPES
from ..classify.types import UNKNOWN as _UNKNOWN
from . import admin, civil
from .cards import render_card, render_diploma
from .content import DocumentContent, Line, Signer
from .degrade import LEVEL_SPECS, degrade
from .layout import Canvas, Overflow, Style, render_page
from .unreadable import UNREADABLE_KINDS, spoil

LEVELS = ("clean", "mild", "moderate", "hard")
# Every known type code but "unknown": one list, owned by the classifier.
DOC_TYPES = tuple(t for t in _CLASSIFIER_TYPES if t != _UNKNOWN)

_BUILDERS: dict[str, Callable[[random.Random], DocumentContent]] = {
    "giay_khai_sinh": civil.birth_certificate,
    "giay_chung_nhan_ket_hon": civil.marriage_certificate,
    "giay_xac_nhan_tinh_trang_hon_nhan": civil.marital_status,
    "trich_luc_khai_tu": civil.death_extract,
    "can_cuoc": admin.id_card,
    "xac_nhan_cu_tru": admin.residence,
    "giay_chung_nhan_dang_ky_doanh_nghiep": admin.enterprise,
    "giay_chung_nhan_dang_ky_ho_kinh_doanh": admin.household_business,
    "giay_chung_nhan_quyen_su_dung_dat": admin.land_certificate,
    "giay_phep_xay_dung": admin.building_permit,
    "giay_uy_quyen": admin.power_of_attorney,
    "phieu_ly_lich_tu_phap": civil.judicial_record,
    "to_khai": admin.application_form,
    "bang_tot_nghiep": admin.diploma,
}


@dataclass(frozen=True)
class Specimen:
    doc_type: str
    level: str
    seed: int
    image: Image.Image
    """RGB, as the counter's scanner or phone produced it."""
    dpi: int
    """Effective dpi of the scan: pixels per inch of paper."""
    text: str
    """Ground truth: NFC, reading order, lines joined by newlines."""
    fields: dict[str, str]
    """so_dinh_danh, ho_ten, ngay_sinh (DD/MM/YYYY), and per type ma_so_doanh_nghiep,
    so_ky_hieu, ngay_cap, co_quan_cap, thoi_han, so_cmnd where the paper has them."""
    meta: dict[str, Any] = field(default_factory=dict)
    """How it was made: source (flatbed/phone), declared_dpi (what the file says: phones write
    72), rotation (quarter turn counter-clockwise), skew (degrees), blur, jpeg, kind..."""


def make_content(rng: random.Random, doc_type: str) -> DocumentContent:
    """What a paper of ``doc_type`` says: lines with roles and the true fields."""
    try:
        builder = _BUILDERS[doc_type]
    except KeyError:
        raise ValueError(f"unknown doc_type {doc_type!r}; one of {DOC_TYPES}") from None
    return builder(rng)


def _lay_out(rng: random.Random, content: DocumentContent) -> Canvas:
    render = {"card": render_card, "diploma": render_diploma}.get(content.form, render_page)
    style = Style.draw(rng)
    for _attempt in range(6):
        try:
            return render(rng, content, style)
        except Overflow:
            style.size *= 0.92
            style.spacing = max(1.15, style.spacing * 0.95)
    raise RuntimeError(f"{content.doc_type}: content does not fit the page")


def _nfc(lines: list[str]) -> str:
    return unicodedata.normalize("NFC", "\n".join(s.strip() for s in lines if s.strip()))


def _rng(*parts: object) -> random.Random:
    return random.Random(":".join(str(p) for p in ("sohoa-synthetic", *parts)))


def render_specimen(seed: int, level: str, doc_type: str | None = None) -> Specimen:
    """One synthetic scan of a paper at a degradation level."""
    if level not in LEVEL_SPECS:
        raise ValueError(f"unknown level {level!r}; one of {LEVELS}")
    rng = _rng(seed, level, doc_type)
    doc_type = doc_type or rng.choice(DOC_TYPES)
    content = make_content(rng, doc_type)
    canvas = _lay_out(rng, content)
    capture = degrade(rng, canvas.image, level)
    meta = dict(capture.meta, declared_dpi=capture.declared_dpi, form=content.form)
    return Specimen(
        doc_type,
        level,
        seed,
        capture.image,
        capture.dpi,
        _nfc(canvas.gt),
        dict(content.fields),
        meta,
    )


def render_master(seed: int, doc_type: str | None = None) -> Specimen:
    """The paper itself before any capture: colour, 300 dpi, straight (level "master")."""
    rng = _rng(seed, "master", doc_type)
    doc_type = doc_type or rng.choice(DOC_TYPES)
    content = make_content(rng, doc_type)
    canvas = _lay_out(rng, content)
    meta = {
        "level": "master",
        "source": "none",
        "declared_dpi": 300,
        "rotation": 0,
        "skew": 0.0,
        "form": content.form,
        "seals": canvas.seals,
    }
    return Specimen(
        doc_type, "master", seed, canvas.image, 300, _nfc(canvas.gt), dict(content.fields), meta
    )


CARD_PX = (1011, 638)
"""An ID-1 card (85.6 x 54 mm) at 300 dpi."""


def render_card_front(seed: int) -> Specimen:
    """The front of the citizen ID card of ``render_master(seed, "can_cuoc")`` scanned alone
    at its real size at 300 dpi, as a scanner that crops to the card leaves it (with a
    sliver of the scanner's lid round the rounded corners). Its text is the front's."""
    rng = _rng(seed, "master", "can_cuoc")
    content = make_content(rng, "can_cuoc")
    canvas = _lay_out(rng, content)
    (x, y, w, h), start, end = canvas.parts["front"]
    card = canvas.image.crop((x, y, x + w + 1, y + h + 1)).resize(CARD_PX, Image.LANCZOS)
    meta = {"level": "card", "source": "flatbed", "declared_dpi": 300, "form": content.form}
    return Specimen(
        "can_cuoc", "card", seed, card, 300, _nfc(canvas.gt[start:end]), dict(content.fields), meta
    )


def render_unreadable(seed: int, kind: str) -> Specimen:
    """A page a clerk must rescan (``kind`` in UNREADABLE_KINDS); ``blank`` must be flagged."""
    if kind not in UNREADABLE_KINDS:
        raise ValueError(f"unknown kind {kind!r}; one of {UNREADABLE_KINDS}")
    rng = _rng(seed, "unreadable", kind)
    doc_type = rng.choice(DOC_TYPES)
    content = make_content(rng, doc_type)
    canvas = _lay_out(rng, content)
    image, dpi, meta = spoil(rng, canvas.image, kind)
    text = "" if kind == "blank" else _nfc(canvas.gt)
    fields = {} if kind == "blank" else dict(content.fields)
    meta = dict(meta, declared_dpi=dpi, level="unreadable", source="flatbed")
    return Specimen(doc_type, "unreadable", seed, image, dpi, text, fields, meta)


__all__ = [
    "DOC_TYPES",
    "LEVELS",
    "UNREADABLE_KINDS",
    "DocumentContent",
    "Line",
    "Signer",
    "Specimen",
    "make_content",
    "render_card_front",
    "render_master",
    "render_specimen",
    "render_unreadable",
]
