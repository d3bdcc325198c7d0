"""Event extraction (marsad.events): triggers, actors, direction, dates, status, places, topics, merging.

Every sentence here is written for these tests; entities come from the real knowledge base through
``marsad.pipeline.analyze``.  The publication date used, 2024-03-06, is a Wednesday.
"""

from __future__ import annotations

import pytest

from marsad.events import lexicon
from marsad.events.lexicon import noun_forms, verb_forms
from marsad.pipeline import STAGES, analyze
from marsad.records import Document, Event

PUB = "2024-03-06"
PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}


def check_offsets(doc: Document) -> None:
    text = doc.text
    for ev in doc.events:
        assert text[ev.evidence.start : ev.evidence.end] == ev.evidence.text
        for sp in ev.also_evidence:
            assert text[sp.start : sp.end] == sp.text
        if ev.trigger:
            assert text[ev.trigger.start : ev.trigger.end] == ev.trigger.text
            assert ev.evidence.start <= ev.trigger.start < ev.evidence.end or ev.also_evidence
        for a in ev.source + ev.target + ev.participants:
            assert a.start is not None and a.end is not None and a.end > a.start
            assert text[a.start : a.end].strip()
        if ev.location:
            assert 0 <= ev.location.start < ev.location.end <= len(text)
        if ev.attribution:
            assert text[ev.attribution.start : ev.attribution.end] == ev.attribution.text
        assert ev.event_type in PLOVER_TYPES
        assert ev.status in ("occurred", "scheduled", "planned", "denied", "hypothetical")
        assert ev.date_from in ("explicit", "relative_weekday", "relative_day", "pub_date", "none")
        assert isinstance(ev.confidence, float) and 0 < ev.confidence <= 1
        assert ev.event_id.startswith(ev.story_id + ":e")
        d = ev.as_dict()
        assert d["event_type"] == ev.event_type and d["evidence"]["text"] == ev.evidence.text


def run(text: str, pub: str | None = PUB) -> Document:
    doc = analyze(text, pub_date=pub)
    assert not doc.errors, doc.errors
    check_offsets(doc)
    return doc


def of_type(doc: Document, etype: str) -> list[Event]:
    return [e for e in doc.events if e.event_type == etype]


def ids(actors) -> set[str]:
    return {a.id for a in actors}


def everyone(ev: Event) -> set[str]:
    return ids(ev.source) | ids(ev.target) | ids(ev.participants)


# ------------------------------------------------------------------------------------------------
# the lexicon and the stage
def test_stage_registered_after_entities():
    names = [s.name for s in STAGES]
    assert names.index("events") == names.index("entities") + 1
    st = STAGES[names.index("events")]
    assert st.requires == ("entities", "mentions", "stories") and st.assigns == ("events",)


def test_every_plover_type_has_triggers():
    lex = lexicon()
    assert {t.type for t in lex.triggers} == PLOVER_TYPES | {"NONE"}  # NONE: idioms that are no trigger
    consult_modes = {t.mode for t in lex.triggers if t.type == "CONSULT"}
    assert {"phone", "meeting", "visit", "multilateral", "talks"} <= consult_modes


def test_verb_and_noun_forms():
    forms, future = verb_forms("التقي", "لتقي")
    assert {"التقي", "التقت", "التقيا", "التقوا", "يلتقي", "تلتقي", "يلتقون", "يلتق"} <= forms
    assert "سيلتقي" in future and "سيلتقي" in forms
    forms, _ = verb_forms("رفض", "رفض")
    assert {"رفضت", "رفضوا", "يرفض", "ترفض", "يرفضون"} <= forms
    assert {"زيارته", "زيارتها", "زيارات", "زياره"} <= noun_forms("زياره")
    assert "لقايه" in noun_forms("لقاء")


