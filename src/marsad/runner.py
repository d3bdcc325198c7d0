"""``marsad run``: stream documents through the pipeline into the store and the output files."""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from marsad.allocator import steady_heap
from marsad.ingest import iter_documents
from marsad.merge import NearDuplicates
from marsad.output import OutputDir
from marsad.pipeline import Context, clear_caches, process
from marsad.records import Document, RawDocument
from marsad.store import Store

BATCH = 200
MERGE_EVERY = 2000  # documents between incremental merges: bounds the mentions held in memory


@dataclass
class RunSummary:
    documents: int = 0
    failed: int = 0
    stories: int = 0
    entities: int = 0
    figures: int = 0
    events_by_type: Counter = field(default_factory=Counter)
    written: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)

    @property
    def all_failed(self) -> bool:
        return self.documents > 0 and self.failed == self.documents


def _batches(it: Iterable[RawDocument], n: int) -> Iterator[list[RawDocument]]:
    it = iter(it)
    while batch := list(islice(it, n)):
        yield batch


def run(inputs: Iterable[str | Path], store: Store, out: str | Path | None = None,
        on_document: Callable[[Document], None] | None = None, ctx: Context | None = None) -> RunSummary:
    """Process every input document, store it (one transaction per batch) and write the output files.

    The store is reopened after each merge (:meth:`marsad.store.Store.reopen`): give the run a store that no
    other thread is using while it runs.  On glibc the run fixes malloc's thresholds for the whole process
    (:func:`marsad.allocator.steady_heap`), which keeps a long run's heap from growing with freed memory."""
    t0 = time.perf_counter()
    steady_heap()
    ctx = ctx or Context()
    summary = RunSummary()
    run_id = uuid.uuid4().hex
    writer = OutputDir(out) if out else None
    near_dups = NearDuplicates(store)
    pending = 0
    try:
        for batch in _batches(iter_documents(inputs), BATCH):
            _unique_ids(batch, store, run_id)
            docs = [process(raw, ctx) for raw in batch]
            near_dups.mark(docs)  # near_duplicate_of: an earlier stored document, or one earlier in this run
            for doc in docs:
                _count(summary, doc)
                if on_document:
                    on_document(doc)
            written, unchanged = store.write_batch(docs, run_id)
            summary.written += written
            summary.unchanged += unchanged
            if writer:
                for doc in docs:
                    writer.write_document(doc)
            pending += len(docs)
            if pending >= MERGE_EVERY:
                # merging as we go bounds the new mentions a merge loads (with the regions they touch);
                # the incremental result equals one merge at the end
                _merge(store)
                store.reopen()  # gives back what DuckDB keeps per statement while a database is open
                clear_caches()  # the word caches then hold the words of the last pages, whatever the run's length
                pending = 0
        _merge(store)
        if writer:
            # the run's documents are those of its journal: no list of them kept in memory
            writer.write("events", store.records("events", run_id=run_id))
            writer.write("canonical_events", store.records("canonical_events", run_id=run_id))
    finally:
        if writer:
            writer.close()
    summary.seconds = time.perf_counter() - t0
    return summary


def _merge(store: Store) -> None:
    """Cross-document merging (canonical events) over everything stored."""
    try:
        from marsad.merge import merge_store
    except ImportError:  # merging not installed in this build
        return
    merge_store(store)


def _unique_ids(batch: list[RawDocument], store: Store, run_id: str) -> None:
    """Two inputs with one doc_id: keep both, the later one renamed (``id~2``, ``id~3`` …) so nothing is lost.

    The ids the run has already used are those of its journal in the store, so memory does not grow with
    the corpus."""
    taken = store.in_run(run_id, [raw.doc_id for raw in batch])
    for raw in batch:
        if raw.doc_id in taken:
            n = 2
            while f"{raw.doc_id}~{n}" in taken or store.in_run(run_id, [f"{raw.doc_id}~{n}"]):
                n += 1
            raw.doc_id = f"{raw.doc_id}~{n}"
        taken.add(raw.doc_id)


def _count(summary: RunSummary, doc: Document) -> None:
    summary.documents += 1
    if doc.errors and not doc.stories:
        summary.failed += 1
    for err in doc.errors:
        summary.messages.append(f"{doc.doc_id}: [{err.stage}] {err.message}")
    summary.stories += len(doc.stories)
    summary.entities += len(doc.entities)
    summary.figures += len(doc.figures)
    summary.events_by_type.update(ev.event_type for ev in doc.events)
