"""Do two reports describe the same real-world event?

:func:`match` gives a score (or None) for a pair of mentions of one event type; :func:`conflict` says that
two mentions are certainly different events (a cannot-link), which stops a chain of matches from joining
them.  Both are symmetric and depend on nothing but the two mentions.

The rules:

* **participants** — every actor of one report is looked for in the other: the same id counts 1; a country
  against a person or body of that country (``ISR`` against Netanyahu, an actor dict's ``country``) counts
  :data:`COUNTRY_CREDIT`; the score is the share of both sides' actors found.  Two reports that each name
  two parties or more must agree on two of them.
* **date** — day dates must be equal, or within a day when either was counted from the publication date
  ("أمس", "اليوم": ``date_from`` relative_day or pub_date); a month ("YYYY-MM") or year agrees with any day in
  it.  An undated report (or one dated only by its year) matches only when everything else agrees strongly
  and the two stories were published within :data:`UNDATED_PUB_DAYS` days; when one of the two names a
  single party, their evidence must also share words (:data:`WEAK_PAIR_WORDS`): one party, a type and a few
  days are what every other sentence of a story about that party has (an extractor's stray reading of a
  background clause, "Iran's destabilizing activities" read as an assault by Iran).
* **mode** — a phone call and a meeting or visit are different events; talks/unspecified agree with anything;
  in SANCTION, RETREAT and COERCE the mode is the kind of act and two kinds are two acts (withdrawing from
  an agreement and imposing sanctions, releasing prisoners and withdrawing troops); the mode of another type
  never decides (one strike is "air strikes" or "missiles").
* **status** — a denial never merges with a report that it happened or will; a scheduled or planned event
  merges with the report that it occurred only when both name the same day (the meeting announced for
  Thursday and the report of Thursday's meeting are one event).
* **copies** — the events of a near-duplicate document (``near_duplicate_of``) are its original's events:
  an event of a copy and an event of the same type in the document it copies, told in mostly the same
  words (:data:`TWIN_WORDS`) or naming a party in common, are one event whatever their dates say (a copy published a day later reads
  "أمس" as another day) — :func:`twins`.
* **direction** — in a directed type (all but CONSULT, COOPERATE, AGREE), a report whose source is the
  other's target and whose target is the other's source tells the other side's act (a strike and the
  strike that answers it); so does one whose source is only the other's target (the other names its own
  author): Iran threatening is not the threat Trump made against Iran.
* **reports come after the act** — an undated report of an act that occurred tells of the days just
  before its publication (:data:`UNDATED_BEFORE` days before it, a statement's or an attack's the day
  before, up to its day): it is not the act another
  report dates after that (a strike reported on the 8th is not the strike of the night of the 9th; a date
  reckoned from a publication day, "أمس", already has a day's tolerance for time zones).
* location and topics only break ties.
"""

from __future__ import annotations

from marsad.merge.mention import UNDIRECTED_TYPES, YEAR, Mention, evidence_words

COUNTRY_CREDIT = 0.75  # a country found as one of its persons or bodies, or the reverse
MIN_PARTICIPANTS = 0.6  # participant score needed for a match
STRONG_PARTICIPANTS = 0.9  # … and when one side has no usable date
UNDATED_PUB_DAYS = 3
UNDATED_BEFORE = 3  # an undated report of an occurred act: the act is at most this many days before it
# statements (a condemnation, a call, a threat, support) and attacks are news of the day they happen: an undated
# report of one tells of that day or the day before (a strike told undated on the 10th is not the 8th's)
STATEMENT_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "SUPPORT", "AGREE", "CONCEDE"})
PROMPT_TYPES = STATEMENT_TYPES | {"ASSAULT"}
UNDATED_BEFORE_PROMPT = 1


def undated_before(m: Mention) -> int:
    """How many days before its publication an undated report's act may be (:data:`UNDATED_BEFORE`, or
    :data:`UNDATED_BEFORE_PROMPT` for :data:`PROMPT_TYPES`)."""
    return UNDATED_BEFORE_PROMPT if m.event_type in PROMPT_TYPES else UNDATED_BEFORE
TWIN_WORDS = 0.5  # word overlap (Jaccard) of the evidence of an event of a copy and of its original's
TWIN_SCORE = 2.0  # above any match score: a copy's events join their originals first
WEAK_PAIR_WORDS = 0.2  # word overlap asked of an undated pair of which one report names a single party
SOURCE_WEIGHT = 0.6  # the source's share of the participant score of two directed acts by one side

GENERIC_MODES = frozenset({None, "talks", "unspecified"})
KIND_MODE_TYPES = frozenset({"SANCTION", "RETREAT", "COERCE"})  # their mode is the kind of act
IN_PERSON_MODES = frozenset({"meeting", "visit", "multilateral"})  # one encounter may be told as any of them
_STATUS_GROUP = {
    "occurred": "real",
    "scheduled": "real",
    "planned": "real",
    "denied": "denied",
    "hypothetical": "hypothetical",
}
_FUTURE = frozenset({"scheduled", "planned"})

