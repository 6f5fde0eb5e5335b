"""Show-through: the back page's print seen through thin paper, taken out of a crisp scan.

Administrative papers are printed on both sides of thin paper, so a scan of the front also
carries the back's print, mirrored and faint (grey 170-210 where the front is 20-60). The
eye skips it; Tesseract does not. Its layout reads the faint lines in the margins and
between the columns as text, which reorders the page, and the faint strokes between the
front's words come out as ``:`` and ``'``.

A page is a candidate when its tones say so (``measure_faint``):

- the front print is **crisp**: few pixels partway between ink and paper for each pixel of
  ink (a blurred page has many, and there a cut would eat the grey strokes of its letters);
- a **faint layer lies apart from the print**: many pixels 55-90 % of the way from ink to
  paper, farther from any ink than a blurred letter's halo reaches.

Tones alone cannot tell the back's print from the front's own faint print (a worn copy
with a fresh dark signature) or a card's background pattern, and clearing those would lose
words. What only the back's print has is that it is **mirrored**: the pipeline reads a band
of the faint layer (``faint_sample``) mirrored, and straight, and clears the layer only when
the mirrored reading is sure and clearly surer (``ocr.prepare._show_through``). The grain of a
dim shot is a faint layer in tones too, but of specks where the back's print is strokes
(``stroke_share``); it is not read, as Tesseract spends seconds on its specks.

Clearing (``clear_faint``) keeps the tones of print as they are and turns everything
lighter than ``CUT`` of the way from ink to paper into paper. Only the image Tesseract reads
changes; the page shown in the searchable PDF keeps the back's print as the paper has it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np

CRISP_MAX = 0.35
"""Pixels partway between ink and paper per pixel of ink, at most, for a crisp page. Crisp
scans of the benchmark corpora measure up to about 0.3; blurred, enlarged 150 dpi or shaken
ones about 0.5 and more."""
FAINT_MIN = 0.4
"""Far faint pixels per pixel of ink, at least, for a faint layer. Show-through measures
0.45-1.6; clean pages without a background pattern 0.2 at most."""
FAINT = (0.55, 0.9)
"""Tones this share of the way from ink to paper are faint: show-through at a quarter of
the back's ink lies at 0.7-0.8."""
KNEE = 0.45
"""Tones up to this share of the way from ink to paper are kept as they are: the front's
grey print (an ID card's grey subheadings lie at 0.5-0.6)..."""
CUT = 0.65
"""... and from this share on they become paper, with a ramp between."""
SAMPLE_IN = 3.0
"""Height of the band of the faint layer read to confirm it is the back's print."""
REACH_IN = 1 / 30
"""A blurred letter's halo reaches this far (inches) from its ink; faint pixels farther
away are the faint layer's."""
SPECK_IN = 0.015
"""Marks of the faint sample smaller than this square (inches) are specks, not strokes."""
MIN_STROKES = 0.8
"""Share of the faint sample's marks that must be strokes for it to be read. The back's
print measures 0.98 and more; the grain of a noisy page (sigma 25-40) about 0.4, and
Tesseract takes 5-10 s over its thousands of specks to find nothing."""


@dataclass(frozen=True)
class FaintLayer:
    """What the page's tones say about a faint layer."""

    ink: float
    """Level of the print (30th percentile of the dark pixels)."""
    paper: float
    """Level of the paper (90th percentile of the page)."""
    crisp: float
    """Pixels 30-55 % of the way from ink to paper per pixel of ink: low for sharp print."""
    faint: float | None = None
    """Faint pixels far from the print, per pixel of ink (None: not measured, ruled out)."""

    def level(self, share: float) -> float:
        """The grey level ``share`` of the way from ink to paper."""
        return _tone(self.ink, self.paper, share)

    @property
    def present(self) -> bool:
        return self.crisp <= CRISP_MAX and self.faint is not None and self.faint >= FAINT_MIN

    def to_dict(self) -> dict[str, float | None]:
        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 3)

        return {
            "ink": self.ink,
            "paper": self.paper,
            "crisp": r(self.crisp),
            "faint": r(self.faint),
        }


def _percentile(hist: np.ndarray, q: float) -> float:
    """The ``q`` percentile (0-100) of the grey levels counted in ``hist``."""
    cum = np.cumsum(hist)
    return float(np.searchsorted(cum, cum[-1] * q / 100.0))


def _tone(ink: float, paper: float, share: float) -> float:
    return ink + share * max(1.0, paper - ink)


