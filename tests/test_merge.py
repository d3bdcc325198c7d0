"""Cross-document merging: canonical events (matching, clustering, incremental store merge) and
near-duplicate documents.

The corpora are written here: each real-world event is told several ways, as different outlets would (a
person or only their country, "أمس" the next day or a weekday or an explicit date, talks or phone), beside
hard negatives (the same people two weeks later, the same day with other people, a denied meeting, a
scheduled meeting on another day).  Decided: a scheduled meeting and the later report that it happened on
that day are one event; a denial of a meeting is never the meeting.
"""

from __future__ import annotations

import importlib
import json
import random
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pytest
from conftest import read_jsonl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad import pipeline
from marsad.merge import (
    NearDuplicates,
    canonical_detail,
    conflict,
    list_canonical,
    match,
    mention_from_event,
    merge_events,
    merge_store,
    signature,
    similarity,
)
from marsad.records import Actor, Document, Event, Location, Span, Story
from marsad.runner import run
from marsad.store import open_store

# --- actors ---------------------------------------------------------------------------------------------
_ACTORS = {
    "blinken": ("antony_blinken", "Antony Blinken", "أنتوني بلينكن", "person", "USA"),
    "netanyahu": ("benjamin_netanyahu", "Benjamin Netanyahu", "بنيامين نتنياهو", "person", "ISR"),
    "macron": ("emmanuel_macron", "Emmanuel Macron", "إيمانويل ماكرون", "person", "FRA"),
    "safadi": ("ayman_safadi", "Ayman Safadi", "أيمن الصفدي", "person", "JOR"),
    "shoukry": ("sameh_shoukry", "Sameh Shoukry", "سامح شكري", "person", "EGY"),
    "althani": (
        "mohammed_bin_abdulrahman_al_thani",
        "Mohammed bin Abdulrahman Al Thani",
        "محمد بن عبد الرحمن آل ثاني",
        "person",
        "QAT",
    ),
    "guterres": ("antonio_guterres", "António Guterres", "أنطونيو غوتيريش", "person", "IGO"),
}
_COUNTRIES = {
    "IRN": "إيران",
    "SYR": "سوريا",
    "SAU": "السعودية",
    "YEM": "اليمن",
    "USA": "الولايات المتحدة",
    "ISR": "إسرائيل",
    "FRA": "فرنسا",
    "JOR": "الأردن",
    "EGY": "مصر",
    "QAT": "قطر",
}


def actor(name: str) -> Actor:
    if name in _COUNTRIES:
        return Actor(name, name, _COUNTRIES[name], "country", name, "GOV")
    aid, en, ar, kind, country = _ACTORS[name]
    return Actor(aid, en, ar, kind, country, "GOV")


_n = defaultdict(int)


def report(
    doc: str,
    actors: list[str],
    date: str | None,
    date_from: str,
    mode: str | None = "meeting",
    status: str = "occurred",
    event_type: str = "CONSULT",
    evidence: str = "",
    confidence: float = 0.8,
    location: str | None = None,
    topics: tuple[str, ...] = (),
) -> Event:
    """One event as one document reports it."""
    _n[doc] += 1
    parts = [actor(a) for a in actors]
    loc = None
    if location:
        loc = Location(
            location, location, {"Tel Aviv": "ISR", "Cairo": "EGY", "Amman": "JOR"}[location], 0, 1
        )
    return Event(
        doc_id=doc,
        story_id=f"{doc}#0",
        event_id=f"{doc}#0:e{_n[doc]}",
        event_type=event_type,
        mode=mode,
        plover_mode=None,
        source=parts[:1],
        target=parts[1:],
        participants=parts,
        date=date,
        date_text=None,
        date_from=date_from,
        location=loc,
        status=status,
        contexts=["diplomatic"],
        topics=list(topics),
        attribution=None,
        evidence=Span(0, len(evidence), evidence),
        confidence=confidence,
    )


# doc_id -> (outlet, pub_date)
DOCS: dict[str, tuple[str, str]] = {}
TRUTH: dict[str, str] = {}  # event_id -> label of the real-world event
EVENTS: list[Event] = []


def add(label: str, doc: str, outlet: str, pub: str, *args, **kw) -> None:
    DOCS[doc] = (outlet, pub)
    ev = report(doc, *args, **kw)
    EVENTS.append(ev)
    TRUTH[ev.event_id] = label


