"""The Spark job gives the very records of ``marsad run`` (documents, entities, events, figures, canonical ids)."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, read_jsonl

from marsad.export.schema import PARTITION, unflatten
from marsad.spark.read import path_key
from marsad.spark.worker import rename_plan

TABLES = ("documents", "entities", "events", "figures", "canonical_events")


def _need_spark():
    if shutil.which("java") is None:
        pytest.skip("Java is not installed (the Spark job needs Java 17+)")
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'marsad[spark]')")


@pytest.fixture(scope="module")
def spark():
    _need_spark()
    from marsad.spark import spark_session

    session = spark_session("local[2]", app_name="marsad-test", shuffle_partitions=4)
    yield session
    session.stop()


def _warc(path: Path) -> None:
    """A small gzipped WARC with two HTML responses (built with warcio, as a crawler would write it)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = {
        "https://example.org/a": "<html><head><title>زيارة</title></head><body><article><p>"
        + "التقى وزير الخارجية المصري سامح شكري نظيره الأردني أيمن الصفدي في عمان يوم الأحد. " * 3
        + "</p></article></body></html>",
        "https://example.org/b": "<html><body><article><p>"
        + "أجرى الرئيس الفرنسي إيمانويل ماكرون اتصالا هاتفيا مع الرئيس المصري عبد الفتاح السيسي. " * 3
        + "</p></article></body></html>",
    }
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, (url, html) in enumerate(pages.items()):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")),
                                            http_headers=headers,
                                            warc_headers_dict={"WARC-Record-ID": f"<urn:uuid:0000-{i}>"})
            writer.write_record(rec)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Seeds, the example corpus, and edge cases: a WARC, nested folders, a duplicate id, a hidden file."""
    root = tmp_path_factory.mktemp("spark_in")
    extra = root / "extra"
    (extra / "sub").mkdir(parents=True)
    _warc(extra / "crawl.warc.gz")
    # the same stem twice (renamed ~2 by both runs), one of them in a sub-folder read after the folder's files
    shutil.copy(EXAMPLES / "2024-03-08_cairo_amman_call.txt", extra / "sub" / "2024-03-08_cairo_amman_call.txt")
    (extra / "2024-03-08_cairo_amman_call.txt").write_text("2024-03-08\nبيان قصير بلا أحداث.\n", encoding="utf-8")
    (extra / ".hidden.txt").write_text("لا يقرأ", encoding="utf-8")
    (extra / "notes.md").write_text("not an input", encoding="utf-8")
    (extra / "empty.txt").write_bytes(b"")
    with gzip.open(extra / "broken.warc.gz", "wb") as fh:
        fh.write(b"WARC/1.0\r\nnot really")
    from conftest import SEEDS

    inputs = [str(SEEDS)] if SEEDS.is_dir() else []
    if not inputs:
        print(f"note: the seed corpus is not at {SEEDS}; comparing on the example corpus only")
    return [*inputs, str(EXAMPLES), str(extra), str(root / "missing.txt")]


@pytest.fixture(scope="module")
def both_runs(spark, corpus, tmp_path_factory):
    from marsad.runner import run
    from marsad.spark import run_spark
    from marsad.store import open_store

    single = tmp_path_factory.mktemp("single")
    with open_store(single / "marsad.duckdb") as store:
        run(corpus, store, single)
    sp = tmp_path_factory.mktemp("spark_out")
    summary = run_spark(corpus, sp, spark=spark)
    return single, sp, summary


def read_table(spark, path: Path, table: str, via_spark: bool = False) -> list[dict]:
    """The records of a table written by the job (read with pyarrow when it is there, else by Spark)."""
    if not via_spark:
        try:
            from marsad.export.tables import read_parquet

            return read_parquet(path, table)
        except (ImportError, RuntimeError):
            pass
    out = []
    for row in spark.read.parquet(str(path)).collect():
        d = row.asDict()
        if table != "documents":
            d.pop(PARTITION, None)
        out.append(unflatten(table, d))
    return out


def _canon(records: list[dict]) -> list[str]:
    return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records)


@pytest.mark.parametrize("table", TABLES)
def test_spark_gives_the_records_of_marsad_run(spark, both_runs, table):
    single, sp, _ = both_runs
    expected = read_jsonl(single / f"{table}.jsonl")
    got = read_table(spark, sp / table, table)
    assert len(got) == len(expected), f"{table}: {len(got)} rows from Spark, {len(expected)} from marsad run"
    assert _canon(got) == _canon(expected)


def test_spark_canonical_ids_and_edge_cases(spark, both_runs):
    single, sp, summary = both_runs
    docs = {d["doc_id"]: d for d in read_table(spark, sp / "documents", "documents")}
    assert "2024-03-08_cairo_amman_call~2" in docs and "2024-03-08_cairo_amman_call~3" in docs
    assert "urn:uuid:0000-0" in docs and "urn:uuid:0000-1" in docs
    assert not any(".hidden" in d or "notes" in d for d in docs)
    assert docs["missing"]["errors"] and docs["empty"]["errors"]
    assert summary.documents == len(docs) and summary.renamed == 2
    events = read_table(spark, sp / "events", "events")
    assert {(e["event_id"], e["canonical_id"]) for e in events} == {
        (e["event_id"], e["canonical_id"]) for e in read_jsonl(single / "events.jsonl")}


def test_tables_are_partitioned_by_pub_date(spark, both_runs):
    _, sp, _ = both_runs
    parts = {p.name for p in (sp / "documents").iterdir() if p.is_dir()}
    assert "pub_date=unknown" in parts
    assert any(p.startswith("pub_date=20") for p in parts)
    docs = read_table(spark, sp / "documents", "documents", via_spark=True)
    assert _canon(docs) == _canon(read_table(spark, sp / "documents", "documents"))
    assert all(d["pub_date"] is None or d["pub_date"][:2] == "20" for d in docs)


def test_parquet_of_documents_as_input(spark, tmp_path):
    """A Parquet table with the JSONL input fields is an input too."""
    from pyspark.sql.types import StringType, StructField, StructType

    from marsad.spark import run_spark

    fields = ("id", "text", "html", "title", "pub_date", "url", "outlet")
    rows = [json.loads(line) for line in (EXAMPLES / "mixed_outlets.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    schema = StructType([StructField(f, StringType()) for f in fields])
    spark.createDataFrame([tuple(r.get(f) for f in fields) for r in rows], schema).write.parquet(
        str(tmp_path / "docs.parquet"))
    summary = run_spark([str(tmp_path / "docs.parquet")], tmp_path / "out", spark=spark)
    docs = read_table(spark, tmp_path / "out" / "documents", "documents")
    assert summary.documents == len(rows) == len(docs)
    assert {d["doc_id"] for d in docs} == {str(r["id"]) for r in rows}
    assert all(not d["errors"] for d in docs)


def test_cli_spark_run_refuses_a_bad_input_format(tmp_path):
    from typer.testing import CliRunner

    from marsad.cli import app

    res = CliRunner().invoke(app, ["spark", "run", str(EXAMPLES), "--out", str(tmp_path), "--input-format", "xml"])
    assert res.exit_code == 2


def test_rename_plan_matches_the_sequential_rule():
    keys = [(0, path_key(("a.txt",)), 0), (0, path_key(("sub", "a.txt")), 0), (1, (), 0), (1, (), 1)]
    involved = [(keys[0], "a"), (keys[1], "a"), (keys[2], "a~2"), (keys[3], "a")]
    # sequentially: a, a -> a~2, a~2 (taken) -> a~2~2, a -> a~3
    assert rename_plan(involved) == {keys[1]: "a~2", keys[2]: "a~2~2", keys[3]: "a~3"}


def test_path_key_sorts_like_os_walk():
    paths = [("z.txt",), ("b", "a.txt"), ("a.txt",), ("b", "c", "x.txt"), ("b", "z.txt")]
    ordered = sorted(paths, key=path_key)
    assert ordered == [("a.txt",), ("z.txt",), ("b", "a.txt"), ("b", "z.txt"), ("b", "c", "x.txt")]


def test_regions_in_spark_match_union_find(spark):
    """The two ways of finding merge regions (driver union-find, Spark label propagation) agree."""
    from marsad.spark.merge import regions_in_spark, regions_on_driver

    edges = [("c", "b"), ("x", "y"), ("b", "a2"), ("m", "n"), ("o", "m")]
    labels = dict(regions_in_spark(spark.sparkContext.parallelize(edges, 2)).collect())
    assert labels == regions_on_driver(edges)
    assert labels["c"] == "a2" and labels["y"] == "x" and labels["o"] == "m" and labels["n"] == "m"


def test_the_large_corpus_paths_give_the_same_records(spark, corpus, both_runs, tmp_path, monkeypatch):
    """Hadoop listing instead of the driver's, the near-duplicate map joined instead of broadcast, outlet
    chains followed with joins, merge regions by label propagation: what a corpus too large for the driver
    takes, and the same tables."""
    import marsad.spark.merge as spark_merge
    import marsad.spark.neardup as spark_neardup
    from marsad.spark import run_spark

    monkeypatch.setattr(spark_neardup, "BROADCAST_LIMIT", 0)
    monkeypatch.setattr(spark_merge, "DRIVER_EDGES", 0)
    _, sp, summary = both_runs
    large = run_spark(corpus, tmp_path / "out", spark=spark, list_local=False)
    assert summary.near_duplicates > 0 and large.near_duplicates == summary.near_duplicates
    for table in TABLES:
        assert _canon(read_table(spark, tmp_path / "out" / table, table)) == _canon(read_table(spark, sp / table, table))


@pytest.mark.parametrize("on_driver", [True, False])
def test_a_copy_of_a_copy_joins_the_first_pages_events_on_spark(spark, on_driver):
    """The chain page ← copy ← copy of the copy: the canonical events ``merge_store`` gives them (a copy
    naming no outlet is its page's outlet), with the near-duplicate map broadcast or the chains followed
    with joins."""
    from test_merge import _chain_documents, _chain_events, _full_docs

    from marsad.spark.merge import merge_events
    from marsad.spark.worker import Processed

    evs = _chain_events()
    want_records, want = _full_docs(_chain_documents())
    origins = {e["doc_id"]: e["near_duplicate_of"] for e in evs if e.get("near_duplicate_of")}
    rows = []
    for i, e in enumerate(evs):
        doc = {"doc_id": e["doc_id"], "pub_date": e["pub_date"], "stories": [{"story_id": e["story_id"],
                                                                               "pub_date": e["pub_date"]}]}
        if not on_driver and e["doc_id"] in origins:
            doc["near_duplicate_of"] = origins[e["doc_id"]]
        ev = {k: v for k, v in e.items() if k not in ("pub_date", "near_duplicate_of")}
        rows.append(Processed((i, (), 0), e["doc_id"], e["pub_date"], False, doc, [], [ev], []))
    processed = spark.sparkContext.parallelize(rows, 2)
    if on_driver:
        events, canonical = merge_events(processed, origins, {o: None for o in origins.values()})
    else:
        events, canonical = merge_events(processed, None, None)
    got = {ev["event_id"]: ev["canonical_id"] for _, ev in events.collect()}
    assert got == want and got["o#0:e1"] == got["c2#0:e1"] != got["c1#0:e1"]
    assert _canon(canonical.collect()) == _canon(want_records)
