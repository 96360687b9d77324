"""Understand one table: header rows, row kinds, column roles and the exceptions decision.

`read_table` looks at the whole table before any row becomes a record: it finds the header
rows by shape (`normalise.tables.grid`), sets aside repeated headers, sub-heading rows, total rows and
nil rows, scores every column on what is left (`normalise.tables.columns`), decides whether the table
holds exceptions (`normalise.tables.decision`), and returns all of it as a `TableView` whose trace
is the `tables` output row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from extract.model import Table
from normalise.tables.column_map import ColumnMap
from normalise.tables.columns import Assignment, column_evidence, solve
from normalise.tables.decision import TableDecision, decide
from normalise.tables.evidence import Role, Term, header_scores
from normalise.tables.grid import Grid, column_headers, group_label, header_rows, is_label, row_key, table_facts, to_grid
from normalise.tables.user_columns import header_key

RowKind = Literal["header", "heading", "total", "data"]
# Total rows of money tables ("Total", "Sub-total", "Grand total", "Net position"), and the sub-total
# closing each programme of a budget-monitoring table ("Housing and Regeneration total",
# "Place sub-total:"); never records.
TOTAL_RE = re.compile(r"^(sub[- ]?)?totals?\b|^(grand|net|overall) (total|position)\b|^.*\s(sub[- ]?)?totals?\s*:?$", re.I)
# A programme heading inside a table (a merged row, or a first cell alone) is a short line.
MAX_HEADING_WORDS = 14
# A key/value form: label | value rows, most labels short (issue 10 item 4; `normalise.outside.forms`).
FORM_MIN_ROWS = 3


@dataclass(frozen=True, slots=True)
class TableView:
    """A table as understood: kinds of rows, the column map, the decision and the trace."""

    table: Table
    grid: Grid
    kinds: tuple[RowKind, ...]
    colmap: ColumnMap
    decision: TableDecision
    inherited: bool
    trace: dict[str, object] = field(default_factory=dict)


def read_table(table: Table, previous: ColumnMap | None, *, extra_terms: dict[Role, tuple[Term, ...]] | None = None,
               forced: dict[str, Role] | None = None, accepted: dict[tuple[str, ...], float] | None = None,
               header_above: tuple[str, ...] | None = None) -> TableView:
    """Given a table and the column map in force before it, return the table as understood.

    A table with no header row of its own and the width of the previous one continues it
    (a table broken across pages): it inherits the previous map and decision.

    Args:
        table: the table as a reader gave it.
        previous: the column map of the table before it, if any.
        extra_terms: user header synonyms by role (`--columns`).
        forced: user column mappings, header wording (lower-case, squashed) -> role.
        accepted: headers of this document's tables already read as exceptions, with their
            confidence: a report repeats one layout per programme, so a table under the same
            header is read too, however few cues its own rows hold.
        header_above: the cells of a header printed as a table of its own just before this
            one (a tab export that ends the table at a programme line under its header).
    """
    grid = to_grid(table)
    rows = header_rows(grid)
    depth = len(rows)
    kinds = _row_kinds(grid, rows)
    inherited = depth == 0 and previous is not None and len(previous.roles) == grid.n_cols
    if inherited and previous is not None:
        decision = TableDecision(previous.confidence > 0, previous.confidence, "continues the table before it", False)
        view = TableView(table, grid, kinds, previous, decision, True)
        return _with_trace(view, None, depth)
    if depth:
        headers = column_headers(grid, rows)
    elif header_above is not None and len(header_above) == grid.n_cols:
        headers = header_above
    else:
        headers = tuple("" for _ in range(grid.n_cols))
    body = [grid.texts[r] for r, k in enumerate(kinds) if k == "data"]
    evidence = [column_evidence(h, [row[c] for row in body], extra_terms) for c, h in enumerate(headers)]
    assignment = solve(evidence, _fixed(headers, forced))
    if _is_form(grid):
        decision = TableDecision(False, 0.0, "key/value form (label | value rows), read as a form")
    else:
        decision = decide(headers, body, assignment)
        if not decision.accepted and depth and accepted and headers in accepted and decision.confidence:
            decision = TableDecision(True, accepted[headers], f"same header as an earlier table read as exceptions ({decision.why})", True)
    colmap = ColumnMap(assignment.roles, headers, decision.confidence if decision.accepted else 0.0)
    return _with_trace(TableView(table, grid, kinds, colmap, decision, False), assignment, depth)


def header_alone(table: Table) -> tuple[str, ...] | None:
    """Given a table, return its cells when it is one header row and nothing else, else None."""
    if len(table.rows) != 1:
        return None  # before building a grid: read_table builds one for every other table
    grid = to_grid(table)
    if len(grid.filled(0)) < 2 or not all(is_label(t) for t in grid.texts[0] if t):
        return None
    return grid.texts[0]


def _fixed(headers: Sequence[str], forced: dict[str, Role] | None) -> dict[int, Role]:
    """Given column headers and user mappings by header wording, return the roles fixed by column."""
    if not forced:
        return {}
    return {i: forced[header_key(h)] for i, h in enumerate(headers) if header_key(h) in forced}


def _row_kinds(grid: Grid, header: range) -> tuple[RowKind, ...]:
    """Given a grid and its header rows, return the kind of every row."""
    header_keys = {row_key(grid.texts[r]) for r in header}
    kinds: list[RowKind] = []
    for r, texts in enumerate(grid.texts):
        filled = grid.filled(r)
        if r in header or (header and row_key(texts) in header_keys):
            kinds.append("header")
        elif filled and TOTAL_RE.match(texts[filled[0]]):
            kinds.append("total")
        elif _is_heading_row(grid, r, filled):
            kinds.append("heading")
        else:
            kinds.append("data")
    return tuple(kinds)


def _is_heading_row(grid: Grid, r: int, filled: list[int]) -> bool:
    """Given a row and its filled columns, return whether it is a sub-heading row inside the table.

    One short label alone in the first column, or in a cell spanning the row, with the rest
    empty ("Highways and Transport" in a capital programme; a merged programme row).
    """
    if filled == [0, 1] and grid.n_cols > 2 and group_label(grid.texts[r][0]):
        return True  # "Programme:" | "Schools Capital": a text export cut a labelled programme row at a gutter
    if len(filled) != 1 or grid.n_cols < 2:
        return False
    c = filled[0]
    text = grid.texts[r][c]
    spans_row = grid.spans[r][c] >= grid.n_cols - c and c == 0
    if not (c == 0 or spans_row) or len(text.split()) > MAX_HEADING_WORDS:
        return False
    return is_label(text) or text.rstrip().endswith(":") or spans_row and not text.rstrip().endswith(".")


def _is_form(grid: Grid) -> bool:
    """Given a grid, return whether it is a two-column key/value form rather than a list."""
    if grid.n_cols != 2 or len(grid.texts) < FORM_MIN_ROWS:
        return False
    labels = [t[0] for t in grid.texts if t[0]]
    return len(labels) >= FORM_MIN_ROWS and all(is_label(t) and len(t.split()) <= 5 for t in labels) and _form_has_fields(labels)


def _form_has_fields(labels: Sequence[str]) -> bool:
    """Given a form's labels, return whether they name a project and an exception or action field."""
    scores = [header_scores(t) for t in labels]
    has_name = any(s["name"] >= 1.0 for s in scores)
    has_field = any(s["reason"] >= 1.0 or s["mitigation"] >= 1.0 for s in scores)
    return has_name and has_field


def _with_trace(view: TableView, assignment: Assignment | None, depth: int) -> TableView:
    """Given a view, return it with its `tables` output trace filled in."""
    columns = [
        {"col": i, "header": view.colmap.headers[i] if i < len(view.colmap.headers) else "", "role": role,
         "score": assignment.chosen_score(i) if assignment else None}
        for i, role in enumerate(view.colmap.roles)
    ]
    view.trace.update(table_facts(view.table, view.grid.n_cols))
    view.trace.update({
        "header_rows": depth, "header": " | ".join(h for h in view.colmap.headers if h),
        "columns": columns, "accepted": view.decision.accepted, "confidence": view.decision.confidence,
        "why": view.decision.why, "inherited": view.inherited,
        "n_data_rows": sum(1 for k in view.kinds if k == "data"),
    })
    return view
