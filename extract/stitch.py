"""Join a table continued over pages into one logical table; every row keeps its own page.

The PDF reader finds one `TablePart` per table per page. A part continues the part
before it when it is the next page's first item, the previous part was the last item
on its page, and the columns match. Then a repeated header row is dropped, and a first
row that continues the previous page's last row (empty first cell, lower-case start,
or a first cell cut mid-sentence) is merged into it cell by cell. This is camelot's
`stack_contiguous` idea, with the row-level merge its callers otherwise do by hand.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from extract.model import BBoxTL, Cell, Paragraph, Prov, Table
from extract.prose import PAUSE_STOPS, ends_sentence

# Column starts on two pages of one table may differ by rounding and snapping.
COLUMN_TOLERANCE = 8.0
# A first cell needs this many words before "no full stop at the end" means "cut off".
MIN_PROSE_WORDS = 8

Row = tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class TablePart:
    """One table as found on one page, rows numbered from 0 within the part.

    Attributes:
        rows: the part's rows, header row included when there is one.
        n_cols: number of columns.
        page: 1-based page number.
        bbox: the part's box on its page.
        col_xs: left edge of each column, for matching a continuation's columns.
        header: whether `rows[0]` is a header row.
        strategy: how the part was found ("lines", "whitespace", "carried-columns").
        first_on_page: nothing but page furniture sits above it on its page.
        last_on_page: nothing but page furniture sits below it on its page.
        col_x1: right edge of each column's text (borderless parts), for matching by overlap.
    """

    rows: tuple[Row, ...]
    n_cols: int
    page: int
    bbox: BBoxTL
    col_xs: tuple[float, ...]
    header: bool
    strategy: str
    first_on_page: bool = False
    last_on_page: bool = False
    col_x1: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class StitchDecision:
    """What happened where one part was joined onto the table before it."""

    table: int
    page: int
    dropped_header: bool
    merged_row: str | None


@dataclass(frozen=True, slots=True)
class Stitched:
    """The logical tables, which table each part went into, and the join decisions."""

    tables: tuple[Table, ...]
    part_table: tuple[int, ...]
    decisions: tuple[StitchDecision, ...]


def stitch(parts: Sequence[TablePart]) -> Stitched:
    """Given table parts in document order, return one `Table` per logical table."""
    groups: list[list[TablePart]] = []
    part_table: list[int] = []
    for part in parts:
        if groups and continues(groups[-1], part):
            groups[-1].append(part)
        else:
            groups.append([part])
        part_table.append(len(groups) - 1)
    tables: list[Table] = []
    decisions: list[StitchDecision] = []
    for index, group in enumerate(groups):
        rows, made = _join_group(group, index)
        decisions.extend(made)
        prov = tuple(Prov(page=p.page, bbox=p.bbox, table=index) for p in group)
        tables.append(Table(index=index, rows=number_rows(rows, index), n_cols=group[0].n_cols, prov=prov))
    return Stitched(tuple(tables), tuple(part_table), tuple(decisions))


def continues(group: Sequence[TablePart], part: TablePart) -> bool:
    """Given the parts of a table so far and the next part, return whether the part continues it."""
    prev = group[-1]
    if part.page != prev.page + 1 or not (prev.last_on_page and part.first_on_page):
        return False
    if part.n_cols != prev.n_cols or not _same_columns(prev, part):
        return False
    # A part opening with its own, different header is a new table.
    return not part.header or not group[0].header or row_key(part.rows[0]) == row_key(group[0].rows[0])


def _same_columns(a: TablePart, b: TablePart) -> bool:
    """Given two parts, return whether their columns line up.

    Ruled parts compare column starts; borderless ones, whose text starts where the widest
    right-aligned figure does, need each column's text ranges to overlap.
    """
    if len(a.col_xs) != len(b.col_xs):
        return False
    if a.col_x1 and b.col_x1:
        ranges = zip(a.col_xs, a.col_x1, b.col_xs, b.col_x1, strict=True)
        return all(x0 < y1 and y0 < x1 for x0, x1, y0, y1 in ranges)
    return all(abs(x - y) <= COLUMN_TOLERANCE for x, y in zip(a.col_xs, b.col_xs, strict=True))


def row_key(row: Row) -> str:
    """Given a row, return its text in a form that ignores case, spacing and punctuation.

    Punctuation aside because a scanned page's header picks up stray marks from dust
    ("‘Project Exceptions" over "Project Exceptions" on the next page).

    >>> row_key((Cell(0, 0, (Paragraph("Project"),)), Cell(0, 1, (Paragraph("Mitigating\\nAction"),))))
    'project|mitigating action'
    >>> row_key((Cell(0, 0, (Paragraph("‘Project:"),)),)) == row_key((Cell(0, 0, (Paragraph("Project"),)),))
    True
    """
    return "|".join(re.sub(r"\s+", " ", re.sub(r"[^\w\s]", "", c.text)).strip().lower() for c in row)


def _join_group(group: Sequence[TablePart], index: int) -> tuple[list[Row], list[StitchDecision]]:
    """Given the parts of one logical table, return its rows and the decisions made joining them."""
    rows = list(group[0].rows)
    decisions: list[StitchDecision] = []
    for part in group[1:]:
        more = list(part.rows)
        repeated = _repeated_header_rows(group[0], more)
        dropped = repeated > 0
        del more[:repeated]
        why = continuation_reason(rows[-1], more[0]) if rows and more else None
        if why is not None:
            rows[-1] = merge_rows(rows[-1], more.pop(0))
        rows.extend(more)
        decisions.append(StitchDecision(table=index, page=part.page, dropped_header=dropped, merged_row=why))
    return rows, decisions


def _repeated_header_rows(first: TablePart, rows: Sequence[Row]) -> int:
    """Given a table's first part and a later part's rows, return how many leading rows repeat its header rows.

    A first row repeated word for word at the top of the next page is a repeated header,
    whether or not its words were recognised as one.
    """
    n = 0
    while n < min(len(rows), len(first.rows) - 1) and row_key(rows[n]) == row_key(first.rows[n]):
        n += 1
    return n


def continuation_reason(prev: Row, row: Row) -> str | None:
    """Given a page's last row and the next page's first data row, return why they are one row, or None.

    >>> def r(*texts): return tuple(Cell(0, i, (Paragraph(t),) if t else ()) for i, t in enumerate(texts))
    >>> continuation_reason(r("Shared Lives", "a."), r("", "more"))
    'first cell empty'
    >>> continuation_reason(r("Shared Lives", "a."), r("for a signed agreement", "b"))
    'first cell starts lower-case'
    >>> continuation_reason(r("Shared Lives", "a."), r("Transport Budget", "b")) is None
    True
    """
    if len(row) == 1 and row[0].col_span > 1:
        return None  # a full-width heading row always starts something new
    first = row[0].text.lstrip()
    if not first:
        return "first cell empty"
    if first[0].islower():
        return "first cell starts lower-case"
    if not first[0].isupper() and _cut_mid_sentence(prev[0].text):
        return "previous first cell cut mid-sentence"
    if _cells_cut_figures_not_repeated(prev, row):
        return "text cells cut mid-sentence, figures not repeated"
    return None


def _cells_cut_figures_not_repeated(prev: Row, row: Row) -> bool:
    """Given a page's last row and the next page's first row, return whether the row broke across the page.

    A row broken by the page goes on with text in the columns where the previous part
    stopped mid-sentence, and leaves blank the short cells (figures, RAG) it already gave.

    >>> def r(*texts): return tuple(Cell(0, i, (Paragraph(t),) if t else ()) for i, t in enumerate(texts))
    >>> _cells_cut_figures_not_repeated(r("Town Centre", "5.00", "Consultation on the", "A contractor will"),
    ...                                 r("Regeneration", "", "attracted responses.", "deliver both."))
    True
    >>> _cells_cut_figures_not_repeated(r("Town Centre", "5.00", "Consultation done.", "A contractor will"),
    ...                                 r("Library Works", "", "Asbestos found.", "Removal let."))
    False
    """
    if len(prev) != len(row) or any(a.col != b.col or a.col_span != b.col_span for a, b in zip(prev, row, strict=True)):
        return False
    both = [(a.text, b.text) for a, b in zip(prev, row, strict=True) if a.text.strip() and b.text.strip()]
    short_left = [a for a, b in zip(prev, row, strict=True) if a.text.strip() and not b.text.strip() and len(a.text.split()) <= 2]
    prose = [a for a, _ in both if len(a.split()) >= 3]
    return bool(short_left) and len(prose) >= 2 and not any(ends_sentence(a, PAUSE_STOPS) for a, _ in both)


def _cut_mid_sentence(text: str) -> bool:
    """Given a cell's text, return whether it reads as prose stopped mid-sentence."""
    words = text.split()
    return len(words) >= MIN_PROSE_WORDS and not ends_sentence(text, PAUSE_STOPS) and (words[-1].islower() or text.endswith(","))


