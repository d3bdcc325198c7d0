"""Decoding bytes of unknown encoding: BOMs, UTF-16, UTF-8, Windows-1256 (detected, never crashing)."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

_ARABIC_1256_HINT = set(range(0xC1, 0xDB)) | set(range(0xDC, 0xE0)) | {0xE1, 0xE3, 0xE4, 0xE5, 0xE6}


_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b < 32)


class DecodeError(ValueError):
    pass


def looks_binary(data: bytes) -> bool:
    """True for data that is clearly not text (NUL bytes outside UTF-16, many control bytes)."""
    sample = data[:4096]
    if not sample:
        return False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in sample:
        # UTF-16 without BOM has NULs in every other byte; other NULs mean binary
        even = sample[0::2].count(0)
        odd = sample[1::2].count(0)
        half = len(sample) / 2
        return not (odd > 0.3 * half or even > 0.3 * half)
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > 0.05 * len(sample)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`DecodeError` for data that is not text."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[2:].decode(enc, errors="replace"), enc
    if looks_binary(data):
        raise DecodeError("binary data, not text")
    if b"\x00" in data[:4096]:
        enc = "utf-16-le" if data[1:4096:2].count(0) > data[0:4096:2].count(0) else "utf-16-be"
        return data.decode(enc, errors="replace"), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start > len(data) - 4:
            # a file cut inside its last character: keep what is there
            return data.decode("utf-8", errors="replace"), "utf-8"
    # not UTF-8: Arabic legacy pages are nearly always Windows-1256
    high = [b for b in data[:20000] if b >= 0x80]
    if high and sum(1 for b in high if b in _ARABIC_1256_HINT) > 0.5 * len(high):
        return data.decode("cp1256", errors="replace"), "cp1256"
    best = from_bytes(data[:200000]).best()
    if best is None:
        raise DecodeError("cannot detect the text encoding")
    return data.decode(best.encoding, errors="replace"), best.encoding
