"""Event extraction: trigger words → PLOVER events with actors, date, place, status, topics.

Per story and per sentence (never in boilerplate), every trigger of ``events.yaml`` found on the
normalized text becomes a candidate event.  Its actors are the resolved entity mentions of the sentence
(persons, organizations, countries): coordinated mentions ("X و Y"، "X، Y") form a group; the group
nearest before the trigger, or the one right after a verb (VSO), is the subject; the first group after a
target marker (مع، بـ، نظيره، من، الى …) or the object right after the verb is the target.  A sentence
that continues the previous one ("جاء ذلك خلال اتصال هاتفي") takes its actors from there.  Repeated
statements of one interaction in a story are merged into one event (``also_evidence``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from marsad.dates import DateExpr, find_dates
from marsad.dates import lexicon as date_lexicon
from marsad.events.lexicon import EventLexicon, Trigger, lexicon
from marsad.records import Actor, Attribution, Document, EntityMention, Event, Location, Span, Story
from marsad.resources import data_path, iter_jsonl
from marsad.text import clitic_stems, normalize, sentence_spans, tokenize
from marsad.text.normalize import NormText, normalize_key
from marsad.text.tokens import Token

ACTOR_KINDS = ("person", "organization", "country")
_NAME_VIAS = ("name", "short", "title")
_APPOSITION_VIAS = ("role", "counterpart", "gov", "title", "office")
_DATE_FROM = {
    "explicit": "explicit",
    "hijri": "explicit",
    "relative_weekday": "relative_weekday",
    "relative_day": "relative_day",
    "relative_week": "relative_day",
    "relative_month": "relative_day",
}
_CLAUSE_PUNCT = re.compile(r"[؛;:.!?؟]")
_PREPOSITION_CLITICS = frozenset("بل")  # prepositions written onto the next word
_YEAR_TOKEN = re.compile(r"(?:19|20)\d\d")
_COMMA_CLAUSE = re.compile(r"[،,؛;:.!?؟]")
_GAP_PUNCT = re.compile(r"[\s,،\-–—()\"'«»“”]+")
_DASH = re.compile(r"\s[-–—]\s|^[-–—]\s|\)\s*[-–—]")


# ---------------------------------------------------------------------------------------------------
@dataclass(slots=True)
class Unit:
    """One actor in a sentence: a mention, or an apposition (role phrase + name) merged into one."""

    mention: EntityMention
    start: int  # where the unit begins (the role phrase of "وزير الخارجية المغربي ناصر بوريطة")
    end: int
    counterpart: bool = False
    marker: str | None = None  # the target marker before it (مع، ب، من …)


@dataclass(slots=True)
class Hit:
    trigger: Trigger
    tok_start: int  # token indices (into the sentence's tokens), end exclusive
    tok_end: int
    start: int  # original offsets
    end: int
    future: bool
    definite: bool = False
    demonstrative: bool = False


@dataclass(slots=True)
class Sentence:
    span: Span
    tokens: list[Token]
    units: list[Unit]
    places: list[EntityMention]
    index: int
    anaphoric: bool = False
    hits: list[Hit] = field(default_factory=list)


@dataclass(slots=True)
class Draft:
    event: Event
    ids: set[str] = field(default_factory=set)
    sentence: int = 0
    direction: str = "none"
    refers: bool = False  # a mention of an interaction told before ("خلال الاتصال")
    anaphoric_sentence: bool = False
    fallback: list[Unit] = field(default_factory=list)
    copy_latest: bool = False  # "أجرى المسؤولان مكالمة": the parties of the latest CONSULT
    backref: bool = False  # a definite noun or one with a demonstrative ("الهجوم"، "هذا القصف"): an act told before
    answered: bool = False  # the act another answers ("ردا على إطلاق صواريخ"): by another side than the subject


# ---------------------------------------------------------------------------------------------------
class EventExtractor:
    def __init__(self, doc: Document, kb, lex: EventLexicon | None = None):
        self.doc = doc
        self.kb = kb
        self.lex = lex or lexicon()
        self.nt: NormText = doc.norm
        self.tokens = tokenize(self.nt)
        self._attr_cache: dict[tuple[int, int], tuple | None] = {}
        self._topic_cache: dict[str, list[int]] | None = None
        self._topic_ends: dict[str, list[int]] = {}
        self._tok_starts = [t.start for t in self.tokens]
        self._ref: dt.date | None = None
        self._dates: dict[tuple[int, int, dt.date | None], list[DateExpr]] = {}

    # -- helpers --------------------------------------------------------------------------------
    def _tokens_in(self, start: int, end: int) -> list[Token]:
        i = bisect.bisect_left(self._tok_starts, start)
        out = []
        while i < len(self.tokens) and self.tokens[i].end <= end:
            out.append(self.tokens[i])
            i += 1
        return out

    def _norm(self, start: int, end: int) -> str:
        """Normalized text of an original span."""
        return " ".join(t.norm for t in self._tokens_in(start, end))

    @staticmethod
    def _stems(tok: Token) -> list[tuple[str, str]]:
        return _cached_stems(tok.norm)

    def _prefix_of(self, offset: int) -> str:
        """Proclitics glued before ``offset`` inside its word (the "ب" of "بنظيره")."""
        j = offset
        while j > 0 and (self.doc.text[j - 1].isalpha() or self.doc.text[j - 1] == "ـ"):
            j -= 1
        return normalize(self.doc.text[j:offset]).text.replace("ـ", "")

    def _story_ref(self, story: Story) -> dt.date | None:
        if not story.pub_date:
            return None
        try:
            return dt.date.fromisoformat(story.pub_date)
        except ValueError:
            return None

    # -- the document ---------------------------------------------------------------------------
    def run(self) -> list[Event]:
        events: list[Event] = []
        for story in self.doc.stories:
            events.extend(self._story(story))
        return events

    def _story(self, story: Story) -> list[Event]:
        doc = self.doc
        ref = self._story_ref(story)
        self._ref = ref
        mentions = [m for m in doc.mentions
                    if m.story_id == story.story_id and not m.in_boilerplate and m.entity_id != "?"
                    and story.start <= m.start < story.end]
        sentences: list[Sentence] = []
        for span in sentence_spans(doc.text, story.start, story.end):
            if self._in_boilerplate(span.start, span.end):
                continue
            ms = [m for m in mentions if span.start <= m.start and m.end <= span.end]
            toks = self._tokens_in(span.start, span.end)
            attr = self._attribution_span(toks)
            if attr is not None and attr[2]:
                ms = [m for m in ms if not (attr[0] <= m.start and m.end <= attr[1])]
            units, places = self._units(ms, toks)
            norm = " ".join(t.norm for t in toks[:4])
            ana = any(norm.startswith(a) for a in self.lex.anaphora_starts)
            sentences.append(Sentence(span, toks, units, places, len(sentences), ana))
        drafts: list[Draft] = []
        for sent in sentences:
            hits = self._hits(sent)
            sent.hits = hits
            for hit in hits:
                for d in self._events_for(hit, sent, sentences, story, ref):
                    if d.copy_latest:
                        latest = next((x for x in reversed(drafts) if x.event.event_type == "CONSULT"), None)
                        if latest is not None:
                            d.event.participants = list(latest.event.participants)
                            d.ids = set(latest.ids)
                            self._merge_or_add(drafts, d, upgrade=True)
                    elif d.refers:
                        self._attach(drafts, d, sent, sentences, story, ref)
                    else:
                        self._merge_or_add(drafts, d)
        long_story = len(sentences) >= self.lex.lone_min_sentences
        self._answered_dates(drafts, sentences)
        self._speech_dates(drafts, story)
        # an act answered ("ردا على إطلاق صواريخ") is told as the cause of the story's act, not in passing
        out = sorted((d.event for d in drafts if not (long_story and not d.answered and self._in_passing(d.event))),
                     key=lambda e: e.evidence.start)
        for n, ev in enumerate(out, 1):
            ev.event_id = f"{story.story_id}:e{n}"
        return out

    @staticmethod
    def _answered_dates(drafts: list[Draft], sentences: list[Sentence]) -> None:
        """An act answered with no day of its own takes the day of the answer told in its sentence ("قصف
        الجيش الأربعاء مواقع ردا على إطلاق صواريخ"): the answer follows it at once."""
        for d in drafts:
            ev = d.event
            if not d.answered or ev.date is not None:
                continue
            start = sentences[d.sentence].span.start
            answer = next((x.event for x in drafts if not x.answered and x.event.event_type == ev.event_type
                           and x.event.date is not None and x.event.status == "occurred"
                           and start in {x.event.evidence.start, *(s.start for s in x.event.also_evidence)}), None)
            if answer is not None:
                ev.date, ev.date_text, ev.date_from = answer.date, answer.date_text, answer.date_from

    def _speech_dates(self, drafts: list[Draft], story: Story) -> None:
        """A statement told with no day of its own ("وهدد روحاني باستئناف التخصيب"), by the speaker of a
        statement the story dates a few sentences before or after ("أكد روحاني الثلاثاء أن ..."), is part of
        that speech: it takes its day.  A headline's statement ("فرنسا تتهم روسيا بالتجسس") is the story's,
        told again with its day anywhere below."""
        said = [d for d in drafts if d.event.event_type in self.lex.speaker_types and d.event.source
                and d.event.status == "occurred"]
        dated = [d for d in said if d.event.date is not None and len(d.event.date) == 10]
        for d in said:
            ev = d.event
            if ev.date is not None:
                continue
            sides = _actor_sides(ev.source)
            near = [p for p in dated if abs(d.sentence - p.sentence) <= self.lex.speech_reach
                    and _actor_sides(p.event.source) & sides]
            if near:
                p = min(near, key=lambda x: (abs(d.sentence - x.sentence), x.sentence))
                ev.date, ev.date_text, ev.date_from = p.event.date, p.event.date_text, p.event.date_from
        if story.title_end is None:
            return
        told = [d.event for d in drafts if d.event.status == "occurred"]
        for ev in told:
            if ev.date is not None or not (story.title_start or 0) <= ev.evidence.start < story.title_end:
                continue
            sides = _actor_sides(ev.source)
            body = next((p for p in told if p.event_type == ev.event_type and p.evidence.start >= story.title_end
                         and p.date is not None and len(p.date) == 10
                         and (not p.source or not sides or _actor_sides(p.source) & sides)), None)
            if body is not None:
                ev.date, ev.date_text, ev.date_from = body.date, body.date_text, body.date_from

    def _in_passing(self, ev: Event) -> bool:
        """Violence or a protest told once in a story, by no one named: an attack named in passing, feared or
        given as background ("في ظل مخاوف من وقوع هجمات"), not the story's act, which is told again."""
        return ev.event_type in self.lex.lone_needs_actor and not ev.source and not ev.also_evidence

    def _in_boilerplate(self, start: int, end: int) -> bool:
        for b in self.doc.boilerplate:
            if b.start < end and start < b.end and (min(end, b.end) - max(start, b.start)) > (end - start) / 2:
                return True
        return False

    # -- actors of a sentence -------------------------------------------------------------------
    def _units(self, ms: list[EntityMention], toks: list[Token]) -> tuple[list[Unit], list[EntityMention]]:
        units: list[Unit] = []
        places: list[EntityMention] = []
        text = self.doc.text
        for m in ms:
            if m.kind == "place":
                places.append(m)
                continue
            if m.kind not in ACTOR_KINDS:
                continue
            if m.kind == "country" and m.via in ("country", "metonym") and self._after_place_prep(m, toks):
                places.append(m)
                continue
            if units:
                last = units[-1]
                gap = text[last.end : m.start]
                gap_words = [w for w in _GAP_PUNCT.split(gap) if w]
                bare_country = last.mention.kind == "country" and last.mention.via in ("country", "metonym")
                appos = (
                    (not gap_words or (len(gap_words) == 1 and not re.search(r"[,،()\-–—]", gap)
                                       and not bare_country))
                    and not any(w in ("و",) for w in gap_words)
                    and not gap.strip().startswith("و")
                    and (
                        last.mention.entity_id == m.entity_id
                        or (m.kind == "person" and m.via in _NAME_VIAS
                            and (last.mention.via in _APPOSITION_VIAS or last.mention.kind != "person"))
                    )
                )
                if appos:
                    last.counterpart = last.counterpart or last.mention.via == "counterpart"
                    if m.kind == "person" or last.mention.kind != "person":
                        last.mention = m
                    last.end = m.end
                    continue
            units.append(Unit(m, m.start, m.end, counterpart=m.via == "counterpart"))
        for u in units:
            u.marker = self._marker(u, toks, units)
        return units, places

    def _after_place_prep(self, m: EntityMention, toks: list[Token]) -> bool:
        pre = self._prefix_of(m.start)
        if pre.endswith(("ب", "في")):
            return True
        prev = self._prev_token(m.start, toks)
        if prev is not None and m.via == "metonym" and any(st in self.lex.named_by_place for _, st in self._stems(prev)):
            return True  # "اتفاقية باريس"، "اتفاق أوسلو": the capital names the agreement
        return prev is not None and prev.norm in ("في", "وفي", "الي", "والي")

    @staticmethod
    def _prev_token(offset: int, toks: list[Token]) -> Token | None:
        prev = None
        for t in toks:
            if t.end <= offset:
                prev = t
            else:
                break
        return prev

    def _marker(self, u: Unit, toks: list[Token], units: list[Unit]) -> str | None:
        if u.counterpart or u.mention.via == "counterpart":
            return "نظير"
        pre = self._prefix_of(u.start)
        if pre.endswith("لل"):
            pre = pre[:-1]
        elif pre.endswith("ال"):
            pre = pre[:-2]
        if pre.endswith("ب") or pre.endswith("ل"):
            return pre[-1]
        # up to 6 words back, stopping at another actor or the end of a clause
        lo = max((x.end for x in units if x.end <= u.start), default=-1)
        back = [t for t in toks if t.end <= u.start and t.start >= lo][-6:]
        while back and _CLAUSE_PUNCT.search(self.doc.text[back[0].start : u.start]):
            back = back[1:]
        for t in reversed(back):
            stems = self._stems(t)
            for _, stem in stems:
                if stem in self.lex.target_markers:
                    return stem
            if any(stem in self.lex.by_first for _, stem in stems):
                return None  # a verb stands between: the marker belongs to another phrase
        return None

    # -- triggers -------------------------------------------------------------------------------
    def _hits(self, sent: Sentence) -> list[Hit]:
        toks = sent.tokens
        starts, ends = [t.start for t in toks], [t.end for t in toks]
        taken: set[int] = set()  # the tokens that start inside a mention or a place
        touched: set[int] = set()  # the tokens that overlap one
        for s, e in [(u.start, u.end) for u in sent.units] + [(p.start, p.end) for p in sent.places]:
            last = bisect.bisect_left(starts, e)
            taken.update(range(bisect.bisect_left(starts, s), last))
            touched.update(range(bisect.bisect_right(ends, s), last))
        hits: list[Hit] = []
        i = 0
        while i < len(toks):
            tok = toks[i]
            if i in taken:
                i += 1
                continue
            best: tuple[int, Trigger, bool, str] | None = None
            readings = self._stems(tok)
            if any(stem in self.lex.not_triggers for _, stem in readings):
                i += 1
                continue
            after_prep = i > 0 and toks[i - 1].norm in self.lex.noun_after
            for pre, stem in readings:
                nominal = pre.endswith(("ال", "لل", "ب", "ك"))  # "الدعم"، "بدعم": a noun, not the verb
                for trig in self.lex.by_first.get(stem, ()):
                    if trig.is_verb and trig.type in self.lex.verbs_not_nouns and (
                            nominal or (after_prep and trig.type == "CONSULT")):  # "على هاتف": the device
                        continue
                    n = len(trig.words)
                    if i + n > len(toks):
                        continue
                    if trig.after and not self._after_word(toks, i, trig.after, taken):
                        continue
                    span_end = self._phrase_end(toks, i, trig, touched)
                    if span_end is None:
                        continue
                    cand = (span_end - i, trig, stem in trig.future_forms, pre)
                    if best is None or len(trig.words) > len(best[1].words):
                        best = cand
                    elif len(trig.words) == len(best[1].words) and best[1].words[-1] <= _PREPOSITION_CLITICS \
                            and not trig.words[-1] <= _PREPOSITION_CLITICS:
                        best = cand  # "التزام بأمن": the phrase naming the word, not the one naming its preposition
                    elif len(trig.words) == len(best[1].words) and best[1].is_verb and not trig.is_verb and (
                            "ال" in pre or (hits and i - hits[-1].tok_end <= 2) or self._adjective_next(toks, i)):
                        best = cand  # "أدانت مصر قصف إسرائيل": a noun after a verb; "قصف إسرائيلي": a noun's nisba
            if best is None:
                i += 1
                continue
            n, trig, fut, pre = best
            n = max(n, 1)
            if trig.type == "NONE" or (trig.type in self.lex.purpose_types and not trig.is_verb
                                       and pre.lstrip("وف").startswith("ل")):
                # an idiom ("رفض الكشف عن اسمه"): its words are no trigger; an aim ("ضغوط للإفراج عن"، "جهود
                # لفرض عقوبات"): no act yet
                i += n
                continue
            demo = (i > 0 and toks[i - 1].norm in self.lex.demonstratives) or (
                i + n < len(toks) and toks[i + n].norm in self.lex.demonstratives)
            inner = n > len(trig.words)  # actors inside the phrase: the trigger is its first word
            hits.append(Hit(trig, i, i + n, toks[i].start, toks[i].end if inner else toks[i + n - 1].end, fut,
                            definite=not trig.is_verb and ("ال" in pre or pre.endswith("لل")), demonstrative=demo))
            i += n
        if any(h.trigger.type in self.lex.veto or h.trigger.needs_word for h in hits):
            words = {stem for t in toks for _, stem in self._stems(t)}
            hits = [h for h in hits if not (words & self.lex.veto.get(h.trigger.type, frozenset()))
                    and (not h.trigger.needs_word or words & h.trigger.needs_word)]
        if self.lex.asking_reach and len(hits) > 1:
            hits = [h for h in hits if not self._asked(h, hits, toks)]
        if hits and self.lex.habitual:
            habit = [k for k, t in enumerate(toks) if t.norm in self.lex.habitual]
            if habit:
                reach = self.lex.habitual_reach
                hits = [h for h in hits if not any(
                    (h.tok_end <= k < h.tok_end + reach or h.tok_start - reach <= k < h.tok_start)
                    and not self._comma_break(min(toks[k].end, h.end), max(toks[k].start, h.start))
                    for k in habit)]
        if hits and toks and self._word_in(toks[0].norm, date_lexicon().since_words):
            # "ومنذ توليه السلطة عام 2016، هدد ترامب بتمزيق الاتفاق": since a year named, what the sentence
            # tells after the since-phrase's comma is a series of acts, background to the story
            comma = next((k for k in range(1, len(toks)) if self._comma_break(toks[k - 1].end, toks[k].start)), None)
            if comma is not None and any(_YEAR_TOKEN.fullmatch(t.norm) for t in toks[1:comma]):
                hits = [h for h in hits if not (h.trigger.is_verb and h.tok_start >= comma)]
        return hits

    def _asked(self, h: Hit, hits: list[Hit], toks: list[Token]) -> bool:
        """A noun of a material type right after a call or a threat: what is asked for ("طالبت باستقالة")."""
        if h.trigger.is_verb or h.trigger.type not in self.lex.asked_types:
            return False
        return any(p.trigger.type in self.lex.asking_types and p.tok_end <= h.tok_start
                   and h.tok_start - p.tok_end <= self.lex.asking_reach
                   and not self._clause_break(toks[p.tok_end - 1].end, h.start) for p in hits)

    def _after_word(self, toks: list[Token], i: int, words: frozenset[str], taken: set[int]) -> bool:
        """The word before token ``i``, actor mentions (``taken``) aside, is one of ``words`` ("تعتزم تركيا
        دعم")."""
        j = i - 1
        while j >= 0 and i - j <= 6 and j in taken:
            j -= 1
        return j >= 0 and any(stem in words for _, stem in self._stems(toks[j]))

    def _phrase_end(self, toks: list[Token], i: int, trig: Trigger, touched: set[int]) -> int | None:
        """Token index after a phrase trigger starting at ``i``; actor mentions (the ``touched`` tokens) may
        stand between its words ("أفرجت حماس عن"، "أرسلت الإمارات مساعدات")."""
        j = i + 1
        for k in range(1, len(trig.words)):
            while j < len(toks) and j in touched and j - i <= 6 \
                    and not self._word_ok(toks[j], trig.words[k]):
                j += 1
            if k == 1 and trig.gap:  # "حذرت الغرب من": an object between the verb and its preposition
                lim = j + trig.gap
                while j < lim and j < len(toks) and not self._word_ok(toks[j], trig.words[k]) \
                        and not self._clause_break(toks[j - 1].end, toks[j].start):
                    j += 1
            if j >= len(toks) or not self._word_ok(toks[j], trig.words[k]):
                return None
            j += 1
        return j

    def _word_ok(self, tok: Token, forms: frozenset[str]) -> bool:
        """The token is one of ``forms`` behind its proclitics; a form that is a lone preposition (ب، ل)
        also matches it written onto the next word ("لوّح بعملية"، "مرحبا بالقرار"، "للقرار")."""
        for pre, stem in self._stems(tok):
            if stem in forms:
                return True
            prep = pre[:-2] if pre.endswith("ال") else pre[:-1] if pre.endswith("لل") else pre
            if prep and prep[-1] in forms and prep[-1] in _PREPOSITION_CLITICS:
                return True
        return False

    # -- one trigger → event drafts -------------------------------------------------------------
    def _events_for(self, hit: Hit, sent: Sentence, sentences: list[Sentence], story: Story,
                    ref: dt.date | None) -> list[Draft]:
        trig = hit.trigger
        consult = trig.type == "CONSULT"
        subj, obj = self._roles(hit, sent)
        if trig.type in self.lex.nisba_target_markers and (
                not obj or obj[0].marker in self.lex.origin_markers.get(trig.type, ())):
            # "إطلاق صواريخ على قواعد عسكرية إسرائيلية": the nisba of what was aimed at; it outranks an actor
            # after "من", where the fire came from ("من سوريا على قواعد إسرائيلية")
            aimed = self._nisba_target(hit, sent, self.lex.nisba_target_markers[trig.type])
            obj = [aimed] if aimed is not None and aimed.mention.entity_id not in _ids(subj) else obj
        shot = self._intercepted(hit, sent)
        if shot is not None and trig.type != "ASSAULT":
            return []  # "اعترض صاروخا": no objection
        if shot is not None:
            # "تصدت الدفاعات السورية لصواريخ إسرائيلية": Israel's attack on the side that intercepts, named
            # before the projectile
            author, at = shot
            subj, obj = author, [u for u in subj if u.end <= at and u.mention.entity_id not in _ids(author)
                                 and not self._org_type_in(u, self.lex.consult_not_parties)
                                 and self._gap(min(u.end, hit.start), max(u.start, hit.end), sent) <= 4
                                 and not self._clause_break(min(u.end, hit.start), max(u.start, hit.end))]
        elif trig.intercepts:
            return []
        if consult and self.lex.consult_not_parties:
            if any(u.marker is not None and self._org_type_in(u, self.lex.consult_not_parties) for u in obj):
                return []  # "في لقاء مع سكاي نيوز": an interview
            subj = [u for u in subj if not self._org_type_in(u, self.lex.consult_not_parties)]
            obj = [u for u in obj if not self._org_type_in(u, self.lex.consult_not_parties)]
        if consult:
            subj, obj = [self._as_state(u) for u in subj], [self._as_state(u) for u in obj]
        if consult and trig.mode == "visit" and not obj:
            obj = self._visited_country(hit, sent, subj)
        if trig.type in self.lex.one_per_story and self.lex.consult_not_parties:
            # a newspaper or an agency tells of violence, a protest, an arrest; it does not do them
            subj = [u for u in subj if not self._org_type_in(u, self.lex.consult_not_parties)]
        answered = trig.type in self.lex.one_per_story and self._answered(hit, sent)
        if answered:
            subj = []  # "قصف الجيش مواقع ردا على إطلاق صواريخ": the army answers; it did not fire the rockets
        elif trig.type in self.lex.one_per_story and obj and self._retaliation_between(hit.end, obj[0].start, sent):
            obj = []  # "الغارات ردا على إطلاق قذائف من لبنان": Lebanon belongs to the act answered
        used_prev = False
        if obj and obj[0].marker == "بين" and len(_ids(obj)) >= 2 and (consult or not trig.is_verb):
            subj = []  # "المحادثات بين X و Y": X and Y are the parties
        if trig.needs_marker and not any(u.marker in trig.needs_marker for u in obj):
            if not sent.anaphoric:
                return []
            obj = []
        if consult and len(_ids(subj + obj)) < 2:
            group = self._group_list(hit, sent, sentences)
            if group:
                obj = obj + [u for u in group if u.mention.entity_id not in _ids(subj + obj)]
        if consult and len(_ids(subj + obj)) < 2 and not (sent.anaphoric or hit.definite or hit.demonstrative) \
                and any(st in self.lex.dual_refs for t in sent.tokens for _, st in self._stems(t)):
            d = self._draft(hit, sent, sentences, story, ref, trig.mode, "none", [], [], [], True)
            d.copy_latest = True
            return [d]
        if consult and len(_ids(subj + obj)) < 2:
            if sent.anaphoric or hit.demonstrative or (hit.definite and len(_ids(sent.units)) < 2):
                # "جاء ذلك خلال اتصال هاتفي"، "خلال اللقاء": the interaction told just before
                ref_draft = self._draft(hit, sent, sentences, story, ref, trig.mode, "none", subj, obj,
                                        _dedupe(subj + obj), True)
                ref_draft.refers = True
                ref_draft.anaphoric_sentence = sent.anaphoric
                if sent.index > 0 and sent.anaphoric:
                    prev_pool = self._consult_pool(sentences[sent.index - 1])
                    ref_draft.fallback = [u for u in _dedupe(subj + obj + prev_pool)]
                return [ref_draft]
            pool = self._sentence_actors(sent, 12 if trig.mode == "multilateral" else 4)
            if hit.definite:  # "المحادثات" in passing: talks told elsewhere, not a new interaction
                pool = []
            pool = [u for u in pool if len(self._tokens_in(min(u.end, hit.end), max(u.start, hit.start))) <= 10]
            if 2 <= len(_ids(pool)) <= (12 if trig.mode == "multilateral" else 3):
                have = _ids(subj + obj)
                subj, obj = subj + obj, [u for u in pool if u.mention.entity_id not in have]
                used_prev = True  # no direction can be told
        mode = trig.mode
        direction = trig.direction if consult else "subject"
        if used_prev:
            direction = "none"
        # many parties: "سفراء 17 دولة" → the countries listed, or the body
        if consult:
            if mode == "multilateral" and len(_ids(subj + obj)) < 3:
                group = self._group_list(hit, sent, sentences)
                obj = obj + [u for u in group if u.mention.entity_id not in _ids(subj + obj)]
            if len(_ids(obj)) >= 3 and self._group_list(hit, sent, sentences):
                mode, direction = "multilateral", "none"
            # a country standing beside its own official is not another party ("بلينكن" + "الولايات المتحدة")
            own = {self._country_of(u) for u in subj + obj if u.mention.kind != "country"} - {None}
            subj = [u for u in subj if not (u.mention.kind == "country" and u.mention.entity_id in own)]
            obj = [u for u in obj if not (u.mention.kind == "country" and u.mention.entity_id in own)]
            ids = {u.mention.entity_id for u in subj + obj}
            if mode == "meeting" and len(ids) >= 4:
                mode = "multilateral"
            body = any(u.mention.kind == "organization" for u in subj + obj)
            if len(ids) < 2 and not (len(ids) == 1 and body and mode == "multilateral" and self.lex.body_sessions):
                return []
            if mode == "multilateral" and not body and len(ids) < 3:
                mode = "meeting"  # a summit of two is a meeting (eval/annotation-addenda.md 7)
        elif trig.direction == "judged" and (speaker := self._speaker(hit, sent)):
            # "وصف ماكرون انسحاب ترامب بأنه خطأ": the one judged is the target, the speaker the source
            spoken = _ids(speaker)
            obj = [u for u in subj + obj if u.mention.entity_id not in spoken]
            subj = speaker
        elif not subj and trig.type in self.lex.speaker_types:
            subj = self._speaker(hit, sent)  # "وقال الوزير في بيان إن بلاده تدين": the speaker condemns
            if not subj:
                subj = self._clause_subject(hit, sent)  # "أعربت سوريا عن ...، مؤكدة تضامنها مع طهران"
            obj = [u for u in obj if u.mention.entity_id not in _ids(subj)]
        elif subj and trig.type in self.lex.one_per_story:
            clause = self._speech_clause(hit, sent)
            if clause is not None and subj[-1].end <= sent.tokens[clause[1]].start \
                    and not sent.tokens[clause[1]].norm.endswith(("ه", "ها", "هم")) \
                    and not any(t.norm in self.lex.own_side for t in sent.tokens[clause[1] + 1:hit.tok_start]):
                subj = []  # "قالت الوزارة إن الموقع تعرض لهجوم": who tells of it, not who did it ("إنها قصفت" is)
        if not consult and not subj and trig.type not in self.lex.actorless:
            return []  # who acted is not told: a topic or a passive mention, not an event record
        source, target, participants = self._directed(direction, subj, obj, trig.is_verb)
        drafts = []
        pairs: list[tuple[list[Unit], list[Unit]]]
        if consult and mode in ("phone", "talks") and len(_ids(obj)) > 1 and len(_ids(subj)) == 1 and not used_prev:
            one = _dedupe(subj)
            pairs = [(one, [t]) for t in _dedupe(obj) if t.mention.entity_id not in _ids(one)]
            if direction not in ("caller", "receiver", "visitor", "host"):
                pairs = [([], s + t) for s, t in pairs]
        else:
            pairs = [(source, target)]
        for src, tgt in pairs:
            parts = participants if len(pairs) == 1 else src + tgt
            if len(pairs) > 1 and not src:
                src, tgt = [], []
            drafts.append(self._draft(hit, sent, sentences, story, ref, mode, direction, src, tgt, parts, used_prev))
            drafts[-1].answered = answered
        return drafts

    @staticmethod
    def _cue_at(toks: list[Token], k: int, cue: tuple[str, ...]) -> bool:
        """The words of ``cue`` stand from token ``k`` on, the first maybe after "و" ("وردا على")."""
        words = [t.norm for t in toks[k : k + len(cue)]] if k >= 0 else []
        return len(words) == len(cue) and words[1:] == list(cue[1:]) and (
            words[0] == cue[0] or (words[0].startswith("و") and words[0][1:] == cue[0]))

    def _retaliation_between(self, start: int, end: int, sent: Sentence) -> bool:
        """A retaliation cue ("ردا على") starts between the two offsets."""
        return any(start <= t.start and t.end <= end and self._cue_at(sent.tokens, k, cue)
                   for k, t in enumerate(sent.tokens) for cue in self.lex.retaliation)

    def _answered(self, hit: Hit, sent: Sentence) -> bool:
        """The words right before the trigger name it as the act answered ("ردا على"، "انتقاما لـ")."""
        return any(self._cue_at(sent.tokens, hit.tok_start - len(cue), cue) for cue in self.lex.retaliation)

    def _speech_clause(self, hit: Hit, sent: Sentence, reach: int | None = None) -> tuple[int, int] | None:
        """(speech verb, complementizer) token indices when ``hit`` stands in the complement clause of a speech
        verb ("قال X ... إن|أن ..."): the nearest complementizer before the trigger, and a speech verb before it
        (within ``reach`` tokens when given). None when ``sent`` is not the trigger's own sentence."""
        if not (sent.span.start <= hit.start < sent.span.end):
            return None
        toks = sent.tokens
        comp = next((k for k in range(hit.tok_start, -1, -1) if toks[k].norm in self.lex.complementizers), None)
        if comp is None:
            return None
        lo = -1 if reach is None else max(-1, comp - reach - 1)
        verb = next((k for k in range(comp - 1, lo, -1)
                     if any(st in self.lex.speech_verbs for _, st in self._stems(toks[k]))), None)
        return None if verb is None else (verb, comp)

    def _nisba_target(self, hit: Hit, sent: Sentence, markers: frozenset[str]) -> Unit | None:
        """"على قواعد عسكرية إسرائيلية" within eight words after the trigger, in its clause: a marker, a noun
        that names no actor, then a nisba among its adjectives — the country it names, as a unit."""
        toks = sent.tokens
        end = min(len(toks), hit.tok_end + 8)
        for k in range(hit.tok_end, end - 2):
            if self._clause_break(toks[k - 1].end, toks[k].start):
                return None
            if toks[k].norm not in markers:
                continue
            if any(u.start < toks[k + 1].end and toks[k + 1].start < u.end for u in sent.units):
                return None  # an actor is named there
            return self._nisba_among_adjectives(toks, k + 2)
        return None

    def _nisba_among_adjectives(self, toks: list[Token], j: int) -> Unit | None:
        """The first nisba from token ``j`` on, within ``nisba_reach`` words of adjectives (``nisba_between``)
        after a noun, as a unit; None when another word comes first."""
        for t in toks[j : j + self.lex.nisba_reach]:
            u = self._nisba_unit(t)
            if u is not None:
                return u
            if t.norm not in self.lex.nisba_between:
                return None
        return None

    def _intercepted(self, hit: Hit, sent: Sentence) -> tuple[list[Unit], int] | None:
        """When ``hit`` intercepts a projectile told within six words after it in its clause ("تصدت الدفاعات
        الجوية لصواريخ إسرائيلية"، "صواريخ إسرائيل"): (the projectile's author — the country of its nisba or the
        actor right after it, [] when unnamed —, where the projectile starts); else None."""
        toks = sent.tokens
        if not any(st in self.lex.intercept_acts for _, st in self._stems(toks[hit.tok_start])):
            return None
        for k in range(hit.tok_end, min(len(toks), hit.tok_end + 6)):
            if self._clause_break(toks[k - 1].end, toks[k].start):
                return None
            if any(st in self.lex.projectiles for _, st in self._stems(toks[k])):
                here = toks[k].start
                named = next((u for u in sent.units if k + 1 < len(toks) and u.start == toks[k + 1].start
                              and u.marker is None), None)
                if named is not None:
                    return [named], here  # "صواريخ إسرائيل"
                nisba = self._nisba_among_adjectives(toks, k + 1)
                return ([nisba] if nisba is not None else []), here
        return None

    def _pronoun_subject(self, hit: Hit, sent: Sentence) -> list[Unit]:
        """The speaker, when a verb trigger follows a complementizer that carries its subject as a pronoun
        ("إنه يدعم"، "بأنها لن تقبل"): the pronoun takes the speaker back ("قال X ... إنه"); else []."""
        toks = sent.tokens
        k = hit.tok_start - 1
        while k >= 0 and toks[k].norm in self.lex.verb_particles:
            k -= 1
        if k < 0 or hit.tok_start - k > 3 or toks[k].norm not in self.lex.complementizers \
                or not toks[k].norm.endswith(("ه", "ها", "هم")):
            return []
        return self._speaker(hit, sent)

    def _complement_start(self, hit: Hit, sent: Sentence) -> int | None:
        """Where the complement clause of a speech verb that holds ``hit`` begins (a verb at most 8 words before
        its complementizer), or None."""
        clause = self._speech_clause(hit, sent, reach=8)
        return None if clause is None else sent.tokens[clause[1]].start

    def _speaker(self, hit: Hit, sent: Sentence) -> list[Unit]:
        """The subject of the speech verb whose complement clause ("قال X ... إن/أن ...") holds the trigger."""
        clause = self._speech_clause(hit, sent) or self._quote_clause(hit, sent)
        if clause is None:
            return []
        v, c = sent.tokens[clause[0]], sent.tokens[clause[1]]
        after = [u for u in sent.units if v.end <= u.start and u.end <= c.start and u.marker is None]
        if after:
            return self._groups(after)[0]  # VSO: "قال وزير الخارجية ... إن"
        before = [u for u in sent.units if u.end <= v.start and u.marker is None]
        if before and len(self._tokens_in(before[-1].end, v.start)) <= 2:
            return self._groups(before)[-1]  # SVO: "الوزير قال إن"
        return []

    def _as_state(self, u: Unit) -> Unit:
        """"الحكومة الإسرائيلية" as a party of an interaction is the state (gold-format.md: a country, or its
        government when no person or body is named, is its ISO code)."""
        m = u.mention
        if m.kind != "organization" or not any(m.text.startswith(w) for w in self.lex.government_words):
            return u
        e = self.kb.entries.get(m.entity_id)
        if e is None or not e.country or e.country not in self.kb.entries:
            return u
        return Unit(replace(m, entity_id=e.country, kind="country", via="country"), u.start, u.end, u.counterpart,
                    u.marker)

    def _clause_subject(self, hit: Hit, sent: Sentence) -> list[Unit]:
        """For a noun trigger in a clause that follows the main one after a comma (a hal: "مؤكدة تضامنها"،
        "شاكرا الإمارات"), or with a possessive pronoun: the subject of the sentence, the first actors, named
        within its first words, with no marker before them."""
        toks = sent.tokens
        if hit.tok_start == 0:
            return []
        after_comma = bool(re.search(r"[،,]", self.doc.text[toks[hit.tok_start - 1].end : hit.start]))
        if not (after_comma or self._possessive(toks[hit.tok_start], hit.trigger)):
            return []
        before = [u for u in sent.units if u.end <= hit.start]
        if not before or before[0].marker is not None:
            return []
        if len(self._tokens_in(sent.span.start, before[0].start)) > 3:
            return []
        return self._groups(before)[0]

    def _quote_clause(self, hit: Hit, sent: Sentence) -> tuple[int, int] | None:
        """(speech verb, first quoted word) token indices when ``hit`` stands in a quotation after a colon
        ("وأضاف بلينكن: "المغرب شريك استراتيجي""): the speech verb at most 6 words before the colon."""
        toks = sent.tokens
        colon = self.doc.text.rfind(":", sent.span.start, hit.start)
        if colon < 0:
            return None
        k = bisect.bisect_right([t.start for t in toks], colon)  # the first word after the colon
        if not 0 < k <= hit.tok_start:
            return None
        verb = next((j for j in range(k - 1, max(-1, k - 8), -1)
                     if any(st in self.lex.speech_verbs for _, st in self._stems(toks[j]))), None)
        return None if verb is None else (verb, k)

    def _visited_country(self, hit: Hit, sent: Sentence, subj: list[Unit]) -> list[Unit]:
        """The country a visit goes to ("وصل ... إلى كوريا الشمالية"، "زيارته إلى مصر"): read as a place by
        its preposition, it is the host of the visit."""
        lo = max([hit.end] + [u.end for u in subj])
        home = {self._country_of(u) for u in subj} | {u.mention.entity_id for u in subj}
        for p in sent.places:
            if p.start < lo or p.entity_id in _ids(subj):
                continue
            if p.kind != "country":  # a city: "وصل إلى بيونغ يانغ" is a visit to its country
                e = self.kb.entries.get(p.entity_id)
                code = e.country if e is not None and e.kind == "place" else None
                if not code or code in home or code not in self.kb.entries:
                    continue
                p = replace(p, entity_id=code, kind="country", via="country")
            if len(self._tokens_in(lo, p.start)) > 8 or self._clause_break(lo, p.start):
                return []
            prev = self._prev_token(p.start, sent.tokens)
            if prev is not None and prev.norm in ("الي", "والي"):
                return [Unit(p, p.start, p.end, marker="الي")]
            return []
        return []

    def _org_type_in(self, u: Unit, types: frozenset[str]) -> bool:
        e = self.kb.entries.get(u.mention.entity_id)
        return e is not None and e.kind == "organization" and e.extra.get("type") in types

    def _consult_pool(self, sent: Sentence) -> list[Unit]:
        """The parties of the first CONSULT of a sentence, else its first actors."""
        for hit in self._hits(sent):
            if hit.trigger.type == "CONSULT":
                subj, obj = self._roles(hit, sent)
                if len(_ids(subj + obj)) >= 2:
                    return _dedupe(subj + obj)
        return self._sentence_actors(sent)[:2]

    def _sentence_actors(self, sent: Sentence, limit: int = 4) -> list[Unit]:
        seen: set[str] = set()
        out = []
        for u in sent.units:
            if u.mention.entity_id not in seen:
                seen.add(u.mention.entity_id)
                out.append(u)
        return out[:limit]

    def _groups(self, units: list[Unit]) -> list[list[Unit]]:
        """Coordinated runs of actors: "X و Y"، "X، Y و Z" (a marker starts a new run)."""
        groups: list[list[Unit]] = []
        for u in units:
            if groups:
                last = groups[-1][-1]
                gap = self.doc.text[last.end : u.start]
                words = [w for w in _GAP_PUNCT.split(normalize(gap).text) if w]
                listed = bool(re.search(r"[,،]", gap)) or bool(words and words[0].startswith("و"))
                joined = not _CLAUSE_PUNCT.search(gap) and listed and (
                    not words or (words[0].startswith("و") and len(words) <= 4)
                )
                if joined and (u.marker is None or u.marker == groups[-1][0].marker or u.marker == "نظير"):
                    groups[-1].append(u)
                    continue
            groups.append([u])
        return groups

    def _roles(self, hit: Hit, sent: Sentence) -> tuple[list[Unit], list[Unit]]:
        """(subject group, target group) of a trigger in its sentence."""
        before = [u for u in sent.units if u.end <= hit.start]
        after = [u for u in sent.units if u.start >= hit.end]
        bgroups = self._groups(before)
        agroups = self._groups(after)
        subj: list[Unit] = []
        obj: list[Unit] = []
        near_before = bgroups[-1] if bgroups else []
        if near_before and any(u.marker for u in near_before) and hit.trigger.is_verb:
            near_before = []  # "مع X أجرى" is unusual; a marked actor before a verb is not its subject
        gap_before = (
            len(self._tokens_in(near_before[-1].end, hit.start)) if near_before else 99
        )
        first_after = agroups[0] if agroups else []
        after_gap = len(self._tokens_in(hit.end, first_after[0].start)) if first_after else 99
        if hit.trigger.is_verb and hit.trigger.genitive_target and first_after and first_after[0].marker is None \
                and after_gap <= 1 and all(u.mention.kind == "person" for u in first_after) and not (
                near_before and gap_before <= 3):
            return [], first_after  # "قُتل شريف إسماعيل، العميد ...": the person named is the one killed
        if hit.trigger.is_verb:
            svo = bool(near_before) and gap_before <= 3 and not self._clause_break(near_before[-1].end, hit.start) \
                and not _DASH.search(self.doc.text[near_before[-1].end : hit.start])
            nouns = [h for h in sent.hits if h is not hit and not h.trigger.is_verb and h.tok_end <= hit.tok_start
                     and self._adjectives_only(sent, h.tok_end, hit.tok_start)]
            noun_subject = bool(nouns)
            if svo and any(near_before[-1].end <= h.start for h in nouns):
                # "تصدت الدفاعات السورية لصواريخ إسرائيلية استهدفت الكسوة": the act's noun between the name and
                # the verb is the verb's subject (the verb describes it), not the name before it
                svo = False
            if svo:
                subj, rest, anchor = near_before, agroups, hit.end
            elif (speaker := self._pronoun_subject(hit, sent)):
                subj, rest, anchor = speaker, agroups, hit.end  # "قال X، ...، إنه يدعم انسحاب ترامب"
            elif noun_subject:  # "الضربة استهدفت بنى إيران": the act's noun is the subject, the name after the object
                subj, rest, anchor = [], agroups, hit.end
            elif first_after and first_after[0].marker is None and after_gap <= 6:
                subj, rest, anchor = first_after, agroups[1:], first_after[-1].end
            else:
                subj, rest, anchor = near_before, agroups, hit.end
            for g in rest:
                if hit.trigger.type == "CONSULT" and any(anchor <= h.start < g[0].start for h in sent.hits
                                                         if h is not hit and h.trigger.type == "CONSULT"):
                    break  # "وصل إلى كوريا للتحضير للقمة بين X و Y": X and Y belong to the other trigger
                dist = self._gap(anchor, g[0].start, sent)
                if g[0].marker == "بين" and subj and hit.trigger.type == "CONSULT" and any(
                        h[0].marker in ("مع", "نظير") for h in rest[rest.index(g) + 1:]):
                    continue  # "سيتباحث ماكرون حول التصعيد بين إسرائيل وإيران مع ميركل": the topic's parties
                if g[0].marker is not None and dist <= 10:
                    obj = g
                    break
                if g is rest[0] and dist <= 6 and hit.trigger.direction != "receiver":
                    obj = g  # the direct object: "التقى X Y"، "استقبل X Y"
                    break
        else:
            # a noun: "خلال اتصال X مع Y", "في اتصال هاتفي مع نظيره"
            tok = sent.tokens[hit.tok_start]
            nisba = None
            if hit.trigger.type in self.lex.nisba_author_types:
                nisba = self._nisba_after(hit, sent) or self._relative_agent(hit, sent)
            if nisba is not None:
                # "الغارة الإسرائيلية على مواقع": the adjective names the author; the target is marked after it
                near_before, first_after = [nisba], []
                agroups = [g for g in agroups if g[0].start >= nisba.end]
            agent_before = nisba is not None or (
                hit.trigger.type != "CONSULT" and bool(near_before) and gap_before == 0 and not any(
                    u.marker for u in near_before) and (
                    self._possessive(tok, hit.trigger) or self._after_control_verb(near_before[0], sent)))
            if agent_before:
                subj = near_before
                rest = agroups
                if first_after and first_after[0].marker is None and after_gap <= 1:
                    obj = first_after
            elif first_after and first_after[0].marker is None and after_gap <= 1 and hit.trigger.genitive_target:
                obj = first_after  # "مقتل عميد في القوات الخاصة": the one killed
                rest = agroups[1:]
            elif hit.trigger.genitive_target:
                rest = agroups  # "أعلن المكتب عن مقتل": who tells of it is not who did it
            elif first_after and first_after[0].marker is None and after_gap <= 1 \
                    and not self._possessive(tok, hit.trigger):
                subj = first_after  # "زيارة ولي العهد"; not after "سعادته": its pronoun is the agent
                rest = agroups[1:]
            else:
                subj = near_before
                rest = agroups
                if hit.trigger.type != "CONSULT" and near_before and any(
                        h.end <= hit.start and h.start < near_before[-1].end and not self._subject_before(h, sent)
                        for h in sent.hits if h is not hit):
                    subj = []  # "ندد الأردن بالهجوم": the subject belongs to the verb before (unless that verb
                    # has its own: "الجيش قد نشر منظومات، بالتزامن مع إعلان ترامب انسحاب بلاده")
            for g in ([] if obj else rest):
                if hit.trigger.type == "CONSULT" and any(hit.end <= h.start and h.end <= g[0].start for h in sent.hits
                                                         if h is not hit and h.trigger.type == "CONSULT"):
                    break  # "الزيارة قبل القمة المرتقبة بين X و Y": X and Y are the other noun's parties
                # from the trigger, or from its agent right after it ("زيارة ولي العهد، محمد بن سلمان، إلى مصر")
                frm = subj[-1].end if subj and subj[0].start >= hit.end and subj[-1].end <= g[0].start else hit.end
                between = self.doc.text[frm : g[0].start]
                if g[0].marker is not None and len(self._tokens_in(hit.end, g[0].start)) <= 6 and \
                        not re.search(r"[،,؛;:.]", between):
                    obj = g
                    break
            if not obj and rest and subj is near_before and rest[0][0].marker is None and \
                    len(self._tokens_in(hit.end, rest[0][0].start)) <= 3:
                obj = rest[0]  # "لقاء بلينكن وغالانت" after a subject elsewhere
        return subj, obj

    def _adjectives_only(self, sent: Sentence, i: int, j: int) -> bool:
        """Tokens ``i``..``j`` of the sentence (maybe none) are adjectives of a noun: nisbas and words of
        ``nisba_between`` ("غارة جوية إسرائيلية استهدفت"), with no clause break."""
        toks = sent.tokens
        return all(t.norm in self.lex.nisba_between or self._nisba_country(t) for t in toks[i:j]) \
            and not (i < j and self._comma_break(toks[i - 1].end, toks[j].start))

    def _relative_agent(self, hit: Hit, sent: Sentence) -> Unit | None:
        """"الهجمات الصاروخية التي شنتها إيران"، "الضربات التي نفذتها إسرائيل": a relative clause right after
        an act's noun (and its adjectives) whose verb takes the noun back as its object (a pronoun suffix) and
        whose subject follows it; that subject is the act's author."""
        toks = sent.tokens
        relative = date_lexicon().relative_pronouns
        k = hit.tok_end
        while k < len(toks) and k - hit.tok_end < 3 and toks[k].norm not in relative and (
                toks[k].norm in self.lex.nisba_between
                or (toks[k].norm.startswith("ال") and toks[k].norm.endswith(("يه", "ي", "يين", "يات")))):
            k += 1  # its adjectives ("الصاروخية الاستفزازية")
        if k + 2 > len(toks) or toks[k].norm not in relative \
                or self._comma_break(toks[k - 1].end, toks[k].start):
            return None
        verb = toks[k + 1]
        if len(verb.norm) < 5 or not verb.norm.endswith(("ها", "ه", "هم")):
            return None
        nxt = next((u for u in sent.units if u.start >= verb.end), None)
        if nxt is None or len(self._tokens_in(verb.end, nxt.start)) > 0 or nxt.marker is not None:
            return None
        return nxt

    def _adjective_next(self, toks: list[Token], i: int) -> bool:
        """A singular nisba follows token ``i`` ("قصف إسرائيلي"، "قصف جوي إسرائيلي"): an adjective, so the token
        is a noun (a verb takes no adjective; "الإسرائيليون" after a verb is its subject)."""
        for t in toks[i + 1 : i + 3]:
            if self._nisba_country(t) is not None:
                return not t.norm.endswith(("ون", "ين"))
            if t.norm not in self.lex.nisba_between:
                return False
        return False

    def _nisba_country(self, t: Token) -> str | None:
        """The country a nisba word names ("الإسرائيلية"، "إيرانية"), or None."""
        key = t.norm[2:] if t.norm.startswith("ال") else t.norm
        return next((s.entity_id for s in self.kb.surfaces.get(key, ()) if s.via == "nisba"), None)

    def _nisba_unit(self, t: Token) -> Unit | None:
        """:meth:`_nisba_country` as an actor unit."""
        country = self._nisba_country(t)
        if country is None:
            return None
        return Unit(EntityMention(t.start, t.end, self.doc.text[t.start : t.end], country, "country", "nisba"),
                    t.start, t.end)

    def _nisba_after(self, hit: Hit, sent: Sentence) -> Unit | None:
        """A lone nisba (no part of a name or body) within ``nisba_reach`` words after a noun trigger, in its
        clause ("غارات جوية إسرائيلية"): the country it names, as a unit."""
        toks = sent.tokens
        prev_end = hit.end
        if any(t.norm not in self.lex.nisba_between for t in toks[hit.tok_start + 1 : hit.tok_end]):
            return None  # a trigger of several words that are not all adjectives ("الغارات الجوية" are)
        for k in range(hit.tok_end, min(len(toks), hit.tok_end + self.lex.nisba_reach)):
            t = toks[k]
            if _COMMA_CLAUSE.search(self.doc.text, prev_end, t.start) or any(
                    u.start < t.end and t.start < u.end for u in sent.units):
                return None
            u = self._nisba_unit(t)
            if u is not None:
                return u
            if t.norm not in self.lex.nisba_between:
                return None
            prev_end = t.end
        return None

    def _subject_before(self, h: Hit, sent: Sentence) -> bool:
        """An actor stands right before the trigger ``h`` in its clause (SVO: "الجيش قد نشر")."""
        return any(u.end <= h.start and u.marker is None and len(self._tokens_in(u.end, h.start)) <= 2
                   and not self._clause_break(u.end, h.start) for u in sent.units)

    def _possessive(self, tok: Token, trig: Trigger) -> bool:
        """A noun trigger with a possessive pronoun ("مطالبتها"، "تأييده"): its agent is told before it."""
        for _, stem in self._stems(tok):
            for suf in ("هما", "هم", "ها", "ه"):
                if stem.endswith(suf) and len(stem) > len(suf) + 2:
                    base = stem[: -len(suf)]
                    if base in trig.words[0] or (base.endswith("ت") and base[:-1] + "ه" in trig.words[0]):
                        return True
        return False

    def _after_control_verb(self, u: Unit, sent: Sentence) -> bool:
        """The actor follows a verb of intending or preparing ("تعتزم X"، "يستعد X")."""
        prev = self._prev_token(u.start, sent.tokens)
        return prev is not None and any(
            st in self.lex.status.get(k, ()) for k in ("planned", "scheduled") for _, st in self._stems(prev))

    def _gap(self, start: int, end: int, sent: Sentence) -> int:
        """Words between two offsets, less those of a date or a place said in passing
        ("التقى X، اليوم الثلاثاء في الدوحة، Y": Y is still the object)."""
        toks = self._tokens_in(start, end)
        if not toks:
            return 0
        skip = [(p.start, p.end) for p in sent.places]
        skip += [(d.start, d.end) for d in find_dates(self.doc.text, start, end, None)]
        n = 0
        for t in toks:
            if any(a <= t.start < b for a, b in skip):
                continue
            if t.norm in ("في", "ب") or any(st in ("في",) for _, st in self._stems(t)):
                continue
            n += 1
        return n

    def _clause_break(self, start: int, end: int) -> bool:
        return bool(_CLAUSE_PUNCT.search(self.doc.text[start:end]))

    def _group_list(self, hit: Hit, sent: Sentence, sentences: list[Sentence]) -> list[Unit]:
        """For "لقائه بسفراء 17 دولة" / "اجتماع وزراء …": the countries listed in this or the next sentences."""
        after = [t for t in sent.tokens if t.start >= hit.end][:8]
        lead = any(stem in self.lex.group_nouns for t in after[:2] for _, stem in self._stems(t))
        counted = any(
            after[k - 1].norm.isdigit() and any(st in self.lex.count_nouns for _, st in self._stems(after[k]))
            for k in range(1, len(after))
        )
        if not (lead or counted):
            return []
        for s in sentences[sent.index : sent.index + 3]:
            countries = [u for u in s.units if u.mention.kind == "country"
                         and (s is not sent or u.start > hit.end)]
            for g in self._groups(countries):
                if len(g) >= 3:
                    return g
        return []

    @staticmethod
    def _directed(direction: str, subj: list[Unit], obj: list[Unit], is_verb: bool
                  ) -> tuple[list[Unit], list[Unit], list[Unit]]:
        parts = _dedupe(subj + obj)
        if direction in ("caller", "visitor", "subject"):
            return _dedupe(subj), _dedupe([u for u in obj if u.mention.entity_id not in _ids(subj)]), parts
        if direction == "receiver":
            return _dedupe(obj), _dedupe([u for u in subj if u.mention.entity_id not in _ids(obj)]), parts
        if direction == "host" and is_verb and subj and obj:
            return _dedupe(obj), _dedupe(subj), parts
        return [], [], parts

    # -- the event record -----------------------------------------------------------------------
    def _draft(self, hit: Hit, sent: Sentence, sentences: list[Sentence], story: Story, ref: dt.date | None,
               mode: str | None, direction: str, src: list[Unit], tgt: list[Unit], parts: list[Unit],
               used_prev: bool) -> Draft:
        trig = hit.trigger
        consult = trig.type == "CONSULT"
        on = None
        date, date_text, date_from, tense = self._date(hit, sent, ref)
        if date is None and date_text is None and used_prev and sent.anaphoric and sent.index > 0:
            date, date_text, date_from, tense = self._date(hit, sentences[sent.index - 1], ref)
        if date and len(date) == 10:
            try:
                on = dt.date.fromisoformat(date)
            except ValueError:
                on = None
        on = on or ref
        status = self._status(hit, sent, tense)
        if status in ("scheduled", "planned") and on is not None and ref is not None and on < ref \
                and date_text and not re.search(r"\d{4}", date_text) and date_from == "explicit":
            # "يعقد قمة ... في 12 يونيو" (no year): a planned act's day and month are the next ones to come
            try:
                on = on.replace(year=on.year + 1)
                date = on.isoformat()
            except ValueError:
                pass
        location = self._location(hit, sent, mode)
        topics = self._topics(sent, sentences)
        attribution = self._attribution(sent)
        evidence = Span(sent.span.start, sent.span.end, sent.span.text)
        plover_mode = self.lex.plover_mode.get(mode) if consult and mode else (mode if not consult else None)
        n_actors = len(_ids(parts))
        conf = 0.35 + 0.15 * min(n_actors, 3) + (0.1 if date else 0.0) - (0.15 if used_prev else 0.0)
        ev = Event(
            doc_id=self.doc.doc_id,
            story_id=story.story_id,
            event_id="",
            event_type=trig.type,
            mode=(mode or "unspecified") if consult else mode,
            plover_mode=plover_mode,
            source=[self._actor(u, on) for u in src],
            target=[self._actor(u, on) for u in tgt],
            participants=[self._actor(u, on) for u in parts],
            date=date,
            date_text=date_text,
            date_from=date_from,
            location=location,
            status=status,
            contexts=list(self.lex.contexts.get(trig.type, [])),
            topics=topics,
            attribution=attribution,
            evidence=evidence,
            confidence=max(0.05, min(0.95, conf)),
            trigger=Span(hit.start, hit.end, self.doc.text[hit.start : hit.end]),
        )
        return Draft(ev, _ids(parts), sent.index, direction,
                     backref=not trig.is_verb and (hit.definite or hit.demonstrative or self._construct(hit, sent)))

    def _construct(self, hit: Hit, sent: Sentence) -> bool:
        """A noun made definite by the name after it ("انسحاب واشنطن"، "هجوم إيران"): an act already known."""
        nxt = sent.tokens[hit.tok_end] if hit.tok_end < len(sent.tokens) else None
        return nxt is not None and any(u.start == nxt.start for u in sent.units)

    def _country_of(self, u: Unit) -> str | None:
        e = self.kb.entries.get(u.mention.entity_id)
        if e is None:
            return None
        role = e.role_on(self._ref) if self._ref else None
        return (role.country if role else None) or e.country

    def _actor(self, u: Unit, on: dt.date | None) -> Actor:
        m = u.mention
        e = self.kb.entries.get(m.entity_id)
        if e is None:
            return Actor(m.entity_id, m.text, m.text, m.kind, None, None, None, m.start, m.end)
        role = e.role_on(on) if on else None
        country = (role.country if role else None) or e.country
        sector = (role.sector if role else None) or e.sector
        if m.via == "gov" and m.sector:
            sector = m.sector
        return Actor(e.id, e.name, e.name_ar, e.kind, country, sector, role.title if role else None, m.start, m.end)

    def _date(self, hit: Hit, sent: Sentence, ref: dt.date | None
              ) -> tuple[str | None, str | None, str, str | None]:
        key = (sent.span.start, sent.span.end, ref)
        dates = self._dates.get(key)
        if dates is None:
            # with the stretches that name no day ("خلال الساعات الـ48 الأخيرة"): an act told with one is undated
            dates = self._dates[key] = find_dates(self.doc.text, sent.span.start, sent.span.end, ref, spans=True)
        best: tuple[int, DateExpr] | None = None
        comp = self._complement_start(hit, sent)
        tense = None  # of a verb trigger: past, present or future
        if hit.trigger.is_verb and sent.span.start <= hit.start < sent.span.end:
            # a present form is one whose future form (with "س") the trigger knows
            stems = [st for _, st in self._stems(sent.tokens[hit.tok_start]) if st in hit.trigger.words[0]]
            tense = "future" if hit.future else "present" if stems and all(
                "س" + st in hit.trigger.future_forms for st in stems) else "past"
        for d in dates:
            if any(u.start <= d.start < u.end for u in sent.units):
                continue
            if self._date_elsewhere(hit, d, sent):
                continue
            dist = 0 if d.start < hit.end and hit.start < d.end else (
                d.start - hit.end if d.start >= hit.end else hit.start - d.end)
            if d.start < hit.start and self._clause_break(d.end, hit.start):
                dist += 200
            if d.start >= hit.end and _SENTENCE_END.search(self.doc.text, hit.end, d.start):
                continue  # '…لتفريق المشاجرات".افتتح المخيم عام 2015': a sentence the splitter missed
            if comp is not None and d.end <= comp and any(e.start >= comp for e in dates):
                dist += 100  # "أعلن ترامب الخميس أن القمة ستعقد في 12 يونيو": the date of the announcement
            if best is None or dist < best[0]:
                best = (dist, d)
        if best is None:
            return None, None, "none", None
        d = best[1]
        if d.rule == "span":
            return None, None, "none", None
        if comp is not None and d.end <= comp <= hit.start and tense == "present" \
                and hit.trigger.type in date_lexicon().ongoing_types:
            # "أعلنت مصادر الاثنين أن باراغواي تتباحث مع إسرائيل": an act told in the present tense is going on;
            # the report's day is not its date
            return None, None, "none", None
        return d.value, d.text, _DATE_FROM.get(d.rule, "explicit"), d.tense

    def _date_elsewhere(self, hit: Hit, d: DateExpr, sent: Sentence) -> bool:
        """The date of a span or of another act of the sentence, not of ``hit``'s: after "منذ"/"حتى", inside a
        relative clause the trigger is not in (or the other way round), or nearer another trigger."""
        if d.start < hit.end and hit.start < d.end:
            return False
        dl = date_lexicon()
        toks = sent.tokens
        i = bisect.bisect_right([t.end for t in toks], d.start)  # the token the date starts in
        if i > 0 and self._word_in(toks[i - 1].norm, dl.until_words):
            return True  # "حتى اليوم"
        if i < len(toks) and toks[i].norm in dl.attribute_year_words:
            return True  # "ميزانية لعام 2020": a noun's attribute
        after = d.start >= hit.end
        for k in range(i - 1, max(-1, i - 7), -1):  # "الاتفاق النووي المبرم مع إيران عام 2015"
            t = toks[k]
            if (t.start < hit.end and t.end > hit.start) or (after and t.end <= hit.start) \
                    or self._clause_break(t.end, d.start):
                break
            if self._word_in(t.norm, dl.attribute_participles):
                if k > 0 and toks[k - 1].start < hit.end and toks[k - 1].end > hit.start:
                    break  # "الاتفاق الموقع الثلاثاء" (the trigger right before): the trigger's own date
                return True
        # "منذ" before the date in its clause, the trigger not between.  Right before it ("منذ أوائل يوليو"),
        # the date is the start of what the trigger tells, an ongoing wave or campaign, unless it is a bare
        # year (background: "منذ 2011"); with an act between ("منذ تدخل التحالف في مارس 2015"), the date
        # is that act's.
        near = True
        for t in reversed(toks[max(0, i - 10) : i]):
            if (after and t.start < hit.end) or self._clause_break(t.end, d.start):
                break
            if self._word_in(t.norm, dl.since_words):
                if not near and not after and not self.doc.text[d.end : hit.start].strip():
                    break  # "منذ إعلان ترامب الثلاثاء انسحاب بلاده": the trigger is what the since-act announced
                return not near or (d.value is not None and len(d.value) == 4)
            near = near and t.norm in dl.span_cues
        lo, hi = (hit.end, d.start) if after else (d.end, hit.start)
        between = [t for t in toks if lo <= t.start and t.end <= hi]
        if hit.tok_start > 0 and self._word_in(toks[hit.tok_start - 1].norm, dl.charge_words):
            return True  # "الجندي الذي أدين بقتل فلسطيني": the act charged is not of the sentence's day
        if after and any(t.norm in dl.clause_openers and self._comma_break(lo, t.start) for t in between):
            return True  # "بإعلانه انسحاب بلاده، حيث دافع، الأربعاء، عن قراره": the date of the clause after
        if any(self._word_in(t.norm, dl.act_links) for t in between):
            return True  # "حفلا كان مقررا يومي الخميس والجمعة إثر احتجاجات": the date is the other act's
        if after and hit.tok_start > 0 and self._word_in(toks[hit.tok_start - 1].norm, dl.act_links) \
                and self._comma_break(hit.end, d.start):
            return True  # "غداة انسحاب واشنطن من الاتفاق، أعلنت الجامعة العربية الأربعاء": the main clause's
        for k, t in enumerate(between):
            if not self._word_in(t.norm, dl.relative_pronouns):
                continue
            if after and k <= 1:
                continue  # "الهجوم، الذي وقع في 19 مارس": the clause tells the trigger's own act
            if after and not self._clause_break(t.end, d.start):
                return True  # "فريقه الذي أرسل إلى دمشق السبت"
            if not after and self._comma_break(d.end, t.start):
                return True  # "داهم، الاثنين، مكتب ...، دانيالز، التي تتهم ترمب"
        if not after and any(self._word_in(t.norm, dl.relative_pronouns) for t in toks[max(0, i - 10) : i]
                             if not self._comma_break(t.end, d.start)) and self._comma_break(d.end, hit.start):
            return True  # "المجموعة التي تأسست في عام 2011، ... الاحتجاجات"
        if d.rule == "span":
            return False  # a stretch of time frames every act near it ("قتلوا في غارات خلال الساعات الأخيرة")
        # the date of another act told in the same sentence ("اعتقلت الشرطة السبت 19 شخصا على خلفية
        # اشتباكات"): another trigger nearer the date, the date before this one or that trigger between
        others = [h for h in sent.hits if h is not hit and not (h.start <= hit.start < h.end)
                  and (h.trigger.is_verb or h.trigger.type == hit.trigger.type) and _dist(h, d) < _dist(hit, d)]
        if after and others:
            # "سيتباحث مع ميركل عندما يلتقي بها نهار اليوم": a when-clause dates the main clause too
            when = next((t.end for t in between if self._word_in(t.norm, dl.when_words)), None)
            if when is not None:
                others = [h for h in others if h.start < when]
        return bool(others) and not (after and not any(hit.end <= h.start < d.start for h in others))

    def _comma_break(self, start: int, end: int) -> bool:
        """A clause ends between the two offsets, a comma included ("تأسست في عام 2011، والمكونة ...")."""
        return bool(_COMMA_CLAUSE.search(self.doc.text, start, end)) if end > start else False

    @staticmethod
    def _word_in(norm: str, words: frozenset[str]) -> bool:
        """A normalized word, or the word after a conjunction (و ف), is one of ``words``."""
        return norm in words or (len(norm) > 2 and norm[0] in "وف" and norm[1:] in words)

    def _status(self, hit: Hit, sent: Sentence, tense: str | None) -> str:
        toks = sent.tokens
        i = hit.tok_start
        lo = i
        while lo > 0:
            between = self.doc.text[toks[lo - 1].end : toks[lo].start]
            if re.search(r"[،,؛;:.]", between):
                break
            lo -= 1
        clause = [t.norm for t in toks[lo:i]]
        near = clause[-self.lex.status_window:]
        joined = " " + " ".join(clause) + " "

        def has(kind: str) -> bool:
            for cue in self.lex.status.get(kind, ()):
                if cue in self.lex.status_near:
                    if cue in near:
                        return True
                elif f" {cue} " in joined:
                    return True
            return False

        if has("denied"):
            return "denied"
        if has("hypothetical"):
            return "hypothetical"
        if has("planned"):
            return "planned"
        if hit.future or has("scheduled") or tense == "future":
            return "scheduled"
        if any(t.norm in self.lex.status_after for t in toks[hit.tok_end : hit.tok_end + self.lex.status_after_window]):
            return "scheduled"  # "القمة المرتقبة"
        return "occurred"

    def _location(self, hit: Hit, sent: Sentence, mode: str | None) -> Location | None:
        if hit.trigger.type == "CONSULT" and mode not in ("meeting", "visit", "multilateral"):
            return None  # a call or talks have no one place
        best: tuple[int, EntityMention] | None = None
        for p in sent.places:
            prev = self._prev_token(p.start, sent.tokens)
            pre = self._prefix_of(p.start)
            prep = pre.endswith("ب") or (prev is not None and prev.norm in {"و" + x for x in self.lex.loc_preps}
                                         | set(self.lex.loc_preps))
            if not prep:
                continue
            if prev is not None and prev.norm.endswith(("في", "الي")):
                before = self._prev_token(prev.start, sent.tokens)
                if before is not None and any(st in self.lex.loc_not_after for _, st in self._stems(before)):
                    continue
            if prev is not None and prev.norm in ("من", "ومن") and mode != "visit":
                continue
            dist = abs(p.start - hit.start)
            n_between = len(self._tokens_in(min(p.end, hit.end), max(p.start, hit.start)))
            if n_between > 8:
                continue
            if best is None or dist < best[0]:
                best = (dist, p)
        if best is None:
            return None
        p = best[1]
        e = self.kb.entries.get(p.entity_id)
        if e is None:
            return Location(p.text, p.text, None, p.start, p.end)
        if e.kind == "country":
            cap = _capitals().get(_strip_clitics(normalize(p.text).text))
            if cap is not None:  # "في واشنطن": the city, not the country
                return Location(cap[0], p.text, cap[1], p.start, p.end)
            return Location(e.name, e.name_ar, e.id, p.start, p.end)
        return Location(e.name, e.name_ar, e.country, p.start, p.end)

    def _topics(self, sent: Sentence, sentences: list[Sentence]) -> list[str]:
        text = self.doc.text
        ps = text.rfind("\n", 0, sent.span.start) + 1
        pe = text.find("\n", sent.span.end)
        pe = len(text) if pe < 0 else pe
        if pe - ps > 700:  # no paragraph breaks: the sentence and its neighbours
            lo = sentences[max(0, sent.index - 1)].span.start if sent.index > 0 else sent.span.start
            hi = sentences[min(len(sentences) - 1, sent.index + 1)].span.end
            ps, pe = min(lo, sent.span.start), max(hi, sent.span.end)
        offs = self._topic_offsets()
        return [topic for topic in self.lex.topics
                if (o := offs.get(topic)) and self._topic_end_in(topic, o, bisect.bisect_left(o, ps), pe)]

    def _topic_end_in(self, topic: str, offs: list[int], k: int, pe: int) -> bool:
        """A cue of ``topic`` starting at ``offs[k]`` or after, and ending by ``pe`` (the window's end)."""
        ends = self._topic_ends[topic]
        while k < len(offs) and offs[k] < pe:
            if ends[k] <= pe:
                return True
            k += 1
        return False

    def _topic_offsets(self) -> dict[str, list[int]]:
        """Where each topic's cues are in the document (original offsets of their first and past-last
        characters): one scan of the whole normalized text for the cues of every topic together."""
        if self._topic_cache is None:
            self._topic_cache, self._topic_ends = _topic_matches(self.nt, self.lex.topic_automaton)
        return self._topic_cache

    def _attribution(self, sent: Sentence) -> Attribution | None:
        hit = self._attribution_span(sent.tokens)
        if hit is None:
            return None
        s, e, _, m = hit
        return Attribution(m.entity_id if m is not None else None, self.doc.text[s:e], s, e)

    def _attribution_span(self, toks: list[Token]) -> tuple[int, int, bool, EntityMention | None] | None:
        """(start, end, source only?, mention) of the first attribution phrase of a sentence."""
        key = (toks[0].start, toks[-1].end) if toks else (0, 0)
        cache = self._attr_cache
        if key not in cache:
            cache[key] = self._find_attribution(toks)
        return cache[key]

    def _find_attribution(self, toks: list[Token]) -> tuple[int, int, bool, EntityMention | None] | None:
        norms = [t.norm for t in toks]
        by_first = _cues_by_first_word(self.lex.attr_cues)
        prefixes = tuple(c[0] for c in by_first.get("", ()))
        for i in range(len(toks)):
            w0 = norms[i]
            cands_cues = set(by_first.get(w0, ()))
            if w0[:1] in ("و", "ف"):
                cands_cues.update(by_first.get(w0[1:], ()))
            # a one-word cue may also be the start of the token ("بحسب" / "بحسبما")
            if w0.startswith(prefixes):
                cands_cues.update(c for c in by_first.get("", ()) if w0.startswith(c[0]))
            for _cue, words in sorted(cands_cues, key=lambda c: (-len(c[0]), c[0])):
                k = len(words)
                seg = norms[i : i + k]
                if len(seg) < k:
                    continue
                ok = all(seg[j] == words[j] or (j == k - 1 and seg[j].startswith(words[j]))
                         or (j == 0 and seg[j] in ("و" + words[j], "ف" + words[j]))
                         for j in range(k))
                if not ok:
                    continue
                last_i = min(len(toks) - 1, i + k - 1 + self.lex.attr_reach)
                for j in range(i + k, last_i + 1):  # "وفق بيان لـX، ..." : the cited body ends at the comma
                    if re.search(r"[،,؛;:]", self.doc.text[toks[j - 1].end : toks[j].start]):
                        last_i = j - 1
                        break
                reach_end = toks[last_i].end
                cands = [m for m in self.doc.mentions
                         if toks[i].start < m.start and m.end <= reach_end and m.kind != "place"
                         and m.entity_id != "?" and not m.in_boilerplate]
                only = any(w in self.lex.attr_source_words for w in words) or any(
                    t.norm in self.lex.attr_source_words for t in toks[i : i + k])
                if not cands:
                    if only:  # a cited source the knowledge base does not know: kept as text
                        last = toks[min(last_i, i + k + 2)]
                        return toks[i].start, last.end, True, None
                    continue
                m = cands[0]
                return toks[i].start, m.end, only, m
        return None

    # -- merging --------------------------------------------------------------------------------
    def _attach(self, drafts: list[Draft], d: Draft, sent: Sentence, sentences: list[Sentence], story: Story,
                ref: dt.date | None) -> None:
        """A back-reference: add it to the latest CONSULT told before, else build it from the fallback."""
        window = 3 if d.anaphoric_sentence else 50
        for x in reversed(drafts):
            if x.event.event_type != "CONSULT" or x.sentence < sent.index - window or x.sentence > sent.index:
                continue
            if d.ids and not (d.ids & x.ids) and len(d.ids) > 0 and x.sentence != sent.index - 1:
                continue
            if _other_channel(d.event.mode, x.event.mode):
                continue  # "قبل القمة" after a minister's visit: the summit told before, not the visit
            _absorb(x, d, self.lex, upgrade=True)
            return
        if len(_ids(d.fallback)) >= 2:
            hit_like = d.event
            d.event.participants = [self._actor(u, None) for u in d.fallback]
            d.ids = _ids(d.fallback)
            d.refers = False
            hit_like.confidence = max(0.05, hit_like.confidence - 0.1)
            self._merge_or_add(drafts, d)

    def _merge_or_add(self, drafts: list[Draft], d: Draft, upgrade: bool = False) -> None:
        """Join ``d`` to the draft of the same act (:meth:`_same`); of several, the one with most actors in
        common, then the one told nearest (a telling with no actor, "تم اعتراض بعض الصواريخ", is about the
        act just told, not the story's first act of that type); else add it."""
        best = None
        for k, x in enumerate(drafts):
            if self._same(x, d):
                key = (len(x.ids & d.ids), -abs(d.sentence - x.sentence), -k)
                if best is None or key > best[0]:
                    best = (key, x)
        if best is not None:
            _absorb(best[1], d, self.lex, upgrade=upgrade)
            return
        drafts.append(d)

    def _same(self, x: Draft, d: Draft) -> bool:
        a, b = x.event, d.event
        if a.event_type != b.event_type:
            return False
        # "الهجوم"، "هذا القصف" after an act of the kind was told: that act again, whoever the sentence
        # names before it (the one who condemns it, denies a part in it, reports it)
        backref = d.backref and a.event_type in self.lex.one_per_story
        if a.status != b.status and not backref:
            return False
        overlap = len(x.ids & d.ids)
        same_sentence = x.sentence == d.sentence
        if a.event_type == "CONSULT":
            specific = {"phone", "meeting", "visit", "multilateral"}
            # a visit is where its meetings happen: "استقبل X نظيره Y" and "في إطار زيارة عمل" in one
            # story are one interaction; a call and a meeting, or a summit and a meeting, are two
            visit_meeting = {a.mode, b.mode} == {"visit", "meeting"}
            # "سيلتقي ترامب كيم" … "قمة بين كوريا الشمالية والولايات المتحدة": the same two countries
            two_sides = len(sides := _sides(a)) == 2 and sides == _sides(b) and "phone" not in (a.mode, b.mode) \
                and not _other_people(a, b)
            if a.mode != b.mode and a.mode in specific and b.mode in specific and not same_sentence \
                    and not visit_meeting and not two_sides:
                return False
            if not (overlap >= 2 or two_sides or (same_sentence and (x.ids <= d.ids or d.ids <= x.ids))
                    or (overlap >= 1 and (len(x.ids) == 1 or len(d.ids) == 1))
                    or (overlap >= 1 and "visit" in (a.mode, b.mode) and _same_side(a, b))):
                return False
        elif a.event_type in self.lex.one_per_story:
            # violence, protest, repression: a story tells its act again and again, with or without its
            # author and in other words and weapons ("غارة" … "القصف" … "الهجوم" … "الصواريخ"); one act
            # unless the tellings name different authors or dates
            sa, sb = _actor_sides(a.source), _actor_sides(b.source)
            if sa and sb and not (sa & sb) and not backref:
                return False
            if x.answered != d.answered and (same_sentence or bool(sa) != bool(sb)):
                return False  # the act answered and the answer: two acts, by two sides
            if a.mode != b.mode and a.event_type in self.lex.mode_apart:
                return False  # leaving a treaty and imposing sanctions, deploying troops and missiles
        else:
            if a.mode != b.mode and a.mode and b.mode:
                return False
            sa, sb = _ids_of(a.source), _ids_of(b.source)
            ta, tb = _ids_of(a.target), _ids_of(b.target)
            # a speaker's call, praise or condemnation told again names its target again, or another one
            # of the same side; other acts of one speaker on different targets are different acts
            same_speaker = bool(sa) and sa == sb and (not ta or not tb or bool(ta & tb)
                                                       or a.event_type in self.lex.one_per_speaker)
            # "فرنسا تتهم روسيا" (the headline) and "اتهمت وزيرة الدفاع الفرنسية روسيا": a country and its
            # official, the same target
            same_sides = bool(_actor_sides(a.source) & _actor_sides(b.source)) and bool(
                _actor_sides(a.target) & _actor_sides(b.target))
            if not (same_sentence and overlap >= 1) and not same_speaker and not same_sides \
                    and not (x.ids == d.ids and sa == sb):
                return False
        if a.date and b.date and a.date != b.date:
            return False
        if a.date_text and b.date_text and _bare(a.date_text) != _bare(b.date_text) and a.date != b.date:
            return False
        return True


_SENTENCE_END = re.compile(r"[.!?؟](?=[^\W\d_])")  # glued to the next word: "د. محمد" is no sentence end


def _sides(ev: Event) -> set[str]:
    """The countries an interaction is between: a country, or the country of a person or body."""
    return {act.id if act.kind == "country" else (act.country or act.id) for act in ev.participants}


def _other_people(a: Event, b: Event) -> bool:
    """On some side, each telling names someone and no one in common (Pompeo meets Kim, Trump meets Kim)."""
    def people(ev: Event) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for act in ev.participants:
            if act.kind != "country":
                out.setdefault(act.country or act.id, set()).add(act.id)
        return out

    pa, pb = people(a), people(b)
    return any(pa[c] and pb.get(c) and not (pa[c] & pb[c]) for c in pa)


def _same_side(a: Event, b: Event) -> bool:
    """Two tellings of a visit that share a party, whose other parties are of one country ("استقبلت دولة
    الإمارات الرئيس الصيني" and "سعداء بزيارة الصديق شي جين بينغ", said by a UAE leader): one trip. A trip
    of the same visitor to another country is another visit."""
    ia, ib = _ids_of(a.participants), _ids_of(b.participants)
    shared = ia & ib

    def lands(ev: Event) -> set[str]:
        return {act.id if act.kind == "country" else act.country for act in ev.participants
                if act.id not in shared} - {None}

    la, lb = lands(a), lands(b)
    return bool(la) and bool(lb) and la == lb


def _dist(h: Hit, d: DateExpr) -> int:
    if d.start < h.end and h.start < d.end:
        return 0
    return d.start - h.end if d.start >= h.end else h.start - d.end


def _bare(s: str) -> str:
    return " ".join(w for w in normalize(s).text.split() if w not in ("يوم", "امس", "اليوم")).lstrip("و")


def _absorb(x: Draft, d: Draft, lex: EventLexicon, upgrade: bool = False) -> None:
    a, b = x.event, d.event
    if b.evidence.start != a.evidence.start and all(s.start != b.evidence.start for s in a.also_evidence):
        a.also_evidence.append(b.evidence)
    upgrade = upgrade or x.sentence == d.sentence
    if a.event_type == "CONSULT" and b.mode != a.mode and upgrade:
        rank = lex.mode_rank
        if rank.index(b.mode if b.mode in rank else "unspecified") < rank.index(a.mode if a.mode in rank else
                                                                                 "unspecified"):
            a.mode = b.mode
            a.plover_mode = lex.plover_mode.get(b.mode)
            if d.direction != "none" and (b.source or b.target):
                a.source, a.target = b.source, b.target
    if not a.date and not a.date_text and b.date:
        a.date, a.date_text, a.date_from = b.date, b.date_text, b.date_from
    elif not a.date_text and b.date_text:
        a.date_text, a.date_from = b.date_text, b.date_from
    if a.mode is None and b.mode is not None and a.event_type != "CONSULT":
        a.mode = a.plover_mode = b.mode
    if not a.source and b.source:
        a.source = b.source
    if not a.target and b.target:
        a.target = b.target
    if a.location is None and b.location is not None:
        a.location = b.location
    if a.attribution is None and b.attribution is not None:
        a.attribution = b.attribution
    have = _ids_of(a.participants)
    for act in ([] if d.refers else b.participants):
        if act.id not in have:
            a.participants.append(act)
            have.add(act.id)
    if not a.source and not a.target and (b.source or b.target):
        a.source, a.target = b.source, b.target
    for t in b.topics:
        if t not in a.topics:
            a.topics.append(t)
    x.ids |= d.ids
    a.confidence = min(0.95, max(a.confidence, b.confidence) + 0.05)


def _ids(units: list[Unit]) -> set[str]:
    return {u.mention.entity_id for u in units}


def _other_channel(a: str | None, b: str | None) -> bool:
    """Two modes of CONSULT that cannot tell one interaction: a call and an encounter, a summit and a visit
    (a summit of two is a meeting, a visit holds meetings)."""
    if not a or not b or a == b or "talks" in (a, b) or "unspecified" in (a, b):
        return False
    return "phone" in (a, b) or {a, b} == {"multilateral", "visit"}


def _ids_of(actors: list[Actor]) -> set[str]:
    return {a.id for a in actors}


def _actor_sides(actors: list[Actor]) -> set[str]:
    """The actors and the countries they act for: "ترامب" and "الولايات المتحدة" are one side."""
    return {a.id for a in actors} | {a.country for a in actors if a.country}


def _dedupe(units: list[Unit]) -> list[Unit]:
    seen: set[str] = set()
    out = []
    for u in units:
        if u.mention.entity_id not in seen:
            seen.add(u.mention.entity_id)
            out.append(u)
    return out


@cache
def _capitals() -> dict[str, tuple[str, str]]:
    """Normalized Arabic capital name -> (English name, country code), from the knowledge base."""
    out: dict[str, tuple[str, str]] = {}
    path = data_path("kb", "countries.jsonl")
    if not path.exists():
        return out
    for _, rec in iter_jsonl(path):
        if rec.get("capital"):
            for ar in rec.get("capital_ar") or []:
                out[normalize_key(ar)] = (rec["capital"], rec["id"])
    return out


def _strip_clitics(word: str) -> str:
    caps = _capitals()
    for _, stem in clitic_stems(word):
        if stem in caps:
            return stem
    return word


_TOPIC_PREFIXES = ("", "و", "ف", "ل", "ب", "ك", "لل", "ول", "وب", "وك", "ولل", "فل", "فب", "فك", "فلل")
_TOPIC_END = frozenset(" \t\n\r\f\v.,،؛:!؟?\"»”)")


def _topic_matches(nt: NormText, auto) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """(starts, ends) in original offsets of every topic cue of the text, sorted: a cue counts after a word
    start and optional clitics (و ف، ل ب ك، لل), and is closed by a word end unless it is open-ended."""
    text = " " + nt.text + " "
    hits: dict[str, list[tuple[int, int]]] = {}
    for end, (n, owners) in auto.iter(text):
        start = end - n + 1
        if not any(text[start - len(p) - 1].isspace() and text.startswith(p, start - len(p))
                   for p in _TOPIC_PREFIXES if start - len(p) - 1 >= 0):
            continue
        closed = text[end + 1] in _TOPIC_END if end + 1 < len(text) else True
        for topic, open_end in owners:
            if open_end or closed:
                hits.setdefault(topic, []).append((start - 1, end - 1))  # the padding space shifts by one
    starts: dict[str, list[int]] = {}
    ends: dict[str, list[int]] = {}
    for topic, spans in hits.items():
        spans = sorted((nt.to_orig(max(0, s)), nt.to_orig(max(0, e)) + 1) for s, e in spans)
        starts[topic] = [s for s, _ in spans]
        ends[topic] = [e for _, e in spans]
    return starts, ends


@lru_cache(maxsize=1 << 14)
def _cached_stems(word: str) -> list[tuple[str, str]]:
    """Clitic readings of a word (the same words recur on every page)."""
    return clitic_stems(word, min_stem=2)


def forget_words() -> None:
    """Empty the cache of clitic readings (see :func:`marsad.pipeline.clear_caches`)."""
    _cached_stems.cache_clear()


@cache
def _cues_by_first_word(cues: tuple[str, ...]) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """Attribution cues indexed by their first word (one-word cues also under "", for prefix matches)."""
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for cue in cues:
        words = tuple(cue.split())
        out.setdefault(words[0], []).append((cue, words))
        if len(words) == 1:
            out.setdefault("", []).append((cue, words))
    return {k: tuple(v) for k, v in out.items()}


def extract_events(doc: Document, kb) -> list[Event]:
    return EventExtractor(doc, kb).run()
