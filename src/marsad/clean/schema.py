"""Schema check of ``lexicons/boilerplate.yaml``: a bad entry fails with the file, key path and line."""

from __future__ import annotations

from typing import Any

from marsad.numbers.schema import fail, require_mapping, require_str_list

FILE = ("lexicons", "boilerplate.yaml")

# The kinds a boilerplate span may have (``documents.jsonl`` ``boilerplate[].kind``).
KINDS = frozenset({
    "tags", "read_also", "related", "share", "caption", "byline", "source", "newsletter", "nav", "date",
    "cookie", "comments", "other",
})
_CUE_SECTIONS = ("headers", "lines", "anywhere")
_SIZES = ("paragraph_words", "caption_max_words", "header_max_extra_words", "date_line_max_words",
          "anywhere_max_words")


def check_spec(spec: Any) -> dict[str, Any]:
    """``spec`` if it is a well-formed boilerplate lexicon, else a ``LexiconError`` naming the entry."""
    spec = require_mapping(FILE, [], spec)
    for section in _CUE_SECTIONS:
        kinds = require_mapping(FILE, [section], spec.get(section))
        for kind, cues in kinds.items():
            if kind not in KINDS:
                raise fail(FILE, [section, kind], f"unknown boilerplate kind {kind!r} (known: {sorted(KINDS)})")
            require_str_list(FILE, [section, kind], cues)
    require_str_list(FILE, ["caption_anywhere"], spec.get("caption_anywhere"))
    ends = require_str_list(FILE, ["story_end"], spec.get("story_end"))
    for i, kind in enumerate(ends):
        if kind not in KINDS:
            raise fail(FILE, ["story_end", i], f"unknown boilerplate kind {kind!r}")
    for key in _SIZES:
        value = spec.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise fail(FILE, [key], f"expected a positive whole number of words, got {value!r}")
    return spec
