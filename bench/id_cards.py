"""Citizen ID cards captured alone: sohoa vs plain Tesseract, and the gate.

    OMP_THREAD_LIMIT=1 .venv/bin/python bench/id_cards.py --per-kind 10 \\
        [--seed-base 9500] [--kinds card_300,card_no_dpi] [--engines sohoa,tesseract] [--json F]

The citizen ID card is the paper a counter sees most. The corpus lays its two faces out on
an A4 photocopy; here its front (``ocr.synthetic.render_card_front``) is captured on its
own, as a clerk's scanner or phone does: scanned at its real size (85.6 x 54 mm) at 300 dpi
with the dpi in the file; the same image saved without it (a scanner utility or a phone app
that drops it); scanned at 600 dpi; and photographed on a desk from above, a little
askew, light falling off to one side, close (the card fills most of the frame) and from
standing height (a fifth to under half of the frame's width); and scanned on an A4 flatbed,
the lid closed (white round the card) or open (near black). The truth is the front's text. Same metrics and
table as ``other_degradations``.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from other_degradations import (  # noqa: E402
    _jpeg,
    _noise_rng,
    askew_corners,
    laid_on,
    run_kinds,
    wooden_desk,
)

from ocr.synthetic import render_card_front  # noqa: E402

Capture = Callable[[np.ndarray, random.Random], tuple[np.ndarray, int | None]]
"""The card's front at 300 dpi (RGB) -> the captured image and the dpi its file declares."""


def card_300(card: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int | None]:
    """Scanned at 300 dpi, the dpi in the file."""
    return card, 300


def card_no_dpi(card: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int | None]:
    """The same scan saved without its dpi."""
    return card, None


def card_600(card: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int | None]:
    """Scanned at 600 dpi (here: the 300 dpi card enlarged twice, a little soft)."""
    big = cv2.resize(card, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    return cv2.GaussianBlur(big, (0, 0), 0.8), 600


def _on_desk(
    card: np.ndarray, rng: random.Random, width_share: tuple[float, float]
) -> tuple[np.ndarray, int | None]:
    """A 4000 x 3000 phone photo: the card ``width_share`` of the frame's width on a dark
    desk, its corners moved up to 2.4 % of its width off square, light falling off to the
    left; JPEG at 88, 72 dpi."""
    noise = _noise_rng(rng)
    big_h, big_w = 3000, 4000
    desk = wooden_desk(noise, (big_h, big_w), 15, (90, 70, 50))
    h, w = card.shape[:2]
    cw = int(big_w * rng.uniform(*width_share))
    ch = int(h * cw / w)
    x0, y0 = (big_w - cw) / 2, (big_h - ch) / 2
    out = laid_on(desk, card, askew_corners(rng, (x0, y0, cw, ch), 0.024 * cw))
    light = np.linspace(0.8, 1.05, big_w)[None, :, None]
    out = (out * light + noise.normal(0, 3, out.shape)).clip(0, 255).astype(np.uint8)
    return _jpeg(out, 88), 72


def card_photo(card: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int | None]:
    """Photographed close: the card 55-70 % of the frame's width."""
    return _on_desk(card, rng, (0.55, 0.7))


def card_far(card: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int | None]:
    """Photographed from standing height: the card 22-45 % of the frame's width (its letters
    12-24 px high, as scanned at 260-530 dpi)."""
    return _on_desk(card, rng, (0.22, 0.45))


def _on_glass(card: np.ndarray, rng: random.Random, backing: int) -> tuple[np.ndarray, int | None]:
    """On an A4 flatbed's glass at 300 dpi, near a corner, the lid's ``backing`` level round
    it (with the sensor's noise)."""
    noise = _noise_rng(rng)
    page = np.full((3508, 2480, 3), float(backing)) + noise.normal(0, 3, (3508, 2480, 3))
    h, w = card.shape[:2]
    x0, y0 = rng.randint(40, 120), rng.randint(40, 120)
    page[y0 : y0 + h, x0 : x0 + w] = card
    return page.clip(0, 255).astype(np.uint8), 300


def card_on_a4(card: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int | None]:
    """Scanned on an A4 flatbed with the white lid closed: an A4 page with the card in it."""
    return _on_glass(card, rng, 250)


def card_lid_open(card: np.ndarray, rng: random.Random) -> tuple[np.ndarray, int | None]:
    """Scanned on an A4 flatbed with the lid open (or on a scanner's black backing)."""
    return _on_glass(card, rng, 15)


CAPTURES: dict[str, Capture] = {
    f.__name__: f
    for f in (card_300, card_no_dpi, card_600, card_photo, card_far, card_on_a4, card_lid_open)
}


def make_pages(kinds: list[str], per_kind: int, seed_base: int, out: Path) -> list[dict]:
    pages = []
    for kind in kinds:
        k = list(CAPTURES).index(kind)
        for i in range(per_kind):
            seed = seed_base + i
            spec = render_card_front(seed)
            image, dpi = CAPTURES[kind](
                np.asarray(spec.image.convert("RGB")), random.Random(seed * 10 + k)
            )
            path = out / f"{kind}-{seed}.png"
            if dpi:
                Image.fromarray(image).save(path, dpi=(dpi, dpi))
            else:
                Image.fromarray(image).save(path)  # no pHYs chunk: no dpi in the file
            pages.append(
                {"kind": kind, "image": path, "truth": spec.text, "id": spec.fields["so_dinh_danh"]}
            )
    return pages


def main(argv: list[str] | None = None) -> int:
    return run_kinds(__doc__ or "", CAPTURES, make_pages, 9500, argv)


if __name__ == "__main__":
    raise SystemExit(main())
