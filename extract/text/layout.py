"""Text without tab columns (`pdftotext -layout`, ASCII and markdown tables) -> blocks.

Tables are found first (box and pipe tables by their rules, layout tables by their
gutters, see `extract.text.geometry`); every other line is prose:

- the first non-empty line is the title;
- consecutive lines form a paragraph, blank lines split them; page numbers and running
  headers and footers (`extract.text.furniture`) are dropped;
- a lone short line (no sentence end) just above a table is its heading, and so is a
  markdown "## heading" anywhere; markdown hashes and whole-line bold are not text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extract.model import Block, BlockRole, ParagraphStyle, Prov, TextBlock
from extract.prose import ends_sentence
from extract.text.boxes import BoxTable, find_box_tables
from extract.text.furniture import blank_furniture
from extract.text.geometry import Region, find_regions, header_size, page_columns
from extract.text.grid import LayoutRow, build_rows_table
from extract.text.layout_rows import cut_line, drop_repeated_headers, split_rows
from extract.text.source_lines import LayoutLine, bullet_indent, layout_lines

# Markdown exports: "## Heading" lines and lines bold as a whole ("**Adults and Health**").
_ATX = re.compile(r"^\s*#{1,6}\s+(?=\S)")
_H1 = re.compile(r"^\s*#\s+(?=\S)")  # "# Title": one hash only
_BOLD_LINE = re.compile(r"^(\*\*|__)(\S(?:.*\S)?)\1$")
MAX_HEADING_CHARS = 100
HEADING_GAP_LINES = 3  # a heading may sit up to two blank lines above its table


@dataclass(frozen=True, slots=True)
class _Span:
    """Lines [first, last] of the file that form one table, and how to read it."""

    first: int
    last: int
    table: Region | BoxTable


def _layout_rows(lines: list[LayoutLine], region: Region) -> list[LayoutRow]:
    """Given the file's lines and a layout region, return the region's rows."""
    own = lines[region.first : region.last + 1]
    size = header_size(own)
    kept = drop_repeated_headers(own, size)
    columns = page_columns(kept)[1]
    cut = [cut_line(line, cols, body=k >= size and not _lone_line(kept, k))
           for k, (line, cols) in enumerate(zip(kept, columns, strict=True))]
    return split_rows(cut, size, len(region.columns))


def _lone_line(lines: list[LayoutLine], k: int) -> bool:
    """Given a region's lines and an index, return whether line k is one run alone between blank lines.

    Such a line is a sub-heading row (a programme between two groups of rows); it is never cut at a gutter
    its words happen to cross ("Libraries | and Heritage Service" under a narrow Ref column).
    """
    line = lines[k]
    alone = len(line.runs) == 1 and line.runs[0][0] == min((x.runs[0][0] for x in lines if x.runs), default=0)
    return alone and k > 0 and lines[k - 1].blank and (k + 1 == len(lines) or lines[k + 1].blank)


def _indent(line: LayoutLine) -> int:
    """Given a line, return the column its text starts at."""
    return len(line.text) - len(line.text.lstrip())


def _strip_markdown(text: str) -> str:
    """Given a prose line, return it stripped, without a markdown heading's hashes or a whole-line bold.

    >>> _strip_markdown("## Adults and Health"), _strip_markdown("**Place and Economy**"), _strip_markdown(" 3 cases")
    ('Adults and Health', 'Place and Economy', '3 cases')
    """
    text = text.strip()
    m = _ATX.match(text)
    if m:
        text = text[m.end() :].rstrip("# ").strip()
    m = _BOLD_LINE.match(text)
    return m.group(2) if m else text


class _Prose:
    """Collects the lines outside tables into title, heading and paragraph blocks."""

    def __init__(self, titled: bool = False) -> None:
        self.blocks: list[Block] = []
        self.para: list[LayoutLine] = []
        self.titled = titled
        self.continued = titled  # a later section of a big file: its title was read with the first

    def feed(self, line: LayoutLine) -> None:
        """Given a line outside any table, add it to the open paragraph (or make it the title)."""
        if line.blank:
            self.flush()
        elif _H1.match(line.text) and not self.continued and self._only_prose_so_far():
            # "# Title" under a council-name line: markdown's level-1 heading is the title, as a
            # Title-styled paragraph is in DOCX; the first line above it is plain text.
            self.flush()
            self.blocks = [replace(b, role="paragraph") if isinstance(b, TextBlock) else b for b in self.blocks]
            self.para = [line]
            self.flush("title")
        elif _ATX.match(line.text) and self.titled:
            self.flush()
            self.para = [line]
            self.flush("heading")
        elif not self.titled:
            self.para = [line]
            self.flush("title")
        else:
            # each item of a list set without blank lines is its own paragraph, and a line left of
            # an item's hanging indent is no part of it (the next heading, or text after the list)
            hanging = bullet_indent(self.para[0].text) if self.para else None
            if bullet_indent(line.text) is not None or (hanging is not None and _indent(line) < hanging):
                self.flush()
            self.para.append(line)

    def _only_prose_so_far(self) -> bool:
        """Return whether everything read so far is a title or paragraphs (no table, heading or '#' title yet)."""
        return all(isinstance(b, TextBlock) and b.role in ("title", "paragraph") and not _H1.match(b.raw or "") for b in self.blocks)

    def flush(self, role: BlockRole = "paragraph") -> None:
        """Given the buffered lines, emit them as one block of the role."""
        if not self.para:
            return
        texts, provs = [], []
        for line in self.para:
            text = _strip_markdown(line.text)
            start = line.start + line.text.index(text)
            texts.append(text)
            provs.append(Prov(line=line.number, char_start=start, char_end=start + len(text)))
        raw = "\n".join(line.text for line in self.para)
        style: ParagraphStyle = "bullet" if role == "paragraph" and bullet_indent(self.para[0].text) is not None else "text"
        self.blocks.append(TextBlock(text="\n".join(texts), role=role, raw=raw, style=style, prov=tuple(provs)))
        self.titled = True
        self.para = []

    def before_table(self, gap: int) -> None:
        """Given the blank lines above a table, make a lone short line just above it its heading."""
        self.flush()
        last = self.blocks[-1] if self.blocks else None
        if not isinstance(last, TextBlock) or last.role != "paragraph" or gap >= HEADING_GAP_LINES:
            return
        text = last.text
        if "\n" not in text and len(text) <= MAX_HEADING_CHARS and not ends_sentence(text) and not text[0].islower():
            self.blocks[-1] = replace(last, role="heading")


def _spans(lines: list[LayoutLine]) -> list[_Span]:
    """Given the file's lines, return its tables in order: box and pipe tables, then layout regions between them."""
    spans = [_Span(t.first, t.last, t) for t in find_box_tables(lines)]
    taken = {k for s in spans for k in range(s.first, s.last + 1)}
    free = [line if k not in taken else LayoutLine(line.number, line.start, "", (), False) for k, line in enumerate(lines)]
    spans += [_Span(r.first, r.last, r) for r in find_regions(free)]
    return sorted(spans, key=lambda s: s.first)


def parse_layout(raws: list[tuple[int, int, str]], first_table: int = 0, *, titled: bool = False) -> list[Block]:
    """Given (number, offset, text) lines of a file without tab columns, return its blocks.

    Tables are numbered from `first_table`; `titled`: the lines follow the file's title
    (a later section of a big file), so none of them is taken for it.
    """
    lines = blank_furniture(layout_lines(raws))
    prose = _Prose(titled)
    pos, n_tables = 0, first_table
    for span in _spans(lines):
        gap = 0
        for line in lines[pos : span.first]:
            prose.feed(line)
            gap = gap + 1 if line.blank else 0
        prose.before_table(gap)
        if isinstance(span.table, Region):
            rows = _layout_rows(lines, span.table)
            prose.blocks.append(build_rows_table(n_tables, rows, len(span.table.columns)))
        else:
            prose.blocks.append(span.table.to_table(n_tables))
        prose.titled = True
        n_tables += 1
        pos = span.last + 1
    for line in lines[pos:]:
        prose.feed(line)
    prose.flush()
    return prose.blocks
