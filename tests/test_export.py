"""Exports of the store: PLOVER interchange records, the GDELT-like table, Parquet/CSV round trips."""

from __future__ import annotations

import csv
import json
import re

import pytest
from conftest import EXAMPLES, read_jsonl
from typer.testing import CliRunner

from marsad.cli import app
from marsad.export import export_store, plover_records, read_csv, read_parquet
from marsad.export.gdelt import COLUMNS as GDELT_COLUMNS
from marsad.export.plover import CONTEXTS, EVENT_TYPES, FIELDS, SPECIAL_CONTEXTS, check_record, plover_date
from marsad.export.schema import TABLES, flatten, unflatten
from marsad.store import open_store

cli = CliRunner()
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@pytest.fixture(scope="module")
def example_store(tmp_path_factory):
    """The example corpus through `marsad run`: the store (closed) and the .jsonl files."""
    from marsad.runner import run

    out = tmp_path_factory.mktemp("export_src")
    with open_store(out / "marsad.duckdb") as store:
        run([EXAMPLES], store, out)
    return out


def _canon(records):
    return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records)


def test_plover_export_follows_the_manual(example_store, tmp_path):
    res = cli.invoke(app, ["export", "--format", "plover", "--out", str(tmp_path), "--db",
                           str(example_store / "marsad.duckdb")])
    assert res.exit_code == 0, res.output
    recs = read_jsonl(tmp_path / "plover.jsonl")
    events = read_jsonl(example_store / "events.jsonl")
    assert len(recs) == len(events) > 0
    assert len({r["id"] for r in recs}) == len(recs)
    for rec in recs:
        assert check_record(rec) == [], rec
        for name, required in FIELDS.items():
            if required:
                assert name in rec, f"{rec['id']}: {name} missing"
        assert rec["date"] is not None and ISO.match(rec["date"]), rec["date"]
        assert rec["event"] in EVENT_TYPES
        assert rec["mode"] is None or rec["mode"] in EVENT_TYPES[rec["event"]][2]
        assert rec["quad_code"] == EVENT_TYPES[rec["event"]][0]
        assert all(c in CONTEXTS or c in SPECIAL_CONTEXTS for c in rec["context"])
        assert rec["actor"] == rec["source"]
        assert rec["cite_info"]["language"] == "ar" and rec["cite_info"]["citation"]
        for actor in rec["source"] + rec["recipient"]:
            assert actor["code"] is None or re.match(r"^[A-Z]{3}$", actor["code"]), actor
    # offsets point into the original text: the evidence of each record is where text_info says
    with open_store(example_store / "marsad.duckdb", read_only=True) as store:
        for rec in recs:
            text = store.document_text(rec["text_info"]["doc_id"])
            assert text[rec["text_info"]["start"]:rec["text_info"]["end"]] == rec["event_text"][0]
            for actor in rec["source"]:
                if actor["start"] is not None:
                    assert text[actor["start"]:actor["end"]] == actor["actor_text"]
    consult = [r for r in recs if r["event"] == "CONSULT"]
    assert consult and all(r["mode"] in (None, "phone", "visit", "multilateral", "third-party") for r in consult)


def test_plover_dates_are_never_guessed():
    doc = {"doc_id": "d", "pub_date": "2024-03-09", "story_pub_date": None}
    assert plover_date({"date": "2024-03-08"}, doc) == ("2024-03-08", "day")
    assert plover_date({"date": "2024-03"}, doc) == ("2024-03", "month")
    assert plover_date({"date": "2024"}, doc) == ("2024", "year")
    assert plover_date({"date": "--03-08"}, doc) == ("2024-03-09", "report")
    assert plover_date({"date": None}, {"doc_id": "d", "pub_date": None}) == (None, "none")
    bad = {"id": "x", "date": "08/03/2024", "source": [], "event": "HUG", "mode": "phone", "context": ["war"]}
    problems = " ".join(check_record(bad))
    assert "not one of the 16" in problems and "ISO" in problems and "context" in problems