# ------------------------------------------------------------------------------------------------
# 16 types, three sentences each: (text, type, mode or None to skip, source ⊇, target ⊇)
TYPE_CASES = [
    ("وافقت إسرائيل على مقترح قطر بشأن تبادل الأسرى.", "AGREE", None, {"ISR"}, set()),
    ("تعهدت السعودية بتمويل إعادة الإعمار في غزة.", "AGREE", None, {"SAU"}, set()),
    ("اتفق الأردن ومصر على تنسيق المواقف.", "AGREE", None, {"JOR", "EGY"}, set()),
    ("أيدت فرنسا مبادرة المغرب للحكم الذاتي.", "SUPPORT", None, {"FRA"}, {"MAR"}),
    ("أشاد بلينكن بدور قطر في الوساطة.", "SUPPORT", None, {"antony_blinken"}, {"QAT"}),
    ("رحب الأردن بقرار مجلس الأمن.", "SUPPORT", None, {"JOR"}, {"united_nations_security_council"}),
    ("وقعت مصر والأردن اتفاقية للتعاون في مجال الطاقة.", "SUPPORT", None, {"EGY", "JOR"}, set()),
    ("اعتذرت تركيا لإسرائيل عن الحادث.", "CONCEDE", None, {"TUR"}, {"ISR"}),
    ("أعلنت إسرائيل هدنة إنسانية في رفح.", "CONCEDE", None, {"ISR"}, set()),
    ("تنازلت حماس عن شرط الانسحاب الكامل.", "CONCEDE", None, {"hamas"}, set()),
    ("تعاونت الأردن مع مصر في إسقاط المساعدات جوا.", "COOPERATE", None, {"JOR"}, {"EGY"}),
    ("نسقت مصر مع قطر جهود الوساطة.", "COOPERATE", None, {"EGY"}, {"QAT"}),
    ("أجرت الولايات المتحدة والمغرب مناورات مشتركة في الصحراء.", "COOPERATE", None, {"USA", "MAR"}, set()),
    ("قدمت قطر مساعدات إنسانية إلى لبنان.", "AID", None, {"QAT"}, set()),
    ("منحت السعودية مصر قرضا بقيمة مليار دولار.", "AID", None, {"SAU"}, {"EGY"}),
    ("أرسلت الإمارات مساعدات إلى غزة.", "AID", None, {"ARE"}, set()),
    ("انسحبت إسرائيل من شمال قطاع غزة.", "RETREAT", "withdraw", {"ISR"}, set()),
    ("أفرجت حماس عن أربع رهائن.", "RETREAT", "release", {"hamas"}, set()),
    ("أطلقت إسرائيل سراح عشرات الأسرى الفلسطينيين.", "RETREAT", "release", {"ISR"}, set()),
    ("دعا الصفدي إسرائيل إلى وقف الحرب.", "REQUEST", None, {"ayman_safadi"}, {"ISR"}),
    ("حث بلينكن إسرائيل على حماية المدنيين.", "REQUEST", None, {"antony_blinken"}, {"ISR"}),
    ("طلبت مصر من إسرائيل فتح معبر رفح.", "REQUEST", None, {"EGY"}, {"ISR"}),
    ("اتهمت إيران إسرائيل بتنفيذ الهجوم.", "ACCUSE", "allege", {"IRN"}, {"ISR"}),
    ("أدانت مصر قصف إسرائيل لمدينة رفح.", "ACCUSE", "disapprove", {"EGY"}, {"ISR"}),
    ("انتقد شكري الموقف الإسرائيلي.", "ACCUSE", "disapprove", {"sameh_shoukry"}, set()),
    ("رفضت قطر طلب إسرائيل.", "REJECT", None, {"QAT"}, {"ISR"}),
    ("رفض شكري اتهامات إسرائيل.", "REJECT", None, {"sameh_shoukry"}, {"ISR"}),
    ("رفض الصفدي دعوة إسرائيل.", "REJECT", None, {"ayman_safadi"}, {"ISR"}),
    ("توعدت إيران إسرائيل برد قاس.", "THREATEN", None, {"IRN"}, {"ISR"}),
    ("حذر الأردن إسرائيل من أنه سيرد على أي اقتحام لرفح.", "THREATEN", None, {"JOR"}, {"ISR"}),
    ("هددت إسرائيل لبنان بحرب شاملة.", "THREATEN", None, {"ISR"}, {"LBN"}),
    ("نظم آلاف الأردنيين مظاهرة في عمان تضامنا مع غزة.", "PROTEST", "demo", set(), set()),
    ("خرجت مسيرة حاشدة في الرباط دعما للشعب الفلسطيني.", "PROTEST", "demo", set(), set()),
    ("أعلن الأطباء في إسرائيل إضرابا عاما.", "PROTEST", "strike", set(), set()),
    ("قطعت تركيا العلاقات التجارية مع إسرائيل.", "SANCTION", None, {"TUR"}, {"ISR"}),
    ("طردت إسرائيل السفير التركي.", "SANCTION", None, {"ISR"}, set()),
    ("فرضت الولايات المتحدة عقوبات على إيران.", "SANCTION", None, {"USA"}, {"IRN"}),
    ("نشرت إيران قوات على الحدود مع العراق.", "MOBILIZE", "troops", {"IRN"}, set()),
    ("حشد حزب الله مقاتليه في جنوب لبنان.", "MOBILIZE", "troops", {"hezbollah"}, set()),
    ("دفعت إسرائيل بتعزيزات عسكرية إلى الحدود مع لبنان.", "MOBILIZE", "troops", {"ISR"}, set()),
    ("داهمت القوات الإسرائيلية مخيم جنين.", "COERCE", "seize", set(), set()),
    ("احتجزت إيران سفينة إسرائيلية.", "COERCE", "arrest", {"IRN"}, set()),
    ("اعتقلت الشرطة الإسرائيلية عشرات الفلسطينيين في الضفة الغربية.", "COERCE", "arrest", set(), set()),
    ("قصفت إسرائيل مواقع لحزب الله في جنوب لبنان.", "ASSAULT", "aerial", {"ISR"}, {"hezbollah"}),
    ("اغتالت إسرائيل قياديا في حماس ببيروت.", "ASSAULT", "targeted", {"ISR"}, set()),
    ("شن حزب الله هجوما على مواقع إسرائيلية.", "ASSAULT", None, {"hezbollah"}, set()),
]


