"""Rows of per-column fragments -> `Table`, shared by layout, box and pipe tables.

A row is built line by line: each line gives one fragment per column (empty where the
column has nothing on it), and a cell's fragments become its paragraphs as in
`text_rows.column_paragraphs`. Header rows may carry column spans ("Savings £000" over
three columns): the spanned columns then hold no cell, as in the DOCX reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.model import Cell, Paragraph, Prov, Table
from extract.text.lines import Frag
from extract.text.rows import RowBuilder, column_paragraphs

_NIL_MARKS = frozenset({"-", "–", "—"})


@dataclass(frozen=True, slots=True)
class CutLine:
    """A source line cut into one fragment per column (empty fragments where nothing is)."""

    frags: tuple[Frag, ...]
    blank: bool = False
    page_start: bool = False

    def has(self, j: int) -> bool:
        """Given a column, return whether this line has text in it."""
        return j < len(self.frags) and bool(self.frags[j].text)


@dataclass(slots=True)
class LayoutRow:
    """A table row being built, and the column spans of its cells (header rows only)."""

    builder: RowBuilder
    lines: list[CutLine] = field(default_factory=list)
    spans: dict[int, int] = field(default_factory=dict)

    def add(self, line: CutLine, gap_before: bool = False) -> None:
        """Given a line of this row, add its fragments."""
        self.builder.add(line.frags, gap_before=gap_before and bool(self.lines))
        self.lines.append(line)


def _cell(index: int, r: int, j: int, row: LayoutRow) -> Cell:
    """Given a table index, a row and a column, return the cell built from its fragments."""
    entries = row.builder.cols[j] if j < len(row.builder.cols) else []
    frags = [e for e in entries if e is not None]
    prov = tuple(Prov(table=index, row=r, col=j, line=f.line, char_start=f.start, char_end=f.end) for f in frags)
    if len(frags) == 1 and frags[0].text in _NIL_MARKS:
        # A dash alone is a nil cell ("-" in a money column), not a stray list marker.
        paragraphs: tuple[Paragraph, ...] = (Paragraph(text=frags[0].text, raw=frags[0].text, prov=prov),)
    else:
        paragraphs = column_paragraphs(entries, True, (index, r, j))
    return Cell(r, j, paragraphs, col_span=row.spans.get(j, 1), prov=prov)


def build_rows_table(index: int, rows: list[LayoutRow], n_cols: int) -> Table:
    """Given rows of fragments (header rows first), return the `Table`; spanned columns hold no cell."""
    out: list[tuple[Cell, ...]] = []
    for r, row in enumerate(rows):
        cells, j = [], 0
        while j < n_cols:
            cells.append(_cell(index, r, j, row))
            j += row.spans.get(j, 1)
        out.append(tuple(cells))
    provs = tuple(p for row_cells in out for c in row_cells[:1] for p in c.prov[:1])
    return Table(index=index, rows=tuple(out), n_cols=n_cols, prov=provs)
