"""The typed records that flow between marsad's stages, defined once.

Every record is a small dataclass with ``as_dict`` (the JSON shape of
``spec/output-format.md``) and, where a record is read back, ``from_dict``.
All ``start``/``end`` values are indices into the document's original text,
end exclusive: ``text[start:end]`` is the quoted text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = 1


def _drop_private(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if not k.startswith("_")}


@dataclass(slots=True)
class Span:
    """A stretch of a document's original text."""

    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class DocError:
    stage: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"stage": self.stage, "message": self.message}


@dataclass(slots=True)
class DateHint:
    """A publication date that a page's container offers (its markup or its URL), at the precision it has.

    ``value`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, never padded; ``source`` is where it was read:
    ``markup`` (a published-time meta, JSON-LD ``datePublished``, an ``itemprop``/``pubdate`` element),
    ``time`` (a page's first ``<time datetime>``, which may date anything), or ``url``; ``detail`` names the
    key or pattern (``meta article:published_time``, ``url /YYYY/MM/DD/`` …)."""

    value: str
    source: str
    detail: str = ""


@dataclass(slots=True)
class RawDocument:
    """What ingest yields: one document's text and the metadata its container gave."""

    doc_id: str
    text: str
    source: str
    title: str | None = None
    pub_date: str | None = None  # given with the document (a JSONL or API field): it wins
    url: str | None = None
    outlet: str | None = None
    errors: list[DocError] = field(default_factory=list)
    date_hints: list[DateHint] = field(default_factory=list)  # dates the page's markup and URL offer


@dataclass(slots=True)
class Story:
    story_id: str
    kind: str  # main | appended
    start: int
    end: int
    title: str | None = None
    pub_date: str | None = None
    title_start: int | None = None
    title_end: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "story_id": self.story_id,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "title": self.title,
            "pub_date": self.pub_date,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Story:
        return cls(**{f.name: d.get(f.name) for f in fields(cls)})


@dataclass(slots=True)
class Boilerplate:
    start: int
    end: int
    kind: str  # tags | read_also | related | share | caption | byline | source | newsletter | nav | date | cookie | comments | other

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind}


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    story_id: str | None = None
    in_boilerplate: bool = False

    def as_dict(self) -> dict[str, Any]:
        d = {"start": self.start, "end": self.end, "text": self.text, "story_id": self.story_id}
        if self.in_boilerplate:
            d["in_boilerplate"] = True
        return d


@dataclass(slots=True)
class EntityMention:
    """One resolved mention, in text order: what the event and figure stages read.

    ``via`` says how it was found: ``name`` (a full name), ``short`` (surname), ``role`` (a role phrase
    such as وزير الخارجية الأمريكي resolved to its holder), ``title`` (an unknown person after a title),
    ``metonym`` (واشنطن for the US), ``gov`` (الجيش الإسرائيلي), ``place``, ``org``, ``country``.
    """

    start: int
    end: int
    text: str
    entity_id: str
    kind: str
    via: str
    story_id: str | None = None
    in_boilerplate: bool = False
    office: str | None = None  # for role phrases: the office named
    sector: str | None = None  # for government phrases: the sector named


