"""Page preparation before recognition, in the order the stages run:

1. ``negative``      white print on black (a microfilm print) turned positive
2. ``dither``        a dithered black-and-white scan averaged back into greys
3. ``specks``        a page of nothing but specks (noise) set to paper, not read for minutes
4. ``page``          find the paper in a photo and undo the perspective (an ID card
                     photographed alone, a small part of the frame, is flattened to its
                     85.6 x 54 mm and its dpi taken from that)
5. ``reduce``        bring a very fine scan (600 dpi) down to 300 dpi
6. ``dots``          join the dots of a dot-matrix print into strokes
7. ``seals``         colour to grey, lightening seals and stamps over the text (grey seals
                     too), blue pen strokes across the print and the red pattern of
                     security paper
8. ``invert``        turn over dark bands printed with light letters (title bars)
9. ``light``         divide out shadows and uneven light, darken faint print
10. ``glare``        bring back the print paled by a glare's veil (a plastic sleeve, a lamp)
11. ``denoise``      a 3x3 median where there is grain or dust; loose toner specks painted
                     out one by one where a worn printer strewed them
12. ``streaks``      redraw a scanner's streaks down the page from the paper beside them
13. ``deskew``       straighten the text lines (up to +-45 degrees)
14. ``orientation``  quarter turns: sideways or upside-down pages
15. ``creases``      redraw a fold's line through the print from the paper beside it
16. ``crop``         cut the image Tesseract reads to the printed area
17. ``banding``      darken pale bands across the print (a clogged inkjet, a worn drum)
18. ``marks``        take out a ring drawn in black pen round a line
19. ``motion``       undo a straight shake of the camera or the scanner (Wiener)
20. ``upscale``      enlarge low-resolution scans and small print
21. ``show_through`` clear the back page's print seen through thin paper (read mirrored)

Each stage decides for itself whether the page needs it and records what it did, so a clean
scan passes through untouched. The original is never modified: ``PreparedPage.upright`` is
the original only turned upright, and ``to_upright`` maps the prepared image's pixels onto
it, which is how the text layer is laid over the page as scanned.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import cv2
import numpy as np

from ..errors import OcrTimeout, UnreadableImage
from ..tesseract import Word, read_words
from .backside import (
    CRISP_MAX,
    MIN_STROKES,
    FaintLayer,
    clear_faint,
    faint_sample,
    measure_faint,
    stroke_share,
)
from .banding import restore_bands
from .creases import remove_creases
from .crop import letters_box, print_box
from .denoise import denoise
from .deskew import estimate_skew, rotate
from .dither import undither
from .dots import join_dots
from .glare import remove_glare
from .invert import invert_bands
from .light import normalise_light
from .marks import remove_marks
from .measure import (
    as_uint8,
    dpi_from_size,
    ink_mask,
    is_card,
    is_colour,
    plausible_dpi,
    shrink,
    text_height,
    to_grey,
)
from .motion import REACH, deconvolve, estimate_motion, line_kernel, text_band
from .negative import WORK_DPI as NEGATIVE_DPI
from .negative import is_negative
from .orientation import detect
from .page import PageSearch, find_page, warp_page
from .scale import reduce_factor, upscale, upscale_factor
from .seal import is_round, suppress_grey_seals, suppress_seals
from .specks import count_specks
from .streaks import remove_streaks
from .types import PreparedPage, PrepareOptions, StepRecord

CROP_MARGIN_IN = 0.25
"""Paper kept round the printed area: Tesseract wants some white around the text."""
MIN_SHAKE_PX = 4.0
"""Dips nearer than this are the strokes' own width whatever the resolution."""
WORK_DPI = 110
"""Resolution of the small copy used to measure text, skew and orientation."""
ORIENT_MIN_PX = 8.0
ORIENT_LETTER_PX = 12.0
"""Letters under ``ORIENT_MIN_PX`` high in the small copy are judged upright or upside down
on a copy where they are ``ORIENT_LETTER_PX`` high: on 20 card fronts every upright one then
scored +0.18 or more, every one upside down -0.18 or less (margin 0.12)."""
SURE_SKEW = 1.5
"""Skew confidence above which the text lines' direction is known: the page is straightened
by the angle, and lines running down say it lies sideways. Sideways pages score 1.8-3.3; a
page drowned in noise scored 1.36 "sideways" and was turned 90 degrees from upright."""
GREY_SEAL_IN_COLOUR_IN = 0.8
"""Smallest grey seal sought on a colour page (inches across). An agency's round seal is
1.2-1.7 in; blurred grey print of a low-resolution photo can pass for a smaller one."""


