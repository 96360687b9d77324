"""Table rulings in a scanned page: long thin runs of ink, found by morphology on the pixels.

A digital PDF's ruled table hands pdfplumber its lines and rects; a scan has only pixels.
A ruling is a straight run of ink much longer than any letter stroke and only a few
pixels thick, so a horizontal ruling is where a window of `min_length` pixels along a
row is (nearly) all ink, kept when the band of such rows is thin (a shaded cell or a
photo is ink too, but thick). Vertical rulings are the same on the transposed page. The
segments go to pdfplumber's own table finder as explicit lines, so scanned and digital
tables are cut into cells by the same code; they are also painted out before OCR, since
the engine otherwise reads a cell border as "|" or "_" glued to the words beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from extract.ocr.render import Mask

# A ruling is at least this long (points): longer than any word, shorter than a narrow column.
MIN_RULING_PT = 36.0
# ...and at most this thick (points); a thicker band of ink is a shaded area or a picture.
MAX_THICKNESS_PT = 3.0
# Share of a window that must be ink: dust holes and JPEG noise break a scanned line.
FILL = 0.9
# Holes in a ruling up to this long (points) are bridged.
GAP_PT = 1.0
# Ink this many pixels around a ruling is painted out with it (anti-aliased edges).
ERASE_MARGIN = 1
# A shorter vertical run counts when both its ends meet horizontal rulings, as the cell borders
# of a one-line row between merged full-width rows do (a header row above a programme row);
# a letter's stem stands clear of its cell's borders.
MIN_JOINING_PT = 8.0


@dataclass(frozen=True, slots=True)
class Ruling:
    """One straight ruling in page pixels: `along` from `start` to `end`, `across` at its centre line."""

    across: float
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Rulings:
    """A page's rulings and the ink mask they cover."""

    horizontal: tuple[Ruling, ...]
    vertical: tuple[Ruling, ...]
    mask: Mask


def find_rulings(ink: Mask, dpi: int) -> Rulings:
    """Given a page's ink and its resolution, return its horizontal and vertical rulings.

    >>> page = np.zeros((300, 400), bool); page[50:53, 20:380] = True; page[50:250, 100:102] = True
    >>> found = find_rulings(page, 72 * 4)
    >>> [(r.across, r.start, r.end) for r in found.horizontal], [(r.across, r.start, r.end) for r in found.vertical]
    ([(51.0, 20, 379)], [(100.5, 50, 249)])
    """
    length = max(2, round(MIN_RULING_PT * dpi / 72))
    thick = max(1, round(MAX_THICKNESS_PT * dpi / 72))
    gap = max(1, round(GAP_PT * dpi / 72))
    horizontal, h_mask = _segments(_long_runs(ink, length, gap), thick, length)
    # the transposed copy is made once, contiguous, so its rows are read as fast as the page's
    across = np.ascontiguousarray(ink.T)
    vertical, v_mask = _segments(_long_runs(across, length, gap), thick, length)
    short = max(2, round(MIN_JOINING_PT * dpi / 72))
    runs = _long_runs(across, short, gap)
    joining = [r for r in _segments(runs, thick, short)[0]
               if _joins(r, horizontal, gap) and not any(_overlaps(r, v, thick) for v in vertical)]
    for r in joining:
        x = round(r.across)
        v_mask[max(0, x - thick - ERASE_MARGIN) : x + thick + ERASE_MARGIN + 1, r.start : r.end + 1] |= \
            runs[max(0, x - thick - ERASE_MARGIN) : x + thick + ERASE_MARGIN + 1, r.start : r.end + 1]
    vertical = tuple(sorted(vertical + tuple(joining), key=lambda r: (r.across, r.start)))
    return Rulings(horizontal, vertical, h_mask | v_mask.T)


def _joins(vertical: Ruling, horizontal: tuple[Ruling, ...], slack: int) -> bool:
    """Given a vertical run, the page's horizontal rulings and a slack (pixels), return whether both its ends meet one."""
    def meets(y: float) -> bool:
        return any(abs(h.across - y) <= slack and h.start - slack <= vertical.across <= h.end + slack for h in horizontal)
    return meets(vertical.start) and meets(vertical.end)


def _overlaps(a: Ruling, b: Ruling, thick: int) -> bool:
    """Given two rulings of one direction and the thickness limit, return whether they are the same ink."""
    return abs(a.across - b.across) <= thick and a.start <= b.end and b.start <= a.end


