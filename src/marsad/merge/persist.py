"""Canonical events over the store, incrementally.

The store keeps, for every clustered event, its region (see :mod:`marsad.merge.cluster`), its canonical id
and its blocking keys with date window (tables ``merge_mentions`` and ``merge_keys``).  A merge then:

1. finds the events to (re)cluster among those of the documents written since the last merge (the store
   queues them in ``merge_pending``): new ones (not in the index, or whose ``canonical_id`` was reset because
   their document was written again) and gone ones (in the index, no longer stored);
2. finds the stored regions they touch: the regions of gone and re-written events, and those of every
   stored event that shares a blocking key and a possible date with a new one;
3. re-clusters those regions with the new events — the same result as clustering everything, since no
   edge leaves a region — and replaces their canonical events and index rows in one transaction.

With an empty index (a new or upgraded database) or ``full=True`` everything is clustered from scratch.
"""

from __future__ import annotations

import json
import time
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from marsad.merge.canonical import build_record, canonical_id, slim_event
from marsad.merge.cluster import MAX_WINDOW, Clustering, candidate_pairs, cluster, gc_paused, loose
from marsad.merge.match import UNDATED_PUB_DAYS, match
from marsad.merge.mention import (
    CHAIN_STEPS,
    Mention,
    actor_features,
    blocking_keys,
    chain_outlet,
    chain_root,
    mention_from_event,
    outlet_key,
)
from marsad.store.db import event_record


@dataclass(slots=True)
class MergeStats:
    full: bool = False
    new: int = 0  # events clustered for the first time (or again after a rewrite)
    gone: int = 0  # events that left the store
    mentions: int = 0  # events re-clustered (new + those of the touched regions)
    canonical: int = 0  # canonical events written
    seconds: float = 0.0


_LOAD = (
    "SELECT e.record, CASE WHEN s.story_id IS NULL THEN d.pub_date ELSE s.pub_date END, "
    "d.outlet, d.url, d.near_duplicate_of "
    "FROM events e LEFT JOIN stories s ON s.story_id = e.story_id "
    "LEFT JOIN documents d ON d.doc_id = e.doc_id"
)


_LOAD_SOME = (
    # the rows by a narrow scan of event_id, then their records by rowid: a filter on event_id itself would
    # read every record of the table
    "WITH e AS (SELECT record, story_id, doc_id FROM events WHERE rowid IN "
    "(SELECT rowid FROM events WHERE event_id IN (SELECT unnest(?)))) "
    "SELECT e.record, CASE WHEN s.story_id IS NULL THEN d.pub_date ELSE s.pub_date END, "
    "d.outlet, d.url, d.near_duplicate_of FROM e "
    "LEFT JOIN (SELECT story_id, pub_date FROM stories WHERE story_id IN (SELECT story_id FROM e)) s "
    "ON s.story_id = e.story_id "
    "LEFT JOIN (SELECT doc_id, pub_date, outlet, url, near_duplicate_of FROM documents "
    "WHERE doc_id IN (SELECT doc_id FROM e)) d ON d.doc_id = e.doc_id"
)


def load_mentions(store: Any, event_ids: list[str] | None = None) -> list[Mention]:
    """Mentions of the stored events (all, or the given ones), with their stories' dates and outlets.

    The records are read a thousand at a time and each mention keeps only what its canonical record needs
    of its event (:func:`~marsad.merge.canonical.slim_event`), not the whole parsed record."""
    if event_ids is not None and not event_ids:
        return []
    out, docs = [], {}
    with gc_paused():  # mentions and parsed records: many small containers, no cycles
        for m, meta in _iter_mentions(store, event_ids):
            out.append(m)
            docs[m.doc_id] = meta
    outlets, roots = _chains(store, docs)
    for m in out:
        m.outlet = outlets[m.doc_id]
        m.root = roots[m.doc_id]
    return out


