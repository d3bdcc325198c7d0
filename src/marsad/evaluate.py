"""``marsad eval``: score an output folder against gold annotations (spec: gold-format.md)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.evaluate_events import (
    Accuracy,
    EventReport,
    Tally,
    canon_id,
    closest_id,
    score_document,
    score_merge,
)

SCORED_FIGURE_KINDS = {"killed", "wounded", "hostages", "detained", "displaced", "aid"}


def _map_id(pred: str, gold_ids: set[str]) -> str:
    """A predicted id that is not in the gold is taken as the closest gold id when ≥ 80% alike."""
    return closest_id(canon_id(pred), gold_ids)


def _alts(p: str | list[str]) -> set[str]:
    """A participant: one id, or (as annotators also write it) a list of acceptable ids."""
    return {canon_id(x) for x in ([p] if isinstance(p, str) else p)}


def _name(p: str | list[str]) -> str:
    return p if isinstance(p, str) else (p[0] if p else "?")


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
    events: EventReport = field(default_factory=EventReport)
    docs: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def as_dict(self) -> dict[str, Any]:
        scores = ("consult", "mode", "date", "location", "persons", "figures", "approx", "pub_date", "events")
        return {**{k: getattr(self, k).as_dict() for k in scores}, "misses": dict(self.docs)}


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


def load_texts(path: str | Path | None, gold_dir: Path) -> dict[str, str]:
    """Document texts by doc_id, to place gold evidence in the text: a ``docs.jsonl`` (``id``/``text``), a
    folder of ``<doc_id>.txt`` (or one holding ``texts/`` or ``docs.jsonl``). Without ``path``, the gold
    folder's parent is tried (the seeds keep their texts beside ``gold/``)."""
    cands = [Path(path)] if path else [gold_dir.parent]
    texts: dict[str, str] = {}
    for c in cands:
        if c.is_file():
            for rec in _load_jsonl(c):
                if isinstance(rec.get("text"), str):
                    texts[str(rec.get("id"))] = rec["text"]
            continue
        if (c / "docs.jsonl").is_file():
            return load_texts(c / "docs.jsonl", gold_dir)
        folder = c / "texts" if (c / "texts").is_dir() else c
        for f in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            texts[f.stem] = f.read_text(encoding="utf-8")
    return texts


def evaluate(gold_dir: str | Path, out_dir: str | Path | None = None, texts: str | Path | None = None,
             pred_gold: str | Path | None = None) -> Report:
    """Score ``out_dir`` (files of ``marsad run``), or another annotation ``pred_gold`` taken as the output
    (agreement between annotators), against the gold in ``gold_dir``."""
    gold_dir = Path(gold_dir)
    text_of = load_texts(texts, gold_dir)
    if pred_gold is not None:
        by_doc = gold_as_output(Path(pred_gold), text_of)
    else:
        by_doc = defaultdict(lambda: defaultdict(list))
        for name in ("documents", "entities", "events", "figures"):
            for rec in _load_jsonl(Path(out_dir) / f"{name}.jsonl"):
                by_doc[rec["doc_id"]][name].append(rec)
    rep = Report()
    matched = {}
    for gpath in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        if "doc_id" not in gold:
            continue  # events.json: what each merge label is
        doc_id = gold["doc_id"]
        pred = by_doc.get(doc_id, {})
        misses = rep.docs[doc_id]
        merge_only = bool(gold.get("merge_only"))
        if not pred.get("documents"):
            misses.append("document missing from the output")
        elif not merge_only:
            rep.pub_date.add(pred["documents"][0].get("pub_date") == gold.get("pub_date"))
        if not merge_only:
            _score_consult(gold, pred.get("events", []), rep, misses)
            _score_persons(gold, pred.get("entities", []), rep, misses)
            _score_figures(gold, pred.get("figures", []), rep, misses)
        matched[doc_id] = score_document(doc_id, gold, pred.get("events", []), text_of.get(doc_id),
                                         rep.events, misses, extraction=not merge_only)
        if not misses:
            del rep.docs[doc_id]
    score_merge(matched, rep.events)
    return rep