@pytest.mark.parametrize(("text", "etype", "mode", "src", "tgt"), TYPE_CASES, ids=[c[0][:30] for c in TYPE_CASES])
def test_event_types(text, etype, mode, src, tgt):
    doc = run(text)
    evs = of_type(doc, etype)
    assert evs, [(e.event_type, e.trigger) for e in doc.events]
    ev = evs[0]
    if mode is not None:
        assert ev.mode == mode
    assert src <= ids(ev.source), ev.source
    assert tgt <= ids(ev.target), ev.target
    assert ev.status == "occurred"
    assert ev.plover_mode == ev.mode  # outside CONSULT the mode is PLOVER's
    assert not of_type(doc, "CONSULT")


def test_types_are_covered_three_times():
    from collections import Counter

    count = Counter(c[1] for c in TYPE_CASES)
    assert set(count) == PLOVER_TYPES - {"CONSULT"}
    assert min(count.values()) >= 3


def test_embedded_noun_does_not_take_the_verbs_subject():
    doc = run("ندد الأردن بالهجوم الإسرائيلي على رفح.")
    assert ids(of_type(doc, "ACCUSE")[0].source) == {"JOR"}
    assert not any("JOR" in ids(e.source) for e in of_type(doc, "ASSAULT"))
    doc = run("أدانت مصر قصف إسرائيل لمدينة رفح.")
    assault = of_type(doc, "ASSAULT")
    assert assault and ids(assault[0].source) == {"ISR"}


def test_protest_place_and_contexts():
    doc = run("خرجت مسيرة حاشدة في الرباط دعما للشعب الفلسطيني.")
    ev = of_type(doc, "PROTEST")[0]
    assert ev.location is not None and ev.location.name == "Rabat"
    assert ev.contexts


# ------------------------------------------------------------------------------------------------
# CONSULT
def one_consult(doc: Document) -> Event:
    evs = of_type(doc, "CONSULT")
    assert len(evs) == 1, [(e.mode, everyone(e), e.evidence.text) for e in evs]
    return evs[0]


def test_consult_phone_caller():
    doc = run("أجرى وزير الخارجية الأمريكي أنطوني بلينكن اتصالا هاتفيا مع نظيره الأردني أيمن الصفدي يوم الأحد.")
    ev = one_consult(doc)
    assert (ev.mode, ev.plover_mode) == ("phone", "phone")
    assert ids(ev.source) == {"antony_blinken"} and ids(ev.target) == {"ayman_safadi"}
    assert ids(ev.participants) == {"antony_blinken", "ayman_safadi"}
    assert (ev.date, ev.date_text, ev.date_from) == ("2024-03-03", "يوم الأحد", "relative_weekday")
    assert ev.status == "occurred" and ev.location is None and "diplomatic" in ev.contexts


def test_consult_phone_received():
    doc = run("تلقى وزير الخارجية المصري سامح شكري اتصالا هاتفيا من نظيره الأمريكي أنطوني بلينكن أمس.")
    ev = one_consult(doc)
    assert ev.mode == "phone"
    assert ids(ev.source) == {"antony_blinken"} and ids(ev.target) == {"sameh_shoukry"}
    assert (ev.date, ev.date_from) == ("2024-03-05", "relative_day")


