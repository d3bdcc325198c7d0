"""Arabic number reading: digits in three scripts, words with their case endings, compounds, vague
plurals and approximators.  Every sentence here is written for the test."""

from __future__ import annotations

import pytest

from marsad.numbers import NumberExpr, digits_value, find_numbers, parse_number
from marsad.numbers import lexicon as numlex
from marsad.numbers.schema import LexiconError, fail
from marsad.resources import data_path

# ---- one number, read whole ------------------------------------------------------------------

PARSE_CASES = [
    # digits: Latin, Arabic-Indic, Persian
    ("7", 7),
    ("٧", 7),
    ("۷", 7),
    ("35456", 35456),
    ("٣٥٤٥٦", 35456),
    ("۳۵۴۵۶", 35456),
    # thousands separators
    ("1,170", 1170),
    ("١٬١٧٠", 1170),
    ("1.500.000", 1500000),
    ("2,500,000", 2500000),
    ("34.356", 34356),
    # decimals
    ("2.5", 2.5),
    ("٣٫٥", 3.5),
    ("1.5 مليون", 1500000),
    ("٣٫٥ مليون", 3500000),
    ("2,5 مليون", 2500000),
    ("1.500 مليون", 1500000),
    ("0.5 مليار", 500000000),
    # units and their genders / cases
    ("واحد", 1),
    ("اثنان", 2),
    ("اثنين", 2),
    ("اثنتين", 2),
    ("ثلاث", 3),
    ("ثلاثة", 3),
    ("أربعة", 4),
    ("ثمانٍ", 8),
    ("ثماني", 8),
    ("عشرة", 10),
    # teens
    ("أحد عشر", 11),
    ("إحدى عشرة", 11),
    ("اثنا عشر", 12),
    ("اثني عشر", 12),
    ("خمسة عشر", 15),
    ("تسع عشرة", 19),
    # tens, nominative and oblique
    ("عشرون", 20),
    ("عشرين", 20),
    ("ثلاثون", 30),
    ("ثلاثين", 30),
    ("تسعين", 90),
    ("خمسة وعشرون", 25),
    ("ثمانية وتسعين", 98),
    # hundreds
    ("مئة", 100),
    ("مائة", 100),
    ("مئتان", 200),
    ("مائتين", 200),
    ("ثلاثمئة", 300),
    ("ثلاثمائة", 300),
    ("ثلاث مئة", 300),
    ("خمسمائة", 500),
    ("مئة وخمسون", 150),
    ("ثلاثمائة وعشرون", 320),
    ("مئة وخمسة وعشرون", 125),
    # thousands: singular, accusative, dual, plural
    ("ألف", 1000),
    ("ألفان", 2000),
    ("ألفين", 2000),
    ("ألفي", 2000),
    ("ثلاثة آلاف", 3000),
    ("عشرة آلاف", 10000),
    ("20 ألفاً", 20000),
    ("37 ألف", 37000),
    ("٣٧ ألف", 37000),
    ("عشرون ألفا", 20000),
    ("خمسة وعشرون ألفاً", 25000),
    ("مئة وخمسون ألفاً", 150000),
    ("3 آلاف", 3000),
    # compounds joined by و
    ("20 ألفاً و258", 20258),
    ("53 ألفاً و688", 53688),
    ("٢٠ ألفاً و٢٥٨", 20258),
    ("20 ألفا و 258", 20258),
    ("ألف وخمسمئة", 1500),
    ("ثلاثة آلاف وخمسمئة", 3500),
    ("ألفين و500", 2500),
    # millions and billions
    ("مليون", 1000000),
    ("مليونان", 2000000),
    ("مليونين", 2000000),
    ("مليونا", 2000000),
    ("خمسون مليوناً", 50000000),
    ("ثلاثة ملايين", 3000000),
    ("مليون ونصف", 1500000),
    ("نصف مليون", 500000),
    ("مليون وربع", 1250000),
    ("مليون و200 ألف", 1200000),
    ("مليار", 1000000000),
    ("مليارين", 2000000000),
    ("2 مليار", 2000000000),
    # with an approximator the value is the number's
    ("نحو ثلاثة آلاف", 3000),
    ("أكثر من 1170", 1170),
    # diacritics and tatweel do not matter
    ("ثَلاثَةُ آلافٍ", 3000),
    ("عشـــرون", 20),
]


@pytest.mark.parametrize(("text", "value"), PARSE_CASES)
def test_parse_number(text: str, value: int | float) -> None:
    got = parse_number(text)
    assert got == value
    assert type(got) is type(value)


@pytest.mark.parametrize(
    "text",
    ["", "شهيد", "10 و20", "في المئة", "يوم الاثنين", "إحدى", "نصف", "ثلاثة قتلى", "20/4/2024", "10:30"],
)
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


# ---- approximators -------------------------------------------------------------------------------

