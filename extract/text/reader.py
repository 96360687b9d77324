"""TextReader: plain-text exports (tab-separated, `pdftotext -layout`, box and pipe tables) -> Document.

A file with tab-separated lines (two or more) is read by the rules below; any other file by
`extract.text.layout`, which finds tables by geometry (gutters shared across lines, box
rules, pipe rows) and never by header words; where that finds no table, a reading-order
export (plain `pdftotext`, one cell per paragraph) gets its table back from the cycle of its
paragraphs' types (`extract.text.cycle`). Tab-file structure rules, in reading order:

- the first non-empty line is the title;
- lines without columns are paragraphs (consecutive lines form one, blank lines split);
- the first tab line of a block starts a table when its cells are shaped like headers
  (short, no numbers or sentences: no known words needed), and so does a line of known
  header words anywhere; the header is row 0;
- a one-cell line just before a header ("Interventions for Adults aged 65+:<tab>") is a
  heading; separator lines ("---<tab>---") are dropped;
- rows run until a blank line followed by text without columns, a heading or a new header;
- a header identical to the open table's (exports repeat it per segment or page) continues
  that table: we emit ONE table holding all its rows, with the repeat dropped;
- loose paragraphs after a table are emitted after it, in order; the normaliser decides
  what they continue.

Offsets in `Prov.char_start/char_end` index the decoded text with line endings
normalised to "\\n"; `Prov.line` is 1-based.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from extract.decode import decode_text
from extract.errors import ExtractWarning
from extract.model import Block, BlockRole, Document, Origin, Prov, Table, TextBlock
from extract.prose import ends_sentence
from extract.settings import ExtractSettings
from extract.text.cycle import parse_cycle
from extract.text.layout import parse_layout
from extract.text.lines import Columns, Frag, Line, split_lines
from extract.text.rows import RowBuilder, build_table
from extract.text.sections import TextSection, check_text, stream_encoding, text_sections

_SEPARATOR = re.compile(r"^[-=_*–—\s]+$")
_TAB_CELL = re.compile(r"\S\t")  # a tab ending a cell's text; a tab that only indents a line is no column
MAX_SUB_HEADING_WORDS = 8  # a programme line between a table's rows is short
MIN_TAB_LINES = 2  # lines with tab cells that make a file tab-separated; a stray tab in a layout export does not
MAX_HEADING_CHARS = 100
HEADING_LOOKAHEAD = 3  # a heading may be followed by up to two blank lines before its header


@dataclass(slots=True)
class _OpenTable:
    """A table being read: its header fragments and row builders."""

    index: int
    header: tuple[Frag, ...] | None
    rows: list[RowBuilder] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, ...]:
        """Given the table, return its header words, to recognise a repeated header."""
        return tuple(f.text.lower() for f in self.header or () if f.text)

    @property
    def n_cols(self) -> int:
        """Given the table, return its width: header cells or the widest filled row."""
        widths = [max((j + 1 for j, c in enumerate(r.cols) if any(c)), default=1) for r in self.rows]
        return max([len(self.header or ()), *widths])


class _Parser:
    """The state machine of the module docstring, fed one line at a time."""

    def __init__(self, raws: list[tuple[int, int, str]], first_table: int = 0, titled: bool = False) -> None:
        self.raws = raws
        self.cols = Columns()
        self.blocks: list[Block] = []
        self.para: list[Line] = []
        self.table: _OpenTable | None = None
        self.n_tables = first_table
        self.blank = False
        self.titled = titled

    def run(self) -> list[Block]:
        """Given all lines, return the document's blocks in reading order."""
        for i, raw in enumerate(self.raws):
            self._feed(i, raw)
        self._flush_para()
        self._close_table()
        return self.blocks

    def _feed(self, i: int, raw: tuple[int, int, str]) -> None:
        """Given the i-th raw line, route it to the matching rule."""
        line = self.cols.line(raw)
        if line.blank:
            self.blank = True
            self._flush_para()
            return
        if self._is_noise(line):
            return
        if self.cols.is_header(raw, block_start=self.table is None):
            self._header(line)
        elif not self.titled and not line.tabular:
            self._emit(line, "title")
        elif self._is_heading(i, line):
            self._emit(line, "heading")
        elif self.table is not None and line.tabular:
            self._row(line)
        elif self.table is not None and self.table.rows and self._is_sub_heading(i, line):
            self._sub_heading(line)
        elif self.table is not None and not self.blank and self.table.rows:
            self._spill(line)
        else:
            self._body(line)
        self.blank = False

    def _is_noise(self, line: Line) -> bool:
        """Given a line, return whether it is a separator rule."""
        texts = [c.text for c in line.cells if c.text]
        return bool(texts) and all(_SEPARATOR.match(t) for t in texts)

    def _is_heading(self, i: int, line: Line) -> bool:
        """Given line i, return whether it is a lone short text just before a table header."""
        text = line.cells[0].text if line.filled == [0] else ""
        if not text or len(text) > MAX_HEADING_CHARS or text[0].islower() or ends_sentence(text):
            return False
        for raw in self.raws[i + 1 : i + 1 + HEADING_LOOKAHEAD]:
            if raw[2].strip():
                return self.cols.is_header(raw, block_start=self.table is None)
        return False

    def _header(self, line: Line) -> None:
        """Given a header line, continue the open table if it repeats, else open a new one."""
        self._flush_para()
        key = tuple(c.text.lower() for c in line.cells if c.text)
        if self.table is not None and self.table.key == key:
            return  # a repeated header (next segment or page): same table, rows go on
        self._close_table()
        width = max(line.filled) + 1
        self.table = _OpenTable(self.n_tables, line.cells[:width])
        self.titled = True

    def _row(self, line: Line) -> None:
        """Given a tabular line inside a table, start a new row or continue the last one."""
        table = self.table
        assert table is not None
        frags = line.cells
        if not table.rows or (frags[0].text and self.blank):
            table.rows.append(RowBuilder(len(frags)))
            table.rows[-1].add(frags)
        elif frags[0].text and table.rows[-1].starts_new(frags, False) or (
                not frags[0].text and table.rows[-1].repeats_figure(frags, on_figure=True)):  # a Total row with no code
            table.rows.append(RowBuilder(len(frags)))
            table.rows[-1].add(frags)
        else:
            row = table.rows[-1]
            row.wrapped = row.wrapped or bool(frags[0].text)
            row.add(frags, gap_before=self.blank)

    def _is_sub_heading(self, i: int, line: Line) -> bool:
        """Given a column-less line inside a table, return whether it heads the rows below it.

        A short capitalised label with no sentence end, followed by a tabular row
        ("Economy and Environment" between two directorates' schemes), is a programme
        sub-heading row, not the end of the last row's text.
        """
        text = line.cells[0].text if line.filled == [0] else ""
        if not text or len(text.split()) > MAX_SUB_HEADING_WORDS or not text[0].isupper() or ends_sentence(text) or text.endswith((",", ";")):
            return False
        nxt = next((raw for raw in self.raws[i + 1 : i + 1 + HEADING_LOOKAHEAD] if raw[2].strip()), None)
        return nxt is not None and self.cols.line(nxt).tabular

    def _sub_heading(self, line: Line) -> None:
        """Given a sub-heading line inside a table, add it as a row of its own (first cell only)."""
        assert self.table is not None
        self.table.rows.append(RowBuilder(1))
        self.table.rows[-1].add(line.cells[:1])

    def _spill(self, line: Line) -> None:
        """Given a column-less line right under a row, append it to that row's last column."""
        assert self.table is not None
        row = self.table.rows[-1]
        last = max((j for j, c in enumerate(row.cols) if c and c[-1] is not None), default=0)
        frags = [Frag("", line.number, line.start, line.start)] * last + [line.cells[0]]
        row.add(tuple(frags))

    def _body(self, line: Line) -> None:
        """Given a line outside any table, add it to the current paragraph (or the title)."""
        if line.tabular and len(line.filled) > 1:
            # Columns but no header: a headerless table; the normaliser maps its columns.
            self._close_table()
            self._flush_para()
            self.table = _OpenTable(self.n_tables, None)
            self._row(line)
            return
        self._close_table()
        self.para.append(line)

    def _emit(self, line: Line, role: BlockRole) -> None:
        """Given a one-line title or heading, close what is open and append its block."""
        self._flush_para()
        self._close_table()
        frag = line.cells[line.filled[0]] if line.filled else line.cells[0]
        prov = (Prov(line=frag.line, char_start=frag.start, char_end=frag.end),)
        self.blocks.append(TextBlock(text=frag.text, role=role, raw=line.text, prov=prov))
        self.titled = True

    def _flush_para(self) -> None:
        """Given buffered body lines, emit them as one paragraph block."""
        if not self.para:
            return
        frags = [c for line in self.para for c in line.cells if c.text]
        text = "\n".join(f.text for f in frags)
        provs = tuple(Prov(line=f.line, char_start=f.start, char_end=f.end) for f in frags)
        self.blocks.append(TextBlock(text=text, role="paragraph", raw="\n".join(ln.text for ln in self.para), prov=provs))
        self.para = []

    def _close_table(self) -> None:
        """Given an open table, emit it as a `Table` block."""
        if self.table is None:
            return
        t, self.table = self.table, None
        self.blocks.append(build_table(t.index, t.header, t.rows, t.n_cols))
        self.n_tables += 1


