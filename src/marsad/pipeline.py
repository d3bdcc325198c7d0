"""The pipeline: one :class:`RawDocument` in, one enriched :class:`Document` out.

Stages are plain functions ``stage(doc, ctx) -> None`` that enrich the document in place; each one
declares the fields it reads and writes, and the order is checked once at import time.  A stage that
fails on a document records a :class:`DocError` for that document and the others go on.  Storage, CLI
and servers call :func:`process`/:func:`analyze`; no stage imports them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from marsad.clean import segment_page
from marsad.dates import choose_pub_date, find_pub_date
from marsad.entities import extract_entities
from marsad.figures import extract_figures
from marsad.records import DocError, Document, RawDocument

_FILENAME_DATE_RE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})[-_]?(0[1-9]|1[0-2])[-_]?(0[1-9]|[12]\d|3[01])(?!\d)")
PUB_DATE_WINDOW = 600  # characters from the top of a story searched for its date line


@dataclass
class Context:
    """Shared, read-only resources of a run (the knowledge base is loaded once per process)."""

    options: dict[str, Any] = field(default_factory=dict)
    _kb: Any = None

    @property
    def kb(self) -> Any:
        if self._kb is None:
            from marsad.kb import load_kb

            self._kb = load_kb()
        return self._kb


@dataclass(frozen=True)
class Stage:
    name: str
    fn: Callable[[Document, Context], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


def _content_hash(doc: Document, ctx: Context) -> None:
    doc.content_hash = hashlib.sha1(" ".join(doc.norm.text.split()).encode("utf-8")).hexdigest()


def _segment(doc: Document, ctx: Context) -> None:
    layout = segment_page(doc.doc_id, doc.text, doc.norm, doc.title)
    doc.stories = layout.stories
    doc.boilerplate = layout.boilerplate


def _pub_date(doc: Document, ctx: Context) -> None:
    """The document's publication date: one given with it wins; else every source is heard — the date
    stated in the text's header, the page's markup and URL (``doc.date_hints``), a date in the file name —
    and the most precise date they agree on is kept (:func:`marsad.dates.choose_pub_date`), at the
    precision its source wrote: never a day made up from a year."""
    if doc.pub_date:
        doc.pub_date_from, doc.pub_date_source = "metadata", "given"
    else:
        candidates = [(h.value, h.source) for h in doc.date_hints]
        first = doc.stories[0].start if doc.stories else 0
        hit = find_pub_date(doc.text, 0, min(len(doc.text), first + PUB_DATE_WINDOW))
        if hit and hit.value:
            candidates.append((hit.value, "text"))
        m = _FILENAME_DATE_RE.search(doc.source.rsplit("/", 1)[-1])
        if m and _valid_date(*m.groups()):
            candidates.append(("-".join(m.groups()), "filename"))
        chosen = choose_pub_date(candidates)
        if chosen:
            doc.pub_date, doc.pub_date_source = chosen
            doc.pub_date_from = _PUB_DATE_FROM[doc.pub_date_source]
    for story in doc.stories:
        if story.kind == "main":
            story.pub_date = doc.pub_date
        else:
            # an appended story has its own date context: its own date line or nothing
            hit = find_pub_date(doc.text, story.start, min(story.end, story.start + PUB_DATE_WINDOW // 2))
            story.pub_date = hit.value if hit else None


# ``pub_date_from`` keeps the values of the spec: a page's markup and URL are its metadata
_PUB_DATE_FROM = {"given": "metadata", "markup": "metadata", "time": "metadata", "url": "metadata",
                  "text": "text", "filename": "filename"}


def _valid_date(y: str, m: str, d: str) -> bool:
    try:
        dt.date(int(y), int(m), int(d))
    except ValueError:
        return False
    return True


def _entities(doc: Document, ctx: Context) -> None:
    extract_entities(doc, ctx.kb)


def _events(doc: Document, ctx: Context) -> None:
    from marsad.events import extract_events

    doc.events = extract_events(doc, ctx.kb)


def _figures(doc: Document, ctx: Context) -> None:
    doc.figures = extract_figures(doc)


STAGES: list[Stage] = [
    Stage("hash", _content_hash, ("text",), ("content_hash",)),
    Stage("clean", _segment, ("text",), ("stories", "boilerplate")),
    Stage("pub_date", _pub_date, ("stories", "date_hints"), ("pub_date", "pub_date_from", "pub_date_source")),
    Stage("entities", _entities, ("stories", "boilerplate", "pub_date"), ("entities", "mentions")),
    Stage("events", _events, ("entities", "mentions", "stories"), ("events",)),
    Stage("figures", _figures, ("stories", "boilerplate", "entities"), ("figures",)),
]


def check_order(stages: list[Stage]) -> None:
    """Raise if a stage reads a field that no earlier stage (or ingest) provides."""
    have = {"text", "doc_id", "source", "title", "pub_date", "url", "outlet", "date_hints"}
    for st in stages:
        missing = [r for r in st.requires if r not in have]
        if missing:
            raise RuntimeError(f"stage {st.name!r} requires {missing}, which no earlier stage assigns")
        have.update(st.assigns)


def register(stage: Stage) -> None:
    """Append a stage (used by the extraction packages as they are imported)."""
    check_order([*STAGES, stage])
    STAGES.append(stage)


def process(raw: RawDocument, ctx: Context | None = None, stages: list[Stage] | None = None) -> Document:
    """Run every stage (or the given ones) over one ingested document."""
    ctx = ctx or default_context()
    doc = Document(
        doc_id=raw.doc_id,
        text=raw.text,
        source=raw.source,
        title=raw.title,
        url=raw.url,
        outlet=raw.outlet,
        pub_date=raw.pub_date,
        errors=list(raw.errors),
        date_hints=list(raw.date_hints),
    )
    if doc.errors:
        return doc  # unreadable input: recorded, nothing extracted
    for st in STAGES if stages is None else stages:
        try:
            st.fn(doc, ctx)
        except Exception as exc:  # one bad document never stops a batch
            doc.errors.append(DocError(st.name, f"{type(exc).__name__}: {exc}"))
            if st.name in ("hash", "clean"):
                break
    if not doc.title and doc.stories and doc.stories[0].title:
        doc.title = doc.stories[0].title
    return doc


def analyze(text: str, pub_date: str | dt.date | None = None, doc_id: str = "doc",
            title: str | None = None) -> Document:
    """Analyze one text (with an optional publication date) into typed records.

    >>> doc = analyze("التقى وزير الخارجية الأمريكي نظيره المصري في القاهرة.", pub_date="2024-03-01")
    >>> doc.stories[0].kind
    'main'
    """
    if isinstance(pub_date, dt.date):
        pub_date = pub_date.isoformat()
    return process(RawDocument(doc_id=doc_id, text=text, source="<api>", title=title, pub_date=pub_date))


_DEFAULT: Context | None = None


def clear_caches() -> None:
    """Empty the stages' per-word caches (clitic readings, phrase memos); they refill from the next pages.

    The caches are bounded, but full ones hold more than those of a few thousand pages, so a process that
    keeps them through a 200,000-page run ends with more memory than a short run.  ``marsad run`` calls
    this after each merge, so what they hold follows the last pages read, not the length of the run."""
    from marsad.events.extract import forget_words as forget_event_words
    from marsad.figures.lexicon import forget_words as forget_figure_words

    forget_event_words()
    forget_figure_words()


def default_context() -> Context:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Context()
    return _DEFAULT


check_order(STAGES)
