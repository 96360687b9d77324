"""Where files are parsed: isolated local worker processes, or an existing Dask cluster.

Both engines run the same per-file function (`process_file` with a spaCy pipeline loaded
once per worker) and turn what happened into a `FileResult`: a hang becomes a `failed`
row "timed out after N s", a dead worker "the parser crashed (exit code …)", so one
hostile file never stops the batch. Each engine hands what comes back to the run's
`slippage.spool.Receiver` (a local worker's parts one at a time, as they arrive) and
yields `(index, Streamed)` pairs; the runner puts them back in input order.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Generator, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.base import READERS
from extract.errors import SlippageError
from extract.settings import ExtractSettings
from normalise.tables.user_columns import ReadOptions
from slippage.options import RunOptions
from slippage.pipeline import FileResult, failed_result, process_file
from slippage.result import memory_failure
from slippage.spool import Receiver
from slippage.store import Streamed
from slippage.worker_main import describe_error
from slippage.workers import Outcome, Parts, WorkerInitError, run_isolated

# What the fork server imports once so that every worker (and every replacement after a
# timeout or crash) starts without re-importing pdfplumber, python-docx and spaCy.
PRELOAD = ("slippage.engines",)
DASK_CONNECT_TIMEOUT = "30s"
# Files a local worker parses before a fresh one replaces it. A worker's spaCy vocabulary
# grows with every new word (measured: 130 -> 170 MiB over 500 files); a fresh worker
# costs a model load (~0.5 s), under 1% of the time 200 files take.
FILES_PER_WORKER = 200

_worker_nlp: Any = None  # the spaCy pipeline of this worker process, set by init_worker


class EngineError(SlippageError):
    """The batch could not run at all: workers would not start or the cluster is unreachable."""


@dataclass(frozen=True, slots=True)
class FileTask:
    """One file for a worker: where it is, its reported name and the reader limits."""

    path: Path
    source_file: str
    settings: ExtractSettings | None = None
    columns: ReadOptions | None = None


@dataclass(frozen=True, slots=True)
class Parsed:
    """A file's result from an engine, whether the cache may keep it, and whether it holds only under the limits.

    Timeouts and out-of-memory failures are cached with the limits they ran under
    (`limited`), and tried again when the limits change; crashes are not cached (a worker
    killed from outside is no property of the file).
    """

    result: FileResult
    cacheable: bool
    limited: bool = False


@dataclass(slots=True)
class EngineStats:
    """What an engine reports about a run (filled in while it runs)."""

    workers: int = 0
    timed_out: int = 0
    crashed: int = 0


def load_model(ner: bool, spacy_model: str | None) -> Any:
    """Given whether NER is wanted and an optional model name, return the loaded pipeline or None."""
    if not ner:
        return None
    from normalise.entities.spacy_model import load_nlp

    return load_nlp((spacy_model,)) if spacy_model else load_nlp()


def init_worker(ner: bool, spacy_model: str | None) -> None:
    """In a local worker process: load the spaCy pipeline once, for every file it parses."""
    global _worker_nlp
    _worker_nlp = load_model(ner, spacy_model)


def parse_task(task: FileTask) -> FileResult:
    """In a local worker: given a task, return its file's result (with this worker's pipeline)."""
    return process_file(task.path, task.source_file, settings=task.settings, nlp=_worker_nlp, columns=task.columns)


def parse_on_dask(task: FileTask, ner: bool, spacy_model: str | None) -> FileResult:
    """On a Dask worker: given a task, return its result; the model loads once per worker process.

    `load_nlp` is an `lru_cache`, so the module-level cache of each Dask worker process
    keeps the pipeline between tasks.
    """
    return process_file(task.path, task.source_file, settings=task.settings, nlp=load_model(ner, spacy_model), columns=task.columns)


def warm_dask_worker(ner: bool, spacy_model: str | None) -> None:
    """On a Dask worker: import every reader and load the model, before any file's clock starts.

    Readers are imported lazily by format, so a cold worker would pay for them inside a
    file's time limit.
    """
    for target in READERS.values():
        importlib.import_module(target.partition(":")[0])
    load_model(ner, spacy_model)


def to_parsed(task: FileTask, outcome: Outcome[Any], options: RunOptions, stats: EngineStats) -> Parsed:
    """Given a task and what became of it, return its result and whether it may be cached."""
    name = task.path.name
    if outcome.kind == "done" and outcome.value is not None:
        return _explain_memory(outcome.value, name, options.max_memory_mib)
    if outcome.kind == "timeout":
        stats.timed_out += 1
        error = f"{name}: timed out after {options.timeout:g} s"
        return Parsed(failed_result(task.path, task.source_file, error), cacheable=True, limited=True)
    if outcome.kind == "crashed":
        stats.crashed += 1
        error = f"{name}: the parser crashed ({outcome.message})"
    else:
        error = f"internal error while reading {name}: {outcome.message}"
    return Parsed(failed_result(task.path, task.source_file, error), cacheable=False)


def _explain_memory(result: FileResult, name: str, max_memory_mib: int) -> Parsed:
    """Given a worker's result, reword a MemoryError as the memory limit it hit (cached under that limit)."""
    return Parsed(result, cacheable=True, limited=memory_failure(result.report, name, max_memory_mib))


