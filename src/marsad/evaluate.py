"""``marsad eval``: score an output folder against gold annotations (spec: gold-format.md)."""

from __future__ import annotations

import difflib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCORED_FIGURE_KINDS = {"killed", "wounded", "hostages", "detained", "displaced", "aid"}


def canon_id(x: str) -> str:
    return x.lower().replace(" ", "_").replace("-", "_")


def _map_id(pred: str, gold_ids: set[str]) -> str:
    """A predicted id that is not in the gold is taken as the closest gold id when ≥ 80% alike."""
    p = canon_id(pred)
    if p in gold_ids or not gold_ids:
        return p
    best, score = p, 0.0
    for g in sorted(gold_ids):
        r = difflib.SequenceMatcher(None, p, g).ratio()
        if r > score:
            best, score = g, r
    return best if score >= 0.8 else p


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += bool(ok)


@dataclass
class Report:
    consult: Tally = field(default_factory=Tally)
    mode: Accuracy = field(default_factory=Accuracy)
    date: Accuracy = field(default_factory=Accuracy)
    location: Accuracy = field(default_factory=Accuracy)
    persons: Tally = field(default_factory=Tally)
    figures: Tally = field(default_factory=Tally)
    approx: Accuracy = field(default_factory=Accuracy)
    pub_date: Accuracy = field(default_factory=Accuracy)
    docs: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def as_dict(self) -> dict[str, Any]:
        def t(x: Tally) -> dict[str, Any]:
            return {"precision": round(x.precision, 4), "recall": round(x.recall, 4), "f1": round(x.f1, 4),
                    "tp": x.tp, "fp": x.fp, "fn": x.fn}

        def a(x: Accuracy) -> dict[str, Any]:
            return {"accuracy": round(x.value, 4), "right": x.right, "total": x.total}

        return {
            "consult": t(self.consult), "mode": a(self.mode), "date": a(self.date),
            "location": a(self.location), "persons": t(self.persons), "figures": t(self.figures),
            "approx": a(self.approx), "pub_date": a(self.pub_date), "misses": dict(self.docs),
        }


def _load_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _actors(ev: dict[str, Any]) -> set[str]:
    ids = set()
    for key in ("source", "target", "participants"):
        for a in ev.get(key) or []:
            ids.add(a["id"])
    return ids


def _loc_ok(pred: dict[str, Any] | None, gold: Any) -> bool:
    name = (pred or {}).get("name") if pred else None
    if gold is None:
        return name is None
    golds = gold if isinstance(gold, list) else [gold]
    return name is not None and name.lower() in {g.lower() for g in golds}


def evaluate(gold_dir: str | Path, out_dir: str | Path) -> Report:
    gold_dir, out_dir = Path(gold_dir), Path(out_dir)
    by_doc: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for name in ("documents", "entities", "events", "figures"):
        for rec in _load_jsonl(out_dir / f"{name}.jsonl"):
            by_doc[rec["doc_id"]][name].append(rec)
    rep = Report()
    for gpath in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        doc_id = gold["doc_id"]
        pred = by_doc.get(doc_id, {})
        misses = rep.docs[doc_id]
        if not pred.get("documents"):
            misses.append("document missing from the output")
        else:
            rep.pub_date.add(pred["documents"][0].get("pub_date") == gold.get("pub_date"))
        _score_consult(gold, pred.get("events", []), rep, misses)
        _score_persons(gold, pred.get("entities", []), rep, misses)
        _score_figures(gold, pred.get("figures", []), rep, misses)
        if not misses:
            del rep.docs[doc_id]
    return rep