@dataclass(slots=True)
class Entity:
    """One actor, country, organization or place in one document, with all its mentions."""

    doc_id: str
    id: str
    kind: str  # person | organization | country | place
    name: str
    name_ar: str
    linked: bool
    wikidata: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    in_boilerplate: bool = False

    def as_dict(self) -> dict[str, Any]:
        d = {
            "doc_id": self.doc_id,
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "name_ar": self.name_ar,
            "linked": self.linked,
            "wikidata": self.wikidata,
            "country": self.country,
            "sector": self.sector,
            "role": self.role,
            "mentions": [m.as_dict() for m in self.mentions],
        }
        if self.in_boilerplate:
            d["in_boilerplate"] = True
        return d


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    name_ar: str
    kind: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    start: int | None = None
    end: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Location:
    name: str
    name_ar: str
    country: str | None
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Attribution:
    source: str | None
    text: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Event:
    doc_id: str
    story_id: str
    event_id: str
    event_type: str
    mode: str | None
    plover_mode: str | None
    source: list[Actor]
    target: list[Actor]
    participants: list[Actor]
    date: str | None
    date_text: str | None
    date_from: str
    location: Location | None
    status: str
    contexts: list[str]
    topics: list[str]
    attribution: Attribution | None
    evidence: Span
    confidence: float
    also_evidence: list[Span] = field(default_factory=list)
    trigger: Span | None = None
    canonical_id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "story_id": self.story_id,
            "event_id": self.event_id,
            "canonical_id": self.canonical_id,
            "event_type": self.event_type,
            "mode": self.mode,
            "plover_mode": self.plover_mode,
            "source": [a.as_dict() for a in self.source],
            "target": [a.as_dict() for a in self.target],
            "participants": [a.as_dict() for a in self.participants],
            "date": self.date,
            "date_text": self.date_text,
            "date_from": self.date_from,
            "location": self.location.as_dict() if self.location else None,
            "status": self.status,
            "contexts": list(self.contexts),
            "topics": list(self.topics),
            "attribution": self.attribution.as_dict() if self.attribution else None,
            "evidence": self.evidence.as_dict(),
            "also_evidence": [s.as_dict() for s in self.also_evidence],
            "trigger": self.trigger.as_dict() if self.trigger else None,
            "confidence": round(self.confidence, 3),
        }


@dataclass(slots=True)
class Figure:
    doc_id: str
    story_id: str
    value: float | int
    approx: str  # exact | more_than | about | less_than | at_least | up_to
    what: str  # killed | wounded | hostages | detained | displaced | aid | missing
    unit: str | None
    group: str | None
    place: str | None
    as_of: str | None
    since: str | None
    attribution: Attribution | None
    evidence: Span

    def as_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "story_id": self.story_id,
            "value": self.value,
            "approx": self.approx,
            "what": self.what,
            "unit": self.unit,
            "group": self.group,
            "place": self.place,
            "as_of": self.as_of,
            "since": self.since,
            "attribution": self.attribution.as_dict() if self.attribution else None,
            "evidence": self.evidence.as_dict(),
        }


@dataclass(slots=True)
class Document:
    """A document after the pipeline: text, segmentation and everything extracted from it."""

    doc_id: str
    text: str
    source: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    pub_date: str | None = None
    pub_date_from: str | None = None  # metadata | text | filename | None
    pub_date_source: str | None = None  # which one exactly: given | markup | time | url | text | filename
    language: str = "ar"
    content_hash: str = ""
    near_duplicate_of: str | None = None
    stories: list[Story] = field(default_factory=list)
    boilerplate: list[Boilerplate] = field(default_factory=list)
    errors: list[DocError] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[EntityMention] = field(default_factory=list)  # not serialized; see EntityMention
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    date_hints: list[DateHint] = field(default_factory=list)  # not serialized: what ingest offered
    _norm: Any = field(default=None, repr=False, compare=False)

    @property
    def norm(self) -> Any:
        """The matching-normalization of the text (a ``marsad.text.NormText``), computed once."""
        if self._norm is None:
            from marsad.text.normalize import normalize

            self._norm = normalize(self.text)
        return self._norm

    def as_dict(self) -> dict[str, Any]:
        """The ``documents.jsonl`` line (entities, events and figures go to their own files).

        ``pub_date_source`` is added to the spec's fields when the document has a date: ``pub_date_from``
        keeps the spec's values (a page's markup and URL are its ``metadata``), this says which it was."""
        d = {
            "doc_id": self.doc_id,
            "schema_version": SCHEMA_VERSION,
            "source": self.source,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "pub_date": self.pub_date,
            "pub_date_from": self.pub_date_from,
            "language": self.language,
            "n_chars": len(self.text),
            "content_hash": self.content_hash,
            "near_duplicate_of": self.near_duplicate_of,
            "stories": [s.as_dict() for s in self.stories],
            "boilerplate": [b.as_dict() for b in self.boilerplate],
            "errors": [e.as_dict() for e in self.errors],
        }
        if self.pub_date and self.pub_date_source:
            d["pub_date_source"] = self.pub_date_source
        return d

    def story_at(self, offset: int) -> Story | None:
        for s in self.stories:
            if s.start <= offset < s.end:
                return s
        return None

    def in_boilerplate(self, start: int, end: int) -> bool:
        return any(b.start <= start and end <= b.end for b in self.boilerplate)
