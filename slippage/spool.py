"""A parsed file's result received part by part in the batch process, and never joined.

A worker sends a result as parts (`FileResult.take_parts`: the head, rows at most
ROWS_PER_PART at a time, hash arrays). Each part goes, as it arrives, into the file's
cache entry (`slippage.cache.ResultCache.writer`, put in place once the last part is
in), while a `SummaryBuilder` keeps what the cross-report steps need. A result the cache
must not keep (a machine failure, a crash, no cache at all) stays in memory while it is
small, and past SPOOL_AFTER_ROWS rows goes on into a spool file of this run instead
(`ResultStore.spool_folder`, in the output folder). Either way the batch process holds a
part at a time of a big result, not the result: joined, an 80 MB export's rows took
~6x the input as Python dicts, and its one `json.dumps` as much again (issue 12).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slippage.cache import FileStamp
from slippage.entry import ENTRY_KIND, ROW_PARTS, EntryWriter, checked_part, loads, read_head
from slippage.inputs import InputFile
from slippage.reasons import printable
from slippage.result import ROWS_PER_PART, FileResult, memory_failure
from slippage.store import ResultStore, Rows, Streamed, SummaryBuilder

# Rows a result the cache does not keep may hold in memory before it goes to a spool file:
# a few parts (~5 MB of exceptions), so that a batch of small files makes no files for them.
SPOOL_AFTER_ROWS = 10 * ROWS_PER_PART
Part = tuple[str, Any]


def meet(report: dict[str, Any], f: InputFile) -> dict[str, Any]:
    """Given a file's `reports` row and its input, record the path as met in this run (names escaped)."""
    report["source_path"] = f.source_path or printable(str(f.path))
    for name in ("error", "warnings"):
        if isinstance(report.get(name), str):
            report[name] = printable(report[name])
    return report


@dataclass(slots=True)
class ResultSink:
    """One file's result as its parts arrive: into its cache entry, else memory, then a spool file."""

    store: ResultStore
    f: InputFile
    stamp: FileStamp | None
    cacheable: bool = True
    limited: bool = False
    explain_memory: int | None = None  # a worker's MemoryError is reworded as this limit (MiB)
    builder: SummaryBuilder | None = None
    writer: EntryWriter | None = None
    in_cache: bool = False
    spooled: bool = False
    spillable: bool = True
    held: list[Part] = field(default_factory=list)
    held_rows: int = 0
    head: FileResult | None = None

    def add(self, part: Part) -> None:
        """Given the result's next part (its head first), store it and add it to the summary."""
        name, value = part
        if self.head is None:
            if name != "head" or not isinstance(value, FileResult):
                raise ValueError(f"a result part {name!r} came before its head")
            self._start(value)
            return
        assert self.builder is not None
        checked_part([name, value])  # what a worker sent is checked as a cache entry's line is
        self.builder.add(name, value)
        if self.writer is not None:
            try:
                self.writer.add(name, value)
                return
            except (TypeError, ValueError):  # a value JSON cannot hold: this result is kept in memory
                self._to_memory()
        self.held.append(part)
        self.held_rows += len(value) if name in ROW_PARTS else 0
        if self.held_rows > SPOOL_AFTER_ROWS and self.spillable:
            self._spill()

    def _start(self, head: FileResult) -> None:
        """Given the result's head, record the path as met and open its cache entry if the cache may keep it."""
        meet(head.report, self.f)
        if self.explain_memory is not None:
            self.limited |= memory_failure(head.report, self.f.path.name, self.explain_memory)
        self.head = head
        self.builder = SummaryBuilder(dict(head.report))
        cache = self.store.cache
        if cache is not None and self.cacheable and not head.transient:
            self.writer = cache.writer(self.f.source_file, self.stamp, head, limited=self.limited)
            self.in_cache = self.writer is not None

    def _to_memory(self) -> None:
        """Read back the parts written so far and drop the entry (nor will a spool file hold this result)."""
        assert self.writer is not None
        with self.writer.temp.open("rb") as fh:
            read_head(fh)
            self.held = [checked_part(loads(line)) for line in fh]
        self.held_rows = sum(len(v) for n, v in self.held if n in ROW_PARTS)
        self.writer.discard()
        self.writer, self.in_cache, self.spooled, self.spillable = None, False, False, False

    def _spill(self) -> None:
        """Move the parts held so far into a spool file, which takes the rest as they come."""
        assert self.head is not None
        path = self.store.spool_path()
        head = {"kind": ENTRY_KIND, "report": self.head.report, "stats": self.head.stats}
        self.writer, self.spooled = EntryWriter(path, head), True
        for name, value in self.held:
            self.writer.add(name, value)
        self.held, self.held_rows = [], 0

    def finish(self) -> Streamed:
        """Put the entry or spool file in place and return the file's summary and where its rows are."""
        if self.builder is None:
            raise ValueError("the result's parts had no head")
        path = self.writer.commit() if self.writer is not None else None
        self.writer = None
        summary = self.builder.finish()
        if self.in_cache:
            return Streamed(summary, Rows(cached=self.f.source_file), in_cache=True)
        return Streamed(summary, Rows(path=path) if self.spooled else Rows(held=tuple(self.held)))

    def discard(self) -> None:
        """Drop what was received (the worker died or the run stopped before the last part)."""
        if self.writer is not None:
            self.writer.discard()
            self.writer = None
        self.held = []

    def feed(self, result: FileResult) -> Streamed:
        """Given a whole result (made in this process, or sent whole by Dask), store it part by part and return it streamed."""
        try:
            for part in result.take_parts():
                self.add(part)
            return self.finish()
        finally:
            self.discard()


@dataclass(frozen=True, slots=True)
class Receiver:
    """The sinks of one batch's parsed files, by task index: the inputs, their stamps, the store and the memory limit."""

    store: ResultStore
    files: Sequence[InputFile]
    stamps: Sequence[FileStamp | None]
    max_memory_mib: int

    def sink(self, index: int) -> ResultSink:
        """Given a task index, return the sink of the parts its worker sends."""
        return ResultSink(self.store, self.files[index], self.stamps[index], explain_memory=self.max_memory_mib)

    def whole(self, index: int, result: FileResult, *, cacheable: bool, limited: bool = False) -> Streamed:
        """Given a task index and its whole result (a failure made here, or from Dask), store it and return it streamed."""
        return ResultSink(self.store, self.files[index], self.stamps[index], cacheable, limited).feed(result)


def spool_files(folder: Path) -> list[Path]:
    """Given a spool folder, return its files (for tests)."""
    return sorted(folder.iterdir()) if folder.is_dir() else []