def parse_text(text: str, section: TextSection | None = None, first_table: int = 0) -> list[Block]:
    """Given decoded text, return its blocks (title, headings, paragraphs, tables).

    With `section` (a big file read in sections), lines are numbered from the section's
    place in the file, tables from `first_table`, and only the first section has a title.

    >>> blocks = parse_text("Report\\n\\nScheme\\tIssue\\tAction\\nA\\tLate.\\tChase.\\n")
    >>> [type(b).__name__ for b in blocks], blocks[1].rows[1][2].text
    (['TextBlock', 'Table'], 'Chase.')
    """
    raws = split_lines(text) if section is None else split_lines(text, section.first_line, section.offset)
    titled = section is not None and section.index > 0
    if sum(1 for _, _, line in raws if _TAB_CELL.search(line)) < MIN_TAB_LINES:
        # Columns by spaces, box or pipe tables: found by geometry; else a reading-order export's cell cycle.
        blocks = parse_layout(raws, first_table, titled=titled)
        if not any(isinstance(b, Table) for b in blocks):
            blocks = parse_cycle(raws, first_table, titled=titled) or blocks
        return blocks
    return _Parser(raws, first_table, titled).run()


class TextReader:
    """Reads plain-text appendices: tab-separated tables, HTML cells, pdftotext layouts."""

    formats: ClassVar[frozenset[str]] = frozenset({"txt"})

    def read(self, path: Path, origin: Origin, *, settings: ExtractSettings) -> Document:
        """Read a text file into a `Document`.

        Returns:
            The document; a non-UTF-8 encoding is reported with an `ExtractWarning`.

        Raises:
            UnreadableFile: binary data or undecodable bytes.
        """
        text, encoding = decode_text(path.read_bytes(), path.name)
        _warn_encoding(path, encoding)
        blocks = parse_text(text)
        return Document(origin=origin, blocks=tuple(blocks), title=_title(blocks))

    def sections(self, path: Path, origin: Origin, *, settings: ExtractSettings) -> Iterator[Document]:
        """Read a big text file as a document per section (`extract.text.sections`), all with the file's title.

        Raises:
            UnreadableFile: binary data or undecodable bytes (before the first section).
        """
        encoding = stream_encoding(path, path.name)
        check_text(path, path.name, encoding)
        _warn_encoding(path, encoding)
        title, first_table = None, 0
        for section in text_sections(path, path.name, encoding):
            blocks = parse_text(section.text, section, first_table)
            title = _title(blocks) if section.index == 0 else title
            first_table = max((b.index + 1 for b in blocks if isinstance(b, Table)), default=first_table)
            yield Document(origin=origin, blocks=tuple(blocks), title=title)
            del blocks, section  # not held while the next section is read


def _warn_encoding(path: Path, encoding: str) -> None:
    """Given a text file and its encoding, warn if it is not UTF-8."""
    if encoding not in ("utf-8", "utf-16"):
        warnings.warn(ExtractWarning(f"{path.name}: not UTF-8; decoded as {encoding}"), stacklevel=3)


def _title(blocks: list[Block]) -> str | None:
    """Given a text's blocks, return its title block's text, if any."""
    return next((b.text for b in blocks if isinstance(b, TextBlock) and b.role == "title"), None)
