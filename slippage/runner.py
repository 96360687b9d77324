"""Run the per-file pipeline over a batch: cache first, then parallel isolated workers.

`run_batch` looks every input up in the result cache (OUT/.cache), sends the rest to an
engine (local worker processes, or a Dask cluster), caches what comes back as each file
finishes, and returns the results in input order, so the tables are identical whatever
the worker count or the order files finish in. It keeps only a summary of each file in
memory (`slippage.store`); the rows are read back one file at a time when written.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Generator, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from extract.settings import ExtractSettings
from normalise.user_columns import ReadOptions
from slippage.cache import FileStamp, Limits, Lookup, ResultCache, options_fingerprint, stamp_of
from slippage.inputs import InputFile
from slippage.reasons import printable
from slippage.result import PIPELINE_VERSION, FileResult, failed_result, skipped_result
from slippage.run_record import list_failures, summary_line, write_run_json
from slippage.store import FileSummary, ResultStore

if TYPE_CHECKING:  # the engines (and with them the parsers) are imported only when a file is to be parsed
    from slippage.engines import EngineStats, FileTask, Parsed

    Engine = Callable[[Sequence[FileTask], "RunOptions", EngineStats], Generator[tuple[int, Parsed], None, None]]

__all__ = ["BatchRun", "RunOptions", "run_batch", "run_files", "summary_line", "write_run_json"]

ENGINES = ("local", "dask")
DEFAULT_MAX_MEMORY_MIB, MIN_WORKER_MEMORY_MIB = 4096, 1024


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How a batch runs: workers, limits, NER model, cache and engine.

    Attributes:
        workers: local worker processes (each loads spaCy once).
        timeout: seconds one file may take before it is recorded as failed.
        max_memory_mib: address-space limit of each local worker.
        ner: run spaCy NER (False: rules only).
        spacy_model: the model's import name (None: the defaults of `load_nlp`).
        fail_fast: stop at the first file, in input order, that fails.
        quiet: no progress bar (failures are still listed).
        force: re-parse every file, ignoring cached results (they are then replaced).
        verify: hash every file before trusting its cached result, whatever its stamp.
        retry_failed: parse again every file whose cached result is a failure.
        cache_dir: where results are cached (None: no cache).
        engine: "local" or "dask".
        scheduler: Dask scheduler address, for engine "dask".
        settings: reader limits.
        columns: the user's column rules (`--columns FILE`).
    """

    workers: int = 1
    timeout: float = 120.0
    max_memory_mib: int = 4096
    ner: bool = True
    spacy_model: str | None = None
    fail_fast: bool = False
    quiet: bool = False
    force: bool = False
    verify: bool = False
    retry_failed: bool = False
    cache_dir: Path | None = None
    engine: str = "local"
    scheduler: str | None = None
    settings: ExtractSettings | None = None
    columns: ReadOptions | None = None

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError(f"RunOptions.workers must be at least 1, got {self.workers}")
        if self.timeout <= 0 or self.max_memory_mib <= 0:
            raise ValueError(f"RunOptions.timeout and max_memory_mib must be positive, "
                             f"got {self.timeout} and {self.max_memory_mib}")
        if self.engine not in ENGINES:
            raise ValueError(f"RunOptions.engine must be one of {', '.join(ENGINES)}, got {self.engine!r}")
        if self.engine == "dask" and not self.scheduler:
            raise ValueError("RunOptions.engine 'dask' needs a scheduler address")


