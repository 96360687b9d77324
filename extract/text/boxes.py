"""ASCII box tables and markdown pipe tables in plain text -> table rows.

Kinds of text table this serves, all with the header row as row 0:

- box tables drawn with `+-----+-----+` borders and `| a | b |` rows (MySQL, prettytable,
  reStructuredText grid tables), a `+=====+` or `+-----+` rule under the header, also drawn
  with Unicode box characters (`┌───┬───┐`, `│ a │ b │`);
- psql's aligned output, ` a | b ` rows without outer pipes under a `----+----` rule;
- markdown pipe tables, `| a | b |` over a `|---|:---:|` separator row; `<br>` in a cell
  is a line break (kept for the cell's paragraph builder).

A cell wrapped over several lines inside the box belongs to one row: where rules
separate the body rows, a row is everything between two rules; where they do not, a
line whose first cell is empty (or whose cells end in psql's "+" wrap mark) continues
the row above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extract.model import Table
from extract.text.grid import CutLine, LayoutRow, build_rows_table
from extract.text.lines import Frag, make_frag
from extract.text.rows import RowBuilder
from extract.text.source_lines import LayoutLine

# A rule line: dashes or equals signs with + or | joints (|---|:--:|, +----+, ----+----).
_RULE = re.compile(r"^\s*[|+]?(?:\s*:?[-=]{3,}:?\s*[|+])*\s*:?[-=]{3,}:?\s*[|+]?\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")  # a pipe not escaped as "\|" (markdown)
_PSQL_WRAP = re.compile(r"\s\+$")  # psql's mark at the end of a cell that wraps onto the next line
# Unicode box drawing (U+2500-U+257F, as `tabulate` fancy_grid or `rich` draw) read as ASCII, one
# character for one so offsets stay: verticals "|", horizontals "-", corners and joints "+".
_VERTICAL, _HORIZONTAL = "│┃║╎╏┆┇┊┋", "─━═╌╍┄┅┈┉"
_BOX_ASCII = {c: "|" if chr(c) in _VERTICAL else "-" if chr(c) in _HORIZONTAL else "+" for c in range(0x2500, 0x2580)}


@dataclass(frozen=True, slots=True)
class BoxTable:
    """A box or pipe table: its source line indexes [first, last] and its rows of cut lines."""

    first: int
    last: int
    groups: tuple[tuple[CutLine, ...], ...]
    n_cols: int

    def to_table(self, index: int) -> Table:
        """Given the table's index in the document, return it as a `Table`."""
        rows = []
        for group in self.groups:
            row = LayoutRow(RowBuilder(self.n_cols))
            for line in group:
                row.add(line)
            rows.append(row)
        return build_rows_table(index, rows, self.n_cols)


def is_rule(text: str) -> bool:
    """Given a line, return whether it is a box or pipe table rule.

    >>> is_rule("+------+-----+"), is_rule("|---|:---:|"), is_rule("----+----"), is_rule("---")
    (True, True, True, False)
    """
    return ("|" in text or "+" in text) and _RULE.match(text) is not None


def _cells(line: LayoutLine, outer: bool) -> tuple[Frag, ...]:
    """Given a pipe row and whether the table draws outer pipes, return its cells, each with offsets.

    Without outer pipes (psql) a leading pipe is the border of an empty first cell.
    """
    text = line.text.rstrip()
    lead = len(text) - len(text.lstrip()) if outer else 0
    body = text[lead:]
    cut_start = 1 if outer and body.startswith("|") else 0
    cut_end = len(body) - 1 if outer and body.endswith("|") and len(body) > 1 else len(body)
    frags, pos = [], lead + cut_start
    for piece in _CELL_SPLIT.split(body[cut_start:cut_end]):
        frags.append(make_frag(piece.replace("\\|", "|"), line.number, line.start + pos))
        pos += len(piece) + 1
    return tuple(frags)


def _is_row(text: str) -> bool:
    """Given a line, return whether it reads as a row of a pipe table (it has a cell border)."""
    return "|" in text and not is_rule(text)


def _extent(lines: list[LayoutLine], i: int) -> int:
    """Given line i that starts a box or pipe table, return its last line (or -1 if it is none)."""
    j = i
    while j + 1 < len(lines) and (is_rule(lines[j + 1].text) or _is_row(lines[j + 1].text)):
        j += 1
    block = [lines[k].text for k in range(i, j + 1)]
    rules = [k for k, t in enumerate(block) if is_rule(t)]
    rows = [t for t in block if not is_rule(t)]
    # A header rule with at least one row above it and one below: a table, not stray pipes.
    if not rules or len(rows) < 2 or not any(0 < k < len(block) - 1 and _is_row(block[k - 1]) for k in rules):
        return -1
    return j


def _groups(lines: list[LayoutLine], n_cols: int, outer: bool) -> list[list[CutLine]]:
    """Given a table's lines, return its rows, each the cut lines it is made of."""
    rule_at = [is_rule(line.text) for line in lines]
    first_row = next(k for k, r in enumerate(rule_at) if not r)
    header_rule = next(k for k in range(first_row, len(lines)) if rule_at[k])
    inner_rules = [k for k in range(header_rule + 1, len(lines)) if rule_at[k] and any(not r for r in rule_at[k + 1 :])]
    groups: list[list[CutLine]] = []
    wrap_open = False
    for k, line in enumerate(lines):
        if rule_at[k]:
            groups.append([])  # a rule closes the row above it
            continue
        cut = _pad(_cells(line, outer), n_cols, line)
        separated = k < header_rule or bool(inner_rules)
        continues = groups and groups[-1] and (separated or wrap_open or not cut.frags[0].text)
        if not continues:
            groups.append([])
        wrap_open = any(_PSQL_WRAP.search(f.text) for f in cut.frags)
        groups[-1].append(_unwrap(cut))
    return [g for g in groups if g]


def _pad(frags: tuple[Frag, ...], n_cols: int, line: LayoutLine) -> CutLine:
    """Given a row's cells, return them as a cut line of exactly n_cols fragments."""
    empty = Frag("", line.number, line.start, line.start)
    return CutLine(tuple(frags[:n_cols]) + (empty,) * max(0, n_cols - len(frags)))


def _unwrap(line: CutLine) -> CutLine:
    """Given a cut psql line, return it without the "+" wrap marks at cell ends."""
    frags = []
    for f in line.frags:
        m = _PSQL_WRAP.search(f.text)
        frags.append(Frag(f.text[: m.start()].rstrip(), f.line, f.start, f.end - (len(f.text) - m.start())) if m else f)
    return CutLine(tuple(frags))


def find_box_tables(lines: list[LayoutLine]) -> list[BoxTable]:
    """Given a file's lines, return its box and pipe tables in order."""
    lines = [replace(line, text=line.text.translate(_BOX_ASCII)) for line in lines]
    out, i = [], 0
    while i < len(lines):
        last = _extent(lines, i) if (is_rule(lines[i].text) or _is_row(lines[i].text)) else -1
        if last < 0:
            i += 1
            continue
        own = lines[i : last + 1]
        rows = [line for line in own if not is_rule(line.text)]
        outer = rows[0].text.lstrip().startswith("|")
        n_cols = max(len(_cells(line, outer)) for line in rows)
        groups = _groups(own, n_cols, outer)
        out.append(BoxTable(i, last, tuple(tuple(g) for g in groups), n_cols))
        i = last + 1
    return out