def test_consult_meeting_no_direction_place_topic():
    doc = run("التقى بلينكن الصفدي في عمان الثلاثاء الماضي لبحث وقف إطلاق النار في غزة.")
    ev = one_consult(doc)
    assert ev.mode == "meeting" and ev.plover_mode is None
    assert not ev.source and not ev.target
    assert ids(ev.participants) == {"antony_blinken", "ayman_safadi"}
    assert ev.date == "2024-03-05" and ev.date_from == "relative_weekday"
    assert "ceasefire" in ev.topics
    assert ev.location is not None and ev.location.name == "Amman"
    assert not of_type(doc, "RETREAT")  # a ceasefire discussed is a topic, not an event


def test_consult_host_receives_visitor():
    doc = run("استقبل الصفدي في عمان نظيره المغربي ناصر بوريطة.")
    ev = one_consult(doc)
    assert ids(ev.source) == {"nasser_bourita"} and ids(ev.target) == {"ayman_safadi"}


def test_consult_visit():
    doc = run("وصل بلينكن إلى القاهرة أمس في زيارة يلتقي خلالها شكري.")
    ev = one_consult(doc)
    assert (ev.mode, ev.plover_mode) == ("visit", "visit")
    assert "antony_blinken" in ids(ev.source) and "sameh_shoukry" in everyone(ev)
    assert ev.date == "2024-03-05"
    assert ev.location is not None and ev.location.name == "Cairo"


def test_consult_visit_to_country_is_host():
    doc = run("زار بلينكن القاهرة حيث التقى سامح شكري.")
    visit = [e for e in of_type(doc, "CONSULT") if e.mode == "visit"]
    assert visit and ids(visit[0].source) == {"antony_blinken"} and ids(visit[0].target) == {"EGY"}


def test_consult_multilateral():
    doc = run("عقدت القمة العربية في البحرين بمشاركة مصر والأردن وقطر.")
    ev = one_consult(doc)
    assert (ev.mode, ev.plover_mode) == ("multilateral", "multilateral")
    assert ids(ev.participants) == {"EGY", "JOR", "QAT"}
    doc = run("من المقرر أن يعقد وزراء خارجية مصر والأردن وقطر والسعودية اجتماعا في الرياض.")
    ev = one_consult(doc)
    assert ev.mode == "multilateral" and ev.status == "scheduled"
    assert {"EGY", "JOR", "QAT", "SAU"} <= ids(ev.participants)


def test_consult_talks_explicit_date_and_topic():
    doc = run("بحث بلينكن مع بوريطة يوم 3 مارس 2024 قضية الصحراء.")
    ev = one_consult(doc)
    assert ev.mode == "talks" and ev.plover_mode is None
    assert (ev.date, ev.date_from) == ("2024-03-03", "explicit")
    assert "western_sahara" in ev.topics


def test_consult_talks_with_several_partners_is_one_event_each():
    doc = run("بحث بلينكن مع الصفدي وشكري وبوريطة الأوضاع في المنطقة.")
    evs = of_type(doc, "CONSULT")
    assert sorted(frozenset(everyone(e)) for e in evs) == sorted(
        frozenset({"antony_blinken", x}) for x in ("ayman_safadi", "sameh_shoukry", "nasser_bourita"))


def test_consult_scheduled_planned():
    ev = one_consult(run("سيلتقي بلينكن مع شكري في القاهرة الأسبوع المقبل."))
    assert ev.status == "scheduled" and ev.location is not None and ev.location.name == "Cairo"
    ev = one_consult(run("يعتزم بلينكن زيارة مصر للقاء شكري."))
    assert ev.status == "planned"


def test_consult_denied_and_hypothetical():
    ev = one_consult(run("نفى مسؤول أن يكون بلينكن قد التقى غالانت."))
    assert ev.status == "denied" and everyone(ev) == {"antony_blinken", "yoav_gallant"}
    ev = one_consult(run("لم يلتق بلينكن مع شكري خلال جولته."))
    assert ev.status == "denied"
    ev = one_consult(run("هل سيلتقي بلينكن مع الصفدي؟"))
    assert ev.status == "hypothetical"