# E1: Blinken meets Netanyahu in Tel Aviv on Tuesday 2024-01-09, five ways
add(
    "E1",
    "a-0109",
    "وكالة الشرق",
    "2024-01-09",
    ["blinken", "netanyahu"],
    "2024-01-09",
    "explicit",
    evidence="التقى وزير الخارجية الأمريكي أنتوني بلينكن رئيس الوزراء الإسرائيلي بنيامين نتنياهو في تل أبيب",
    location="Tel Aviv",
    topics=("hostages",),
)
add(
    "E1",
    "b-0110",
    "صحيفة النهار",
    "2024-01-10",
    ["blinken", "ISR"],
    "2024-01-09",
    "relative_day",
    mode="talks",
    evidence="أجرى بلينكن أمس مباحثات مع المسؤولين الإسرائيليين",
    topics=("hostages", "humanitarian_aid"),
)
add(
    "E1",
    "c-0112",
    "موقع الغد",
    "2024-01-12",
    ["USA", "netanyahu"],
    "2024-01-09",
    "relative_weekday",
    evidence="استقبل نتنياهو يوم الثلاثاء الموفد الأمريكي",
    location="Tel Aviv",
)
add(
    "E1",
    "d-0110",
    "قناة المدار",
    "2024-01-10",
    ["blinken", "netanyahu"],
    "2024-01-10",
    "pub_date",
    mode="visit",
    evidence="بلينكن يزور إسرائيل ويلتقي نتنياهو",
)
add(
    "E1",
    "a-0109b",
    "وكالة الشرق",
    "2024-01-09",
    ["blinken", "netanyahu"],
    None,
    "none",
    evidence="لقاء بين بلينكن ونتنياهو تناول ملف المحتجزين",
    confidence=0.95,
)
# … and one naming only Netanyahu: it could be E3 as well, but place and topic say E1 (without the
# cannot-links it would chain E1 and E3 together)
add(
    "E1",
    "e-0109",
    "إذاعة الصباح",
    "2024-01-09",
    ["netanyahu"],
    "2024-01-09",
    "explicit",
    evidence="استقبل نتنياهو في تل أبيب مسؤولا رفيعا لبحث ملف المحتجزين",
    location="Tel Aviv",
    topics=("hostages",),
)
# E2 (hard negative of E1): the same two, two weeks later
add(
    "E2",
    "a-0123",
    "وكالة الشرق",
    "2024-01-23",
    ["blinken", "netanyahu"],
    "2024-01-23",
    "explicit",
    evidence="عاد بلينكن والتقى نتنياهو مجددا",
)
add(
    "E2",
    "b-0124",
    "صحيفة النهار",
    "2024-01-24",
    ["blinken", "netanyahu"],
    "2024-01-23",
    "relative_day",
    evidence="اجتمع بلينكن أمس بنتنياهو في القدس",
)
add(
    "E2",
    "c-0123",
    "موقع الغد",
    "2024-01-23",
    ["USA", "ISR"],
    "2024-01-23",
    "explicit",
    mode="talks",
    evidence="مباحثات أمريكية إسرائيلية جديدة",
)
# E3 (hard negative of E1): the same day, Netanyahu with somebody else
add(
    "E3",
    "a-0109c",
    "وكالة الشرق",
    "2024-01-09",
    ["macron", "netanyahu"],
    "2024-01-09",
    "explicit",
    evidence="استقبل نتنياهو الرئيس الفرنسي إيمانويل ماكرون",
)
add(
    "E3",
    "b-0110b",
    "صحيفة النهار",
    "2024-01-10",
    ["FRA", "ISR"],
    "2024-01-09",
    "relative_day",
    mode="talks",
    evidence="محادثات فرنسية إسرائيلية جرت أمس",
)
add(
    "E3",
    "c-0112b",
    "موقع الغد",
    "2024-01-12",
    ["FRA", "netanyahu"],
    "2024-01-09",
    "relative_weekday",
    evidence="التقى نتنياهو الثلاثاء مسؤولين فرنسيين",
)
# E4: Safadi calls Shoukry on Monday 2024-02-05, four ways (phone or talks)
add(
    "E4",
    "a-0205",
    "وكالة الشرق",
    "2024-02-05",
    ["safadi", "shoukry"],
    "2024-02-05",
    "explicit",
    mode="phone",
    evidence="تلقى وزير الخارجية المصري سامح شكري اتصالا هاتفيا من نظيره الأردني أيمن الصفدي",
)
add(
    "E4",
    "b-0206",
    "صحيفة النهار",
    "2024-02-06",
    ["JOR", "EGY"],
    "2024-02-05",
    "relative_day",
    mode="phone",
    evidence="اتصال هاتفي أمس بين وزيري خارجية الأردن ومصر",
)
add(
    "E4",
    "c-0207",
    "موقع الغد",
    "2024-02-07",
    ["safadi", "EGY"],
    "2024-02-05",
    "relative_weekday",
    mode="talks",
    evidence="بحث الصفدي يوم الاثنين مع الجانب المصري التطورات في غزة",
)
add(
    "E4",
    "d-0205",
    "قناة المدار",
    "2024-02-05",
    ["safadi", "shoukry"],
    None,
    "none",
    mode="talks",
    evidence="الصفدي وشكري يبحثان التهدئة",
)
# E5: Netanyahu meets Al Thani on 2024-03-10 (two reports) …
add(
    "E5",
    "a-0310",
    "وكالة الشرق",
    "2024-03-10",
    ["netanyahu", "althani"],
    "2024-03-10",
    "explicit",
    evidence="التقى نتنياهو رئيس الوزراء القطري",
)
add(
    "E5",
    "b-0311",
    "صحيفة النهار",
    "2024-03-11",
    ["ISR", "althani"],
    "2024-03-10",
    "relative_day",
    evidence="لقاء إسرائيلي قطري جرى أمس",
)
# … D5: and his office denies it (a denial is its own event, never the meeting)
add(
    "D5",
    "c-0311",
    "موقع الغد",
    "2024-03-11",
    ["netanyahu", "althani"],
    "2024-03-10",
    "relative_day",
    status="denied",
    evidence="نفى مكتب نتنياهو أن يكون التقى آل ثاني أمس",
)
add(
    "D5",
    "d-0311",
    "قناة المدار",
    "2024-03-11",
    ["netanyahu", "QAT"],
    "2024-03-10",
    "relative_day",
    status="denied",
    evidence="نفي إسرائيلي لحصول لقاء مع مسؤول قطري",
)
# E6: Blinken and Safadi, announced for Thursday 2024-03-14 and then reported (one event)
add(
    "E6",
    "a-0312",
    "وكالة الشرق",
    "2024-03-12",
    ["blinken", "safadi"],
    "2024-03-14",
    "relative_weekday",
    status="scheduled",
    evidence="يلتقي بلينكن الصفدي الخميس المقبل في عمان",
    location="Amman",
)
add(
    "E6",
    "b-0313",
    "صحيفة النهار",
    "2024-03-13",
    ["USA", "safadi"],
    "2024-03-14",
    "relative_day",
    status="scheduled",
    evidence="يصل الوزير الأمريكي غدا إلى عمان للقاء الصفدي",
)
add(
    "E6",
    "c-0314",
    "موقع الغد",
    "2024-03-14",
    ["blinken", "safadi"],
    "2024-03-14",
    "explicit",
    evidence="التقى الصفدي بلينكن في عمان",
    location="Amman",
)
add(
    "E6",
    "d-0315",
    "قناة المدار",
    "2024-03-15",
    ["blinken", "JOR"],
    "2024-03-14",
    "relative_day",
    evidence="بحث بلينكن أمس في عمان مع المسؤولين الأردنيين",
    mode="talks",
)
# S6 (hard negative): a later meeting of the two announced for another Thursday
add(
    "S6",
    "a-0319",
    "وكالة الشرق",
    "2024-03-19",
    ["blinken", "safadi"],
    "2024-03-21",
    "relative_weekday",
    status="scheduled",
    evidence="لقاء مرتقب بين بلينكن والصفدي الخميس",
)
# E7: Egypt condemns an Israeli strike, 2024-02-20 (an ACCUSE, one report dated by its month only)
add(
    "E7",
    "a-0220",
    "وكالة الشرق",
    "2024-02-20",
    ["EGY", "ISR"],
    "2024-02-20",
    "explicit",
    mode="disapprove",
    event_type="ACCUSE",
    evidence="أدانت مصر بأشد العبارات القصف الإسرائيلي",
)
add(
    "E7",
    "b-0221",
    "صحيفة النهار",
    "2024-02-21",
    ["shoukry", "ISR"],
    "2024-02-20",
    "relative_day",
    mode="disapprove",
    event_type="ACCUSE",
    evidence="ندد شكري أمس بالغارة الإسرائيلية",
)
add(
    "E7",
    "c-0225",
    "موقع الغد",
    "2024-02-25",
    ["EGY", "ISR"],
    "2024-02",
    "explicit",
    mode=None,
    event_type="ACCUSE",
    evidence="الإدانة المصرية للقصف في فبراير",
)
# N7 (hard negative): the same day, Jordan condemns it too
add(
    "N7",
    "a-0220b",
    "وكالة الشرق",
    "2024-02-20",
    ["JOR", "ISR"],
    "2024-02-20",
    "explicit",
    mode="disapprove",
    event_type="ACCUSE",
    evidence="أدان الأردن القصف الإسرائيلي",
)
add(
    "N7",
    "c-0220",
    "موقع الغد",
    "2024-02-20",
    ["safadi", "ISR"],
    "2024-02-20",
    "explicit",
    mode="disapprove",
    event_type="ACCUSE",
    evidence="الصفدي يدين الغارة",
)
# G8: Guterres (an IGO official: no country to stand for him) and Shoukry, a phone call, three ways
add(
    "G8",
    "a-0401",
    "وكالة الشرق",
    "2024-04-01",
    ["guterres", "shoukry"],
    "2024-04-01",
    "explicit",
    mode="phone",
    evidence="تلقى شكري اتصالا من الأمين العام للأمم المتحدة",
)
add(
    "G8",
    "b-0402",
    "صحيفة النهار",
    "2024-04-02",
    ["guterres", "EGY"],
    "2024-04-01",
    "relative_day",
    mode="phone",
    evidence="اتصال أممي مصري أمس",
)
add(
    "G8",
    "c-0401",
    "موقع الغد",
    "2024-04-01",
    ["guterres", "shoukry"],
    "2024-04-01",
    "explicit",
    mode="talks",
    evidence="غوتيريش وشكري يبحثان إدخال المساعدات",
)

