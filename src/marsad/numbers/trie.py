"""Compile a word list into one regular expression shaped like a trie.

A flat alternation ``a|b|c`` makes the regex engine try every word at every position; factoring
the common prefixes (``ال(?:ف|اف)``) keeps a scan over long texts cheap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""


def trie_regex(words: Iterable[str]) -> str:
    """A regex source matching exactly the given strings (longest alternatives are tried first)."""
    trie: dict[str, dict] = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[_END] = {}
    if not trie:
        return "(?!)"
    return _build(trie)


def _build(node: dict[str, dict]) -> str:
    ends_here = _END in node
    alts = [re.escape(ch) + _build(sub) for ch, sub in sorted(node.items()) if ch != _END]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 and not ends_here else "(?:" + "|".join(alts) + ")"
    return body + "?" if ends_here else body
