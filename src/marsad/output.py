"""JSON Lines output files of ``marsad run`` (spec: output-format.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from marsad.records import Document

FILES = ("documents", "entities", "events", "figures", "canonical_events")


def dumps(rec: dict[str, Any]) -> str:
    return json.dumps(rec, ensure_ascii=False)


class OutputDir:
    """Writes the spec's ``.jsonl`` files into a folder (atomically: a ``.part`` file renamed at the end)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self._fh: dict[str, IO[str]] = {}
        for name in FILES:
            self._fh[name] = (self.path / f"{name}.jsonl.part").open("w", encoding="utf-8")

    def write(self, name: str, records: Iterable[dict[str, Any]]) -> None:
        fh = self._fh[name]
        for rec in records:
            fh.write(dumps(rec))
            fh.write("\n")

    def write_document(self, doc: Document) -> None:
        self.write("documents", [doc.as_dict()])
        self.write("entities", (e.as_dict() for e in doc.entities))
        self.write("figures", (f.as_dict() for f in doc.figures))

    def close(self) -> None:
        for name, fh in self._fh.items():
            fh.close()
            (self.path / f"{name}.jsonl.part").replace(self.path / f"{name}.jsonl")
        self._fh = {}
