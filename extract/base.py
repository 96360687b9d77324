"""The reader interface and the registry that maps a format to its reader."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar, Protocol, runtime_checkable

from extract.model import Document, Format, Origin
from extract.settings import ExtractSettings


class Reader(Protocol):
    """Reads one file of its formats into a `Document`, raising `SlippageError`s."""

    formats: ClassVar[frozenset[str]]

    def read(self, path: Path, origin: Origin, *, settings: ExtractSettings) -> Document:
        """Read the file at `path` into a `Document`.

        Args:
            path: the file.
            origin: its identity (the name to report, hash, sniffed format).
            settings: reader limits (the byte limit is checked by `read_document` before).
        """
        ...


@runtime_checkable
class SectionReader(Reader, Protocol):
    """A reader that can also read a big file as a document per section, one alive at a time."""

    def sections(self, path: Path, origin: Origin, *, settings: ExtractSettings) -> Iterator[Document]: ...


# Import paths, not classes, so reading a text file never imports pdfplumber.
READERS: dict[Format, str] = {
    "pdf": "extract.pdf.reader:PdfReader",
    "docx": "extract.word.docx:DocxReader",
    "txt": "extract.text.reader:TextReader",
    "html": "extract.html.reader:HtmlReader",
    "doc": "extract.word.office:OfficeReader",
    "rtf": "extract.word.office:OfficeReader",
    "odt": "extract.word.office:OfficeReader",
}


def get_reader(fmt: Format) -> Reader:
    """Given a format, return an instance of its registered reader."""
    module_name, _, class_name = READERS[fmt].partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    reader: Reader = cls()
    return reader
