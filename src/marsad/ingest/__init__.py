"""Ingest: turn files, folders, JSONL, HTML and WARC into a stream of :class:`RawDocument`.

Nothing here holds the corpus in memory: every reader is a generator.  A document that cannot be
read is yielded with its ``errors`` filled in (and empty text), so the batch goes on.
"""

from marsad.ingest.readers import MAX_BYTES, iter_documents

__all__ = ["MAX_BYTES", "iter_documents"]