def test_consult_quoted_with_attribution():
    doc = run("قال بلينكن إنه التقى الصفدي في عمان يوم 5 مارس 2024، بحسب بيان للخارجية الأمريكية.")
    ev = one_consult(doc)
    assert ev.mode == "meeting" and ev.date == "2024-03-05" and ev.status == "occurred"
    assert ev.attribution is not None and ev.attribution.text.startswith("بحسب")


def test_consult_anaphora_takes_previous_sentence():
    doc = run("ناقش بلينكن مع الصفدي الوضع في غزة. وجاء ذلك خلال اتصال هاتفي يوم الجمعة.")
    ev = one_consult(doc)
    assert ev.mode == "phone"
    assert everyone(ev) == {"antony_blinken", "ayman_safadi"}
    assert ev.date == "2024-03-01" and ev.date_text == "يوم الجمعة"
    assert len(ev.also_evidence) == 1


def test_consult_repeated_statement_is_merged():
    doc = run("أجرى بلينكن اتصالا هاتفيا مع الصفدي. وأكد بلينكن خلال الاتصال مع الصفدي ضرورة حماية المدنيين.")
    ev = one_consult(doc)
    assert ev.mode == "phone" and len(ev.also_evidence) == 1


def test_consult_different_days_and_modes_kept_apart():
    doc = run("أجرى بلينكن اتصالا هاتفيا مع الصفدي يوم الجمعة. ثم التقى بلينكن الصفدي في عمان يوم الاثنين.")
    evs = sorted(of_type(doc, "CONSULT"), key=lambda e: e.evidence.start)
    assert [(e.mode, e.date) for e in evs] == [("phone", "2024-03-01"), ("meeting", "2024-03-04")]
    assert [e.event_id for e in evs] == ["doc#0:e1", "doc#0:e2"]


def test_consult_the_two_officials_refers_back():
    doc = run("أجرى بلينكن محادثات مع بوريطة اليوم في الرباط. وكان المسؤولان قد أجريا مكالمة هاتفية في 30 أبريل.")
    evs = sorted(of_type(doc, "CONSULT"), key=lambda e: e.evidence.start)
    assert [e.mode for e in evs] == ["talks", "phone"]
    assert evs[0].date == "2024-03-06" and evs[1].date == "2023-04-30"
    assert all(everyone(e) == {"antony_blinken", "nasser_bourita"} for e in evs)
    assert evs[1].status == "occurred"


def test_consult_needs_two_parties():
    assert not of_type(run("التقى بلينكن بعائلات الرهائن في تل أبيب."), "CONSULT")


def test_summoning_an_ambassador_is_accuse_not_consult():
    doc = run("استدعت الخارجية الأردنية السفير الإسرائيلي.")
    assert of_type(doc, "ACCUSE") and not of_type(doc, "CONSULT")


def test_no_pub_date_keeps_date_text_without_value():
    doc = run("أجرى بلينكن اتصالا هاتفيا مع الصفدي يوم الجمعة.", pub=None)
    ev = one_consult(doc)
    assert ev.date is None and ev.date_text == "يوم الجمعة" and ev.date_from == "relative_weekday"


def test_no_date_is_never_the_pub_date():
    ev = one_consult(run("التقى بلينكن الصفدي في عمان."))
    assert (ev.date, ev.date_text, ev.date_from) == (None, None, "none")


def test_events_not_taken_from_boilerplate():
    doc = run("أجرى بلينكن اتصالا هاتفيا مع الصفدي يوم الجمعة.\nاقرأ أيضا: التقى شكري بوريطة في القاهرة")
    for ev in doc.events:
        assert not doc.in_boilerplate(ev.evidence.start, ev.evidence.end)


def test_object_after_a_date_and_a_place_said_in_passing():
    text = "استقبل الرئيس المصري عبد الفتاح السيسي، الأحد بالقاهرة، وزير الخارجية الأردني أيمن الصفدي."
    doc = analyze(text, pub_date="2024-06-11")
    (ev,) = [e for e in doc.events if e.event_type == "CONSULT"]
    assert {a.id for a in ev.participants} == {"abdel_fattah_el-sisi", "ayman_safadi"}
    assert ev.date == "2024-06-09" and ev.location and ev.location.name == "Cairo"


def test_a_wire_dateline_is_a_place_not_an_actor():
    text = ("بلينكن في الدوحة\nالدوحة (وكالة مثال) - التقى وزير الخارجية الأمريكي أنتوني بلينكن، اليوم الثلاثاء "
            "في الدوحة، رئيس مجلس الوزراء القطري الشيخ محمد بن عبد الرحمن آل ثاني.")
    doc = analyze(text, pub_date="2024-06-11")
    consults = [e for e in doc.events if e.event_type == "CONSULT"]
    assert consults
    for ev in consults:
        assert "QAT" not in {a.id for a in ev.participants}
    assert {a.id for a in consults[0].participants} == {"antony_blinken", "mohammed_bin_abdulrahman_al_thani"}


