"""Whitespace columns: find runs of PDF lines that share vertical gutters (no header words needed).

A borderless table shows itself by geometry: the x-ranges its words cover, pooled over
many lines, leave vertical blank bands (gutters) that hold from line to line. A run grows
line by line while its gutters survive; a line that would fill a gutter that several lines
already confirm either crosses it as a label (a spanning header or a full-width heading
row) or ends the run. Prose fills every band within a line or two, so it never grows a
run; whether a run is a table at all is decided by `extract.pdf.verdict`.

Why not pdfplumber's text strategy with clustered word x0s as `explicit_vertical_lines`
(STYLE H6): x0s cluster for left-aligned text but not for right-aligned figures, whose x0
moves with each number's width, and that strategy's rows are word tops, so wrapped cells
split into rows. Pooling both x0 and x1 into covered ranges finds the figure columns, and
rows are grouped here by gaps and the key column instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extract.pdf.lines import DASH_GLYPHS, Line, Word
from extract.prose import BULLET_GLYPHS, PAUSE_STOPS, ends_sentence

Span = tuple[float, float]

# A vertical band this many font sizes wide, blank on every line of a run, is a gutter.
MIN_GUTTER = 0.5
# A gutter is confirmed once this many lines have text on both sides of it.
CONFIRMED = 2
# A vertical gap this many font sizes high ends a run; so does a change of font size.
TABLE_END_GAP = 3.0
SIZE_STEP = 0.5
# A line that crosses confirmed gutters may stay in the run as a label row of at most so many words.
MAX_LABEL_WORDS = 12
MAX_RUN_WORDS = 8
# A list marker ("1.", "(b)", "iv)") leads the text it numbers, like a bullet glyph.
MARKER_RE = re.compile(r"^(\(?\d{1,2}(\.\d{1,2})*[.)]|\d{1,2}(\.\d{1,2})+|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])$", re.I)
# Justified prose spreads a line's spaces evenly, in a scan up to 0.75 of a font size wide:
# a line with at least JUSTIFIED_GAPS gaps, all under a font size and within JUSTIFIED_SPREAD
# of each other, is one span. A table row's gaps are uneven: spaces within cells, wider ones
# between them.
JUSTIFIED_GAPS = 5
JUSTIFIED_SPREAD = 1.35


@dataclass(frozen=True, slots=True)
class Region:
    """A run of lines sharing gutters.

    Attributes:
        start: index of its first line in the page's lines.
        end: index just past its last line.
        columns: each column's (x0, x1), left to right.
        crossing: indexes (page-line numbers) of label lines that cross gutters.
        carried: whether the columns came from the previous page's table.
    """

    start: int
    end: int
    columns: tuple[Span, ...]
    crossing: frozenset[int]
    carried: bool = False


def spans_of(line: Line) -> list[Span]:
    """Given a line, return the x-ranges of its words, a bullet or list marker joined to the word it leads
    (a justified line of prose: its one range)."""
    words = line.words
    if _justified(words):
        return [(line.x0, line.x1)]
    out: list[Span] = []
    for i, w in enumerate(words):
        if out and _is_marker(words[i - 1].text, i == 1) and w.x0 - words[i - 1].x1 < 3 * w.size:
            out[-1] = (out[-1][0], w.x1)
        else:
            out.append((w.x0, w.x1))
    return out


def _justified(words: Sequence[Word]) -> bool:
    """Given a line's words, return whether its gaps are the even spaces of justified prose (see JUSTIFIED_GAPS).

    >>> def line(*xs):
    ...     return [Word("word", x, x + 20, 0, 10, 10, False) for x in xs]
    >>> _justified(line(0, 27, 54, 81, 108, 135)), _justified(line(0, 27, 54, 81, 140, 167))  # prose, a table row
    (True, False)
    """
    gaps = [b.x0 - a.x1 for a, b in zip(words, words[1:], strict=False)]
    if len(gaps) < JUSTIFIED_GAPS or min(gaps) <= 0:
        return False
    return max(gaps) <= JUSTIFIED_SPREAD * min(gaps) and max(gaps) < min(w.size for w in words)


def _is_marker(text: str, opens_line: bool) -> bool:
    """Given a word and whether it opens its line, return whether it is a bullet glyph or list number.

    A number counts only at the start of the line: mid-line, "(30)" is a figure in its column.
    """
    return text in DASH_GLYPHS or (len(text) == 1 and text in BULLET_GLYPHS) or (opens_line and bool(MARKER_RE.match(text)))


def merge(cover: Sequence[Span], spans: Sequence[Span], gap: float) -> list[Span]:
    """Given covered ranges and new ones, return their union, joining ranges closer than `gap`.

    >>> merge([(0, 10), (30, 40)], [(12, 14)], gap=5)
    [(0, 14), (30, 40)]
    """
    out: list[Span] = []
    for a, b in sorted([*cover, *spans]):
        if out and a - out[-1][1] < gap:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def gutters(cover: Sequence[Span]) -> list[Span]:
    """Given merged covered ranges, return the blank bands between them."""
    return [(a[1], b[0]) for a, b in zip(cover, cover[1:], strict=False)]


def support(gutter: Span, lines: Sequence[Line]) -> int:
    """Given a gutter and lines, return how many lines have words on both sides of it."""
    return sum(1 for ln in lines if ln.x0 < gutter[0] and any(w.x0 >= gutter[1] for w in ln.words))


def segments(line: Line) -> list[list[Word]]:
    """Given a line, return its runs of words split where the gap is wider than a font size."""
    runs: list[list[Word]] = [[line.words[0]]]
    for prev, word in zip(line.words, line.words[1:], strict=False):
        if word.x0 - prev.x1 > max(prev.size, word.size):
            runs.append([word])
        else:
            runs[-1].append(word)
    return runs


def label_like(line: Line) -> bool:
    """Given a line, return whether it reads as labels (short runs, none ending a sentence), not prose."""
    runs = segments(line)
    if len(line.words) > MAX_LABEL_WORDS or any(len(r) > MAX_RUN_WORDS for r in runs):
        return False
    return not any(ends_sentence(" ".join(w.text for w in r), PAUSE_STOPS) for r in runs)


def opens_table(lines: Sequence[Line], j: int, members: Sequence[Line]) -> bool:
    """Given line j below a table's plain rows, return whether it is the bold header row of a new table."""
    line = lines[j]
    if not line.bold or len(segments(line)) < 2 or not label_like(line) or all(m.bold for m in members):
        return False
    return j + 1 < len(lines) and not lines[j + 1].bold and len(segments(lines[j + 1])) >= 2


