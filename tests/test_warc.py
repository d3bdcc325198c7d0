"""Pages in a WARC file give the records of the same pages read one by one (ids and paths aside)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import read_jsonl

from marsad.ingest.readers import read_path
from marsad.runner import run
from marsad.store import open_store

PAGES = Path(__file__).resolve().parent / "data" / "pages"
# pages with a URL of their own (the WARC record's target URI is the page's canonical URL)
NAMES = ["cnn_arabic_2013_syria_clashes.html", "cnn_arabic_2018_style.html", "bbc_arabic_style.html",
         "france24_arabic_style.html", "skynewsarabia_style.html", "alarabiya_style.html", "month_only_url.html"]
TABLES = ("documents", "entities", "events", "figures")


def _write_warc(path: Path, urls: dict[str, str], gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for name in NAMES:
            body = (PAGES / name).read_bytes()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(urls[name], "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
            # a request record between the responses: not a document
            writer.write_record(writer.create_warc_record(urls[name], "request", payload=io.BytesIO(b"GET /"),
                                                          warc_content_type="application/http; msgtype=request"))


def _canon(records: list[dict], ids: dict[str, str]) -> list[str]:
    """Records with the document id replaced by the page name and the input's path dropped, sorted."""
    out = []
    for rec in records:
        text = json.dumps({k: v for k, v in rec.items() if k not in ("source", "canonical_id")},
                          ensure_ascii=False, sort_keys=True)
        for doc_id, name in ids.items():
            text = text.replace(doc_id, name)
        out.append(text)
    return sorted(out)


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_a_warc_of_pages_gives_the_records_of_the_pages(tmp_path, gz):
    urls = {name: next(read_path(PAGES / name)).url for name in NAMES}
    assert all(urls.values())
    one_by_one = tmp_path / "pages"
    one_by_one.mkdir()
    for name in NAMES:
        (one_by_one / name).write_bytes((PAGES / name).read_bytes())
    warc = tmp_path / ("pages.warc.gz" if gz else "pages.warc")
    _write_warc(warc, urls, gz)

    outs = {}
    for label, inp in (("pages", one_by_one), ("warc", warc)):
        outs[label] = tmp_path / f"out_{label}"
        with open_store(tmp_path / f"{label}.duckdb") as store:
            summary = run([inp], store, outs[label])
        assert summary.documents == len(NAMES) and summary.failed == 0

    page_docs = read_jsonl(outs["pages"] / "documents.jsonl")
    warc_docs = read_jsonl(outs["warc"] / "documents.jsonl")
    page_ids = {d["doc_id"]: d["doc_id"] + ".html" for d in page_docs}
    by_url = {urls[name]: name for name in NAMES}
    warc_ids = {d["doc_id"]: by_url[d["url"]] for d in warc_docs}
    assert sorted(warc_ids.values()) == sorted(NAMES)
    for table in TABLES:
        a = _canon(read_jsonl(outs["pages"] / f"{table}.jsonl"), page_ids)
        b = _canon(read_jsonl(outs["warc"] / f"{table}.jsonl"), warc_ids)
        assert a == b, table
    assert sum(1 for _ in read_jsonl(outs["warc"] / "events.jsonl")) >= 5
