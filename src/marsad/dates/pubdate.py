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
        near = [d for d in dates if d.start >= after]
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
