"""What Tesseract reads of a page, and how.

One run per page produces the plain text, the word boxes with confidences (TSV) and
the text-only PDF that is laid over the page image (``-c textonly_pdf=1``, as OCRmyPDF's
``_exec/tesseract.py`` does). The rules of ruled tables are painted out of the image it
reads first (``ocr.tables``): Tesseract takes a rule that touches letters for part of them.
So are a form's dotted leaders (``ocr.leaders``), written back into the text as the dots they
are; the digits of a comb of boxes (``ocr.combs``) are joined back into the number.
When that run's layout skipped letters (``ocr.missed``), a second run in sparse-text mode
reads just those places and its text-only PDF is laid over the first. A word that looks
like an ID but fails its check is read again alone, digits only (``ocr.idnumbers``); words
it garbled are read again, smaller, in one more run (``ocr.garbled``). ``read_words`` and
``detect_orientation`` serve the preparation's checks (orientation, motion, show-through). Every
run has a timeout; ``ocr.engine`` runs them in the Tesseract it keeps loaded.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from . import engine, garbled, idnumbers
from .combs import comb_runs, combs_in, join_runs
from .errors import OcrError, TesseractFailed, UnreadableImage
from .leaders import erase_leaders, find_leaders, with_leaders
from .missed import Region, bounds, isolate, missed_cells, missed_regions
from .pdf import overlay_text_pdf, replace_words
from .reading_order import reading_order_text
from .tables import erase_lone_rules, erase_rules, find_rules
from .textfix import fix_text

SECOND_PASS_CONFIDENCE = 60.0
"""Words of the second pass read with less confidence are dropped."""
MAX_NUMBER_REREADS = 4
"""At most this many doubtful numbers of a page are read again (a page of phone numbers)."""
ALWAYS = ("tessedit_do_invert=0", "textord_tabfind_aligned_gap_fraction=1.25")
"""Settings of every run.

Tesseract 5 reads each line it is unsure of a second time as white on black. Administrative
papers print dark text on light paper; on hard pages that look costs a tenth of the time and,
on the benchmark corpora, made the text no better.

The layout takes a mark with at least this many of its heights of white to its left for the
start of a column (0.75 by default). A numbered list ("1. Họ và tên: ...") leaves about one
height between the number and the item's first letter, so its numbers stood as a column of
their own, which was then read as nothing: every number of the list was lost. Columns and
the two halves of a paper's header lie much further apart."""
OSD_MAX_SIDE = 1600
"""OSD reads a copy no larger than this: orientation needs lines of text, not fine detail."""


@dataclass(frozen=True)
class Word:
    """One recognised word, its box in pixels of the image Tesseract read."""

    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float
    """Tesseract's word confidence, 0-100."""
    block: int
    paragraph: int
    line: int


@dataclass(frozen=True)
class Recognition:
    text: str
    """Plain text in reading order (``ocr.reading_order``): columns left to right, forms row
    by row, scraps from signatures and seals dropped. NFC, as Tesseract emits it."""
    tesseract_text: str
    """Tesseract's own text output, in its own order."""
    words: tuple[Word, ...]
    mean_confidence: float | None
    """Mean word confidence (0-100); ``None`` when no word was found."""
    text_only_pdf: bytes
    """One PDF page holding only invisible text, sized like the image at its dpi."""


def _checked(image: np.ndarray) -> np.ndarray:
    """The image as 8-bit pixels; ``UnreadableImage`` when it is no image at all."""
    if not isinstance(image, np.ndarray) or image.size == 0 or image.ndim not in (2, 3):
        raise UnreadableImage("empty or malformed image array")
    if image.dtype != np.uint8:
        image = cv2.normalize(image, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)
    if image.ndim == 3 and image.shape[2] == 4:
        image = image[:, :, :3]
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    if image.ndim == 3 and image.shape[2] != 3:
        raise UnreadableImage("image with neither one nor three colour channels")
    return image


def _write_image(image: np.ndarray, path: Path, dpi: int | None) -> None:
    image = _checked(image)
    pil = Image.fromarray(image)
    # Uncompressed TIFF: the fastest to write and read; it carries the dpi Tesseract uses to
    # size the PDF page and its layout heuristics.
    if dpi:
        pil.save(path, format="TIFF", dpi=(dpi, dpi))
    else:
        pil.save(path, format="TIFF")


def parse_tsv(tsv: str) -> tuple[Word, ...]:
    """Word rows (level 5) of Tesseract's TSV, skipping empty words."""
    words: list[Word] = []
    for row in tsv.splitlines():
        cols = row.split("\t", 11)
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        conf = float(cols[10])
        if not text or conf < 0:
            continue
        words.append(
            Word(
                text=text,
                left=int(cols[6]),
                top=int(cols[7]),
                width=int(cols[8]),
                height=int(cols[9]),
                confidence=conf,
                block=int(cols[2]),
                paragraph=int(cols[3]),
                line=int(cols[4]),
            )
        )
    return tuple(words)


