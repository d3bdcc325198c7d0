"""The date vocabulary and the one regular expression built from it, loaded once.

Month and weekday names come from CLDR (Babel) for every locale listed in ``dates.yaml``, merged with the
spellings CLDR lacks; everything is normalized with the text layer so the pattern runs on normalized text.
Nothing here is read again after the first call: :func:`lexicon` is cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import ahocorasick

from marsad.resources import load_yaml
from marsad.text import normalize_key

# Named errors of a bad lexicon file.
E_BAD_MONTH = "dates.yaml: month number must be 1-12, got {!r} in {}"
E_BAD_WEEKDAY = "dates.yaml: weekday number must be 0-6, got {!r}"
E_BAD_DAY = "dates.yaml: day ordinal must be 1-31, got {!r}"
E_BAD_TENSE = "dates.yaml: tense must be past, future or present, got {!r}"
E_BAD_UNIT = "dates.yaml: relative unit must be week, month or year, got {!r}"
E_MISSING = "dates.yaml: missing key {!r}"

_REQUIRED_KEYS = (
    "cldr_locales",
    "cldr_abbreviated_locales",
    "month_variants",
    "ambiguous_months",
    "hijri_months",
    "hijri_year_marks",
    "hijri_year_range",
    "weekday_variants",
    "day_parts",
    "tense_words",
    "present_determiners",
    "relative_days",
    "today_not_before",
    "today_not_after",
    "relative_units",
    "day_ordinals",
    "year_words",
    "month_cues",
    "year_cues",
    "year_followers",
    "gregorian_year_marks",
    "not_after",
    "weekday_joiners",
    "future_cues",
    "future_prefix_not",
    "clause_breaks",
    "onward_cues",
    "night_parts",
    "since_words",
    "until_words",
    "relative_pronouns",
    "act_links",
    "attribute_participles",
    "ongoing_types",
    "when_words",
    "clause_openers",
    "charge_words",
    "span_units",
    "span_tails",
    "span_fillers",
    "span_ago",
    "span_after",
    "span_duals",
    "attribute_year_words",
    "pub_date",
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    months: dict[str, int]  # normalized name -> 1..12 (full names, every system)
    short_months: dict[str, int]  # Latin abbreviations, read only inside a full date
    ambiguous_months: frozenset[str]
    hijri_months: dict[str, int]
    hijri_year_range: tuple[int, int]
    weekdays: dict[str, int]  # normalized name -> date.weekday()
    ordinals: dict[str, int]
    tense: dict[str, str]  # tense word -> past | future | present
    relative_days: dict[str, tuple[int, bool]]  # phrase -> (offset, needs a day part)
    today_not_before: frozenset[str]
    today_not_after: frozenset[str]
    units: dict[str, str]  # الاسبوع -> week ...
    not_after: frozenset[str]
    future_cues: tuple[str, ...]
    future_prefix_not: frozenset[str]
    clause_breaks: tuple[str, ...]
    onward_cues: tuple[str, ...]  # "ابتداء من": a weekday after it is the nearest one, either way
    night_parts: frozenset[str]  # "ليل": "ليل الثلاثاء الاربعاء" is the night into the second day
    since_words: frozenset[str]  # the words that make a date the start of a span, not an act's day ...
    until_words: frozenset[str]  # ... or its end
    relative_pronouns: frozenset[str]  # a date after one belongs to the relative clause
    act_links: frozenset[str]  # "إثر", "عقب": the act after one is another act, with its own date
    span_pattern: re.Pattern[str]  # "خلال الايام الماضيه", "منذ ايام": a stretch of time, no day (normalized)
    when_words: frozenset[str]  # "عندما": a date in the when-clause dates the main clause too
    clause_openers: frozenset[str]  # "، حيث": a date after one is its clause's, not an act's before it
    charge_words: frozenset[str]  # "أدين بقتل": the act charged is past, not of the sentence's day
    ongoing_types: frozenset[str]  # event types whose acts last: told in the present tense, they are going on
    attribute_participles: frozenset[str]  # "المبرم": a date after one is the date of the thing it describes
    attribute_year_words: frozenset[str]  # "لعام": a date that starts with one is a noun's attribute
    span_cues: frozenset[str]  # month_cues and year words: "منذ مطلع أغسطس" is "منذ" right before a date
    pub: dict[str, Any]
    pattern: re.Pattern[str]
    triggers: ahocorasick.Automaton  # one word of every expression: the pattern only runs around them
    starters: frozenset[str]  # words an expression may begin with (digits aside)


def norm_list(words: list[Any]) -> list[str]:
    return [normalize_key(str(w)) for w in words]


def _alt(words: Any) -> str:
    """A regex alternation of normalized phrases, shaped as a trie so that a failing position costs little;
    a space inside a phrase matches any run of white space."""
    trie: dict[str, Any] = {}
    for w in set(words):
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_rx(trie)


def _trie_rx(node: dict[str, Any]) -> str:
    branches = [
        (r"\s+" if ch == " " else re.escape(ch)) + _trie_rx(child) for ch, child in sorted(node.items()) if ch
    ]
    if not branches:
        return ""
    if "" in node:
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def check_spec(spec: dict[str, Any]) -> None:
    """Raise ValueError naming the first bad entry of ``dates.yaml``."""
    for key in _REQUIRED_KEYS:
        if key not in spec:
            raise ValueError(E_MISSING.format(key))
    for table in ("month_variants", "hijri_months"):
        for k in spec[table]:
            if not (isinstance(k, int) and 1 <= k <= 12):
                raise ValueError(E_BAD_MONTH.format(k, table))
    for k in spec["weekday_variants"]:
        if not (isinstance(k, int) and 0 <= k <= 6):
            raise ValueError(E_BAD_WEEKDAY.format(k))
    for k in spec["day_ordinals"]:
        if not (isinstance(k, int) and 1 <= k <= 31):
            raise ValueError(E_BAD_DAY.format(k))
    for k in spec["tense_words"]:
        if k not in ("past", "future", "present"):
            raise ValueError(E_BAD_TENSE.format(k))
    for v in spec["relative_units"].values():
        if v.get("unit") not in ("week", "month", "year"):
            raise ValueError(E_BAD_UNIT.format(v))


def _cldr_names(spec: dict[str, Any]) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Month names, Latin month abbreviations and weekday names of the listed CLDR locales."""
    from babel.dates import get_day_names, get_month_names

    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for loc in spec["cldr_locales"]:
        for ctx in ("format", "stand-alone"):
            for num, name in get_month_names("wide", context=ctx, locale=loc).items():
                months[normalize_key(name)] = int(num)
            for num, name in get_day_names("wide", context=ctx, locale=loc).items():
                weekdays[normalize_key(name)] = int(num)
    short: dict[str, int] = {}
    for loc in spec["cldr_abbreviated_locales"]:
        for num, name in get_month_names("abbreviated", locale=loc).items():
            key = normalize_key(name).rstrip(".")
            if key not in months:
                short[key] = int(num)
    short["sept"] = 9
    return months, short, weekdays


