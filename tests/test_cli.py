"""The command line: run, show, sql, stats, eval, and bad input through the CLI."""

import json

from conftest import EXAMPLES, need_seeds
from typer.testing import CliRunner

from marsad.cli import app

runner = CliRunner()


def test_run_example_corpus_and_query(tmp_path):
    db, out = tmp_path / "m.duckdb", tmp_path / "out"
    res = runner.invoke(app, ["run", str(EXAMPLES), "--out", str(out), "--db", str(db)])
    assert res.exit_code == 0, res.output
    docs = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(docs) == 6 and all(not d["errors"] for d in docs)
    html = next(d for d in docs if d["doc_id"] == "2024-05-20_rabat_visit")
    assert html["pub_date"] == "2024-05-20" and html["pub_date_from"] == "metadata"
    cp = next(d for d in docs if d["doc_id"].endswith("cp1256"))
    assert cp["pub_date"] == "2023-06-18" and cp["pub_date_from"] == "filename"

    res = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM documents", "--db", str(db), "--format", "json"])
    assert res.exit_code == 0 and json.loads(res.stdout) == {"n": 6}
    res = runner.invoke(app, ["sql", "DELETE FROM documents", "--db", str(db)])
    assert res.exit_code == 2  # the database is opened read-only
    res = runner.invoke(app, ["show", "2024-03-08_cairo_amman_call", "--db", str(db)])
    assert res.exit_code == 0 and "story" in res.stdout and "[tags]" in res.stdout
    res = runner.invoke(app, ["stats", "--db", str(db)])
    assert res.exit_code == 0 and "documents" in res.stdout
    res = runner.invoke(app, ["show", "nope", "--db", str(db)])
    assert res.exit_code == 2


def test_bad_files_run_to_completion(tmp_path):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "good.txt").write_text("قال المتحدث باسم الحكومة إن الاجتماع سيعقد الأسبوع المقبل في عمان.", encoding="utf-8")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "bin.txt").write_bytes(bytes(range(256)) * 4)
    (bad / "lines.jsonl").write_text('{"id": "ok", "text": "نص سليم في سطر سليم."}\n{oops\n', encoding="utf-8")
    db, out = tmp_path / "m.duckdb", tmp_path / "out"
    res = runner.invoke(app, ["run", str(bad), "--out", str(out), "--db", str(db)])
    assert res.exit_code == 0, res.output
    docs = {json.loads(x)["doc_id"]: json.loads(x) for x in (out / "documents.jsonl").read_text().splitlines()}
    assert not docs["good"]["errors"] and not docs["ok"]["errors"]
    for doc_id in ("empty", "bin", "lines:2"):
        assert len(docs[doc_id]["errors"]) == 1
    assert "lines.jsonl:2" in docs["lines:2"]["errors"][0]["message"]


def test_all_failed_exits_1(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    res = runner.invoke(app, ["run", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "m.duckdb")])
    assert res.exit_code == 1


def test_eval_prints_scores(seed_run):
    need_seeds()
    res = runner.invoke(app, ["eval", str(need_seeds() / "gold"), "--out", str(seed_run), "--json"])
    assert res.exit_code == 0
    scores = json.loads(res.stdout)
    assert set(scores) >= {"consult", "mode", "date", "location", "persons", "figures", "approx"}
    assert scores["pub_date"]["accuracy"] == 1.0


def test_entities_and_figures_commands(tmp_path):
    page = tmp_path / "toll.txt"
    page.write_text("قتل 12 مدنياً وأصيب 30 آخرون في قصف على مدينة تعز، بحسب مصادر طبية، وقال الوزير سامح شكري إن الوضع خطير.",
                    encoding="utf-8")
    res = runner.invoke(app, ["figures", str(page), "--pub-date", "2022-03-01"])
    assert res.exit_code == 0 and "2 figures" in res.stdout and "12" in res.stdout and "30" in res.stdout
    res = runner.invoke(app, ["entities", str(page), "--pub-date", "2022-03-01"], env={"COLUMNS": "250"})
    assert res.exit_code == 0 and "sameh_shoukry" in res.stdout
    res = runner.invoke(app, ["kb", "check"])
    assert res.exit_code == 0 and "persons" in res.stdout
    res = runner.invoke(app, ["kb", "lookup", "بلينكين", "--limit", "3"], env={"COLUMNS": "250"})
    assert res.exit_code == 0 and "antony_blinken" in res.stdout


def test_help_on_every_command():
    for cmd in ("run", "show", "sql", "stats", "eval", "entities", "figures"):
        res = runner.invoke(app, [cmd, "--help"])
        assert res.exit_code == 0 and "Usage" in res.stdout
