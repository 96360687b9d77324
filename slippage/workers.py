"""A supervised process pool: every task runs in a long-lived worker under a time and memory limit.

Generic (nothing here knows about slippage): `run_isolated(tasks, fn, ...)` sends each task
to one of N worker processes and yields `(index, Outcome)` as tasks finish. The supervisor
keeps each task's start time; a task past its deadline has its worker killed and is
reported as `timeout`; a worker that dies (segfault, OOM kill, `os._exit`) reports its
task as `crashed`. Either way a fresh worker takes its place and the batch goes on. With
`max_tasks`, a worker that has run that many tasks is retired and replaced too, so
whatever a long run accumulates in a worker (spaCy's string store grows with every new
word it sees) is given back. With `parts`, each value comes back as a series of parts that
the supervisor hands, as each arrives, to a receiver of the task's (`slippage.worker_main`),
so a big value never sits in the worker as one pickle, nor whole in the supervisor.

Why not `concurrent.futures.ProcessPoolExecutor`: one dead worker breaks the whole
executor (`BrokenProcessPool`) and a running task cannot be cancelled, so neither a hang
nor a crash could be confined to its own file.

Start method: `forkserver` (falling back to `spawn` where it does not exist), never a
plain `fork` of the caller, which may hold threads (rich's refresh thread, spaCy/BLAS
pools) whose locks a forked child would inherit held. The fork server imports the
`preload` modules once, so each (replacement) worker starts in ~20 ms instead of the
~1.5 s a spawned interpreter needs to import pdfplumber and spaCy again (measured on
the dev box; the model itself still loads per worker, ~0.5 s).
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Generic, Literal, TypeVar

from slippage.worker_handle import STOP_GRACE, Parts, Receiver, Worker, describe_exit, drop_parts, kill, next_message, stop
from slippage.worker_main import describe_error, worker_main

__all__ = ["DEFAULT_INIT_TIMEOUT", "Outcome", "Parts", "Receiver", "WorkerInitError", "describe_error", "describe_exit",
           "run_isolated", "start_server"]

T = TypeVar("T")
R = TypeVar("R")
OutcomeKind = Literal["done", "error", "timeout", "crashed"]
DEFAULT_INIT_TIMEOUT = 300.0


class WorkerInitError(RuntimeError):
    """A worker could not start: its initializer raised, hung or the process died."""


@dataclass(frozen=True, slots=True)
class Outcome(Generic[R]):
    """What became of one task.

    Attributes:
        kind: ``done`` (fn returned ``value``), ``error`` (fn raised; ``message`` says
            what), ``timeout`` (killed after the time limit) or ``crashed`` (the worker
            process died; ``message`` gives the exit code).
        value: fn's return value when ``kind == "done"``.
        message: the reason otherwise.
        seconds: wall time the task ran for.
    """

    kind: OutcomeKind
    value: R | None = None
    message: str | None = None
    seconds: float = 0.0


def run_isolated(tasks: Sequence[T], fn: Callable[[T], R], *, workers: int, timeout: float | None,
                 initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = (),
                 max_memory_mib: int | None = None, preload: Sequence[str] = (),
                 init_timeout: float = DEFAULT_INIT_TIMEOUT, max_tasks: int | None = None,
                 parts: Parts[R] | None = None) -> Generator[tuple[int, Outcome[R]], None, None]:
    """Run ``fn(task)`` for every task in worker processes, each under a time and memory limit.

    Args:
        tasks: picklable task arguments.
        fn: a picklable (top-level) function of one task.
        workers: number of worker processes (at most one per task is started).
        timeout: seconds one task may run before its worker is killed (None: no limit).
        initializer: called once in each worker before its first task (e.g. load a model).
        initargs: arguments for the initializer.
        max_memory_mib: address-space limit per worker (``RLIMIT_AS``); an allocation past it
            raises ``MemoryError`` inside fn (None: no limit).
        preload: modules the fork server imports once so workers start fast.
        init_timeout: seconds a worker's initializer may take.
        max_tasks: tasks a worker runs before it is replaced by a fresh one (None: no limit).
        parts: send each value back in parts (a big value is then never pickled whole), each
            handed to the task's receiver as it arrives; `split` must be picklable.

    Yields:
        ``(index into tasks, Outcome)`` in completion order; every task is yielded once.
        Closing the iterator early stops all workers.

    Raises:
        WorkerInitError: a worker failed to start (its initializer raised or hung).
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    pool = _Pool(fn, _context(preload), initializer, initargs, max_memory_mib, max_tasks, parts)
    try:
        yield from pool.run(len(tasks), tasks.__getitem__, min(workers, len(tasks)), timeout, init_timeout)
    finally:
        pool.shutdown()