def settled(index: int, parsed: Parsed, receiver: Receiver) -> Streamed:
    """Given a task index and its whole result, store it through the receiver and return it streamed."""
    return receiver.whole(index, parsed.result, cacheable=parsed.cacheable, limited=parsed.limited)


def run_local(tasks: Sequence[FileTask], options: RunOptions, stats: EngineStats,
              receiver: Receiver) -> Generator[tuple[int, Streamed], None, None]:
    """Given tasks and the receiver of their results, parse them in isolated local worker processes;
    yield (index, Streamed) as they finish. A worker's parts go to `receiver.sink(index)` as they come.

    Raises:
        EngineError: a worker could not start (e.g. the spaCy model is not installed).
    """
    stats.workers = min(options.workers, len(tasks))
    outcomes = run_isolated(
        tasks, parse_task, workers=options.workers, timeout=options.timeout,
        initializer=init_worker, initargs=(options.ner, options.spacy_model),
        max_memory_mib=options.max_memory_mib, preload=PRELOAD, max_tasks=FILES_PER_WORKER,
        parts=Parts(FileResult.take_parts, receiver.sink),
    )
    with closing(outcomes):
        try:
            for index, outcome in outcomes:
                if outcome.kind == "done" and isinstance(outcome.value, Streamed):
                    yield index, outcome.value
                else:
                    yield index, settled(index, to_parsed(tasks[index], outcome, options, stats), receiver)
        except WorkerInitError as e:
            raise EngineError(str(e)) from e


def run_dask(tasks: Sequence[FileTask], options: RunOptions, stats: EngineStats,
             receiver: Receiver) -> Generator[tuple[int, Streamed], None, None]:
    """Given tasks and the receiver of their results, parse them on the Dask cluster at options.scheduler;
    yield (index, Streamed) in input order (a result comes back whole, and is stored part by part).

    Each file's future is waited on for at most `options.timeout` seconds after the files
    before it are settled (futures run in submission order); an overdue future is cancelled
    and its file recorded as timed out. A task that keeps killing Dask workers comes back
    as `KilledWorker` and is recorded as crashed.

    Raises:
        EngineError: dask[distributed] is not installed.
        OSError: the scheduler cannot be reached.
    """
    distributed = _import_distributed()
    client = distributed.Client(options.scheduler, timeout=DASK_CONNECT_TIMEOUT)
    futures: list[Any] = []
    try:
        stats.workers = sum(client.nthreads().values())
        client.run(warm_dask_worker, options.ner, options.spacy_model)
        futures = client.map(parse_on_dask, list(tasks), ner=options.ner, spacy_model=options.spacy_model, pure=False)
        for index, future in enumerate(futures):
            parsed = to_parsed(tasks[index], _dask_outcome(future, options.timeout), options, stats)
            yield index, settled(index, parsed, receiver)
    finally:
        if futures:
            client.cancel(futures)
        client.close()


def _import_distributed() -> Any:
    """Return the `distributed` module (untyped, so Any), or raise EngineError if not installed."""
    try:
        return importlib.import_module("distributed")
    except ImportError as e:
        raise EngineError("--engine dask needs dask[distributed]: pip install 'dask[distributed]'") from e


def _dask_outcome(future: Any, timeout: float) -> Outcome[FileResult]:
    """Given a Dask future and a time limit, wait for it and return what became of it."""
    distributed = _import_distributed()
    DaskTimeoutError, KilledWorker = distributed.TimeoutError, distributed.KilledWorker  # noqa: N806

    start = time.monotonic()
    try:
        value = future.result(timeout=timeout)
    except (TimeoutError, DaskTimeoutError):
        future.cancel()
        return Outcome("timeout", message=f"timed out after {timeout:g} s", seconds=time.monotonic() - start)
    except KilledWorker as e:
        return Outcome("crashed", message=f"a Dask worker died running it: {e}", seconds=time.monotonic() - start)
    except Exception as e:  # noqa: BLE001 - a task's failure is a failed row, not the batch's end
        return Outcome("error", message=describe_error(e), seconds=time.monotonic() - start)
    return Outcome("done", value=value, seconds=time.monotonic() - start)
