#!/usr/bin/env python3
"""Check countries.jsonl, places.jsonl and places_curated.jsonl (docs/kb-format.md).

Every line parses; ids unique; required keys present; Arabic names contain Arabic letters and
no Latin letters; country codes are 3 upper-case letters known to countries.jsonl (places of kind
sea/region/site spanning several states may have country null); admin points to a place id;
no place name is in build_places.STOPLIST.  Exits 1 and lists the problems on failure.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_places import STOPLIST, norm  # noqa: E402

KB = Path(__file__).resolve().parents[1] / "src" / "marsad" / "data" / "kb"
ARABIC = re.compile(r"[\u0621-\u064A]")
LATIN = re.compile(r"[A-Za-z]")
ISO3 = re.compile(r"^[A-Z]{3}$")
PLACE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
KINDS = {"city", "town", "camp", "crossing", "region", "governorate", "site", "neighbourhood", "sea"}
COUNTRY_KEYS = ("id", "iso2", "name", "names_ar", "nisba_ar", "capital", "capital_ar", "metonyms_ar", "region")
PLACE_KEYS = ("id", "name", "names_ar", "country", "kind", "lat", "lon", "geonameid", "admin")

errors: list[str] = []


def err(where: str, msg: str) -> None:
    errors.append(f"{where}: {msg}")


def load(path: Path) -> list[tuple[str, dict]]:
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{i}"
        if not line.strip():
            err(where, "empty line")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            err(where, f"bad JSON: {e}")
            continue
        if not isinstance(obj, dict):
            err(where, "not an object")
            continue
        out.append((where, obj))
    return out


def arabic_list(where: str, obj: dict, key: str, nonempty: bool = True) -> None:
    v = obj.get(key)
    if not isinstance(v, list) or (nonempty and not v):
        err(where, f"{key} must be a {'non-empty ' if nonempty else ''}list")
        return
    if len(set(v)) != len(v):
        err(where, f"{key} has duplicates")
    for s in v:
        if not isinstance(s, str) or not ARABIC.search(s) or LATIN.search(s) or s != s.strip():
            err(where, f"{key}: not a clean Arabic string: {s!r}")


def unique_ids(rows, label):
    seen = {}
    for where, obj in rows:
        i = obj.get("id")
        if i in seen:
            err(where, f"duplicate id {i!r} (also {seen[i]})")
        seen[i] = where
    return set(seen)


def check_countries() -> set[str]:
    rows = load(KB / "countries.jsonl")
    for where, c in rows:
        for k in COUNTRY_KEYS:
            if k not in c:
                err(where, f"missing key {k}")
        if not ISO3.match(str(c.get("id"))):
            err(where, f"id {c.get('id')!r} is not 3 upper-case letters")
        if not re.match(r"^[A-Z]{2}$", str(c.get("iso2"))):
            err(where, f"iso2 {c.get('iso2')!r}")
        for k in ("names_ar", "capital_ar"):
            arabic_list(where, c, k)
        for k in ("nisba_ar", "metonyms_ar"):
            arabic_list(where, c, k, nonempty=False)
    ids = unique_ids(rows, "countries")
    if len({c.get("iso2") for _, c in rows}) != len(rows):
        err("countries.jsonl", "duplicate iso2")
    for need in ("PSE", "KOS", "ESH", "TWN", "USA", "ISR", "EGY"):
        if need not in ids:
            err("countries.jsonl", f"{need} missing")
    if len(rows) != 197:
        err("countries.jsonl", f"{len(rows)} countries, expected 193 UN members + 4 = 197")
    return ids


def check_places(path: Path, countries: set[str], all_ids: set[str] | None = None):
    rows = load(path)
    ids = unique_ids(rows, path.name)
    ref = all_ids if all_ids is not None else ids
    for where, p in rows:
        for k in PLACE_KEYS:
            if k not in p:
                err(where, f"missing key {k}")
        pid = str(p.get("id"))
        if not PLACE_ID.match(pid):
            err(where, f"bad id {pid!r}")
        arabic_list(where, p, "names_ar")
        for s in p.get("names_ar") or []:
            if isinstance(s, str) and norm(s) in STOPLIST:
                err(where, f"stoplisted name {s!r}")
        cc = p.get("country")
        if cc is None:
            if p.get("kind") not in ("sea", "region", "site"):
                err(where, f"country null for kind {p.get('kind')!r}")
        elif not ISO3.match(str(cc)) or cc not in countries:
            err(where, f"country {cc!r} is not a 3-letter code in countries.jsonl")
        if p.get("kind") not in KINDS:
            err(where, f"kind {p.get('kind')!r}")
        lat, lon = p.get("lat"), p.get("lon")
        if (lat is None) != (lon is None):
            err(where, "lat/lon: one is null")
        elif lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
            err(where, f"lat/lon out of range {lat},{lon}")
        g = p.get("geonameid")
        if g is not None and not (isinstance(g, int) and g > 0):
            err(where, f"geonameid {g!r}")
        a = p.get("admin")
        if a is not None and a not in ref:
            err(where, f"admin {a!r} is not a place id")
    return rows, ids


def main() -> int:
    countries = check_countries()
    places, place_ids = check_places(KB / "places.jsonl", countries)
    curated, cur_ids = check_places(KB / "places_curated.jsonl", countries, place_ids)
    missing = cur_ids - place_ids
    if missing:
        err("places.jsonl", f"curated ids missing from the build: {sorted(missing)[:10]}")
    n_names = sum(len(p["names_ar"]) for _, p in places)
    print(f"countries: {len(countries)}; places: {len(places)} ({len(curated)} curated), "
          f"{n_names} Arabic place names")
    if errors:
        print(f"{len(errors)} problem(s):")
        for e in errors[:200]:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
