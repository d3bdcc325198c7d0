"""The ``marsad`` command line: a thin layer over the pipeline, the store and the evaluation."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

app = typer.Typer(
    help="marsad (مرصد): Arabic news to structured, deduplicated, traceable political event data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
out = Console()

DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB database file.")]
DEFAULT_DB = Path("marsad.duckdb")


def _open(db: Path, read_only: bool = True):
    from marsad.store import open_store

    try:
        return open_store(db, read_only=read_only)
    except FileNotFoundError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    except Exception as exc:  # duckdb lock held by another process, bad file, …
        _open_failed(db, exc, read_only)


def _lock_holder(exc: Exception) -> str:
    """The process named by a DuckDB lock error ("Conflicting lock is held in … (PID n) by user …")."""
    import re

    m = re.search(r"held in (.+?) \(PID (\d+)\)", str(exc))
    return f"PID {m.group(2)}, {m.group(1)}" if m else "DuckDB allows one writer"


@app.command()
def run(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders (.txt .html .jsonl .warc[.gz]), or - for JSONL on stdin.")],
    out_dir: Annotated[Path | None, typer.Option("--out", help="Folder for the .jsonl output files.")] = None,
    db: DbOpt = DEFAULT_DB,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or per-document messages.")] = False,
) -> None:
    """Run the whole pipeline over INPUTS, store the results and write the .jsonl files."""
    from marsad.runner import run as run_corpus

    store = _open(db, read_only=False)
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} docs"),
                        TimeElapsedColumn(), console=err, disable=quiet or not err.is_terminal, transient=True)
    with progress, store:
        task = progress.add_task("marsad run", total=None)

        def tick(doc) -> None:
            progress.advance(task)
            if not quiet:
                for e in doc.errors:
                    # messages quote files and libraries ("lxml[html-clean]"): printed as they are, not as markup
                    err.print(f"[yellow]warning:[/yellow] {escape(e.message)}" if e.stage == "ingest"
                              else f"[yellow]warning:[/yellow] {escape(doc.doc_id)}: {e.stage}: {escape(e.message)}")

        summary = run_corpus(inputs, store, out_dir, on_document=tick)
    table = Table(title="marsad run", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents", str(summary.documents))
    table.add_row("  written / unchanged", f"{summary.written} / {summary.unchanged}")
    table.add_row("  failed", str(summary.failed))
    table.add_row("stories", str(summary.stories))
    table.add_row("entities", str(summary.entities))
    for etype, n in sorted(summary.events_by_type.items()):
        table.add_row(f"events {etype}", str(n))
    table.add_row("events (all)", str(sum(summary.events_by_type.values())))
    table.add_row("figures", str(summary.figures))
    table.add_row("errors", str(len(summary.messages)))
    table.add_row("seconds", f"{summary.seconds:.2f}")
    if not quiet:
        err.print(table)
    if summary.all_failed:
        err.print("[red]error:[/red] every document failed")
        raise typer.Exit(1)


@app.command()
def show(doc_id: str, db: DbOpt = DEFAULT_DB) -> None:
    """Print a stored document with its stories and boilerplate marked."""
    with _open(db) as store:
        cols, rows = store.query("SELECT text, record FROM documents WHERE doc_id = ?", [doc_id])
    if not rows:
        err.print(f"[red]error:[/red] no document {doc_id!r} in {db}")
        raise typer.Exit(2)
    text, record = rows[0][0] or "", json.loads(rows[0][1])
    out.print(_marked(text, record))
    if record.get("errors"):
        for e in record["errors"]:
            out.print(f"[red]error[/red] [{e['stage']}] {e['message']}")


def _marked(text: str, record: dict) -> Text:
    """The text with boilerplate struck through and every story start labelled."""
    styled = Text()
    marks = sorted((b["start"], b["end"], b["kind"]) for b in record.get("boilerplate", []))
    starts = {s["start"]: s for s in record.get("stories", [])}
    bounds = sorted({0, len(text), *starts, *(m[0] for m in marks), *(m[1] for m in marks)})
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a in starts:
            s = starts[a]
            styled.append(f"\n── story {s['story_id']} ({s['kind']}, date {s.get('pub_date')}) ──\n", "bold cyan")
        mark = next((m for m in marks if m[0] <= a and b <= m[1]), None)
        if mark and a == mark[0]:
            styled.append(f"[{mark[2]}] ", "yellow")
        styled.append(text[a:b], "dim strike" if mark else "")
    return styled


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="A read-only SQL query (the database is opened read-only).")],
    db: DbOpt = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", help="table | csv | json")] = "table",
) -> None:
    """Run a read-only SQL query against the store."""
    with _open(db) as store:
        try:
            cols, rows = store.query(query)
        except Exception as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from None
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(cols)
        w.writerows(rows)
        sys.stdout.write(buf.getvalue())
    elif fmt == "json":
        for r in rows:
            sys.stdout.write(json.dumps(dict(zip(cols, r, strict=True)), ensure_ascii=False, default=str) + "\n")
    elif fmt == "table":
        t = Table(*cols)
        for r in rows:
            t.add_row(*["" if v is None else str(v) for v in r])
        out.print(t)
    else:
        err.print(f"[red]error:[/red] unknown --format {fmt!r} (table, csv or json)")
        raise typer.Exit(2)


@app.command()
def stats(db: DbOpt = DEFAULT_DB) -> None:
    """Row counts and the schema version of the store."""
    with _open(db, read_only=False) as store:
        counts = store.counts()
        version = store.schema_version()
        _, by_type = store.query("SELECT event_type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC")
    t = Table("table", "rows", title=f"{db} (schema {version})")
    for k, v in counts.items():
        t.add_row(k, str(v))
    for etype, n in by_type:
        t.add_row(f"  events {etype}", str(n))
    out.print(t)


@app.command("eval")
def eval_cmd(
    gold: Annotated[Path, typer.Argument(help="Folder of gold .json files (gold-format.md).")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder with the .jsonl files of `marsad run`.")] = Path("out"),
    texts: Annotated[Path | None, typer.Option(
        "--texts", help="The documents' texts (a docs.jsonl, or a folder of <doc_id>.txt), to place gold evidence "
                        "in the text; default: beside the gold folder.")] = None,
    against: Annotated[Path | None, typer.Option(
        "--against", help="Score another annotation (a gold folder) instead of --out: agreement between "
                          "annotators.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the output of `marsad run` (or another annotation) against gold annotations: CONSULT, every event
    type, persons, figures, merging.

    A gold event pairs with a prediction whose evidence overlaps its own; of predictions that overlap it alike
    (one sentence telling two acts of a type), with the one of its mode, then the one sharing most actors."""
    from marsad.evaluate import evaluate

    if not gold.is_dir():
        err.print(f"[red]error:[/red] {gold}: not a folder of gold files")
        raise typer.Exit(2)
    if against is not None and not against.is_dir():
        err.print(f"[red]error:[/red] {against}: not a folder of gold files")
        raise typer.Exit(2)
    if against is None and not (out_dir / "documents.jsonl").exists():
        err.print(f"[red]error:[/red] {out_dir}: no documents.jsonl (run `marsad run … --out {out_dir}` first)")
        raise typer.Exit(2)
    rep = evaluate(gold, out_dir, texts=texts, pred_gold=against)
    if as_json:
        sys.stdout.write(json.dumps(rep.as_dict(), ensure_ascii=False, indent=1) + "\n")
        return
    for doc_id, misses in sorted(rep.docs.items()):
        print(f"{doc_id}:")
        for m in misses:
            print(f"  - {m}")
    d = rep.as_dict()
    ev = d["events"]
    if ev["merge"]["wrong_pairs"] or ev["merge"]["missed_pairs"]:
        print("\nmerge: pairs put together that the gold keeps apart:")
        for m in ev["merge"]["wrong_pairs"]:
            print(f"  - {m}")
        print("merge: pairs the gold puts together that were kept apart:")
        for m in ev["merge"]["missed_pairs"]:
            print(f"  - {m}")
    print()

    def prf(name: str, v: dict) -> None:
        print(f"{name:<9} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}   "
              f"(tp {v['tp']}, fp {v['fp']}, fn {v['fn']})")

    for key in ("consult", "persons", "figures"):
        prf(key, d[key])
    for key in ("mode", "date", "location", "approx", "pub_date"):
        v = d[key]
        print(f"{key:<9} accuracy {v['accuracy']:.3f}   ({v['right']}/{v['total']})")
    print("\nevents (every type; CONSULT from the consult block)")
    for t, v in ev["by_type"].items():
        if v["tp"] + v["fp"] + v["fn"]:
            prf(f"  {t}", v)
    prf("micro", ev["micro"])
    print(f"macro-F1  {ev['macro_f1']:.3f}   (types with ≥ 5 gold: {' '.join(ev['macro_types']) or '-'})")
    prf("untyped", ev["untyped"])
    prf("actors", ev["actors"])
    for key in ("date", "status", "mode"):
        v = ev[key]
        print(f"{'ev ' + key:<9} accuracy {v['accuracy']:.3f}   ({v['right']}/{v['total']})")
    conf = {k: n for k, n in ev["confusion"].items() if k.split("->")[0] != k.split("->")[1]}
    if conf:
        print("confusion (gold->predicted): " + ", ".join(f"{k} {n}" for k, n in conf.items()))
    m = ev["merge"]
    if m["match_recall"]["total"]:
        for name, v in (("all", m["pairwise"]), ("extracted", m["pairwise_extracted"])):
            print(f"merge     pairwise ({name:<9}) P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}   "
                  f"(tp {v['tp']}, fp {v['fp']}, fn {v['fn']})")
        print(f"merge     match recall {m['match_recall']['accuracy']:.3f} "
              f"({m['match_recall']['right']}/{m['match_recall']['total']} labelled items extracted; 'extracted' "
              "counts only pairs whose two items were both matched)")


