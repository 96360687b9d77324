"""A batch's results between parsing and writing, without holding every row in memory.

The cross-report steps (copies of a report, project identity, the `projects` table) need
only a little of each file: its `reports` row, its content fingerprint and its project
names. A `FileSummary` keeps that much, built part by part as a result streams in
(`SummaryBuilder`); the rows are read back lazily, a part at a time, when the tables are
written. They live in the file's cache entry, else in a spool file of this run
(`slippage.spool`), or, for a small result or one given whole, in memory. So the batch
process grows by a summary per file (~25 kB, mostly the fingerprint), not by its rows.
"""

from __future__ import annotations

import shutil
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.errors import SlippageError
from slippage.cache import ResultCache
from slippage.entry import entry_parts
from slippage.result import FileResult, in_exception_order
from slippage.staging import SPOOL_PREFIX
from slippage.summary import FileSummary, NameRow, SummaryBuilder

__all__ = ["FileSummary", "NameRow", "ResultStore", "Rows", "Streamed", "SummaryBuilder"]

Part = tuple[str, Any]


@dataclass(frozen=True, slots=True)
class Rows:
    """Where a file's rows are: its cache entry (by reported name), a spool file, or in memory (parts or a result)."""

    cached: str | None = None
    path: Path | None = None
    held: tuple[Part, ...] | FileResult = ()


@dataclass(frozen=True, slots=True)
class Streamed:
    """A file's result as the batch keeps it: its summary, where its rows are, and whether the cache holds it."""

    summary: FileSummary
    rows: Rows
    in_cache: bool = False


class ResultStore:
    """Each input's summary and the way back to its rows, by input index."""

    def __init__(self, cache: ResultCache | None = None, spool_parent: Path | None = None) -> None:
        self.cache = cache
        self.spool_parent = spool_parent
        self.summaries: dict[int, FileSummary] = {}
        self._rows: dict[int, Rows] = {}
        self._spool: Path | None = None
        self._spooled = 0

    def add(self, index: int, result: FileResult, *, source_file: str, in_cache: bool) -> FileSummary:
        """Given a file's whole result and whether the cache holds it, keep its summary (and the result
        itself unless the cache holds it) and return the summary."""
        summary = FileSummary.of(result)
        held = in_exception_order(result)  # the order a worker sends rows in, which the batch's pieces read
        rows = Rows(cached=source_file) if in_cache and self.cache is not None else Rows(held=held)
        return self.add_streamed(index, Streamed(summary, rows, in_cache))

    def add_streamed(self, index: int, streamed: Streamed) -> FileSummary:
        """Given a file's streamed result, keep its summary and where its rows are; return the summary."""
        self.summaries[index] = streamed.summary
        if streamed.summary.names or streamed.summary.tables:
            self._rows[index] = streamed.rows
        # A file without exceptions has no other rows: its summary is the whole of it.
        return streamed.summary

    def spool_folder(self) -> Path:
        """Return this run's folder for results the cache does not keep (made on first use, removed by `close`)."""
        if self._spool is None:
            import os
            import tempfile

            self._spool = Path(tempfile.mkdtemp(prefix=f"{SPOOL_PREFIX}{os.getpid()}-", dir=self.spool_parent))
            weakref.finalize(self, shutil.rmtree, self._spool, True)  # also when a caller never closes the store
        return self._spool

    def spool_path(self) -> Path:
        """Return a new file name in the spool folder (one per result spooled)."""
        self._spooled += 1
        return self.spool_folder() / f"{self._spooled}.jsonl"

    def close(self) -> None:
        """Remove the spool folder and what it holds (the rows of results the cache does not keep)."""
        if self._spool is not None:
            shutil.rmtree(self._spool, ignore_errors=True)
            self._spool = None

    def parts(self, index: int, names: frozenset[str] | None = None) -> Iterator[Part]:
        """Given an input index (and the part names wanted), yield its result's row parts, read lazily.

        Raises:
            SlippageError: the cache entry or spool file changed or vanished after the file was parsed.
        """
        rows = self._rows.get(index)
        if rows is None:
            return
        if isinstance(rows.held, FileResult):
            yield from (p for p in rows.held.iter_parts() if p[0] != "head" and (names is None or p[0] in names))
            return
        if not rows.cached and rows.path is None:
            yield from (p for p in rows.held if names is None or p[0] in names)
            return
        report = self.summaries[index].report
        try:
            if rows.cached and self.cache is not None:
                yield from self.cache.stored_parts(rows.cached, report.get("sha256") or "", names)
            elif rows.path is not None:
                yield from entry_parts(rows.path, names)
        except (OSError, ValueError, TypeError, KeyError) as e:
            kind = "cached" if rows.cached else "spooled"
            raise SlippageError(f"{report['source_file']}: its {kind} result changed or vanished while the batch "
                                f"was being written (another slippage run on the same --out?); run again") from e

    def load(self, index: int) -> FileResult:
        """Given an input index, return its full result (with the summary's `reports` row), read whole.

        For callers that want one file's rows at once (the Python API, tests); the batch's
        writer reads `parts` instead.
        """
        summary = self.summaries[index]
        head = FileResult(report=summary.report)
        result = FileResult.from_parts([("head", head), *self.parts(index)])
        result.fingerprint, result.report = summary.fingerprint, summary.report
        return result

