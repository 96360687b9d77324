"""Bytes of a text file -> str: UTF-8 first, then a careful guess, refusing binary junk."""

from __future__ import annotations

import codecs
import re

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
# Unicode category Cc (U+0000-001F, U+007F-009F) less the layout controls \t \n \v \f \r.
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    """Given decoded text, return the share of its characters that are control characters.

    >>> _control_ratio("a\\tb\\x07c\\x85\\x00x\\n\\f")
    0.3
    """
    return count_controls(text) / len(text) if text else 0.0  # a regex scan: text exports run to 100 MB


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


# UTF-32/UTF-16 text without a byte-order mark, told by where its zero bytes fall: in text
# that is mostly Latin letters each character's high bytes are zero. (encoding, code unit
# width, positions in a unit that are zero for such a character), widest first, because
# UTF-32 text also has a zero at every odd byte.
_BOMLESS = (("utf-32-le", 4, (1, 2, 3)), ("utf-32-be", 4, (0, 1, 2)), ("utf-16-le", 2, (1,)), ("utf-16-be", 2, (0,)))
_BOMLESS_SAMPLE = 4096
MIN_ZERO_PATTERN = 0.5  # share of code units that must show the pattern


def bomless_encoding(data: bytes) -> str | None:
    """Given bytes holding NULs, return the UTF-16/UTF-32 encoding they are text in (no BOM), or None.

    >>> bomless_encoding("Scheme delayed: £5k".encode("utf-16-le")), bomless_encoding("Year 2018/19".encode("utf-32-be"))
    ('utf-16-le', 'utf-32-be')
    >>> bomless_encoding(b"\\x00\\x01\\x02binary\\xff\\x00\\x00") is None
    True
    """
    sample = data[:_BOMLESS_SAMPLE]
    for encoding, width, zero_at in _BOMLESS:
        units = [sample[i:i + width] for i in range(0, len(sample) - width + 1, width)]
        if len(units) < 2:
            continue
        pattern = sum(all(unit[j] == 0 for j in zero_at) for unit in units) / len(units)
        if pattern >= MIN_ZERO_PATTERN and _is_text(b"".join(units), encoding):
            return encoding
    return None


def _is_text(data: bytes, encoding: str) -> bool:
    """Given bytes and an encoding, return whether they decode to text without NULs or many control codes."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return "\0" not in text and _control_ratio(text) <= MAX_CONTROL_RATIO


def choose_encoding(head: bytes, name: str, *, has_nul: bool, utf8: bool) -> str:
    """Given a text file's first bytes (or all of them), whether it holds a NUL byte and whether
    all of it is valid UTF-8, return the encoding to read it with, raising for binary data.

    A byte-order mark decides first; NUL bytes mean UTF-16/32 without one, or binary data;
    then UTF-8, else a guess from `head`.
    """
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if has_nul:
        bomless = bomless_encoding(head)
        if bomless is None:
            raise UnreadableFile(f"{name}: not a text file (it contains NUL bytes, so it is binary data)")
        return bomless
    return "utf-8" if utf8 else _guess_encoding(head)


def _is_utf8(data: bytes) -> bool:
    """Given bytes, return whether they are valid UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def codec_name(encoding: str) -> str:
    """Given the encoding a file is read with, return the codec that decodes it (UTF-8 drops a byte-order mark)."""
    return "utf-8-sig" if encoding == "utf-8" else encoding


def undecodable(name: str, encoding: str, error: Exception) -> UnreadableFile:
    """Given a file's name, the encoding it was read with and the decoding error, return the error to raise."""
    return UnreadableFile(f"{name}: not a text file (cannot be decoded as {encoding}: {error})")


def check_controls(name: str, controls: int, chars: int) -> None:
    """Given a file's name, its count of control characters and of all characters, raise if it is binary junk."""
    ratio = controls / chars if chars else 0.0
    if ratio > MAX_CONTROL_RATIO:
        raise UnreadableFile(
            f"{name}: not a text file ({ratio:.0%} of characters are control codes; at most {MAX_CONTROL_RATIO:.0%} allowed)"
        )


def count_controls(text: str) -> int:
    """Given decoded text, return how many of its characters are control characters (a regex scan)."""
    return sum(1 for _ in _CONTROL_RE.finditer(text))


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Given a text file's bytes and name, return (text, encoding), raising for binary data.

    Line endings are normalised to "\\n" and a byte-order mark is dropped. UTF-16 and
    UTF-32 are read with or without a byte-order mark.

    >>> decode_text(b"a\\r\\nb\\rc", "x.txt")
    ('a\\nb\\nc', 'utf-8')
    >>> decode_text(b"\\xa3100", "x.txt")
    ('£100', 'cp1252')
    """
    has_nul = b"\x00" in data
    encoding = choose_encoding(data, name, has_nul=has_nul, utf8=not has_nul and _is_utf8(data))
    if encoding.startswith(("utf-16-", "utf-32-")):
        width = 4 if encoding.startswith("utf-32") else 2
        data = data[:len(data) - len(data) % width]  # a cut-off last character
    try:
        text = data.decode(codec_name(encoding))
    except (UnicodeDecodeError, LookupError) as e:
        raise undecodable(name, encoding, e) from e
    check_controls(name, count_controls(text), len(text))
    return normalise_newlines(text.lstrip("\ufeff")), encoding


def normalise_newlines(text: str) -> str:
    """Given decoded text, return it with CRLF and CR line ends made LF.

    >>> normalise_newlines("a\\r\\nb\\rc")
    'a\\nb\\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")
