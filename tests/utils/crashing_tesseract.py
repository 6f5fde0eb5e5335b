"""A stand-in for tesserocr whose Tesseract dies mid-page, as a segfault would (OCRmyPDF's
``tests/plugins/tesseract_crash.py`` does the same for the program). The engine's helper
loads it when ``ocr.engine.LIBRARY`` names this module."""

from __future__ import annotations

import os
from typing import Any


class PyTessBaseAPI:
    def __init__(self, lang: str = "eng", **_: Any) -> None:
        self.lang = lang

    def GetVariableAsString(self, name: str) -> str | None:  # noqa: N802 (tesserocr's name)
        return None

    def SetVariable(self, name: str, value: str) -> bool:  # noqa: N802
        return True

    def SetPageSegMode(self, psm: int) -> None:  # noqa: N802
        pass

    def ProcessPages(self, *_: Any) -> bool:  # noqa: N802
        os.write(2, b"Segmentation fault in the page layout\n")
        os.abort()

    def Clear(self) -> None:  # noqa: N802
        pass