def test_a_visit_and_the_meeting_it_holds_are_one_event():
    text = ("بوريطة يستقبل نظيره الإسباني في الرباط\n"
            "استقبل وزير الشؤون الخارجية المغربي ناصر بوريطة، اليوم الاثنين بالرباط، نظيره الإسباني خوسيه مانويل "
            "ألباريس، في إطار زيارة عمل يقوم بها الأخير إلى المملكة.\n"
            "وتناولت المباحثات سبل تعزيز التعاون الثنائي في مجالات الهجرة والطاقة.")
    doc = analyze(text, pub_date="2024-05-20")
    consults = [e for e in doc.events if e.event_type == "CONSULT"]
    assert len(consults) == 1
    assert {a.id for a in consults[0].participants} == {"nasser_bourita", "jose_manuel_albares"}


def test_an_idiom_holding_a_trigger_word_is_no_event():
    doc = analyze("وقال مسؤول، رفض الكشف عن اسمه، إن الوزير سيصل غدا.", pub_date="2018-05-08")
    assert not [e for e in doc.events if e.event_type == "REJECT"]
    doc = analyze("رفضت الحكومة الأردنية مطالب المحتجين.", pub_date="2018-05-08")
    assert [e for e in doc.events if e.event_type == "REJECT"]


@pytest.mark.parametrize("text,author", [
    ("قال وزير الدفاع الإسرائيلي أفيغدور ليبرمان إن قواته قصفت مواقع إيرانية في سوريا.", {"avigdor_lieberman"}),
    ("قالت الوزارة إن الموقع تعرض لهجوم بالصواريخ.", set()),
])
def test_a_speaker_is_the_author_only_of_what_his_own_side_did(text, author):
    """Who tells of an attack did not do it, unless the complement names the speaker's own side (قواته)."""
    evs = of_type(run(text), "ASSAULT")
    assert len(evs) == 1 and ids(evs[0].source) == author


@pytest.mark.parametrize("text,n", [
    ("ومنذ بدء النزاع في سوريا في 2011، قصفت إسرائيل مرارا أهدافا عسكرية للجيش السوري.", 0),
    ("قصفت إسرائيل الثلاثاء أهدافا عسكرية للجيش السوري.", 1),
    ("وقد أدينت الناشطة عدة مرات، ثم قصفت إسرائيل الثلاثاء أهدافا عسكرية للجيش السوري.", 1),
])
def test_an_act_told_as_a_habit_is_background(text, n):
    """"مرارا"، "عدة مرات" near a trigger, in its clause: a series told as background, not one act."""
    assert len(of_type(run(text), "ASSAULT")) == n


def test_the_channel_named_after_the_parties_is_a_phone_call():
    for text in ("وتحدث رئيس الوزراء الأردني مع نظيره العراقي هاتفيا مساء الخميس.",
                 "وبحث الرئيس التونسي مع نظيره الجزائري هاتفياً سبل دعم التعاون."):
        evs = [e for e in analyze(text, pub_date="2024-03-06").events if e.event_type == "CONSULT"]
        assert [e.mode for e in evs] == ["phone"], text
    evs = [e for e in analyze("وبحث الرئيس التونسي مع نظيره الجزائري سبل دعم التعاون.").events]
    assert [e.mode for e in evs if e.event_type == "CONSULT"] == ["talks"]


def test_an_awaited_or_prepared_summit_is_scheduled():
    for text in ("وتسبق الزيارة القمة المرتقبة بين الرئيس الروسي فلاديمير بوتين والرئيس التركي رجب طيب أردوغان.",
                 "وتجري استعدادات لقمة بين الرئيس الروسي فلاديمير بوتين والرئيس التركي رجب طيب أردوغان."):
        evs = [e for e in analyze(text, pub_date="2024-03-06").events if e.event_type == "CONSULT"
               and {a.id for a in e.participants} >= {"vladimir_putin", "recep_tayyip_erdogan"}]
        assert evs and all(e.status == "scheduled" for e in evs), text


