"""Arabic text layer: matching-normalization with an offset map, sentences, tokens and clitics."""

from marsad.text.normalize import NormText, normalize, normalize_key
from marsad.text.segment import sentence_spans
from marsad.text.tokens import CLITIC_PREFIXES, Token, clitic_stems, tokenize

__all__ = [
    "CLITIC_PREFIXES",
    "NormText",
    "Token",
    "clitic_stems",
    "normalize",
    "normalize_key",
    "sentence_spans",
    "tokenize",
]
