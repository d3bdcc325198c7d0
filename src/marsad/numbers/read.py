"""Reading numbers in normalized Arabic text: digits, number words, scales, vague plurals, approximators.

Works on the output of :func:`marsad.text.normalize` (ASCII digits, bare alef, ه for ة, no
diacritics), so a number is read the same whatever its spelling.  One compiled regex finds the
candidate tokens (digit runs and number words, with their clitics); adjacent tokens are then read
as one number by a small grammar:

    number := group ("و" smaller-group)* ["و" fraction | "و" نيف]
    group  := (digits | words-below-1000 | vague | fraction) [scale] | scale | dual-scale
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from marsad.numbers import lexicon as lx
from marsad.numbers.lexicon import NumberLexicon, number_lexicon, phrase_regex
from marsad.numbers.trie import trie_regex
from marsad.text import CLITIC_PREFIXES

DIGITS = "digits"
_LETTER = "\u0621-\u064a"  # tatweel (U+0640) included
_DIGITS = r"[0-9]+(?:[.,][0-9]+)*(?![0-9]|[/:\-][0-9])"
_ONE = Decimal(1)


@dataclass(slots=True)
class RawNumber:
    """A number found in normalized text; offsets are into that text."""

    start: int  # with a leading approximator
    end: int  # with a trailing approximator
    num_start: int  # the number proper
    num_end: int
    value: Decimal
    approx: str
    vague: bool


@dataclass(slots=True)
class _Tok:
    kind: str
    value: Decimal
    mstart: int  # with the clitic prefix
    start: int
    end: int
    conj: bool  # joined to the previous token by و
    attached: bool  # only white space (and و) since the previous token


@dataclass(frozen=True, slots=True)
class _Machine:
    lex: NumberLexicon
    token_re: re.Pattern[str]
    scale_next_re: re.Pattern[str]  # a scale word right after (a definite "الـ2,17" before "مليار")
    before_re: re.Pattern[str]
    after_re: re.Pattern[str]
    approx_of: dict[str, str]
    ordinal_head_re: re.Pattern[str]  # "الحادي " right before "عشر": an ordinal, no number


@cache
def _machine() -> _Machine:
    lex = number_lexicon()
    prefixes = trie_regex(CLITIC_PREFIXES)
    plain_prefixes = trie_regex(p for p in CLITIC_PREFIXES if not p.endswith("ال") and "لل" not in p)
    # digits may be glued to the Arabic word before them, a space lost in scraping ("بقيمة1,3 مليار"):
    # the last branch reads them (the word, possessive, is never re-read); see _tokens for a glued article
    token = (
        rf"(?<![A-Za-z0-9{_LETTER}])"
        rf"(?:(?P<pre>{prefixes})??(?P<w>{lex.words_re})(?![0-9{_LETTER}])"
        rf"|(?<![/:+\-])(?P<dpre>{plain_prefixes})?(?P<d>{_DIGITS})"
        rf"|(?P<gw>[{_LETTER}]++)(?P<g>{_DIGITS}))"
    )
    scales = trie_regex(w for w, v in lex.words.items() if v.kind in (lx.SCALE, lx.SCALE_PLURAL, lx.SCALE_ACC))
    scale_next = rf"[ \t\u00a0]*(?:{scales})(?![{_LETTER}])"
    approx_of = dict(lex.approx_before) | dict(lex.approx_after)
    before = (
        rf"(?<![0-9{_LETTER}])(?:{plain_prefixes})?"
        rf"(?P<a>{phrase_regex([p for p, _ in lex.approx_before])})[ \t\u00a0]*\Z"
    )
    after = rf"[ \t\u00a0]*(?P<a>{phrase_regex([p for p, _ in lex.approx_after])})(?![0-9{_LETTER}])"
    heads = {p.split()[0] for p in lex.ordinals if len(p.split()) == 2 and lex.words.get(p.split()[1]) is not None}
    heads |= {h + "ه" for h in heads}  # the feminine "الحادية عشرة"
    ordinal_head = rf"(?<![{_LETTER}])(?:{trie_regex(heads)})[ \t\u00a0]+\Z"
    return _Machine(lex, re.compile(token), re.compile(scale_next), re.compile(before), re.compile(after),
                    approx_of, re.compile(ordinal_head))


_GAP_RE = re.compile(r"[ \t\u00a0]*(?:(و)[ \t\u00a0]+)?")
_THOUSANDS_RE = re.compile(r"[0-9]{1,3}(?:([,.])[0-9]{3})+")


def digits_value(s: str, before_scale: bool = False) -> Decimal:
    """The value of a digit string with thousands separators or a decimal point.

    ``1,500`` and ``1.500.000`` are thousands; ``1.5`` and ``2,5`` are decimals; a lone ``1.500`` is
    read as fifteen hundred unless a scale word follows (``1.500 مليون`` = 1.5 million).
    """
    m = _THOUSANDS_RE.fullmatch(s)
    if m:
        sep = m.group(1)
        if not (sep == "." and s.count(".") == 1 and before_scale):
            return Decimal(s.replace(sep, ""))
    if "," in s and "." in s:  # 1,234.5 or 1.234,5: the last one is the decimal point
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif "," in s:
        head, _, tail = s.rpartition(",")
        s = head.replace(",", "") + "." + tail
    if s.count(".") > 1:
        head, _, tail = s.rpartition(".")
        s = head.replace(".", "") + "." + tail
    return Decimal(s)


def _tokens(text: str, lo: int, hi: int) -> list[_Tok]:
    m_ = _machine()
    words = m_.lex.words
    out: list[_Tok] = []
    prev_end = -1
    label_end = -1  # end of a definite number word read as no number ("الخمسة" of "الخمسة عشر")
    for m in m_.token_re.finditer(text, lo, hi):
        mstart = m.start()
        if m.group("w") is not None:
            word = words[m.group("w")]
            pre = m.group("pre") or ""
            definite = pre.endswith("ال") or "لل" in pre
            if definite and word.kind not in m_.lex.article_kinds and not (
                pre.endswith("ال") and m_.scale_next_re.match(text, m.end("w"), hi)  # "المئة مليار"
            ):
                prev_end = -1
                label_end = m.end("w")
                continue
            if not pre and word.kind == lx.UNIT and word.value == 10:
                if label_end >= 0 and _GAP_RE.match(text, label_end, mstart).end() == mstart:
                    label_end = -1  # "الخمسة عشر": a definite teen
                    continue
                if m_.ordinal_head_re.search(text, max(lo, mstart - 20), mstart):
                    continue  # "الحادي عشر من سبتمبر": an ordinal
            label_end = -1
            kind, value, start, end = word.kind, word.value, m.start("w"), m.end("w")
            if pre.endswith("ال"):  # the article belongs to the number: "الآلاف", "المئة مليار"
                start -= 2
        elif m.group("d") is not None:
            pre = m.group("dpre") or ""
            kind, value, start, end = DIGITS, Decimal(0), m.start("d"), m.end("d")
        else:  # glued: to the article or a tatweel ("الـ24 ساعة") a label, unless a scale follows
            gw, mstart, end = m.group("gw"), m.start("g"), m.end("g")
            if gw.endswith(("ال", "\u0640")) and not m_.scale_next_re.match(text, end, hi):
                prev_end = -1
                continue
            pre, kind, value, start = "", DIGITS, Decimal(0), mstart
        attached = conj = False
        if prev_end >= 0:
            g = _GAP_RE.match(text, prev_end, mstart)
            if g and g.end() == mstart:
                conj = bool(g.group(1))
                if pre.startswith("و") and not conj:
                    conj, pre = True, pre[1:]
                attached = pre == "" or (pre == "ال" and kind in m_.lex.article_kinds)
        out.append(_Tok(kind, value, mstart, start, end, conj, attached))
        prev_end = end
    # digits: value depends on whether a scale follows
    for i, t in enumerate(out):
        if t.kind == DIGITS:
            nxt = out[i + 1] if i + 1 < len(out) else None
            scales = (lx.SCALE, lx.SCALE_PLURAL, lx.SCALE_ACC)
            before_scale = bool(nxt and nxt.attached and not nxt.conj and nxt.kind in scales)
            t.value = digits_value(text[t.start : t.end], before_scale)
    return out


class _Run:
    """A run of attached tokens and the grammar over it."""

    __slots__ = ("toks",)

    def __init__(self, toks: list[_Tok]):
        self.toks = toks

    def at(self, k: int, conj: bool | None = None) -> _Tok | None:
        if k < len(self.toks) and (conj is None or self.toks[k].conj == conj):
            return self.toks[k]
        return None

    def below_hundred(self, i: int, conj: bool) -> tuple[Decimal, int] | None:
        t = self.at(i, conj)
        if t is None:
            return None
        if t.kind == lx.TEN:
            return t.value, i + 1
        if t.kind in (lx.UNIT, lx.TEEN_UNIT):
            u = self.at(i + 1, False)
            if u and u.kind == lx.UNIT and u.value == 10 and (t.kind == lx.TEEN_UNIT or 2 <= t.value <= 9):
                return 10 + t.value, i + 2
            if t.kind == lx.TEEN_UNIT:
                return None
            w = self.at(i + 1, True)
            if w and w.kind == lx.TEN and t.value <= 9:
                return t.value + w.value, i + 2
            return t.value, i + 1
        if t.kind == DIGITS and conj and t.value < 100:
            return t.value, i + 1
        return None

    def below_thousand(self, i: int) -> tuple[Decimal, int] | None:
        t = self.toks[i]
        h = self.at(i + 1, False)
        if t.kind == lx.HUNDRED:
            v, k = t.value, i + 1
        elif t.kind == lx.UNIT and 3 <= t.value <= 9 and h and h.kind == lx.HUNDRED and h.value == 100:
            v, k = t.value * 100, i + 2
        else:
            return self.below_hundred(i, t.conj)
        rest = self.below_hundred(k, True)
        if rest:
            v, k = v + rest[0], rest[1]
        return v, k

    def group(self, i: int) -> tuple[Decimal, Decimal, bool, int] | None:
        """(value, scale, vague, next index) of the group at ``i``."""
        t = self.toks[i]
        vague = False
        if t.kind == DIGITS:
            base, k = t.value, i + 1
        elif t.kind == lx.SCALE:
            return t.value, t.value, False, i + 1
        elif t.kind in (lx.SCALE_DUAL, lx.SCALE_ACC):  # "ألفين", "ألفا شخص"
            return 2 * t.value, t.value, False, i + 1
        elif t.kind == lx.SCALE_PLURAL:
            return t.value, t.value, True, i + 1
        elif t.kind in (lx.VAGUE, lx.FRACTION):
            base, k, vague = t.value, i + 1, t.kind == lx.VAGUE
        elif t.kind in (lx.UNIT, lx.TEEN_UNIT, lx.TEN, lx.HUNDRED):
            r = self.below_thousand(i)
            if r is None:
                return None
            base, k = r
        else:
            return None
        s = self.at(k, False)
        if s and s.kind in (lx.SCALE, lx.SCALE_PLURAL, lx.SCALE_ACC):
            return base * s.value, s.value, vague, k + 1
        if t.kind == lx.FRACTION:
            return None
        return base, _ONE, vague, k

    def number(self, i: int) -> tuple[Decimal, bool, bool, int] | None:
        """(value, vague, more_than, next index) of the longest number at ``i``."""
        g = self.group(i)
        if g is None:
            return None
        total, last_scale, vague, j = g
        more = False
        while j < len(self.toks) and self.toks[j].conj:
            t = self.toks[j]
            nxt = self.at(j + 1, False)
            if t.kind == lx.FRACTION and last_scale > 1 and not (nxt and nxt.kind == lx.SCALE):
                total += t.value * last_scale
                j += 1
                break
            if t.kind == lx.MORE_SUFFIX:
                more = True
                j += 1
                break
            if last_scale <= 1:
                break
            g = self.group(j)
            if g is None or g[0] >= last_scale or g[2]:
                break
            total += g[0]
            last_scale, j = g[1], g[3]
        return total, vague, more, j


def scan(text: str, lo: int = 0, hi: int | None = None) -> list[RawNumber]:
    """Every number in normalized ``text[lo:hi]``, in order."""
    hi = len(text) if hi is None else hi
    toks = _tokens(text, lo, hi)
    if not toks:
        return []
    m_ = _machine()
    runs: list[list[_Tok]] = []
    for t in toks:
        if runs and t.attached:
            runs[-1].append(t)
        else:
            runs.append([t])
    out: list[RawNumber] = []
    for run_toks in runs:
        run = _Run(run_toks)
        i = 0
        while i < len(run_toks):
            r = run.number(i)
            if r is None:
                i += 1
                continue
            value, vague, more, j = r
            first, last = run_toks[i], run_toks[j - 1]
            start, end = first.start, last.end
            approx = "more_than" if more else "exact"
            b = m_.before_re.search(text, max(lo, first.mstart - 40), first.mstart)
            if b:
                start = b.start("a")
                approx = m_.approx_of[" ".join(b.group("a").split())]
            a = m_.after_re.match(text, end, min(hi, end + 40))
            if a:
                end = a.end("a")
                if approx == "exact":
                    approx = m_.approx_of[" ".join(a.group("a").split())]
            if vague:
                approx = "at_least"
            out.append(RawNumber(start, end, first.start, last.end, value, approx, vague))
            i = j
    return out


def approx_after(text: str, pos: int) -> tuple[str, int] | None:
    """(approx, end) of an approximator such as "على الأقل" right at normalized ``pos``."""
    m_ = _machine()
    a = m_.after_re.match(text, pos, min(len(text), pos + 40))
    if a:
        return m_.approx_of[" ".join(a.group("a").split())], a.end("a")
    return None


def as_number(value: Decimal) -> int | float:
    """An exact Decimal as int when whole, else float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
