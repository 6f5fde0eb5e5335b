"""Reading order of a page from Tesseract's word boxes.

Tesseract's page layout (psm 3) finds blocks but orders them loosely, and it splits a form
("Họ và tên:      NGUYỄN VĂN A") into a column of labels and a column of values, so a reader
gets all labels, then all values. We rebuild the order the way a person reads:

- blocks are cut recursively into horizontal stripes (top to bottom) and, inside a stripe,
  into columns (left to right) — the agency block before the national motto beside it;
- columns whose lines pair up row by row and whose left side reads as labels (``:``) are a
  form and are read row by row, as are unruled tables (two left-aligned columns far apart,
  or three or more, their lines paired: read whole, not stripe by stripe) and blocks that
  overlap and cannot be cut; never two columns each a page's full measure wide: those are
  facing pages (a booklet or certificate scanned open, two copies of a form on one sheet),
  read one after the other;
- blocks of centred lines (the agency and its number, the motto and the date under it, a
  signer's title and name with the signature's room between) are read whole, so two
  blocks side by side are read one after the other, not across;
- ruled tables are read row by row, each cell whole, from the grid of their rules
  (``ocr.tables``);
- a short mark alone in the margin (a pen's tick read as letters) is read in its row, and
  never makes a column that would split a form beside it;
- scraps of signatures, seal rims and rules are dropped: symbol-only words with low
  confidence, doubtful words much taller than the page's print, specks far smaller than
  it, lone stray strokes.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

import numpy as np

from .tables import Grid


class Word(Protocol):
    """A recognised word as ``ocr.tesseract.Word`` carries it."""

    @property
    def text(self) -> str: ...
    @property
    def left(self) -> int: ...
    @property
    def top(self) -> int: ...
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...
    @property
    def confidence(self) -> float: ...
    @property
    def block(self) -> int: ...
    @property
    def paragraph(self) -> int: ...
    @property
    def line(self) -> int: ...


WIDE_GAP = 3.5
"""Words further apart than this many typical word gaps belong to different blocks."""
LABEL_SHARE = 0.6
"""Share of a left column's paired lines that must look like labels to read it as a form."""
PAIRED_SHARE = 0.6
TABLE_PAIRED = 0.8
TABLE_GUTTER = 3.0
"""Two left-aligned columns in which this share of the lines has a partner on its row, and
at least this many line heights apart, are an unruled table of labels and values. Columns
of running text leave a gutter of one or two line heights."""
FULL_MEASURE = 26.0
"""Columns at least this many line heights wide, side by side, are two pages of a booklet or
a certificate scanned open (a page's text is ~30-40 line heights wide), read one after the
other. A form's labels and values share one page: on the benchmark corpora the narrower of
a form's two sides is at most ~21 line heights wide."""
STACK_CENTRE = 0.6
"""Lines whose centres are this many line heights apart or less are centred on one line."""
STACK_GAP = 10.0
"""Centred lines at most this many line heights apart can be one block (a signature's room)."""
STACK_BREAK = 2.5
"""A gap this many line heights or more in a block is a signature's room: one line follows."""
PLACE_DATE = re.compile(r"ngày\s*\S+\s*tháng\s*\S+\s*năm", re.IGNORECASE)
"""``Hà Nội, ngày 12 tháng 3 năm 2024``: the line that dates a paper."""
STRAY = "\\|~`_^¬—⁄"
"""Marks that print does not use on their own: a word of nothing else is a stroke misread."""
TALL = 1.5
TALL_CONFIDENCE = 80.0
WORDLIKE_CONFIDENCE = 60.0
"""A word taller than ``TALL`` times the page's print that Tesseract is less sure of than
this is a pen stroke read as letters (large printed titles are read with confidence)."""
SMALL = 0.4
"""Letters less than this share of the page's print high are specks and the tails of
strokes: no print on an administrative paper is that small."""
SPECK = 0.3
"""A mark smaller than this share of the page's print height both ways is a speck (dust, a
stroke's end in a seal or a picture), whatever Tesseract made of it (``#``, ``(``)."""
MARK_WIDTH = 2.0
MARK_HEIGHT = 1.6
MARK_AMONG = 3
"""A line no wider than ``MARK_WIDTH`` times its height, at most ``MARK_HEIGHT`` times as
high as the lines beside it and alone beside at least ``MARK_AMONG`` of them, is a mark in
the margin, not a column."""
GUTTER = 0.8
GUTTER_LINES = 4
"""An empty band at least ``GUTTER`` line heights wide down a whole region, with at least
``GUTTER_LINES`` lines on each side, parts two columns."""
FLUSH_LEFT = 0.75
FLUSH_REACH = 0.5
RUNNING_LINES = 8
"""Columns under a title are read one after the other (``_around_columns``) when each has at
least ``RUNNING_LINES`` lines and at least ``FLUSH_LEFT`` of them start within
``FLUSH_REACH`` line heights of its leftmost line: running text. Blocks of a few lines side
by side (two signers over the next copy's agency and form number, on a receipt printed
twice) are read where they stand."""
RULE_SCRAPS = ".,_'`~|¦ "
SLIVER = 0.2
"""A word of nothing but ``RULE_SCRAPS`` at most ``SLIVER`` times as wide as it is high is a
piece of an upright rule (the thin line between two columns read as "..", "._"), not print.
A hyphen is not among them: Tesseract boxes a faint one as a sliver too ("Tự do - Hạnh")."""
SMALL_MARKS = {"-", "–", ".", ",", "'", '"', "“", "”"}
"""Print that does stand that small on its own: ``Độc lập - Tự do``, a quotation mark."""
ODD = STRAY + "†‹›«»{}<>*+#=@°¿¡"
"""Marks an administrative paper hardly prints: in a short doubtful word (``J#``,
``2+``, ``^Z``) they are a signature's or a seal's strokes read as text."""
GUESS = 20.0
GUESS_LETTERS = 3
LINE_SURE = 60.0
"""A word of at most ``GUESS_LETTERS`` letters or digits read with less confidence than
``GUESS`` is a guess; on a line where no word is read with ``LINE_SURE``, it is dropped."""
UPRIGHT = 2.5
"""A line of several words taller than this many print heights, and narrower than tall, is
upright: not print."""
TAB_LINES = 3
TAB_TOLERANCE = 0.3
TAB_GAP = 2.0
"""A column's left edge: where at least ``TAB_LINES`` lines start, within ``TAB_TOLERANCE``
line heights. A word starting there more than ``TAB_GAP`` word gaps from the word before
it starts a new line."""
CELL_GAP = 0.6
"""A line closer than this many line heights under the one above it in a table's column
continues its cell (the cell wraps)."""
DOUBTFUL = 50.0
"""Tesseract's confidence under which a word of half letters, half marks may be junk."""
OVERTALL = 2.0
"""A word more than this many times the median height of its line's words does not set
the line's top and bottom (accents and a dot below make a word up to ~1.7 times taller)."""


