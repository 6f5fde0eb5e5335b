"""Pages of specks: a photo of nothing (a pocket, a dark room's sensor noise) or a page drowned
in noise.

Tesseract's layout analysis looks at every speck: on such a page it finds tens of thousands
of "letters" and runs for minutes (a page of colour noise ran past the three-minute page
timeout and failed its document) to read junk. Print, even on grainy or dusty pages, makes
a few hundred shapes per page, few of them a couple of pixels big; noise makes hundreds per
square inch, most of them tiny. Such a page is set to plain paper before anything else is
done to it: the page stays in the document (its image is kept as scanned) with no text, and
the gate has already told the clerk it is unusable.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

PER_SQ_IN = 80.0
"""Shapes per square inch above which a page is specks, counted at half resolution after a
3x3 median, on the page as it came: print 12-30 (grain of sigma 90 included), noise
140-150."""
TINY_PX = 2
"""A speck is at most this many pixels (at half resolution)."""
TINY_SHARE = 0.3
"""Share of a page's shapes that are specks, above which it is noise (print: 0.04-0.11;
noise: 0.53-0.55)."""


@dataclass(frozen=True)
class Specks:
    per_sq_in: float
    """Shapes per square inch of paper."""
    tiny_share: float
    """Share of them that are specks."""

    @property
    def noise(self) -> bool:
        return self.per_sq_in >= PER_SQ_IN and self.tiny_share >= TINY_SHARE


def count_specks(grey: np.ndarray, dpi: int) -> Specks:
    """How strewn with specks the page (grey) is.

    Counted on a smoothed half-size copy: grain on a page of print merges into the paper
    there, while noise with nothing under it stays specks."""
    small = cv2.resize(grey, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(
        cv2.medianBlur(small, 3), 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU
    )
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    areas = stats[1:, cv2.CC_STAT_AREA]
    sq_in = grey.shape[0] * grey.shape[1] / float(dpi * dpi)
    tiny = float((areas <= TINY_PX).mean()) if areas.size else 0.0
    return Specks(round((n - 1) / max(sq_in, 1e-6), 1), round(tiny, 3))