# date agreement of a pair
SAME_DAY, NEAR, UNDATED_PAIR = "same_day", "near", "undated"


def date_agreement(a: Mention, b: Mention) -> str | None:
    """``same_day``, ``near`` (compatible but not the same stated day), ``undated``, or None (different)."""
    if a.lo is None or b.lo is None or a.level == YEAR or b.level == YEAR:
        if a.lo is not None and b.lo is not None and (a.hi < b.lo or b.hi < a.lo):
            return None  # two different years
        return UNDATED_PAIR
    if a.day is not None and b.day is not None:
        diff = abs(a.day - b.day)
        if diff == 0:
            return SAME_DAY
        return NEAR if diff <= max(a.tol, b.tol) else None
    return NEAR if a.lo <= b.hi and b.lo <= a.hi else None


def modes_agree(a: str | None, b: str | None, event_type: str = "CONSULT") -> bool:
    """Phone against in-person (or two different channels) disagree; talks/unspecified agree with all.

    A CONSULT's mode is its channel.  In :data:`KIND_MODE_TYPES` the mode is the kind of act (a
    withdrawal from an agreement, sanctions, a conviction; a release, a withdrawal of troops, a
    resignation; an arrest, a raid, a ban): two kinds are two acts, the lexicon's default (no mode) being
    a kind of its own (sanctions imposed, an expulsion).  The mode of another type says how it was told
    ("air strikes", "missiles", "shelling" of one night's strikes), and reports of one act tell it
    differently."""
    if event_type != "CONSULT":
        return event_type not in KIND_MODE_TYPES or a == b
    return (
        a in GENERIC_MODES or b in GENERIC_MODES or a == b or (a in IN_PERSON_MODES and b in IN_PERSON_MODES)
    )


def participants_agree(a: Mention, b: Mention, same_author: bool | None = None) -> bool:
    """Two reports that each name two parties or more must agree on two of them (a country and one of its
    persons being one party): one shared party of two is another encounter of that party.  ``same_author``:
    :func:`_same_author`, when the caller has it already."""
    if len(a.codes) < 2 or len(b.codes) < 2 or (_same_author(a, b) if same_author is None else same_author):
        return True
    shared = a.codes & b.codes
    return len(shared) >= 2 or bool(shared & a.multi & b.multi)


def _same_author(a: Mention, b: Mention) -> bool:
    """A directed act by the same side (the source's codes agree): its target may be told differently
    ("Iranian positions" and "Syria" of one night's strikes)."""
    return a.event_type not in UNDIRECTED_TYPES and bool(a.src) and a.src == b.src


def participants(a: Mention, b: Mention) -> tuple[float, bool, bool]:
    """(score, a has an actor b lacks, b has an actor a lacks).  For a directed act by the same side, the
    source counts for :data:`SOURCE_WEIGHT` of the score and the targets' overlap for the rest."""
    return _participants(a, b, _same_author(a, b))


def _participants(a: Mention, b: Mention, same_author: bool) -> tuple[float, bool, bool]:
    if not a.actors or not b.actors:
        return 0.0, bool(a.actors), bool(b.actors)
    sa, miss_a = _cover(a, b)
    sb, miss_b = _cover(b, a)
    score = (sa + sb) / (len(a.actors) + len(b.actors))
    if same_author:
        tgt = len(a.tgt & b.tgt) / len(a.tgt | b.tgt) if a.tgt or b.tgt else 1.0
        score = max(score, SOURCE_WEIGHT + (1 - SOURCE_WEIGHT) * tgt)
    return score, miss_a, miss_b


def _cover(a: Mention, b: Mention) -> tuple[float, bool]:
    if a.ids <= b.ids:  # every actor found by its id (actors are distinct ids)
        return float(len(a.actors)), False
    total = 0.0
    missing = False
    for aid, is_country, country in a.actors:
        if aid in b.ids:
            total += 1.0
        elif (is_country and aid in b.member_countries) or (not is_country and country in b.country_ids):
            total += COUNTRY_CREDIT
        else:
            missing = True
    return total, missing


def _status_ok(a: Mention, b: Mention, dates: str) -> bool | None:
    """True: compatible; False: no direct match; None: a contradiction (cannot-link)."""
    if _STATUS_GROUP.get(a.status, a.status) != _STATUS_GROUP.get(b.status, b.status):
        return None
    if (a.status in _FUTURE) != (b.status in _FUTURE):
        # scheduled/planned against occurred: only the same named day (different days are already a
        # contradiction of dates)
        return dates == SAME_DAY and a.day is not None and b.day is not None
    return True


def twins(a: Mention, b: Mention) -> float | None:
    """The overlap of the evidence words of two events of one type, one in a document that copies the
    other's (or both in copies of one document), or None when they are not a copy's event and its
    original's."""
    if a.doc_id == b.doc_id or a.event_type != b.event_type:
        return None
    if not (a.root == b.doc_id or b.root == a.doc_id or (a.root == b.root and a.root != a.doc_id)):
        return None
    overlap = _word_overlap(a, b, empty=1.0)
    # told in mostly the same words, or by the same parties (the copy's edit moved the clause it is told in)
    return overlap if overlap >= TWIN_WORDS or a.ids & b.ids else None


