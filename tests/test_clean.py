"""Page cleaning and story segmentation on pages laid out the way Arabic news sites lay them out."""

from marsad.clean import segment_page
from marsad.pipeline import analyze


def _kinds(text):
    lay = segment_page("p", text)
    return lay, {text[b.start : b.end]: b.kind for b in lay.boilerplate}


PAGE_APPENDED = """سياسة
الرئيس التونسي يستقبل وفداً أوروبياً
نشر في: الثلاثاء ١٢ مارس ٢٠٢٤ - 10:15
استقبل الرئيس التونسي قيس سعيد، الثلاثاء بقصر قرطاج، وفداً من المفوضية الأوروبية برئاسة مفوض شؤون الجوار، وبحث معه ملفات الهجرة والتعاون الاقتصادي.
وقالت الرئاسة التونسية في بيان إن اللقاء تناول أيضاً سبل دعم الاستثمار في المناطق الداخلية وتشغيل الشباب.
اقرأ أيضا
سعيد: لن نكون حراساً لحدود أوروبا
وأضاف البيان أن الجانبين اتفقا على مواصلة المشاورات خلال الأسابيع المقبلة على مستوى الخبراء.
الوسوم: تونس الاتحاد الأوروبي الهجرة
شارك هذا الخبر
اقرأ أيضاً:
الجزائر تستدعي سفيرها لدى مدريد للتشاور
أعلنت وزارة الخارجية الجزائرية، مساء الأربعاء، استدعاء سفيرها لدى إسبانيا للتشاور، احتجاجاً على تصريحات اعتبرتها مسيئة.
وأوضح البيان أن القرار يأتي بعد سلسلة من المواقف التي وصفتها الجزائر بأنها غير ودية تجاه مصالحها.
مقالات ذات صلة
• تبون يستقبل وزير الخارجية الإيطالي
• ارتفاع صادرات الغاز الجزائري إلى أوروبا
"""


def test_appended_story_after_tags_and_read_also():
    lay, bp = _kinds(PAGE_APPENDED)
    assert [s.kind for s in lay.stories] == ["main", "appended"]
    main, app = lay.stories
    assert main.title == "الرئيس التونسي يستقبل وفداً أوروبياً"
    assert "الجانبين اتفقا" in PAGE_APPENDED[main.start : main.end]
    assert app.title == "الجزائر تستدعي سفيرها لدى مدريد للتشاور"
    assert "غير ودية" in PAGE_APPENDED[app.start : app.end]
    assert bp["الوسوم: تونس الاتحاد الأوروبي الهجرة"] == "tags"
    assert bp["اقرأ أيضا"] == "read_also"
    assert bp["سعيد: لن نكون حراساً لحدود أوروبا"] == "read_also"
    assert bp["شارك هذا الخبر"] == "share"
    assert bp["• تبون يستقبل وزير الخارجية الإيطالي"] == "related"
    assert bp["سياسة"] == "nav"
    assert bp["نشر في: الثلاثاء ١٢ مارس ٢٠٢٤ - 10:15"] == "date"


def test_every_span_slices_the_text():
    lay = segment_page("p", PAGE_APPENDED)
    for s in lay.stories:
        assert 0 <= s.start < s.end <= len(PAGE_APPENDED)
        if s.title:
            assert PAGE_APPENDED[s.title_start : s.title_end] == s.title
    for b in lay.boilerplate:
        assert 0 <= b.start < b.end <= len(PAGE_APPENDED)


def test_pub_date_from_text_and_appended_story_has_none():
    doc = analyze(PAGE_APPENDED, doc_id="p")
    assert doc.pub_date == "2024-03-12" and doc.pub_date_from == "text"
    assert doc.stories[0].pub_date == "2024-03-12"
    assert doc.stories[1].pub_date is None


def test_metadata_date_wins():
    doc = analyze(PAGE_APPENDED, pub_date="2024-03-13", doc_id="p")
    assert doc.pub_date == "2024-03-13" and doc.pub_date_from == "metadata"


