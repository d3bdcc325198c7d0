"""``marsad backup`` / ``marsad restore`` round trip, and opening a database of the previous schema version."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.runner import run
from marsad.store import open_store
from marsad.store.db import SCHEMA_VERSION

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "corpus"


@pytest.fixture(scope="module")
def example_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("backup") / "marsad.duckdb"
    with open_store(db) as store:
        run([EXAMPLES], store)
    return db


def _tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_type = 'BASE TABLE' ORDER BY 1").fetchall()]


def _sample(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple]:
    """Every row of a table in a stable order (all columns as text, so blobs and JSON compare too)."""
    cols = [r[0] for r in con.execute(f'DESCRIBE "{table}"').fetchall()]
    select = ", ".join(f'CAST("{c}" AS VARCHAR)' for c in cols)
    return con.execute(f'SELECT {select} FROM "{table}" ORDER BY ALL LIMIT 5').fetchall()


def test_backup_and_restore_round_trip(example_db: Path, tmp_path: Path) -> None:
    cli = CliRunner()
    bk = tmp_path / "bk"
    res = cli.invoke(app, ["backup", str(bk), "--db", str(example_db)])
    assert res.exit_code == 0, res.output
    manifest = json.loads((bk / "marsad-backup.json").read_text(encoding="utf-8"))
    assert manifest["schema_version"] == SCHEMA_VERSION
    assert any(p.suffix == ".parquet" for p in bk.iterdir())

    new = tmp_path / "restored" / "marsad.duckdb"
    res = cli.invoke(app, ["restore", str(bk), "--db", str(new)])
    assert res.exit_code == 0, res.output

    with duckdb.connect(str(example_db), read_only=True) as a, duckdb.connect(str(new), read_only=True) as b:
        tables = _tables(a)
        assert tables == _tables(b)
        assert {"documents", "events", "canonical_events", "marsad_schema", "journal"} <= set(tables)
        for t in tables:
            n = a.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            assert b.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] == n == manifest["tables"][t], t
            assert _sample(a, t) == _sample(b, t), t
        assert a.execute("SELECT count(*) FROM documents").fetchone()[0] > 0
    with open_store(new, read_only=True) as store, open_store(example_db, read_only=True) as orig:
        assert store.schema_version() == SCHEMA_VERSION  # the restored file is a working store
        assert list(store.records("events")) == list(orig.records("events"))

    # a second restore never overwrites, and a folder that is not a backup is refused
    assert cli.invoke(app, ["restore", str(bk), "--db", str(new)]).exit_code == 2
    assert cli.invoke(app, ["restore", str(tmp_path), "--db", str(tmp_path / "x.duckdb")]).exit_code == 2
    assert cli.invoke(app, ["backup", str(bk), "--db", str(example_db)]).exit_code == 2  # not empty


def test_previous_schema_version_migrates_without_losing_rows(tmp_path: Path, old_store) -> None:
    db = tmp_path / "old.duckdb"
    con = old_store(SCHEMA_VERSION - 1, db.name)
    con.execute("INSERT INTO documents (doc_id, content_hash, title, text, record) VALUES "
                "('d1', 'h1', 'عنوان', 'نص الخبر', '{\"doc_id\": \"d1\"}'), ('d2', 'h2', NULL, 'نص', '{}')")
    con.execute("INSERT INTO events (event_id, doc_id, event_type, record) VALUES "
                "('e1', 'd1', 'CONSULT', '{\"event_id\": \"e1\", \"doc_id\": \"d1\"}')")
    con.execute("INSERT INTO event_actors VALUES ('e1', 'd1', 'a1', 'person', 'EGY', 'source')")
    con.execute("INSERT INTO journal (run_id, doc_id, content_hash) VALUES ('r', 'd1', 'h1'), ('r', 'd2', 'h2')")
    before = {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
              for t in ("documents", "events", "event_actors", "journal")}
    con.close()

    with pytest.raises(RuntimeError, match="schema version"):  # read-only opens refuse an old schema
        open_store(db, read_only=True)
    with open_store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION
        for t, rows in before.items():
            assert store.query(f"SELECT * FROM {t} ORDER BY ALL")[1] == rows, t
        assert store.counts()["documents"] == 2
        assert store.query("SELECT count(*) FROM doc_signatures")[1] == [(0,)]  # the new tables exist
    with open_store(db, read_only=True) as store:
        assert store.schema_version() == SCHEMA_VERSION
