#!/usr/bin/env python3
"""Build ``src/marsad/data/kb/persons/everypolitician.jsonl`` from the EveryPolitician extract.

Input: ``shared/data/everypolitician/persons.csv`` (see the README.md beside it: legislators with at
least one Arabic spelling, EveryPolitician snapshot of 2015-11-30). Output: one person a line in the
persons format of ``docs/kb-format.md``, ``source: "everypolitician"``.

What the script does to the source:

* Arabic names: Persian letters normalised (ی→ي, ک→ك, ھ→ه; the zero-width non-joiner is dropped,
  and where it separated two parts of a name the spaced form is added as a variant), honorifics and
  titles stripped (د. أ. م. الدكتور الشيخ السيد الحاج …, Persian سید/سیده), bracketed remarks and
  "ـ شاغر" ("vacant") removed, variants that differ only by what the matcher normalises anyway
  (hamza/alef, ى/ي, ة/ه, diacritics, tatweel) dropped, and names of fewer than two words dropped.
  A row left with no usable Arabic name is skipped.
* ``name``: ``name_en`` (upper-case official lists title-cased, "Dr." dropped), else a romanisation
  of the Arabic name by the small rule-based romaniser below.
* ``id``: slug of the name (lower-case, accents stripped, spaces as ``_``, hyphens kept), suffixed with
  ``_<iso3 lower>_ep<n>`` only for slugs that more than one row would get.
* One ``legislator`` role: title = the legislature, start/end = first_start/last_end. An empty
  ``last_end`` (open-ended in the 2015 snapshot) is replaced by the end of the legislature term the
  snapshot covers (``TERM_END``) where that term is known to be over, so that 2015 legislators are not
  taken for sitting ones; the Yemeni House elected in 2003 has never been renewed and stays open.

Run: ``python scripts/build_everypolitician.py [--input CSV] [--output JSONL]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = ROOT.parent / "shared" / "data" / "everypolitician" / "persons.csv"
DEFAULT_OUTPUT = ROOT / "src" / "marsad" / "data" / "kb" / "persons" / "everypolitician.jsonl"

# End of the legislature term covered by the snapshot, for memberships left open in the source.
# (country, body) -> end date; None keeps the role open.
TERM_END: dict[tuple[str, str], str | None] = {
    ("BHR", "Council of Representatives"): "2018",  # 2014 council; next elected Nov 2018
    ("FRA", "National Assembly"): "2017-06-20",  # XIVe législature
    ("GBR", "House of Commons"): "2017-05-03",  # 56th Parliament dissolved
    ("IRN", "Islamic Consultative Assembly (Majles)"): "2016-05-27",  # 9th Majles
    ("IRQ", "Council of Representatives"): "2018",  # council elected 2014
    ("JOR", "House of Representatives"): "2016",  # 17th House dissolved
    ("KWT", "National Assembly"): "2016",  # 14th legislative term dissolved Oct 2016
    ("SYR", "People's Council"): "2016",  # 2012 council; next elected Apr 2016
    ("TUR", "Grand National Assembly"): "2015-11",  # 25th Parliament (Nov 2015 election)
    ("USA", "House of Representatives"): "2017-01-03",  # 114th Congress
    ("USA", "Senate"): "2017-01-03",
    ("USA", "House of Representatives | Senate"): "2017-01-03",
    ("YEM", "House of Representatives"): None,  # elected 2003, never renewed
}

# Source defects fixed by hand: (raw Arabic) -> corrected Arabic.
FIXES = {
    "سیدباقرحسینی": "سید باقر حسینی",
}

# ---------------------------------------------------------------------------------------------
# Arabic cleaning

PERSIAN = str.maketrans({"ی": "ي", "ك": "ك", "ک": "ك", "ھ": "ه", "ۀ": "ه", "ي": "ي"})
DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")

# Titles that may open a name (after Persian normalisation); stripped repeatedly.
HONORIFIC_WORDS = {
    "د", "أ", "ا", "م", "أد", "اد", "د.", "أ.", "ا.", "م.", "أ.د.", "ا.د.", "أ.د", "ا.د",
    "الدكتور", "الدكتوره", "الدكتورة", "دكتور", "دكتورة", "الشيخ", "شيخ", "السيد", "السيدة", "السيده",
    "الحاج", "الحاجة", "الحاجه", "حاج", "المهندس", "المهندسة", "مهندس", "الأستاذ", "الأستاذة", "الاستاذ",
    "الاستاذة", "استاذ", "أستاذ", "النائب", "النائبة", "معالي", "سعادة", "سمو", "فضيلة", "اللواء",
    "العميد", "العقيد", "الفريق", "الأمير", "الامير", "حجت‌الاسلام", "حجت", "حجة", "آیت", "آية", "اية",
}
HONORIFIC_PHRASES = ["حجت الاسلام و المسلمین", "حجت الاسلام والمسلمين", "حجة الإسلام", "حجت الاسلام",
                     "آية الله", "آیت الله", "اية الله"]
# Persian titles (Sayyid / Sayyida) that open many Majles names, glued or not.
PERSIAN_SAYYID = ("سيد", "سيده", "سيدة")


def norm_key(s: str) -> str:
    """The matcher's normalisation (hamza/alef, alef maqsura, ta marbuta, tatweel, diacritics)."""
    s = DIACRITICS.sub("", s).replace("\u0640", "")
    s = re.sub("[أإآٱ]", "ا", s)
    s = s.replace("ى", "ي").replace("ة", "ه")
    return " ".join(s.split())


