"""Figures: numbers bound to what they count (killed, wounded, held, displaced, missing, aid).

Each story is normalized once; only sentences holding a digit, a number word or a count word are
read.  In a sentence, every number (:func:`marsad.numbers.scan`) is bound by, in this order:

1. the counted noun right after it ("20 ألفاً و258 شهيداً", "عشرات الآلاف من الشهداء والجرحى",
   "40 طناً" of aid);
2. a trigger right before it ("مقتل 35456 شخصاً", "بحياة أكثر من 200 شخص");
3. a trigger shortly after it ("30 شخصاً لقوا حتفهم");
4. "N منهم" after a hostage figure of the same sentence;
5. a trigger further back in the same clause, when what follows the number allows it
   ("ارتفع عدد الشهداء في غزة إلى 500").

Duals ("قتيلان") and singulars after a trigger ("مقتل شخص") count 2 and 1.  The words are data
(``data/lexicons/figures.yaml``); this module is the mechanism.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from marsad.dates import find_dates
from marsad.figures.context import attribution_for, place_for, since_in
from marsad.figures.lexicon import HELD, FigureLexicon, figure_lexicon, readings
from marsad.figures.sentence import Sentence
from marsad.numbers import RawNumber, approx_after, as_number, scan
from marsad.numbers.lexicon import number_lexicon
from marsad.numbers.trie import trie_regex
from marsad.records import Document, Figure, Span, Story
from marsad.text import CLITIC_PREFIXES, normalize, sentence_spans

QUOTES = frozenset('"«»')  # a number quoted after its trigger: قتل "نحو 39 آخرين"
POST_WINDOW = 5  # words after a number (and its noun) in which a trigger may stand
PRE_WINDOW = 12  # words before a number in which a distant trigger may stand (in its clause, over no number)
PART_GAP = 8  # words from a part of a figure to the و of the next part ("بينهم 5 من قوات النظام، و18 …")


@dataclass(slots=True)
class _Hit:
    what: str
    value: Decimal
    approx: str
    unit: str | None
    group: str | None
    start: int  # normalized evidence span
    end: int
    num_tok: int  # token index of the number (for place and attribution)
    part: bool = False  # a part of the figure before it ("بينهم 8 إيرانيين")


@cache
def _hot_re() -> re.Pattern[str]:
    """Cheap first pass: a digit, a number word or a dual/trigger word somewhere in the text."""
    lex = figure_lexicon()
    words = set(number_lexicon().words)
    for table in (lex.duals, lex.before, lex.after):
        words.update(p.split()[0] for p in table.phrases())
    words.update(lex.person_duals)
    letters = "\u0621-\u064a"
    return re.compile(
        rf"[0-9]|(?<![{letters}])(?:{trie_regex(CLITIC_PREFIXES)})??(?:{trie_regex(words)})(?![{letters}])"
    )


def extract_figures(doc: Document) -> list[Figure]:
    """Every figure reported in the stories of ``doc`` (never in its boilerplate), first mention kept."""
    out: list[Figure] = []
    for story in doc.stories:
        out.extend(_story_figures(doc, story))
    return out


def _story_date(doc: Document, story: Story) -> str | None:
    if story.pub_date:
        return story.pub_date
    return doc.pub_date if story.kind == "main" else None


def _story_figures(doc: Document, story: Story) -> list[Figure]:
    raw = doc.text[story.start : story.end]
    nt = normalize(raw)
    hot = _hot_re()
    if not hot.search(nt.text):
        return []
    lex = figure_lexicon()
    story_date = _story_date(doc, story)
    seen: dict[tuple[str, str | None, Decimal], Figure] = {}
    out: list[Figure] = []
    for sp in sentence_spans(nt.text):
        if not hot.search(nt.text, sp.start, sp.end):
            continue
        o_start, o_end = nt.span_to_orig(sp.start, sp.end)
        if doc.in_boilerplate(story.start + o_start, story.start + o_end):
            continue
        sent = Sentence(nt.text, sp.start, sp.end, lex)
        hits = _sentence_hits(sent, lex)
        if not hits:
            continue
        as_of = _as_of(lex.as_of_re.search(nt.text, sp.start, sp.end), nt, raw, story_date)
        since = since_in(sent, lex, _ref_date(story_date))
        for h in hits:
            key = (h.what, h.unit, h.value)
            es, ee = nt.span_to_orig(h.start, h.end)
            es, ee = es + story.start, ee + story.start
            if key in seen or _overlaps_boilerplate(doc, es, ee):
                first = seen.get(key)
                if first is not None and first.approx == "exact" and h.approx != "exact":
                    first.approx = h.approx  # "14 قتيلا" in the title, "14 شخصا على الأقل" in the body
                continue
            fig = Figure(
                doc_id=doc.doc_id,
                story_id=story.story_id,
                value=as_number(h.value),
                approx=h.approx,
                what=h.what,
                unit=h.unit,
                group=h.group,
                place=place_for(sent, lex, h.num_tok),
                as_of=as_of,
                since=since,
                attribution=attribution_for(doc, sent, lex, h.num_tok, nt, story.start),
                evidence=Span(es, ee, doc.text[es:ee]),
            )
            seen[key] = fig
            out.append(fig)
    return out


def _as_of(m: re.Match[str] | None, nt, raw: str, story_date: str | None) -> str | None:
    """The date a toll is given "as of": a date the phrase names (حتى مساء السبت), else the story's."""
    if m is None:
        return None
    ref = _ref_date(story_date)
    a, b = nt.span_to_orig(m.start(), m.end())
    for d in find_dates(raw, a, b, ref):
        if d.value:
            return d.value
    return story_date


