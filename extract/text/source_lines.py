"""Layout text (`pdftotext -layout`) -> source lines as word runs, with page furniture blanked.

A word *run* is words separated by single spaces; two or more spaces part runs, which is all
the table finder (`extract.text.geometry`) needs to see columns. Page numbers and drawn rules
read as blank lines here, so they neither start nor break a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extract.prose import BULLET_GLYPHS

_RUN = re.compile(r"\S+(?: \S+)*")  # words separated by single spaces
_RULE_LINE = re.compile(r"^[\s\-=_~+]*[-=_~]{3}[\s\-=_~+]*$")  # "-----  -----", "=====": a drawn rule, no text
_PAGE_WORD = re.compile(r"^\s*page\s+\d{1,4}(\s+of\s+\d{1,4})?\s*$", re.IGNORECASE)  # "Page 3", "Page 3 of 5"
_BARE_NUMBER = re.compile(r"^\s*\d{1,4}(\s+of\s+\d{1,4})?\s*$")  # "3", "3 of 5"


@dataclass(frozen=True, slots=True)
class LayoutLine:
    """A source line with its word runs ([start, end) columns in the line), as read from the file."""

    number: int
    start: int
    text: str
    runs: tuple[tuple[int, int], ...]
    page_start: bool

    @property
    def blank(self) -> bool:
        """Given the line, return whether it has no text."""
        return not self.runs

    @property
    def words(self) -> str:
        """Given the line, return its words single-spaced, to recognise a repeated header."""
        return " ".join(self.text.split()).lower()


def word_runs(text: str) -> tuple[tuple[int, int], ...]:
    """Given a layout line, return [start, end) of word runs separated by 2+ spaces.

    >>> word_runs("Project    Reason for it   Action")
    ((0, 7), (11, 24), (27, 33))
    """
    return tuple((m.start(), m.end()) for m in _RUN.finditer(text.replace("\u00a0", " ")))


def _bullet_joined(text: str, runs: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """Given a line and its word runs, return them with a leading bullet glyph's run joined to the text it leads.

    `pdftotext -layout` sets a list's glyph apart from its text by the hanging indent, so
    without this a bulleted list reads as a table of a glyph column and a text column.

    >>> _bullet_joined("\uf0b7    Two developers have left.", ((0, 1), (5, 30)))
    ((0, 30),)
    """
    if len(runs) >= 2 and bullet_indent(text) == runs[1][0]:  # the glyph is a run of its own
        return ((runs[0][0], runs[1][1]), *runs[2:])
    return runs


def bullet_indent(text: str) -> int | None:
    """Given a line, return the column its text starts at after a leading bullet glyph set apart by white space, else None.

    >>> bullet_indent("  \uf0b7   Two developers"), bullet_indent("• x"), bullet_indent("Budget £k")
    (6, 2, None)
    """
    body = text.lstrip()
    if len(body) < 3 or body[0] not in BULLET_GLYPHS or body[1] not in " \t":
        return None
    return len(text) - len(body[1:].lstrip())


def layout_lines(raws: list[tuple[int, int, str]]) -> list[LayoutLine]:
    """Given (number, offset, text) lines, return them as LayoutLines, page numbers blanked.

    A form feed (pdftotext's page break) is dropped so it does not shift that page's
    columns, and marks the line as a page start. A page-number line and a rule drawn with
    dashes or equals signs ("=====  =====", reStructuredText's simple tables) read as
    blank: they are furniture, not text. "Page 3 of 5" is a page number anywhere; a bare
    "3" only as the last or first line of a page or between blank lines, since a wrapped
    cell line can be "2022".
    """
    out = []
    for number, start, text in raws:
        lead = len(text) - len(text.lstrip(" \f"))
        feed = text.rfind("\f", 0, lead) + 1  # the feed may follow the last page's padding spaces
        stripped = text[feed:]
        runs = () if _PAGE_WORD.match(stripped) or _RULE_LINE.match(stripped) else _bullet_joined(stripped, word_runs(stripped))
        out.append(LayoutLine(number, start + feed, stripped, runs, feed > 0))
    numbers = _bare_page_numbers(out)
    return [replace(line, runs=()) if k in numbers else line for k, line in enumerate(out)]


def _bare_page_numbers(lines: list[LayoutLine]) -> set[int]:
    """Given the lines, return the indexes of bare numbers that end or start a page or stand alone."""
    texts = [k for k, line in enumerate(lines) if not line.blank]
    out = set()
    for n, k in enumerate(texts):
        if not _BARE_NUMBER.match(lines[k].text):
            continue
        nxt = texts[n + 1] if n + 1 < len(texts) else None
        prev = texts[n - 1] if n else -1
        ends_page = nxt is None or any(line.page_start for line in lines[k + 1 : nxt + 1])
        starts_page = any(line.page_start for line in lines[prev + 1 : k + 1])
        alone = k - prev > 1 and (nxt is None or nxt - k > 1)  # blank lines around it (no form feeds: -nopgbrk)
        if ends_page or starts_page or alone:
            out.add(k)
    return out
