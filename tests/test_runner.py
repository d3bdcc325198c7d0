"""marsad run's handling of long runs: the word caches are emptied between steps."""

from dataclasses import fields

from marsad import runner
from marsad.events.extract import _cached_stems
from marsad.figures.lexicon import PhraseTable, figure_lexicon, readings
from marsad.merge.mention import blocking_keys
from marsad.pipeline import analyze, clear_caches
from marsad.store import open_store

TEXT = (
    "قُتل ٥ أشخاص وأُصيب 12 آخرون في قصف على خان يونس أمس الخميس، فيما أجرى وزير الخارجية الأمريكي "
    "أنتوني بلينكن اتصالاً هاتفياً بنظيره المصري سامح شكري، وبحثا وقف إطلاق النار."
)
OTHER = "وصل الرئيس الفرنسي إيمانويل ماكرون إلى بيروت الجمعة الماضية والتقى رئيس الحكومة اللبنانية."


def _memo_sizes() -> int:
    lex = figure_lexicon()
    tables = [getattr(lex, f.name) for f in fields(lex)]
    return sum(len(t._memo) for t in tables if isinstance(t, PhraseTable))


def test_clear_caches_empties_the_word_caches_and_changes_no_result():
    first = analyze(TEXT, "2024-05-10")
    assert readings.cache_info().currsize and _cached_stems.cache_info().currsize and _memo_sizes()
    clear_caches()
    assert readings.cache_info().currsize == 0
    assert _cached_stems.cache_info().currsize == 0
    assert _memo_sizes() == 0
    again = analyze(TEXT, "2024-05-10")
    assert again.as_dict() == first.as_dict()


def test_a_run_empties_the_word_caches_after_each_merge(tmp_path, monkeypatch):
    pages = tmp_path / "in"
    pages.mkdir()
    for i, text in enumerate([TEXT, OTHER, TEXT.replace("خان يونس", "رفح"), OTHER.replace("بيروت", "عمّان")]):
        (pages / f"2024-05-1{i}_page{i}.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(runner, "BATCH", 1)
    monkeypatch.setattr(runner, "MERGE_EVERY", 2)
    seen = []

    def clearing() -> None:
        seen.append((readings.cache_info().currsize, blocking_keys.cache_info().currsize))
        clear_caches()
        assert readings.cache_info().currsize == 0

    monkeypatch.setattr(runner, "clear_caches", clearing)
    with open_store(tmp_path / "m.duckdb") as store:
        summary = runner.run([pages], store)
    assert summary.documents == 4
    assert len(seen) == 2  # after the merges at 2 and 4 pages (the last merge ends the run)
    # the words of the pages read since the last merge were cached, and the merge's party combinations
    # were dropped when it ended
    assert all(words > 0 and combos == 0 for words, combos in seen)