def test_gdelt_table_counts_reports(example_store, tmp_path):
    with open_store(example_store / "marsad.duckdb", read_only=True) as store:
        written = export_store(store, "gdelt", tmp_path)
        n_events = store.counts()["events"]
        n_canonical = store.counts()["canonical_events"]
    with (tmp_path / "gdelt_events.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert written == {"gdelt_events.csv": len(rows)}
    assert list(rows[0]) == list(GDELT_COLUMNS)
    assert len(rows) == n_canonical  # every event has a canonical id after `marsad run`
    assert sum(int(r["NumMentions"]) for r in rows) == n_events
    for r in rows:
        assert 1 <= int(r["NumSources"]) <= int(r["NumArticles"]) <= int(r["NumMentions"])
        assert r["EventCode"] in EVENT_TYPES and int(r["QuadClass"]) == EVENT_TYPES[r["EventCode"]][0]
        assert r["SQLDATE"] == "" or re.match(r"^\d{8}$", r["SQLDATE"])


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_tables_round_trip(example_store, tmp_path, fmt):
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    res = cli.invoke(app, ["export", "--format", fmt, "--out", str(tmp_path), "--db",
                           str(example_store / "marsad.duckdb")])
    assert res.exit_code == 0, res.output
    read = read_parquet if fmt == "parquet" else read_csv
    for table in TABLES:
        got = read(tmp_path / f"{table}.{fmt}", table)
        expected = read_jsonl(example_store / f"{table}.jsonl")
        assert _canon(got) == _canon(expected), table


def test_flatten_keeps_unknown_fields_and_optional_keys():
    ent = {"doc_id": "d", "id": "x", "kind": "person", "name": "X", "name_ar": "س", "linked": False, "wikidata": None,
           "country": None, "sector": None, "role": None, "mentions": [], "new_field": {"a": 1}}
    row = flatten("entities", ent)
    assert row["in_boilerplate"] is None and json.loads(row["extra"]) == {"new_field": {"a": 1}}
    assert unflatten("entities", row) == ent
    fig = {k: None for k in (c.name for c in TABLES["figures"])} | {"value": 20258, "evidence": {"text": "x"}}
    back = unflatten("figures", flatten("figures", fig))
    assert back == fig and isinstance(back["value"], int)


def test_export_refuses_unknown_format_and_missing_store(tmp_path):
    res = cli.invoke(app, ["export", "--format", "xml", "--out", str(tmp_path), "--db", str(tmp_path / "m.duckdb")])
    assert res.exit_code == 2
    res = cli.invoke(app, ["export", "--format", "csv", "--out", str(tmp_path), "--db", str(tmp_path / "m.duckdb")])
    assert res.exit_code == 2


def test_plover_records_stream_in_a_stable_order(example_store):
    with open_store(example_store / "marsad.duckdb", read_only=True) as store:
        first = list(plover_records(store))
        again = list(plover_records(store))
    assert first == again
    keys = [(r["text_info"]["doc_id"], r["id"]) for r in first]
    assert keys == sorted(keys)


def test_gdelt_row_of_an_undated_event_takes_the_first_publication_marked_as_such():
    from marsad.export.gdelt import gdelt_rows

    ev = {"event_id": "a#0:e1", "doc_id": "a", "canonical_id": "c:1", "event_type": "ASSAULT", "date": None,
          "participants": [], "source": [], "target": []}
    docs = {"a": {"doc_id": "a", "pub_date": "2018-05-09"}, "b": {"doc_id": "b", "pub_date": "2018-05-08"}}
    row = next(gdelt_rows([ev, {**ev, "event_id": "b#0:e1", "doc_id": "b"}], docs))
    assert (row["SQLDATE"], row["DatePrecision"]) == (20180508, "pub_date")
    stated = next(gdelt_rows([{**ev, "date": "2018-05-07"}], docs))
    assert (stated["SQLDATE"], stated["DatePrecision"]) == (20180507, "day")


def test_every_canonical_event_of_a_dated_corpus_has_a_date_and_the_timeline_shows_the_assumed_ones(example_store):
    from marsad.serve.queries import EventFilter, list_events, timeline

    canon = read_jsonl(example_store / "canonical_events.jsonl")
    docs = {d["doc_id"]: d for d in read_jsonl(example_store / "documents.jsonl")}
    events = read_jsonl(example_store / "events.jsonl")
    with open_store(example_store / "marsad.duckdb", read_only=True) as store:
        tl = timeline(store, EventFilter())
        items = list_events(store, EventFilter(), 1000, 0)["items"]
    for c in canon:
        pubs = [docs[m["doc_id"]].get("pub_date") for m in c["mentions"] if docs[m["doc_id"]].get("pub_date")]
        if pubs:
            assert c["date"] and c["date_from"] in ("text", "pub_date"), c
        if c["date_from"] == "pub_date":
            assert c["date"] == min(pubs)
    assumed = [e for e in items if not e["date"] and (e.get("event_date") or {}).get("from") == "pub_date"]
    assert any(c["date_from"] == "pub_date" for c in canon) and assumed
    assert tl["assumed"] == len(assumed) == sum(s["assumed"] for s in tl["series"])
    assert sum(s["count"] for s in tl["series"]) + tl["undated"] == len(events)
    assert all(e["date"] is None for e in events if e["event_id"] in {a["event_id"] for a in assumed})
