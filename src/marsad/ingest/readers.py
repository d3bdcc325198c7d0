"""Readers for every input kind of the spec: .txt, .html/.htm, .jsonl, .warc/.warc.gz, folders, stdin."""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from marsad.ingest.decode import DecodeError, decode_bytes
from marsad.ingest.html import html_document
from marsad.records import DocError, RawDocument

MAX_BYTES = 20 * 1024 * 1024  # a single document (file, JSONL line, WARC record) larger than this is refused

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
WARC_SUFFIXES = (".warc", ".warc.gz")
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # a given pub_date: a day, a month or a year


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    for kind, suffixes in (
        ("warc", WARC_SUFFIXES),
        ("txt", TEXT_SUFFIXES),
        ("html", HTML_SUFFIXES),
        ("jsonl", JSONL_SUFFIXES),
    ):
        if name.endswith(suffixes):
            return kind
    return None


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".warc.gz", *WARC_SUFFIXES, *TEXT_SUFFIXES, *HTML_SUFFIXES, *JSONL_SUFFIXES):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _failed(doc_id: str, source: str, message: str) -> RawDocument:
    return RawDocument(doc_id=doc_id, text="", source=source, errors=[DocError("ingest", message)])


def iter_paths(root: Path) -> Iterator[Path]:
    """Files under ``root`` that marsad reads, in a stable order (hidden files and folders skipped): a
    folder's files sorted by name, then its sub-folders sorted by name (the order of a top-down ``os.walk``
    with sorted names; links to folders are not followed).

    A folder's names are held packed in one string while its files are read, not as a list: a folder of
    200,000 pages costs ≈ 3 MB for the whole run instead of ≈ 16 MB."""
    if root.is_file():
        yield root
        return
    yield from _walk(root)


def _walk(folder: Path) -> Iterator[Path]:
    files, folders = _listing(folder)
    for name in _unpack(files):
        path = folder / name
        if _kind(path) is not None:
            yield path
    for name in _unpack(folders):
        yield from _walk(folder / name)


def _listing(folder: Path) -> tuple[str, str]:
    """The visible file names and sub-folder names of a folder, each sorted and joined with NUL (a
    character no file name has); an unreadable folder lists nothing, as ``os.walk`` skips it."""
    files: list[str] = []
    folders: list[str] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                if not is_dir:
                    files.append(entry.name)
                elif not entry.is_symlink():
                    folders.append(entry.name)
    except OSError:
        return "", ""
    files.sort()
    folders.sort()
    return "\0".join(files), "\0".join(folders)


def _unpack(names: str) -> Iterator[str]:
    start = 0
    while start < len(names):
        end = names.find("\0", start)
        if end < 0:
            end = len(names)
        yield names[start:end]
        start = end + 1


def iter_documents(inputs: Iterable[str | Path], stdin: IO[str] | None = None) -> Iterator[RawDocument]:
    """Stream the documents of every input (a file, a folder, or ``-`` for JSONL on stdin)."""
    for inp in inputs:
        if str(inp) == "-":
            yield from read_jsonl_lines(stdin if stdin is not None else sys.stdin, "<stdin>", "stdin")
            continue
        root = Path(inp)
        if not root.exists():
            yield _failed(_stem(root), str(root), f"{root}: no such file or folder")
            continue
        for path in iter_paths(root):
            yield from read_path(path)


def read_path(path: Path) -> Iterator[RawDocument]:
    kind = _kind(path)
    src = str(path)
    stem = _stem(path)
    if kind is None:
        yield _failed(stem, src, f"{path}: unsupported file type (expected .txt, .html, .jsonl, .warc)")
        return
    if kind == "jsonl":
        try:
            fh = path.open(encoding="utf-8", errors="replace")
        except OSError as exc:
            yield _failed(stem, src, f"{path}: cannot open ({exc.strerror})")
            return
        with fh:
            yield from read_jsonl_lines(fh, src, stem)
        return
    if kind == "warc":
        yield from read_warc(path)
        return
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield _failed(stem, src, f"{path}: file too large ({size} bytes > {MAX_BYTES})")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield _failed(stem, src, f"{path}: cannot read ({exc.strerror})")
        return
    if not data.strip():
        yield _failed(stem, src, f"{path}: empty file")
        return
    try:
        text, _enc = decode_bytes(data)
    except DecodeError as exc:
        yield _failed(stem, src, f"{path}: {exc}")
        return
    if kind == "html":
        yield html_document(stem, src, text)
    else:
        yield RawDocument(doc_id=stem, text=text.replace("\r\n", "\n"), source=src)