class _Run:
    """The page as it goes through the stages, and the record of what each did."""

    def __init__(self, original: np.ndarray, dpi: int, language: str) -> None:
        self.original = original
        self.language = language
        """Tesseract language(s) of the stages' check reads: the page's OCR language."""
        self.image: np.ndarray = original
        self.dpi = dpi
        self.to_current = np.eye(3)
        """Original pixels -> current image pixels."""
        self.quarter = 0
        self.steps: list[StepRecord] = []
        self.seals: list[tuple[int, int, int, int]] = []
        """Boxes of the seals lightened, in the image as it was then (``seals_frame``)."""
        self.seals_frame: tuple[np.ndarray, tuple[int, int]] = (np.eye(3), (0, 0))
        """``to_current`` and the image's (height, width) when the seals were lightened."""
        self._faint: tuple[np.ndarray, FaintLayer | None] | None = None

    def faint(self) -> FaintLayer | None:
        """The tone survey of the current image (``measure_faint``), taken once per image:
        the motion and show-through stages both read it, and most pages reach the second
        unchanged."""
        if self._faint is None or self._faint[0] is not self.image:
            self._faint = (self.image, measure_faint(self.image, self.dpi))
        return self._faint[1]

    def record(self, name: str, fn: Callable[[], tuple[bool, dict[str, Any]]]) -> None:
        t = time.perf_counter()
        applied, params = fn()
        self.steps.append(StepRecord(name, applied, params, time.perf_counter() - t))

    def transform(self, matrix: np.ndarray) -> None:
        self.to_current = matrix @ self.to_current


