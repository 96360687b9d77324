"""What the cross-report steps need of one file (`FileSummary`), made from its whole result or part by part.

Its own module so that the result cache, which builds a summary as it reads an entry,
and the store, which keeps them, do not import each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from normalise.identity.fingerprint import Fingerprint
from slippage.entry import HASH_PARTS
from slippage.result import FileResult, Status


@dataclass(frozen=True, slots=True)
class NameRow:
    """What project identity and the `projects` table need of one exception."""

    exception_id: str
    project: str
    report_period: str | None
    programme: str | None
    position: int


@dataclass(slots=True)
class FileSummary:
    """A file's `reports` row, fingerprint and project names: its part in the cross-report steps."""

    report: dict[str, Any]
    fingerprint: Fingerprint
    names: tuple[NameRow, ...]
    tables: tuple[dict[str, Any], ...] = ()

    @classmethod
    def of(cls, result: FileResult) -> FileSummary:
        """Given a file's full result, return its summary."""
        builder = SummaryBuilder(dict(result.report))
        builder.add("exceptions", result.exceptions)
        builder.add("tables", result.tables)
        return builder.finish(result.fingerprint)

    @property
    def status(self) -> Status:
        """Given the summary, return its report status."""
        status: Status = self.report["status"]
        return status


@dataclass(slots=True)
class SummaryBuilder:
    """A file's summary made from its parts as they come (the rows themselves are not kept)."""

    report: dict[str, Any]
    names: list[NameRow] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)
    hashes: dict[str, list[np.ndarray]] = field(default_factory=lambda: {name: [] for name in HASH_PARTS})

    def add(self, name: str, value: Any) -> None:
        """Given one part of the file's result, keep what the summary needs of it (raising KeyError for rows without it)."""
        if name == "exceptions":
            self.names += [NameRow(r["exception_id"], r["project"], r["report_period"], r["programme"], r["position"])
                           for r in value]
        elif name == "tables":
            self.tables += value
        elif name in self.hashes:
            self.hashes[name].append(value)

    def finish(self, fingerprint: Fingerprint | None = None) -> FileSummary:
        """Return the summary of the parts added (with `fingerprint` if the hashes came whole)."""
        if fingerprint is None:
            fingerprint = Fingerprint(*(np.concatenate(self.hashes[k]) if self.hashes[k] else np.empty(0, dtype=np.uint64)
                                        for k in HASH_PARTS))
        self.hashes = {name: [] for name in HASH_PARTS}
        return FileSummary(self.report, fingerprint, tuple(self.names), tuple(self.tables))
