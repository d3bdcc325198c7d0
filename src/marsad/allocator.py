"""Keep glibc's malloc from growing a long run's heap with memory it no longer uses.

A long ``marsad run`` allocates and frees, page after page, buffers of every size (page texts, DuckDB
query results handed to Python, JSON records).  Two of glibc's defaults turn that into a heap that keeps
growing while the memory in use stays flat (measured on the bench corpus: 30 MB in use, 84 MB free inside
the heap after 20,000 pages):

* the mmap threshold is *dynamic*: each freed mmap'ed block raises it (up to 32 MB), so later large buffers
  come from the heap and leave holes in it when freed;
* every thread that allocates may get its own arena (up to 8 per core), each fragmenting on its own.

:func:`steady_heap` fixes the thresholds at glibc's initial values (128 KiB: larger blocks are mmap'ed and
given back when freed; free memory at the top of the heap is returned) and caps the arenas at two.  With
it the same run's heap stayed at ≈50 MB (20 MB free).  Elsewhere than on glibc it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import platform
from functools import cache

# mallopt parameters of glibc's <malloc.h>
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8

THRESHOLD = 128 * 1024  # glibc's initial value of both thresholds, kept fixed
ARENAS = 2


@cache
def steady_heap() -> bool:
    """Set the thresholds and the arena cap above once per process; True when glibc took them."""
    return _apply()


def _apply() -> bool:
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    # mallopt returns 1 on success, 0 on error
    return all(mallopt(param, value) == 1 for param, value in (
        (M_MMAP_THRESHOLD, THRESHOLD), (M_TRIM_THRESHOLD, THRESHOLD), (M_ARENA_MAX, ARENAS)))
