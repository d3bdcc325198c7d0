"""Cross-document merging: near-duplicate documents and canonical events.

* :class:`NearDuplicates` (used by ``marsad run``) sets ``near_duplicate_of`` of each document to an earlier
  near-identical one (MinHash/LSH over normalized word shingles, :mod:`marsad.merge.neardup`).
* :func:`merge_store` gives every stored event a ``canonical_id``: the reports of one real-world event in any
  document share it, and ``canonical_events`` holds one record per event (incremental; see
  :mod:`marsad.merge.persist`, matching rules in :mod:`marsad.merge.match`, clustering in
  :mod:`marsad.merge.cluster`).
* :func:`merge_events` does the same in memory over event records or dicts, without a store.
* :func:`list_canonical` and :func:`canonical_detail` read the result back (for the CLI and the API).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from marsad.merge.canonical import build_record, canonical_id
from marsad.merge.cluster import Clustering, cluster
from marsad.merge.match import conflict, match
from marsad.merge.mention import Mention, chain_root, mention_from_event, outlet_key
from marsad.merge.neardup import NearDuplicates, signature, similarity
from marsad.merge.persist import MergeStats, canonical_detail, list_canonical, merge_store, records_of
from marsad.records import Event


def merge_events(
    events: Iterable[dict[str, Any] | Event], docs: Mapping[str, Mapping[str, Any]] | None = None
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Cluster events in memory: (canonical records, event_id -> canonical_id).

    ``docs`` maps a doc_id to its document's ``pub_date`` / ``outlet`` / ``url`` / ``near_duplicate_of``;
    an event dict may also carry ``pub_date``, ``outlet`` and ``near_duplicate_of`` itself.  A copy's events
    are its chain's first document's (:func:`~marsad.merge.mention.chain_root`).
    """
    docs = docs or {}
    dicts = [ev.as_dict() if isinstance(ev, Event) else ev for ev in events]
    origins = {doc: meta["near_duplicate_of"] for doc, meta in docs.items() if meta.get("near_duplicate_of")}
    for d in dicts:
        if d.get("near_duplicate_of"):
            origins.setdefault(d["doc_id"], d["near_duplicate_of"])
    ms = []
    for d in dicts:
        meta = docs.get(d["doc_id"], {})
        ms.append(
            mention_from_event(
                d,
                pub_date=meta.get("pub_date"),
                outlet=outlet_key(d["doc_id"], meta.get("outlet"), meta.get("url")),
                near_duplicate_of=chain_root(d["doc_id"], origins),
            )
        )
    return records_of(cluster(ms))


__all__ = [
    "Clustering",
    "Mention",
    "MergeStats",
    "NearDuplicates",
    "build_record",
    "canonical_detail",
    "canonical_id",
    "cluster",
    "conflict",
    "list_canonical",
    "match",
    "mention_from_event",
    "merge_events",
    "merge_store",
    "outlet_key",
    "records_of",
    "signature",
    "similarity",
]
