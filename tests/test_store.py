"""The DuckDB store: idempotent writes, replacement of changed documents, migrations."""

import json

import duckdb

from marsad.pipeline import analyze
from marsad.store import SCHEMA_VERSION, open_store
from marsad.store.db import MIGRATIONS

TEXT = "استقبل الرئيس اللبناني في بيروت وفداً أممياً وبحث معه الأوضاع في الجنوب والحدود مع إسرائيل."


def test_same_document_twice_is_stored_once(tmp_path):
    db = tmp_path / "m.duckdb"
    doc = analyze(TEXT, doc_id="d1", pub_date="2024-01-05")
    with open_store(db) as store:
        assert store.write_batch([doc]) == (1, 0)
        assert store.write_batch([doc]) == (0, 1)
        assert store.counts()["documents"] == 1
        assert store.counts()["stories"] == 1


def test_changed_document_is_replaced_not_doubled(tmp_path):
    with open_store(tmp_path / "m.duckdb") as store:
        store.write_batch([analyze(TEXT, doc_id="d1")])
        store.write_batch([analyze(TEXT + " وأكد أهمية التهدئة.", doc_id="d1")])
        cols, rows = store.query("SELECT doc_id, n_chars FROM documents")
        assert rows == [("d1", len(TEXT) + len(" وأكد أهمية التهدئة."))]


def test_failed_batch_leaves_stored_data(tmp_path):
    with open_store(tmp_path / "m.duckdb") as store:
        store.write_batch([analyze(TEXT, doc_id="keep")])
        bad = analyze(TEXT, doc_id="bad")
        bad.content_hash = None  # violates nothing at first …
        bad.stories[0].story_id = None  # … but a NULL primary key aborts the batch
        try:
            store.write_batch([analyze(TEXT + "!", doc_id="new"), bad])
        except Exception:
            pass
        _, rows = store.query("SELECT doc_id FROM documents ORDER BY 1")
        assert rows == [("keep",)]


def test_old_schema_migrates_without_losing_rows(tmp_path):
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE marsad_schema (version INTEGER, applied_at TIMESTAMP)")
    for stmt in MIGRATIONS[0]:
        con.execute(stmt)
    con.execute("INSERT INTO marsad_schema VALUES (1, current_timestamp)")
    con.execute("INSERT INTO documents (doc_id, content_hash, text) VALUES ('old', 'h', 'نص قديم')")
    con.close()
    with open_store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION
        _, rows = store.query("SELECT doc_id, text FROM documents")
        assert rows == [("old", "نص قديم")]
        assert "event_actors" in store.counts()


def test_read_only_open_of_missing_db_is_a_clear_error(tmp_path):
    try:
        open_store(tmp_path / "none.duckdb", read_only=True)
    except FileNotFoundError as exc:
        assert "none.duckdb" in str(exc)
    else:
        raise AssertionError("expected FileNotFoundError")


def test_keyed_tables_hold_no_in_memory_index(tmp_path):
    # DuckDB keeps a PRIMARY KEY's index in memory and it grows with every row: the store has none, and a
    # batch that names one doc_id twice keeps the last copy only
    with open_store(tmp_path / "m.duckdb") as store:
        _, rows = store.query("SELECT table_name FROM duckdb_indexes() UNION ALL "
                              "SELECT table_name FROM duckdb_constraints() WHERE constraint_type IN ('PRIMARY KEY', 'UNIQUE')")
        assert rows == []
        assert store.write_batch([analyze(TEXT, doc_id="d1"), analyze(TEXT + " وأكد.", doc_id="d1")]) == (1, 0)
        assert store.query("SELECT doc_id, n_chars FROM documents")[1] == [("d1", len(TEXT + " وأكد."))]
        assert store.counts()["stories"] == 1


def test_repeated_doc_ids_are_renamed_across_batches(tmp_path, monkeypatch):
    # the ids a run has used come from its journal in the store, not from a set kept in memory
    from marsad import runner

    monkeypatch.setattr(runner, "BATCH", 1)
    folder = tmp_path / "in"
    for sub in ("a", "b", "c"):
        (folder / sub).mkdir(parents=True)
        (folder / sub / "same.txt").write_text(TEXT, encoding="utf-8")
    (folder / "c" / "same~2.txt").write_text(TEXT + " وأكد.", encoding="utf-8")
    with open_store(tmp_path / "m.duckdb") as store:
        summary = runner.run([folder], store, tmp_path / "out")
        ids = sorted(r[0] for r in store.query("SELECT doc_id FROM documents")[1])
    assert summary.documents == 4
    # in walk order: a/same, b/same -> same~2, c/same -> same~3, c/same~2 (taken) -> same~2~2
    assert ids == ["same", "same~2", "same~2~2", "same~3"]