def recognize(
    image: np.ndarray,
    lang: str = "vie",
    psm: int = 3,
    timeout: float = 180.0,
    dpi: int | None = None,
    config: tuple[str, ...] = (),
    second_pass: bool = True,
) -> Recognition:
    """Read one page image (grey, binary or RGB) with one Tesseract run, and a second one
    over letters the first run's layout skipped (``ocr.missed``) when ``second_pass``.

    ``dpi`` is written into the image Tesseract reads; without it Tesseract estimates the
    resolution from the text size. ``config`` adds ``-c name=value`` settings.
    Raises ``OcrTimeout``, ``TesseractFailed``, ``TesseractMissing`` or ``UnreadableImage``,
    never a builtin error.
    """
    started = time.monotonic()
    image = _checked(image)
    rules = find_rules(image, dpi)
    tables = rules.grids
    image = erase_lone_rules(erase_rules(image, tables), rules.lone)
    # A form's dotted leaders are painted out too, and written back after, as are the
    # boxed digits of its comb fields.
    leaders = find_leaders(image)
    image = erase_leaders(image, leaders)
    text, words, pdf = _read(image, lang, psm, timeout, dpi, config)
    words, pdf = _reread_numbers(image, words, pdf, lang, started + timeout, dpi)
    words, pdf = _reread_garbled(image, words, pdf, lang, started + timeout, dpi, config)
    if second_pass and words:
        # The passes share the page's time budget. Sparse-text mode finds lines wherever
        # they are.
        regions = missed_regions(image, words)
        if regions:
            left = max(1.0, timeout - (time.monotonic() - started))
            words, pdf = _read_missed(image, words, pdf, regions, lang, 11, left, dpi, config)
        # It drops a lone mark as noise: the table's cells still unread, one value each, are
        # read as one block.
        cells = missed_cells(image, words, tables)
        if cells:
            left = max(1.0, timeout - (time.monotonic() - started))
            words, pdf = _read_missed(image, words, pdf, cells, lang, 6, left, dpi, config)
    mean = sum(w.confidence for w in words) / len(words) if words else None
    runs = comb_runs(words, combs_in(tables))
    pdf = _joined_in_pdf(pdf, words, runs)
    words = with_leaders(join_runs(words, runs), leaders)
    return Recognition(
        text=fix_text(reading_order_text(words, tables)),
        tesseract_text=text.replace("\f", "").strip(),
        words=words,
        mean_confidence=mean,
        text_only_pdf=pdf,
    )


def _joined_in_pdf(pdf: bytes, words: tuple[Word, ...], runs: list[list[int]]) -> bytes:
    """The text-only PDF with each run of words (the digits of a comb's boxes) drawn as the
    one word it is, across the run's boxes: a viewer's search finds the whole ID."""
    fixes: dict[int, str] = {}
    widen: dict[int, float] = {}
    drop: set[int] = set()
    for run in runs:
        if len(run) < 2:
            continue
        head, last = words[run[0]], words[run[-1]]
        fixes[run[0]] = "".join(words[i].text for i in run)
        widen[run[0]] = (last.left + last.width - head.left) / max(1, head.width)
        drop.update(run[1:])
    return replace_words(pdf, [w.text for w in words], fixes, widen, drop)


def _read_missed(
    image: np.ndarray,
    words: tuple[Word, ...],
    pdf: bytes,
    regions: list[Region],
    lang: str,
    psm: int,
    timeout: float,
    dpi: int | None,
    config: tuple[str, ...],
) -> tuple[tuple[Word, ...], bytes]:
    """The words and text-only PDF with what a second run reads in ``regions`` (places the
    first run left unread, ``ocr.missed``) added.

    Only the part of the page holding them is read, the rest of it painted out: Tesseract's
    cost is in pixels, and the words keep the page's coordinates."""
    x0, y0, x1, y1 = bounds(regions)
    part = isolate(image, regions, words)[y0:y1, x0:x1]
    _, more, more_pdf = _read(part, lang, psm, timeout, dpi, config)
    # Those places are hard by nature: what is read there doubtfully is a stroke.
    more = tuple(w for w in more if w.confidence >= SECOND_PASS_CONFIDENCE)
    if not more:
        return words, pdf
    top = max(w.block for w in words) + 1
    words += tuple(replace(w, block=w.block + top, left=w.left + x0, top=w.top + y0) for w in more)
    size = (image.shape[1], image.shape[0])
    return words, overlay_text_pdf(pdf, more_pdf, (x0, y0, x1, y1), size)