def gold_as_output(gold_dir: Path, text_of: dict[str, str]) -> dict[str, dict[str, list]]:
    """Another annotation of the same documents in the shape of ``marsad run``'s records."""
    by_doc: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for gpath in sorted(gold_dir.glob("*.json")):
        g = json.loads(gpath.read_text(encoding="utf-8"))
        if "doc_id" not in g:
            continue
        d, text = g["doc_id"], text_of.get(g["doc_id"])
        by_doc[d]["documents"].append({"doc_id": d, "pub_date": g.get("pub_date")})
        for p in g.get("persons") or []:
            by_doc[d]["entities"].append({"doc_id": d, "id": p, "kind": "person"})
        for f in g.get("figures") or []:
            by_doc[d]["figures"].append({**f, "doc_id": d, "evidence": _span(f["evidence"], text)})
        for c in g.get("consult") or []:
            by_doc[d]["events"].append({
                "doc_id": d, "event_type": "CONSULT", "mode": c.get("mode"), "date": c.get("date"),
                "status": c.get("status"), "location": {"name": c["location"] if isinstance(c.get("location"), str)
                                                         else (c.get("location") or [None])[0]}
                if c.get("location") else None,
                "source": [], "target": [], "participants": [_actor([p] if isinstance(p, str) else p)
                                                            for p in c.get("participants") or []],
                "evidence": _span(c["evidence"], text),
                "also_evidence": [_span(a, text) for a in c.get("also") or []]})
        for e in g.get("events") or []:
            by_doc[d]["events"].append({
                "doc_id": d, "event_type": e["type"], "mode": e.get("mode"), "date": e.get("date"),
                "status": e.get("status"), "source": [_actor(a) for a in e.get("source") or [] if a],
                "target": [_actor(a) for a in e.get("target") or [] if a], "participants": [],
                "evidence": _span(e["evidence"], text), "also_evidence": [_span(a, text) for a in e.get("also") or []]})
    return by_doc


def _span(s: str, text: str | None) -> dict[str, Any]:
    i = text.find(s) if text else -1
    return {"text": s, "start": i if i >= 0 else None, "end": i + len(s) if i >= 0 else None}


def _actor(ids: list[str]) -> dict[str, Any]:
    """An annotator's actor (a list of acceptable ids) as one predicted actor: the first id, its country."""
    codes = [i for i in ids if len(i) == 3 and i.isupper()]
    names = [i for i in ids if i not in codes]
    if names:
        return {"id": names[0], "kind": "person", "country": codes[0] if codes else None}
    return {"id": codes[0], "kind": "country", "country": codes[0]}


def _score_consult(gold: dict, events: list[dict], rep: Report, misses: list[str]) -> None:
    gold_items = gold.get("consult", [])
    gold_ids = {i for g in gold_items for p in g["participants"] for i in _alts(p)}
    preds = []
    for ev in events:
        if ev.get("event_type") != "CONSULT":
            continue
        preds.append((ev, {_map_id(a, gold_ids) for a in _actors(ev)}))
    golds = [(g, [_alts(p) for p in g["participants"]]) for g in gold_items]
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
                ov = sum(1 for alts in gset if alts & pset)
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
            misses.append(f"CONSULT missed: {'+'.join(map(_name, g['participants']))} ({g['mode']}) «{g['evidence'][:70]}»")
    for pi, (ev, pset) in enumerate(preds):
        if pi not in used_p:
            rep.consult.fp += 1
            misses.append(f"CONSULT extra: {'+'.join(sorted(pset))} ({ev.get('mode')}) "
                          f"«{ev['evidence']['text'][:70]}»")
    for g, ev in pairs:
        ok = ev.get("mode") == g.get("mode")
        rep.mode.add(ok)
        if not ok:
            misses.append(f"mode {ev.get('mode')} != gold {g.get('mode')}: {'+'.join(map(_name, g['participants']))}")
        ok = ev.get("date") == g.get("date")
        rep.date.add(ok)
        if not ok:
            misses.append(f"date {ev.get('date')} != gold {g.get('date')}: {'+'.join(map(_name, g['participants']))}")
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
