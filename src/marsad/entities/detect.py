"""Entity detection and resolution over the text layer.

1. An Aho-Corasick scan of the normalized text finds every knowledge-base surface form whose match
   starts at a word start (after any proclitics: و ب ل ال لل …) and ends at a word end; overlapping
   matches keep the leftmost-longest.
2. Compositions: an office head + a country ("وزير الخارجية الأمريكي"، "أمير قطر") is a role phrase; a
   government head + a nisba ("الجيش الإسرائيلي") is that country's body; "نظيره" + nisba is the
   counterpart; a title + name words, or name words + "(43 عاما)", is a person the KB lacks.
3. Resolution within the document: a surname or a role phrase links to a full mention in the
   document, else to the unique KB person who fits (active on the story's date for roles); what stays
   ambiguous is left unresolved (role phrases then stand for their country).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate

from marsad.entities.romanize import romanize_id
from marsad.kb import KB, KBEntry, Surface
from marsad.records import Document, Entity, EntityMention, Mention
from marsad.resources import load_yaml
from marsad.text import CLITIC_PREFIXES, clitic_stems
from marsad.text.normalize import NormText, normalize_key

_PROCLITICS = frozenset(CLITIC_PREFIXES)
# after a dateline's place: an optional "(agency)" or date, then a dash or colon
_DATELINE_TAIL = re.compile(r"[ \t]*(?:\([^()\n]{1,60}\))?[ \t]*[-–—:]")
_PLACE_PREPS = ("في", "ب", "الي", "من", "نحو", "قرب", "داخل", "وفي", "وب", "ومن", "والي", "لدي")
_WORD_CHARS = re.compile(r"[0-9a-z\u0621-\u064A]")
_WORD_RE = re.compile(r"[0-9a-z\u0621-\u064A]+")
_COMMA_RE = re.compile(r"[،,]")
# words that start a name only inside it ("نورية بن غبريط")
_PARTICLES = frozenset({"بن", "بنت", "ابن", "ال", "آل", "اال"})
# the first word of a compound name ("عبد الله"، "أبو بكر"، "بن سلمان"): the word after it may be definite
_COMPOUND_HEADS = frozenset({"عبد", "ابو", "بن", "ابن", "بنت", "الله"})
# an imperfect or future verb after a name ("يعترف"، "سينضم"، "تتهم")
_VERB_PREFIXES = ("ي", "سي", "ست", "تت")
_HEAD_VIAS = frozenset({"office", "counterpart", "gov"})
# Latin letters written out as the initials of a foreign name ("جون سي. ديمرز"), normalized
_INITIALS = frozenset({"سي", "جي", "جيه", "دي", "اف", "اتش", "بي", "تي", "ار", "اس", "كيه", "دبليو", "ايه", "زد",
                       "اكس", "واي", "كيو", "يو"})
_INITIAL_RE = re.compile(r"(?<![\u0621-\u064A])[\u0621-\u064A]{2,5}\.\s*")
# the two words after a role phrase: a space or a comma, a word, a space or a hyphen, a word
_TWO_WORDS_RE = re.compile(r"[ \t]*[،,]?[ \t]*([^\s،,.:؛()\"«»\-]+)[ \t-]([^\s،,.:؛()\"«»\-]+)")
_CLAUSE_BREAK = re.compile(r"[.؛:!?\n،,]")
# the readings that end a run of name words: a word the KB reads as one of these is no name word
_NOT_NAME_VIAS = frozenset({"nisba", "office", "gov", "country", "org", "counterpart", "place"})
# the normalized form of a short string (a mention's text): a pure function, and documents repeat them
_key = lru_cache(maxsize=1 << 16)(normalize_key)

# what a word is to the unknown-person scan, worked out once per distinct word (see ``_word_flags``)
_GIVEN_START = 1  # a given name of the lexicon, maybe behind one proclitic: a run may start here
_CUE_NEXT = 2  # a title or a speech verb, maybe behind one proclitic: a run may start at the next word
_NAME_FIRST = 4  # may be the first word of a name
_NAME_NEXT = 8  # may be a later word of a name
_TITLE = 16
_OFFICE = 32  # the KB reads it as an office head
_GIVEN = 64  # a given name, or one behind a proclitic (words of four letters and more)


@dataclass(slots=True)
class _Match:
    nstart: int
    nend: int
    key: str
    surfaces: list[Surface]
    prefix: str  # proclitics before the match inside its word


@cache
def _title_cues() -> tuple[frozenset[str], frozenset[str], frozenset[str], re.Pattern[str]]:
    spec = load_yaml("lexicons", "titles.yaml")
    titles = frozenset(normalize_key(t) for t in spec["titles"])
    stops = frozenset(normalize_key(t) for t in spec["stop_words"])
    not_names = frozenset(normalize_key(t) for t in spec["not_names"])
    return titles, stops, not_names, re.compile(normalize_key(spec["age_pattern"]))


@cache
def _alias_cues() -> tuple[frozenset[str], frozenset[str]]:
    spec = load_yaml("lexicons", "titles.yaml")
    return (frozenset(normalize_key(w) for w in spec.get("ordinary_word_aliases", [])),
            frozenset(normalize_key(w) for w in spec.get("alias_heads", [])))


@dataclass(frozen=True, slots=True)
class _NameCues:
    titles: frozenset[str]
    stops: frozenset[str]
    not_names: frozenset[str]
    verbs: frozenset[str]
    not_before: frozenset[str]
    given: frozenset[str]
    ordinary: frozenset[str]
    foreign: frozenset[str]
    age: re.Pattern[str]  # an age after a name, spaces before it included: matched at a name's end
    age_core: re.Pattern[str]  # the same without the spaces: searched for (a leading \s* makes search slow)
    syllables: frozenset[str]  # given-name syllables of the family-name-first naming orders


@cache
def _family_first() -> frozenset[str]:
    """Countries whose naming order puts the family name first (data: romanization.yaml)."""
    return frozenset(load_yaml("lexicons", "romanization.yaml").get("family_name_first", []))


@cache
def _name_cues() -> _NameCues:
    titles, stops, not_names, age_re = _title_cues()
    spec = load_yaml("lexicons", "titles.yaml")
    rom = load_yaml("lexicons", "romanization.yaml")
    particles = {"بن", "بنت", "ابن", "أبو", "أبي", "آل", "ال", "عبد"}
    foreign = frozenset(normalize_key(k) for k in rom["foreign_given_names"])
    given = {normalize_key(k) for k in rom["given_names"]} | foreign
    given |= {normalize_key(k) for k in rom["words"] if k not in particles and " " not in k}
    keys = lambda xs: frozenset(normalize_key(x) for x in xs)  # noqa: E731
    return _NameCues(titles, stops, not_names, keys(spec["speech_verbs"]), keys(spec["not_before_names"]),
                     frozenset(given), keys(rom["ordinary"]), foreign, re.compile(r"\s*" + age_re.pattern),
                     age_re, keys(rom.get("name_syllables", [])))


def _story_date(doc: Document, offset: int) -> dt.date | None:
    st = doc.story_at(offset)
    if st is None or not st.pub_date:
        return None
    try:
        return dt.date.fromisoformat(st.pub_date)
    except ValueError:
        return None


class EntityDetector:
    def __init__(self, kb: KB):
        self.kb = kb
        self._flags: dict[str, int] = {}
        self._vias: dict[str, frozenset[str]] = {}  # the readings of a surface key
        self._by_via: dict[tuple[str, bool], dict[str, list[Surface]]] = {}
        self._bp: tuple | None = None  # the document whose boilerplate spans are bisected, and those spans

    def _word_flags(self, w: str) -> int:
        """The ``_GIVEN_START`` … ``_GIVEN`` bits of a word, remembered (:meth:`_new_flags`)."""
        f = self._flags.get(w)
        return self._new_flags(w) if f is None else f

    def _new_flags(self, w: str) -> int:
        """The ``_GIVEN_START`` … ``_GIVEN`` bits of a word not seen yet: set look-ups done once per distinct
        word."""
        cues = _name_cues()
        titles, verbs, given_set = cues.titles, cues.verbs, cues.given
        sfs = self.kb.surfaces.get(w, ())
        is_title = w in titles or (len(w) > 3 and w[0] == "و" and w[1:] in titles)
        bare = w[1:] if len(w) > 3 and w[0] in "وفب" else w
        f = 0
        if w in given_set or (w[0] in "وبل" and w[1:] in given_set):
            f |= _GIVEN_START
        if w in titles or w in verbs or w[1:] in titles or w[1:] in verbs:
            f |= _CUE_NEXT
        if is_title:
            f |= _TITLE
        if any(sf.via == "office" for sf in sfs):
            f |= _OFFICE
        if w in given_set or (len(w) > 3 and w[0] in "وبل" and w[1:] in given_set):
            f |= _GIVEN
        # a name word: no function word, title, verb, clause (و…, وال…) or KB reading of another kind
        if not (w in cues.stops or w in cues.not_names or len(w) < 2 or w.isdigit() or is_title
                or bare in verbs or w.startswith(("وال", "بال", "لل", "فال", "كال"))
                or any(sf.via in _NOT_NAME_VIAS for sf in sfs)):
            conj = w[0] == "و" and w not in given_set
            if not (w.startswith("ال") or w in _PARTICLES or conj):
                f |= _NAME_FIRST
            if not conj:
                f |= _NAME_NEXT
        if len(self._flags) > 200_000:
            self._flags.clear()
        self._flags[w] = f
        return f

    # -- scanning -------------------------------------------------------------------------------
    def scan(self, nt: NormText, words: list[tuple[int, int, str]] | None = None) -> list[_Match]:
        text = nt.text
        if words is None:
            words = _words(text)
        word_starts = [w[0] for w in words]
        starts = set(word_starts)
        ends = {w[1] for w in words}
        found: list[_Match] = []
        surfaces = self.kb.surfaces
        automaton = self.kb.automaton

        for end_idx, key in automaton.iter(text):
            nend = end_idx + 1
            if nend not in ends:
                continue
            nstart = nend - len(key)
            if nstart in starts:
                found.append(_Match(nstart, nend, key, surfaces[key], ""))
                continue
            k = bisect_right(word_starts, nstart) - 1
            if k < 0 or words[k][1] < nstart:
                continue
            prefix = text[words[k][0] : nstart]
            if prefix in _PROCLITICS:
                found.append(_Match(nstart, nend, key, surfaces[key], prefix))
        found.sort(key=lambda m: (m.nstart - len(m.prefix), -(m.nend - m.nstart)))
        chosen: list[_Match] = []
        last_end = -1
        for m in found:
            if m.nstart >= last_end:
                chosen.append(m)
                last_end = m.nend
            elif chosen and m.nstart == chosen[-1].nstart and m.nend > chosen[-1].nend:
                chosen[-1] = m
                last_end = m.nend
        return chosen

    # -- the document ---------------------------------------------------------------------------
    def detect(self, doc: Document) -> list[EntityMention]:
        self._bp = None  # this document's boilerplate spans are bisected afresh
        nt = doc.norm
        words = _words(nt.text)
        matches = self.scan(nt, words)
        text = nt.text
        mentions: list[EntityMention] = []
        i = 0
        while i < len(matches):
            m = matches[i]
            vias = self._vias.get(m.key)
            if vias is None:
                vias = self._vias[m.key] = frozenset(s.via for s in m.surfaces)
            if not vias & _HEAD_VIAS:
                # a plain match: no head that composes with the next match
                pick = self._pick(m, text)
                if pick is not None:
                    mentions.append(self._mention(doc, nt, m.nstart, m.nend, pick.entity_id, pick.kind, pick.via))
                i += 1
                continue
            nxt = matches[i + 1] if i + 1 < len(matches) else None
            gap = text[m.nend : nxt.nstart] if nxt else ""
            close = nxt is not None and len(gap.split()) <= 1 and "،" not in gap and "," not in gap and "." not in gap
            # office head + country (nisba / name): a role phrase
            if vias & {"office", "counterpart"} and close and nxt and _country_of(nxt):
                office = next(s for s in m.surfaces if s.via in ("office", "counterpart"))
                mentions.append(self._mention(doc, nt, m.nstart, nxt.nend, _country_of(nxt), "country",
                                              "counterpart" if office.via == "counterpart" else "role",
                                              office=office.entity_id))
                i += 2
                continue
            # government head + nisba: that country's body
            if "gov" in vias and close and nxt and any(s.via == "nisba" for s in nxt.surfaces):
                sector = next(s.entity_id for s in m.surfaces if s.via == "gov")
                mentions.append(self._mention(doc, nt, m.nstart, nxt.nend, _country_of(nxt), "country", "gov",
                                              sector=sector))
                i += 2
                continue
            pick = self._pick(m, text)
            if pick is not None:
                mentions.append(self._mention(doc, nt, m.nstart, m.nend, pick.entity_id, pick.kind, pick.via))
            i += 1
        mentions = self._with_unknown(doc, nt, mentions, words)
        mentions.sort(key=lambda x: x.start)
        mentions = self._supported(nt, mentions)
        self._datelines(doc, mentions)
        return self._surnames(doc, nt, words, self._resolve(doc, mentions))

    def _surnames(self, doc: Document, nt: NormText, words: list[tuple[int, int, str]],
                  mentions: list[EntityMention]) -> list[EntityMention]:
        """A person the document names in full is the one its family name alone names elsewhere in it ("كيم
        جونغ أون" … "التقى كيم"): the family name is the last word, or the first for the naming orders that put
        it first (``family_name_first`` in romanization.yaml). A family name two persons of the document share,
        a given name, a particle or a word shorter than three letters names no one alone."""
        cues = _name_cues()
        first_countries = _family_first()
        family: dict[str, set[str]] = {}
        for m in mentions:
            if m.kind != "person" or m.via != "name" or m.entity_id == "?" or m.in_boilerplate:
                continue
            ws = _WORD_RE.findall(_key(m.text))
            if len(ws) < 2:
                continue
            e = self.kb.entries.get(m.entity_id)
            first = e is not None and e.country in first_countries
            w = ws[0] if first else ws[-1]
            if len(w) < 3 or (w in cues.given and not first) or w in cues.ordinary or w in _PARTICLES \
                    or w in cues.stops:
                continue
            family.setdefault(w, set()).add(m.entity_id)
        family = {w: ids for w, ids in family.items() if len(ids) == 1}
        if not family:
            return mentions
        taken = sorted((m.start, m.end) for m in mentions)
        # a span overlaps one taken when a taken span starting before its end reaches past its start
        taken_starts = [a for a, _ in taken]
        reach = list(accumulate((b for _, b in taken), max))
        added = []
        # the family names and their forms behind one proclitic
        forms = set(family) | {c + f for f in family for c in "وبلفك" if len(f) >= 3}
        for ns, ne, w in words:
            if w not in forms:
                continue
            key = w if w in family else w[1:]
            start, end = nt.span_to_orig(ns + (len(w) - len(key)), ne)
            k = bisect_left(taken_starts, end)
            if k and reach[k - 1] > start:
                continue
            added.append(self._mention(doc, nt, ns + (len(w) - len(key)), ne, next(iter(family[key])),
                                       "person", "surname"))
        if not added:
            return mentions
        return sorted(mentions + added, key=lambda x: x.start)

    def _name_follows(self, doc: Document, m: EntityMention) -> bool:
        """Two name words right after a role phrase, after a space or a comma, that no KB reading took ("رئيس
        كوريا الجنوبية مون جيه-إن"): the phrase and the name are one person, named."""
        if m.kind != "person":
            return False
        nxt = _TWO_WORDS_RE.match(doc.text, m.end)
        if nxt is None:
            return False
        w1, w2 = _key(nxt.group(1)), _key(nxt.group(2))
        if not (_WORD_RE.fullmatch(w1) and _WORD_RE.fullmatch(w2)):
            return False
        f1, f2 = self._word_flags(w1), self._word_flags(w2)
        return bool(f1 & _NAME_FIRST and f2 & _NAME_NEXT) and w1 not in self.kb.surfaces \
            and not w2.startswith("ال")

    def _family_words(self, mentions: list[EntityMention]) -> set[str]:
        """The family names of the KB persons named in full: the last word, or the first for the naming orders
        that put it first (``family_name_first`` in romanization.yaml)."""
        out: set[str] = set()
        first_countries = _family_first()
        for m in mentions:
            if m.kind != "person" or m.via != "name" or m.in_boilerplate:
                continue
            ws = _WORD_RE.findall(_key(m.text))
            if len(ws) < 2:
                continue
            first = any(s.via == "name" and self.kb.entries[s.entity_id].country in first_countries
                        for s in self.kb.surfaces.get(_key(m.text), ()))
            w = ws[0] if first else ws[-1]
            cues = _name_cues()
            if len(w) < 3 or (w in cues.given and not first) or w in cues.ordinary or w in _PARTICLES \
                    or w in cues.stops:
                continue
            out.add(w)
        return out

    def _supported(self, nt: NormText, mentions: list[EntityMention]) -> list[EntityMention]:
        """An alias that is also an ordinary word (أفاد) stands for its entity only after a head word
        ("هيئة أفاد") or when the document names that entity by another form."""
        aliases, heads = _alias_cues()
        doubtful = [m for m in mentions if m.kind != "person" and _key(m.text) in aliases]
        if not doubtful:
            return mentions
        other = {m.entity_id for m in mentions if _key(m.text) not in aliases}
        drop = set()
        for m in doubtful:
            prev = _prev_word(nt.orig, m.start)
            if m.entity_id not in other and _key(prev) not in heads:
                drop.add(id(m))
        return [m for m in mentions if id(m) not in drop]

    def _datelines(self, doc: Document, mentions: list[EntityMention]) -> None:
        """A wire dateline ("الدوحة (وكالة) - ", "القاهرة - ") names where the story was filed: a place,
        never an actor of the story."""
        text = doc.text
        for m in mentions:
            if m.kind not in ("country", "place") or (m.start and text[m.start - 1] not in "\n"):
                continue
            if not _DATELINE_TAIL.match(text, m.end):
                continue
            places = [s for s in self.kb.surfaces.get(_key(m.text), []) if s.via == "place"]
            if places:
                m.entity_id, m.kind = places[0].entity_id, "place"
            m.via = "dateline"

    def _pick(self, m: _Match, text: str) -> Surface | None:
        """The reading of a plain match: a person, an organization, a country, or a place."""
        # a person's name never takes the article ("المؤدي" is not مودي) nor the preposition ك ("والكيل كيلين"
        # is "two measures", not يلين)
        articled = m.prefix.endswith(("ال", "لل")) or m.prefix.endswith("ك")
        by_via = self._by_via.get((m.key, articled))
        if by_via is None:
            by_via = {}
            for s in m.surfaces:
                if articled and s.kind == "person":
                    continue
                by_via.setdefault(s.via, []).append(s)
            if len(self._by_via) > 100_000:
                self._by_via.clear()
            self._by_via[(m.key, articled)] = by_via
        for via in ("name", "org", "country"):
            if via in by_via:
                if via == "country" and articled and "nisba" in by_via:
                    # "وسائل الإعلام السورية": with the article, a word that is both a country's name (سورية) and
                    # its nisba is the adjective
                    continue
                return by_via[via][0] if via != "name" else Surface("?", "person", "name")
        if "place" in by_via and ("metonym" not in by_via or m.prefix.endswith(("ب", "في"))
                                  or _prev_word(text, m.nstart - len(m.prefix)) in _PLACE_PREPS):
            return by_via["place"][0]
        if "metonym" in by_via:
            return by_via["metonym"][0]
        if "short" in by_via:
            return Surface("?", "person", "short")
        return None

    def _mention(self, doc: Document, nt: NormText, nstart: int, nend: int, entity_id: str | None, kind: str,
                 via: str, office: str | None = None, sector: str | None = None) -> EntityMention:
        start, end = nt.span_to_orig(nstart, nend)
        story = doc.story_at(start)
        return EntityMention(start, end, doc.text[start:end], entity_id or "?", kind, via,
                             story.story_id if story else None,
                             story is None or self._in_boilerplate(doc, start, end), office, sector)

    def _in_boilerplate(self, doc: Document, start: int, end: int) -> bool:
        """``doc.in_boilerplate(start, end)`` by bisection: some span starting at or before ``start`` reaches
        ``end`` (the spans sorted by start, with the farthest end reached so far)."""
        cached = self._bp
        if cached is None or cached[0] is not doc or cached[1] is not doc.boilerplate:
            spans = sorted((b.start, b.end) for b in doc.boilerplate)
            cached = self._bp = (doc, doc.boilerplate, [a for a, _ in spans],
                                 list(accumulate((b for _, b in spans), max)))
        k = bisect_right(cached[2], start)
        return k > 0 and cached[3][k - 1] >= end

    # -- persons the KB lacks ------------------------------------------------------------------
    def _unknown_persons(self, doc: Document, nt: NormText, known: list[EntityMention],
                         words: list[tuple[int, int, str]]) -> list[EntityMention]:
        """Persons the knowledge base lacks: a run of 2-4 name words after a cue.

        The cues are those of Arabic news: a title or trade ("الكاهن لويس روبيو"), a speech verb ("وقال
        بيتر كلارك، مدير …"), an apposition after a role ("مدير المرصد، رامي عبد الرحمن،"), an age after
        the name ("(43 عاما)"), or a given name of the lexicon at the start of the run (one that is also an
        ordinary word, جمال or سعيد, needs one of the other cues).  A run stops at a function word
        (أحد، الذي، وقال …), a title, a nisba, a country or body, or punctuation.  One pass over the words."""
        cues = _name_cues()
        text = nt.text
        if not words:
            return []
        # spans of the KB's own readings; a surname-only person or a place inside a run gives way to it
        hard = sorted((m.start, m.end) for m in known if not (m.kind == "person" and m.via == "short")
                      and m.kind != "place")
        first_taken = sorted((m.start, m.end) for m in known)
        person_spans = sorted((m.start, m.end) for m in known if m.kind == "person")
        # the family name of a person the document names in full names that person alone ("كيم" after "كيم جونغ
        # أون"): it starts no name of another ("عن كيم قوله"، "كيم يريد") unless a given-name syllable follows
        # ("كيم دونغ تشول")
        family = self._family_words(known)

        def in_person(o: int) -> bool:
            return _inside(person_spans, o)

        out: list[EntityMention] = []
        n = len(words)
        to_orig = nt.to_orig

        def ostart(k: int) -> int:  # original offset of a word's start, worked out only where a cue reaches
            return to_orig(words[k][0])

        flags = self._flags
        new_flags = self._new_flags
        fl = self._word_flags
        # words right after a comma: the only places an apposition can start
        wstarts = [wd[0] for wd in words]
        after_comma = {bisect_right(wstarts, m.start()) for m in _COMMA_RE.finditer(text)}

        def gap(a: int, b: int) -> str:
            return text[words[a][1]:words[b][0]]

        def bare(w: str) -> str:
            # a leading conjunction or preposition glued to a cue word
            return w[1:] if len(w) > 3 and w[0] in "وفب" else w

        def given(w: str) -> bool:
            return bool(fl(w) & _GIVEN)

        def is_title(w: str) -> bool:
            return bool(fl(w) & _TITLE)

        def name_word(w: str, first: bool) -> bool:
            # a clause ("ومايكل …": a second person) or a definite word never starts a name
            return bool(fl(w) & (_NAME_FIRST if first else _NAME_NEXT))

        def cue_before(i: int) -> str:
            """"title", "verb" or "appos" (a role, then a comma) when one stands before word ``i``."""
            if i == 0:
                return ""
            g = gap(i - 1, i)
            if "\n" in g:
                return ""
            g = g.strip()
            prev = words[i - 1][2]
            if g in ("", "#"):
                if is_title(prev):
                    return "title"
                return "verb" if bare(prev) in cues.verbs or prev in cues.verbs else ""
            if g in ("،", ","):
                # apposition: a title or an office within the six words before the comma, and no name
                # between them ("وقدم الرئيس، فلاديمير بوتين، تعازيه" is no apposition of تعازيه)
                for j in range(i - 1, max(-1, i - 7), -1):
                    if in_person(ostart(j)):
                        return ""
                    if fl(words[j][2]) & (_TITLE | _OFFICE):
                        return "appos"
                    if j < i - 1 and _CLAUSE_BREAK.search(gap(j, j + 1)):
                        break
            return ""

        def at_boundary(k: int, cue: str) -> bool:
            """The name ends at word ``k``: punctuation, then (after a title) a function word or a title."""
            e = words[k][1]
            after = text[e:e + 3].strip()
            if not after or after[0] in "،,(:":
                return True
            nxt = words[k + 1][2] if k + 1 < n else ""
            if nxt and fl(nxt) & (_TITLE | _OFFICE):
                return True
            return cue == "title" and (after[0] in ".\"«»؛'" or nxt in cues.stops)

        # runs that end at an age "(43 عاما)" start where the name words before it start
        aged_starts: set[int] = set()
        for am in cues.age_core.finditer(text):
            k = bisect_right(wstarts, am.start()) - 1
            j = k
            while j >= 0 and k - j < 4 and name_word(words[j][2], True) \
                    and (j == k or gap(j, j + 1).strip() in ("", "-")):
                j -= 1
            # the first word may start with ال only as a surname: move the start past such words
            j += 1
            while j <= k and words[j][2].startswith("ال"):
                j += 1
            if k - j >= 1:
                aged_starts.add(j)

        # the words a cue may start a name at, found with set look-ups only: a given name, a word after a
        # title or a speech verb, after a comma, or before an age
        starts = after_comma | aged_starts
        for k, (_, _, w) in enumerate(words):
            f = flags.get(w)  # (the memo read inline: this runs for every word)
            if f is None:
                f = new_flags(w)
            if f & _GIVEN_START:
                starts.add(k)
            if f & _CUE_NEXT:
                starts.add(k + 1)
        i = 0
        for start in sorted(starts):
            if start < i or start >= n:
                continue
            i = start
            w = words[i][2]
            is_given = given(w) and w not in cues.stops
            if not (is_given or name_word(w, True)):
                continue  # no name starts at this word, whatever cue stands before it
            if _inside(first_taken, ostart(i)) or (
                    w in family and (i + 1 >= n or words[i + 1][2] not in cues.syllables)):
                continue
            before = cue_before(i)
            if not (is_given or before or i in aged_starts):
                continue
            run = [i] if (is_given or name_word(w, True)) else []
            j = i + 1
            foreign = is_given and (w[1:] if w not in cues.given else w) in cues.foreign
            while run and j < n and len(run) < 5 and (gap(j - 1, j).strip() in ("", "-") or (
                        gap(j - 1, j).strip() == "." and words[j - 1][2] in _INITIALS)) \
                    and name_word(words[j][2], False) and not _inside(hard, ostart(j)):
                wj = words[j][2]
                verb = wj.startswith(_VERB_PREFIXES) and (len(run) >= 2 or (wj[0] == "ي" and len(wj) >= 5))
                if wj not in cues.given and (verb or (foreign and wj.startswith("ال"))):
                    break  # "ألكسندر بينالا يعترف"، "كيم الشهر الفائت": a verb or a noun after the name
                run.append(j)
                j += 1
            glued = is_given and w not in cues.given  # "ومايكل"، "بصدام": the cue word carries a clitic
            stem = w[1:] if glued else w
            strong = is_given and stem not in cues.ordinary and not (
                i > 0 and bare(words[i - 1][2]) in cues.not_before and gap(i - 1, i).strip() == "")
            aged = bool(run) and cues.age.match(text, words[run[-1]][1]) is not None
            ok = 2 <= len(run) <= 4 and (strong or aged or (
                bool(before) and (len(run) <= 3 or is_given) and at_boundary(run[-1], before)
                and (is_given or not any(_not_a_name_shape(words[k][2]) and words[k - 1][2] not in _COMPOUND_HEADS
                                         for k in run))))
            if not ok:
                continue
            ns = words[run[0]][0] + (1 if glued else 0)
            ne = words[run[-1]][1]
            s, e = nt.span_to_orig(ns, ne)
            # an initial ("جون سي. ديمرز") is part of the mention, not of the id: news and titles often drop it
            name = _INITIAL_RE.sub(" ", doc.text[s:e]).replace("#", " ").replace("_", " ")
            out.append(self._mention_orig(doc, s, e, romanize_id(name), "person", "title"))
            insort(person_spans, (s, e))
            i = run[-1] + 1
        return out

    def _with_unknown(self, doc: Document, nt: NormText, mentions: list[EntityMention],
                      words: list[tuple[int, int, str]]) -> list[EntityMention]:
        """Add the persons the KB lacks; a surname-only or place reading inside one of their names gives way,
        and a lone surname of one of them ("عباس" after "النائب جمال عباس") is that person."""
        found = self._unknown_persons(doc, nt, mentions, words)
        if not found:
            return mentions
        kept = [m for m in mentions
                if not ((m.kind == "place" or (m.kind == "person" and m.via == "short"))
                        and any(u.start <= m.start and m.end <= u.end for u in found))]
        # one person named twice, once with a word more ("نعيم الرحمن"، "نعيم الرحمن زكريا"): the id of the
        # form the document uses most, the shorter on a tie
        names = [tuple(_WORD_RE.findall(_key(u.text))) for u in found]
        counts: dict[tuple[str, ...], int] = {}
        for nm in names:
            counts[nm] = counts.get(nm, 0) + 1
        canon: dict[tuple[str, ...], str] = {}
        for nm, u in sorted(zip(names, found, strict=True), key=lambda p: (-counts[p[0]], len(p[0]))):
            canon.setdefault(nm, u.entity_id)
        for nm, u in zip(names, found, strict=True):
            kin = [o for o in canon if o != nm and len(o) >= 2 and _contains(nm, o) or _contains(o, nm) and o != nm]
            if kin:
                best = min(kin + [nm], key=lambda o: (-counts[o], len(o)))
                u.entity_id = canon[best]
        # a lone surname of one of them, unless the document names in full the KB person it could be
        named = {s.entity_id for m in mentions if m.kind == "person" and m.via == "name"
                 for s in self.kb.surfaces.get(_key(m.text), ()) if s.via == "name"}
        last: dict[str, str] = {}
        for nm, u in zip(names, found, strict=True):
            if len(nm) >= 2:
                last.setdefault(nm[-1], u.entity_id)
        for m in kept:
            if m.kind == "person" and m.via == "short":
                key = _surface_key(self.kb, m.text)
                uid = last.get(key)
                if uid and not any(s.entity_id in named for s in self.kb.surfaces.get(key, ())):
                    m.entity_id, m.via = uid, "surname"
        return kept + found

    def _mention_orig(self, doc: Document, start: int, end: int, entity_id: str, kind: str, via: str) -> EntityMention:
        story = doc.story_at(start)
        return EntityMention(start, end, doc.text[start:end], entity_id, kind, via,
                             story.story_id if story else None,
                             story is None or self._in_boilerplate(doc, start, end))

    # -- resolution -----------------------------------------------------------------------------
    def _resolve(self, doc: Document, mentions: list[EntityMention]) -> list[EntityMention]:
        kb = self.kb
        # persons named in full in this document (body first)
        named: dict[str, list[KBEntry]] = {}
        full_ids: list[str] = []
        for m in mentions:
            if m.kind == "person" and m.via == "name":
                cands = [kb.entries[s.entity_id] for s in kb.surfaces[_key(m.text)] if s.via == "name"]
                cands = self._choose(cands, doc, m.start, full_ids)
                named[m.text] = cands
                if len(cands) == 1:
                    m.entity_id = cands[0].id
                    full_ids.append(cands[0].id)
        out = []
        for m in mentions:
            if m.kind == "person" and m.via == "name" and m.entity_id == "?":
                continue  # an ambiguous full name: left unresolved
            if m.kind == "person" and m.via == "short":
                key = _surface_key(kb, m.text)
                cands = [kb.entries[s.entity_id] for s in kb.surfaces.get(key, []) if s.via == "short"]
                cands = self._choose(cands, doc, m.start, full_ids)
                if len(cands) != 1:
                    continue
                m.entity_id = cands[0].id
            elif m.via in ("role", "counterpart") and m.office:
                country = m.entity_id
                office = m.office
                if m.via == "counterpart":
                    office = self._counterpart_office(doc, out, m)
                if office:
                    holder = self._holder(office, country, doc, m.start, full_ids)
                    if holder is not None:
                        m.entity_id, m.kind = holder.id, "person"
            out.append(m)
        return out

    def _choose(self, cands: list[KBEntry], doc: Document, offset: int, full_ids: list[str]) -> list[KBEntry]:
        uniq = list({c.id: c for c in cands}.values())
        if len(uniq) <= 1:
            return uniq
        in_doc = [c for c in uniq if c.id in full_ids]
        if len(in_doc) == 1:
            return in_doc
        on = _story_date(doc, offset)
        if on is not None:
            active = [c for c in uniq if any(r.active(on) for r in c.roles)]
            if len(active) == 1:
                return active
        curated = [c for c in uniq if c.extra.get("source") != "everypolitician"]
        if len(curated) == 1:
            return curated
        return uniq

    def _holder(self, office: str, country: str, doc: Document, offset: int, full_ids: list[str]) -> KBEntry | None:
        on = _story_date(doc, offset)
        if on is not None:
            now = self.kb.holders(office, country, on)
            if len(now) == 1:
                return now[0]
            now_in_doc = [e for e in now if e.id in full_ids]
            if len(now_in_doc) == 1:
                return now_in_doc[0]
            return None
        in_doc = [e for e in self.kb.ever_held(office, country) if e.id in full_ids]
        return in_doc[0] if len(in_doc) == 1 else None

    def _counterpart_office(self, doc: Document, before: list[EntityMention], m: EntityMention) -> str | None:
        on = _story_date(doc, m.start)
        for prev in reversed(before):
            if m.start - prev.end > 300:
                break
            if prev.office and prev.via == "role":
                return prev.office
            if prev.kind == "person" and prev.entity_id in self.kb.entries:
                e = self.kb.entries[prev.entity_id]
                role = e.role_on(on) if on else None
                if role is None and on is None and e.roles:
                    offices = {r.office for r in e.roles}
                    if len(offices) == 1:
                        return offices.pop()
                    # the most senior office this person held that a counterpart can share
                    ordered = sorted(e.roles, key=lambda r: r.start or dt.date.min, reverse=True)
                    return ordered[0].office
                return role.office if role else None
        return None

    # -- entities -------------------------------------------------------------------------------
    def entities(self, doc: Document, mentions: list[EntityMention]) -> list[Entity]:
        kb = self.kb
        by_id: dict[str, Entity] = {}
        # a person the document never names ("وزير الخارجية المصري" read as the minister of the day) is an
        # actor of its events (the mention keeps the person's id) but no named person of the document
        named = {m.entity_id for m in mentions
                 if m.via not in ("role", "counterpart") or self._name_follows(doc, m)}
        for m in mentions:
            if m.entity_id == "?" or (m.kind == "person" and m.entity_id not in named):
                continue
            e = by_id.get(m.entity_id)
            if e is None:
                kbe = kb.entries.get(m.entity_id)
                on = _story_date(doc, m.start)
                if kbe is not None:
                    role = kbe.role_on(on)
                    latest = max(kbe.roles, key=lambda r: r.start or dt.date.min) if kbe.roles else None
                    sector = (role.sector if role else (latest.sector if latest else None)) or kbe.sector
                    if m.via == "gov" and m.sector:
                        sector = m.sector
                    country = (role.country if role else None) or kbe.country
                    e = Entity(doc.doc_id, kbe.id, kbe.kind, kbe.name, kbe.name_ar, True, kbe.wikidata,
                               country, sector, role.title if role else None)
                else:
                    e = Entity(doc.doc_id, m.entity_id, m.kind, m.text, m.text, False)
                e.in_boilerplate = True
                by_id[m.entity_id] = e
            e.mentions.append(Mention(m.start, m.end, m.text, m.story_id, m.in_boilerplate))
            if not m.in_boilerplate:
                e.in_boilerplate = False
        return sorted(by_id.values(), key=lambda e: e.mentions[0].start)


def _country_of(m: _Match) -> str | None:
    for s in m.surfaces:
        if s.via in ("nisba", "country"):
            return s.entity_id
    return None


def _inside(spans: list[tuple[int, int]], o: int) -> bool:
    """Offset ``o`` falls in one of the sorted, non-overlapping ``spans``."""
    k = bisect_right(spans, (o, 1 << 62)) - 1
    return k >= 0 and o < spans[k][1]


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]


def _not_a_name_shape(w: str) -> bool:
    """A word with a pronoun suffix ("أصدرته"، "هويته") or a definite noun that is no nisba ("التسلح" in
    "مراقبة التسلح"): after a bare cue, such words make a phrase, not a name."""
    if len(w) >= 5 and w.endswith(("ته", "تها", "هم", "هما", "تهم")):
        return True
    return w.startswith("ال") and not w.endswith(("ي", "يه"))


def _contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    """``small`` is a run of words of ``big``."""
    k = len(small)
    return k < len(big) and any(big[i:i + k] == small for i in range(len(big) - k + 1))


def _prev_word(text: str, pos: int) -> str:
    j = pos
    while j > 0 and text[j - 1] == " ":
        j -= 1
    k = j
    while k > 0 and _WORD_CHARS.match(text[k - 1]):
        k -= 1
    return text[k:j]


def _surface_key(kb: KB, mention_text: str) -> str:
    key = _key(mention_text)
    if key in kb.surfaces:
        return key
    for _, stem in clitic_stems(key):
        if stem in kb.surfaces:
            return stem
    return key
