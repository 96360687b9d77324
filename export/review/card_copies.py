"""One review card per primary exception: the same row in the report's other copies is a link, not a card.

A report read in three formats gives three rows per project; a reviewer checks the row
once. The kept copy (`reports.duplicate_of` is null) gives the card; the other copies'
rows of the same project are matched to it by `project_key` (in row order where one
report names a project twice). When the kept copy is not a PDF, the card's source picture
comes from a PDF copy's row, since only PDF rows have page images.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Row = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class CopyLink:
    """The same exception in another copy of its report: where it is, and a link when the file's path is known."""

    exception_id: str
    source_file: str
    source_format: str
    page: str
    href: str


@dataclass(frozen=True, slots=True)
class Copies:
    """For each primary exception, its rows in the report's other copies (in input order)."""

    by_primary: Mapping[str, Sequence[Row]]

    def links(self, exception_id: str, source_paths: Mapping[str, str | None]) -> tuple[CopyLink, ...]:
        """Given a primary exception and report_id -> source path, return its copies as links."""
        return tuple(_link(row, source_paths.get(row["report_id"])) for row in self.by_primary.get(exception_id, ()))

    def pdf_copy(self, exception_id: str) -> Row | None:
        """Given a primary exception, return its first PDF copy's row (None: it has none)."""
        return next((r for r in self.by_primary.get(exception_id, ()) if r.get("source_format") == "pdf"), None)


def kept_report(reports: Sequence[Row]) -> dict[str, str]:
    """Given `reports` rows, return report_id -> the report_id of the copy kept (itself when kept).

    `duplicate_of` already names the copy finally kept (the batch resolves a copy of a copy).
    """
    return {r["report_id"]: r.get("duplicate_of") or r["report_id"] for r in reports}


def split_copies(exceptions: Sequence[Row], reports: Sequence[Row]) -> tuple[list[Row], Copies]:
    """Given `exceptions` index rows (with project_key) and `reports` rows, return the primary rows and their copies.

    >>> reports = [{"report_id": "a", "duplicate_of": None}, {"report_id": "b", "duplicate_of": "a"}]
    >>> rows = [{"exception_id": "a-1", "report_id": "a", "project_key": "k"}, {"exception_id": "b-1", "report_id": "b", "project_key": "k"},
    ...         {"exception_id": "b-2", "report_id": "b", "project_key": "j"}]
    >>> primary, copies = split_copies(rows, reports)
    >>> [r["exception_id"] for r in primary], {k: [r["exception_id"] for r in v] for k, v in copies.by_primary.items()}
    (['a-1', 'b-2'], {'a-1': ['b-1']})

    A copy's row whose project the kept copy lacks stays a card of its own (b-2 above):
    it is something only that format's reading found, which a reviewer should see.
    """
    kept = kept_report(reports)
    slots: dict[tuple[str, Any], list[str]] = defaultdict(list)
    primary: list[Row] = []
    for row in exceptions:
        if kept.get(row["report_id"], row["report_id"]) == row["report_id"]:
            primary.append(row)
            slots[(row["report_id"], row.get("project_key"))].append(row["exception_id"])
    by_primary: dict[str, list[Row]] = defaultdict(list)
    used: dict[tuple[str, str, Any], int] = defaultdict(int)
    for row in exceptions:
        rid: str = row["report_id"]
        root = kept.get(rid, rid)
        if root == rid:
            continue
        key: tuple[str, Any] = (root, row.get("project_key"))
        turn = used[(rid, *key)]
        used[(rid, *key)] += 1
        if turn < len(slots.get(key, ())):
            by_primary[slots[key][turn]].append(row)
        else:
            primary.append(row)
    order = {row["exception_id"]: i for i, row in enumerate(exceptions)}
    primary.sort(key=lambda r: order[r["exception_id"]])
    return primary, Copies(dict(by_primary))


def _link(row: Row, source_path: str | None) -> CopyLink:
    """Given a copy's row and its file's path (or None), return its link."""
    page = "" if row.get("page") is None else str(row["page"])
    href = ""
    if source_path and Path(source_path).is_absolute():
        href = Path(source_path).as_uri() + (f"#page={page}" if page and row.get("source_format") == "pdf" else "")
    return CopyLink(row["exception_id"], str(row.get("source_file") or ""), str(row.get("source_format") or ""), page, href)
