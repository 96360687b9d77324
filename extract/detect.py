"""Sniff a file's real format from its bytes before trusting its extension."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from extract.decode import bomless_encoding
from extract.errors import UnreadableFile, UnsupportedFormat
from extract.model import Format

SUFFIX_FORMATS: dict[str, Format] = {
    ".pdf": "pdf", ".docx": "docx", ".docm": "docx", ".dotx": "docx", ".txt": "txt", ".text": "txt", ".tsv": "txt",
    ".doc": "doc", ".dot": "doc", ".rtf": "rtf", ".odt": "odt", ".html": "html", ".htm": "html", ".xhtml": "html",
}
_SNIFF_BYTES = 8192
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An OLE2 compound file's directory names its streams: "Workbook"/"Book" in Excel files,
# "PowerPoint Document" in slides. Anything else (a Word "WordDocument" stream, or a file too
# damaged to show its directory) goes to LibreOffice, which can say whether it is readable.
_OTHER_OFFICE_STREAMS = {"a spreadsheet": ("Workbook", "Book"), "a slide deck": ("PowerPoint Document",)}
_ODF_TEXT_TYPES = (b"application/vnd.oasis.opendocument.text", b"application/vnd.oasis.opendocument.text-template")
# Markup that opens an HTML page (after any BOM, XML declaration, comments or whitespace).
_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def sniff_format(path: Path) -> Format:
    """Given a path, return the format its bytes show, raising for empty or unknown files.

    Magic bytes win over the suffix: a PDF renamed `.docx` is read as a PDF (the
    caller warns about the mismatch).
    """
    with path.open("rb") as fh:
        head = fh.read(_SNIFF_BYTES)
    if not head:
        raise UnreadableFile(f"{path.name}: the file is empty (0 bytes)")
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head[:4] == b"PK\x03\x04":
        return _sniff_zip(path)
    if head[:8] == _OLE2_MAGIC:
        return _sniff_ole2(path)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"{\\rtf":
        return "rtf"
    if _HTML_START.match(head):
        return "html"
    if _looks_like_text(head):
        return "txt"
    raise UnsupportedFormat(f"{path.name}: binary data that is not PDF, Word, ODT, RTF, HTML or text")


def _sniff_ole2(path: Path) -> Format:
    """Given an OLE2 compound file, return "doc" unless its directory shows a spreadsheet or slides."""
    data = path.read_bytes()
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    for what, streams in _OTHER_OFFICE_STREAMS.items():
        if any(f"{name}\0".encode("utf-16-le") in data for name in streams):
            raise UnsupportedFormat(f"{path.name}: a legacy Office file that is {what}, not a Word document")
    return "doc"


def _sniff_zip(path: Path) -> Format:
    """Given a zip file, return "docx" if it is a Word document, else raise."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError) as e:
        raise UnreadableFile(f"{path.name}: a damaged zip/DOCX archive ({e})") from e
    if "word/document.xml" in names:
        return "docx"
    if "mimetype" in names and _odf_mimetype(path) in _ODF_TEXT_TYPES:
        return "odt"
    raise UnsupportedFormat(f"{path.name}: a zip archive that is not a Word or OpenDocument text file")


def _odf_mimetype(path: Path) -> bytes:
    """Given an OpenDocument zip, return the bytes of its `mimetype` member (stripped)."""
    with zipfile.ZipFile(path) as zf, zf.open("mimetype") as fh:
        return fh.read(200).strip()


def _looks_like_text(head: bytes) -> bool:
    """Given the first bytes of a file, return whether they look like text in some encoding."""
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return True
    if b"\x00" in head:
        return bomless_encoding(head) is not None  # UTF-16/UTF-32 without a byte-order mark
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls <= len(head) * 0.01