def main() -> None:  # pragma: no cover
    app()


kb_app = typer.Typer(help="The knowledge base: schema check, counts, lookup.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")


@kb_app.command("check")
def kb_check() -> None:
    """Check every knowledge-base file against its schema and print the counts."""
    from marsad.kb import load_kb

    kb = load_kb()
    for e in kb.errors:
        err.print(f"[red]error:[/red] {e}")
    _kb_counts(kb)
    if kb.errors:
        raise typer.Exit(1)
    out.print(f"[green]ok[/green]: knowledge base {kb.version} passes its schema check")


def _kb_counts(kb) -> None:
    t = Table("what", "count", title=f"knowledge base {kb.version}")
    for key in ("persons", "countries", "organizations", "places", "arabic_variants", "surface_forms"):
        t.add_row(key, str(kb.counts.get(key, 0)))
    out.print(t)


@kb_app.command("stats")
def kb_stats() -> None:
    """Counts of the knowledge base, and persons by country."""
    from collections import Counter

    from marsad.kb import load_kb

    kb = load_kb()
    _kb_counts(kb)
    by_country = Counter(e.country for e in kb.entries.values() if e.kind == "person")
    t = Table("country", "persons", title="persons by country (top 30)")
    for c, n in by_country.most_common(30):
        t.add_row(str(c), str(n))
    out.print(t)


