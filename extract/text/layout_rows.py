"""A layout table region -> rows of per-column fragments: header rows, body rows, sub-headings.

Cells in `pdftotext -layout` exports are top-aligned and wrapped over several lines, so
the work is deciding which lines start a row. In order of evidence:

- the *header block* is the region's first line plus the lines under it with nothing in
  the first column ("2019/20" over "£000"). A header line that fills columns the line
  above left empty ("Target  Achieved  Variance" under "Savings £000") is a second header
  row, and the upper cell spans the columns it sits over;
- an *anchor column* holds one-line cells (a reference, a number, a RAG word): in the
  body every run of consecutive lines with text in it is one line long, so each of its
  fragments starts a row;
- a number in a column of numbers never continues a cell: it starts a row when the row
  already has a number there (a budget table with one line per row);
- text in the first column after a line where the first column was empty starts a row:
  cells start on the row's first line, so the name it continues has ended ("Highways and
  / Transport" alone in the first column after a scheme is a sub-heading row);
- where blank lines part the rows and each block holds one anchor line, each block is a
  row, so vertically centred cells (name and numbers mid-block) stay whole;
- without anchors (a key/value form, a table of text), a first-column line starts a row
  unless it, or another column's text on it, reads as the continuation of the phrase
  above (lower case, or after "and", "/", "–"); after a blank line it always does;
- when the first column is itself prose (an "Exception | Mitigation" table), a line starts
  a row only where every cell above has ended its sentence and two or more cells start on
  it: a title line over a cell's text, or a long cell going on alone, is no new row.

The evidence (anchor, number and prose columns) is gathered in `extract.text.row_evidence`.

A repeated header at the top of a later page is dropped, and the row it interrupted goes on.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extract.prose import ends_sentence
from extract.text.columns import column_of, split_run
from extract.text.grid import CutLine, LayoutRow
from extract.text.lines import Frag, is_number_cell
from extract.text.row_evidence import MIN_ANCHOR_ROWS, Evidence, evidence
from extract.text.rows import RowBuilder
from extract.text.source_lines import LayoutLine

_CONTINUED = re.compile(r"\((?:continued|cont(?:'d|\.)?)\)|\bcontinued\b", re.IGNORECASE)
_WRAPS_HEADER = re.compile(r"^(?:[a-z]|\(?[£$€](?:000|k|m|bn)?\)?$|%$)")  # "delay", "£m", "(£000)", "%"
_OPEN_END = re.compile(r"(?:[-–—/,&(+]|\b(?:and|or|of|the|for|to|in|on|with|a|an|at|by))$", re.IGNORECASE)


def cut_line(line: LayoutLine, columns: tuple[tuple[int, int], ...], body: bool = True) -> CutLine:
    """Given a layout line, the region's columns and whether it is a body line, return one fragment per column.

    A body run bridging a tight gutter is cut at its space there; a header run is not
    (a header cell may be centred across a gutter).
    """
    pieces: list[list[tuple[int, int]]] = [[] for _ in columns]
    for run in line.runs:
        for part in split_run(line.text, run, columns) if body else [run]:
            pieces[column_of(part, columns)].append(part)
    frags = []
    for spans in pieces:
        if not spans:
            frags.append(Frag("", line.number, line.start, line.start))
            continue
        text = " ".join(line.text[a:b] for a, b in spans)
        frags.append(Frag(text, line.number, line.start + spans[0][0], line.start + spans[-1][1]))
    return CutLine(tuple(frags), line.blank, line.page_start)


def _header_words(line: LayoutLine) -> str:
    """Given a line, return its words without a "(continued)" mark, to compare with the header."""
    return " ".join(_CONTINUED.sub(" ", line.words).split())


def _repeat_length(lines: list[LayoutLine], k: int, header: list[str]) -> int:
    """Given the lines, a position after a page break and the header's words, return how many lines repeat it."""
    n = 0
    while n < len(header) and k + n < len(lines) and _header_words(lines[k + n]) == header[n]:
        n += 1
    return n


