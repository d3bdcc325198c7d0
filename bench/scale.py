"""Throughput of ``marsad run`` (one process) against the Spark job (local[1], local[2]) on one corpus.

    python bench/scale.py [N ...] [--engines runner,local[1],local[2]] [--json results.json]

For each size N (default 10000 50000 200000; small sizes such as 500 2000 give a quick run) a seed-like
corpus of N ``.txt`` pages is written (``bench/_corpus.py``; ``--corpus DIR`` runs on the pages of DIR
instead, e.g. one kept from an earlier run), then every engine runs the whole pipeline over it in its own
subprocess:

* ``runner`` — :func:`marsad.runner.run` into a fresh store and output folder; its peak RSS is the
  ``ru_maxrss`` of that subprocess (``os.wait4``);
* ``local[K]`` — :func:`marsad.spark.run_spark` with master ``local[K]``, Parquet out.  The seconds count
  the job, not the start of the JVM (printed apart as ``startup``).

Documents/s = documents / seconds of the run (ingest, pipeline, near duplicates, merge, writing).

CPUs: each engine is pinned (``sched_setaffinity``, inherited by the JVM and Spark's Python workers) to as
many CPUs as it has cores: ``runner`` and ``local[1]`` to one, ``local[2]`` to two.  Unpinned, ``local[1]``
is not a one-core run: its JVM (JIT compiler threads, Parquet writers) works on a second CPU beside the one
Python worker, so ``local[2] / local[1]`` would compare two CPUs with about one and a half.  ``--no-pin``
measures unpinned.  With fewer CPUs than an engine's cores it runs unpinned (said in its line).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _corpus import write_corpus  # noqa: E402

DEFAULT_SIZES = (10000, 50000, 200000)
ENGINES = ("runner", "local[1]", "local[2]")


def cores_of(engine: str) -> int:
    """CPUs an engine is given: 1 for ``runner``, K for ``local[K]`` (``local[*]``: all of them)."""
    if engine.startswith("local[") and engine.endswith("]"):
        k = engine[6:-1]
        return len(os.sched_getaffinity(0)) if k == "*" else int(k)
    return 1


def _worker(engine: str, corpus: Path, work: Path, pin: bool) -> None:
    """Run one engine over the corpus (in this subprocess) and print one JSON line."""
    import resource

    cpus = sorted(os.sched_getaffinity(0))
    pinned = pin and len(cpus) >= cores_of(engine)
    if pinned:  # before the JVM starts: it and Spark's Python workers inherit the mask
        os.sched_setaffinity(0, cpus[:cores_of(engine)])

    if engine == "runner":
        from marsad.runner import run
        from marsad.store import open_store

        t0 = time.perf_counter()
        with open_store(work / "marsad.duckdb") as store:
            summary = run([corpus], store, work / "out")
        seconds = time.perf_counter() - t0
        docs, startup = summary.documents, 0.0
    else:
        from marsad.spark import run_spark, spark_session

        t0 = time.perf_counter()
        spark = spark_session(engine, app_name="marsad-bench", shuffle_partitions=8)
        startup = time.perf_counter() - t0
        t1 = time.perf_counter()
        summary = run_spark([str(corpus)], work / "out", spark=spark)
        seconds = time.perf_counter() - t1
        docs = summary.documents
        spark.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"engine": engine, "documents": docs, "seconds": seconds, "startup": startup,
                      "self_rss_mb": rss, "cpus": len(os.sched_getaffinity(0)), "pinned": pinned}))


def measure(engine: str, corpus: Path, pin: bool = True) -> dict:
    """One engine over one corpus in a subprocess; adds the subprocess's peak RSS (MB, from wait4)."""
    work = Path(tempfile.mkdtemp(prefix="marsad-scale-"))
    try:
        with (work / "stderr.log").open("w") as err:
            proc = subprocess.Popen([sys.executable, __file__, "--worker", engine, "--input", str(corpus),
                                     "--work", str(work)] + ([] if pin else ["--no-pin"]), stdout=subprocess.PIPE, stderr=err, text=True)
            stdout = proc.stdout.read() if proc.stdout else ""
            _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            tail = "\n".join((work / "stderr.log").read_text(errors="replace").splitlines()[-30:])
            raise RuntimeError(f"{engine} failed (exit {proc.returncode}); the end of its stderr:\n{tail}")
        result = json.loads(stdout.strip().splitlines()[-1])
        result["peak_rss_mb"] = usage.ru_maxrss / 1024  # the subprocess's own peak (KiB on Linux)
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def table(rows: list[dict]) -> str:
    head = ("| documents | MB | 1 process docs/s | 1 process peak RSS MB | Spark local[1] docs/s | "
            "Spark local[2] docs/s | local[2] / local[1] |")
    lines = [head, "|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        def rate(engine: str, r: dict = r) -> str:
            m = r["engines"].get(engine)
            return f"{m['documents'] / m['seconds']:.1f}" if m else "–"

        runner = r["engines"].get("runner")
        rss = f"{runner['peak_rss_mb']:.0f}" if runner else "–"
        one, two = r["engines"].get("local[1]"), r["engines"].get("local[2]")
        ratio = (f"{(two['documents'] / two['seconds']) / (one['documents'] / one['seconds']):.2f}"
                 if one and two else "–")
        lines.append(f"| {r['n']} | {r['mb']:.1f} | {rate('runner')} | {rss} | {rate('local[1]')} | "
                     f"{rate('local[2]')} | {ratio} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=list(DEFAULT_SIZES))
    ap.add_argument("--engines", default=",".join(ENGINES), help="comma-separated: runner, local[1], local[2] …")
    ap.add_argument("--json", type=Path, help="also write the measurements here")
    ap.add_argument("--corpus", type=Path, help="run on the pages of this folder (left in place) instead of "
                                                "writing a corpus per size")
    ap.add_argument("--no-pin", dest="pin", action="store_false",
                    help="do not pin each engine to as many CPUs as it has cores")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        _worker(args.worker, args.input, args.work, args.pin)
        return
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    rows = []
    if args.corpus:
        files = [p for p in args.corpus.rglob("*") if p.is_file()]
        args.sizes = [len(files)]
    for n in args.sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"marsad-corpus-{n}-"))
        try:
            if args.corpus:
                corpus, nbytes = args.corpus, sum(p.stat().st_size for p in files)
            else:
                corpus, nbytes = folder / "in", write_corpus(folder / "in", n)
            row = {"n": n, "mb": nbytes / 1e6, "engines": {}}
            for engine in engines:
                m = measure(engine, corpus, args.pin)
                row["engines"][engine] = m
                print(f"n={n:>7} {engine:<9} {m['documents']} docs in {m['seconds']:.1f}s "
                      f"({m['documents'] / m['seconds']:.1f} docs/s; startup {m['startup']:.1f}s; "
                      f"peak RSS {m['peak_rss_mb']:.0f} MB; {m['cpus']} CPU{'s' if m['cpus'] > 1 else ''}"
                      f"{'' if m['pinned'] else ', unpinned'})", file=sys.stderr, flush=True)
            rows.append(row)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        if args.json:
            args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print(table(rows))


if __name__ == "__main__":
    main()
