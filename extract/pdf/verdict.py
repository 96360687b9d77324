"""Is a run of lines sharing gutters a table? The precision rules of the borderless finder.

Geometry alone calls many things columns: a newsletter page set in two columns, paragraphs
numbered in a hanging indent, a transcript's line numbers. Each rule here names the layout
it rules out; `is_table` applies them to a `Region` from `extract.pdf.gutters`.
"""

from __future__ import annotations

from collections.abc import Sequence

from extract.pdf.gutters import MARKER_RE, Region, Span, column_of, gutters
from extract.pdf.lines import Line

# Runs of under SMALL_RUN lines need wider gutters and three columns to count as a table.
SMALL_RUN = 4
SMALL_RUN_GUTTER = 1.0
# A column is prose when it has text on most lines and this many words per line.
PROSE_WORDS = 4
PROSE_FILL = 0.7
# A blank band this many font sizes high between two lines of a run can separate table rows.
ROW_BAND = 0.6


def is_table(lines: Sequence[Line], region: Region) -> bool:
    """Given a page's lines and a run, return whether the run reads as a table.

    It needs two columns, two lines with text in two or more of them, and wider gutters
    and three columns when short; a run whose every column is dense prose is a page laid
    out in columns, unless blank bands cross it where several columns start together.
    """
    body = [ln for i, ln in enumerate(lines[region.start : region.end], region.start) if i not in region.crossing]
    cols = region.columns
    if len(cols) < 2 or (not region.carried and len(body) < 2):
        return False
    if region.carried:
        return bool(body)
    occupied = [_occupied(ln, cols) for ln in body]
    if sum(1 for o in occupied if len(o) >= 2) < 2:
        return False
    if len(body) < SMALL_RUN and (len(cols) < 3 or min(b - a for a, b in gutters(cols)) < SMALL_RUN_GUTTER * body[0].size):
        return False
    if _line_counter(body, cols) or _numbered_paragraphs(body, occupied, cols):
        return False
    if all(_is_prose_column(body, occupied, c) for c in range(len(cols))):
        return _rows_start_together(body, occupied)
    return True


def is_column_layout(lines: Sequence[Line], region: Region) -> bool:
    """Given a page's lines and a run, return whether it is running text set in page columns (a newsletter page).

    Every column is dense prose over at least SMALL_RUN lines and no blank band across the
    run is followed by a line that starts several columns, as table rows would be.
    """
    body = lines[region.start : region.end]
    if len(region.columns) < 2 or region.crossing or len(body) < SMALL_RUN:
        return False
    occupied = [_occupied(ln, region.columns) for ln in body]
    return all(_is_prose_column(body, occupied, c) for c in range(len(region.columns))) and not _rows_start_together(body, occupied)


def _line_counter(body: Sequence[Line], cols: Sequence[Span]) -> bool:
    """Given a run's lines, return whether its first column only numbers the lines 1, 2, 3 ... (a transcript margin)."""
    keys = [k for ln in body if (k := [w.text for w in ln.words if column_of(cols, w.x0, w.x1) == 0])]
    if len(keys) < PROSE_FILL * len(body) or not all(len(k) == 1 and k[0].isdigit() for k in keys):
        return False
    numbers = [int(k[0]) for k in keys]
    return all(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))


def _numbered_paragraphs(body: Sequence[Line], occupied: Sequence[dict[int, int]], cols: Sequence[Span]) -> bool:
    """Given a run's lines, return whether it is paragraphs numbered in a hanging indent (2.1, (a) ... then prose)."""
    if len(cols) != 2 or not _is_prose_column(body, occupied, 1, fill=0.0):
        return False
    keys = [[w.text for w in ln.words if column_of(cols, w.x0, w.x1) == 0] for ln in body]
    return all(len(k) == 1 and MARKER_RE.match(k[0]) for k in keys if k)


def _occupied(line: Line, columns: Sequence[Span]) -> dict[int, int]:
    """Given a line and columns, return how many of its words sit in each occupied column."""
    counts: dict[int, int] = {}
    for w in line.words:
        c = column_of(columns, w.x0, w.x1)
        counts[c] = counts.get(c, 0) + 1
    return counts


def _is_prose_column(body: Sequence[Line], occupied: Sequence[dict[int, int]], c: int, fill: float = PROSE_FILL) -> bool:
    """Given a run's lines, their words per column and a column, return whether the column holds running text.

    Running text fills `fill` of the lines and averages PROSE_WORDS words a line.
    """
    filled = [o[c] for o in occupied if c in o]
    return bool(filled) and len(filled) >= fill * len(body) and sum(filled) >= PROSE_WORDS * len(filled)


def _rows_start_together(body: Sequence[Line], occupied: Sequence[dict[int, int]]) -> bool:
    """Given a run's lines, return whether some blank band across it is followed by a line starting two columns."""
    for prev, line, cols in zip(body, body[1:], occupied[1:], strict=False):
        if line.top - prev.bottom > ROW_BAND * line.size and len(cols) >= 2:
            return True
    return False
