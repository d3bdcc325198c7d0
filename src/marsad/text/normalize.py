"""Matching-normalization of Arabic text that remembers where every character came from.

``normalize(text)`` returns a :class:`NormText` whose ``.text`` is the normalized string and whose
``to_orig`` / ``span_to_orig`` map offsets back into the original text.  The character table is data
(``data/lexicons/normalization.yaml``); this module only applies it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from marsad.resources import load_yaml


@dataclass(frozen=True, slots=True)
class _Tables:
    translate: dict[int, str]
    chars: dict[str, str]  # the same map by character, for replace-based mapping of long texts
    delete_re: re.Pattern[str]
    nfkc_re: re.Pattern[str]


@cache
def _tables() -> _Tables:
    spec = load_yaml("lexicons", "normalization.yaml")
    table: dict[int, str] = {ord(k): v for k, v in spec["map"].items()}
    for digits in spec["digits"]:
        for i, ch in enumerate(digits):
            table[ord(ch)] = str(i)
    for ch in spec["spaces"]:
        table[ord(ch)] = " "
    for c in range(ord("A"), ord("Z") + 1):
        table[c] = chr(c + 32)
    ranges = "".join(f"{re.escape(a)}-{re.escape(b)}" for a, b in spec["delete_ranges"])
    nfkc = "".join(f"{re.escape(a)}-{re.escape(b)}" for a, b in spec["nfkc_ranges"])
    chars = {chr(k): v for k, v in table.items()}
    return _Tables(table, chars, re.compile(f"[{ranges}]+"), re.compile(f"[{nfkc}]"))


def _map_chars(text: str, t: _Tables) -> str:
    """Apply the one-to-one map.  A page uses few of the mapped characters, so replacing just those
    (each a fast C scan) beats ``str.translate``, which looks every character up in a dict."""
    if len(text) < 200:
        return text.translate(t.translate)
    for ch in set(text).intersection(t.chars):
        text = text.replace(ch, t.chars[ch])
    return text


class NormText:
    """A normalized string plus the map from its offsets to the original's."""

    __slots__ = ("orig", "text", "_breaks", "_index")

    def __init__(self, orig: str, text: str, breaks: list[int] | None, index: list[int] | None):
        self.orig = orig
        self.text = text
        self._breaks = breaks  # fast path: norm positions where the shift grows by one
        self._index = index  # slow path: explicit original index of every normalized char (+ end)

    def to_orig(self, i: int) -> int:
        """Original offset of normalized offset ``i`` (0 <= i <= len(text))."""
        if self._index is not None:
            return self._index[i]
        if not self._breaks:
            return i
        return i + bisect_right(self._breaks, i)

    def span_to_orig(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalized span.

        The end maps to the original offset of the next kept character, so marks that were deleted
        after the span's last letter (diacritics, tatweel) stay inside it.
        """
        if end <= start:
            o = self.to_orig(start)
            return o, o
        return self.to_orig(start), self.to_orig(end)

    def spans_to_orig(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Many spans at once (the fast path of tokenization)."""
        if self._index is not None:
            idx = self._index
            return [(idx[s], idx[e]) for s, e in spans]
        br = self._breaks
        if not br:
            return spans
        return [(s + bisect_right(br, s), e + bisect_right(br, e)) for s, e in spans]


def normalize(text: str) -> NormText:
    """Normalize ``text`` for matching and keep the offset map back to it."""
    t = _tables()
    if t.nfkc_re.search(text):
        return _normalize_slow(text, t)
    mapped = _map_chars(text, t)
    breaks: list[int] = []
    if t.delete_re.search(mapped):
        pieces: list[str] = []
        pos = 0
        deleted = 0
        for m in t.delete_re.finditer(mapped):
            pieces.append(mapped[pos : m.start()])
            for d in range(m.start(), m.end()):
                breaks.append(d - deleted)
                deleted += 1
            pos = m.end()
        pieces.append(mapped[pos:])
        mapped = "".join(pieces)
    return NormText(text, mapped, breaks, None)


def _normalize_slow(text: str, t: _Tables) -> NormText:
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if t.nfkc_re.match(ch):
            piece = unicodedata.normalize("NFKC", ch)
        else:
            piece = ch
        for c in piece:
            c = c.translate(t.translate)
            if t.delete_re.match(c):
                continue
            for cc in c:
                out.append(cc)
                index.append(i)
    index.append(len(text))
    return NormText(text, "".join(out), None, index)


def normalize_key(text: str) -> str:
    """The normalized form of a short string (a name, a cue) with spaces collapsed."""
    return " ".join(normalize(text).text.split())
