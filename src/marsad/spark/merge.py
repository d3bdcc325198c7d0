"""Cross-document merging as Spark stages, with the clustering of :mod:`marsad.merge` unchanged.

The single-machine merge clusters every mention at once.  Its clusters never cross a *region* (a connected
component of the match graph: :mod:`marsad.merge.cluster`), so the same clusters — and the same
``canonical_id``s — come out of:

1. **blocks** — each mention goes to the blocks (event type, blocking key, 30-day bucket) it can be
   compared in: every bucket its date window or its publication window (±``UNDATED_PUB_DAYS``) touches, so
   any pair the single-machine blocking compares meets in at least one block;
2. **edges** — in each block, the pairs :func:`~marsad.merge.cluster.candidate_pairs` proposes and
   :func:`~marsad.merge.match.match` accepts (duplicates across blocks dropped);
3. **regions** — connected components of the edges (union-find on the driver when the edge list is small,
   else min-label propagation in Spark);
4. **clusters** — :func:`cluster_region`, the one function that gives canonical ids: the merge package's
   ``records_of(cluster(mentions))`` on one region, as ``merge_store`` calls it on everything.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any

BUCKET_DAYS = 30
DRIVER_EDGES = 2_000_000  # up to this many edges, regions are found on the driver


def available() -> bool:
    """True when the merge package (and so cross-document merging) is part of this build.

    The test is the one :func:`marsad.runner.run` makes (``marsad.merge.merge_store``), so that both runs
    merge, or neither does.
    """
    try:
        import marsad.merge.canonical  # noqa: F401
        import marsad.merge.cluster  # noqa: F401
        import marsad.merge.mention  # noqa: F401
        from marsad.merge import merge_store  # noqa: F401
    except ImportError:
        return False
    return True


def mentions_of(document: dict[str, Any], events: list[dict[str, Any]], outlet: str,
                root: str | None = None) -> Iterator[Any]:
    """The merge package's mentions of one document's events.

    As :func:`marsad.merge.persist.load_mentions`: the date of the event's story (the document's date when
    the story is not known), the document's outlet key and the root of its ``near_duplicate_of`` chain
    (see :func:`chains`; ``root`` None: the document's own ``near_duplicate_of``).
    """
    from marsad.merge.mention import mention_from_event

    stories = {s["story_id"]: s.get("pub_date") for s in document.get("stories", [])}
    origin = document.get("near_duplicate_of") if root is None else root
    for ev in events:
        sid = ev.get("story_id")
        pub_date = stories[sid] if sid in stories else document.get("pub_date")
        yield mention_from_event(ev, pub_date=pub_date, outlet=outlet, near_duplicate_of=origin)


def own_outlet(p: Any) -> str | None:
    """The outlet key a document gives itself (its outlet name, else its URL host), or None."""
    from marsad.merge.mention import outlet_key

    return outlet_key(p.doc_id, p.document.get("outlet"), p.document.get("url"))


def _chain_step(item: tuple[str, tuple[tuple[str, int, str | None], Any]]) -> Iterator[tuple[str, Any]]:
    """One step along a ``near_duplicate_of`` chain: ("done", (doc, (outlet key, root))) or
    ("next", (target, (doc, depth, the first own outlet key met))) — the rules of
    :func:`marsad.merge.mention.chain_outlet` and :func:`marsad.merge.mention.chain_root`."""
    from marsad.merge.mention import CHAIN_STEPS

    target, ((doc_id, depth, found), meta) = item
    own, orig = meta or (None, None)
    found = found or own
    if orig and orig != target and orig != doc_id and depth < CHAIN_STEPS:
        yield "next", (orig, (doc_id, depth + 1, found))
    else:
        yield "done", (doc_id, (found or "doc:" + target, target))


def chains(processed: Any) -> Any:
    """RDD doc_id → (outlet key, root) of the documents with events, by the rules of
    :func:`marsad.merge.mention.chain_outlet` and :func:`marsad.merge.mention.chain_root`, following
    ``near_duplicate_of`` chains with joins (for a near-duplicate map too large to broadcast)."""
    from marsad.merge.mention import CHAIN_STEPS

    n = processed.getNumPartitions()
    direct = processed.filter(lambda p: p.events).map(
        lambda p: (p.doc_id, own_outlet(p), p.document.get("near_duplicate_of")))
    parts = [direct.filter(lambda t: not t[2] or t[2] == t[0]).map(lambda t: (t[0], (t[1] or "doc:" + t[0], t[0])))]
    pending = direct.filter(lambda t: t[2] and t[2] != t[0]).map(lambda t: (t[2], (t[0], 1, t[1])))
    meta = processed.map(lambda p: (p.doc_id, (own_outlet(p), p.document.get("near_duplicate_of"))))
    for _ in range(CHAIN_STEPS + 1):  # every chain is done within CHAIN_STEPS steps (see _chain_step)
        if pending.isEmpty():
            break
        step = pending.leftOuterJoin(meta, n).flatMap(_chain_step).cache()
        parts.append(step.filter(lambda x: x[0] == "done").map(lambda x: x[1]))
        pending = step.filter(lambda x: x[0] == "next").map(lambda x: x[1])
    return processed.context.union(parts).coalesce(n)


def cluster_region(mentions: Iterable[Any]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """(canonical records, event_id → canonical_id) of one region — where canonical ids come from.

    The merge package's own pure functions, as ``merge_store`` calls them: ``records_of(cluster(ms))``.
    """
    from marsad.merge import cluster, records_of

    return records_of(cluster(mentions))


def _buckets(m: Any) -> set[int]:
    from marsad.merge.cluster import loose
    from marsad.merge.match import UNDATED_PUB_DAYS

    out: set[int] = set()
    if not loose(m):
        out.update(range(m.lo // BUCKET_DAYS, m.hi // BUCKET_DAYS + 1))
    if m.pub is not None:
        out.update(range((m.pub - UNDATED_PUB_DAYS) // BUCKET_DAYS, (m.pub + UNDATED_PUB_DAYS) // BUCKET_DAYS + 1))
    return out


def _light(m: Any) -> Any:
    """A mention without its event record (what blocking and matching read is kept: the evidence tells a
    copy's event from its original's, :func:`marsad.merge.match.twins`)."""
    return dataclasses.replace(m, event={})


def block_keys(m: Any) -> Iterator[tuple[tuple[str, str, int], Any]]:
    light = _light(m)
    for k in sorted(m.keys):
        for b in sorted(_buckets(m)):
            yield (m.event_type, k, b), light
    # a document and its copies meet whatever their dates (``candidate_pairs`` pairs them by document)
    for d in sorted({m.doc_id, m.root}):
        yield (m.event_type, "n:" + d, 0), light


def block_edges(members: Iterable[Any]) -> Iterator[tuple[str, str]]:
    """Accepted pairs (smaller key, larger key) among the mentions of one block."""
    from marsad.merge.cluster import candidate_pairs
    from marsad.merge.match import match

    ms = sorted(members, key=lambda m: m.key)
    n = len(ms)
    if n < 2:
        return
    for p in candidate_pairs(ms):
        i, j = divmod(p, n)
        if match(ms[i], ms[j]) is not None:
            yield ms[i].key, ms[j].key


def regions_on_driver(edges: Iterable[tuple[str, str]]) -> dict[str, str]:
    """key → smallest key of its connected component (only keys that have an edge)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            parent[hi] = lo
            parent.setdefault(lo, lo)
    return {k: find(k) for k in parent}


def regions_in_spark(edges: Any, max_rounds: int = 100) -> Any:
    """RDD key → smallest key of its component, by min-label propagation over the edges.

    Rounds = the longest shortest path in a component (small for news events); partitions stay fixed.
    """
    n = max(1, edges.getNumPartitions())
    nbrs = edges.flatMap(lambda e: (e, (e[1], e[0]))).partitionBy(n).persist()
    labels = nbrs.keys().distinct(n).map(lambda k: (k, k)).persist()
    for _ in range(max_rounds):
        proposed = labels.join(nbrs, n).map(lambda kv: (kv[1][1], kv[1][0]))
        new = labels.union(proposed).reduceByKey(min, n).persist()
        changed = new.join(labels, n).filter(lambda kv: kv[1][0] != kv[1][1]).count()
        labels.unpersist()
        labels = new
        if changed == 0:
            break
    nbrs.unpersist()
    return labels


def merge_events(processed: Any, origins: dict[str, str] | None = None, owns: dict[str, str | None] | None = None,
                 driver_edges: int | None = None) -> tuple[Any, Any]:
    """(RDD of (document pub_date, event record with canonical_id), RDD of canonical event records).

    ``origins``: the near-duplicate map doc_id → origin (``{}``: no copies) and ``owns``, the own outlet
    key of each origin; ``origins=None`` when the map is too large for the driver: the documents of
    ``processed`` then carry ``near_duplicate_of`` and the chains (outlet, root) are followed with joins.
    """
    from pyspark import StorageLevel

    sc = processed.context
    if not available():
        # a build without merging: events keep the canonical_id the pipeline gave (none), like marsad run
        return processed.flatMap(lambda p: ((p.pub_date, ev) for ev in p.events)), sc.emptyRDD()
    n = processed.getNumPartitions()
    with_events = processed.filter(lambda p: p.events)
    if origins is not None:
        # the near-duplicate map is on the driver, with the own outlet of every document a copy points
        # to: each document's outlet key is found where it is, without a join
        from marsad.merge.mention import chain_outlet, chain_root

        near = sc.broadcast((origins, owns or {}))
        pairs = with_events.map(lambda p: (p, (chain_outlet(p.doc_id, own_outlet(p), *near.value),
                                               chain_root(p.doc_id, near.value[0]))))
    else:
        pairs = with_events.keyBy(lambda p: p.doc_id).join(chains(processed), n).values()
    mentions = (pairs.flatMap(lambda po: ((po[0].pub_date, m) for m in mentions_of(po[0].document, po[0].events,
                                                                                   *po[1])))
                .persist(StorageLevel.MEMORY_AND_DISK))
    edges = (mentions.flatMap(lambda pm: block_keys(pm[1]))
             .groupByKey(n)
             .flatMap(lambda kv: block_edges(kv[1]))
             .distinct(n)
             .persist(StorageLevel.MEMORY_AND_DISK))
    keyed = mentions.map(lambda pm: (pm[1].key, pm))
    limit = DRIVER_EDGES if driver_edges is None else driver_edges
    few = edges.take(limit + 1)  # one pass when the graph is small (the usual case)
    if len(few) <= limit:
        region = sc.broadcast(regions_on_driver(few))
        by_region = keyed.map(lambda kv: (region.value.get(kv[0], kv[0]), kv[1]))
    else:
        labels = regions_in_spark(edges)
        by_region = keyed.leftOuterJoin(labels, n).map(lambda kv: (kv[1][1] or kv[0], kv[1][0]))
    clustered = by_region.groupByKey(n).flatMap(lambda kv: _assign(kv[1])).persist(StorageLevel.MEMORY_AND_DISK)
    events = clustered.filter(lambda x: x[0] == "event").map(lambda x: x[1])
    canonical = clustered.filter(lambda x: x[0] == "canonical").map(lambda x: x[1])
    edges.unpersist()
    return events, canonical


def _assign(region: Iterable[tuple[str | None, Any]]) -> Iterator[tuple[str, Any]]:
    """Cluster one region; tag the outputs ``event`` ((pub_date, record)) and ``canonical`` (record)."""
    region = list(region)
    records, assignments = cluster_region(m for _, m in region)
    for record in records:
        yield "canonical", record
    for pub_date, m in region:
        yield "event", (pub_date, {**m.event, "canonical_id": assignments[m.key]})
