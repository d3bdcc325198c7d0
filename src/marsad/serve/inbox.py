"""The inbox of ``marsad serve --inbox DIR``: files dropped into a folder are ingested by the server.

While ``marsad serve`` owns the database no other process can write it (DuckDB allows one owner), so new
files reach the store through the server.  A background thread polls the folder every ``interval`` seconds
and takes a file of any input kind (.txt .html .htm .jsonl .warc .warc.gz) once it is complete: its size and
modification time are the same at two polls in a row.  Files named ``*.part``/``*.tmp`` and hidden files are
never taken, so the safe way to drop a file is to write ``name.txt.part`` and rename it to ``name.txt``.

The documents of the files taken at one poll are stored in batches through the server's
:class:`~marsad.serve.writer.StoreWriter` (the same path as ``POST /api/documents``), then each file moves to
``DIR/done/``, or to ``DIR/failed/`` with ``NAME.error.txt`` naming what went wrong (a document that could
not be read, a failed write).  Good documents of a file with a bad line are stored all the same.  A bad file
never stops the thread.  Writes are idempotent (doc id + content hash), so a file that was being ingested
when the server stopped is simply ingested again at the next start.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.ingest.readers import read_path
from marsad.records import RawDocument
from marsad.serve.writer import StoreWriter

log = logging.getLogger("marsad.serve.inbox")

INTERVAL = 0.5  # seconds between two polls
BATCH = 100  # documents written in one transaction
MAX_FILES = 500  # files taken at one poll (the rest wait for the next)
SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".warc", ".warc.gz")
PARTIAL = (".part", ".tmp", ".partial", ".crdownload", ".swp", "~")  # files still being written
DONE, FAILED = "done", "failed"


@dataclass
class _File:
    path: Path
    documents: int = 0  # stored (written or unchanged)
    problems: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)


@dataclass
class InboxStatus:
    """What the inbox did since the server started (shown by ``GET /api/stats``)."""

    directory: str
    files_done: int = 0
    files_failed: int = 0
    documents: int = 0
    last_error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"directory": self.directory, "files_done": self.files_done, "files_failed": self.files_failed,
                "documents": self.documents, "last_error": self.last_error}


class Inbox:
    """Polls ``directory`` and ingests the complete files in it through ``writer``."""

    def __init__(self, directory: str | Path, writer: StoreWriter, interval: float = INTERVAL,
                 batch: int = BATCH):
        self.dir = Path(directory)
        self.writer = writer
        self.interval = interval
        self.batch = batch
        self.status = InboxStatus(str(self.dir))
        self._sizes: dict[str, tuple[int, int]] = {}  # name -> (size, mtime) at the last poll
        self._stuck: dict[str, tuple[int, int]] = {}  # files that could not be moved away: not taken again
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        for sub in (self.dir, self.dir / DONE, self.dir / FAILED):
            sub.mkdir(parents=True, exist_ok=True)

    # -- the thread -------------------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._loop, name="marsad-inbox", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop after the batch being written (files not moved yet are taken again at the next start)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.poll()
            except Exception as exc:  # never let the thread die: log and poll again
                log.exception("inbox poll failed")
                self.status.last_error = f"{type(exc).__name__}: {exc}"[:500]

    # -- one poll -------------------------------------------------------------------------------------
    def poll(self) -> int:
        """Take the files that are complete, store their documents and move them; return how many."""
        ready = self._ready()
        if not ready:
            return 0
        files: list[_File] = []
        pending: dict[str, tuple[_File, RawDocument]] = {}  # doc_id -> its file and document, in order
        for path in ready:
            if self._stop.is_set():
                break
            f = _File(path)
            files.append(f)
            try:
                for raw in self._documents(f):
                    if raw.doc_id in pending and pending[raw.doc_id][0] is not f:
                        # the same doc id in two files: the later file replaces the earlier, as two runs would
                        del pending[raw.doc_id]
                    pending[raw.doc_id] = (f, raw)
                    if len(pending) >= self.batch:
                        self._flush(pending)
            except Exception as exc:  # a reader that raised instead of yielding a failed document
                f.problems.append(f"{path.name}: unreadable ({type(exc).__name__}: {exc})")
        try:
            self._flush(pending)
            for f in files:
                self._finish(f)
        finally:
            self.writer.changed()  # once per poll: the documents written and the inbox counters of /api/stats
        return len(files)

    def _ready(self) -> list[Path]:
        """Files whose size and modification time did not change since the last poll."""
        sizes: dict[str, tuple[int, int]] = {}
        ready = []
        try:
            entries = sorted(os.scandir(self.dir), key=lambda e: e.name)
        except OSError as exc:
            self.status.last_error = f"cannot list {self.dir}: {exc.strerror}"
            return []
        for e in entries:
            name = e.name
            if name.startswith(".") or name.lower().endswith(PARTIAL):
                continue
            try:
                if not e.is_file(follow_symlinks=False):
                    continue
                st = e.stat(follow_symlinks=False)
            except OSError:  # gone meanwhile
                continue
            sig = (st.st_size, st.st_mtime_ns)
            sizes[name] = sig
            if self._stuck.get(name) == sig:
                continue
            if self._sizes.get(name) == sig and len(ready) < MAX_FILES:
                ready.append(Path(e.path))
        self._sizes = sizes
        self._stuck = {k: v for k, v in self._stuck.items() if k in sizes}
        return ready

    def _documents(self, f: _File) -> Iterator[RawDocument]:
        if not f.path.name.lower().endswith(SUFFIXES):
            f.problems.append(f"{f.path.name}: unsupported file type (expected {' '.join(SUFFIXES)})")
            return
        for raw in read_path(f.path):
            if raw.errors:
                f.problems.extend(e.message for e in raw.errors)
                continue
            if raw.doc_id in f.seen:  # one doc id twice in a file: keep both, as `marsad run` does
                n = 2
                while f"{raw.doc_id}~{n}" in f.seen:
                    n += 1
                raw.doc_id = f"{raw.doc_id}~{n}"
            f.seen.add(raw.doc_id)
            yield raw

    def _flush(self, pending: dict[str, tuple[_File, RawDocument]]) -> None:
        if not pending:
            return
        items = list(pending.values())
        pending.clear()
        try:
            result = self.writer.write([raw for _, raw in items], run_id=f"inbox-{uuid.uuid4().hex}",
                                       announce=False)
        except Exception as exc:
            log.exception("inbox: storing %d documents failed", len(items))
            message = f"storing the documents failed ({type(exc).__name__}: {str(exc)[:300]})"
            for f in {id(f): f for f, _ in items}.values():
                f.problems.append(message)
            self.status.last_error = message
            return
        for f, _ in items:
            f.documents += 1
        self.status.documents += len(result.docs)

    def _finish(self, f: _File) -> None:
        """Move a file to done/ or failed/ (with NAME.error.txt)."""
        name = f.path.name
        if not f.documents and not f.problems:
            f.problems.append(f"{name}: no document in this file")
        try:
            sig = f.path.stat()
            sig = (sig.st_size, sig.st_mtime_ns)
        except OSError:
            sig = None
        if sig is not None and sig != self._sizes.get(name):
            # changed while it was read (a writer that appends in place): take it again when it is still
            self._sizes.pop(name, None)
            return
        try:
            if f.problems:
                target = _free(self.dir / FAILED / name)
                os.replace(f.path, target)
                stored = f"{f.documents} other document(s) of this file were stored.\n" if f.documents else (
                    "No document of this file was stored.\n")
                text = "".join(f"{p}\n" for p in f.problems[:1000]) + stored
                target.with_name(target.name + ".error.txt").write_text(text, encoding="utf-8")
                self.status.files_failed += 1
                log.warning("inbox: %s failed: %s", name, f.problems[0])
            else:
                os.replace(f.path, _free(self.dir / DONE / name))
                self.status.files_done += 1
        except OSError as exc:
            log.error("inbox: cannot move %s (%s); it is left in place and not taken again", name, exc)
            self.status.last_error = f"cannot move {name}: {exc.strerror}"
            if sig is not None:
                self._stuck[name] = sig
        self._sizes.pop(name, None)


def _free(path: Path) -> Path:
    """``path``, or ``name-2.ext``, ``name-3.ext``… if it is taken."""
    if not path.exists() and not path.with_name(path.name + ".error.txt").exists():
        return path
    name = path.name
    suffix = next((s for s in SUFFIXES[::-1] if name.lower().endswith(s)), "")
    stem = name[: len(name) - len(suffix)] if suffix else name
    n = 2
    while True:
        cand = path.with_name(f"{stem}-{n}{suffix}")
        if not cand.exists() and not cand.with_name(cand.name + ".error.txt").exists():
            return cand
        n += 1