def persian_normalise(s: str) -> str:
    return s.translate(PERSIAN)


def strip_honorifics(s: str, iso3: str) -> str:
    # "د . علي" / "د.علي" -> "د. علي"
    s = re.sub(r"(?<=\S)\s+\.", ".", s)
    s = re.sub(r"^((?:[أاد]|م|أ\.د|ا\.د)\.)(?=\S)", r"\1 ", s)
    changed = True
    while changed:
        changed = False
        for ph in HONORIFIC_PHRASES:
            ph = persian_normalise(ph)
            if s.startswith(ph + " "):
                s = s[len(ph) + 1:].lstrip()
                changed = True
        words = s.split()
        if len(words) > 2 and words[0] in HONORIFIC_WORDS:
            s = " ".join(words[1:])
            changed = True
            continue
        if iso3 == "IRN" and words:
            w = words[0]
            if w in PERSIAN_SAYYID and len(words) > 2:
                s = " ".join(words[1:])
                changed = True
            elif w.startswith("سيد") and len(w) > 4 and w not in ("سيدي",) and len(words) >= 2:
                # glued: سیدحسین -> حسین
                s = " ".join([w[3:]] + words[1:])
                changed = True
    return s


def clean_arabic(raw: str, iso3: str) -> list[str]:
    """Return the usable spellings (>= 2 words) of one raw Arabic name."""
    s = FIXES.get(raw.strip(), raw)
    s = persian_normalise(s)
    s = re.sub(r"\([^)]*\)?", " ", s)  # bracketed remarks, e.g. "(رئيس المجلس ...)"
    s = re.sub(r"«[^»]*»", " ", s)  # nickname in guillemets
    s = re.sub(r"\s*[ـ\-–]\s*شاغر\s*$", "", s)  # "ـ شاغر" (seat vacant)
    s = s.replace("\u0640", "")
    s = " ".join(s.split())
    s = strip_honorifics(s, iso3)
    s = s.strip(" .-،,")
    forms = []
    if "\u200c" in s:
        forms.append(" ".join(s.replace("\u200c", "").split()))
        forms.append(" ".join(s.replace("\u200c", " ").split()))
    else:
        forms.append(s)
    out = []
    for f in forms:
        if len(f.split()) >= 2 and ARABIC_LETTER.search(f) and not re.search("[A-Za-z]", f):
            out.append(f)
    return out


# ---------------------------------------------------------------------------------------------
# Romaniser (Arabic script -> Latin), used when the source has no English name.

