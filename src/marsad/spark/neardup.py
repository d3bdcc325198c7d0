"""Near-duplicate documents as a Spark stage, with the rule of :class:`marsad.merge.NearDuplicates`.

``marsad run`` gives a document ``near_duplicate_of`` = the earliest earlier document (in input order) that
shares an LSH band with it and whose MinHash similarity reaches the threshold.  Here every (band, hash)
is a group; in each group a document looks at the members before it, earliest first, and stops at the
first similar one; the earliest over all its bands is the same document ``marsad run`` picks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

BROADCAST_LIMIT = 1_000_000  # up to this many near duplicates, the result is broadcast instead of joined


def _earliest_similar(members: Iterable[tuple[Any, str, Any, str | None]]) -> Iterator[tuple[str, tuple]]:
    from marsad.merge.neardup import THRESHOLD, similarity

    ordered = sorted(members, key=lambda t: t[0])
    for i, (_, doc_id, sig, _) in enumerate(ordered):
        for key, other, osig, own in ordered[:i]:
            if other != doc_id and similarity(sig, osig) >= THRESHOLD:
                yield doc_id, (key, other, own)
                break


@dataclass
class NearDuplicateMap:
    """Which document each near duplicate copies, found by :func:`find_near_duplicates`.

    ``origins`` (doc_id → origin) and ``owns`` (origin → its own outlet key, or None) are on the driver
    when there are at most ``BROADCAST_LIMIT`` near duplicates; otherwise both are ``None`` and ``found``,
    an RDD doc_id → origin, is joined instead.
    """

    origins: dict[str, str] | None
    owns: dict[str, str | None] | None
    found: Any = None

    @property
    def on_driver(self) -> bool:
        return self.origins is not None


def find_near_duplicates(processed: Any, broadcast_limit: int | None = None) -> NearDuplicateMap:
    """``near_duplicate_of`` of every document, by the rule of ``marsad run``."""
    try:
        from marsad.merge.neardup import band_hashes
    except ImportError:  # a build without merging: marsad run marks nothing either
        return NearDuplicateMap({}, {})
    from marsad.spark.merge import own_outlet

    limit = BROADCAST_LIMIT if broadcast_limit is None else broadcast_limit
    n = processed.getNumPartitions()
    found = (processed.filter(lambda p: p.signature is not None)
             .flatMap(lambda p: (((b, h), (p.key, p.doc_id, p.signature, own_outlet(p)))
                                 for b, h in enumerate(band_hashes(p.signature))))
             .groupByKey(n)
             .flatMap(lambda kv: _earliest_similar(kv[1]))
             .reduceByKey(min, n))
    few = found.take(limit + 1)
    if len(few) <= limit:
        return NearDuplicateMap({d: v[1] for d, v in few}, {v[1]: v[2] for _, v in few})
    return NearDuplicateMap(None, None, found.mapValues(lambda v: v[1]))


def with_origin(document: dict[str, Any], origin: str | None) -> dict[str, Any]:
    """A document record with its ``near_duplicate_of``."""
    return document if origin is None else {**document, "near_duplicate_of": origin}


def mark_by_join(processed: Any, found: Any) -> Any:
    """``processed`` with ``near_duplicate_of`` set from an RDD doc_id → origin (a new RDD)."""
    return (processed.keyBy(lambda p: p.doc_id)
            .leftOuterJoin(found, processed.getNumPartitions())
            .map(lambda kv: _with_origin(kv[1][0], kv[1][1])))


def _with_origin(p: Any, origin: str | None) -> Any:
    return p if origin is None else replace(p, document=with_origin(p.document, origin))
