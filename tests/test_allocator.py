"""marsad.allocator: glibc's malloc thresholds fixed once per process."""

import platform
import subprocess
import sys

import pytest

from marsad import allocator

glibc = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")


@glibc
def test_steady_heap_stops_freed_big_blocks_from_raising_the_mmap_threshold():
    # In a fresh process: freeing an mmap'ed 1 MiB block raises glibc's dynamic threshold, so the next
    # 1 MiB block comes from the heap (arena grows); with steady_heap() it is mmap'ed again.
    probe = """
import ctypes, sys
from marsad import allocator
if sys.argv[1] == "steady":
    assert allocator.steady_heap() and allocator.steady_heap()
class MI(ctypes.Structure):
    _fields_ = [(f, ctypes.c_size_t) for f in "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()]
libc = ctypes.CDLL("libc.so.6"); libc.mallinfo2.restype = MI
libc.malloc.restype = ctypes.c_void_p; libc.free.argtypes = (ctypes.c_void_p,)
libc.free(libc.malloc(1 << 20))
p = libc.malloc(1 << 20)
print(libc.mallinfo2().hblkhd >= 1 << 20)
libc.free(p)
"""
    def mmapped(mode: str) -> str:
        return subprocess.run([sys.executable, "-c", probe, mode], capture_output=True, text=True,
                              check=True).stdout.strip()

    assert mmapped("default") == "False"
    assert mmapped("steady") == "True"


def test_steady_heap_is_a_no_op_without_glibc(monkeypatch):
    allocator.steady_heap.cache_clear()
    monkeypatch.setattr(platform, "libc_ver", lambda: ("", ""))
    try:
        assert allocator.steady_heap() is False
        assert allocator.steady_heap() is False  # answered once per process
    finally:
        allocator.steady_heap.cache_clear()