@cache
def lexicon() -> Lexicon:
    spec = load_yaml("lexicons", "dates.yaml")
    check_spec(spec)
    months, short, weekdays = _cldr_names(spec)
    for num, names in spec["month_variants"].items():
        for name in norm_list(names):
            months[name] = num
    for num, names in spec["weekday_variants"].items():
        for name in norm_list(names):
            weekdays[name] = num
    hijri = {name: num for num, names in spec["hijri_months"].items() for name in norm_list(names)}
    ordinals = {name: num for num, names in spec["day_ordinals"].items() for name in norm_list(names)}
    tense = {w: t for t, words in spec["tense_words"].items() for w in norm_list(words)}
    rel_days = {
        normalize_key(e["phrase"]): (int(e["offset"]), bool(e.get("needs_part", False)))
        for e in spec["relative_days"]
    }
    units = {normalize_key(k): v["unit"] for k, v in spec["relative_units"].items()}
    ambiguous = set(norm_list(spec["ambiguous_months"]))
    ambiguous |= {m for m in months if m.isascii()}
    lo, hi = spec["hijri_year_range"]
    lex_parts = {
        "months": months,
        "short": short,
        "weekdays": weekdays,
        "hijri": hijri,
        "ordinals": ordinals,
        "tense": tense,
        "rel_days": rel_days,
        "units": units,
        "spec": spec,
    }
    return Lexicon(
        months=months,
        short_months=short,
        ambiguous_months=frozenset(ambiguous),
        hijri_months=hijri,
        hijri_year_range=(int(lo), int(hi)),
        weekdays=weekdays,
        ordinals=ordinals,
        tense=tense,
        relative_days=rel_days,
        today_not_before=frozenset(norm_list(spec["today_not_before"])),
        today_not_after=frozenset(norm_list(spec["today_not_after"])),
        units=units,
        not_after=frozenset(norm_list(spec["not_after"])),
        future_cues=tuple(norm_list(spec["future_cues"])),
        future_prefix_not=frozenset(norm_list(spec["future_prefix_not"])),
        clause_breaks=tuple(norm_list(spec["clause_breaks"])),
        onward_cues=tuple(norm_list(spec["onward_cues"])),
        night_parts=frozenset(norm_list(spec["night_parts"])),
        since_words=frozenset(norm_list(spec["since_words"])),
        until_words=frozenset(norm_list(spec["until_words"])),
        relative_pronouns=frozenset(norm_list(spec["relative_pronouns"])),
        act_links=frozenset(norm_list(spec["act_links"])),
        span_pattern=_span_pattern(spec),
        when_words=frozenset(norm_list(spec["when_words"])),
        clause_openers=frozenset(norm_list(spec["clause_openers"])),
        charge_words=frozenset(norm_list(spec["charge_words"])),
        ongoing_types=frozenset(str(t) for t in spec["ongoing_types"]),
        attribute_participles=frozenset(norm_list(spec["attribute_participles"])),
        attribute_year_words=frozenset(norm_list(spec["attribute_year_words"])),
        span_cues=frozenset(norm_list(spec["month_cues"]) + norm_list(spec["year_words"])),
        pub=spec["pub_date"],
        pattern=_build_pattern(lex_parts),
        triggers=_build_triggers(lex_parts),
        starters=_starters(lex_parts),
    )


