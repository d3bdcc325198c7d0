"""Tokens with offsets, and clitic-aware views of a word.

Tokens are found on the normalized text (so a diacritic or tatweel never splits a word) and carry
offsets into both the normalized and the original text.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from marsad.resources import load_yaml
from marsad.text.normalize import NormText

_WORD_RE = re.compile(r"[0-9A-Za-z\u0621-\u064A\u0660-\u0669\u06F0-\u06F9]+(?:[.,][0-9]+)*")


class Token(NamedTuple):
    start: int  # original offsets
    end: int
    nstart: int  # normalized offsets
    nend: int
    norm: str


def tokenize(nt: NormText, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of the normalized text between normalized offsets ``start`` and ``end``."""
    found = [(m.start(), m.end(), m.group())
             for m in _WORD_RE.finditer(nt.text, start, len(nt.text) if end is None else end)]
    orig = nt.spans_to_orig([(s, e) for s, e, _ in found])
    return [Token(o[0], o[1], f[0], f[1], f[2]) for o, f in zip(orig, found, strict=True)]


@cache
def _prefixes() -> tuple[str, ...]:
    spec = load_yaml("lexicons", "clitics.yaml")
    conj = [""] + spec["conjunctions"]
    preps = [""] + spec["prepositions"]
    out = set()
    for c in conj:
        for p in preps:
            out.add(c + p)
            out.add(c + p + spec["article"])
        out.add(c + spec["lam_article"])
    out.discard("")
    return tuple(sorted(out, key=len, reverse=True))


CLITIC_PREFIXES: tuple[str, ...] = ()


def clitic_stems(word: str, min_stem: int = 2) -> list[tuple[str, str]]:
    """Every ``(prefix, stem)`` reading of a normalized word, the bare word first.

    ``وبلينكن`` gives ``("", "وبلينكن"), ("و", "بلينكن"), ("وب", "لينكن")``: a caller keeps the readings
    whose stem it knows.  ``للامم`` gives ``("لل", "امم")`` and also ``("لل", "الامم")`` since
    ``لل`` stands for ``ل`` + ``ال``.
    """
    out = [("", word)]
    for p in _prefixes():
        if word.startswith(p) and len(word) - len(p) >= min_stem:
            stem = word[len(p) :]
            out.append((p, stem))
            if p.endswith("لل"):
                out.append((p, "ال" + stem))
    return out


def _init() -> None:
    global CLITIC_PREFIXES
    CLITIC_PREFIXES = _prefixes()


_init()
