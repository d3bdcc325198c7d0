"""Score marsad on the development corpus, the tuning split (v001–v100) and the check split (v101–v150) apart.

    python scripts/score_dev.py [--corpus ../shared/corpus/dev] [--gold eval/dev/gold] [--out DIR] [--misses]
    python scripts/score_dev.py --corpus ../shared/corpus/days --gold eval/days/full [--misses]

A gold folder whose files are not named v001…v150 (the full gold of days articles) is one tuning split, run
on its own documents only.

Runs `marsad run` on the corpus's docs.jsonl (unless --out already holds a run), then `marsad eval` on each
split. --misses lists every miss of the tuning split; the check split is only ever summed up, never listed
(its articles decide whether a rule generalizes, so they are not read case by case).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from marsad.evaluate import evaluate

SPLITS = {"tune": lambda n: n <= 100, "check": lambda n: n > 100}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="../shared/corpus/dev")
    ap.add_argument("--gold", default="eval/dev/gold")
    ap.add_argument("--out", default=None, help="a run's output folder (default: run now into a temporary one)")
    ap.add_argument("--misses", action="store_true", help="list the tuning split's misses")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    corpus, gold = Path(args.corpus), Path(args.gold)
    tmp = Path(tempfile.mkdtemp(prefix="marsad-dev-"))
    out = Path(args.out) if args.out else tmp / "out"
    dev = any(gold.glob("v*.json"))
    splits = SPLITS if dev else {"tune": None}
    try:
        docs = corpus / "docs.jsonl"
        if not dev:  # only the annotated documents
            ids = {f.stem for f in gold.glob("*.json")}
            docs = tmp / "docs.jsonl"
            with open(corpus / "docs.jsonl", encoding="utf-8") as src, open(docs, "w", encoding="utf-8") as dst:
                dst.writelines(line for line in src if json.loads(line)["id"] in ids)
        if not (out / "documents.jsonl").exists():
            marsad = Path(sys.executable).with_name("marsad")
            subprocess.run([str(marsad), "run", str(docs), "--out", str(out),
                            "--db", str(tmp / "dev.duckdb")], check=True, stdout=subprocess.DEVNULL)
        result = {}
        for split, keep in splits.items():
            d = tmp / split
            d.mkdir()
            for f in sorted(gold.glob("*.json")):
                if keep is None or (f.stem[0] == "v" and keep(int(f.stem[1:]))):
                    shutil.copy(f, d / f.name)
            rep = evaluate(d, out, texts=docs)
            result[split] = rep.as_dict()
            result[split]["n_docs"] = len(list(d.glob("*.json")))
        if args.json:
            print(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != "misses"} for k, v in result.items()},
                             indent=1))
            return 0
        if args.misses:
            for doc, ms in sorted(result["tune"]["misses"].items()):
                print(f"{doc}:")
                for m in ms:
                    print(f"  - {m}")
        for split, r in result.items():
            ev = r["events"]
            print(f"\n== {split} split ({r['n_docs']} documents)")
            rows = [("events micro", ev["micro"]), ("untyped", ev["untyped"]), ("actors", ev["actors"]),
                    ("CONSULT (block)", r["consult"]), ("persons", r["persons"]), ("figures", r["figures"])]
            rows += [(f"  {t}", v) for t, v in ev["by_type"].items() if v["gold"] or v["fp"]]
            for name, v in rows:
                extra = f"  gold {v['gold']}" if "gold" in v else ""
                print(f"{name:<16} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}"
                      f"   (tp {v['tp']}, fp {v['fp']}, fn {v['fn']}){extra}")
            print(f"{'macro-F1':<16} {ev['macro_f1']:.3f}")
            for key in ("date", "status", "mode"):
                v = ev[key]
                print(f"{'event ' + key:<16} accuracy {v['accuracy']:.3f} ({v['right']}/{v['total']})")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