@dataclass(frozen=True)
class TextLine:
    """A run of words on one line with no wide gap inside (a cell, a label, a value).

    Its box is worked out once: ordering a page asks a line's box some 7000 times."""

    words: tuple[Word, ...]

    @cached_property
    def left(self) -> int:
        return min(w.left for w in self.words)

    @cached_property
    def right(self) -> int:
        return max(w.left + w.width for w in self.words)

    @cached_property
    def top(self) -> int:
        return min(w.top for w in self._level)

    @cached_property
    def bottom(self) -> int:
        return max(w.top + w.height for w in self._level)

    @cached_property
    def _level(self) -> tuple[Word, ...]:
        """The words that set the line's height: not one far taller than the others (a word
        Tesseract ran into the line below, or into a rule under it), which would make the
        line overlap the next and be read after it."""
        if len(self.words) < 3:
            return self.words
        usual = statistics.median(w.height for w in self.words)
        level = tuple(w for w in self.words if w.height <= OVERTALL * usual)
        return level or self.words

    @cached_property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def text(self) -> str:
        # Tesseract's own word order: it knows when a narrow cell wrapped within one line.
        return " ".join(w.text for w in self.words)


def is_junk(word: Word, typical_height: float | None = None) -> bool:
    """Scraps Tesseract reads in signatures, seal rims and rules: few letters, low confidence.

    ``typical_height`` is the page's usual word height: a doubtful word much taller than
    the printed text is a pen stroke (a signature, a hand-drawn mark), not print.
    """
    text = word.text
    conf = word.confidence
    if typical_height and word.height > TALL * typical_height and conf < TALL_CONFIDENCE:
        # Unless it reads as a word: a signer's name with the signature running through it.
        bare = text.rstrip(",.;:)")
        if not (len(bare) >= 2 and bare.isalpha() and conf >= WORDLIKE_CONFIDENCE):
            return True
    if not text.strip(RULE_SCRAPS) and word.width <= SLIVER * word.height:
        return True
    if not text.strip(ODD.replace("*", "").replace("+", "")):
        # However sure Tesseract is of it: "#", "=", "<" stand alone on no such paper.
        return True
    if typical_height and word.height < SMALL * typical_height and any(c.isalnum() for c in text):
        return True
    speck = typical_height and max(word.width, word.height) < SPECK * typical_height
    if speck and text.strip() not in SMALL_MARKS:
        return True
    if len(text) == 1 and conf < 60:
        return True
    alnum = sum(ch.isalnum() for ch in text)
    if alnum == 0:
        return conf < 60 and text not in {"-", "+", "*", "(", ")", "/", "%"}
    if conf >= DOUBTFUL or alnum / len(text) > 0.5:
        return False
    # Half letters, half marks: junk when a mark is one print does not use ("8)" and "A."
    # are a list's numbers, "J#" and "2+" are pen strokes).
    return alnum / len(text) < 0.5 or (len(text) <= 4 and any(c in ODD for c in text))