COMMON = {  # keys in norm_key() form
    "محمد": "mohammed", "احمد": "ahmed", "علي": "ali", "حسن": "hassan", "حسين": "hussein",
    "عبد": "abdel", "بن": "bin", "بنت": "bint", "ابن": "ibn", "ابو": "abu", "ال": "al",
    "عبدالله": "abdullah", "عبدلله": "abdullah", "الله": "allah", "لله": "allah", "عبده": "abdo",
    "عبدو": "abdo", "صالح": "saleh", "سعيد": "saeed", "يحيي": "yahya", "يحي": "yahya",
    "محسن": "mohsen", "سالم": "salem", "ابراهيم": "ibrahim", "محمود": "mahmoud", "مهدي": "mahdi",
    "عباس": "abbas", "كاظم": "kadhim", "ناصر": "nasser", "جاسم": "jassim", "قاسم": "qasim",
    "خالد": "khaled", "اسماعيل": "ismail", "سلمان": "salman", "منصور": "mansour", "عمر": "omar",
    "حميد": "hamid", "فيصل": "faisal", "حمود": "hamoud", "خضر": "khodr", "سلطان": "sultan",
    "عيسي": "issa", "امين": "amin", "جمال": "jamal", "عزيز": "aziz", "الدين": "al-din",
    "ناجي": "naji", "مصطفي": "mustafa", "يوسف": "youssef", "موسي": "musa", "سعد": "saad",
    "عبود": "abboud", "صادق": "sadiq", "زيد": "zaid", "عادل": "adel", "جابر": "jaber",
    "رشيد": "rashid", "جبار": "jabbar", "هادي": "hadi", "عبيد": "obaid", "حيدر": "haidar",
    "فارس": "fares", "غالب": "ghaleb", "طه": "taha", "خليل": "khalil", "طاهر": "taher",
    "ياسر": "yasser", "حمد": "hamad", "هاشم": "hashem", "ياسين": "yassin", "عطيه": "attia",
    "جواد": "jawad", "حامد": "hamed", "رياض": "riyadh", "عامر": "amer", "عدنان": "adnan",
    "عوض": "awad", "عمار": "ammar", "سهيل": "suhail", "سيف": "saif", "الرحمن": "al-rahman",
    "سليم": "salim", "نجم": "najm", "سليمان": "suleiman", "فرحان": "farhan", "صباح": "sabah",
    "رضا": "rida", "عثمان": "othman", "نصر": "nasr", "ماهر": "maher", "جمعه": "juma",
    "تركي": "turki", "بدر": "badr", "جعفر": "jaafar", "غازي": "ghazi", "بكر": "bakr",
    "اسعد": "asaad", "شريف": "sharif", "خلف": "khalaf", "رسول": "rasul", "زينب": "zainab",
    "صلاح": "salah", "طالب": "talib", "نوري": "nouri", "كامل": "kamel", "فاضل": "fadel",
    "نجيب": "najib", "وفاء": "wafaa", "اكرم": "akram", "قائد": "qaid", "قايد": "qaid",
    "راشد": "rashed", "ماجد": "majed", "داود": "dawood", "خليفه": "khalifa", "مبارك": "mubarak",
    "فاطمه": "fatima", "نبيل": "nabil", "رشاد": "rashad", "عمران": "omran", "حبيب": "habib",
    "كريم": "karim", "توفيق": "tawfiq", "حمزه": "hamza", "شاكر": "shaker", "نعمه": "nima",
    "غانم": "ghanem", "خميس": "khamis", "صبحي": "subhi", "فريد": "farid", "مثني": "muthanna",
    "عبدربه": "abdrabbo", "مني": "mona", "باقر": "baqir", "هناء": "hanaa", "بلال": "bilal",
    "سمير": "samir", "وائل": "wael", "باشا": "pasha", "وليد": "walid", "فؤاد": "fouad",
    "جميله": "jamila", "اسامه": "osama", "انس": "anas", "جلال": "jalal", "عيد": "eid",
    "مراد": "murad", "امل": "amal", "اميره": "amira", "ايمان": "iman", "خديجه": "khadija",
    "يونس": "younis", "طارق": "tariq", "ضياء": "diaa", "عارف": "aref", "وحيد": "waheed",
    "سعاد": "suad", "درويش": "darwish", "عمرو": "amr", "زكريا": "zakaria", "نور": "nour",
    "هدي": "huda", "مريم": "maryam", "ليلي": "laila", "رقيه": "ruqaya", "سميره": "samira",
    "عائشه": "aisha", "جورج": "george", "جوزيف": "joseph", "ميشال": "michel", "يعقوب": "yacoub",
    "ايليا": "elia", "عبدالحسين": "abdelhussein", "رؤوف": "raouf", "مؤمن": "moamen",
    "شيخه": "shaikha", "عوده": "awda", "بشير": "bashir", "منير": "munir", "نادر": "nader",
    "حسام": "hussam", "هشام": "hisham", "عصام": "issam", "نزار": "nizar", "معن": "maan",
    "عماد": "imad", "اياد": "iyad", "زياد": "ziad", "رائد": "raed", "فهد": "fahd",
    "نايف": "nayef", "تقي": "taqi", "امير": "amir", "غلام": "ghulam", "نعمت": "nemat", "مشعل": "mishal", "بندر": "bandar", "سعود": "saud", "ثامر": "thamer",
}
COMMON_IRN = {
    "محمد": "mohammad", "احمد": "ahmad", "حسين": "hossein", "حسن": "hassan", "علي": "ali",
    "رضا": "reza", "مهدي": "mehdi", "جواد": "javad", "حميد": "hamid", "قاسم": "ghasem",
    "كاظم": "kazem", "مصطفي": "mostafa", "اسماعيل": "esmaeil", "ابراهيم": "ebrahim",
    "يوسف": "yousef", "موسي": "mousa", "عيسي": "eisa", "الله": "ollah", "اله": "ollah",
    "عبدالله": "abdollah", "روح": "rouh", "زاده": "zadeh", "نژاد": "nejad", "پور": "pour",
    "نيا": "nia", "فر": "far", "ابادي": "abadi", "حسيني": "hosseini", "موسوي": "mousavi",
    "هاشمي": "hashemi", "احمدي": "ahmadi", "محمدي": "mohammadi", "غلام": "gholam",
    "مرتضي": "morteza", "مسعود": "masoud", "مجيد": "majid", "سعيد": "saeed", "جعفر": "jafar",
    "امير": "amir", "اكبر": "akbar", "ناصر": "naser", "نادر": "nader", "محسن": "mohsen",
    "فاطمه": "fatemeh", "زهره": "zohreh", "طيبه": "tayebeh", "عباس": "abbas", "هادي": "hadi",
    "محمود": "mahmoud", "منصور": "mansour", "كمال": "kamal", "شمس": "shams", "ثاني": "sani",
    "الدين": "oddin", "ابوالقاسم": "abolghasem", "ابوالفضل": "abolfazl", "بهرام": "bahram",
    "بهروز": "behrouz", "ايرج": "iraj", "بيژن": "bijan", "جمشيد": "jamshid", "مهرداد": "mehrdad",
    "اميد": "omid", "الياس": "elyas", "حجت": "hojjat", "عبدالكريم": "abdolkarim",
    "عبدالرضا": "abdolreza", "عطاالله": "ataollah", "اسفنديار": "esfandiar", "نوري": "nouri",
    "رجايي": "rajaei", "رضايي": "rezaei", "ابوترابي": "aboutorabi", "توكلي": "tavakoli",
}

