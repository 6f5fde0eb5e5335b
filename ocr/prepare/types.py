"""Options, results and the per-stage record of page preparation."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np


@dataclass(frozen=True)
class PrepareOptions:
    """What preparation may do to a page, and the thresholds that decide when."""

    positive: bool = True
    """Turn a negative page (white print on black) positive (``ocr.prepare.negative``)."""
    find_page: bool = True
    """Find the paper in a photo and undo the perspective."""
    suppress_seals: bool = True
    """Lighten round red seals so the black text under them is read."""
    invert_bands: bool = True
    """Turn over dark bands printed with light letters (``ocr.prepare.invert``)."""
    normalise_light: bool = True
    """Divide out shadows and uneven light."""
    remove_glare: bool = True
    """Bring back the print under a glare's veil, a plastic sleeve's (``ocr.prepare.glare``)."""
    denoise: bool = True
    remove_streaks: bool = True
    """Redraw the lines a sheet-fed scanner's dust draws down the page."""
    remove_creases: bool = True
    """Redraw a fold's line through the print, which Tesseract takes for a column rule."""
    deskew: bool = True
    orient: bool = True
    """Turn pages that lie sideways or upside down (0/90/180/270)."""
    crop: bool = True
    """Cut the image Tesseract reads to the printed area (margins and background go)."""
    remove_marks: bool = True
    """Take out rings drawn in dark pen round a line (``ocr.prepare.marks``)."""
    undither: bool = True
    """Average a dithered black-and-white scan back into greys (``ocr.prepare.dither``)."""
    join_dots: bool = True
    """Join the dots of a dot-matrix print into strokes (``ocr.prepare.dots``)."""
    clear_noise_pages: bool = True
    """Set a page of nothing but specks to paper instead of reading it for minutes
    (``ocr.prepare.specks``)."""
    restore_bands: bool = True
    """Darken pale bands across the print, a clogged inkjet's (``ocr.prepare.banding``)."""
    deblur: bool = True
    """Undo a straight smear: the camera or the scanner's head moved, or a photo taken at a
    slant was stretched flat (``ocr.prepare.motion``)."""
    upscale: bool = True
    clear_show_through: bool = True
    """Clear the back page's print seen through thin paper (``ocr.prepare.backside``)."""

    upscale_below_dpi: int = 200
    """Scans below this effective dpi are enlarged before recognition."""
    target_dpi: int = 230
    """Low-resolution scans are enlarged to at least this: 12-13 pt letters are then 27-30 px
    high, which is what Tesseract reads best (``ocr.prepare.scale.READ_BEST_PX``). 250 and
    300 dpi read no better and cost more pixels."""
    max_upscale: float = 2.5
    reduce_above_dpi: int = 400
    """Scans finer than this (600 dpi) are brought down ..."""
    reduce_to_dpi: int = 300
    """... to this before the other stages: their letters stay above ``min_text_height_px``
    and every stage after costs a quarter."""
    min_text_height_px: float = 24.0
    """Text whose letters (median height, about the cap height) are smaller than this many
    pixels is enlarged to ~30 px whatever the dpi (small print, ID cards)."""
    min_skew_deg: float = 0.15
    """Smaller skews are left alone: rotating costs sharpness and gains nothing."""
    light_unevenness: float = 0.08
    """Normalise light when the paper's brightness varies by more than this share."""
    noise_sigma: float = 3.0
    """Denoise when the estimated noise (grey levels) is above this."""
    speck_density: float = 1.0
    """... or when there are more isolated specks than this per thousand pixels. Readable
    scans of the benchmark corpora have at most 0.6; a page sprinkled with dust, 5 or more."""
    deblur_min_in: float = 0.02
    """Shorter shakes (6 px at 300 dpi) are left: Tesseract reads through them, and nearer
    dips in the spectrum are the strokes' own width (2-6 px on the pages measured)."""
    deblur_min_strength: float = 6.0
    """The cepstrum's dip must stand this many deviations out (``ocr.prepare.motion``):
    shaken pages measured 6.6-55, pages that are not shaken reach 20 but at stroke width..."""
    deblur_max_ratio: float = 0.75
    """... and the edges along the shake must be this much flatter than across it: shaken
    pages measured 0.13-0.69, flat scans that are not shaken 0.6 and up. Photos stretched
    flat from a slant measured down to 0.46: they are smeared along the stretch."""
    deblur_min_gain: int = 1
    """A page that passes both is deblurred only if the band of text with the most ink then
    has this many more words read at confidence 80 or above. Shaken pages gained 1-36 (20 of
    21 measured; the other gained none and is left as scanned); an ID card whose pattern
    passed the spectral tests went from 21 to 0 (CER 0.01 -> 0.81 had it been deblurred)."""
    deblur_band_in: float = 2.0
    """Height of that band."""
    deblur_nsr: float = 0.01
    """Wiener noise-to-signal ratio: lower restores more and rings more. Of 0.005, 0.01 and
    0.02 on four shaken pages, 0.01 was best or tied on three; 0.005 rang round a signature
    and broke that block's layout."""
    show_through_confidence: float = 60.0
    """A faint layer is the back's print when read mirrored its words reach this mean
    confidence (show-through measured 72-88, card backgrounds and faded print 20-45)..."""
    show_through_margin: float = 20.0
    """... and this much more than read straight (show-through straight: 31-49)."""
    osd_min_confidence: float = 1.5
    """Tesseract OSD answers below this confidence are ignored."""
    orientation_margin: float = 0.12
    """Own up/down test: below this margin it asks Tesseract OSD instead."""
    glare_min_gain: int = 3
    """The print under a glare is brought back only if the veil's area then has this many
    more words read at confidence 80 or above: a page whose pale print is its own (a
    signature, a photo's background round a card) reads no better for it."""
    check_timeout_s: float = 5.0
    """A stage's own Tesseract run (the orientation's OSD, the motion and show-through
    checks) given up after this long: the stage is then not applied, and the page goes on.
    They read a small copy or a few inches of the page, in well under a second."""


@dataclass(frozen=True)
class StepRecord:
    """What one stage did; JSON-serialisable through ``to_dict``."""

    name: str
    applied: bool
    params: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["params"] = _jsonable(self.params)
        out["seconds"] = round(self.seconds, 4)
        return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return _jsonable(value.tolist())
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return round(float(value), 4)
    if isinstance(value, float):
        return round(value, 4)
    return value


@dataclass(frozen=True)
class PreparedPage:
    image: np.ndarray
    """What Tesseract reads: greyscale, upright, deskewed, perspective undone, at ``dpi``."""
    upright: np.ndarray
    """The original page only turned upright (quarter turns): what the searchable PDF shows."""
    to_upright: np.ndarray
    """3x3 matrix taking ``image`` pixel coordinates to ``upright`` pixel coordinates. It is
    affine (last row 0 0 1) unless the perspective of a photo was undone."""
    dpi: int
    """Effective dpi of ``image``."""
    steps: list[StepRecord]
    tesseract_config: tuple[str, ...] = ()
    """``-c`` settings for ``ocr.tesseract.recognize(..., config=...)`` chosen for this page:
    local (Sauvola) thresholding for enlarged low-resolution scans."""