def _iter_mentions(store: Any, event_ids: list[str] | None) -> Iterator[tuple[Mention, tuple]]:
    """(mention without its outlet, (outlet, url, near_duplicate_of) of its document) per stored event; its
    ``root`` is the document its document copies, one step (:func:`_chains` follows the chain)."""
    if event_ids is None:
        rows = store.iter_rows(_LOAD)
    else:
        # the events first, then only their stories and documents: a join with the whole tables would
        # build hash tables of every story and document, which grow with the store
        rows = store.iter_rows(_LOAD_SOME, [event_ids])
    for rec, pub_date, outlet, url, near_dup in rows:
        ev = json.loads(rec)
        m = mention_from_event(ev, pub_date=pub_date, outlet="-", near_duplicate_of=near_dup)
        m.event = slim_event(ev)
        yield m, (outlet, url, near_dup)


def _chains(store: Any, docs: dict[str, tuple[str | None, str | None, str | None]]
            ) -> tuple[dict[str, str], dict[str, str]]:
    """(outlet key, root) of each document, following ``near_duplicate_of`` chains (up to
    :data:`~marsad.merge.mention.CHAIN_STEPS` steps) through the store.

    The outlet key: its outlet, else its URL host; a copy naming neither counts as the outlet of the
    document it copies (a syndicated copy is not another outlet); else the document itself.  The root: the
    first document of its chain (:func:`~marsad.merge.mention.chain_root`), so that a copy of a copy joins
    the first page's events."""
    meta = dict(docs)
    for _ in range(CHAIN_STEPS):
        missing = {orig for (_, _, orig) in meta.values() if orig and orig not in meta}
        if not missing:
            break
        _, rows = store.query(
            "SELECT doc_id, outlet, url, near_duplicate_of FROM documents WHERE doc_id IN (SELECT unnest(?))",
            [sorted(missing)],
        )
        for doc_id, outlet, url, orig in rows:
            meta[doc_id] = (outlet, url, orig)
        for m in missing:
            meta.setdefault(m, (None, None, None))

    origins = {d: orig for d, (_, _, orig) in meta.items() if orig}
    owns = {d: outlet_key(d, outlet, url) for d, (outlet, url, _) in meta.items()}
    return ({d: chain_outlet(d, owns[d], origins, owns) for d in docs},
            {d: chain_root(d, origins) for d in docs})


