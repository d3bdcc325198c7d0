"""Synthetic seed-like corpora for the benchmarks: the seed pages replicated with perturbations.

Each copy is a seed page with its people recast, its calendar moved, two paragraphs swapped and a few
characters of noise (tatweel, a diacritic, odd spaces).  Recasting: every name of a person the pipeline finds
in the page (full name or surname; role phrases are left alone) is replaced by the name of a person drawn
from the knowledge base for that copy.  Calendar: every year, month name and day of month is shifted by an
amount drawn for that copy (years back by 0…Y−1, months rotated, days moved within 1–28).  So the copies of a
page report the same kinds of events between other people on many different days — as an archive does —
rather than one event reported a hundred thousand times, which no real corpus holds and which would make the
cross-document merge one giant cluster.

The span Y grows with the corpus so that it keeps the density of an archive: about
:data:`PAGES_PER_DAY` pages a day (Y = 3 years up to ≈10,000 pages, 60 years at 200,000).  A longer archive
has more days, not more reports of each day's events: were the span fixed, each (page, day) would hold
twenty times as many copies at 200,000 pages as at 10,000, and the merge's clusters — the reports of one
event — would grow with the corpus, which they do not in an archive that grows by covering more time.
"""

from __future__ import annotations

import math
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
EXAMPLES = ROOT / "examples" / "corpus"

_NOISE = ["", " ", "\u0640", "\u064e", "،", " (تحديث)", "\u00a0"]


def base_texts() -> list[str]:
    src = SEEDS if SEEDS.is_dir() else EXAMPLES
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(src.glob("*.txt"))]


_MONTHS = [
    "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر".split(),
    ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
     "تشرين الثاني", "كانون الأول"],
    "January February March April May June July August September October November December".split(),
]
_MONTH_OF = {name: (fam, i) for fam, names in enumerate(_MONTHS) for i, name in enumerate(names)}
_DATE = re.compile(
    r"(?:(?<!\d)(?P<day>[1-9]|[12]\d|3[01])(?P<suf>st|nd|rd|th)?(?P<sep>,?\s+)|(?<!\w))(?P<month>"
    + "|".join(sorted(map(re.escape, _MONTH_OF), key=len, reverse=True)) + r")(?!\w)")
_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20[0-4]\d)(?!\d)")


PAGES_PER_DAY = 10  # the density the corpora keep: ≈10,000 pages over the 3 × 12 × 28 days of a 3-year span
DAYS_A_YEAR = 12 * 28  # distinct days one year of shifts gives (months rotated, days moved within 1–28)


def span_years(n: int) -> int:
    """Years a corpus of n pages spans: at least 3, more as n grows, so that it keeps
    :data:`PAGES_PER_DAY` pages a day."""
    return max(3, math.ceil(n / (PAGES_PER_DAY * DAYS_A_YEAR)))


def shift_dates(text: str, rng: random.Random, span: int = 3) -> str:
    """Move the text's calendar: years back by one offset below ``span``, month names by one rotation, days by
    one step."""
    years, months, days = rng.randrange(1 - span, 1), rng.randrange(12), rng.randrange(28)

    def month(m: re.Match) -> str:
        fam, i = _MONTH_OF[m["month"]]
        new = _MONTHS[fam][(i + months) % 12]
        if m["day"] is None:
            return new
        day = (int(m["day"]) - 1 + days) % 28 + 1
        suffix = "" if not m["suf"] else {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(day, "th")
        return f"{day}{suffix}{m['sep']}{new}"

    text = _DATE.sub(month, text)
    return _YEAR.sub(lambda m: str(int(m[0]) + years), text)


def perturb(text: str, rng: random.Random) -> str:
    """Swap a few paragraphs' order, insert tatweel/diacritics/odd spaces at random places."""
    paras = text.split("\n")
    if len(paras) > 4:
        i = rng.randrange(1, len(paras) - 2)
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
    out = "\n".join(paras)
    for _ in range(5):
        pos = rng.randrange(len(out)) if out else 0
        out = out[:pos] + rng.choice(_NOISE) + out[pos:]
    return out


def person_names(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, person id, full name?) of the names of persons in ``text`` (not their role phrases)."""
    from marsad.pipeline import analyze

    out = []
    for ent in analyze(text).entities:
        if ent.kind != "person" or not ent.name_ar:
            continue
        surname = ent.name_ar.split()[-1]
        for m in ent.mentions:
            if m.text.split()[-1] == surname or m.text in ent.name_ar.split():
                out.append((m.start, m.end, ent.id, len(m.text.split()) > 1))
    return sorted(out)


def cast() -> list[str]:
    """Full Arabic names of the knowledge base's persons with a dated role (who a copy's people become)."""
    from marsad.kb import load_kb

    return sorted(e.name_ar for e in load_kb().entries.values()
                  if e.kind == "person" and e.roles and e.name_ar and len(e.name_ar.split()) > 1)


def recast(text: str, names: list[tuple[int, int, str, bool]], people: list[str], rng: random.Random) -> str:
    """Replace each person's names by those of one person drawn from ``people`` (surname for surname)."""
    chosen: dict[str, str] = {}
    for _, _, pid, _ in names:
        if pid not in chosen:
            chosen[pid] = rng.choice(people)
    for start, end, pid, full in reversed(names):
        new = chosen[pid] if full else chosen[pid].split()[-1]
        text = text[:start] + new + text[end:]
    return text


def write_corpus(folder: Path, n: int, seed: int = 7) -> int:
    """Write n .txt documents into folder, spread over :func:`span_years` years; return the total bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    bases = base_texts()
    names = [person_names(t) for t in bases]
    people = cast()
    span = span_years(n)
    total = 0
    for i in range(n):
        k = i % len(bases)
        data = shift_dates(perturb(recast(bases[k], names[k], people, rng), rng), rng, span).encode("utf-8")
        (folder / f"doc_{i:07d}.txt").write_bytes(data)
        total += len(data)
    return total
