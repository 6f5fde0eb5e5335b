"""The quality gate at the counter: judge an accepted upload's pages before any OCR runs.

The clerk must hear within seconds that a page is unusable, while the citizen is still at the
counter. So the check renders PDF pages at a modest resolution (the gate itself works at
~100 dpi), stops after a page cap or a time budget, and says how many pages it looked at;
the worker judges every page again, with the OCR's confidence, when it reads them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocr.quality import PageQuality, QualityOptions, assess_page, summarise

from .pages import iter_pages

GATE_RENDER_DPI = 200
"""PDF pages are rendered this fine for the gate: a page of vector text must not look like a
low-resolution scan (200 dpi is the legal minimum), a scanned page is judged by its scan's
own resolution (``PageImage.scan_dpi``)."""


@dataclass(frozen=True)
class GateResult:
    pages: tuple[PageQuality, ...]
    page_count: int

    @property
    def complete(self) -> bool:
        return len(self.pages) >= self.page_count

    def summary(self, stage: str = "intake") -> dict[str, Any]:
        return summarise(self.pages, self.page_count, stage)


def check_pages(
    path: Path,
    media_type: str,
    page_count: int,
    options: QualityOptions,
    max_pages: int | None = None,
    budget_s: float | None = None,
) -> GateResult:
    """Judge the pages of a checked upload in order, up to ``max_pages`` or ``budget_s``.

    The first page is always judged, whatever the budget.
    """
    started = time.monotonic()
    verdicts: list[PageQuality] = []
    for page in iter_pages(path, media_type, GATE_RENDER_DPI, text_layers=False):
        verdicts.append(assess_page(page.image, page.dpi, options, scan_dpi=page.scan_dpi))
        del page
        if max_pages is not None and len(verdicts) >= max_pages:
            break
        if budget_s is not None and time.monotonic() - started >= budget_s:
            break
    return GateResult(pages=tuple(verdicts), page_count=page_count)
