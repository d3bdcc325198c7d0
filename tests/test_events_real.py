"""Real sentences of Arabic news, read from the TUNING split of the development corpus at test time (no text
is copied here; each case names its article and a short quote of the clause, as the gold does).

Each case is a pattern of news writing that marsad once got wrong; the check split is never used here."""

import pytest
from conftest import analyze_real, events_holding

from marsad.pipeline import analyze

# (article, quote inside the event's evidence, type, mode or None, source ids (any of), target ids (any of))
CASES = [
    # a visit: the host country after إلى, with a date between the visitor and إلى
    ("v068", "مايك بومبيو الأربعاء إلى كوريا الشمالية", "CONSULT", "visit", {"mike_pompeo"}, {"PRK"}),
    # a visit noun with its agent in apposition, commas before إلى
    ("v100", "الأمير محمد بن سلمان إلى مصر", "CONSULT", "visit", {"mohammed_bin_salman"}, {"EGY"}),
    # مقتل X: X is the one killed; who tells of it is not the killer
    ("v016", "عن مقتل عميد", "ASSAULT", None, set(), None),
    # a condemnation by an unnamed group is kept, with no source
    ("v041", "ويندد المحتجون", "ACCUSE", None, set(), None),
]


# (article, quote that holds a trigger word, type that must NOT be read there) — from the tuning split and from
# the days articles (diplomacy and statements of May 2018), where these were false hits
NOT_EVENTS = [
    ("v096", "منذ وقف إطلاق النار", "ASSAULT"),  # a ceasefire named is no shooting
    ("v033", "تفجير القضية", "ASSAULT"),  # a scandal set off is no bombing
    ("v042", "يخطف الأضواء", "ASSAULT"),
    ("v075", "لا يؤيد حظر الحجاب", "COERCE"),  # a ban debated is no act of repression
    ("v093", "ومنع منظمات الإغاثة", "COERCE"),  # "منع" (prevent) tells no act
    ("v073", "السفير الألماني للاحتجاج", "PROTEST"),  # "للاحتجاج" qualifies the summons (ACCUSE)
    ("v100", "دليل قاطع", "PROTEST"),  # an adjective, not "boycotted"
    ("v070", "لا تخشى تهديدات روسيا", "THREATEN"),  # the noun alone names a threat, it makes none
    ("d20180508_029", "برنامج الصواريخ البالستية", "ASSAULT"),  # a weapons programme is no strike
    ("d20180510_349", "هذه العقوبات تستهدف", "ASSAULT"),  # sanctions "target" people
    ("d20180509_148", "حذَّر وزير الخارجية الفرنسي", "THREATEN"),  # a warning of a danger is no threat
    ("d20180510_357", "رفع حالة الطوارئ", "MOBILIZE"),  # lifting an emergency is no alert
    ("d20180509_214", "مخاوف من وقوع هجمات", "ASSAULT"),  # attacks feared, told once, by no one
]


@pytest.mark.parametrize("doc_id,quote,etype", NOT_EVENTS, ids=[f"{c[0]}-{c[2]}" for c in NOT_EVENTS])
def test_not_an_event(real_articles, doc_id, quote, etype):
    rec, doc = analyze_real(real_articles, doc_id)
    assert quote in rec["text"]
    at = rec["text"].index(quote)
    bad = [e for e in doc.events if e.event_type == etype and e.trigger and at <= e.trigger.start < at + len(quote)]
    assert not bad, [(e.trigger.text, e.evidence.text[:60]) for e in bad]


def test_an_attack_told_again_and_again_in_statements_is_one_event(real_articles):
    """v070: the Salisbury attack, named by every party that condemns it, denies a part in it or reports it."""
    _, doc = analyze_real(real_articles, "v070")
    assert len([e for e in doc.events if e.event_type == "ASSAULT"]) == 1


def test_an_alert_and_a_deployment_are_two_acts(real_articles):
    _, doc = analyze_real(real_articles, "d20180508_139")
    assert {e.mode for e in doc.events if e.event_type == "MOBILIZE"} == {"troops", "weapons"}


def test_the_subject_of_a_verb_in_another_clause_is_not_taken_away(real_articles):
    """'الجيش قد نشر منظومات ...، بالتزامن مع إعلان ترامب انسحاب بلاده': Trump withdraws."""
    rec, doc = analyze_real(real_articles, "d20180509_288")
    at = rec["text"].index("انسحاب بلاده من الاتفاق")
    ev = [e for e in doc.events if e.event_type == "SANCTION" and e.trigger and e.trigger.start == at]
    assert ev and {a.id for a in ev[0].source} == {"donald_trump"}


@pytest.mark.parametrize("doc_id,quote,etype,mode,source,target", CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_real_sentence(real_articles, doc_id, quote, etype, mode, source, target):
    assert int(doc_id[1:]) <= 100, "real-sentence cases come from the tuning split only"
    rec, doc = analyze_real(real_articles, doc_id)
    hits = events_holding(doc, rec["text"], quote, etype)
    assert hits, f"no {etype} whose evidence holds «{quote}»: {[(e.event_type, e.evidence.text[:60]) for e in doc.events]}"
    ev = hits[0]
    if mode is not None:
        assert ev.mode == mode
    src = {a.id for a in ev.source}
    assert (src & source) if source else not src, src
    if target is not None:
        assert {a.id for a in ev.target} & target


def test_the_speaker_of_a_statement_is_the_source_of_what_it_does():
    doc = analyze("وقال وزير الخارجية المصري سامح شكري في بيان صحفي مطول اليوم إن بلاده تدين بشدة الهجوم الإرهابي.",
                  pub_date="2017-05-01")
    acc = [e for e in doc.events if e.event_type == "ACCUSE"]
    assert acc and {a.id for a in acc[0].source} & {"sameh_shoukry", "EGY"}


def test_a_date_inside_the_complement_is_the_events_not_the_announcements():
    doc = analyze("أعلن الرئيس الأمريكي دونالد ترامب الخميس أن القمة مع الزعيم الكوري الشمالي كيم جونغ أون ستعقد في "
                  "12 حزيران/يونيو في سنغافورة.", pub_date="2018-05-10")
    c = [e for e in doc.events if e.event_type == "CONSULT"]
    assert c and c[0].date == "2018-06-12" and c[0].status == "scheduled"


def test_a_planned_act_on_a_day_and_month_without_year_is_the_next_one():
    doc = analyze("وقال البيت الأبيض إن الرئيس دونالد ترامب سيعقد قمة مع كيم جونغ أون في 12 يونيو في سنغافورة.",
                  pub_date="2018-07-01")
    c = [e for e in doc.events if e.event_type == "CONSULT"]
    assert c and c[0].date == "2019-06-12"


def test_seed_like_pages_run_every_stage_without_an_error():
    """The perturbed pages of bench/_corpus (what bench/pipeline.py runs): a date read from the sentence
    before an anaphoric trigger once raised in the events stage, which the batch records and goes on."""
    import random
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from _corpus import base_texts, perturb

    rng = random.Random(1)
    bases = base_texts()
    for i in range(60):
        doc = analyze(perturb(bases[i % len(bases)], rng), pub_date="2024-03-08")
        assert not doc.errors, (i, doc.errors)