APPROX_CASES = [
    ("قتل نحو 1200 شخص", "نحو 1200", 1200, "about"),
    ("قتل حوالي 50 شخصا", "حوالي 50", 50, "about"),
    ("قتل حوالى 50 شخصا", "حوالى 50", 50, "about"),
    ("نزح قرابة مليون شخص", "قرابة مليون", 1000000, "about"),
    ("اعتقل ما يقارب 300 شخص", "ما يقارب 300", 300, "about"),
    ("لقي زهاء أربعين شخصا حتفهم", "زهاء أربعين", 40, "about"),
    ("قتل أكثر من  1170 شخصا", "أكثر من  1170", 1170, "more_than"),
    ("قتل ما يزيد على 400 مدني", "ما يزيد على 400", 400, "more_than"),
    ("قتل ما يزيد عن 400 مدني", "ما يزيد عن 400", 400, "more_than"),
    ("قتل أزيد من 30 شخصا", "أزيد من 30", 30, "more_than"),
    ("نزح ما يربو على 10 آلاف", "ما يربو على 10 آلاف", 10000, "more_than"),
    ("أصيب أقل من 20 شخصا", "أقل من 20", 20, "less_than"),
    ("قتل 10 على الأقل", "10 على الأقل", 10, "at_least"),
    ("قتل ما لا يقل عن 50 مدنيا", "ما لا يقل عن 50", 50, "at_least"),
    ("قد يصل العدد حتى 500", "حتى 500", 500, "up_to"),
    ("نزوح ما يصل إلى مليوني شخص", "ما يصل إلى مليوني", 2000000, "up_to"),
    ("بأكثر من 300 شخص", "أكثر من 300", 300, "more_than"),
    ("وبنحو ٤٠ ألفاً", "نحو ٤٠ ألفاً", 40000, "about"),
    ("قتل ألف ونيف", "ألف ونيف", 1000, "more_than"),
    ("قتل 30 شخصا تقريبا", "30", 30, "exact"),  # the approximator follows the noun, not the number
]


@pytest.mark.parametrize(("text", "span", "value", "approx"), APPROX_CASES)
def test_approximators(text: str, span: str, value: int, approx: str) -> None:
    nums = find_numbers(text)
    assert len(nums) == 1, nums
    n = nums[0]
    assert (n.text, n.value, n.approx) == (span, value, approx)
    assert text[n.start : n.end] == n.text


# ---- vague quantities --------------------------------------------------------------------------

VAGUE_CASES = [
    ("قتل العشرات", "العشرات", 10),
    ("أصيب عشرات المدنيين", "عشرات", 10),
    ("مئات الجرحى", "مئات", 100),
    ("آلاف النازحين", "آلاف", 1000),
    ("الآلاف من النازحين", "الآلاف", 1000),
    ("عشرات الآلاف من الشهداء", "عشرات الآلاف", 10000),
    ("مئات الآلاف من النازحين", "مئات الآلاف", 100000),
    ("عشرات آلاف المتظاهرين", "عشرات آلاف", 10000),
    ("ملايين الأشخاص", "ملايين", 1000000),
    ("بضعة آلاف", "بضعة آلاف", 3000),
]


@pytest.mark.parametrize(("text", "span", "value"), VAGUE_CASES)
def test_vague_quantities(text: str, span: str, value: int) -> None:
    (n,) = find_numbers(text)
    assert (n.text, n.value, n.approx, n.vague) == (span, value, "at_least", True)


def test_vague_with_approximator_stays_at_least() -> None:
    (n,) = find_numbers("أصيب أكثر من عشرات الأشخاص")
    assert (n.value, n.approx, n.vague) == (10, "at_least", True)


# ---- scanning a text ---------------------------------------------------------------------------


def test_two_tolls_in_one_sentence() -> None:
    text = "خلفت الحرب 20 ألفاً و258 شهيداً و53 ألفاً و688 جريحاً."
    got = [(n.text, n.value) for n in find_numbers(text)]
    assert got == [("20 ألفاً و258", 20258), ("53 ألفاً و688", 53688)]


def test_a_range_is_two_numbers() -> None:
    assert [n.value for n in find_numbers("بين 10 و20 شخصا")] == [10, 20]


def test_bomb_weights_do_not_join() -> None:
    assert [n.value for n in find_numbers("قنابل زنة 2000 رطل و500 رطل")] == [2000, 500]


@pytest.mark.parametrize(
    "text",
    ["في 20/4/2024", "عند الساعة 10:30", "يوم الاثنين الماضي", "نسبة في المئة", "الثلاثاء", "إحدى المدن",
     "خلال الـ24 ساعة", "طائرة F16"],
)
def test_not_numbers(text: str) -> None:
    assert find_numbers(text) == []


def test_dual_construct_opens_a_number() -> None:
    (n,) = find_numbers("نزح ألفا شخص")
    assert n.value == 2000


