"""The OCR pipeline, page by page: prepare → recognise → searchable page → merge.

Reads like a table of contents on purpose (OCRmyPDF ``_pipelines/ocr.py``). One page is in
memory at a time, so peak memory does not grow with the page count.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .pdf import merge_pages, pdfa_ready, write_page_pdf
from .prepare import (
    PreparedPage,
    PrepareOptions,
    mirrored,
    prepare_page,
    sure_words,
    turned_over,
)
from .prepare.measure import dpi_from_size
from .prepare.page import PageSearch
from .quality import PageQuality, QualityOptions, assess_ocr, assess_page, combine
from .tesseract import Recognition, read_words, recognize
from .textlayer import own_text


@dataclass(frozen=True)
class OcrOptions:
    language: str = "vie"
    """Tesseract language(s), e.g. ``vie`` or ``vie+eng``."""
    page_timeout_s: float = 180.0
    """A page Tesseract has not finished by then fails the document (never a hung worker)."""
    jpeg_quality: int = 85
    """Quality of the page image kept in the searchable PDF."""
    prepare: PrepareOptions = field(default_factory=PrepareOptions)
    """Which preparation stages may run (each decides per page whether it helps)."""
    quality: QualityOptions | None = field(default_factory=QualityOptions)
    """Thresholds of the quality gate each page is judged by; None skips the judgement."""
    turn_over_below: float = 65.0
    """A page read with a mean word confidence below this is read again turned half a turn,
    and then, if still below, mirrored; the surer reading is kept: an upside-down page the
    orientation test took for upright reads as nonsense at about 55, a mirrored photo at
    about 40, a hard but upright one at 74 or more."""


class PageInput(Protocol):
    """A page to read (``ingest.PageImage`` is one)."""

    @property
    def index(self) -> int: ...
    @property
    def image(self) -> np.ndarray: ...
    @property
    def dpi(self) -> int | None: ...
    @property
    def scan_dpi(self) -> int | None: ...
    @property
    def text_layer(self) -> str | None: ...
    @property
    def own_page(self) -> bytes | None: ...


@dataclass(frozen=True)
class PageResult:
    index: int
    text: str
    mean_confidence: float | None
    width_px: int
    height_px: int
    dpi: int
    details: dict[str, Any]
    quality: PageQuality | None = None
    """The gate's verdict on the page, the OCR's word confidence included."""


def shown_dpi(image: np.ndarray, dpi: int | None) -> int:
    """The dpi to lay the page out at; an image that says none is taken to be an A4 page,
    or a card when it has a card's proportions (``dpi_from_size``)."""
    if dpi:
        return dpi
    return max(72, dpi_from_size(image.shape))


def read_page(
    image: np.ndarray, dpi: int | None, options: OcrOptions, seen: PageQuality | None = None
) -> tuple[PreparedPage, Recognition]:
    """Prepare one page and read it; a page that reads as nonsense is tried upside down,
    then mirrored, and the surest reading is kept.

    ``seen`` is the gate's verdict on this image: preparation takes the paper's outline
    from it."""
    started = time.monotonic()
    search = PageSearch.from_dict(seen.metrics.get("page_outline")) if seen else None
    prepared = prepare_page(image, dpi, options.prepare, options.language, search)
    best, reading = prepared, _recognize(prepared, options, options.page_timeout_s)
    for other in (
        lambda: turned_over(prepared, "the page read as nonsense the other way up"),
        lambda: mirrored(prepared, "the page read as nonsense: a mirrored photo"),
    ):
        if (reading.mean_confidence or 0.0) >= options.turn_over_below or not reading.words:
            break
        left = max(1.0, options.page_timeout_s - (time.monotonic() - started))
        tried = other()
        if tried.steps[-1].name == "mirror" and not _reads_well(tried, options, left):
            break
        again = _recognize(tried, options, left)
        if (again.mean_confidence or 0.0) > (reading.mean_confidence or 0.0):
            best, reading = tried, again
    return best, reading


