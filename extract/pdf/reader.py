"""PdfReader: a PDF appendix -> `Document`, via pdfplumber.

Per page: words (with size and font) -> ruled tables (`extract.pdf.ruled`) -> borderless tables from
whitespace gutters (`extract.pdf.borderless`) -> the remaining lines as title, headings and paragraphs
(`extract.pdf.body_text`, page columns in turn). A scanned page (no text layer) gets its words and rulings from
OCR (`extract.ocr.pages`) and goes the same way. Tables continued over pages are joined by `extract.stitch`.
Every decision is kept in a `PdfTrace`: `PdfReader.trace` after `read`, or `debug_tables(path)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from extract.errors import EncryptedFile, UnreadableFile
from extract.model import Block, Document, Origin, TextBlock
from extract.ocr.pages import PageOcr, read_via
from extract.pdf.body_text import (
    MARGIN_FRACTION,
    blocks_of,
    body_size,
    clean_meta_title,
    column_order,
    drop_furniture,
    find_title,
    to_block,
)
from extract.pdf.borderless import find_borderless
from extract.pdf.chars import fast_chars
from extract.pdf.lines import Line, Word, group_lines, words_in
from extract.pdf.ruled import find_ruled
from extract.pdf.sideways import sideways_turn, turned
from extract.pdf.streams import inflate_limit
from extract.settings import ExtractSettings
from extract.stitch import StitchDecision, Stitched, TablePart, stitch

# Errors pdfminer/pdfplumber raise for a damaged file once it is open.
PDF_ERRORS = (PdfminerException, MalformedPDFException, PSException)
WORD_OPTIONS: dict[str, Any] = {"keep_blank_chars": False, "use_text_flow": False, "extra_attrs": ["size", "fontname"]}
OVERPRINT_MIN_GLYPHS = 3


@dataclass(frozen=True, slots=True)
class PageScan:
    """One page after table finding: its table parts and the lines outside them."""

    page: int
    height: float
    words: tuple[Word, ...]
    parts: tuple[TablePart, ...]
    lines: tuple[Line, ...]
    ocr: float | None = None  # the OCR engine's mean word confidence (0-1) when the words came from OCR


@dataclass(frozen=True, slots=True)
class PdfTrace:
    """The reader's decisions: every table part found, how parts were joined, what was dropped.

    Attributes:
        parts: table parts in document order (strategy, column edges, header flag, rows).
        part_table: for each part, the index of the logical table it went into.
        stitches: one decision per part joined onto the table before it.
        furniture: page numbers and running headers/footers left out of the text.
    """

    parts: tuple[TablePart, ...]
    part_table: tuple[int, ...]
    stitches: tuple[StitchDecision, ...]
    furniture: tuple[str, ...]

    def summary(self) -> list[dict[str, Any]]:
        """Given the trace, return one plain dict per table part (for logs and the review report)."""
        return [
            {
                "table": t,
                "page": p.page,
                "strategy": p.strategy,
                "bbox": (p.bbox.x0, p.bbox.top, p.bbox.x1, p.bbox.bottom),
                "col_xs": p.col_xs,
                "header": " | ".join(c.text for c in p.rows[0]) if p.header else None,
                "n_rows": len(p.rows),
            }
            for p, t in zip(self.parts, self.part_table, strict=True)
        ]


class PdfReader:
    """Reads PDF appendices with pdfplumber; `trace` holds the last read's decisions."""

    formats: ClassVar[frozenset[str]] = frozenset({"pdf"})

    def __init__(self) -> None:
        self.trace: PdfTrace | None = None

    def read(self, path: Path, origin: Origin, *, settings: ExtractSettings) -> Document:
        """Read one PDF into the common document model.

        Args:
            path: the PDF file.
            origin: its identity (name to report, hash, format).
            settings: limits: `max_pages` bounds the page count, `max_unzipped_bytes` what its streams inflate to.

        Returns:
            The document: title, headings, paragraphs and one `Table` per logical table (joined over pages), in reading order.

        Raises:
            EncryptedFile: the PDF needs a password.
            UnreadableFile: the PDF is corrupt, too long, a decompression bomb, or has no text layer.
        """
        with inflate_limit(path.name, settings.max_unzipped_bytes):
            document, self.trace = read_pdf(path, origin, settings)
        return document


