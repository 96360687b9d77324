"""Bytes of a text file -> str: UTF-8 first, then a careful guess, refusing binary junk."""

from __future__ import annotations

import codecs
import unicodedata

import charset_normalizer

from extract.errors import UnreadableFile

FALLBACK_ENCODING = "cp1252"
# Single-byte Latin encodings a detector may report for short English text; their byte
# 0xA3 is "£" in cp1252 but "Ł" in cp1250, and UK council files are cp1252 by default.
_LATIN_GUESSES = frozenset({
    "ascii", "cp1250", "cp1252", "cp1254", "cp1257", "cp1258", "latin_1", "iso8859_2", "iso8859_4",
    "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "mac_roman",
    "mac_latin2", "mac_iceland", "mac_turkish", "cp437", "cp850", "cp858",
})
# Text whose letters are mostly ASCII is Western whatever a detector makes of a few bytes
# (detectors guess cp932 or cp1250 for a short file with one "£").
MAX_NON_ASCII_LETTERS = 0.3
MAX_CONTROL_RATIO = 0.01
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def _control_ratio(text: str) -> float:
    """Given decoded text, return the share of its characters that are control characters."""
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc")
    return bad / len(text)


def _guess_encoding(data: bytes) -> str:
    """Given non-UTF-8 bytes, return the encoding to read them with.

    >>> _guess_encoding("Cost £5m".encode("cp1252"))
    'cp1252'
    >>> _guess_encoding("Привет, как дела? Это тест кодировки.".encode("cp1251"))
    'cp1251'
    """
    best = charset_normalizer.from_bytes(data).best()
    guess = best.encoding if best is not None else None
    try:
        letters = [ch for ch in data.decode(FALLBACK_ENCODING) if ch.isalpha()]
    except UnicodeDecodeError:
        return guess or FALLBACK_ENCODING
    non_ascii = sum(1 for ch in letters if ord(ch) > 0x7F) / max(1, len(letters))
    if guess is None or guess in _LATIN_GUESSES or non_ascii <= MAX_NON_ASCII_LETTERS:
        return FALLBACK_ENCODING
    return guess


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Given a text file's bytes and name, return (text, encoding), raising for binary data.

    Line endings are normalised to "\\n" and a byte-order mark is dropped.

    >>> decode_text(b"a\\r\\nb\\rc", "x.txt")
    ('a\\nb\\nc', 'utf-8')
    >>> decode_text(b"\\xa3100", "x.txt")
    ('£100', 'cp1252')
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in data:
        raise UnreadableFile(f"{name}: not a text file (it contains NUL bytes, so it is binary data)")
    else:
        try:
            data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = _guess_encoding(data)
    try:
        text = data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except (UnicodeDecodeError, LookupError) as e:
        raise UnreadableFile(f"{name}: not a text file (cannot be decoded as {encoding}: {e})") from e
    ratio = _control_ratio(text)
    if ratio > MAX_CONTROL_RATIO:
        raise UnreadableFile(
            f"{name}: not a text file ({ratio:.0%} of characters are control codes; at most {MAX_CONTROL_RATIO:.0%} allowed)"
        )
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), encoding
