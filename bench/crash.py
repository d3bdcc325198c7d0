"""Crash-safety benchmark: `marsad run` killed with SIGKILL at random moments, then run to the end.

    python bench/crash.py [KILLS] [DOCS]

After every kill the same command is started again; at the end the store must hold every document
exactly once and the output files must equal those of an uninterrupted run.  Prints lost and doubled
documents (must be 0 / 0) and whether the outputs are identical.
"""

from __future__ import annotations

import filecmp
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import write_corpus  # noqa: E402

MARSAD = [sys.executable, "-m", "marsad"]
FILES = ("documents", "entities", "events", "figures", "canonical_events")


def run_cmd(corpus: Path, db: Path, out: Path) -> list[str]:
    return [*MARSAD, "run", str(corpus), "--db", str(db), "--out", str(out), "--quiet"]


def crash_cycle(corpus: Path, work: Path, kills: int, rng: random.Random,
                max_wait: float = 4.0) -> tuple[int, int, bool, int]:
    ref_db, ref_out = work / "ref.duckdb", work / "ref"
    subprocess.run(run_cmd(corpus, ref_db, ref_out), check=True)
    db, out = work / "crash.duckdb", work / "out"
    killed = 0
    for _ in range(kills):
        proc = subprocess.Popen(run_cmd(corpus, db, out))
        time.sleep(rng.uniform(0.3, max_wait))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait()
    subprocess.run(run_cmd(corpus, db, out), check=True)
    n_files = sum(1 for _ in corpus.iterdir())
    con = duckdb.connect(str(db), read_only=True)
    stored, distinct = con.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone()
    con.close()
    lost = n_files - distinct
    doubled = stored - distinct
    same = all(filecmp.cmp(ref_out / f"{n}.jsonl", out / f"{n}.jsonl", shallow=False) for n in FILES)
    return lost, doubled, same, killed


def main() -> None:
    kills = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    n_docs = int(sys.argv[2]) if len(sys.argv) > 2 else 1500
    work = Path(tempfile.mkdtemp(prefix="marsad-crash-"))
    try:
        write_corpus(work / "corpus", n_docs)
        t0 = time.perf_counter()
        lost, doubled, same, killed = crash_cycle(work / "corpus", work, kills, random.Random(5))
        print(f"documents          {n_docs}")
        print(f"kill attempts      {kills} (killed while running: {killed})")
        print(f"lost documents     {lost}")
        print(f"doubled documents  {doubled}")
        print(f"outputs identical  {same}")
        print(f"seconds            {time.perf_counter() - t0:.0f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
