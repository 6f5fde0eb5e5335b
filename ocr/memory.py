"""Freed page-sized arrays kept for the next page instead of handed back to the kernel.

Every stage makes arrays the size of the page (a 300 dpi A4 page is 8.7 MB in grey, 26 MB in
colour). glibc serves each allocation above its mmap threshold with fresh pages from the
kernel and returns them when it is freed, so the next page pays the kernel again to map and
zero them, one page fault per 4 KiB. On the hard pages of ``bench/ocr_quality.py`` (gate,
preparation, recognition, searchable page in one process) that was some 0.2-0.3 s of about
2.3 s a page. With the thresholds raised, freed arrays stay in the heap and are reused.

The cost: a process keeps the memory of its largest page (a few hundred MB) rather than
giving it back between pages, which is what a worker that reads page after page wants. Only
the processes that read pages call ``keep_freed_memory``: the worker, the API (the gate at
upload), the CLI and the benchmarks that measure them.
"""

from __future__ import annotations

import ctypes
import ctypes.util

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 256 * 2**20
"""Allocations up to this size come from the heap (glibc's own default moves between 128 KiB
and 32 MiB)."""
TRIM_THRESHOLD = 1 * 2**30
"""Free memory at the top of the heap is handed back only beyond this."""


def keep_freed_memory() -> bool:
    """Raise glibc's mmap and trim thresholds for this process; False where the C library
    is not glibc (nothing is changed there)."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(
        mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    )


__all__ = ["keep_freed_memory"]
