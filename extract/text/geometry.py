"""Layout text (`pdftotext -layout`) -> table regions and their columns, from whitespace alone.

A table is found by geometry, never by header words (STYLE H6): a run of lines whose
wide gaps (two or more spaces) line up. Each line is cut into word *runs*; a region
starts at a line with two or more runs, grows while lines keep inside its columns, and
its columns are the stretches of the page that its rows' text covers, split at the
gutters no row covers. A region is kept only if it has at least two multi-run lines and
two columns, its first line's gaps fall on those gutters (a justified prose line above
a table is not its header), and it is not two columns of running prose (a two-column
prose page is paragraphs, not a table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.prose import ends_sentence
from extract.text.columns import column_of, find_columns, merge, overlaps, split_run
from extract.text.lines import header_shaped
from extract.text.source_lines import LayoutLine
from extract.vocabulary import names_a_column

# The second line of a wrapped header cell that is a unit or a year: "£m", "(£000)", "£k", "%", "2019/20".
_HEADER_TAIL = re.compile(r"^\(?(?:[£$€](?:000|k|m|bn)?|%|\d{4}(?:[/-]\d{2,4})?)\)?$", re.IGNORECASE)
# A footnote's mark at the start of a line: "*", "†", "¹", "(1)", "[2]", "Note:", "Source:".
_FOOTNOTE = re.compile(r"^\s*(?:[*†‡¹²³⁴⁵⁶⁷⁸⁹]+\s*(?=[A-Z])|\(\d{1,2}\)\s|\[\d{1,2}\]\s|(?:notes?|source)\s*:\s)", re.IGNORECASE)
MIN_TABLE_LINES = 2  # multi-run lines a region needs to be a table
MAX_PROSE_COLUMN_CHARS = 30  # a column whose fragments average more is running prose
MAX_BLANKS_IN_TABLE = 2  # blank lines a region may hold between two of its lines
MAX_LONE_HEADER_WORDS = 2  # words of a bottom-aligned header cell on a header's second line
MAX_START_TRIES = 8  # lines of prose a table may have on top of it, with no blank line between
MAX_HEADER_SPAN = 3  # columns one header cell may sit over ("Savings £000" over three)
MIN_GAPS_ON_GUTTERS = 2 / 3  # share of a header line's gaps that must meet the body's gutters
LOOKAHEAD_LINES = 3  # lines a first-column line may sit above the next row of its table
LOOKAHEAD_BREAK_LINES = 4  # lines after a page break read to tell the table going on from another one


@dataclass(frozen=True, slots=True)
class Region:
    """A table region: source line indexes [first, last] and its column intervals."""

    first: int
    last: int
    columns: tuple[tuple[int, int], ...]


def _fits(lines: list[LayoutLine], j: int, columns: list[tuple[int, int]]) -> bool:
    """Given one-run line j and the region's columns so far, return whether it belongs to the region.

    It does when it stays in one column, or when it ends left of the last column and a
    multi-run line follows within a few lines (blank lines aside): a sub-heading ("Fleet and" /
    "Depots", "Surgery Division") is wider than the first column's header word above it.
    """
    run = lines[j].runs[0]
    pieces = split_run(lines[j].text, run, tuple(columns))  # a line filled to a cell's edge bridges a gutter
    if all(sum(1 for c in columns if overlaps(piece, c)) <= 1 for piece in pieces):
        return True
    if run[1] > columns[-1][0]:
        return False
    for line in lines[j + 1 : j + 2 + LOOKAHEAD_LINES]:
        if line.blank:
            continue  # a sub-heading row a blank line above its rows (in-table programme rows of pdftotext -layout)
        if len(line.runs) != 1:
            return len(line.runs) > 1
    return False


def _grow(lines: list[LayoutLine], i: int) -> int:
    """Given a multi-run line i, return the last line of the region it starts."""
    columns = merge(list(lines[i].runs))
    last, j, blanks, broke, header_only = i, i + 1, 0, False, True
    while j < len(lines):
        line = lines[j]
        j += 1
        broke = (broke and blanks > 0) or line.page_start  # a page break among the blank lines above
        if line.blank:
            blanks += 1
            continue
        if blanks > MAX_BLANKS_IN_TABLE and not broke or _FOOTNOTE.match(line.text) and line.runs[0][0] <= columns[0][0] + 1:
            break  # a footnote at the left edge ("* Slippage is ...", "Note: ...") is under the table, not in it
        if broke and blanks and _another_table_after_break(lines, j - 1, columns):
            break
        if len(line.runs) > 1:
            columns = merge([*columns, *line.runs])
        # After a gap only a multi-run line or an indented continuation goes on: a
        # first-column line after a blank is a note under the table, unless the table so
        # far is its header alone and rows follow (a sub-heading between header and body).
        elif not _fits(lines, j - 1, columns) or (
                blanks and not broke and line.runs[0][0] <= columns[0][1] and not (header_only and _rows_follow(lines, j))
                and not (blanks == 1 and _sub_heading(lines, j - 1, i, columns))):
            break
        last, blanks = j - 1, 0
        header_only = header_only and header_size(lines[i : last + 1]) == last - i + 1
    return last


def _sub_heading(lines: list[LayoutLine], k: int, first: int, columns: list[tuple[int, int]]) -> bool:
    """Given a lone first-column line k after a blank, the region's first line and columns, return whether it is a sub-heading row.

    It is when it ends no sentence and the next line with text is a body row of the region:
    two or more runs, each starting at one of its columns (or a figure ending at one), and not
    starting with the region's first cell again (a repeated header, the next form).
    A programme name between two groups of rows ("Commissioning") stays in the table; a
    directorate heading above the next table's header ("Resources Directorate" over
    "Project  Reason for exception ...") ends it, as a note under the table does. Layout text
    of tables with sub-heading rows a blank line apart (in-table programme rows, pdftotext -layout).
    """
    if ends_sentence(lines[k].text.strip()):
        return False
    after = next((line for line in lines[k + 1 : k + 2 + LOOKAHEAD_LINES] if not line.blank), None)
    if after is None or len(after.runs) < 2 or _first_cell(after) == _first_cell(lines[first]) or _names_columns(after):
        return False
    return all(any(abs(a - c0) <= 1 or abs(b - c1) <= 1 for c0, c1 in columns) for a, b in after.runs)


def _names_columns(line: LayoutLine) -> bool:
    """Given a line, return whether it is another table's header: shaped like one, and half its cells or more name a column.

    ("Glossary" over "Term   Description" under a contacts table starts a table of its own,
    however its columns happen to fall on the contacts table's gutters.)
    """
    cells = [line.text[a:b] for a, b in line.runs]
    return header_shaped(cells) and 2 * sum(names_a_column(c) for c in cells) >= len(cells)


def _first_cell(line: LayoutLine) -> str:
    """Given a line, return its first run's text."""
    a, b = line.runs[0]
    return line.text[a:b].lower()


def _rows_follow(lines: list[LayoutLine], j: int) -> bool:
    """Given the index after a one-run line, return whether a multi-run line comes next (blank lines aside)."""
    return next((len(line.runs) > 1 for line in lines[j:j + LOOKAHEAD_LINES + 2] if not line.blank), False)


def _another_table_after_break(lines: list[LayoutLine], j: int, columns: list[tuple[int, int]]) -> bool:
    """Given the first line after a page break and the region's columns, return whether another table starts there.

    The region goes on over the break only while the next page's lines keep to its columns:
    a text run there that bridges two or more of its gutters belongs to a table of other
    columns (a glossary after an issues log), so the region ends at the break.
    """
    seen = 0
    for line in lines[j:]:
        if line.blank:
            continue
        seen += 1
        if seen > LOOKAHEAD_BREAK_LINES:
            return False
        if len(line.runs) > 1 and any(sum(1 for c in columns if overlaps(r, c)) >= 3 for r in line.runs):
            return True
    return False


def _continues_header(line: LayoutLine, above: LayoutLine) -> bool:
    """Given a line with text at the left edge and the header line above, return whether it wraps that header.

    Every run under a run of the line above reads as the rest of a header cell: lower
    case ("Project" over "name"), or a unit or year ("£m", "(£000)", "2019/20"). A run
    under nothing is a bottom-aligned header cell ("Owner") if it is one or two words.
    """
    under = 0
    for a, b in line.runs:
        if any(overlaps((a, b), r) for r in above.runs):
            if not (line.text[a].islower() or _HEADER_TAIL.match(line.text[a:b])):
                return False
            under += 1
        elif len(line.text[a:b].split()) > MAX_LONE_HEADER_WORDS or not line.text[a].isalpha():
            return False
    return under > 0


def header_size(lines: list[LayoutLine]) -> int:
    """Given a region's lines, return how many lines its header block takes.

    The header is the first line and the lines under it that leave the first column
    empty ("2019/20" over "£000") or only wrap the header's cells ("Project" over
    "name"); any other line with text at the left edge is a row.
    """
    left = min(line.runs[0][0] for line in lines if line.runs)
    n = 1
    while n < len(lines) and lines[n].runs and (lines[n].runs[0][0] > left + 1 or _continues_header(lines[n], lines[n - 1])):
        n += 1
    return n


def _is_prose_column(lines: list[LayoutLine], columns: tuple[tuple[int, int], ...]) -> bool:
    """Given a region, return whether it is two columns of running prose (long fragments in both).

    A two-column table keeps a short column: labels, terms, names or a RAG word.
    """
    if len(columns) > 2:
        return False
    for j in range(len(columns)):
        widths = [b - a for line in lines for a, b in line.runs if column_of((a, b), columns) == j]
        if not widths or sum(widths) / len(widths) <= MAX_PROSE_COLUMN_CHARS:
            return False
    return True


def _headed(line: LayoutLine, columns: tuple[tuple[int, int], ...]) -> bool:
    """Given the first line of two columns of prose, return whether it heads them as a table ("Issue   Action taken").

    Two-column exception tables (reason | mitigation) hold prose in both columns, as a two-column
    page does; what a page lacks is a header line of one short label over each column.
    """
    return len(line.runs) == len(columns) and header_shaped([line.text[a:b] for a, b in line.runs])


def _gaps_on_gutters(line: LayoutLine, columns: tuple[tuple[int, int], ...]) -> bool:
    """Given a region's first line and its columns, return whether each of the line's gaps meets a gutter.

    A justified prose line just above a table has wide gaps too, but most fall inside the
    table's columns: it is not the table's header. A header may have one wide space
    inside a cell ("Commentary    and mitigating actions" from some PDF converters).
    """
    if any(sum(1 for c in columns if overlaps(run, c)) > MAX_HEADER_SPAN for run in line.runs):
        return False  # a run over many columns is a sentence, not a header cell
    gutters = [(a[1], b[0]) for a, b in zip(columns, columns[1:], strict=False)]
    gaps = [(a[1], b[0]) for a, b in zip(line.runs, line.runs[1:], strict=False)]
    on = sum(1 for gap in gaps if any(overlaps(gap, g) for g in gutters))
    return on >= MIN_GAPS_ON_GUTTERS * len(gaps)


def _is_table(body: list[LayoutLine], columns: tuple[tuple[int, int], ...]) -> bool:
    """Given a grown region and its columns, return whether it is a table (see the module docstring)."""
    multi = sum(1 for line in body if len(line.runs) > 1)
    if multi < MIN_TABLE_LINES or len(columns) < 2 or _is_prose_column(body, columns) and not _headed(body[0], columns):
        return False
    head = header_size(body)
    first_page = [line for k, line in enumerate(body[head:]) if not any(x.page_start for x in body[head : head + k + 1])]
    return _gaps_on_gutters(body[0], find_columns([x.runs for x in first_page], []))


def find_regions(lines: list[LayoutLine]) -> list[Region]:
    """Given a file's layout lines, return its table regions in order.

    A grown region that is no table is tried again from its next lines, since prose may
    sit on top of a table with no blank line between; after a few tries the rest of that
    stretch is given up, so a long two-column prose document costs linear time.
    """
    regions, i, tries, stretch_end = [], 0, 0, -1
    while i < len(lines):
        if len(lines[i].runs) < 2:
            i += 1
            continue
        last = _grow(lines, i)
        body = lines[i : last + 1]
        columns = page_columns(body)[0]
        if _is_table(body, columns):
            regions.append(Region(i, last, columns))
            i, tries = last + 1, 0
            continue
        if i > stretch_end:
            stretch_end, tries = last, 0
        tries += 1
        i = i + 1 if tries < MAX_START_TRIES else stretch_end + 1
    return regions


def page_columns(lines: list[LayoutLine]) -> tuple[tuple[tuple[int, int], ...], list[tuple[tuple[int, int], ...]]]:
    """Given a region's lines, return its columns and each line's columns, page by page.

    pdftotext places each page's columns afresh (a column may start three characters
    further left on the next page), so columns are found per page; a page whose column
    count differs from the first page's (a few continuation lines) uses the first page's.
    """
    head = header_size(lines)
    segments: list[list[LayoutLine]] = [[]]
    for line in lines[head:]:
        if line.page_start and segments[-1]:
            segments.append([])
        segments[-1].append(line)
    reference = find_columns([x.runs for x in segments[0]], [x.runs for x in lines[:head]])
    per_line: list[tuple[tuple[int, int], ...]] = [reference] * head
    for segment in segments:
        own = find_columns([x.runs for x in segment], [])
        per_line += [own if len(own) == len(reference) else reference] * len(segment)
    return reference, per_line
