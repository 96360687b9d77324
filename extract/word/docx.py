"""DocxReader: Word documents (python-docx) -> Document, body order kept.

Body paragraphs and tables are read in the order they sit in `w:body`. Cells come from
the row's `w:tc` elements, so a horizontally merged cell is one `Cell` with `col_span`
(python-docx's `row.cells` repeats it once per grid column instead); the continuation
part of a vertical merge is an empty cell. Nested tables are flattened into the outer
cell's paragraphs. Empty paragraphs are dropped.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml.etree import XMLSyntaxError

from extract.errors import UnreadableFile
from extract.model import Block, Cell, Document, Origin, Paragraph, ParagraphStyle, Prov, Table, TextBlock
from extract.prose import BULLET_GLYPHS
from extract.settings import ExtractSettings
from extract.word.as_shown import as_shown

# Real DOCX XML deflates 5-20x; a member inflating more than this is a zip bomb.
MAX_COMPRESSION_RATIO = 200
RATIO_CHECK_MIN_BYTES = 1 << 20
MAX_BOLD_HEADING_CHARS = 120
_HEADING_STYLE = re.compile(r"^heading\s*(\d+)$", re.IGNORECASE)


def check_archive(path: Path, settings: ExtractSettings) -> None:
    """Given a DOCX path, raise `UnreadableFile` unless it is a zip that unzips within bounds."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise UnreadableFile(f"{path.name}: not a readable DOCX ({e})") from e
    total = sum(i.file_size for i in infos)
    if total > settings.max_unzipped_bytes:
        raise UnreadableFile(
            f"{path.name}: would unzip to {total:,} bytes, over the {settings.max_unzipped_bytes:,}-byte limit"
        )
    for info in infos:
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size >= RATIO_CHECK_MIN_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise UnreadableFile(
                f"{path.name}: member {info.filename} inflates {ratio:,.0f}x "
                f"({info.file_size:,} bytes), over the {MAX_COMPRESSION_RATIO}x limit"
            )


def heading_level(style_name: str) -> int | None:
    """Given a paragraph style name, return its heading level, or None.

    >>> heading_level("Heading 2"), heading_level("Normal")
    (2, None)
    """
    m = _HEADING_STYLE.match(style_name.strip())
    return int(m.group(1)) if m else None


def _style_name(p: DocxParagraph) -> str:
    """Given a paragraph, return its style name ('' when the style is missing)."""
    try:
        return (p.style.name if p.style is not None else "") or ""
    except (KeyError, ValueError):
        return ""


def paragraph_style(p: DocxParagraph) -> ParagraphStyle:
    """Given a paragraph, return "bullet" for list styles, numbering or a typed glyph."""
    ppr = p._p.pPr
    numbered = ppr is not None and ppr.numPr is not None
    if numbered or "list" in _style_name(p).lower() or p.text.lstrip()[:1] in BULLET_GLYPHS:
        return "bullet"
    return "text"


def _is_bold_only(p: DocxParagraph) -> bool:
    """Given a paragraph, return whether it is short and all its visible runs are bold."""
    runs = [r for r in p.runs if r.text.strip()]
    if not runs or len(p.text.strip()) > MAX_BOLD_HEADING_CHARS:
        return False
    style_bold = bool(p.style is not None and p.style.font.bold)
    return all(r.bold is True or (r.bold is None and style_bold) for r in runs)


def _clean(text: str) -> str:
    """Given paragraph text, return it stripped, without a typed bullet glyph."""
    return text.strip().lstrip(BULLET_GLYPHS).strip()


def _iter_body(parent: Any) -> Iterator[Any]:
    """Given a body or content-control element, yield its w:p and w:tbl children in order."""
    for child in parent.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _iter_body(content)


def _cell_paragraphs(cell: _Cell, where: Prov) -> list[Paragraph]:
    """Given a cell, return its non-empty paragraphs, nested tables flattened in row order."""
    out: list[Paragraph] = []
    for item in cell.iter_inner_content():
        if isinstance(item, DocxTable):
            for row in item.rows:
                for tc in row._tr.tc_lst:
                    out.extend(_cell_paragraphs(_Cell(tc, item), where))
        elif (text := _clean(item.text)):
            out.append(Paragraph(text=text, raw=item.text, style=paragraph_style(item), prov=(where,)))
    return out


