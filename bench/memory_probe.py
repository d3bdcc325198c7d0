"""Where the memory of ``marsad run`` goes: one run over the first N pages of a corpus, observed from inside.

    python bench/memory_probe.py CORPUS N [--work DIR] [--cpu K]

Writes JSON lines to ``WORK/probe.jsonl`` (and prints the per-merge lines as a table at the end):

* ``hwm`` — each time the process's high-water mark (``VmHWM``, MiB) rises, checked every 0.5 s: the phase
  the run was in (``pipeline``, ``neardup``, ``write``, ``merge``, ``reopen``), RSS and glibc's heap
  (``mallinfo2``: arena size, in use, free inside it; mmap'ed blocks);
* ``merged`` — after each merge: the same, plus DuckDB's ``duckdb_memory()`` by tag, Python's allocated
  blocks, the sizes of the ``lru_cache``s of the pipeline and the largest live containers (a container whose
  length follows the corpus is a leak);
* ``retry`` — a write or query that ran out of memory under DuckDB's cap and is run again at twice the cap.

The probe wraps functions of :mod:`marsad.runner` (the run itself is unchanged).  Linux with glibc only.
Sizes in MiB, as ``bench/scale.py`` prints them.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import itertools
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path


class _MallInfo2(ctypes.Structure):
    _fields_ = [(f, ctypes.c_size_t) for f in
                "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()]


_libc = ctypes.CDLL("libc.so.6")
_libc.mallinfo2.restype = _MallInfo2


def status() -> dict[str, int]:
    """RSS figures of this process (MiB)."""
    out = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
                out[key] = int(value.split()[0]) // 1024
    return out


def heap() -> dict[str, int]:
    m = _libc.mallinfo2()
    return {"heap": m.arena >> 20, "heap_used": m.uordblks >> 20, "heap_free": m.fordblks >> 20,
            "mmapped": m.hblkhd >> 20}


class Probe:
    def __init__(self, log: Path):
        self.log = log.open("w")
        self.phase = "start"
        self.pages = 0
        self.t0 = time.perf_counter()
        self.merges: list[dict] = []

    def emit(self, **fields) -> dict:
        fields.update(t=round(time.perf_counter() - self.t0, 1), pages=self.pages)
        self.log.write(json.dumps(fields) + "\n")
        self.log.flush()
        return fields

    def in_phase(self, owner, name: str, phase: str) -> None:
        fn = getattr(owner, name)

        def wrapped(*args, **kwargs):
            before, self.phase = self.phase, phase
            try:
                return fn(*args, **kwargs)
            finally:
                self.phase = before

        setattr(owner, name, wrapped)

    def watch(self) -> None:
        high = 0
        while True:
            now = status()
            if now["VmHWM"] > high:
                high = now["VmHWM"]
                self.emit(ev="hwm", phase=self.phase, **now, **heap())
            time.sleep(0.5)

    def after_merge(self, store) -> None:
        from marsad.events import extract
        from marsad.figures import lexicon
        from marsad.merge import mention

        rows = store.con.execute("SELECT tag, memory_usage_bytes // 1048576 FROM duckdb_memory() "
                                 "WHERE memory_usage_bytes >= 1048576").fetchall()
        caches = {f"{mod.__name__.rsplit('.', 1)[-1]}.{name}": fn.cache_info().currsize
                  for mod in (extract, lexicon, mention) for name, fn in vars(mod).items()
                  if hasattr(fn, "cache_info") and fn.cache_info().maxsize}
        largest = sorted(((len(o), type(o).__name__) for o in gc.get_objects()
                          if isinstance(o, (dict, list, set)) and len(o) > 3000), reverse=True)[:6]
        self.merges.append(self.emit(ev="merged", **status(), **heap(), duckdb=dict(rows),
                                     py_blocks_k=sys.getallocatedblocks() // 1000, caches=caches,
                                     largest=largest))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("n", type=int, help="pages to run (the first N of the corpus, in input order)")
    ap.add_argument("--work", type=Path, help="folder for the store, outputs and probe.jsonl (default: temporary)")
    ap.add_argument("--cpu", type=int, help="pin the run to this CPU")
    args = ap.parse_args()
    if args.cpu is not None:
        os.sched_setaffinity(0, [args.cpu])
    work = args.work or Path(tempfile.mkdtemp(prefix="marsad-probe-"))
    work.mkdir(parents=True, exist_ok=True)

    import marsad.runner as runner
    from marsad.store import db, open_store

    probe = Probe(work / "probe.jsonl")
    probe.in_phase(runner, "process", "pipeline")
    probe.in_phase(runner.NearDuplicates, "mark", "neardup")
    probe.in_phase(db.Store, "write_batch", "write")
    probe.in_phase(db.Store, "reopen", "reopen")

    merge = runner._merge

    def merge_and_look(store) -> None:
        before, probe.phase = probe.phase, "merge"
        try:
            merge(store)
        finally:
            probe.phase = before
        probe.after_merge(store)

    runner._merge = merge_and_look
    count = runner._count

    def counting(summary, doc) -> None:
        probe.pages += 1
        count(summary, doc)

    runner._count = counting
    iter_documents = runner.iter_documents
    runner.iter_documents = lambda inputs: itertools.islice(iter_documents(inputs), args.n)
    double = db._double

    def retried(size: str) -> str:
        probe.emit(ev="retry", phase=probe.phase, **status())
        return double(size)

    db._double = retried
    threading.Thread(target=probe.watch, daemon=True).start()

    with open_store(work / "marsad.duckdb") as store:
        summary = runner.run([args.corpus], store, work / "out")
    probe.emit(ev="done", **status(), documents=summary.documents, seconds=round(summary.seconds))

    print("| pages | peak | RSS | heap (free) | DuckDB | Python blocks (k) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for m in probe.merges:
        print(f"| {m['pages']} | {m['VmHWM']} | {m['VmRSS']} | {m['heap']} ({m['heap_free']}) | "
              f"{sum(m['duckdb'].values())} | {m['py_blocks_k']} |")
    print(f"log: {work / 'probe.jsonl'}", file=sys.stderr)


if __name__ == "__main__":
    main()
