"""HTML `<table>`s -> model `Table`s on the grid the DOCX reader uses.

`colspan` gives one `Cell` with `col_span`; the rows a `rowspan` cell reaches below its
own hold an empty cell at its columns, as the continuation of a vertical merge does in
DOCX (`extract.word.docx.read_table`), so the normaliser sees both formats alike. Rows come in
display order: `<thead>`, then body rows, then `<tfoot>`; rows of nested tables are not
the outer table's. A table nested in a cell is flattened into the cell's paragraphs, as
DOCX does, unless the outer table is a page-layout frame (see `is_layout`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from extract.html.source import SourceMap
from extract.html.text import Piece, is_chrome
from extract.model import Cell, Paragraph, Prov, Table

# Browsers clamp colspan to 1000 and rowspan to 65534; a page asking for more is broken.
MAX_COL_SPAN = 1000
MAX_ROW_SPAN = 65534
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
Slot = tuple[int, int, Any]  # (grid column, col_span, the cell element or None for a merge continuation)


def table_rows(table: Any) -> list[Any]:
    """Given a `<table>`, return its own visible `<tr>` rows in display order (head, body, foot)."""
    head: list[Any] = []
    body: list[Any] = []
    foot: list[Any] = []
    for child in table:
        group = head if child.tag == "thead" else foot if child.tag == "tfoot" else body
        if child.tag == "tr":
            body.append(child)
        elif child.tag in ("thead", "tbody", "tfoot") and not is_chrome(child):
            group.extend(tr for tr in child if tr.tag == "tr")
    return [tr for tr in head + body + foot if not is_chrome(tr)]


def _span(cell: Any, name: str, limit: int) -> int:
    """Given a cell and "colspan" or "rowspan", return the span (0 kept: rowspan=0 runs to the end)."""
    try:
        value = int(float(str(cell.get(name, "1")).strip() or 1))
    except ValueError:
        return 1
    return max(0, min(value, limit)) if name == "rowspan" else max(1, min(value, limit))


def grid_slots(rows: list[Any]) -> list[list[Slot]]:
    """Given `<tr>` rows, return each row's slots on the table grid, merges expanded.

    A cell with rowspan n occupies its columns in the n-1 rows below it; those rows get a
    continuation slot (element None) there and their own cells move right past it.
    rowspan=0 runs to the table's last row (HTML says the row group's; tables rarely differ).
    """
    below: dict[int, tuple[int, int]] = {}  # grid column -> (last row reached, col_span)
    out: list[list[Slot]] = []
    for r, tr in enumerate(rows):
        below = {c: v for c, v in below.items() if v[0] >= r}
        slots: list[Slot] = []
        col = 0
        for cell in (c for c in tr if c.tag in ("td", "th")):
            col = _continuations(below, col, slots, rest=False)
            span, rows_down = _span(cell, "colspan", MAX_COL_SPAN), _span(cell, "rowspan", MAX_ROW_SPAN)
            last = len(rows) - 1 if rows_down == 0 else r + rows_down - 1
            slots.append((col, span, cell))
            if last > r:
                below[col] = (last, span)
            col += span
        # Merges from above right of the row's last cell (merges this row opened lie left of col).
        _continuations({c: v for c, v in below.items() if c >= col}, col, slots, rest=True)
        out.append(slots)
    return out


def _continuations(below: dict[int, tuple[int, int]], col: int, slots: list[Slot], rest: bool) -> int:
    """Given the merges from above, add continuation slots at `col` onwards; return the next free column.

    Without `rest` only the merges that sit exactly at the next free column are added (a
    row's own cell comes next); with it every remaining one is (the row has no more cells).
    """
    while True:
        nxt = min((c for c in below if c >= col), default=None) if rest else col
        if nxt is None or nxt not in below:
            return col
        slots.append((nxt, below[nxt][1], None))
        col = nxt + below[nxt][1]


def is_layout(table: Any, rows: list[Any]) -> bool:
    """Given a `<table>` and its rows, return whether it frames a page rather than holding data.

    A layout table says so (`role="presentation"`), or holds a table at least as long as
    itself (the frame around a data table), or is one row whose cells hold headings (the
    columns of a news or committee page).
    """
    if (table.get("role") or "").lower() in ("presentation", "none"):
        return True
    if any(len(table_rows(inner)) >= len(rows) for inner in table.iterdescendants("table")):
        return True
    return len(rows) == 1 and any(True for _ in rows[0].iterdescendants(*_HEADINGS))


def read_table(el: Any, index: int, cell_pieces: Callable[[Any], list[Piece]], source: SourceMap) -> Table | None:
    """Given a data `<table>`, its index and a cell reader, return the model `Table` (None when it has no words)."""
    rows = table_rows(el)
    out_rows: list[tuple[Cell, ...]] = []
    for r, slots in enumerate(grid_slots(rows)):
        cells = []
        for col, span, cell in slots:
            where = source.prov(cell if cell is not None else rows[r], table=index, row=r, col=col)
            paras = () if cell is None else tuple(_paragraph(p, source, where) for p in cell_pieces(cell))
            cells.append(Cell(row=r, col=col, paragraphs=paras, col_span=span, prov=(where,)))
        out_rows.append(tuple(cells))
    if not any(not c.is_empty for row in out_rows for c in row):
        return None
    n_cols = max((c.col + c.col_span for row in out_rows for c in row), default=0)
    return Table(index=index, rows=tuple(out_rows), n_cols=n_cols, prov=(source.prov(el, table=index),))


def _paragraph(piece: Piece, source: SourceMap, cell: Prov) -> Paragraph:
    """Given a cell's piece and the cell's provenance, return the model paragraph."""
    where = cell if piece.anchor is None else source.prov(piece.anchor, cell.table, cell.row, cell.col)
    return Paragraph(text=piece.text, raw=piece.raw, style=piece.style, prov=(where,))
