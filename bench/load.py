"""Reads under load while the server ingests: ``marsad serve --inbox`` against many concurrent clients.

    python bench/load.py [--clients 50] [--seconds 30] [--docs 300] [--think 0] [--db PATH]

A store is built from the example corpus (or ``--db`` is copied), ``marsad serve --inbox`` starts on
127.0.0.1 in its own process, and for ``--seconds`` seconds ``--clients`` client threads (each one
keep-alive connection, closed loop: a request, the answer, ``--think`` seconds, the next request) hit
/api/events, /api/documents, /api/stats and /api/timeline, while ``--docs`` seed-like documents are dropped
into the inbox (``.txt`` and ``.jsonl`` files, written as ``*.part`` and renamed) during the first half of
the run.  Prints requests, throughput, p50/p95/p99/max latency, errors, and how long the inbox took.
Target: p99 < 100 ms and 0 errors.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _corpus import EXAMPLES, base_texts, perturb  # noqa: E402

PATHS = ("/api/events?limit=20", "/api/documents?limit=20", "/api/stats", "/api/timeline",
         "/api/events?type=CONSULT&sort=date&order=asc", "/api/timeline?interval=month")
TOKEN = "bench-load-token-0123456789"


# `marsad serve --inbox` with the answer cache off (the CLI has no option for it)
_UNCACHED = """
import os, sys, uvicorn
from marsad.serve import ServeSettings, create_app
db, port, inbox = sys.argv[1], int(sys.argv[2]), sys.argv[3]
app = create_app(ServeSettings(db=db, token=os.environ["MARSAD_TOKEN"], inbox=inbox, cache_size=0))
uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path)
    resp = conn.getresponse()
    return resp.status, resp.read()


