"""What a figure's sentence says around it: who reports it, where, and since when."""

from __future__ import annotations

from datetime import date

from marsad.figures.lexicon import FigureLexicon
from marsad.figures.sentence import Sentence
from marsad.records import Attribution, Document
from marsad.text import NormText

# (start word, end word (exclusive), cue word, by_verb)
_Source = tuple[int, int, int, bool]


def place_for(s: Sentence, lex: FigureLexicon, tok: int) -> str | None:
    """The country of the place named nearest to word ``tok`` as a location ("في غزة", "بحلب")."""
    places: list[tuple[int, str]] = s.memo("places", lambda: _places(s, lex))
    if not places:
        return None
    return min(places, key=lambda p: abs(p[0] - tok))[1]


def _places(s: Sentence, lex: FigureLexicon) -> list[tuple[int, str]]:
    out = []
    w = s.words
    for i, word in enumerate(w):
        if not word[0].isalpha():
            continue
        m = lex.places.match(w, i)
        if m and ("ب" in m[1] or (i > 0 and w[i - 1] in lex.place_markers)):
            out.append((i, m[0]))
    return out


def since_in(s: Sentence, lex: FigureLexicon, ref: date | None) -> str | None:
    """The date after "منذ" in the sentence ("منذ 7 أكتوبر" → 2023-10-07), or None."""
    w = s.words
    for i, word in enumerate(w):
        if word not in lex.since_lead and not (word[:1] in "وف" and word[1:] in lex.since_lead):
            continue
        for k in range(i + 1, min(len(w), i + 1 + lex.since_window)):
            m = lex.months.match(w, k, clitics=False)
            if not m:
                continue
            day = _day_before(s, lex, k)
            if day is None:
                continue
            return _iso(_year_after(s, lex, m[2]), m[0], day, ref)
    return None


def _day_before(s: Sentence, lex: FigureLexicon, k: int) -> int | None:
    w = s.words
    if k >= 1 and w[k - 1].isdigit() and 1 <= int(w[k - 1]) <= 31:
        return int(w[k - 1])
    j = k - 1 if k >= 1 and w[k - 1] == "من" else k
    for n in (2, 1):  # "الحادي عشر من", "السابع من"
        if j - n >= 0:
            m = lex.ordinals.match(w, j - n, clitics=False)
            if m and m[2] == j:
                return m[0]
    return None


def _year_after(s: Sentence, lex: FigureLexicon, j: int) -> int | None:
    w = s.words
    if j < len(w) and w[j] == "/":  # "7 أكتوبر/تشرين الأول"
        m = lex.months.match(w, j + 1, clitics=False)
        if m:
            j = m[2]
    if j < len(w) and len(w[j]) == 4 and w[j].isdigit():
        return int(w[j])
    return None


def _iso(year: int | None, month: int, day: int, ref: date | None) -> str:
    if year is None and ref is not None:
        year = ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1
    if year is None:
        return f"--{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def attribution_for(
    doc: Document, s: Sentence, lex: FigureLexicon, tok: int, nt: NormText, base: int
) -> Attribution | None:
    """Who the sentence says reports the figure at word ``tok``: the nearest cue after it, else before."""
    sources: list[_Source] = s.memo("sources", lambda: _sources(s, lex))
    if not sources:
        return None
    after = [x for x in sources if x[2] > tok and not x[3]]
    before = [x for x in sources if x[2] < tok]
    pick = after[0] if after else (before[-1] if before else None)
    if pick is None:
        return None
    start = s.start_of(pick[0])
    if not pick[3] and _takes_lam(s.words[pick[2]]) and _lam_prefixed(s.words[pick[0]]):
        start += 1
    o_start, o_end = nt.span_to_orig(start, s.end_of(pick[1] - 1))
    o_start, o_end = o_start + base, o_end + base
    return Attribution(_org_inside(doc, o_start, o_end), doc.text[o_start:o_end], o_start, o_end)


def _takes_lam(cue_word: str) -> bool:
    # "وفقاً لـ", "طبقاً لـ": an adverbial accusative whose object carries ل
    return cue_word.endswith("ا")


def _lam_prefixed(word: str) -> bool:
    return word.startswith("ل") and not word.startswith("لل") and len(word) > 3


def _sources(s: Sentence, lex: FigureLexicon) -> list[_Source]:
    w = s.words
    out: list[_Source] = []
    for i, word in enumerate(w):
        if not word[0].isalpha():
            continue
        m = lex.cues.match(w, i)
        if m and m[1] in ("", "و", "ف", "ب"):
            j = m[2]
            if j < len(w) and w[j] == "ما":
                j += 1
            if j < len(w) and w[j - 1] == "ما" and w[j].startswith(lex.report_verbs):  # "وفق ما أعلنته"
                j += 1
                if j < len(w) and w[j] in lex.report_objects:
                    j += 1
            end = _phrase_end(s, lex, j)
            if end > j and not lex.not_sources.match(w, j, clitics=False):
                out.append((j, end, m[2] - 1, False))
        elif i <= 2:
            v = lex.verbs.match(w, i)
            if v and v[1] in ("", "و", "ف"):
                end = _phrase_end(s, lex, v[2])
                if end > v[2]:
                    out.append((v[2], end, i, True))
    return out


def _phrase_end(s: Sentence, lex: FigureLexicon, j: int) -> int:
    """End of the source phrase starting at word ``j``: punctuation, a number, a stop word or a trigger."""
    w = s.words
    k = j
    while k < len(w) and k - j < lex.max_words:
        if s.is_punct[k] or w[k][0].isdigit() or lex.stop.match(w, k, clitics=False):
            break
        if k > j and lex.before.match(w, k):
            break
        k += 1
    return k


def _org_inside(doc: Document, start: int, end: int) -> str | None:
    for ent in doc.entities:
        if ent.kind != "organization":
            continue
        for m in ent.mentions:
            if start <= m.start and m.end <= end:
                return ent.id
    return None
