"""Load the knowledge base once into lookup structures (an Aho-Corasick automaton over every surface form)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import ahocorasick

from marsad.kb import schema
from marsad.resources import data_path, iter_jsonl, load_yaml
from marsad.text.normalize import normalize_key


@dataclass(frozen=True, slots=True)
class Role:
    office: str
    title: str | None
    country: str | None
    org: str | None
    sector: str | None
    start: dt.date | None
    end: dt.date | None

    def active(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(slots=True)
class KBEntry:
    id: str
    kind: str  # person | organization | country | place
    name: str
    name_ar: str
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    roles: tuple[Role, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def role_on(self, on: dt.date | None) -> Role | None:
        """The role held on a date (the most senior when several), or the latest when no date."""
        if not self.roles:
            return None
        if on is None:
            return None
        active = [r for r in self.roles if r.active(on)]
        if not active:
            return None
        return sorted(active, key=lambda r: _SENIORITY.get(r.office, 99))[0]


_SENIORITY = {o: i for i, o in enumerate(
    "head_of_state crown_prince head_of_government deputy_head_of_government foreign_minister defense_minister "
    "interior_minister finance_minister national_security_advisor secretary_general group_leader chief_of_staff "
    "intelligence_chief speaker_of_parliament justice_minister other_minister envoy igo_official "
    "foreign_ministry_spokesperson government_spokesperson defense_ministry_spokesperson military_spokesperson "
    "group_spokesperson party_leader ambassador army_commander deputy_foreign_minister opposition_leader "
    "religious_leader legislator other".split())}


@dataclass(frozen=True, slots=True)
class Surface:
    entity_id: str
    kind: str
    via: str  # name | short | country | metonym | nisba | org | place | office | gov | counterpart | title


def _date(s: str | None, end: bool = False) -> dt.date | None:
    if not s:
        return None
    parts = [int(p) for p in s.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)
    if len(parts) == 2:
        y, m = parts
        if end:
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(y, m, 1)
    return dt.date(*parts)


@cache
def _family_first() -> frozenset[str]:
    return frozenset(load_yaml("lexicons", "romanization.yaml").get("family_name_first", []))


def _hyphened(forms: list[str], country: str | None) -> list[str]:
    """The Arabic forms of a name, and for the naming orders that put the family name first, each three-word form
    with its given-name syllables joined by a hyphen, as news writes them too ("مون جيه إن" → "مون جيه-إن")."""
    if country not in _family_first():
        return forms
    out = list(forms)
    for f in forms:
        ws = f.split()
        if len(ws) == 3:
            joined = f"{ws[0]} {ws[1]}-{ws[2]}"
            if joined not in out:
                out.append(joined)
    return out


_NISBA_SUFFIXES = ("", "ه", "ان", "ين", "ون", "تان", "تين", "ات")


def nisba_forms(base: str) -> list[str]:
    """Feminine, dual and plural forms of a nisba adjective (normalized: ة is ه).  In a nisba of two words
    ("كوري شمالي") every adjective agrees, and with the article each takes it ("الكوري الشمالي", the first
    article being a proclitic the scan strips)."""
    b = normalize_key(base)
    words = b.split()
    if not words[-1].endswith("ي"):
        return [b]
    if len(words) == 1:
        return [b + s for s in _NISBA_SUFFIXES]
    adjective = [w.endswith("ي") for w in words]
    out = []
    for s in _NISBA_SUFFIXES:
        agreed = [w + s if adj else w for w, adj in zip(words, adjective, strict=True)]
        out.append(" ".join(agreed))
        out.append(" ".join([agreed[0]] + ["ال" + w if adj else w for w, adj in zip(agreed[1:], adjective[1:], strict=True)]))
    return list(dict.fromkeys(out))


class KB:
    """The knowledge base: entries by id and an automaton over their normalized surface forms."""

    def __init__(self, root: Path | None = None):
        self.root = root or data_path("kb")
        self.entries: dict[str, KBEntry] = {}
        self.surfaces: dict[str, list[Surface]] = defaultdict(list)
        self.office_holders: dict[tuple[str, str], list[tuple[KBEntry, Role]]] = defaultdict(list)
        self.version = (self.root / "VERSION").read_text().strip() if (self.root / "VERSION").exists() else "0"
        self.counts: dict[str, int] = defaultdict(int)
        self.errors: list[str] = []
        self._qids: set[str] = set()
        self._load()
        self._load_lexicons()
        self.automaton = self._build_automaton()

    # -- loading --------------------------------------------------------------------------------
    def _files(self, name: str) -> list[Path]:
        p = self.root / name
        if p.is_dir():
            # curated files first: a generated file (everypolitician) never shadows a curated person
            return sorted(p.glob("*.jsonl"), key=lambda f: (f.name == "everypolitician.jsonl", f.name))
        return [p] if p.exists() else []

    def _load(self) -> None:
        res = schema.CheckResult()
        checks = (("countries.jsonl", schema.check_country, self._add_country),
                  ("organizations.jsonl", schema.check_organization, self._add_org),
                  ("places.jsonl", schema.check_place, self._add_place),
                  ("persons", schema.check_person, self._add_person))
        for name, check, add in checks:
            for path in self._files(name):
                for lineno, rec in iter_jsonl(path):
                    where = f"{path.name}:{lineno}"
                    before = len(res.errors)
                    check(rec, where, res)
                    if len(res.errors) > before:
                        continue
                    if rec["id"] in self.entries and name != "places.jsonl":
                        prev = self.entries[rec["id"]]
                        if name == "persons" and prev.kind == "person" and prev.extra.get("file") != path.name:
                            # one person from two files (an envoy who was a minister at home, a
                            # legislator who became one): spellings and roles are merged
                            self._merge_person(prev, rec)
                            continue
                        res.add(where, f"duplicate id {rec['id']!r}")
                        continue
                    rec.setdefault("_file", path.name)
                    add(rec)
        self.errors = res.errors

    def _surface(self, form: str, sf: Surface) -> None:
        key = normalize_key(form)
        if len(key) < 2:
            return
        lst = self.surfaces[key]
        if sf not in lst:
            lst.append(sf)
            self.counts["surface_forms"] += 1

    def _add_person(self, rec: dict[str, Any]) -> None:
        qid = rec.get("wikidata")
        if qid and qid in self._qids:
            return  # the same person from a second source (by Wikidata id)
        if rec.get("source") == "everypolitician":
            # a legislator who is also a curated person (same Arabic full name): enrich, don't double
            for form in rec["names_ar"]:
                same = [s for s in self.surfaces.get(normalize_key(form), [])
                        if s.via == "name" and self.entries[s.entity_id].extra.get("source") != "everypolitician"]
                if len({s.entity_id for s in same}) == 1:
                    self._merge_person(self.entries[same[0].entity_id], rec)
                    return
        if qid:
            self._qids.add(qid)
        roles = tuple(
            Role(r["office"], r.get("title"), r.get("country"), r.get("org"), r.get("sector"),
                 _date(r.get("start")), _date(r.get("end"), end=True))
            for r in rec.get("roles", [])
        )
        e = KBEntry(rec["id"], "person", rec["name"], rec["names_ar"][0], rec.get("country"),
                    None, rec.get("wikidata"), roles, {"source": rec.get("source"), "file": rec.get("_file")})
        self.entries[e.id] = e
        self.counts["persons"] += 1
        for form in _hyphened(rec["names_ar"], rec.get("country")):
            self._surface(form, Surface(e.id, "person", "name"))
            self.counts["arabic_variants"] += 1
        for form in rec.get("short_ar", []):
            self._surface(form, Surface(e.id, "person", "short"))
            self.counts["arabic_variants"] += 1
        for r in roles:
            if r.country:
                self.office_holders[(r.office, r.country)].append((e, r))
            if r.org:
                self.office_holders[(r.office, r.org)].append((e, r))

    def _merge_person(self, e: KBEntry, rec: dict[str, Any]) -> None:
        if rec.get("source") != "everypolitician":
            extra = tuple(
                Role(r["office"], r.get("title"), r.get("country"), r.get("org"), r.get("sector"),
                     _date(r.get("start")), _date(r.get("end"), end=True))
                for r in rec.get("roles", [])
            )
            e.roles = e.roles + tuple(r for r in extra if r not in e.roles)
            for r in extra:
                for key in (r.country, r.org):
                    if key:
                        self.office_holders[(r.office, key)].append((e, r))
            for form in rec.get("short_ar", []):
                self._surface(form, Surface(e.id, "person", "short"))
        for form in rec["names_ar"]:
            self._surface(form, Surface(e.id, "person", "name"))

    def _add_country(self, rec: dict[str, Any]) -> None:
        e = KBEntry(rec["id"], "country", rec["name"], rec["names_ar"][0], rec["id"], "GOV", None,
                    extra={"capital": rec.get("capital")})
        self.entries[e.id] = e
        self.counts["countries"] += 1
        for form in rec["names_ar"]:
            self._surface(form, Surface(e.id, "country", "country"))
            self.counts["arabic_variants"] += 1
        for form in rec.get("metonyms_ar", []) or []:
            self._surface(form, Surface(e.id, "country", "metonym"))
        for base in rec.get("nisba_ar", []) or []:
            for form in nisba_forms(base):
                self._surface(form, Surface(e.id, "country", "nisba"))

    def _add_org(self, rec: dict[str, Any]) -> None:
        e = KBEntry(rec["id"], "organization", rec["name"], rec["names_ar"][0], rec.get("country"),
                    rec.get("sector"), rec.get("wikidata"), extra={"type": rec.get("type")})
        self.entries[e.id] = e
        self.counts["organizations"] += 1
        for form in [*rec["names_ar"], *(rec.get("abbr") or [])]:
            self._surface(form, Surface(e.id, "organization", "org"))
            self.counts["arabic_variants"] += 1

    def _add_place(self, rec: dict[str, Any]) -> None:
        pid = rec["id"] if rec["id"] not in self.entries else f"place:{rec['id']}"
        e = KBEntry(pid, "place", rec["name"], rec["names_ar"][0], rec.get("country"),
                    extra={"lat": rec.get("lat"), "lon": rec.get("lon"), "kind": rec.get("kind")})
        self.entries[pid] = e
        self.counts["places"] += 1
        for form in rec["names_ar"]:
            self._surface(form, Surface(pid, "place", "place"))

    def _load_lexicons(self) -> None:
        roles = load_yaml("lexicons", "roles.yaml")
        for office, heads in roles["offices"].items():
            for h in heads:
                self._surface(h, Surface(office, "office", "office"))
        for h in roles["counterpart"]:
            self._surface(h, Surface("counterpart", "office", "counterpart"))
        gov = load_yaml("lexicons", "government.yaml")
        for sector, heads in gov["heads"].items():
            for h in heads:
                self._surface(h, Surface(sector, "gov", "gov"))

    def _build_automaton(self) -> ahocorasick.Automaton:
        a = ahocorasick.Automaton()
        for key in self.surfaces:
            a.add_word(key, key)
        a.make_automaton()
        return a

    # -- lookups --------------------------------------------------------------------------------
    def holders(self, office: str, country: str, on: dt.date | None) -> list[KBEntry]:
        """Persons holding ``office`` for ``country`` (or organization) on a date."""
        found: dict[str, KBEntry] = {}  # by id: one entry per person, in the order of their roles
        for e, r in self.office_holders.get((office, country), []):
            if on is not None and r.active(on):
                found.setdefault(e.id, e)
        return list(found.values())

    def ever_held(self, office: str, country: str) -> list[KBEntry]:
        out: dict[str, KBEntry] = {}
        for e, _ in self.office_holders.get((office, country), []):
            out.setdefault(e.id, e)
        return list(out.values())


@cache
def load_kb(root: str | None = None) -> KB:
    """The knowledge base, loaded once per process."""
    return KB(Path(root) if root else None)
