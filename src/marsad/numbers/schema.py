"""Schema checks for the lexicon files: a bad entry fails with its file, key path and line."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import yaml

from marsad.resources import data_path


class LexiconError(ValueError):
    """A lexicon file breaks its schema; the message names the file, the key path and the line."""


@cache
def _node(*parts: str) -> yaml.Node:
    with data_path(*parts).open(encoding="utf-8") as fh:
        return yaml.compose(fh)


def _line_of(parts: tuple[str, ...], keypath: Sequence[Any]) -> int | None:
    node: yaml.Node | None = _node(*parts)
    line = node.start_mark.line + 1 if node else None
    for key in keypath:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k, v in node.value:
                if str(k.value) == str(key):
                    nxt = v
                    line = k.start_mark.line + 1
                    break
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
        if node is None:
            break
    return line


def fail(parts: tuple[str, ...], keypath: Sequence[Any], message: str) -> LexiconError:
    """The error to raise for a bad entry at ``keypath`` of the data file ``parts``."""
    where = "/".join(parts)
    path = ".".join(str(k) for k in keypath) or "<root>"
    line = _line_of(parts, keypath)
    return LexiconError(f"{where}:{line}: {path}: {message}")


def require_str_list(parts: tuple[str, ...], keypath: Sequence[Any], value: Any) -> list[str]:
    """``value`` as a list of non-empty strings, else a :class:`LexiconError` at ``keypath``."""
    if not isinstance(value, list) or not value:
        raise fail(parts, keypath, "expected a non-empty list of strings")
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise fail(parts, [*keypath, i], f"expected a non-empty string, got {item!r}")
    return value


def require_mapping(parts: tuple[str, ...], keypath: Sequence[Any], value: Any) -> dict[Any, Any]:
    if not isinstance(value, dict) or not value:
        raise fail(parts, keypath, "expected a non-empty mapping")
    return value
