"""review.html: one self-contained page to spot-check every extraction against its source.

Reads the tables an ingest wrote (Parquet), builds one card per exception and an
overview, and renders `templates/review.html.j2` with jinja2 autoescaping. Extracted text
is never marked safe: highlights are built from escaped pieces (`export.review.highlight`).

Memory stays bounded on big batches: every row's flags are worked out a batch of rows at
a time, only the columns the overview, the sample and the card order need are kept for
all rows, and full rows (raw text, provenance) are read only for the cards shown.
"""

from __future__ import annotations

import base64
import hashlib
import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from markupsafe import Markup

from export.review.card_copies import split_copies
from export.review.cards import Card, Mentions, build_cards, flags_for, worst_first
from export.review.flags import FLAGS, LOW_CONFIDENCE
from export.review.overview import amounts_chart, originals, programme_chart, report_lines
from export.review.overview_quality import PeriodChange, accuracy_view, changes_view
from export.review.sample import FLAGGED_WEIGHT, flag_weights, weighted_sample
from export.review.source import CROP_RESOLUTION, MAX_CROPS
from export.writers import atomic_write
from normalise.money.kind import KINDS

REVIEW_FILE = "review.html"
REQUIRED_TABLES = ("reports", "exceptions")
OPTIONAL_TABLES = ("amounts", "years")
# Columns of `exceptions` kept for every row: card order, the sample, the overview and the
# filters. `ParquetRows` adds ROW_NUMBER, to read the whole row of a card that is shown.
INDEX_COLUMNS = ("exception_id", "report_id", "source_file", "position", "programme", "report_period", "project_key",
                 "page", "source_format")
ROW_NUMBER = "_row"
# Columns the flags are worked out from (`flags_for`), read a batch of rows at a time.
FLAG_COLUMNS = (*INDEX_COLUMNS, "project", "reason", "mitigation", "confidence", "flags")
# Columns of `amounts` and `years` behind the flags and the overview's numbers; cards read them all.
MENTION_COLUMNS = {
    "amounts": ("exception_id", "field", "text", "start", "end", "value_gbp", "fiscal_year", "kind", "scale_inferred"),
    "years": ("exception_id", "field", "text", "start", "end"),
}
# Parquet rows made into Python dicts at a time.
BATCH_ROWS = 2048
Row = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Tables:
    """The rows the review reads, as plain dicts with None for missing values."""

    reports: list[dict[str, Any]]
    exceptions: list[dict[str, Any]]
    amounts: list[dict[str, Any]]
    years: list[dict[str, Any]]
    tables: list[dict[str, Any]] = field(default_factory=list)


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
    context = _context(rows, sample=sample, seed=seed, title=title, workers=workers)
    context |= {"accuracy": accuracy_view(quality), "changes": changes_view(out_dir)}
    path = out_dir / REVIEW_FILE
    # Streamed to the file: the page of a big batch is tens of MB, and held whole it is several times that.
    # Written where the name resolves to: OUT/review.html links into the current output set.
    atomic_write(path.resolve(), lambda tmp: _template().stream(**context).dump(str(tmp), encoding="utf-8"))
    return path


def load_tables(out_dir: Path) -> Tables:
    """Given an ingest's output folder, return its tables whole (amounts/years may be absent).

    `write_review` reads less than this; these are every row with every column, in memory.
    """
    _check_tables(out_dir)
    frames = {t: pd.read_parquet(out_dir / f"{t}.parquet") for t in REQUIRED_TABLES}
    for t in (*OPTIONAL_TABLES, "tables"):
        path = out_dir / f"{t}.parquet"
        frames[t] = pd.read_parquet(path) if path.is_file() else pd.DataFrame()
    return Tables(**{t: records(df) for t, df in frames.items()})