@dataclass(frozen=True, slots=True)
class BatchRun:
    """The results of a batch in input order, and what it took to get them.

    `summaries` holds every file's summary in input order; `store.load(i)` reads back the
    full result of `summaries[i]`.
    """

    summaries: list[FileSummary]
    store: ResultStore
    parsed: int
    cached: int
    seconds: float
    workers: int
    engine: str
    timed_out: int = 0
    crashed: int = 0
    options: str = ""  # the fingerprint of the options that change results (the cache's key)

    def counts(self) -> dict[str, Any]:
        """Return the run's numbers as written to run.json."""
        status = Counter(s.status for s in self.summaries)
        return {
            "files": len(self.summaries), "parsed": self.parsed, "cached": self.cached,
            "ok": status["ok"], "no_exceptions": status["no_exceptions"], "skipped": status["skipped"],
            "failed": status["failed"],
            "timed_out": self.timed_out, "crashed": self.crashed,
            "exceptions": sum(len(s.names) for s in self.summaries),
            "seconds": round(self.seconds, 3), "workers": self.workers, "engine": self.engine,
            "pipeline_version": PIPELINE_VERSION,
        }


def default_max_memory_mib(workers: int) -> int:
    """Given the worker count, return the memory limit per worker: three quarters of the machine's
    RAM shared among them, at least MIN_WORKER_MEMORY_MIB (spaCy and pdfplumber need their room)
    and at most DEFAULT_MAX_MEMORY_MIB, so that all workers at their limit do not exhaust the machine."""
    try:
        ram_mib = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // (1 << 20)
    except (OSError, ValueError):
        return DEFAULT_MAX_MEMORY_MIB
    return max(MIN_WORKER_MEMORY_MIB, min(DEFAULT_MAX_MEMORY_MIB, ram_mib * 3 // 4 // max(1, workers)))


def run_files(files: Sequence[InputFile], options: RunOptions) -> list[FileResult]:
    """Given input files, return their results in input order (up to the first failure with fail_fast)."""
    run = run_batch(files, options)
    return [run.store.load(i) for i in range(len(run.summaries))]


def run_batch(files: Sequence[InputFile], options: RunOptions, *, stderr: TextIO | None = None) -> BatchRun:
    """Parse a batch of files, reusing cached results, and return them in input order.

    Args:
        files: the inputs, in the order their rows should appear.
        options: workers, limits, cache and engine.
        stderr: where failures are listed (default sys.stderr).

    Returns:
        Every file's summary in input order (with fail_fast: up to and including the first
        failure) and the store holding their full results, with counts of parsed and cached files.

    Raises:
        EngineError: the workers could not start or the engine is unavailable.
        OSError: a Dask scheduler could not be reached.
    """
    start = time.monotonic()
    cache = _open_cache(options)
    store = ResultStore(cache)
    stamps = [stamp_of(f.path) for f in files]
    results: list[FileSummary | None] = []
    for i, (f, stamp) in enumerate(zip(files, stamps, strict=True)):
        if f.status != "read":
            results.append(store.add(i, _walk_row(f), source_file=f.source_file, in_cache=False))
            continue
        hit = None if cache is None or options.force else cache.get(f.source_file, f.path, stamp)
        results.append(None if hit is None else store.add(i, _as_met(hit, f), source_file=f.source_file, in_cache=True))
    cached = sum(r is not None and f.status == "read" for r, f in zip(results, files, strict=True))
    parsed, stats = _parse_missing(files, results, stamps, store, options)
    cut = _first_failure_end(results, 0)[1] if options.fail_fast else None
    final = [r for r in results[:cut] if r is not None]
    list_failures(final, stderr or sys.stderr)
    workers, timed_out, crashed = (stats.workers, stats.timed_out, stats.crashed) if stats else (0, 0, 0)
    return BatchRun(final, store, parsed, cached, time.monotonic() - start, workers, options.engine,
                    timed_out, crashed, cache.options if cache else _options_key(options))


def reader_settings(options: RunOptions) -> ExtractSettings:
    """Given the run's options, return the reader settings, with conversions ending before the per-file timeout.

    A LibreOffice conversion still running when the worker is killed would outlive it; a
    conversion limit inside the file's limit lets the reader stop it and say why.
    """
    settings = ExtractSettings.resolve(options.settings)
    inner = max(1, int(options.timeout * 0.75))
    return replace(settings, convert_timeout=inner) if settings.convert_timeout > inner else settings


def _options_key(options: RunOptions) -> str:
    """Given the options, return the fingerprint of those that change results."""
    return options_fingerprint(options.ner, options.spacy_model, options.settings, options.columns)


def _open_cache(options: RunOptions) -> ResultCache | None:
    """Given the options, return the result cache (None when there is no cache folder)."""
    if options.cache_dir is None:
        return None
    fingerprint = _options_key(options)
    lookup = Lookup(Limits(options.timeout, options.max_memory_mib), options.verify, options.retry_failed)
    return ResultCache(options.cache_dir, fingerprint, lookup)


def _walk_row(f: InputFile) -> FileResult:
    """Given a path the folder walk does not read, return its `skipped` or `failed` row."""
    reason = f"{f.source_file}: {f.reason}"
    if f.status == "skipped":
        return _as_met(skipped_result(f.path, f.source_file, reason), f)
    return _as_met(failed_result(f.path, f.source_file, reason, hash_file=False), f)


def _as_met(result: FileResult, f: InputFile) -> FileResult:
    """Given a file's result and its input, record the path as met in this run (names escaped)."""
    result.report["source_path"] = f.source_path or printable(str(f.path))
    for name in ("error", "warnings"):
        if isinstance(result.report.get(name), str):
            result.report[name] = printable(result.report[name])
    return result


def _parse_missing(files: Sequence[InputFile], results: list[FileSummary | None], stamps: list[FileStamp | None],
                   store: ResultStore, options: RunOptions) -> tuple[int, EngineStats | None]:
    """Given results with gaps, fill the gaps by parsing those files; return how many were parsed and
    what the engine reported (None when there was nothing to parse)."""
    todo = [i for i, r in enumerate(results) if r is None]
    if not options.fail_fast:
        # Largest first (longest-processing-time order): a big PDF started last would leave
        # the other workers idle at the end. Output order is unaffected. Fail-fast keeps
        # input order so that the first failure is found as early as possible.
        todo.sort(key=lambda i: -_size(stamps[i]))
    settled, cut = _first_failure_end(results, 0)
    if not todo or (options.fail_fast and cut is not None):
        return 0, None
    from slippage.engines import EngineStats, FileTask, run_dask, run_local
    from slippage.progress import BatchProgress, wants_progress

    stats = EngineStats()
    settings = reader_settings(options)
    tasks = [FileTask(files[i].path, files[i].source_file, settings, options.columns) for i in todo]
    cache = store.cache
    engine: Engine = run_dask if options.engine == "dask" else run_local
    parsed = 0
    with BatchProgress(len(todo), len(files) - len(todo), enabled=wants_progress(options.quiet)) as bar, \
            closing(engine(tasks, options, stats)) as outcomes:
        for j, item in outcomes:
            i = todo[j]
            result = _as_met(item.result, files[i])
            in_cache = (cache is not None and item.cacheable and not result.transient
                        and cache.put(files[i].source_file, stamps[i], result, limited=item.limited))
            results[i] = store.add(i, result, source_file=files[i].source_file, in_cache=in_cache)
            parsed += 1
            bar.advance(item.result.status == "failed")
            settled, cut = _first_failure_end(results, settled)
            if options.fail_fast and cut is not None:
                break
    return parsed, stats


def _size(stamp: FileStamp | None) -> int:
    """Given a file's stamp, return its size (0 if unknown)."""
    return stamp.size if stamp is not None else 0


def _first_failure_end(results: list[FileSummary | None], start: int) -> tuple[int, int | None]:
    """Given results and where the settled prefix (no gaps) was known to end, return its new end
    and, if that prefix holds a failure, the index just after the first one."""
    i = start
    while i < len(results):
        result = results[i]
        if result is None:
            return i, None
        if result.status == "failed":
            return i, i + 1
        i += 1
    return i, None
