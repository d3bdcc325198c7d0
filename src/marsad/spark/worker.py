"""Executor side of the pipeline: the stages of :func:`marsad.pipeline.process`, once per document.

The knowledge base is loaded once per Python worker process: :func:`marsad.pipeline.default_context` keeps
one :class:`~marsad.pipeline.Context` per process, and Spark reuses its Python workers between tasks
(``spark.python.worker.reuse``, on by default), so the KB is neither shipped with the tasks nor reloaded
per record or per partition.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from marsad.pipeline import default_context, process
from marsad.records import RawDocument
from marsad.spark.read import OrderKey


@dataclass(slots=True)
class Processed:
    """What one document gives: its JSONL records, ready for the tables and the merge stage."""

    key: OrderKey
    doc_id: str
    pub_date: str | None
    failed: bool
    document: dict[str, Any]
    entities: list[dict[str, Any]]
    events: list[dict[str, Any]]
    figures: list[dict[str, Any]]
    signature: Any = None  # MinHash signature of the main stories (numpy), for near-duplicate detection


def process_partition(items: Iterable[tuple[OrderKey, RawDocument]],
                      renames: dict[OrderKey, str]) -> Iterator[Processed]:
    """Run the pipeline over a partition's documents (renamed first where the driver said so)."""
    ctx = default_context()  # the worker's one Context: loaded on first use, kept for the worker's life
    for key, raw in items:
        new_id = renames.get(key)
        if new_id is not None:
            raw.doc_id = new_id
        doc = process(raw, ctx)
        yield Processed(
            key=key,
            doc_id=doc.doc_id,
            pub_date=doc.pub_date,
            failed=bool(doc.errors) and not doc.stories,
            document=doc.as_dict(),
            entities=[e.as_dict() for e in doc.entities],
            events=[ev.as_dict() for ev in doc.events],
            figures=[f.as_dict() for f in doc.figures],
            signature=_signature(doc),
        )


def _signature(doc: Any) -> Any:
    """The document's signature, computed as :class:`marsad.merge.NearDuplicates` computes it."""
    if not doc.stories:
        return None
    try:
        from marsad.merge.neardup import signature, story_text
    except ImportError:  # a build without merging
        return None
    return signature(story_text(doc.text, doc.stories))


def rename_plan(involved: Iterable[tuple[OrderKey, str]]) -> dict[OrderKey, str]:
    """New ids for documents whose ``doc_id`` repeats, exactly as :func:`marsad.runner.run` gives them.

    ``involved`` holds every document whose id is shared with another one or has the shape of a renamed
    id (``…~N``); the others can neither be renamed nor collide with a new name, so walking only these in
    input order reproduces the sequential rule of the single-machine run.
    """
    seen: set[str] = set()
    plan: dict[OrderKey, str] = {}
    for key, doc_id in sorted(involved):
        if doc_id in seen:
            n = 2
            while f"{doc_id}~{n}" in seen:
                n += 1
            doc_id = f"{doc_id}~{n}"
            plan[key] = doc_id
        seen.add(doc_id)
    return plan
