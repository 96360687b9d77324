"""Run a batch of files, then the cross-report steps, then write every table."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from export.database import timeline_frame, write_database
from export.tables import to_frame
from export.writers import write_table
from normalise.fingerprint import find_duplicates
from normalise.identity import NameOccurrence, assign_keys
from slippage.pipeline import FileResult


@dataclass(frozen=True, slots=True)
class Dataset:
    """Every table of one ingest, as DataFrames."""

    tables: dict[str, pd.DataFrame]


def assemble(results: Sequence[FileResult], aliases: dict[str, str] | None = None) -> Dataset:
    """Given every file's result, link reports and projects across files and return the tables."""
    _mark_duplicates(results)
    keys = _project_keys(results, aliases)
    exceptions = [dict(row, project_key=keys[row["exception_id"]][0]) for r in results for row in r.exceptions]
    tables = {
        "reports": to_frame("reports", [r.report for r in results]),
        "exceptions": to_frame("exceptions", exceptions),
        "amounts": to_frame("amounts", [a for r in results for a in r.amounts]),
        "years": to_frame("years", [y for r in results for y in r.years]),
        "entities": to_frame("entities", [e for r in results for e in r.entities]),
    }
    tables["projects"] = to_frame("projects", _projects(exceptions, results, keys))
    tables["timeline"] = timeline_frame(tables)
    return Dataset(tables)


def write_dataset(dataset: Dataset, out_dir: Path) -> list[Path]:
    """Given the tables and a folder, write each as CSV and Parquet, then the DuckDB file, atomically."""
    written = [p for name, df in dataset.tables.items() for p in write_table(out_dir, name, df)]
    return [*written, write_database(dataset.tables, out_dir)]


def _mark_duplicates(results: Sequence[FileResult]) -> None:
    """Given results, set duplicate_of on reports that are another file's copy of the same report."""
    candidates = [(r.report["report_id"], r.report["source_format"], r.fingerprint) for r in results
                  if r.status == "ok" and r.fingerprint]
    kept = find_duplicates(candidates)
    for r in results:
        keep = kept.get(r.report["report_id"])
        if keep is not None and keep != r.report["report_id"]:
            r.report["duplicate_of"] = keep


def _project_keys(results: Sequence[FileResult], aliases: dict[str, str] | None) -> dict[str, tuple[str, str]]:
    """Given results, return {exception_id: (project_key, why linked)}."""
    occurrences = {}
    for r in results:
        rid = r.report["duplicate_of"] or r.report["report_id"]
        for row in r.exceptions:
            occurrences[row["exception_id"]] = NameOccurrence(row["project"], rid, row["report_period"], row["programme"])
    assigned = assign_keys(list(occurrences.values()), aliases=aliases)
    return {eid: (assigned[occ].project_key, assigned[occ].reason) for eid, occ in occurrences.items()}


def _projects(exceptions: list[dict[str, Any]], results: Sequence[FileResult],
              keys: dict[str, tuple[str, str]]) -> list[dict[str, Any]]:
    """Given keyed exception rows, return one `projects` row per key (copies of a report count once)."""
    primary = {r.report["report_id"] for r in results if not r.report["duplicate_of"]}
    by_key: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in exceptions:
        by_key[row["project_key"]].append(row)
    out = []
    for key, rows in by_key.items():
        counted = [r for r in rows if r["report_id"] in primary] or rows
        periods = sorted({r["report_period"] for r in counted if r["report_period"]})
        latest = max(counted, key=lambda r: (r["report_period"] or "", r["report_id"], r["position"]))
        out.append({
            "project_key": key, "name": latest["project"],
            "aliases": json.dumps(sorted({r["project"] for r in rows}), ensure_ascii=False),
            "first_period": periods[0] if periods else None, "last_period": periods[-1] if periods else None,
            "n_reports": len({r["report_id"] for r in counted}),
            "link_reasons": json.dumps(sorted({keys[r["exception_id"]][1] for r in rows}), ensure_ascii=False),
        })
    return out