def _near_print(grey: np.ndarray, layer: FaintLayer, dpi: float) -> np.ndarray:
    """Mask of the print and of as far round it as a blurred letter's halo reaches."""
    core = cv2.inRange(grey, 0, int(np.ceil(layer.level(0.3))) - 1)
    # A square reach: OpenCV dilates with a rectangle in two cheap passes.
    side = 2 * max(3, round(dpi * REACH_IN)) + 1
    return cv2.dilate(core, cv2.getStructuringElement(cv2.MORPH_RECT, (side, side)))


def measure_faint(grey: np.ndarray, dpi: float) -> FaintLayer | None:
    """The page's faint-layer measures; None for a page with (almost) no dark print.

    The tone counts come first and are cheap; where they already rule a faint layer out
    (blurred print, or too few faint pixels anywhere), the far-from-print ones are not
    taken and stay None.
    """
    hist = cv2.calcHist([grey], [0], None, [256], [0, 256]).ravel()
    paper = _percentile(hist, 90)
    dark = hist[: int(0.5 * paper)]
    if dark.sum() < 0.002 * grey.size:
        return None
    ink = _percentile(dark, 30)

    def at(share: float) -> float:
        return _tone(ink, paper, share)

    levels = np.arange(256)
    core_n = max(1.0, float(hist[levels < at(0.3)].sum()))
    crisp = float(hist[(levels >= at(0.3)) & (levels < at(0.55))].sum()) / core_n
    faint_n = float(hist[(levels >= at(FAINT[0])) & (levels < at(FAINT[1]))].sum())
    layer = FaintLayer(ink, paper, crisp)
    if crisp > CRISP_MAX or faint_n < FAINT_MIN * core_n:
        return layer

    far = cv2.bitwise_not(_near_print(grey, layer, dpi))
    faint = cv2.inRange(grey, int(np.ceil(at(FAINT[0]))), int(np.ceil(at(FAINT[1]))) - 1)
    return replace(layer, faint=cv2.countNonZero(cv2.bitwise_and(far, faint)) / core_n)


def faint_sample(grey: np.ndarray, layer: FaintLayer, dpi: float) -> np.ndarray:
    """The faint layer alone, dark on white, in the band of rows ``SAMPLE_IN`` high where
    most of it lies: what is read to tell the back's print (mirrored) from the front's."""
    lo, hi = layer.level(FAINT[0]), layer.level(0.95)
    levels = np.arange(256, dtype=np.float32)
    lut = (np.clip((levels - lo) / max(1.0, hi - lo), 0.0, 1.0) * 255).round().astype(np.uint8)
    faint = cv2.LUT(grey, lut)
    faint[_near_print(grey, layer, dpi) > 0] = 255
    band = min(grey.shape[0], max(1, round(SAMPLE_IN * dpi)))
    ink_rows = np.cumsum(np.concatenate([[0], (faint < 128).sum(axis=1)]))
    sums = ink_rows[band:] - ink_rows[:-band]
    top = int(np.argmax(sums))
    return np.ascontiguousarray(faint[top : top + band])


def stroke_share(sample: np.ndarray, dpi: float) -> float:
    """Share of ``faint_sample``'s marks (below its Otsu threshold, as Tesseract cuts it)
    that lie in marks bigger than a speck."""
    _, marks = cv2.threshold(sample, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    _, _, stats, _ = cv2.connectedComponentsWithStats(marks, connectivity=8)
    areas = stats[1:, cv2.CC_STAT_AREA]
    total = int(areas.sum())
    if total == 0:
        return 0.0
    return float(areas[areas >= (SPECK_IN * dpi) ** 2].sum()) / total


def clear_faint(grey: np.ndarray, layer: FaintLayer) -> np.ndarray:
    """Tones up to ``KNEE`` of the way from ink to paper stay, from ``CUT`` on they are
    paper, and between they ramp up to it."""
    knee, cut = layer.level(KNEE), layer.level(CUT)
    levels = np.arange(256, dtype=np.float32)
    ramp = np.clip((levels - knee) / max(1.0, cut - knee), 0.0, 1.0)
    lut = np.where(levels <= knee, levels, knee + ramp * (255.0 - knee))
    return cv2.LUT(grey, lut.round().astype(np.uint8))


__all__ = ["FaintLayer", "clear_faint", "faint_sample", "measure_faint", "stroke_share"]
