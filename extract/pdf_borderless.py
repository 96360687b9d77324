"""Find borderless tables on one PDF page by their header words.

A borderless table is anchored on a header line (camelot's text-anchor idea): a line
of short, column-separated labels that read like an exceptions table's headings. The
labels give the columns; `pdfplumber.utils.cluster_list` over the body's segment starts
moves each column edge left to where the body text really starts. Rows start where a
blank band crosses the whole table and the first column has text. A page that opens
with text in the previous page's columns (no repeated header) continues that table.
"""

from __future__ import annotations

from collections.abc import Sequence

from pdfplumber.utils.clustering import cluster_list

from extract.model import BBoxTL, Cell, Prov
from extract.pdf_lines import Line, Word, paragraphs_in
from extract.pdf_tables import EDGE_TOLERANCE, MAX_LABEL_WORDS, index_at
from extract.stitch import TablePart
from extract.vocabulary import HEADER_WORD

# Words further apart than this many font sizes sit in different columns.
COLUMN_GAP = 1.0
# A blank band this many font sizes high, across all columns, can end a row.
ROW_GAP = 0.4
# A vertical gap this many font sizes high ends a borderless table.
TABLE_END_GAP = 3.0
# A line this many points larger than the table's text is a heading, not a row.
HEADING_SIZE_STEP = 0.5
# How many lines below a header are sampled to place the column edges.
BODY_SAMPLE = 40
MAX_HEADING_WORDS = 12


def segments(line: Line) -> list[list[Word]]:
    """Given a line, return its runs of words split where the gap is wider than a column gap."""
    runs: list[list[Word]] = [[line.words[0]]]
    for prev, word in zip(line.words, line.words[1:], strict=False):
        if word.x0 - prev.x1 > COLUMN_GAP * max(prev.size, word.size):
            runs.append([word])
        else:
            runs[-1].append(word)
    return runs


def header_labels(line: Line) -> list[list[Word]] | None:
    """Given a line, return its column labels if it reads as a borderless table's header row."""
    runs = segments(line)
    if len(runs) < 2 or any(len(r) > MAX_LABEL_WORDS or r[-1].text[-1] in ".!?" for r in runs):
        return None
    labelled = sum(1 for r in runs if any(HEADER_WORD.match(w.text) for w in r))
    return runs if labelled >= 2 else None


def column_starts(labels: Sequence[Sequence[Word]], body: Sequence[Line]) -> tuple[float, ...]:
    """Given header labels and the lines below them, return each column's left edge.

    Body text under a centred or indented label starts left of it: each edge moves to
    the busiest cluster of body segment starts between the previous label and this one.
    """
    starts = [run[0].x0 for line in body for run in segments(line)]
    clusters = [c for c in cluster_list(starts, tolerance=3) if len(c) >= 2]
    edges: list[float] = []
    for i, label in enumerate(labels):
        left = labels[i - 1][-1].x1 if i else float("-inf")
        near = [c for c in clusters if left < min(c) <= label[0].x0 + EDGE_TOLERANCE]
        best = max(near, key=len, default=None)
        edges.append(round(min(label[0].x0, min(best)) if best else label[0].x0, 2))
    return tuple(edges)


def fits(line: Line, cols: Sequence[float]) -> bool:
    """Given a line and column edges, return whether no word starts left of the table or crosses an edge."""
    if line.x0 < cols[0] - COLUMN_GAP * line.size:
        return False
    return not any(w.x0 < edge - 1 < w.x1 - 2 for w in line.words for edge in cols[1:])


def find_borderless(lines: Sequence[Line], page: int, carry: tuple[float, ...] | None = None) -> list[TablePart]:
    """Given a page's lines outside ruled tables, return its borderless tables.

    Args:
        lines: the page's lines, top to bottom.
        page: 1-based page number.
        carry: column edges of a borderless table that ran to the previous page's foot;
            text at the top of this page in those columns continues it.
    """
    parts: list[TablePart] = []
    i = 0
    if carry is not None and lines and header_labels(lines[0]) is None and _opens_in_columns(lines, carry):
        i = table_end(lines, 0, carry, lines[0].size)
        parts.append(build_part(lines[:i], carry, page, header=False))
    while i < len(lines):
        labels = header_labels(lines[i])
        if labels is None:
            i += 1
            continue
        cols = column_starts(labels, lines[i + 1 : i + 1 + BODY_SAMPLE])
        end = table_end(lines, i + 1, cols, lines[i].size)
        if end > i + 1:
            parts.append(build_part(lines[i:end], cols, page, header=True))
        i = end
    return parts


