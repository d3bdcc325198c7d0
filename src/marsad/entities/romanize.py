"""A consistent romanization of Arabic names, for the ids of persons the knowledge base lacks."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from marsad.resources import load_yaml

_VOWEL_LETTERS = set("اأإآوىيةي")


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    spec = load_yaml("lexicons", "romanization.yaml")
    words = {_strip(k): v for k, v in spec["words"].items()}
    return words, spec["letters"]


def _strip(s: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFC", s) if not unicodedata.combining(ch) and ch != "ـ")


def romanize_word(word: str) -> str:
    words, letters = _tables()
    w = _strip(word)
    if w in words:
        return words[w]
    prefix = ""
    if w.startswith("ال") and len(w) > 3:
        prefix, w = "el_", w[2:]
    out = []
    for i, ch in enumerate(w):
        lat = letters.get(ch, "")
        out.append(lat)
        # two consonants at the start of a word: an unwritten short vowel sits between them
        if i == 0 and ch not in _VOWEL_LETTERS and len(w) > 2 and w[1] not in _VOWEL_LETTERS:
            out.append("a")
    return prefix + "".join(out)


def romanize_id(name: str) -> str:
    """``"زهرة بن سكر"`` → ``"zahra_ben_sakr"``."""
    parts = [romanize_word(w) for w in re.findall(r"[\u0621-\u064A]+", name)]
    rid = "_".join(p for p in parts if p)
    rid = re.sub(r"_+", "_", rid).strip("_")
    return rid or "unknown"
