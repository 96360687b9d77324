"""The dataset already in --out: which of its reports a run would drop, and keeping them (`--add`).

`slippage ingest new.docx --out existing/` writes a dataset of this run's files only, so
the reports `existing/` held are dropped (issue 12, finding 10). The CLI says so before
replacing the set; with `--add` it keeps them instead: every previous report whose
`source_file` is not in this run joins the batch, and the cross-report steps (copies,
project identity, `projects`, `timeline`) run over old and new together.

A kept report's rows come from the result cache when it still holds that version of the
file (read back part by part at write time, like the run's own results, and with its fingerprint, so a
new copy of an old report is still recognised as one). Otherwise they are read from the
previous tables themselves and held in memory; such a report has no fingerprint, so it
keeps the `duplicate_of` it had if the report it names is still in the dataset.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from normalise.record import ROW_TABLES
from slippage.result import FileResult
from slippage.staging import current_set
from slippage.store import FileSummary, ResultStore, Rows, Streamed


def previous_reports(out_dir: Path) -> list[dict[str, Any]]:
    """Given an output folder, return the `reports` rows of the dataset it holds (none if there is none)."""
    path = current_set(out_dir) / "reports.parquet"
    try:
        return _records(pd.read_parquet(path))
    except (OSError, ValueError):  # no dataset yet, or not one we can read: nothing to drop or keep
        return []


def dropped_reports(previous: Sequence[dict[str, Any]], summaries: Sequence[FileSummary]) -> list[dict[str, Any]]:
    """Given the previous `reports` rows and this run's summaries, return the rows of files not in this run.

    A previous report is in this run when this run has its `source_file`, or its content
    (the same sha256): `ingest archive/` names a file `a.docx` where `ingest archive/a.docx`
    names it `archive/a.docx`, and keeping a second row of the same bytes would only add a copy.
    """
    names = {s.report["source_file"] for s in summaries}
    hashes = {s.report.get("sha256") for s in summaries} - {None, ""}
    return [r for r in previous if r["source_file"] not in names and r.get("sha256") not in hashes]


def keep_reports(kept: Sequence[dict[str, Any]], summaries: Sequence[FileSummary], store: ResultStore,
                 out_dir: Path) -> list[FileSummary]:
    """Given previous `reports` rows to keep, this run's summaries, their store and the output folder,
    add the kept reports to the store and return every summary (this run's first)."""
    merged = list(summaries)
    from_tables = []
    for row in kept:
        cached = store.cache.stored_summary(row["source_file"], row.get("sha256") or "") if store.cache else None
        if cached is None:
            from_tables.append(row)
            continue
        merged.append(store.add_streamed(len(merged), Streamed(cached, Rows(cached=row["source_file"]), in_cache=True)))
    for result in _results_from_tables(from_tables, current_set(out_dir)):
        merged.append(store.add(len(merged), result, source_file=result.report["source_file"], in_cache=False))
    ids = {s.report["report_id"] for s in merged}
    for s in merged[len(summaries):]:
        if s.report.get("duplicate_of") not in ids:
            s.report["duplicate_of"] = None
    return merged


def _results_from_tables(reports: Sequence[dict[str, Any]], folder: Path) -> list[FileResult]:
    """Given previous `reports` rows and the folder of their tables, return each report's rows as a result."""
    if not reports:
        return []
    report_ids = sorted({r["report_id"] for r in reports})
    exceptions = _read(folder / "exceptions.parquet", "report_id", report_ids)
    exception_ids = sorted({r["exception_id"] for r in exceptions})
    rows = {name: _read(folder / f"{name}.parquet", "exception_id", exception_ids) for name in ROW_TABLES[1:]}
    tables = _read(folder / "tables.parquet", "report_id", report_ids)
    results = []
    for report in reports:
        rid = report["report_id"]
        own = [r for r in exceptions if r["report_id"] == rid]
        mine = {r["exception_id"] for r in own}
        results.append(FileResult(
            report=dict(report), exceptions=own,
            amounts=[r for r in rows["amounts"] if r["exception_id"] in mine],
            years=[r for r in rows["years"] if r["exception_id"] in mine],
            entities=[r for r in rows["entities"] if r["exception_id"] in mine],
            tables=[r for r in tables if r["report_id"] == rid]))
    return results


def _read(path: Path, column: str, values: list[str]) -> list[dict[str, Any]]:
    """Given a Parquet table, a column and values, return its rows whose column holds one of them."""
    if not values or not path.is_file():
        return []
    return _records(pq.read_table(path, filters=[(column, "in", values)]).to_pandas())


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Given a frame read back from Parquet, return its rows as dicts with None for missing values."""
    return [{k: (None if _missing(v) else v) for k, v in row.items()} for row in df.to_dict("records")]


def _missing(value: Any) -> bool:
    """Given a cell, return whether it is a missing value (None, NaN, NA)."""
    missing = pd.isna(value)
    return isinstance(missing, (bool, np.bool_)) and bool(missing)