def merge_rows(prev: Row, row: Row) -> Row:
    """Given a row and its continuation, return the row with each cell's continuation merged in."""
    merged: list[Cell] = []
    for cell in prev:
        more = [c for c in row if cell.col <= c.col < cell.col + cell.col_span]
        for extra in more:
            cell = merge_cells(cell, extra)
        merged.append(cell)
    return tuple(merged)


def merge_cells(cell: Cell, extra: Cell) -> Cell:
    """Given a cell and its continuation on the next page, return the merged cell.

    A last paragraph without terminal punctuation (.!?:;) is continued by the first
    continuation paragraph, joined with "\\n"; other paragraphs are appended.
    """
    paragraphs = list(cell.paragraphs)
    more = [p for p in extra.paragraphs if p.text.strip()]
    if paragraphs and more and more[0].style != "bullet" and not ends_sentence(paragraphs[-1].text, PAUSE_STOPS):
        last, first = paragraphs.pop(), more.pop(0)
        paragraphs.append(
            Paragraph(
                text=f"{last.text}\n{first.text}",
                raw=f"{last.raw}\n{first.raw}",
                style=last.style,
                prov=last.prov + first.prov,
            )
        )
    return replace(cell, paragraphs=tuple(paragraphs + more), prov=cell.prov + extra.prov)


def number_rows(rows: Sequence[Row], table: int) -> tuple[Row, ...]:
    """Given a logical table's rows, return them with row indexes and every Prov's table/row set."""
    return tuple(
        tuple(
            replace(
                cell,
                row=r,
                prov=_renumber(cell.prov, table, r),
                paragraphs=tuple(replace(p, prov=_renumber(p.prov, table, r)) for p in cell.paragraphs),
            )
            for cell in row
        )
        for r, row in enumerate(rows)
    )


def _renumber(provs: tuple[Prov, ...], table: int, row: int) -> tuple[Prov, ...]:
    """Given provenance records, return them pointing at `table`/`row`."""
    return tuple(replace(p, table=table, row=row) for p in provs)
