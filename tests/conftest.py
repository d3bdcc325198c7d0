from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
EXAMPLES = ROOT / "examples" / "corpus"


def need_seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed corpus is not at {SEEDS} (clone marsad next to shared/)")
    return SEEDS


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory):
    """The seeds run once through `marsad run` (shared by the seed tests)."""
    from marsad.runner import run
    from marsad.store import open_store

    seeds = need_seeds()
    out = tmp_path_factory.mktemp("seed_out")
    with open_store(out / "marsad.duckdb") as store:
        run([seeds], store, out)
    return out


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture
def old_store(tmp_path):
    """A factory: ``old_store(version)`` -> an open DuckDB connection to a new file at that schema version
    (the store's migrations up to it, as an older marsad left it)."""
    import duckdb

    from marsad.store.db import MIGRATIONS

    def make(version: int, name: str = "old.duckdb"):
        con = duckdb.connect(str(tmp_path / name))
        con.execute("CREATE TABLE marsad_schema (version INTEGER, applied_at TIMESTAMP)")
        for i, stmts in enumerate(MIGRATIONS[:version]):
            for stmt in stmts:
                con.execute(stmt)
            con.execute("INSERT INTO marsad_schema VALUES (?, current_timestamp)", [i + 1])
        return con

    return make
