"""The figure lexicon (``data/lexicons/figures.yaml``), normalized into lookup tables and checked once."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import cache, lru_cache
from typing import Any

from marsad.numbers.lexicon import UNIT, number_lexicon, phrase_regex
from marsad.numbers.schema import fail, require_mapping, require_str_list
from marsad.resources import load_yaml
from marsad.text import clitic_stems, normalize_key

FILE = ("lexicons", "figures.yaml")
WHATS = ("killed", "wounded", "hostages", "detained", "displaced", "missing")
HELD = "held"  # hostages or detained, told apart by the sentence
NISBA_ENDINGS = ("", "ا", "ين", "ون", "ه", "ات", "ان")
NISBA_DUAL = "ان"  # the nominative dual of a nisba ("فلسطينيان"); its oblique -يين is also the plural


@lru_cache(maxsize=1 << 14)
def readings(word: str) -> tuple[tuple[str, str], ...]:
    """The (clitic prefix, stem) readings of a normalized word, bare first (cached: words repeat)."""
    return tuple(clitic_stems(word))


class PhraseTable:
    """Normalized phrases (one or more words) with a value; matched on a list of words.

    The first word of a phrase may carry clitics (و، ب، ال …); the match reports which.
    """

    __slots__ = ("_first", "_pairs", "_memo")
    _MEMO_SIZE = 1 << 14

    def __init__(self, pairs: list[tuple[str, Any]]):
        self._pairs = pairs
        first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        for phrase, value in pairs:
            words = phrase.split()
            first.setdefault(words[0], []).append((tuple(words[1:]), value))
        for alts in first.values():
            alts.sort(key=lambda a: -len(a[0]))
        self._first = first
        # word -> its readings whose stem starts a phrase (most words: none)
        self._memo: dict[str, tuple[tuple[str, list[tuple[tuple[str, ...], Any]]], ...]] = {}

    def __contains__(self, word: str) -> bool:
        return word in self._first

    def forget(self) -> None:
        """Empty the memo of words seen (it refills as words come again)."""
        self._memo.clear()

    def phrases(self) -> list[str]:
        return [p for p, _ in self._pairs]

    def _candidates(self, word: str) -> tuple[tuple[str, list[tuple[tuple[str, ...], Any]]], ...]:
        c = self._memo.get(word)
        if c is None:
            c = tuple((p, self._first[stem]) for p, stem in readings(word) if stem in self._first)
            if len(self._memo) >= self._MEMO_SIZE:
                self._memo.clear()
            self._memo[word] = c
        return c

    def match(self, words: list[str], i: int, clitics: bool = True) -> tuple[Any, str, int] | None:
        """(value, clitic prefix, index after the phrase) of the longest phrase at ``words[i]``."""
        if i >= len(words):
            return None
        if clitics:
            cands = self._candidates(words[i])
        else:
            alts = self._first.get(words[i])
            cands = (("", alts),) if alts else ()
        for prefix, alts in cands:
            for rest, value in alts:
                n = len(rest)
                if not n or tuple(words[i + 1 : i + 1 + n]) == rest:
                    return value, prefix, i + 1 + n
        return None


@dataclass(frozen=True, slots=True)
class HeldRules:
    hostage_context: frozenset[str]
    detention_context: frozenset[str]
    detained_groups: frozenset[str]


@dataclass(frozen=True, slots=True)
class FigureLexicon:
    nouns: PhraseTable  # -> what (or HELD)
    duals: PhraseTable  # -> what
    before: PhraseTable  # -> what
    after: PhraseTable  # -> what
    held: HeldRules
    units: PhraseTable  # -> unit code
    aid_context: frozenset[str]
    aid_exclude: frozenset[str]
    persons: PhraseTable  # -> English group or None
    person_duals: frozenset[str]
    companions: frozenset[str]  # "وزوجته" after a singular makes two
    dual_pronouns: frozenset[str]  # "هما" after an oblique plural of people makes it a dual
    subset_words: frozenset[str]  # "بينهم": the number after is a part of the figure before
    toll_heads: frozenset[str]  # "عدد"، "حصيلة": the head of a toll phrase
    toll_to: frozenset[str]  # "إلى" before the number of a toll phrase
    toll_window: int  # words back from "إلى N" in which the toll phrase may stand
    not_displaced: frozenset[str]  # people who flee but are not displaced (fighters)
    blocked: PhraseTable  # phrases whose trigger counts no one ("مذكرات اعتقال")
    singulars: frozenset[str]
    verb_gap: int  # words that may stand between a trigger and the dual or singular it counts
    no_singular: frozenset[str]  # kinds a lone singular does not count
    paren_days: frozenset[str]  # days that may stand between two commas inside a clause ("، السبت،")
    one_words: frozenset[str]
    number_words: frozenset[str]  # every number word, bare (an aside holding one is no plain aside)
    definite_units: dict[str, int]  # "الخمسة" -> 5 (3..10; "الاثنين" is a weekday)
    not_counts: frozenset[str]
    not_count_before: frozenset[str]
    percent: PhraseTable
    after_number_ok: frozenset[str]
    prepositions: frozenset[str]
    disease: frozenset[str]
    as_of_re: re.Pattern[str]
    since_lead: frozenset[str]
    since_window: int
    months: PhraseTable  # -> month number
    ordinals: PhraseTable  # -> day number
    cues: PhraseTable
    report_verbs: tuple[str, ...]
    verbs: PhraseTable
    stop: PhraseTable
    max_words: int
    places: PhraseTable  # -> ISO 3166-1 alpha-3
    place_markers: frozenset[str]
    report_objects: frozenset[str]
    not_sources: PhraseTable


def _keys(keypath: list[Any], value: Any) -> list[str]:
    return [normalize_key(v) for v in require_str_list(FILE, keypath, value)]


def _table(keypath: list[Any], value: Any, tag: Any) -> list[tuple[str, Any]]:
    return [(k, tag) for k in _keys(keypath, value)]


def _whats(keypath: list[Any], value: Any) -> list[str]:
    out = require_str_list(FILE, keypath, value)
    for i, what in enumerate(out):
        if what not in WHATS:
            raise fail(FILE, [*keypath, i], f"unknown kind {what!r}; one of {WHATS}")
    return out


def _int(keypath: list[Any], value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise fail(FILE, keypath, f"expected a positive whole number, got {value!r}")
    return value


def forget_words() -> None:
    """Empty the per-word caches of the figure lexicon (:func:`readings` and each table's memo).

    A long run calls it between steps (:func:`marsad.pipeline.clear_caches`): full caches take a few MB
    more than those of a few thousand pages, and a cache filled by the words of a whole run would make its
    memory follow the run's length."""
    readings.cache_clear()
    if figure_lexicon.cache_info().currsize:  # never loads the lexicon only to empty it
        lex = figure_lexicon()
        for f in fields(lex):
            table = getattr(lex, f.name)
            if isinstance(table, PhraseTable):
                table.forget()


@cache
def figure_lexicon() -> FigureLexicon:
    spec = require_mapping(FILE, [], load_yaml(*FILE))
    kinds = require_mapping(FILE, ["kinds"], spec.get("kinds"))
    nouns: list[tuple[str, Any]] = []
    duals: list[tuple[str, Any]] = []
    before: list[tuple[str, Any]] = []
    after: list[tuple[str, Any]] = []
    for what, entry in kinds.items():
        if what not in WHATS:
            raise fail(FILE, ["kinds", what], f"unknown kind {what!r}; one of {WHATS}")
        entry = require_mapping(FILE, ["kinds", what], entry)
        nouns += _table(["kinds", what, "nouns"], entry.get("nouns"), what)
        duals += _table(["kinds", what, "duals"], entry.get("duals"), what)
        before += _table(["kinds", what, "before"], entry.get("before"), what)
        after += _table(["kinds", what, "after"], entry.get("after"), what)
    held = require_mapping(FILE, ["held"], spec.get("held"))
    nouns += _table(["held", "nouns"], held.get("nouns"), HELD)
    duals += _table(["held", "duals"], held.get("duals"), HELD)
    before += _table(["held", "before"], held.get("before"), HELD)
    after += _table(["held", "after"], held.get("after"), HELD)
    held_rules = HeldRules(
        frozenset(_keys(["held", "hostage_context"], held.get("hostage_context"))),
        frozenset(_keys(["held", "detention_context"], held.get("detention_context"))),
        frozenset(require_str_list(FILE, ["held", "detained_groups"], held.get("detained_groups"))),
    )

    aid = require_mapping(FILE, ["aid"], spec.get("aid"))
    units: list[tuple[str, Any]] = []
    for unit, forms in require_mapping(FILE, ["aid", "units"], aid.get("units")).items():
        units += _table(["aid", "units", unit], forms, unit)

    groups = require_mapping(FILE, ["groups"], spec.get("groups"))
    persons: dict[str, str | None] = {k: None for k in _keys(["persons"], spec.get("persons"))}
    person_duals = set(_keys(["person_duals"], spec.get("person_duals")))
    for name, stems in require_mapping(FILE, ["groups", "nisba"], groups.get("nisba")).items():
        for stem in _keys(["groups", "nisba", name], stems):
            for ending in NISBA_ENDINGS:
                persons[stem + ending] = name
            person_duals.add(stem + NISBA_DUAL)
    for name, forms in require_mapping(FILE, ["groups", "forms"], groups.get("forms")).items():
        for form in _keys(["groups", "forms", name], forms):
            persons[form] = name

    as_of = require_mapping(FILE, ["as_of"], spec.get("as_of"))
    lead = phrase_regex(_keys(["as_of", "lead"], as_of.get("lead")))
    times = phrase_regex(_keys(["as_of", "times"], as_of.get("times")))
    days = phrase_regex(_keys(["as_of", "days"], as_of.get("days")))
    phrases = phrase_regex(_keys(["as_of", "phrases"], as_of.get("phrases")))
    as_of_re = re.compile(
        rf"(?<![\w])[وفل]?(?:{phrases}|(?:{lead})\s+(?:(?:{times})\s+)?(?:يوم\s+)?(?:{days}))(?!\w)"
    )
    since = require_mapping(FILE, ["since"], spec.get("since"))

    months: list[tuple[str, Any]] = []
    for month, forms in require_mapping(FILE, ["months"], spec.get("months")).items():
        m = _int(["months", month], month)
        if m > 12:
            raise fail(FILE, ["months", month], "a month is 1..12")
        months += _table(["months", month], forms, m)

    att = require_mapping(FILE, ["attribution"], spec.get("attribution"))
    places: list[tuple[str, Any]] = []
    for code, names in require_mapping(FILE, ["places"], spec.get("places")).items():
        if not (isinstance(code, str) and len(code) == 3 and code.isupper()):
            raise fail(FILE, ["places", code], "expected an ISO 3166-1 alpha-3 code")
        places += _table(["places", code], names, code)

    return FigureLexicon(
        nouns=PhraseTable(nouns),
        duals=PhraseTable(duals),
        before=PhraseTable(before),
        after=PhraseTable(after),
        held=held_rules,
        units=PhraseTable(units),
        aid_context=frozenset(_keys(["aid", "context"], aid.get("context"))),
        aid_exclude=frozenset(_keys(["aid", "exclude"], aid.get("exclude"))),
        persons=PhraseTable(list(persons.items())),
        person_duals=frozenset(person_duals),
        companions=frozenset(_keys(["companions"], spec.get("companions"))),
        dual_pronouns=frozenset(_keys(["dual_pronouns"], spec.get("dual_pronouns"))),
        subset_words=frozenset(_keys(["subset_words"], spec.get("subset_words"))),
        toll_heads=frozenset(_keys(["toll_heads"], spec.get("toll_heads"))),
        toll_to=frozenset(_keys(["toll_to"], spec.get("toll_to"))),
        toll_window=_int(["toll_window"], spec.get("toll_window")),
        not_displaced=frozenset(_keys(["not_displaced"], spec.get("not_displaced"))),
        blocked=PhraseTable(_table(["blocked"], spec.get("blocked"), True)),
        singulars=frozenset(_keys(["singulars"], spec.get("singulars"))),
        verb_gap=_int(["verb_gap"], spec.get("verb_gap")),
        no_singular=frozenset(_whats(["no_singular"], spec.get("no_singular"))),
        paren_days=frozenset(_keys(["as_of", "days"], as_of.get("days"))),
        one_words=frozenset(_keys(["one_words"], spec.get("one_words"))),
        number_words=frozenset(number_lexicon().words),
        definite_units={
            "ال" + form: int(w.value)
            for form, w in number_lexicon().words.items()
            if w.kind == UNIT and 3 <= w.value <= 10
        },
        not_counts=frozenset(_keys(["not_counts"], spec.get("not_counts"))),
        not_count_before=frozenset(_keys(["not_count_before"], spec.get("not_count_before"))),
        percent=PhraseTable(_table(["percent"], spec.get("percent"), True)),
        after_number_ok=frozenset(_keys(["after_number_ok"], spec.get("after_number_ok"))),
        prepositions=frozenset(_keys(["prepositions"], spec.get("prepositions"))),
        disease=frozenset(_keys(["disease"], spec.get("disease"))),
        as_of_re=as_of_re,
        since_lead=frozenset(_keys(["since", "lead"], since.get("lead"))),
        since_window=_int(["since", "window"], since.get("window")),
        months=PhraseTable(months),
        ordinals=PhraseTable(list(number_lexicon().ordinals.items())),
        cues=PhraseTable(_table(["attribution", "cues"], att.get("cues"), True)),
        report_verbs=tuple(_keys(["attribution", "report_verbs"], att.get("report_verbs"))),
        verbs=PhraseTable(_table(["attribution", "verbs"], att.get("verbs"), True)),
        stop=PhraseTable(_table(["attribution", "stop"], att.get("stop"), True)),
        max_words=_int(["attribution", "max_words"], att.get("max_words")),
        places=PhraseTable(places),
        place_markers=frozenset(_keys(["place_markers"], spec.get("place_markers"))),
        report_objects=frozenset(_keys(["attribution", "report_objects"], att.get("report_objects"))),
        not_sources=PhraseTable(_table(["attribution", "not_sources"], att.get("not_sources"), True)),
    )
