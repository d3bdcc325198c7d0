"""Sentence splitting that knows Arabic punctuation and news conventions.

A sentence ends at ``. ! ? ؟ …`` followed by a space (not inside a number such as ``2.5``, not after a
one-letter abbreviation such as ``د.``) or at a line break.  Offsets are into the text given.
"""

from __future__ import annotations

import re
from functools import cache

from marsad.records import Span
from marsad.resources import load_yaml


@cache
def _sentence_re() -> re.Pattern[str]:
    spec = load_yaml("lexicons", "sentences.yaml")
    enders = "".join(re.escape(c) for c in spec["sentence_end"])
    # an ender (or run of them, with closing quotes) followed by white space; or a line break
    return re.compile(rf"(?<![0-9])[{enders}]+[\"'”»’)\]]*(?=\s|$)|\n+")


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(load_yaml("lexicons", "sentences.yaml")["no_break_after"])


_LAST_WORD_RE = re.compile(r"(\S+)$")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of ``text[start:end]`` as spans (stripped of surrounding white space)."""
    end = len(text) if end is None else end
    out: list[Span] = []
    pos = start
    abbrev = _abbreviations()
    for m in _sentence_re().finditer(text, start, end):
        if text[m.start()] == ".":
            w = _LAST_WORD_RE.search(text, max(start, m.start() - 12), m.start())
            if w and w.group(1) in abbrev:
                continue
        _add(text, pos, m.end() if text[m.start()] != "\n" else m.start(), out)
        pos = m.end()
    _add(text, pos, end, out)
    return out


def _add(text: str, s: int, e: int, out: list[Span]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append(Span(s, e, text[s:e]))
