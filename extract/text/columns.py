"""Columns of a layout table from where its rows' text lies, and the column of each run.

Runs are [start, end) character intervals of words separated by two or more spaces.
The columns are the stretches the body rows cover; where one tight line bridges the gutter
between two well-filled columns with a single space (a cell filled to its edge), the
stretch still splits at that valley, and the bridging run is cut at its space there.
"""

from __future__ import annotations

Span = tuple[int, int]
HEADER_MARGIN = 2  # a header over no body column stands this far from the body's columns
MIN_PEAK_LINES = 3  # lines each side of a valley must fill for it to be a gutter
MAX_VALLEY_SHARE = 0.2  # a valley's lines as a share of the thinner side's peak


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Given two [start, end) intervals, return how many positions they share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Given intervals, return their union as sorted disjoint intervals."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(intervals):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _counts(body: list[tuple[Span, ...]]) -> list[int]:
    """Given the body lines' runs, return how many lines have text at each position."""
    width = max((b for runs in body for _, b in runs), default=0)
    cover = [0] * (width + 1)
    for runs in body:
        for a, b in runs:
            for x in range(a, b):
                cover[x] += 1
    return cover


def _stretches(cover: list[int]) -> list[Span]:
    """Given coverage counts, return the stretches with any text."""
    out, start = [], None
    for x, n in enumerate(cover):
        if n and start is None:
            start = x
        elif not n and start is not None:
            out.append((start, x))
            start = None
    return out


def _split_valleys(cover: list[int], span: Span) -> list[Span]:
    """Given coverage counts and a covered stretch, return it split at deep valleys (tight gutters)."""
    a, b = span
    best: tuple[int, int] | None = None
    for x in range(a + 1, b - 1):
        left, right = max(cover[a:x]), max(cover[x + 1 : b])
        depth_ok = cover[x] <= MAX_VALLEY_SHARE * min(left, right)
        if min(left, right) >= MIN_PEAK_LINES and depth_ok and (best is None or cover[x] < best[1]):
            best = (x, cover[x])
    if best is None:
        return [span]
    x, low = best
    end = x
    while end < b and cover[end] == low:
        end += 1
    return _split_valleys(cover, (a, x)) + _split_valleys(cover, (end, b))


def find_columns(body: list[tuple[Span, ...]], header: list[tuple[Span, ...]]) -> tuple[Span, ...]:
    """Given the runs of a region's body and header lines, return its columns: the stretches the body covers.

    Only lines with two or more runs count, and the header not at all: a header cell may
    be centred across a gutter ("Budget £k" over two year columns) and a sub-heading alone
    on its line may be wider than the first column. A header run over no body column (a
    column empty in every row) is a column of its own.

    >>> body = [((0, 5), (13, 15)), ((0, 5), (12, 15))]
    >>> find_columns(body, [((0, 4), (9, 15))])
    ((0, 5), (12, 15))
    """
    multi = [runs for runs in body if len(runs) > 1]
    cover = _counts(multi)
    columns = [part for span in _stretches(cover) for part in _split_valleys(cover, span)]
    extra = [r for runs in header for r in runs if not any(overlaps((r[0] - HEADER_MARGIN, r[1] + HEADER_MARGIN), c) for c in columns)]
    return tuple(sorted(columns + merge(extra)))


def column_of(run: tuple[int, int], columns: tuple[Span, ...]) -> int:
    """Given a run and the columns, return its column: the one it starts in, else the one it overlaps most, else the nearest."""
    for j, (a, b) in enumerate(columns):
        if a <= run[0] < b:
            return j
    best = max(range(len(columns)), key=lambda j: overlaps(run, columns[j]))
    if overlaps(run, columns[best]):
        return best
    return min(range(len(columns)), key=lambda j: min(abs(run[0] - columns[j][0]), abs(run[0] - columns[j][1])))




def split_run(text: str, run: Span, columns: tuple[Span, ...]) -> list[Span]:
    """Given a line's text, one of its runs and the columns, return the run cut where it bridges a gutter.

    The cut is at a space inside the gutter, so "gas main The contractor" bridging a
    tight gutter gives "gas main" and "The contractor"; a run with no space there stays whole.

    >>> split_run("gas main The contractor", (0, 23), ((0, 8), (9, 30)))
    [(0, 8), (9, 23)]
    >>> split_run("Fleet and", (0, 9), ((0, 5), (8, 26)))
    [(0, 9)]
    """
    a, b = run
    cuts = []
    for left, right in zip(columns, columns[1:], strict=False):
        if a < left[1] and right[0] < b:
            # The words after the space start where the right column starts: a sub-heading
            # wider than the first column, whose next word starts elsewhere, is not cut.
            space = next((p for p in (right[0] - 1, right[0] - 2, right[0]) if a < p < b - 1 and text[p] == " "), None)
            if space is not None:
                cuts.append(space)
    pieces, start = [], a
    for p in cuts:
        pieces.append((start, p))
        start = p + 1
    return [*pieces, (start, b)]
