"""Ingest while serving: the inbox of ``marsad serve --inbox`` and ``POST /api/documents`` write through the
server while many readers query it.

The live test starts the app with uvicorn on 127.0.0.1 (a free port, in a thread) over a store built from the
example corpus, drops generated Arabic documents into the inbox (``*.part`` then a rename) and posts a few
through the API, while 20 reader threads hit the read endpoints.  Every read must answer 200, every document
must end up stored exactly once, and reads must go on answering while the documents are written.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from marsad.pipeline import Context
from marsad.runner import run
from marsad.serve import ServeSettings, create_app
from marsad.serve.inbox import Inbox
from marsad.serve.writer import StoreWriter
from marsad.store import open_store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "corpus"
TOKEN = "concurrency-token-0123456789"
READERS = 20
READ_SECONDS = 8.0
READ_PATHS = ("/api/events?limit=20", "/api/documents?limit=20", "/api/stats", "/api/timeline",
              "/api/events?type=CONSULT&sort=date", "/api/documents?q=%D8%A7%D9%84%D9%88%D8%B2%D9%8A%D8%B1")

_CITIES = ["القاهرة", "عمّان", "الرياض", "الدوحة", "بيروت", "بغداد", "الرباط", "تونس"]
_PEOPLE = [("وزير الخارجية المصري", "نظيره الأردني"), ("رئيس الوزراء القطري", "المبعوث الأمريكي"),
           ("وزير الخارجية السعودي", "نظيره الفرنسي"), ("الرئيس التونسي", "وفدا من الاتحاد الأوروبي")]


def arabic_document(i: int) -> dict[str, str]:
    """A small generated news item (unique text, so a unique content hash)."""
    city = _CITIES[i % len(_CITIES)]
    who, whom = _PEOPLE[i % len(_PEOPLE)]
    day = 1 + i % 28
    text = (f"{city} - التقى {who}، اليوم الثلاثاء في {city}، {whom} وبحث الجانبان تطورات الأوضاع في المنطقة "
            f"وسبل تعزيز التعاون الثنائي.\nوأفادت مصادر رسمية بأن الاجتماع رقم {i} تناول ملف المساعدات الإنسانية، "
            f"فيما قتل {3 + i % 40} أشخاص وأصيب {10 + i % 17} آخرون في قصف على مدينة قريبة.")
    return {"id": f"gen-{i:04d}", "title": f"لقاء في {city} ({i})", "pub_date": f"2024-07-{day:02d}",
            "outlet": "marsad-test", "text": text}


def _drop(inbox: Path, name: str, data: str) -> None:
    """Write a file the safe way: NAME.part, then an atomic rename."""
    part = inbox / f"{name}.part"
    part.write_text(data, encoding="utf-8")
    os.replace(part, inbox / name)


# -- the inbox on its own -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context()


def _inbox(tmp_path: Path, ctx: Context):
    store = open_store(tmp_path / "marsad.duckdb")
    return store, Inbox(tmp_path / "inbox", StoreWriter(store, ctx), interval=0.05)


def test_inbox_takes_a_file_only_once_it_is_complete(tmp_path: Path, ctx: Context) -> None:
    store, inbox = _inbox(tmp_path, ctx)
    with store:
        d = inbox.dir
        doc = arabic_document(1)
        (d / "a.txt.part").write_text(doc["text"], encoding="utf-8")
        assert inbox.poll() == 0 and inbox.poll() == 0  # still being written: never taken
        os.replace(d / "a.txt.part", d / "a.txt")
        (d / "b.txt").write_text(doc["text"][:40], encoding="utf-8")
        assert inbox.poll() == 0  # seen once: not yet known to be complete
        with (d / "b.txt").open("a", encoding="utf-8") as fh:  # b grows between two polls
            fh.write(doc["text"][40:])
        assert inbox.poll() == 1  # a is stable, b is not
        assert (d / "done" / "a.txt").exists() and (d / "b.txt").exists()
        assert inbox.poll() == 1
        assert (d / "done" / "b.txt").exists()
        assert {r[0] for r in store.query("SELECT doc_id FROM documents")[1]} == {"a", "b"}
        # the same name dropped again: stored again (unchanged), and the done file is kept under a new name
        (d / "a.txt").write_text(doc["text"], encoding="utf-8")
        inbox.poll()
        inbox.poll()
        assert (d / "done" / "a-2.txt").exists()
        assert store.query("SELECT count(*) FROM journal WHERE doc_id = 'a'")[1] == [(2,)]
        assert store.counts()["documents"] == 2


def test_inbox_bad_files_go_to_failed_and_the_thread_goes_on(tmp_path: Path, ctx: Context) -> None:
    store, inbox = _inbox(tmp_path, ctx)
    with store:
        d = inbox.dir
        good, dup = arabic_document(2), arabic_document(3)
        lines = [json.dumps(good, ensure_ascii=False), "{not json", json.dumps(dup, ensure_ascii=False),
                 json.dumps({**dup, "text": dup["text"] + " تحديث"}, ensure_ascii=False)]
        _drop(d, "mixed.jsonl", "\n".join(lines) + "\n")
        _drop(d, "empty.txt", "")
        _drop(d, "report.pdf", "%PDF-1.4")
        _drop(d, "broken.warc.gz", "not gzip at all")
        inbox.start()
        try:
            deadline = time.monotonic() + 10
            while inbox.status.files_failed < 4 and time.monotonic() < deadline:
                time.sleep(0.05)
            _drop(d, "after.txt", arabic_document(4)["text"])  # the thread still takes files
            while inbox.status.files_done < 1 and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            inbox.stop()
        failed = d / "failed"
        for name in ("mixed.jsonl", "empty.txt", "report.pdf", "broken.warc.gz"):
            assert (failed / name).exists(), name
            assert (failed / f"{name}.error.txt").read_text(encoding="utf-8").strip(), name
        assert "malformed JSON" in (failed / "mixed.jsonl.error.txt").read_text(encoding="utf-8")
        assert "3 other document(s)" in (failed / "mixed.jsonl.error.txt").read_text(encoding="utf-8")
        assert "empty" in (failed / "empty.txt.error.txt").read_text(encoding="utf-8")
        assert "unsupported" in (failed / "report.pdf.error.txt").read_text(encoding="utf-8")
        assert (d / "done" / "after.txt").exists()
        ids = {r[0] for r in store.query("SELECT doc_id FROM documents")[1]}
        assert ids == {"gen-0002", "gen-0003", "gen-0003~2", "after"}  # a repeated id is kept, renamed


def test_cached_answers_follow_every_write(tmp_path: Path) -> None:
    db = tmp_path / "marsad.duckdb"
    open_store(db).close()
    app = create_app(ServeSettings(db=str(db), token=TOKEN))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(app) as client:
        assert client.get("/api/stats").json()["counts"]["documents"] == 0
        assert client.get("/api/stats").json()["counts"]["documents"] == 0  # from the cache
        assert client.get("/api/documents/gen-0001").status_code == 404
        assert client.post("/api/documents", json=arabic_document(1), headers=auth).status_code == 201
        assert client.get("/api/stats").json()["counts"]["documents"] == 1
        assert client.get("/api/documents/gen-0001").status_code == 200
        assert client.get("/api/documents").json()["total"] == 1
        r = client.get("/api/stats")
        assert r.headers["x-content-type-options"] == "nosniff"  # cached answers keep the security headers


# -- the live server ------------------------------------------------------------------------------------
@pytest.fixture
def live(tmp_path: Path):
    db = tmp_path / "marsad.duckdb"
    with open_store(db) as store:
        run([EXAMPLES], store)
    inbox = tmp_path / "inbox"
    app = create_app(ServeSettings(db=str(db), token=TOKEN, inbox=str(inbox), inbox_interval=0.25))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}", inbox, app
    finally:
        server.should_exit = True
        thread.join(20)
        sock.close()


def test_ingest_while_serving(live) -> None:
    base, inbox, app = live
    n_files, n_jsonl, per_jsonl, n_posts, per_post = 30, 3, 5, 3, 2
    expected: dict[str, str] = {}  # doc_id -> title
    latencies: list[tuple[float, float]] = []  # (finished at, seconds) of every successful read
    errors: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def reader(k: int) -> None:
        with httpx.Client(base_url=base, timeout=10) as client:
            i = k
            while not stop.is_set():
                path = READ_PATHS[i % len(READ_PATHS)]
                i += 1
                t0 = time.perf_counter()
                try:
                    r = client.get(path)
                    ok = r.status_code == 200
                    msg = f"{path}: {r.status_code} {r.text[:200]}"
                except httpx.HTTPError as exc:
                    ok, msg = False, f"{path}: {type(exc).__name__} {exc}"
                t1 = time.perf_counter()
                with lock:
                    if ok:
                        latencies.append((t1, t1 - t0))
                    else:
                        errors.append(msg)

    def producer() -> None:
        i = 0
        with httpx.Client(base_url=base, timeout=30,
                          headers={"Authorization": f"Bearer {TOKEN}"}) as client:
            for f in range(n_files):
                doc = arabic_document(i)
                i += 1
                expected[f"drop-{f:03d}"] = ""
                _drop(inbox, f"drop-{f:03d}.txt", doc["text"])
                if f % 10 == 9:  # a JSONL file of several documents now and then
                    docs = [arabic_document(i + j) for j in range(per_jsonl)]
                    i += len(docs)
                    expected.update({d["id"]: d["title"] for d in docs})
                    _drop(inbox, f"batch-{f:03d}.jsonl", "".join(json.dumps(d, ensure_ascii=False) + "\n"
                                                                 for d in docs))
                if f % 10 == 4:
                    docs = [arabic_document(i + j) for j in range(per_post)]
                    i += len(docs)
                    r = client.post("/api/documents", json=docs)
                    if r.status_code != 201:
                        with lock:
                            errors.append(f"POST: {r.status_code} {r.text[:200]}")
                    expected.update({d["id"]: d["title"] for d in docs})
                time.sleep(0.1)

    readers = [threading.Thread(target=reader, args=(k,)) for k in range(READERS)]
    t_start = time.perf_counter()
    for t in readers:
        t.start()
    prod = threading.Thread(target=producer)
    prod.start()
    prod.join(30)
    # wait until the inbox is drained (only done/ and failed/ left), readers still running
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(p.is_file() for p in inbox.iterdir()):
        time.sleep(0.05)
    t_drained = time.perf_counter()
    time.sleep(max(0.0, READ_SECONDS - (t_drained - t_start)))
    stop.set()
    for t in readers:
        t.join(20)

    assert not errors, f"{len(errors)} failed requests, e.g. {errors[:3]}"
    assert not any(p.is_file() for p in inbox.iterdir()), "the inbox was not drained in time"
    assert not list((inbox / "failed").iterdir())
    assert len(list((inbox / "done").iterdir())) == n_files + n_files // 10
    assert len(expected) == n_files + n_jsonl * per_jsonl + n_posts * per_post

    lat = sorted(s for _, s in latencies)
    p50, p99 = lat[len(lat) // 2], lat[min(len(lat) - 1, int(len(lat) * 0.99))]
    during = [(t, s) for t, s in latencies if t_start <= t <= t_drained]
    print(f"\n{len(lat)} reads, {len(during)} while ingesting ({t_drained - t_start:.1f} s), "
          f"p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, max {lat[-1] * 1000:.0f} ms, 0 errors")
    # reads kept answering during the ingest: many of them, and never a long silence
    assert len(during) >= 5 * READERS
    ends = sorted(t for t, _ in during)
    assert max(b - a for a, b in zip([t_start, *ends], [*ends, t_drained], strict=True)) < 3.0

    with httpx.Client(base_url=base, timeout=10) as client:
        for doc_id, title in expected.items():
            r = client.get(f"/api/documents/{doc_id}")
            assert r.status_code == 200, doc_id
            if title:
                assert r.json()["title"] == title
        # after an inbox write the previous answer may be served once while the new one is computed
        deadline = time.monotonic() + 5
        while (stats := client.get("/api/stats").json())["inbox"]["files_done"] != n_files + n_files // 10:
            assert time.monotonic() < deadline, stats["inbox"]
            time.sleep(0.05)
    assert stats["inbox"]["files_failed"] == 0 and stats["counts"]["documents"] == len(expected) + 6

    # exactly once: one documents row and one journal entry for every document (none taken twice)
    store = app.state.store
    rows = dict(store.query("SELECT doc_id, count(*) FROM journal WHERE doc_id IN (SELECT unnest(?)) "
                            "GROUP BY 1", [list(expected)])[1])
    assert rows == dict.fromkeys(expected, 1)
    n_docs = store.query("SELECT count(*), count(DISTINCT doc_id) FROM documents")[1][0]
    assert n_docs == (len(expected) + 6, len(expected) + 6)  # the 6 example documents and the new ones
