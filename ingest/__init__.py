"""Intake: accepting uploads, sniffing their real type, enforcing limits, splitting pages."""

from .errors import IngestError
from .limits import IntakeLimits, UploadInfo, check_upload
from .pages import PageImage, iter_pages
from .sniff import ACCEPTED, EXTENSIONS, sniff_file

__all__ = [
    "ACCEPTED",
    "EXTENSIONS",
    "IngestError",
    "IntakeLimits",
    "PageImage",
    "UploadInfo",
    "check_upload",
    "iter_pages",
    "sniff_file",
]
