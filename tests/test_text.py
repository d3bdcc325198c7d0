"""The Arabic text layer: normalization with offsets, tokens, clitics, sentences."""

import pytest

from marsad.text import clitic_stems, normalize, normalize_key, sentence_spans, tokenize


@pytest.mark.parametrize(
    "raw, norm",
    [
        ("مُحَمَّدٌ", "محمد"),  # diacritics
        ("الرئيـــــس", "الرييس"),  # tatweel; hamza on ya
        ("أحمد إبراهيم آمال ٱلله", "احمد ابراهيم امال الله"),  # hamza/alef forms
        ("مصطفى", "مصطفي"),  # alef maqsura
        ("مدرسة", "مدرسه"),  # ta marbuta
        ("مؤتمر", "موتمر"),
        ("٢٠٢٤ و۱۴۰۳", "2024 و1403"),  # Arabic-Indic and Persian digits
        ("Gaza غزة UN", "gaza غزه un"),  # mixed Latin, lower-cased
        ("ﻻ", "لا"),  # presentation form (lam-alef ligature)
        ("ﺑﻠﻴﻨﻜﻦ", "بلينكن"),  # presentation forms
        ("a\u00a0b\u2009c", "a b c"),  # odd spaces
        ("ب\u200cل", "بل"),  # zero-width non-joiner
        ("وزير‎ الخارجية", "وزير الخارجيه"),  # bidi mark
    ],
)
def test_normalize(raw, norm):
    assert normalize(raw).text == norm


@pytest.mark.parametrize(
    "text",
    [
        "قال وَزِيرُ الخارجيـــة الأمريكي أنتوني بلينكن ٢٠٢٤ إن …",
        "ﻻ ﺑﻠﻴﻨﻜﻦ ولا غيره",
        "mixed Latin و عربي\u200f مع\u00a0مسافات",
        "",
        "ـــــ",
    ],
)
def test_offset_map_round_trip(text):
    nt = normalize(text)
    for tok in tokenize(nt):
        orig = text[tok.start : tok.end]
        # the original slice normalizes to the token
        assert normalize_key(orig) == tok.norm
    assert nt.to_orig(len(nt.text)) == len(text) or text.endswith(("ـ", "\u200f"))


def test_span_keeps_trailing_marks():
    text = "بلينكنُ قال"
    nt = normalize(text)
    i = nt.text.index("بلينكن")
    s, e = nt.span_to_orig(i, i + len("بلينكن"))
    assert text[s:e] == "بلينكنُ"


def test_tokens_offsets_with_tatweel_and_diacritics():
    text = "التقـــى الوَزيرُ"
    toks = tokenize(normalize(text))
    assert [t.norm for t in toks] == ["التقي", "الوزير"]
    assert [text[t.start : t.end] for t in toks] == ["التقـــى", "الوَزيرُ"]


@pytest.mark.parametrize(
    "word, expected",
    [
        ("وبلينكن", ("و", "بلينكن")),
        ("لبلينكن", ("ل", "بلينكن")),
        ("والرياض", ("وال", "رياض")),
        ("بالقاهرة", ("بال", "قاهرة")),
        ("للامم", ("لل", "الامم")),
        ("فالجيش", ("فال", "جيش")),
        ("وللحكومه", ("ولل", "الحكومه")),
    ],
)
def test_clitic_stems(word, expected):
    assert expected in clitic_stems(word)


def test_clitic_stems_keep_the_bare_word_first():
    assert clitic_stems("بلينكن")[0] == ("", "بلينكن")


def test_sentences_arabic_punctuation():
    text = "قال د. أحمد إن 2.5 مليون نزحوا. وتساءل: هل تنتهي الحرب؟ لا أحد يعرف!\nسطر جديد"
    spans = sentence_spans(text)
    assert [s.text for s in spans] == [
        "قال د. أحمد إن 2.5 مليون نزحوا.",
        "وتساءل: هل تنتهي الحرب؟",
        "لا أحد يعرف!",
        "سطر جديد",
    ]
    for s in spans:
        assert text[s.start : s.end] == s.text


def test_sentences_with_range():
    text = "أولا. ثانيا. ثالثا."
    spans = sentence_spans(text, 6, 12)
    assert [s.text for s in spans] == ["ثانيا."]
