"""Benchmark of cross-document merging: clustering synthetic event mentions into canonical events.

    python bench/merge.py [N ...]        # default: 10000 50000 100000, then the store path at 10000

Each size runs in its own process (so that peak memory is its own).  The in-memory path is what
``merge_store`` runs after loading: mentions from event dicts, blocking, scoring, clustering, records.  The
synthetic corpus: real-world events told 1–8 times each by different outlets, with the variations of real
reports (a person or their country, a dropped participant, "أمس"/weekday/explicit/month/no date, talks
for phone or meeting), 1,500 persons in 60 countries with a few very frequent ones, at a constant rate of
:data:`PER_DAY` mentions a day (so 100k mentions span about seven years).
Pairwise precision/recall against the synthetic truth is printed as a sanity check.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from marsad.merge import cluster, mention_from_event, merge_store, records_of
from marsad.records import Actor, Document, Event, Span, Story
from marsad.store import open_store

TYPES = {
    "CONSULT": 40,
    "ACCUSE": 12,
    "SUPPORT": 8,
    "REQUEST": 8,
    "AGREE": 6,
    "ASSAULT": 8,
    "AID": 4,
    "COOPERATE": 3,
    "REJECT": 3,
    "THREATEN": 2,
    "PROTEST": 2,
    "SANCTION": 1,
    "MOBILIZE": 1,
    "COERCE": 1,
    "RETREAT": 1,
    "CONCEDE": 1,
}
CONSULT_MODES = ["phone", "meeting", "visit", "multilateral"]
START = dt.date(2015, 1, 1)
PER_DAY = 40  # mentions a day: a larger corpus covers a longer period at the same rate


def _pools(rng: random.Random) -> tuple[list[dict], list[dict], list[float]]:
    countries = [
        {
            "id": f"C{i:02d}",
            "name": f"Country {i}",
            "name_ar": f"بلد {i}",
            "kind": "country",
            "country": f"C{i:02d}",
            "sector": "GOV",
            "role": None,
        }
        for i in range(60)
    ]
    cw = [1.0 / (i + 1) for i in range(len(countries))]  # Zipf: the first country in a fifth of the persons
    persons = []
    for i in range(1500):
        c = rng.choices(countries, cw)[0]["id"]
        persons.append(
            {
                "id": f"person_{i}",
                "name": f"Person {i}",
                "name_ar": f"شخص {i}",
                "kind": "person",
                "country": c,
                "sector": "GOV",
                "role": None,
            }
        )
    weights = [1.0 / (i + 1) ** 0.7 for i in range(len(persons))]  # a few very frequent people
    return countries, persons, weights


def synthetic(n: int, seed: int = 11) -> tuple[list[dict], dict[str, int]]:
    """``n`` mention dicts (event dicts with ``pub_date`` and ``outlet``) and their true event numbers."""
    rng = random.Random(seed)
    days = max(1, n // PER_DAY)
    countries, persons, weights = _pools(rng)
    by_id = {c["id"]: c for c in countries}
    types, tw = list(TYPES), list(TYPES.values())
    out: list[dict] = []
    truth: dict[str, int] = {}
    event_no = 0
    while len(out) < n:
        event_no += 1
        etype = rng.choices(types, tw)[0]
        people = []
        while len(people) < rng.choice((2, 2, 2, 3)):
            p = rng.choices(persons, weights)[0]
            if p not in people:
                people.append(p)
        day = START + dt.timedelta(days=rng.randrange(days))
        mode = rng.choice(CONSULT_MODES) if etype == "CONSULT" else None
        for _ in range(min(n - len(out), rng.choice((1, 2, 3, 4, 5, 6, 8)))):
            doc = f"d{len(out):07d}"
            actors = [dict(by_id[p["country"]]) if rng.random() < 0.25 else dict(p) for p in people]
            if len(actors) > 2 and rng.random() < 0.3:
                actors.pop(rng.randrange(len(actors)))
            r = rng.random()
            pub = day + dt.timedelta(days=rng.choice((0, 0, 1, 1, 2)))
            if r < 0.5:
                date, date_from = day.isoformat(), "explicit"
            elif r < 0.75:
                pub = day + dt.timedelta(days=1)
                date, date_from = day.isoformat(), "relative_day"
            elif r < 0.85:
                date, date_from = day.isoformat(), "relative_weekday"
            elif r < 0.9:
                date, date_from = day.isoformat()[:7], "explicit"
            else:
                date, date_from = None, "none"
            ev = {
                "doc_id": doc,
                "story_id": f"{doc}#0",
                "event_id": f"{doc}#0:e0",
                "event_type": etype,
                "mode": "talks" if mode and rng.random() < 0.2 else mode,
                "status": "occurred",
                "source": actors[:1],
                "target": actors[1:],
                "participants": actors,
                "date": date,
                "date_from": date_from,
                "location": None,
                "topics": [],
                "contexts": [],
                "evidence": {"text": "نص الخبر " * rng.randrange(1, 6), "start": 0, "end": 0},
                "confidence": round(rng.random(), 2),
                "pub_date": pub.isoformat(),
                "outlet": f"outlet {rng.randrange(40)}",
            }
            out.append(ev)
            truth[ev["event_id"]] = event_no
    return out, truth


def pair_scores(assignments: dict[str, str], truth: dict[str, int]) -> tuple[float, float]:
    def pairs(c: Counter) -> int:
        return sum(v * (v - 1) // 2 for v in c.values())

    tp = pairs(Counter((assignments[k], truth[k]) for k in truth))
    pred, gold = pairs(Counter(assignments.values())), pairs(Counter(truth.values()))
    return tp / pred if pred else 1.0, tp / gold if gold else 1.0


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(n: int) -> dict:
    events, truth = synthetic(n)
    base = rss_mb()
    c0, t0 = time.process_time(), time.perf_counter()
    ms = [mention_from_event(e) for e in events]
    t1 = time.perf_counter()
    result = cluster(ms)
    t2 = time.perf_counter()
    records, assignments = records_of(result)
    c3, t3 = time.process_time(), time.perf_counter()
    p, r = pair_scores(assignments, truth)
    return {
        "n": n,
        "mentions_s": t1 - t0,
        "cluster_s": t2 - t1,
        "records_s": t3 - t2,
        "total_s": t3 - t0,
        "cpu_s": c3 - c0,
        "events": len(set(truth.values())),
        "canonical": len(records),
        "precision": p,
        "recall": r,
        "peak_mb": rss_mb(),
        "delta_mb": rss_mb() - base,
    }


def store_path(n: int) -> dict:
    """Through the store: write ``n`` mentions as documents, merge everything, then add 1% and merge again."""
    events, _ = synthetic(n)
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "m.duckdb") as store:
        docs = [_document(e) for e in events]
        cut = n - n // 100
        for i in range(0, cut, 2000):
            store.write_batch(docs[i : min(i + 2000, cut)])
        t0 = time.perf_counter()
        full = merge_store(store)
        t1 = time.perf_counter()
        store.write_batch(docs[cut:])
        t2 = time.perf_counter()
        inc = merge_store(store)
        t3 = time.perf_counter()
    return {
        "n": cut,
        "full_s": t1 - t0,
        "canonical": full.canonical,
        "added": n - cut,
        "incr_s": t3 - t2,
        "reclustered": inc.mentions,
        "peak_mb": rss_mb(),
    }


def _document(e: dict) -> Document:
    def actor(a: dict) -> Actor:
        return Actor(a["id"], a["name"], a["name_ar"], a["kind"], a["country"], a["sector"], a["role"])

    ev = Event(
        doc_id=e["doc_id"],
        story_id=e["story_id"],
        event_id=e["event_id"],
        event_type=e["event_type"],
        mode=e["mode"],
        plover_mode=None,
        source=[actor(a) for a in e["source"]],
        target=[actor(a) for a in e["target"]],
        participants=[actor(a) for a in e["participants"]],
        date=e["date"],
        date_text=None,
        date_from=e["date_from"],
        location=None,
        status=e["status"],
        contexts=[],
        topics=[],
        attribution=None,
        evidence=Span(0, 0, e["evidence"]["text"]),
        confidence=e["confidence"],
    )
    text = e["evidence"]["text"]
    return Document(
        doc_id=e["doc_id"],
        text=text,
        source="bench",
        outlet=e["outlet"],
        pub_date=e["pub_date"],
        content_hash=e["doc_id"],
        stories=[Story(e["story_id"], "main", 0, len(text), None, e["pub_date"])],
        events=[ev],
    )


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] in ("--one", "--store"):
        fn = one if sys.argv[1] == "--one" else store_path
        print(json.dumps(fn(int(sys.argv[2]))))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 50_000, 100_000]
    print("in memory (mention dicts -> canonical records), one core")
    print(
        f"{'mentions':>9} {'events':>7} {'canonical':>9} {'build s':>8} {'cluster s':>9} {'records s':>9} "
        f"{'total s':>8} {'cpu s':>6} {'µs/mention':>10} {'peak MB':>8} {'Δ MB':>6} {'P':>5} {'R':>5}"
    )
    for n in sizes:
        r = _child("--one", n)
        print(
            f"{r['n']:>9} {r['events']:>7} {r['canonical']:>9} {r['mentions_s']:>8.2f} "
            f"{r['cluster_s']:>9.2f} {r['records_s']:>9.2f} {r['total_s']:>8.2f} {r['cpu_s']:>6.2f} "
            f"{1e6 * r['total_s'] / r['n']:>10.1f} "
            f"{r['peak_mb']:>8.0f} {r['delta_mb']:>6.0f} {r['precision']:>5.3f} {r['recall']:>5.3f}"
        )
    r = _child("--store", 10_000)
    print(
        "\nthrough the store (DuckDB file): merge_store over everything, then after adding 1% new documents"
    )
    print(
        f"{'mentions':>9} {'full s':>7} {'canonical':>9} {'added':>6} {'incr s':>7} {'re-clustered':>12} "
        f"{'peak MB':>8}"
    )
    print(
        f"{r['n']:>9} {r['full_s']:>7.2f} {r['canonical']:>9} {r['added']:>6} {r['incr_s']:>7.2f} "
        f"{r['reclustered']:>12} {r['peak_mb']:>8.0f}"
    )


def _child(flag: str, n: int) -> dict:
    res = subprocess.run([sys.executable, __file__, flag, str(n)], capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