PAGE_CAPTIONS = """وزير الدفاع يتفقد الوحدات على الحدود (صورة أرشيفية)
أجرى وزير الدفاع العراقي جولة تفقدية على الوحدات العسكرية المنتشرة على الحدود مع سوريا، واطلع على الإجراءات المتخذة لمنع التسلل.
متظاهرون يرفعون الأعلام أمام مبنى البرلمان في بغداد.
متظاهرون يرفعون الأعلام أمام مبنى البرلمان في بغداد.
وفي سياق آخر، تجمع مئات المتظاهرين أمام مبنى البرلمان للمطالبة بتحسين الخدمات ومكافحة الفساد في المؤسسات الحكومية.
بقلم: سامر العلي
اشترك في النشرة البريدية ليصلك كل جديد
نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا
"""


def test_captions_bylines_newsletter_cookies():
    lay, bp = _kinds(PAGE_CAPTIONS)
    assert len(lay.stories) == 1
    assert bp["وزير الدفاع يتفقد الوحدات على الحدود (صورة أرشيفية)"] == "caption"
    assert [b.kind for b in lay.boilerplate].count("caption") == 3  # the top one and one shown twice
    assert bp["بقلم: سامر العلي"] == "byline"
    assert bp["اشترك في النشرة البريدية ليصلك كل جديد"] == "newsletter"
    assert bp["نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا"] == "cookie"
    story = lay.stories[0]
    assert "مكافحة الفساد" in PAGE_CAPTIONS[story.start : story.end]


def test_a_sentence_that_starts_like_a_share_bar_is_text():
    text = "شارك آلاف المواطنين، الجمعة، في مسيرة حاشدة وسط العاصمة الأردنية عمّان تضامناً مع سكان قطاع غزة."
    lay, bp = _kinds(text)
    assert len(lay.stories) == 1 and not bp


def test_empty_and_whitespace_pages():
    for text in ("", "   \n\n  ", "كلمة"):
        lay = segment_page("p", text)
        assert all(0 <= s.start <= s.end <= len(text) for s in lay.stories)


def test_a_short_wire_lead_with_an_agency_is_not_a_caption():
    text = "موسكو (رويترز) - وافقت روسيا على تمديد اتفاق الحبوب لمدة شهرين."
    lay, bp = _kinds(text)
    assert len(lay.stories) == 1 and not bp


def test_a_list_the_story_tells_to_the_page_end_stays_in_the_story():
    text = (
        "فوز أربع نساء في الانتخابات البلدية\n\n"
        "أعلنت اللجنة المستقلة للانتخابات مساء الاثنين النتائج النهائية للاقتراع البلدي في المحافظة، وجاءت "
        "حصة النساء أعلى من الدورة السابقة بقليل.\n"
        "وفازت بالمقاعد المخصصة للمجلس البلدي المرشحات التاليات:\n"
        "-سلمى الخطيب، مهندسة معمارية، ترشحت عن لائحة التنمية في الدائرة الأولى.\n"
        "-هالة منصور، أستاذة جامعية، عن اللائحة نفسها.\n"
        "وأثارت النتائج نقاشا واسعا بين الناشطين حول تمثيل المرأة في المجالس المحلية وأسباب ضعفه المستمر.\n"
        "-نادية سعيد، محامية، ترشحت مستقلة عن الدائرة الثانية.\n"
        "-رنا عيسى، صحافية، عن لائحة الشباب.\n"
    )
    lay = segment_page("d", text)
    assert len(lay.stories) == 1
    story = lay.stories[0]
    assert story.end >= text.index("لائحة الشباب")
    assert not any(b.start <= text.index("نادية") < b.end for b in lay.boilerplate)
    # a list of links with no full stops after the story stays boilerplate
    links = text.replace("الثانية.\n", "الثانية\n").replace("الشباب.\n", "الشباب\n")
    lay = segment_page("d", links)
    assert any(b.start <= links.index("نادية") < b.end for b in lay.boilerplate)