# Given-name heads that are written glued to the next name (mostly Persian: محمدتقي، غلامحسين).
GLUED_HEADS = ("محمد", "غلام", "امير", "علي", "حسين")

LETTERS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
    "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "dh", "ع": "", "غ": "gh",
    "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ء": "",
    "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "و": "w", "ي": "y",
}
LETTERS_IRN = dict(LETTERS, **{"ث": "s", "ذ": "z", "ض": "z", "ظ": "z", "ق": "gh", "و": "v",
                               "ص": "s", "ط": "t"})
ALEFS = {"ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a"}


def _units(word: str, persian: bool) -> list[tuple[str, str]]:
    """Split a word into (kind, latin) units; kind is C (consonant), V (long vowel), D (diphthong)."""
    table = LETTERS_IRN if persian else LETTERS
    chars = [c for c in word if c not in "\u0640" and not DIACRITICS.match(c)]
    units: list[tuple[str, str]] = []
    n = len(chars)
    for i, c in enumerate(chars):
        nxt = chars[i + 1] if i + 1 < n else ""
        prev_kind = units[-1][0] if units else ""
        if c in ALEFS:
            units.append(("V", ALEFS[c]))
        elif c in ("ى",):
            units.append(("V", "a"))
        elif c == "ة":
            units.append(("V", "a"))
        elif c == "ئ":
            units.append(("V", "e" if prev_kind == "V" else "i"))
        elif c == "ؤ":
            units.append(("V", "o"))
        elif c in ("و", "ي"):
            next_is_vowel = nxt in ALEFS or nxt in ("ى", "ة", "و", "ي")
            if i == 0 or prev_kind in ("V", "D") or (next_is_vowel and nxt not in ("و", "ي")):
                units.append(("C", table[c]))
            elif i == 1 and n - i > 2 and c == "ي":
                units.append(("D", "ai"))
            else:
                if c == "و":
                    units.append(("V", "o" if persian else "ou"))
                else:
                    units.append(("V", "i"))
        elif c == "ه" and i == n - 1 and prev_kind == "C":
            units.append(("V", "eh" if persian else "a"))
        elif c in table:
            units.append(("C", table[c]))
        # anything else (punctuation, unknown letters) is dropped
    return units


