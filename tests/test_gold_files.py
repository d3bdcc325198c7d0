"""The gold of the repository (eval/dev/gold, eval/dev/gold_second, eval/days/gold, eval/days/full) parses, follows
gold-format.md, and quotes its texts exactly: every evidence and also is a substring of its document."""

import json
import re

import pytest
from conftest import ROOT, SHARED

TYPES = {"AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
STATUS = {"occurred", "scheduled", "planned", "denied", "hypothetical", None}
WHAT = {"killed", "wounded", "hostages", "detained", "displaced", "aid"}
APPROX = {"exact", "more_than", "about", "less_than", "at_least", "up_to"}
DATE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$")
SETS = [("dev/gold", "dev"), ("dev/gold_second", "dev"), ("days/gold", "days"), ("days/full", "days")]


def _texts(corpus: str) -> dict[str, str]:
    path = SHARED / "corpus" / corpus / "docs.jsonl"
    if not path.is_file():
        pytest.skip(f"the corpus is not at {path}")
    with path.open(encoding="utf-8") as fh:
        return {r["id"]: r["text"] for r in map(json.loads, fh)}


@pytest.mark.parametrize("folder,corpus", SETS, ids=[s[0] for s in SETS])
def test_gold_parses_and_quotes_its_texts(folder, corpus):
    texts = _texts(corpus)
    files = sorted((ROOT / "eval" / folder).glob("*.json"))
    assert files, f"no gold in eval/{folder}"
    problems = []
    for f in files:
        g = json.loads(f.read_text(encoding="utf-8"))
        if "doc_id" not in g:
            continue  # events.json: what each merge label is
        assert g["doc_id"] == f.stem
        text = texts[g["doc_id"]]
        items = [("consult", c) for c in g.get("consult") or []] + [("events", e) for e in g.get("events") or []]
        for where, it in items:
            for s in [it["evidence"], *(it.get("also") or [])]:
                if s not in text:
                    problems.append(f"{f.name} {where}: «{s[:50]}» is not in the text")
            if it.get("date") is not None and not DATE.match(it["date"]):
                problems.append(f"{f.name}: date {it['date']!r}")
            if it.get("status") not in STATUS:
                problems.append(f"{f.name}: status {it.get('status')!r}")
            if where == "events":
                if it["type"] not in TYPES:
                    problems.append(f"{f.name}: type {it['type']!r}")
                for role in ("source", "target"):
                    if not all(isinstance(a, list) and all(isinstance(i, str) for i in a) for a in it[role]):
                        problems.append(f"{f.name}: {role} is not a list of lists of ids")
        for fig in g.get("figures") or []:
            if fig["evidence"] not in text:
                problems.append(f"{f.name} figure: «{fig['evidence'][:50]}» is not in the text")
            if fig["what"] not in WHAT or fig.get("approx") not in APPROX:
                problems.append(f"{f.name}: figure {fig['what']!r} {fig.get('approx')!r}")
    assert not problems, "\n".join(problems[:40])


def test_the_development_gold_covers_the_whole_corpus():
    texts = _texts("dev")
    have = {f.stem for f in (ROOT / "eval" / "dev" / "gold").glob("v*.json")}
    assert have == set(texts), sorted(set(texts) - have)
