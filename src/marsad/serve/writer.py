"""The one writer of ``marsad serve``: every document the server stores goes through :class:`StoreWriter`.

DuckDB lets one process own a database file, so while the server holds it, new documents reach the store
through the server (``POST /api/documents`` or the inbox, :mod:`marsad.serve.inbox`).  Both share this
writer: documents are processed outside the lock (the pipeline only reads the shared context), then marked
for near duplicates, written in one transaction (:meth:`marsad.store.Store.write_batch`) and merged under
one lock, so two writes never race and reads go on from their own cursors meanwhile.

The pipeline is CPU-bound pure Python (~0.1 s for a news page): run in the server's threads it holds the
GIL the request threads need.  With ``processes`` > 0 it runs in that many worker processes instead
(started by :meth:`StoreWriter.start`), and the server process only writes and answers requests.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from marsad.pipeline import Context, process
from marsad.records import Document, RawDocument
from marsad.store import Store

log = logging.getLogger("marsad.serve")


@dataclass
class WriteResult:
    docs: list[Document]
    written: int
    unchanged: int
    merged: bool


class StoreWriter:
    """Processes raw documents and stores them, one batch at a time (thread-safe)."""

    def __init__(self, store: Store, ctx: Context | None = None, processes: int = 0):
        self.store = store
        self.ctx = ctx or Context()
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None
        self.lock = threading.Lock()
        self.generation = 0  # counts writes; an answer computed at an older generation may be stale
        self.fresh_from = 0  # answers older than this generation are never served (see marsad.serve.app)
        self._near_dups: Any = None

    def write(self, raws: Sequence[RawDocument], run_id: str, announce: bool = True) -> WriteResult:
        """Process ``raws`` (their doc ids must differ) and store them in one transaction, then merge.

        A client that wrote reads its write at once (read-your-writes: ``fresh_from`` moves up).
        ``announce=False`` (the inbox, whose writes nobody waits for): the caller calls :meth:`changed` itself
        once its work is done, and a reader may get the answer of the previous generation while the new one
        is being computed.
        """
        docs = self._process(list(raws))
        with self.lock:
            try:
                near = self._near_duplicates()
                try:
                    if near is not None:
                        near.mark(docs)
                    written, unchanged = self.store.write_batch(docs, run_id=run_id)
                except Exception:
                    self._near_dups = None  # it remembers the documents it marked: start afresh next time
                    raise
                remember = getattr(near, "remember", None)  # older NearDuplicates kept signatures until written
                if remember is not None:
                    remember(docs)
                merged = self._merge()
            finally:
                if announce:
                    self.generation += 1  # after the commits: whatever was read before may be stale now
                    self.fresh_from = self.generation
        return WriteResult(docs, written, unchanged, merged)

    def start(self) -> None:
        """Start the worker processes (if any) and load the knowledge base in them."""
        if self.processes > 0 and self._pool is None:
            self._pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_init_worker)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _process(self, raws: list[RawDocument]) -> list[Document]:
        pool = self._pool
        if pool is not None and raws:
            chunk = -(-len(raws) // self.processes)
            parts = [raws[i:i + chunk] for i in range(0, len(raws), chunk)]
            try:
                return [doc for part in pool.map(_process_batch, parts) for doc in part]
            except BrokenProcessPool as exc:  # a worker died (killed, out of memory)
                log.error("pipeline worker failed (%s): processing in the server from now on", exc)
                self._pool = None
        return [process(raw, self.ctx) for raw in raws]

    def changed(self) -> None:
        """Count a change the readers can see that is not a write (the inbox moved files)."""
        with self.lock:
            self.generation += 1

    def _near_duplicates(self) -> Any:
        if self._near_dups is None:
            try:
                from marsad.merge import NearDuplicates
            except ImportError:  # merging not installed in this build
                return None
            self._near_dups = NearDuplicates(self.store)
        return self._near_dups

    def _merge(self) -> bool:
        """Cross-document merging; a failure is logged (the documents are stored) and retried next time."""
        try:
            from marsad.merge import merge_store
        except ImportError:
            return False
        try:
            merge_store(self.store)
        except Exception:
            log.exception("merging after a write failed (it runs again after the next one)")
            return False
        return True


_WORKER_CTX: Context | None = None


def _init_worker() -> None:
    global _WORKER_CTX
    _WORKER_CTX = Context()
    _WORKER_CTX.kb  # noqa: B018  (load the knowledge base once, before the first batch)


def _process_batch(raws: list[RawDocument]) -> list[Document]:
    """The pipeline over a batch, in a worker process."""
    return [process(raw, _WORKER_CTX) for raw in raws]