def debug_tables(path: Path, settings: ExtractSettings | None = None) -> PdfTrace:
    """Given a PDF path, return the trace of how its tables were found and joined."""
    origin = Origin(source_file=str(path), sha256="", format="pdf")
    return read_pdf(path, origin, settings or ExtractSettings())[1]


def read_pdf(path: Path, origin: Origin, settings: ExtractSettings) -> tuple[Document, PdfTrace]:
    """Given a PDF, return its `Document` and the `PdfTrace` of the decisions behind it."""
    try:
        pdf = pdfplumber.open(path)
    except Exception as e:  # pdfminer raises many types for a bad file; all mean "cannot open"
        raise _open_error(path, e) from e
    with pdf, PageOcr(path, settings) as ocr:
        try:
            n_pages = len(pdf.pages)
            if n_pages > settings.max_pages:
                raise UnreadableFile(f"{path.name}: {n_pages:,} pages is over the {settings.max_pages:,}-page limit")
            scans = scan_pages(pdf.pages, ocr)
            meta = clean_meta_title(pdf.metadata.get("Title"))
        except PDF_ERRORS as e:
            raise UnreadableFile(f"{path.name}: not a readable PDF ({_describe(e)})") from e
    if not any(scan.words for scan in scans):
        raise UnreadableFile(f"{path.name}: the PDF has no text layer ({_why_no_words(scans, settings)})")
    return assemble(scans, origin, meta, n_pages)


def _why_no_words(scans: Sequence[PageScan], settings: ExtractSettings) -> str:
    """Given page scans with no words at all and the settings, return why, in words a user can act on."""
    if any(s.ocr is not None for s in scans):
        return "OCR found no words in it either"
    return "it looks scanned; OCR is needed, and --ocr never is set" if settings.ocr == "never" else \
        "no page is a scanned image to read by OCR either: its pages are blank or drawn"


def _describe(error: BaseException) -> str:
    """Given a (possibly wrapped) pdfminer error, return its type and message."""
    inner = error.args[0] if isinstance(error, PdfminerException) and error.args else error
    text = str(inner)
    return f"{type(inner).__name__}: {text}" if text else type(inner).__name__


def _open_error(path: Path, error: Exception) -> UnreadableFile:
    """Given the error pdfplumber raised opening a file, return the error to raise instead."""
    inner = error.args[0] if isinstance(error, PdfminerException) and error.args else error
    if isinstance(inner, PDFPasswordIncorrect):
        return EncryptedFile(f"{path.name}: the PDF is encrypted (password-protected)")
    if isinstance(inner, PDFEncryptionError):
        return EncryptedFile(f"{path.name}: the PDF is encrypted in a way that cannot be read ({inner})")
    return UnreadableFile(f"{path.name}: not a readable PDF ({_describe(error)})")


def has_overprint(chars: Sequence[dict[str, Any]]) -> bool:
    """Given a page's chars, return whether some glyphs are printed twice in the same place.

    >>> has_overprint([{"text": c, "x0": x, "top": 10.0} for c, x in zip("PPrroo", [1, 1.3, 9, 9.3, 15, 15.2])])
    True
    >>> has_overprint([{"text": c, "x0": float(x), "top": 10.0} for x, c in enumerate("Project")])
    False
    """
    seen: set[tuple[str, int, int]] = set()
    repeats = 0
    for c in chars:
        if not c["text"].strip():
            continue
        key = (c["text"], round(c["x0"]), round(c["top"]))
        repeats += key in seen
        seen.add(key)
        if repeats >= OVERPRINT_MIN_GLYPHS:
            return True
    return False


def scan_pages(pages: Sequence[Any], ocr: PageOcr | None = None) -> list[PageScan]:
    """Given pdfplumber pages (and OCR for pages with no text layer), return each page's table parts and the lines outside them."""
    scans: list[PageScan] = []
    carry: tuple[tuple[float, float], ...] | None = None
    for raw_page in map(fast_chars, pages):
        if turn := sideways_turn(raw_page.chars):
            raw_page.close()
            raw_page = fast_chars(turned(raw_page, turn))
        # Word's fake bold prints each glyph twice; without this "Project" reads "PPrroojjeecctt".
        # dedupe_chars is most of a page's cost, so it runs only where glyphs are overprinted.
        page = raw_page.dedupe_chars() if has_overprint(raw_page.chars) else raw_page
        words = tuple(Word.from_obj(o) for o in page.extract_words(**WORD_OPTIONS))
        read = ocr.read(page) if ocr is not None and ocr.wants(page, words) else None
        words = read.words if read is not None else words
        ruled = find_ruled(page, words, read.table_lines if read is not None else None)
        rest = _outside(words, ruled)
        borderless = find_borderless(group_lines(rest), page.page_number, carry)
        parts = tuple(sorted([*ruled, *borderless], key=lambda p: p.bbox.top))
        lines = tuple(column_order(group_lines(_outside(rest, borderless))))
        scans.append(PageScan(page.page_number, float(page.height), words, parts, lines, read.confidence if read else None))
        carry = _carried_columns(scans[-1])
        raw_page.close()  # drop pdfplumber's per-page object cache: long PDFs stay small in memory
    return scans


