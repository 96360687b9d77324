"""A table as a rectangular grid of texts, and its header rows found by shape, not by words.

Readers give rows of `Cell`s with spans; the column-role solver wants, for every column, its
header text (parent header rows joined before the child: "Savings £000" over "Target" gives
"Savings £000 Target") and its body cells. Header rows are the leading rows whose filled cells
all read as labels (short, no sentence end, not a figure), followed by at least one other row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.model import Cell, Table
from extract.prose import HEADER_STOPS, ends_sentence, is_figure, is_numeric_date
from normalise.label_vocab import label_role
from normalise.text.clean import squash

MAX_HEADER_ROWS = 3
MAX_TITLE_ROWS = 2
# A header cell is a label: a few words ("Commentary and mitigating actions", "Reason for
# slippage", "Recommendation / mitigation"); body prose is longer or ends a sentence.
MAX_HEADER_WORDS = 9
# A body figure, not a label: "1,250", "(0.30)", "-55", "£62,000", "12.5%". A unit alone
# ("£000", "£m") or a year ("2019/20") is a label.
_UNIT = re.compile(r"^\(?£\s*('?000s?|k|m|million)?\)?$", re.I)
# An abbreviated label alone ("No.", "Ref.", "Est."): its dot ends a word, not a sentence.
_ABBREVIATION = re.compile(r"^[A-Za-z]{1,5}\.$")


@dataclass(frozen=True, slots=True)
class Grid:
    """Cell texts of a table by (row, col), spans expanded; `owner[r][c]` is the cell covering it."""

    texts: tuple[tuple[str, ...], ...]
    spans: tuple[tuple[int, ...], ...]
    n_cols: int

    def filled(self, r: int) -> list[int]:
        """Given a row index, return the columns whose own cell has text."""
        return [c for c, t in enumerate(self.texts[r]) if t and self.spans[r][c] >= 0]


def to_grid(table: Table) -> Grid:
    """Given a table, return its grid; a spanning cell's text sits in its first column, -1 spans after it."""
    n = max([table.n_cols, *(c.col + c.col_span for row in table.rows for c in row)], default=0)
    texts: list[tuple[str, ...]] = []
    spans: list[tuple[int, ...]] = []
    for row in table.rows:
        t, s = [""] * n, [1] * n
        for cell in row:
            _place(cell, t, s)
        texts.append(tuple(t))
        spans.append(tuple(s))
    return Grid(tuple(texts), tuple(spans), n)


def _place(cell: Cell, texts: list[str], spans: list[int]) -> None:
    """Given a cell and a row being built, write its text and span into the row."""
    if cell.col >= len(texts):
        return
    texts[cell.col] = squash(cell.text)
    spans[cell.col] = cell.col_span
    for c in range(cell.col + 1, min(cell.col + cell.col_span, len(texts))):
        spans[c] = -1


def table_facts(table: Table, n_cols: int | None = None) -> dict[str, object]:
    """Given a table (and its width, when known better than the reader's), return the fields every
    `tables` row starts with: its index, first PDF page and shape."""
    pages = sorted({p.page for row in table.rows for c in row for p in c.prov if p.page is not None})
    return {"index": table.index, "page": pages[0] if pages else None, "n_rows": len(table.rows),
            "n_cols": table.n_cols if n_cols is None else n_cols}


def is_label(text: str) -> bool:
    """Given a cell's text, return whether it reads as a header label.

    >>> is_label("Reason for slippage"), is_label("2019/20 £000"), is_label("£000"), is_label("No.")
    (True, True, True, True)
    >>> is_label("1,250"), is_label("The works were delayed."), is_label("-"), is_label("14/10/2024")
    (False, False, False, False)
    """
    text = squash(text)
    if not text or is_numeric_date(text) or is_figure(text, nil_dash=True) and not _UNIT.match(text):
        return False
    return len(text.split()) <= MAX_HEADER_WORDS and (not ends_sentence(text, HEADER_STOPS) or bool(_ABBREVIATION.match(text)))


def group_label(text: str) -> bool:
    """Given a cell's text, return whether it is a programme label alone ("Programme:", "Directorate:"), opening a heading row.

    >>> group_label("Programme:"), group_label("Project:"), group_label("Programme")
    (True, False, False)
    """
    role = label_role(text.rstrip(":")) if text.endswith(":") else None
    return role is not None and role.role == "programme" and not role.inferred


def header_rows(grid: Grid) -> range:
    """Given a grid, return the range of its header rows (empty when the table has none).

    A first header row names at least two columns; a later one names at least two, or sits
    under a spanning cell of the row above ("Target | Achieved | Variance" under "Savings £000").
    Up to MAX_TITLE_ROWS single-cell rows above the header (a caption or programme spanning the
    table) are skipped over, to be read as headings.
    """
    start = 0
    while start < MAX_TITLE_ROWS and start < len(grid.texts) - 1 and len(grid.filled(start)) == 1:
        start += 1
    end = start
    for r in range(start, min(start + MAX_HEADER_ROWS, len(grid.texts) - 1)):
        filled = grid.filled(r)
        if not filled or not all(is_label(grid.texts[r][c]) for c in filled) or r > start and group_label(grid.texts[r][filled[0]]):
            break
        if len(filled) < 2 and not (r > start and _under_span(grid, r - 1, filled)):
            break
        end = r + 1
    return range(start, end) if start < end < len(grid.texts) else range(0)


def _under_span(grid: Grid, above: int, cols: list[int]) -> bool:
    """Given a header row index and columns, return whether all sit under a spanning cell of that row."""
    return all(grid.spans[above][c] == -1 or grid.spans[above][c] > 1 for c in cols)


def column_headers(grid: Grid, rows: range) -> tuple[str, ...]:
    """Given a grid and its header rows, return each column's header text, parents first.

    A spanning header cell heads every column under it.
    """
    out: list[str] = []
    for c in range(grid.n_cols):
        parts = [_covering_text(grid, r, c) for r in rows]
        out.append(squash(" ".join(p for i, p in enumerate(parts) if p and p not in parts[:i])))
    return tuple(out)


def _covering_text(grid: Grid, r: int, c: int) -> str:
    """Given a cell position, return the text of the cell covering it (its own or a span from the left)."""
    k = c
    while k > 0 and grid.spans[r][k] == -1:
        k -= 1
    return grid.texts[r][k] if k == c or grid.spans[r][k] > c - k else ""


def row_key(texts: tuple[str, ...]) -> tuple[str, ...]:
    """Given a row's texts, return them lower-cased alphanumerics, to recognise a repeated header row."""
    return tuple(re.sub(r"[^a-z0-9£]+", "", t.lower()) for t in texts)
