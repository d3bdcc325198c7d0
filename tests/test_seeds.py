"""The whole pipeline on the five seed pages (read from ../shared, never copied here)."""

import filecmp

from conftest import need_seeds, read_jsonl

from marsad.runner import run
from marsad.store import open_store


def _docs(out):
    return {d["doc_id"]: d for d in read_jsonl(out / "documents.jsonl")}


def _text(doc_id):
    return (need_seeds() / f"{doc_id}.txt").read_text(encoding="utf-8")


def test_five_documents(seed_run):
    docs = _docs(seed_run)
    assert len(docs) == 5
    assert all(d["schema_version"] == 1 and not d["errors"] for d in docs.values())


def test_seed_001_date_and_appended_story(seed_run):
    d = _docs(seed_run)["001_380e3a2f51e7f576"]
    assert d["pub_date"] == "2023-12-24" and d["pub_date_from"] == "text"
    text = _text(d["doc_id"])
    appended = [s for s in d["stories"] if s["kind"] == "appended"]
    assert len(appended) == 1
    body = text[appended[0]["start"] : appended[0]["end"]]
    assert "المينورسو" in body and "دي ميستورا" in body
    assert appended[0]["pub_date"] is None
    main = d["stories"][0]
    assert "المينورسو" not in text[main["start"] : main["end"]]


def test_seed_003_appended_religious_freedom_report(seed_run):
    d = _docs(seed_run)["003_e2a41f3ca05d2b80"]
    text = _text(d["doc_id"])
    appended = [s for s in d["stories"] if s["kind"] == "appended"]
    assert len(appended) == 1
    assert "الحرية الدينية" in text[appended[0]["start"] : appended[0]["end"]]


def _story_content(d, text):
    """Characters of stories less the boilerplate inside them."""
    keep = set()
    for s in d["stories"]:
        keep.update(range(s["start"], s["end"]))
    for b in d["boilerplate"]:
        keep.difference_update(range(b["start"], b["end"]))
    return keep


def test_tags_and_read_also_are_boilerplate(seed_run):
    cues = ("كلمات دلالية", "اقرأ أيضاً", "إقرأ أيضاً", "مقالات مشابهة", "مقالات ذات صلة")
    for doc_id, d in _docs(seed_run).items():
        text = _text(doc_id)
        content = _story_content(d, text)
        for cue in cues:
            pos = text.find(cue)
            while pos != -1:
                assert pos not in content, f"{doc_id}: {cue!r} at {pos} is inside a story"
                assert any(b["start"] <= pos < b["end"] for b in d["boilerplate"])
                pos = text.find(cue, pos + 1)


def test_every_span_slices_the_original_text(seed_run):
    texts = {doc_id: _text(doc_id) for doc_id in _docs(seed_run)}
    for d in read_jsonl(seed_run / "documents.jsonl"):
        text = texts[d["doc_id"]]
        assert d["n_chars"] == len(text)
        for s in d["stories"] + d["boilerplate"]:
            assert 0 <= s["start"] < s["end"] <= len(text)
    for e in read_jsonl(seed_run / "entities.jsonl"):
        for m in e["mentions"]:
            assert texts[e["doc_id"]][m["start"] : m["end"]] == m["text"]
    for f in read_jsonl(seed_run / "figures.jsonl"):
        t = texts[f["doc_id"]]
        for key in ("evidence", "attribution"):
            if f.get(key):
                assert t[f[key]["start"] : f[key]["end"]] == f[key]["text"]
    for ev in read_jsonl(seed_run / "events.jsonl"):
        t = texts[ev["doc_id"]]
        spans = [ev["evidence"], *ev.get("also_evidence", [])]
        spans += [x for x in (ev.get("attribution"), ev.get("location"), ev.get("trigger")) if x]
        for sp in spans:
            if "text" in sp:
                assert t[sp["start"] : sp["end"]] == sp["text"]
        for a in ev["source"] + ev["target"] + ev["participants"]:
            if a.get("start") is not None:
                assert 0 <= a["start"] < a["end"] <= len(t)


def test_running_twice_gives_identical_files_and_rows(tmp_path):
    seeds = need_seeds()
    db = tmp_path / "m.duckdb"
    with open_store(db) as store:
        run([seeds], store, tmp_path / "a")
        first = store.counts()
    with open_store(db) as store:
        summary = run([seeds], store, tmp_path / "b")
        assert store.counts() == first
    assert summary.unchanged == 5 and summary.written == 0
    for name in ("documents", "entities", "events", "figures", "canonical_events"):
        assert filecmp.cmp(tmp_path / "a" / f"{name}.jsonl", tmp_path / "b" / f"{name}.jsonl", shallow=False), name
