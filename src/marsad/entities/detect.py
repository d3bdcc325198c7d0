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
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from marsad.entities.romanize import romanize_id
from marsad.kb import KB, KBEntry, Surface
from marsad.records import Document, Entity, EntityMention, Mention
from marsad.resources import load_yaml
from marsad.text import CLITIC_PREFIXES, clitic_stems, tokenize
from marsad.text.normalize import NormText, normalize_key

_PROCLITICS = frozenset(CLITIC_PREFIXES)
# after a dateline's place: an optional "(agency)" or date, then a dash or colon
_DATELINE_TAIL = re.compile(r"[ \t]*(?:\([^()\n]{1,60}\))?[ \t]*[-–—:]")
_PLACE_PREPS = ("في", "ب", "الي", "من", "نحو", "قرب", "داخل", "وفي", "وب", "ومن", "والي", "لدي")
_WORD_CHARS = re.compile(r"[0-9a-z\u0621-\u064A]")
_WORD_RE = re.compile(r"[0-9a-z\u0621-\u064A]+")


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
def _titles_re() -> re.Pattern[str]:
    titles = sorted(_title_cues()[0], key=len, reverse=True)
    return re.compile(r"(?<![0-9a-z\u0621-\u064A])(?:" + "|".join(re.escape(t) for t in titles)
                      + r")(?![0-9a-z\u0621-\u064A])")


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

    # -- scanning -------------------------------------------------------------------------------
    def scan(self, nt: NormText) -> list[_Match]:
        text = nt.text
        words = [(m.start(), m.end()) for m in _WORD_RE.finditer(text)]
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
        nt = doc.norm
        matches = self.scan(nt)
        text = nt.text
        mentions: list[EntityMention] = []
        i = 0
        while i < len(matches):
            m = matches[i]
            vias = {s.via for s in m.surfaces}
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
        mentions.extend(self._titled_persons(doc, nt, mentions))
        mentions.sort(key=lambda x: x.start)
        self._datelines(doc, mentions)
        return self._resolve(doc, mentions)

    def _datelines(self, doc: Document, mentions: list[EntityMention]) -> None:
        """A wire dateline ("الدوحة (وكالة) - ", "القاهرة - ") names where the story was filed: a place,
        never an actor of the story."""
        text = doc.text
        for m in mentions:
            if m.kind not in ("country", "place") or (m.start and text[m.start - 1] not in "\n"):
                continue
            if not _DATELINE_TAIL.match(text, m.end):
                continue
            places = [s for s in self.kb.surfaces.get(normalize_key(m.text), []) if s.via == "place"]
            if places:
                m.entity_id, m.kind = places[0].entity_id, "place"
            m.via = "dateline"

    def _pick(self, m: _Match, text: str) -> Surface | None:
        """The reading of a plain match: a person, an organization, a country, or a place."""
        by_via: dict[str, list[Surface]] = {}
        for s in m.surfaces:
            by_via.setdefault(s.via, []).append(s)
        place_ctx = m.prefix.endswith(("ب", "في")) or _prev_word(text, m.nstart - len(m.prefix)) in _PLACE_PREPS
        for via in ("name", "org", "country"):
            if via in by_via:
                return by_via[via][0] if via != "name" else Surface("?", "person", "name")
        if "place" in by_via and (place_ctx or "metonym" not in by_via):
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
                             story is None or doc.in_boilerplate(start, end), office, sector)

    # -- persons the KB lacks ------------------------------------------------------------------
    def _titled_persons(self, doc: Document, nt: NormText, known: list[EntityMention]) -> list[EntityMention]:
        titles, stops, not_names, age_re = _title_cues()
        text = nt.text
        # only the neighbourhood of a title word or an age needs tokens
        windows = [(m.start(), m.end() + 90) for m in _titles_re().finditer(text)]
        windows += [(max(0, m.start() - 60), m.end()) for m in age_re.finditer(text)]
        if not windows:
            return []
        tokens = []
        last = -1
        for ws, we in sorted(windows):
            ws = max(ws, last)
            if we > ws:
                tokens.extend(tokenize(nt, ws, we))
                last = we
        taken = [(m.start, m.end) for m in known]
        out = []

        def free(s: int, e: int) -> bool:
            return not any(a < e and s < b for a, b in taken)

        def name_token(tok) -> bool:
            w = tok.norm
            if w in stops or w in not_names or len(w) < 2 or w.isdigit():
                return False
            return not any(s.via in ("nisba", "office", "gov", "country", "org") for s in self.kb.surfaces.get(w, []))

        def add(ts: list) -> None:
            if len(ts) < 2 or len(ts) > 4:
                return
            if ts[0].norm.startswith("ال") or any(t.norm.startswith("ال") for t in ts[:-1]):
                return
            s, e = ts[0].start, ts[-1].end
            if not free(s, e):
                return
            # punctuation inside the name span means two phrases, not one name
            if re.search(r"[،,.؛:()\"]", doc.text[s:e]):
                return
            m = self._mention_orig(doc, s, e, romanize_id(doc.text[s:e]), "person", "title")
            out.append(m)
            taken.append((s, e))

        for k, tok in enumerate(tokens):
            if tok.norm in titles:
                j = k + 1
                if j < len(tokens) and tokens[j].norm == "باسم":
                    # "المتحدث باسم الحزب، NAME": skip to after the comma
                    j += 1
                    while j < len(tokens) and j < k + 6 and "،" not in text[tokens[j - 1].nend : tokens[j].nstart]:
                        j += 1
                    if "،" not in text[tokens[j - 1].nend : tokens[j].nstart] if j < len(tokens) else True:
                        continue
                ts = []
                while j < len(tokens) and len(ts) < 4 and name_token(tokens[j]):
                    if ts and re.search(r"[،,.؛:()\"]", text[ts[-1].nend : tokens[j].nstart]):
                        break
                    ts.append(tokens[j])
                    j += 1
                add(ts)
        for am in age_re.finditer(text):
            k = next((i for i, t in enumerate(tokens) if t.nstart >= am.start()), len(tokens))
            ts = []
            j = k - 1
            while j >= 0 and len(ts) < 3 and name_token(tokens[j]) and tokens[j].norm not in titles:
                ts.insert(0, tokens[j])
                j -= 1
            add(ts)
        return out

    def _mention_orig(self, doc: Document, start: int, end: int, entity_id: str, kind: str, via: str) -> EntityMention:
        story = doc.story_at(start)
        return EntityMention(start, end, doc.text[start:end], entity_id, kind, via,
                             story.story_id if story else None, story is None or doc.in_boilerplate(start, end))

    # -- resolution -----------------------------------------------------------------------------
    def _resolve(self, doc: Document, mentions: list[EntityMention]) -> list[EntityMention]:
        kb = self.kb
        # persons named in full in this document (body first)
        named: dict[str, list[KBEntry]] = {}
        full_ids: list[str] = []
        for m in mentions:
            if m.kind == "person" and m.via == "name":
                cands = [kb.entries[s.entity_id] for s in kb.surfaces[normalize_key(m.text)] if s.via == "name"]
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
        ever = self.kb.ever_held(office, country)
        in_doc = [e for e in ever if e.id in full_ids]
        on = _story_date(doc, offset)
        if on is not None:
            now = self.kb.holders(office, country, on)
            if len(now) == 1:
                return now[0]
            now_in_doc = [e for e in now if e.id in full_ids]
            if len(now_in_doc) == 1:
                return now_in_doc[0]
            return None
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
        for m in mentions:
            if m.entity_id == "?":
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


def _prev_word(text: str, pos: int) -> str:
    j = pos
    while j > 0 and text[j - 1] == " ":
        j -= 1
    k = j
    while k > 0 and _WORD_CHARS.match(text[k - 1]):
        k -= 1
    return text[k:j]


def _surface_key(kb: KB, mention_text: str) -> str:
    key = normalize_key(mention_text)
    if key in kb.surfaces:
        return key
    for _, stem in clitic_stems(key):
        if stem in kb.surfaces:
            return stem
    return key
