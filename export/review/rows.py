"""The rows a review reads: in, an ingest's output folder (Parquet) or its tables held whole; out, its rows as plain dicts."""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from export.review.cards import Mentions, flags_for

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