def drop_repeated_headers(lines: list[LayoutLine], size: int) -> list[LayoutLine]:
    """Given a region's lines and its header's line count, return them without headers repeated on later pages.

    A repeat is the header's words again on the first lines after a page break (its first
    line at least, "(continued)" aside). The line after it is marked as a page start, so
    the blank lines of the break are not read as a gap between rows.
    """
    header = [_header_words(line) for line in lines[:size]]
    out: list[LayoutLine] = []
    k, after_break = 0, False
    while k < len(lines):
        line = lines[k]
        after_break = after_break or line.page_start
        repeat = _repeat_length(lines, k, header) if k >= size and after_break and not line.blank else 0
        if repeat:
            k += repeat
            if k < len(lines):
                out.append(replace(lines[k], page_start=True))
            k, after_break = k + 1, False
            continue
        after_break = after_break and line.blank
        out.append(line)
        k += 1
    return out


def continues_phrase(before: str | None, text: str) -> bool:
    """Given the fragment above in a column and this one, return whether this continues it.

    >>> continues_phrase("Recommendation /", "mitigation"), continues_phrase("Project name", "Project manager")
    (True, False)
    """
    if not before or ends_sentence(before):
        return False
    return text[:1].islower() or _OPEN_END.search(before.rstrip()) is not None


def _starts_header_row(row: LayoutRow, line: CutLine) -> bool:
    """Given a header row and the next header line, return whether the line is a second header row.

    It is when it fills a column the row left empty ("Target" beside "Savings £000"),
    unless it also wraps a cell of the row: lower case ("delay" under "Reason for") or a
    unit ("£m" under "Budget") under text means a bottom-aligned header, one row.
    """
    if any(line.has(j) and any(seen.has(j) for seen in row.lines) and _WRAPS_HEADER.match(line.frags[j].text)
           for j in range(len(line.frags))):
        return False
    return any(line.has(j) and not any(seen.has(j) for seen in row.lines) for j in range(len(line.frags)))


def _span_header(rows: list[LayoutRow], n_cols: int) -> None:
    """Given two or more header rows, let each upper cell span the empty columns it sits over.

    "Savings £000" over "Target  Achieved  Variance" covers the columns left and right
    of it that are empty on its line and filled on the line below. Only a cell with a
    sub-header under it groups columns: "Project" with nothing under it is one tall cell.
    """
    upper, lower = rows[0], rows[1]
    filled_up = {j for j in range(n_cols) if any(line.has(j) for line in upper.lines)}
    filled_low = {j for j in range(n_cols) if any(line.has(j) for line in lower.lines)}
    for j in sorted(filled_up & filled_low):
        a, b = j, j
        while a - 1 >= 0 and a - 1 not in filled_up and a - 1 in filled_low:
            a -= 1
        while b + 1 < n_cols and b + 1 not in filled_up and b + 1 in filled_low:
            b += 1
        if b > a:
            upper.builder.cols[a] = upper.builder.cols[j]
            if a != j:
                upper.builder.cols[j] = []
            upper.spans[a] = b - a + 1


def header_rows(lines: list[CutLine], n_cols: int) -> list[LayoutRow]:
    """Given the header block's lines, return its rows (one per header level), spans set."""
    rows: list[LayoutRow] = []
    for line in lines:
        if not rows or _starts_header_row(rows[-1], line):
            rows.append(LayoutRow(RowBuilder(n_cols)))
        rows[-1].add(line, gap_before=False)
    if len(rows) > 1:
        _span_header(rows, n_cols)
    return rows


def _row_has(row: LayoutRow, j: int) -> bool:
    """Given a row and a column, return whether the row has text there."""
    return any(line.has(j) for line in row.lines)


