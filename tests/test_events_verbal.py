"""Verbal and diplomatic events (CONSULT, ACCUSE, REQUEST, SUPPORT, AGREE …) on real sentences, read at test
time from the TUNING split of the development corpus (v001–v100) and from the days articles (May 2018), never
from the check split. No text is copied here: each case names its article and a short quote of the clause."""

import pytest
from conftest import analyze_real, events_holding

from marsad.pipeline import analyze


def _doc(real_articles, doc_id):
    rec, doc = analyze_real(real_articles, doc_id)
    return rec["text"], doc


def _everyone(ev):
    return {a.id for a in ev.source + ev.target + ev.participants}


# (article, quote in the event's evidence, type, ids that must all be among its actors)
CASES = [
    # a verbal act after a comma takes the sentence's subject ("أعربت سوريا …، مؤكدة تضامنها مع طهران")
    ("d20180508_074", "تضامنها الكامل", "SUPPORT", {"SYR", "IRN"}),
    # "الحكومة الإسرائيلية" as a party of talks is the state
    ("d20180508_049", "تتباحث مع الحكومة الإسرائيلية", "CONSULT", {"PRY", "ISR"}),
    # the party after مع, not the two sides of the topic named with بين
    ("d20180510_363", "سيتباحث حول سبل", "CONSULT", {"emmanuel_macron", "angela_merkel"}),
]