def _opens_in_columns(lines: Sequence[Line], cols: Sequence[float]) -> bool:
    """Given a page's lines and carried columns, return whether the page opens inside that table.

    The opening lines must fit the columns and either start right of the first column
    (a cell continuing alone) or fill two columns; a heading at the margin does neither.
    """
    head = lines[:3]
    if not all(fits(line, cols) for line in head):
        return False
    return 0 not in _occupied(head[0], cols) or any(len(_occupied(line, cols)) >= 2 for line in head)


def table_end(lines: Sequence[Line], start: int, cols: Sequence[float], size: float) -> int:
    """Given lines, where a table's body starts and its columns, return the index just past the table."""
    bottom = lines[start - 1].bottom if start else lines[0].top
    j = start
    while j < len(lines):
        line = lines[j]
        if line.top - bottom > TABLE_END_GAP * line.size or line.size > size + HEADING_SIZE_STEP:
            break
        if header_labels(line) is not None or not (fits(line, cols) or _full_width_row(lines, j, cols)):
            break
        bottom = max(bottom, line.bottom)
        j += 1
    groups = row_groups(lines[start:j], cols)
    if len(groups) > 1 and _is_stray_heading(groups[-1], cols):
        j -= len(groups[-1])  # a programme heading between tables, not a last row
    return j


def _full_width_row(lines: Sequence[Line], j: int, cols: Sequence[float]) -> bool:
    """Given line j that crosses column edges, return whether it is a merged heading row inside the table."""
    line = lines[j]
    if len(line.words) > MAX_HEADING_WORDS or line.text[-1] in ".!?" or j + 1 >= len(lines):
        return False
    after = lines[j + 1]
    return fits(after, cols) and after.top - line.bottom <= TABLE_END_GAP * line.size and header_labels(after) is None


def _is_stray_heading(group: Sequence[Line], cols: Sequence[float]) -> bool:
    """Given a table's last row, return whether it is one bold line in the first column only."""
    return len(group) == 1 and group[0].bold and fits(group[0], cols) and _occupied(group[0], cols) == {0}


def _occupied(line: Line, cols: Sequence[float]) -> set[int]:
    """Given a line and column edges, return the columns its words start in."""
    return {index_at(cols, w.x0) for w in line.words}


def row_groups(lines: Sequence[Line], cols: Sequence[float]) -> list[list[Line]]:
    """Given a table's body lines, return them grouped into rows.

    A row starts where a blank band crosses every column and the first column has text,
    and at each full-width line (a merged heading row), which is a row of its own.
    """
    groups: list[list[Line]] = []
    bottom = float("-inf")
    for line in lines:
        full = not fits(line, cols)
        clear = line.top - bottom > ROW_GAP * line.size
        if not groups or full or not fits(groups[-1][-1], cols) or (clear and 0 in _occupied(line, cols)):
            groups.append([line])
        else:
            groups[-1].append(line)
        bottom = max(bottom, line.bottom)
    return groups


def build_part(lines: Sequence[Line], cols: tuple[float, ...], page: int, *, header: bool) -> TablePart:
    """Given a table's lines (header first when `header`), return it as a `TablePart`."""
    groups = ([list(lines[:1])] + row_groups(lines[1:], cols)) if header else row_groups(lines, cols)
    right = round(max(line.x1 for line in lines) + 1, 2)
    rows = tuple(_row_cells(group, r, cols, right, page) for r, group in enumerate(groups))
    bbox = BBoxTL(cols[0], round(lines[0].top - 1, 2), right, round(max(ln.bottom for ln in lines) + 1, 2))
    strategy = "header-words" if header else "carried-columns"
    return TablePart(rows, len(cols), page, bbox, cols, header, strategy)


def _row_cells(group: Sequence[Line], r: int, cols: Sequence[float], right: float, page: int) -> tuple[Cell, ...]:
    """Given one row's lines, return its cells (one spanning cell for a full-width line)."""
    top = round(min(line.top for line in group) - 1, 2)
    bottom = round(max(line.bottom for line in group) + 1, 2)
    words = [w for line in group for w in line.words]
    if not fits(group[0], cols):
        prov = Prov(page=page, bbox=BBoxTL(cols[0], top, right, bottom), row=r, col=0)
        return (Cell(r, 0, paragraphs_in(words, prov), col_span=len(cols), prov=(prov,)),)
    edges = [*cols, right]
    cells = []
    for c in range(len(cols)):
        prov = Prov(page=page, bbox=BBoxTL(edges[c], top, edges[c + 1], bottom), row=r, col=c)
        mine = [w for w in words if index_at(cols, w.x0) == c]
        cells.append(Cell(r, c, paragraphs_in(mine, prov), prov=(prov,)))
    return tuple(cells)
