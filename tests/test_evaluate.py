"""``marsad eval`` scores every event type, the untyped score, actors, merge pairs and agreement."""

import json

from marsad.evaluate import evaluate

TEXT = ("قصفت طائرات إسرائيلية مواقع في غزة الثلاثاء. وندد الأردن بالقصف. "
        "وتظاهر مئات في عمان. واعتقلت الشرطة عشرة.")


def _write(path, recs):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")


def _span(s):
    i = TEXT.index(s)
    return {"text": s, "start": i, "end": i + len(s)}


def _actor(i, kind="country"):
    return {"id": i, "kind": kind, "country": i if kind == "country" else None}


def _gold(tmp_path, events, name="d1", **extra):
    g = tmp_path / "gold"
    g.mkdir(exist_ok=True)
    rec = {"doc_id": name, "pub_date": "2018-05-08", "consult": [], "persons": [], "figures": [],
           "events": events, **extra}
    (g / f"{name}.json").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "texts").mkdir(exist_ok=True)
    (tmp_path / "texts" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    return g


def _out(tmp_path, events, docs=("d1",)):
    o = tmp_path / "out"
    o.mkdir(exist_ok=True)
    _write(o / "documents.jsonl", [{"doc_id": d, "pub_date": "2018-05-08"} for d in docs])
    _write(o / "events.jsonl", events)
    return o


GOLD = [
    {"type": "ASSAULT", "mode": "aerial", "source": [["israel_defense_forces", "ISR"]], "target": [],
     "date": "2018-05-08", "status": "occurred", "evidence": "قصفت طائرات إسرائيلية مواقع في غزة"},
    {"type": "ACCUSE", "mode": "disapprove", "source": [["JOR"]], "target": [["ISR"]], "date": None,
     "status": "occurred", "evidence": "وندد الأردن بالقصف"},
    {"type": "PROTEST", "mode": "demo", "source": [], "target": [], "date": None, "status": "occurred",
     "evidence": "وتظاهر مئات في عمان"},
    {"type": "COERCE", "mode": "arrest", "source": [["JOR"]], "target": [], "date": None, "status": "occurred",
     "evidence": "واعتقلت الشرطة عشرة", "optional": True},
]


def test_every_type_is_scored_with_untyped_actors_and_confusion(tmp_path):
    gold = _gold(tmp_path, GOLD)
    out = _out(tmp_path, [
        {"doc_id": "d1", "event_type": "ASSAULT", "mode": "aerial", "source": [_actor("ISR")], "target": [],
         "participants": [_actor("ISR")], "date": "2018-05-08", "status": "occurred",
         "evidence": _span("قصفت طائرات إسرائيلية مواقع في غزة الثلاثاء.")},
        # right sentence, wrong type: a miss and an extra, but an untyped hit
        {"doc_id": "d1", "event_type": "REQUEST", "mode": None, "source": [_actor("JOR")], "target": [],
         "participants": [_actor("JOR")], "date": None, "status": "occurred", "evidence": _span("وندد الأردن بالقصف.")},
        {"doc_id": "d1", "event_type": "PROTEST", "mode": "demo", "source": [], "target": [], "participants": [],
         "date": "2018-05-08", "status": "occurred", "evidence": _span("وتظاهر مئات في عمان.")},
        # matches the optional gold: neither credited nor penalised
        {"doc_id": "d1", "event_type": "COERCE", "mode": "arrest", "source": [], "target": [], "participants": [],
         "date": None, "status": "occurred", "evidence": _span("واعتقلت الشرطة عشرة.")},
    ])
    ev = evaluate(gold, out, texts=tmp_path / "texts").as_dict()["events"]
    assert ev["by_type"]["ASSAULT"]["tp"] == 1 and ev["by_type"]["PROTEST"]["tp"] == 1
    assert ev["by_type"]["ACCUSE"]["fn"] == 1 and ev["by_type"]["REQUEST"]["fp"] == 1
    assert ev["by_type"]["COERCE"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 0, "fp": 0, "fn": 0,
                                       "gold": 0}
    assert (ev["micro"]["tp"], ev["micro"]["fp"], ev["micro"]["fn"]) == (2, 1, 1)
    assert (ev["untyped"]["tp"], ev["untyped"]["fp"], ev["untyped"]["fn"]) == (3, 0, 0)
    assert ev["confusion"] == {"ACCUSE->REQUEST": 1, "ASSAULT->ASSAULT": 1, "PROTEST->PROTEST": 1}
    # ISR stands for the army (its country is an acceptable id): the actor is right
    assert ev["actors"]["tp"] == 1 and ev["actors"]["fn"] == 0
    assert ev["date"]["total"] == 2 and ev["date"]["right"] == 1  # the protest's date was invented


def test_a_shared_actor_matches_when_the_evidence_does_not_overlap(tmp_path):
    gold = _gold(tmp_path, GOLD[1:2])
    out = _out(tmp_path, [{"doc_id": "d1", "event_type": "ACCUSE", "mode": "disapprove",
                           "source": [_actor("JOR")], "target": [], "participants": [], "date": None,
                           "status": "occurred", "evidence": _span("وتظاهر مئات في عمان.")}])
    ev = evaluate(gold, out, texts=tmp_path / "texts").as_dict()["events"]
    assert ev["by_type"]["ACCUSE"]["tp"] == 1
    assert ev["actors"]["fn"] == 1  # the target ISR is missing


def test_without_the_texts_evidence_still_overlaps_by_shared_words(tmp_path):
    gold = _gold(tmp_path, GOLD[:1])
    out = _out(tmp_path, [{"doc_id": "d1", "event_type": "ASSAULT", "mode": None, "source": [], "target": [],
                           "participants": [], "date": None, "status": "occurred",
                           "evidence": _span("قصفت طائرات إسرائيلية مواقع في غزة الثلاثاء.")}])
    ev = evaluate(gold, out, texts=tmp_path / "nowhere").as_dict()["events"]
    assert ev["by_type"]["ASSAULT"]["tp"] == 1


def test_merge_pairs_and_match_recall(tmp_path):
    item = dict(GOLD[0])
    g = _gold(tmp_path, [{**item, "event": "E1"}], "d1", merge_only=True)
    _gold(tmp_path, [{**item, "event": "E1"}], "d2", merge_only=True)
    _gold(tmp_path, [{**item, "event": "E2"}], "d3", merge_only=True)
    ev_rec = {"event_type": "ASSAULT", "mode": "aerial", "source": [], "target": [], "participants": [],
              "date": None, "status": "occurred", "evidence": _span("قصفت طائرات إسرائيلية مواقع في غزة")}
    out = _out(tmp_path, [{**ev_rec, "doc_id": "d1", "canonical_id": "c:1"},
                          {**ev_rec, "doc_id": "d2", "canonical_id": "c:2"},
                          {**ev_rec, "doc_id": "d3", "canonical_id": "c:1"}], docs=("d1", "d2", "d3"))
    rep = evaluate(g, out, texts=tmp_path / "texts").as_dict()
    m = rep["events"]["merge"]
    assert (m["pairwise"]["tp"], m["pairwise"]["fp"], m["pairwise"]["fn"]) == (0, 1, 1)
    assert m["pairwise_extracted"] == m["pairwise"]  # every item was extracted
    assert m["match_recall"]["right"] == 3
    assert rep["events"]["micro"]["tp"] == 0  # merge-only gold is not exhaustive: no extraction score


def test_agreement_scores_one_annotation_against_another(tmp_path):
    a = _gold(tmp_path, GOLD)
    b = tmp_path / "second"
    b.mkdir()
    other = [dict(GOLD[0], source=[["ISR"]]), dict(GOLD[1], type="REQUEST"), GOLD[2]]
    (b / "d1.json").write_text(json.dumps({"doc_id": "d1", "pub_date": "2018-05-08", "consult": [],
                                           "persons": [], "figures": [], "events": other}), encoding="utf-8")
    ev = evaluate(a, None, texts=tmp_path / "texts", pred_gold=b).as_dict()["events"]
    assert (ev["micro"]["tp"], ev["micro"]["fp"], ev["micro"]["fn"]) == (2, 1, 1)
    assert ev["actors"]["tp"] >= 1


def test_of_two_predictions_told_in_one_sentence_each_gold_item_takes_the_one_of_its_mode_and_actors(tmp_path):
    # one sentence, two acts of one type: the gold's withdrawal and sanctions pair with the predictions of
    # their own modes, whatever order the output lists them in
    both = "قصفت طائرات إسرائيلية مواقع في غزة الثلاثاء."
    gold = _gold(tmp_path, [
        {"type": "SANCTION", "mode": None, "source": [["USA"]], "target": [["IRN"]], "date": "2018-05-08",
         "status": "occurred", "evidence": "قصفت طائرات إسرائيلية"},
        {"type": "SANCTION", "mode": "withdraw", "source": [["USA"]], "target": [], "date": "2018-05-08",
         "status": "occurred", "evidence": "مواقع في غزة الثلاثاء"}])
    preds = [{"doc_id": "d1", "event_type": "SANCTION", "mode": m, "source": [_actor("USA")], "target": t,
              "participants": [], "date": d, "status": "occurred", "evidence": _span(both)}
             for m, t, d in (("withdraw", [], "2018-05-08"), (None, [_actor("IRN")], "2018-05-08"))]
    out = _out(tmp_path, preds)
    ev = evaluate(gold, out, texts=tmp_path / "texts").as_dict()["events"]
    assert ev["by_type"]["SANCTION"]["tp"] == 2
    assert ev["actors"]["fp"] == 0 and ev["actors"]["fn"] == 0
