"""Ingest: every input kind, every encoding, and bad input that never stops a batch."""

import gzip
import io
import json

from marsad.ingest import MAX_BYTES, iter_documents
from marsad.pipeline import process

AR = "قال وزير الخارجية إن المحادثات مستمرة في القاهرة."


def _one(path):
    docs = list(iter_documents([path]))
    assert len(docs) == 1
    return docs[0]


def test_txt_encodings(tmp_path):
    variants = {
        "utf8.txt": AR.encode("utf-8"),
        "bom.txt": b"\xef\xbb\xbf" + AR.encode("utf-8"),
        "u16le.txt": AR.encode("utf-16"),  # with BOM
        "u16be.txt": b"\xfe\xff" + AR.encode("utf-16-be"),
        "cp1256.txt": AR.encode("cp1256"),
    }
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        doc = _one(tmp_path / name)
        assert doc.text == AR, name
        assert doc.errors == []
        assert doc.doc_id == name[:-4]


def test_html_metadata(tmp_path):
    html = (
        "<html><head><title>عنوان</title><meta property='article:published_time' content='2024-02-01'>"
        "<link rel='canonical' href='https://example.org/a'></head><body><article><h1>عنوان الخبر</h1>"
        f"<p>{AR} {AR}</p><p>{AR}</p></article></body></html>"
    )
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    doc = _one(tmp_path / "page.html")
    assert doc.errors == []
    assert AR in doc.text
    # the page's markup offers its date; the pipeline keeps it (a given pub_date would win over it)
    assert doc.pub_date is None and [(h.value, h.source) for h in doc.date_hints] == [("2024-02-01", "markup")]
    processed = process(doc)
    assert (processed.pub_date, processed.pub_date_from, processed.pub_date_source) == ("2024-02-01", "metadata", "markup")
    assert doc.url == "https://example.org/a"
    assert doc.title == "عنوان الخبر"


def test_jsonl_good_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": AR, "pub_date": "2024-01-02", "outlet": "x"}, ensure_ascii=False),
        "{not json",
        json.dumps({"text": AR}, ensure_ascii=False),
        json.dumps({"id": "b", "text": 5}),
        json.dumps([1, 2]),
        json.dumps({"id": "c", "text": AR, "pub_date": "02/01/2024"}, ensure_ascii=False),
        "",
        json.dumps({"id": "d", "html": f"<html><body><article><p>{AR} {AR} {AR}</p></article></body></html>"},
                   ensure_ascii=False),
    ]
    (tmp_path / "docs.jsonl").write_text("\n".join(lines), encoding="utf-8")
    docs = list(iter_documents([tmp_path / "docs.jsonl"]))
    assert [d.doc_id for d in docs] == ["a", "docs:2", "docs:3", "b", "docs:5", "c", "d"]
    ok = {d.doc_id: d for d in docs if not d.errors}
    assert set(ok) == {"a", "d"}
    assert ok["a"].pub_date == "2024-01-02" and ok["a"].outlet == "x"
    bad = [d for d in docs if d.errors]
    assert all("docs.jsonl:" in d.errors[0].message for d in bad)
    assert "malformed JSON" in bad[0].errors[0].message


def test_stdin_jsonl():
    stream = io.StringIO(json.dumps({"id": "s1", "text": AR}, ensure_ascii=False) + "\n")
    docs = list(iter_documents(["-"], stdin=stream))
    assert docs[0].doc_id == "s1" and docs[0].text == AR


def _warc_bytes(records):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    for uri, ctype, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
        rec = w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
        w.write_record(rec)
    return buf.getvalue()


def test_warc_html_only_and_truncated(tmp_path):
    page = f"<html><body><article><p>{AR} {AR} {AR}</p></article></body></html>".encode()
    data = _warc_bytes([("https://e.org/1", "text/html; charset=utf-8", page),
                        ("https://e.org/img", "image/png", b"\x89PNG...."),
                        ("https://e.org/2", "text/html", page)])
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    docs = list(iter_documents([tmp_path / "crawl.warc.gz"]))
    assert len(docs) == 2 and all(not d.errors for d in docs)
    assert docs[0].url == "https://e.org/1"
    assert docs[0].doc_id.startswith("urn:uuid:")
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) * 2 // 3])
    docs = list(iter_documents([tmp_path / "cut.warc.gz"]))
    assert docs[-1].errors and "cut.warc.gz" in docs[-1].errors[0].message
    assert len([d for d in docs if not d.errors]) >= 1


def test_bad_files_each_get_one_clear_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    with open(tmp_path / "huge.txt", "wb") as fh:  # sparse: no real 20 MB written
        fh.seek(MAX_BYTES + 10)
        fh.write(b"x")
    (tmp_path / "broken.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\nnonsense")[:20])
    (tmp_path / "good.txt").write_text(AR, encoding="utf-8")
    docs = {d.doc_id: d for d in iter_documents([tmp_path])}
    assert not docs["good"].errors
    for stem, word in (("empty", "empty"), ("binary", "binary"), ("huge", "too large")):
        (err,) = docs[stem].errors
        assert word in err.message and f"{stem}.txt" in err.message
    broken = [d for d in docs.values() if d.source.endswith("broken.warc.gz")]
    assert broken and broken[0].errors and "broken.warc.gz" in broken[0].errors[0].message


def test_missing_input_is_an_error_not_a_crash(tmp_path):
    docs = list(iter_documents([tmp_path / "nope"]))
    assert docs[0].errors and "no such file" in docs[0].errors[0].message


def test_folder_is_recursive_and_ignores_other_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "a" / "notes.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(AR, encoding="utf-8")
    assert [d.doc_id for d in iter_documents([tmp_path])] == ["one"]


def test_folder_order_is_a_sorted_top_down_walk_without_hidden_names_or_linked_folders(tmp_path):
    import os

    from marsad.ingest.readers import iter_paths

    for rel in ["b.txt", "a.html", "ب.txt", "z/2.txt", "z/1.jsonl", "m/x.txt", "m/deep/y.txt", ".hidden.txt",
                ".git/c.txt", "m/notes.md", "10.txt", "9.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(AR, encoding="utf-8")
    os.symlink(tmp_path / "m", tmp_path / "link")  # a link to a folder is not followed (as os.walk)

    got = [p.relative_to(tmp_path).as_posix() for p in iter_paths(tmp_path)]
    assert got == ["10.txt", "9.txt", "a.html", "b.txt", "ب.txt", "m/x.txt", "m/deep/y.txt", "z/1.jsonl", "z/2.txt"]

    walked = []
    for dirpath, dirnames, filenames in os.walk(tmp_path):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        walked += [os.path.relpath(os.path.join(dirpath, f), tmp_path) for f in sorted(filenames)
                   if not f.startswith(".") and f.endswith((".txt", ".html", ".jsonl"))]
    assert got == walked


def test_an_unreadable_folder_is_skipped_and_the_rest_is_read(tmp_path, monkeypatch):
    import os

    from marsad.ingest import readers

    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "z.txt").write_text(AR, encoding="utf-8")
    scandir = os.scandir

    def denied(path):
        if os.fspath(path) == os.fspath(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(readers.os, "scandir", denied)
    assert [p.relative_to(tmp_path).as_posix() for p in readers.iter_paths(tmp_path)] == ["a.txt", "z.txt"]
    assert [d.doc_id for d in readers.iter_documents([tmp_path])] == ["a", "z"]