def _outside(words: Sequence[Word], parts: Sequence[TablePart]) -> list[Word]:
    """Given words and table parts, return the words in none of the parts."""
    inside = {id(w) for part in parts for w in words_in(words, part.bbox)}
    return [w for w in words if id(w) not in inside]


def _carried_columns(scan: PageScan) -> tuple[tuple[float, float], ...] | None:
    """Given a scanned page, return the column ranges of a borderless table running off its foot, if any."""
    if not scan.parts or scan.parts[-1].strategy == "lines":
        return None
    last = scan.parts[-1]
    foot = (1 - MARGIN_FRACTION) * scan.height
    if any(last.bbox.bottom < line.top < foot for line in scan.lines):
        return None
    return tuple(zip(last.col_xs, last.col_x1, strict=True))


def assemble(scans: Sequence[PageScan], origin: Origin, meta: str | None, n_pages: int) -> tuple[Document, PdfTrace]:
    """Given scanned pages, return the document in reading order and the trace."""
    size = body_size([w for scan in scans for w in scan.words])
    kept, furniture = drop_furniture([s.lines for s in scans], [s.height for s in scans])
    groups = [blocks_of(lines, [p.bbox.top for p in s.parts]) for s, lines in zip(scans, kept, strict=True)]
    parts = [_mark_position(p, g) for s, g in zip(scans, groups, strict=True) for p in s.parts]
    stitched = stitch(parts)
    first_table = scans[0].parts[0].bbox.top if scans[0].parts else float("inf")
    title, title_at = find_title(first_table, groups[0], meta, size)
    blocks: list[Block] = [TextBlock(text=title, role="title")] if title and title_at is None else []
    blocks += _reading_order(scans, groups, stitched, size, title_at)
    trace = PdfTrace(tuple(parts), stitched.part_table, stitched.decisions, tuple(furniture))
    ocr = tuple((s.page, s.ocr) for s in scans if s.ocr is not None)
    via = read_via(sum(1 for s in scans if s.ocr is not None and s.words), sum(1 for s in scans if s.words))
    document = Document(origin=origin, blocks=tuple(blocks), title=title, n_pages=n_pages, read_via=via, ocr_pages=len(ocr), ocr_confidence=ocr)
    return document, trace


def _reading_order(
    scans: Sequence[PageScan],
    groups: Sequence[Sequence[Sequence[Line]]],
    stitched: Stitched,
    size: float,
    title_at: int | None,
) -> list[Block]:
    """Given pages, their text blocks and the joined tables, return all blocks top to bottom, page by page.

    A table joined over pages is placed where its first part is.
    """
    blocks: list[Block] = []
    emitted: set[int] = set()
    part_no = 0
    for scan, page_groups in zip(scans, groups, strict=True):
        tables: list[tuple[float, Block]] = []
        for part in scan.parts:
            table = stitched.part_table[part_no]
            part_no += 1
            if table not in emitted:
                emitted.add(table)
                tables.append((part.bbox.top, stitched.tables[table]))
        # text blocks keep their reading order (page columns are read column by column);
        # each table goes before the first text block that starts below its top
        for i, g in enumerate(page_groups):
            while tables and tables[0][0] < g[0].top:
                blocks.append(tables.pop(0)[1])
            blocks.append(to_block(g, scan.page, size, title=scan.page == 1 and i == title_at))
        blocks += [table for _, table in tables]
    return blocks


def _mark_position(part: TablePart, groups: Sequence[Sequence[Line]]) -> TablePart:
    """Given a table part and its page's text blocks, return it flagged first/last on its page."""
    above = any(g[0].top < part.bbox.top for g in groups)
    below = any(g[-1].bottom > part.bbox.bottom for g in groups)
    return replace(part, first_on_page=not above, last_on_page=not below)