@kb_app.command("lookup")
def kb_lookup(name: str, limit: Annotated[int, typer.Option(help="How many candidates.")] = 10) -> None:
    """Candidates for an Arabic (or English) name, with similarity scores (exact forms first)."""
    from rapidfuzz import fuzz, process

    from marsad.kb import load_kb
    from marsad.text.normalize import normalize_key

    kb = load_kb()
    key = normalize_key(name)
    t = Table("score", "kind", "via", "form", "name", "country")
    t.add_column("id", no_wrap=True)
    rows = []
    for sf in kb.surfaces.get(key, []):
        rows.append((100.0, sf, key))
    forms = list(kb.surfaces)
    for form, score, _ in process.extract(key, forms, scorer=fuzz.WRatio, limit=limit * 3):
        for sf in kb.surfaces[form]:
            if not any(r[1] == sf for r in rows):
                rows.append((score, sf, form))
    english = {e.name.lower(): e for e in kb.entries.values()}
    for ename, score, _ in process.extract(name.lower(), list(english), scorer=fuzz.WRatio, limit=limit):
        e = english[ename]
        rows.append((score, type("S", (), {"entity_id": e.id, "kind": e.kind, "via": "english"})(), e.name))
    shown = 0
    for score, sf, form in sorted(rows, key=lambda r: -r[0]):
        entry = kb.entries.get(sf.entity_id)
        if entry is None or shown >= limit:
            continue
        t.add_row(f"{score:.0f}", sf.kind, sf.via, form, entry.name, str(entry.country), sf.entity_id)
        shown += 1
    out.print(t)


