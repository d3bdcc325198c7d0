"""Near-duplicate documents as a Spark stage, with the rule of :class:`marsad.merge.NearDuplicates`.

``marsad run`` gives a document ``near_duplicate_of`` = the earliest earlier document (in input order) that
shares an LSH band with it and whose MinHash similarity reaches the threshold.  Here every (band, hash)
is a group; in each group a document looks at the members before it, earliest first, and stops at the
first similar one; the earliest over all its bands is the same document ``marsad run`` picks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

BROADCAST_LIMIT = 1_000_000  # up to this many near duplicates, the result is broadcast instead of joined


def _earliest_similar(members: Iterable[tuple[Any, str, Any]]) -> Iterator[tuple[str, tuple[Any, str]]]:
    from marsad.merge.neardup import THRESHOLD, similarity

    ordered = sorted(members, key=lambda t: t[0])
    for i, (_, doc_id, sig) in enumerate(ordered):
        for key, other, osig in ordered[:i]:
            if other != doc_id and similarity(sig, osig) >= THRESHOLD:
                yield doc_id, (key, other)
                break


def mark_near_duplicates(processed: Any, broadcast_limit: int | None = None) -> tuple[Any, dict | None]:
    """(``processed`` with ``near_duplicate_of`` set in each document record, the map doc_id → origin).

    The map is returned when it was small enough to broadcast (``None`` when it was joined instead); the
    merge stage uses it to follow copies to their outlet without a join.
    """
    try:
        from marsad.merge.neardup import band_hashes
    except ImportError:  # a build without merging: marsad run marks nothing either
        return processed, {}
    limit = BROADCAST_LIMIT if broadcast_limit is None else broadcast_limit
    n = processed.getNumPartitions()
    found = (processed.filter(lambda p: p.signature is not None)
             .flatMap(lambda p: (((b, h), (p.key, p.doc_id, p.signature))
                                 for b, h in enumerate(band_hashes(p.signature))))
             .groupByKey(n)
             .flatMap(lambda kv: _earliest_similar(kv[1]))
             .reduceByKey(min, n)
             .mapValues(lambda v: v[1]))
    few = found.take(limit + 1)
    if not few:
        return processed, {}
    if len(few) <= limit:
        origins = dict(few)
        origin = processed.context.broadcast(origins)
        return processed.map(lambda p: _with_origin(p, origin.value.get(p.doc_id))), origins
    return (processed.keyBy(lambda p: p.doc_id)
            .leftOuterJoin(found, n)
            .map(lambda kv: _with_origin(kv[1][0], kv[1][1]))), None


def _with_origin(p: Any, origin: str | None) -> Any:
    if origin is None:
        return p
    return replace(p, document={**p.document, "near_duplicate_of": origin})
