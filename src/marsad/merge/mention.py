"""One report of an event, reduced to what cross-document matching compares.

A :class:`Mention` is built from a stored event (the ``events.jsonl`` shape, or an :class:`Event`) plus two
facts about its document: the publication date of its story and its outlet key.  Everything the matcher
needs is precomputed here once (date window, actor coverage sets, blocking keys), so that scoring a pair is a
handful of set operations.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from marsad.dates import one_night
from marsad.records import Event

# Where an event date came from, and how far off it may be: a relative day ("أمس", "اليوم") is counted from
# the publication date, which itself may be a day off the event (late edition, time zones).
FUZZY_DATE_FROM = frozenset({"relative_day", "pub_date"})

# Date precision levels, most precise first.
DAY, FUZZY_DAY, MONTH_DAY, MONTH, YEAR, UNDATED = range(6)

# PLOVER pseudo-countries: a person coded IGO is not "of" a country another report could name instead.
PSEUDO_COUNTRIES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})

# Sectors of the actors that stand for their country: its government, ministers, army, police and security
# services ("Israel" and "the Israeli army" are one party).  A party, a rebel group, a court, a parliament or
# a civil body of a country (the Houthis, the Syrian Observatory, Hezbollah) is a party of its own.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY"})

# Types whose source and target are not two sides (a meeting, cooperation, an agreement): no direction.
UNDIRECTED_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})


@dataclass(slots=True, eq=False)
class Mention:
    """One event report with its matching features.  ``key`` (the event_id) orders mentions stably."""

    key: str
    doc_id: str
    event_type: str
    mode: str | None
    status: str
    date: str | None
    level: int  # DAY … UNDATED
    lo: int | None  # window of possible days (proleptic ordinals), None when undated
    hi: int | None
    day: int | None  # the day, for day-level dates
    tol: int  # days of tolerance around ``day`` (1 for relative dates)
    pub: int | None  # publication day of the story
    pub_date: str | None
    outlet: str  # outlet key: outlet name, else URL host, else the document
    actors: tuple[tuple[str, bool, str | None], ...]  # (id, is_country, country) per participant
    ids: frozenset[str]
    country_ids: frozenset[str]  # participants that are countries
    member_countries: frozenset[str]  # countries of the participants that are not
    codes: frozenset[str]  # the participants seen from afar: a person or body as its country (if any)
    multi: frozenset[str]  # codes that stand for two participants or more
    keys: frozenset[str]  # blocking keys (see :func:`blocking_keys`)
    probes: frozenset[str]  # the keys of the mentions it must be compared with
    loc_country: str | None
    loc_name: str | None
    topics: frozenset[str]
    confidence: float
    evidence: str
    event: dict[str, Any] = field(repr=False)
    root: str = ""  # the first document of its ``near_duplicate_of`` chain (:func:`chain_root`), else its doc_id
    src: frozenset[str] = frozenset()  # codes of the source side, of the target side (directed types)
    tgt: frozenset[str] = frozenset()


def parse_day(s: str | None) -> dt.date | None:
    if not s or len(s) != 10 or s[4] != "-":
        return None
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        return None


def date_window(
    date: str | None, date_from: str | None, pub: dt.date | None, date_text: str | None = None
) -> tuple[int, int | None, int | None, int]:
    """(level, lo, hi, tol) of an event date string (``YYYY-MM-DD | YYYY-MM | YYYY | --MM-DD | None``).

    A day is fuzzy by one when it was reckoned from the publication date (:data:`FUZZY_DATE_FROM`) or told
    as a night (:func:`marsad.dates.one_night`: "ليل الأربعاء" of a strike others date Thursday)."""
    if not date:
        return UNDATED, None, None, 0
    day = parse_day(date)
    if day is not None:
        o = day.toordinal()
        if date_from in FUZZY_DATE_FROM or one_night(date_text):
            return FUZZY_DAY, o - 1, o + 1, 1
        return DAY, o, o, 0
    try:
        if len(date) == 7 and date[4] == "-":
            y, m = int(date[:4]), int(date[5:])
            last = calendar.monthrange(y, m)[1]
            return MONTH, dt.date(y, m, 1).toordinal(), dt.date(y, m, last).toordinal(), 0
        if len(date) == 4 and date.isdigit():
            y = int(date)
            return YEAR, dt.date(y, 1, 1).toordinal(), dt.date(y, 12, 31).toordinal(), 0
        if len(date) == 7 and date.startswith("--") and pub is not None:
            # month and day without a year: the latest such day not long after publication
            m, d = int(date[2:4]), int(date[5:7])
            year = pub.year
            cand = _safe_date(year, m, d)
            if cand is None or cand.toordinal() > pub.toordinal() + 31:
                cand = _safe_date(year - 1, m, d)
            if cand is not None:
                return MONTH_DAY, cand.toordinal(), cand.toordinal(), 0
    except ValueError:
        pass
    return UNDATED, None, None, 0


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def outlet_key(doc_id: str, outlet: str | None, url: str | None) -> str | None:
    """``outlet:<name>`` or ``host:<host>``; None when the document names neither."""
    if outlet and outlet.strip():
        return "outlet:" + " ".join(outlet.split()).casefold()
    if url:
        try:
            host = urlsplit(url).hostname
        except ValueError:
            host = None
        if host:
            host = host.casefold()
            return "host:" + (host[4:] if host.startswith("www.") else host)
    return None


def chain_outlet(doc_id: str, own: str | None, origins: dict[str, str], owns: dict[str, str | None]) -> str:
    """The outlet key of a document: its own (``own``); else, for a near duplicate, the own key of the
    document it copies, following ``near_duplicate_of`` (``origins``) up to 8 steps (``owns``: the own key
    of every document some copy points to); else ``doc:<the last document of the chain>``.

    A syndicated copy naming no outlet is not another outlet.
    """
    if own:
        return own
    orig = origins.get(doc_id)
    if not orig or orig == doc_id:
        return "doc:" + doc_id
    depth = 0
    while True:
        depth += 1
        target = orig
        key = owns.get(target)
        if key:
            return key
        orig = origins.get(target)
        if not (orig and orig != target and depth < CHAIN_STEPS):
            return "doc:" + target


CHAIN_STEPS = 8  # how far a ``near_duplicate_of`` chain is followed


def chain_root(doc_id: str, origins: dict[str, str]) -> str:
    """The document at the end of ``doc_id``'s ``near_duplicate_of`` chain (``origins``: doc_id → the document
    it copies), followed up to :data:`CHAIN_STEPS` steps; ``doc_id`` itself when it copies none.

    A copy of a copy is a copy of the first page: the three copies of one page share one root whichever of
    them each was found to copy."""
    root = doc_id
    for _ in range(CHAIN_STEPS):
        orig = origins.get(root)
        if not orig or orig == root or orig == doc_id:
            break
        root = orig
    return root


# a few thousand combinations recur (country pairs); each entry holds the pair keys of its parties (~3.5 KB
# for a report naming many), and over a long run distinct persons keep adding combinations: 65,536
# entries would grow to ~200 MB, so the cache stays small
@lru_cache(maxsize=4096)
def blocking_keys(codes: frozenset[str], multi: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(keys, probes) of a mention with these participant codes; two mentions are compared when the probes
    of one meet the keys of the other (the relation is symmetric).

    Reports naming two parties or more match only when they agree on two of them (see
    :func:`marsad.merge.match.participants_agree`), so they meet on a pair of codes (``p:ISR|USA``, or
    ``p:ISR|ISR`` for two Israelis).  A report naming one party (``s:ISR``) is compared with every report
    that names it (``c:ISR``).
    """
    if len(codes) < 2:
        single = frozenset("s:" + c for c in codes)
        return single, single | frozenset("c:" + c for c in codes)
    ordered = sorted(codes)
    pairs = {f"p:{a}|{b}" for i, a in enumerate(ordered) for b in ordered[i + 1 :]}
    pairs.update(f"p:{c}|{c}" for c in multi)
    return frozenset(pairs) | frozenset("c:" + c for c in codes), frozenset(pairs) | frozenset(
        "s:" + c for c in codes
    )


