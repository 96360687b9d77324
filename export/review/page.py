"""review.html: in, an ingest's output folder (or tables held whole); out, the rendered page, written self-contained to OUT/review.html."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, Template

from export.review.context import template_context
from export.review.overview_quality import PeriodChange, accuracy_view, changes_view
from export.review.rows import ParquetRows, TableRows, Tables
from export.writers import atomic_write

REVIEW_FILE = "review.html"


def write_review(out_dir: Path, *, sample: int | None = None, seed: int = 0, max_cards: int | None = None,
                 workers: int = 1, title: str | None = None, quality: Mapping[str, Any] | None = None) -> Path:
    """Build OUT_DIR/review.html from the tables an ingest wrote there.

    Args:
        out_dir: an ingest's output folder (with reports.parquet and exceptions.parquet).
        sample: show only this many cards, drawn at random and weighted toward flagged ones
            (None: every card).
        seed: the random seed for `sample`; the same seed and tables give the same cards.
        max_cards: with no `sample`, draw a sample of this size when there are more cards
            (a page of tens of thousands of cards helps nobody and costs memory).
        workers: processes that render PDF crops.
        title: the page title (default: "Slippage review: " and the folder's name).
        quality: the run's corrections summary (accuracy, orphaned corrections), shown in the overview.

    Returns:
        The path of the written review.html.

    Raises:
        FileNotFoundError: the folder holds no slippage tables.
        ValueError: `sample` is below 1.
    """
    out_dir = Path(out_dir)
    rows = ParquetRows(out_dir)
    if sample is None and max_cards is not None and rows.n_exceptions > max_cards:
        sample = max_cards
    title = title or f"Slippage review: {out_dir.resolve().name}"
    context = template_context(rows, sample=sample, seed=seed, title=title, workers=workers)
    context |= {"accuracy": accuracy_view(quality), "changes": changes_view(out_dir)}
    path = out_dir / REVIEW_FILE
    # Streamed to the file: the page of a big batch is tens of MB, and held whole it is several times that.
    # Written where the name resolves to: OUT/review.html links into the current output set.
    atomic_write(path.resolve(), lambda tmp: _template().stream(**context).dump(str(tmp), encoding="utf-8"))
    return path


def render_review(tables: Tables, *, sample: int | None = None, seed: int = 0, title: str = "Slippage review",
                  workers: int = 1, changes: Sequence[PeriodChange] = ()) -> str:
    """Given the tables, an optional sample size and seed, a page title, crop processes and the period changes, return review.html's text."""
    context = template_context(TableRows(tables), sample=sample, seed=seed, title=title, workers=workers)
    return _template().render(**context, accuracy=None, changes=list(changes))


def _template() -> Template:
    """Return review.html's template from the jinja2 environment: package templates, autoescape on, undefined names fail."""
    # Extracted text is never marked safe: highlights are built from escaped pieces (`export.review.highlight`).
    environment = Environment(loader=PackageLoader("export.review", "templates"), autoescape=True,
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return environment.get_template("review.html.j2")
