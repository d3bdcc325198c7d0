"""Access to the data files shipped in ``marsad/data`` (lexicons, knowledge base)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


def data_path(*parts: str) -> Path:
    return Path(str(resources.files("marsad").joinpath("data", *parts)))


@cache
def load_yaml(*parts: str) -> Any:
    path = data_path(*parts)
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, record) of a JSON Lines file; a bad line raises ValueError naming it."""
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from None
            if not isinstance(rec, dict):
                raise ValueError(f"{path}:{lineno}: expected a JSON object")
            yield lineno, rec
