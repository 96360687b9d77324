"""Find borderless tables on one PDF page by whitespace geometry (no header words needed).

`extract.pdf.gutters` finds runs of lines sharing vertical gutters; here a run becomes a
`TablePart`. Its header rows are ordinary rows 0..k. Rows start at a blank band where the
key (leftmost) column has text, the style changes (bold header over plain body), or the
header block goes on; wrapped lines join their cell. A label line crossing gutters is a
row of its own with spanning cells; a group label centred over sub-headers (`Savings £000`
over `Target | Achieved | Variance`) spans them. A page that opens in the previous page's
columns continues that table (`carry`).
"""

from __future__ import annotations

from collections.abc import Sequence

from extract.model import BBoxTL, Cell, Paragraph, Prov
from extract.pdf.gutters import MIN_GUTTER, Region, Span, body_size, column_of, fits, grow, label_like, spans_of
from extract.pdf.lines import Line, Word, paragraphs_in
from extract.pdf.verdict import is_table
from extract.stitch import TablePart

# A blank band this many font sizes high, above a line, can start a new row.
ROW_GAP = 0.4
# A rejected run this long is skipped whole: its sub-runs are no more table-like (keeps pages linear).
SKIP_REJECTED = 8


def find_borderless(lines: Sequence[Line], page: int, carry: tuple[Span, ...] | None = None) -> list[TablePart]:
    """Given a page's lines outside ruled tables, return its borderless tables.

    Args:
        lines: the page's lines, top to bottom.
        page: 1-based page number.
        carry: column ranges of a borderless table that ran to the previous page's foot;
            lines at the top of this page in those columns continue it.
    """
    parts: list[TablePart] = []
    i = 0
    body = body_size(lines)
    if carry and lines and fits(lines[0], carry):
        region = trim(lines, grow(lines, 0, body, carry))
        if region.end > region.start and is_table(lines, region):
            parts.append(build_part(lines, region, page))
            i = region.end
    done = i  # lines before this belong to a table found already
    while i < len(lines):
        region = _stacked_header(lines, trim(lines, grow(lines, i, body)), done)
        part = build_part(lines, region, page) if region.end - region.start >= 2 and is_table(lines, region) else None
        if part is not None and len(part.rows) >= 2:  # one row alone is a layout, not a table
            parts.append(part)
            i = done = region.end
        else:
            i = region.end if region.end - region.start > SKIP_REJECTED else i + 1
    return parts


def _stacked_header(lines: Sequence[Line], region: Region, floor: int) -> Region:
    """Given a run and the first line no earlier table holds, return it with the top lines of a tall header cell above it.

    A header cell that wraps over more lines than its neighbours ("Reprofil" / "ed" / "slippag" / "e £000",
    vertically centred beside "Scheme") starts above the first line with two columns: each such line is one
    label over a column other than the key column, set tight above the next.
    """
    start = region.start
    while start > floor and len(region.columns) > 1:
        line, below = lines[start - 1], lines[start]
        spans = spans_of(line)
        cols = {column_of(region.columns, w.x0, w.x1) for w in line.words}
        if len(spans) != 1 or cols == {0} or len(cols) != 1 or not label_like(line) or line.x0 < region.columns[1][0] - 1:
            break
        if below.top - line.bottom > ROW_GAP * line.size:
            break
        start -= 1
    return Region(start, region.end, region.columns, region.crossing, region.carried) if start != region.start else region


def trim(lines: Sequence[Line], region: Region) -> Region:
    """Given a run, return it without a bold key-column heading just above its header or at its foot."""
    start, end = region.start, region.end
    if end - start >= 3 and _key_heading(lines[start], region) and lines[start + 1].bold:
        start += 1
    if end - start >= 3 and _key_heading(lines[end - 1], region) and lines[end - 1].top - lines[end - 2].bottom > ROW_GAP * lines[end - 1].size:
        end -= 1  # a programme heading between two tables, not a last row
    return Region(start, end, region.columns, region.crossing, region.carried)


def _key_heading(line: Line, region: Region) -> bool:
    """Given a line of a run, return whether it is one bold label in the key column alone."""
    return line.bold and {column_of(region.columns, w.x0, w.x1) for w in line.words} == {0}