DOC_META = {d: {"outlet": o, "pub_date": p} for d, (o, p) in DOCS.items()}


def event_dicts(events: list[Event] | None = None) -> list[dict]:
    out = []
    for ev in events or EVENTS:
        d = ev.as_dict()
        d["outlet"], d["pub_date"] = DOCS[ev.doc_id]
        out.append(d)
    return out


def partition(assignments: dict[str, str]) -> set[frozenset[str]]:
    groups = defaultdict(set)
    for eid, cid in assignments.items():
        groups[cid].add(eid)
    return {frozenset(g) for g in groups.values()}


def pairwise_f1(pred: dict[str, str], truth: dict[str, str]) -> float:
    ids = sorted(truth)
    tp = fp = fn = 0
    for a, b in combinations(ids, 2):
        p, t = pred[a] == pred[b], truth[a] == truth[b]
        tp += p and t
        fp += p and not t
        fn += t and not p
    return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)


# --- matching rules -------------------------------------------------------------------------------------
def _m(*args, pub="2024-01-09", **kw):
    return mention_from_event(report("x", *args, **kw), pub_date=pub)


def test_match_rules():
    base = _m(["blinken", "netanyahu"], "2024-01-09", "explicit", mode="phone")
    assert match(base, _m(["USA", "netanyahu"], "2024-01-09", "explicit", mode="talks")) is not None
    assert match(base, _m(["blinken", "netanyahu"], "2024-01-09", "explicit", mode="meeting")) is None
    assert match(base, _m(["blinken", "netanyahu"], "2024-01-10", "explicit", mode="phone")) is None
    assert match(base, _m(["blinken", "netanyahu"], "2024-01-10", "relative_day", mode="phone")) is not None
    assert match(base, _m(["blinken", "netanyahu"], "2024-01", "explicit", mode="phone")) is not None
    assert match(base, _m(["blinken", "netanyahu"], "2024-02", "explicit", mode="phone")) is None
    # undated: only with everything else agreeing and publication within three days
    assert match(base, _m(["blinken", "netanyahu"], None, "none", mode="phone", pub="2024-01-11")) is not None
    assert match(base, _m(["blinken", "netanyahu"], None, "none", mode="phone", pub="2024-01-15")) is None
    assert match(base, _m(["USA", "ISR"], None, "none", mode="phone", pub="2024-01-09")) is None
    # status
    assert (
        match(base, _m(["blinken", "netanyahu"], "2024-01-09", "explicit", mode="phone", status="denied"))
        is None
    )
    sched = _m(["blinken", "netanyahu"], "2024-01-09", "relative_weekday", mode="phone", status="scheduled")
    assert match(base, sched) is not None
    assert (
        match(base, _m(["blinken", "netanyahu"], "2024-01", "explicit", mode="phone", status="scheduled"))
        is None
    )
    # other people
    assert match(base, _m(["blinken", "macron"], "2024-01-09", "explicit", mode="phone")) is None


# --- clustering -----------------------------------------------------------------------------------------
def test_corpus_clusters_exactly():
    records, assignments = merge_events(event_dicts())
    assert partition(assignments) == partition(TRUTH)
    assert pairwise_f1(assignments, TRUTH) == 1.0
    by_label = {TRUTH[r["mentions"][0]["event_id"]]: r for r in records}
    e1 = by_label["E1"]
    assert e1["date"] == "2024-01-09" and e1["mode"] == "meeting"
    assert e1["num_documents"] == 6 and e1["num_outlets"] == 5  # two documents of one agency
    assert e1["first_seen"] == "2024-01-09"
    assert e1["evidence"]["doc_id"] == "a-0109b"  # the most confident report
    assert {a["id"] for a in e1["participants"]} == {"antony_blinken", "benjamin_netanyahu", "ISR", "USA"}
    assert e1["location"]["name"] == "Tel Aviv" and e1["topics"][0] == "hostages"
    assert by_label["E4"]["mode"] == "phone"
    assert by_label["E7"]["date"] == "2024-02-20"
    assert by_label["E6"]["date"] == "2024-03-14" and by_label["E6"]["num_documents"] == 4
    cid = e1["canonical_id"]
    assert cid.startswith("c:") and all(assignments[m["event_id"]] == cid for m in e1["mentions"])


def test_cannot_links_stop_chains(monkeypatch):
    monkeypatch.setattr(importlib.import_module("marsad.merge.cluster"), "conflict", lambda a, b: False)
    _, assignments = merge_events(event_dicts())
    assert pairwise_f1(assignments, TRUTH) < 1.0  # plain single linkage joins E1 and E3


def test_month_level_report_between_two_meetings_joins_one_only():
    extra = report(
        "m-0131",
        ["blinken", "netanyahu"],
        "2024-01",
        "explicit",
        evidence="التقى بلينكن نتنياهو خلال شهر يناير",
    )
    DOCS["m-0131"] = ("مجلة الشهر", "2024-01-31")
    try:
        dicts = event_dicts([*EVENTS, extra])
        _, assignments = merge_events(dicts)
        _, again = merge_events(dicts[::-1])
    finally:
        del DOCS["m-0131"]
    assert again == assignments
    e1 = {assignments[k] for k, v in TRUTH.items() if v == "E1"}
    e2 = {assignments[k] for k, v in TRUTH.items() if v == "E2"}
    assert len(e1) == 1 and len(e2) == 1 and e1 != e2
    assert assignments[extra.event_id] in e1 | e2


def test_records_accept_event_records_and_doc_metadata():
    records, assignments = merge_events(EVENTS, docs=DOC_META)
    assert partition(assignments) == partition(TRUTH)
    assert {r["canonical_id"] for r in records} == set(assignments.values())


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False))
def test_clustering_does_not_depend_on_input_order(rnd):
    dicts = event_dicts()
    records, assignments = merge_events(dicts)
    rnd.shuffle(dicts)
    records2, assignments2 = merge_events(dicts)
    assert assignments2 == assignments
    key = lambda r: r["canonical_id"]  # noqa: E731
    assert sorted(records2, key=key) == sorted(records, key=key)


