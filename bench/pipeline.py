"""End-to-end benchmark: every stage on seed-like pages, one core, and its ratio to a bare Aho-Corasick scan.

    python bench/pipeline.py [N]

Reports documents/s for the whole pipeline (ingest excluded: the documents are built in memory),
the time share of each stage, and the bare pyahocorasick scan of the same normalized bytes.
"""

from __future__ import annotations

import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import base_texts, perturb  # noqa: E402

from marsad.kb import load_kb  # noqa: E402
from marsad.pipeline import STAGES, Context  # noqa: E402
from marsad.records import Document  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rng = random.Random(1)
    bases = base_texts()
    texts = [perturb(bases[i % len(bases)], rng) for i in range(n)]
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    ctx = Context()
    kb = load_kb()
    ctx._kb = kb
    per_stage: dict[str, float] = defaultdict(float)
    t0 = time.perf_counter()
    events = figures = 0
    for i, text in enumerate(texts):
        doc = Document(doc_id=f"d{i}", text=text, source="bench")
        for st in STAGES:
            ts = time.perf_counter()
            st.fn(doc, ctx)
            per_stage[st.name] += time.perf_counter() - ts
        events += len(doc.events)
        figures += len(doc.figures)
    total = time.perf_counter() - t0

    from marsad.text.normalize import normalize

    norms = [normalize(t).text for t in texts]
    t1 = time.perf_counter()
    for t in norms:
        for _ in kb.automaton.iter(t):
            pass
    bare = time.perf_counter() - t1
    print(f"documents             {n}  ({nbytes / n / 1000:.1f} KB each, {nbytes / 1e6:.1f} MB)")
    print(f"end to end            {n / total:.0f} docs/s per core  ({nbytes / 1e6 / total:.2f} MB/s)")
    print(f"events / figures      {events} / {figures}")
    for name, sec in per_stage.items():
        print(f"  {name:<10}          {100 * sec / total:5.1f} %  ({n / sec:.0f} docs/s alone)")
    print(f"bare AC scan          {n / bare:.0f} docs/s")
    print(f"ratio to bare scan    {total / bare:.1f}x")


if __name__ == "__main__":
    main()