def read_table(table: DocxTable, index: int) -> Table:
    """Given a python-docx table and its index, return the model `Table`."""
    n_cols = len(table._tbl.tblGrid.gridCol_lst) or max((len(r._tr.tc_lst) for r in table.rows), default=0)
    rows: list[tuple[Cell, ...]] = []
    for r, row in enumerate(table.rows):
        col = row.grid_cols_before
        cells = []
        for tc in row._tr.tc_lst:
            where = Prov(table=index, row=r, col=col)
            # The lower part of a vertical merge holds no text of its own.
            paras = () if tc.vMerge == "continue" else tuple(_cell_paragraphs(_Cell(tc, table), where))
            cells.append(Cell(row=r, col=col, paragraphs=paras, col_span=tc.grid_span, prov=(where,)))
            col += tc.grid_span
        rows.append(tuple(cells))
    return Table(index=index, rows=tuple(rows), n_cols=n_cols, prov=(Prov(table=index),))


def _title_element(doc: Any, items: list[Any], core_title: str) -> Any | None:
    """Given the body items and the core-properties title, return the title paragraph element.

    The first "Title"-styled paragraph; else the first non-empty paragraph before any table
    (often "Heading 1"), but only if it repeats the core title when one is set, since a
    set core title names the document and the first line may then be ordinary text.
    """
    for e in items:
        if e.tag == qn("w:p") and _style_name(p := DocxParagraph(e, doc)).lower() == "title" and p.text.strip():
            return e
    for e in items:
        if e.tag == qn("w:tbl"):
            return None
        text = " ".join(DocxParagraph(e, doc).text.split())
        if text:
            return e if not core_title or text.casefold() == " ".join(core_title.split()).casefold() else None
    return None


def _text_block(p: DocxParagraph, is_title: bool) -> TextBlock:
    """Given a body paragraph, return it as a title, heading or paragraph block."""
    text, style = _clean(p.text), paragraph_style(p)
    if is_title:
        return TextBlock(text=text, role="title", raw=p.text)
    level = heading_level(_style_name(p))
    if level is not None or (style == "text" and _is_bold_only(p)):
        return TextBlock(text=text, role="heading", level=level, raw=p.text)
    return TextBlock(text=text, role="paragraph", raw=p.text, style=style)


def read_blocks(doc: Any) -> tuple[list[Block], str | None]:
    """Given a python-docx document, return its blocks in body order and its title text.

    The title is the core-properties title when set, else the title paragraph's text.
    """
    body = doc.element.body
    if body is None:
        raise ValueError("word/document.xml has no body")
    as_shown(body)
    items = list(_iter_body(body))
    core_title = (doc.core_properties.title or "").strip()
    title_el = _title_element(doc, items, core_title)
    blocks: list[Block] = []
    for e in items:
        if e.tag == qn("w:tbl"):
            blocks.append(read_table(DocxTable(e, doc), sum(isinstance(b, Table) for b in blocks)))
        elif (p := DocxParagraph(e, doc)).text.strip():
            blocks.append(_text_block(p, e is title_el))
    title = next((b.text for b in blocks if isinstance(b, TextBlock) and b.role == "title"), None)
    return blocks, core_title or title


class DocxReader:
    """Reads Word (.docx) appendices with python-docx."""

    formats: ClassVar[frozenset[str]] = frozenset({"docx"})

    def read(self, path: Path, origin: Origin, *, settings: ExtractSettings) -> Document:
        """Read a DOCX file into a `Document`.

        `settings.max_unzipped_bytes` guards against zip bombs.

        Returns:
            The document; its title is the core-properties title when set, else the
            title paragraph's text.

        Raises:
            UnreadableFile: not a zip, damaged, too large once unzipped, or not Word XML.
        """
        check_archive(path, settings)
        try:
            doc = docx.Document(str(path))
            blocks, title = read_blocks(doc)
        except (PackageNotFoundError, XMLSyntaxError, zipfile.BadZipFile, KeyError, ValueError, AttributeError) as e:
            raise UnreadableFile(f"{path.name}: not a readable DOCX ({type(e).__name__}: {e})") from e
        return Document(origin=origin, blocks=tuple(blocks), title=title)
