"""The number lexicon (``data/lexicons/numbers.yaml``), normalized and checked once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from marsad.numbers.schema import fail, require_mapping, require_str_list
from marsad.numbers.trie import trie_regex
from marsad.resources import load_yaml
from marsad.text import normalize_key

FILE = ("lexicons", "numbers.yaml")
APPROX_KINDS = ("exact", "more_than", "about", "less_than", "at_least", "up_to")

# kinds of number word
UNIT = "unit"
TEEN_UNIT = "teen_unit"
TEN = "ten"
HUNDRED = "hundred"
SCALE = "scale"
SCALE_DUAL = "scale_dual"
SCALE_PLURAL = "scale_plural"
SCALE_ACC = "scale_accusative"
VAGUE = "vague"
FRACTION = "fraction"
MORE_SUFFIX = "more_than_suffix"


@dataclass(frozen=True, slots=True)
class NumberWord:
    kind: str
    value: Decimal  # for scales: the scale itself


@dataclass(frozen=True, slots=True)
class NumberLexicon:
    words: dict[str, NumberWord]  # normalized form -> word
    article_kinds: frozenset[str]
    approx_before: tuple[tuple[str, str], ...]  # (normalized phrase, approx), longest first
    approx_after: tuple[tuple[str, str], ...]
    words_re: str  # trie regex source of every form
    ordinals: dict[str, int]  # normalized ordinal phrase ("السابع", "الحادي عشر") -> value


def _decimal(parts: tuple[str, ...], keypath: list[Any], raw: Any) -> Decimal:
    try:
        d = Decimal(str(raw))
    except InvalidOperation:
        raise fail(parts, keypath, f"not a number: {raw!r}") from None
    if d <= 0:
        raise fail(parts, keypath, f"expected a positive number, got {raw!r}")
    return d


@cache
def number_lexicon() -> NumberLexicon:
    spec = require_mapping(FILE, [], load_yaml(*FILE))
    words: dict[str, NumberWord] = {}

    def add(keypath: list[Any], forms: Any, word: NumberWord) -> None:
        for i, form in enumerate(require_str_list(FILE, keypath, forms)):
            key = normalize_key(form)
            old = words.get(key)
            if old is not None and old != word:
                raise fail(FILE, [*keypath, i], f"{form!r} is already a {old.kind} ({old.value})")
            words[key] = word

    simple = {"units": UNIT, "teen_units": TEEN_UNIT, "tens": TEN, "hundreds": HUNDRED,
              "vague_multipliers": VAGUE, "fractions": FRACTION}
    for section, kind in simple.items():
        for raw, forms in require_mapping(FILE, [section], spec.get(section)).items():
            add([section, raw], forms, NumberWord(kind, _decimal(FILE, [section, raw], raw)))
    for raw, entry in require_mapping(FILE, ["scales"], spec.get("scales")).items():
        scale = _decimal(FILE, ["scales", raw], raw)
        entry = require_mapping(FILE, ["scales", raw], entry)
        for sub, kind in (("singular", SCALE), ("dual", SCALE_DUAL), ("plural", SCALE_PLURAL), ("accusative", SCALE_ACC)):
            add(["scales", raw, sub], entry.get(sub), NumberWord(kind, scale))
    add(["more_than_suffix"], spec.get("more_than_suffix"), NumberWord(MORE_SUFFIX, Decimal(0)))

    kinds = {UNIT, TEEN_UNIT, TEN, HUNDRED, SCALE, SCALE_DUAL, SCALE_PLURAL, SCALE_ACC, VAGUE, FRACTION}
    article = require_str_list(FILE, ["article_kinds"], spec.get("article_kinds"))
    for i, k in enumerate(article):
        if k not in kinds:
            raise fail(FILE, ["article_kinds", i], f"unknown kind {k!r}")

    def approx(section: str) -> tuple[tuple[str, str], ...]:
        out = []
        for kind, phrases in require_mapping(FILE, [section], spec.get(section)).items():
            if kind not in APPROX_KINDS:
                raise fail(FILE, [section, kind], f"unknown approx {kind!r}; one of {APPROX_KINDS}")
            for p in require_str_list(FILE, [section, kind], phrases):
                out.append((normalize_key(p), kind))
        return tuple(sorted(set(out), key=lambda x: -len(x[0])))

    ordinals: dict[str, int] = {}
    for raw, forms in require_mapping(FILE, ["ordinals"], spec.get("ordinals")).items():
        value = _decimal(FILE, ["ordinals", raw], raw)
        for form in require_str_list(FILE, ["ordinals", raw], forms):
            ordinals[normalize_key(form)] = int(value)

    return NumberLexicon(
        words=words,
        ordinals=ordinals,
        article_kinds=frozenset(article),
        approx_before=approx("approx_before"),
        approx_after=approx("approx_after"),
        words_re=trie_regex(words),
    )


def phrase_regex(phrases: list[str] | tuple[str, ...]) -> str:
    """Regex source for normalized phrases, any run of spaces between their words."""
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in sorted(phrases, key=len, reverse=True))
