"""Plain-text lines -> cells of a tab-separated file, with offsets (layout text: `extract.text.layout`).

A `Frag` is one column's text on one source line, stripped, with its 1-based line
number and [start, end) offsets into the decoded text, so every paragraph built from
fragments can point back at the characters it came from.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.prose import is_figure
from extract.vocabulary import names_a_column

# Words of running text that column headers do not use ("The impact of this is ...").
_PROSE_WORDS = frozenset("is are was were has have had been being will would should could can may this these those it its which".split())
MAX_HEADER_CELL_CHARS = 60
MAX_HEADER_CELL_WORDS = 6


@dataclass(frozen=True, slots=True)
class Frag:
    """One column's stripped text on one line and where it sits in the decoded text."""

    text: str
    line: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Line:
    """A source line: its number, start offset, text and the cells it splits into."""

    number: int
    start: int
    text: str
    cells: tuple[Frag, ...]
    tabular: bool

    @property
    def blank(self) -> bool:
        """Given the line, return whether it has no visible text."""
        return not self.text.strip(" \t\f\v\u00a0")

    @property
    def filled(self) -> list[int]:
        """Given the line, return the indexes of its non-empty cells."""
        return [i for i, c in enumerate(self.cells) if c.text]


def make_frag(text: str, line: int, start: int) -> Frag:
    """Given raw cell text, its line and offset, return the stripped fragment.

    >>> make_frag("  ab \\t", 3, 10)
    Frag(text='ab', line=3, start=12, end=14)
    """
    stripped = text.strip(" \t\f\v\u00a0")
    if not stripped:
        return Frag("", line, start, start)
    lead = len(text) - len(text.lstrip(" \t\f\v\u00a0"))
    return Frag(stripped, line, start + lead, start + lead + len(stripped))


def split_tabs(text: str, number: int, start: int) -> tuple[Frag, ...]:
    """Given a line with tabs, return one fragment per tab-separated cell.

    >>> [f.text for f in split_tabs("a\\t b\\t", 1, 0)]
    ['a', 'b', '']
    """
    frags, pos = [], start
    for cell in text.split("\t"):
        frags.append(make_frag(cell, number, pos))
        pos += len(cell) + 1
    return tuple(frags)


def is_number_cell(text: str) -> bool:
    """Given a cell's text, return whether it is a number (money, a count, a nil dash).

    >>> is_number_cell("(0.30)"), is_number_cell("4,020"), is_number_cell("-"), is_number_cell("2019/20")
    (True, True, True, False)
    """
    return is_figure(text, nil_dash=True)


def header_shaped(cells: list[str]) -> bool:
    """Given a line's cell texts, return whether they are shaped like column headers, whatever the words.

    Two or more short cells, none a number, starting lower-case, ending a sentence or
    using running-text words.

    >>> header_shaped(["Line", "Budget £k", "Why late"]), header_shaped(["A1 resurfacing", "1,200", "Rain."])
    (True, False)
    >>> header_shaped(["Care and Support", "The development of services is", "The impact of this"])
    False
    """
    filled = [c.strip() for c in cells if c.strip()]
    if len(filled) < 2:
        return False
    for cell in filled:
        words = cell.lower().split()
        if len(cell) > MAX_HEADER_CELL_CHARS or len(words) > MAX_HEADER_CELL_WORDS or cell[-1] in ".!?,;":
            return False
        if _PROSE_WORDS.intersection(words) or cell[0].islower() or is_number_cell(cell):
            return False
    return True


def is_header(cells: list[str]) -> bool:
    """Given a line's cell texts, return whether they read like table column headers.

    Shaped like headers, all but one cell built from header words.

    >>> is_header(["Project", "Reason for Exception", "Mitigating Action"])
    True
    >>> is_header(["Scheme", "Issue", "Action", "RAG"])
    True
    >>> is_header(["Scheme A", "Delay", "Monitor", "Amber"])
    False
    >>> is_header(["Living at Home", "Additional time is needed to develop some schemes."])
    False
    """
    if not header_shaped(cells):
        return False
    filled = [c.strip() for c in cells if c.strip()]
    known = sum(1 for c in filled if names_a_column(c))
    return known >= 2 and known >= len(filled) - 1


def _drop_form_feed(raw: tuple[int, int, str]) -> tuple[int, int, str]:
    """Given a raw line, return it without a leading page-break form feed (it is no cell text)."""
    number, start, text = raw
    stripped = text.lstrip("\f")
    return number, start + len(text) - len(stripped), stripped


class Columns:
    """Turns raw lines of a tab-separated file into `Line`s: cells by tabs, else one piece."""

    def is_header(self, raw: tuple[int, int, str], block_start: bool = False) -> bool:
        """Given a raw line, return whether it is a table header.

        Tab cells of header words are a header anywhere (a header repeated mid-file); at
        the start of a block of tab lines, cells shaped like headers are enough.
        """
        text = _drop_form_feed(raw)[2]
        if "\t" not in text:
            return False
        cells = text.split("\t")
        return is_header(cells) or (block_start and header_shaped(cells))

    def line(self, raw: tuple[int, int, str]) -> Line:
        """Given a raw line, return it split into cells (tabular) or as one piece."""
        number, start, text = _drop_form_feed(raw)
        if "\t" in text:
            return Line(number, start, text, split_tabs(text, number, start), True)
        return Line(number, start, text, (make_frag(text, number, start),), False)


def split_lines(text: str, first_line: int = 1, offset: int = 0) -> list[tuple[int, int, str]]:
    """Given decoded text (and the number and offset of its first line in the file), return (number, start offset, text) per line.

    >>> split_lines("ab\\ncd"), split_lines("ab", 7, 30)
    ([(1, 0, 'ab'), (2, 3, 'cd')], [(7, 30, 'ab')])
    """
    out, pos = [], offset
    for number, line in enumerate(text.split("\n"), start=first_line):
        out.append((number, pos, line))
        pos += len(line) + 1
    return out
