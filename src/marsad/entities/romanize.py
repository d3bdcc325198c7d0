"""A consistent romanization of Arabic names, for the ids of persons the knowledge base lacks.

Whole words first: the given names and particles of the lexicon, in the spelling English-language news
uses (بيتر → peter, محمد → mohammed); then two-word compounds (عبد الله → abdullah, عبد + ال… → abdul…);
then letters, with the article as ``al_`` (أحمد المنسي → ahmed_al_mansi)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from marsad.resources import load_yaml

_VOWEL_LETTERS = set("اأإآوىيةي")


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    spec = load_yaml("lexicons", "romanization.yaml")
    words: dict[str, str] = {}
    for table in ("given_names", "foreign_given_names", "words"):
        words.update({_strip(k): v for k, v in (spec.get(table) or {}).items()})
    return words, spec["letters"]


@cache
def _foreign() -> tuple[frozenset[str], frozenset[str]]:
    """(foreign given names, the consonant clusters a word of a foreign name may start with)."""
    spec = load_yaml("lexicons", "romanization.yaml")
    names = frozenset(_strip(k) for k in (spec.get("foreign_given_names") or {}))
    return names, frozenset(_strip(o) for o in spec.get("foreign_onsets", []))


def _strip(s: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFC", s) if not unicodedata.combining(ch) and ch != "ـ")


def romanize_word(word: str, foreign: bool = False) -> str:
    """A word of a name; ``foreign``: of a name whose given name is foreign, where a consonant cluster may open
    a word ("ستيفانوبولوس" → "stifanobolos", not "satifanobolos")."""
    words, letters = _tables()
    w = _strip(word)
    if w in words:
        return words[w]
    onsets = _foreign()[1] if foreign else frozenset()
    prefix = ""
    if w.startswith("ال") and len(w) > 3:
        prefix, w = "al_", w[2:]
    out = []
    for i, ch in enumerate(w):
        lat = letters.get(ch, "")
        if ch == "و":
            # a consonant at a word's start or before a long vowel, else the vowel o/ou
            lat = "w" if i == 0 or (i + 1 < len(w) and w[i + 1] in "اي") else lat
        elif ch == "ي":
            lat = "y" if i == 0 or (i + 1 < len(w) and w[i + 1] in "او") else lat
            if i > 0 and i + 2 == len(w) and w[-1] == "و":
                lat = "i"  # a final "يو" writes the foreign -io (روبيو → rubio-like "robio"), not "yo"
        elif ch in "اأإآ" and i + 1 < len(w) and w[i + 1] in "وي" and i == 0:
            lat = ""  # "أون"، "إي": the carrier of an initial vowel
        elif ch == "غ" and i > 0 and w[i - 1] == "ن":
            lat = "g"  # "نغ" writes a foreign ng
        elif ch == "ت" and i + 1 < len(w) and w[i + 1] == "ش":
            lat = "c"  # "تش" writes a foreign ch (تشودري → choudri)
        elif ch == "ش" and i > 0 and w[i - 1] == "ت":
            lat = "h"
        out.append(lat)
        # two consonants at the start of a word: an unwritten short vowel sits between them
        if i == 0 and ch not in _VOWEL_LETTERS and len(w) > 2 and w[1] not in _VOWEL_LETTERS and w[:2] != "تش" \
                and w[:2] not in onsets:
            out.append("a")
    return prefix + "".join(out)


def romanize_id(name: str) -> str:
    """``"زهرة بن سكر"`` → ``"zahra_ben_sakr"``."""
    words, _ = _tables()
    toks = [_strip(t) for t in re.findall(r"[\u0621-\u064A]+", name)]
    foreign = bool(toks) and toks[0] in _foreign()[0]
    parts = []
    i = 0
    while i < len(toks):
        pair = f"{toks[i]} {toks[i + 1]}" if i + 1 < len(toks) else None
        if pair and pair in words:
            parts.append(words[pair])
            i += 2
            continue
        if toks[i] == "عبد" and pair and toks[i + 1].startswith("ال") and len(toks[i + 1]) > 3:
            parts.append("abdul" + romanize_word(toks[i + 1][2:]))
            i += 2
            continue
        parts.append(romanize_word(toks[i], foreign))
        i += 1
    rid = "_".join(p for p in parts if p)
    rid = re.sub(r"_+", "_", rid).strip("_")
    return rid or "unknown"