def typical_height(words: Sequence[Word]) -> float | None:
    """Median height of the words Tesseract is sure of: the page's print size."""
    sure = [w.height for w in words if w.confidence >= 85 and sum(c.isalpha() for c in w.text) >= 2]
    return float(np.median(sure)) if len(sure) >= 5 else None


def _upright(line: Sequence[Word], typical: float | None) -> bool:
    """A "line" of words stacked one under another, taller than it is wide: Tesseract's
    reading of a pattern, a page's edge or a seal down the margin as upright text. The
    papers print no upright text worth reading; what comes of it is junk ("XÃ 1 TC {1")."""
    if len(line) < 2 or not typical:
        return False
    top, bottom = min(w.top for w in line), max(w.top + w.height for w in line)
    left, right = min(w.left for w in line), max(w.left + w.width for w in line)
    return bottom - top > UPRIGHT * typical and right - left < bottom - top


def _without_guesses(line: Sequence[Word]) -> list[Word]:
    """A line's words but the short ones Tesseract only guessed at, when nothing on the line
    is read with confidence: a signature's loops read as "AẺ 7.", a smudge as "Z7".

    A printed word on a line of print is kept however doubtful: the words round it vouch
    for the line being text, and a misread word is nearer the truth than none.
    """
    if any(w.confidence >= LINE_SURE for w in line):
        return list(line)
    return [
        w for w in line if w.confidence >= GUESS or sum(c.isalnum() for c in w.text) > GUESS_LETTERS
    ]


