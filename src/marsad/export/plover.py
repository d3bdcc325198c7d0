"""marsad events as PLOVER interchange records (the manual's "Data Fields" chapter; ``spec/plover.md``).

One record per stored event, JSON Lines.  Field names are the manual's: ``id``, ``date``, ``source`` /
``actor``, ``recipient``, ``event``, ``mode``, ``context``, ``event_loc``, ``event_text``, ``quad_code``,
``link``, ``text_info``, ``cite_info``, ``coder``; actor objects use ``code``, ``sector``, ``actor_text``,
``identifier_id``, ``identifier_text``, ``office``.  The manual calls the acting party ``source``;
``spec/plover.md`` (and POLECAT) call it ``actor`` — both keys are written, with the same list.
marsad's own fields that PLOVER has no name for are kept under ``marsad_*`` names (the manual invites
provider fields).  See ``docs/scaling.md`` for the mapping table.
"""

from __future__ import annotations

import re
from typing import Any

from marsad import __version__
from marsad.records import SCHEMA_VERSION

# type: (quad, recipient required, modes) — spec/plover.md, "The 16 event types"
EVENT_TYPES: dict[str, tuple[int, bool, tuple[str, ...]]] = {
    "AGREE": (1, False, ()),
    "CONSULT": (1, False, ("visit", "third-party", "multilateral", "phone")),
    "SUPPORT": (1, False, ()),
    "CONCEDE": (1, False, ()),
    "COOPERATE": (2, True, ()),
    "AID": (2, True, ()),
    "RETREAT": (2, False, ("withdraw", "release", "disarm", "ceasefire", "access", "resign")),
    "REQUEST": (3, False, ("assist", "change", "yield", "meet")),
    "ACCUSE": (3, False, ("disapprove", "investigate", "allege")),
    "REJECT": (3, False, ("assist", "change", "yield", "meet")),
    "THREATEN": (3, False, ("restrict", "arrest", "relations", "expel", "territory", "violence")),
    "PROTEST": (4, False, ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize")),
    "SANCTION": (4, True, ("convict", "expel", "withdraw", "discontinue")),
    "MOBILIZE": (4, False, ("troops", "weapons", "police", "militia")),
    "COERCE": (4, False, ("seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
                          "misinformation", "cyber")),
    "ASSAULT": (4, False, ("abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                           "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                           "unconventional")),
}

CONTEXTS = frozenset(
    "military intelligence executive legislative election political_institutions pro_democracy pro_autocracy "
    "economic legal reparations human_rights rights_freedoms repression human_security gender lgbt "
    "religion_ethnicity inequality diplomatic territory peacekeeping health asylum migration disasters "
    "natural_resource environment technology terrorism cbrn cyber misinformation crime corruption "
    "illegal_drugs trafficking".split()
)
# the manual's special contexts, from marsad's status (plover.md: "auxiliary status words")
STATUS_CONTEXT = {"scheduled": "future", "planned": "future", "denied": "negation", "hypothetical": "hypothetical"}
SPECIAL_CONTEXTS = frozenset(("historical", "future", "hypothetical", "negation"))

# the manual's table "PLOVER JSON": field → required
FIELDS: dict[str, bool] = {
    "id": True, "has_event": False, "date": True, "time": False, "enddate": False, "endtime": False,
    "source": True, "recipient": False, "event": True, "event_loc": False, "event_text": False,
    "quad_code": False, "event_scale": False, "mode": False, "context": False, "link": False, "text": False,
    "text_info": False, "cite_info": False, "coder": False, "coded_date": False, "coded_time": False,
    "comment": False,
}
ACTOR_FIELDS = ("code", "sector", "actor_text", "identifier_id", "identifier_text", "actor_loc", "religion",
                "ethnicity", "office", "gender", "age")
CITE_FIELDS = ("corpus", "citation", "url", "title", "language", "publication", "license", "copyright", "coder",
               "codebook", "version")
CODER = f"marsad {__version__}"
CODEBOOK = "plover-2.0-draft (marsad spec/plover.md)"

_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def plover_date(event: dict[str, Any], doc: dict[str, Any]) -> tuple[str | None, str]:
    """The record's ``date`` and its precision.

    A day → ``day``; a month or a year (marsad never guesses the rest) → the reduced ISO 8601 form with
    ``month``/``year``; no date or one without a year → the publication date of the report (``report``).
    """
    date = event.get("date")
    if date and _FULL_DATE.match(date):
        return date, "day"
    if date and _ISO_DATE.match(date):
        return date, "month" if len(date) == 7 else "year"
    story_date = doc.get("story_pub_date") or doc.get("pub_date")
    return (story_date, "report") if story_date else (None, "none")


def plover_actor(actor: dict[str, Any], text: str | None, wikidata: dict[str, str]) -> dict[str, Any]:
    start, end = actor.get("start"), actor.get("end")
    quoted = text[start:end] if text is not None and start is not None and end is not None else None
    return {
        "code": actor.get("country"),
        "sector": actor.get("sector"),
        "actor_text": quoted or actor.get("name_ar"),
        "identifier_id": wikidata.get(actor.get("id", "")),
        "identifier_text": actor.get("name"),
        "office": actor.get("role"),
        "marsad_id": actor.get("id"),
        "marsad_kind": actor.get("kind"),
        "name_ar": actor.get("name_ar"),
        "start": start,
        "end": end,
    }


def plover_record(event: dict[str, Any], doc: dict[str, Any], text: str | None = None,
                  wikidata: dict[str, str] | None = None) -> dict[str, Any]:
    """The PLOVER record of one stored event.

    ``doc`` is the event's ``documents.jsonl`` record (``story_pub_date`` may be added: the story's own
    date), ``text`` the document's original text (for ``actor_text``), ``wikidata`` marsad id → Q-id.
    """
    wikidata = wikidata or {}
    etype = event["event_type"]
    quad, _, modes = EVENT_TYPES.get(etype, (None, False, ()))
    date, precision = plover_date(event, doc)
    mode = event.get("plover_mode")
    sources = event.get("source") or []
    targets = event.get("target") or []
    if not sources and not targets:
        # no direction stated: every party acts (the manual's reciprocal rule)
        sources = event.get("participants") or []
    actors = [plover_actor(a, text, wikidata) for a in sources]
    contexts = list(event.get("contexts") or [])
    special = STATUS_CONTEXT.get(event.get("status") or "")
    if special and special not in contexts:
        contexts.append(special)
    loc = event.get("location")
    evidence = event.get("evidence") or {}
    return {
        "id": event["event_id"],
        "has_event": True,
        "date": date,
        "source": actors,
        "actor": actors,
        "recipient": [plover_actor(a, text, wikidata) for a in targets],
        "event": etype,
        "quad_code": quad,
        "mode": mode if mode in modes else None,
        "context": contexts,
        "event_loc": None if loc is None else {
            "name": loc.get("name"), "cc3": loc.get("country"), "name_ar": loc.get("name_ar"),
            "start": loc.get("start"), "end": loc.get("end"),
        },
        "event_text": [evidence.get("text")] + [s.get("text") for s in event.get("also_evidence") or []],
        "link": event.get("canonical_id"),
        "text_info": {"start": evidence.get("start"), "end": evidence.get("end"),
                      "doc_id": event.get("doc_id"), "story_id": event.get("story_id")},
        "cite_info": {
            "corpus": "marsad",
            "citation": doc.get("doc_id"),
            "url": doc.get("url"),
            "title": doc.get("title"),
            "language": doc.get("language") or "ar",
            "publication": doc.get("outlet"),
            "coder": CODER,
            "codebook": CODEBOOK,
            "version": str(SCHEMA_VERSION),
        },
        "coder": CODER,
        "marsad_date": event.get("date"),
        "marsad_date_precision": precision,
        "marsad_date_from": event.get("date_from"),
        "marsad_mode": event.get("mode"),
        "marsad_status": event.get("status"),
        "marsad_topics": list(event.get("topics") or []),
        "marsad_participants": [plover_actor(a, text, wikidata) for a in event.get("participants") or []],
        "marsad_confidence": event.get("confidence"),
    }


def check_record(rec: dict[str, Any]) -> list[str]:
    """Problems of one PLOVER record against the manual's field list (empty when it is valid)."""
    problems = []
    rid = rec.get("id")
    for name, required in FIELDS.items():
        if required and rec.get(name) in (None, "", []):
            if name == "source" and rec.get("event") in EVENT_TYPES:
                continue  # an actor list may be empty when the text names no party; the key is present
            problems.append(f"{rid}: required field {name!r} missing")
    if "source" not in rec:
        problems.append(f"{rid}: no 'source' list")
    etype = rec.get("event")
    if etype not in EVENT_TYPES:
        problems.append(f"{rid}: event {etype!r} is not one of the 16 PLOVER types")
    else:
        modes = EVENT_TYPES[etype][2]
        if rec.get("mode") is not None and rec["mode"] not in modes:
            problems.append(f"{rid}: mode {rec['mode']!r} is not a mode of {etype}")
        if rec.get("quad_code") != EVENT_TYPES[etype][0]:
            problems.append(f"{rid}: quad_code {rec.get('quad_code')!r} is not that of {etype}")
    date = rec.get("date")
    if date is not None and not _ISO_DATE.match(str(date)):
        problems.append(f"{rid}: date {date!r} is not ISO 8601")
    for ctx in rec.get("context") or []:
        if ctx not in CONTEXTS and ctx not in SPECIAL_CONTEXTS:
            problems.append(f"{rid}: context {ctx!r} is not a PLOVER context")
    for key in ("source", "recipient"):
        for actor in rec.get(key) or []:
            unknown = [k for k in actor if k not in ACTOR_FIELDS and not k.startswith("marsad_")
                       and k not in ("name_ar", "start", "end")]
            if unknown:
                problems.append(f"{rid}: {key} actor has unknown fields {unknown}")
    return problems