def test_canonical_id_is_stable_when_unrelated_documents_arrive():
    _, before = merge_events(event_dicts([e for e in EVENTS if TRUTH[e.event_id] != "E4"]))
    _, after = merge_events(event_dicts())
    assert all(after[k] == v for k, v in before.items())


# --- through the store: incremental merges --------------------------------------------------------------
def _documents(events: list[Event]) -> list[Document]:
    by_doc: dict[str, list[Event]] = defaultdict(list)
    for ev in events:
        by_doc[ev.doc_id].append(ev)
    docs = []
    for doc_id, evs in sorted(by_doc.items()):
        outlet, pub = DOCS[doc_id]
        text = " ".join(e.evidence.text for e in evs)
        docs.append(
            Document(
                doc_id=doc_id,
                text=text,
                source="test",
                outlet=outlet,
                pub_date=pub,
                content_hash=f"h-{doc_id}-{len(evs)}",
                stories=[Story(f"{doc_id}#0", "main", 0, len(text), pub_date=pub)],
                events=evs,
            )
        )
    return docs


def _stored(store) -> tuple[list[dict], dict[str, str]]:
    records = list(store.records("canonical_events"))
    _, rows = store.query("SELECT event_id, canonical_id FROM events")
    return records, dict(rows)


def _full(events: list[Event]) -> tuple[list[dict], dict[str, str]]:
    with open_store(":memory:") as store:
        store.write_batch(_documents(events))
        merge_store(store)
        return _stored(store)


def test_store_merge_matches_truth_and_reads_back():
    with open_store(":memory:") as store:
        store.write_batch(_documents(EVENTS))
        stats = merge_store(store)
        assert stats.full and stats.mentions == len(EVENTS)
        records, assignments = _stored(store)
        assert partition(assignments) == partition(TRUTH)
        listed = list_canonical(store, limit=3)
        assert listed[0]["num_documents"] == 6 and len(listed) == 3
        detail = canonical_detail(store, listed[0]["canonical_id"][:8])
        assert len(detail["reports"]) == 6 and detail["reports"][0]["document"]["outlet"]
        with pytest.raises(KeyError):
            canonical_detail(store, "c:nope")
        assert merge_store(store).mentions == 0  # nothing new: nothing re-clustered


def test_event_records_read_back_carry_the_canonical_id_the_merge_set_in_its_column():
    with open_store(":memory:") as store:
        store.write_batch(_documents(EVENTS))
        _, before = store.query("SELECT event_id, record FROM events")
        merge_store(store)
        _, column = store.query("SELECT event_id, canonical_id FROM events")
        cids = dict(column)
        assert all(cids.values())
        # the merge sets the column and leaves the stored JSON as the pipeline wrote it
        _, after = store.query("SELECT event_id, record FROM events")
        assert dict(after) == dict(before)
        assert all(json.loads(r)["canonical_id"] is None for _, r in after)
        # every read fills it in: records, the canonical event's reports, the CLI's and the API's queries
        read = list(store.records("events"))
        assert {r["event_id"]: r["canonical_id"] for r in read} == cids
        assert read == [{**json.loads(b), "canonical_id": cids[e]} for e, b in sorted(before)]
        one = read[0]
        detail = canonical_detail(store, one["canonical_id"])
        assert {r["event_id"]: r["canonical_id"] for r in detail["reports"]}[one["event_id"]] == one["canonical_id"]
        # a document written again has no canonical id until the next merge, in the column and when read
        doc = next(d for d in _documents(EVENTS) if d.doc_id == one["doc_id"])
        doc.content_hash = "changed"
        store.write_batch([doc])
        assert all(r["canonical_id"] is None for r in store.records("events", [doc.doc_id]))
        merge_store(store)
        assert [r["canonical_id"] for r in store.records("events", [doc.doc_id])] == [
            cids[e.event_id] for e in doc.events]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_incremental_merge_equals_merge_of_everything(rnd):
    docs = sorted(DOCS)
    first = set(rnd.sample(docs, rnd.randrange(1, len(docs))))
    a = [e for e in EVENTS if e.doc_id in first]
    b = [e for e in EVENTS if e.doc_id not in first]
    with open_store(":memory:") as store:
        store.write_batch(_documents(a))
        merge_store(store)
        store.write_batch(_documents(b))
        stats = merge_store(store)
        assert not stats.full and stats.new == len(b)
        got = _stored(store)
    want = _full(EVENTS)
    key = lambda r: r["canonical_id"]  # noqa: E731
    assert got[1] == want[1]
    assert sorted(got[0], key=key) == sorted(want[0], key=key)


def test_incremental_merge_touches_only_affected_regions_and_follows_rewrites():
    with open_store(":memory:") as store:
        store.write_batch(_documents([e for e in EVENTS if TRUTH[e.event_id] != "G8"]))
        merge_store(store)
        g8 = [e for e in EVENTS if TRUTH[e.event_id] == "G8"]
        stats = merge_store_after(store, g8)
        assert stats.mentions == len(g8)  # no other region shares an actor and a date with them
        # a document written again without its event: the event leaves its canonical event
        doc = next(d for d in _documents(EVENTS) if d.doc_id == "b-0110")
        doc.events, doc.content_hash = [], "changed"
        store.write_batch([doc])
        stats = merge_store(store)
        # its region: E1 and E3 (the Netanyahu-only report matches both), nothing else; only the canonical
        # event that lost a report is written again
        assert stats.gone == 1 and stats.mentions == 5 + 3 and stats.canonical == 1
        got = _stored(store)
    want = _full([e for e in EVENTS if e.doc_id != "b-0110"])
    assert got[1] == want[1]
    key = lambda r: r["canonical_id"]  # noqa: E731
    assert sorted(got[0], key=key) == sorted(want[0], key=key)


@pytest.mark.parametrize("size", [1, 2, 5])
def test_merging_the_queue_in_slices_gives_the_records_of_one_slice(monkeypatch, size):
    persist = importlib.import_module("marsad.merge.persist")
    want = _full(EVENTS)
    monkeypatch.setattr(persist, "MERGE_SLICE", size)
    key = lambda r: r["canonical_id"]  # noqa: E731
    assert _sorted(_full(EVENTS), key) == _sorted(want, key)
    with open_store(":memory:") as store:
        half = sorted(DOCS)[::2]
        store.write_batch(_documents([e for e in EVENTS if e.doc_id in half]))
        merge_store(store)
        store.write_batch(_documents([e for e in EVENTS if e.doc_id not in half]))
        assert not merge_store(store).full
        assert _sorted(_stored(store), key) == _sorted(want, key)
        # the merge index as a merge of everything leaves it (what the next merge relies on)
        index = sorted(store.query("SELECT event_id, doc_id, region, cid FROM merge_mentions")[1])
        keys = sorted(store.query("SELECT * FROM merge_keys")[1], key=str)
        # a full merge of a merged store: everything queued again, same records
        stats = merge_store(store, full=True)
        assert stats.full and stats.new == len(EVENTS)
        assert _sorted(_stored(store), key) == _sorted(want, key)
        assert sorted(store.query("SELECT event_id, doc_id, region, cid FROM merge_mentions")[1]) == index
        assert sorted(store.query("SELECT * FROM merge_keys")[1], key=str) == keys
        _, rows = store.query("SELECT count(*) FROM merge_pending")
        assert rows[0][0] == 0


