"""HtmlReader: HTML and XHTML pages (lxml) -> Document, reading order kept.

Committee-system pages (ModernGov, CMIS and the like) and "save as web page" exports from
Word and LibreOffice. The encoding comes from a byte-order mark, the page's declared
charset, else a guess (`extract.html.decode`); the page is parsed by lxml's HTML parser
(XHTML too: its XML declaration is blanked, keeping offsets). Blocks follow the document
order of the page's `<main>` when it has one, else of `<body>`:

- `<h1>`-`<h6>` are headings of that level; a short paragraph whose words are all bold is a
  heading without a level, as in the DOCX reader;
- the title is the first paragraph of a title class (`MsoTitle`), else the first paragraph
  before any table when it repeats `<title>` (the DOCX reader's rule, `<title>` playing the
  core-properties title), else the first `<h1>` before any table (a committee site's
  `<title>` adds the site's name), else the first paragraph when there is no `<title>`; the
  document's title is that paragraph's text, else `<title>`;
- `<li>` items and Word list paragraphs are "bullet" paragraphs;
- tables are read by `extract.html.tables`; a table that frames the page is read through,
  its cells' content becoming blocks; a table's `<caption>` is a paragraph before it.

`Prov.line` is the element's source line, `char_start`/`char_end` index the decoded text
(line endings normalised) where the element's tags were found (`extract.html.source`).
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any, ClassVar

import lxml.html
from lxml.etree import ParserError, XMLSyntaxError

from extract.errors import ExtractWarning, UnreadableFile
from extract.html.decode import decode_page
from extract.html.fragments import has_markup
from extract.html.source import SourceMap, map_source
from extract.html.tables import is_layout, read_table, table_rows
from extract.html.text import Collector, Piece, bold_classes, clean_text
from extract.model import Block, Document, Origin, Table, TextBlock
from extract.settings import ExtractSettings

MAX_DEPTH = 256  # libxml2's limit without XML_PARSE_HUGE
MAX_BOLD_HEADING_CHARS = 120  # as extract.word.docx: a longer bold paragraph is emphasis, not a heading
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")


def parse_page(text: str, name: str) -> Any:
    """Given decoded page text, return the lxml root element, raising `UnreadableFile` if it cannot be parsed."""
    # lxml refuses a str that carries an encoding declaration; blanking it keeps every offset.
    text = _XML_DECLARATION.sub(lambda m: " " * len(m.group(0)), text)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (ParserError, XMLSyntaxError, ValueError) as e:
        raise UnreadableFile(f"{name}: not a readable HTML page ({e})") from e
    # libxml2 drops what lies deeper than 256 elements; real pages never nest so deep.
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        warnings.warn(ExtractWarning(f"{name}: elements nested deeper than {MAX_DEPTH} levels; the text below that depth is left out"), stacklevel=2)
    return root


def _content_root(root: Any) -> Any:
    """Given the page root, return the element whose content is the document (`<main>`, else `<body>`)."""
    main = root.xpath("//main | //*[@role='main']")
    if main:
        return main[0]
    body = root.find("body")
    return body if body is not None else root


class _PageWalk:
    """One page being read: the collector for its body, a reader for its tables."""

    def __init__(self, root: Any, source: SourceMap) -> None:
        self.source = source
        self.css = bold_classes(root)
        self.n_tables = 0
        self.body = Collector(self.css, self.on_table)

    def cell_pieces(self, cell: Any) -> list[Piece]:
        """Given a `<td>`/`<th>`, return its paragraphs (nested tables flattened)."""
        collector = Collector(self.css)
        collector.walk(cell)
        collector.flush()
        return collector.out

    def on_table(self, el: Any, collector: Collector) -> bool:
        """Given a `<table>` met in the body, add its blocks to the collector; return True (handled)."""
        collector.flush()
        rows = table_rows(el)
        if is_layout(el, rows):
            for cell in (c for tr in rows for c in tr if c.tag in ("td", "th")):
                collector.walk(cell)
            return True
        for caption in el.findall("caption"):
            collector.walk(caption)
        table = read_table(el, self.n_tables, self.cell_pieces, self.source)
        if table is not None:
            collector.out.append(table)
            self.n_tables += 1
        return True


def _same(a: str, b: str) -> bool:
    """Given two texts, return whether they read the same (case and spacing aside)."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _title_index(items: list[Piece | Table], page_title: str) -> int | None:
    """Given the page's pieces and tables and its `<title>`, return the index of the title paragraph."""
    hinted = [i for i, item in enumerate(items) if isinstance(item, Piece) and item.title_hint]
    if hinted:
        return hinted[0]
    first_table = next((i for i, item in enumerate(items) if isinstance(item, Table)), len(items))
    before = [(i, item) for i, item in enumerate(items[:first_table]) if isinstance(item, Piece)]
    # As in DOCX: the first paragraph is the title when it repeats the page's title (or there is none).
    if before and page_title and _same(before[0][1].text, page_title):
        return before[0][0]
    h1 = [i for i, piece in before if piece.level == 1]
    if h1:
        return h1[0]
    return before[0][0] if before and not page_title else None


def _text_block(piece: Piece, is_title: bool, source: SourceMap) -> TextBlock:
    """Given a body paragraph, return it as a title, heading or paragraph block."""
    prov = (source.prov(piece.anchor),) if piece.anchor is not None else ()
    if is_title:
        return TextBlock(text=piece.text, role="title", raw=piece.raw, prov=prov)
    if piece.level is not None or (piece.style == "text" and piece.bold and len(piece.text) <= MAX_BOLD_HEADING_CHARS):
        return TextBlock(text=piece.text, role="heading", level=piece.level, raw=piece.raw, prov=prov)
    return TextBlock(text=piece.text, role="paragraph", raw=piece.raw, style=piece.style, prov=prov)


def read_page(root: Any, text: str) -> tuple[list[Block], str | None]:
    """Given a parsed page and its decoded source text, return its blocks in reading order and its title."""
    source = map_source(text, root)
    walk = _PageWalk(root, source)
    walk.body.walk_inside(_content_root(root))
    walk.body.flush()
    items: list[Piece | Table] = walk.body.out
    page_title = clean_text(" ".join(t.text_content() for t in root.iter("title")))
    title_at = _title_index(items, page_title)
    blocks: list[Block] = [
        item if isinstance(item, Table) else _text_block(item, i == title_at, source) for i, item in enumerate(items)
    ]
    title_block = items[title_at] if title_at is not None else None
    return blocks, (title_block.text if isinstance(title_block, Piece) else None) or page_title or None


class HtmlReader:
    """Reads HTML and XHTML pages with lxml."""

    formats: ClassVar[frozenset[str]] = frozenset({"html"})

    def read(self, path: Path, origin: Origin, *, settings: ExtractSettings) -> Document:
        """Read an HTML page into a `Document`.

        Returns:
            The document. A file named .html that holds no markup at all is read by the
            text reader.

        Raises:
            UnreadableFile: binary data, markup lxml cannot parse, or a page with no text.
        """
        text, _ = decode_page(path.read_bytes(), path.name)
        if not has_markup(text):
            from extract.text.reader import TextReader  # plain text saved as .html: the text reader's rules apply

            return TextReader().read(path, origin, settings=settings)
        blocks, title = read_page(parse_page(text, path.name), text)
        if not blocks:
            raise UnreadableFile(f"{path.name}: the page has no text in its body (nothing but markup, scripts or navigation)")
        return Document(origin=origin, blocks=tuple(blocks), title=title)
