"""Run the per-file pipeline over a batch: cache first, then parallel isolated workers.

`run_batch` looks every input up in the result cache (OUT/.cache), sends the rest to an
engine (local worker processes, or a Dask cluster), caches what comes back part by part
as it arrives (`slippage.spool`), and returns the results in input order, so the tables
are identical whatever the worker count or the order files finish in. It keeps only a
summary of each file in memory (`slippage.store`); the rows are read back a part at a
time when written.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Generator, Sequence
from contextlib import closing
from dataclasses import replace
from typing import TYPE_CHECKING, TextIO

from extract.settings import ExtractSettings
from slippage.cache import FileStamp, Limits, Lookup, ResultCache, options_fingerprint, stamp_of
from slippage.inputs import InputFile
from slippage.options import RunOptions
from slippage.result import FileResult, failed_result, skipped_result
from slippage.run_record import BatchRun, list_failures, summary_line, write_run_json
from slippage.spool import Receiver, meet
from slippage.store import FileSummary, ResultStore, Rows, Streamed

if TYPE_CHECKING:  # the engines (and with them the parsers) are imported only when a file is to be parsed
    from slippage.engines import EngineStats, FileTask

    Engine = Callable[[Sequence[FileTask], RunOptions, EngineStats, Receiver], Generator[tuple[int, Streamed], None, None]]

__all__ = ["BatchRun", "RunOptions", "run_batch", "run_files", "summary_line", "write_run_json"]

def run_files(files: Sequence[InputFile], options: RunOptions) -> list[FileResult]:
    """Given input files, return their whole results in input order (up to the first failure with fail_fast)."""
    run = run_batch(files, options)
    try:
        return [run.store.load(i) for i in range(len(run.summaries))]
    finally:
        run.store.close()


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
    store = ResultStore(cache, options.spool_dir)
    stamps = [stamp_of(f.path) for f in files]
    results: list[FileSummary | None] = []
    for i, (f, stamp) in enumerate(zip(files, stamps, strict=True)):
        if f.status != "read":
            results.append(store.add(i, _walk_row(f), source_file=f.source_file, in_cache=False))
            continue
        hit = None if cache is None or options.force else cache.summary(f.source_file, f.path, stamp)
        if hit is not None:
            meet(hit.report, f)
            hit = store.add_streamed(i, Streamed(hit, Rows(cached=f.source_file), in_cache=True))
        results.append(hit)
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
    meet(result.report, f)
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
    receiver = Receiver(store, [files[i] for i in todo], [stamps[i] for i in todo], options.max_memory_mib)
    engine: Engine = run_dask if options.engine == "dask" else run_local
    parsed = 0
    with BatchProgress(len(todo), len(files) - len(todo), enabled=wants_progress(options.quiet)) as bar, \
            closing(engine(tasks, options, stats, receiver)) as outcomes:
        for j, streamed in outcomes:
            i = todo[j]
            results[i] = store.add_streamed(i, streamed)
            parsed += 1
            bar.advance(streamed.summary.status == "failed")
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
