"""Crash safety: `marsad run` killed with SIGKILL at random moments, then resumed, loses and doubles nothing."""

import random
import sys
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from _corpus import write_corpus  # noqa: E402
from crash import crash_cycle  # noqa: E402


def test_sigkill_twenty_times_then_resume(tmp_path: Path):
    write_corpus(tmp_path / "corpus", 240, seed=3)
    lost, doubled, same, killed = crash_cycle(tmp_path / "corpus", tmp_path, kills=20, rng=random.Random(9),
                                              max_wait=2.5)
    assert killed >= 10  # most attempts hit a running process
    assert (lost, doubled) == (0, 0)
    assert same
