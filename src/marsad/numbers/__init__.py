"""Arabic number reading: digits in any script, number words with their case endings, scales,
compounds, vague plurals and approximators.

``find_numbers`` scans a text and returns every number with its span in the original text;
``parse_number`` reads one whole string.  The words are data (``data/lexicons/numbers.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.numbers.read import RawNumber, approx_after, as_number, digits_value, scan
from marsad.text import normalize

__all__ = [
    "NumberExpr",
    "RawNumber",
    "approx_after",
    "as_number",
    "digits_value",
    "find_numbers",
    "parse_number",
    "scan",
]


@dataclass(frozen=True, slots=True)
class NumberExpr:
    """A number in a text: its span (with any approximator) in the original text and its reading."""

    start: int
    end: int
    text: str
    value: int | float
    approx: str  # exact | more_than | about | less_than | at_least | up_to
    vague: bool  # عشرات / مئات / آلاف …: value is the lower bound


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberExpr]:
    """Every number in ``text[start:end]``; offsets are into ``text``."""
    end = len(text) if end is None else end
    nt = normalize(text[start:end])
    out = []
    for n in scan(nt.text):
        s, e = nt.span_to_orig(n.start, n.end)
        s, e = s + start, e + start
        out.append(NumberExpr(s, e, text[s:e], as_number(n.value), n.approx, n.vague))
    return out


def parse_number(s: str) -> int | float | None:
    """The value of a string that is one number and nothing else ("20 ألفاً و258", "ثلاثة آلاف")."""
    nt = normalize(s)
    found = scan(nt.text)
    if len(found) != 1:
        return None
    n = found[0]
    if nt.text[: n.start].strip() or nt.text[n.end :].strip():
        return None
    return as_number(n.value)
