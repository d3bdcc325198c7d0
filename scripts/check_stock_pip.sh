#!/usr/bin/env bash
# Install marsad with the pip that `python3 -m venv` brings (NOT upgraded), as a user would, and run it on
# a folder of one HTML page and one text file: both must be stored, the page with its stated date.  Then
# take the HTML library's lxml_html_clean away: the text file must still be stored and the page must carry
# one clear error.  Exits non-zero on any failure.  Usage: scripts/check_stock_pip.sh [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work"
venv="$work/venv"
rm -rf "$venv" "$work/in" "$work/out" "$work/out2" "$work/m.duckdb" "$work/m2.duckdb"
python3 -m venv "$venv"
echo "stock pip: $("$venv/bin/pip" --version)"
"$venv/bin/pip" install -q --disable-pip-version-check "$repo" 2>&1 | grep -v "is ignored: it is neither a file nor a directory" || true
"$venv/bin/python" -c "import lxml_html_clean, trafilatura" || { echo "FAIL: trafilatura cannot import after a stock-pip install" >&2; exit 1; }

mkdir -p "$work/in"
cp tests/data/pages/cnn_arabic_2013_syria_clashes.html "$work/in/page.html"
printf '%s\n' "التقى وزير الخارجية المصري نظيره الأردني في عمان، الأحد، لبحث الأوضاع في قطاع غزة." > "$work/in/note.txt"

check() {  # check OUT_DIR MODE: the documents.jsonl of a run, as MODE (whole | no-html) expects it
  "$venv/bin/python" - "$1" "$2" <<'PY'
import json, sys
out, mode = sys.argv[1], sys.argv[2]
docs = {d["doc_id"]: d for d in map(json.loads, open(f"{out}/documents.jsonl", encoding="utf-8"))}
note, page = docs.get("note"), docs.get("page")
print({k: (d["pub_date"], d["pub_date_from"], [e["message"] for e in d["errors"]]) for k, d in docs.items()})
assert note and note["errors"] == [] and note["stories"], "the text file is not stored"
if mode == "whole":
    assert page and page["errors"] == [] and page["stories"], "the HTML page is not stored"
    assert (page["pub_date"], page["pub_date_from"]) == ("2013-08-28", "text"), "the page's stated date is not kept"
else:
    assert page and len(page["errors"]) == 1 and "HTML library cannot be loaded" in page["errors"][0]["message"]
print(f"ok ({mode})")
PY
}

"$venv/bin/marsad" run "$work/in" --out "$work/out" --db "$work/m.duckdb"
check "$work/out" whole

"$venv/bin/pip" uninstall -q -y lxml_html_clean
rc=0
"$venv/bin/marsad" run "$work/in" --out "$work/out2" --db "$work/m2.duckdb" || rc=$?
[ "$rc" -eq 0 ] || { echo "FAIL: marsad run exited $rc with one readable document" >&2; exit 1; }
check "$work/out2" no-html
echo "stock-pip check passed"
