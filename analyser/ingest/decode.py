"""Bytes to text: encoding detection (BOMs, UTF-8, UTF-16, cp1252, latin-1) and binary refusal."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from analyser.ingest.errors import IngestError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXT_CONTROLS = {9, 10, 12, 13}
_BINARY_CONTROLS = bytes(byte for byte in range(32) if byte not in _TEXT_CONTROLS)


def _looks_binary(data: bytes) -> bool:
    """True when the sample has NUL bytes or many control characters."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _BINARY_CONTROLS))
    return controls > max(8, len(sample) // 50)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM, recognised by NULs on every other byte of ASCII text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    encoding = "utf-16-le" if odd_nuls > 0.4 > even_nuls else None
    encoding = "utf-16-be" if even_nuls > 0.4 > odd_nuls else encoding
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the encoding used; IngestError for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, "utf-16"
    if _looks_binary(data):
        raise IngestError("binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "utf_8", "iso8859_15"]).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        return data.decode("latin-1"), "latin-1"
