"""One sentence of a normalized story, cut into words with the lookups every figure rule needs."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import cache
from typing import TypeVar

from marsad.figures.lexicon import FigureLexicon, readings
from marsad.resources import load_yaml

T = TypeVar("T")
_COMMAS = frozenset("،,")
ASIDE_WORDS = 5  # words of an aside between two commas that leaves the clause whole
_TOKEN_RE = re.compile(r"[\u0621-\u064a]+|[0-9]+(?:[.,][0-9]+)*|[^\s\w]")


@cache
def _clause_marks() -> frozenset[str]:
    spec = load_yaml("lexicons", "sentences.yaml")
    return frozenset(spec["clause_sep"]) | frozenset(spec["sentence_end"]) | frozenset("()[]\"«»")


class Sentence:
    """Words of ``text[lo:hi]`` (normalized) with offsets, clause numbers and trigger positions."""

    __slots__ = (
        "text",
        "lo",
        "hi",
        "words",
        "starts",
        "ends",
        "is_punct",
        "clause",
        "_stems",
        "trigger_end",
        "block_numbers",
        "number_starts",
        "skip_back",
        "_lexicon",
        "_months",
        "_cache",
    )

    def __init__(self, text: str, lo: int, hi: int, lexicon: FigureLexicon):
        self.text, self.lo, self.hi = text, lo, hi
        marks = _clause_marks()
        self.words: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.is_punct: list[bool] = []
        self.clause: list[int] = []
        clause = 0
        commas: list[int] = []
        for m in _TOKEN_RE.finditer(text, lo, hi):
            tok = m.group()
            punct = not (tok[0].isalnum())
            if punct and tok in marks:
                clause += 1
                if tok in _COMMAS:
                    commas.append(len(self.words))
            self.words.append(tok)
            self.starts.append(m.start())
            self.ends.append(m.end())
            self.is_punct.append(punct)
            self.clause.append(clause)
        # "اعتقلت الشرطة، السبت، 19 شخصا"، "قتل، بحسب المرصد، 20 شخصا": a short aside between two
        # commas (a day, or a few words with no number and no trigger) does not cut the clause;
        # skip_back[i] is the word before such an aside that ends at word i
        self.skip_back: dict[int, int] = {}
        for a, b in zip(commas, commas[1:], strict=False):
            if a >= 1 and (
                (b == a + 2 and self.words[a + 1] in lexicon.paren_days)
                or (b - a - 1 <= ASIDE_WORDS and self._plain_aside(a + 1, b, lexicon))
            ):
                self.skip_back[b] = a - 1
        if self.skip_back:
            self._renumber_clauses(marks)
        # trigger_end[i] = (kind, first word index, clitic prefix, is a counted noun) of a trigger
        # ending at word i: "مقتل", "أودى بحياة", or a noun such as "الشهداء" in "عدد الشهداء إلى 500"
        self.trigger_end: dict[int, tuple[str, int, str, bool]] = {}
        self._months: set[int] = set()
        self._lexicon = lexicon
        for i, tok in enumerate(self.words):
            if not tok[0].isalpha():
                continue
            for table, is_noun in ((lexicon.before, False), (lexicon.nouns, True)):
                m = table.match(self.words, i)
                if m:
                    if not self.blocked(i):
                        self.trigger_end.setdefault(m[2] - 1, (m[0], i, m[1], is_noun))
                    break
            mm = lexicon.months.match(self.words, i, clitics=False)
            if mm:
                self._months.add(mm[2] - 1)
        self.number_starts: set[int] = set()  # words that start a number
        self.block_numbers: set[int] = set()  # those that are not part of a date
        self._cache: dict[str, object] = {}
        self._stems: set[str] | None = None

    def _plain_aside(self, i: int, j: int, lexicon: FigureLexicon) -> bool:
        """Whether words ``i``..``j-1`` are words only, none a number or a trigger of any table."""
        for k in range(i, j):
            if not self.words[k][0].isalpha() or self.words[k] in lexicon.number_words:
                return False
            if any(t.match(self.words, k) for t in (lexicon.before, lexicon.nouns, lexicon.after)):
                return False
        return True

    def _renumber_clauses(self, marks: frozenset[str]) -> None:
        inside = {k for b, a in self.skip_back.items() for k in (a + 1, b)}
        clause = 0
        for i, tok in enumerate(self.words):
            if self.is_punct[i] and tok in marks and i not in inside:
                clause += 1
            self.clause[i] = clause

    @property
    def stems(self) -> set[str]:
        """Every clitic reading of every word (for context tests such as "is aid spoken of")."""
        if self._stems is None:
            self._stems = {stem for tok in self.words if tok[0].isalpha() for _, stem in readings(tok)}
        return self._stems

    def clause_stems(self, clause: int) -> set[str]:
        """Every clitic reading of the words of one clause."""
        return self.memo(
            f"clause{clause}",
            lambda: {
                stem
                for tok, c in zip(self.words, self.clause, strict=True)
                if c == clause and tok[0].isalpha()
                for _, stem in readings(tok)
            },
        )

    def __len__(self) -> int:
        return len(self.words)

    def index_at(self, pos: int) -> int:
        """Index of the first word starting at or after normalized offset ``pos``."""
        return bisect_left(self.starts, pos)

    def index_of(self, pos: int) -> int:
        """Index of the word that holds normalized offset ``pos`` (or the next word)."""
        i = bisect_right(self.starts, pos) - 1
        return i if i >= 0 and pos < self.ends[i] else i + 1

    def index_before(self, pos: int) -> int:
        """Index of the last word ending at or before ``pos`` (-1 if none)."""
        return bisect_right(self.ends, pos) - 1

    def start_of(self, i: int) -> int:
        return self.starts[i]

    def end_of(self, i: int) -> int:
        return self.ends[min(i, len(self.ends) - 1)]

    def bare(self, i: int) -> str:
        return self.words[i] if 0 <= i < len(self.words) else ""

    def blocked(self, i: int) -> bool:
        """Whether the trigger at word ``i`` is inside a phrase that counts no one ("مذكرات اعتقال",
        "أوقفوا عن"): the phrase starts at ``i`` or at the word before (phrases are of two words)."""
        table = self._lexicon.blocked
        for k in (i - 1, i):
            if k >= 0:
                b = table.match(self.words, k)
                if b and k <= i < b[2]:
                    return True
        return False

    def month_ends_at(self, i: int) -> bool:
        return i in self._months

    def memo(self, key: str, make: Callable[[], T]) -> T:
        """A value computed once per sentence (places, attribution cues)."""
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]  # type: ignore[return-value]