def read_jsonl_lines(fh: IO[str], source: str, stem: str) -> Iterator[RawDocument]:
    """One document per JSONL line; a bad line becomes a failed document naming file and line."""
    for lineno, line in enumerate(fh, 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        fallback_id = f"{stem}:{lineno}"
        if len(line) > MAX_BYTES:
            yield _failed(fallback_id, source, f"{where}: line too large ({len(line)} characters)")
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _failed(fallback_id, source, f"{where}: malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        doc = jsonl_record(rec, where, fallback_id, source)
        yield doc


def jsonl_record(rec: Any, where: str, fallback_id: str, source: str) -> RawDocument:
    """A document from one input-format record (shared by JSONL files, stdin and the HTTP API)."""
    if not isinstance(rec, dict):
        return _failed(fallback_id, source, f"{where}: expected a JSON object, got {type(rec).__name__}")
    doc_id = rec.get("id")
    if not isinstance(doc_id, str | int) or isinstance(doc_id, bool) or not str(doc_id).strip():
        return _failed(fallback_id, source, f"{where}: missing or invalid \"id\"")
    doc_id = str(doc_id).strip()
    meta: dict[str, Any] = {}
    for key in ("title", "url", "outlet", "pub_date"):
        val = rec.get(key)
        if val is None:
            continue
        if not isinstance(val, str):
            return _failed(doc_id, source, f"{where}: \"{key}\" must be a string")
        meta[key] = val.strip() or None
    if meta.get("pub_date") and not _valid_given_date(meta["pub_date"]):
        return _failed(doc_id, source,
                       f"{where}: \"pub_date\" must be YYYY-MM-DD, YYYY-MM or YYYY, got {meta['pub_date']!r}")
    text, html = rec.get("text"), rec.get("html")
    if isinstance(text, str) and text.strip():
        return RawDocument(doc_id=doc_id, text=text.replace("\r\n", "\n"), source=source, **meta)
    if isinstance(html, str) and html.strip():
        return html_document(doc_id, source, html, **meta)
    if text is not None and not isinstance(text, str) or html is not None and not isinstance(html, str):
        return _failed(doc_id, source, f"{where}: \"text\"/\"html\" must be a string")
    return _failed(doc_id, source, f"{where}: no \"text\" or \"html\" (or it is empty)")


def _valid_given_date(value: str) -> bool:
    from marsad.dates import iso_date

    return bool(_DATE_RE.match(value)) and iso_date(value) == value


def read_warc(path: Path) -> Iterator[RawDocument]:
    """Every HTML response record of a WARC file is a document (doc_id = WARC-Record-ID)."""
    from warcio.archiveiterator import ArchiveIterator

    src = str(path)
    stem = _stem(path)
    n = 0
    try:
        if path.stat().st_size == 0:
            yield _failed(stem, src, f"{path}: empty file")
            return
        with path.open("rb") as raw:
            fh = _GzipTracker(raw) if path.name.lower().endswith(".gz") else raw
            for record in ArchiveIterator(fh):
                if record.rec_type != "response":
                    continue
                ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
                if "html" not in ctype.lower():
                    continue
                n += 1
                rid = (record.rec_headers.get_header("WARC-Record-ID") or f"{stem}:{n}").strip("<>")
                url = record.rec_headers.get_header("WARC-Target-URI")
                data = record.content_stream().read(MAX_BYTES + 1)
                if len(data) > MAX_BYTES:
                    yield _failed(rid, src, f"{path}: record {rid}: too large (> {MAX_BYTES} bytes)")
                    continue
                try:
                    html, _ = decode_bytes(data)
                except DecodeError as exc:
                    yield _failed(rid, src, f"{path}: record {rid}: {exc}")
                    continue
                yield html_document(rid, src, html, url=url)
            if isinstance(fh, _GzipTracker) and not fh.complete():
                yield _failed(f"{stem}:after-{n}", src, f"{path}: truncated gzip stream after {n} HTML records")
    except (OSError, EOFError, gzip.BadGzipFile, ValueError) as exc:
        yield _failed(f"{stem}:after-{n}", src, f"{path}: truncated or corrupt WARC after {n} records ({exc})")
    except Exception as exc:  # warcio raises bare Exceptions on bad headers
        yield _failed(f"{stem}:after-{n}", src, f"{path}: unreadable WARC after {n} records ({exc})")


class _GzipTracker:
    """A file wrapper that follows the gzip members warcio reads, to tell a cut file from a whole one."""

    def __init__(self, fh: IO[bytes]):
        self.fh = fh
        self._d = zlib.decompressobj(wbits=31)
        self._seen = False

    def read(self, size: int = -1) -> bytes:
        data = self.fh.read(size)
        self._feed(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self.fh.readline(size)
        self._feed(data)
        return data

    def _feed(self, data: bytes) -> None:
        while data:
            self._seen = True
            try:
                self._d.decompress(data)
            except zlib.error:
                return
            if self._d.eof:
                data = self._d.unused_data
                self._d = zlib.decompressobj(wbits=31)
                self._seen = False
            else:
                data = b""

    def complete(self) -> bool:
        rest = self.fh.read()
        self._feed(rest)
        return not self._seen