def fits(line: Line, columns: Sequence[Span]) -> bool:
    """Given a line and columns, return whether none of its words reaches into a gutter."""
    bands = gutters(columns)
    return not any(w.x1 > a + 1 and w.x0 < b - 1 for a, b in bands for w in line.words) and line.x0 > columns[0][0] - 2 * line.size


def hard_break(prev: Line, line: Line, body: float) -> bool:
    """Given two consecutive lines and the page's body font size, return whether a table cannot span them.

    A change of size ends a table where the larger line is larger than body text (a
    heading); a header row set smaller than its body is still part of the table.
    """
    if line.top - prev.bottom > TABLE_END_GAP * line.size:
        return True
    return abs(line.size - prev.size) > SIZE_STEP and max(line.size, prev.size) > body + SIZE_STEP


def body_size(lines: Sequence[Line]) -> float:
    """Given a page's lines, return the font size most of its words use."""
    sizes = sorted(round(w.size, 1) for ln in lines for w in ln.words)
    return sizes[len(sizes) // 2] if sizes else 10.0


class RunBuilder:
    """Grows one run of lines, keeping the union of what its (non-crossing) lines cover."""

    def __init__(self, lines: Sequence[Line], start: int, carried: Sequence[Span] = ()) -> None:
        self.lines = lines
        self.start = start
        self.size = lines[start].size
        self.gap = MIN_GUTTER * self.size
        self.cover: list[Span] = list(carried)
        self.members: list[Line] = []
        self.crossing: set[int] = set()
        self.confirmed_from_carry = len(carried) > 1

    def try_add(self, j: int) -> bool:
        """Given line j (the next line), return whether it joins the run (updating the run)."""
        line = self.lines[j]
        if opens_table(self.lines, j, self.members):
            return False
        new = merge(self.cover, spans_of(line), self.gap)
        if len(new) < 2 and self.members:
            return False
        lost = [g for g in gutters(self.cover) if not any(a < g[1] and b > g[0] for a, b in gutters(new))]
        if any(self._confirmed(g) for g in lost):
            if not label_like(line) or j + 1 >= len(self.lines) or not fits(self.lines[j + 1], self.cover):
                return False
            self.crossing.add(j)
            return True
        self.cover = new
        self.members.append(line)
        return True

    def _confirmed(self, gutter: Span) -> bool:
        """Given a gutter of the run, return whether enough lines (or the carried table) confirm it."""
        return self.confirmed_from_carry or support(gutter, self.members) >= CONFIRMED


def grow(lines: Sequence[Line], start: int, body: float, carried: Sequence[Span] = ()) -> Region:
    """Given a page's lines, a start index and the body font size, return the longest run from there that keeps its gutters."""
    run = RunBuilder(lines, start, carried)
    run.try_add(start)
    j = start + 1
    while j < len(lines) and not hard_break(lines[j - 1], lines[j], body) and run.try_add(j):
        j += 1
    crossing = frozenset(run.crossing)
    while j - 1 in crossing:  # a label line needs table rows after it
        j -= 1
        crossing -= {j}
    return refine(lines, Region(start, j, tuple(run.cover), crossing, carried=bool(carried)))


def refine(lines: Sequence[Line], region: Region) -> Region:
    """Given a run, return it with a spanning label line at its top moved to `crossing` when that splits columns.

    A group label over sub-headers ("Savings £000" over "Target | Achieved") joins their
    columns while it is counted; without it the body's gutters show.
    """
    crossing = set(region.crossing)
    cover = list(region.columns)
    for k in range(region.start, min(region.start + 2, region.end)):
        if not label_like(lines[k]) or k in crossing:
            continue
        rest = [ln for i, ln in enumerate(lines[region.start : region.end], region.start) if i != k and i not in crossing]
        without = _cover(rest, lines[region.start].size)
        confirmed = [g for g in gutters(without) if support(g, rest) >= CONFIRMED]
        if len(confirmed) > len([g for g in gutters(cover) if support(g, rest) >= CONFIRMED]):
            crossing.add(k)
            cover = without
    return Region(region.start, region.end, tuple(cover), frozenset(crossing), region.carried)


def _cover(lines: Sequence[Line], size: float) -> list[Span]:
    """Given lines, return the merged x-ranges their words cover."""
    cover: list[Span] = []
    for line in lines:
        cover = merge(cover, spans_of(line), MIN_GUTTER * size)
    return cover


def column_of(columns: Sequence[Span], x0: float, x1: float) -> int:
    """Given columns and a word's x-range, return the column holding its centre (the nearest one)."""
    mid = (x0 + x1) / 2
    return min(range(len(columns)), key=lambda c: max(columns[c][0] - mid, mid - columns[c][1], 0.0))
