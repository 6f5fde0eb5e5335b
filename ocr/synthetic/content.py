"""What a synthetic paper says: lines with roles, and the fields a reader must recover.

The renderer decides where each line goes; the text here is only wording. Every type has
several wordings (titles, labels, optional sections) so a classifier or an OCR stage cannot
learn one template.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from .people import Person, fmt_date, fmt_numeric, pick_province, random_date

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")

ROLES = (
    "agency",  # issuing body, top left, upper case
    "number",  # "Số: 12/2021/QĐ-UBND"
    "motto",  # the national header, two lines
    "place_date",  # "Hà Nội, ngày 05 tháng 3 năm 2021"
    "title",  # the paper's name, bold, centred
    "subtitle",  # under the title: "(Bản chính)", "Mẫu CT07"
    "field",  # "label: value"
    "para",  # running text, wrapped by the renderer
    "heading",  # a numbered section heading inside the body
    "table_head",  # header row of a table (cells)
    "table_row",  # a table row (cells)
    "signer_title",  # "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH"
    "signer_name",  # the signer's printed name
    "note",  # small print, italic
)


@dataclass(frozen=True)
class Line:
    role: str
    text: str
    label: str = ""
    value: str = ""
    cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class Signer:
    title: tuple[str, ...]
    """Capacity lines above the signature, e.g. ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")."""
    name: str
    note: str = ""
    """Small print under the capacity, e.g. "(Ký, ghi rõ họ tên)"."""
    sealed: bool = True


@dataclass(frozen=True)
class DocumentContent:
    doc_type: str
    agency: tuple[str, ...]
    number: str
    place_date: str
    title: tuple[str, ...]
    body: tuple[Line, ...]
    signers: tuple[Signer, ...]
    fields: dict[str, str]
    seal_text: str = ""
    motto: tuple[str, str] = MOTTO
    form: str = "page"
    """"page" (A4 portrait), "card" (ID card photocopy), "diploma" (A4 landscape, framed)."""
    paper: str = "white"
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def lines(self) -> tuple[Line, ...]:
        """All lines with their roles in a canonical reading order."""
        out = [Line("agency", t) for t in self.agency]
        if self.number:
            out.append(Line("number", self.number))
        out += [Line("motto", t) for t in self.motto]
        if self.place_date:
            out.append(Line("place_date", self.place_date))
        out += [Line("title", t) for t in self.title]
        out += list(self.body)
        for s in self.signers:
            out += [Line("signer_title", t) for t in s.title]
            if s.note:
                out.append(Line("note", s.note))
            out.append(Line("signer_name", s.name))
        return tuple(out)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


# --- small helpers the templates share ---------------------------------------------------


def fld(rng: random.Random, labels: tuple[str, ...] | str, value: str, sep: str = ": ") -> Line:
    label = labels if isinstance(labels, str) else rng.choice(labels)
    return Line("field", f"{label}{sep}{value}", label=label, value=value)


def para(text: str) -> Line:
    return Line("para", text)


def heading(text: str) -> Line:
    return Line("heading", text)


def table(head: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[Line]:
    out = [Line("table_head", " ".join(head), cells=head)]
    out += [Line("table_row", " ".join(r), cells=r) for r in rows]
    return out


def sex(p: Person) -> str:
    return "Nam" if p.male else "Nữ"


def title_of(p: Person, rng: random.Random) -> str:
    return ("Ông" if p.male else "Bà") if rng.random() < 0.8 else "Ông/Bà"


def name_value(rng: random.Random, p: Person) -> str:
    return p.name.upper() if rng.random() < 0.55 else p.name


def place_date(rng: random.Random, place: str, d: date) -> str:
    day = f"{d.day:02d}" if rng.random() < 0.7 else str(d.day)
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"{place}, ngày {day} tháng {month} năm {d.year}"


def issue_date(rng: random.Random, after: date | None = None) -> date:
    start = max(after or date(2010, 1, 1), date(2010, 1, 1))
    return random_date(rng, start, date(2025, 10, 31))


def number(rng: random.Random, suffix: str, year: int | None = None) -> str:
    n = rng.randint(1, 2999)
    if year is not None and rng.random() < 0.6:
        return f"{n}/{year}/{suffix}"
    return f"{n}/{suffix}"


def number_line(rng: random.Random, so_ky_hieu: str) -> str:
    return rng.choice(("Số: ", "Số: ", "Số ", "Số:")) + so_ky_hieu


def commune_agency(rng: random.Random) -> tuple[tuple[str, ...], str, str, str]:
    """(agency lines, body name, seal text, place) of a commune-level people's committee."""
    prov = pick_province(rng)
    ward = rng.choice(prov.wards)
    district = rng.choice(prov.districts)
    unit = ward.split(" ", 1)
    level = unit[0].upper() if unit[0] != "thị" else "THỊ TRẤN"
    place_name = ward.split(" ", 1)[1] if " " in ward else ward
    if rng.random() < 0.5:
        lines: tuple[str, ...] = ("ỦY BAN NHÂN DÂN", f"{level} {place_name.upper()}")
    else:
        lines = (f"UBND {district.upper()}", f"UBND {level} {place_name.upper()}")
    body = f"Ủy ban nhân dân {ward}"
    seal = f"ỦY BAN NHÂN DÂN {level} {place_name.upper()} * {district.upper()}"
    place = prov.name if rng.random() < 0.5 else place_name
    return lines, body, seal, place


def as_dict(*pairs: tuple[str, str | None]) -> dict[str, str]:
    return {k: v for k, v in pairs if v}


def numeric(d: date) -> str:
    return fmt_numeric(d)


def any_date(rng: random.Random, d: date) -> str:
    return fmt_date(rng, d)
