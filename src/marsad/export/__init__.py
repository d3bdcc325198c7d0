"""Exports of a marsad store: the tables as Parquet/CSV, PLOVER interchange JSON Lines, a GDELT-like table.

The store is only read.  Every export is deterministic (same store → same bytes): rows are written in
the order of :data:`marsad.export.schema.SORT_KEYS`.

>>> from marsad.store import open_store
>>> with open_store("marsad.duckdb", read_only=True) as store:      # doctest: +SKIP
...     export_store(store, "plover", "exports/")
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from marsad.export.gdelt import COLUMNS as GDELT_COLUMNS
from marsad.export.gdelt import gdelt_rows
from marsad.export.plover import check_record, plover_record
from marsad.export.schema import TABLES, columns, flatten, unflatten
from marsad.export.tables import read_csv, read_parquet, write_csv, write_parquet, write_table_csv
from marsad.store.db import event_record

FORMATS = ("parquet", "csv", "plover", "gdelt")
TABLE_NAMES = ("documents", "entities", "events", "figures", "canonical_events")


def export_store(store: Any, fmt: str, out: str | Path) -> dict[str, int]:
    """Write the export ``fmt`` of ``store`` into folder ``out``; return {file name: rows written}."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    if fmt in ("parquet", "csv"):
        for table in TABLE_NAMES:
            name = f"{table}.{fmt}"
            records = store.records(table)
            writer = write_parquet if fmt == "parquet" else write_table_csv
            written[name] = writer(out / name, table, records)
    elif fmt == "plover":
        name = "plover.jsonl"
        written[name] = _write_jsonl(out / name, plover_records(store))
    else:
        name = "gdelt_events.csv"
        docs = {d["doc_id"]: d for d in _doc_meta(store)}
        written[name] = write_csv(out / name, GDELT_COLUMNS, gdelt_rows(store.records("events"), docs))
    return written


def plover_records(store: Any) -> Iterator[dict[str, Any]]:
    """PLOVER records of every stored event, in (doc_id, event_id) order."""
    wikidata = dict(_rows(store, "SELECT DISTINCT id, json_extract_string(record, '$.wikidata') FROM entities "
                                 "WHERE json_extract_string(record, '$.wikidata') IS NOT NULL ORDER BY 1"))
    sql = (f"SELECT {event_record('e')}, d.record, d.text FROM events e JOIN documents d ON d.doc_id = e.doc_id "
           "ORDER BY e.doc_id, e.event_id")
    for ev_json, doc_json, text in _rows(store, sql):
        event, doc = json.loads(ev_json), json.loads(doc_json)
        story = next((s for s in doc.get("stories", []) if s.get("story_id") == event.get("story_id")), None)
        doc["story_pub_date"] = story.get("pub_date") if story else None
        yield plover_record(event, doc, text, wikidata)


def _doc_meta(store: Any) -> Iterator[dict[str, Any]]:
    sql = "SELECT doc_id, outlet, url, pub_date, source FROM documents ORDER BY doc_id"
    for doc_id, outlet, url, pub_date, source in _rows(store, sql):
        yield {"doc_id": doc_id, "outlet": outlet, "url": url, "pub_date": pub_date, "source": source}


def _rows(store: Any, sql: str) -> Iterator[tuple]:
    cur = store.cursor().execute(sql)
    while rows := cur.fetchmany(1000):
        yield from rows


def _write_jsonl(path: Path, records: Iterator[dict[str, Any]]) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False))
            fh.write("\n")
            n += 1
    return n


__all__ = [
    "FORMATS", "TABLES", "check_record", "columns", "export_store", "flatten", "gdelt_rows", "plover_record",
    "plover_records", "read_csv", "read_parquet", "unflatten",
]
