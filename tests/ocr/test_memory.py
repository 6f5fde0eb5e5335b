"""Freed page-sized arrays are kept for the next page (``ocr.memory``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# In a fresh process: the memory resident after making and dropping an A4 page at 300 dpi in
# floating point (as the light and glare stages work on it, 35 MB: above the 32 MiB glibc
# ever serves from its heap by itself), before and after ``keep_freed_memory``, and after a
# second such page.
SCRIPT = """
import os, numpy as np
from ocr.memory import keep_freed_memory

def resident():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

def one_page():
    page = np.full((3508, 2480), 1.0, np.float32)
    del page
    return resident()

start = resident()
dropped = one_page()
kept = keep_freed_memory()
first = one_page()
second = one_page()
print(start, dropped, first, second, kept)
"""


def test_a_page_sized_array_is_kept_for_the_next_page() -> None:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout.split()
    *sizes, kept = out
    start, dropped, first, second = map(float, sizes)
    assert kept == "True"
    # By default the page goes back to the kernel as it is freed (to be mapped and zeroed
    # again for the next page); kept, it stays, and the next page reuses it.
    assert dropped - start < 5, (start, dropped)
    assert first - start > 30, (start, first)
    assert abs(second - first) < 5, (first, second)
