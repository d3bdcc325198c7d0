"""A GDELT-like flat table: one row per canonical (real-world) event, with how often it was reported.

Column names follow the GDELT 2.0 event table where one exists (``GlobalEventID``, ``SQLDATE``,
``Actor1Code`` … ``NumMentions``, ``NumSources``, ``NumArticles``, ``ActionGeo_FullName``, ``SOURCEURL``);
``EventCode`` holds the PLOVER type instead of a CAMEO code.  Events that merging has not (yet) given a
``canonical_id`` count as their own canonical event.

* ``NumMentions`` — event reports (rows of ``events``) in the cluster;
* ``NumArticles`` — distinct documents reporting it;
* ``NumSources`` — distinct outlets reporting it (a document without an outlet counts as its own source,
  by the host of its URL when it has one).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from marsad.export.plover import EVENT_TYPES

COLUMNS = (
    "GlobalEventID", "SQLDATE", "MonthYear", "Year", "DatePrecision",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code", "Actor1NameAr",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "Actor2NameAr",
    "EventCode", "EventMode", "QuadClass", "Status", "Topics",
    "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_FullName", "ActionGeo_CountryCode",
    "FirstSeen", "SOURCEURL", "SourceDocID",
)
TYPES = {"SQLDATE": "int", "MonthYear": "int", "Year": "int", "QuadClass": "int", "NumMentions": "int",
         "NumSources": "int", "NumArticles": "int"}


def source_key(doc: dict[str, Any]) -> str:
    if doc.get("outlet"):
        return f"outlet:{doc['outlet']}"
    if doc.get("url"):
        return f"host:{urlsplit(doc['url']).netloc.lower()}"
    return f"doc:{doc.get('doc_id')}"


def _date_parts(date: str | None) -> tuple[int | None, int | None, int | None, str]:
    if not date or date.startswith("--"):
        return None, None, None, "none"
    parts = date.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return None, None, year, "year"
    month = year * 100 + int(parts[1])
    if len(parts) == 2:
        return None, month, year, "month"
    return month * 100 + int(parts[2]), month, year, "day"


def _actor(actors: list[dict[str, Any]]) -> dict[str, Any]:
    return actors[0] if actors else {}


def gdelt_rows(events: Iterable[dict[str, Any]], docs: dict[str, dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Rows of the table from event records (any order) and their documents (doc_id → record)."""
    clusters: dict[str, list[dict[str, Any]]] = {}
    for ev in events:
        clusters.setdefault(ev.get("canonical_id") or ev["event_id"], []).append(ev)
    for cid in sorted(clusters):
        mentions = clusters[cid]
        # the representative report: the most confident, then the earliest document
        rep = min(mentions, key=lambda e: (-(e.get("confidence") or 0.0), e["doc_id"], e["event_id"]))
        doc_ids = {e["doc_id"] for e in mentions}
        sources = {source_key(docs.get(d, {"doc_id": d})) for d in doc_ids}
        dates = sorted(e["date"] for e in mentions if e.get("date") and not e["date"].startswith("--"))
        # the most precise date any report gives, the earliest among those
        longest = max((len(d) for d in dates), default=0)
        date = next((d for d in dates if len(d) == longest), None)
        first_doc = min(doc_ids, key=lambda d: ((docs.get(d) or {}).get("pub_date") or "9999", d))
        first = docs.get(first_doc) or {}
        seen = sorted(d for d in ((docs.get(x) or {}).get("pub_date") for x in doc_ids) if d)
        sqldate, month, year, precision = _date_parts(date)
        if date is None and seen:  # no report states a date: the first publication, marked as assumed
            sqldate, month, year, _ = _date_parts(seen[0])
            precision = "pub_date"
        participants = rep.get("participants") or []
        a1 = _actor(rep.get("source") or participants)
        a2 = _actor(rep.get("target") or [p for p in participants if p.get("id") != a1.get("id")])
        loc = rep.get("location") or {}
        yield {
            "GlobalEventID": cid,
            "SQLDATE": sqldate, "MonthYear": month, "Year": year, "DatePrecision": precision,
            "Actor1Code": a1.get("id"), "Actor1Name": a1.get("name"), "Actor1CountryCode": a1.get("country"),
            "Actor1Type1Code": a1.get("sector"), "Actor1NameAr": a1.get("name_ar"),
            "Actor2Code": a2.get("id"), "Actor2Name": a2.get("name"), "Actor2CountryCode": a2.get("country"),
            "Actor2Type1Code": a2.get("sector"), "Actor2NameAr": a2.get("name_ar"),
            "EventCode": rep["event_type"], "EventMode": rep.get("mode"),
            "QuadClass": EVENT_TYPES.get(rep["event_type"], (None,))[0],
            "Status": rep.get("status"), "Topics": ";".join(rep.get("topics") or []),
            "NumMentions": len(mentions), "NumSources": len(sources), "NumArticles": len(doc_ids),
            "ActionGeo_FullName": loc.get("name"), "ActionGeo_CountryCode": loc.get("country"),
            "FirstSeen": seen[0] if seen else None,
            "SOURCEURL": first.get("url") or first.get("source"), "SourceDocID": first_doc,
        }