def _reads_well(page: PreparedPage, options: OcrOptions, timeout: float) -> bool:
    """Whether the middle half of the page reads as words: a quick look before a whole
    read (a page of noise reads as nonsense whichever way it is turned)."""
    h = page.image.shape[0]
    words = read_words(
        page.image[h // 4 : 3 * h // 4], options.language, timeout=timeout, dpi=page.dpi
    )
    sure = sure_words(words)
    return sure is not None and sure >= options.turn_over_below


def _recognize(prepared: PreparedPage, options: OcrOptions, timeout: float) -> Recognition:
    return recognize(
        prepared.image,
        lang=options.language,
        timeout=timeout,
        dpi=prepared.dpi,
        config=prepared.tesseract_config,
    )


def write_searchable_page(
    out: Path,
    prepared: PreparedPage,
    recognition: Recognition,
    dpi: int | None,
    options: OcrOptions,
) -> int:
    """Write the page as scanned (turned upright) with the text layer read from ``prepared``
    to ``out``; the dpi the page is shown at."""
    page_dpi = shown_dpi(prepared.upright, dpi)
    write_page_pdf(
        out,
        prepared.upright,
        page_dpi,
        recognition.text_only_pdf,
        (prepared.image.shape[1], prepared.image.shape[0]),
        prepared.to_upright,
        options.jpeg_quality,
    )
    return page_dpi


def ocr_page(
    page: PageInput, out: Path, options: OcrOptions, seen: PageQuality | None = None
) -> PageResult:
    """OCR one page image into the searchable page PDF ``out``; a PDF page made of text whose
    text can be trusted (``ocr.textlayer``) is not read again: its text is taken, and the
    page itself is its searchable copy.

    ``seen`` is the gate's verdict on the page when it was judged already (at the counter);
    without it the page is judged here."""
    image, dpi = page.image, page.dpi
    # Judged on the page as scanned, before preparation changes it.
    if not options.quality:
        seen = None
    elif seen is None:
        seen = assess_page(image, dpi, options.quality, page.scan_dpi)
    own = page.own_page
    text = own_text(page.text_layer) if own and page.text_layer else None
    if own and text is not None:
        out.write_bytes(own)
        return PageResult(
            index=page.index,
            text=text,
            mean_confidence=None,
            width_px=int(image.shape[1]),
            height_px=int(image.shape[0]),
            dpi=shown_dpi(image, dpi),
            details={"text_source": "pdf", "steps": []},
            quality=seen,
        )
    prepared, recognition = read_page(image, dpi, options, seen)
    page_dpi = write_searchable_page(out, prepared, recognition, dpi, options)
    quality = None
    if seen is not None:
        words = len(recognition.words)
        applied = {s.name for s in prepared.steps if s.applied}
        read = assess_ocr(
            recognition.mean_confidence,
            words,
            options.quality,
            mirrored="mirror" in applied,
            noise="specks" in applied,
            glare_veil="glare" in applied,
        )
        quality = combine(seen, read)
    return PageResult(
        index=page.index,
        text=recognition.text,
        mean_confidence=recognition.mean_confidence,
        width_px=int(prepared.upright.shape[1]),
        height_px=int(prepared.upright.shape[0]),
        dpi=page_dpi,
        details={"text_source": "ocr", "steps": [step.to_dict() for step in prepared.steps]},
        quality=quality,
    )


def ocr_to_pdf(
    pages: Iterable[PageInput],
    out_pdf: Path,
    workdir: Path,
    options: OcrOptions,
    on_page: Callable[[PageResult], None] | None = None,
    title: str = "",
    seen: Mapping[int, PageQuality] | None = None,
) -> list[PageResult]:
    """OCR every page into one searchable PDF; ``on_page`` reports progress as pages finish.

    ``seen`` holds the gate's verdicts (by page index) on the pages it judged at intake:
    those are kept (the clerk was told them) and completed with the OCR's confidence."""
    page_files: list[Path] = []
    results: list[PageResult] = []
    pdfa = True
    for page in pages:
        page_file = workdir / f"page-{page.index:05d}.pdf"
        result = ocr_page(page, page_file, options, seen.get(page.index) if seen else None)
        if result.details.get("text_source") == "pdf":
            # A page kept as it was made: PDF/A only if it can be as it is.
            pdfa = pdfa and pdfa_ready(page_file.read_bytes())
        del page
        page_files.append(page_file)
        results.append(result)
        if on_page:
            on_page(result)
    merge_pages(page_files, out_pdf, title=title, pdfa=pdfa)
    return results
