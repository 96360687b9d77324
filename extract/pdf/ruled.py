"""Find the ruled tables on one PDF page and recognise header rows by their words or their bold labels.

Ruled tables come from pdfplumber's `find_tables` with explicit line strategies; each
cell's words (by centre) become its paragraphs. Borderless tables are found afterwards
by `extract.pdf.borderless`, which reuses the helpers here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pdfplumber.utils.clustering import cluster_list

from extract.model import BBoxTL, Cell, Prov
from extract.pdf.lines import Word, paragraphs_in, words_in
from extract.prose import HEADER_STOPS, ends_sentence, is_figure
from extract.stitch import TablePart
from extract.vocabulary import names_a_column

RULED_SETTINGS: dict[str, Any] = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
# Cell edges closer than this (points) are one column / row edge.
EDGE_TOLERANCE = 2.0
MAX_LABEL_WORDS = 6


def find_ruled(page: Any, words: Sequence[Word], lines: dict[str, Any] | None = None) -> list[TablePart]:
    """Given a pdfplumber page, its words and any rulings found elsewhere, return its ruled tables of two or more columns.

    A ruled row alone (a shaded or boxed header over a borderless body, whatever its
    words) is left out, so the borderless pass finds its words and reads the body under it.
    `lines` are pdfplumber explicit-line settings (a scanned page's rulings, read from its
    image by `extract.ocr.rulings`), used beside the page's own lines and rects.
    """
    parts = []
    for table in page.find_tables(table_settings={**RULED_SETTINGS, **(lines or {})}):
        part = ruled_part(table.cells, words, page.page_number)
        if part is not None and part.n_cols >= 2 and len(part.rows) > 1:
            parts.append(part)
    return parts


def _cluster_edges(values: Sequence[float]) -> list[float]:
    """Given edge coordinates, return one (the smallest) per cluster of near-equal values."""
    return [min(c) for c in cluster_list(list(values), tolerance=EDGE_TOLERANCE)]


def index_at(edges: Sequence[float], x: float) -> int:
    """Given sorted edges and a coordinate, return the index of the last edge at or left of it."""
    return max(0, sum(1 for e in edges if e <= x + EDGE_TOLERANCE) - 1)


def ruled_part(
    cells: Sequence[tuple[float, float, float, float]], words: Sequence[Word], page: int
) -> TablePart | None:
    """Given one ruled table's cell boxes and the page's words, return it as a `TablePart`."""
    if not cells:
        return None
    col_xs = _cluster_edges([c[0] for c in cells])
    row_tops = _cluster_edges([c[1] for c in cells])
    grid: dict[int, dict[int, Cell]] = {}
    bold: dict[int, list[bool]] = {}
    for x0, top, x1, bottom in cells:
        r, c = index_at(row_tops, top), index_at(col_xs, x0)
        span = max(1, index_at(col_xs, x1 - 2 * EDGE_TOLERANCE) - c + 1)
        box = BBoxTL(round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))
        prov = Prov(page=page, bbox=box, row=r, col=c)
        mine = words_in(words, box)
        bold.setdefault(r, []).extend(w.bold for w in mine)
        grid.setdefault(r, {})[c] = Cell(r, c, paragraphs_in(mine, prov), span, (prov,))
    rows = tuple(_fill_row(grid.get(r, {}), r, len(col_xs)) for r in range(len(row_tops)))
    x0, top = min(c[0] for c in cells), min(c[1] for c in cells)
    x1, bottom = max(c[2] for c in cells), max(c[3] for c in cells)
    bbox = BBoxTL(round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))
    styled = bool(bold.get(0)) and all(bold[0]) and not all(all(b) for r, b in bold.items() if r and b)
    header = is_header(rows[0]) or (styled and _label_row(rows[0]))
    return TablePart(rows, len(col_xs), page, bbox, tuple(round(x, 2) for x in col_xs), header, "lines")


def _fill_row(cells: dict[int, Cell], r: int, n_cols: int) -> tuple[Cell, ...]:
    """Given a row's cells by column, return them in order with empty cells where none starts.

    A column no cell starts in and no span covers lies under a cell merged from the row
    above; it becomes an empty cell so columns stay aligned.
    """
    out: list[Cell] = []
    col = 0
    while col < n_cols:
        cell = cells.get(col, Cell(r, col, ()))
        out.append(cell)
        col += cell.col_span
    return tuple(out)


def _label_row(row: Sequence[Cell]) -> bool:
    """Given a row, return whether it holds two or more short labels and no sentence or bare figure (a Total row has figures).

    >>> from extract.model import Paragraph
    >>> _label_row([Cell(0, 0, (Paragraph("Line"),)), Cell(0, 1, (Paragraph("Where it stands"),))])
    True
    >>> _label_row([Cell(0, 0, (Paragraph("Total"),)), Cell(0, 1, (Paragraph("(4,020)"),))])
    False
    """
    texts = [c.text for c in row if not c.is_empty]
    if len(texts) < 2 or any(is_figure(t) for t in texts):
        return False
    return not any(len(t.split()) > MAX_LABEL_WORDS or ends_sentence(t, HEADER_STOPS) for t in texts)


def is_header(row: Sequence[Cell]) -> bool:
    """Given a table's first row, return whether it reads as a header row of column labels.

    A header cell ends like a clause only with HEADER_STOPS: a question is a label ("Why is it off track?"), as
    `normalise.tables.grid.is_label` reads it, so a part on the next page under a question header is told apart.
    """
    texts = [c.text for c in row if not c.is_empty]
    if len(texts) < 2 or any(len(t.split()) > MAX_LABEL_WORDS or ends_sentence(t, HEADER_STOPS) for t in texts):
        return False
    return sum(1 for t in texts if names_a_column(t)) >= 2