def _reread_numbers(
    image: np.ndarray,
    words: tuple[Word, ...],
    pdf: bytes,
    lang: str,
    deadline: float,
    dpi: int | None,
) -> tuple[tuple[Word, ...], bytes]:
    """Words that look like an ID but fail its check, read again alone (``ocr.idnumbers``).

    Each is cut out with a margin of a third of its height and read as one word of digits;
    the text and the text-only PDF take the second reading only when it passes the check.
    """
    fixes: dict[int, tuple[str, float]] = {}
    suspects = [i for i, w in enumerate(words) if idnumbers.doubtful(w.text)]
    for i in suspects[:MAX_NUMBER_REREADS]:
        w = words[i]
        pad = max(2, w.height // 3)
        y0, x0 = max(0, w.top - pad), max(0, w.left - pad)
        crop = image[y0 : w.top + w.height + pad, x0 : w.left + w.width + pad]
        left = max(1.0, deadline - time.monotonic())
        whitelist = (f"tessedit_char_whitelist={idnumbers.DIGITS}",)
        _, again, _ = _read(crop, lang, 8, left, dpi, whitelist, pdf=False)
        better = idnumbers.second_reading(w.text, "".join(a.text for a in again))
        if better is not None:
            fixes[i] = (better, min(a.confidence for a in again))
    return _with_readings(words, pdf, fixes)


def _reread_garbled(
    image: np.ndarray,
    words: tuple[Word, ...],
    pdf: bytes,
    lang: str,
    deadline: float,
    dpi: int | None,
    config: tuple[str, ...],
) -> tuple[tuple[Word, ...], bytes]:
    """Words Tesseract garbled, read again smaller, all in one run (``ocr.garbled``); the
    text and the text-only PDF take a second reading only when Tesseract is sure of it."""
    chosen = garbled.garbled(words)
    if not chosen:
        return words, pdf
    page, slots = garbled.sheet(image, words, chosen)
    left = max(1.0, deadline - time.monotonic())
    small_dpi = round(dpi * garbled.SCALE) if dpi else None
    _, read, _ = _read(page, lang, 6, left, small_dpi, config, pdf=False)
    return _with_readings(words, pdf, garbled.second_readings(slots, read, words))


def _with_readings(
    words: tuple[Word, ...], pdf: bytes, fixes: dict[int, tuple[str, float]]
) -> tuple[tuple[Word, ...], bytes]:
    """The words, and the text-only PDF, with word ``i`` read as ``fixes[i]`` (text and
    confidence)."""
    if not fixes:
        return words, pdf
    pdf = replace_words(pdf, [w.text for w in words], {i: t for i, (t, _) in fixes.items()})
    words = tuple(
        replace(w, text=fixes[i][0], confidence=fixes[i][1]) if i in fixes else w
        for i, w in enumerate(words)
    )
    return words, pdf


def _read(
    image: np.ndarray,
    lang: str,
    psm: int,
    timeout: float,
    dpi: int | None,
    config: tuple[str, ...],
    pdf: bool = True,
) -> tuple[str, tuple[Word, ...], bytes]:
    """One Tesseract run: its text, its words and (when ``pdf``) its text-only PDF page."""
    try:
        with tempfile.TemporaryDirectory(prefix="sohoa-tess-") as tmp:
            src = Path(tmp) / "page.tif"
            out = Path(tmp) / "out"
            _write_image(image, src, dpi)
            outputs = ("txt", "tsv", "pdf") if pdf else ("txt", "tsv")
            engine.run(src, out, lang, psm, ALWAYS + config, outputs, timeout)
            text = _read_text(out.with_suffix(".txt"))
            words = parse_tsv(_read_text(out.with_suffix(".tsv")))
            pdf_path = out.with_suffix(".pdf")
            page_pdf = pdf_path.read_bytes() if pdf_path.exists() else b""
    except OcrError:
        raise
    except (OSError, ValueError) as exc:
        raise TesseractFailed(str(exc)) from exc
    return text, words, page_pdf


def _read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def read_words(
    image: np.ndarray,
    lang: str = "vie",
    psm: int = 6,
    timeout: float = 30.0,
    dpi: int | None = None,
) -> tuple[Word, ...]:
    """The words of one Tesseract run over ``image`` (no layout fixes, no PDF)."""
    _, words, _ = _read(_checked(image), lang, psm, timeout, dpi, (), pdf=False)
    return words


def detect_orientation(image: np.ndarray, timeout: float = 30.0) -> tuple[int, float]:
    """Tesseract OSD: ``(angle, confidence)``.

    ``angle`` (0, 90, 180 or 270) is how far the image must be turned *clockwise* to stand
    upright. Confidence follows Tesseract (above ~2 is reliable); ``(0, 0.0)`` when the page
    has too little text to tell.
    """
    h, w = image.shape[:2]
    scale = min(1.0, OSD_MAX_SIDE / max(h, w))
    if scale < 1.0:
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    try:
        with tempfile.TemporaryDirectory(prefix="sohoa-osd-") as tmp:
            src = Path(tmp) / "page.tif"
            out = Path(tmp) / "out"
            _write_image(image, src, None)
            engine.run(src, out, "osd", 0, (), (), timeout)
            report = _read_text(out.with_suffix(".osd"))
    except OcrError:
        raise
    except (OSError, ValueError) as exc:
        raise TesseractFailed(str(exc)) from exc
    parsed: dict[str, str] = {}
    for line in report.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            parsed[key.strip()] = value.strip()
    try:
        rotate = int(parsed.get("Rotate", "0")) % 360
        confidence = float(parsed.get("Orientation confidence", "0"))
    except ValueError:
        return 0, 0.0
    return rotate, confidence


def available() -> bool:
    """Whether Tesseract can be loaded."""
    return engine.available()


__all__ = [
    "Recognition",
    "Word",
    "available",
    "detect_orientation",
    "parse_tsv",
    "read_words",
    "recognize",
]
