"""Fuzz benchmark: N generated nasty inputs through ingest and the whole pipeline.

    python bench/fuzz.py [N]

Prints crashes (an exception escaping a stage or a span outside its text: must be 0), documents,
recorded errors and time.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from marsad.fuzzing import nasty_file
from marsad.ingest import iter_documents
from marsad.pipeline import Context, process


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    rng = random.Random(2024)
    work = Path(tempfile.mkdtemp(prefix="marsad-fuzz-"))
    crashes = docs = errors = 0
    ctx = Context()
    t0 = time.perf_counter()
    try:
        for i in range(n):
            name, data = nasty_file(rng, i)
            path = work / name
            path.write_bytes(data)
            try:
                for raw in iter_documents([path]):
                    doc = process(raw, ctx)
                    docs += 1
                    errors += bool(doc.errors)
                    t = doc.text
                    for e in doc.entities:
                        for m in e.mentions:
                            assert t[m.start : m.end] == m.text
                    for s in doc.stories:
                        assert 0 <= s.start <= s.end <= len(t)
                    for f in doc.figures:
                        assert t[f.evidence.start : f.evidence.end] == f.evidence.text
                    for ev in doc.events:
                        assert t[ev.evidence.start : ev.evidence.end] == ev.evidence.text
            except Exception:
                crashes += 1
                if crashes <= 5:
                    traceback.print_exc()
            path.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    dt = time.perf_counter() - t0
    print(f"inputs      {n}")
    print(f"documents   {docs}")
    print(f"with errors {errors} (recorded on the document, batch goes on)")
    print(f"crashes     {crashes}")
    print(f"seconds     {dt:.1f}")


if __name__ == "__main__":
    main()
