"""What a layout table's body tells about where its rows start: one-line columns, number columns, a prose first column.

`extract.text.layout_rows` weighs this evidence line by line (see its module docstring).
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.prose import ends_sentence
from extract.text.grid import CutLine
from extract.text.lines import is_number_cell

MIN_ANCHOR_ROWS = 2
NUMERIC_COLUMN_SHARE = 0.6
MIN_ANCHOR_SHARE = 0.8
PROSE_FRAGMENT_CHARS = 30  # mean length of a column's line fragments above which it is running prose


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the body tells about row starts: its one-line columns and its number columns."""

    anchors: frozenset[int]
    numbers: frozenset[int]
    prose_first: bool = False  # the first column holds prose (an exception | mitigation table), not names


def _runs_of(body: list[CutLine], j: int) -> list[int]:
    """Given body lines and a column, return the lengths of its runs of consecutive filled lines."""
    lengths, current = [], 0
    for line in body:
        if line.has(j):
            current += 1
        elif current:
            lengths.append(current)
            current = 0
    return [*lengths, current] if current else lengths


def anchor_columns(body: list[CutLine], n_cols: int) -> frozenset[int]:
    """Given body lines, return the columns whose cells are one line each (see the module docstring).

    Sentences are no anchor: one-line paragraphs parted by blank lines ("Action one." /
    "Action two.") are one cell's paragraphs, not two rows' cells.
    """
    out = set()
    for j in range(n_cols):
        lengths = _runs_of(body, j)  # a blank line ends a run: rows parted by blank lines
        texts = [line.frags[j].text for line in body if line.has(j)]
        sentences = sum(1 for t in texts if ends_sentence(t))
        if len(lengths) >= MIN_ANCHOR_ROWS and sum(1 for n in lengths if n == 1) >= MIN_ANCHOR_SHARE * len(lengths) and 2 * sentences < len(texts):
            out.add(j)
    return frozenset(out)


def numeric_columns(body: list[CutLine], n_cols: int) -> frozenset[int]:
    """Given body lines, return the columns most of whose fragments are numbers."""
    out = set()
    for j in range(n_cols):
        texts = [line.frags[j].text for line in body if line.has(j)]
        if texts and sum(1 for t in texts if is_number_cell(t)) >= NUMERIC_COLUMN_SHARE * len(texts):
            out.add(j)
    return frozenset(out)


def prose_first(body: list[CutLine]) -> bool:
    """Given body lines, return whether the first column is prose: its fragments run long, as sentences do.

    In a table whose first column is prose every cell wraps, so a row starts only where every
    cell above has ended its sentence and at least two cells start together (cells are
    top-aligned): a short title line ("Supported Living Pathway") or a longer cell going on
    alone below a shorter one is no new row.
    """
    texts = [line.frags[0].text for line in body if line.has(0)]
    return bool(texts) and sum(len(t) for t in texts) / len(texts) > PROSE_FRAGMENT_CHARS


def evidence(body: list[CutLine], n_cols: int) -> Evidence:
    """Given a region's body lines and its width, return the evidence on its row starts."""
    return Evidence(anchor_columns(body, n_cols), numeric_columns(body, n_cols), prose_first(body))
