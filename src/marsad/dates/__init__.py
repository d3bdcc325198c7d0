"""Dates: find date expressions in Arabic news and resolve them against the publication date.

``find_dates`` reads every date expression of a stretch of text (explicit, Hijri, relative to the
publication date); ``find_pub_date`` reads the publication date stated in a page header.  The vocabulary
is data (``data/lexicons/dates.yaml`` merged with CLDR names from Babel); see :mod:`marsad.dates.find`
for how an expression without a year is placed in time.
"""

from marsad.dates.find import RULES, TENSES, DateExpr, find_dates, find_spans, one_night
from marsad.dates.lexicon import check_spec, lexicon
from marsad.dates.pubdate import choose_pub_date, find_pub_date, iso_date, partial_date, url_dates

__all__ = [
    "RULES",
    "TENSES",
    "DateExpr",
    "check_spec",
    "choose_pub_date",
    "find_dates",
    "find_pub_date",
    "find_spans",
    "iso_date",
    "lexicon",
    "one_night",
    "partial_date",
    "url_dates",
]
