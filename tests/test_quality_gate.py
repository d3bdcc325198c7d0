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