def _wait_up(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"marsad serve exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            if _get(conn, "/api/stats")[0] == 200:
                conn.close()
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("marsad serve did not answer in time")


def _inbox_stats(port: int) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        # a query string of its own: a fresh answer, not the cached one of the readers
        return json.loads(_get(conn, f"/api/stats?at={time.time_ns()}")[1]).get("inbox", {})
    finally:
        conn.close()


def _producer(inbox: Path, n_docs: int, seconds: float, dropped: list[int]) -> None:
    """Drop ``n_docs`` documents over ``seconds`` seconds: mostly single .txt files, some .jsonl of 10."""
    rng = random.Random(11)
    bases = base_texts()
    i = 0
    step = 0
    start = time.perf_counter()
    while i < n_docs:
        if step % 4 == 3 and n_docs - i >= 10:
            lines = [json.dumps({"id": f"load-{i + j:05d}", "pub_date": "2024-06-11", "outlet": "bench",
                                 "text": perturb(bases[(i + j) % len(bases)], rng)}, ensure_ascii=False)
                     for j in range(10)]
            name, data, k = f"load-{i:05d}.jsonl", "\n".join(lines) + "\n", 10
        else:
            name, data, k = f"load-{i:05d}.txt", perturb(bases[i % len(bases)], rng), 1
        part = inbox / f"{name}.part"
        part.write_text(data, encoding="utf-8")
        os.replace(part, inbox / name)
        i += k
        dropped[0] = i
        step += 1
        # spread the drops over the time given
        ahead = start + seconds * i / n_docs - time.perf_counter()
        if ahead > 0:
            time.sleep(ahead)


def _client(port: int, stop: threading.Event, think: float, seed: int,
            out: list[tuple[str, float, int, float]]) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    local: list[tuple[str, float, int, float]] = []
    while not stop.is_set():
        path = rng.choice(PATHS)
        t0 = time.perf_counter()
        try:
            status, _ = _get(conn, path)
        except (OSError, http.client.HTTPException):
            status = -1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        local.append((path, time.perf_counter() - t0, status, t0))
        if think:
            time.sleep(think)
    conn.close()
    out.extend(local)


def _pct(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(len(values) * q))] if values else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--docs", type=int, default=300, help="documents dropped into the inbox")
    ap.add_argument("--think", type=float, default=0.0, help="seconds each client waits between requests")
    ap.add_argument("--db", type=Path, help="a store to copy and serve (default: built from the examples)")
    ap.add_argument("--no-cache", action="store_true",
                    help="serve with the answer cache off (ServeSettings(cache_size=0)) to measure the queries")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="marsad-load-"))
    proc = None
    try:
        db = work / "marsad.duckdb"
        if args.db:
            shutil.copy(args.db, db)
        else:
            subprocess.run([sys.executable, "-m", "marsad", "run", str(EXAMPLES), "--db", str(db), "-q"],
                           check=True)
        inbox = work / "inbox"
        port = _free_port()
        env = {**os.environ, "MARSAD_TOKEN": TOKEN}
        if args.no_cache:
            cmd = [sys.executable, "-c", _UNCACHED, str(db), str(port), str(inbox)]
        else:
            cmd = [sys.executable, "-m", "marsad", "serve", "--db", str(db), "--port", str(port), "--inbox", str(inbox)]
        proc = subprocess.Popen(cmd, env=env, stderr=subprocess.DEVNULL)
        _wait_up(port, proc)

        results: list[tuple[str, float, int, float]] = []
        stop = threading.Event()
        dropped = [0]
        clients = [threading.Thread(target=_client, args=(port, stop, args.think, k, results))
                   for k in range(args.clients)]
        producer = threading.Thread(target=_producer, args=(inbox, args.docs, args.seconds / 2, dropped))
        t0 = time.perf_counter()
        for t in clients:
            t.start()
        producer.start()
        drained_at = None
        while time.perf_counter() - t0 < args.seconds:
            time.sleep(0.25)
            if drained_at is None and not producer.is_alive() and not any(p.is_file() for p in inbox.iterdir()):
                drained_at = time.perf_counter() - t0
        stop.set()
        for t in clients:
            t.join(60)
        elapsed = time.perf_counter() - t0
        producer.join()
        deadline = time.monotonic() + 120
        while drained_at is None and time.monotonic() < deadline:
            if not any(p.is_file() for p in inbox.iterdir()):
                drained_at = time.perf_counter() - t0
            time.sleep(0.25)
        inbox_stats = _inbox_stats(port)
    finally:
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(work, ignore_errors=True)

    ok = sorted(s for _, s, st, _ in results if st == 200)
    errors = [(p, st) for p, _, st, _ in results if st != 200]
    by_path: dict[str, list[float]] = defaultdict(list)
    by_window: dict[int, list[float]] = defaultdict(list)
    for p, s, st, at in results:
        if st == 200:
            by_path[p].append(s)
            by_window[int((at - t0) // 5)].append(s)
    print(f"marsad serve --inbox{' (cache off)' if args.no_cache else ''} under load: {args.clients} clients (think {args.think:g} s) for {elapsed:.1f} s, "
          f"{args.docs} documents dropped into the inbox ({os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f} at the end)")
    print(f"requests  {len(results)}  ({len(results) / elapsed:.0f}/s)   errors {len(errors)}"
          + (f"  e.g. {errors[:3]}" if errors else ""))
    print(f"latency   p50 {_pct(ok, 0.5) * 1000:.1f} ms   p95 {_pct(ok, 0.95) * 1000:.1f} ms   "
          f"p99 {_pct(ok, 0.99) * 1000:.1f} ms   max {ok[-1] * 1000 if ok else float('nan'):.1f} ms")
    for p in PATHS:
        v = sorted(by_path[p])
        print(f"  {p:<45} n {len(v):>6}   p50 {_pct(v, 0.5) * 1000:7.1f} ms   p99 {_pct(v, 0.99) * 1000:7.1f} ms")
    print("p99 by 5 s window: " + "  ".join(f"{w * 5}-{w * 5 + 5}s {_pct(sorted(v), 0.99) * 1000:.0f} ms"
                                            for w, v in sorted(by_window.items())))
    drained = f"drained after {drained_at:.1f} s" if drained_at is not None else "NOT drained"
    print(f"inbox     {dropped[0]} documents dropped in {args.seconds / 2:.0f} s, {drained}; stored "
          f"{inbox_stats.get('documents')}, files done {inbox_stats.get('files_done')}, "
          f"failed {inbox_stats.get('files_failed')}")
    p99 = _pct(ok, 0.99) * 1000
    verdict = "met" if p99 < 100 and not errors else "NOT met"
    print(f"target    p99 < 100 ms and 0 errors: {verdict} (p99 {p99:.1f} ms, {len(errors)} errors)")


if __name__ == "__main__":
    main()
