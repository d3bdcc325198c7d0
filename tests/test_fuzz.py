"""Fuzzing: no input makes a stage raise out of a batch, and no span leaves its text."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.fuzzing import WORDS, nasty_file
from marsad.ingest import iter_documents
from marsad.pipeline import analyze, process
from marsad.runner import run
from marsad.store import open_store

arabicish = st.text(
    alphabet=st.one_of(st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويأإآءؤئىةًٌٍَُِّْـ٠١٢٣٤٥٦٧٨٩،؟.\n ()\"")),
                       st.characters()),
    max_size=400,
)


def _check_spans(doc):
    n = len(doc.text)
    for s in doc.stories:
        assert 0 <= s.start <= s.end <= n
    for b in doc.boilerplate:
        assert 0 <= b.start <= b.end <= n
    for e in doc.entities:
        for m in e.mentions:
            assert doc.text[m.start : m.end] == m.text
    for f in doc.figures:
        assert doc.text[f.evidence.start : f.evidence.end] == f.evidence.text
    for ev in doc.events:
        assert doc.text[ev.evidence.start : ev.evidence.end] == ev.evidence.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arabicish, st.sampled_from([None, "2024-02-29", "1999-12-31"]))
def test_analyze_never_raises_and_spans_stay_inside(text, pub):
    doc = analyze(text, pub_date=pub)
    assert all(e.stage != "clean" for e in doc.errors), doc.errors
    _check_spans(doc)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=300), st.sampled_from([None, "2023-12-24"]))
def test_word_salad_with_cues(words, pub):
    doc = analyze(" ".join(words), pub_date=pub)
    assert not doc.errors, doc.errors
    _check_spans(doc)


def test_nasty_files_run_as_a_batch(tmp_path):
    rng = random.Random(11)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(120):
        name, data = nasty_file(rng, i)
        (folder / name).write_bytes(data)
    (folder / "good.txt").write_text("التقى وزير الخارجية المصري نظيره الأردني في عمّان وبحثا الأوضاع.", encoding="utf-8")
    n = 0
    for raw in iter_documents([folder]):
        doc = process(raw)
        _check_spans(doc)
        n += 1
    assert n >= 120
    with open_store(tmp_path / "m.duckdb") as store:
        summary = run([folder], store, tmp_path / "out")
        assert summary.documents == n
        _, rows = store.query("SELECT count(*) FROM documents WHERE doc_id = 'good' AND n_errors = 0")
        assert rows == [(1,)]