def _score_consult(gold: dict, events: list[dict], rep: Report, misses: list[str]) -> None:
    gold_items = gold.get("consult", [])
    gold_ids = {canon_id(p) for g in gold_items for p in g["participants"]}
    preds = []
    for ev in events:
        if ev.get("event_type") != "CONSULT":
            continue
        preds.append((ev, {_map_id(a, gold_ids) for a in _actors(ev)}))
    golds = [(g, {canon_id(p) for p in g["participants"]}) for g in gold_items]
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for optional_pass in (False, True):
        cands = []
        for gi, (g, gset) in enumerate(golds):
            if bool(g.get("optional")) != optional_pass:
                continue
            need = 1 if len(gset) == 1 else 2
            for pi, (_, pset) in enumerate(preds):
                ov = len(gset & pset)
                if ov >= need:
                    cands.append((-ov, gi, pi))
        for _, gi, pi in sorted(cands):
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            if not optional_pass:
                pairs.append((golds[gi][0], preds[pi][0]))
    rep.consult.tp += len(pairs)
    for gi, (g, _) in enumerate(golds):
        if not g.get("optional") and gi not in used_g:
            rep.consult.fn += 1
            misses.append(f"CONSULT missed: {'+'.join(g['participants'])} ({g['mode']}) «{g['evidence'][:70]}»")
    for pi, (ev, pset) in enumerate(preds):
        if pi not in used_p:
            rep.consult.fp += 1
            misses.append(f"CONSULT extra: {'+'.join(sorted(pset))} ({ev.get('mode')}) "
                          f"«{ev['evidence']['text'][:70]}»")
    for g, ev in pairs:
        ok = ev.get("mode") == g.get("mode")
        rep.mode.add(ok)
        if not ok:
            misses.append(f"mode {ev.get('mode')} != gold {g.get('mode')}: {'+'.join(g['participants'])}")
        ok = ev.get("date") == g.get("date")
        rep.date.add(ok)
        if not ok:
            misses.append(f"date {ev.get('date')} != gold {g.get('date')}: {'+'.join(g['participants'])}")
        ok = _loc_ok(ev.get("location"), g.get("location"))
        rep.location.add(ok)
        if not ok:
            misses.append(f"location {(ev.get('location') or {}).get('name')} != gold {g.get('location')}")


def _score_persons(gold: dict, entities: list[dict], rep: Report, misses: list[str]) -> None:
    gold_set = {canon_id(p) for p in gold.get("persons", [])}
    optional = {canon_id(p) for p in gold.get("persons_optional", [])}
    pred = set()
    for e in entities:
        if e.get("kind") != "person" or e.get("in_boilerplate"):
            continue
        pred.add(_map_id(e["id"], gold_set | optional))
    pred -= optional
    rep.persons.tp += len(pred & gold_set)
    for p in sorted(gold_set - pred):
        rep.persons.fn += 1
        misses.append(f"person missed: {p}")
    for p in sorted(pred - gold_set):
        rep.persons.fp += 1
        misses.append(f"person extra: {p}")


def _score_figures(gold: dict, figures: list[dict], rep: Report, misses: list[str]) -> None:
    golds = gold.get("figures", [])
    preds = [f for f in figures if f.get("what") in SCORED_FIGURE_KINDS]
    used_p: set[int] = set()
    matched = []
    for optional_pass in (False, True):
        for g in golds:
            if bool(g.get("optional")) != optional_pass:
                continue
            cands = [pi for pi, p in enumerate(preds) if pi not in used_p
                     and float(p["value"]) == float(g["value"]) and p["what"] == g["what"]]
            if not cands:
                if not optional_pass:
                    rep.figures.fn += 1
                    misses.append(f"figure missed: {g['value']} {g['what']} «{g['evidence'][:60]}»")
                continue
            same = [pi for pi in cands if preds[pi].get("approx") == g.get("approx")]
            pi = (same or cands)[0]
            used_p.add(pi)
            if not optional_pass:
                matched.append((g, preds[pi]))
    rep.figures.tp += len(matched)
    for pi, p in enumerate(preds):
        if pi not in used_p:
            rep.figures.fp += 1
            misses.append(f"figure extra: {p['value']} {p['what']} «{p['evidence']['text'][:60]}»")
    for g, p in matched:
        ok = p.get("approx") == g.get("approx")
        rep.approx.add(ok)
        if not ok:
            misses.append(f"approx {p.get('approx')} != gold {g.get('approx')} for {g['value']} {g['what']}")