def _romanise_stem(word: str, persian: bool) -> str:
    units = _units(word, persian)
    out: list[str] = []
    voweled: list[bool] = []  # whether a short vowel was written after unit i
    for i, (kind, lat) in enumerate(units):
        if kind != "C":
            out.append(lat)
            voweled.append(False)
            continue
        if lat == "" and out and out[-1].endswith("a") and word[0] != "ء":
            lat = "a"  # ع after a short a: saadoun, jaafar
        out.append(lat)
        nxt = units[i + 1] if i + 1 < len(units) else None
        add = ""
        if nxt is not None and nxt[0] == "C":
            prev = units[i - 1] if i > 0 else None
            if i == 0:
                add = "a"
            elif prev[0] == "V":
                # after a long vowel: fa:CiC pattern only before the word's last consonant
                add = "e" if i + 2 == len(units) else ""
            elif prev[0] == "D":
                add = "a"
            elif voweled[i - 1]:
                add = ""
            else:
                add = "a"
        out.append(add)
        voweled.append(bool(add))
    s = "".join(out)
    s = re.sub(r"(.)\1\1+", r"\1\1", s)
    return s


def _lookup(key: str, persian: bool) -> str | None:
    if persian and key in COMMON_IRN:
        return COMMON_IRN[key]
    return COMMON.get(key)


def romanise_word(word: str, persian: bool) -> list[str]:
    """Romanise one Arabic word; may return two words (ابوبكر -> abu bakr)."""
    key = norm_key(word)
    hit = _lookup(key, persian)
    if hit:
        return [hit]
    if key.startswith("عبدال") and len(key) > 5:  # عبدالرحمن -> abdelrahman
        rest = key[5:]
        head = "abdol" if persian else "abdel"
        return [head + (_lookup(rest, persian) or _romanise_stem(rest, persian))]
    if key.startswith("ابو") and len(key) > 4:  # ابوبكر -> abu bakr
        return ["abu"] + romanise_word(word[3:], persian)
    if key.startswith("ال") and len(key) > 3:  # الشامسي -> al-shamsi
        rest = word[2:]
        hit = _lookup(norm_key(rest), persian)
        return ["al-" + (hit or _romanise_stem(rest, persian))]
    # glued compounds of known names: محمدرضا, حسينزاده, عبدعلي
    for cut in range(3, len(key) - 1):
        a, b = _lookup(key[:cut], persian), _lookup(key[cut:], persian)
        if a and b:
            return [a + b]
    for head in GLUED_HEADS:  # محمدتقي -> mohammedtaqi, غلامحسين -> gholamhossein
        if key.startswith(head) and len(key) - len(head) >= 3 and _lookup(head, persian):
            return [_lookup(head, persian) + _romanise_stem(key[len(head):], persian)]
    return [_romanise_stem(word, persian)]


