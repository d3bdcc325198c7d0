"""Entities: detect knowledge-base actors, places and unknown titled persons; resolve them per document."""

from __future__ import annotations

from functools import cache

from marsad.entities.detect import EntityDetector
from marsad.entities.romanize import romanize_id
from marsad.kb import KB
from marsad.records import Document


@cache
def detector(kb: KB) -> EntityDetector:
    return EntityDetector(kb)


def extract_entities(doc: Document, kb: KB) -> None:
    """Fill ``doc.mentions`` (resolved, in text order) and ``doc.entities`` (one per actor)."""
    det = detector(kb)
    doc.mentions = det.detect(doc)
    doc.entities = det.entities(doc, doc.mentions)


__all__ = ["EntityDetector", "extract_entities", "romanize_id"]
