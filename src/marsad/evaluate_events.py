"""Scoring of events of every type, and of merging, against gold (spec: gold-format.md).

A predicted event matches a gold event of the same type in the same document when one of its evidence spans
(``evidence`` and ``also_evidence``) overlaps the gold ``evidence`` or one of its ``also`` clauses; failing
that, when they share an actor. Matching is one-to-one, best first (overlap before shared actors, larger
overlap first), non-optional gold before optional gold. The same matching with the type ignored gives the
untyped score, which tells missed events from mistyped ones; the confusion between types counts the untyped pairs
whose evidence overlaps (one clause read as two types), not those joined by a shared actor.

Spans of gold evidence are found in the document's text when it is known (``texts``); without the text, two
evidences overlap when they share a run of at least ``MIN_COMMON`` characters (or one holds the other).
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MACRO_MIN_GOLD = 5
MIN_COMMON = 12


def canon_id(x: str) -> str:
    """Ids compare ignoring case, with spaces, hyphens and underscores alike and parentheses dropped."""
    x = x.lower().replace("(", "").replace(")", "").strip()
    return x.replace(" ", "_").replace("-", "_")


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

    def as_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


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

    def as_dict(self) -> dict[str, Any]:
        return {"accuracy": round(self.value, 4), "right": self.right, "total": self.total}


@dataclass
class EventReport:
    by_type: dict[str, Tally] = field(default_factory=lambda: {t: Tally() for t in TYPES})
    gold_counts: Counter = field(default_factory=Counter)
    untyped: Tally = field(default_factory=Tally)
    actors: Tally = field(default_factory=Tally)
    date: Accuracy = field(default_factory=Accuracy)
    status: Accuracy = field(default_factory=Accuracy)
    mode: Accuracy = field(default_factory=Accuracy)
    confusion: Counter = field(default_factory=Counter)
    pairs: Tally = field(default_factory=Tally)
    pairs_extracted: Tally = field(default_factory=Tally)  # only pairs whose two items were both matched
    merge_items: Accuracy = field(default_factory=Accuracy)
    wrong_pairs: list[str] = field(default_factory=list)
    missed_pairs: list[str] = field(default_factory=list)

    @property
    def micro(self) -> Tally:
        t = Tally()
        for v in self.by_type.values():
            t.tp, t.fp, t.fn = t.tp + v.tp, t.fp + v.fp, t.fn + v.fn
        return t

    @property
    def macro_f1(self) -> float:
        scored = [self.by_type[t].f1 for t in TYPES if self.gold_counts[t] >= MACRO_MIN_GOLD]
        return sum(scored) / len(scored) if scored else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "by_type": {t: {**v.as_dict(), "gold": self.gold_counts[t]} for t, v in self.by_type.items()},
            "micro": self.micro.as_dict(),
            "macro_f1": round(self.macro_f1, 4),
            "macro_types": [t for t in TYPES if self.gold_counts[t] >= MACRO_MIN_GOLD],
            "untyped": self.untyped.as_dict(),
            "actors": self.actors.as_dict(),
            "date": self.date.as_dict(), "status": self.status.as_dict(), "mode": self.mode.as_dict(),
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
            "merge": {"pairwise": self.pairs.as_dict(), "pairwise_extracted": self.pairs_extracted.as_dict(),
                      "match_recall": self.merge_items.as_dict(),
                      "wrong_pairs": self.wrong_pairs, "missed_pairs": self.missed_pairs},
        }


# --- gold and predicted items, in one shape -----------------------------------------------------------------

@dataclass
class Item:
    type: str
    spans: list[tuple[int, int]]          # character spans in the text (may be empty when the text is unknown)
    texts: list[str]                      # the evidence strings
    source: list[set[str]]                # each actor: a set of acceptable ids
    target: list[set[str]]
    participants: list[set[str]]
    date: Any = None
    status: str | None = None
    mode: str | None = None
    optional: bool = False
    label: str | None = None
    canonical_id: str | None = None
    raw: dict = field(default_factory=dict)

    @property
    def all_actors(self) -> list[set[str]]:
        return self.source + self.target + self.participants

    @property
    def short(self) -> str:
        return (self.texts[0] if self.texts else "")[:70]


def _find_all(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle) if needle else -1
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def gold_items(gold: dict, text: str | None) -> list[Item]:
    items = []
    for g in gold.get("consult") or []:
        texts = [g["evidence"], *(g.get("also") or [])]
        items.append(Item("CONSULT", _spans(texts, text), texts, [], [],
                          [{canon_id(i) for i in ([p] if isinstance(p, str) else p)}
                           for p in g.get("participants") or []], g.get("date"), g.get("status"),
                          g.get("mode"), bool(g.get("optional")), g.get("event"), raw=g))
    for g in gold.get("events") or []:
        texts = [g["evidence"], *(g.get("also") or [])]
        items.append(Item(g["type"], _spans(texts, text), texts,
                          [{canon_id(i) for i in a} for a in g.get("source") or [] if a],
                          [{canon_id(i) for i in a} for a in g.get("target") or [] if a], [],
                          g.get("date"), g.get("status"), g.get("mode"), bool(g.get("optional")),
                          g.get("event"), raw=g))
    return items


def _spans(texts: list[str], text: str | None) -> list[tuple[int, int]]:
    if text is None:
        return []
    spans: list[tuple[int, int]] = []
    for t in texts:
        spans.extend(_find_all(text, t))
    return spans


def _actor_ids(a: dict) -> set[str]:
    ids = {canon_id(a["id"])}
    if a.get("country") and a.get("kind") in ("person", "organization"):
        ids.add(canon_id(a["country"]))
    return ids


def pred_items(events: list[dict]) -> list[Item]:
    items = []
    for ev in events:
        spans, texts = [], []
        for e in [ev.get("evidence"), *(ev.get("also_evidence") or [])]:
            if not e:
                continue
            texts.append(e.get("text") or "")
            if e.get("start") is not None:
                spans.append((e["start"], e["end"]))
        src = [_actor_ids(a) for a in ev.get("source") or []]
        tgt = [_actor_ids(a) for a in ev.get("target") or []]
        seen = {frozenset(s) for s in src + tgt}
        part = [_actor_ids(a) for a in ev.get("participants") or [] if frozenset(_actor_ids(a)) not in seen]
        items.append(Item(ev.get("event_type"), spans, texts, src, tgt, part, ev.get("date"), ev.get("status"),
                          ev.get("mode"), False, None, ev.get("canonical_id"), raw=ev))
    return items


def closest_id(x: str, gold_ids) -> str:
    """``x`` itself when it is a gold id (or there is none), else the gold id whose spelling is closest when
    they are ≥ 80 % alike (difflib ratio), else ``x`` (gold-format.md: romanizations of a name differ)."""
    if x in gold_ids or not gold_ids:
        return x
    best, score = x, 0.0
    for g in sorted(gold_ids):
        r = difflib.SequenceMatcher(None, x, g).ratio()
        if r > score:
            best, score = g, r
    return best if score >= 0.8 else x


def _map_ids(pred: list[Item], gold: list[Item]) -> None:
    """A predicted id not in the gold is read as the gold id whose spelling is closest (:func:`closest_id`)."""
    gold_ids = frozenset(i for g in gold for a in g.all_actors for i in a)
    if not gold_ids:
        return
    memo: dict[str, str] = {}

    def m(x: str) -> str:
        if x not in memo:
            memo[x] = closest_id(x, gold_ids)
        return memo[x]

    for p in pred:
        for group in (p.source, p.target, p.participants):
            for k, a in enumerate(group):
                group[k] = {m(i) for i in a}


# --- matching -----------------------------------------------------------------------------------------------

def _overlap(p: Item, g: Item) -> int:
    if p.spans and g.spans:
        best = 0
        for a, b in p.spans:
            for c, d in g.spans:
                best = max(best, min(b, d) - max(a, c))
        return best
    best = 0
    for pt in p.texts:
        for gt in g.texts:
            if not pt or not gt:
                continue
            if gt in pt or pt in gt:
                best = max(best, min(len(gt), len(pt)))
                continue
            sm = difflib.SequenceMatcher(None, pt, gt, autojunk=False)
            size = sm.find_longest_match(0, len(pt), 0, len(gt)).size
            if size >= MIN_COMMON:
                best = max(best, size)
    return best


def _shared_actors(p: Item, g: Item) -> int:
    return sum(1 for ga in g.all_actors if any(ga & pa for pa in p.all_actors))


def match(pred: list[Item], gold: list[Item], typed: bool = True) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index), non-optional gold first, best first."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for optional_pass in (False, True):
        cands = []
        for gi, g in enumerate(gold):
            if g.optional != optional_pass:
                continue
            for pi, p in enumerate(pred):
                if typed and p.type != g.type:
                    continue
                ov = _overlap(p, g)
                sh = _shared_actors(p, g)
                if ov > 0:
                    # two predictions told in one sentence overlap a gold clause alike: the one of its mode,
                    # then the one with its actors
                    cands.append((0, -ov, -int(p.mode == g.mode), -sh, gi, pi))
                elif sh:
                    cands.append((1, -sh, 0, 0, gi, pi))
        for *_, gi, pi in sorted(cands):
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def _actor_score(p: Item, g: Item, tally: Tally) -> None:
    if g.type == "CONSULT" or p.type == "CONSULT":
        roles = [(g.all_actors, p.all_actors)]
    else:
        roles = [(g.source, p.source), (g.target, p.target)]
    for gold_actors, pred_actors in roles:
        used: set[int] = set()
        for ga in gold_actors:
            hit = next((k for k, pa in enumerate(pred_actors) if k not in used and ga & pa), None)
            if hit is None:
                tally.fn += 1
            else:
                used.add(hit)
                tally.tp += 1
        tally.fp += len(pred_actors) - len(used)


def score_document(doc_id: str, gold: dict, events: list[dict], text: str | None, rep: EventReport,
                   misses: list[str], extraction: bool = True) -> list[tuple[Item, Item | None]]:
    """Score one document's events; returns each gold item with the prediction it matched (typed)."""
    golds = gold_items(gold, text)
    preds = pred_items(events)
    _map_ids(preds, golds)
    pairs = match(preds, golds, typed=True)
    matched_g = {gi: pi for gi, pi in pairs}
    matched_p = {pi for _, pi in pairs}
    if extraction:
        for g in golds:
            if not g.optional:
                rep.gold_counts[g.type] += 1
        for gi, pi in pairs:
            g, p = golds[gi], preds[pi]
            if g.optional:
                continue
            rep.by_type[g.type].tp += 1
            _actor_score(p, g, rep.actors)
            ok = p.date == g.date
            rep.date.add(ok)
            if not ok:
                misses.append(f"{g.type} date {p.date} != gold {g.date} «{g.short}»")
            ok = (p.status or "occurred") == (g.status or "occurred")
            rep.status.add(ok)
            if not ok:
                misses.append(f"{g.type} status {p.status} != gold {g.status} «{g.short}»")
            if g.mode:
                ok = p.mode == g.mode
                rep.mode.add(ok)
                if not ok:
                    misses.append(f"{g.type} mode {p.mode} != gold {g.mode} «{g.short}»")
        for gi, g in enumerate(golds):
            if not g.optional and gi not in matched_g:
                rep.by_type[g.type].fn += 1
                misses.append(f"{g.type} missed: {_fmt_actors(g)} «{g.short}»")
        for pi, p in enumerate(preds):
            if pi not in matched_p and p.type in rep.by_type:
                rep.by_type[p.type].fp += 1
                misses.append(f"{p.type} extra: {_fmt_actors(p)} «{p.short}»")
        upairs = match(preds, golds, typed=False)
        n_gold = sum(1 for g in golds if not g.optional)
        n_ok = 0
        used_p = set()
        for gi, pi in upairs:
            used_p.add(pi)
            if golds[gi].optional:
                continue
            n_ok += 1
            if _overlap(preds[pi], golds[gi]) > 0:  # the same clause read as another type (not a shared actor)
                rep.confusion[(golds[gi].type, preds[pi].type)] += 1
        rep.untyped.tp += n_ok
        rep.untyped.fn += n_gold - n_ok
        rep.untyped.fp += len(preds) - len(used_p)
    return [(g, preds[matched_g[gi]] if gi in matched_g else None) for gi, g in enumerate(golds)]