def _long_runs(ink: Mask, length: int, gap: int) -> Mask:
    """Given ink, a length and a gap, return the ink (holes up to `gap` bridged) in windows of `length` along a row that are FILL ink.

    Only rows holding such a window are worked through (a page has a few dozen of them).
    """
    out = np.zeros_like(ink)
    sums = np.zeros((ink.shape[0], ink.shape[1] + 1), np.int32)
    np.cumsum(ink, axis=1, out=sums[:, 1:])
    full = (sums[:, length:] - sums[:, :-length]) >= FILL * length
    rows = np.flatnonzero(full.any(axis=1))
    if not len(rows):
        return out
    # a pixel is in a full window when one of the windows starting in the `length` pixels up to it is full
    starts = np.zeros((len(rows), ink.shape[1] + 1), np.int32)
    np.cumsum(np.pad(full[rows], ((0, 0), (0, length - 1))), axis=1, out=starts[:, 1:])
    covered = np.concatenate((starts[:, 1:length], starts[:, length:] - starts[:, :-length]), axis=1) > 0
    # a hole of up to `gap` pixels (dust on the glass, JPEG noise) has ink on both sides within `gap`
    padded = np.pad(sums[rows], ((0, 0), (gap, gap)), mode="edge")
    width = ink.shape[1]
    before = padded[:, gap : gap + width] - padded[:, :width] > 0
    after = padded[:, 2 * gap + 1 : 2 * gap + 1 + width] - padded[:, gap + 1 : gap + 1 + width] > 0
    out[rows] = covered & (ink[rows] | (before & after))
    return out


def _segments(runs: Mask, thick: int, length: int) -> tuple[tuple[Ruling, ...], Mask]:
    """Given long-run pixels (rulings along rows), return the thin bands of them as rulings and their mask."""
    bands = _stretches(np.asarray(runs.any(axis=1)))
    out: list[Ruling] = []
    mask = np.zeros_like(runs)
    for top, bottom in bands:
        out += _band_rulings(runs, (top, bottom), (thick, length), mask)
    return tuple(sorted(out, key=lambda r: (r.across, r.start))), mask


def _stretches(flags: npt.NDArray[np.bool_]) -> list[tuple[int, int]]:
    """Given a row of flags, return the (start, end) of each run of True, end exclusive.

    >>> _stretches(np.array([0, 1, 1, 0, 1], bool))
    [(1, 3), (4, 5)]
    """
    edges = np.flatnonzero(np.diff(np.concatenate(([0], flags.astype(np.int8), [0]))))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def _band_rulings(runs: Mask, band: tuple[int, int], limits: tuple[int, int], mask: Mask) -> list[Ruling]:
    """Given a band of rows holding long runs and (thickness, length) limits, return its thin, long stretches as rulings."""
    top, bottom = band
    thick, length = limits
    out = []
    for start, end in _stretches(np.asarray(runs[top:bottom].any(axis=0))):
        depth = runs[top:bottom, start:end].any(axis=1)
        rows = np.flatnonzero(depth)
        if rows[-1] - rows[0] + 1 > thick or end - start < length:
            continue  # a thick band is shading or a picture; a short one is where a crossing ruling meets it
        first, last = top + int(rows[0]), top + int(rows[-1])
        mask[max(0, first - ERASE_MARGIN) : last + 1 + ERASE_MARGIN, start:end] = True
        out.append(Ruling((first + last) / 2, int(start), int(end) - 1))
    return out


def erase(pixels: npt.NDArray[np.uint8], rulings: Rulings) -> npt.NDArray[np.uint8]:
    """Given page pixels and its rulings, return the pixels with the rulings painted as paper."""
    out = pixels.copy()
    out[rulings.mask] = 255
    return out


def table_lines(rulings: Rulings, origin: tuple[float, float], scale: float) -> dict[str, list[dict[str, float | str]]]:
    """Given rulings, the page's top-left in points and points per pixel, return them as pdfplumber explicit-line table settings.

    >>> lines = table_lines(Rulings((Ruling(10.0, 0, 99),), (), np.zeros((1, 1), bool)), (0.0, 0.0), 0.5)
    >>> lines["explicit_horizontal_lines"][0]["x1"], lines["explicit_vertical_lines"]
    (50.0, [])
    """
    ox, oy = origin
    horizontal = [_line(ox + r.start * scale, ox + (r.end + 1) * scale, oy + r.across * scale, oy + r.across * scale)
                  for r in rulings.horizontal]
    vertical = [_line(ox + r.across * scale, ox + r.across * scale, oy + r.start * scale, oy + (r.end + 1) * scale)
                for r in rulings.vertical]
    return {"explicit_horizontal_lines": horizontal, "explicit_vertical_lines": vertical}


def _line(x0: float, x1: float, top: float, bottom: float) -> dict[str, float | str]:
    """Given a segment's ends in points, return it as a pdfplumber line object."""
    return {"object_type": "line", "x0": round(x0, 2), "x1": round(x1, 2), "top": round(top, 2),
            "bottom": round(bottom, 2), "width": round(x1 - x0, 2), "height": round(bottom - top, 2)}
