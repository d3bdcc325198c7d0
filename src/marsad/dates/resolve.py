"""Calendar arithmetic: turning a matched expression and a reference date into a value string.

Values are ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``--MM-DD`` (year unknown).  Direction of an
expression without a year: ``past`` (strictly before the reference), ``future`` (strictly after),
``on_or_before`` (the default reading of news: the latest on or before), ``on_or_after``.
"""

from __future__ import annotations

import calendar
import datetime as dt

PAST = "past"
FUTURE = "future"
ON_OR_BEFORE = "on_or_before"
ON_OR_AFTER = "on_or_after"


def ymd(d: dt.date) -> str:
    return d.isoformat()


def ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def full_date(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD`` of a real calendar day, else None (30 February)."""
    if not (1 <= month <= 12) or not (1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def weekday_date(ref: dt.date, weekday: int, direction: str) -> dt.date:
    """The day of the given weekday (0 = Monday) nearest ``ref`` in ``direction``."""
    back = (ref.weekday() - weekday) % 7
    if direction == ON_OR_BEFORE:
        return ref - dt.timedelta(days=back)
    if direction == PAST:
        return ref - dt.timedelta(days=back or 7)
    ahead = (weekday - ref.weekday()) % 7
    if direction == ON_OR_AFTER:
        return ref + dt.timedelta(days=ahead)
    return ref + dt.timedelta(days=ahead or 7)


def _valid(year: int, month: int, day: int) -> bool:
    return day <= calendar.monthrange(year, month)[1]


def day_month_date(ref: dt.date, month: int, day: int, direction: str) -> dt.date | None:
    """The date with this day and month nearest ``ref`` in ``direction`` (29 February looks up to 8 years)."""
    step = -1 if direction in (PAST, ON_OR_BEFORE) else 1
    year = ref.year
    for _ in range(9):
        if _valid(year, month, day):
            cand = dt.date(year, month, day)
            if (
                (direction == ON_OR_BEFORE and cand <= ref)
                or (direction == PAST and cand < ref)
                or (direction == ON_OR_AFTER and cand >= ref)
                or (direction == FUTURE and cand > ref)
            ):
                return cand
        year += step
    return None


def month_year(ref: dt.date, month: int, direction: str) -> int:
    """The year of the month ``month`` nearest ``ref``'s month in ``direction``."""
    if direction == ON_OR_BEFORE:
        return ref.year if month <= ref.month else ref.year - 1
    if direction == PAST:
        return ref.year if month < ref.month else ref.year - 1
    if direction == ON_OR_AFTER:
        return ref.year if month >= ref.month else ref.year + 1
    return ref.year if month > ref.month else ref.year + 1


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def hijri_to_date(year: int, month: int, day: int) -> dt.date | None:
    """Gregorian date of a Hijri (Umm al-Qura) day, None outside the table or for a bad day."""
    from hijridate import Hijri

    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(g.year, g.month, g.day)


def hijri_month_value(year: int, month: int) -> str | None:
    """``YYYY-MM`` of the Gregorian month holding the middle of a Hijri month."""
    mid = hijri_to_date(year, month, 15)
    return ym(mid.year, mid.month) if mid else None


def hijri_year_value(year: int) -> str | None:
    """``YYYY`` of the Gregorian year holding the middle of a Hijri year."""
    mid = hijri_to_date(year, 7, 1)
    return f"{mid.year:04d}" if mid else None


def hijri_of(ref: dt.date) -> tuple[int, int, int] | None:
    from hijridate import Gregorian

    try:
        h = Gregorian(ref.year, ref.month, ref.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return h.year, h.month, h.day
