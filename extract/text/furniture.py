"""Page furniture in layout text: running headers and footers repeated on every page.

`pdftotext -layout` prints each page's header and footer ("Cabinet – 8 February 2022",
"Appendix C   Page 2 of 4") among the text; inside a table that runs over a page they
would read as cells. A line is furniture when, with its digits ignored, the same words
stand among the last two lines of two or more pages (a footer), or as a one-run line
among the first two (a running header, kept on the first page where it is often the
title; a table header repeated at the top of each page has columns and is left to the
table reader, which drops repeats itself).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from extract.text.source_lines import LayoutLine

EDGE_LINES = 2  # lines at the top and bottom of a page that may be furniture
MIN_PAGES = 2
_DIGITS = re.compile(r"\d+")


def _key(line: LayoutLine) -> str:
    """Given a line, return its words with numbers ignored, to spot the same furniture on each page."""
    return _DIGITS.sub("#", " ".join(line.text.split()).lower())


def _pages(lines: list[LayoutLine]) -> list[list[int]]:
    """Given all lines, return the indexes of each page's non-blank lines."""
    pages: list[list[int]] = [[]]
    for k, line in enumerate(lines):
        if line.page_start and pages[-1]:
            pages.append([])
        if not line.blank:
            pages[-1].append(k)
    return [p for p in pages if p]


def _edges(lines: list[LayoutLine], pages: list[list[int]]) -> tuple[list[list[int]], list[list[int]]]:
    """Given the pages, return each page's top candidates (one-run lines) and bottom lines."""
    tops = [[k for k in page[:EDGE_LINES] if len(lines[k].runs) == 1] for page in pages]
    bottoms = [page[-EDGE_LINES:] for page in pages]
    return tops, bottoms


def blank_furniture(lines: list[LayoutLine]) -> list[LayoutLine]:
    """Given a file's layout lines, return them with running headers and footers blanked."""
    pages = _pages(lines)
    if len(pages) < MIN_PAGES:
        return lines
    drop: set[int] = set()
    tops, bottoms = _edges(lines, pages)
    for edge, keep_first in ((tops, True), (bottoms, False)):
        counts = Counter(key for page in edge for key in {_key(lines[k]) for k in page})
        # The first page's running header is kept: it is often the title, with the report's year.
        drop.update(k for page in edge[1 if keep_first else 0 :] for k in page if counts[_key(lines[k])] >= MIN_PAGES)
    return [replace(line, runs=()) if k in drop else line for k, line in enumerate(lines)]