def records_of(result: Clustering) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Canonical records and the event_id -> canonical_id assignments of a clustering."""
    records, assignments = [], {}
    with gc_paused():  # records and their lists and dicts: no cycles
        for members in result.clusters:
            ms = [result.mentions[i] for i in members]
            rec = build_record(ms)
            records.append(rec)
            for m in ms:
                assignments[m.key] = rec["canonical_id"]
    return records, assignments


def _index_rows(result: Clustering, assignments: dict[str, str], with_mentions: bool = True,
                with_keys: bool = True) -> tuple[list[tuple], list[tuple]]:
    """Rows of the merge index: (event_id, doc_id, region, cid) per mention and its blocking keys."""
    mentions, keys = [], []
    for m, region in zip(result.mentions, result.region_of, strict=True):
        if with_mentions:
            mentions.append((m.key, m.doc_id, region, assignments[m.key]))
        if with_keys:
            lo, hi = (None, None) if loose(m) else (m.lo, m.hi)
            keys.extend((m.key, m.event_type, k, lo, hi, m.pub) for k in sorted(m.keys))
    return mentions, keys


# queued documents per step (one transaction): bounds the mentions one step holds, whatever the queue, and
# the transaction's memory in DuckDB. At 1,000 a step (when its UPDATE still rewrote the events' records)
# outgrew the 128 MB cap once the store held ~15,000 pages and was run again at twice the cap, and those
# retries made the run's peak memory grow with the store; at 250 it fits.
MERGE_SLICE = 250


def merge_store(store: Any, full: bool = False) -> MergeStats:
    """Assign canonical ids to the stored events and store the canonical events (incrementally).

    The queue of documents to merge is taken :data:`MERGE_SLICE` documents at a time, each slice in one
    transaction; a full merge (``full``, or a store without a merge index) first queues every document."""
    t0 = time.perf_counter()
    stats = MergeStats()
    _, rows = store.query("SELECT count(*) FROM merge_mentions")
    if full or not rows[0][0]:
        stats.full = True
        store.reset_merge()
    _, rows = store.query("SELECT DISTINCT doc_id FROM merge_pending")
    pending = sorted(r[0] for r in rows)
    for i in range(0, len(pending), MERGE_SLICE):
        _merge_slice(store, pending[i : i + MERGE_SLICE], stats)
    blocking_keys.cache_clear()  # party combinations of this merge's reports: the next one has others
    actor_features.cache_clear()
    stats.seconds = time.perf_counter() - t0
    return stats


def _merge_slice(store: Any, pending: list[str], stats: MergeStats) -> None:
    """Re-cluster what the documents ``pending`` changed, and take them off the queue."""
    # what changed: the events of these documents, compared with what the index holds for them — every
    # query keyed by those few documents or events, none joining the whole store (its memory would grow
    # with the store)
    # … and the stored copies down the chains from them: their root may have changed (a copy stored before
    # the page it copies, a page written again), so their events are clustered again as if new
    copies = sorted(_copies(store, pending) - set(pending))
    docs = pending + copies
    _, now = store.query(
        "SELECT event_id, canonical_id, doc_id FROM events WHERE doc_id IN (SELECT unnest(?))", [docs])
    current = {e: cid for e, cid, _ in now}
    redo = {e for e, _, d in now if d not in pending} if copies else set()
    _, indexed = store.query(
        "SELECT event_id, region, cid FROM merge_mentions WHERE doc_id IN (SELECT unnest(?)) "
        "OR event_id IN (SELECT unnest(?))", [docs, list(current)])
    index = {e: (region, cid) for e, region, cid in indexed}
    fresh = sorted(e for e, cid in current.items()
                   if cid is None or e not in index or index[e][1] != cid or e in redo)
    gone = {e for e in index if e not in current}
    dirty = {index[e][0] for e in fresh if e in index} | {index[e][0] for e in gone}
    stats.new += len(fresh) - len(redo)
    stats.gone += len(gone)
    if not fresh and not gone:
        store.update_canonical([], {}, remove=(), merged=pending)
        return

    new_ms = load_mentions(store, fresh)
    fresh_set = set(fresh)
    links = _stored_matches(store, new_ms, fresh_set)
    regions = dirty.union(*links)
    members: list[tuple[str, str, str]] = []
    if regions:
        _, members = store.query(
            "SELECT event_id, region, cid FROM merge_mentions WHERE region IN (SELECT unnest(?))", [sorted(regions)]
        )
    # what can change falls apart into pieces with no match between them: the regions each new report
    # matches joined by it (and by the matches among the new reports); each piece is clustered on its own,
    # so a merge holds the new reports and one batch of stored ones, never every stored report it touches
    stored_of: dict[str, list[str]] = defaultdict(list)
    for e, region, _ in members:
        if e not in gone and e not in fresh_set:
            stored_of[region].append(e)
    old_groups: dict[str, set[str]] = defaultdict(set)
    old_rows: dict[str, tuple[str, str]] = {}
    for e, region, cid in members:
        old_rows[e] = (region, cid)
        if cid:
            old_groups[cid].add(e)
    records: list[dict[str, Any]] = []
    assignments: dict[str, str] = {}
    kept: set[str] = set()
    idx_m: list[tuple] = []
    loaded_keys: set[str] = set()
    for batch in _batches(_pieces(new_ms, links, dirty), stored_of):
        stored = load_mentions(store, sorted(e for regions_, _ in batch for r in regions_ for e in stored_of[r]))
        by_key = {m.key: m for m in stored}
        del stored
        for regions_, news in batch:
            piece = [by_key[e] for r in regions_ for e in stored_of[r] if e in by_key] + news
            result = cluster(piece)
            for idx in result.clusters:
                ms = [result.mentions[i] for i in idx]
                cid = canonical_id(ms[0].key)
                keys = {m.key for m in ms}
                if old_groups.get(cid) == keys and not keys & fresh_set:
                    kept.add(cid)  # the same members: the same canonical record
                else:
                    records.append(build_record(ms))
                    assignments.update((k, cid) for k in keys)
                for m, region in zip(ms, (result.region_of[i] for i in idx), strict=True):
                    if m.key in fresh_set or old_rows.get(m.key) != (region, cid):
                        idx_m.append((m.key, m.doc_id, region, cid))  # index rows that change, only
            loaded_keys.update(m.key for m in result.mentions)
            stats.mentions += len(result.mentions)
        del by_key
    _, idx_k = _index_rows(Clustering(new_ms, [], [""] * len(new_ms)), {}, with_mentions=False)
    old_cids = {cid for _, _, cid in members if cid}
    vanished = old_rows.keys() - loaded_keys  # gone, or no longer stored
    store.update_canonical(
        records,
        assignments,
        remove=sorted(old_cids - kept),
        index_drop=sorted(vanished | fresh_set | gone | {row[0] for row in idx_m}),
        keys_drop=sorted(vanished | fresh_set | gone),
        index_mentions=idx_m,
        index_keys=idx_k,
        merged=pending,
    )
    stats.canonical += len(records)


PIECE_BATCH = 5000  # stored mentions loaded at once (a larger piece is loaded whole)


def _pieces(new_ms: list[Mention], links: list[set[str]], dirty: set[str]) -> list[tuple[set[str], list[Mention]]]:
    """The connected pieces of (new mentions, stored regions): a new mention joins the regions it matches
    and the new mentions it matches; a dirty region (one that lost or changed a report) is a piece."""
    n = len(new_ms)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    for p in candidate_pairs(new_ms):
        i, j = divmod(p, n)
        if find(i) != find(j) and match(new_ms[i], new_ms[j]) is not None:
            union(i, j)
    owner: dict[str, int] = {}  # region -> a new mention that matches it
    for i, regions in enumerate(links):
        for r in regions:
            if r in owner:
                union(i, owner[r])
            else:
                owner[r] = i
    pieces: dict[int, tuple[set[str], list[Mention]]] = {}
    for i, m in enumerate(new_ms):
        regions, news = pieces.setdefault(find(i), (set(), []))
        regions.update(links[i])
        news.append(m)
    out = list(pieces.values())
    out.extend(({r}, []) for r in sorted(dirty - owner.keys()))
    return out


def _batches(pieces: list[tuple[set[str], list[Mention]]],
             stored_of: dict[str, list[str]]) -> Iterator[list[tuple[set[str], list[Mention]]]]:
    """Pieces grouped so that a group has about :data:`PIECE_BATCH` stored mentions to load."""
    batch: list[tuple[set[str], list[Mention]]] = []
    size = 0
    for piece in pieces:
        k = sum(len(stored_of[r]) for r in piece[0])
        if batch and size + k > PIECE_BATCH:
            yield batch
            batch, size = [], 0
        batch.append(piece)
        size += k
    if batch:
        yield batch


def _stored_matches(store: Any, ms: list[Mention], fresh: set[str]) -> list[set[str]]:
    """Per mention of ``ms``, the regions of the stored events it matches.

    The store gives the candidates (blocking keys that meet the probes of one of ``ms`` at a possible date:
    the test of :func:`marsad.merge.cluster.candidate_pairs`); they are read one at a time and scored against
    the new mentions.  A region no new mention matches cannot change: no new edge leads into it.  (Taking the
    region of every candidate re-clustered regions that merely share a party and a week with a new report,
    and those grow as the store fills.)"""
    links: list[set[str]] = [set() for _ in ms]
    types, keys, los, his, pubs = [], [], [], [], []
    for m in ms:
        lo, hi = (None, None) if loose(m) else (m.lo, m.hi)
        for k in m.probes:
            types.append(m.event_type)
            keys.append(k)
            los.append(lo)
            his.append(hi)
            pubs.append(m.pub)
    region_of: dict[str, str] = {}
    doc_of: dict[str, str] = {}
    if keys:
        # the matching events first, then their regions (a join with the whole merge_mentions table would
        # build a hash table of every indexed event)
        _, rows = store.query(
            "WITH hit AS (SELECT DISTINCT k.event_id FROM (SELECT unnest(?::VARCHAR[]) AS t, "
            "unnest(?::VARCHAR[]) AS key, unnest(?::INTEGER[]) AS lo, unnest(?::INTEGER[]) AS hi, "
            "unnest(?::INTEGER[]) AS pub) p "
            "JOIN merge_keys k ON k.event_type = p.t AND k.key = p.key "
            "WHERE (p.lo IS NOT NULL AND k.lo IS NOT NULL AND k.lo <= p.hi AND p.lo <= k.hi) "
            "OR ((p.lo IS NULL OR k.lo IS NULL) AND p.pub IS NOT NULL AND k.pub IS NOT NULL "
            "AND abs(p.pub - k.pub) <= 3)) "
            "SELECT event_id, region, doc_id FROM merge_mentions WHERE event_id IN (SELECT event_id FROM hit)",
            [types, keys, los, his, pubs],
        )
        for e, region, doc in rows:
            if e not in fresh:
                region_of[e] = region
                doc_of[e] = doc
    # a copy's events and its original's (see :func:`marsad.merge.match.twins`): the stored events of the
    # roots of the new ones' documents and of every stored copy down the chains from those roots and from
    # the new ones' documents
    family = _copies(store, {m.root for m in ms} | {m.doc_id for m in ms})
    _, rows = store.query(
        "SELECT event_id, region, doc_id FROM merge_mentions WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
        [sorted(family)],
    )
    copy_of = set()
    for e, region, doc in rows:
        if e not in fresh:
            region_of[e] = region
            doc_of[e] = doc
            copy_of.add(e)
    if not region_of:
        return links
    # the roots of the candidates' documents (a candidate that is a copy is matched as one)
    _, rows = store.query(
        "SELECT doc_id, near_duplicate_of FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) "
        "AND near_duplicate_of IS NOT NULL", [sorted(set(doc_of.values()))])
    roots = _roots(store, dict(rows))
    # the new mentions by blocking key; a stored one is compared with those whose keys meet its probes (the
    # relation is symmetric) and whose dates may agree (as in the query above and in ``cluster``)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, m in enumerate(ms):
        for key in m.keys:
            groups[(m.event_type, key)].append(i)
    holders = {g: _Holders([ms[i] for i in idx], idx) for g, idx in groups.items()}
    by_doc: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, m in enumerate(ms):
        by_doc[(m.event_type, m.doc_id)].append(i)
        if m.root != m.doc_id:
            by_doc[(m.event_type, m.root)].append(i)
    for c, _ in _iter_mentions(store, sorted(region_of)):
        region = region_of[c.key]
        c.root = roots.get(c.doc_id, c.doc_id)
        if c.key in copy_of:
            for d in {c.doc_id, c.root}:
                for i in by_doc.get((c.event_type, d), ()):
                    if region not in links[i] and match(ms[i], c) is not None:
                        links[i].add(region)
        for probe in c.probes:
            h = holders.get((c.event_type, probe))
            if h is None:
                continue
            for i in h.near(c):
                if region not in links[i] and match(ms[i], c) is not None:
                    links[i].add(region)
    return links


def _copies(store: Any, docs: Iterable[str]) -> set[str]:
    """``docs`` and the stored documents whose ``near_duplicate_of`` chain leads to one of them (up to
    :data:`~marsad.merge.mention.CHAIN_STEPS` steps)."""
    family = set(docs)
    frontier = sorted(family)
    for _ in range(CHAIN_STEPS):
        if not frontier:
            break
        _, rows = store.query(
            "SELECT doc_id FROM documents WHERE near_duplicate_of IN (SELECT unnest(?::VARCHAR[]))", [frontier])
        frontier = sorted({r[0] for r in rows} - family)
        family.update(frontier)
    return family


def _roots(store: Any, origins: dict[str, str]) -> dict[str, str]:
    """The root (:func:`~marsad.merge.mention.chain_root`) of each document of ``origins`` (doc_id → the
    document it copies), reading the rest of the chains from the store."""
    origins = dict(origins)
    known = set(origins)
    frontier = set(origins.values()) - known
    for _ in range(CHAIN_STEPS):
        if not frontier:
            break
        _, rows = store.query(
            "SELECT doc_id, near_duplicate_of FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) "
            "AND near_duplicate_of IS NOT NULL", [sorted(frontier)])
        known |= frontier
        origins.update(rows)
        frontier = {o for d, o in rows if o not in known}
    return {d: chain_root(d, origins) for d in known}


class _Holders:
    """Mentions sharing one blocking key, sorted for the date tests of :func:`_stored_matches`."""

    __slots__ = ("dated", "los", "by_pub", "pubs", "loose_by_pub", "loose_pubs")

    def __init__(self, ms: list[Mention], idx: list[int]):
        self.dated = sorted((m.lo, i, m.hi) for m, i in zip(ms, idx, strict=True) if not loose(m))
        self.los = [t[0] for t in self.dated]
        self.by_pub = sorted((m.pub, i, loose(m)) for m, i in zip(ms, idx, strict=True) if m.pub is not None)
        self.pubs = [t[0] for t in self.by_pub]
        self.loose_by_pub = [t for t in self.by_pub if t[2]]
        self.loose_pubs = [t[0] for t in self.loose_by_pub]

    def near(self, m: Mention) -> Iterator[int]:
        """The indices of the mentions whose dates may agree with ``m``'s: overlapping windows when both
        are dated, else publication within :data:`~marsad.merge.match.UNDATED_PUB_DAYS` days."""
        if not loose(m):
            for x in range(bisect_left(self.los, m.lo - MAX_WINDOW), bisect_right(self.los, m.hi)):
                _, i, hi = self.dated[x]
                if hi >= m.lo:
                    yield i
        if m.pub is None:
            return
        pubs, items = (self.pubs, self.by_pub) if loose(m) else (self.loose_pubs, self.loose_by_pub)
        for x in range(bisect_left(pubs, m.pub - UNDATED_PUB_DAYS), bisect_right(pubs, m.pub + UNDATED_PUB_DAYS)):
            yield items[x][1]


def list_canonical(store: Any, limit: int = 50) -> list[dict[str, Any]]:
    """Canonical events, the most reported first (then the latest, then by id)."""
    _, rows = store.query(
        "SELECT record FROM canonical_events ORDER BY num_documents DESC, num_outlets DESC, "
        "date DESC NULLS LAST, canonical_id LIMIT ?",
        [int(limit)],
    )
    return [json.loads(r[0]) for r in rows]


def canonical_detail(store: Any, cid: str) -> dict[str, Any]:
    """One canonical event with its reports (each event record with its document's title, outlet, URL,
    publication date and ``near_duplicate_of``).  ``cid`` may be a unique prefix; KeyError otherwise."""
    _, rows = store.query("SELECT canonical_id, record FROM canonical_events WHERE canonical_id = ?", [cid])
    if not rows:
        _, rows = store.query(
            "SELECT canonical_id, record FROM canonical_events WHERE starts_with(canonical_id, ?) "
            "ORDER BY canonical_id LIMIT 2",
            [cid if cid.startswith("c:") else "c:" + cid],
        )
        if len(rows) != 1:
            raise KeyError(f"{cid}: {'ambiguous' if rows else 'no such'} canonical event")
    real_cid, rec = rows[0]
    out = json.loads(rec)
    _, rows = store.query(
        f"SELECT {event_record('e')}, d.title, d.outlet, d.url, d.pub_date, d.near_duplicate_of FROM events e "
        "LEFT JOIN documents d ON d.doc_id = e.doc_id WHERE e.canonical_id = ? ORDER BY e.doc_id, e.event_id",
        [real_cid],
    )
    out["reports"] = [
        {
            **json.loads(r[0]),
            "document": {
                "title": r[1],
                "outlet": r[2],
                "url": r[3],
                "pub_date": r[4],
                "near_duplicate_of": r[5],
            },
        }
        for r in rows
    ]
    return out