def row_groups(lines: Sequence[Line], region: Region) -> list[list[int]]:
    """Given a page's lines and a table run, return the run's line indexes grouped into rows.

    Lines are first cut into bands at blank bands across the table; a band starts a row
    when it has key-column text anywhere in it (a vertically centred name sits below the
    top of its row), changes style (bold header over plain body) or goes on with the
    header; otherwise it continues the row above (a second paragraph in one cell).
    """
    groups: list[list[int]] = []
    header_zone = True
    for band in _bands(lines, region):
        header_zone = header_zone and all(lines[k].bold for k in band)
        starts = not groups or band[0] in region.crossing or groups[-1][-1] in region.crossing
        if starts or _key_text(lines, band, region) or lines[band[0]].bold != lines[groups[-1][-1]].bold or header_zone:
            groups.append(list(band))
        else:
            groups[-1].extend(band)
    return groups


def _bands(lines: Sequence[Line], region: Region) -> list[list[int]]:
    """Given a table run, return its line indexes cut where a blank band crosses the table.

    In a table set at the plain line pitch (`tight`: no blank band between any two body
    lines) each key-column line starts a band unless it begins lower-case (a wrapped name).
    """
    tight = _tight(lines, region)
    bands: list[list[int]] = []
    bottom = float("-inf")
    for k in range(region.start, region.end):
        line = lines[k]
        key = [w for w in line.words if column_of(region.columns, w.x0, w.x1) == 0]
        cut = line.top - bottom > ROW_GAP * line.size or (tight and bool(key) and not key[0].text[0].islower())
        if not bands or cut or k in region.crossing or k - 1 in region.crossing:
            bands.append([k])
        else:
            bands[-1].append(k)
        bottom = line.bottom if len(bands[-1]) == 1 else max(bottom, line.bottom)
    return bands


def _key_text(lines: Sequence[Line], band: Sequence[int], region: Region) -> bool:
    """Given a band of a table's lines, return whether any of them has text in the key column."""
    return any(column_of(region.columns, w.x0, w.x1) == 0 for k in band for w in lines[k].words)


def _tight(lines: Sequence[Line], region: Region) -> bool:
    """Given a table run, return whether its lines below the header follow each other with no blank band."""
    first = next((k for k in range(region.start, region.end) if not lines[k].bold), region.end)
    body = lines[first : region.end]
    return len(body) >= 2 and all(b.top - a.bottom <= ROW_GAP * b.size for a, b in zip(body, body[1:], strict=False))


def build_part(lines: Sequence[Line], region: Region, page: int) -> TablePart:
    """Given a page's lines and a table run, return it as a `TablePart`."""
    cols = region.columns
    groups = row_groups(lines, region)
    rows = [_row_cells([lines[k] for k in g], r, cols, page, g[0] in region.crossing) for r, g in enumerate(groups)]
    bold = [all(lines[k].bold for k in g) for g in groups]
    for r in range(len(rows) - 1):
        if bold[r] and bold[r + 1]:
            rows[r] = span_group_labels(rows[r], rows[r + 1], cols, lines[region.start].size)
    members = lines[region.start : region.end]
    right = round(max(c[1] for c in cols) + 1, 2)
    bbox = BBoxTL(round(cols[0][0], 2), round(members[0].top - 1, 2), right, round(max(ln.bottom for ln in members) + 1, 2))
    header = bold[0] and not all(bold)
    strategy = "carried-columns" if region.carried else "whitespace"
    col_xs = tuple(round(a, 2) for a, _ in cols)
    return TablePart(tuple(rows), len(cols), page, bbox, col_xs, header, strategy, col_x1=tuple(round(b, 2) for _, b in cols))


def _row_cells(group: Sequence[Line], r: int, cols: Sequence[Span], page: int, crossing: bool) -> tuple[Cell, ...]:
    """Given one row's lines, return its cells, one per column (spanning cells for a crossing label line)."""
    top = round(min(line.top for line in group) - 1, 2)
    bottom = round(max(line.bottom for line in group) + 1, 2)
    words = [w for line in group for w in line.words]
    ranges = _label_ranges(group[0], cols) if crossing else [(c, c) for c in range(len(cols))]
    # a label line's words go by where they start (a centred label may overhang); others by their centre
    at = [column_of(cols, w.x0, w.x0 + 1) if crossing else column_of(cols, w.x0, w.x1) for w in words]
    cells = []
    for lo, hi in ranges:
        prov = Prov(page=page, bbox=BBoxTL(round(cols[lo][0], 2), top, round(cols[hi][1], 2), bottom), row=r, col=lo)
        mine = [w for w, c in zip(words, at, strict=True) if lo <= c <= hi]
        cells.append(Cell(r, lo, paragraphs_in(mine, prov), col_span=hi - lo + 1, prov=(prov,)))
    return tuple(cells)


