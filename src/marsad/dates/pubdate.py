"""The publication date stated in a page header.

A header line counts when it starts with a cue (تاريخ النشر، نشر في، آخر تحديث …, ``pub_date`` in
``dates.yaml``) followed closely by a full date, or when it — or one of its ``|``/``-``-separated parts —
holds nothing but a full date, a weekday, a time and such words as الساعة / GMT.  A date inside a
sentence of the body never counts.  Publication cues beat a bare date line, which beats an update cue;
then the earliest line wins.  Within a line a Gregorian date beats the Hijri one beside it.
"""

from __future__ import annotations

import re
from functools import cache

from marsad.dates.find import DateExpr, find_dates
from marsad.dates.lexicon import lexicon, norm_list
from marsad.text import normalize

_FULL_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LINE_RE = re.compile(r"[^\n]+")
_SEGMENT_SEP_RE = re.compile(r"\s+[-–—]\s+|[|•·]")
_TIME_RE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?|[+-]\d{1,2}:?\d{2}")
_WORD_RE = re.compile(r"[^\W\d_]+")


@cache
def _cues() -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
    pub = lexicon().pub
    publish = tuple(sorted(norm_list(pub["publish_cues"]), key=len, reverse=True))
    update = tuple(sorted(norm_list(pub["update_cues"]), key=len, reverse=True))
    noise = frozenset(norm_list(pub["noise"])) | frozenset(lexicon().weekdays)
    return publish, update, noise


def _full(d: DateExpr) -> bool:
    return d.value is not None and d.rule in ("explicit", "hijri") and bool(_FULL_RE.fullmatch(d.value))


def _best(dates: list[DateExpr]) -> DateExpr | None:
    for d in dates:
        if d.rule == "explicit":
            return d
    return dates[0] if dates else None


def _cue_date(text: str, ls: int, le: int, cues: tuple[str, ...], dates: list[DateExpr]) -> DateExpr | None:
    """The date after a cue that starts the line."""
    pub = lexicon().pub
    nt = normalize(text[ls:le])
    head = nt.text[: int(pub["cue_max_offset"]) + 30]
    for cue in cues:
        i = head.find(cue)
        if i < 0 or i > int(pub["cue_max_offset"]):
            continue
        if (i > 0 and head[i - 1].isalnum()) or (i + len(cue) < len(head) and head[i + len(cue)].isalpha()):
            continue
        after = ls + nt.to_orig(i + len(cue))
        # a date may take the cue's last word as its own ("نشر يوم الثلاثاء، 8 مايو": "يوم الثلاثاء …")
        near = [d for d in dates if d.end > after and d.start >= ls + nt.to_orig(i)]
        if near and near[0].start - after <= int(pub["cue_max_gap"]):
            return _best(near)
    return None


def _bare(text: str, s: int, e: int, dates: list[DateExpr], noise: frozenset[str]) -> bool:
    """The stretch holds nothing but dates, times and noise words."""
    inside = [d for d in dates if d.start >= s and d.end <= e]
    if not any(_full(d) for d in inside):
        return False
    parts, pos = [], s
    for d in inside:
        parts.append(text[pos : d.start])
        pos = d.end
    parts.append(text[pos:e])
    rest = normalize(" ".join(parts)).text
    rest = _TIME_RE.sub(" ", rest)
    if any(ch.isdigit() for ch in rest):
        return False
    return all(w in noise for w in _WORD_RE.findall(rest))


def _bare_dates(
    text: str, ls: int, le: int, dates: list[DateExpr], full: list[DateExpr], noise: frozenset[str]
) -> list[DateExpr]:
    """The full dates of a line, or of one of its parts, that holds nothing but a date."""
    if _bare(text, ls, le, dates, noise):
        return full
    for s, e in _segments(text, ls, le):
        inside = [d for d in full if s <= d.start and d.end <= e]
        if inside and _bare(text, s, e, dates, noise):
            return inside
    return []


def find_pub_date(text: str, start: int = 0, end: int | None = None) -> DateExpr | None:
    """The publication date (a full date, value ``YYYY-MM-DD``) stated in the header ``text[start:end]``."""
    end = len(text) if end is None else end
    publish, update, noise = _cues()
    best: tuple[int, int, DateExpr] | None = None
    for lm in _LINE_RE.finditer(text, start, end):
        ls, le = lm.span()
        dates = find_dates(text, ls, le)
        full = [d for d in dates if _full(d)]
        if not full:
            continue
        found: tuple[int, DateExpr] | None = None
        d = _cue_date(text, ls, le, publish, full)
        if d is not None:
            found = (0, d)
        else:
            bare = _best(_bare_dates(text, ls, le, dates, full, noise))
            if bare is not None:
                found = (1, bare)
            else:
                d = _cue_date(text, ls, le, update, full)
                if d is not None:
                    found = (2, d)
        if found and (best is None or found[0] < best[0]):
            best = (found[0], ls, found[1])
            if found[0] == 0:
                break
    return best[2] if best else None