def _sorted(stored, key):
    records, assignments = stored
    return sorted(records, key=key), assignments


def merge_store_after(store, events):
    store.write_batch(_documents(events))
    return merge_store(store)


# --- near-duplicate documents ---------------------------------------------------------------------------
STORY = (
    "أعلنت وزارة الخارجية في بيان صدر صباح اليوم أن الوزير أجرى جولة من المحادثات مع نظيره الزائر تناولت "
    "سبل تثبيت التهدئة على الحدود وتوسيع إدخال المساعدات الإنسانية إلى المناطق المتضررة، وأكد الجانبان "
    "ضرورة الإسراع في إعادة الإعمار وتأمين عودة النازحين إلى قراهم. وأضاف البيان أن الوزيرين اتفقا على "
    "تشكيل لجنة فنية مشتركة تجتمع مرة كل شهر لمتابعة تنفيذ ما جرى التفاهم عليه، وعلى تبادل الزيارات "
    "بين الوفود الرسمية خلال الأسابيع المقبلة. وفي ختام اللقاء وجه الوزير الزائر دعوة لنظيره لحضور "
    "المؤتمر الإقليمي المقرر عقده في الخريف، فيما شدد الطرفان على أهمية التنسيق الدائم بين البلدين."
)
OTHER = (
    "شهدت الأسواق المحلية خلال الأسبوع الماضي ارتفاعا ملحوظا في أسعار الخضار والفواكه بسبب موجة الحر "
    "التي ضربت المنطقة وأثرت على المحاصيل الزراعية، وقال تجار إن الطلب تراجع مع ارتفاع الأسعار، فيما "
    "دعت جمعية حماية المستهلك إلى تشديد الرقابة على المحلات ومنع الاحتكار. وتوقع خبراء أن تعود الأسعار "
    "إلى مستوياتها المعتادة مع بداية الموسم الجديد وتحسن الأحوال الجوية في الأسابيع المقبلة."
)


def perturb(text: str, rnd: random.Random) -> str:
    """A syndicated copy: dateline, byline, tatweel and diacritics, a word changed, a closing line."""
    words = text.split()
    i = rnd.randrange(len(words))
    words[i] = "الرسمي"
    for _ in range(4):
        j = rnd.randrange(len(words))
        w = words[j]
        words[j] = w[:1] + rnd.choice(["\u0640", "\u064e", "\u0651"]) + w[1:]
    return "عمّان - (وكالات) - " + " ".join(words) + " المصدر: وكالة الأنباء."


def test_signature_similarity_of_copies_and_of_another_text():
    rnd = random.Random(3)
    base = signature(STORY)
    for _ in range(10):
        assert similarity(base, signature(perturb(STORY, rnd))) >= 0.7
    assert similarity(base, signature(OTHER)) < 0.2
    # two phrases rewritten: still a near duplicate
    rewrite = STORY.replace("أعلنت وزارة الخارجية", "ذكرت مصادر مطلعة").replace("اتفقا", "لم يتفقا")
    assert similarity(base, signature(rewrite)) > 0.7
    assert signature("قصير جدا") is None


def _doc(doc_id: str, text: str, pub: str = "2024-04-02") -> Document:
    return Document(
        doc_id=doc_id,
        text=text,
        source="test",
        pub_date=pub,
        content_hash=f"h{hash(text)}",
        stories=[Story(f"{doc_id}#0", "main", 0, len(text), pub_date=pub)],
    )


def test_near_duplicates_in_a_run_and_against_the_store():
    rnd = random.Random(5)
    with open_store(":memory:") as store:
        nd = NearDuplicates(store)
        batch = [_doc("orig", STORY), _doc("other", OTHER), _doc("copy1", perturb(STORY, rnd))]
        nd.mark(batch)
        assert [d.near_duplicate_of for d in batch] == [None, None, "orig"]
        store.write_batch(batch)
        # a later run: the stored original is found through the stored bands
        nd2 = NearDuplicates(store)
        later = [_doc("copy2", perturb(STORY, rnd)), _doc("other2", perturb(OTHER, rnd)), _doc("orig", STORY)]
        nd2.mark(later)
        assert [d.near_duplicate_of for d in later] == ["orig", "other", None]


def test_a_full_lsh_bucket_stores_no_more_members_and_copies_still_find_the_original(monkeypatch):
    """A bucket keeps its MAX_CANDIDATES earliest documents: the index stops growing with the copies of a
    much-syndicated story, and every later copy is still marked a near duplicate of the first one."""
    from marsad.merge import neardup as nd_mod

    monkeypatch.setattr(nd_mod, "MAX_CANDIDATES", 3)
    rnd = random.Random(9)
    with open_store(":memory:") as store:
        nd = NearDuplicates(store)
        docs = [_doc("orig", STORY)] + [_doc(f"copy{i}", perturb(STORY, rnd)) for i in range(8)]
        for d in docs:  # one batch each: every copy is looked up in the stored index
            nd.mark([d])
            store.write_batch([d])
        assert [d.near_duplicate_of for d in docs] == [None] + ["orig"] * 8
        _, rows = store.query("SELECT max(n) FROM (SELECT count(*) AS n FROM doc_bands GROUP BY band, h)")
        assert rows[0][0] == 3
        _, rows = store.query("SELECT count(*) FROM doc_signatures")
        assert rows[0][0] == 9


# --- end to end through marsad run ----------------------------------------------------------------------
CALL_A = (
    "عمّان - تلقى وزير الخارجية الأردني أيمن الصفدي اليوم الثلاثاء اتصالا هاتفيا من نظيره المصري سامح "
    "شكري، بحثا خلاله الجهود المبذولة للتوصل إلى وقف دائم لإطلاق النار وإيصال المساعدات الإنسانية إلى "
    "القطاع من دون عوائق، واتفقا على مواصلة التنسيق والتشاور في الأيام المقبلة."
)
CALL_B = (
    "القاهرة - بحث وزير الخارجية سامح شكري مع وزير الخارجية الأردني أيمن الصفدي أمس، في اتصال هاتفي، "
    "مستجدات الأوضاع الإقليمية، وشدد الوزيران على رفض أي تهجير للسكان وعلى أهمية فتح المعابر."
)


def _stub_events(doc: Document, ctx) -> None:
    """Stands in for the event extractor: one CONSULT phone call per text that names both ministers."""
    if "الصفدي" not in doc.text or "شكري" not in doc.text:
        return
    yesterday = "أمس" in doc.text
    date = "2024-04-01" if yesterday else "2024-04-02"
    ev = report(
        doc.doc_id,
        ["safadi", "shoukry"],
        date,
        "relative_day" if yesterday else "relative_weekday",
        mode="phone",
        evidence=doc.text[:60],
    )
    ev.event_id = f"{doc.doc_id}#0:e0"
    doc.events = [ev]