def _fmt_actors(it: Item) -> str:
    def one(group: list[set[str]]) -> str:
        return ",".join(sorted(a)[0] for a in group) or "-"
    if it.type == "CONSULT" or it.participants:
        return one(it.all_actors)
    return f"{one(it.source)} -> {one(it.target)}"


def score_merge(matched: dict[str, list[tuple[Item, Item | None]]], rep: EventReport) -> None:
    """Pairwise merge scores over labelled, non-optional gold items in different documents."""
    labelled = [(doc, g, p) for doc, rows in sorted(matched.items()) for g, p in rows
                if g.label and not g.optional]
    for _, _, p in labelled:
        rep.merge_items.add(p is not None)
    for i in range(len(labelled)):
        d1, g1, p1 = labelled[i]
        for j in range(i + 1, len(labelled)):
            d2, g2, p2 = labelled[j]
            if d1 == d2:
                continue
            true = g1.label == g2.label
            pred = (p1 is not None and p2 is not None and p1.canonical_id is not None
                    and p1.canonical_id == p2.canonical_id)
            desc = f"{g1.label}/{g2.label} {d1} «{g1.short[:40]}» ~ {d2} «{g2.short[:40]}»"
            both = p1 is not None and p2 is not None
            tallies = (rep.pairs, rep.pairs_extracted) if both else (rep.pairs,)
            for t in tallies:
                if true and pred:
                    t.tp += 1
                elif true:
                    t.fn += 1
                elif pred:
                    t.fp += 1
            if true and not pred and both:
                rep.missed_pairs.append(desc)
            elif pred and not true:
                rep.wrong_pairs.append(desc)


def label_index(matched: dict[str, list[tuple[Item, Item | None]]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for doc, rows in matched.items():
        for g, _ in rows:
            if g.label:
                out[g.label].append(doc)
    return out
