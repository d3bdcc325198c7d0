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


REAL_CORPORA = (SHARED / "corpus" / "dev" / "docs.jsonl", SHARED / "corpus" / "days" / "docs.jsonl")


@pytest.fixture(scope="session")
def real_articles() -> dict[str, dict]:
    """The articles of the development corpus and of the days corpus, by id, for real-sentence tests."""
    if not REAL_CORPORA[0].is_file():
        pytest.skip(f"the development corpus is not at {REAL_CORPORA[0]}")
    out: dict[str, dict] = {}
    for path in REAL_CORPORA:
        if path.is_file():
            out.update({r["id"]: r for r in read_jsonl(path)})
    return out


def analyze_real(articles: dict[str, dict], doc_id: str):
    """(record, analyzed document) of a real article: the days articles or the TUNING split (v001–v100) only,
    never the check split; skipped when the article is not there."""
    from marsad.pipeline import analyze

    if doc_id not in articles:
        pytest.skip(f"{doc_id} is not in the corpus")
    assert doc_id.startswith("d") or int(doc_id[1:]) <= 100, "cases come from the tuning split or the days only"
    rec = articles[doc_id]
    return rec, analyze(rec["text"], pub_date=rec.get("pub_date"), doc_id=doc_id)


def events_holding(doc, text: str, quote: str, etype: str) -> list:
    """The events of type ``etype`` whose evidence (or another telling of it) holds ``quote``."""
    assert quote in text
    at = text.index(quote)
    return [e for e in doc.events if e.event_type == etype
            and any(s.start <= at < s.end for s in [e.evidence, *e.also_evidence])]


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
