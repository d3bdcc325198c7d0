"""Read queries of the HTTP API over a :class:`marsad.store.Store`.

Every function takes the store and validated arguments and returns plain JSON-ready data.  All values
reach DuckDB as parameters; the only SQL text built from input is chosen from fixed whitelists
(:data:`SORT_COLUMNS`), never copied from a request.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from marsad.store import Store, event_record

EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
STATUSES = ("occurred", "scheduled", "planned", "denied", "hypothetical")
ACTOR_KINDS = ("person", "organization", "country", "place")

# sort key of the API -> SQL expression (fixed text, never built from input)
SORT_COLUMNS: dict[str, str] = {
    "date": "e.date",
    "type": "e.event_type",
    "mode": "e.mode",
    "status": "e.status",
    "doc_id": "e.doc_id",
    "event_id": "e.event_id",
    "pub_date": "d.pub_date",
    "outlet": "d.outlet",
    "confidence": "TRY_CAST(json_extract_string(e.record, '$.confidence') AS DOUBLE)",
}


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What an event list, the timeline and the network are restricted to (already validated)."""

    types: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    actor: str | None = None
    country: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    topic: str | None = None
    q: str | None = None
    doc_id: str | None = None
    canonical_only: bool = False

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause over ``events e`` (joined with ``documents d``) and its parameters."""
        parts: list[str] = []
        params: list[Any] = []
        if self.types:
            parts.append("e.event_type IN (SELECT unnest(?))")
            params.append(list(self.types))
        if self.modes:
            parts.append("e.mode IN (SELECT unnest(?))")
            params.append(list(self.modes))
        if self.statuses:
            parts.append("e.status IN (SELECT unnest(?))")
            params.append(list(self.statuses))
        if self.actor:
            parts.append("EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.event_id AND a.actor_id = ?)")
            params.append(self.actor)
        if self.country:
            parts.append("(EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.event_id AND a.country = ?)"
                         " OR json_extract_string(e.record, '$.location.country') = ?)")
            params += [self.country, self.country]
        if self.date_from:
            parts.append("coalesce(e.date, c.date) >= ?")
            params.append(self.date_from)
        if self.date_to:
            parts.append("left(coalesce(e.date, c.date), 10) <= ?")
            params.append(self.date_to)
        if self.topic:
            parts.append("json_contains(json_extract(e.record, '$.topics'), to_json(?::VARCHAR))")
            params.append(self.topic)
        if self.q:
            parts.append("(strpos(lower(coalesce(e.evidence, '')), lower(?)) > 0"
                         " OR strpos(lower(coalesce(d.title, '')), lower(?)) > 0"
                         " OR strpos(lower(CAST(json_extract(e.record, '$.participants') AS VARCHAR)), lower(?)) > 0)")
            params += [self.q, self.q, self.q]
        if self.doc_id:
            parts.append("e.doc_id = ?")
            params.append(self.doc_id)
        if self.canonical_only:
            # one report per real-world event: the first (by event_id) of each canonical event
            parts.append("(e.canonical_id IS NULL OR e.event_id = "
                         "(SELECT min(e2.event_id) FROM events e2 WHERE e2.canonical_id = e.canonical_id))")
        return (" WHERE " + " AND ".join(parts)) if parts else "", params


_EVENT_FROM = (" FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id"
               " LEFT JOIN canonical_events c ON c.canonical_id = e.canonical_id")
_EVENT_COLS = (f"{event_record('e')}, d.title, d.outlet, d.url, d.pub_date, c.date, "
               "json_extract_string(c.record, '$.date_from')")
# an event's day on the timeline: the one its text states, else its real-world event's (stated by another
# report, or assumed from the first publication: ``date_from`` "pub_date")
_FULL = "(length({0}) = 10 AND {0} NOT LIKE '-%')"
_DAY = (f"CASE WHEN {_FULL.format('e.date')} THEN e.date WHEN {_FULL.format('c.date')} THEN c.date END")
_ASSUMED = (f"CASE WHEN {_FULL.format('e.date')} THEN 0 WHEN json_extract_string(c.record, '$.date_from') = "
            "'pub_date' THEN 1 ELSE 0 END")


def _event_item(row: tuple) -> dict[str, Any]:
    rec = json.loads(row[0])
    rec["document"] = {"title": row[1], "outlet": row[2], "url": row[3], "pub_date": row[4]}
    # the date of the real-world event it reports, and whether that date is stated or assumed
    rec["event_date"] = {"date": row[5], "from": row[6]} if len(row) > 6 and row[5] else None
    return rec


def list_events(store: Store, f: EventFilter, limit: int, offset: int, sort: str = "date",
                order: str = "desc") -> dict[str, Any]:
    where, params = f.where()
    cur = store.cursor()
    total = cur.execute("SELECT count(*)" + _EVENT_FROM + where, params).fetchone()[0]
    items = [_event_item(r) for r in _event_rows(store, f, limit, offset, sort, order)]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _event_rows(store: Store, f: EventFilter, limit: int, offset: int, sort: str, order: str) -> list[tuple]:
    where, params = f.where()
    col = SORT_COLUMNS[sort]
    direction = "DESC" if order == "desc" else "ASC"
    sql = (f"SELECT {_EVENT_COLS}{_EVENT_FROM}{where} ORDER BY {col} {direction} NULLS LAST, e.event_id "
           "LIMIT ? OFFSET ?")
    return store.cursor().execute(sql, [*params, limit, offset]).fetchall()


def iter_events(store: Store, f: EventFilter, limit: int, offset: int, sort: str = "date",
                order: str = "desc") -> Iterator[dict[str, Any]]:
    """The filtered events for a download (bounded by ``limit``)."""
    for row in _event_rows(store, f, limit, offset, sort, order):
        yield _event_item(row)


CSV_COLUMNS = ("event_id", "canonical_id", "doc_id", "story_id", "event_type", "mode", "plover_mode", "status",
               "date", "date_text", "date_from", "source", "target", "participants", "location", "location_country",
               "topics", "contexts", "confidence", "evidence", "outlet", "title", "url", "pub_date")
_TEXT_COLUMNS = {"date_text", "source", "target", "participants", "location", "evidence", "outlet", "title", "url"}


def csv_row(rec: dict[str, Any]) -> list[Any]:
    """One flat CSV row of an event (actor lists as ``id|id``; text cells guarded against formula injection)."""
    doc = rec.get("document") or {}
    loc = rec.get("location") or {}

    def ids(key: str) -> str:
        return "|".join(str(a.get("id", "")) for a in rec.get(key) or [])

    values = {
        **{k: rec.get(k) for k in ("event_id", "canonical_id", "doc_id", "story_id", "event_type", "mode",
                                   "plover_mode", "status", "date", "date_text", "date_from", "confidence")},
        "source": ids("source"), "target": ids("target"), "participants": ids("participants"),
        "location": loc.get("name"), "location_country": loc.get("country"),
        "topics": "|".join(rec.get("topics") or []), "contexts": "|".join(rec.get("contexts") or []),
        "evidence": (rec.get("evidence") or {}).get("text"),
        "outlet": doc.get("outlet"), "title": doc.get("title"), "url": doc.get("url"),
        "pub_date": doc.get("pub_date"),
    }
    row = []
    for col in CSV_COLUMNS:
        v = values.get(col)
        if v is None:
            v = ""
        elif col in _TEXT_COLUMNS and isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
            v = "'" + v  # a spreadsheet would run it as a formula
        row.append(v)
    return row


def get_event(store: Store, event_id: str) -> dict[str, Any] | None:
    row = store.cursor().execute(f"SELECT {_EVENT_COLS}{_EVENT_FROM} WHERE e.event_id = ?", [event_id]).fetchone()
    if row is None:
        return None
    rec = _event_item(row)
    cid = rec.get("canonical_id")
    rec["canonical"] = get_canonical_record(store, cid) if cid else None
    rec["other_reports"] = []
    if cid:
        rows = store.cursor().execute(
            f"SELECT {_EVENT_COLS}{_EVENT_FROM} WHERE e.canonical_id = ? AND e.event_id <> ? ORDER BY e.event_id",
            [cid, event_id]).fetchall()
        rec["other_reports"] = [_summary(_event_item(r)) for r in rows]
    return rec


def _summary(ev: dict[str, Any]) -> dict[str, Any]:
    keys = ("event_id", "doc_id", "event_type", "mode", "date", "status", "document")
    out = {k: ev.get(k) for k in keys}
    out["evidence"] = (ev.get("evidence") or {}).get("text")
    return out


def get_canonical_record(store: Store, cid: str) -> dict[str, Any] | None:
    row = store.cursor().execute("SELECT record FROM canonical_events WHERE canonical_id = ?", [cid]).fetchone()
    return json.loads(row[0]) if row else None


def get_canonical(store: Store, cid: str) -> dict[str, Any] | None:
    rec = get_canonical_record(store, cid)
    rows = store.cursor().execute(
        f"SELECT {_EVENT_COLS}{_EVENT_FROM} WHERE e.canonical_id = ? ORDER BY e.event_id", [cid]).fetchall()
    if rec is None and not rows:
        return None
    if rec is None:  # events carry the id but merging has not stored the record (yet)
        rec = {"canonical_id": cid, "mentions": []}
    rec["reports"] = [_summary(_event_item(r)) for r in rows]
    return rec


# -- documents -------------------------------------------------------------------------------------

def list_documents(store: Store, limit: int, offset: int, q: str | None = None, outlet: str | None = None,
                   date_from: str | None = None, date_to: str | None = None) -> dict[str, Any]:
    parts, params = [], []
    if q:
        parts.append("(strpos(lower(coalesce(d.title, '')), lower(?)) > 0 OR strpos(d.doc_id, ?) > 0)")
        params += [q, q]
    if outlet:
        parts.append("d.outlet = ?")
        params.append(outlet)
    if date_from:
        parts.append("d.pub_date >= ?")
        params.append(date_from)
    if date_to:
        parts.append("d.pub_date <= ?")
        params.append(date_to)
    where = (" WHERE " + " AND ".join(parts)) if parts else ""
    cur = store.cursor()
    total = cur.execute("SELECT count(*) FROM documents d" + where, params).fetchone()[0]
    rows = cur.execute(
        "SELECT d.doc_id, d.title, d.pub_date, d.outlet, d.url, d.n_chars, d.n_errors, d.near_duplicate_of, "
        "(SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id), "
        "(SELECT count(*) FROM entities n WHERE n.doc_id = d.doc_id), "
        "(SELECT count(*) FROM figures g WHERE g.doc_id = d.doc_id) "
        f"FROM documents d{where} ORDER BY d.pub_date DESC NULLS LAST, d.doc_id LIMIT ? OFFSET ?",
        [*params, limit, offset]).fetchall()
    keys = ("doc_id", "title", "pub_date", "outlet", "url", "n_chars", "n_errors", "near_duplicate_of",
            "n_events", "n_entities", "n_figures")
    return {"total": total, "limit": limit, "offset": offset,
            "items": [dict(zip(keys, r, strict=True)) for r in rows]}


def get_document(store: Store, doc_id: str) -> dict[str, Any] | None:
    cur = store.cursor()
    row = cur.execute("SELECT text, record FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    if row is None:
        return None
    text, rec = row[0] or "", json.loads(row[1])
    rec["text"] = text
    rec["entities"] = list(store.records("entities", [doc_id]))
    rec["events"] = list(store.records("events", [doc_id]))
    rec["figures"] = list(store.records("figures", [doc_id]))
    rec["dates"] = _dates(text, rec.get("stories") or [])
    return rec


def _dates(text: str, stories: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Date expressions of every story, resolved against its publication date (for highlighting)."""
    try:
        from marsad.dates import find_dates
    except ImportError:  # pragma: no cover
        return []
    out = []
    for s in stories:
        ref = None
        if s.get("pub_date") and len(s["pub_date"]) == 10:
            try:
                ref = dt.date.fromisoformat(s["pub_date"])
            except ValueError:
                ref = None
        try:
            found = find_dates(text, int(s["start"]), int(s["end"]), ref)
        except Exception:  # a date the resolver cannot read must not hide the document
            continue
        out += [{"start": d.start, "end": d.end, "text": d.text, "value": d.value, "rule": d.rule}
                for d in found]
    return out


