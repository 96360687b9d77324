"""Copies of one report in a batch: byte-identical files and the same report in other formats.

Every file keeps its own `reports` row, so an archive's listing stays complete, but only
one copy of a report counts: the others are marked `duplicate_of` the kept one, and the
views and totals read the kept copy only (`export/duckdb_views.py`).

- **Byte-identical copies** (the same appendix attached to two meeting packs) share a
  sha256, so a worker gives them the same `report_id` (`sha256[:16]`). The copy at the
  lowest `source_file` keeps that id, so a report's id does not change when a copy of it
  appears; every other copy gets an id made from its sha256 and its name, and its
  exception ids follow. Ids stay unique, so joins on them never multiply rows.
- **Other formats** (a DOCX and its PDF export) are found from content fingerprints
  (`normalise.identity.fingerprint.find_duplicates`) among the files that are not byte copies.

A copy's `duplicate_of` always names the report finally kept, also when the kept
byte-identical copy is itself the PDF export of a DOCX.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from normalise.identity.fingerprint import find_duplicates
from slippage.result import FileResult
from slippage.store import FileSummary


def mark_copies(summaries: Sequence[FileSummary]) -> None:
    """Given a batch's summaries, make every report_id unique and set duplicate_of on each copy.

    Summaries whose id changes get their exception ids and `tables` rows renumbered; the
    rows read back later are renumbered by `renumbered`, a part at a time.
    """
    byte_copies = _unique_ids(summaries)
    by_id = {s.report["report_id"]: s for s in summaries}
    candidates = [(s.report["report_id"], s.report["source_format"], s.fingerprint) for s in summaries
                  if s.status == "ok" and s.fingerprint and s.report["report_id"] not in byte_copies]
    kept = {**find_duplicates(candidates), **byte_copies}
    for rid, keep in kept.items():
        while keep in kept:  # a byte copy of a PDF that is itself a copy of a DOCX
            keep = kept[keep]
        by_id[rid].report["duplicate_of"] = keep


def _unique_ids(summaries: Sequence[FileSummary]) -> dict[str, str]:
    """Given summaries, give every file sharing a report_id a new unique one (all but the first
    by name); return {new id: id of the byte-identical file kept} for the copies."""
    groups: dict[str, list[FileSummary]] = defaultdict(list)
    for s in summaries:
        groups[s.report["report_id"]].append(s)
    taken = set(groups)
    copies: dict[str, str] = {}
    for rid, group in groups.items():
        if len(group) < 2:
            continue
        first, *rest = sorted(group, key=lambda s: (s.report["source_file"], s.report.get("source_path") or ""))
        for s in rest:
            new = _new_id(s.report, taken)
            taken.add(new)
            _renumber_summary(s, new)
            if s.report.get("sha256") and s.report["sha256"] == first.report.get("sha256"):
                copies[new] = rid
    return copies


def _new_id(report: dict[str, Any], taken: set[str]) -> str:
    """Given a copy's `reports` row and the ids in use, return a stable id of its own.

    Made from its content and its name, so a copy keeps its id from run to run; the path
    joins in only when two input folders hold a copy under the same name.
    """
    parts = [report.get("sha256") or "", report["source_file"]]
    for extra in ("", report.get("source_path") or ""):
        text = "\0".join([*parts, extra] if extra else parts)
        candidate = hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:16]
        if candidate not in taken:
            return candidate
    n = 2
    while f"{candidate[:13]}-{n:02d}" in taken:
        n += 1
    return f"{candidate[:13]}-{n:02d}"


def _renumber_summary(summary: FileSummary, new: str) -> None:
    """Given a summary and its new report id, move its id, exception ids and `tables` rows to it."""
    old = summary.report["report_id"]
    summary.report["report_id"] = new
    summary.names = tuple(replace(n, exception_id=_moved(n.exception_id, old, new)) for n in summary.names)
    summary.tables = tuple(dict(t, report_id=new) for t in summary.tables)


def renumber_result(result: FileResult) -> FileResult:
    """Given a full result whose `reports` row (from its summary) may carry a new id, return it
    with every row's report and exception ids moved to that id."""
    new = result.report["report_id"]
    old = next((row["report_id"] for row in result.exceptions), new)
    for name in ("exceptions", "amounts", "years", "entities", "tables"):
        setattr(result, name, renumbered(name, getattr(result, name), old, new))
    return result


def renumbered(name: str, rows: list[dict[str, Any]], old: str, new: str) -> list[dict[str, Any]]:
    """Given some of a report's rows of one table, read under its old report id, return them moved to
    its new id (the rows themselves when the id did not change): a part at a time, for a big report."""
    if old == new:
        return rows
    if name == "exceptions":
        return [dict(r, report_id=new, exception_id=_moved(r["exception_id"], old, new)) for r in rows]
    if name == "tables":
        return [dict(t, report_id=new) for t in rows]
    return [dict(r, exception_id=_moved(r["exception_id"], old, new)) for r in rows]


def _moved(exception_id: str, old: str, new: str) -> str:
    """Given an exception id made from one report id, return it made from another.

    >>> _moved("0123456789abcdef-004", "0123456789abcdef", "fedcba9876543210")
    'fedcba9876543210-004'
    """
    return new + exception_id[len(old):] if exception_id.startswith(old) else exception_id