def _starts_row(row: LayoutRow, line: CutLine, ev: Evidence, blank: bool) -> bool:
    """Given the open row, the next line and whether a blank line came between, return whether it starts a row."""
    prev = row.lines[-1]
    if any(line.has(j) and not prev.has(j) for j in ev.anchors):
        return True
    if any(line.has(j) and is_number_cell(line.frags[j].text) and _row_has(row, j) for j in ev.numbers):
        return True
    if not line.has(0):
        return False
    if _row_has(row, 0) and not prev.has(0):
        return True  # the name above ended: cells start on their row's first line
    if blank and sub_heading_line(line):
        return True
    if ev.anchors:
        return False
    if blank:
        return True
    if ev.prose_first and not ev.numbers:
        return _all_ended(row) and sum(1 for j in range(len(line.frags)) if line.has(j)) >= 2
    if continues_phrase(row.builder.last_text(0), line.frags[0].text):
        return False
    others = [j for j in range(1, len(line.frags)) if line.has(j)]
    return not any(continues_phrase(row.builder.last_text(j), line.frags[j].text) for j in others)


def sub_heading_line(line: CutLine) -> bool:
    """Given a body line after a blank, return whether it is a sub-heading row: first-column text alone, no sentence end.

    A programme name between two groups of rows ("Housing Options", a blank line above and
    below) is its own row even where a RAG column anchors the rows (no anchor word on it), and
    even where the row above ended its name on its last line. Layout text of tables with
    in-table programme rows (l20).
    """
    return line.has(0) and not any(line.has(j) for j in range(1, len(line.frags))) and not ends_sentence(line.frags[0].text)


def _all_ended(row: LayoutRow) -> bool:
    """Given a row being built, return whether the last text of each of its columns ends a sentence."""
    last = [row.builder.last_text(j) for j in range(len(row.builder.cols))]
    return all(ends_sentence(t) for t in last if t)


def _blocks(body: list[CutLine]) -> list[list[CutLine]]:
    """Given body lines, return the runs of lines between blank lines (a page break is no blank)."""
    blocks: list[list[CutLine]] = [[]]
    for line in body:
        if line.blank:
            if blocks[-1]:
                blocks.append([])
            continue
        if line.page_start and not blocks[-1] and len(blocks) > 1:
            blocks.pop()  # the blank lines were the page break's: the block above goes on
        blocks[-1].append(line)
    return [b for b in blocks if b]


def _block_rows(body: list[CutLine], anchors: frozenset[int], n_cols: int) -> list[LayoutRow] | None:
    """Given body lines and the anchor columns, return one row per blank-separated block, if each holds one anchor.

    Where blank lines part the rows and each block has exactly one line with anchor text,
    the block is the row, whatever line its cells start on: vertically centred or
    bottom-aligned cells put the name and numbers mid-block. A block with no anchor line
    is a further paragraph of the row above, unless it is one sub-heading line (`sub_heading_line`).
    """
    blocks = _blocks(body)
    counts = [sum(1 for line in block if any(line.has(j) for j in anchors)) for block in blocks]
    if not anchors or not counts or counts[0] != 1 or max(counts) > 1 or counts.count(1) < MIN_ANCHOR_ROWS:
        return None
    rows: list[LayoutRow] = []
    for block, count in zip(blocks, counts, strict=True):
        if count or (len(block) == 1 and sub_heading_line(block[0])):
            rows.append(LayoutRow(RowBuilder(n_cols)))
        for k, line in enumerate(block):
            rows[-1].add(line, gap_before=k == 0 and not count)
    return rows


def split_rows(lines: list[CutLine], head: int, n_cols: int) -> list[LayoutRow]:
    """Given a region's cut lines and its header size, return all its rows, header rows first."""
    rows = header_rows(lines[:head], n_cols)
    body = lines[head:]
    ev = evidence(body, n_cols)
    by_block = _block_rows(body, ev.anchors, n_cols)
    if by_block is not None:
        return rows + by_block
    blank = False
    body_rows: list[LayoutRow] = []
    for line in body:
        if line.blank:
            blank = True
            continue
        blank = blank and not line.page_start  # blank lines at a page break are page furniture
        current = body_rows[-1] if body_rows else (rows[-1] if rows else None)
        if current is None or (not body_rows and line.has(0)) or _starts_row(current, line, ev, blank):
            body_rows.append(LayoutRow(RowBuilder(n_cols)))
            current = body_rows[-1]
        current.add(line, gap_before=blank)
        blank = False
    return rows + body_rows
