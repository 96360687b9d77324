"""Assemble text-file table rows from per-line fragments, then cells and paragraphs.

Two row layouts share this code. In the *line* layout each source line is a row (or a
continuation line with an empty first column, each line a paragraph). In the *column*
layout a row's cells are wrapped over many visual lines, so the first column's words
run down the page beside the others; fragments are kept one per "\\n"-separated line
inside a paragraph. A column that is empty on a line where others have text marks a
paragraph break there, but only where its last fragment ended a sentence and the next
does not read mid-sentence: `pdftotext -layout` interleaves neighbouring columns' lines,
leaving one-line gaps in the middle of sentences. Bullets ("•", or "- " after a colon)
start bullet paragraphs; a lone "-" is a stray list marker and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.html.fragments import has_markup, html_paragraph_spans, html_to_paragraphs
from extract.model import Cell, Paragraph, ParagraphStyle, Prov, Table
from extract.prose import BULLET_GLYPHS, ends_sentence, is_numeric_date, strip_tags
from extract.text.lines import Frag, is_number_cell

# A fragment that begins like the middle of a sentence: lower case, a digit, a bracket...
_CONTINUES = re.compile(r"^[a-z0-9(£$€%,;:&/–-]")
_BLOCK_MARKUP = re.compile(r"<\s*/?\s*(p|ul|ol|li|br|div)\b", re.IGNORECASE)
_DASH_ITEM = re.compile(r"^[-–*] +\S")
_STRAY_MARKERS = frozenset({"-", "–", "—", "*"})
Entry = Frag | None  # None marks a paragraph break in the column


def starts_midsentence(text: str) -> bool:
    """Given fragment text, return whether it starts like a continuation ("the Costs of").

    >>> starts_midsentence("request by the"), starts_midsentence("Care and Support")
    (True, False)
    """
    return bool(_CONTINUES.match(strip_tags(text).lstrip()))


@dataclass(slots=True)
class RowBuilder:
    """The fragments of one table row, column by column, as lines arrive."""

    n_cols: int
    cols: list[list[Entry]] = field(default_factory=list)
    wrapped: bool = False

    def __post_init__(self) -> None:
        self.cols = [[] for _ in range(self.n_cols)]

    def add(self, frags: tuple[Frag, ...], gap_before: bool = False) -> None:
        """Given one line's fragments, append them; empty columns become breaks."""
        while len(self.cols) < len(frags):
            self.cols.append([])
        for j, col in enumerate(self.cols):
            frag = frags[j] if j < len(frags) else None
            if gap_before or frag is None or not frag.text:
                col.append(None)
            if frag is not None and frag.text:
                col.append(frag)

    def last_text(self, j: int) -> str | None:
        """Given a column, return the text of its last fragment, or None."""
        col = self.cols[j] if j < len(self.cols) else []
        return next((e.text for e in reversed(col) if e is not None), None)

    def repeats_figure(self, frags: tuple[Frag, ...], *, on_figure: bool = False) -> bool:
        """Given a line, return whether it puts a number or numeric date in a column (not the first) that already has text.

        Neither wraps, so such a line starts a row. With `on_figure` the column's last text must be a figure too: a
        line with its first cell empty then starts a row (a Total row with no code) only by a figure under a figure.
        """
        def figure(text: str | None) -> bool:
            return text is not None and (is_number_cell(text) or is_numeric_date(text))

        return any(figure(frags[j].text) and self.last_text(j) is not None and (not on_figure or figure(self.last_text(j)))
                   for j in range(1, len(frags)) if frags[j].text)

    def starts_new(self, frags: tuple[Frag, ...], column_layout: bool) -> bool:
        """Given a line whose first column has text, return whether it starts a new row.

        A number or a numeric date in a column that already has text starts one: neither wraps. It
        continues this row when only the first column has text (a wrapped project
        name), when the first column reads mid-sentence after an unfinished fragment,
        or when another column's last fragment has not ended its sentence and (in the
        column layout) the row is already wrapped or this line picks it up mid-sentence.
        """
        if not any(frags[j].text for j in range(1, len(frags))):
            return False
        if self.repeats_figure(frags):
            return True
        first = self.last_text(0)
        if first and not ends_sentence(first) and starts_midsentence(frags[0].text):
            return False
        open_cols = [j for j in range(1, len(self.cols)) if (t := self.last_text(j)) and not ends_sentence(t)]
        if not open_cols:
            return True
        if column_layout or self.wrapped:
            return False
        return not any(j < len(frags) and starts_midsentence(frags[j].text) for j in open_cols)


def _provs(frags: list[Frag], table: int, row: int, col: int) -> tuple[Prov, ...]:
    """Given fragments, return one Prov per fragment."""
    return tuple(Prov(table=table, row=row, col=col, line=f.line, char_start=f.start, char_end=f.end) for f in frags)


