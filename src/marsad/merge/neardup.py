"""Near-duplicate documents: MinHash over normalized word shingles, LSH bands to find candidates.

Syndicated copies of one wire story differ by a dateline, a byline, a sentence cut or added, diacritics or
tatweel; their normalized 4-word shingles still overlap far more than any two different stories do.

* :func:`signature` — :data:`NUM_PERM` min-hashes of a text (vectorized; multiply-shift hashing of 64-bit
  shingle hashes, fixed seeds so a signature is the same in every process).
* :func:`similarity` — the share of equal min-hashes, an estimate of the shingles' Jaccard similarity.
* :class:`NearDuplicates` — what ``marsad run`` uses: it sets ``near_duplicate_of`` of each new document to
  the earliest earlier document (stored before, or earlier in this run) whose similarity reaches
  :data:`THRESHOLD`, and stores signatures and bands so that later runs find them without re-reading texts.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from marsad.records import Document
from marsad.text.normalize import normalize

SHINGLE = 4  # words per shingle
NUM_PERM = 128
BANDS, ROWS = 32, 4  # BANDS * ROWS == NUM_PERM; P(candidate) is 0.9998 at Jaccard 0.7, 0.23 at 0.3
THRESHOLD = 0.7  # estimated Jaccard similarity of shingles from which a document is a near duplicate
MIN_WORDS = 8  # shorter texts get no signature (a headline alone is not a story)

_WORD_RE = re.compile(r"[0-9a-z\u0621-\u064A]+")
_MIX = np.uint64(0x9E3779B97F4A7C15)
_rng = np.random.default_rng(20240607)
_A = _rng.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)  # odd multipliers
_B = _rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
_BAND_MUL = _rng.integers(1, 2**63, size=ROWS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


def shingle_hashes(text: str) -> np.ndarray:
    """Distinct 64-bit hashes of the text's normalized word shingles (empty for a short text)."""
    words = _WORD_RE.findall(normalize(text).text)
    if len(words) < MIN_WORDS:
        return np.empty(0, dtype=np.uint64)
    th = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    n = len(words) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(SHINGLE):
            h = h * _MIX + th[i : i + n]
    return np.unique(h)


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature (``NUM_PERM`` uint32) of a text, or None when it is too short."""
    h = shingle_hashes(text)
    if not len(h):
        return None
    with np.errstate(over="ignore"):
        x = h[None, :] * _A[:, None] + _B[:, None]  # mod 2**64
    return (x >> np.uint64(32)).min(axis=1).astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / NUM_PERM


def band_hashes(sig: np.ndarray) -> list[int]:
    """One signed 64-bit hash per LSH band (equal band, equal hash)."""
    rows = sig.astype(np.uint64).reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        h = (rows * _BAND_MUL[None, :]).sum(axis=1, dtype=np.uint64)
    return h.view(np.int64).tolist()


def story_text(text: str, stories: Sequence[Any]) -> str:
    """The text compared: the document's main stories (not what the page appends), else all of it."""
    parts = [text[s.start : s.end] for s in stories if s.kind == "main"]
    return "\n".join(parts) if parts else text


MAX_CANDIDATES = 64  # stored documents compared with a new one, earliest first