def test_the_parties_after_another_interaction_noun_are_its_own():
    text = "وتأتي الزيارة قبل القمة المرتقبة بين الرئيس الروسي فلاديمير بوتين والرئيس التركي رجب طيب أردوغان."
    evs = [e for e in analyze(text, pub_date="2024-03-06").events if e.event_type == "CONSULT"]
    assert [e.trigger.text for e in evs] == ["القمة"]


def test_a_summit_told_again_is_not_the_ministers_visit_told_last():
    text = ("أعلنت موسكو أن الرئيس الروسي فلاديمير بوتين سيلتقي الرئيس التركي رجب طيب أردوغان الشهر المقبل. "
            "ووصل وزير الخارجية الروسي سيرغي لافروف الثلاثاء إلى أنقرة في زيارة رسمية. "
            "وتحظى القمة باهتمام واسع في البلدين.")
    evs = [e for e in analyze(text, pub_date="2024-03-06").events if e.event_type == "CONSULT"]
    visit = [e for e in evs if "sergey_lavrov" in {a.id for a in e.participants}]
    assert visit and all(e.mode == "visit" for e in visit), [(e.mode, [a.id for a in e.participants]) for e in evs]


def test_the_verb_qabala_is_a_meeting_and_its_adjective_is_not():
    text = "وأعلن الرئيس الروسي فلاديمير بوتين أنه سيقابل الرئيس التركي رجب طيب أردوغان في سوتشي يوم 12 يونيو."
    evs = [e for e in analyze(text, pub_date="2024-03-06").events if e.event_type == "CONSULT"]
    assert evs and evs[0].status == "scheduled" and evs[0].date == "2024-06-12"
    assert not [e for e in analyze("وقال إن الاقتراح الروسي غير قابل للتفاوض مع تركيا.").events
                if e.event_type == "CONSULT"]


def test_an_interception_is_the_projectiles_attack_on_the_side_that_intercepts():
    text = "تصدت الدفاعات الجوية السورية لثلاثة صواريخ إسرائيلية فوق مطار المزة العسكري."
    evs = [e for e in analyze(text, pub_date="2024-03-06").events if e.event_type == "ASSAULT"]
    assert evs and all({a.id for a in e.source} == {"ISR"} for e in evs)
    assert not analyze("تصدى الوزير لمحاولات الفساد في الوزارة.", pub_date="2024-03-06").events
    assert not [e for e in analyze("وقال الجيش إنه اعترض قذيفة أطلقت من القطاع.", pub_date="2024-03-06").events
                if e.event_type == "REJECT"]


def test_a_nisba_after_a_word_that_is_a_verb_or_a_noun_makes_it_the_noun():
    evs = analyze("وكان قصف تركي قد استهدف في الشهر الماضي مواقع للمسلحين.", pub_date="2024-03-06").events
    assert [e for e in evs if e.event_type == "ASSAULT" and {a.id for a in e.source} == {"TUR"}]


def test_the_act_answered_is_another_act_by_another_side_on_the_answers_day():
    text = ("شنت الطائرات الإسرائيلية الثلاثاء غارات على مواقع لحركة حماس في غزة ردا على إطلاق صواريخ من القطاع. "
            "وقال متحدث عسكري إن الغارات أصابت مخازن أسلحة. "
            "ولم تعلن أي جهة مسؤوليتها عن الصواريخ حتى الآن.")
    evs = of_type(run(text), "ASSAULT")
    answered = [e for e in evs if e.trigger.text == "إطلاق صواريخ"]
    assert len(evs) == 2 and answered, [(e.trigger.text, ids(e.source)) for e in evs]
    assert not answered[0].source and answered[0].date == "2024-03-05"
    assert all(e.source for e in evs if e not in answered)  # the answer keeps its author


def test_protesters_between_the_verb_and_the_road_and_a_strike_apart_from_a_march():
    doc = run("وقطع محتجون الطريق الرئيسي المؤدي إلى الميناء. "
              "وأعلنت النقابات إضرابا عاما ونظم المعارضون مسيرة حاشدة في العاصمة.")
    modes = sorted(e.mode for e in of_type(doc, "PROTEST"))
    assert modes == ["demo", "obstruct", "strike"], modes


def test_an_arms_embargo_is_a_sanction_and_closing_ones_test_site_is_disarming():
    doc = run("وفرض مجلس الأمن الدولي حظرا شاملا على الأسلحة إلى ليبيا الثلاثاء.")
    assert [e.event_type for e in doc.events if e.event_type in ("SANCTION", "COERCE")] == ["SANCTION"]
    doc = run("وأعلنت كوريا الشمالية الثلاثاء أنها أغلقت موقع تجاربها النووية.")
    types = {(e.event_type, e.mode) for e in doc.events}
    assert ("RETREAT", "disarm") in types and not any(t == "COERCE" for t, _ in types), types


