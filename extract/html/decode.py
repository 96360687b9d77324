"""Bytes of an HTML page -> str, the way a browser picks the encoding.

Order (as the HTML standard's encoding sniffing, simplified): a byte-order mark; else the
charset the page declares in its first bytes (`<meta charset>`, a `http-equiv`
content-type, an XML declaration); else the text decoder's careful guess (UTF-8 first,
then charset detection leaning to cp1252, as for text files). Line endings are normalised
to "\\n" so that `Prov.line` and character offsets index the returned text.
"""

from __future__ import annotations

import codecs
import re
import warnings

from extract.decode import decode_text
from extract.errors import ExtractWarning

# A declaration must sit near the top; browsers look at the first 1024 bytes, Word exports
# put a long <style> block before the meta tag, so we look a little further.
_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""\A(?:\xef\xbb\xbf)?\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", re.I)
# Labels the HTML standard maps to windows-1252: pages that say Latin-1 are cp1252 in practice.
_CP1252_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii", "windows-1252", "cp1252", "x-cp1252"})
# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def declared_encoding(data: bytes) -> str | None:
    """Given the start of a page, return the Python codec of the charset it declares, or None.

    >>> declared_encoding(b'<meta http-equiv=Content-Type content="text/html; charset=windows-1252">')
    'cp1252'
    >>> declared_encoding(b'<?xml version="1.0" encoding="UTF-8"?><html>'), declared_encoding(b"<p>hi")
    ('utf-8', None)
    """
    head = data[:_PRESCAN_BYTES]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if m is None:
        return None
    label = m.group(1).decode("ascii").lower()
    if label in _CP1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    """Given page bytes, return (codec, BOM length) when they start with a byte-order mark."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def decode_page(data: bytes, name: str) -> tuple[str, str]:
    """Given an HTML file's bytes and name, return (text, encoding).

    A declared charset the bytes do not follow (a page saying UTF-8 holding cp1252 bytes)
    is reported with an `ExtractWarning` and the bytes are decoded by guessing instead.

    >>> decode_page(b'<meta charset="windows-1252"><p>\\xa35m</p>\\r\\n', "a.htm")
    ('<meta charset="windows-1252"><p>£5m</p>\\n', 'cp1252')
    >>> decode_page(b"\\xef\\xbb\\xbf<p>\\xc2\\xa35m</p>", "a.htm")
    ('<p>£5m</p>', 'utf-8')

    Raises:
        UnreadableFile: bytes that are binary data in any encoding.
    """
    bom = _bom_encoding(data)
    encoding = bom[0] if bom else declared_encoding(data)
    if encoding is not None:
        try:
            text = data[bom[1] if bom else 0 :].decode(encoding)
            return text.replace("\r\n", "\n").replace("\r", "\n"), encoding.replace("_", "-")
        except UnicodeDecodeError:
            warnings.warn(ExtractWarning(f"{name}: declares {encoding} but its bytes are not {encoding}; encoding guessed"), stacklevel=2)
    text, guessed = decode_text(data, name)
    if encoding is None and not guessed.startswith("utf"):
        warnings.warn(ExtractWarning(f"{name}: declares no charset and is not UTF-8; decoded as {guessed}"), stacklevel=2)
    return text, guessed
