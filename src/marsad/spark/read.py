"""Executor side of ingest: the bytes of a whole file, read by the very readers of ``marsad run``.

``sc.binaryFiles`` hands each executor ``(uri, bytes)``.  :class:`BytesPath` makes those bytes look like the
``pathlib.Path`` that :func:`marsad.ingest.readers.read_path` expects (name, stat, read_bytes, open), so a
``.txt``, ``.html``, ``.jsonl`` or ``.warc[.gz]`` file gives exactly the documents — ids, sources, error
messages — that the single-machine run gives for the same file.

Every document carries an *order key* ``(input index, path key, record index)`` that sorts like the
single-machine walk (``os.walk`` with sorted names: the files of a folder before its sub-folders); it is
what makes renaming of duplicate ``doc_id``s (``id~2``) come out the same on both.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from marsad.ingest.readers import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    TEXT_SUFFIXES,
    WARC_SUFFIXES,
    iter_paths,
    jsonl_record,
    read_path,
)
from marsad.records import RawDocument

OrderKey = tuple[int, tuple[tuple[int, str], ...], int]
TILDE_ID = re.compile(r"~\d+$")  # the shape of a renamed doc_id
FILES_PER_SLICE = 500  # files of a local folder per Spark partition (when not told)
_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, *JSONL_SUFFIXES, *WARC_SUFFIXES)


@dataclass(frozen=True, slots=True)
class InputRoot:
    """One input of the job, resolved on the driver."""

    index: int
    given: str  # as the user wrote it (the single-machine run's ``source`` starts with it)
    uri: str  # qualified by Hadoop (``file:/abs/path``, ``hdfs://…``, ``s3a://…``)
    is_dir: bool
    local: bool  # a ``file:`` path: sources are written as local paths, like ``marsad run`` does


class _Stat:
    __slots__ = ("st_size",)

    def __init__(self, size: int):
        self.st_size = size


class BytesPath:
    """The parts of ``pathlib.Path`` the readers use, over bytes already in memory."""

    def __init__(self, source: str, data: bytes):
        self._source = source
        self._data = data
        self.name = PurePosixPath(source).name
        self.stem = PurePosixPath(source).stem

    def __str__(self) -> str:
        return self._source

    def __fspath__(self) -> str:
        return self._source

    def stat(self) -> _Stat:
        return _Stat(len(self._data))

    def read_bytes(self) -> bytes:
        return self._data

    def open(self, mode: str = "r", encoding: str | None = None, errors: str | None = None) -> IO[Any]:
        raw = io.BytesIO(self._data)
        if "b" in mode:
            return raw
        # the same newline handling as a file opened in text mode
        return io.TextIOWrapper(raw, encoding=encoding or "utf-8", errors=errors or "strict")


def source_of(root: InputRoot, uri: str) -> tuple[str, tuple[str, ...]]:
    """(the ``source`` string the single-machine run would give, the path's parts below the root)."""
    rel = uri[len(root.uri):].lstrip("/") if root.is_dir else ""
    parts = tuple(p for p in rel.split("/") if p)
    if not root.local:
        return uri, parts
    base = Path(root.given)
    return str(base.joinpath(*parts)) if parts else str(base), parts


def path_key(parts: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """Sorts like ``os.walk`` top-down with sorted names: a folder's files before its sub-folders."""
    if not parts:
        return ()
    return tuple((1, p) for p in parts[:-1]) + ((0, parts[-1]),)


def wanted(root: InputRoot, parts: tuple[str, ...], source: str) -> bool:
    """The files of a folder that ``marsad run`` reads (hidden names skipped, known suffixes only)."""
    if not root.is_dir:
        return True
    if any(p.startswith(".") for p in parts):
        return False
    return parts[-1].lower().endswith(_SUFFIXES)


def read_file(root: InputRoot, uri: str, data: bytes) -> Iterator[tuple[OrderKey, RawDocument]]:
    """The documents of one whole file, each with its order key."""
    source, parts = source_of(root, uri)
    if not wanted(root, parts, source):
        return
    key = path_key(parts)
    for i, raw in enumerate(read_path(BytesPath(source, data))):  # type: ignore[arg-type]
        yield (root.index, key, i), raw


def list_local_files(root: InputRoot) -> list[tuple[OrderKey, str]]:
    """(order key of the file, its path) for every file ``marsad run`` reads under a local root, in its order."""
    base = Path(root.given)
    out = []
    for path in iter_paths(base):
        parts = path.relative_to(base).parts if root.is_dir else ()
        out.append(((root.index, path_key(parts), 0), str(path)))
    return out


def read_local(item: tuple[OrderKey, str]) -> Iterator[tuple[OrderKey, RawDocument]]:
    """The documents of one local file (listed on the driver), read as ``marsad run`` reads it."""
    (index, key, _), path = item
    for i, raw in enumerate(read_path(Path(path))):
        yield (index, key, i), raw


def read_record(root: InputRoot, part: int, i: int, rec: dict[str, Any]) -> tuple[OrderKey, RawDocument]:
    """A document from one row of a Parquet table of documents (the JSONL input fields)."""
    where = f"{root.given}: partition {part} row {i}"
    rec = {k: v for k, v in rec.items() if v is not None}
    return (root.index, ((0, f"{part:08d}"),), i), jsonl_record(rec, where, f"{root.given}:{part}:{i}", root.given)