def _actor_tuple(a: dict[str, Any]) -> tuple[str, bool, str | None] | None:
    """(id, is_country, the country it stands for): a state actor (:data:`STATE_SECTORS`, or a person with
    no sector) stands for its country; any other actor only for itself."""
    aid = a.get("id")
    if not aid:
        return None
    is_country = a.get("kind") == "country"
    country = a.get("country")
    if is_country:
        country = aid
    elif country in PSEUDO_COUNTRIES:
        country = None
    elif a.get("sector") not in STATE_SECTORS and not (a.get("kind") == "person" and not a.get("sector")):
        country = None
    return str(aid), is_country, country


def _side_codes(actors: list[dict[str, Any]] | None, code_of: dict[str, str]) -> frozenset[str]:
    if not actors:
        return EMPTY
    return frozenset(code_of[a["id"]] for a in actors if a.get("id") in code_of) or EMPTY


EMPTY: frozenset[str] = frozenset()  # shared by every mention with an empty set (fewer objects to collect)


@lru_cache(maxsize=4096)
def actor_features(actors: tuple[tuple[str, bool, str | None], ...]) -> tuple:
    """(ids, country_ids, member_countries, code_of, codes, multi, keys, probes) of a mention's sorted
    participants: what matching reads of them, computed once per combination of parties (reports of one
    event name the same ones) and shared by the mentions that name it (immutable, but for ``code_of``,
    which is only read).  Cleared with :func:`blocking_keys` after each merge."""
    ids = frozenset(a[0] for a in actors) or EMPTY
    country_ids = frozenset(a[0] for a in actors if a[1]) or EMPTY
    member_countries = frozenset(a[2] for a in actors if not a[1] and a[2]) or EMPTY
    code_of = {a[0]: a[2] or a[0] for a in actors}
    code_list = list(code_of.values())
    codes = frozenset(code_list) or EMPTY
    multi = frozenset(c for c in codes if code_list.count(c) > 1) or EMPTY
    keys, probes = blocking_keys(codes, multi)
    return ids, country_ids, member_countries, code_of, codes, multi, keys, probes