@app.command()
def entities(
    file: Annotated[Path, typer.Argument(help="A document: .txt, .html or .jsonl (its first line).")],
    pub_date: Annotated[str | None, typer.Option("--pub-date", help="Publication date YYYY-MM-DD.")] = None,
) -> None:
    """Print a document with its entities highlighted, and a table of them."""
    doc = _analyze_file(file, pub_date)
    colors = {"person": "bold magenta", "organization": "bold blue", "country": "bold green", "place": "bold yellow"}
    spans = sorted((m.start, m.end, colors.get(e.kind, "bold"))
                   for e in doc.entities for m in e.mentions)
    text = Text(doc.text)
    for s, e, style in spans:
        text.stylize(style, s, e)
    out.print(text)
    t = Table("kind", "linked", "country", "sector", "role", "mentions", "in boilerplate")
    t.add_column("id", no_wrap=True)
    for e in doc.entities:
        t.add_row(e.kind, str(e.linked), str(e.country), str(e.sector), str(e.role),
                  " | ".join(m.text for m in e.mentions), str(e.in_boilerplate), e.id)
    out.print(t)


@app.command()
def figures(
    file: Annotated[Path, typer.Argument(help="A document: .txt, .html or .jsonl (its first line).")],
    pub_date: Annotated[str | None, typer.Option("--pub-date", help="Publication date YYYY-MM-DD.")] = None,
) -> None:
    """Print the figures of a document (killed, wounded, hostages, …) with their evidence highlighted."""
    doc = _analyze_file(file, pub_date)
    t = Table("#", "value", "approx", "what", "unit", "group", "place", "as of", "since", "attribution",
              title=f"{doc.doc_id}: {len(doc.figures)} figures")
    for i, f in enumerate(doc.figures, 1):
        t.add_row(str(i), f"{f.value:,}", f.approx, f.what, str(f.unit or ""), str(f.group or ""),
                  str(f.place or ""), str(f.as_of or ""), str(f.since or ""),
                  (f.attribution.text if f.attribution else ""))
    out.print(t)
    for i, f in enumerate(doc.figures, 1):
        line = Text(f"[{i}] ", "bold")
        line.append(doc.text[max(0, f.evidence.start - 40) : f.evidence.start].replace("\n", " "), "dim")
        line.append(f.evidence.text, "bold reverse")
        line.append(doc.text[f.evidence.end : f.evidence.end + 40].replace("\n", " "), "dim")
        out.print(line)