def test_merge_reads_the_queue_of_written_documents(tmp_path):
    from marsad.merge import merge_store

    def pending(store):
        return sorted(r[0] for r in store.query("SELECT doc_id FROM merge_pending")[1])

    with open_store(tmp_path / "m.duckdb") as store:
        store.write_batch([analyze(TEXT, doc_id="a", pub_date="2024-01-05")])
        assert pending(store) == ["a"]
        merge_store(store)
        assert pending(store) == []
        store.write_batch([analyze(TEXT, doc_id="a", pub_date="2024-01-05")])  # unchanged: not queued
        store.write_batch([analyze(TEXT, doc_id="b", pub_date="2024-01-05")])
        assert pending(store) == ["b"]
        stats = merge_store(store)
        per_doc = len(analyze(TEXT, doc_id="a", pub_date="2024-01-05").events)
        assert per_doc and store.counts()["events"] == 2 * per_doc  # the same events in each document
        assert (stats.full, stats.new, pending(store)) == (False, per_doc, [])
        # a: written again without its event; its event leaves the canonical events, b's stays
        store.write_batch([analyze("نص بلا حدث.", doc_id="a", pub_date="2024-01-05")])
        assert merge_store(store).gone >= 1
        _, rows = store.query("SELECT record FROM canonical_events")
        docs = {m["doc_id"] for (rec,) in rows for m in json.loads(rec)["mentions"]}
        assert docs == {"b"}
        assert store.query("SELECT count(*) FROM events WHERE canonical_id IS NULL")[1] == [(0,)]


def test_upgrade_queues_the_documents_not_merged_yet(tmp_path, old_store):
    db = tmp_path / "v3.duckdb"
    con = old_store(3, db.name)
    con.execute("INSERT INTO events (event_id, doc_id, canonical_id) VALUES ('e1', 'd1', 'c1'), ('e2', 'd2', NULL), "
                "('e3', 'd3', 'c9')")
    con.execute("INSERT INTO merge_mentions VALUES ('e1', 'd1', 'r1', 'c1'), ('e3', 'd3', 'r3', 'c3'), "
                "('e4', 'd4', 'r4', 'c4')")
    con.close()
    with open_store(db) as store:
        # d2: never merged; d3: its canonical id differs from the index; d4: its event is gone
        assert sorted(r[0] for r in store.query("SELECT doc_id FROM merge_pending")[1]) == ["d2", "d3", "d4"]


def test_a_transaction_out_of_memory_runs_again_with_twice_the_cap(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_DUCKDB_MEMORY", "100MB")
    with open_store(tmp_path / "m.duckdb") as store:
        limits = []

        def work():
            limits.append(store.query("SELECT current_setting('memory_limit')")[1][0][0])
            if len(limits) == 1:
                raise duckdb.OutOfMemoryException("failed to allocate")
            return "done"

        assert store._with_headroom(work) == "done"
        after = store.query("SELECT current_setting('memory_limit')")[1][0][0]
    assert len(limits) == 2 and limits[0] == after
    assert abs(float(limits[1].split()[0]) - 2 * float(limits[0].split()[0])) < 0.5  # shown rounded, in MiB


def _heap_in_use() -> int:
    """Bytes glibc's malloc has handed out and not had back (all arenas)."""
    import ctypes

    class MallInfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in (
            "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
            "keepcost")]

    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = MallInfo2
    return libc.mallinfo2().uordblks


def test_reopen_keeps_the_data_and_gives_back_what_duckdb_holds_per_statement(tmp_path):
    with open_store(tmp_path / "m.duckdb") as store:
        store.write_batch([analyze(TEXT, doc_id="d1")])
        old = store.cursor()
        store.reopen()
        assert store.cursor() is not old  # a cursor of the new connection
        assert store.counts()["documents"] == 1
        store.write_batch([analyze(TEXT, doc_id="d2")])
        assert store.counts()["documents"] == 2
        # DuckDB keeps some heap per statement while the database is open; reopening gives it back
        store.cursor().execute("CREATE TABLE t AS SELECT 'k' || i AS k FROM range(50000) r(i)")

        def statements() -> None:
            for n in range(300):
                store.cursor().execute("DELETE FROM t WHERE k IN (SELECT unnest(?::VARCHAR[]))",
                                       [[f"k{(n * 97 + j) % 50000}" for j in range(500)]])

        statements()
        store.reopen()
        base = _heap_in_use()
        statements()
        kept = _heap_in_use() - base
        store.reopen()
        assert _heap_in_use() - base < kept / 2
    with open_store(":memory:") as mem:  # an in-memory store is not reopened: it would be lost
        mem.write_batch([analyze(TEXT, doc_id="d1")])
        mem.reopen()
        assert mem.counts()["documents"] == 1


def test_duckdb_runs_as_many_threads_as_the_process_has_cpus(tmp_path):
    import os

    from marsad.store import db

    with open_store(tmp_path / "m.duckdb") as store:
        threads = store.con.execute("SELECT current_setting('threads')").fetchone()[0]
    assert threads == db.usable_cpus() == len(os.sched_getaffinity(0))
