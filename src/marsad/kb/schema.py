"""Schema checks of the knowledge-base files: a bad entry fails with its file and line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

OFFICES = frozenset(
    """head_of_state head_of_government deputy_head_of_government crown_prince foreign_minister
    deputy_foreign_minister defense_minister interior_minister finance_minister justice_minister other_minister
    government_spokesperson foreign_ministry_spokesperson defense_ministry_spokesperson military_spokesperson
    national_security_advisor intelligence_chief chief_of_staff army_commander speaker_of_parliament ambassador
    envoy secretary_general igo_official party_leader group_leader group_spokesperson religious_leader
    opposition_leader legislator other""".split()
)
SECTORS = frozenset(
    "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE REL SOC "
    "NGO IGO".split()
)
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_\-.']*$")
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")
_ARABIC_RE = re.compile(r"[\u0621-\u064A]")


@dataclass
class CheckResult:
    errors: list[str] = field(default_factory=list)

    def add(self, where: str, msg: str) -> None:
        self.errors.append(f"{where}: {msg}")


def _arabic_list(rec: dict[str, Any], key: str, where: str, res: CheckResult, required: bool) -> None:
    val = rec.get(key, [] if not required else None)
    if not isinstance(val, list) or (required and not val):
        res.add(where, f"{key!r} must be a {'non-empty ' if required else ''}list of Arabic strings")
        return
    for s in val:
        if not isinstance(s, str) or not _ARABIC_RE.search(s):
            res.add(where, f"{key!r} has a value without Arabic letters: {s!r}")


def check_person(rec: dict[str, Any], where: str, res: CheckResult) -> None:
    for key in ("id", "name"):
        if not isinstance(rec.get(key), str) or not rec[key]:
            res.add(where, f"missing {key!r}")
    if isinstance(rec.get("id"), str) and not _ID_RE.match(rec["id"]):
        res.add(where, f"bad id {rec['id']!r}")
    _arabic_list(rec, "names_ar", where, res, required=True)
    _arabic_list(rec, "short_ar", where, res, required=False)
    country = rec.get("country")
    if country is not None and not (isinstance(country, str) and _ISO3_RE.match(country)):
        res.add(where, f"bad country {country!r}")
    roles = rec.get("roles", [])
    if not isinstance(roles, list):
        res.add(where, "'roles' must be a list")
        return
    for i, role in enumerate(roles):
        w = f"{where} role {i}"
        if not isinstance(role, dict):
            res.add(w, "must be an object")
            continue
        if role.get("office") not in OFFICES:
            res.add(w, f"unknown office {role.get('office')!r}")
        if role.get("sector") is not None and role["sector"] not in SECTORS:
            res.add(w, f"unknown sector {role['sector']!r}")
        rc = role.get("country")
        if rc is not None and not (isinstance(rc, str) and _ISO3_RE.match(rc)):
            res.add(w, f"bad country {rc!r}")
        for k in ("start", "end"):
            v = role.get(k)
            if v is not None and not (isinstance(v, str) and _DATE_RE.match(v)):
                res.add(w, f"bad {k} date {v!r}")


def check_country(rec: dict[str, Any], where: str, res: CheckResult) -> None:
    if not isinstance(rec.get("id"), str) or not _ISO3_RE.match(rec["id"]):
        res.add(where, f"bad country id {rec.get('id')!r}")
    if not isinstance(rec.get("name"), str):
        res.add(where, "missing 'name'")
    _arabic_list(rec, "names_ar", where, res, required=True)
    for key in ("nisba_ar", "metonyms_ar", "capital_ar"):
        _arabic_list(rec, key, where, res, required=False)


def check_organization(rec: dict[str, Any], where: str, res: CheckResult) -> None:
    if not isinstance(rec.get("id"), str) or not _ID_RE.match(rec["id"]):
        res.add(where, f"bad id {rec.get('id')!r}")
    if not isinstance(rec.get("name"), str):
        res.add(where, "missing 'name'")
    _arabic_list(rec, "names_ar", where, res, required=True)
    c = rec.get("country")
    if c is not None and not (isinstance(c, str) and _ISO3_RE.match(c)):
        res.add(where, f"bad country {c!r}")
    if rec.get("sector") is not None and rec["sector"] not in SECTORS:
        res.add(where, f"unknown sector {rec['sector']!r}")


def check_place(rec: dict[str, Any], where: str, res: CheckResult) -> None:
    if not isinstance(rec.get("id"), str) or not rec["id"]:
        res.add(where, "missing 'id'")
    if not isinstance(rec.get("name"), str):
        res.add(where, "missing 'name'")
    _arabic_list(rec, "names_ar", where, res, required=True)
    c = rec.get("country")
    if c is not None and not (isinstance(c, str) and _ISO3_RE.match(c)):
        res.add(where, f"bad country {c!r}")
    for k in ("lat", "lon"):
        v = rec.get(k)
        if v is not None and not isinstance(v, int | float):
            res.add(where, f"{k} must be a number")
