"""The canonical event record of a cluster of mentions (``canonical_events.jsonl``)."""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

from marsad.merge.match import GENERIC_MODES
from marsad.merge.mention import DAY, FUZZY_DAY, MONTH, MONTH_DAY, YEAR, Mention

_DATE_RANK = {DAY: 0, FUZZY_DAY: 1, MONTH_DAY: 2, MONTH: 3, YEAR: 4}
_ACTOR_FIELDS = ("id", "name", "name_ar", "kind", "country", "sector", "role")
_LOCATION_FIELDS = ("name", "name_ar", "country")


def canonical_id(smallest_key: str) -> str:
    """``c:`` + a stable hash of the cluster's smallest mention key (its event_id)."""
    return "c:" + hashlib.sha1(smallest_key.encode("utf-8")).hexdigest()[:16]


def _most_precise_date(ms: list[Mention]) -> str | None:
    dated = [m for m in ms if m.date and m.level in _DATE_RANK]
    if not dated:
        return None
    best = min(_DATE_RANK[m.level] for m in dated)
    counts = Counter(m.date for m in dated if _DATE_RANK[m.level] == best)
    return min(counts, key=lambda d: (-counts[d], d))


def _mode(ms: list[Mention]) -> str | None:
    specific = Counter(m.mode for m in ms if m.mode not in GENERIC_MODES)
    if specific:
        return min(specific, key=lambda x: (-specific[x], x))
    generic = Counter(m.mode for m in ms if m.mode)
    return min(generic, key=lambda x: (-generic[x], x)) if generic else None


def _actors(event: dict[str, Any]) -> list[dict[str, Any]]:
    return event.get("participants") or [*(event.get("source") or []), *(event.get("target") or [])]


def slim_event(event: dict[str, Any]) -> dict[str, Any]:
    """What :func:`build_record` reads of an event record: its participants' and location's fields (a
    mention that keeps only these holds a tenth of the memory of the whole record)."""
    loc = event.get("location")
    return {
        "participants": [{k: a.get(k) for k in _ACTOR_FIELDS} for a in _actors(event)],
        "location": {k: loc.get(k) for k in _LOCATION_FIELDS} if loc else None,
    }


def _participants(ms: list[Mention]) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for m in ms:
        for a in _actors(m.event):
            aid = a.get("id")
            if aid and aid not in out:
                out[aid] = {k: a.get(k) for k in _ACTOR_FIELDS}
    return list(out.values())


def _location(ms: list[Mention]) -> dict[str, Any] | None:
    locs = [m.event["location"] for m in ms if m.event.get("location")]
    if not locs:
        return None
    counts = Counter((loc.get("name"), loc.get("country")) for loc in locs)
    best = min(counts, key=lambda k: (-counts[k], str(k)))
    loc = next(loc for loc in locs if (loc.get("name"), loc.get("country")) == best)
    return {k: loc.get(k) for k in _LOCATION_FIELDS}


def _topics(ms: list[Mention]) -> list[str]:
    counts = Counter(t for m in ms for t in m.topics)
    return sorted(counts, key=lambda t: (-counts[t], t))


def event_date(ms: list[Mention]) -> tuple[str | None, str | None]:
    """(date, date_from) of a real-world event: the date its reports state (``"text"``), or, when none
    states one, the earliest publication date of its reports (``"pub_date"``: assumed, never presented as
    stated), or (None, None)."""
    stated = _most_precise_date(ms)
    if stated is not None:
        return stated, "text"
    pubs = [m.pub_date for m in ms if m.pub_date]
    return (min(pubs), "pub_date") if pubs else (None, None)


def build_record(ms: list[Mention]) -> dict[str, Any]:
    """The canonical record of one cluster (mentions sorted by key, the smallest first)."""
    first = ms[0]
    seen = [m.pub_date or (m.date if m.level == DAY else None) for m in ms]
    best = min(ms, key=lambda m: (-m.confidence, -len(m.evidence), m.key))
    date, date_from = event_date(ms)
    return {
        "canonical_id": canonical_id(first.key),
        "event_type": first.event_type,
        "mode": _mode(ms),
        "date": date,
        "date_from": date_from,
        "participants": _participants(ms),
        "location": _location(ms),
        "topics": _topics(ms),
        "mentions": [
            {"doc_id": m.doc_id, "event_id": m.key} for m in sorted(ms, key=lambda m: (m.doc_id, m.key))
        ],
        "num_documents": len({m.doc_id for m in ms}),
        "num_outlets": len({m.outlet for m in ms}),
        "first_seen": min((s for s in seen if s), default=None),
        "evidence": {"doc_id": best.doc_id, "text": best.evidence},
    }
