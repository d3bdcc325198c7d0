"""The flat (columnar) form of marsad's output tables, defined once for Parquet, CSV and Spark.

Every table of ``spec/output-format.md`` becomes one row per JSON Lines record:

* scalar fields keep their name and get a column type (``str``, ``int``, ``float``, ``bool``);
* nested fields (lists and objects: stories, mentions, actors, evidence …) keep their name and hold the
  value as a **JSON string** (UTF-8, ``ensure_ascii=False``), so a reader decodes them with
  ``json.loads`` / DuckDB ``json`` / polars ``str.json_decode`` and the record is exactly the JSONL one;
* keys a record carries that this spec does not list (a stage added a field) go, as one JSON object,
  into the column ``extra`` — nothing is dropped, and :func:`unflatten` puts them back.

:func:`flatten` and :func:`unflatten` are inverse: ``unflatten(t, flatten(t, rec)) == rec`` for every
record of the spec.  The Spark job adds one column, ``pub_date``, to the entity, event and figure tables
(the document's publication date) because the tables are partitioned by it; see ``docs/scaling.md``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

STR, INT, FLOAT, BOOL, JSON = "str", "int", "float", "bool", "json"
EXTRA = "extra"  # the column of unlisted keys
PARTITION = "pub_date"  # the partition column of the Spark tables
UNKNOWN_DATE = "unknown"  # the partition value of a document without a publication date


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: str  # str | int | float | bool | json
    optional: bool = False  # the key is absent from the JSONL record when its value is null/false


def _cols(spec: str) -> tuple[Column, ...]:
    """``"doc_id story_id:json flag:bool?"`` → columns (``?`` marks an optional key)."""
    out = []
    for item in spec.split():
        name, _, kind = item.partition(":")
        optional = kind.endswith("?")
        out.append(Column(name, kind.rstrip("?") or STR, optional))
    return tuple(out)


TABLES: dict[str, tuple[Column, ...]] = {
    "documents": _cols(
        "doc_id schema_version:int source url outlet title pub_date pub_date_from language n_chars:int "
        "content_hash near_duplicate_of stories:json boilerplate:json errors:json"
    ),
    "entities": _cols(
        "doc_id id kind name name_ar linked:bool wikidata country sector role mentions:json in_boilerplate:bool?"
    ),
    "events": _cols(
        "doc_id story_id event_id canonical_id event_type mode plover_mode source:json target:json "
        "participants:json date date_text date_from location:json status contexts:json topics:json "
        "attribution:json evidence:json also_evidence:json trigger:json confidence:float"
    ),
    "figures": _cols(
        "doc_id story_id value:float approx what unit group place as_of since attribution:json evidence:json"
    ),
    "canonical_events": _cols(
        "canonical_id event_type mode date participants:json location:json topics:json mentions:json "
        "num_documents:int num_outlets:int first_seen evidence:json"
    ),
}

# the order in which rows of each table are sorted when written by marsad (a stable, documented order)
SORT_KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id",),
    "entities": ("doc_id", "id"),
    "events": ("doc_id", "event_id"),
    "figures": ("doc_id", "story_id"),
    "canonical_events": ("canonical_id",),
}


def columns(table: str) -> list[str]:
    """The column names of a table, ``extra`` last."""
    return [c.name for c in TABLES[table]] + [EXTRA]


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def flatten(table: str, rec: dict[str, Any]) -> dict[str, Any]:
    """One JSONL record → one row (a dict over :func:`columns`)."""
    row: dict[str, Any] = {}
    for col in TABLES[table]:
        value = rec.get(col.name)
        if col.kind == JSON:
            row[col.name] = None if value is None else _dumps(value)
        elif col.kind == FLOAT and value is not None:
            row[col.name] = float(value)
        elif col.kind == INT and value is not None:
            row[col.name] = int(value)
        elif col.kind == BOOL and value is not None:
            row[col.name] = bool(value)
        else:
            row[col.name] = value
    known = {c.name for c in TABLES[table]}
    rest = {k: v for k, v in rec.items() if k not in known}
    row[EXTRA] = _dumps(rest) if rest else None
    return row


def unflatten(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """One row (from Parquet, CSV or Spark) → the JSONL record it was made from."""
    rec: dict[str, Any] = {}
    for col in TABLES[table]:
        value = row.get(col.name)
        if value is not None and value == "" and col.kind != STR:
            value = None  # an empty CSV cell
        if col.optional and not value:
            continue
        if value is None:
            rec[col.name] = None
        elif col.kind == JSON:
            rec[col.name] = json.loads(value)
        elif col.kind == FLOAT:
            value = float(value)
            rec[col.name] = int(value) if value.is_integer() and col.name == "value" else value
        elif col.kind == INT:
            rec[col.name] = int(value)
        elif col.kind == BOOL:
            rec[col.name] = value if isinstance(value, bool) else str(value).lower() in ("true", "1")
        else:
            rec[col.name] = value
    if table == "documents" and rec.get(PARTITION) == UNKNOWN_DATE:
        rec[PARTITION] = None  # the Spark partition value of "no date"
    if row.get(EXTRA):
        rec.update(json.loads(row[EXTRA]))
    return rec


def partition_value(pub_date: str | None) -> str:
    """The ``pub_date`` partition of a document's rows ("unknown" when it has no date)."""
    return pub_date or UNKNOWN_DATE


def arrow_schema(table: str, with_partition: bool = False) -> Any:
    """The pyarrow schema of a table (pyarrow is imported here, only when Parquet is written)."""
    import pyarrow as pa

    types = {STR: pa.string(), INT: pa.int64(), FLOAT: pa.float64(), BOOL: pa.bool_(), JSON: pa.string()}
    fields = [pa.field(c.name, types[c.kind]) for c in TABLES[table]]
    fields.append(pa.field(EXTRA, pa.string()))
    if with_partition and table not in ("documents", "canonical_events"):
        fields.append(pa.field(PARTITION, pa.string()))
    return pa.schema(fields)
