"""The common document model every reader produces (no I/O here).

A `Document` is a flat sequence of blocks in reading order: `TextBlock`s (title,
headings, loose paragraphs) and `Table`s. A table is rows of `Cell`s and a cell is a
sequence of `Paragraph`s, because multi-project cells are split paragraph by paragraph.
Every item carries `Prov` records pointing back into the source file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Format = Literal["pdf", "docx", "txt", "html", "doc", "rtf", "odt"]
# How a file's content was reached when not by its own reader alone.
ReadVia = Literal["libreoffice", "ocr", "ocr-partial"]
ParagraphStyle = Literal["text", "bullet"]
BlockRole = Literal["title", "heading", "paragraph"]


@dataclass(frozen=True, slots=True)
class BBoxTL:
    """A box in PDF points with a top-left origin, as pdfplumber reports it."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Prov:
    """Where an item came from.

    `page` is 1-based (PDF only). DOCX and text fill `table`/`row`/`col` and, for text,
    the 1-based `line`; `char_start`/`char_end` index the decoded source text (text
    files) where known.
    """

    page: int | None = None
    bbox: BBoxTL | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    line: int | None = None
    char_start: int | None = None
    char_end: int | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of a cell or of the body.

    `text` has markup removed but keeps source line breaks as "\\n" so that the
    normaliser can still see a word hyphenated at a line end; `raw` is the source as
    read (HTML fragment, bullet glyph and all).
    """

    text: str
    raw: str = ""
    style: ParagraphStyle = "text"
    prov: tuple[Prov, ...] = ()


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell; `col_span` > 1 marks a merged cell (e.g. a full-width heading row)."""

    row: int
    col: int
    paragraphs: tuple[Paragraph, ...]
    col_span: int = 1
    prov: tuple[Prov, ...] = ()

    @property
    def text(self) -> str:
        """Given the cell, return its paragraphs joined by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def is_empty(self) -> bool:
        """Given the cell, return whether it holds no visible text."""
        return not any(p.text.strip() for p in self.paragraphs)


@dataclass(frozen=True, slots=True)
class Table:
    """A table; rows keep their own provenance so a row split over pages keeps both pages.

    `rows[i]` is a tuple of cells in column order. A row may hold fewer cells than
    `n_cols` when a cell spans several columns.
    """

    index: int
    rows: tuple[tuple[Cell, ...], ...]
    n_cols: int
    prov: tuple[Prov, ...] = ()


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A paragraph outside any table: the title, a heading or body text."""

    text: str
    role: BlockRole = "paragraph"
    level: int | None = None
    raw: str = ""
    style: ParagraphStyle = "text"
    prov: tuple[Prov, ...] = ()


Block = TextBlock | Table


@dataclass(frozen=True, slots=True)
class Origin:
    """Identity of an input file: the name to report, its hash and its real format."""

    source_file: str
    sha256: str
    format: Format


@dataclass(frozen=True, slots=True)
class Document:
    """A whole input file in reading order.

    `read_via` says how the content was reached when the file's own format could not be
    read directly (converted by LibreOffice, or OCR on some or all pages); `ocr_pages`
    counts the pages whose words came from OCR and `ocr_confidence` gives, for each of
    them, (page, the OCR engine's mean word confidence 0-1).
    """

    origin: Origin
    blocks: tuple[Block, ...]
    title: str | None = None
    n_pages: int | None = None
    warnings: tuple[str, ...] = field(default=())
    read_via: ReadVia | None = None
    ocr_pages: int = 0
    ocr_confidence: tuple[tuple[int, float], ...] = ()

    @property
    def tables(self) -> tuple[Table, ...]:
        """Given the document, return its tables in order."""
        return tuple(b for b in self.blocks if isinstance(b, Table))
