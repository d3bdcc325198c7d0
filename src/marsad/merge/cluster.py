"""Cluster mentions into real-world events, the same way whatever order they come in.

1. **Blocking.**  Two mentions are compared only when they have the same event type, share a blocking key
   (a pair of parties, or one party for a report naming one; see
   :func:`~marsad.merge.mention.blocking_keys`) and their dates can agree: overlapping day windows, or —
   when one is undated — stories published within :data:`~marsad.merge.match.UNDATED_PUB_DAYS` days.
2. **Edges.**  Every compared pair that :func:`~marsad.merge.match.match` accepts is an edge with a score.
3. **Regions.**  The connected components of the edges.  Nothing outside a region can change its clusters,
   so an incremental merge re-clusters only the regions that new mentions touch.
4. **Clusters.**  Single linkage with cannot-links: edges are taken best first (score, then the mentions'
   keys — a total order that does not depend on the input order) and join two clusters unless some pair
   across them is a :func:`~marsad.merge.match.conflict` (a month-level report matching two meetings two
   weeks apart joins one of them, and the two meetings stay apart).  A cluster may chain only as far as one day all its
   reports can agree on: every cluster keeps the days its reports leave possible (a dated report its date
   window, an undated report of an occurred act the few days before its publication), and two clusters
   join only when those days meet — a chain of reports each a day after the other does not become one event.
   A copy's events (:func:`~marsad.merge.match.twins`) join their original's first, whatever their dates
   (never two events of one document so).
"""

from __future__ import annotations

import gc
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from marsad.merge.match import TWIN_SCORE, UNDATED_PUB_DAYS, conflict, match, undated_before
from marsad.merge.mention import YEAR, Mention


@dataclass(slots=True)
class Clustering:
    mentions: list[Mention]  # sorted by key
    clusters: list[list[int]]  # indices into ``mentions``, each sorted, in order of their first key
    region_of: list[str]  # per mention: the smallest key of its region


def loose(m: Mention) -> bool:
    """Compared by publication date rather than by date window (undated, or dated by its year only)."""
    return m.lo is None or m.level == YEAR


MAX_WINDOW = 31  # the longest date window compared by date (a month); a year-only date is compared as undated


class _Holders:
    """Mentions sharing one blocking key, sorted for date-window and publication-date queries."""

    __slots__ = ("los", "dated", "pubs", "by_pub", "loose_pubs", "loose_by_pub", "loose_items")

    def __init__(self, ms: list[Mention], idx: list[int]):
        self.dated = sorted((ms[i].lo, ms[i].hi, i) for i in idx if not loose(ms[i]))
        self.los = [d[0] for d in self.dated]
        self.by_pub = sorted((ms[i].pub, i) for i in idx if ms[i].pub is not None)
        self.pubs = [p for p, _ in self.by_pub]
        self.loose_by_pub = [(p, i) for p, i in self.by_pub if loose(ms[i])]
        self.loose_pubs = [p for p, _ in self.loose_by_pub]
        self.loose_items = [i for i in idx if loose(ms[i])]

    def among(self, n: int, add) -> None:
        """Every pair inside the group."""
        dated = self.dated
        for x, (_, hi_x, i) in enumerate(dated):
            for y in range(x + 1, len(dated)):
                lo_y, _, j = dated[y]
                if lo_y > hi_x:
                    break
                add(i * n + j if i < j else j * n + i)
        pubs, by_pub = self.pubs, self.by_pub
        for p, i in self.loose_by_pub:
            for x in range(bisect_left(pubs, p - UNDATED_PUB_DAYS), bisect_right(pubs, p + UNDATED_PUB_DAYS)):
                j = by_pub[x][1]
                if j != i:
                    add(i * n + j if i < j else j * n + i)

    def across(self, other: _Holders, ms: list[Mention], n: int, add) -> None:
        """Every pair of one mention of this group and one of ``other``."""
        los, dated = other.los, other.dated
        for lo, hi, i in self.dated:
            for x in range(bisect_left(los, lo - MAX_WINDOW), bisect_right(los, hi)):
                _, hj, j = dated[x]
                if hj >= lo and j != i:
                    add(i * n + j if i < j else j * n + i)
        for mine, (pubs, items) in (
            (self.by_pub, (other.loose_pubs, other.loose_by_pub)),
            (self.loose_by_pub, (other.pubs, other.by_pub)),
        ):
            for p, i in mine:
                for x in range(
                    bisect_left(pubs, p - UNDATED_PUB_DAYS), bisect_right(pubs, p + UNDATED_PUB_DAYS)
                ):
                    j = items[x][1]
                    if j != i:
                        add(i * n + j if i < j else j * n + i)


def candidate_pairs(ms: list[Mention]) -> set[int]:
    """Pairs ``i * n + j`` (i < j) worth scoring: a probe of one meets a key of the other, and their dates
    may agree (overlapping windows; for an undated one, publication within a few days)."""
    n = len(ms)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, m in enumerate(ms):
        for k in m.keys:
            groups[(m.event_type, k)].append(i)
    pairs: set[int] = set()
    add = pairs.add
    copies: dict[tuple[str, str], list[int]] = defaultdict(list)  # a document and its copies, by type
    for i, m in enumerate(ms):
        if m.root != m.doc_id:
            copies[(m.event_type, m.root)].append(i)
    if copies:
        for i, m in enumerate(ms):
            if (m.event_type, m.doc_id) in copies:
                copies[(m.event_type, m.doc_id)].append(i)
        for idx in copies.values():
            for x, i in enumerate(idx):
                for j in idx[x + 1 :]:
                    if ms[i].doc_id != ms[j].doc_id:
                        add(i * n + j if i < j else j * n + i)
    for (etype, key), idx in groups.items():
        kind = key[:2]
        if kind == "c:" or (kind == "p:" and len(idx) < 2):
            continue  # reached from the reports naming that one party (``s:``); a pair key held once
        h = _Holders(ms, idx)
        if len(idx) > 1:
            h.among(n, add)
        if kind == "s:":
            named = groups.get((etype, "c:" + key[2:]))
            if named:
                h.across(_Holders(ms, named), ms, n, add)
    return pairs