def start_server(preload: Sequence[str]) -> None:
    """Given modules to preload, start the fork server now (no-op where there is none).

    The server imports `preload` in its own process, so a caller that starts it early
    overlaps those imports (~1.5 s for pdfplumber and spaCy) with its own start-up work.
    """
    if _context(preload).get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def _context(preload: Sequence[str]) -> Any:
    """Given modules to preload, return the forkserver context (spawn where there is none)."""
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    if preload:
        ctx.set_forkserver_preload(list(preload))  # only takes effect if the server is not yet running
    return ctx


class _Pool:
    """The supervisor: starts, feeds, times and replaces worker processes."""

    def __init__(self, fn: Callable[[Any], Any], ctx: Any, initializer: Callable[..., None] | None,
                 initargs: tuple[Any, ...], max_memory_mib: int | None, max_tasks: int | None = None,
                 parts: Parts[Any] | None = None) -> None:
        self.fn, self.ctx = fn, ctx
        self.initializer, self.initargs, self.max_memory_mib = initializer, initargs, max_memory_mib
        self.max_tasks, self.parts = max_tasks, parts
        self.workers: list[Worker] = []

    def run(self, n: int, get: Callable[[int], Any], size: int, timeout: float | None,
            init_timeout: float) -> Iterator[tuple[int, Outcome[Any]]]:
        """Given n tasks, run them all on `size` workers; yield outcomes as they come."""
        pending = deque(range(n))
        self.workers = [self._start() for _ in range(size)]
        left = n
        while left:
            for w in self.workers:
                # A worker that died while idle cannot take the task; _collect replaces it.
                if w.ready and w.index is None and pending and self._assign(w, pending[0], get):
                    pending.popleft()
            ready = wait([w.conn for w in self.workers] + [w.process.sentinel for w in self.workers],
                         self._wait_time(timeout, init_timeout))
            for index, outcome in self._collect(set(ready), timeout, init_timeout, bool(pending)):
                left -= 1
                yield index, outcome

    def _start(self) -> Worker:
        """Start one worker process and return its handle."""
        parent, child = self.ctx.Pipe(duplex=True)
        split = self.parts.split if self.parts is not None else None
        process = self.ctx.Process(target=worker_main, daemon=True,
                                   args=(child, self.fn, self.initializer, self.initargs, self.max_memory_mib, split))
        process.start()
        child.close()
        return Worker(process, parent)

    def _assign(self, w: Worker, index: int, get: Callable[[int], Any]) -> bool:
        """Given an idle worker and a task index, send it the task, start its clock and return True
        (False if the worker's pipe is broken, i.e. it died while idle)."""
        try:
            w.conn.send((index, get(index)))
        except OSError:
            return False
        w.index, w.started = index, time.monotonic()
        return True

    def _wait_time(self, timeout: float | None, init_timeout: float) -> float | None:
        """Return the seconds until the nearest deadline (None if no worker has one)."""
        now = time.monotonic()
        deadlines = [w.born + init_timeout for w in self.workers if not w.ready]
        if timeout is not None:
            deadlines += [w.started + timeout for w in self.workers if w.index is not None]
        return max(0.0, min(deadlines) - now) if deadlines else None

    def _collect(self, ready: set[Any], timeout: float | None, init_timeout: float,
                 more: bool) -> list[tuple[int, Outcome[Any]]]:
        """Given ready pipes/sentinels, return finished tasks, replacing dead and overdue workers."""
        out: list[tuple[int, Outcome[Any]]] = []
        kept: list[Worker] = []
        for w in self.workers:
            if w.conn in ready or w.process.sentinel in ready or not w.process.is_alive():
                received = self._receive(w)
                out += [received] if received is not None else []
            overdue = self._overdue(w, timeout, init_timeout)
            out += [overdue] if overdue is not None else []
            if w.process.is_alive() and overdue is None and not self._spent(w):
                kept.append(w)
            else:
                stop(w)
                kept += [self._start()] if more else []
        self.workers = kept
        return out

    def _spent(self, w: Worker) -> bool:
        """Given a worker, return True if it is idle and has run its share of tasks."""
        return self.max_tasks is not None and w.index is None and w.tasks >= self.max_tasks

    def _receive(self, w: Worker) -> tuple[int, Outcome[Any]] | None:
        """Given a worker with something to say (or dead), return its finished task if any.

        The parts of a value are read for as long as they wait in the pipe; the rest are read
        on a later call, and a worker that dies before its last part reports its task crashed.
        """
        message = next_message(w)
        while message is not None and message[0] == "part":
            if self.parts is not None:
                w.receiver = w.receiver or self.parts.receive(message[1])
                w.receiver.add(message[2])
            if not w.conn.poll():
                return None if w.process.is_alive() else self._died(w)
            message = next_message(w)
        if message is None:
            return self._died(w)
        if message[0] == "ready":
            w.ready = True
            return None
        if message[0] == "init_error":
            raise WorkerInitError(f"a worker could not start: {message[1]}")
        return self._finished(w, message)

    def _finished(self, w: Worker, message: tuple[str, int, Any]) -> tuple[int, Outcome[Any]]:
        """Given a worker and its task's last message ("done" or "error"), return the task's outcome."""
        kind, index, payload = message
        receiver, w.receiver = w.receiver, None
        w.index, w.tasks = None, w.tasks + 1
        seconds = time.monotonic() - w.started
        if kind != "done":
            if receiver is not None:
                receiver.discard()
            return index, Outcome("error", message=payload, seconds=seconds)
        if self.parts is None:
            return index, Outcome("done", value=payload, seconds=seconds)
        receiver = receiver or self.parts.receive(index)
        try:
            return index, Outcome("done", value=receiver.finish(), seconds=seconds)
        except Exception as e:  # noqa: BLE001 - parts that do not make a value are the task's failure
            return index, Outcome("error", message=f"the result's parts did not join ({describe_error(e)})", seconds=seconds)
        finally:
            receiver.discard()

    def _died(self, w: Worker) -> tuple[int, Outcome[Any]] | None:
        """Given a worker whose process ended, return its task as crashed (None if it held none)."""
        w.process.join(STOP_GRACE)
        code = w.process.exitcode
        if not w.ready:
            raise WorkerInitError(f"a worker died while starting ({describe_exit(code)})")
        if w.index is None:
            return None
        index, seconds, w.index = w.index, time.monotonic() - w.started, None
        drop_parts(w)
        return index, Outcome("crashed", message=describe_exit(code), seconds=seconds)

    def _overdue(self, w: Worker, timeout: float | None, init_timeout: float) -> tuple[int, Outcome[Any]] | None:
        """Given a worker, kill it and return its task as timed out if past its deadline."""
        now = time.monotonic()
        if not w.ready and w.process.is_alive() and now - w.born > init_timeout:
            raise WorkerInitError(f"a worker took more than {init_timeout:g} s to start")
        if timeout is None or w.index is None or now - w.started < timeout:
            return None
        kill(w)
        index, seconds, w.index = w.index, now - w.started, None
        drop_parts(w)
        return index, Outcome("timeout", message=f"timed out after {timeout:g} s", seconds=seconds)

    def shutdown(self) -> None:
        """Stop every worker: idle ones are asked to exit, busy ones are killed at once."""
        for w in self.workers:
            try:
                if w.index is None:
                    w.conn.send(None)
                else:
                    w.process.kill()
            except (OSError, ValueError):
                pass
        end = time.monotonic() + STOP_GRACE
        for w in self.workers:
            w.process.join(max(0.0, end - time.monotonic()))
            kill(w)
            drop_parts(w)
        self.workers = []

