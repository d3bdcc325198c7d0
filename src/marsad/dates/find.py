"""Finding date expressions in a stretch of text and resolving them against the publication date.

The text is normalized once (``marsad.text.normalize``).  An Aho-Corasick pass finds the trigger words
(digits, month, weekday and relative-day names) that every date holds; the one pattern of
:mod:`marsad.dates.lexicon` is then tried only at the few word starts just before each trigger, so text
without dates costs little more than its normalization.  Each branch of the pattern has a small resolver
below.  Offsets are mapped back to the original text: ``text[d.start:d.end] == d.text`` for every result.

Rules: ``explicit``, ``hijri``, ``relative_weekday``, ``relative_day`` (اليوم، أمس، غدا …),
``relative_week`` (الأسبوع الماضي → ``YYYY-MM`` of the day a week away) and ``relative_month`` (الشهر
الماضي → ``YYYY-MM``; also the year units, العام الماضي → ``YYYY``).  ``span`` is the rule of :func:`find_spans` only: a
stretch of time that names no day ("خلال الساعات الـ48 الأخيرة"), without a value.

Direction of an expression that has no year (a weekday, "30 أبريل", "في مايو"): the latest one on or
before the reference date, unless the expression says otherwise (الماضي: strictly before; المقبل /
القادم: strictly after) or the clause is about the future.  ``future_hint`` of :func:`find_dates` sets
the latter: ``True`` (the caller knows the clause is future), ``False`` (it knows it is not), ``None``
(default: look for a future cue — سوف, من المقرر, or a verb with the future prefix س such as سيلتقي /
ستعقد — earlier in the same clause).  A future clause puts a weekday strictly after the reference and a
day or month on or after it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from marsad.dates import resolve as R
from marsad.dates.lexicon import Lexicon, lexicon
from marsad.text import NormText, normalize

RULES = ("explicit", "relative_weekday", "relative_day", "relative_week", "relative_month", "hijri", "span")
TENSES = ("past", "future", "present", "unknown")


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression: offsets into the original text, its resolved value and how it was read."""

    start: int
    end: int
    text: str
    value: str | None  # YYYY-MM-DD | YYYY-MM | YYYY | --MM-DD | None
    rule: str  # one of RULES
    tense: str  # one of TENSES


@dataclass(frozen=True, slots=True)
class _Hit:
    """What a branch resolver returns: a normalized span and the reading."""

    nstart: int
    nend: int
    value: str | None
    rule: str
    tense: str


@dataclass(slots=True)
class _Ctx:
    norm: str
    ref: dt.date | None
    future_hint: bool | None
    lex: Lexicon

    def future(self, pos: int) -> bool:
        if self.future_hint is not None:
            return self.future_hint
        return _future_clause(self.norm, pos, self.lex)


_BOUNDARY_RE = re.compile(r"[.!?؟;؛\n]")
_WORD_RE = re.compile(r"\w+")


def _future_clause(norm: str, pos: int, lex: Lexicon) -> bool:
    """A future cue between the start of the clause and ``pos`` (at most 80 characters back)."""
    lo = max(0, pos - 80)
    window = norm[lo:pos]
    cut = 0
    for m in _BOUNDARY_RE.finditer(window):
        cut = m.end()
    window = window[cut:]
    padded = f" {window} "
    for brk in lex.clause_breaks:
        i = padded.rfind(f" {brk} ")
        if i >= 0:
            padded = padded[i + len(brk) + 1 :]
    words = _WORD_RE.findall(padded)
    bare = [w[1:] if w[0] in "وف" and len(w) > 3 else w for w in words]  # "وسوف" -> "سوف"
    joined = f" {' '.join(words)} {' '.join(bare)} "
    if any(f" {cue} " in joined for cue in lex.future_cues):
        return True
    for w in bare:
        if len(w) >= 4 and w[:2] in ("سي", "ست", "سن") and w not in lex.future_prefix_not:
            return True
    return False