_WORD_RE = re.compile(r"[\u0621-\u064A0-9A-Za-z]+")


@lru_cache(maxsize=1024)
def evidence_words(text: str) -> frozenset[str]:
    """The words of an evidence clause (Arabic letters, digits, Latin), for telling a copy's twin event."""
    return frozenset(_WORD_RE.findall(text))


def mention_from_event(
    ev: dict[str, Any] | Event, pub_date: str | None = None, outlet: str | None = None,
    near_duplicate_of: str | None = None,
) -> Mention:
    """Build a :class:`Mention` from an event (record or ``events.jsonl`` dict).

    ``pub_date`` is the publication date of the event's story; ``outlet`` its outlet key (see
    :func:`outlet_key`); ``near_duplicate_of`` the document its document copies — the root of the chain
    (:func:`chain_root`) when the caller knows it.  A dict may carry its
    document's facts itself (``pub_date``, ``near_duplicate_of``, and ``outlet`` / ``url`` as the document
    gives them): the arguments win.
    """
    d = ev.as_dict() if isinstance(ev, Event) else ev
    pub_date = pub_date or d.get("pub_date")
    pub = parse_day(pub_date)
    level, lo, hi, tol = date_window(d.get("date"), d.get("date_from"), pub, d.get("date_text"))
    actors_src = d.get("participants") or [*(d.get("source") or []), *(d.get("target") or [])]
    seen: set[str] = set()
    actors = []
    for a in actors_src:
        t = _actor_tuple(a)
        if t and t[0] not in seen:
            seen.add(t[0])
            actors.append(t)
    actors.sort()
    ids, country_ids, member_countries, code_of, codes, multi, keys, probes = actor_features(tuple(actors))
    directed = d["event_type"] not in UNDIRECTED_TYPES
    loc = d.get("location") or None
    evidence = (d.get("evidence") or {}).get("text") or ""
    return Mention(
        key=d["event_id"],
        doc_id=d["doc_id"],
        event_type=d["event_type"],
        mode=d.get("mode"),
        status=d.get("status") or "occurred",
        date=d.get("date"),
        level=level,
        lo=lo,
        hi=hi,
        day=lo + tol if lo is not None and level in (DAY, FUZZY_DAY, MONTH_DAY) else None,
        tol=tol,
        pub=pub.toordinal() if pub else None,
        pub_date=pub.isoformat() if pub else None,
        outlet=outlet or outlet_key(d["doc_id"], d.get("outlet"), d.get("url")) or "doc:" + d["doc_id"],
        actors=tuple(actors),
        ids=ids,
        country_ids=country_ids,
        member_countries=member_countries,
        codes=codes,
        multi=multi,
        keys=keys,
        probes=probes,
        loc_country=loc.get("country") if loc else None,
        loc_name=(loc.get("name") or loc.get("name_ar")) if loc else None,
        topics=frozenset(d["topics"]) if d.get("topics") else EMPTY,
        confidence=float(d.get("confidence") or 0.0),
        evidence=evidence,
        event=d,
        root=near_duplicate_of or d.get("near_duplicate_of") or d["doc_id"],
        src=_side_codes(d.get("source"), code_of) if directed else EMPTY,
        tgt=_side_codes(d.get("target"), code_of) if directed else EMPTY,
    )
