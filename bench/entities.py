"""Benchmark of entity detection: documents/s and MB/s per core, and the ratio to a bare Aho-Corasick scan.

    python bench/entities.py [N]

The bare scan is pyahocorasick's ``iter`` over the same normalized texts with the same automaton
(every surface form of the knowledge base): the floor any detector built on it pays.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import base_texts, perturb  # noqa: E402

from marsad.entities import detector  # noqa: E402
from marsad.kb import load_kb  # noqa: E402
from marsad.pipeline import STAGES, Context, process  # noqa: E402
from marsad.records import RawDocument  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rng = random.Random(3)
    bases = base_texts()
    t0 = time.perf_counter()
    kb = load_kb()
    print(f"KB load s            {time.perf_counter() - t0:.2f}  ({kb.counts['surface_forms']} surface forms)")
    ctx = Context()
    prep = [s for s in STAGES if s.name in ("hash", "clean", "pub_date")]
    docs = [process(RawDocument(f"d{i}", perturb(bases[i % len(bases)], rng), "bench"), ctx, stages=prep)
            for i in range(n)]
    for d in docs:
        d.norm  # noqa: B018  (normalization belongs to the text layer, timed elsewhere)
    nbytes = sum(len(d.text.encode("utf-8")) for d in docs)
    det = detector(kb)

    t1 = time.perf_counter()
    hits = 0
    for d in docs:
        for _ in kb.automaton.iter(d.norm.text):
            hits += 1
    bare = time.perf_counter() - t1

    t2 = time.perf_counter()
    ents = 0
    for d in docs:
        d.mentions = det.detect(d)
        d.entities = det.entities(d, d.mentions)
        ents += len(d.entities)
    full = time.perf_counter() - t2
    print(f"documents            {n}  ({nbytes / 1e6:.1f} MB)")
    print(f"bare AC scan         {n / bare:.0f} docs/s  {nbytes / 1e6 / bare:.1f} MB/s  ({hits} raw hits)")
    print(f"entity detection     {n / full:.0f} docs/s  {nbytes / 1e6 / full:.2f} MB/s  ({ents} entities)")
    print(f"ratio to bare scan   {full / bare:.1f}x")


if __name__ == "__main__":
    main()
