"""Synthetic seed-like corpora for the benchmarks: the seed pages replicated with small perturbations."""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
EXAMPLES = ROOT / "examples" / "corpus"

_NOISE = ["", " ", "\u0640", "\u064e", "،", " (تحديث)", "\u00a0"]


def base_texts() -> list[str]:
    src = SEEDS if SEEDS.is_dir() else EXAMPLES
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(src.glob("*.txt"))]


def perturb(text: str, rng: random.Random) -> str:
    """Swap a few paragraphs' order, insert tatweel/diacritics/odd spaces at random places."""
    paras = text.split("\n")
    if len(paras) > 4:
        i = rng.randrange(1, len(paras) - 2)
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
    out = "\n".join(paras)
    for _ in range(5):
        pos = rng.randrange(len(out)) if out else 0
        out = out[:pos] + rng.choice(_NOISE) + out[pos:]
    return out


def write_corpus(folder: Path, n: int, seed: int = 7) -> int:
    """Write n .txt documents into folder; return the total bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    bases = base_texts()
    total = 0
    for i in range(n):
        data = perturb(bases[i % len(bases)], rng).encode("utf-8")
        (folder / f"doc_{i:07d}.txt").write_bytes(data)
        total += len(data)
    return total