def test_the_nisba_of_what_an_attack_aimed_at_is_its_target_and_outranks_where_the_fire_came_from():
    text = "وجاءت الغارات ردا على إطلاق قذائف من لبنان على مواقع عسكرية إسرائيلية في الجليل."
    evs = [e for e in analyze(text, pub_date="2024-03-06").events if e.event_type == "ASSAULT"]
    assert any({a.id for a in e.target} == {"ISR"} for e in evs)
    assert not any("LBN" in {a.id for a in e.target} for e in evs)
    text = "قتل ثلاثة في هجوم على تشييع مقاتلين من الحشد الشعبي."
    evs = [e for e in analyze(text, pub_date="2024-03-06").events if e.event_type == "ASSAULT"]
    assert any("popular_mobilization_forces" in {a.id for a in e.target} for e in evs)


def test_leaving_an_agreement_named_in_a_construct_is_a_withdrawal_and_its_capital_is_no_actor():
    evs = analyze("ويأتي ذلك بعد انسحاب الولايات المتحدة من اتفاق إيران النووي.", pub_date="2024-03-06").events
    w = [e for e in evs if e.event_type == "SANCTION" and e.mode == "withdraw"]
    assert w and {a.id for a in w[0].source} == {"USA"} and {a.id for a in w[0].target} == {"IRN"}
    evs = analyze("أعلن الرئيس البرازيلي الانسحاب من اتفاقية باريس للمناخ.", pub_date="2024-03-06").events
    w = [e for e in evs if e.event_type == "SANCTION" and e.mode == "withdraw"]
    assert w and "FRA" not in {a.id for a in w[0].source + w[0].target}


def test_leaving_it_in_a_sentence_about_an_agreement_is_a_withdrawal_and_a_date_after_haythu_is_not_its():
    text = "لكن الرئيس، الذي عارض الاتفاق طويلا، قال إن الولايات المتحدة سوف تنسحب منه."
    evs = analyze(text, pub_date="2024-03-06").events
    assert [e for e in evs if e.event_type == "SANCTION" and e.mode == "withdraw"]
    assert not [e for e in evs if e.event_type == "RETREAT"]
    text = "يبدو أن الرئيس دونالد ترامب متمسك بإعلانه انسحاب بلاده من الاتفاق النووي، حيث دافع، الأربعاء، عن قراره."
    w = [e for e in analyze(text, pub_date="2024-03-06").events if e.event_type == "SANCTION"]
    assert w and w[0].date is None


def test_a_date_across_despite_belongs_to_the_other_act():
    text = ("وأكدت ألمانيا التزامها بالاتفاق النووي الذي وقع العام 2015 رغم إعلان الرئيس الأميركي دونالد ترامب "
            "الانسحاب منه.")
    w = [e for e in analyze(text, pub_date="2024-03-06").events if e.event_type == "SANCTION"]
    assert w and w[0].date is None


def test_an_act_charged_is_not_of_the_sentences_day_and_a_risk_is_no_threat():
    text = "أفرجت السلطات الثلاثاء عن الجندي الذي أدين بقتل متظاهر برصاصة في الرأس."
    evs = [e for e in analyze(text, pub_date="2024-03-06").events if e.event_type == "ASSAULT"]
    assert evs and all(e.date is None for e in evs)
    text = "وحذرت تركيا من أن قرار الرئيس الأمريكي يهدد باندلاع نزاعات جديدة في المنطقة."
    assert not [e for e in analyze(text, pub_date="2024-03-06").events if e.event_type == "THREATEN"]


def test_what_a_sentence_tells_since_a_named_year_is_background_but_since_months_is_told():
    text = "ومنذ توليه الحكم عام 2017، هدد الرئيس الأمريكي دونالد ترامب بالانسحاب من الاتفاق."
    assert not [e for e in analyze(text, pub_date="2024-03-06").events if e.event_type == "THREATEN"]
    text = "ومنذ أشهر، تطالب الولايات المتحدة كوريا الشمالية بالإفراج عن المعتقلين."
    assert [e for e in analyze(text, pub_date="2024-03-06").events if e.event_type == "REQUEST"]
