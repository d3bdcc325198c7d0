"""Write and read marsad's tables as Parquet or CSV files, in the flat form of :mod:`marsad.export.schema`."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from marsad.export.schema import EXTRA, PARTITION, TABLES, arrow_schema, columns, flatten, unflatten

BATCH_ROWS = 5000


def _need_pyarrow() -> Any:
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - depends on the installation
        raise RuntimeError("Parquet needs pyarrow: pip install 'marsad[spark]' (or pip install pyarrow)") from None
    return pq


def write_parquet(path: Path, table: str, records: Iterable[dict[str, Any]]) -> int:
    """Write records of ``table`` to one Parquet file (streamed in row groups); return the row count."""
    pq = _need_pyarrow()
    import pyarrow as pa

    schema = arrow_schema(table)
    n = 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for rec in records:
            batch.append(flatten(table, rec))
            if len(batch) >= BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def write_csv(path: Path, cols: Iterable[str], rows: Iterable[dict[str, Any]]) -> int:
    """RFC 4180 CSV, UTF-8, header line; null is an empty cell, booleans are ``true``/``false``."""
    cols = list(cols)
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(cols)
        for row in rows:
            w.writerow(["" if row.get(c) is None else _cell(row[c]) for c in cols])
            n += 1
    return n


def _cell(v: Any) -> Any:
    if isinstance(v, bool):
        return "true" if v else "false"
    return v


def write_table_csv(path: Path, table: str, records: Iterable[dict[str, Any]]) -> int:
    return write_csv(path, columns(table), (flatten(table, r) for r in records))


def read_parquet(path: str | Path, table: str) -> list[dict[str, Any]]:
    """Records of a table from one Parquet file or a (hive-partitioned) folder of them."""
    _need_pyarrow()
    import pyarrow.dataset as ds

    path = Path(path)
    if path.is_dir():
        import pyarrow as pa

        # partition values stay strings ("2023-12-24", "unknown"): no type inference on folder names
        part = ds.partitioning(pa.schema([pa.field(PARTITION, pa.string())]), flavor="hive")
        data = ds.dataset(str(path), format="parquet", partitioning=part)
    else:
        data = ds.dataset(str(path), format="parquet")
    out = []
    for row in data.to_table().to_pylist():
        if table != "documents":
            row.pop(PARTITION, None)
        out.append(unflatten(table, row))
    return out


def read_csv(path: str | Path, table: str) -> list[dict[str, Any]]:
    """Records of a table from a CSV file written by :func:`write_table_csv`."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with Path(path).open(encoding="utf-8", newline="") as fh:
        return [unflatten(table, {k: (v if v != "" else None) for k, v in row.items()}) for row in csv.DictReader(fh)]


def iter_rows(records: Iterable[dict[str, Any]], table: str) -> Iterator[dict[str, Any]]:
    for rec in records:
        yield flatten(table, rec)


__all__ = ["EXTRA", "TABLES", "read_csv", "read_parquet", "write_csv", "write_parquet", "write_table_csv"]
