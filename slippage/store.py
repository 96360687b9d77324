"""A batch's results between parsing and writing, without holding every row in memory.

The cross-report steps (copies of a report, project identity, the `projects` table) need
only a little of each file: its `reports` row, its content fingerprint and its project
names. A `FileSummary` keeps that much; the full rows are read back one file at a time
when the tables are written. Results already in the result cache are read back from it;
the rest (no cache, or results the cache must not keep) stay in memory. So the batch
process grows by a summary per file (~25 kB, mostly the fingerprint), not by its rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extract.errors import SlippageError
from normalise.identity.fingerprint import Fingerprint
from slippage.cache import ResultCache
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
        names = tuple(NameRow(r["exception_id"], r["project"], r["report_period"], r["programme"], r["position"])
                      for r in result.exceptions)
        return cls(dict(result.report), result.fingerprint, names, tuple(result.tables))

    @property
    def status(self) -> Status:
        """Given the summary, return its report status."""
        status: Status = self.report["status"]
        return status


class ResultStore:
    """Full results by input index: read back from the result cache, or held in memory."""

    def __init__(self, cache: ResultCache | None = None) -> None:
        self.cache = cache
        self.summaries: dict[int, FileSummary] = {}
        self._held: dict[int, FileResult] = {}
        self._cached: dict[int, str] = {}  # index -> source_file of its cache entry

    def add(self, index: int, result: FileResult, *, source_file: str, in_cache: bool) -> FileSummary:
        """Given a file's result and whether the cache holds it, keep its summary and return it."""
        summary = FileSummary.of(result)
        self.summaries[index] = summary
        if summary.names and in_cache and self.cache is not None:
            self._cached[index] = source_file
        elif summary.names:
            self._held[index] = result
        # A file without exceptions has no other rows: its summary is the whole of it.
        return summary

    def load(self, index: int) -> FileResult:
        """Given an input index, return its full result (with the summary's `reports` row).

        Raises:
            SlippageError: the cache entry changed or vanished after the file was parsed.
        """
        summary = self.summaries[index]
        if index in self._held:
            result = self._held[index]
        elif index in self._cached and self.cache is not None:
            result = self._from_cache(self.cache, self._cached[index], summary)
        else:
            result = FileResult(report=summary.report)
        result.report = summary.report
        return result

    @staticmethod
    def _from_cache(cache: ResultCache, source_file: str, summary: FileSummary) -> FileResult:
        """Given the cache, a file's reported name and its summary, return the cached full result."""
        result = cache.stored_result(source_file, summary.report.get("sha256") or "")
        if result is None:
            raise SlippageError(f"{source_file}: its cached result changed or vanished while the batch was "
                                f"being written (another slippage run on the same --out?); run again")
        return result
