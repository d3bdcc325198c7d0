"""Benchmark of the foundation: ingest + clean + text layer + store, on .txt input, one core.

    python bench/ingest.py [N]

Prints documents/s and MB/s for the stage alone (no entity/event extraction) and the peak RSS.
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import write_corpus  # noqa: E402

from marsad.clean import segment_page  # noqa: E402
from marsad.ingest import iter_documents  # noqa: E402
from marsad.pipeline import STAGES, Context, process  # noqa: E402
from marsad.store import open_store  # noqa: E402
from marsad.text import normalize, sentence_spans, tokenize  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    work = Path(tempfile.mkdtemp(prefix="marsad-bench-"))
    try:
        nbytes = write_corpus(work / "in", n)
        foundation = [s for s in STAGES if s.name in ("hash", "clean", "pub_date")]
        ctx = Context()
        t0 = time.perf_counter()
        docs = 0
        with open_store(work / "m.duckdb") as store:
            batch = []
            for raw in iter_documents([work / "in"]):
                doc = process(raw, ctx, stages=foundation)
                nt = normalize(doc.text)  # the text layer over the whole page
                tokenize(nt)
                for st in doc.stories:
                    sentence_spans(doc.text, st.start, st.end)
                batch.append(doc)
                docs += 1
                if len(batch) == 500:
                    store.write_batch(batch)
                    batch = []
            store.write_batch(batch)
        dt = time.perf_counter() - t0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"documents            {docs}")
        print(f"MB                   {nbytes / 1e6:.1f}")
        print(f"seconds              {dt:.2f}")
        print(f"documents/s (1 core) {docs / dt:.0f}")
        print(f"MB/s (1 core)        {nbytes / 1e6 / dt:.2f}")
        print(f"peak RSS MB          {rss:.0f}")
        # the segmentation alone, for reference
        texts = [p.read_text(encoding="utf-8") for p in sorted((work / "in").glob("*.txt"))[:1000]]
        t1 = time.perf_counter()
        for i, t in enumerate(texts):
            segment_page(str(i), t)
        print(f"segment_page docs/s  {len(texts) / (time.perf_counter() - t1):.0f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
