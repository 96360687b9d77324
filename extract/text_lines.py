"""Plain-text lines -> cells: tab-separated or `pdftotext -layout` columns, with offsets.

A `Frag` is one column's text on one source line, stripped, with its 1-based line
number and [start, end) offsets into the decoded text, so every paragraph built from
fragments can point back at the characters it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.vocabulary import HEADER_WORD_IN_TEXT

# Words that column headers of exception tables are made of, matched as word stems so
# "Mitigating Action", "Mitigation", "Issues", "Actions" and "RAG status" all count.
# Words of running text that column headers do not use ("The impact of this is ...").
_PROSE_WORDS = frozenset("is are was were has have had been being will would should could can may this these those it its which".split())
_GAP = re.compile(r"\S+(?: \S+)*")  # a run of words separated by single spaces
_PAGE_NUMBER = re.compile(r"^\s*(page\s+)?\d{1,4}(\s+of\s+\d{1,4})?\s*$", re.IGNORECASE)
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


def runs(text: str) -> list[tuple[int, int]]:
    """Given a layout line, return [start, end) of word runs separated by 2+ spaces.

    >>> runs("Project    Reason for it   Action")
    [(0, 7), (11, 24), (27, 33)]
    """
    return [(m.start(), m.end()) for m in _GAP.finditer(text.replace("\f", " "))]


def is_header(cells: list[str]) -> bool:
    """Given a line's cell texts, return whether they read like table column headers.

    Two or more short cells, none starting lower-case, ending a sentence or using
    running-text words, all but one built from header words.

    >>> is_header(["Project", "Reason for Exception", "Mitigating Action"])
    True
    >>> is_header(["Scheme", "Issue", "Action", "RAG"])
    True
    >>> is_header(["Scheme A", "Delay", "Monitor", "Amber"])
    False
    >>> is_header(["Living at Home", "Additional time is needed to develop some schemes."])
    False
    >>> is_header(["Care and Support", "The development of services is", "The impact of this"])
    False
    """
    filled = [c.strip() for c in cells if c.strip()]
    if len(filled) < 2:
        return False
    for cell in filled:
        words = cell.lower().split()
        if len(cell) > MAX_HEADER_CELL_CHARS or len(words) > MAX_HEADER_CELL_WORDS or cell[-1] in ".!?,;":
            return False
        if _PROSE_WORDS.intersection(words) or cell[0].islower():
            return False
    known = sum(1 for c in filled if HEADER_WORD_IN_TEXT.search(c))
    return known >= 2 and known >= len(filled) - 1


def layout_header_starts(text: str) -> tuple[int, ...] | None:
    """Given a line of a `pdftotext -layout` export, return its column starts if it is a header.

    >>> layout_header_starts("Scheme      Issue          Action     RAG")
    (0, 12, 27, 38)
    >>> layout_header_starts("Some prose line with single spaces only") is None
    True
    """
    spans = runs(text)
    if is_header([text[a:b] for a, b in spans]):
        return tuple(a for a, _ in spans)
    return None


def is_page_number(text: str) -> bool:
    """Given a line, return whether it is only a page number ("3", "Page 3 of 5")."""
    return bool(text.strip()) and _PAGE_NUMBER.match(text) is not None


def column_of(start: int, starts: tuple[int, ...], ends: tuple[int, ...]) -> int:
    """Given a run's start, return its column: boundaries sit midway between header cells."""
    col = 0
    for j in range(1, len(starts)):
        # A centred or indented header sits a little right of its column's text.
        boundary = min(starts[j], (ends[j - 1] + starts[j] + 1) // 2)
        if start >= boundary:
            col = j
    return col


def _split_straddlers(text: str, a: int, b: int, starts: tuple[int, ...]) -> list[tuple[int, int]]:
    """Given a run [a, b) crossing later column starts, return it cut where a word starts there."""
    cuts = [a]
    for s in starts:
        if a < s < b and text[s - 1] == " " and text[s] != " ":
            cuts.append(s)
    cuts.append(b)
    return [(x, y) for x, y in zip(cuts, cuts[1:], strict=False)]


def cut_columns(text: str, number: int, start: int, starts: tuple[int, ...], ends: tuple[int, ...]) -> tuple[Frag, ...]:
    """Given a layout line and its header's column starts/ends, return one fragment per column.

    A run belongs to the column it starts in, so a word straddling a boundary stays with
    the text it begins.

    >>> [f.text for f in cut_columns("Shared    Staff were late.   Recruit", 1, 0, (0, 10, 29), (6, 15, 35))]
    ['Shared', 'Staff were late.', 'Recruit']
    """
    pieces: list[list[tuple[int, int]]] = [[] for _ in starts]
    for a, b in runs(text):
        for x, y in _split_straddlers(text, a, b, starts):
            pieces[column_of(x, starts, ends)].append((x, y))
    frags = []
    for spans in pieces:
        if not spans:
            frags.append(Frag("", number, start, start))
            continue
        joined = " ".join(text[x:y].strip() for x, y in spans)
        frags.append(Frag(joined, number, start + spans[0][0], start + spans[-1][1]))
    return tuple(frags)


def _drop_form_feed(raw: tuple[int, int, str]) -> tuple[int, int, str]:
    """Given a raw line, return it without the page-break form feed pdftotext puts first.

    The feed is not a column: keeping it would shift that page's header one character right.
    """
    number, start, text = raw
    stripped = text.lstrip("\f")
    return number, start + len(text) - len(stripped), stripped


class Columns:
    """Turns raw lines into `Line`s: by tabs, or by the latest layout header's columns."""

    def __init__(self, layout: bool) -> None:
        self.layout = layout
        self.starts: tuple[int, ...] | None = None
        self.ends: tuple[int, ...] = ()

    def header_starts(self, text: str) -> tuple[int, ...] | None:
        """Given a raw line, return its column starts when it is a layout header."""
        return layout_header_starts(text) if self.layout else None

    def is_header(self, raw: tuple[int, int, str]) -> bool:
        """Given a raw line, return whether it is a table header in this file's mode."""
        text = _drop_form_feed(raw)[2]
        if self.layout:
            return self.header_starts(text) is not None
        return "\t" in text and is_header(text.split("\t"))

    def line(self, raw: tuple[int, int, str]) -> Line:
        """Given a raw line, return it split into cells (tabular) or as one piece."""
        number, start, text = _drop_form_feed(raw)
        if not self.layout and "\t" in text:
            return Line(number, start, text, split_tabs(text, number, start), True)
        starts = self.header_starts(text)
        if starts is not None:
            self.starts, self.ends = starts, tuple(b for _, b in runs(text))
        if self.layout and self.starts and not self._is_prose(text):
            return Line(number, start, text, cut_columns(text, number, start, self.starts, self.ends), True)
        return Line(number, start, text, (make_frag(text, number, start),), False)

    def _is_prose(self, text: str) -> bool:
        """Given a layout line, return whether it is one run crossing into the second column."""
        spans = runs(text)
        assert self.starts is not None
        if len(spans) != 1 or len(self.starts) < 2:
            return False
        return column_of(spans[0][0], self.starts, self.ends) == 0 and spans[0][1] > self.starts[1]
