"""The quality gate: is a scanned page usable, and if not, what should the clerk do?

``assess_page`` runs at intake, before OCR, on a ~100 dpi copy of the page (a few tens of
milliseconds for an A4 page at 300 dpi): effective dpi, sharpness, darkness, contrast, noise,
skew, streaks from a dirty scanner glass, glare that hides print and blank page.
``assess_ocr`` judges the recognition afterwards by its mean word confidence, and ``combine``
merges both. Every reason says what to do, in Vietnamese and English. Blank pages are flagged
(warn), never dropped: the digitized file keeps as many pages as the paper.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import cv2
import numpy as np

from .errors import UnreadableImage
from .prepare.deskew import estimate_skew
from .prepare.measure import (
    ID1_IN,
    as_uint8,
    background,
    dpi_from_size,
    is_card,
    noise_sigma,
    plausible_dpi,
    text_height,
    to_grey,
)
from .prepare.motion import estimate_motion
from .prepare.negative import is_negative
from .prepare.page import (
    CARD_PHOTO_RATIOS,
    SIDES,
    PageQuad,
    PageSearch,
    find_page,
    fingerprint,
    long_ratio,
    warp_size,
)
from .prepare.specks import count_specks
from .prepare.streaks import find_streaks

WORK_DPI = 100
TEXT_HEIGHT_IN = 0.118
"""Median letter height of body text in inches (12-13 pt type, capitals and ascenders)."""
VERDICTS = ("accept", "warn", "reject")
GLARE_LEVEL = 250
"""Grey level of a blown-out patch."""
GLARE_STEP = 20
"""... standing this far above the paper round it: a spot, not light falling across the page."""
GLARE_PAPER_MAX = 235.0
"""Glare is sought only where the paper itself is darker than this (a photo, not a scan)."""
GLARE_MIN_SQ_IN = 0.1
"""Smaller bright patches are not counted (about two words of 12 pt print)."""
CUT_PAPER = 0.85
"""A letter cut by the photo's edge lies on paper: its surroundings at least this share of
the page's paper brightness (a desk's grain is darker)."""
CUT_REACH = 1.5
"""Letters this many letter heights from the photo's edge count as cut by it: printed pages
keep margins of 15 mm and more."""
CUT_NEIGHBOURS = 3
CUT_LINES = 2
"""Lines of print cut by the left or right edge that make a page cut off ..."""
CUT_LETTERS = 3
"""... and letters cut along the top or bottom edge."""
SHAKE_MIN_PX = 4.0
SHAKE_MIN_STRENGTH = 6.0
"""The cepstral dip of a shake stands this far out (as preparation asks before deblurring)."""
SHAKE_MAX_RATIO = 0.5
"""Edges along the smear at most half as strong as across it: a shake, not text's own grain
(shaken pages measured 0.05-0.66, unshaken ones 0.57 and up, so the gate asks for more than
preparation's 0.75)."""


CAMERA_DPI = (72, 96)
"""The dpi cameras, phones and screenshots write into an image that has none."""


@dataclass(frozen=True)
class QualityOptions:
    """Thresholds of the gate; the API fills them from settings."""

    reject_below_dpi: int = 80
    """Below this, 11-13 pt print is some 7 px high and reading breaks down: eight clean
    pages brought down to 70 dpi read at a median CER of 0.023, the worst at 0.67; at 80 dpi
    0.006 and 0.064; at 85, 0.006 and 0.041. Six page photos as a messenger sends them (1280
    px, about 95 dpi) read at a median of 0.015 with every ID: 100 dpi rejected them."""
    warn_below_dpi: int = 200
    """Decree 30/2020 asks for at least 200 dpi."""
    reject_sharpness: float = 0.006
    """Normalised sharpness (second-derivative energy over ink contrast at 100 dpi, weakest
    direction) below which text is smeared beyond reading. A clean scan gives ~0.08."""
    warn_sharpness: float = 0.015
    reject_shake_per_letter: float = 1.0
    """A page that looks blurred and shows a clear shake (one direction smeared, the other
    sharp) is unreadable when the smear is at least this many letter heights long: strokes
    then run into the next letter's, which no deblurring takes apart. Shorter shakes are
    judged by sharpness alone; preparation undoes them."""
    reject_paper_level: float = 60.0
    """Median paper brightness (0-255) below which the page is too dark."""
    warn_paper_level: float = 110.0
    reject_contrast: float = 40.0
    """Grey levels between paper and ink below which the text is too faint."""
    warn_contrast: float = 80.0
    warn_noise_ratio: float = 0.12
    """Noise as a share of the contrast above which the page is noisy."""
    warn_skew_deg: float = 8.0
    reject_text_px: float = 6.0
    """Median letter height in pixels (as scanned) below which no OCR can read the text."""
    blank_ink_share: float = 0.0015
    """Share of the page covered by ink below which the page counts as blank."""
    warn_glare_sq_in: float = 0.1
    """Print lost under glare (square inches) from which the clerk is warned ..."""
    reject_glare_sq_in: float = 0.5
    """... and from which the page is rejected: a few lines of text are gone."""
    reject_confidence: float = 45.0
    """Mean word confidence (0-100) below which the OCR is not to be trusted."""
    warn_confidence: float = 70.0


@dataclass(frozen=True)
class Reason:
    code: str
    severity: str
    """"warn" or "reject"."""
    message_vi: str
    message_en: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Reason:
        return cls(str(d["code"]), str(d["severity"]), str(d["message_vi"]), str(d["message_en"]))


@dataclass(frozen=True)
class PageQuality:
    verdict: str
    """"accept", "warn" or "reject"."""
    reasons: tuple[Reason, ...]
    metrics: dict[str, Any] = field(default_factory=dict)

    @property
    def blank(self) -> bool:
        return any(r.code == "blank" for r in self.reasons)

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "reasons": [r.to_dict() for r in self.reasons],
            "metrics": dict(self.metrics),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> PageQuality:
        """The verdict ``to_dict`` wrote (as kept in a document's record); ``KeyError``,
        ``TypeError`` or ``ValueError`` when it is not one."""
        verdict = str(d["verdict"])
        if verdict not in VERDICTS:
            raise ValueError(f"not a verdict: {verdict!r}")
        reasons = tuple(Reason.from_dict(r) for r in d["reasons"])
        return cls(verdict, reasons, dict(d.get("metrics") or {}))


def intake_verdicts(summary: Mapping[str, Any] | None) -> dict[int, PageQuality]:
    """The per-page verdicts (by 0-based page index) of an intake ``summarise``, so the
    pages the gate judged at the counter are not judged again; empty when there are none
    or the record is not one this version reads."""
    if not summary or summary.get("stage") != "intake":
        return {}
    try:
        return {int(p["page"]) - 1: PageQuality.from_dict(p) for p in summary.get("pages", [])}
    except (KeyError, TypeError, ValueError):
        return {}


def _verdict(reasons: list[Reason]) -> str:
    if any(r.severity == "reject" for r in reasons):
        return "reject"
    return "warn" if reasons else "accept"


# --- the reasons, each with what to do ----------------------------------------------------


def _low_dpi(dpi: int, severity: str) -> Reason:
    if severity == "reject":
        return Reason(
            "low_dpi",
            severity,
            f"Độ phân giải quá thấp (khoảng {dpi} dpi), chữ không đọc được — hãy quét lại ở 300 dpi.",
            f"The resolution is too low (about {dpi} dpi) to read the text — rescan at 300 dpi.",
        )
    return Reason(
        "low_dpi",
        severity,
        f"Độ phân giải thấp (khoảng {dpi} dpi, quy định tối thiểu 200 dpi) — nên quét lại ở 300 dpi.",
        f"Low resolution (about {dpi} dpi; at least 200 dpi is required) — rescan at 300 dpi if you can.",
    )


def _blurred(severity: str) -> Reason:
    if severity == "reject":
        return Reason(
            "blurred",
            severity,
            "Ảnh bị mờ — hãy quét lại ở 300 dpi và giữ giấy phẳng, máy không rung.",
            "The page is blurred — rescan at 300 dpi and keep the paper flat and the device still.",
        )
    return Reason(
        "blurred",
        severity,
        "Ảnh hơi mờ — nếu chữ khó đọc, hãy quét lại ở 300 dpi và giữ giấy phẳng.",
        "The page is slightly blurred — if the text is hard to read, rescan at 300 dpi with the paper flat.",
    )


def _shaken() -> Reason:
    return Reason(
        "shaken",
        "reject",
        "Ảnh bị nhòe do rung — nét chữ bị kéo dài hơn cả chiều cao chữ. Hãy giữ yên máy và giấy"
        " rồi quét (chụp) lại.",
        "The page is smeared by movement — strokes are dragged further than the letters are"
        " tall. Hold the device and the paper still and rescan.",
    )


def _dark(severity: str) -> Reason:
    if severity == "reject":
        return Reason(
            "too_dark",
            severity,
            "Ảnh quá tối — hãy quét lại với đủ ánh sáng (chụp bằng điện thoại: bật đèn, tránh bóng tay).",
            "The page is too dark — rescan with enough light (phone: turn on the light, avoid hand shadows).",
        )
    return Reason(
        "too_dark",
        severity,
        "Ảnh hơi tối — nên quét lại với nhiều ánh sáng hơn.",
        "The page is rather dark — rescan with more light if you can.",
    )


def _faint(severity: str) -> Reason:
    if severity == "reject":
        return Reason(
            "low_contrast",
            severity,
            "Chữ quá nhạt hoặc ảnh bị cháy sáng — hãy quét lại, giảm độ sáng hoặc tăng độ tương phản.",
            "The text is too faint or the page is overexposed — rescan with less brightness or more contrast.",
        )
    return Reason(
        "low_contrast",
        severity,
        "Chữ hơi nhạt — nên quét lại với độ tương phản cao hơn.",
        "The text is rather faint — rescan with more contrast if you can.",
    )


def _only_noise() -> Reason:
    return Reason(
        "only_noise",
        "reject",
        "Ảnh chỉ toàn nhiễu, không thấy chữ — hãy đặt trang giấy vào khung hình và chụp hoặc quét lại.",
        "The image is nothing but noise, with no print to be seen — put the page in the frame and photograph or scan it again.",
    )


def _noisy() -> Reason:
    return Reason(
        "noisy",
        "warn",
        "Ảnh bị nhiễu hạt — nên quét lại bằng máy quét ở 300 dpi thay vì chụp trong chỗ tối.",
        "The image is grainy — rescan on a scanner at 300 dpi rather than photographing in dim light.",
    )


def _streaked(count: int) -> Reason:
    return Reason(
        "streaks",
        "warn",
        f"Có {count} vệt sọc dọc suốt trang (bụi hoặc vết bẩn trên kính máy quét) — đã tự xử lý; "
        "hãy lau kính máy quét trước khi quét tiếp, vệt sẽ lặp lại ở mọi trang.",
        f"{count} streak(s) run down the whole page (dust or dirt on the scanner glass) — handled "
        "automatically; clean the scanner glass before scanning on, or every page will carry them.",
    )


def _skewed(angle: float) -> Reason:
    return Reason(
        "skewed",
        "warn",
        f"Trang bị nghiêng khoảng {abs(angle):.0f}° — đã tự chỉnh thẳng; lần sau hãy đặt giấy thẳng.",
        f"The page is skewed by about {abs(angle):.0f}° — straightened automatically; lay the paper straight next time.",
    )


def _glare_reason(severity: str) -> Reason:
    if severity == "reject":
        return Reason(
            "glare",
            severity,
            "Ánh đèn phản chiếu làm mất chữ ở một vùng của trang — hãy tắt đèn flash hoặc nghiêng giấy"
            " (giấy ép plastic) rồi chụp lại.",
            "Glare hides the text in part of the page — turn off the flash or tilt the paper"
            " (laminated papers) and take the photo again.",
        )
    return Reason(
        "glare",
        severity,
        "Có chỗ bị lóa sáng, có thể mất vài chữ — nên tắt đèn flash hoặc nghiêng giấy rồi chụp lại.",
        "A bright glare spot may hide a few words — turn off the flash or tilt the paper and"
        " retake the photo if you can.",
    )


_SIDE_NAMES = {"top": "trên", "right": "phải", "bottom": "dưới", "left": "trái"}


def _cut_off(sides: list[str]) -> Reason:
    vi = ", ".join(_SIDE_NAMES[s] for s in sides)
    en = ", ".join(sides)
    return Reason(
        "cut_off",
        "warn",
        f"Trang bị cắt mất chữ ở mép ảnh (cạnh {vi}) — hãy chụp hoặc quét lại cho trọn cả trang.",
        f"The page is cut off at the edge of the image ({en} side) — photograph or scan it again"
        " with the whole page in the frame.",
    )


def _small_text(px: float) -> Reason:
    return Reason(
        "text_too_small",
        "reject",
        f"Chữ trên ảnh quá nhỏ (khoảng {px:.0f} điểm ảnh) — hãy quét lại ở 300 dpi, đúng khổ giấy thật.",
        f"The text in the image is too small (about {px:.0f} pixels high) — rescan at 300 dpi at the paper's real size.",
    )


def _blank() -> Reason:
    return Reason(
        "blank",
        "warn",
        "Trang trắng — vẫn giữ để số trang khớp bản giấy; kiểm tra có quét nhầm mặt sau không.",
        "Blank page — kept so the page count matches the paper; check the wrong side was not scanned.",
    )


def _negative() -> Reason:
    return Reason(
        "negative",
        "warn",
        "Trang là bản âm (chữ trắng trên nền đen) — đã được đảo lại để đọc; nếu có bản giấy thường, hãy quét bản đó.",
        "The page is a negative (white text on black) — it was inverted to be read; if there is an ordinary paper copy, scan that instead.",
    )


def _mirrored() -> Reason:
    return Reason(
        "mirrored",
        "warn",
        "Ảnh bị lật ngược như trong gương (chụp bằng camera trước) — đã được lật lại để đọc; lần sau hãy chụp bằng camera sau.",
        "The photo is mirrored (taken with the front camera) — it was flipped back to be read; next time use the back camera.",
    )


def _glare_veil() -> Reason:
    return Reason(
        "glare_veil",
        "warn",
        "Ánh sáng phản chiếu (bìa nhựa, giấy bóng) làm nhạt chữ ở một vùng — đã được làm rõ lại để"
        " đọc; hãy kiểm tra chữ ở vùng đó, lần sau lấy giấy ra khỏi bìa nhựa hoặc nghiêng giấy khi chụp.",
        "Reflected light (a plastic sleeve, glossy paper) paled the print in part of the page — it"
        " was brought back to be read; check the text there, and next time take the paper out of"
        " its sleeve or tilt it when taking the photo.",
    )


def _low_confidence(conf: float, severity: str) -> Reason:
    if severity == "reject":
        return Reason(
            "low_confidence",
            severity,
            f"Không nhận dạng được chữ đáng tin cậy (độ tin cậy {conf:.0f}%) — hãy quét lại rõ hơn ở 300 dpi.",
            f"The text could not be recognised reliably (confidence {conf:.0f}%) — rescan more clearly at 300 dpi.",
        )
    return Reason(
        "low_confidence",
        severity,
        f"Độ tin cậy nhận dạng thấp ({conf:.0f}%) — hãy kiểm tra lại nội dung đã trích xuất.",
        f"Recognition confidence is low ({conf:.0f}%) — check the extracted data by eye.",
    )


# --- the measurements -------------------------------------------------------------------


def _page_region(
    small: np.ndarray, scale: float, found: PageQuad | None
) -> tuple[np.ndarray, int | None, str, tuple[str, ...]]:
    """The paper's box in a photo (the desk would count as ink), its dpi guess and where
    that comes from, and the sides where the paper runs out of the photo (all four when no
    outline was found).

    ``small`` is the page shrunk by ``scale``, ``found`` the paper found on the full image;
    the dpi guess is for the full image.
    """
    if found is None:
        return small, None, "image size", SIDES
    quad = replace(found, corners=found.corners * np.float32(scale))
    x, y, w, h = cv2.boundingRect(quad.corners.astype(np.int32))
    # The inner 90 %: the box of a skewed page still holds a sliver of desk at its corners.
    mx, my = int(w * 0.05), int(h * 0.05)
    crop = small[max(0, y + my) : y + h - my, max(0, x + mx) : x + w - mx]
    crop = crop if crop.size else small
    flat = warp_size(quad, small.shape)
    if quad.card and is_card((int(flat[1]), int(flat[0]))):
        return crop, int(round(max(flat) / scale / ID1_IN[0])), "card outline", quad.open_sides
    c = quad.corners
    side = max(np.linalg.norm(c[1] - c[0]), np.linalg.norm(c[3] - c[0])) / scale
    # A card photographed close and a page seen at a slant outline alike; the page's guess
    # is kept, and the letters may raise it (``assess_page``).
    shaped = CARD_PHOTO_RATIOS[0] <= long_ratio(quad.corners) <= CARD_PHOTO_RATIOS[1]
    source = "card-shaped outline" if shaped else "page outline"
    return crop, dpi_from_size((int(side), 1), card=False), source, quad.open_sides


def _ink(small: np.ndarray, work_dpi: float) -> tuple[np.ndarray, np.ndarray, float, np.ndarray]:
    """The page's paper brightness without its print, the page divided by it, the paper's
    median level, and the print's mask (255) where the page is clearly darker than its paper."""
    bg = background(small, char_px=max(6.0, work_dpi / 9))
    norm = small.astype(np.float32) / np.maximum(bg.astype(np.float32), 1.0)
    paper = float(np.median(bg[::4, ::4]))
    ink = ((norm < 0.72) & (bg > 25)).astype(np.uint8) * 255
    return bg, norm, paper, ink


def _cut_sides(
    bg: np.ndarray, paper: float, ink: np.ndarray, th: float | None, sides: tuple[str, ...]
) -> list[str]:
    """Of ``sides``, those where lines of print run into the photo's edge: letters on paper
    (not a desk's grain) cut by it or with no margin left before it, each with letters beside
    it on its line (left and right) or along the edge (top and bottom). ``bg``, ``paper`` and
    ``ink`` are ``_ink``'s of the whole photo, ``th`` its letters' height."""
    if not sides or not th:
        return []
    _, _, stats, centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    x, y, w, h, area = (stats[1:, i] for i in range(5))
    hh, ww = ink.shape
    cx, cy = centres[1:, 0], centres[1:, 1]
    on_paper = (
        bg[cy.astype(int).clip(0, hh - 1), cx.astype(int).clip(0, ww - 1)] >= CUT_PAPER * paper
    )
    letter = (h >= 0.5 * th) & (h <= 2.5 * th) & (w <= 8 * th) & (area >= 0.1 * th * th) & on_paper
    # Within reach of the edge: printed pages keep a margin of several letter heights.
    reach = CUT_REACH * th
    touching = {
        "left": x <= reach,
        "right": x + w >= ww - reach,
        "top": y <= reach,
        "bottom": y + h >= hh - reach,
    }
    cut = []
    for side in sides:
        found = np.flatnonzero(touching[side] & letter)
        if side in ("left", "right"):
            # Lines of print that run into the edge: count them, not their letters.
            rows = sorted(
                cy[i]
                for i in found
                if (letter & (np.abs(cy - cy[i]) < 0.5 * th) & (np.abs(cx - cx[i]) < 6 * th)).sum()
                >= CUT_NEIGHBOURS
            )
            lines = sum(1 for k, r in enumerate(rows) if k == 0 or r - rows[k - 1] > 0.8 * th)
            if lines >= CUT_LINES:
                cut.append(side)
        else:
            # A line of print cut along its length: letters side by side at the edge.
            along = [
                i
                for i in found
                if (letter & touching[side] & (np.abs(cx - cx[i]) < 4 * th)).sum() >= CUT_NEIGHBOURS
            ]
            if len(along) >= CUT_LETTERS:
                cut.append(side)
    return cut


def _components_without_lines(mask: np.ndarray) -> tuple[int, int]:
    """(ink pixels, components) of a mask, ignoring specks and long thin lines (folds, edges)."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if n <= 1:
        return 0, 0
    w = stats[1:, cv2.CC_STAT_WIDTH]
    h = stats[1:, cv2.CC_STAT_HEIGHT]
    area = stats[1:, cv2.CC_STAT_AREA]
    ok = (area >= 4) & (w < 15 * np.maximum(h, 1)) & (h < 15 * np.maximum(w, 1))
    return int(area[ok].sum()), int(ok.sum())


def _glare(
    small: np.ndarray, paper_map: np.ndarray, ink: np.ndarray, paper: float, dpi: float
) -> float:
    """Square inches of print lost under glare: a blown-out patch inside the paper, brighter
    than the paper, into which the lines of text around it run and vanish (the flash on a
    laminated paper). Paper that is itself white (a flatbed scan) shows no glare."""
    if paper > GLARE_PAPER_MAX:
        return 0.0
    bright = (cv2.blur(small, (3, 3)) >= GLARE_LEVEL).astype(np.uint8)
    # Closing fills the letters of print that stays visible in a bright spot: only a patch
    # where the print itself is gone stays empty of ink.
    k = max(3, int(dpi * 0.25) | 1)
    blown = cv2.morphologyEx(
        bright, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    )
    n, labels, stats, _ = cv2.connectedComponentsWithStats(blown)
    height, width = small.shape[:2]
    has_ink = ink > 0
    page_ink = float(has_ink.mean())
    ring_k = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k * 2 + 1, k * 2 + 1))
    lost = 0.0
    for i in range(1, n):
        x, y, w, h, area = stats[i]
        if area < GLARE_MIN_SQ_IN * dpi * dpi or area > 0.4 * height * width:
            continue
        if x <= 1 or y <= 1 or x + w >= width - 1 or y + h >= height - 1:
            continue  # at the edge: light falling off across the page, or the scanner's lid
        blob = labels == i
        ring = (cv2.dilate(blob.astype(np.uint8), ring_k) > 0) & ~blob
        if float(np.median(paper_map[ring])) > GLARE_LEVEL - GLARE_STEP:
            continue  # the paper round it nearly as bright: light falling across the page
        around = float(has_ink[ring].mean())
        # Its rim may still show faint print: the core is where the print is gone.
        core = cv2.erode(blob.astype(np.uint8), ring_k) > 0
        inside = float(has_ink[core if core.any() else blob].mean())
        # Gone compared with the page too: a white card on a dark desk has a "ring" of desk
        # (0.5 ink) but its own print inside (0.10, the page's 0.06); glare leaves none.
        if around >= 0.5 * page_ink and inside < 0.25 * min(around, page_ink):
            lost += area / (dpi * dpi)
    return lost


def _scanner_streaks(small: np.ndarray, dpi: float) -> int:
    """Streaks down the page (``ocr.prepare.streaks``), seen on the ~100 dpi copy: only clear
    ones survive the shrinking, which is what a warning wants. A printed frame also has
    lines the length of the page, but across it as well as down it: then none are counted."""
    down = find_streaks(small, int(dpi))
    if not down or find_streaks(np.ascontiguousarray(small.T), int(dpi)):
        return 0
    return len(down)


_SECOND_DIFFS = (
    np.array([[0, 0, 0], [1, -2, 1], [0, 0, 0]], np.float32),
    np.array([[0, 1, 0], [0, -2, 0], [0, 1, 0]], np.float32),
    np.array([[1, 0, 0], [0, -2, 0], [0, 0, 1]], np.float32) / 2,
    np.array([[0, 0, 1], [0, -2, 0], [1, 0, 0]], np.float32) / 2,
)


def _sharpness(norm: np.ndarray, ink: np.ndarray) -> tuple[float, float]:
    """(sharpness, mean): second-derivative energy near the ink of the contrast-normalised
    page at 100 dpi, per direction; sharpness is the weakest direction.

    Dividing by the ink depth makes it independent of exposure, working at a fixed dpi makes
    it independent of the image size, and taking the weakest direction catches motion blur,
    which leaves edges across the motion sharp.
    """
    near = cv2.dilate(ink, np.ones((5, 5), np.uint8)) > 0
    if int(near.sum()) < 200:
        return 0.0, 0.0
    vals = norm[near]
    depth = float(1.0 - np.percentile(vals[:: max(1, vals.size // 20000)], 2))
    energies = [
        float(cv2.filter2D(norm, cv2.CV_32F, k)[near].var()) / max(depth * depth, 1e-3)
        for k in _SECOND_DIFFS
    ]
    return min(energies), float(np.mean(energies))


def _shake_per_letter(image: np.ndarray, letter_px: float) -> float | None:
    """The length of a clear shake (``ocr.prepare.motion``) in letter heights, or ``None``
    when the page shows none: a focus blur, or a dip the edges do not confirm."""
    shake = estimate_motion(to_grey(image), SHAKE_MIN_PX, SHAKE_MIN_STRENGTH)
    if shake is None or shake.ratio is None or shake.ratio > SHAKE_MAX_RATIO:
        return None
    return shake.length / max(letter_px, 1.0)


def assess_page(
    image: np.ndarray, dpi: int | None, options: QualityOptions, scan_dpi: int | None = None
) -> PageQuality:
    """The gate's verdict on one page image (RGB or grey array) with its declared dpi.

    ``scan_dpi`` is the resolution of the scan when the image was rendered finer than that
    (a 150 dpi scan inside a PDF): the page holds no more detail than the scan did.
    """
    try:
        img = as_uint8(image)
    except (TypeError, ValueError) as exc:
        raise UnreadableImage(str(exc)) from exc
    if img.ndim not in (2, 3) or min(img.shape[:2]) < 16:
        raise UnreadableImage(f"image of shape {img.shape} is not a page")
    declared = plausible_dpi(dpi, img.shape)
    # One early reduction to ~100 dpi (or 1400 px for a photo of unknown dpi): everything
    # below works on it, which is what keeps the gate fast.
    guess = declared or dpi_from_size(img.shape)
    scale = min(1.0, WORK_DPI / guess)
    small_rgb = (
        cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        if scale < 1
        else img
    )
    # A negative (a microfilm print) is judged as the page it shows, and said to be one.
    negative = is_negative(to_grey(small_rgb), guess * scale)
    if negative:
        img, small_rgb = 255 - img, 255 - small_rgb
    # A scan is looked at for its paper too: a card or a small paper on a scanner's black
    # backing (or under an open lid) is judged on the paper, not on the black round it.
    # Looked for on the full image, as preparation would: it warps by what is found here.
    search = PageSearch(fingerprint(img), find_page(img))
    region, photo_dpi, dpi_source, open_sides = _page_region(small_rgb, scale, search.quad)
    # 72 dpi (a screen's 96) is what a camera writes when it knows none: in a small photo it
    # still looks like a paper's size, and the outlined paper tells the truth.
    camera = declared in CAMERA_DPI and search.quad is not None
    if declared and not camera:
        photo_dpi, dpi_source = None, "declared"
    eff_dpi = (None if camera else declared) or photo_dpi or guess
    if dpi_source == "image size" and is_card(img.shape):
        dpi_source = "card size"  # a card's print is small: its letters do not tell the dpi
    # Rendered finer than scanned: judge the scan, and its letters in its own pixels.
    detail = 1.0
    if declared and scan_dpi and 0 < scan_dpi < declared:
        detail = scan_dpi / declared
        eff_dpi, dpi_source = scan_dpi, "scan in PDF"
    small = to_grey(region)
    work_dpi = eff_dpi * scale
    bg, norm, paper, ink = _ink(small, work_dpi)
    ink_px, ink_parts = _components_without_lines(ink)
    ink_share = ink_px / max(1, ink.size)
    smooth = cv2.medianBlur(np.clip(norm * 200, 0, 255).astype(np.uint8), 3)
    faint = (smooth < 0.955 * 200).astype(np.uint8) * 255
    faint_px, _ = _components_without_lines(faint)
    faint_share = faint_px / max(1, faint.size)
    metrics: dict[str, Any] = {
        "negative": negative,
        "page_outline": search.to_dict(),
        "effective_dpi": int(eff_dpi),
        "dpi_source": dpi_source,
        "paper_level": round(paper, 1),
        "ink_share": round(ink_share, 5),
        "faint_share": round(faint_share, 5),
    }
    if (
        paper >= options.reject_paper_level
        and ink_share < options.blank_ink_share
        and faint_share < 0.003
    ):
        metrics["blank"] = True
        return PageQuality("warn", (_blank(),), metrics)
    metrics["blank"] = False
    near_ink = (smooth < 0.9 * 200).astype(np.uint8) * 255 if ink_share < 1e-4 else ink
    vals = norm[near_ink > 0]
    depth = 1.0 - float(np.percentile(vals[:: max(1, vals.size // 20000)], 5)) if vals.size else 0.0
    contrast = paper * depth
    sharp, sharp_mean = _sharpness(norm, near_ink)
    noise = noise_sigma(small)
    # Only a page that already looks grainy is counted for specks, on the image as it came
    # (as preparation counts it): a photo of noise holds no page to read.
    specks = (
        count_specks(to_grey(img), guess)
        if contrast > 0 and noise / contrast > options.warn_noise_ratio
        else None
    )
    th = text_height(ink) if ink_parts >= 12 else None
    text_px = th / scale * detail if th else None
    # Only a page that already looks blurred is worth the spectrum (~20 ms).
    shake = _shake_per_letter(img, th / scale) if th and sharp < options.warn_sharpness else None
    if th and dpi_source == "image size":
        # A photo whose page we could not outline: body text (~12 pt letters are ~0.12 in
        # high) tells the resolution better than the frame, which includes the desk.
        by_text = int(text_px / TEXT_HEIGHT_IN)
        if by_text < eff_dpi:
            eff_dpi, dpi_source = by_text, "text size"
            metrics.update(effective_dpi=eff_dpi, dpi_source=dpi_source)
    elif th and dpi_source == "card-shaped outline":
        # A card's dpi would be 2.5 times the page's guess: where the letters are resolved
        # as 12 pt body text at a higher dpi, the clerk is not sent to photograph it closer.
        by_text = int(text_px / TEXT_HEIGHT_IN)
        if by_text > eff_dpi:
            eff_dpi, dpi_source = by_text, "text size"
            metrics.update(effective_dpi=eff_dpi, dpi_source=dpi_source)
    streaks = _scanner_streaks(small, work_dpi) if declared and not camera else 0
    glare = _glare(small, bg, ink, paper, work_dpi)
    # Measured on the whole photo: the paper's box is cut inside its edges. Where the box is
    # the whole image, its measurements serve as they are.
    cut: list[str] = []
    if open_sides and ink_parts >= 15:
        if region is small_rgb:
            cut = _cut_sides(bg, paper, ink, th, open_sides)
        else:
            w_bg, _, w_paper, w_ink = _ink(to_grey(small_rgb), work_dpi)
            cut = _cut_sides(w_bg, w_paper, w_ink, text_height(w_ink), open_sides)
    # Coarse is enough to warn; preparation measures it again, finely.
    skew = estimate_skew(ink, 45.0, coarse_step=2.0, max_points=15_000) if ink_parts >= 15 else None
    metrics.update(
        contrast=round(contrast, 1),
        sharpness=round(sharp, 4),
        sharpness_mean=round(sharp_mean, 4),
        noise=round(noise, 2),
        only_specks=bool(specks and specks.noise),
        text_height_px=round(text_px, 1) if text_px else None,
        shake_per_letter=round(shake, 2) if shake is not None else None,
        skew_deg=round(skew.angle, 2) if skew else None,
        sideways=bool(skew.vertical) if skew else None,
        streaks=streaks,
        glare_sq_in=round(glare, 2),
        cut_sides=cut,
    )
    return PageQuality(
        *_judge(metrics, eff_dpi, paper, contrast, sharp, noise, text_px, skew, options)
    )


def _judge(
    metrics: dict[str, Any],
    dpi: int,
    paper: float,
    contrast: float,
    sharp: float,
    noise: float,
    text_px: float | None,
    skew: Any,
    o: QualityOptions,
) -> tuple[str, tuple[Reason, ...], dict[str, Any]]:
    reasons: list[Reason] = []
    if dpi < o.reject_below_dpi:
        reasons.append(_low_dpi(dpi, "reject"))
    elif dpi < o.warn_below_dpi:
        reasons.append(_low_dpi(dpi, "warn"))
    if paper < o.reject_paper_level:
        reasons.append(_dark("reject"))
    elif paper < o.warn_paper_level:
        reasons.append(_dark("warn"))
    if contrast < o.reject_contrast:
        reasons.append(_faint("reject"))
    elif contrast < o.warn_contrast:
        reasons.append(_faint("warn"))
    shake = metrics.get("shake_per_letter")
    if shake is not None and shake >= o.reject_shake_per_letter:
        reasons.append(_shaken())
    elif sharp < o.reject_sharpness:
        reasons.append(_blurred("reject"))
    elif sharp < o.warn_sharpness:
        reasons.append(_blurred("warn"))
    if metrics.get("only_specks"):
        reasons.append(_only_noise())
    elif contrast > 0 and noise / contrast > o.warn_noise_ratio:
        reasons.append(_noisy())
    if text_px is not None and text_px < o.reject_text_px:
        reasons.append(_small_text(text_px))
    if skew is not None and abs(skew.angle) > o.warn_skew_deg:
        reasons.append(_skewed(skew.angle))
    if metrics.get("streaks"):
        reasons.append(_streaked(metrics["streaks"]))
    glare = metrics.get("glare_sq_in") or 0.0
    if glare >= o.reject_glare_sq_in:
        reasons.append(_glare_reason("reject"))
    elif glare >= o.warn_glare_sq_in:
        reasons.append(_glare_reason("warn"))
    if metrics.get("cut_sides"):
        reasons.append(_cut_off(metrics["cut_sides"]))
    if metrics.get("negative"):
        reasons.append(_negative())
    return _verdict(reasons), tuple(reasons), metrics


def assess_ocr(
    mean_word_confidence: float | None,
    word_count: int = 0,
    options: QualityOptions | None = None,
    mirrored: bool = False,
    noise: bool = False,
    glare_veil: bool = False,
) -> PageQuality:
    """After OCR: the mean word confidence (0-100) of a page that is not blank, whether it
    could only be read ``mirrored`` (a front camera's photo, which the image checks before
    OCR cannot tell from a page of print), whether preparation found nothing but ``noise`` on
    it and read it as empty (the clerk is told whatever the intake check said, so no page is
    emptied silently), and whether it brought back print paled by a ``glare_veil`` (the
    image checks see only glare that blows the paper out)."""
    options = options or QualityOptions()
    metrics: dict[str, Any] = {"mean_word_confidence": mean_word_confidence, "words": word_count}
    reasons = [_mirrored()] if mirrored else []
    if glare_veil:
        reasons.append(_glare_veil())
    if noise:
        reasons.append(_only_noise())
    if mean_word_confidence is not None:
        if mean_word_confidence < options.reject_confidence:
            reasons.append(_low_confidence(mean_word_confidence, "reject"))
        elif mean_word_confidence < options.warn_confidence:
            reasons.append(_low_confidence(mean_word_confidence, "warn"))
    return PageQuality(_verdict(reasons), tuple(reasons), metrics)


def combine(page: PageQuality, ocr: PageQuality) -> PageQuality:
    """The page's verdict with the OCR's added (a blank page keeps its blank verdict)."""
    if page.blank:
        return page
    reasons = list(page.reasons) + [
        r for r in ocr.reasons if r.code not in {x.code for x in page.reasons}
    ]
    return PageQuality(_verdict(reasons), tuple(reasons), {**page.metrics, **ocr.metrics})


def summarise(
    pages: Sequence[PageQuality], page_count: int, stage: str, first_page: int = 1
) -> dict[str, Any]:
    """The document's verdict for its record and the upload response.

    The worst page decides; each reason is listed once with the pages (1-based) it applies
    to, so the clerk reads "page 2: blurred" rather than a wall of metrics. ``stage`` says
    whether this is the intake check (``intake``: image only, maybe only the first pages)
    or the final one after OCR (``ocr``: with the word confidence).
    """
    reasons: dict[tuple[str, str], dict[str, Any]] = {}
    for number, page in enumerate(pages, start=first_page):
        for r in page.reasons:
            entry = reasons.setdefault((r.code, r.severity), {**r.to_dict(), "pages": []})
            entry["pages"].append(number)
    verdicts = [p.verdict for p in pages]
    verdict = max(verdicts, key=VERDICTS.index) if verdicts else "accept"
    return {
        "verdict": verdict,
        "stage": stage,
        "pages_checked": len(pages),
        "page_count": page_count,
        "reasons": sorted(
            reasons.values(), key=lambda r: (-VERDICTS.index(r["severity"]), r["pages"][0])
        ),
        "blank_pages": [n for n, p in enumerate(pages, start=first_page) if p.blank],
        "pages": [{"page": n, **p.to_dict()} for n, p in enumerate(pages, start=first_page)],
    }


__all__ = [
    "PageQuality",
    "QualityOptions",
    "Reason",
    "VERDICTS",
    "assess_ocr",
    "assess_page",
    "combine",
    "intake_verdicts",
    "summarise",
]