def _check_tables(out_dir: Path) -> None:
    """Given an ingest's output folder, raise FileNotFoundError (saying what to run) unless its required tables are there."""
    missing = [t for t in REQUIRED_TABLES if not (out_dir / f"{t}.parquet").is_file()]
    if missing:
        raise FileNotFoundError(
            f"{out_dir}: no slippage tables here (missing {', '.join(t + '.parquet' for t in missing)}); "
            f"run `slippage ingest INPUT... --out {out_dir}` first")


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Given a frame, return its rows as dicts with Python values and None for NA.

    >>> records(pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": ["x", None]}))
    [{'a': 1, 'b': 'x'}, {'a': None, 'b': None}]
    """
    return [{k: (None if _is_missing(v) else v) for k, v in row.items()} for row in df.to_dict("records")]


def _is_missing(value: Any) -> bool:
    """Given a cell value, return True for None/NaN/NA (lists and arrays are never missing)."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


class ReviewRows(Protocol):
    """Where a review reads its rows: reports, every exception's index row with its flags, amounts, and the shown cards."""

    @property
    def reports(self) -> Sequence[Row]:
        """The `reports` rows."""

    @property
    def n_amounts(self) -> int:
        """How many `amounts` rows there are."""

    @property
    def tables(self) -> Sequence[Row]:
        """The `tables` rows (empty for an output written before there was one)."""

    def flagged(self) -> Iterator[tuple[Row, list[str]]]:
        """Yield each exception's row (at least INDEX_COLUMNS) with its flag codes, in table order."""

    def amounts(self) -> Iterable[Row]:
        """Return the `amounts` rows (at least exception_id, value_gbp, kind and fiscal_year)."""

    def cards(self, shown: Sequence[Row]) -> tuple[list[Row], Mentions]:
        """Given rows from `flagged`, return their whole `exceptions` rows in that order and their mentions."""


class TableRows:
    """A review's rows from tables held whole in memory (`load_tables`)."""

    def __init__(self, tables: Tables) -> None:
        self.reports = tables.reports
        self.tables = tables.tables
        self.n_amounts = len(tables.amounts)
        self._tables = tables
        self._mentions = Mentions.group(tables.amounts, tables.years)

    def flagged(self) -> Iterator[tuple[Row, list[str]]]:
        """Yield each exception's row with its flag codes, in table order."""
        return ((e, flags_for(e, self._mentions)) for e in self._tables.exceptions)

    def amounts(self) -> Iterable[Row]:
        """Return the `amounts` rows."""
        return self._tables.amounts

    def cards(self, shown: Sequence[Row]) -> tuple[list[Row], Mentions]:
        """Given rows from `flagged` (already whole), return them and the mentions."""
        return list(shown), self._mentions


class ParquetRows:
    """A review's rows read from an ingest's Parquet files, holding little of them in memory.

    Every exception's row is read once, a batch at a time, for its flags and INDEX_COLUMNS;
    whole rows (raw text, provenance) and whole mention rows are read again only for the
    cards shown. `amounts` and `years` are held as Arrow tables of MENTION_COLUMNS.
    """

    def __init__(self, out_dir: Path) -> None:
        _check_tables(out_dir)
        self._dir = out_dir
        self.reports: list[dict[str, Any]] = [row for batch in _batches(out_dir / "reports.parquet") for row in _plain_rows(batch)]
        tables = out_dir / "tables.parquet"
        self.tables: list[dict[str, Any]] = [r for b in _batches(tables) for r in _plain_rows(b)] if tables.is_file() else []
        with pq.ParquetFile(out_dir / "exceptions.parquet") as f:
            self.n_exceptions: int = f.metadata.num_rows
        self._mentions = {t: _read_table(out_dir / f"{t}.parquet", MENTION_COLUMNS[t]) for t in OPTIONAL_TABLES}
        self.n_amounts: int = 0 if self._mentions["amounts"] is None else self._mentions["amounts"].num_rows

    def flagged(self) -> Iterator[tuple[Row, list[str]]]:
        """Yield each exception's INDEX_COLUMNS (and ROW_NUMBER) with its flag codes, in table order."""
        number = 0
        for batch in _batches(self._dir / "exceptions.parquet", FLAG_COLUMNS):
            ids = batch.column("exception_id")
            mentions = Mentions.group(*(_plain_rows(_rows_for(self._mentions[t], ids)) for t in OPTIONAL_TABLES))
            for row in _plain_rows(batch):
                yield {**{c: row.get(c) for c in INDEX_COLUMNS}, ROW_NUMBER: number}, flags_for(row, mentions)
                number += 1

    def amounts(self) -> Iterator[Row]:
        """Yield the `amounts` rows (MENTION_COLUMNS only), a batch at a time."""
        table = self._mentions["amounts"]
        if table is not None:
            for batch in table.to_batches(max_chunksize=BATCH_ROWS):
                yield from _plain_rows(batch)

    def cards(self, shown: Sequence[Row]) -> tuple[list[Row], Mentions]:
        """Given rows from `flagged`, return their whole `exceptions` rows in that order and their whole mention rows."""
        rows: list[Row] = list(_take(self._dir / "exceptions.parquet", [e[ROW_NUMBER] for e in shown]))
        ids = pa.array(sorted({e["exception_id"] for e in shown}), pa.large_string())
        return rows, Mentions.group(*(self._whole_mentions(t, ids) for t in OPTIONAL_TABLES))

    def _whole_mentions(self, table: str, ids: pa.Array) -> list[dict[str, Any]]:
        """Given `amounts` or `years` and exception ids, return those exceptions' rows of it with every column."""
        path = self._dir / f"{table}.parquet"
        if not path.is_file():
            return []
        return [row for batch in _batches(path) for row in _plain_rows(_rows_for(batch, ids))]


def _read_table(path: Path, columns: Sequence[str]) -> pa.Table | None:
    """Given a Parquet file and the columns wanted, return those of them it has as an Arrow table (None: no file)."""
    if not path.is_file():
        return None
    names = pq.read_schema(path).names
    return pq.read_table(path, columns=[c for c in columns if c in names], use_threads=False)


def _batches(path: Path, columns: Sequence[str] | None = None) -> Iterator[pa.RecordBatch]:
    """Given a Parquet file and the columns wanted (None: all), yield its rows as Arrow batches of BATCH_ROWS."""
    with pq.ParquetFile(path) as f:
        names = f.schema_arrow.names
        wanted = None if columns is None else [c for c in columns if c in names]
        # One thread: decoding in Arrow's pool grew a 1,000-document review's peak memory by
        # 40 MB (each thread's allocator heap) to save 0.1 s.
        yield from f.iter_batches(batch_size=BATCH_ROWS, columns=wanted, use_threads=False)


def _rows_for(table: pa.Table | pa.RecordBatch | None, ids: pa.Array | pa.ChunkedArray) -> pa.Table | pa.RecordBatch | None:
    """Given Arrow rows with an exception_id (or None) and some ids, return the rows of those ids, in order."""
    if table is None or table.num_rows == 0:
        return table
    column = table.column("exception_id")
    return table.filter(pc.is_in(column, value_set=ids.cast(column.type)))


def _take(path: Path, numbers: Sequence[int]) -> list[dict[str, Any]]:
    """Given a Parquet file and row numbers, return those rows with every column, in the order given."""
    wanted = sorted(set(numbers))
    found: dict[int, dict[str, Any]] = {}
    first = 0
    for batch in _batches(path) if wanted else ():
        lo, hi = bisect_left(wanted, first), bisect_left(wanted, first + batch.num_rows)
        if hi > lo:
            picked = batch.take(pa.array([n - first for n in wanted[lo:hi]], pa.int64()))
            found.update(zip(wanted[lo:hi], _plain_rows(picked), strict=True))
        first += batch.num_rows
        if first > wanted[-1]:
            break
    return [found[n] for n in numbers]


def _plain_rows(rows: pa.Table | pa.RecordBatch | None) -> list[dict[str, Any]]:
    """Given Arrow rows (or None), return them as dicts with None for missing values, as `records` does.

    >>> _plain_rows(pa.table({"a": [1, None], "b": [float("nan"), 2.5]}))
    [{'a': 1, 'b': None}, {'a': None, 'b': 2.5}]
    """
    if rows is None:
        return []
    out: list[dict[str, Any]] = rows.to_pylist()
    floats = [f.name for f in rows.schema if pa.types.is_floating(f.type)]
    for row in out if floats else ():
        for name in floats:
            if row[name] is not None and math.isnan(row[name]):
                row[name] = None
    return out


def render_review(tables: Tables, *, sample: int | None = None, seed: int = 0, title: str = "Slippage review",
                  workers: int = 1, changes: Sequence[PeriodChange] = ()) -> str:
    """Given the tables, an optional sample size and seed, a page title, crop processes and the period changes, return review.html's text."""
    context = _context(TableRows(tables), sample=sample, seed=seed, title=title, workers=workers)
    return _template().render(**context, accuracy=None, changes=list(changes))


def _context(rows: ReviewRows, *, sample: int | None, seed: int, title: str, workers: int) -> dict[str, Any]:
    """Given where to read the rows, an optional sample size and seed, a page title and crop processes, return the template's context."""
    flagged = sorted(rows.flagged(), key=lambda pair: (pair[0].get("source_file") or "", pair[0].get("position") or 0,
                                                       pair[0]["exception_id"]))
    exceptions = [e for e, _ in flagged]
    flags = {e["exception_id"]: codes for e, codes in flagged}
    shown, copies = split_copies(exceptions, rows.reports)
    n_primary = len(shown)
    if sample is not None:
        chosen = set(weighted_sample(flag_weights({e["exception_id"]: flags[e["exception_id"]] for e in shown}), sample, seed))
        shown = [e for e in shown if e["exception_id"] in chosen]
    pictures = {e["exception_id"]: pdf for e in shown if e.get("source_format") != "pdf" and (pdf := copies.pdf_copy(e["exception_id"]))}
    whole, mentions = rows.cards([*shown, *pictures.values()])
    sources = {r["report_id"]: r.get("source_path") for r in rows.reports}
    cards = worst_first(build_cards(whole[:len(shown)], mentions, sources, flags, workers=workers,
                                    pictures=dict(zip(pictures, whole[len(shown):], strict=True)), copies=copies))
    keep = originals(rows.reports)
    return {
        "title": title,
        "reports": report_lines(rows.reports, exceptions, rows.amounts(), flags, rows.tables),
        "n_exceptions": len(exceptions), "n_primary": n_primary, "n_amounts": rows.n_amounts,
        "sample": sample, "seed": seed, "cards": cards,
        "programme_chart": programme_chart(exceptions, keep),
        "amounts_chart": amounts_chart(exceptions, rows.amounts(), keep),
        "n_duplicates": len(rows.reports) - len(keep),
        "filters": _filters(cards, rows.reports),
        "kinds": KINDS, "flag_labels": FLAGS, "flag_counts": Counter(code for codes in flags.values() for code in codes),
        **_assets(),
        "constants": {"low_confidence": LOW_CONFIDENCE, "max_crops": MAX_CROPS, "resolution": CROP_RESOLUTION,
                      "flagged_weight": FLAGGED_WEIGHT},
    }


def _filters(cards: Sequence[Card], reports: Sequence[Mapping[str, Any]]) -> dict[str, list[tuple[str, str, int]]]:
    """Given the cards and `reports` rows, return filter options as (value, label, count) per filter."""
    names = {r["report_id"]: r.get("source_file") or r["report_id"] for r in reports}
    by_report = Counter(c.report_id for c in cards)
    by_programme = Counter(c.programme for c in cards)
    by_flag = Counter(f for c in cards for f in c.flags)
    return {
        "report": [(rid, names.get(rid, rid), n) for rid, n in sorted(by_report.items(), key=lambda kv: names.get(kv[0], kv[0]))],
        "programme": [(p, p or "(no programme)", n) for p, n in sorted(by_programme.items())],
        "flag": [(code, FLAGS[code], by_flag[code]) for code in FLAGS if by_flag[code]],
    }


def _assets() -> dict[str, Markup | str]:
    """Return the page's own CSS and JS as markup and the script's CSP hash (they are ours, not data)."""
    folder = resources.files("export.review") / "templates"
    script = (folder / "review.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return {"style": Markup((folder / "review.css").read_text(encoding="utf-8")), "script": Markup(script),
            "script_hash": f"sha256-{digest}"}


def _template() -> Template:
    """Return review.html's template from the jinja2 environment: package templates, autoescape on, undefined names fail."""
    environment = Environment(loader=PackageLoader("export.review", "templates"), autoescape=True,
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return environment.get_template("review.html.j2")