@pytest.mark.parametrize("doc_id,quote,etype,ids", CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_real_verbal_event(real_articles, doc_id, quote, etype, ids):
    text, doc = _doc(real_articles, doc_id)
    hits = events_holding(doc, text, quote, etype)
    assert hits, [(e.event_type, e.evidence.text[:60]) for e in doc.events]
    assert ids <= _everyone(hits[0]), _everyone(hits[0])


def test_the_actor_after_a_hal_participle_is_the_one_acted_on(real_articles):
    text, doc = _doc(real_articles, "v001")
    hits = events_holding(doc, text, "متهما حركة حماس", "ACCUSE")
    assert hits and "hamas" in {a.id for a in hits[0].target}, [(_everyone(e), e.evidence.text[:40]) for e in hits]


def test_one_visit_told_by_its_hosts_is_one_consult(real_articles):
    """A visit told by the host country and by two of its leaders is one trip."""
    _, doc = _doc(real_articles, "v099")
    visits = [e for e in doc.events if e.event_type == "CONSULT" and "xi_jinping" in _everyone(e)]
    assert len(visits) == 1, [(e.mode, _everyone(e), e.evidence.text[:50]) for e in visits]


def test_a_summit_told_by_leaders_and_by_countries_is_one_consult(real_articles):
    """"سيلتقي زعيما الولايات المتحدة وكوريا الشمالية" … "نرحب بعقد قمة بين كوريا الشمالية والولايات المتحدة"."""
    text, doc = _doc(real_articles, "d20180510_373")
    b = events_holding(doc, text, "نرحب بعقد قمة بين كوريا الشمالية", "CONSULT")
    assert b and _everyone(b[0]) & {"donald_trump", "kim_jong-un"}, [_everyone(e) for e in b]


def test_a_phone_as_a_device_is_no_call(real_articles):
    text, doc = _doc(real_articles, "d20180510_395")
    at = text.index("ضباط المخابرات العراقية استخدموا")
    calls = [e for e in doc.events if e.event_type == "CONSULT" and e.evidence.start <= at < e.evidence.end]
    assert not calls, [_everyone(e) for e in calls]


def test_backing_told_by_the_noun_is_no_support(real_articles):
    """"وهذا الدعم القطري المادي": material backing, not an act of praise or endorsement."""
    text, doc = _doc(real_articles, "d20180510_399")
    assert not events_holding(doc, text, "وهذا الدعم القطري", "SUPPORT")


def test_readiness_to_negotiate_is_agree():
    doc = analyze("وقال الرئيس الأمريكي دونالد ترامب إنه مستعد للتفاوض على اتفاق جديد مع إيران.",
                  pub_date="2018-05-08")
    agree = [e for e in doc.events if e.event_type == "AGREE"]
    assert agree and {a.id for a in agree[0].source} & {"donald_trump", "USA"}


def test_commitment_to_anothers_security_is_support():
    doc = analyze("وشدد وزير الخارجية الأمريكي أنتوني بلينكن على التزام الولايات المتحدة الراسخ بأمن إسرائيل.",
                  pub_date="2024-01-09")
    sup = [e for e in doc.events if e.event_type == "SUPPORT"]
    assert sup and {a.id for a in sup[0].source} & {"antony_blinken", "USA"}


def test_a_headline_and_its_lead_by_the_country_and_its_official_are_one_act():
    text = ("كندا تتهم روسيا بالتدخل\n\n"
            "اتهمت وزيرة الخارجية الكندية، كريستيا فريلاند، الثلاثاء روسيا بالتدخل في الانتخابات المحلية.")
    evs = [e for e in analyze(text, pub_date="2024-03-06").events if e.event_type == "ACCUSE"]
    assert len(evs) == 1 and evs[0].date == "2024-03-05"


def test_a_headlines_nisba_is_the_speaker_and_concern_about_a_decision_is_disapproval():
    evs = [e for e in analyze("تنديد أردني بقرار إسرائيل إغلاق المعابر", pub_date="2024-03-06").events
           if e.event_type == "ACCUSE"]
    assert evs and {a.id for a in evs[0].source} == {"JOR"}
    text = "أعربت المستشارة الألمانية أنغيلا ميركل، الأربعاء، عن قلقها العميق إزاء قرار واشنطن الانسحاب من الاتفاق."
    evs = [e for e in analyze(text, pub_date="2024-03-06").events if e.event_type == "ACCUSE"]
    assert evs and evs[0].mode == "disapprove" and evs[0].date == "2024-03-06"
    # concern about a situation is no event
    text = "أعربت المستشارة الألمانية أنغيلا ميركل عن قلقها العميق إزاء تدهور الأوضاع الإنسانية."
    assert not [e for e in analyze(text).events if e.event_type == "ACCUSE"]


def test_a_judgement_of_someones_act_is_the_speakers_against_that_someone():
    for text in ("وصف وزير الخارجية الألماني هايكو ماس قرار الرئيس الأمريكي دونالد ترامب بأنه خطأ.",
                 "قال وزير الخارجية الألماني هايكو ماس إن الرئيس الأمريكي دونالد ترامب ارتكب خطأ فادحا."):
        evs = [e for e in analyze(text, pub_date="2024-03-06").events if e.event_type == "ACCUSE"]
        assert evs, text
        assert {a.id for a in evs[0].source} == {"heiko_maas"} and "donald_trump" in {a.id for a in evs[0].target}


def test_a_noun_with_its_own_pronoun_does_not_take_the_next_name_as_agent():
    text = "رئيس الوزراء الإسرائيلي بنيامين نتنياهو يكرر ترحيبه قرار الرئيس الأمريكي دونالد ترامب"
    evs = [e for e in analyze(text, pub_date="2024-03-06").events if e.event_type == "SUPPORT"]
    assert evs and {a.id for a in evs[0].source} == {"benjamin_netanyahu"}


def test_a_pronoun_after_the_complementizer_is_the_speaker_past_a_descriptive_apposition():
    text = "وقال رئيس الوزراء الإسرائيلي بنيامين نتنياهو، أشد خصوم الاتفاق، إنه يؤيد بالكامل انسحاب ترامب."
    evs = [e for e in analyze(text, pub_date="2024-03-06").events if e.event_type == "SUPPORT"]
    assert evs and {a.id for a in evs[0].source} == {"benjamin_netanyahu"}
    assert {a.id for a in evs[0].target} == {"donald_trump"}


def test_a_headlines_statement_takes_the_day_the_body_tells_it():
    # the body tells the act again, dated, with no named author, five sentences below
    text = ("كندا تتهم روسيا بخرق العقوبات المفروضة على إيران\n\n"
            "وتشهد أوروبا منذ سنوات موجة من الاختراقات الإلكترونية.\n"
            "وطالت الاختراقات شبكات البنوك ومحطات الكهرباء.\n"
            "ويقول خبراء إن المهاجمين يستخدمون أدوات متطورة.\n"
            "وتنفق الحكومات مبالغ كبيرة على الحماية.\n"
            "ووجهت لائحة اتهام صدرت الثلاثاء تهما بخرق العقوبات إلى شركتين.")
    evs = [e for e in analyze(text, pub_date="2024-03-06").events if e.event_type == "ACCUSE"]
    head = [e for e in evs if e.evidence.start == 0]
    assert head and {a.id for a in head[0].source} == {"CAN"} and head[0].date == "2024-03-05"