def test_run_end_to_end(tmp_path, monkeypatch):
    stages = [s for s in pipeline.STAGES if "events" not in s.assigns]
    monkeypatch.setattr(
        pipeline, "STAGES", [*stages, pipeline.Stage("events", _stub_events, ("stories",), ("events",))]
    )
    copy = "عمّان (بترا) - " + CALL_A.replace("اليوم الثلاثاء", "الثلاثاء").replace("عمّان - ", "") + " ـ انتهى"
    rows = [
        {"id": "petra-1", "text": CALL_A, "pub_date": "2024-04-02", "outlet": "بترا"},
        {"id": "ahram-1", "text": CALL_B, "pub_date": "2024-04-02", "url": "https://www.ahram.example/a/1"},
        {"id": "copy-1", "text": copy, "pub_date": "2024-04-02"},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    with open_store(tmp_path / "m.duckdb") as store:
        run([src], store, out)
    docs = {d["doc_id"]: d for d in read_jsonl(out / "documents.jsonl")}
    assert {k: d["near_duplicate_of"] for k, d in docs.items()} == {
        "petra-1": None,
        "ahram-1": None,
        "copy-1": "petra-1",
    }
    (canon,) = read_jsonl(out / "canonical_events.jsonl")
    assert canon["num_documents"] == 3 and canon["num_outlets"] == 2  # the copy is not another outlet
    assert canon["mode"] == "phone" and canon["date"] == "2024-04-02"  # a weekday beats a relative day
    events = read_jsonl(out / "events.jsonl")
    assert len(events) == 3 and {e["canonical_id"] for e in events} == {canon["canonical_id"]}
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with open_store(tmp_path / "m.duckdb") as store:  # the same input again: the same files
        run([src], store, out)
        assert store.counts()["canonical_events"] == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_merging_as_the_run_goes_gives_the_records_of_one_merge_at_the_end(tmp_path, monkeypatch):
    """``marsad run`` merges every MERGE_EVERY documents (bounded memory); the output is the same."""
    from conftest import EXAMPLES, SEEDS

    from marsad import runner
    from marsad.store import open_store

    inputs = [p for p in (SEEDS, EXAMPLES) if p.is_dir()]
    outs = []
    for every in (10**9, 1, 3):
        monkeypatch.setattr(runner, "BATCH", 2)
        monkeypatch.setattr(runner, "MERGE_EVERY", every)
        out = tmp_path / f"every{every}"
        with open_store(out / "marsad.duckdb") as store:
            runner.run(inputs, store, out)
        outs.append({name: (out / f"{name}.jsonl").read_text(encoding="utf-8")
                     for name in ("documents", "events", "canonical_events")})
    assert outs[0]["events"].count("\n") > 10
    assert outs[1] == outs[0] and outs[2] == outs[0]


# -- a date for every real-world event (issue 21) ------------------------------------------------------

def _dated_event(eid: str, doc: str, date: str | None, pub: str | None) -> dict:
    return {"event_id": eid, "doc_id": doc, "event_type": "CONSULT", "mode": "phone", "date": date,
            "date_from": "explicit" if date else "none", "status": "occurred", "pub_date": pub,
            "participants": [{"id": "USA", "kind": "country"}, {"id": "QAT", "kind": "country"}],
            "source": [], "target": [], "evidence": {"text": eid, "start": 0, "end": 1}, "confidence": 0.5,
            "topics": []}


def test_a_canonical_event_takes_the_stated_date_else_the_first_publication_marked_assumed():
    from marsad.merge.canonical import build_record
    from marsad.merge.mention import mention_from_event

    stated = build_record([mention_from_event(_dated_event("a#0:e1", "a", None, "2018-05-09")),
                           mention_from_event(_dated_event("b#0:e1", "b", "2018-05-07", "2018-05-08"))])
    assert (stated["date"], stated["date_from"]) == ("2018-05-07", "text")
    assumed = build_record([mention_from_event(_dated_event("a#0:e1", "a", None, "2018-05-09")),
                            mention_from_event(_dated_event("b#0:e1", "b", None, "2018-05-08"))])
    assert (assumed["date"], assumed["date_from"]) == ("2018-05-08", "pub_date")
    unknown = build_record([mention_from_event(_dated_event("a#0:e1", "a", None, None))])
    assert (unknown["date"], unknown["date_from"]) == (None, None)


# --- issue 21: copies, dates of different precision, a country and its state, direction, chains ----------
def _ev(eid: str, etype: str, src: list[str], tgt: list[str], date: str | None, date_from: str = "explicit",
        evidence: str = "", status: str = "occurred", **extra) -> dict:
    doc = eid.split("#")[0]
    return {"event_id": eid, "doc_id": doc, "story_id": doc + "#0", "event_type": etype, "mode": None,
            "status": status, "date": date, "date_from": date_from, "source": [actor(a).as_dict() for a in src],
            "target": [actor(a).as_dict() for a in tgt], "evidence": {"text": evidence}, **extra}


STRIKE = "شنت طائرات حربية غارات على مواقع عسكرية في ريف دمشق فجر اليوم"


def test_a_copys_events_join_their_originals_dated_or_not():
    # the copy, published a day later, reads "اليوم" as another day and names no one the original names
    orig = _ev("o#0:e1", "ASSAULT", ["ISR"], ["SYR"], "2024-01-09", "relative_day", STRIKE, pub_date="2024-01-09")
    copy = _ev("c#0:e1", "ASSAULT", [], [], "2024-01-10", "relative_day", STRIKE + " الثلاثاء",
               pub_date="2024-01-10", near_duplicate_of="o")
    other = _ev("c#0:e2", "ASSAULT", [], [], None, "none", "انفجرت سيارة مفخخة في حي سكني", pub_date="2024-01-10",
                near_duplicate_of="o")
    _, a = merge_events([orig, copy, other])
    assert a["o#0:e1"] == a["c#0:e1"] != a["c#0:e2"]  # the copy's other event is told in other words


def _chain_events() -> list[dict]:
    """A page (o), a copy of it (c1) whose edit dropped the strike, and a copy of that copy (c2), published
    two days later (its "اليوم" is another day) and naming no party: only the chain ties c2 to o."""
    return [
        _ev("o#0:e1", "ASSAULT", ["ISR"], ["SYR"], "2024-01-09", "relative_day", STRIKE, pub_date="2024-01-09"),
        _ev("c1#0:e1", "ACCUSE", ["SYR"], ["ISR"], "2024-01-09", "relative_day", "اتهمت دمشق تل أبيب",
            pub_date="2024-01-09", near_duplicate_of="o"),
        _ev("c2#0:e1", "ASSAULT", [], [], "2024-01-11", "relative_day", STRIKE + " الخميس", pub_date="2024-01-11",
            near_duplicate_of="c1"),
    ]


def _chain_documents() -> list[Document]:
    docs = []
    for d in _chain_events():
        ev = Event(doc_id=d["doc_id"], story_id=d["story_id"], event_id=d["event_id"], event_type=d["event_type"],
                   mode=None, plover_mode=None, source=[actor(a["id"]) for a in d["source"]],
                   target=[actor(a["id"]) for a in d["target"]], participants=[], date=d["date"], date_text=None,
                   date_from=d["date_from"], location=None, status="occurred", contexts=[], topics=[],
                   attribution=None, evidence=Span(0, len(d["evidence"]["text"]), d["evidence"]["text"]),
                   confidence=0.8)
        text = d["evidence"]["text"]
        docs.append(Document(doc_id=d["doc_id"], text=text, source="test", pub_date=d["pub_date"],
                             content_hash="h-" + d["doc_id"], near_duplicate_of=d.get("near_duplicate_of"),
                             stories=[Story(d["story_id"], "main", 0, len(text), pub_date=d["pub_date"])],
                             events=[ev]))
    return docs


def test_kinds_of_sanction_retreat_and_coerce_are_different_acts():
    # the same day, the same party: withdrawing from the agreement and re-imposing sanctions are two acts
    withdraw = _ev("a#0:e1", "SANCTION", ["USA"], ["IRN"], "2018-05-08", mode="withdraw")
    withdraw2 = _ev("b#0:e1", "SANCTION", ["USA"], ["IRN"], "2018-05-08", mode="withdraw")
    sanctions = _ev("c#0:e1", "SANCTION", ["USA"], ["IRN"], "2018-05-08", mode="discontinue")
    imposed = _ev("d#0:e1", "SANCTION", ["USA"], ["IRN"], "2018-05-08", mode=None)
    ms = {e["event_id"]: mention_from_event(e) for e in (withdraw, withdraw2, sanctions, imposed)}
    assert match(ms["a#0:e1"], ms["b#0:e1"]) is not None
    assert match(ms["a#0:e1"], ms["c#0:e1"]) is None and conflict(ms["a#0:e1"], ms["c#0:e1"])
    assert match(ms["a#0:e1"], ms["d#0:e1"]) is None and conflict(ms["d#0:e1"], ms["a#0:e1"])
    # the mode of an assault is how it was told: air strikes and missiles of one night are one act
    air = mention_from_event(_ev("e#0:e1", "ASSAULT", ["ISR"], ["SYR"], "2018-05-10", mode="aerial"))
    missiles = mention_from_event(_ev("f#0:e1", "ASSAULT", ["ISR"], ["SYR"], "2018-05-10", mode="heavy-weapons"))
    assert match(air, missiles) is not None


def test_undated_reports_naming_one_party_need_words_in_common():
    said = "وقال ترامب إن إيران تواصل أنشطتها المزعزعة للاستقرار في المنطقة"
    other = "وأشار التقرير إلى أن طهران رفعت إنتاجها من النفط خلال الشهر الماضي"
    a = mention_from_event(_ev("a#0:e1", "ASSAULT", ["IRN"], [], None, "none", said), pub_date="2018-05-08")
    b = mention_from_event(_ev("b#0:e1", "ASSAULT", ["IRN"], [], None, "none", other), pub_date="2018-05-09")
    c = mention_from_event(_ev("c#0:e1", "ASSAULT", ["IRN"], [], None, "none", said + " كلها"),
                           pub_date="2018-05-09")
    assert match(a, b) is None and match(a, c) is not None
    # two parties, or a stated date, are enough as before
    d = mention_from_event(_ev("d#0:e1", "ASSAULT", ["IRN"], ["ISR"], None, "none", said), pub_date="2018-05-08")
    e = mention_from_event(_ev("e#0:e1", "ASSAULT", ["IRN"], ["ISR"], None, "none", other), pub_date="2018-05-09")
    assert match(d, e) is not None


def test_a_copy_of_a_copy_joins_the_first_pages_events():
    evs = _chain_events()
    _, a = merge_events(evs)
    assert a["o#0:e1"] == a["c2#0:e1"] != a["c1#0:e1"]
    # the documents' facts given apart from the events
    docs = {e["doc_id"]: {"pub_date": e.pop("pub_date"), "near_duplicate_of": e.pop("near_duplicate_of", None)}
            for e in evs}
    assert merge_events(evs, docs)[1] == a
    # through the store: all at once, and one document at a time in every order (a copy may be stored
    # before the page it copies: the link is the document's, the merge follows it when it comes)
    want = _full_docs(_chain_documents())
    assert want[1]["o#0:e1"] == want[1]["c2#0:e1"] != want[1]["c1#0:e1"]
    key = lambda r: r["canonical_id"]  # noqa: E731
    for order in ([0, 1, 2], [2, 1, 0], [1, 2, 0], [0, 2, 1]):
        docs = _chain_documents()
        with open_store(":memory:") as store:
            for i in order:
                store.write_batch([docs[i]])
                merge_store(store)
            assert _sorted(_stored(store), key) == _sorted(want, key), order


def _full_docs(docs: list[Document]) -> tuple[list[dict], dict[str, str]]:
    with open_store(":memory:") as store:
        store.write_batch(docs)
        merge_store(store)
        return _stored(store)


def test_dates_of_different_precision_and_a_country_for_its_government():
    base = mention_from_event(_ev("a#0:e1", "SANCTION", ["USA"], ["IRN"], "2024-05-08"), pub_date="2024-05-08")
    month = mention_from_event(_ev("b#0:e1", "SANCTION", ["USA"], ["IRN"], "2024-05"), pub_date="2024-05-09")
    assert match(base, month) is not None
    # undated: the president for his country, the same target
    undated = mention_from_event(_ev("c#0:e1", "SANCTION", ["blinken"], ["IRN"], None, "none"), pub_date="2024-05-08")
    assert match(base, undated) is not None
    # an undated report of an act tells of the days before it was published, not of a later act
    later = mention_from_event(_ev("d#0:e1", "SANCTION", ["USA"], ["IRN"], "2024-05-12"), pub_date="2024-05-12")
    assert match(later, undated) is None and conflict(later, undated)


def test_a_party_that_is_not_the_state_is_not_its_country():
    houthis = {"id": "houthis", "name": "Houthis", "name_ar": "الحوثيون", "kind": "organization",
               "country": "YEM", "sector": "REB"}
    rebels = mention_from_event({**_ev("a#0:e1", "ASSAULT", [], ["SAU"], "2024-05-08"), "source": [houthis]})
    state = mention_from_event(_ev("b#0:e1", "ASSAULT", ["YEM"], ["SAU"], "2024-05-08"))
    assert rebels.codes == {"houthis", "SAU"} and match(rebels, state) is None


def test_the_other_sides_act_is_another_event():
    strike = mention_from_event(_ev("a#0:e1", "ASSAULT", ["ISR"], ["IRN"], "2024-05-10"))
    answer = mention_from_event(_ev("b#0:e1", "ASSAULT", ["IRN"], ["ISR"], "2024-05-10"))
    same = mention_from_event(_ev("c#0:e1", "ASSAULT", ["ISR"], ["SYR"], "2024-05-10"))
    assert match(strike, answer) is None and conflict(strike, answer)
    assert match(strike, same) is not None  # one side's strikes: the target told as Iran or as Syria
    # the author of one is only the target of the other (its own target untold): the other side's act
    threat = mention_from_event(_ev("d#0:e1", "THREATEN", ["USA"], ["IRN"], "2024-05-10"))
    reply = mention_from_event(_ev("e#0:e1", "THREATEN", ["IRN"], [], "2024-05-10"))
    retold = mention_from_event(_ev("f#0:e1", "THREATEN", ["USA"], [], "2024-05-10"))
    assert match(threat, reply) is None and conflict(threat, reply) and conflict(reply, threat)
    assert match(threat, retold) is not None


def test_a_cluster_chains_no_further_than_one_day_all_its_reports_allow():
    # undated reports published day after day: each pair is close, the chain is not one event (of an act that
    # is no statement: an undated statement is of its publication day or the day before)
    evs = [_ev(f"d{k}#0:e1", "COOPERATE", ["safadi", "shoukry"], [], None, "none",
               pub_date=f"2024-03-{1 + 3 * k:02d}") for k in range(4)]
    _, a = merge_events(evs)
    assert a["d0#0:e1"] == a["d1#0:e1"] and a["d0#0:e1"] != a["d3#0:e1"]


SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "seeds"


def _perturbed_copies(text: str, free: list[int], k: int) -> str:
    paras = text.split("\n")
    i = free[-1 - k % len(free)]  # from the end: the lead and the dateline stay as they are
    paras[i] = "وأضاف المصدر أن الاتصالات ستتواصل خلال الأيام المقبلة لمتابعة ما تم الاتفاق عليه بين الجانبين."
    return "\n".join(paras)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed corpus is not beside the repository")
def test_three_perturbed_copies_of_each_seed_page_share_its_consult_events(tmp_path):
    """Three copies of each seed page, one paragraph changed in each and no publication date given (a page
    may state its own): every CONSULT
    canonical event has all three copies of one page, and different pages never share one."""
    rows, page_of = [], {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = pipeline.analyze(text, doc_id=path.stem)
        told = [(e.evidence.start, e.evidence.end) for e in doc.events]
        starts, pos = [], 0
        for line in text.split("\n"):
            starts.append((pos, pos + len(line)))
            pos += len(line) + 1
        # a paragraph of the article's text: not one an event is told in, and not page furniture (a copy
        # whose tags line is replaced by a sentence is another page layout: the story after it starts
        # elsewhere and its headline is read as body text)
        furniture = [(b.start, b.end) for b in doc.boilerplate]
        free = [i for i, (s, e) in enumerate(starts) if e - s > 40 and i > 0
                and not any(s < te and ts < e for ts, te in told + furniture)]
        assert free, path.stem
        for k in range(3):
            did = f"{path.stem}-copy{k}"
            rows.append({"id": did, "text": _perturbed_copies(text, free, k)})
            page_of[did] = path.stem
    src = tmp_path / "copies.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    with open_store(tmp_path / "c.duckdb") as store:
        run([src], store, out)
    canon = read_jsonl(out / "canonical_events.jsonl")
    consult = [c for c in canon if c["event_type"] == "CONSULT"]
    assert consult
    for c in canon:
        pages = {page_of[m["doc_id"]] for m in c["mentions"]}
        assert len(pages) == 1, c["canonical_id"]  # different pages never share one
    for c in consult:
        (page,) = {page_of[m["doc_id"]] for m in c["mentions"]}
        assert {m["doc_id"] for m in c["mentions"]} == {f"{page}-copy{k}" for k in range(3)}, c["evidence"]


def test_an_undated_report_is_not_an_act_dated_after_its_publication_day():
    # an undated report of a strike published on the 8th tells of a strike by the 8th, not of the next day's
    undated = _ev("a#0:e1", "ASSAULT", ["ISR"], ["SYR"], None, "none", pub_date="2024-05-08")
    ninth = _ev("b#0:e1", "ASSAULT", ["ISR"], ["SYR"], "2024-05-09", pub_date="2024-05-09")
    _, a = merge_events([undated, ninth])
    assert a["a#0:e1"] != a["b#0:e1"]


def test_a_strike_told_as_a_night_meets_the_next_days_date():
    # "ليل الأربعاء" (the 9th) and "فجر الخميس" (the 10th) of one night's strikes
    night = _ev("c#0:e1", "ASSAULT", ["ISR"], ["SYR"], "2024-05-09", "relative_weekday", pub_date="2024-05-10",
                date_text="ليل الأربعاء")
    dawn = _ev("d#0:e1", "ASSAULT", ["ISR"], ["SYR"], "2024-05-10", "relative_weekday", pub_date="2024-05-10",
               date_text="فجر الخميس")
    _, a = merge_events([night, dawn])
    assert a["c#0:e1"] == a["d#0:e1"]
    _, a = merge_events([{**night, "date_text": "الأربعاء"}, dawn])
    assert a["c#0:e1"] != a["d#0:e1"]


def test_an_undated_statement_is_of_its_publication_day_or_the_day_before():
    # Israel accusing Iran in a report of the 8th and in an undated one of the 10th: two statements
    first = _ev("a#0:e1", "ACCUSE", ["ISR"], ["IRN"], None, "none", pub_date="2024-05-08")
    later = _ev("b#0:e1", "ACCUSE", ["ISR"], ["IRN"], None, "none", pub_date="2024-05-10")
    _, a = merge_events([first, later])
    assert a["a#0:e1"] != a["b#0:e1"]
    # … and so is an attack (a strike told undated on the 10th is not the 8th's); an arrest told undated on the
    # 10th may be the one of the 8th
    for etype, same in (("ASSAULT", False), ("COERCE", True)):
        act = _ev("c#0:e1", etype, ["ISR"], ["SYR"], "2024-05-08", pub_date="2024-05-08")
        told = _ev("d#0:e1", etype, ["ISR"], ["SYR"], None, "none", pub_date="2024-05-10")
        _, a = merge_events([act, told])
        assert (a["c#0:e1"] == a["d#0:e1"]) is same


def test_one_sides_statements_of_a_day_told_in_other_words_are_two():
    # Israel backing the decision, told twice, and Israel's promises named in another speech: one party each
    back = _ev("a#0:e1", "AGREE", ["ISR"], [], "2024-05-08", evidence="أكد نتنياهو أن بلاده ملتزمة بدعم القرار")
    again = _ev("b#0:e1", "AGREE", ["netanyahu"], [], "2024-05-08", evidence="قال نتنياهو إن بلاده ملتزمة بدعم القرار كاملا")
    other = _ev("c#0:e1", "AGREE", ["ISR"], [], "2024-05-08", evidence="اليوم لدينا أدلة دامغة على أن الوعود كانت كاذبة")
    _, a = merge_events([back, again, other])
    assert a["a#0:e1"] == a["b#0:e1"] != a["c#0:e1"]