def text_lines(words: Sequence[Word]) -> list[TextLine]:
    """Tesseract's lines, cut where words are much further apart than words usually are: a
    line that runs across two side-by-side blocks becomes two."""
    groups: dict[tuple[int, int, int], list[Word]] = {}
    typical = typical_height(words)
    for w in words:
        if not is_junk(w, typical):
            groups.setdefault((w.block, w.paragraph, w.line), []).append(w)
    ordered = [
        kept
        for ws in groups.values()
        if not _upright(ws, typical) and (kept := _without_guesses(ws))
    ]
    gaps = [b.left - (a.left + a.width) for ws in ordered for a, b in zip(ws, ws[1:], strict=False)]
    word_gap = float(np.median([g for g in gaps if g > 0])) if any(g > 0 for g in gaps) else 0.0
    out: list[TextLine] = []
    for ws in ordered:
        height = sorted(w.height for w in ws)[len(ws) // 2]
        wide = max(WIDE_GAP * word_gap, 0.8 * height)
        run = [ws[0]]
        for prev, w in zip(ws, ws[1:], strict=False):
            if w.left - (prev.left + prev.width) > wide:
                out.append(TextLine(tuple(run)))
                run = []
            run.append(w)
        out.append(TextLine(tuple(run)))
    return _at_tab_stops(out, word_gap)


def _at_tab_stops(lines: list[TextLine], word_gap: float) -> list[TextLine]:
    """Lines cut where a word, further from the word before it than words usually are,
    starts on the left edge of a column other lines start on: Tesseract runs a short label
    and its value into one line ("Quốc tịch  Việt Nam") when the gap between them is narrow,
    and the column they belong to is then lost."""
    if len(lines) < TAB_LINES or word_gap <= 0:
        return lines
    height = float(np.median([ln.height for ln in lines]))
    starts = np.sort(np.array([ln.left for ln in lines]))
    reach = TAB_TOLERANCE * height

    def stop(x: int) -> bool:
        near = np.searchsorted(starts, x + reach, "right") - np.searchsorted(starts, x - reach)
        return bool(near >= TAB_LINES)

    out: list[TextLine] = []
    for ln in lines:
        run = [ln.words[0]]
        for prev, w in zip(ln.words, ln.words[1:], strict=False):
            if w.left - (prev.left + prev.width) > TAB_GAP * word_gap and stop(w.left):
                out.append(TextLine(tuple(run)))
                run = []
            run.append(w)
        out.append(TextLine(tuple(run)))
    return out


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return min(a1, b1) - max(a0, b0)


def _same_row(a: TextLine, b: TextLine) -> bool:
    h = min(a.height, b.height)
    return _overlap(a.top, a.bottom, b.top, b.bottom) >= 0.5 * max(h, 1)


def _rows(lines: Sequence[TextLine]) -> list[list[TextLine]]:
    """Lines grouped into rows (top to bottom), each row left to right."""
    rows: list[list[TextLine]] = []
    for ln in sorted(lines, key=lambda x: (x.top + x.bottom) / 2):
        if rows and any(_same_row(ln, other) for other in rows[-1]):
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return [sorted(r, key=lambda x: x.left) for r in rows]


def _cut(lines: list[TextLine], axis: str) -> tuple[list[list[TextLine]], int]:
    """Split at the widest empty band along ``axis``: (groups, band size); one group if none.

    Line boxes of close lines may overlap by an accent's height; that still counts as a cut.
    """
    if axis == "y":
        spans = [(ln.top + ln.height // 8, ln.bottom - ln.height // 8, ln) for ln in lines]
    else:
        spans = [(ln.left, ln.right, ln) for ln in lines]
    spans.sort(key=lambda t: t[0])
    best, best_at = 0, -1
    reach = spans[0][1]
    for i in range(1, len(spans)):
        lo, hi, _ = spans[i]
        if lo > reach and lo - reach > best:
            best, best_at = lo - reach, i
        reach = max(reach, hi)
    if best_at < 0:
        return [lines], 0
    return [[t[2] for t in spans[:best_at]], [t[2] for t in spans[best_at:]]], best


def _paired(columns: list[list[TextLine]]) -> tuple[list[TextLine], list[TextLine]]:
    left = columns[0]
    right = [ln for col in columns[1:] for ln in col]
    return [ln for ln in left if any(_same_row(ln, r) for r in right)], left


def _facing_pages(columns: list[list[TextLine]]) -> bool:
    """Whether the first column and the rest are each a page's full measure wide."""
    lines = [ln for col in columns for ln in col]
    height = float(np.median([ln.height for ln in lines]))
    rest = [ln for col in columns[1:] for ln in col]
    return all(
        max(ln.right for ln in side) - min(ln.left for ln in side) >= FULL_MEASURE * height
        for side in (columns[0], rest)
    )


def _row_wise(columns: list[list[TextLine]]) -> bool:
    """Columns that are really rows: a form (labels left, values right) or a table; never two
    facing pages."""
    if _facing_pages(columns):
        return False
    paired, left = _paired(columns)
    right = [ln for col in columns[1:] for ln in col]
    if _second_fields(right, paired) or _last_field(columns, paired):
        return True
    if len(paired) < 2 or len(paired) < PAIRED_SHARE * min(len(left), len(right)):
        return False
    if _grid(columns):
        return True
    labels = sum(":" in ln.text for ln in paired)
    return labels >= 2 and labels >= LABEL_SHARE * len(paired)


def _second_fields(right: list[TextLine], paired: list[TextLine]) -> bool:
    """Every line on the right is a field ("Ngày sinh: 06-10-1972") on the row of a field on
    the left ("Họ và tên: Phạm Quang Phúc"): two fields to a row, read across the row."""
    return (
        bool(right)
        and all(":" in ln.text for ln in paired)
        and all(":" in ln.text and any(_same_row(ln, p) for p in paired) for ln in right)
    )


def _last_field(columns: list[list[TextLine]], paired: list[TextLine]) -> bool:
    """A form's last field ("9. Họ và tên mẹ:  Đặng Ngọc Chi") over what follows it on the
    left (the next heading, "TÌNH TRẠNG ÁN TÍCH"): one label with its value beside it, and
    nothing else on the right. Read by rows, the value stays with its label."""
    if len(columns) != 2 or len(paired) != 1 or ":" not in paired[0].text:
        return False
    left, right = columns
    label = paired[0]
    return label is min(left, key=lambda ln: ln.top) and all(
        _same_row(ln, label) and ln.left > label.right for ln in right
    )


def _grid(columns: list[list[TextLine]]) -> bool:
    """A table without rules: three or more columns, at least three lines of the first
    beside lines of the others, and most of them (the number column of a household's
    members, their names, years of birth and relation to its head)."""
    if len(columns) < 3 or _facing_pages(columns):
        return False
    paired, left = _paired(columns)
    right = [ln for col in columns[1:] for ln in col]
    return len(paired) >= 3 and len(paired) >= PAIRED_SHARE * min(len(left), len(right))


def _wrapped_rows(columns: list[list[TextLine]]) -> list[list[TextLine]] | None:
    """The rows of a table without rules whose cells wrap onto several lines (a marriage
    certificate's "Họ, chữ / đệm, tên | Phạm Mạnh Tiến | Phạm Thanh Oanh"), each cell's
    lines made one; None when the columns are not such a table.

    A row starts at a line of the first column with a line beside it in another; every other
    line must continue the cell above it in its column: on its left edge, and closer to it
    than a blank line.
    Three or more columns, or two far apart: two columns of running text leave a gutter of
    a line height or two, and their lines do not wrap from row to row.
    """
    if len(columns) < 2 or _facing_pages(columns):
        return None
    paired, _ = _paired(columns)
    if len(paired) < 3:
        return None
    height = float(np.median([ln.height for col in columns for ln in col]))
    if len(columns) == 2:
        gutter = min(ln.left for ln in columns[1]) - max(ln.right for ln in columns[0])
        if gutter < TABLE_GUTTER * height:
            return None
    anchors = sorted(paired, key=lambda ln: ln.top)
    rows: list[list[TextLine]] = [[] for _ in anchors]
    wrapped = False
    for col in columns:
        cells: dict[int, list[TextLine]] = {}
        above: TextLine | None = None
        for ln in sorted(col, key=lambda x: x.top):
            row = next((i for i, a in enumerate(anchors) if _same_row(ln, a)), None)
            if row is None:
                row = max((i for i, a in enumerate(anchors) if a.top <= ln.top), default=None)
                if (
                    row is None
                    or above is None
                    or ln.top - above.bottom > CELL_GAP * height
                    or abs(ln.left - above.left) > height
                ):
                    return None
                wrapped = True
            cells.setdefault(row, []).append(ln)
            above = ln
        for i, cell in cells.items():
            rows[i].append(TextLine(tuple(w for ln in cell for w in ln.words)))
    return rows if wrapped else None


def _unruled_table(columns: list[list[TextLine]]) -> bool:
    """Labels and values without rules or colons ("Thửa đất số      557"): two columns, each
    on one left edge, nearly every line beside a line of the other, far apart."""
    if len(columns) != 2 or _facing_pages(columns):
        return False
    paired = len(_paired(columns)[0])
    left, right = columns
    if paired < 3 or paired < TABLE_PAIRED * max(len(left), len(right)):
        return False
    height = float(np.median([ln.height for ln in left + right]))
    for col in (left, right):
        if max(ln.left for ln in col) - min(ln.left for ln in col) > height:
            return False  # centred blocks side by side (an agency beside the motto)
    gutter = min(ln.left for ln in right) - max(ln.right for ln in left)
    return gutter >= TABLE_GUTTER * height


def _order(lines: list[TextLine]) -> list[list[TextLine]]:
    """Recursive XY-cut at the widest gap: groups of lines in reading order."""
    if len(lines) <= 1:
        return [lines]
    stripes, y_gap = _cut(lines, "y")
    columns, x_gap = _cut(lines, "x")
    split = _columns(lines) if len(columns) > 1 and _by_columns(columns, x_gap, y_gap) else []
    mark = _margin_mark(split)
    if mark is not None:
        return _with_mark(_order([ln for ln in lines if ln is not mark]), mark)
    rows = _wrapped_rows(split)
    if rows:
        # One line per row, each cell whole: "Họ, chữ đệm, tên  Phạm Mạnh Tiến  Phạm Thanh Oanh".
        return [[cell for row in rows for cell in row]]
    if _unruled_table(split) or _grid(split):
        # Read row by row as a whole: a stripe of two of its rows, judged alone, has too
        # few pairs to tell and would be read column by column.
        return [[ln for row in _rows(lines) for ln in row]]
    if split and not _row_wise(split):
        # A line above everything beside it (the place and date over two signers) comes first.
        first = min(lines, key=lambda ln: ln.top)
        beside = [ln for c in columns if first not in c for ln in c]
        if first.bottom <= min(ln.top for ln in beside):
            return [[first], *_order([ln for ln in lines if ln is not first])]
        if _closes(columns):
            last = max(lines, key=lambda ln: ln.bottom)
            return [*_order([ln for ln in lines if ln is not last]), [last]]
        return [g for c in columns for g in _order(c)]
    if len(stripes) > 1:
        parts = _around_columns(lines)
        if parts:
            return [g for p in parts if p for g in _order(p)]
        return [g for s in stripes for g in _order(s)]
    return [[ln for row in _rows(lines) for ln in row]]


def _bands(lines: list[TextLine]) -> list[list[TextLine]]:
    """The region's lines grouped between its empty horizontal bands, top to bottom (as
    ``_cut`` sees them)."""
    spans = sorted(
        ((ln.top + ln.height // 8, ln.bottom - ln.height // 8, ln) for ln in lines),
        key=lambda t: t[0],
    )
    bands: list[list[TextLine]] = [[spans[0][2]]]
    reach = spans[0][1]
    for lo, hi, ln in spans[1:]:
        if lo > reach:
            bands.append([])
        bands[-1].append(ln)
        reach = max(reach, hi)
    return bands


def _around_columns(lines: list[TextLine]) -> list[list[TextLine]] | None:
    """The region as (above, columns, below) when part of it, several bands high, is two
    columns of running text (``RUNNING_LINES``, ``FLUSH_LEFT``) a gutter runs down
    (``GUTTER``) under or over lines across the page (a leaflet's title): cut at the
    widest gap, a level break across both columns would come first and the columns be read
    row by row. None when there is no such part.

    Adding lines only fills gutters, so the longest run of bands a gutter runs down is found
    with one pass of two pointers."""
    bands = _bands(lines)
    if len(bands) < 3:
        return None
    height = float(np.median([ln.height for ln in lines]))

    def columns(i: int, j: int) -> list[list[TextLine]] | None:
        cols, gap = _cut([ln for b in bands[i : j + 1] for ln in b], "x")
        return cols if len(cols) > 1 and gap >= GUTTER * height else None

    best: tuple[int, int] | None = None
    j = 0
    for i in range(len(bands)):
        j = max(j, i)
        while j + 1 < len(bands) and columns(i, j + 1):
            j += 1
        cols = columns(i, j) if j > i else None
        longer = best is None or j - i > best[1] - best[0]
        if cols and longer and all(len(c) >= RUNNING_LINES and _flush_left(c) for c in cols):
            best = (i, j)
    if best is None or best == (0, len(bands) - 1):
        return None
    i, j = best
    return [
        [ln for b in bands[:i] for ln in b],
        [ln for b in bands[i : j + 1] for ln in b],
        [ln for b in bands[j + 1 :] for ln in b],
    ]


def _flush_left(column: list[TextLine]) -> bool:
    """Whether most of a column's lines (``FLUSH_LEFT``) start where its leftmost does, as
    running text set flush left or justified does; an agency's or a signer's centred lines
    do not."""
    left = min(ln.left for ln in column)
    reach = FLUSH_REACH * float(np.median([ln.height for ln in column]))
    return sum(ln.left - left <= reach for ln in column) >= FLUSH_LEFT * len(column)


def _margin_mark(columns: list[list[TextLine]]) -> TextLine | None:
    """A mark alone in the margin beside a region (a pen's tick, a bullet, a punched hole
    read as letters, the tail of a line cut off by a gap), which would make a column of its
    own and split a form it stands beside into labels, then values."""
    if len(columns) < 2 or sum(len(c) for c in columns) < MARK_AMONG + 1:
        return None
    height = float(np.median([ln.height for col in columns for ln in col]))
    for col in (columns[0], columns[-1]):
        if len(col) != 1:
            continue
        line = col[0]
        # A stack or a table stands in as one box (``_Placeholder``), of many lines' height.
        if (
            line.height <= MARK_HEIGHT * height
            and line.right - line.left <= MARK_WIDTH * line.height
        ):
            return line
    return None


def _by_columns(columns: list[list[TextLine]], x_gap: int, y_gap: int) -> bool:
    """Whether a region is cut into its columns before its rows: at the wider of its gaps,
    or at a gutter that runs down all of it between two sides of several lines each (two
    columns of running text whose paragraphs end level, leaving a wider gap across both
    than between them)."""
    if x_gap > y_gap:
        return True
    height = float(np.median([ln.height for col in columns for ln in col]))
    return x_gap >= GUTTER * height and all(len(col) >= GUTTER_LINES for col in columns)


def _with_mark(groups: list[list[TextLine]], mark: TextLine) -> list[list[TextLine]]:
    """``groups`` with ``mark`` read in the row it stands on (each group is read row by
    row), or on its own above or below them when it stands beside none."""
    for group in groups:
        if any(_same_row(mark, ln) for ln in group):
            group.append(mark)
            return groups
    below = (k for k, g in enumerate(groups) if min(ln.top for ln in g) > mark.top)
    at = next(below, len(groups))
    return [*groups[:at], [mark], *groups[at:]]


def _closes(columns: list[list[TextLine]]) -> bool:
    """Whether the lowest line is the next heading under a form rather than part of a column:
    below everything beside it, and the line of its column that runs nearest the next
    column, less than a line's height from it ("III. NỘI DUNG ỦY QUYỀN:" under the last
    value). The gap it leaves is no gutter."""
    last = max((ln for col in columns for ln in col), key=lambda ln: ln.bottom)
    k = next(i for i, col in enumerate(columns) if last in col)
    beside = [ln for i, col in enumerate(columns) if i != k for ln in col]
    if k == len(columns) - 1 or last.top < max(ln.bottom for ln in beside):
        return False
    nearest = min(ln.left for ln in columns[k + 1])
    return last.right >= max(ln.right for ln in columns[k]) and nearest - last.right < last.height


def _columns(lines: list[TextLine]) -> list[list[TextLine]]:
    """All columns of a region (every empty vertical band), left to right."""
    spans = sorted(lines, key=lambda ln: ln.left)
    cols: list[list[TextLine]] = [[spans[0]]]
    reach = spans[0].right
    for ln in spans[1:]:
        if ln.left > reach:
            cols.append([ln])
        else:
            cols[-1].append(ln)
        reach = max(reach, ln.right)
    return cols


def _split_at_rules(grid: Grid, lines: list[TextLine]) -> list[TextLine]:
    """Each line cut where it crosses one of the table's vertical rules.

    Tesseract takes two cells' lines for one when the gap at the rule is no wider than a
    word gap ("Thôn Đông, xã Diễn Kỷ, thành phố Vinh, Bản Đông, xã Lập Lễ"): the line would
    go whole to the cell of its centre and the next cell's text be read into it."""
    out: list[TextLine] = []
    for ln in lines:
        # A cell's words stay in Tesseract's order, which knows a narrow cell wrapped.
        cells: dict[int, list[Word]] = {}
        for w in ln.words:
            cells.setdefault(int(np.searchsorted(grid.xs, w.left + w.width / 2)), []).append(w)
        out.extend(TextLine(tuple(ws)) for ws in cells.values())
    return out


def _table_text(grid: Grid, lines: list[TextLine]) -> str:
    cells: dict[tuple[int, int], list[TextLine]] = {}
    for ln in _split_at_rules(grid, lines):
        cells.setdefault(grid.cell(ln), []).append(ln)
    rows = []
    for r in sorted({rc[0] for rc in cells}):
        parts = []
        for c in sorted(cc for rr, cc in cells if rr == r):
            parts.append(" ".join(ln.text for row in _rows(cells[(r, c)]) for ln in row))
        rows.append(" ".join(parts))
    return "\n".join(rows)


def _is_table(grid: Grid, lines: list[TextLine]) -> bool:
    """A frame around a page, or a box around a paragraph, is not a table: a table has at
    least two rows and two columns holding text, each cell a few lines at most."""
    if not lines:
        return False
    cells: dict[tuple[int, int], int] = {}
    for ln in lines:
        key = grid.cell(ln)
        cells[key] = cells.get(key, 0) + 1
    rows = {r for r, _ in cells}
    cols = {c for _, c in cells}
    return len(rows) >= 2 and len(cols) >= 2 and max(cells.values()) <= 4


def _stacks(lines: list[TextLine]) -> list[list[TextLine]]:
    """Blocks of centred lines: an agency and its document number, the motto and the place
    and date under it, a signer's title, the space for the signature, and the name.

    Their lines are far apart (a signature between title and name) or close to the block
    beside them, so the XY-cut would read across the two signers; as one unit each is read
    whole, left block first. A stack takes lines on one centre line but not on one left
    edge (that is a paragraph or a form), no more than ``STACK_GAP`` line heights apart,
    with no other line inside its box and, across a gap for a signature, none beside it. A
    label (``:`` at the end) and the value on its row are never stacked: forms stay row by
    row.
    """
    labels = [ln for ln in lines if ln.text.endswith(":")]
    in_form = {id(ln) for ln in lines if any(_same_row(ln, lb) for lb in labels)}
    stacks: list[list[TextLine]] = []
    names: set[int] = set()  # lines that close a signer's block under its signature's room
    for ln in sorted(lines, key=lambda x: x.top):
        centre = (ln.left + ln.right) / 2
        best = None
        if id(ln) not in in_form and ln.words[0].block >= 0:
            for st in stacks:
                last = st[-1]
                if len(st) >= 2 and st[-1].top - st[-2].bottom > STACK_BREAK * last.height:
                    continue  # the name under a signature's room ends the signer's block
                if PLACE_DATE.search(last.text):
                    continue  # ends the motto's block; over a signer it is read before both
                tol = STACK_CENTRE * max(ln.height, last.height)
                gap = ln.top - last.bottom
                room = gap > STACK_BREAK * last.height
                if abs((last.left + last.right) / 2 - centre) > tol:
                    continue
                # Left-aligned lines are a paragraph or a form, unless a signature's room
                # parts them: a name as wide as the "(Ký, ghi rõ họ tên)" over it is both
                # centred and aligned, and no paragraph leaves that much paper blank.
                if (abs(last.left - ln.left) <= tol and not room) or id(last) in in_form:
                    continue
                if not -0.3 * ln.height <= gap <= STACK_GAP * last.height:
                    continue
                if room and _beside(last, ln, [o for o in lines if id(o) not in names]):
                    continue  # not a signature's room: text runs beside the gap
                if best is None or last.bottom > best[-1].bottom:
                    best = st
        if best is not None and not _crowded(best + [ln], lines):
            if ln.top - best[-1].bottom > STACK_BREAK * best[-1].height:
                names.add(id(ln))
            best.append(ln)
        else:
            stacks.append([ln])
    return [st for st in stacks if len(st) >= 2]


def _beside(above: TextLine, below: TextLine, lines: list[TextLine]) -> bool:
    """Whether any line lies in the rows between ``above`` and ``below``, a line's height
    clear of both: the other signer's name set a little higher is not text beside the room,
    and the caller leaves out names already under a signature's room, however much higher."""
    h = max(above.height, below.height)
    return any(above.bottom + h < (ln.top + ln.bottom) / 2 < below.top - h for ln in lines)


def _crowded(stack: list[TextLine], lines: list[TextLine]) -> bool:
    """Whether a line outside ``stack`` lies inside its box."""
    left = min(ln.left for ln in stack)
    right = max(ln.right for ln in stack)
    top, bottom = stack[0].top, stack[-1].bottom
    inside = set(map(id, stack))
    for ln in lines:
        if id(ln) in inside:
            continue
        if (
            _overlap(left, right, ln.left, ln.right) > 0
            and _overlap(top, bottom, ln.top, ln.bottom) > 0.3 * ln.height
        ):
            return True
    return False


@dataclass(frozen=True)
class _Placeholder:
    """Stands for a whole table or stack in the XY-cut, with its box."""

    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float = 100.0
    block: int = -1
    paragraph: int = 0
    line: int = 0


def reading_order_text(words: Sequence[Word], tables: Sequence[Grid] = ()) -> str:
    """The page's text: lines joined by newlines, groups by blank lines."""
    lines = text_lines(words)
    if not lines:
        return ""
    substitutes: dict[str, str] = {}
    for k, grid in enumerate(tables):
        inside = [ln for ln in lines if grid.contains(ln)]
        if not _is_table(grid, inside):
            continue
        key = f"\x00table{k}\x00"
        substitutes[key] = _table_text(grid, inside)
        lines = [ln for ln in lines if not grid.contains(ln)]
        box = _Placeholder(
            key, grid.xs[0], grid.ys[0], grid.xs[-1] - grid.xs[0], grid.ys[-1] - grid.ys[0]
        )
        lines.append(TextLine((box,)))
    for k, stack in enumerate(_stacks(lines)):
        key = f"\x00stack{k}\x00"
        substitutes[key] = "\n".join(ln.text for ln in stack)
        members = set(map(id, stack))
        lines = [ln for ln in lines if id(ln) not in members]
        left, right = min(ln.left for ln in stack), max(ln.right for ln in stack)
        box = _Placeholder(key, left, stack[0].top, right - left, stack[-1].bottom - stack[0].top)
        lines.append(TextLine((box,)))
    out = []
    for group in _order(lines):
        rows = _rows(group)
        out.append("\n".join(" ".join(ln.text for ln in row) for row in rows))
    text = "\n\n".join(s for s in out if s)
    for key, value in reversed(substitutes.items()):  # a stack may hold a table
        text = text.replace(key, value)
    return text
