"""PDFs made on a computer (text as text, not a picture of it): ``api.samples.write_text_pdf``,
which the demo uses too."""

from __future__ import annotations

from api.samples import write_text_pdf

__all__ = ["write_text_pdf"]