# -- actors ----------------------------------------------------------------------------------------

def _kb():
    from marsad.kb import load_kb

    return load_kb()


def actor_names(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Display names of actors: the knowledge base, else what the stored entities call them."""
    out: dict[str, dict[str, Any]] = {}
    kb = _kb()
    missing = []
    for i in ids:
        e = kb.entries.get(i)
        if e is not None:
            out[i] = {"id": i, "kind": e.kind, "name": e.name, "name_ar": e.name_ar, "country": e.country}
        else:
            missing.append(i)
    if missing:
        rows = store.cursor().execute(
            "SELECT id, any_value(kind), any_value(name), any_value(name_ar), any_value(country) FROM entities "
            "WHERE id IN (SELECT unnest(?)) GROUP BY id", [missing]).fetchall()
        for i, kind, name, name_ar, country in rows:
            out[i] = {"id": i, "kind": kind, "name": name, "name_ar": name_ar, "country": country}
        rows = store.cursor().execute(
            "SELECT actor_id, any_value(actor_kind), any_value(country) FROM event_actors "
            "WHERE actor_id IN (SELECT unnest(?)) GROUP BY 1", [[i for i in missing if i not in out]]).fetchall()
        for i, kind, country in rows:
            out[i] = {"id": i, "kind": kind, "name": i, "name_ar": None, "country": country}
    return out


def list_actors(store: Store, limit: int, offset: int, q: str | None = None, kind: str | None = None,
                country: str | None = None) -> dict[str, Any]:
    base = """
        WITH ent AS (
            SELECT id, any_value(kind) AS kind, any_value(name) AS name, any_value(name_ar) AS name_ar,
                   any_value(country) AS country, count(DISTINCT doc_id) AS n_documents
            FROM entities WHERE NOT coalesce(in_boilerplate, false) GROUP BY id),
        ev AS (
            SELECT actor_id AS id, any_value(actor_kind) AS kind, any_value(country) AS country,
                   count(DISTINCT event_id) AS n_events
            FROM event_actors GROUP BY actor_id),
        actors AS (
            SELECT coalesce(ent.id, ev.id) AS id, coalesce(ent.kind, ev.kind) AS kind, ent.name, ent.name_ar,
                   coalesce(ent.country, ev.country) AS country, coalesce(ent.n_documents, 0) AS n_documents,
                   coalesce(ev.n_events, 0) AS n_events
            FROM ent FULL OUTER JOIN ev ON ent.id = ev.id)
        SELECT {cols} FROM actors"""
    parts, params = [], []
    if q:
        parts.append("(strpos(lower(id), lower(?)) > 0 OR strpos(lower(coalesce(name, '')), lower(?)) > 0 "
                     "OR strpos(coalesce(name_ar, ''), ?) > 0)")
        params += [q, q, q]
    if kind:
        parts.append("kind = ?")
        params.append(kind)
    if country:
        parts.append("country = ?")
        params.append(country)
    where = (" WHERE " + " AND ".join(parts)) if parts else ""
    cur = store.cursor()
    total = cur.execute(base.format(cols="count(*)") + where, params).fetchone()[0]
    rows = cur.execute(
        base.format(cols="id, kind, name, name_ar, country, n_documents, n_events") + where
        + " ORDER BY n_events DESC, n_documents DESC, id LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    keys = ("id", "kind", "name", "name_ar", "country", "n_documents", "n_events")
    items = [dict(zip(keys, r, strict=True)) for r in rows]
    names = actor_names(store, [i["id"] for i in items if not i["name"]])
    for it in items:
        if not it["name"] and it["id"] in names:
            it.update({k: v for k, v in names[it["id"]].items() if v is not None and not it.get(k)})
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def get_actor(store: Store, actor_id: str) -> dict[str, Any] | None:
    kb = _kb()
    entry = kb.entries.get(actor_id)
    cur = store.cursor()
    ent_rows = cur.execute(
        "SELECT n.record, d.pub_date, d.title FROM entities n LEFT JOIN documents d ON d.doc_id = n.doc_id "
        "WHERE n.id = ? ORDER BY d.pub_date NULLS LAST, n.doc_id", [actor_id]).fetchall()
    n_event_rows = cur.execute("SELECT count(*) FROM event_actors WHERE actor_id = ?", [actor_id]).fetchone()[0]
    if entry is None and not ent_rows and not n_event_rows:
        return None
    out: dict[str, Any] = {"id": actor_id, "in_kb": entry is not None}
    if entry is not None:
        out.update(kind=entry.kind, name=entry.name, name_ar=entry.name_ar, country=entry.country,
                   sector=entry.sector, wikidata=entry.wikidata)
        out["roles"] = [{"office": r.office, "title": r.title, "country": r.country, "org": r.org,
                         "sector": r.sector, "start": r.start.isoformat() if r.start else None,
                         "end": r.end.isoformat() if r.end else None}
                        for r in sorted(entry.roles, key=lambda r: r.start or dt.date.min)]
    else:
        out["roles"] = []
    names: Counter[str] = Counter()
    seen_roles: dict[str, dict[str, Any]] = {}
    documents = []
    for rec_json, pub_date, title in ent_rows:
        rec = json.loads(rec_json)
        if entry is None and "name" not in out:
            out.update(kind=rec.get("kind"), name=rec.get("name"), name_ar=rec.get("name_ar"),
                       country=rec.get("country"), sector=rec.get("sector"), wikidata=rec.get("wikidata"))
        for m in rec.get("mentions") or []:
            names[m.get("text", "")] += 1
        if rec.get("role"):
            _observe(seen_roles, rec["role"], pub_date)
        documents.append({"doc_id": rec.get("doc_id"), "title": title, "pub_date": pub_date,
                          "n_mentions": len(rec.get("mentions") or [])})
    ev_rows = cur.execute(
        f"SELECT {_EVENT_COLS}{_EVENT_FROM} WHERE e.event_id IN "
        "(SELECT event_id FROM event_actors WHERE actor_id = ?) ORDER BY e.date DESC NULLS LAST, e.event_id",
        [actor_id]).fetchall()
    by_type: Counter[str] = Counter()
    counter: dict[str, dict[str, Any]] = {}
    events = []
    for row in ev_rows:
        ev = _event_item(row)
        by_type[ev.get("event_type")] += 1
        others = set()
        for a in ev.get("participants") or []:
            if a.get("id") == actor_id:
                if a.get("role"):
                    _observe(seen_roles, a["role"], ev.get("date"))
                if "name" not in out:
                    out.update(kind=a.get("kind"), name=a.get("name"), name_ar=a.get("name_ar"),
                               country=a.get("country"), sector=a.get("sector"))
            elif a.get("id"):
                others.add(a["id"])
        for o in others:
            c = counter.setdefault(o, {"id": o, "n_events": 0, "by_type": Counter()})
            c["n_events"] += 1
            c["by_type"][ev.get("event_type")] += 1
        if len(events) < 100:
            events.append(_summary(ev))
    names_of = actor_names(store, list(counter))
    counterparts = []
    for c in sorted(counter.values(), key=lambda c: (-c["n_events"], c["id"])):
        info = names_of.get(c["id"], {})
        counterparts.append({**c, "by_type": dict(c["by_type"]), "name": info.get("name"),
                             "name_ar": info.get("name_ar"), "kind": info.get("kind")})
    out.setdefault("name", actor_id)
    out["names"] = [{"text": t, "count": n} for t, n in names.most_common()]
    out["observed_roles"] = sorted(seen_roles.values(), key=lambda r: (r["first"] or "", r["role"]))
    out["events_by_type"] = dict(by_type)
    out["n_events"] = len(ev_rows)
    out["counterparts"] = counterparts
    out["events"] = events
    out["documents"] = documents[:100]
    out["n_documents"] = len(documents)
    return out


def _observe(roles: dict[str, dict[str, Any]], role: str, date: str | None) -> None:
    r = roles.setdefault(role, {"role": role, "first": None, "last": None, "n": 0})
    r["n"] += 1
    if date:
        r["first"] = min(filter(None, (r["first"], date)))
        r["last"] = max(filter(None, (r["last"], date)))


# -- aggregates ------------------------------------------------------------------------------------

def network(store: Store, f: EventFilter, min_weight: int = 1, max_edges: int = 300) -> dict[str, Any]:
    """Actor–actor edges weighted by the events both took part in (undirected, split by event type)."""
    where, params = f.where()
    rows = store.cursor().execute(
        "SELECT a.actor_id, b.actor_id, e.event_type, count(DISTINCT e.event_id)"
        f"{_EVENT_FROM} JOIN event_actors a ON a.event_id = e.event_id "
        f"JOIN event_actors b ON b.event_id = e.event_id AND a.actor_id < b.actor_id{where} "
        "GROUP BY 1, 2, 3", params).fetchall()
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for a, b, etype, n in rows:
        edge = edges.setdefault((a, b), {"source": a, "target": b, "weight": 0, "by_type": {}})
        edge["weight"] += n
        edge["by_type"][etype] = edge["by_type"].get(etype, 0) + n
    kept = sorted((e for e in edges.values() if e["weight"] >= min_weight),
                  key=lambda e: (-e["weight"], e["source"], e["target"]))
    truncated = len(kept) > max_edges
    kept = kept[:max_edges]
    degree: Counter[str] = Counter()
    strength: Counter[str] = Counter()
    for e in kept:
        for end in (e["source"], e["target"]):
            degree[end] += 1
            strength[end] += e["weight"]
    names = actor_names(store, list(degree))
    nodes = [{**names.get(i, {"id": i, "name": i}), "id": i, "degree": degree[i], "weight": strength[i]}
             for i in sorted(degree)]
    return {"nodes": nodes, "edges": kept, "truncated": truncated}


def timeline(store: Store, f: EventFilter, interval: str = "day") -> dict[str, Any]:
    where, params = f.where()
    bucket = f"left({_DAY}, 7)" if interval == "month" else _DAY
    cond = (" AND " if where else " WHERE ") + f"{_DAY} IS NOT NULL"
    cur = store.cursor()
    rows = cur.execute(
        f"SELECT {bucket} AS day, e.event_type, count(*), sum({_ASSUMED}){_EVENT_FROM}{where}{cond} "
        "GROUP BY 1, 2 ORDER BY 1, 2", params).fetchall()
    undated = cur.execute(
        f"SELECT count(*){_EVENT_FROM}{where}" + (" AND " if where else " WHERE ") + f"{_DAY} IS NULL",
        params).fetchone()[0]
    series = [{"date": d, "type": t, "count": n, "assumed": int(a or 0)} for d, t, n, a in rows]
    return {"interval": interval, "series": series, "types": sorted({s["type"] for s in series}),
            "undated": undated, "assumed": sum(s["assumed"] for s in series)}


def stats(store: Store) -> dict[str, Any]:
    cur = store.cursor()

    def pairs(sql: str) -> dict[str, int]:
        return {str(k): v for k, v in cur.execute(sql).fetchall()}

    ev_range = cur.execute("SELECT min(date), max(date) FROM events WHERE length(date) = 10 "
                           "AND date NOT LIKE '-%'").fetchone()
    doc_range = cur.execute("SELECT min(pub_date), max(pub_date) FROM documents").fetchone()
    return {
        "schema_version": cur.execute("SELECT max(version) FROM marsad_schema").fetchone()[0],
        "counts": store.counts(),
        "events_by_type": pairs("SELECT event_type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"),
        "events_by_status": pairs("SELECT coalesce(status, 'null'), count(*) FROM events GROUP BY 1 ORDER BY 2 DESC"),
        "events_by_mode": pairs("SELECT coalesce(mode, 'null'), count(*) FROM events GROUP BY 1 ORDER BY 2 DESC"),
        "documents_by_outlet": pairs("SELECT coalesce(outlet, ''), count(*) FROM documents GROUP BY 1 "
                                     "ORDER BY 2 DESC, 1 LIMIT 50"),
        "figures_by_what": pairs("SELECT coalesce(what, ''), count(*) FROM figures GROUP BY 1 ORDER BY 2 DESC"),
        "documents_with_errors": cur.execute("SELECT count(*) FROM documents WHERE n_errors > 0").fetchone()[0],
        "event_dates": {"min": ev_range[0], "max": ev_range[1]},
        "pub_dates": {"min": doc_range[0], "max": doc_range[1]},
        "outlets": sorted(k for k in pairs("SELECT outlet, count(*) FROM documents WHERE outlet IS NOT NULL "
                                           "GROUP BY 1") if k),
        "topics": sorted(pairs("SELECT DISTINCT unnest(CAST(json_extract(record, '$.topics') AS VARCHAR[])), 1 "
                               "FROM events")),
    }


def countries_seen(store: Store) -> list[str]:
    rows = store.cursor().execute("SELECT DISTINCT country FROM event_actors WHERE country IS NOT NULL "
                                  "UNION SELECT DISTINCT country FROM entities WHERE country IS NOT NULL "
                                  "ORDER BY 1").fetchall()
    return [r[0] for r in rows]

