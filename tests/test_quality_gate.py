"""Quality gate: the seed scores must not drop below the floors reached (like trafilatura's CI).

Raise a floor when extraction gets better; never lower one to make a change pass.
"""

import pytest
from conftest import need_seeds

from marsad.evaluate import evaluate

FLOORS = {
    ("consult", "f1"): 0.95,
    ("mode", "accuracy"): 0.95,
    ("date", "accuracy"): 0.95,
    ("location", "accuracy"): 0.90,
    ("persons", "f1"): 0.95,
    ("figures", "f1"): 0.95,
    ("approx", "accuracy"): 0.95,
    ("pub_date", "accuracy"): 1.0,
}


@pytest.fixture(scope="module")
def scores(seed_run):
    return evaluate(need_seeds() / "gold", seed_run).as_dict()


@pytest.mark.parametrize("metric", sorted(FLOORS), ids=lambda m: f"{m[0]}-{m[1]}")
def test_seed_score_floor(scores, metric):
    key, field = metric
    value = scores[key][field]
    assert value >= FLOORS[metric], f"{key} {field} fell to {value:.3f} (floor {FLOORS[metric]}): {scores['misses']}"


# -- the development corpus (../shared/corpus/dev, gold in eval/dev/gold): floors per split -----------------
# The tuning split (v001-v100) is where errors are read; the check split (v101-v150) is only ever scored.
# Floors are the levels reached (rounded down); raise them when extraction gets better.  Changes are chosen on
# the tuning sets, not on the check split.
DEV_FLOORS = {
    "tune": {("events", "micro"): 0.67, ("events", "untyped"): 0.82, ("consult", None): 0.58,
             ("persons", None): 0.90, ("figures", None): 0.93},
    "check": {("events", "micro"): 0.65, ("events", "untyped"): 0.83, ("consult", None): 0.62,
              ("persons", None): 0.76, ("figures", None): 0.81},
}


def _run(tmp_path_factory, corpus_name: str, gold_dir: str):
    """(corpus, gold, output folder) of a run of marsad over ``../shared/corpus/<corpus_name>``; skips when the
    corpus or its gold is missing."""
    from conftest import ROOT, SHARED

    from marsad.runner import run
    from marsad.store import open_store

    corpus, gold = SHARED / "corpus" / corpus_name, ROOT / gold_dir
    if not (corpus / "docs.jsonl").is_file() or not gold.is_dir():
        pytest.skip(f"the {corpus_name} corpus is not at {corpus}")
    out = tmp_path_factory.mktemp(f"{corpus_name}_out")
    with open_store(out / "marsad.duckdb") as store:
        run([corpus / "docs.jsonl"], store, out)
    return corpus, gold, out


@pytest.fixture(scope="module")
def dev_scores(tmp_path_factory):
    import shutil

    corpus, gold, out = _run(tmp_path_factory, "dev", "eval/dev/gold")
    scores = {}
    for split, keep in (("tune", lambda n: n <= 100), ("check", lambda n: n > 100)):
        d = out / split
        d.mkdir()
        for f in gold.glob("v*.json"):
            if keep(int(f.stem[1:])):
                shutil.copy(f, d / f.name)
        scores[split] = evaluate(d, out, texts=corpus / "docs.jsonl").as_dict()
    return scores


@pytest.mark.parametrize("split,metric", [(s, m) for s, fl in DEV_FLOORS.items() for m in fl],
                         ids=lambda x: x if isinstance(x, str) else "-".join(p for p in x if p))
def test_dev_score_floor(dev_scores, split, metric):
    key, sub = metric
    value = (dev_scores[split][key][sub] if sub else dev_scores[split][key])["f1"]
    assert value >= DEV_FLOORS[split][metric], f"{split} {key} {sub or ''} F1 fell to {value:.3f}"


# -- merging across outlets and days (../shared/corpus/days, merge gold in eval/days/gold) ---------------------
# pairwise F1 among the labelled items extraction matches, and the share of labelled items it matches
MERGE_FLOORS = {"pairwise_extracted": 0.86, "match_recall": 0.82}


@pytest.fixture(scope="module")
def merge_scores(tmp_path_factory):
    corpus, gold, out = _run(tmp_path_factory, "days", "eval/days/gold")
    return evaluate(gold, out, texts=corpus / "docs.jsonl").as_dict()["events"]["merge"]


@pytest.mark.parametrize("metric", sorted(MERGE_FLOORS))
def test_days_merge_floor(merge_scores, metric):
    got = merge_scores[metric]
    value = got["f1"] if "f1" in got else got["accuracy"]
    assert value >= MERGE_FLOORS[metric], f"days merge {metric} fell to {value:.3f} (floor {MERGE_FLOORS[metric]})"
