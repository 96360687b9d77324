"""Sniff a file's real format from its bytes before trusting its extension."""

from __future__ import annotations

import zipfile
from pathlib import Path

from extract.errors import UnreadableFile, UnsupportedFormat
from extract.model import Format

SUFFIX_FORMATS: dict[str, Format] = {".pdf": "pdf", ".docx": "docx", ".txt": "txt", ".text": "txt", ".tsv": "txt"}
_SNIFF_BYTES = 8192


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
    if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise UnsupportedFormat(f"{path.name}: a legacy Word/Office (.doc/.xls) file; save it as .docx or PDF first")
    if _looks_like_text(head):
        return "txt"
    raise UnsupportedFormat(f"{path.name}: binary data that is not PDF, DOCX or text")


def _sniff_zip(path: Path) -> Format:
    """Given a zip file, return "docx" if it is a Word document, else raise."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError) as e:
        raise UnreadableFile(f"{path.name}: a damaged zip/DOCX archive ({e})") from e
    if "word/document.xml" in names:
        return "docx"
    raise UnsupportedFormat(f"{path.name}: a zip archive that is not a Word document (no word/document.xml)")


def _looks_like_text(head: bytes) -> bool:
    """Given the first bytes of a file, return whether they look like text in some encoding."""
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls <= len(head) * 0.01
