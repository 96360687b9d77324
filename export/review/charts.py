"""Inline SVG charts for the review overview (no scripts, no external files).

Labels come from documents, so they are escaped by `Markup.format`; numbers are ours.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from markupsafe import Markup

# Colours for amount kinds (the DATASET.md list); anything else falls back to grey.
KIND_COLOURS = {
    "saving_target": "#4e79a7", "saving_achieved": "#59a14f", "saving_projected": "#76b7b2",
    "shortfall": "#e15759", "slippage": "#f28e2b", "over_achievement": "#8cd17d", "at_risk": "#b07aa1",
    "income": "#edc948", "cost": "#9c755f", "overspend": "#ff9da7", "rate": "#bab0ac", "other": "#79706e",
}
LABEL_CHARS = 46
CELL_W, CELL_H = 64, 22
# Label column width: about this many pixels per character at the chart's 12px font, capped.
PX_PER_CHAR, MAX_LABEL_W = 6.6, 330
# Axis maxima (times a power of ten) for the bar chart: each splits into 5 readable ticks.
NICE_STEPS = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)


def _short(label: str, limit: int = LABEL_CHARS) -> str:
    """Given a label, return it cut to `limit` characters with an ellipsis.

    >>> _short("Reduction in long-term care placements for adults", 20)
    'Reduction in long-t…'
    """
    return label if len(label) <= limit else label[: limit - 1] + "…"


def heatmap_svg(rows: Sequence[str], cols: Sequence[str], counts: Mapping[tuple[str, str], int],
                *, caption: str) -> Markup:
    """Given row and column labels and (row, col) -> count, return an SVG table of shaded counts."""
    if not rows or not cols:
        return Markup("<p class=\"empty\">{}</p>").format(f"{caption}: nothing to chart.")
    top = 28
    label_w = min(MAX_LABEL_W, int(max(len(_short(r)) for r in rows) * PX_PER_CHAR) + 16)
    width, height = label_w + CELL_W * len(cols) + 8, top + CELL_H * len(rows) + 4
    peak = max(counts.values(), default=0) or 1
    parts = [Markup('<svg class="chart" role="img" width="{}" height="{}" viewBox="0 0 {} {}">'
                    "<title>{}</title>").format(width, height, width, height, caption)]
    for j, col in enumerate(cols):
        parts.append(Markup('<text class="col" x="{}" y="18" text-anchor="middle">{}</text>')
                     .format(label_w + CELL_W * j + CELL_W // 2, col))
    for i, row in enumerate(rows):
        y = top + CELL_H * i
        parts.append(Markup('<text class="row" x="{}" y="{}" text-anchor="end"><title>{}</title>{}</text>')
                     .format(label_w - 8, y + 15, row, _short(row)))
        parts.extend(_heat_cell(label_w + CELL_W * j, y, counts.get((row, col), 0), peak, f"{row} · {col}")
                     for j, col in enumerate(cols))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def _heat_cell(x: int, y: int, count: int, peak: int, tip: str) -> Markup:
    """Given a cell position, its count, the largest count and a tooltip, return the shaded cell."""
    share = count / peak
    fill = f"rgba(78,121,167,{0.12 + 0.88 * share:.2f})" if count else "#f4f4f4"
    ink = "#fff" if share > 0.55 else "#222"
    return Markup('<g><title>{}: {}</title><rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                  '<text x="{}" y="{}" fill="{}" text-anchor="middle">{}</text></g>').format(
        tip, count, x + 1, y + 1, CELL_W - 2, CELL_H - 2, fill, x + CELL_W // 2, y + 15, ink, count or "")


def nice_ceiling(value: float) -> float:
    """Given a positive number, return a round number at least as large (a `NICE_STEPS` × 10^k).

    >>> nice_ceiling(0.73), nice_ceiling(3.2), nice_ceiling(10.5), nice_ceiling(42)
    (0.8, 4.0, 15.0, 50.0)
    """
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(round(float(m * power), 12) for m in NICE_STEPS if m * power >= value)


def stacked_bars_svg(cols: Sequence[str], series: Sequence[str], values: Mapping[tuple[str, str], float],
                     *, caption: str, unit: str = "£m", scale: float = 1e6) -> Markup:
    """Given x labels, series names and (col, series) -> value, return a stacked bar chart."""
    totals = [sum(values.get((c, s), 0.0) for s in series) / scale for c in cols]
    if not cols or not any(totals):
        return Markup("<p class=\"empty\">{}</p>").format(f"{caption}: nothing to chart.")
    plot_h, left, bar_w, gap, top = 200, 56, 48, 28, 12
    ceiling = nice_ceiling(max(totals))
    width = left + (bar_w + gap) * len(cols) + 190
    height = top + plot_h + 40
    parts = [Markup('<svg class="chart" role="img" width="{}" height="{}" viewBox="0 0 {} {}">'
                    "<title>{}</title>").format(width, height, width, height, caption)]
    parts.extend(_axis(left, top, plot_h, ceiling, unit, width - 190))
    for j, col in enumerate(cols):
        x, base = left + gap // 2 + (bar_w + gap) * j, float(top + plot_h)
        for s in series:
            h = values.get((col, s), 0.0) / scale / ceiling * plot_h
            if h > 0:
                base -= h
                tip = f"{col} · {s}: £{values[(col, s)]:,.0f}"
                parts.append(Markup('<rect x="{}" y="{:.1f}" width="{}" height="{:.1f}" fill="{}"><title>{}</title></rect>')
                             .format(x, base, bar_w, h, KIND_COLOURS.get(s, "#79706e"), tip))
        parts.append(Markup('<text class="col" x="{}" y="{}" text-anchor="middle">{}</text>')
                     .format(x + bar_w // 2, top + plot_h + 16, col))
    parts.extend(_legend(series, width - 180, top))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def _axis(left: int, top: int, plot_h: int, ceiling: float, unit: str, right: int) -> list[Markup]:
    """Given the plot frame and the axis maximum, return the y axis with 5 grid lines."""
    out = []
    for k in range(6):
        y = top + plot_h - plot_h * k / 5
        out.append(Markup('<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" class="grid"/>'
                          '<text class="tick" x="{}" y="{:.1f}" text-anchor="end">{:g}</text>')
                   .format(left, right, y, y, left - 6, y + 4, round(ceiling * k / 5, 3)))
    out.append(Markup('<text class="tick" x="4" y="{}">{}</text>').format(top - 2, unit))
    return out


def _legend(series: Sequence[str], x: int, y: int) -> list[Markup]:
    """Given series names and the legend's corner, return one swatch and label per series."""
    return [Markup('<rect x="{}" y="{}" width="12" height="12" fill="{}"/><text class="legend" x="{}" y="{}">{}</text>')
            .format(x, y + 18 * i, KIND_COLOURS.get(s, "#79706e"), x + 18, y + 18 * i + 10, s)
            for i, s in enumerate(series)]
