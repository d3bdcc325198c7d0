"""The DuckDB store.

One process owns a DuckDB file for writing.  ``Store`` wraps a connection; every write goes through
:meth:`Store.write_batch`, one transaction per batch, so a crash leaves whole documents or none.  A
document is keyed by ``doc_id``: writing it again with the same content hash changes nothing; with a
different hash its old rows are replaced, never doubled.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from marsad.records import Document

SCHEMA_VERSION = 4
DUCKDB_MEMORY = "128MB"  # default cap of DuckDB's memory per process (MARSAD_DUCKDB_MEMORY)
RECORD_CHUNK = 2000  # documents per query when records are read for a list of documents
T = TypeVar("T")


def event_record(alias: str = "") -> str:
    """SQL for an event's record as it is read: the stored record with ``canonical_id`` set from the column.

    A merge sets the ``canonical_id`` column only: rewriting the JSON records of the events it assigns
    cost a scan of every stored record per merge step (1.1 s at 24,000 pages, growing with the store) and
    held the new strings in DuckDB's memory until the transaction ended.  Every read of ``events.record`` goes through this (the
    record keeps ``canonical_id`` as the pipeline wrote it, null; ``marsad sql`` shows it as stored)."""
    a = f"{alias}." if alias else ""
    return (f"CASE WHEN {a}canonical_id IS NULL THEN {a}record "
            f"ELSE json_merge_patch({a}record, json_object('canonical_id', {a}canonical_id)) END")


# Each migration takes the database from version i to i+1; they only ever add, never drop user data.
_V1 = [  # 0 -> 1 (the first schema, kept as written: the 3 -> 4 migration rebuilds from it)
    """CREATE TABLE documents (
        doc_id VARCHAR PRIMARY KEY, content_hash VARCHAR, source VARCHAR, url VARCHAR, outlet VARCHAR,
        title VARCHAR, pub_date VARCHAR, pub_date_from VARCHAR, n_chars INTEGER,
        near_duplicate_of VARCHAR, n_errors INTEGER, text VARCHAR, record JSON,
        ingested_at TIMESTAMP DEFAULT current_timestamp)""",
    """CREATE TABLE stories (
        story_id VARCHAR PRIMARY KEY, doc_id VARCHAR, kind VARCHAR, start_ INTEGER, end_ INTEGER,
        title VARCHAR, pub_date VARCHAR)""",
    """CREATE TABLE entities (
        doc_id VARCHAR, id VARCHAR, kind VARCHAR, name VARCHAR, name_ar VARCHAR, linked BOOLEAN,
        country VARCHAR, sector VARCHAR, role VARCHAR, n_mentions INTEGER, in_boilerplate BOOLEAN,
        record JSON)""",
    """CREATE TABLE events (
        event_id VARCHAR PRIMARY KEY, doc_id VARCHAR, story_id VARCHAR, canonical_id VARCHAR,
        event_type VARCHAR, mode VARCHAR, date VARCHAR, status VARCHAR, evidence VARCHAR, record JSON)""",
    """CREATE TABLE figures (
        doc_id VARCHAR, story_id VARCHAR, seq INTEGER, what VARCHAR, value DOUBLE, approx VARCHAR,
        unit VARCHAR, record JSON)""",
    """CREATE TABLE canonical_events (
        canonical_id VARCHAR PRIMARY KEY, event_type VARCHAR, mode VARCHAR, date VARCHAR,
        num_documents INTEGER, num_outlets INTEGER, first_seen VARCHAR, record JSON)""",
]


def _rebuild_without_key(table: str, key: str) -> list[str]:
    """Statements that recreate ``table`` (as created by the first migration) with ``key`` NOT NULL instead
    of PRIMARY KEY, rows kept (DuckDB cannot drop a constraint in place)."""
    create = next(s for s in _V1 if s.startswith(f"CREATE TABLE {table} ("))
    create = create.replace(f"{key} VARCHAR PRIMARY KEY", f"{key} VARCHAR NOT NULL")
    create = create.replace(f"CREATE TABLE {table} (", f"CREATE TABLE {table}_v4 (", 1)
    return [create, f"INSERT INTO {table}_v4 SELECT * FROM {table}", f"DROP TABLE {table}",
            f"ALTER TABLE {table}_v4 RENAME TO {table}"]


MIGRATIONS: list[list[str]] = [
    _V1,
    [  # 1 -> 2: actor index for filters and the network view, and the run journal
        """CREATE TABLE event_actors (
            event_id VARCHAR, doc_id VARCHAR, actor_id VARCHAR, actor_kind VARCHAR, country VARCHAR,
            role VARCHAR)""",
        """CREATE TABLE journal (
            run_id VARCHAR, doc_id VARCHAR, content_hash VARCHAR, finished_at TIMESTAMP DEFAULT current_timestamp)""",
    ],
    [  # 2 -> 3: cross-document merging (marsad.merge): MinHash signatures of documents and their LSH bands,
        # and the merge index (region and blocking keys of every clustered event) for incremental merges
        """CREATE TABLE doc_signatures (
            doc_id VARCHAR, content_hash VARCHAR, seq BIGINT, signature BLOB)""",
        "CREATE TABLE doc_bands (doc_id VARCHAR, band SMALLINT, h BIGINT)",
        "CREATE TABLE merge_mentions (event_id VARCHAR, doc_id VARCHAR, region VARCHAR, cid VARCHAR)",
        """CREATE TABLE merge_keys (
            event_id VARCHAR, event_type VARCHAR, key VARCHAR, lo INTEGER, hi INTEGER, pub INTEGER)""",
    ],
    # 3 -> 4: the four keyed tables without PRIMARY KEY.  DuckDB keeps a key's index (ART) in memory, and it
    # grows with every row stored; no query needs it (writes delete a document's rows before inserting
    # them, and a batch holds a doc_id once), so the keys become NOT NULL columns.
    # The merge's queue: documents written since the last merge (in the write's transaction), so that a
    # merge reads what changed and never joins the whole store (filled here with what is not merged yet).
    [*(stmt for table, key in (("documents", "doc_id"), ("stories", "story_id"), ("events", "event_id"),
                               ("canonical_events", "canonical_id")) for stmt in _rebuild_without_key(table, key)),
     "CREATE TABLE merge_pending (doc_id VARCHAR NOT NULL)",
     """INSERT INTO merge_pending
        SELECT e.doc_id FROM events e LEFT JOIN merge_mentions m ON m.event_id = e.event_id
        WHERE m.event_id IS NULL OR e.canonical_id IS DISTINCT FROM m.cid
        UNION SELECT m.doc_id FROM merge_mentions m LEFT JOIN events e ON e.event_id = m.event_id
        WHERE e.event_id IS NULL"""],
]

TABLES = ("documents", "stories", "entities", "events", "event_actors", "figures", "canonical_events")


class Store:
    """A marsad database.  Not shared between processes; a cursor per thread inside one process."""

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = str(path)
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise FileNotFoundError(f"{self.path}: no such database (run `marsad run` first)")
        if not read_only and self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        # DuckDB's buffer pool may grow to 80% of the machine by default and keeps the blocks it read until
        # it reaches its cap, so the cap is what bounds a long run's memory: small, since the pipeline needs
        # the memory more; larger sorts and joins spill to a temporary folder beside the database
        self.memory_limit = os.environ.get("MARSAD_DUCKDB_MEMORY", DUCKDB_MEMORY)
        self.con = self._connect()
        self._local = threading.local()
        self._generation = 0  # bumped by reopen(): cursors of an older connection are not used again
        if not read_only:
            self.migrate()
        else:
            v = self.schema_version()
            if v != SCHEMA_VERSION:
                raise RuntimeError(
                    f"{self.path}: schema version {v}, this marsad needs {SCHEMA_VERSION}; "
                    "open it once for writing (e.g. `marsad stats`) to migrate"
                )

    # -- connection handling -------------------------------------------------------------------
    def _connect(self) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(self.path, read_only=self.read_only,
                              config={"memory_limit": self.memory_limit, "threads": usable_cpus()})

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of this thread (DuckDB connections are not shared across threads)."""
        cur = getattr(self._local, "cur", None)
        if cur is None or getattr(self._local, "generation", 0) != self._generation:
            cur = self.con.cursor()
            self._local.cur = cur
            self._local.generation = self._generation
        return cur

    def reopen(self) -> None:
        """Close the database and open it again, for a long batch run between two steps.

        DuckDB (2.0) keeps some heap for every statement a database has run — 1.5 to 5 KB for an UPDATE,
        DELETE or INSERT, measured — until the database is closed (a CHECKPOINT does not give it back), so
        a process that keeps one database open through a 200,000-page run grows by it (≈ 1.5 MB per 1,000
        pages).  Reopening gives it back; what DuckDB had cached is read again from the file.  Only for a
        file (an in-memory database would be lost) and only from the thread that owns the store, with no
        query open."""
        if self.path == ":memory:":
            return
        cur = getattr(self._local, "cur", None)
        if cur is not None:
            cur.close()
            self._local.cur = None
        self.con.close()
        self.con = self._connect()
        self._generation += 1

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------------
    def schema_version(self) -> int:
        have = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'marsad_schema'"
        ).fetchone()[0]
        if not have:
            return 0
        row = self.con.execute("SELECT max(version) FROM marsad_schema").fetchone()
        return int(row[0] or 0)

    def migrate(self) -> int:
        v = self.schema_version()
        if v > SCHEMA_VERSION:
            raise RuntimeError(f"{self.path}: schema version {v} is newer than this marsad ({SCHEMA_VERSION})")
        if v == SCHEMA_VERSION:
            return v
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("CREATE TABLE IF NOT EXISTS marsad_schema (version INTEGER, applied_at TIMESTAMP)")
            for i in range(v, SCHEMA_VERSION):
                for stmt in MIGRATIONS[i]:
                    self.con.execute(stmt)
                self.con.execute("INSERT INTO marsad_schema VALUES (?, current_timestamp)", [i + 1])
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return SCHEMA_VERSION

    # -- writes ---------------------------------------------------------------------------------
    def _with_headroom(self, work: Callable[[], T]) -> T:
        """Run ``work`` (whole transactions, or a query before any row is read); if DuckDB runs out of
        memory, it has rolled back: run it once more with twice the cap, then go back to the cap.

        The cap bounds DuckDB's block cache, which a long run fills; a transaction that needs more for a
        moment (a merge's UPDATE of a large batch) gets it instead of failing the run."""
        try:
            return work()
        except duckdb.OutOfMemoryException:
            self.con.execute(f"SET memory_limit = '{_double(self.memory_limit)}'")
            try:
                return work()
            finally:
                try:
                    self.con.execute(f"SET memory_limit = '{self.memory_limit}'")
                except duckdb.Error:  # still more in use than the cap: DuckDB keeps the larger one
                    pass

    def known_hashes(self, doc_ids: Sequence[str]) -> dict[str, str]:
        if not doc_ids:
            return {}
        rows = self.cursor().execute(
            "SELECT doc_id, content_hash FROM documents WHERE doc_id IN (SELECT unnest(?))", [list(doc_ids)]
        ).fetchall()
        return {d: h for d, h in rows}

    def write_batch(self, docs: Iterable[Document], run_id: str = "") -> tuple[int, int]:
        """Store documents in one transaction; return (written, unchanged)."""
        docs = list(docs)
        return self._with_headroom(lambda: self._write_batch(docs, run_id))

    def _write_batch(self, docs: list[Document], run_id: str) -> tuple[int, int]:
        """Rows are gathered per table and inserted with one statement each (DuckDB is fast at bulk
        inserts and slow at many small ones).
        """
        # a doc_id once per batch (the last one wins, as if written one after the other): the tables have
        # no unique key to refuse a second copy
        docs = list({d.doc_id: d for d in docs}.values())
        cur = self.cursor()
        known = self.known_hashes([d.doc_id for d in docs])
        changed = [d for d in docs if not (d.content_hash and known.get(d.doc_id) == d.content_hash)]
        rows: dict[str, list[list[Any]]] = {t: [] for t in _COLUMNS}
        for doc in changed:
            _rows(doc, rows)
        rows["journal"] = [[run_id, d.doc_id, d.content_hash, None] for d in docs]
        rows["merge_pending"] = [[d.doc_id] for d in changed]
        cur.execute("BEGIN TRANSACTION")
        try:
            if changed:
                self._delete(cur, [d.doc_id for d in changed])
            for table, data in rows.items():
                if data:
                    _bulk_insert(cur, table, data)
            cur.execute("COMMIT")
        except Exception:
            cur.execute("ROLLBACK")
            raise
        return len(changed), len(docs) - len(changed)

    @staticmethod
    def _delete(cur: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> None:
        for table in ("documents", "stories", "entities", "events", "event_actors", "figures"):
            cur.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [doc_ids])

    def replace_canonical(self, records: Iterable[dict[str, Any]], assignments: dict[str, str]) -> None:
        """Replace all canonical events and set ``canonical_id`` of the events they cover (one transaction)."""
        self.update_canonical(records, assignments, remove=None)

    def update_canonical(self, records: Iterable[dict[str, Any]], assignments: dict[str, str],
                         remove: Iterable[str] | None, index_drop: Iterable[str] | None = None,
                         index_mentions: Sequence[tuple] = (), index_keys: Sequence[tuple] = (),
                         merged: Sequence[str] = (), keys_drop: Iterable[str] | None = None) -> None:
        """Replace some canonical events in one transaction (the incremental form of ``replace_canonical``).

        ``remove``: canonical ids to delete first (None: all of them, the whole merge index and the whole
        queue of documents to merge); then ``records`` are inserted and ``canonical_id`` of the events in
        ``assignments`` is set.  The merge index rows of the events ``index_drop`` are replaced by
        ``index_mentions`` (event_id, doc_id, region, cid); the key rows of the events ``keys_drop`` (default:
        ``index_drop``) by ``index_keys`` (event_id, event_type, key, lo, hi, pub); the documents
        ``merged`` leave the queue (``merge_pending``).
        """
        records = list(records)
        remove = None if remove is None else list(remove)
        index_drop = list(index_drop or ())
        keys_drop = index_drop if keys_drop is None else list(keys_drop)
        self._with_headroom(lambda: self._update_canonical(records, assignments, remove, index_drop, keys_drop,
                                                           index_mentions, index_keys, merged))

    def _update_canonical(self, records: list[dict[str, Any]], assignments: dict[str, str],
                          remove: list[str] | None, index_drop: list[str], keys_drop: list[str],
                          index_mentions: Sequence[tuple], index_keys: Sequence[tuple],
                          merged: Sequence[str]) -> None:
        cur = self.cursor()
        cur.execute("BEGIN TRANSACTION")
        try:
            if remove is None:
                for table in ("canonical_events", "merge_mentions", "merge_keys", "merge_pending"):
                    cur.execute(f"DELETE FROM {table}")
            else:
                _delete_in(cur, "merge_pending", "doc_id", list(merged))
                _delete_in(cur, "canonical_events", "canonical_id", remove)
                _delete_in(cur, "merge_mentions", "event_id", index_drop)
                _delete_in(cur, "merge_keys", "event_id", keys_drop)
            _insert_rows(cur, "canonical_events", _CANONICAL_TYPES, [
                (r["canonical_id"], r["event_type"], r.get("mode"), r.get("date"), r["num_documents"],
                 r["num_outlets"], r.get("first_seen"), _json(r)) for r in records])
            _insert_rows(cur, "merge_mentions", ("VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR"), index_mentions)
            _insert_rows(cur, "merge_keys", ("VARCHAR", "VARCHAR", "VARCHAR", "INTEGER", "INTEGER", "INTEGER"),
                         index_keys)
            if assignments:
                cur.execute("CREATE TEMP TABLE IF NOT EXISTS _assign (event_id VARCHAR, cid VARCHAR)")
                cur.execute("DELETE FROM _assign")
                _insert_columns(cur, "_assign", [("VARCHAR", list(assignments)),
                                                 ("VARCHAR", list(assignments.values()))])
                cur.execute(  # the column only: reads fill the record in (see event_record)
                    "UPDATE events SET canonical_id = a.cid FROM _assign a WHERE events.event_id = a.event_id "
                    "AND events.canonical_id IS DISTINCT FROM a.cid"  # a re-clustered region mostly keeps its ids
                )
            cur.execute("COMMIT")
        except Exception:
            cur.execute("ROLLBACK")
            raise

    def reset_merge(self) -> None:
        """Forget every canonical event and the merge index, and queue every document that has events
        (one transaction): the next merge clusters everything again, a slice at a time."""
        def work() -> None:
            cur = self.cursor()
            cur.execute("BEGIN TRANSACTION")
            try:
                for table in ("canonical_events", "merge_mentions", "merge_keys", "merge_pending"):
                    cur.execute(f"DELETE FROM {table}")
                cur.execute("INSERT INTO merge_pending SELECT DISTINCT doc_id FROM events")
                cur.execute("COMMIT")
            except Exception:
                cur.execute("ROLLBACK")
                raise
        self._with_headroom(work)

    def write_signatures(self, rows: Sequence[tuple[str, str, int, bytes | None]],
                         bands: Sequence[tuple[str, int, int]]) -> None:
        """Store documents' MinHash signatures (doc_id, content_hash, seq, signature) and LSH bands
        (doc_id, band, hash), replacing those the documents had."""
        self._with_headroom(lambda: self._write_signatures(rows, bands))

    def _write_signatures(self, rows: Sequence[tuple[str, str, int, bytes | None]],
                          bands: Sequence[tuple[str, int, int]]) -> None:
        cur = self.cursor()
        cur.execute("BEGIN TRANSACTION")
        try:
            ids = [r[0] for r in rows]
            _delete_in(cur, "doc_signatures", "doc_id", ids)
            _delete_in(cur, "doc_bands", "doc_id", ids)
            _insert_rows(cur, "doc_signatures", ("VARCHAR", "VARCHAR", "BIGINT", "BLOB"), rows)
            _insert_rows(cur, "doc_bands", ("VARCHAR", "SMALLINT", "BIGINT"), bands)
            cur.execute("COMMIT")
        except Exception:
            cur.execute("ROLLBACK")
            raise

    # -- reads ----------------------------------------------------------------------------------
    def _execute(self, cur: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None) -> None:
        """Execute a query on ``cur``, with the headroom of :meth:`_with_headroom` (no row is read yet)."""
        self._with_headroom(lambda: cur.execute(sql, params or []))

    def query(self, sql: str, params: Sequence[Any] | None = None) -> tuple[list[str], list[tuple]]:
        cur = self.cursor()
        self._execute(cur, sql, params)
        cols = [d[0] for d in cur.description] if cur.description else []
        return cols, cur.fetchall()

    def counts(self) -> dict[str, int]:
        return {t: self.cursor().execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

    def records(self, table: str, doc_ids: Sequence[str] | None = None,
                run_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Stored JSON records of a table, in a stable order: all of them, or those of some documents
        (``doc_ids``), or of the documents a run wrote or found unchanged (``run_id``, from the journal).

        ``canonical_events`` with a ``run_id``: the canonical events that have a mention in one of the run's
        documents."""
        order = {"documents": "doc_id", "entities": "doc_id, id", "events": "doc_id, event_id",
                 "figures": "doc_id, seq", "canonical_events": "canonical_id"}[table]
        record = event_record() if table == "events" else "record"
        if table == "canonical_events" and run_id is not None:
            # the ids first (short strings), then the records a chunk of ids at a time: never a join or a
            # sort of every canonical record of a large run at once
            for chunk in self._chunks(
                    "SELECT DISTINCT canonical_id FROM events WHERE canonical_id IS NOT NULL AND doc_id IN "
                    "(SELECT doc_id FROM journal WHERE run_id = ?) ORDER BY canonical_id", [run_id]):
                yield from self._stream("SELECT record FROM canonical_events WHERE rowid IN (SELECT rowid FROM "
                                        "canonical_events WHERE canonical_id IN (SELECT unnest(?))) "
                                        "ORDER BY canonical_id", [chunk])
            return
        if (doc_ids is None and run_id is None) or table == "canonical_events":
            yield from self._stream(f"SELECT {record} FROM {table} ORDER BY {order}")
            return
        # the documents a chunk at a time, in doc_id order: the same order as one sorted query, without
        # sorting a whole table of a large run at once
        if run_id is not None:
            chunks = self._chunks("SELECT DISTINCT doc_id FROM journal WHERE run_id = ? ORDER BY doc_id", [run_id])
        else:
            ids = sorted(set(doc_ids or ()))
            chunks = (ids[i:i + RECORD_CHUNK] for i in range(0, len(ids), RECORD_CHUNK))
        for chunk in chunks:
            # rows found by a narrow scan, records read by rowid (a filter on doc_id itself reads every record)
            yield from self._stream(f"SELECT {record} FROM {table} WHERE rowid IN (SELECT rowid FROM {table} "
                                    f"WHERE doc_id IN (SELECT unnest(?))) ORDER BY {order}", [chunk])

    def iter_rows(self, sql: str, params: Sequence[Any] | None = None, size: int = 1000) -> Iterator[tuple]:
        """The rows of a query, read ``size`` at a time on a cursor of their own (for results too large to
        hold at once)."""
        cur = self.con.cursor()
        try:
            self._execute(cur, sql, params)
            while rows := cur.fetchmany(size):
                yield from rows
        finally:
            cur.close()

    def _chunks(self, sql: str, params: list) -> Iterator[list[str]]:
        """The values of a one-column query, a chunk at a time (read on a cursor of their own)."""
        cur = self.con.cursor()
        try:
            self._execute(cur, sql, params)
            while rows := cur.fetchmany(RECORD_CHUNK):
                yield [r[0] for r in rows]
        finally:
            cur.close()

    def in_run(self, run_id: str, doc_ids: Sequence[str]) -> set[str]:
        """Which of ``doc_ids`` the journal has for this run (written or found unchanged)."""
        if not doc_ids:
            return set()
        rows = self.cursor().execute("SELECT DISTINCT doc_id FROM journal WHERE run_id = ? AND doc_id IN "
                                     "(SELECT unnest(?))", [run_id, list(doc_ids)]).fetchall()
        return {r[0] for r in rows}

    def _stream(self, sql: str, params: list | None = None) -> Iterator[dict[str, Any]]:
        cur = self.cursor()
        self._execute(cur, sql, params)
        while True:
            rows = cur.fetchmany(1000)
            if not rows:
                break
            for (rec,) in rows:
                yield json.loads(rec)

    def document_text(self, doc_id: str) -> str | None:
        row = self.cursor().execute("SELECT text FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
        return row[0] if row else None


_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "content_hash", "source", "url", "outlet", "title", "pub_date", "pub_date_from",
                  "n_chars", "near_duplicate_of", "n_errors", "text", "record", "ingested_at"),
    "stories": ("story_id", "doc_id", "kind", "start_", "end_", "title", "pub_date"),
    "entities": ("doc_id", "id", "kind", "name", "name_ar", "linked", "country", "sector", "role", "n_mentions",
                 "in_boilerplate", "record"),
    "events": ("event_id", "doc_id", "story_id", "canonical_id", "event_type", "mode", "date", "status",
               "evidence", "record"),
    "event_actors": ("event_id", "doc_id", "actor_id", "actor_kind", "country", "role"),
    "figures": ("doc_id", "story_id", "seq", "what", "value", "approx", "unit", "record"),
    "journal": ("run_id", "doc_id", "content_hash", "finished_at"),
    "merge_pending": ("doc_id",),
}


def _rows(doc: Document, rows: dict[str, list[list[Any]]]) -> None:
    """The table rows of one document."""
    now = None  # filled by the database default
    rows["documents"].append([doc.doc_id, doc.content_hash, doc.source, doc.url, doc.outlet, doc.title,
                              doc.pub_date, doc.pub_date_from, len(doc.text), doc.near_duplicate_of,
                              len(doc.errors), doc.text, _json(doc.as_dict()), now])
    rows["stories"].extend([s.story_id, doc.doc_id, s.kind, s.start, s.end, s.title, s.pub_date]
                           for s in doc.stories)
    rows["entities"].extend([e.doc_id, e.id, e.kind, e.name, e.name_ar, e.linked, e.country, e.sector, e.role,
                             len(e.mentions), e.in_boilerplate, _json(e.as_dict())] for e in doc.entities)
    for ev in doc.events:
        rows["events"].append([ev.event_id, ev.doc_id, ev.story_id, ev.canonical_id, ev.event_type, ev.mode,
                               ev.date, ev.status, ev.evidence.text, _json(ev.as_dict())])
        seen: set[str] = set()
        for role, actors in (("source", ev.source), ("target", ev.target), ("participant", ev.participants)):
            for a in actors:
                if a.id not in seen:
                    seen.add(a.id)
                    rows["event_actors"].append([ev.event_id, doc.doc_id, a.id, a.kind, a.country, role])
    rows["figures"].extend([f.doc_id, f.story_id, i, f.what, float(f.value), f.approx, f.unit,
                            _json(f.as_dict())] for i, f in enumerate(doc.figures))


def _bulk_insert(cur: duckdb.DuckDBPyConnection, table: str, data: list[list[Any]]) -> None:
    """Insert many rows with one statement: a JSON array of rows unnested by DuckDB."""
    cols = _COLUMNS[table]
    payload = json.dumps([dict(zip(cols, row, strict=True)) for row in data], ensure_ascii=False)
    structure = json.dumps([{c: _TYPES.get(c, "VARCHAR") for c in cols}])
    select = ", ".join("current_timestamp" if c in ("ingested_at", "finished_at") else f"s.r.{c}" for c in cols)
    cur.execute(
        f"INSERT INTO {table} ({', '.join(cols)}) SELECT {select} "
        "FROM (SELECT unnest(from_json(?::JSON, ?)) AS r) AS s",
        [payload, structure],
    )


_TYPES = {"n_chars": "INTEGER", "n_errors": "INTEGER", "start_": "INTEGER", "end_": "INTEGER", "seq": "INTEGER",
          "n_mentions": "INTEGER", "linked": "BOOLEAN", "in_boilerplate": "BOOLEAN", "value": "DOUBLE",
          "ingested_at": "VARCHAR", "finished_at": "VARCHAR"}


def _delete_in(cur: duckdb.DuckDBPyConnection, table: str, column: str, values: list[Any]) -> None:
    if values:
        cur.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?))", [values])


def _insert_columns(cur: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, list[Any]]]) -> None:
    """Insert rows given column-wise (type, values), with one statement: lists unnested side by side."""
    if not columns or not columns[0][1]:
        return
    select = ", ".join(f"unnest(?::{'VARCHAR' if t == 'JSON' else t}[])" for t, _ in columns)
    cur.execute(f"INSERT INTO {table} SELECT {select}", [values for _, values in columns])


_CANONICAL_TYPES = ("VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "INTEGER", "INTEGER", "VARCHAR", "JSON")


def _insert_rows(cur: duckdb.DuckDBPyConnection, table: str, types: tuple[str, ...],
                 rows: Sequence[tuple]) -> None:
    if rows:
        _insert_columns(cur, table, [(t, [r[i] for r in rows]) for i, t in enumerate(types)])


def usable_cpus() -> int:
    """CPUs this process may run on: DuckDB's threads.  DuckDB counts the machine's cores, so a process
    pinned to fewer (taskset, a container's cpuset) would run more threads than CPUs, each with its own
    working memory for a query."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _double(size: str) -> str:
    """``"128MB"`` -> ``"256.0MB"`` (a DuckDB memory size, twice as large)."""
    m = re.fullmatch(r"\s*([\d.]+)\s*([A-Za-z]*)\s*", size)
    if not m:
        raise ValueError(f"MARSAD_DUCKDB_MEMORY={size!r}: not a size such as 512MB")
    return f"{float(m.group(1)) * 2}{m.group(2) or 'B'}"


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=False)


def open_store(path: str | Path = "marsad.duckdb", read_only: bool = False) -> Store:
    return Store(path, read_only=read_only)