def _overlaps_boilerplate(doc: Document, start: int, end: int) -> bool:
    return any(b.start < end and start < b.end for b in doc.boilerplate)


def _ref_date(s: str | None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


# ---- a sentence ---------------------------------------------------------------------------------


def _sentence_hits(s: Sentence, lex: FigureLexicon) -> list[_Hit]:
    numbers = scan(s.text, s.lo, s.hi)
    dates: set[int] = set()
    for n in numbers:
        dates.update(_date_tokens(s, lex, n))
    s.number_starts = {s.index_of(n.num_start) for n in numbers}
    s.block_numbers = s.number_starts - dates
    hits: list[_Hit] = []
    used: set[int] = set()
    for n in numbers:
        i0 = s.index_of(n.num_start)
        used.update(range(i0, s.index_at(n.num_end)))
        if i0 in dates or s.words[i0] in lex.one_words:
            continue
        found = _number_hits(s, lex, n, i0, hits)
        for h in found:
            used.update(range(s.index_of(h.start), s.index_at(h.end)))
        hits.extend(found)
    hits.extend(_word_hits(s, lex, used, hits))
    hits.sort(key=lambda h: h.start)
    return hits


def _date_tokens(s: Sentence, lex: FigureLexicon, n: RawNumber) -> range:
    """The number's words when it is the day or the year of a date, else an empty range."""
    ia = s.index_at(n.end)
    ib = s.index_before(n.start)
    if ia < len(s.words) and s.words[ia] == "من":  # "السابع عشر من أكتوبر"
        ia += 1
    if lex.months.match(s.words, ia) or (ib >= 0 and s.month_ends_at(ib)):
        return range(s.index_of(n.num_start), s.index_at(n.num_end))
    return range(0)


def _number_hits(s: Sentence, lex: FigureLexicon, n: RawNumber, i0: int, prior: list[_Hit]) -> list[_Hit]:
    if n.value <= 0:
        return []
    w = s.words
    ia = s.index_at(n.end)
    ib = s.index_before(n.start)
    if lex.percent.match(w, ia, clitics=False):
        return []
    if ib >= 0 and w[ib] in lex.not_count_before:  # "القرار 2722", "عام 2023", not "اعتقلت اليوم 15 فلسطينيا"
        if not (_person_at(s, lex, ia, n.vague) or _count_noun_at(s, lex, ia, n.vague)):
            return []
    if s.bare(ia) in lex.not_counts:
        return []

    # 1. the counted noun right after the number
    definite = _definite(s, n)
    noun = _count_noun_at(s, lex, ia, n.vague, definite)
    if noun:
        whats, end_tok = noun
        return _make(s, lex, n, i0, whats, n.start, s.end_of(end_tok - 1), end_tok, None)
    unit = lex.units.match(w, ia, clitics=False)
    if unit is None and n.vague:  # "عشرات ملايين الدولارات": a vague amount governs the definite unit
        unit = lex.units.match(w, ia)
        unit = unit if unit and unit[1] == "ال" else None
    if unit:
        if _aid_context(s, lex):
            return [_Hit("aid", n.value, n.approx, unit[0], None, n.start, s.end_of(unit[2] - 1), i0)]
        return []

    # a noun of people ("شخصاً", "المدنيين", "من الفلسطينيين") leaves the kind to a trigger
    group, after = None, ia
    person = _person_at(s, lex, ia, n.vague, definite)
    if person:
        group, after = person
        lump = _count_noun_at(s, lex, after, False)  # "50 شخصاً بين قتيل وجريح"
        if lump and w[after] == "بين":
            return _make(s, lex, n, i0, lump[0], n.start, s.end_of(lump[1] - 1), lump[1], group)

    # 2. a trigger right before (over an aside such as "، السبت،", or an opening quote)
    ib = s.skip_back.get(ib, ib)
    iq = ib - 1 if ib >= 1 and w[ib] in QUOTES else ib
    trig = s.trigger_end.get(iq) if iq >= 0 else None
    if trig:
        whats, first = _lumped(s, trig)
        return _make(s, lex, n, i0, whats, s.start_of(first), s.end_of(after - 1), after, group)

    # 3. a trigger shortly after
    post = _post_trigger(s, lex, after)
    if post:
        what, end_tok = post
        return _make(s, lex, n, i0, [what], n.start, s.end_of(end_tok - 1), after, group)

    # 4. "N منهم" after a hostage figure; "(من) بينهم N" after any figure of the sentence
    if s.bare(ia) in ("منهم", "منهن") and any(h.what == "hostages" for h in prior):
        return _make(s, lex, n, i0, ["hostages"], n.start, s.end_of(ia), ia + 1, group)
    if prior and ib >= 0 and (person or _part_follows(s, lex, ia)):
        last = prior[-1]
        # "بينهم 350 طفلا", and the parts joined to it ("و62 امرأة"), right after the one before
        joined = last.part and w[ib] == "و" and ib - last.num_tok <= PART_GAP
        if joined and any(k in s.number_starts for k in range(last.num_tok + 1, i0)):
            joined = False
        if _is_subset_word(w[ib], lex) or joined:
            whats = [h.what for h in prior if h.num_tok == last.num_tok]
            parts = _make(s, lex, n, i0, whats, n.start, s.end_of(after - 1), after, group)
            for h in parts:
                h.part = True
            return parts

    # 5. a trigger further back in the clause; a definite number right after a noun in construct
    # is that noun's complement ("أثار غضب الآلاف"), not a count the trigger gives
    if definite and ib >= 0 and _in_construct(s, lex, ib):
        return []
    if person or _may_follow(s, lex, ia):
        k = ib - 1
        while k >= 0 and ib - k <= PRE_WINDOW and s.clause[k] == s.clause[i0]:
            if k in s.block_numbers:
                break
            trig = s.trigger_end.get(k)
            if trig:
                whats, first = _lumped(s, trig)
                return _make(s, lex, n, i0, whats, s.start_of(first), s.end_of(after - 1), after, group)
            k -= 1
        # 6. "ارتفع عدد قتلى الضربات، التي …، إلى 15": the toll phrase, across clauses; or after the
        # number, its subject put last ("ارتفع إلى 15، …، عدد العناصر الذين قتلتهم الضربات")
        if ib >= 1 and w[ib] in lex.toll_to:
            toll = _toll_before(s, lex, ib) or _toll_after(s, lex, after)
            if toll:
                whats, first = toll
                return _make(s, lex, n, i0, whats, s.start_of(min(first, i0)), s.end_of(after - 1), after, group)
    return []


def _toll_after(s: Sentence, lex: FigureLexicon, i: int) -> tuple[list[str], int] | None:
    """(kinds, number's word) of a toll head after word ``i`` whose counted noun follows it, or whose
    relative clause has a trigger ("عدد العناصر الذين قتلتهم"), within ``toll_window`` words."""
    w = s.words
    for k in range(i, min(len(w), i + lex.toll_window)):
        if w[k] not in lex.toll_heads:
            continue
        trig = s.trigger_end.get(k + 1)
        if trig and trig[3] and trig[1] == k + 1:
            return [trig[0]], k
        for j in range(k + 1, min(len(w), k + 1 + POST_WINDOW)):
            if s.is_punct[j] or j in s.number_starts:
                break
            m = lex.after.match(w, j)
            if m and not s.blocked(j):
                return [m[0]], k
        return None
    return None


def _part_follows(s: Sentence, lex: FigureLexicon, i: int) -> bool:
    """Whether word ``i``, after "بينهم N", leaves N a part of the figure: the end of the clause or
    "من" and a body ("5 من قوات النظام"), not "من" and a place of origin ("200 من غزة")."""
    if i >= len(s.words) or s.is_punct[i]:
        return True
    return s.words[i] == "من" and lex.places.match(s.words, i + 1) is None


def _is_subset_word(word: str, lex: FigureLexicon) -> bool:
    """"بينهم", "وبينهم", "ضمنهم" (after "من" or not): what follows is a part of the figure before."""
    return word in lex.subset_words or (word[:1] == "و" and word[1:] in lex.subset_words)


def _toll_before(s: Sentence, lex: FigureLexicon, i: int) -> tuple[list[str], int] | None:
    """(kinds, first word) of a counted noun governed by a toll head ("عدد القتلى", "حصيلة الضحايا")
    within ``toll_window`` words before word ``i``, with no other number between."""
    for k in range(i - 1, max(-1, i - 1 - lex.toll_window), -1):
        if k in s.block_numbers:
            return None
        trig = s.trigger_end.get(k)
        if trig and trig[3] and trig[1] >= 1:
            head = s.words[trig[1] - 1]
            if any(stem in lex.toll_heads for _, stem in readings(head)):
                return _lumped(s, trig)
    return None


def _definite(s: Sentence, n: RawNumber) -> bool:
    return s.text.startswith("ال", n.num_start)


def _in_construct(s: Sentence, lex: FigureLexicon, i: int) -> bool:
    """Whether word ``i`` is a noun without the article that may govern the next word ("غضب"), not
    a preposition, a definite subject ("الشرطة") or punctuation."""
    word = s.words[i]
    if s.is_punct[i] or word in lex.prepositions:
        return False
    return not any(p.endswith("ال") or "لل" in p for p, _ in readings(word))


def _person_at(
    s: Sentence, lex: FigureLexicon, i: int, vague: bool, definite: bool = False
) -> tuple[str | None, int] | None:
    """(group, index after) of a noun of people at word ``i``: "شخصاً", "من الفلسطينيين", and after
    a vague plural the definite noun it governs ("عشرات المدنيين")."""
    w = s.words
    if i < len(w) and w[i] == "من":
        m = lex.persons.match(w, i + 1)
        if m and m[1] == "ال":
            return m[0], m[2]
        return None
    m = lex.persons.match(w, i)
    if m and ((m[1] == "" and not definite) or (vague and m[1] == "ال")):
        return m[0], m[2]
    return None


def _count_noun_at(
    s: Sentence, lex: FigureLexicon, i: int, vague: bool, definite: bool = False
) -> tuple[list[str], int] | None:
    """(kinds, index after) of a counted noun at word ``i``: "شهيداً", "من الجرحى", "بين قتيل وجريح",
    and after a vague plural the definite noun it governs ("عشرات القتلى"); "خمس الضحايا" is a fifth."""
    w = s.words
    if i >= len(w):
        return None
    if w[i] == "بين":
        first = lex.nouns.match(w, i + 1, clitics=False)
        if first:
            second = lex.nouns.match(w, first[2])
            if second and second[1] == "و" and second[0] != first[0]:
                return [first[0], second[0]], second[2]
        return None
    if w[i] == "من":
        m = lex.nouns.match(w, i + 1)
        if not m or m[1] != "ال":
            return None
    else:
        m = lex.nouns.match(w, i)  # a definite number ("الآلاف جثامين") governs no bare noun
        if not m or not ((m[1] == "" and not definite) or (vague and m[1] == "ال")):
            return None
    whats, end = [m[0]], m[2]
    nxt = lex.nouns.match(w, end)  # "قتيلاً وجريحاً", "الشهداء والجرحى", not "3 شهداء وإصابة اثنين"
    if nxt and nxt[1] in ("و", "وال") and nxt[0] != m[0] and nxt[2] not in s.number_starts:
        whats.append(nxt[0])
        end = nxt[2]
    return whats, end


def _lumped(s: Sentence, trig: tuple[str, int, str, bool]) -> tuple[list[str], int]:
    """The kinds of a trigger with the one joined to it by و ("استشهاد وإصابة 50"), and its first word."""
    what, start, prefix, _ = trig
    if prefix.startswith("و") and start > 0:
        prev = s.trigger_end.get(start - 1)
        if prev and prev[0] != what and not prev[3]:
            return [prev[0], what], prev[1]
    return [what], start


def _post_trigger(s: Sentence, lex: FigureLexicon, i: int) -> tuple[str, int] | None:
    """(kind, index after) of a trigger within a few words from word ``i``, in the same clause."""
    if i == 0 or i > len(s.words):
        return None
    clause = s.clause[i - 1]
    for k in range(i, min(len(s.words), i + POST_WINDOW)):
        if s.clause[k] != clause or k in s.block_numbers:
            return None
        m = lex.after.match(s.words, k)
        if m and s.blocked(k):
            continue
        if m:
            return m[0], m[2]
    return None


def _may_follow(s: Sentence, lex: FigureLexicon, i: int) -> bool:
    """Whether the word after a number lets a distant trigger bind it."""
    if i >= len(s.words) or s.is_punct[i]:
        return True
    w = s.words
    return w[i] in lex.after_number_ok or lex.before.match(w, i) is not None or lex.nouns.match(w, i) is not None


def _make(
    s: Sentence,
    lex: FigureLexicon,
    n: RawNumber,
    i0: int,
    whats: list[str],
    start: int,
    end: int,
    after: int,
    group: str | None,
) -> list[_Hit]:
    approx = n.approx
    start = min(start, n.start)
    end = max(end, n.end)
    i = s.index_at(n.num_end)
    if "displaced" in whats and _fighters(s, lex, i, max(after, i + 1)):
        whats = [x for x in whats if x != "displaced"]
    g = lex.persons.match(s.words, after)  # "شهيداً فلسطينياً", "لاجئ سوداني", "الأسرى الفلسطينيين"
    if g and g[0] and g[1] in ("", "ال"):
        group = group or g[0]
        end = max(end, s.end_of(g[2] - 1))
    if after > 0 and approx == "exact":  # "ستة آخرين على الأقل أودعوا السجن"
        post = approx_after(s.text, s.end_of(after - 1))
        if post:
            approx = post[0]
    post = approx_after(s.text, end)
    if post is None and after < len(s.words) and s.words[after] in QUOTES:  # مقتل "23 مقاتلا" على الأقل
        post = approx_after(s.text, s.end_of(after))
    if post:
        if approx == "exact":
            approx = post[0]
        end = post[1]
    return _emit(s, lex, whats, n.value, approx, group, start, end, i0)


def _fighters(s: Sentence, lex: FigureLexicon, i: int, j: int) -> bool:
    """Whether words ``i``..``j-1`` (the noun a number counts) name fighters ("عشرات المقاتلين")."""
    return any(stem in lex.not_displaced for k in range(i, j) for _, stem in readings(s.words[k]))


def _emit(
    s: Sentence,
    lex: FigureLexicon,
    whats: list[str],
    value: Decimal,
    approx: str,
    group: str | None,
    start: int,
    end: int,
    tok: int,
) -> list[_Hit]:
    out = []
    for what in whats:
        if what == HELD:
            what = _resolve_held(s, lex, group)
        if what in ("killed", "wounded") and s.clause_stems(s.clause[tok]) & lex.disease:
            continue  # "300 إصابة بالكوليرا", "20 وفاة بكورونا"
        out.append(_Hit(what, value, approx, None, group, start, end, tok))
    return out


def _resolve_held(s: Sentence, lex: FigureLexicon, group: str | None) -> str:
    """Held people: detained in a prison context or for a detained group, hostages in a hostage context."""
    rules = lex.held
    if group in rules.detained_groups or s.stems & rules.detention_context:
        return "detained"
    if s.stems & rules.hostage_context:
        return "hostages"
    return "detained"


def _aid_context(s: Sentence, lex: FigureLexicon) -> bool:
    return bool(s.stems & lex.aid_context) and not (s.stems & lex.aid_exclude)


# ---- counts without a number ------------------------------------------------------------------


def _word_hits(s: Sentence, lex: FigureLexicon, used: set[int], prior: list[_Hit]) -> list[_Hit]:
    """Duals ("قتيلان", "مقتل شخصين") and singulars ("قتيل واحد", "مقتل شخص", "لقي طفلان حتفهما")."""
    out: list[_Hit] = []
    w = s.words
    for i, word in enumerate(w):
        if i in used or s.is_punct[i]:
            continue
        dual = lex.duals.match(w, i)
        if dual and "ال" not in dual[1]:
            out += _emit(s, lex, [dual[0]], Decimal(2), "exact", None, s.start_of(i), s.end_of(dual[2] - 1), i)
            continue
        dv = lex.definite_units.get(word)
        if dv and i > 0:  # "القبض على الخمسة", "المعتقلين الثلاثة": a count told before, named again
            trig = s.trigger_end.get(i - 1)
            if trig and (not trig[3] or "ال" in trig[2]):
                out += _emit(s, lex, [trig[0]], Decimal(dv), "exact", None, s.start_of(trig[1]), s.end_of(i), i)
                continue
        noun = lex.nouns.match(w, i)
        if noun and noun[1] in ("", "و") and s.bare(noun[2]) in lex.one_words:  # "قتيل واحد"
            out += _emit(s, lex, [noun[0]], Decimal(1), "exact", None, s.start_of(i), s.end_of(noun[2]), i)
            continue
        if noun and noun[1] == "" and word in lex.singulars and _counted_next(s, noun[2]):  # "قتيل و3 جرحى"
            out += _emit(s, lex, [noun[0]], Decimal(1), "exact", None, s.start_of(i), s.end_of(i), i)
            continue
        if word in lex.person_duals:
            value = Decimal(2)
        elif word in lex.singulars:
            value = Decimal(2) if _with_companion(s, lex, i) else Decimal(1)
        elif word.endswith("ين") and _dual_by_pronoun(s, lex, i):
            value = Decimal(2)
        else:
            continue
        if _is_agent(s, lex, i):
            continue
        before = [h for h in (*prior, *out) if h.num_tok < i]
        if before and i > 0 and _is_subset_word(w[i - 1], lex):  # "سقوط 7 قتلى بينهم طفلان"
            last = max(before, key=lambda h: h.num_tok)
            out += _emit(s, lex, [last.what], value, "exact", None, s.start_of(i), s.end_of(i), i)
            continue
        group = _group_near(s, lex, i)
        found: list[_Hit] = []
        trig = _trigger_before(s, lex, i, used)
        if trig:
            whats, first = _lumped(s, trig)
            found = _emit(s, lex, whats, value, "exact", group, s.start_of(first), s.end_of(i), i)
        else:
            j, approx = i + 1, "exact"
            more = approx_after(s.text, s.end_of(i))  # "شخصين على الأقل قتلا"
            if more:
                j, approx = s.index_at(more[1]), more[0]
            post = _post_trigger(s, lex, j)
            if post and post[1] - j <= 2:
                found = _emit(s, lex, [post[0]], value, approx, group, s.start_of(i), s.end_of(post[1] - 1), i)
        if value == 1:
            found = [h for h in found if h.what not in lex.no_singular]
        for h in found:
            more = approx_after(s.text, h.end)  # "لتقتل شخصاً على الأقل"
            if more:
                h.approx, h.end = more
            used.update(range(s.index_at(h.start), s.index_at(h.end)))
        out += found
    return out


def _with_companion(s: Sentence, lex: FigureLexicon, i: int) -> bool:
    """A singular of people (word ``i``) joined to a relative of theirs: two ("قضى رجل وزوجته")."""
    nxt = s.bare(i + 1)
    return nxt[:1] == "و" and nxt[1:] in lex.companions


def _dual_by_pronoun(s: Sentence, lex: FigureLexicon, i: int) -> bool:
    """An oblique noun of people in -ين followed by "هما": a dual ("مقتل مدنيين هما رجل وزوجته")."""
    return s.bare(i + 1) in lex.dual_pronouns and lex.persons.match(s.words, i, clitics=False) is not None


def _is_agent(s: Sentence, lex: FigureLexicon, i: int) -> bool:
    """Whether the nominative noun at word ``i`` is the subject of a verb whose accusative object
    follows it ("طعن فلسطينيان جنديا": the two stabbed, the soldier was stabbed)."""
    nxt = s.bare(i + 1)
    return not s.words[i].endswith("ا") and nxt.endswith("ا") and nxt in lex.singulars


def _trigger_before(s: Sentence, lex: FigureLexicon, i: int, used: set[int]) -> tuple[str, int, str, bool] | None:
    """The trigger (not a counted noun) that counts the dual or singular at word ``i``: right before it,
    or up to ``verb_gap`` words before in the same clause, over words that are no number ("اعتقلت الشرطة
    الفرنسية زوجين"، "قتل خلالها فلسطينيان")."""
    for k in range(i - 1, max(-1, i - 2 - lex.verb_gap), -1):
        if s.is_punct[k] or s.clause[k] != s.clause[i]:
            return None
        trig = s.trigger_end.get(k)
        if trig:
            if trig[3] or (k < i - 1 and "ال" in trig[2]):  # over a gap, a verb (never definite)
                return None
            return trig
        if k in used:
            return None
    return None


def _counted_next(s: Sentence, i: int) -> bool:
    """Whether word ``i`` joins, by و, a number that starts a figure ("قتيل و3 جرحى")."""
    w = s.words
    if i < len(w) and w[i] == "و":
        i += 1
    return i < len(w) and i in s.number_starts and (w[i - 1] == "و" or w[i].startswith("و"))


def _group_near(s: Sentence, lex: FigureLexicon, i: int) -> str | None:
    for k in (i, i + 1):
        g = lex.persons.match(s.words, k, clitics=False)
        if g and g[0]:
            return g[0]
    return None