def _quarter_matrix(clockwise: int, width: int, height: int) -> np.ndarray:
    """Pixel mapping of ``np.rot90(img, -clockwise // 90)`` for an image ``width`` x ``height``."""
    k = (clockwise // 90) % 4
    if k == 0:
        return np.eye(3)
    if k == 1:  # clockwise: (x, y) -> (h - 1 - y, x)
        return np.array([[0, -1, height - 1], [1, 0, 0], [0, 0, 1]], float)
    if k == 2:
        return np.array([[-1, 0, width - 1], [0, -1, height - 1], [0, 0, 1]], float)
    return np.array([[0, 1, 0], [-1, 0, width - 1], [0, 0, 1]], float)  # counter-clockwise


def _turn(image: np.ndarray, clockwise: int) -> np.ndarray:
    return np.ascontiguousarray(np.rot90(image, -(clockwise // 90)))


def _work_mask(grey: np.ndarray, dpi: int) -> tuple[np.ndarray, float]:
    f = min(1.0, WORK_DPI / max(dpi, 1))
    small = shrink(grey, f)
    return ink_mask(small), f


def prepare_page(
    image: np.ndarray,
    dpi: int | None,
    options: PrepareOptions,
    language: str = "vie",
    search: PageSearch | None = None,
) -> PreparedPage:
    """Prepare one page image (RGB or grey array) for Tesseract; see the module docstring.

    ``language`` is the OCR's: the stages that check a change by reading (motion,
    show-through) read in it, so a page in another script is judged by its own words.
    ``search`` is what the gate found looking for the paper on this image: the page stage
    warps by it rather than look again."""
    try:
        original = as_uint8(image)
    except (TypeError, ValueError) as exc:
        raise UnreadableImage(str(exc)) from exc
    if original.ndim not in (2, 3) or min(original.shape[:2]) < 16:
        raise UnreadableImage(f"image of shape {original.shape} is not a page")
    declared = plausible_dpi(dpi, original.shape)
    run = _Run(original, declared or dpi_from_size(original.shape), language)
    run.record("negative", lambda: _negative(run, options))
    run.record("dither", lambda: _dither(run, options))
    run.record("specks", lambda: _specks(run, options))
    run.record("page", lambda: _page(run, options, declared, search))
    run.record("reduce", lambda: _reduce(run, options))
    run.record("dots", lambda: _dots(run, options))
    run.image = _seals(run, options)
    run.record("invert", lambda: _invert(run, options))
    grey = run.image
    # One small copy (~110 dpi) serves text size, skew and orientation; it is turned with
    # the page rather than shrunk again.
    mask, f = _work_mask(grey, run.dpi)
    small_h = text_height(mask)
    char_px = small_h / f if small_h else None
    run.image = grey
    run.record("light", lambda: _light(run, options, char_px))
    run.record("glare", lambda: _glare(run, options))
    run.record("denoise", lambda: _denoise(run, options))
    run.record("streaks", lambda: _streaks(run, options))
    vertical, mask = _deskew(run, options, mask)
    run.record("orientation", lambda: _orient(run, options, vertical, mask, small_h, char_px))
    mask = _turn(mask, run.quarter)  # the small copy follows the page
    run.record("creases", lambda: _creases(run, options, char_px, mask, f))
    run.record("crop", lambda: _crop(run, options, char_px, mask, f))
    run.record("banding", lambda: _banding(run, options))
    run.record("marks", lambda: _marks(run, options))
    run.record("motion", lambda: _motion(run, options))
    run.record("upscale", lambda: _upscale(run, options, char_px))
    run.record("show_through", lambda: _show_through(run, options))
    upright = _turn(run.original, run.quarter)
    h, w = run.original.shape[:2]
    to_upright = _quarter_matrix(run.quarter, w, h) @ np.linalg.inv(run.to_current)
    to_upright /= to_upright[2, 2]
    enlarged = any(s.name == "upscale" and s.applied for s in run.steps)
    # Tesseract's global Otsu threshold suits clean scans; enlarged low-resolution ones
    # read better with its local (Sauvola) threshold.
    config = ("thresholding_method=2", "thresholding_window_size=0.5") if enlarged else ()
    return PreparedPage(run.image, upright, to_upright, int(round(run.dpi)), run.steps, config)


def _negative(run: _Run, options: PrepareOptions) -> tuple[bool, dict[str, Any]]:
    if not options.positive:
        return False, {"reason": "disabled"}
    # A test made at 100 dpi: every n-th pixel is plenty, and a strided copy is cheap.
    n = max(1, int(run.dpi // NEGATIVE_DPI))
    if not is_negative(to_grey(np.ascontiguousarray(run.image[::n, ::n])), run.dpi / n):
        return False, {}
    run.image = 255 - run.image
    return True, {"inverted": True}


def _dither(run: _Run, options: PrepareOptions) -> tuple[bool, dict[str, Any]]:
    if not options.undither:
        return False, {"reason": "disabled"}
    res = undither(run.image)
    params: dict[str, Any] = {"bilevel": round(res.bilevel, 4)}
    if res.paper_dots is not None:
        params["paper_dots"] = round(res.paper_dots, 4)
    if res.grey is None:
        return False, params
    run.image = res.grey
    return True, params


def _page(
    run: _Run, options: PrepareOptions, declared: int | None, search: PageSearch | None
) -> tuple[bool, dict[str, Any]]:
    if not options.find_page:
        return False, {"reason": "disabled"}
    # The gate's search serves only if made on this very image (checked by its fingerprint).
    if search is not None and search.serves(run.image):
        quad, searched = search.quad, "at intake"
    else:
        quad, searched = find_page(run.image), "here"
    if quad is None:
        return False, {
            "dpi": run.dpi,
            "dpi_source": "declared" if declared else "page size",
            "searched": searched,
        }
    warped, hmat = warp_page(run.image, quad)
    run.image = warped
    run.transform(hmat)
    # A page filling the photo may look like a card under perspective; a small paper, or
    # one longer than any paper, warped to a card's proportions is one.
    card = quad.card and is_card(warped.shape)
    if not declared:
        run.dpi = dpi_from_size(warped.shape, card=card)
    return True, {
        "corners": quad.corners.round(1),
        "area_share": quad.area_share,
        "open_sides": list(quad.open_sides),
        "size": [warped.shape[1], warped.shape[0]],
        "dpi": run.dpi,
        "dpi_source": "declared" if declared else ("card size" if card else "page size"),
        "searched": searched,
    }


def _dots(run: _Run, options: PrepareOptions) -> tuple[bool, dict[str, Any]]:
    if not options.join_dots:
        return False, {"reason": "disabled"}
    res = join_dots(run.image, run.dpi)
    params: dict[str, Any] = {"lattice": list(res.lattice)}
    if res.image is None:
        return False, params
    run.image = res.image
    return True, params | {"pitch": list(res.pitch or ())}


def _reduce(run: _Run, options: PrepareOptions) -> tuple[bool, dict[str, Any]]:
    if run.dpi <= options.reduce_above_dpi:
        return False, {"dpi": run.dpi}
    f = min(1.0, WORK_DPI / run.dpi)
    small_h = text_height(ink_mask(to_grey(shrink(run.image, f))))  # shrunk first: 1/30 the pixels
    char_px = small_h / f if small_h else None
    factor = reduce_factor(
        run.dpi,
        char_px,
        options.reduce_above_dpi,
        options.reduce_to_dpi,
        options.min_text_height_px,
    )
    return _rescale(run, factor, char_px)


def _rescale(run: _Run, factor: float, char_px: float | None) -> tuple[bool, dict[str, Any]]:
    """Scale the page by ``factor`` (1.0: leave it), the record of the ``reduce`` and
    ``upscale`` stages."""
    params: dict[str, Any] = {"factor": factor, "dpi_before": run.dpi, "text_px": char_px}
    if factor == 1.0:
        return False, params
    run.image = upscale(run.image, factor) if factor > 1 else shrink(run.image, factor)
    run.transform(np.diag([factor, factor, 1.0]))
    run.dpi = round(run.dpi * factor)
    params["dpi_after"] = run.dpi
    return True, params


def _seals(run: _Run, options: PrepareOptions) -> np.ndarray:
    t = time.perf_counter()
    img = run.image
    run.seals_frame = (run.to_current.copy(), (img.shape[0], img.shape[1]))
    if img.ndim == 3 and options.suppress_seals and is_colour(img):
        res = suppress_seals(img, run.dpi)
        params: dict[str, Any] = {
            "seals": res.seals,
            "red_share": res.red_share,
            "blue_share": res.blue_share,
        }
        if res.pattern_red is not None:
            params["pattern_red"] = res.pattern_red
        # A black-and-white copy photographed in colour: its seal is grey, not red. So is a
        # red seal too faded (or too crossed out by a signature) to be found by its colour.
        # Where a round seal was found by its colour, the page's seal is dealt with: the slower
        # search for a grey ring broken into arcs is left out (not after a framed stamp only:
        # a faded red seal may be beside it).
        grey, grey_seals = suppress_grey_seals(
            res.grey,
            run.dpi,
            avoid=res.seals,
            min_in=GREY_SEAL_IN_COLOUR_IN,
            arcs=not any(is_round(s) for s in res.seals),
        )
        if grey_seals:
            params["grey_seals"] = grey_seals
        if res.strokes:
            params["pen_strokes"] = res.strokes
        applied = bool(res.seals or grey_seals or res.strokes) or res.pattern_red is not None
        run.steps.append(StepRecord("seals", applied, params, time.perf_counter() - t))
        run.seals = [*res.seals, *grey_seals]
        return grey
    grey = to_grey(img)
    if not options.suppress_seals:
        run.steps.append(
            StepRecord("seals", False, {"reason": "disabled"}, time.perf_counter() - t)
        )
        return grey
    grey, seals = suppress_grey_seals(grey, run.dpi)
    run.seals = list(seals)
    run.steps.append(
        StepRecord("seals", bool(seals), {"seals": seals, "colour": False}, time.perf_counter() - t)
    )
    return grey


def _invert(run: _Run, options: PrepareOptions) -> tuple[bool, dict[str, Any]]:
    if not options.invert_bands:
        return False, {"reason": "disabled"}
    res = invert_bands(run.image, run.dpi)
    run.image = res.grey
    return bool(res.bands), {"bands": res.bands}


def _light(
    run: _Run, options: PrepareOptions, char_px: float | None
) -> tuple[bool, dict[str, Any]]:
    if not options.normalise_light:
        return False, {"reason": "disabled"}
    res = normalise_light(run.image, char_px or run.dpi / 12, options.light_unevenness)
    run.image = res.grey
    params: dict[str, Any] = {"unevenness": res.unevenness, "paper_level": res.paper_level}
    if res.ink_level is not None:
        params["ink_level"] = res.ink_level
    return res.applied, params


def _glare(run: _Run, options: PrepareOptions) -> tuple[bool, dict[str, Any]]:
    if not options.remove_glare:
        return False, {"reason": "disabled"}
    res = remove_glare(run.image, run.dpi, _seal_area(run, round(run.dpi * 0.1)))
    params: dict[str, Any] = {"tiles": res.tiles, "lift": round(res.lift, 1)}
    if res.box is None:
        return False, params
    # Tesseract thresholds the whole page once; read alone, the veil's area would get a
    # threshold of its own and read its pale print. So both are read as the page's one
    # threshold sees them.
    x, y, w, h = res.box
    area = np.s_[y : y + h, x : x + w]
    limit, _ = cv2.threshold(run.image, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    before, after = _binary(run.image[area], limit), _binary(res.grey[area], limit)
    if not _reads_better(run, options, before, after, options.glare_min_gain, params):
        return False, params
    run.image = res.grey
    return True, params


def _binary(grey: np.ndarray, limit: float) -> np.ndarray:
    return np.where(grey > limit, 255, 0).astype(np.uint8)


def _denoise(run: _Run, options: PrepareOptions) -> tuple[bool, dict[str, Any]]:
    if not options.denoise:
        return False, {"reason": "disabled"}
    res = denoise(run.image, options.noise_sigma, options.speck_density)
    run.image = res.grey
    params = {"sigma": res.sigma, "kernel": res.kernel, "specks": round(res.specks, 2)}
    if not res.kernel:
        params["loose"] = round(res.loose, 2)
    return res.applied, params


def _streaks(run: _Run, options: PrepareOptions) -> tuple[bool, dict[str, Any]]:
    if not options.remove_streaks:
        return False, {"reason": "disabled"}
    res = remove_streaks(run.image, run.dpi)
    run.image = res.grey
    return bool(res.bands), {"columns": res.bands}


def _paper(grey: np.ndarray) -> int:
    return int(np.percentile(grey[::8, ::8], 90))


def _deskew(run: _Run, options: PrepareOptions, mask: np.ndarray) -> tuple[bool, np.ndarray]:
    t = time.perf_counter()
    skew = estimate_skew(mask) if options.deskew else None
    params: dict[str, Any] = {}
    applied = False
    vertical = False
    if skew is not None:
        # Unsure lines say nothing of which way the page lies: orientation asks OSD.
        vertical = skew.vertical and skew.confidence > SURE_SKEW
        params = {"angle": skew.angle, "vertical": skew.vertical, "confidence": skew.confidence}
        if abs(skew.angle) >= options.min_skew_deg and skew.confidence > SURE_SKEW:
            run.image, m = rotate(run.image, -skew.angle, _paper(run.image))
            run.transform(m)
            mask, _ = rotate(mask, -skew.angle, 0)
            mask = ((mask > 127) * 255).astype(np.uint8)
            applied = True
    else:
        params = {"reason": "disabled" if not options.deskew else "no text lines"}
    run.steps.append(StepRecord("deskew", applied, params, time.perf_counter() - t))
    return vertical, mask


def _orient(
    run: _Run,
    options: PrepareOptions,
    vertical: bool,
    mask: np.ndarray,
    small_px: float | None,
    char_px: float | None,
) -> tuple[bool, dict[str, Any]]:
    """``small_px``: the letters' height in ``mask`` (the small copy), ``char_px`` in the page."""
    if not options.orient:
        return False, {"reason": "disabled"}
    if small_px and char_px and small_px < ORIENT_MIN_PX:
        # A card's print in the small copy is some 5 px high, too little to show which way up
        # it is (upright cards scored -0.25 to +0.42): judge a finer copy of the page.
        mask = ink_mask(shrink(run.image, min(1.0, ORIENT_LETTER_PX / char_px)))
    o = detect(
        mask,
        vertical,
        run.image,
        options.orientation_margin,
        options.osd_min_confidence,
        options.check_timeout_s,
    )
    params = {"angle": o.angle, "method": o.method, "score": o.score, "lines": o.lines}
    if o.angle == 0:
        return False, params
    h, w = run.image.shape[:2]
    run.image = _turn(run.image, o.angle)
    run.transform(_quarter_matrix(o.angle, w, h))
    run.quarter = o.angle
    return True, params


def _creases(
    run: _Run, options: PrepareOptions, char_px: float | None, mask: np.ndarray, f: float
) -> tuple[bool, dict[str, Any]]:
    if not options.remove_creases:
        return False, {"reason": "disabled"}
    if not char_px:
        return False, {"reason": "no text size"}
    box = letters_box(mask, char_px * f, in_words=True)
    if box is None:
        return False, {"reason": "too little print"}
    left, top, right, bottom = (int(round(v / f)) for v in box)
    res = remove_creases(run.image, run.dpi, (left, top, right, bottom))
    run.image = res.grey
    return bool(res.creases), {
        "creases": [
            {"vertical": c.vertical, "line": [round(v) for v in (*c.start, *c.end)]}
            for c in res.creases
        ]
    }


def _crop(
    run: _Run, options: PrepareOptions, char_px: float | None, mask: np.ndarray, f: float
) -> tuple[bool, dict[str, Any]]:
    if not options.crop:
        return False, {"reason": "disabled"}
    if not char_px:
        return False, {"reason": "no text size"}
    margin = max(3 * char_px, CROP_MARGIN_IN * run.dpi)
    box = print_box(mask, char_px * f, margin * f)
    if box is None:
        return False, {}
    x0, y0 = int(box.left / f), int(box.top / f)
    x1 = min(run.image.shape[1], int(np.ceil(box.right / f)))
    y1 = min(run.image.shape[0], int(np.ceil(box.bottom / f)))
    run.image = np.ascontiguousarray(run.image[y0:y1, x0:x1])
    run.transform(np.array([[1.0, 0.0, -x0], [0.0, 1.0, -y0], [0.0, 0.0, 1.0]]))
    return True, {"box": [x0, y0, x1 - x0, y1 - y0], "saving": round(box.saving, 3)}


def _specks(run: _Run, options: PrepareOptions) -> tuple[bool, dict[str, Any]]:
    if not options.clear_noise_pages:
        return False, {"reason": "disabled"}
    grey = to_grey(run.image)
    specks = count_specks(grey, run.dpi)
    if specks.noise:
        run.image = np.full_like(run.image, int(np.percentile(grey[::4, ::4], 90)))
    return specks.noise, {"per_sq_in": specks.per_sq_in, "tiny_share": specks.tiny_share}


def _banding(run: _Run, options: PrepareOptions) -> tuple[bool, dict[str, Any]]:
    if not options.restore_bands:
        return False, {"reason": "disabled"}
    res = restore_bands(run.image, run.dpi)
    run.image = res.grey
    return bool(res.bands), {"bands": len(res.bands), "paleness": res.paleness}


def _marks(run: _Run, options: PrepareOptions) -> tuple[bool, dict[str, Any]]:
    if not options.remove_marks:
        return False, {"reason": "disabled"}
    res = remove_marks(run.image, run.dpi)
    run.image = res.grey
    return bool(res.marks), {"marks": res.marks}


def _motion(run: _Run, options: PrepareOptions) -> tuple[bool, dict[str, Any]]:
    if not options.deblur:
        return False, {"reason": "disabled"}
    # Only blurred print is worth the spectrum: crisp pages (most of them) stop here.
    layer = run.faint()
    if layer is None:
        return False, {"reason": "no dark print"}
    params: dict[str, Any] = {"crisp": round(layer.crisp, 3)}
    if layer.crisp <= CRISP_MAX:
        return False, params
    shortest = max(MIN_SHAKE_PX, options.deblur_min_in * run.dpi)
    shake = estimate_motion(run.image, shortest, options.deblur_min_strength)
    if shake is None:
        return False, {**params, "reason": "too little text"}
    params.update(shake.to_dict())
    if shake.ratio is None or shake.ratio > options.deblur_max_ratio:
        return False, params
    kernel = line_kernel(shake.length, shake.angle)
    sharp = deconvolve(run.image, kernel, options.deblur_nsr)
    # Where a seal was lightened the page is no longer the shaken paper, and undoing the
    # shake there rings the seal's ink into ghosts over the signature block: keep it as is.
    lightened = _seal_area(run, REACH * kernel.shape[0])
    if lightened is not None:
        np.copyto(sharp, run.image, where=lightened)
    # A pattern the spectrum took for a shake is made worse, not better: the text then
    # rings into ghosts. The band with the most ink must read more words surely. (Mean
    # confidence is the weaker test: words that come back read at middling confidence.)
    band = text_band(run.image, round(options.deblur_band_in * run.dpi))
    if not _reads_better(
        run, options, run.image[band], sharp[band], options.deblur_min_gain, params
    ):
        return False, params
    run.image = sharp
    return True, params


def _seal_area(run: _Run, margin: int) -> np.ndarray | None:
    """Where the seals stage lightened the page, in the current image, ``margin`` px wider."""
    if not run.seals:
        return None
    frame, (h, w) = run.seals_frame
    boxes = np.zeros((h, w), np.uint8)
    for x, y, bw, bh in run.seals:
        boxes[y : y + bh, x : x + bw] = 255
    to_now = run.to_current @ np.linalg.inv(frame)
    ch, cw = run.image.shape[:2]
    now = cv2.warpPerspective(boxes, to_now, (cw, ch), flags=cv2.INTER_NEAREST)
    grow = cv2.getStructuringElement(cv2.MORPH_RECT, (margin | 1, margin | 1))
    return np.asarray(cv2.dilate(now, grow) > 0)


def _upscale(
    run: _Run, options: PrepareOptions, char_px: float | None
) -> tuple[bool, dict[str, Any]]:
    if not options.upscale:
        return False, {"reason": "disabled"}
    factor = upscale_factor(
        run.dpi,
        char_px,
        options.upscale_below_dpi,
        options.target_dpi,
        options.min_text_height_px,
        options.max_upscale,
        run.image.shape[0] * run.image.shape[1],
    )
    return _rescale(run, factor, char_px)


def _show_through(run: _Run, options: PrepareOptions) -> tuple[bool, dict[str, Any]]:
    if not options.clear_show_through:
        return False, {"reason": "disabled"}
    layer = run.faint()
    if layer is None:
        return False, {"reason": "no dark print"}
    params: dict[str, Any] = layer.to_dict()
    if not layer.present:
        return False, params
    # Faded print beside dark print looks the same in tones; the back's print is mirrored.
    # A band of the faint layer is read mirrored, and straight only when that reads.
    sample = faint_sample(run.image, layer, run.dpi)
    # A grainy page's faint tones are its grain: specks, not the back's strokes.
    params["strokes"] = round(stroke_share(sample, run.dpi), 3)
    if params["strokes"] < MIN_STROKES:
        return False, params
    mirrored_words = _check_read(run, options, cv2.flip(sample, 1))
    if mirrored_words is None:
        params["check"] = "timed out"
        return False, params
    mirrored = sure_words(mirrored_words)
    params["mirrored_confidence"] = mirrored
    if mirrored is None or mirrored < options.show_through_confidence:
        return False, params
    straight_words = _check_read(run, options, sample)
    if straight_words is None:
        params["check"] = "timed out"
        return False, params
    straight = sure_words(straight_words)
    params["straight_confidence"] = straight
    if straight is not None and mirrored - straight < options.show_through_margin:
        return False, params
    run.image = clear_faint(run.image, layer)
    return True, params


def _check_read(run: _Run, options: PrepareOptions, image: np.ndarray) -> tuple[Word, ...] | None:
    """A stage's short check read (psm 6); None when it runs past ``check_timeout_s``."""
    try:
        return read_words(image, lang=run.language, dpi=run.dpi, timeout=options.check_timeout_s)
    except OcrTimeout:
        return None


def _reads_better(
    run: _Run,
    options: PrepareOptions,
    before: np.ndarray,
    after: np.ndarray,
    gain: int,
    params: dict[str, Any],
) -> bool:
    """A stage's check: ``after`` reads ``gain`` more words at confidence 80 or above than
    ``before`` (what was counted goes into ``params``). False when a read timed out."""
    before_words = _check_read(run, options, before)
    after_words = _check_read(run, options, after) if before_words is not None else None
    if before_words is None or after_words is None:
        params["check"] = "timed out"
        return False
    was, now = _confident_words(before_words), _confident_words(after_words)
    params.update(confident_words_before=was, confident_words_after=now)
    return now >= was + gain


def _lettered(word: Word) -> bool:
    """Two letters or more: stray marks read as ``:`` or ``l`` do not count as words."""
    return sum(c.isalpha() for c in word.text) >= 2


def _confident_words(words: tuple[Word, ...], floor: float = 80.0) -> int:
    """Words with two letters or more read at ``floor`` confidence or above."""
    return sum(1 for w in words if w.confidence >= floor and _lettered(w))


def sure_words(words: tuple[Word, ...], least: int = 5) -> float | None:
    """Mean confidence of the words with two letters or more; None for fewer than
    ``least`` of them."""
    kept = [w.confidence for w in words if _lettered(w)]
    return round(sum(kept) / len(kept), 1) if len(kept) >= least else None


def turned_over(page: PreparedPage, reason: str) -> PreparedPage:
    """The same prepared page turned half a turn: what Tesseract reads and what the PDF
    shows both, with the mapping between them kept exact."""
    h, w = page.image.shape[:2]
    uh, uw = page.upright.shape[:2]
    to_upright = _quarter_matrix(180, uw, uh) @ page.to_upright @ _quarter_matrix(180, w, h)
    step = StepRecord("turn_over", True, {"angle": 180, "reason": reason})
    return replace(
        page,
        image=_turn(page.image, 180),
        upright=_turn(page.upright, 180),
        to_upright=to_upright / to_upright[2, 2],
        steps=[*page.steps, step],
    )


def _mirror_matrix(width: int) -> np.ndarray:
    """Pixel mapping of ``cv2.flip(img, 1)`` for an image ``width`` pixels wide."""
    return np.array([[-1, 0, width - 1], [0, 1, 0], [0, 0, 1]], float)


def mirrored(page: PreparedPage, reason: str) -> PreparedPage:
    """The same prepared page flipped left to right (a photo taken with a front camera,
    which mirrors it): what Tesseract reads and what the PDF shows both, so the PDF shows
    the paper as it reads, with the mapping between them kept exact."""
    w = page.image.shape[1]
    uw = page.upright.shape[1]
    to_upright = _mirror_matrix(uw) @ page.to_upright @ _mirror_matrix(w)
    step = StepRecord("mirror", True, {"reason": reason})
    return replace(
        page,
        image=np.ascontiguousarray(cv2.flip(page.image, 1)),
        upright=np.ascontiguousarray(cv2.flip(page.upright, 1)),
        to_upright=to_upright / to_upright[2, 2],
        steps=[*page.steps, step],
    )


__all__ = [
    "PrepareOptions",
    "PreparedPage",
    "StepRecord",
    "mirrored",
    "prepare_page",
    "sure_words",
    "turned_over",
]