class NearDuplicates:
    """Near-duplicate detection across a run and the store (an LSH index: bands in the store, plus those of
    the batch being marked).  Call ``mark(docs)`` on each batch, in input order, before it is written."""

    def __init__(self, store: Any, threshold: float = THRESHOLD):
        self.store = store
        self.threshold = threshold
        self._seq = self._max_seq() + 1
        self.backfill()

    def _max_seq(self) -> int:
        _, rows = self.store.query("SELECT max(seq) FROM doc_signatures")
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    def backfill(self) -> int:
        """Sign stored documents that have no (or a stale) signature, oldest first; return how many."""
        _, rows = self.store.query(
            "SELECT d.doc_id, d.content_hash, d.text FROM documents d "
            "LEFT JOIN doc_signatures s ON s.doc_id = d.doc_id "
            "WHERE s.doc_id IS NULL OR s.content_hash IS DISTINCT FROM d.content_hash "
            "ORDER BY d.ingested_at, d.doc_id"
        )
        if not rows:
            return 0
        _, srows = self.store.query(
            "SELECT doc_id, kind, start_, end_ FROM stories WHERE doc_id IN (SELECT unnest(?))",
            [[r[0] for r in rows]],
        )
        spans: dict[str, list[Any]] = defaultdict(list)
        for doc_id, kind, start, end in srows:
            spans[doc_id].append(_Span(kind, start, end))
        sig_rows, band_rows = [], []
        for doc_id, chash, text in rows:
            sig = signature(story_text(text or "", spans.get(doc_id, []))) if spans.get(doc_id) else None
            self._row(doc_id, chash, self._seq, sig, sig_rows, band_rows)
            self._seq += 1
        self.store.write_signatures(sig_rows, self._capped(band_rows, [r[0] for r in sig_rows]))
        return len(rows)

    def _capped(self, band_rows: list[tuple[str, int, int]], writing: list[str]) -> list[tuple[str, int, int]]:
        """The band rows worth storing: a bucket (band, hash) keeps its ``MAX_CANDIDATES`` earliest documents.

        A new document is compared with its earliest ``MAX_CANDIDATES`` candidates over all its buckets, and
        each of those is among the earliest ``MAX_CANDIDATES`` of a bucket it shares, so later members of a
        full bucket could never be chosen: not storing them keeps the index — and the candidate query — from
        growing with every copy of a much-syndicated story.  ``band_rows`` come in ``seq`` order.
        """
        if not band_rows:
            return band_rows
        bands = [b for _, b, _ in band_rows]
        hashes = [h for _, _, h in band_rows]
        _, rows = self.store.query(
            "SELECT b.band, b.h, count(*) FROM doc_bands b "
            "JOIN (SELECT DISTINCT unnest(?::SMALLINT[]) AS band, unnest(?::BIGINT[]) AS h) p "
            "ON b.band = p.band AND b.h = p.h "
            "WHERE b.doc_id NOT IN (SELECT unnest(?::VARCHAR[])) GROUP BY b.band, b.h",
            [bands, hashes, writing],
        )
        held = {(b, h): n for b, h, n in rows}
        kept = []
        for row in band_rows:
            key = (row[1], row[2])
            n = held.get(key, 0)
            if n < MAX_CANDIDATES:
                kept.append(row)
                held[key] = n + 1
        return kept

    @staticmethod
    def _row(
        doc_id: str, chash: str, seq: int, sig: np.ndarray | None, sig_rows: list, band_rows: list
    ) -> None:
        sig_rows.append((doc_id, chash, seq, sig.tobytes() if sig is not None else None))
        if sig is not None:
            band_rows.extend((doc_id, b, h) for b, h in enumerate(band_hashes(sig)))

    def mark(self, docs: Sequence[Document]) -> None:
        """Set ``near_duplicate_of`` of each document (in order: a document may copy one before it)."""
        known = self.store.known_hashes([d.doc_id for d in docs])
        same = [d.doc_id for d in docs if d.content_hash and known.get(d.doc_id) == d.content_hash]
        stored_dup = {}
        if same:
            _, rows = self.store.query(
                "SELECT doc_id, near_duplicate_of FROM documents WHERE doc_id IN (SELECT unnest(?))", [same]
            )
            stored_dup = dict(rows)
        todo: list[tuple[Document, np.ndarray | None]] = []
        for doc in docs:
            if doc.doc_id in stored_dup:
                doc.near_duplicate_of = stored_dup[doc.doc_id]  # already stored: keep what it was given
            elif doc.stories:
                todo.append((doc, signature(story_text(doc.text, doc.stories))))
            else:
                todo.append((doc, None))
        stored = self._stored_candidates([sig for _, sig in todo])
        run_bands: dict[tuple[int, int], list[str]] = defaultdict(list)  # this batch, not stored yet
        run_sigs: dict[str, tuple[int, np.ndarray]] = {}
        sig_rows: list[tuple] = []
        band_rows: list[tuple] = []
        for i, (doc, sig) in enumerate(todo):
            seq, self._seq = self._seq, self._seq + 1
            doc.near_duplicate_of = None
            if sig is not None:
                bands = band_hashes(sig)
                cands = dict(stored.get(i, {}))
                for b, h in enumerate(bands):
                    for other in run_bands.get((b, h), ()):
                        cands[other] = run_sigs[other]
                best = None
                for other, (oseq, osig) in cands.items():
                    if other != doc.doc_id and similarity(sig, osig) >= self.threshold:
                        if best is None or (oseq, other) < best:
                            best = (oseq, other)
                doc.near_duplicate_of = best[1] if best else None
                for b, h in enumerate(bands):
                    run_bands[(b, h)].append(doc.doc_id)
                run_sigs[doc.doc_id] = (seq, sig)
            self._row(doc.doc_id, doc.content_hash, seq, sig, sig_rows, band_rows)
        # stored now, before the documents: a signature counts only once its document is stored with the
        # same content (see _stored_candidates), so a run killed in between changes nothing
        if sig_rows:
            self.store.write_signatures(sig_rows, self._capped(band_rows, [r[0] for r in sig_rows]))

    def _stored_candidates(
        self, sigs: list[np.ndarray | None]
    ) -> dict[int, dict[str, tuple[int, np.ndarray]]]:
        idx, band, h = [], [], []
        for i, sig in enumerate(sigs):
            if sig is not None:
                for b, x in enumerate(band_hashes(sig)):
                    idx.append(i)
                    band.append(b)
                    h.append(x)
        if not idx:
            return {}
        # the earliest candidates of each document only: a wire story syndicated a thousand times must not
        # make every new copy fetch and compare the thousand before it (the earliest similar one is kept)
        # (the signatures are joined only to the chosen candidates: ids and seqs are all the window needs)
        # every step is keyed by the few rows of the step before (semi-joins build their hash tables on
        # those): a join with a whole table would build one of every stored signature or document
        _, rows = self.store.query(
            "WITH p AS (SELECT unnest(?::INTEGER[]) AS i, unnest(?::SMALLINT[]) AS band, unnest(?::BIGINT[]) AS h), "
            "b AS (SELECT doc_id, band, h FROM doc_bands SEMI JOIN p USING (band, h)), "
            "hit AS (SELECT DISTINCT p.i, b.doc_id FROM p JOIN b USING (band, h)), "
            "s AS (SELECT doc_id, content_hash, seq FROM doc_signatures WHERE doc_id IN (SELECT doc_id FROM hit)), "
            "d AS (SELECT doc_id, content_hash FROM documents WHERE doc_id IN (SELECT doc_id FROM hit)), "
            "c AS (SELECT hit.i, s.doc_id, s.seq FROM hit JOIN s ON s.doc_id = hit.doc_id "
            "JOIN d ON d.doc_id = s.doc_id AND d.content_hash = s.content_hash "
            f"QUALIFY row_number() OVER (PARTITION BY hit.i ORDER BY s.seq, s.doc_id) <= {MAX_CANDIDATES}) "
            "SELECT c.i, c.doc_id, c.seq, g.signature FROM c JOIN (SELECT doc_id, signature FROM doc_signatures "
            "WHERE doc_id IN (SELECT doc_id FROM c)) g ON g.doc_id = c.doc_id",
            [idx, band, h],
        )
        out: dict[int, dict[str, tuple[int, np.ndarray]]] = defaultdict(dict)
        for i, doc_id, seq, sig in rows:
            if sig is not None:
                out[i][doc_id] = (int(seq), np.frombuffer(sig, dtype=np.uint32))
        return out


class _Span:
    __slots__ = ("kind", "start", "end")

    def __init__(self, kind: str, start: int, end: int):
        self.kind, self.start, self.end = kind, start, end