def test_offsets_round_trip_with_marks_and_indic_digits() -> None:
    text = "وقُتِلَ أكثـــرُ من ٢٠ ألفاً و٢٥٨ شخصاً، وأُصيب عشراتُ الآلافِ، ونزح ۱.۵ مليون."
    nums = find_numbers(text)
    assert [n.value for n in nums] == [20258, 10000, 1500000]
    for n in nums:
        assert isinstance(n, NumberExpr)
        assert text[n.start : n.end] == n.text


def test_find_numbers_in_a_window() -> None:
    text = "قتل 5 أشخاص. وأصيب 7 آخرون."
    start = text.index("وأصيب")
    (n,) = find_numbers(text, start)
    assert (n.value, text[n.start : n.end]) == (7, "7")


def test_clitic_before_a_digit() -> None:
    (n,) = find_numbers("تسبب ب35456 شخصا")
    assert (n.text, n.value) == ("35456", 35456)


@pytest.mark.parametrize(
    ("s", "before_scale", "value"),
    [("1,234.5", False, 1234.5), ("1.234,5", False, 1234.5), ("12.5", False, 12.5), ("1.500", False, 1500)],
)
def test_digits_value(s: str, before_scale: bool, value: float) -> None:
    assert float(digits_value(s, before_scale)) == value


# ---- the lexicon file ----------------------------------------------------------------------------


def test_number_lexicon_loads() -> None:
    lex = numlex.number_lexicon()
    assert lex.words["الاف"].kind == numlex.SCALE_PLURAL
    assert lex.ordinals["السابع"] == 7


def test_schema_error_names_file_and_line() -> None:
    err = fail(numlex.FILE, ["tens", 30], "bad")
    lines = data_path(*numlex.FILE).read_text(encoding="utf-8").splitlines()
    line = next(i for i, ln in enumerate(lines, 1) if ln.strip().startswith("30:"))
    assert str(err) == f"lexicons/numbers.yaml:{line}: tens.30: bad"


def test_bad_entry_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = dict(numlex.load_yaml(*numlex.FILE))
    spec["tens"] = {**spec["tens"], 30: ["ثلاثون", ""]}
    monkeypatch.setattr(numlex, "load_yaml", lambda *parts: spec)
    with pytest.raises(LexiconError, match=r"tens\.30\.1"):
        numlex.number_lexicon.__wrapped__()


def test_a_form_with_two_readings_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = dict(numlex.load_yaml(*numlex.FILE))
    spec["tens"] = {**spec["tens"], 40: ["أربعين", "ثلاثة"]}
    monkeypatch.setattr(numlex, "load_yaml", lambda *parts: spec)
    with pytest.raises(LexiconError, match="already a unit"):
        numlex.number_lexicon.__wrapped__()


@pytest.mark.parametrize(
    "text, value, approx",
    [("قتل أكثر  من 20 شخصا", 20, "more_than"), ("نحو\u00a0ثلاثة آلاف", 3000, "about"),
     ("ما  يزيد  على 40", 40, "more_than"), ("أكثر من ــ 15", 15, "more_than")],
)
def test_approximators_with_odd_spacing(text, value, approx):
    (n,) = find_numbers(text)
    assert (n.value, n.approx) == (value, approx)


def test_digits_glued_to_the_word_before() -> None:
    # a space lost in scraping: "بقيمة1,3 مليار"; an article or a tatweel still makes a label
    (n,) = find_numbers("المساعدة بقيمة1,3\u00a0 مليار دولار")
    assert (n.text, n.value) == ("1,3\u00a0 مليار", 1300000000)
    assert find_numbers("خلال ال24 ساعة") == []


def test_a_definite_number_word_before_a_scale_and_a_definite_teen() -> None:
    # "المئة مليار" is an amount; "الخمسة عشر" is a definite teen, a reference: no number, and its
    # "عشر" is never read alone as ten
    assert [n.value for n in find_numbers("فاقت الأموال المئة مليار دولار")] == [100000000000]
    assert find_numbers("المقاتلون الخمسة عشر") == []


def test_an_ordinal_teen_is_no_number() -> None:
    assert find_numbers("هجمات الحادي عشر من سبتمبر") == []
    assert find_numbers("في دورته الثانية عشرة") == []
    assert [n.value for n in find_numbers("قتل أحد عشر شخصا")] == [11]


def test_a_half_with_its_own_scale() -> None:
    assert [n.value for n in find_numbers("مليون ونصف مليون لاجئ")] == [1500000]
    assert [n.value for n in find_numbers("مليون ونصف")] == [1500000]


def test_a_definite_amount_with_a_scale() -> None:
    # "مبلغ الـ2,17 مليار" is the amount, and its tail "17 مليار" is never read alone
    assert [n.value for n in find_numbers("وإلى جانب مبلغ الـ2,17 مليار يورو")] == [2170000000]