def _word_overlap(a: Mention, b: Mention, empty: float = 0.0) -> float:
    """The share of evidence words the two reports have in common (Jaccard); ``empty`` when neither has one."""
    wa, wb = evidence_words(a.evidence), evidence_words(b.evidence)
    return len(wa & wb) / len(wa | wb) if wa or wb else empty


def _other_act(a: Mention, b: Mention) -> bool:
    """Another channel or kind of act (:func:`modes_agree`), or the other side's act (:func:`acted_upon`, either
    way round)."""
    return not modes_agree(a.mode, b.mode, a.event_type) or acted_upon(a, b) or acted_upon(b, a)


def acted_upon(a: Mention, b: Mention) -> bool:
    """In a directed type, ``a``'s author is ``b``'s target and not one of ``b``'s authors: the other side's act,
    whatever ``a`` says of its own target (a strike and the strike that answers it; Iran threatening and the
    threat Trump made against Iran).  Roles swapped both ways are the case where ``a`` names its target too."""
    if a.event_type in UNDIRECTED_TYPES or not b.src:
        return False
    return bool(a.src & b.tgt and not a.src & b.src)


def _after_report(a: Mention, b: Mention) -> bool:
    """``a`` dates an occurred act after the days an undated report ``b`` of an occurred act can tell of."""
    return (
        b.lo is None
        and a.lo is not None
        and a.level != YEAR
        and b.pub is not None
        and a.status == "occurred"
        and b.status == "occurred"
        and (a.lo > b.pub or a.hi < b.pub - undated_before(b))
    )


def match(a: Mention, b: Mention) -> float | None:
    """The match score of two mentions of the same event type, or None when they are not one event.

    (The rules of :func:`_other_act`, :func:`_status_ok`, :func:`participants_agree` and
    :func:`participants`; ``_same_author`` is worked out once for the last two: this runs for every compared
    pair.)"""
    if a.root != a.doc_id or b.root != b.doc_id:  # a copy is in the pair
        twin = twins(a, b)
        if twin is not None:
            return TWIN_SCORE + twin
    if _other_act(a, b):
        return None
    dates = date_agreement(a, b)
    if dates is None or (a.status != b.status and not _status_ok(a, b, dates)):
        return None
    same_author = _same_author(a, b)
    if not participants_agree(a, b, same_author):
        return None
    score, miss_a, miss_b = _participants(a, b, same_author)
    if dates == UNDATED_PAIR:
        # strong agreement: nearly all parties the same, or every party found (a country for its
        # government, army or minister) with one the same
        strong = score >= STRONG_PARTICIPANTS or (not miss_a and not miss_b and bool(a.ids & b.ids))
        if (
            not strong
            or _after_report(a, b)
            or _after_report(b, a)
            or a.status != b.status
            or a.pub is None
            or b.pub is None
            or abs(a.pub - b.pub) > UNDATED_PUB_DAYS
            or _location_clash(a, b)
            or ((len(a.codes) < 2 or len(b.codes) < 2) and _word_overlap(a, b) < WEAK_PAIR_WORDS)
        ):
            return None
    elif score < MIN_PARTICIPANTS:
        return None
    elif a.event_type in STATEMENT_TYPES and (len(a.codes) < 2 or len(b.codes) < 2) \
            and _word_overlap(a, b, empty=1.0) < WEAK_PAIR_WORDS:
        return None  # one side's statements of a day are many: told in other words, another one
    score += 0.1 if dates == SAME_DAY else 0.05 if dates == NEAR else 0.0
    if a.mode == b.mode and a.mode not in GENERIC_MODES:
        score += 0.02
    if _location_clash(a, b):
        score -= 0.1
    elif a.loc_name and a.loc_name == b.loc_name:
        score += 0.05
    if a.topics and b.topics:
        score += 0.05 * len(a.topics & b.topics) / len(a.topics | b.topics)
    return round(score, 6)


def _location_clash(a: Mention, b: Mention) -> bool:
    return bool(a.loc_country and b.loc_country and a.loc_country != b.loc_country)


def conflict(a: Mention, b: Mention) -> bool:
    """True when the two mentions are certainly different events (never in one cluster)."""
    if a.event_type != b.event_type or _other_act(a, b):
        return True
    dates = date_agreement(a, b)
    if dates is None:
        return True
    if (a.lo is None) != (b.lo is None) and (_after_report(a, b) or _after_report(b, a)):
        return True
    if a.status != b.status and _status_ok(a, b, dates) is None:
        return True
    if a.ids <= b.ids or b.ids <= a.ids:  # one names no actor the other lacks
        return False
    score, miss_a, miss_b = participants(a, b)
    return miss_a and miss_b and score < MIN_PARTICIPANTS