@app.command("events")
def events_cmd(
    db: DbOpt = DEFAULT_DB,
    canonical: Annotated[bool, typer.Option("--canonical", help="One row per real-world event, with counts.")] = False,
    event_type: Annotated[str | None, typer.Option("--type", help="Only this PLOVER type (e.g. CONSULT).")] = None,
    limit: Annotated[int, typer.Option(help="How many rows.")] = 50,
) -> None:
    """List stored events (or canonical events with their number of documents and outlets; a canonical date
    marked ≈ is assumed from the first publication, since no report states one).

    Reports are one canonical event when they tell one act: the same type and kind, agreeing parties, days that
    meet (an undated report of a statement or an attack is of its publication day or the day before, a night
    may be either day it touches); the other side's act, and one side's statements told in other words, stay
    apart (README, "merges")."""
    with _open(db) as store:
        if canonical:
            from marsad.merge import list_canonical

            rows = [r for r in list_canonical(store, limit * 4 if event_type else limit)
                    if not event_type or r["event_type"] == event_type.upper()][:limit]
            t = Table("date", "type", "mode", "participants", "docs", "outlets", "first seen", title="canonical events")
            t.add_column("canonical id", no_wrap=True)
            for r in rows:
                date = str(r.get("date") or "")
                if date and r.get("date_from") == "pub_date":
                    date = f"≈{date}"  # assumed: the first publication; no report states a date
                t.add_row(date, r["event_type"], str(r.get("mode") or ""),
                          ", ".join(a.get("name_ar") or a["id"] for a in r.get("participants", [])),
                          str(r["num_documents"]), str(r["num_outlets"]), str(r.get("first_seen") or ""),
                          r["canonical_id"])
            out.print(t)
            return
        from marsad.store import event_record

        sql = f"SELECT {event_record()} FROM events"
        params: list = []
        if event_type:
            sql += " WHERE event_type = ?"
            params.append(event_type.upper())
        _, rows = store.query(sql + " ORDER BY date DESC NULLS LAST, event_id LIMIT ?", [*params, limit])
    t = Table("date", "type", "mode", "status", "source", "target", "evidence", title="events")
    for (rec,) in rows:
        ev = json.loads(rec)
        t.add_row(str(ev.get("date") or ev.get("date_text") or ""), ev["event_type"], str(ev.get("mode") or ""),
                  ev["status"], ", ".join(a.get("name_ar") or a["id"] for a in ev["source"] or ev["participants"]),
                  ", ".join(a.get("name_ar") or a["id"] for a in ev["target"]), ev["evidence"]["text"][:80])
    out.print(t)


@app.command("event")
def event_cmd(cid: Annotated[str, typer.Argument(help="A canonical id (c:…, or a unique prefix).")],
              db: DbOpt = DEFAULT_DB) -> None:
    """Show one canonical event: every report of it, side by side with its evidence."""
    from marsad.merge import canonical_detail

    with _open(db) as store:
        try:
            detail = canonical_detail(store, cid)
        except KeyError as exc:
            err.print(f"[red]error:[/red] {exc.args[0]}")
            raise typer.Exit(2) from None
    out.print(f"[bold]{detail['canonical_id']}[/bold]  {detail['event_type']} {detail.get('mode') or ''} "
              f"date {detail.get('date')}  documents {detail['num_documents']}  outlets {detail['num_outlets']}")
    t = Table("document", "outlet", "published", "date", "mode", "evidence")
    for ev in detail["reports"]:
        doc = ev.get("document") or {}
        copy = f" (copy of {doc['near_duplicate_of']})" if doc.get("near_duplicate_of") else ""
        t.add_row(ev["doc_id"] + copy, str(doc.get("outlet") or ""), str(doc.get("pub_date") or ""),
                  str(ev.get("date") or ev.get("date_text") or ""), str(ev.get("mode") or ""),
                  ev["evidence"]["text"])
    out.print(t)


def _analyze_file(file: Path, pub_date: str | None):
    from marsad.ingest import iter_documents
    from marsad.pipeline import process

    raw = next(iter(iter_documents([file])), None)
    if raw is None:
        err.print(f"[red]error:[/red] {file}: no document")
        raise typer.Exit(2)
    if raw.errors:
        err.print(f"[red]error:[/red] {raw.errors[0].message}")
        raise typer.Exit(2)
    if pub_date:
        raw.pub_date = pub_date
    return process(raw)


