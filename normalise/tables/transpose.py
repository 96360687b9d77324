"""A transposed exceptions table turned the usual way round: one column per project, one row per field.

Board summaries that set a few schemes side by side print them as columns: the first row names the
projects after a label cell ("Project", "Scheme"), each later row is one field of every project
("Reason for delay", "Action", "Slippage £000", "RAG"). Such a table is turned so that each project
is a row under a header of the field labels, and then read as any other table; every cell keeps its
own provenance.
"""

from __future__ import annotations

from extract.model import Cell, Table
from normalise.tables.evidence import header_scores
from normalise.tables.grid import Grid, is_label, to_grid

# A label names its field outright at this header weight ("Reason for delay", "Action", "Project").
FIELD_WEIGHT = 1.0
MIN_PROJECTS = 2  # one project in a column is a key/value form (`normalise.outside.forms`)
MIN_FIELDS = 2  # besides the project row: a reason or an action, and one more field


def transposed(table: Table) -> Table | None:
    """Given a table, return it turned (rows become columns) when its first column labels fields, else None."""
    grid = to_grid(table)
    if grid.n_cols < 1 + MIN_PROJECTS or len(grid.texts) < 1 + MIN_FIELDS or not _field_grid(grid):
        return None
    cells = {(c.row, c.col): c for row in table.rows for c in row}
    rows = tuple(
        tuple(_moved(cells.get((r, c)), c, r) for r in range(len(grid.texts)))
        for c in range(grid.n_cols)
    )
    return Table(table.index, rows, len(grid.texts), table.prov)


def _field_grid(grid: Grid) -> bool:
    """Given a grid, return whether its first column labels the fields and its first row names the projects.

    The first cell names the project field; a later first-column cell names a reason or an action;
    no cell of the first row is a field word itself (then the first row is an ordinary header).
    """
    if any(s != 1 for spans in grid.spans for s in spans):
        return False
    labels = [texts[0] for texts in grid.texts]
    if not all(labels) or not all(is_label(t) for t in labels):
        return False
    scores = [header_scores(t) for t in labels]
    if scores[0]["name"] < FIELD_WEIGHT:
        return False
    prose = sum(1 for s in scores[1:] if max(s["reason"], s["mitigation"]) >= FIELD_WEIGHT)
    fields = sum(1 for s in scores[1:] if max(s["reason"], s["mitigation"], s["money"], s["status"]) >= FIELD_WEIGHT)
    names = [header_scores(t) for t in grid.texts[0][1:]]
    plain_names = all(max(s["reason"], s["mitigation"], s["combined"]) < FIELD_WEIGHT for s in names)
    return prose >= 1 and fields >= MIN_FIELDS and plain_names and all(grid.texts[0][1:])


def _moved(cell: Cell | None, row: int, col: int) -> Cell:
    """Given a cell (None where the grid has a hole) and its new position, return it there."""
    if cell is None:
        return Cell(row, col, ())
    return Cell(row, col, cell.paragraphs, 1, cell.prov)
