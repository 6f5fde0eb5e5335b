"""Fonts with full Vietnamese coverage from the Debian packages (Liberation 2, DejaVu, Noto)."""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import ImageFont

ROOT = Path("/usr/share/fonts/truetype")
# Letters a Vietnamese page cannot do without; a font lacking any is not used (Liberation 1.x
# from the old fonts-liberation package lacks them, fonts-liberation2 has them).
VIETNAMESE = "ỘỆỊẰĐơưỹẠẢẤẦẨẪẬẮẲẴẶẸẺẼẾỀỂỄỈỌỎỐỒỔỖỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸđĐ"

# name -> (regular, bold, italic, bold italic), relative to ROOT; weight = how often papers use it
_FAMILIES: dict[str, tuple[tuple[str, str, str, str], int]] = {
    "Liberation Serif": (
        (
            "liberation2/LiberationSerif-Regular.ttf",
            "liberation2/LiberationSerif-Bold.ttf",
            "liberation2/LiberationSerif-Italic.ttf",
            "liberation2/LiberationSerif-BoldItalic.ttf",
        ),
        6,
    ),
    "Liberation Sans": (
        (
            "liberation2/LiberationSans-Regular.ttf",
            "liberation2/LiberationSans-Bold.ttf",
            "liberation2/LiberationSans-Italic.ttf",
            "liberation2/LiberationSans-BoldItalic.ttf",
        ),
        2,
    ),
    "DejaVu Serif": (
        (
            "dejavu/DejaVuSerif.ttf",
            "dejavu/DejaVuSerif-Bold.ttf",
            "dejavu/DejaVuSerif-Italic.ttf",
            "dejavu/DejaVuSerif-BoldItalic.ttf",
        ),
        1,
    ),
    "DejaVu Serif Condensed": (
        (
            "dejavu/DejaVuSerifCondensed.ttf",
            "dejavu/DejaVuSerifCondensed-Bold.ttf",
            "dejavu/DejaVuSerifCondensed-Italic.ttf",
            "dejavu/DejaVuSerifCondensed-BoldItalic.ttf",
        ),
        1,
    ),
    "DejaVu Sans": (
        (
            "dejavu/DejaVuSans.ttf",
            "dejavu/DejaVuSans-Bold.ttf",
            "dejavu/DejaVuSans-Oblique.ttf",
            "dejavu/DejaVuSans-BoldOblique.ttf",
        ),
        1,
    ),
    "DejaVu Sans Condensed": (
        (
            "dejavu/DejaVuSansCondensed.ttf",
            "dejavu/DejaVuSansCondensed-Bold.ttf",
            "dejavu/DejaVuSansCondensed-Oblique.ttf",
            "dejavu/DejaVuSansCondensed-BoldOblique.ttf",
        ),
        1,
    ),
    "Noto Serif": (
        (
            "noto/NotoSerif-Regular.ttf",
            "noto/NotoSerif-Bold.ttf",
            "noto/NotoSerif-Italic.ttf",
            "noto/NotoSerif-BoldItalic.ttf",
        ),
        3,
    ),
    "Noto Sans": (
        (
            "noto/NotoSans-Regular.ttf",
            "noto/NotoSans-Bold.ttf",
            "noto/NotoSans-Italic.ttf",
            "noto/NotoSans-BoldItalic.ttf",
        ),
        2,
    ),
}


@dataclass(frozen=True)
class Family:
    name: str
    regular: str
    bold: str
    italic: str
    bold_italic: str

    def get(self, style: str, size_px: int) -> ImageFont.FreeTypeFont:
        path = {
            "regular": self.regular,
            "bold": self.bold,
            "italic": self.italic,
            "bold_italic": self.bold_italic,
        }[style]
        return _font(path, max(6, int(size_px)))


@functools.lru_cache(maxsize=512)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


@functools.lru_cache(maxsize=64)
def covers_vietnamese(path: str) -> bool:
    try:
        cmap = TTFont(path, lazy=True).getBestCmap()
    except Exception:  # a broken or absent font file is simply not offered
        return False
    return all(ord(c) in cmap for c in VIETNAMESE)


@functools.lru_cache(maxsize=1)
def families() -> tuple[tuple[Family, int], ...]:
    """Installed families whose four styles all cover Vietnamese, with their weights."""
    found = []
    for name, (paths, weight) in _FAMILIES.items():
        full = tuple(str(ROOT / p) for p in paths)
        if all(Path(p).exists() and covers_vietnamese(p) for p in full):
            found.append((Family(name, *full), weight))
    if not found:
        raise RuntimeError(
            "no font with Vietnamese coverage: install fonts-dejavu-core or fonts-noto-core"
        )
    return tuple(found)


def pick_family(rng: random.Random) -> Family:
    fams, weights = zip(*families(), strict=True)
    return rng.choices(fams, weights)[0]