def _label_ranges(line: Line, cols: Sequence[Span]) -> list[tuple[int, int]]:
    """Given a label line crossing gutters, return (first, last) column of each cell, gaps as single empty cells."""
    runs: list[list[Word]] = [[line.words[0]]]
    for prev, w in zip(line.words, line.words[1:], strict=False):
        if w.x0 - prev.x1 > 2 * MIN_GUTTER * w.size:
            runs.append([w])
        else:
            runs[-1].append(w)
    if len(runs) == 1 and column_of(cols, runs[0][0].x0, runs[0][0].x1) == 0:
        return [(0, len(cols) - 1)]  # one label from the key column: a full-width heading row
    taken: list[tuple[int, int]] = []
    for run in runs:
        over = [c for c, (a, b) in enumerate(cols) if a < run[-1].x1 and b > run[0].x0]
        lo, hi = (min(over), max(over)) if over else (column_of(cols, run[0].x0, run[-1].x1),) * 2
        if taken and lo <= taken[-1][1]:
            lo = taken.pop()[0]
        taken.append((lo, max(hi, lo)))
    out: list[tuple[int, int]] = []
    col = 0
    for lo, hi in taken:
        out += [(c, c) for c in range(col, lo)]
        out.append((lo, hi))
        col = hi + 1
    return out + [(c, c) for c in range(col, len(cols))]


def span_group_labels(row: tuple[Cell, ...], below: tuple[Cell, ...], cols: Sequence[Span], size: float) -> tuple[Cell, ...]:
    """Given a header row, the header row under it and the columns, return the row with group labels spanning.

    A label whose neighbours are blank in its row but labelled below, and which is centred
    over a run of those columns, spans the run (docx gridSpan, drawn without lines).
    """
    filled = {c.col for c in below if not c.is_empty}
    blank = {c.col for c in row if c.is_empty and c.col_span == 1}
    out: list[Cell] = []
    skip: set[int] = set()
    for cell in row:
        if cell.col in skip:
            continue
        lo, hi = _centred_span(cell, blank & filled, cols, size) if not cell.is_empty and cell.col in filled else (cell.col, cell.col)
        if hi > lo:
            skip |= set(range(lo, hi + 1))
            out = [c for c in out if c.col < lo]
            box = cell.prov[0].bbox if cell.prov else None
            prov = Prov(page=cell.prov[0].page, bbox=BBoxTL(cols[lo][0], box.top, cols[hi][1], box.bottom) if box else None, row=cell.row, col=lo)
            cell = Cell(cell.row, lo, cell.paragraphs, col_span=hi - lo + 1, prov=(prov,))
        out.append(cell)
    return tuple(out)


def _centred_span(cell: Cell, open_cols: set[int], cols: Sequence[Span], size: float) -> tuple[int, int]:
    """Given a label cell and the columns it may spread over, return the widest run it is centred on."""
    box = _text_box(cell.paragraphs)
    if box is None:
        return cell.col, cell.col
    mid = (box[0] + box[1]) / 2
    lo, hi = cell.col, cell.col
    while lo - 1 in open_cols:
        lo -= 1
    while hi + 1 in open_cols:
        hi += 1
    best = (cell.col, cell.col)
    for a in range(lo, cell.col + 1):
        for b in range(cell.col, hi + 1):
            width = cols[b][1] - cols[a][0]
            if abs(mid - (cols[a][0] + cols[b][1]) / 2) <= max(MIN_GUTTER * size, 0.1 * width) and b - a > best[1] - best[0]:
                best = (a, b)
    return best


def _text_box(paragraphs: Sequence[Paragraph]) -> Span | None:
    """Given a cell's paragraphs, return the x-range their text covers."""
    boxes = [p.prov[0].bbox for p in paragraphs if p.prov and p.prov[0].bbox is not None]
    return (min(b.x0 for b in boxes), max(b.x1 for b in boxes)) if boxes else None