@app.command()
def serve(
    db: DbOpt = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Address to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    token_reads: Annotated[bool, typer.Option("--token-reads", help="GET requests need the token too.")] = False,
    inbox: Annotated[Path | None, typer.Option(
        "--inbox", help="Folder polled for files to ingest (.txt .html .jsonl .warc[.gz]); each moves to "
                        "DIR/done/ or DIR/failed/ (with NAME.error.txt). Write NAME.part, then rename.")] = None,
) -> None:
    """Serve the HTTP API (/api, documented at /docs) and the web UI (/) over the store.

    POST /api/documents needs `Authorization: Bearer $MARSAD_TOKEN`; without MARSAD_TOKEN (and without
    --inbox) the store is opened read-only and writes are refused.  While the server runs it owns the
    database: ingest through it (--inbox or POST), not with `marsad run`.
    """
    import os

    import uvicorn

    from marsad.allocator import steady_heap
    from marsad.serve import ServeSettings, create_app

    steady_heap()  # a server runs for weeks: keep its heap from growing with freed memory

    token = os.environ.get("MARSAD_TOKEN") or None
    if token_reads and not token:
        err.print("[red]error:[/red] --token-reads needs a token: set MARSAD_TOKEN")
        raise typer.Exit(2)
    try:
        api = create_app(ServeSettings(db=str(db), token=token, token_reads=token_reads,
                                       inbox=str(inbox) if inbox else None))
    except FileNotFoundError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    except Exception as exc:  # lock held by another process, newer schema, …
        err.print(f"[red]error:[/red] cannot open {db}: {exc}")
        raise typer.Exit(2) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]warning:[/yellow] serving on {host}: reachable from other machines")
    err.print(f"marsad: http://{host}:{port}/ (API docs at /docs; POST /api/documents {'on' if token else 'off'}"
              f"{f'; inbox {inbox}' if inbox else ''})")
    uvicorn.run(api, host=host, port=port, log_level="warning")


# -- Spark and exports (issue #9) ------------------------------------------------------------------------
spark_app = typer.Typer(help="The pipeline as a PySpark job (needs the spark extra of marsad, i.e. pyspark, and Java 17+).",
                        no_args_is_help=True)
app.add_typer(spark_app, name="spark")


