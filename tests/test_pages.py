"""Real and built Arabic news pages (tests/data/pages, see SOURCES.md): the date each page states, its
furniture kept out of stories and evidence, and a batch that goes on when the HTML library cannot load."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from conftest import read_jsonl

from marsad.clean import schema as bp_schema
from marsad.dates import choose_pub_date, url_dates
from marsad.ingest import html as html_reader
from marsad.ingest.readers import read_path
from marsad.numbers.schema import LexiconError
from marsad.pipeline import process
from marsad.records import Document

PAGES = Path(__file__).resolve().parent / "data" / "pages"
EXPECTED: dict[str, dict] = yaml.safe_load((PAGES / "pages.yaml").read_text(encoding="utf-8"))


@cache
def _doc(name: str) -> Document:
    raws = list(read_path(PAGES / name))
    assert len(raws) == 1 and raws[0].errors == [], raws[0].errors
    return process(raws[0])


def test_every_page_is_listed_and_sourced():
    on_disk = sorted(p.name for p in PAGES.glob("*.html"))
    assert on_disk == sorted(EXPECTED)
    sources = (PAGES / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in sources for name in on_disk)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_page_gets_the_date_it_states(name):
    doc, want = _doc(name), EXPECTED[name]
    assert doc.pub_date == want["pub_date"]
    assert doc.as_dict().get("pub_date_source") == want["pub_date_source"]
    assert doc.pub_date_from in {None, "metadata", "text", "filename"}  # the spec's values
    main = [s for s in doc.stories if s.kind == "main"]
    assert main and main[0].pub_date == doc.pub_date


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_pub_date_more_precise_than_the_page_supports(name):
    """What is stored is one of the values the page offers, at the precision it was written."""
    raw = next(read_path(PAGES / name))
    doc = _doc(name)
    offered = {h.value for h in raw.date_hints}
    text_dates: set[str] = set()
    if doc.pub_date_source == "text":
        from marsad.dates import find_pub_date

        hit = find_pub_date(doc.text)
        text_dates = {hit.value} if hit else set()
    assert doc.pub_date is None or doc.pub_date in offered | text_dates
    assert doc.pub_date is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", doc.pub_date)


def _spans(text: str, phrase: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(phrase), text)]


def _evidence(doc: Document) -> list[tuple[int, int, str]]:
    out = []
    for ev in doc.events:
        out.append((ev.evidence.start, ev.evidence.end, f"{ev.event_type} event"))
        for also in ev.also_evidence:
            out.append((also.start, also.end, f"{ev.event_type} event (also)"))
    out += [(f.evidence.start, f.evidence.end, f"{f.what} figure") for f in doc.figures]
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_furniture_is_boilerplate_and_never_evidence(name):
    doc = _doc(name)
    for phrase in EXPECTED[name]["furniture"]:
        for start, end in _spans(doc.text, phrase):
            in_story = [s for s in doc.stories if s.start <= start < s.end]
            assert not in_story or doc.in_boilerplate(start, end), f"{phrase!r} is story text"
            for es, ee, what in _evidence(doc):
                assert ee <= start or end <= es, f"{what} quotes the furniture {phrase!r}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_article_stays_in_its_story(name):
    doc = _doc(name)
    for phrase in EXPECTED[name]["body"]:
        spans = _spans(doc.text, phrase)
        assert spans, f"{phrase!r} lost by the extractor"
        start, end = spans[0]
        assert any(s.start <= start and end <= s.end for s in doc.stories), phrase
        assert not doc.in_boilerplate(start, end), phrase


def test_the_cnn_2013_page_of_issue_22():
    """The page of #22: the header's date (not a year padded to a day), and no event by CNN from its
    comment policy."""
    doc = _doc("cnn_arabic_2013_syria_clashes.html")
    assert (doc.pub_date, doc.pub_date_from) == ("2013-08-28", "text")
    assert doc.stories[0].title == "معارضون يسيطرون على مخازن للصواريخ بريف دمشق"
    assert [b.kind for b in doc.boilerplate].count("comments") == 2
    assert not [e for e in doc.events if any(a.id == "cnn" for a in e.source + e.participants)]
    assert doc.events, "the story's own events are still read"


def test_page_events_come_from_the_articles():
    """The built pages carry real reports: the extraction is not emptied along with the furniture."""
    n = sum(len(_doc(name).events) for name in EXPECTED)
    assert n >= 10


# ---- choosing among dates -------------------------------------------------------------------------------

def test_the_most_precise_agreeing_date_wins():
    assert choose_pub_date([("2013-08-28", "text"), ("2013-08-03", "url")]) == ("2013-08-28", "text")
    assert choose_pub_date([("2013", "markup"), ("2013-08-03", "url")]) == ("2013-08-03", "url")
    # a URL day in another month than the stated month is not taken
    assert choose_pub_date([("2013-09", "markup"), ("2013-08-03", "url")]) == ("2013-09", "markup")
    assert choose_pub_date([("2018-05-09", "markup"), ("2018-05-09", "url")]) == ("2018-05-09", "markup")
    assert choose_pub_date([]) is None


@pytest.mark.parametrize("url, want", [
    ("http://arabic.cnn.com/2013/middle_east/8/3/syria.clashes/index.html", "2013-08-03"),
    ("https://www.france24.com/ar/20180508-iran-nuclear", "2018-05-08"),
    ("https://www.alarabiya.net/ar/arab-and-world/2018/05/11/x", "2018-05-11"),
    ("https://example.org/news/2018-05-08-title.html", "2018-05-08"),
    ("https://example.org/ar/2018/05/un-yemen", "2018-05"),
    ("https://example.org/news/2045/article", None),  # a year alone may be an article number
    ("https://www.bbc.com/arabic/middleeast-44040001", None),
    ("https://example.org/2018/02/30/x", None),  # not a real day: a month is not made of it either
])
def test_dates_in_urls(url, want):
    got = url_dates(url)
    assert (got[0][0] if got else None) == want


def test_year_only_markup_is_not_padded(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>خبر</title><meta name='date' content='2016'></head><body><article>"
        "<h1>خبر عاجل عن اجتماع وزراء الخارجية العرب</h1>"
        "<p>اجتمع وزراء الخارجية العرب في القاهرة لبحث الأوضاع في المنطقة وسبل دعم الاستقرار.</p>"
        "<p>وأكد الوزراء في بيانهم الختامي أهمية الحوار بين الأطراف لتجاوز الأزمات.</p></article>"
        "<footer>© 2016</footer></body></html>", encoding="utf-8")
    doc = process(next(read_path(page)))
    assert (doc.pub_date, doc.pub_date_from, doc.as_dict()["pub_date_source"]) == ("2016", "metadata", "markup")


# ---- when the HTML library cannot load ------------------------------------------------------------------

def test_a_missing_html_library_fails_each_page_and_stores_the_rest(tmp_path, monkeypatch):
    from marsad.runner import run
    from marsad.store import open_store

    monkeypatch.setattr(html_reader, "_library",
                        lambda: "ImportError: lxml.html.clean module is now a separate project lxml_html_clean.")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_bytes((PAGES / "no_date.html").read_bytes())
    (folder / "note.txt").write_text("التقى وزير الخارجية المصري نظيره الأردني في عمان لبحث الأوضاع في غزة.",
                                     encoding="utf-8")
    out = tmp_path / "out"
    with open_store(tmp_path / "m.duckdb") as store:
        summary = run([folder], store, out)
    assert summary.documents == 2 and summary.failed == 1 and not summary.all_failed
    docs = {d["doc_id"]: d for d in read_jsonl(out / "documents.jsonl")}
    assert docs["note"]["errors"] == [] and docs["note"]["stories"]
    [err] = docs["page"]["errors"]
    assert err["stage"] == "ingest" and "HTML library cannot be loaded" in err["message"]
    assert "lxml_html_clean" in err["message"] and str(folder / "page.html") in err["message"]


# ---- the boilerplate lexicon ----------------------------------------------------------------------------

def test_boilerplate_lexicon_schema():
    from marsad.resources import load_yaml

    spec = load_yaml(*bp_schema.FILE)
    assert bp_schema.check_spec(spec) is spec
    bad = {**spec, "lines": {**spec["lines"], "gossip": ["x"]}}
    with pytest.raises(LexiconError, match=r"boilerplate\.yaml:\d+: lines\.gossip: unknown boilerplate kind"):
        bp_schema.check_spec(bad)
    bad = {**spec, "anywhere": {**spec["anywhere"], "comments": ["ok", ""]}}
    with pytest.raises(LexiconError, match=r"anywhere\.comments\.1"):
        bp_schema.check_spec(bad)
    with pytest.raises(LexiconError, match="anywhere_max_words"):
        bp_schema.check_spec({**spec, "anywhere_max_words": 0})