def _prev_word(norm: str, pos: int) -> str:
    m = re.search(r"(\w+)\W*$", norm[max(0, pos - 40) : pos])
    return m.group(1) if m else ""


def _next_word(norm: str, pos: int) -> str:
    m = re.match(r"\W*(\w+)", norm[pos : pos + 40])
    return m.group(1) if m else ""


def _tense_of(ctx: _Ctx, word: str | None) -> str | None:
    return ctx.lex.tense.get(" ".join(word.split())) if word else None


def _day(m: re.Match[str], t: str, lex: Lexicon) -> int | None:
    dn = m.group(f"{t}_dn")
    if dn:
        return int(dn)
    do = m.group(f"{t}_do")
    return lex.ordinals.get(" ".join(do.split())) if do else None


def _month(m: re.Match[str], t: str, lex: Lexicon) -> int:
    key = " ".join(m.group(f"{t}_m").split())
    return lex.months.get(key) or lex.short_months[key]


def _rel_year(m: re.Match[str], t: str, ctx: _Ctx) -> tuple[bool, int | None, str]:
    """("من هذا العام" / "من العام الماضي") -> (present?, year or None, tense)."""
    if m.group(f"{t}_rdet"):
        tense = "present"
    elif m.group(f"{t}_rt"):
        tense = _tense_of(ctx, m.group(f"{t}_rt")) or "unknown"
    else:
        return False, None, "unknown"
    if ctx.ref is None:
        return True, None, tense
    delta = {"past": -1, "future": 1}.get(tense, 0)
    return True, ctx.ref.year + delta, tense


def _direction(tense: str | None, future: bool, strict_future: bool) -> str:
    if tense == "past":
        return R.PAST
    if tense == "future":
        return R.FUTURE
    if future:
        return R.FUTURE if strict_future else R.ON_OR_AFTER
    return R.ON_OR_BEFORE


# ---- branch resolvers -------------------------------------------------------------------------------