def romanise(name_ar: str, iso3: str) -> str:
    persian = iso3 == "IRN"
    words = name_ar.split()
    latin: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        k = norm_key(w)
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if k == "عبد" and norm_key(nxt).startswith("ال") and len(norm_key(nxt)) > 2:
            rest = norm_key(nxt)[2:]
            if rest == "له":  # عبد الله
                latin.append("abdollah" if persian else "abdullah")
            else:
                head = "abdol" if persian else "abdel"
                latin.append(head + (_lookup(rest, persian) or _romanise_stem(nxt[2:], persian)))
            i += 2
            continue
        latin.extend(romanise_word(w, persian))
        i += 1
    latin = [w for w in latin if w]

    def cap(w: str) -> str:
        if w in ("bin", "bint", "ibn"):
            return w
        if w.startswith("al-") and len(w) > 3:
            return "al-" + w[3].upper() + w[4:]
        return w[:1].upper() + w[1:]

    out = [cap(w) for w in latin]
    if out:
        out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out)


# ---------------------------------------------------------------------------------------------
# English names and ids

TRANSLIT = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                          "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "’": "'"})


def clean_english(name: str) -> str:
    name = " ".join(name.split())
    name = re.sub(r"^(Dr\.?|DR\.?|Prof\.?|Sheikh|Shaikh)\s+", "", name)
    name = re.sub(r"(?<=[A-Za-z])\.(?=[A-Za-z]{2})", ". ", name)  # J.ALZAABI -> J. ALZAABI
    if name.isupper():
        name = " ".join(w.capitalize() if not re.match(r"^[A-Z]\.$", w) else w for w in name.split())
    return name


def slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", name.translate(TRANSLIT))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("'", "")
    s = re.sub(r"[^a-z0-9\-]+", " ", s)
    s = re.sub(r"\s*-\s*", "-", s.strip())
    return "_".join(s.split()).strip("_-")


def gender_code(g: str) -> str | None:
    return {"male": "m", "female": "f"}.get(g.strip().lower())


# ---------------------------------------------------------------------------------------------


def build(rows: list[dict]) -> tuple[list[dict], Counter]:
    stats: Counter = Counter()
    people = []
    for row in rows:
        iso3 = (row.get("country_iso3") or "").split("|")[0].strip()
        raw_names = [row.get("name_ar") or ""] + [
            x for x in (row.get("other_names_ar") or "").split(" | ") if x.strip()]
        names: list[str] = []
        seen = set()
        for raw in raw_names:
            for f in clean_arabic(raw, iso3):
                k = norm_key(f)
                if k not in seen:
                    seen.add(k)
                    names.append(f)
        if not names:
            stats["skipped_no_arabic_name"] += 1
            continue
        name_en = clean_english(row.get("name_en") or "")
        if len(name_en.split()) >= 2:
            name = name_en
            stats["name_from_english"] += 1
        else:
            name = romanise(names[0], iso3)
            stats["name_romanised"] += 1
        body = " / ".join(b.strip() for b in (row.get("body") or "").split("|") if b.strip())
        end = (row.get("last_end") or "").strip() or None
        if end is None:
            end = TERM_END.get((iso3, (row.get("body") or "").strip()))
            if end:
                stats["end_from_term"] += 1
        person = {
            "id": None,
            "name": name,
            "wikidata": (row.get("wikidata") or "").strip() or None,
            "gender": gender_code(row.get("gender") or ""),
            "country": iso3,
            "names_ar": names,
            "short_ar": [],
            "roles": [{
                "office": "legislator", "title": body, "country": iso3, "org": None,
                "sector": "LEG", "start": (row.get("first_start") or "").strip() or None, "end": end,
            }],
            "source": "everypolitician",
        }
        people.append(person)

    # ids: slug of the name; colliding slugs all get _<iso3>_ep<n>
    bases = [slug(p["name"]) for p in people]
    counts = Counter(bases)
    seq: defaultdict[str, int] = defaultdict(int)
    used: set[str] = set()
    for p, base in zip(people, bases, strict=True):
        pid = base
        if counts[base] > 1:
            while True:
                seq[base] += 1
                pid = f"{base}_{p['country'].lower()}_ep{seq[base]}"
                if pid not in used:
                    break
            stats["id_suffixed"] += 1
        used.add(pid)
        p["id"] = pid
    stats["written"] = len(people)
    return people, stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    ap.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = ap.parse_args(argv)
    with args.input.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    people, stats = build(rows)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8") as out:
        for p in people:
            out.write(json.dumps(p, ensure_ascii=False) + "\n")
    print(f"read {len(rows)} rows -> {args.output}", file=sys.stderr)
    for k, v in sorted(stats.items()):
        print(f"  {k}: {v}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