def _span_pattern(spec: dict[str, Any]) -> re.Pattern[str]:
    """"خلال الساعات ال48 الاخيره", "في الاسابيع القليله الماضيه", "منذ ايام قليله", "بعد ثلاثه ايام من"
    (normalized text)."""
    units = _alt(norm_list(spec["span_units"]))
    tails = _alt(norm_list(spec["span_tails"]))
    fillers = norm_list(spec["span_fillers"])
    fill = _alt(fillers)
    fill_indef = _alt([w[2:] if w.startswith("ال") else w for w in fillers])
    ago = _alt(norm_list(spec["span_ago"]))
    after = _alt(norm_list(spec["span_after"]))
    units_after = _alt(norm_list(spec["span_units"]) + norm_list(spec["span_duals"]))
    return re.compile(
        rf"(?<!\w)[وف]?(?:ال(?:{units})(?:\s+(?:{fill}|ال\d+|\d+))*\s+(?:{tails})"
        rf"|(?:{ago})\s+(?:{units})(?:\s+(?:{fill_indef}))?"
        rf"|(?:{after})\s+(?:\w+\s+)?(?:{units_after})(?:\s+(?:{fill_indef}))?\s+من)(?!\w)"
    )


def _starters(p: dict[str, Any]) -> frozenset[str]:
    spec = p["spec"]
    words: set[str] = {"شهر", "ال", "العام", "السنه"}
    for table in ("months", "short", "hijri", "weekdays", "units", "ordinals", "rel_days"):
        words |= {w.split()[0] for w in p[table]}
    for key in ("day_parts", "present_determiners", "year_words", "month_cues", "year_cues"):
        words |= {w.split()[0] for w in norm_list(spec[key])}
    return frozenset(words)


def _trigger_word(phrase: str, singles: set[str]) -> str:
    """The word of a phrase that every occurrence of it contains and that is rare in plain text."""
    words = phrase.split()
    if len(words) == 1:
        return phrase
    for w in words:
        if w in singles:
            return w  # "اول امس" -> "امس"
    return words[0] if len(words[0]) > 2 else words[-1]  # "كانون الاول" -> "كانون", "ذو الحجه" -> "الحجه"


