"""Generators of nasty input, shared by the fuzz tests and ``bench/fuzz.py``.

Each generator returns ``(name, bytes)`` for a file of one of the input kinds: random bytes, cut and
deeply nested HTML, lying charsets, bidi controls and zero-width joiners, very long lines, broken
JSONL, cut gzip/WARC.
"""

from __future__ import annotations

import gzip
import json
import random

ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "أإآءؤئىة" + "ًٌٍَُِّْـ" + "٠١٢٣٤٥٦٧٨٩"
CONTROLS = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
            "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u00a0", "\r", "\t", "\x00", "\ufffd"]
WORDS = ["قال", "وزير", "الخارجية", "الأمريكي", "بلينكن", "اتصال", "هاتفي", "الجمعة", "أمس", "شهيداً", "20",
         "ألفاً", "و258", "جريح", "كلمات دلالية:", "اقرأ أيضاً", "\n", "،", ".", "؟", "(43 عاما)", "المتحدث",
         "باسم", "نظيره", "الإسرائيلي", "مع", "في", "غزة", "أكثر  من", "نحو\u00a0", "ما يزيد على", "<script>alert(1)</script>", "ﻻ", "Gaza", "𝔸"]


def arabic_text(rng: random.Random, n_words: int) -> str:
    parts = []
    for _ in range(n_words):
        r = rng.random()
        if r < 0.6:
            parts.append(rng.choice(WORDS))
        elif r < 0.85:
            parts.append("".join(rng.choice(ARABIC) for _ in range(rng.randint(1, 9))))
        else:
            parts.append(rng.choice(CONTROLS) * rng.randint(1, 3))
    return " ".join(parts)


def nasty_file(rng: random.Random, i: int) -> tuple[str, bytes]:
    kind = rng.randrange(12)
    if kind == 0:
        return f"f{i}.txt", rng.randbytes(rng.randint(0, 3000))
    if kind == 1:
        return f"f{i}.txt", arabic_text(rng, rng.randint(0, 400)).encode("utf-8", "surrogatepass")
    if kind == 2:
        return f"f{i}.txt", arabic_text(rng, 200).encode("cp1256", "replace")
    if kind == 3:
        return f"f{i}.txt", arabic_text(rng, 100).encode("utf-16")
    if kind == 4:  # truncated inside a multi-byte character
        data = arabic_text(rng, 100).encode("utf-8")
        return f"f{i}.txt", data[: rng.randint(0, len(data))]
    if kind == 5:  # deeply nested HTML
        depth = rng.randint(10, 3000)
        return f"f{i}.html", ("<div>" * depth + arabic_text(rng, 50) + "</div>" * (depth // 2)).encode()
    if kind == 6:  # a lying charset: Windows-1256 bytes declared as UTF-8
        body = f"<html><head><meta charset='utf-8'></head><body><p>{arabic_text(rng, 80)}</p></body></html>"
        return f"f{i}.html", body.encode("cp1256", "replace")
    if kind == 7:  # cut HTML
        body = f"<html><body><article><p>{arabic_text(rng, 120)}</p></article></body></html>".encode()
        return f"f{i}.html", body[: rng.randint(0, len(body))]
    if kind == 8:  # JSONL with broken lines and wrong types
        lines = []
        for j in range(rng.randint(1, 6)):
            choice = rng.randrange(6)
            if choice == 0:
                lines.append(json.dumps({"id": f"j{i}-{j}", "text": arabic_text(rng, 60)}, ensure_ascii=False))
            elif choice == 1:
                lines.append(json.dumps({"id": rng.choice([None, 5, [], "", {}]), "text": rng.choice([None, 3, "x"])}))
            elif choice == 2:
                lines.append('{"id": "x", "text": "' + arabic_text(rng, 5))
            elif choice == 3:
                lines.append(json.dumps({"id": f"j{i}-{j}", "html": "<p>" * 50, "pub_date": "yesterday"}))
            elif choice == 4:
                lines.append(json.dumps([1, 2, 3]))
            else:
                lines.append(rng.randbytes(30).decode("latin-1"))
        return f"f{i}.jsonl", "\n".join(lines).encode("utf-8", "surrogatepass")
    if kind == 9:  # one very long line / sentence
        return f"f{i}.txt", (arabic_text(rng, 20) + "، ") .encode() * rng.randint(50, 400)
    if kind == 10:  # cut gzip / WARC
        data = gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n\r\n" + rng.randbytes(200))
        return f"f{i}.warc.gz", data[: rng.randint(0, len(data))]
    return f"f{i}.txt", b""  # empty