@spark_app.command("run")
def spark_run(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders (.txt .html .jsonl .warc[.gz]) on any file "
                                                     "system Spark reads, or a Parquet table of documents.")],
    out_dir: Annotated[str, typer.Option("--out", help="Folder (or URI) for the Parquet tables.")],
    master: Annotated[str, typer.Option("--master", help="Spark master ('' to take it from spark-submit).")] = "local[*]",
    input_format: Annotated[str, typer.Option("--input-format", help="auto | files | parquet")] = "auto",
    partitions: Annotated[int | None, typer.Option("--partitions", min=1,
                                                   help="Spark partitions of the documents (default: ~500 files each, at least two per core).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary table.")] = False,
) -> None:
    """Run the whole pipeline on Spark and write documents/entities/events/figures/canonical_events as Parquet."""
    if input_format not in ("auto", "files", "parquet"):
        err.print(f"[red]error:[/red] unknown --input-format {input_format!r} (auto, files or parquet)")
        raise typer.Exit(2)
    from marsad.spark import run_spark

    try:
        summary = run_spark(inputs, out_dir, master=master or None, input_format=input_format,
                            partitions=partitions)
    except (RuntimeError, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    if not quiet:
        t = Table("what", "count", title="marsad spark run")
        for key in ("documents", "failed", "renamed", "near_duplicates", "entities", "events", "figures",
                    "canonical_events"):
            t.add_row(key, str(getattr(summary, key)))
        for phase, secs in summary.phases.items():
            t.add_row(f"seconds {phase}", f"{secs:.1f}")
        t.add_row("seconds", f"{summary.seconds:.1f}")
        err.print(t)
    if summary.all_failed:
        err.print("[red]error:[/red] every document failed")
        raise typer.Exit(1)


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", help="parquet | csv | plover | gdelt")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the exported files.")],
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Export the store: tables as Parquet/CSV, PLOVER interchange JSON Lines, or a GDELT-like event table."""
    from marsad.export import FORMATS, export_store

    if fmt not in FORMATS:
        err.print(f"[red]error:[/red] unknown --format {fmt!r} ({', '.join(FORMATS)})")
        raise typer.Exit(2)
    with _open(db) as store:
        try:
            written = export_store(store, fmt, out_dir)
        except RuntimeError as exc:  # pyarrow missing
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from None
    for name, n in written.items():
        out.print(f"{out_dir / name}\t{n} rows")


# -- backup and restore (issue #10) ----------------------------------------------------------------------
BACKUP_MANIFEST = "marsad-backup.json"


@app.command()
def backup(
    out_dir: Annotated[Path, typer.Argument(help="A new (or empty) folder for the backup.")],
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Back up every table of the store as Parquet (DuckDB EXPORT DATABASE), with the schema version.

    Restore with `marsad restore OUT_DIR --db NEW_PATH`.  The database must not be held by another process
    (stop `marsad serve` first, or back up a copy).
    """
    import datetime as dt

    import duckdb

    from marsad import __version__

    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        err.print(f"[red]error:[/red] {out_dir}: exists and is not an empty folder")
        raise typer.Exit(2)
    if not db.exists():
        err.print(f"[red]error:[/red] {db}: no such database")
        raise typer.Exit(2)
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        _open_failed(db, exc, read_only=True)
    with con:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "AND table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
        if "marsad_schema" not in tables:
            err.print(f"[red]error:[/red] {db}: not a marsad database (no marsad_schema table)")
            raise typer.Exit(2)
        version = con.execute("SELECT max(version) FROM marsad_schema").fetchone()[0]
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        out_dir.mkdir(parents=True, exist_ok=True)
        con.execute(f"EXPORT DATABASE {_sql_str(out_dir)} (FORMAT PARQUET)")
    manifest = {"format": "marsad-backup", "schema_version": version, "marsad_version": __version__,
                "duckdb_version": duckdb.__version__, "source": str(db),
                "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "tables": counts}
    (out_dir / BACKUP_MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    out.print(f"{out_dir}: {len(counts)} tables, {sum(counts.values())} rows (schema {version})")


@app.command()
def restore(
    in_dir: Annotated[Path, typer.Argument(help="A folder written by `marsad backup`.")],
    db: Annotated[Path, typer.Option("--db", help="The new DuckDB database file (must not exist).")],
) -> None:
    """Restore a backup of `marsad backup` into a new database (DuckDB IMPORT DATABASE), then migrate it."""
    import duckdb

    from marsad.store import open_store
    from marsad.store.db import SCHEMA_VERSION

    manifest_path = in_dir / BACKUP_MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        err.print(f"[red]error:[/red] {in_dir}: not a marsad backup (no readable {BACKUP_MANIFEST})")
        raise typer.Exit(2) from None
    version = manifest.get("schema_version")
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        err.print(f"[red]error:[/red] {in_dir}: schema version {version!r}, this marsad reads up to {SCHEMA_VERSION}")
        raise typer.Exit(2)
    if db.exists():
        err.print(f"[red]error:[/red] {db}: exists; restore into a new file")
        raise typer.Exit(2)
    db.parent.mkdir(parents=True, exist_ok=True)
    try:
        with duckdb.connect(str(db)) as con:
            con.execute(f"IMPORT DATABASE {_sql_str(in_dir)}")
            counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in manifest["tables"]}
        if counts != manifest["tables"]:
            bad = next(t for t in counts if counts[t] != manifest["tables"][t])
            raise RuntimeError(f"table {bad}: {counts[bad]} rows restored, {manifest['tables'][bad]} backed up")
        with open_store(db) as store:  # migrates a backup of an older schema
            now = store.schema_version()
    except Exception as exc:
        for p in (db, db.with_name(db.name + ".wal")):
            p.unlink(missing_ok=True)
        err.print(f"[red]error:[/red] restoring {in_dir} failed: {exc}", soft_wrap=True)
        raise typer.Exit(1) from None
    migrated = f", migrated from schema {version}" if now != version else ""
    out.print(f"{db}: {len(counts)} tables, {sum(counts.values())} rows (schema {now}{migrated})")


def _sql_str(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _open_failed(db: Path, exc: Exception, read_only: bool):
    """Print why ``db`` cannot be opened (naming the process that holds it) and exit."""
    if "lock" in str(exc).lower():
        how = ("ingest through it: `marsad serve --inbox DIR` and drop files into DIR, or POST /api/documents "
               "with the token" if not read_only else "read it through its HTTP API (/api/…)")
        err.print(f"[red]error:[/red] cannot open {db}: another process holds it ({_lock_holder(exc)}); "
                  f"if that is `marsad serve`, {how}", soft_wrap=True)
    else:
        err.print(f"[red]error:[/red] cannot open {db}: {exc}", soft_wrap=True)
    raise typer.Exit(2) from None
