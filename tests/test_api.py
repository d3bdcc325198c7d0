"""The HTTP API (``marsad serve``) over a store built from the bundled example corpus.

The example corpus is run through ``marsad.runner.run``; while event extraction is young the builder adds a
few hand-made events (with true offsets into each document) so that every event endpoint has rows to show.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.kb import load_kb
from marsad.records import Actor, Document, Event, Location, Span
from marsad.serve import ServeSettings, create_app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "corpus"
TOKEN = "test-token-0123456789"

# doc_id -> hand-made events: (type, mode, status, date, evidence, trigger, sources, targets, others, place, topics)
HAND_EVENTS = {
    "2024-03-08_cairo_amman_call": [
        ("CONSULT", "phone", "occurred", "2024-03-07",
         "أجرى وزير الخارجية المصري سامح شكري، الخميس، اتصالاً هاتفياً مع نظيره الأردني أيمن الصفدي",
         "اتصالاً هاتفياً", [("sameh_shoukry", "سامح شكري")], [("ayman_safadi", "أيمن الصفدي")], [], None,
         ["humanitarian_aid", "ceasefire"]),
        ("CONSULT", "multilateral", "scheduled", None, "قبل اجتماع وزاري عربي مرتقب في القاهرة الأسبوع المقبل",
         "اجتماع وزاري", [], [], [("sameh_shoukry", "شكري"), ("ayman_safadi", "والصفدي")], ("cairo", "القاهرة"),
         []),
    ],
    "wire-2024-06-11-doha": [
        ("CONSULT", "meeting", "occurred", "2024-06-11",
         "التقى وزير الخارجية الأمريكي أنتوني بلينكن، اليوم الثلاثاء في الدوحة، رئيس مجلس الوزراء",
         "التقى", [], [], [("antony_blinken", "أنتوني بلينكن"), ("mohammed_bin_abdulrahman_al_thani",
                                                             "محمد بن عبد الرحمن آل ثاني")],
         ("doha", "الدوحة"), ["ceasefire", "hostages"]),
    ],
    "wire-2024-06-12-doha-copy": [
        ("CONSULT", "talks", "occurred", "2024-06-11",
         "بحث وزير الخارجية الأميركي أنتوني بلينكين أمس الثلاثاء مع رئيس الوزراء القطري", "بحث", [], [],
         [("antony_blinken", "أنتوني بلينكين"), ("mohammed_bin_abdulrahman_al_thani", "محمد بن عبدالرحمن آل ثاني")],
         ("doha", "الدوحة"), ["ceasefire"]),
    ],
    "2024-05-20_rabat_visit": [
        ("CONSULT", "visit", "occurred", "2024-05-20", "ألباريس", "ألباريس",
         [("jose_manuel_albares", "ألباريس")], [("nasser_bourita", "بوريطة")], [], ("rabat", "الرباط"), []),
    ],
    "aden-2024-02-03": [
        ("ACCUSE", "allege", "occurred", "2024-02-03", "ودانت الحكومة اليمنية الهجوم، واتهمت جماعة الحوثي",
         "واتهمت", [("YEM", "الحكومة اليمنية")], [("houthis", "جماعة الحوثي")], [], ("taiz", "تعز"),
         ["civilian_harm"]),
    ],
}
CANONICAL_ID = "c:test-doha"


def _actor(kb, doc: Document, actor_id: str, surface: str) -> Actor:
    e = kb.entries[actor_id]
    at = doc.text.find(surface)
    assert at >= 0, (doc.doc_id, surface)
    return Actor(id=actor_id, name=e.name, name_ar=e.name_ar, kind=e.kind, country=e.country,
                 sector=e.sector, role=None, start=at, end=at + len(surface))


def _span(doc: Document, text: str, after: int = 0) -> Span:
    at = doc.text.find(text, after)
    if at < 0:
        at = doc.text.find(text)
    assert at >= 0, (doc.doc_id, text)
    return Span(at, at + len(text), text)


def add_hand_events(doc: Document) -> None:
    """Append the hand-made events of ``HAND_EVENTS`` to a processed document (before it is stored)."""
    kb = load_kb()
    for n, (etype, mode, status, date, evidence, trigger, src, tgt, others, place, topics) in enumerate(
            HAND_EVENTS.get(doc.doc_id, [])):
        source = [_actor(kb, doc, i, s) for i, s in src]
        target = [_actor(kb, doc, i, s) for i, s in tgt]
        participants = source + target + [_actor(kb, doc, i, s) for i, s in others]
        ev_span = _span(doc, evidence)
        loc = None
        if place:
            e, span = kb.entries[place[0]], _span(doc, place[1], ev_span.start)
            loc = Location(e.name, e.name_ar, e.country, span.start, span.end)
        doc.events.append(Event(
            doc_id=doc.doc_id, story_id=f"{doc.doc_id}#0", event_id=f"{doc.doc_id}#0:t{n}", event_type=etype,
            mode=mode, plover_mode=mode if mode in ("phone", "visit", "multilateral") else None, source=source,
            target=target, participants=participants, date=date, date_text=None,
            date_from="explicit" if date else "none", location=loc, status=status, contexts=["diplomatic"],
            topics=topics, attribution=None, evidence=ev_span, confidence=0.9, trigger=_span(doc, trigger, ev_span.start)))


def build_db(path: Path) -> Path:
    """Run the example corpus into a new store at ``path`` (plus the hand-made events) and close it."""
    from marsad.runner import run
    from marsad.store import open_store

    with open_store(path) as store:
        run([EXAMPLES], store, on_document=add_hand_events)
        doha = [f"{d}#0:t0" for d in ("wire-2024-06-11-doha", "wire-2024-06-12-doha-copy")]
        store.replace_canonical([{
            "canonical_id": CANONICAL_ID, "event_type": "CONSULT", "mode": "meeting", "date": "2024-06-11",
            "participants": [], "location": None, "topics": ["ceasefire"],
            "mentions": [{"doc_id": e.split("#")[0], "event_id": e} for e in doha], "num_documents": 2,
            "num_outlets": 2, "first_seen": "2024-06-11", "evidence": {"doc_id": "wire-2024-06-11-doha", "text": ""},
        }], {e: CANONICAL_ID for e in doha})
    return path


@pytest.fixture(scope="module")
def db_file(tmp_path_factory) -> Path:
    return build_db(tmp_path_factory.mktemp("api") / "marsad.duckdb")


@pytest.fixture(scope="module")
def client(db_file):
    """A read-only server (no token): what most tests read."""
    app = create_app(ServeSettings(db=str(db_file)))
    with TestClient(app) as c:
        yield c


@pytest.fixture()
def writer(db_file, tmp_path):
    """A server with a token over a copy of the store (writes do not leak into other tests)."""
    copy = tmp_path / "w.duckdb"
    shutil.copy(db_file, copy)
    app = create_app(ServeSettings(db=str(copy), token=TOKEN, max_body=64 * 1024))
    with TestClient(app) as c:
        yield c


AUTH = {"Authorization": f"Bearer {TOKEN}"}


# -- documents -----------------------------------------------------------------------------------

def test_documents_list_and_paging(client):
    r = client.get("/api/documents")
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 6 and len(body["items"]) == 6
    assert {"doc_id", "title", "pub_date", "n_events", "n_entities"} <= set(body["items"][0])
    page = client.get("/api/documents", params={"limit": 2, "offset": 2}).json()
    assert [d["doc_id"] for d in page["items"]] == [d["doc_id"] for d in body["items"][2:4]]
    assert client.get("/api/documents", params={"q": "الدوحة"}).json()["total"] == 2


def test_document_detail_offsets(client):
    r = client.get("/api/documents/2024-03-08_cairo_amman_call")
    assert r.status_code == 200
    doc = r.json()
    text = doc["text"]
    assert doc["stories"] and doc["boilerplate"] and doc["entities"]
    for ent in doc["entities"]:
        for m in ent["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    assert len(doc["events"]) >= 2
    for ev in doc["events"]:
        assert text[ev["evidence"]["start"]:ev["evidence"]["end"]] == ev["evidence"]["text"]
    assert any(d["text"] for d in doc["dates"])
    for d in doc["dates"]:
        assert text[d["start"]:d["end"]] == d["text"]
    assert client.get("/api/documents/no-such-doc").status_code == 404


# -- events ----------------------------------------------------------------------------------------

def test_events_filters(client):
    all_ = client.get("/api/events", params={"limit": 500}).json()
    assert all_["total"] >= 6
    ids = {e["event_id"] for e in all_["items"]}
    assert "aden-2024-02-03#0:t0" in ids

    def ids_for(**params):
        return {e["event_id"] for e in client.get("/api/events", params={"limit": 500, **params}).json()["items"]}

    assert "aden-2024-02-03#0:t0" in ids_for(type="ACCUSE")
    assert "aden-2024-02-03#0:t0" not in ids_for(type="CONSULT")
    assert ids_for(type="ACCUSE,CONSULT") >= ids_for(type="ACCUSE") | ids_for(type="CONSULT")
    assert ids_for(mode="phone") >= {"2024-03-08_cairo_amman_call#0:t0"}
    assert ids_for(actor="antony_blinken") >= {"wire-2024-06-11-doha#0:t0", "wire-2024-06-12-doha-copy#0:t0"}
    assert "aden-2024-02-03#0:t0" in ids_for(country="YEM")
    assert "wire-2024-06-11-doha#0:t0" in ids_for(country="QAT")  # by location
    assert ids_for(date_from="2024-06-01", date_to="2024-06-30") >= {"wire-2024-06-11-doha#0:t0"}
    assert "aden-2024-02-03#0:t0" not in ids_for(date_from="2024-06-01")
    assert "wire-2024-06-11-doha#0:t0" in ids_for(topic="hostages")
    assert "2024-03-08_cairo_amman_call#0:t1" in ids_for(status="scheduled")
    assert "2024-03-08_cairo_amman_call#0:t1" not in ids_for(status="occurred")
    assert "aden-2024-02-03#0:t0" in ids_for(q="الحوثي")
    both = {"wire-2024-06-11-doha#0:t0", "wire-2024-06-12-doha-copy#0:t0"}
    assert len(ids_for(canonical_only="true") & both) == 1
    assert ids_for(doc_id="aden-2024-02-03") == {"aden-2024-02-03#0:t0"} | {
        i for i in ids if i.startswith("aden-2024-02-03#")}


def test_events_paging_and_sorting(client):
    full = client.get("/api/events", params={"limit": 500, "sort": "date", "order": "asc"}).json()["items"]
    dates = [e["date"] for e in full if e["date"]]
    assert dates == sorted(dates)
    page = client.get("/api/events", params={"limit": 2, "offset": 1, "sort": "date", "order": "asc"}).json()
    assert [e["event_id"] for e in page["items"]] == [e["event_id"] for e in full[1:3]]
    assert page["limit"] == 2 and page["offset"] == 1
    for key in ("type", "mode", "status", "confidence", "outlet", "pub_date", "event_id", "doc_id"):
        assert client.get("/api/events", params={"sort": key}).status_code == 200


def test_event_and_canonical(client):
    r = client.get("/api/events/" + "wire-2024-06-11-doha%230:t0")
    assert r.status_code == 200
    ev = r.json()
    assert ev["canonical_id"] == CANONICAL_ID
    assert ev["document"]["outlet"] == "وكالة مثال"
    assert [o["event_id"] for o in ev["other_reports"]] == ["wire-2024-06-12-doha-copy#0:t0"]
    c = client.get(f"/api/canonical/{CANONICAL_ID}").json()
    assert c["num_documents"] == 2 and len(c["reports"]) == 2
    assert client.get("/api/events/nope%230:e1").status_code == 404
    assert client.get("/api/canonical/c:nope").status_code == 404


def test_downloads(client):
    r = client.get("/api/events.csv", params={"type": "CONSULT"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.text.lstrip("\ufeff"))))
    assert rows[0][0] == "event_id" and len(rows) >= 6
    assert all(row[4] == "CONSULT" for row in rows[1:])
    r2 = client.get("/api/events", params={"type": "CONSULT", "format": "csv"})
    assert r2.text == r.text
    j = client.get("/api/events", params={"actor": "houthis", "format": "json"})
    assert j.status_code == 200 and "ACCUSE" in {e["event_type"] for e in j.json()}
    assert all("houthis" in {a["id"] for a in e["participants"]} for e in j.json())
    assert client.get("/api/events.json").status_code == 200


def test_csv_guards_formulas():
    from marsad.serve.queries import CSV_COLUMNS, csv_row

    row = csv_row({"event_id": "x", "evidence": {"text": "=HYPERLINK(\"http://x\")"}, "date": "--06-12"})
    assert row[CSV_COLUMNS.index("evidence")].startswith("'=")
    assert row[CSV_COLUMNS.index("date")] == "--06-12"


# -- actors, network, timeline, stats ----------------------------------------------------------------

def test_actors(client):
    body = client.get("/api/actors", params={"limit": 500}).json()
    by_id = {a["id"]: a for a in body["items"]}
    assert by_id["antony_blinken"]["n_events"] >= 2 and by_id["antony_blinken"]["n_documents"] == 2
    assert by_id["houthis"]["name"]  # only in an event: named from the knowledge base
    assert client.get("/api/actors", params={"kind": "place"}).json()["items"][0]["kind"] == "place"
    assert {a["id"] for a in client.get("/api/actors", params={"q": "بلينكن"}).json()["items"]} == {
        "antony_blinken"}
    a = client.get("/api/actors/antony_blinken").json()
    assert a["name"] == "Antony Blinken" and a["in_kb"] and a["roles"]
    assert a["events_by_type"]["CONSULT"] >= 2
    assert a["counterparts"][0]["id"] == "mohammed_bin_abdulrahman_al_thani"
    assert any(n["text"] == "بلينكن" for n in a["names"])
    assert client.get("/api/actors/no_such_actor_xyz").status_code == 404


def test_network_timeline_stats(client):
    net = client.get("/api/network").json()
    edge = {(e["source"], e["target"]): e for e in net["edges"]}
    key = ("antony_blinken", "mohammed_bin_abdulrahman_al_thani")
    assert edge[key]["weight"] >= 2 and edge[key]["by_type"]["CONSULT"] >= 2
    assert {n["id"] for n in net["nodes"]} >= set(key)
    only = client.get("/api/network", params={"type": "ACCUSE"}).json()
    assert {(e["source"], e["target"]) for e in only["edges"]} >= {("YEM", "houthis")}
    assert key not in {(e["source"], e["target"]) for e in only["edges"]}
    assert client.get("/api/network", params={"date_from": "2025-01-01"}).json()["edges"] == []
    tl = client.get("/api/timeline").json()
    assert {"date": "2024-06-11", "type": "CONSULT", "count": 2} in tl["series"] or any(
        s["date"] == "2024-06-11" and s["count"] >= 2 for s in tl["series"])
    assert tl["undated"] >= 1
    month = client.get("/api/timeline", params={"interval": "month", "type": "ACCUSE"}).json()
    assert any(s["date"] == "2024-02" for s in month["series"])
    st = client.get("/api/stats").json()
    assert st["counts"]["documents"] == 6 and st["events_by_type"]["ACCUSE"] >= 1
    assert "CONSULT" in st["event_types"] and st["writable"] is False


def test_openapi_and_ui(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/documents", "/api/events", "/api/events.csv", "/api/network", "/api/timeline",
                 "/api/stats", "/api/actors", "/api/actors/{actor_id}"):
        assert path in spec["paths"]
    assert "InputDocument" in spec["components"]["schemas"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()
    ui = client.get("/")
    assert ui.status_code == 200 and 'dir="rtl"' in ui.text
    assert "script-src 'self'" in ui.headers["content-security-policy"]
    assert "access-control-allow-origin" not in ui.headers
    for asset in ("/static/app.js", "/static/app.css", "/static/vendor/echarts/echarts.min.js"):
        assert client.get(asset).status_code == 200, asset


def test_parallel_requests(client):
    """Requests on many threads at once: each thread reads through its own cursor."""
    from concurrent.futures import ThreadPoolExecutor

    paths = ["/api/events?limit=5", "/api/network", "/api/timeline", "/api/stats", "/api/actors/antony_blinken",
             "/api/documents/aden-2024-02-03", "/api/events.csv?type=CONSULT"] * 6
    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = list(pool.map(lambda p: client.get(p).status_code, paths))
    assert codes == [200] * len(paths)


# -- bad input: always 4xx, never 500 ---------------------------------------------------------------

BAD_REQUESTS = [
    ("/api/events", {"type": "CONSULT' OR 1=1 --"}),
    ("/api/events", {"type": "X" * 5000}),
    ("/api/events", {"sort": "date; DROP TABLE events"}),
    ("/api/events", {"sort": "record"}),
    ("/api/events", {"order": "sideways"}),
    ("/api/events", {"limit": 501}),
    ("/api/events", {"limit": 0}),
    ("/api/events", {"limit": -1}),
    ("/api/events", {"limit": "ten"}),
    ("/api/events", {"limit": "9" * 40}),
    ("/api/events", {"offset": -5}),
    ("/api/events", {"offset": "1e309"}),
    ("/api/events", {"date_from": "2024-13-01"}),
    ("/api/events", {"date_from": "2024-02-30"}),
    ("/api/events", {"date_to": "yesterday"}),
    ("/api/events", {"date_from": "2024-06-02", "date_to": "2024-06-01"}),
    ("/api/events", {"date_from": "2024-06-01' OR '1'='1"}),
    ("/api/events", {"country": "usa"}),
    ("/api/events", {"country": "USA' --"}),
    ("/api/events", {"status": "maybe"}),
    ("/api/events", {"topic": "../../etc/passwd"}),
    ("/api/events", {"q": "x" * 201}),
    ("/api/events", {"q": ""}),
    ("/api/events", {"actor": "a" * 201}),
    ("/api/events", {"actor": "bad\x00id"}),
    ("/api/events", {"mode": "phone' OR 1=1"}),
    ("/api/events", {"canonical_only": "perhaps"}),
    ("/api/events", {"format": "xml"}),
    ("/api/events", {"type": ",".join(["CONSULT"] * 20 + ["AID"] * 20)}),
    ("/api/events.csv", {"limit": 10**9}),
    ("/api/documents", {"limit": 100000}),
    ("/api/documents", {"date_from": "01/02/2024"}),
    ("/api/actors", {"kind": "planet"}),
    ("/api/actors", {"country": "12"}),
    ("/api/network", {"max_edges": 10**6}),
    ("/api/network", {"min_weight": 0}),
    ("/api/timeline", {"interval": "week"}),
    ("/api/documents/..%2F..%2Fetc%2Fpasswd", {}),
    ("/api/documents/" + "a" * 600, {}),
    ("/api/documents/x%00y", {}),
    ("/api/actors/../../etc/passwd", {}),
    ("/api/actors/%27%20OR%201%3D1%20--", {}),
    ("/api/events/%27;DROP%20TABLE%20events;--", {}),
    ("/api/canonical/" + "c" * 300, {}),
    ("/static/../../pyproject.toml", {}),
    ("/api/no-such-endpoint", {}),
]


@pytest.mark.parametrize(("path", "params"), BAD_REQUESTS)
def test_malformed_requests_get_4xx(client, path, params):
    r = client.get(path, params=params)
    assert 400 <= r.status_code < 500, (path, params, r.status_code, r.text[:200])
    assert "Traceback" not in r.text and "duckdb" not in r.text.lower()
    if r.headers.get("content-type", "").startswith("application/json"):
        assert "error" in r.json()


def test_tables_survive_injection_attempts(client):
    before = client.get("/api/stats").json()["counts"]
    client.get("/api/events", params={"actor": "x'); DROP TABLE events; --"})
    client.get("/api/events", params={"q": "'; DELETE FROM documents; --"})
    assert client.get("/api/events", params={"q": "%"}).json()["total"] == 0  # not a LIKE wildcard
    assert client.get("/api/stats").json()["counts"] == before


# -- writes ---------------------------------------------------------------------------------------------

DOC = {"id": "api-doc-1", "title": "بلينكن في القاهرة", "pub_date": "2024-07-01", "outlet": "اختبار",
       "text": "بلينكن في القاهرة\nالتقى وزير الخارجية الأمريكي أنتوني بلينكن في القاهرة، الاثنين، وزير "
               "الخارجية المصري سامح شكري، وبحثا جهود التهدئة في غزة.\n"}


def test_post_refused_without_configured_token(client):
    r = client.post("/api/documents", json=DOC, headers=AUTH)
    assert r.status_code == 403 and "error" in r.json()


def test_post_needs_the_right_token(writer):
    assert writer.post("/api/documents", json=DOC).status_code == 401
    assert writer.post("/api/documents", json=DOC, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert writer.post("/api/documents", json=DOC, headers={"Authorization": TOKEN}).status_code == 401
    assert writer.get("/api/documents/api-doc-1").status_code == 404


def test_post_ingests(writer):
    r = writer.post("/api/documents", json=DOC, headers=AUTH)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["written"] == 1 and body["documents"][0]["doc_id"] == "api-doc-1"
    doc = writer.get("/api/documents/api-doc-1").json()
    assert doc["pub_date"] == "2024-07-01" and doc["outlet"] == "اختبار"
    assert {"antony_blinken", "sameh_shoukry"} <= {e["id"] for e in doc["entities"]}
    again = writer.post("/api/documents", json=[DOC], headers=AUTH).json()
    assert again["written"] == 0 and again["unchanged"] == 1
    html = {"id": "api-html", "html": "<html><head><title>خبر</title></head><body><article><h1>خبر</h1>"
            "<p>" + "أعلنت الحكومة اليمنية اليوم استئناف المفاوضات في مسقط مع الوسطاء العمانيين. " * 5
            + "</p></article></body></html>"}
    r = writer.post("/api/documents", json=html, headers=AUTH)
    assert r.status_code == 201, r.text
    assert writer.get("/api/stats").json()["counts"]["documents"] == 8


@pytest.mark.parametrize("body", [
    b"{not json",
    b"\xff\xfe\x00",
    b"42",
    b"\"text\"",
    b"[]",
    json.dumps({"text": "no id"}).encode(),
    json.dumps({"id": "x"}).encode(),
    json.dumps({"id": "x", "text": 5}).encode(),
    json.dumps({"id": "x", "text": "نص", "pub_date": "2024-31-01"}).encode(),
    json.dumps({"id": "x", "text": "نص", "title": ["a"]}).encode(),
    json.dumps([{"id": "x", "text": "نص"}, {"id": "x", "text": "نص آخر"}]).encode(),
    json.dumps([{"id": "x", "text": "نص"}, 7]).encode(),
])
def test_post_bad_bodies_get_4xx(writer, body):
    before = writer.get("/api/stats").json()["counts"]["documents"]
    r = writer.post("/api/documents", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert 400 <= r.status_code < 500, r.text
    assert "error" in r.json() and "Traceback" not in r.text
    assert writer.get("/api/stats").json()["counts"]["documents"] == before


def test_post_oversized_body_413(writer):
    big = {"id": "big", "text": "ا" * (70 * 1024)}
    r = writer.post("/api/documents", json=big, headers=AUTH)
    assert r.status_code == 413 and "error" in r.json()

    def chunks():  # no Content-Length: the stream is cut at the limit
        for _ in range(100):
            yield b" " * 1024

    r = writer.post("/api/documents", content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 413
    many = [{"id": f"d{i}", "text": "نص"} for i in range(101)]
    assert writer.post("/api/documents", json=many, headers=AUTH).status_code == 413


def test_token_reads(db_file):
    app = create_app(ServeSettings(db=str(db_file), token=TOKEN, token_reads=True),
                     store=_read_only(db_file))
    with TestClient(app) as c:
        assert c.get("/api/stats").status_code == 401
        assert c.get("/api/events", headers={"Authorization": "Bearer nope"}).status_code == 401
        assert c.get("/api/stats", headers=AUTH).status_code == 200
        assert c.get("/").status_code == 200  # the page loads and asks for the token
        assert c.get("/openapi.json").status_code == 200


def _read_only(db_file: Path):
    from marsad.store import open_store

    return open_store(db_file, read_only=True)