class _Sets:
    """Union-find over indices."""

    __slots__ = ("parent",)

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        p = self.parent
        while p[i] != i:
            p[i] = p[p[i]]
            i = p[i]
        return i


def _conflict_signature(m: Mention) -> tuple:
    return (m.event_type, m.mode, m.status, m.level, m.lo, m.hi, m.day, m.tol, m.actors, m.src, m.tgt,
            m.pub if m.lo is None else None)


_OPEN = (-(1 << 40), 1 << 40)


def possible_days(m: Mention) -> tuple[int, int]:
    """The days (ordinals, inclusive) the act a report tells may be on: its date window (a year for a
    year-only date); for an undated
    report of an occurred act, the days just before its publication, up to that day; else any day."""
    if m.lo is not None:
        return m.lo, m.hi  # a year-only date: that year
    if m.pub is not None and m.status == "occurred" and m.lo is None:
        return m.pub - undated_before(m), m.pub
    return _OPEN


def _union(a: set, b: set) -> set:
    """``a | b``, adding the smaller set into the larger (a cluster's sets grow without copying)."""
    if len(a) < len(b):
        a, b = b, a
    a |= b
    return a


def cluster(mentions: Iterable[Mention]) -> Clustering:
    """Cluster mentions (any order; keys must be unique).

    The cyclic garbage collector is paused meanwhile: clustering allocates a few containers per pair and
    per cluster and makes no reference cycles, and every collection it would trigger walks every mention
    (and whatever else the caller holds) again — a quarter of the time of a large merge."""
    with gc_paused():
        return _cluster(mentions)


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off meanwhile (as it was after): for steps that allocate many small
    containers and make no reference cycles, whose collections would only walk every live mention again."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _cluster(mentions: Iterable[Mention]) -> Clustering:
    ms = sorted(mentions, key=lambda m: m.key)
    n = len(ms)
    edges: list[tuple[float, int, int]] = []
    for p in candidate_pairs(ms):
        i, j = divmod(p, n)
        s = match(ms[i], ms[j])
        if s is not None:
            edges.append((-s, i, j))
    edges.sort()

    # regions: connected components of the edges
    reg = _Sets(n)
    for _, i, j in edges:
        ri, rj = reg.find(i), reg.find(j)
        if ri != rj:
            reg.parent[max(ri, rj)] = min(ri, rj)  # the root is the smallest index, i.e. the smallest key
    region_of = [ms[reg.find(i)].key for i in range(n)]

    # clusters: best edges first, never across a cannot-link
    sig_ids: dict[tuple, int] = {}
    reps: list[Mention] = []
    sig_of = []
    for m in ms:
        s = _conflict_signature(m)
        if s not in sig_ids:
            sig_ids[s] = len(reps)
            reps.append(m)
        sig_of.append(sig_ids[s])
    sigs: list[set[int] | None] = [{s} for s in sig_of]
    cache: dict[int, bool] = {}
    nsig = len(reps)

    def clash(a: set[int], b: set[int]) -> bool:
        for x in a:
            for y in b:
                if x == y:
                    continue
                k = x * nsig + y if x < y else y * nsig + x
                c = cache.get(k)
                if c is None:
                    c = cache[k] = conflict(reps[x], reps[y])
                if c:
                    return True
        return False

    days = [possible_days(m) for m in ms]  # of each cluster, at its root
    docs: dict[int, set[str]] = {}
    cl = _Sets(n)
    find = cl.find
    for s, i, j in edges:
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        lo_i, hi_i = days[ri]
        lo_j, hi_j = days[rj]
        lo = lo_i if lo_i > lo_j else lo_j
        hi = hi_i if hi_i < hi_j else hi_j
        if -s >= TWIN_SCORE:  # a copy's event and its original's: one event whatever their dates
            if not docs.get(ri, {ms[ri].doc_id}).isdisjoint(docs.get(rj, {ms[rj].doc_id})):
                continue  # … but never two events of one document
            if lo > hi:
                lo, hi = min(lo_i, lo_j), max(hi_i, hi_j)
        elif lo > hi or clash(sigs[ri], sigs[rj]):
            continue
        root, other = (ri, rj) if ri < rj else (rj, ri)
        cl.parent[other] = root
        sigs[root] = _union(sigs[root], sigs[other])
        sigs[other] = None
        days[root] = (lo, hi)
        if -s >= TWIN_SCORE:  # the documents of a cluster are read by twin edges only, and those come first
            docs[root] = _union(docs.pop(root, None) or {ms[root].doc_id},
                                docs.pop(other, None) or {ms[other].doc_id})

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[cl.find(i)].append(i)
    clusters = sorted(groups.values(), key=lambda g: g[0])
    return Clustering(ms, clusters, region_of)