def _numeric(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if m.group("n_y1"):
        y, mo, d = int(m.group("n_y1")), int(m.group("n_m1")), int(m.group("n_d1"))
    else:
        y, mo, d = int(m.group("n_y2")), int(m.group("n_m2")), int(m.group("n_d2"))
    if m.group("n_hm"):
        g = R.hijri_to_date(y, mo, d)
        return _Hit(m.start(), m.end(), R.ymd(g) if g else None, "hijri", "unknown")
    if y < 1600:
        return None
    value = R.full_date(y, mo, d)
    if value is None:
        return None
    return _Hit(m.start(), m.end(), value, "explicit", "unknown")


def _hijri(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    lex = ctx.lex
    day = _day(m, "h", lex)
    year = m.group("h_y")
    tense = _tense_of(ctx, m.group("h_t"))
    if not (year or day or m.group("h_sh") or tense):
        return None  # a bare رجب / رمضان is as often a name
    month = lex.hijri_months[" ".join(m.group("h_m").split())]
    if year:
        y = int(year)
        if day:
            g = R.hijri_to_date(y, month, day)
            value = R.ymd(g) if g else None
        else:
            value = R.hijri_month_value(y, month)
        return _Hit(m.start(), m.end(), value, "hijri", tense or "unknown")
    if _prev_word(ctx.norm, m.start()) in lex.not_after:
        return None  # "مدينة العاشر من رمضان"
    value = None
    future = tense is None and ctx.future(m.start())
    if ctx.ref is not None:
        h = R.hijri_of(ctx.ref)
        if h is not None:
            direction = _direction(tense, future, strict_future=False)
            value = _hijri_nearest(h, month, day, direction)
    return _Hit(m.start(), m.end(), value, "hijri", tense or ("future" if future else "unknown"))


def _hijri_nearest(h: tuple[int, int, int], month: int, day: int | None, direction: str) -> str | None:
    hy, hm, hd = h
    here = (month, day or 0)
    now = (hm, hd if day else 0)
    if direction == R.ON_OR_BEFORE:
        y = hy if here <= now else hy - 1
    elif direction == R.PAST:
        y = hy if here < now else hy - 1
    elif direction == R.ON_OR_AFTER:
        y = hy if here >= now else hy + 1
    else:
        y = hy if here > now else hy + 1
    if day:
        g = R.hijri_to_date(y, month, day)
        return R.ymd(g) if g else None
    return R.hijri_month_value(y, month)


def _explicit(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    lex = ctx.lex
    day = _day(m, "x", lex)
    if day is None:
        return None
    month = _month(m, "x", lex)
    tense = _tense_of(ctx, m.group("x_t"))
    if m.group("x_y"):
        return _Hit(
            m.start(), m.end(), R.full_date(int(m.group("x_y")), month, day), "explicit", tense or "unknown"
        )
    has_rel, year, rtense = _rel_year(m, "x", ctx)
    if has_rel:
        value = R.full_date(year, month, day) if year is not None else None
        return _Hit(m.start(), m.end(), value, "explicit", rtense)
    if _prev_word(ctx.norm, m.start()) in lex.not_after:
        return None  # "مدينة السادس من أكتوبر", "شارع 26 يوليو"
    if day > calendar.monthrange(2000, month)[1]:
        return _Hit(m.start(), m.end(), None, "explicit", tense or "unknown")
    future = tense is None and ctx.future(m.start())
    out_tense = tense or ("future" if future else "unknown")
    if ctx.ref is None:
        return _Hit(m.start(), m.end(), f"--{month:02d}-{day:02d}", "explicit", out_tense)
    d = R.day_month_date(ctx.ref, month, day, _direction(tense, future, strict_future=False))
    return _Hit(m.start(), m.end(), R.ymd(d) if d else None, "explicit", out_tense)


def _month_day_year(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    month = _month(m, "y", ctx.lex)
    value = R.full_date(int(m.group("y_y")), month, int(m.group("y_dn")))
    return _Hit(m.start(), m.end(), value, "explicit", "unknown")


def _month_only(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    lex = ctx.lex
    month = _month(m, "m", lex)
    s, e = m.span("m_core")
    if m.group("m_y"):
        return _Hit(s, e, R.ym(int(m.group("m_y")), month), "explicit", "unknown")
    has_rel, year, rtense = _rel_year(m, "m", ctx)
    if has_rel:
        return _Hit(s, e, R.ym(year, month) if year is not None else None, "explicit", rtense)
    tense = _tense_of(ctx, m.group("m_t"))
    if tense is None:
        name = " ".join(m.group("m_m").split())
        if not m.group("m_sh") and (not m.group("m_cue") or name in lex.ambiguous_months):
            return None  # "مارس ضغوطا", "آب" alone: not a month
    future = tense is None and ctx.future(s)
    out_tense = tense or ("future" if future else "unknown")
    if ctx.ref is None:
        return _Hit(s, e, None, "explicit", out_tense)
    if tense == "present":
        year = ctx.ref.year
    else:
        year = R.month_year(ctx.ref, month, _direction(tense, future, strict_future=False))
    return _Hit(s, e, R.ym(year, month), "explicit", out_tense)


def _hijri_year(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    return _Hit(m.start(), m.end(), R.hijri_year_value(int(m.group("hy_y"))), "hijri", "unknown")


def _year_word(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    return _Hit(m.start(), m.end(), m.group("ys_y"), "explicit", "unknown")


def _year_marked(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    return _Hit(m.start(), m.end(), m.group("ym_y"), "explicit", "unknown")


def _year_cued(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    s, e = m.span("yw_core")
    return _Hit(s, e, m.group("yw_core"), "explicit", "unknown")


def _relative_day(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    lex = ctx.lex
    phrase = " ".join(m.group("rd_p").split())
    offset, needs_part = lex.relative_days[phrase]
    if needs_part and not m.group("rd_dp"):
        return None
    if offset == 0 and phrase == "اليوم":
        if not m.group("rd_wd") and _next_word(ctx.norm, m.end()) in lex.today_not_before:
            return None  # "اليوم التالي", "اليوم الوطني"
        if not m.group("rd_dp") and _prev_word(ctx.norm, m.start()) in lex.today_not_after:
            return None  # "ذلك اليوم", "نفس اليوم"
    tense = "past" if offset < 0 else "future" if offset > 0 else "present"
    value = None
    if ctx.ref is not None:
        day = ctx.ref + dt.timedelta(days=offset)
        gloss = m.group("rd_pwd")
        named = lex.weekdays[gloss] if gloss else day.weekday()
        if named != day.weekday():
            # "اليوم (الأربعاء)" in a Thursday story: the editor's gloss of a quoted "today" said the day
            # before; it wins over the arithmetic (a weekday that does not fit "أمس الخميس" does not)
            day = R.weekday_date(ctx.ref, named, R.ON_OR_AFTER if offset > 0 else R.ON_OR_BEFORE)
        value = R.ymd(day)
    return _Hit(m.start(), m.end(), value, "relative_day", tense)


def _relative_unit(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    unit = ctx.lex.units[m.group("u_n1") or m.group("u_n2")]
    tense = "present" if m.group("u_det") else (_tense_of(ctx, m.group("u_t")) or "unknown")
    step = {"past": -1, "future": 1}.get(tense, 0)
    rule = "relative_week" if unit == "week" else "relative_month"
    value = None
    ref = ctx.ref
    start = m.start()
    day = None
    if unit == "month" and not m.group("u_det"):
        # "في الثامن من الشهر الجاري"، "يوم 12 من الشهر الماضي": a day of that month
        back = _day_of_re(ctx.lex).search(ctx.norm, max(0, start - 30), start)
        if back is not None:
            day = int(back.group(1)) if back.group(1) else ctx.lex.ordinals[" ".join(back.group(2).split())]
            start = back.start()
    if ref is not None:
        if unit == "week":
            d = ref + dt.timedelta(days=7 * step)
            value = R.ym(d.year, d.month)
        elif unit == "month":
            year, month = R.add_months(ref.year, ref.month, step)
            value = R.ym(year, month) if day is None else R.full_date(year, month, day)
        else:
            value = f"{ref.year + step:04d}"
    if day is not None:
        rule = "explicit"
    return _Hit(start, m.end(), value, rule, tense)


_DAY_OF: dict[int, re.Pattern[str]] = {}


def _day_of_re(lex: Lexicon) -> re.Pattern[str]:
    """A day of the month before "من" that ends right where a relative month begins ("الثامن من ", "8 من ")."""
    pat = _DAY_OF.get(id(lex))
    if pat is None:
        ords = "|".join(sorted((re.escape(o) for o in lex.ordinals), key=len, reverse=True))
        pat = _DAY_OF[id(lex)] = re.compile(rf"(?<!\w)(?:(\d{{1,2}})|({ords}))\s+من\s+$")
    return pat


def _weekday(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    weekday = ctx.lex.weekdays[m.group("w_n")]
    tense = _tense_of(ctx, m.group("w_t"))
    future = tense is None and ctx.future(m.start())
    out_tense = tense or ("future" if future else "unknown")
    value = None
    if ctx.ref is not None:
        if tense is None and _after_cue(ctx.norm, m.start(), ctx.lex.onward_cues):
            # "بداية من الأربعاء": the nearest Wednesday, before or after the reference
            before = R.weekday_date(ctx.ref, weekday, R.ON_OR_BEFORE)
            after = R.weekday_date(ctx.ref, weekday, R.ON_OR_AFTER)
            value = R.ymd(before if ctx.ref - before < after - ctx.ref else after)
        else:
            # a future clause without المقبل may mean the day itself ("ومن المقرر أن يلتقي في وقت لاحق
            # الأربعاء" in a Wednesday story): on or after the reference
            value = R.ymd(R.weekday_date(ctx.ref, weekday, _direction(tense, future, strict_future=False)))
    return _Hit(m.start(), m.end(), value, "relative_weekday", out_tense)


def _after_cue(norm: str, pos: int, cues: tuple[str, ...]) -> bool:
    """One of ``cues`` (normalized phrases) ends right before ``pos``."""
    before = " " + " ".join(norm[max(0, pos - 30) : pos].split())
    return any(before.endswith(" " + c) for c in cues)


# branches that take only a conjunction (و ف) before them
_CONJ_ONLY = frozenset({"RD"})

_RESOLVERS: dict[str, Callable[[re.Match[str], _Ctx], _Hit | None]] = {
    "N": _numeric,
    "H": _hijri,
    "X": _explicit,
    "Y": _month_day_year,
    "M": _month_only,
    "HY": _hijri_year,
    "YS": _year_word,
    "YM": _year_marked,
    "YW": _year_cued,
    "RD": _relative_day,
    "U": _relative_unit,
    "W": _weekday,
}


def find_dates(
    text: str,
    start: int = 0,
    end: int | None = None,
    ref: dt.date | None = None,
    *,
    future_hint: bool | None = None,
    spans: bool = False,
) -> list[DateExpr]:
    """Every date expression in ``text[start:end]``, resolved against ``ref`` (the publication date).

    Offsets are into ``text``.  ``future_hint``: see the module docstring (None = detect from the clause).
    ``spans``: also the stretches of time that name no day (:func:`find_spans`), after the dates, from the
    same normalized text.
    """
    end = len(text) if end is None else end
    if end <= start:
        return []
    lex = lexicon()
    nt = normalize(text[start:end])
    ctx = _Ctx(nt.text, ref, future_hint, lex)
    norm = nt.text
    out: list[DateExpr] = []
    last_end = 0
    for ts in _triggers(norm, lex):
        if ts < last_end:
            continue
        for p in _starts(norm, max(last_end, ts - _BEFORE), ts, lex.starters):
            m = lex.pattern.match(norm, p, min(len(norm), ts + _AFTER))
            if m is None or m.end() <= ts:
                continue
            branch = m.lastgroup or ""
            clitic = m.group("cl")
            if clitic and branch in _CONJ_ONLY and clitic not in ("و", "ف"):
                continue  # "لامس" is a verb, "بامس الحاجه" an idiom
            hit = _RESOLVERS[branch](m, ctx)
            if hit is None:
                continue
            nstart = max(hit.nstart, m.end("cl")) if clitic else hit.nstart
            s, e = nt.span_to_orig(nstart, hit.nend)
            s, e = s + start, e + start
            out.append(DateExpr(s, e, text[s:e], hit.value, hit.rule, hit.tense))
            last_end = m.end()
            break
    out = _joined(out, text, lex) if len(out) > 1 else out
    return out + _spans(nt, text, start, lex) if spans else out


def find_spans(text: str, start: int = 0, end: int | None = None) -> list[DateExpr]:
    """Stretches of time that name no day ("خلال الساعات الـ48 الأخيرة", "منذ أيام") in ``text[start:end]``:
    expressions without a value (rule ``span``), for a caller that weighs them against the days of a
    sentence.  ``find_dates`` does not return them."""
    end = len(text) if end is None else end
    if end <= start:
        return []
    return _spans(normalize(text[start:end]), text, start, lexicon())


def _spans(nt: NormText, text: str, start: int, lex: Lexicon) -> list[DateExpr]:
    """The stretches of time in a normalized slice ``nt`` of ``text`` that starts at ``start``."""
    out = []
    for m in lex.span_pattern.finditer(nt.text):
        s, e = nt.span_to_orig(m.start(), m.end())
        s, e = s + start, e + start
        out.append(DateExpr(s, e, text[s:e], None, "span", "unknown"))
    return out


_OVERNIGHT_GAP_RE = re.compile(r"\s*(?:[-–/]|و)?\s*")
_ALTERNATIVE_GAP_RE = re.compile(r"\s*(?:او|أو)\s+(?:\w+\s+)?")


def _night(norm: str, parts: frozenset[str]) -> bool:
    words = norm.split()
    return words[0] in parts or " ".join(words[:2]) in parts


@lru_cache(maxsize=4096)
def one_night(date_text: str | None) -> bool:
    """A date told as the night of one day ("ليل الأربعاء", "ليلة الخميس", "منتصف ليل السبت"): writers mean
    the night after that day or the night before it, so the act may be on either neighbouring day.  (An
    overnight span, "ليل الثلاثاء الأربعاء", names its second day and is no such date.)"""
    if not date_text:
        return False
    parts = lexicon().night_parts
    words = normalize(date_text).text.split()
    for n in (2, 1):
        if len(words) == n + 1 and " ".join(words[:n]) in parts:
            return True
    return False


def _joined(out: list[DateExpr], text: str, lex: Lexicon) -> list[DateExpr]:
    """Adjacent expressions that are one statement of time:

    - an overnight span, "ليل الثلاثاء الأربعاء" / "ليل أمس وفجر اليوم": one expression, the second day;
    - alternatives, "هذا الشهر أو في حزيران المقبل": one expression without a value (the text does not
      say which).
    """
    res: list[DateExpr] = [out[0]]
    for d in out[1:]:
        a = res[-1]
        gap = text[a.end : d.start]
        joined: DateExpr | None = None
        if _OVERNIGHT_GAP_RE.fullmatch(gap) and a.value and d.value and len(a.value) == len(d.value) == 10 \
                and _night(normalize(a.text).text, lex.night_parts):
            if dt.date.fromisoformat(d.value) - dt.date.fromisoformat(a.value) == dt.timedelta(days=1):
                joined = DateExpr(a.start, d.end, text[a.start : d.end], d.value, d.rule, d.tense)
        elif _ALTERNATIVE_GAP_RE.fullmatch(normalize(gap).text) and len(gap) <= 20:
            joined = DateExpr(a.start, d.end, text[a.start : d.end], None, a.rule, a.tense)
        if joined is not None:
            res[-1] = joined
        else:
            res.append(d)
    return res


# How far an expression reaches before and after its trigger word ("مساء يوم الأحد الموافق 24 ...",
# "... كانون الأول/ديسمبر من العام الماضي"), in characters and in words before it.
_BEFORE = 60
_AFTER = 90
_MAX_WORDS_BEFORE = 6
_CLITICS = "وفبل"
_WORD_BEFORE_RE = re.compile(r"\b\w+")


def _triggers(norm: str, lex: Lexicon) -> list[int]:
    """Start offsets of the trigger words of ``norm`` (a date holds at least one), in order."""
    n = len(norm)
    out: set[int] = set()
    for last, length in lex.triggers.iter(norm):
        e = last + 1
        s = e - length
        if norm[s].isdigit():
            if s > 0 and norm[s - 1].isdigit():
                continue
        else:
            if e < n and norm[e].isalnum():
                continue
            k = s
            while k > 0 and s - k < 2 and norm[k - 1] in _CLITICS:
                k -= 1
            if k > 0 and norm[k - 1].isalnum():
                continue
            s = k  # the word starts at its proclitic
        out.add(s)
    return sorted(out)


def _starts(norm: str, lo: int, ts: int, starters: frozenset[str]) -> list[int]:
    """Word starts from which an expression holding the trigger at ``ts`` may begin, leftmost first:
    the trigger itself and the few words before it that may open an expression (a cue, a day part …)."""
    out = []
    for m in _WORD_BEFORE_RE.finditer(norm, lo, ts):
        w = m.group()
        if w in starters or w[1:] in starters or w[2:] in starters or w[:2] == "ال" and w[2:3].isdigit():
            out.append(m.start())
    out = out[-_MAX_WORDS_BEFORE:]
    out.append(ts)
    return out