def _build_triggers(p: dict[str, Any]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    rel_singles = {w for w in p["rel_days"] if " " not in w}
    words: set[str] = set("0123456789")
    for table in ("months", "short", "hijri", "weekdays", "units"):
        words |= {_trigger_word(w, set()) for w in p[table]}
    words |= {_trigger_word(w, rel_singles) for w in p["rel_days"]}
    for w in words:
        auto.add_word(w, len(w))
    auto.make_automaton()
    return auto


def _build_pattern(p: dict[str, Any]) -> re.Pattern[str]:
    """One alternation over every kind of date expression; each branch is a named group (see find.py)."""
    spec = p["spec"]
    end = r"(?!\w)"
    wd = _alt(p["weekdays"])
    dp = _alt(norm_list(spec["day_parts"]))
    dps = rf"(?:(?:{dp})\s+){{1,2}}"
    tense = _alt(p["tense"])
    month = _alt(p["months"])
    month_full = _alt(list(p["months"]) + list(p["short"]))
    hmonth = _alt(p["hijri"])
    ords = _alt(p["ordinals"])
    rday = _alt(p["rel_days"])
    units = _alt(p["units"])
    det = _alt(norm_list(spec["present_determiners"]))
    yw = _alt(norm_list(spec["year_words"]))
    gmark = _alt(norm_list(spec["gregorian_year_marks"]))
    hmark = _alt(norm_list(spec["hijri_year_marks"]))
    join = _alt(norm_list(spec["weekday_joiners"]))
    mcues = _alt(norm_list(spec["month_cues"]))
    ycues = _alt(norm_list(spec["year_cues"]))
    yfollow = _alt(norm_list(spec["year_followers"]))

    greg_year = r"(?:1[6-9]|20)\d\d(?!\d)"
    day_num = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
    num_guard = r"(?<![\d.,:/\-])"

    def wdpre(t: str) -> str:
        # "يوم الاثنين، الموافق" / "مساء الأحد (" / "يوم" before the day of the month
        return (
            rf"(?:(?:{dps})?(?P<{t}_wd>{wd}){end}\s*[,،]?\s*(?:(?:{join})\s+)?(?P<{t}_par>\(\s*)?"
            rf"|يوم\s+)?"
        )

    def monthx(t: str, names: str) -> str:
        # "اكتوبر/تشرين الاول", "تشرين الاول (اكتوبر)", "ديسمبر-كانون الاول"
        return (
            rf"(?P<{t}_m>{names}){end}"
            rf"(?:\s*[/\-]\s*(?:{month}){end}|\s*\(\s*(?:{month})\s*\))?"
        )

    def year_tail(t: str) -> str:
        return (
            rf"(?:\s*[,،]?\s*(?:من\s+)?(?:(?:{yw})\s+)?(?P<{t}_y>{greg_year})(?:\s*(?:{gmark}){end})?"
            rf"|\s+من\s+(?:(?P<{t}_rdet>{det})\s+(?P<{t}_ru1>العام|السنه){end}"
            rf"|(?P<{t}_ru2>العام|السنه)\s+(?P<{t}_rt>{tense}){end}))"
        )

    def day(t: str) -> str:
        return rf"(?:{num_guard}(?:ال)?(?P<{t}_dn>{day_num})(?:st|nd|rd|th)?|(?P<{t}_do>{ords}){end})"

    branches = {
        # 2023-12-24, 24/12/2023, 24.12.2023 (day first), 1445/06/12 هـ
        "N": (
            rf"{wdpre('n')}{num_guard}(?:(?P<n_y1>1[3-9]\d\d|20\d\d)(?P<n_s1>[-/.])"
            rf"(?P<n_m1>1[0-2]|0?[1-9])(?P=n_s1)(?P<n_d1>{day_num})"
            rf"|(?P<n_d2>{day_num})(?P<n_s2>[-/.])(?P<n_m2>1[0-2]|0?[1-9])(?P=n_s2)(?P<n_y2>1[3-9]\d\d|20\d\d))"
            rf"(?![\d]|[-/.:]\d)(?:\s*(?P<n_hm>{hmark}){end}|\s*(?:{gmark}){end})?(?(n_par)\s*\))"
        ),
        # 12 جمادى الآخرة 1445 هـ, رمضان 1445, شهر رمضان, العاشر من رمضان
        "H": (
            rf"{wdpre('h')}(?:{day('h')}\s+(?:من\s+)?)?(?P<h_sh>شهر\s+)?(?P<h_m>{hmonth}){end}"
            rf"(?:\s*[,،]?\s*(?:(?:{yw})\s+)?(?P<h_y>1[3-5]\d\d)(?!\d)(?:\s*(?P<h_mk>{hmark}){end})?)?"
            rf"(?:\s+(?P<h_t>{tense}){end})?(?(h_par)\s*\))"
        ),
        # 14 ابريل 2025, يوم الاثنين 14 ابريل, السابع من اكتوبر, 24th, december 2023, 31 مايو الماضي
        "X": (
            rf"{wdpre('x')}{day('x')}\s*[,،]?\s*(?:من\s+|of\s+)?(?:شهر\s+)?{monthx('x', month_full)}"
            rf"{year_tail('x')}?(?:\s+(?P<x_t>{tense}){end})?(?(x_par)\s*\))"
        ),
        # december 24, 2023 / ديسمبر 24، 2023
        "Y": (
            rf"{wdpre('y')}{monthx('y', month_full)}\.?\s+{num_guard}(?P<y_dn>{day_num})(?:st|nd|rd|th)?"
            rf"\s*[,،]?\s*(?P<y_y>{greg_year})(?:\s*(?:{gmark}){end})?(?(y_par)\s*\))"
        ),
        # ديسمبر 2023, اكتوبر من العام الماضي, مايو الماضي, في مايو, شهر مايو (a cue such as "في" stays
        # out of the expression, "شهر" stays in)
        "M": (
            rf"(?:(?P<m_cue>{mcues})\s+)?(?P<m_core>(?P<m_sh>شهر\s+)?{monthx('m', month)}"
            rf"(?:{year_tail('m')}|\s+(?P<m_t>{tense}){end})?)"
        ),
        # عام 1445 هـ
        "HY": rf"(?:(?:{yw})\s+)?(?P<hy_y>1[3-5]\d\d)(?!\d)\s*(?:{hmark}){end}",
        # عام 2020, العام 2019
        "YS": rf"(?:{yw})\s+(?P<ys_y>{greg_year})(?:\s*(?:{gmark}){end})?",
        # 2023م
        "YM": rf"(?P<ym_y>{greg_year})\s*(?:{gmark}){end}",
        # في 2021 (the cue stays out; a following noun makes it a quantity)
        "YW": (
            rf"(?:{ycues})\s+(?P<yw_core>{greg_year})"
            rf"(?=\s*(?:[^\w\s]|$)|\s+(?:{yfollow}){end})"
        ),
        # امس, اول امس, صباح اليوم, امس الخميس, غدا
        # (a weekday in brackets after it: "اليوم (الاربعاء)", the editor's gloss of a quoted "today")
        "RD": (
            rf"(?P<rd_dp>{dps})?(?P<rd_p>{rday}){end}"
            rf"(?:\s+(?P<rd_wd>{wd}){end}|\s*\(\s*(?P<rd_pwd>{wd})\s*\))?"
        ),
        # الاسبوع الماضي, هذا العام, الشهر المقبل
        "U": (
            rf"(?:(?P<u_det>{det})\s+(?P<u_n1>{units}){end}"
            rf"|(?P<u_n2>{units})\s+(?P<u_t>{tense}){end})"
        ),
        # الجمعة, يوم الجمعة, مساء السبت, الجمعة الماضية
        "W": rf"(?P<w_dp>{dps})?(?P<w_n>{wd}){end}(?:\s+(?P<w_t>{tense}){end})?",
    }
    # every expression starts a word, after an optional proclitic (و ف ب ل) that stays out of it
    body = "|".join(f"(?P<{name}>{rx})" for name, rx in branches.items())
    return re.compile(rf"\b(?P<cl>[وف][بل]?|[بل])?(?:{body})")
