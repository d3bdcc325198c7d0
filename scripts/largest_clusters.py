"""The largest canonical events of a store, each with every report's evidence, to check by reading that each
is one real act (the check of issue 21: "no event whose reports describe different acts among its ten
largest").

    python scripts/largest_clusters.py [--db marsad.duckdb] [-n 10] [--width 110]

The order is ``marsad events --canonical``'s (most documents first).  Per report: document, outlet,
publication date, the event's own date (and where it came from), status, mode, source > target, evidence.
"""

from __future__ import annotations

import argparse

from marsad.merge import canonical_detail, list_canonical
from marsad.store import open_store


def _ids(actors: list[dict] | None) -> str:
    return ",".join(a.get("id") or "?" for a in actors or []) or "-"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="marsad.duckdb")
    ap.add_argument("-n", type=int, default=10, help="how many canonical events")
    ap.add_argument("--width", type=int, default=110, help="characters of evidence per report")
    args = ap.parse_args()
    with open_store(args.db, read_only=True) as store:
        for rank, rec in enumerate(list_canonical(store, args.n), 1):
            detail = canonical_detail(store, rec["canonical_id"])
            date = rec.get("date") or "-"
            if rec.get("date_from") == "pub_date":
                date = "≈" + date
            print(f"#{rank} {rec['canonical_id']} {rec['event_type']} {rec.get('mode') or ''} date {date} "
                  f"documents {rec['num_documents']} outlets {rec['num_outlets']} "
                  f"participants {_ids(rec.get('participants'))}")
            for ev in detail["reports"]:
                doc = ev.get("document") or {}
                own = f"{ev.get('date')}/{ev.get('date_from')}" if ev.get("date") else "undated"
                side = (_ids(ev.get("participants")) if not (ev.get("source") or ev.get("target"))
                        else f"{_ids(ev.get('source'))} > {_ids(ev.get('target'))}")
                text = " ".join((ev.get("evidence") or {}).get("text", "").split())
                print(f"  {ev['doc_id']} [{doc.get('outlet') or '-'} {doc.get('pub_date') or '-'}] {own} "
                      f"{ev.get('status')} {ev.get('mode') or ''} {side}")
                print(f"      «{text[:args.width]}»")
            print()


if __name__ == "__main__":
    main()
