"""OCR a scanned page with ruled tables cell by cell, in one engine call.

Tesseract finds text lines across the whole page, so in a ruled table a header cell of
two lines ("Spend to / date £k") beside one-line cells is read as one line with its
neighbours, and comes out as nonsense ("sears"). Reading each cell on its own avoids that,
but one engine call per cell costs a model load each. So the page is re-laid as a
mosaic: the page with its cells blanked on top, then every cell's pixels below it, each
at its own x and in its own band of rows with paper between, read in one call; each word
is moved back to where its cell is on the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from extract.ocr.engine import OcrWord, read_words
from extract.ocr.render import Pixels
from extract.pdf.ruled import RULED_SETTINGS

# Paper between two cells in the mosaic (points): more than a paragraph break, so the
# engine never joins lines of two cells.
GAP_PT = 18.0
# Cell edges are cut this far inside the rulings (points), clear of what is left of them.
INSET_PT = 1.0
# A box no wider or higher than this (points) is a sliver between two rulings, not a cell.
MIN_CELL_PT = 4.0

# The engine's images stay under this many rows (its image library's limit is 32,767); a
# mosaic that would be taller is read as the page itself.
MAX_ROWS = 20_000

Box = tuple[int, int, int, int]  # x0, top, x1, bottom in page pixels


def ruled_cells(page: Any, lines: dict[str, list[dict[str, float | str]]], origin: tuple[float, float], scale: float) -> list[Box]:
    """Given a pdfplumber page, its rulings as explicit table lines, its top-left and points per pixel, return its table cells in pixels."""
    if not lines["explicit_horizontal_lines"] or not lines["explicit_vertical_lines"]:
        return []
    inset, least = INSET_PT / scale, MIN_CELL_PT / scale
    ox, oy = origin
    boxes = []
    for table in page.find_tables(table_settings={**RULED_SETTINGS, **lines}):
        for x0, top, x1, bottom in table.cells:
            box = (round((x0 - ox) / scale + inset), round((top - oy) / scale + inset),
                   round((x1 - ox) / scale - inset), round((bottom - oy) / scale - inset))
            if box[2] - box[0] > least and box[3] - box[1] > least:
                boxes.append(box)
    return boxes


def read_by_cells(pixels: Pixels, cells: Sequence[Box], dpi: int) -> list[OcrWord]:
    """Given page pixels (rulings erased), its table cells and resolution, return the words of the page and of every cell."""
    gap = max(1, round(GAP_PT * dpi / 72))
    cells = _inside(cells, pixels.shape[1], pixels.shape[0])
    if pixels.shape[0] + sum(bottom - top + gap for _, top, _, bottom in cells) > MAX_ROWS:
        return read_words(pixels, dpi)  # a page-sized grid of small cells: its cells are one line each anyway
    mosaic, shifts = _mosaic(pixels, cells, gap)
    words = read_words(mosaic, dpi)
    out = []
    for word in words:
        middle = word.top + word.height / 2
        shift = next((dy for start, dy in shifts if start <= middle), 0) if middle >= pixels.shape[0] else 0
        out.append(replace(word, top=word.top - shift))
    return out


def _inside(cells: Sequence[Box], width: int, height: int) -> list[Box]:
    """Given cell boxes and the image's size, return them clipped to the image, empty ones dropped.

    A ruling found at the image's edge can put a cell's side a few pixels outside it.

    >>> _inside([(-2, 10, 50, 105), (10, 120, 40, 130)], 80, 100)
    [(0, 10, 50, 100)]
    """
    out = []
    for x0, top, x1, bottom in cells:
        box = (max(0, x0), max(0, top), min(width, x1), min(height, bottom))
        if box[2] > box[0] and box[3] > box[1]:
            out.append(box)
    return out


def _mosaic(pixels: Pixels, cells: Sequence[Box], gap: int) -> tuple[Pixels, list[tuple[int, int]]]:
    """Given page pixels, cell boxes and a gap, return the mosaic and, last band first, (band's first row, rows to move up).

    >>> page = np.full((50, 80), 255, np.uint8)
    >>> mosaic, shifts = _mosaic(page, [(10, 5, 40, 20), (40, 5, 70, 20)], 10)
    >>> mosaic.shape, shifts
    ((100, 80), [(80, 80), (55, 55)])
    """
    height, width = pixels.shape
    blank = pixels.copy()
    for x0, top, x1, bottom in cells:
        blank[top:bottom, x0:x1] = 255
    rows = height + sum(bottom - top + gap for _, top, _, bottom in cells)
    mosaic = np.full((rows, width), 255, np.uint8)
    mosaic[:height] = blank
    shifts: list[tuple[int, int]] = []
    at = height + gap
    for x0, top, x1, bottom in cells:
        mosaic[at : at + bottom - top, x0:x1] = pixels[top:bottom, x0:x1]
        shifts.append((at - gap // 2, at - top))
        at += bottom - top + gap
    return mosaic[: at - gap], shifts[::-1]