def _inline_text(text: str) -> str:
    """Given one fragment, return it without inline markup."""
    return " ".join(t for t, _ in html_to_paragraphs(text)) if has_markup(text) else text


def _html_column(entries: list[Entry], where: tuple[int, int, int]) -> list[Paragraph]:
    """Given a column whose fragments hold block HTML, return one Paragraph per <p>/item."""
    frags = [e for e in entries if e is not None]
    joined, offsets, pos = [], [], 0
    for f in frags:
        offsets.append(pos)
        joined.append(f.text)
        pos += len(f.text) + 1
    source = "\n".join(joined)
    out = []
    for p in html_paragraph_spans(source):
        provs = []
        for f, off in zip(frags, offsets, strict=True):
            a, b = max(p.start, off), min(p.end, off + len(f.text))
            if a < b:
                provs.append(Prov(table=where[0], row=where[1], col=where[2], line=f.line,
                                  char_start=f.start + a - off, char_end=f.start + b - off))
        out.append(Paragraph(text=p.text, raw=source[p.start:p.end], style=p.style, prov=tuple(provs)))
    return out


def _is_dash_item(text: str, prev: str, prev_style: str) -> bool:
    """Given a fragment, the one before and the current style, return whether it is a "- item".

    Only after a colon or another item: "- Younger Adults" under "Placements" is a name.

    >>> _is_dash_item("- value engineering", "Options under review:", "text")
    True
    >>> _is_dash_item("- Younger", "Placements", "text")
    False
    """
    return _DASH_ITEM.match(text) is not None and (prev.rstrip().endswith(":") or prev_style == "bullet")


def _plain_column(entries: list[Entry], wrapped: bool, where: tuple[int, int, int]) -> list[Paragraph]:
    """Given a column of plain fragments, return its paragraphs (see the module docstring)."""
    paras: list[tuple[ParagraphStyle, list[Frag], list[str]]] = []
    brk, bullet, prev = True, False, ""
    for e in entries:
        if e is None or e.text in _STRAY_MARKERS or e.text in BULLET_GLYPHS:
            brk, bullet = True, bullet or (e is not None and e.text in BULLET_GLYPHS)
            continue
        text = _inline_text(e.text)
        starts_bullet = text[:1] in BULLET_GLYPHS or _is_dash_item(text, prev, paras[-1][0] if paras else "text")
        text = text.lstrip(BULLET_GLYPHS + "-–* ") if starts_bullet else text
        sentence_break = ends_sentence(prev) and not starts_midsentence(text)
        # A gap only breaks where a sentence ended: layout exports interleave the lines of
        # neighbouring columns, leaving one-line gaps mid-sentence.
        brk = brk and (sentence_break or bullet)
        # A wrapped bullet that ends a sentence and is followed by a capital: the list is over.
        leaves_list = wrapped and paras and paras[-1][0] == "bullet" and sentence_break
        if brk or starts_bullet or not paras or leaves_list or (not wrapped and sentence_break):
            paras.append(("bullet" if starts_bullet or bullet else "text", [], []))
        paras[-1][1].append(e)
        paras[-1][2].append(text)
        brk, bullet, prev = False, False, e.text
    return [Paragraph(text="\n".join(texts), raw="\n".join(f.text for f in frags), style=style,
                      prov=_provs(frags, *where)) for style, frags, texts in paras if any(texts)]


def column_paragraphs(entries: list[Entry], wrapped: bool, where: tuple[int, int, int]) -> tuple[Paragraph, ...]:
    """Given a column's fragments and (table, row, col), return the cell's paragraphs."""
    if any(e is not None and _BLOCK_MARKUP.search(e.text) for e in entries):
        return tuple(_html_column(entries, where))
    return tuple(_plain_column(entries, wrapped, where))


def build_table(index: int, header: tuple[Frag, ...] | None, rows: list[RowBuilder], n_cols: int) -> Table:
    """Given a table's header fragments and row builders, return the `Table` (header is row 0)."""
    out: list[tuple[Cell, ...]] = []
    if header is not None:
        out.append(tuple(Cell(0, j, tuple(column_paragraphs([f], False, (index, 0, j))), prov=_provs([f], index, 0, j))
                         for j, f in enumerate(header[:n_cols])))
    for row in rows:
        r = len(out)
        cells = []
        for j in range(n_cols):
            entries = row.cols[j] if j < len(row.cols) else []
            frags = [e for e in entries if e is not None]
            cells.append(Cell(r, j, column_paragraphs(entries, row.wrapped, (index, r, j)), prov=_provs(frags, index, r, j)))
        out.append(tuple(cells))
    provs = tuple(p for row_cells in out for c in row_cells[:1] for p in c.prov[:1])
    return Table(index=index, rows=tuple(out), n_cols=n_cols, prov=provs)
