"""What runs inside a worker process of `slippage.workers`: limits, initialiser, then tasks from the pipe.

Each task's value goes back as one message ("done", index, value), or, with a `split`
function, as its parts ("part", index, part) one message each and then ("done", index,
None): a big value is then never pickled into one buffer, which grows by reallocation to
up to twice the pickle's size (the supervisor joins the parts).
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from typing import Any

Split = Callable[[Any], Iterable[Any]]


def worker_main(conn: Connection, fn: Callable[[Any], Any], initializer: Callable[..., None] | None,
                initargs: tuple[Any, ...], max_memory_mib: int | None, split: Split | None = None) -> None:
    """In a worker: set limits, initialise, then run tasks from the pipe until told to stop."""
    # Ctrl-C goes to the whole process group; the supervisor alone decides when workers stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        limit_memory(max_memory_mib)
        if initializer is not None:
            initializer(*initargs)
    except BaseException as e:  # noqa: BLE001 - reported to the supervisor, which raises it
        conn.send(("init_error", describe_error(e)))
        return
    conn.send(("ready",))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, task = message
        _send_reply(conn, index, fn, task, split)


def _send_reply(conn: Connection, index: int, fn: Callable[[Any], Any], task: Any, split: Split | None) -> None:
    """In a worker: run fn on a task and send back its value (in `split`'s parts, then "done") or the error it raised."""
    try:
        value = fn(task)
    except BaseException as e:  # noqa: BLE001 - one task's failure is data, not the worker's end
        conn.send(("error", index, describe_error(e)))
        return
    try:
        if split is None:
            conn.send(("done", index, value))
            return
        for part in split(value):
            conn.send(("part", index, part))
        conn.send(("done", index, None))
    except Exception as e:  # noqa: BLE001 - e.g. an unpicklable result; the supervisor drops any parts
        conn.send(("error", index, f"the result could not be sent back ({type(e).__name__}: {e})"))


def describe_error(e: BaseException) -> str:
    """Given an exception, return "Type: message" (just the type when it has no message).

    >>> describe_error(ValueError("bad"))
    'ValueError: bad'
    >>> describe_error(MemoryError())
    'MemoryError'
    """
    text = str(e)
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


def limit_memory(max_memory_mib: int | None) -> None:
    """Given a limit in MiB, cap this process's address space (no-op where unsupported or None)."""
    if max_memory_mib is None:
        return
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the time limit still applies
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = max_memory_mib * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