def _segments(text: str, ls: int, le: int) -> list[tuple[int, int]]:
    out, pos = [], ls
    for m in _SEGMENT_SEP_RE.finditer(text, ls, le):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, le))
    return out if len(out) > 1 else []


# ---- the publication date of a page, from every source that offers one ------------------------------

# ISO 8601 and its common relatives as markup writes them ("2013-08-28T14:00:00+04:00", "2013/08/28",
# "20130828", "2013-08", "2013"); what follows the date (a time, a zone) is not read.
_ISO_RE = re.compile(r"^\s*(\d{4})(?:([-/.]?)(\d{2})(?:\2(\d{2}))?)?(?![\d])")
# Dates in a page's URL, most precise first.  A day needs year, month and day in one of these shapes;
# ``/2013/08/`` alone is a month.
_URL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("url /YYYY/MM/DD/", re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?=[/_.-]|$)")),
    ("url /YYYY/section/M/D/", re.compile(r"/((?:19|20)\d{2})/[a-z][a-z_-]*/(\d{1,2})/(\d{1,2})/")),
    ("url YYYY-MM-DD", re.compile(r"(?<![\d])((?:19|20)\d{2})[-_](\d{2})[-_](\d{2})(?![\d])")),
    ("url YYYYMMDD", re.compile(r"[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?=[-_./]|$)")),
    ("url /YYYY/MM/", re.compile(r"/((?:19|20)\d{2})/(\d{1,2})(?=/|$)")),
)  # a year alone in a path (``/2045/``) is as often an article number: it is not read
# How far a source is trusted when two give the same precision: the date the page states to its reader
# (found in the text, with its offsets) first, then its publication markup, then a bare <time>, its URL,
# and the name of its file.
SOURCE_RANK = {"given": 0, "text": 1, "markup": 2, "time": 3, "url": 4, "filename": 5}
YEARS = (1900, 2100)


def partial_date(year: str | int, month: str | int | None = None, day: str | int | None = None) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` of a real date, at the precision given; None if not real."""
    import datetime as dt

    try:
        y = int(year)
        if not YEARS[0] <= y <= YEARS[1]:
            return None
        if month is None or month == "":
            return f"{y:04d}"
        m = int(month)
        if not 1 <= m <= 12:
            return None
        if day is None or day == "":
            return f"{y:04d}-{m:02d}"
        d = dt.date(y, m, int(day))
    except (TypeError, ValueError):
        return None
    return d.isoformat()


def iso_date(value: str) -> str | None:
    """The date at the head of a markup value (``2013-08-28T14:00:00Z`` → ``2013-08-28``, ``2013-08`` →
    ``2013-08``), at the precision written; None when it holds no date."""
    m = _ISO_RE.match(value or "")
    if m:
        return partial_date(m.group(1), m.group(3), m.group(4))
    try:  # "Wed, 28 Aug 2013 10:00:00 GMT" (RFC 2822, as some sites write their meta)
        from email.utils import parsedate_tz

        parts = parsedate_tz(value)
    except (TypeError, ValueError, IndexError):
        parts = None
    return partial_date(parts[0], parts[1], parts[2]) if parts else None


def url_dates(url: str | None) -> list[tuple[str, str]]:
    """``(value, pattern)`` of the most precise date the path of ``url`` holds (empty if none).

    >>> url_dates("http://arabic.cnn.com/2013/middle_east/8/3/syria.clashes/index.html")
    [('2013-08-03', 'url /YYYY/section/M/D/')]
    """
    if not url:
        return []
    path = url.split("://", 1)[-1]
    path = path[path.find("/"):] if "/" in path else ""
    path = path.split("?", 1)[0].split("#", 1)[0].lower()
    for name, rx in _URL_PATTERNS:
        matches = list(rx.finditer(path))
        for m in matches:
            value = partial_date(*m.groups())
            if value:
                return [(value, name)]
        if matches:
            return []  # a path shaped like a date that is no real date (/2018/02/30/) gives none
    return []


def _agree(a: str, b: str) -> bool:
    """Two dates agree when they are the same at the precision of the less precise one."""
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def choose_pub_date(candidates: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The ``(value, source)`` to keep among the candidates' ``(value, source)``.

    Candidates are taken in order of trust (:data:`SOURCE_RANK`); one that contradicts a more trusted one
    (a URL day in another month than the page's stated date) is dropped.  Of those left, the most precise
    wins, the more trusted at equal precision.  A value is never made more precise than its source wrote
    it: a year stays ``YYYY``, a month ``YYYY-MM``."""
    ranked = sorted((c for c in candidates if c[0]), key=lambda c: SOURCE_RANK.get(c[1], 9))
    kept: list[tuple[str, str]] = []
    for value, source in ranked:
        if all(_agree(value, k) for k, _ in kept):
            kept.append((value, source))
    if not kept:
        return None
    return max(kept, key=lambda c: (len(c[0]), -SOURCE_RANK.get(c[1], 9)))
