"""What runs inside one worker process of `slippage.workers`: its limits, its initialiser and the task loop.

The supervisor (`workers._Pool`) starts `worker_main` in each process and reads the replies it
sends: ("ready",), ("init_error", why), ("done", index, value) or ("error", index, why).
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any


def describe_exit(code: int | None) -> str:
    """Given a process exit code, return it in words.

    >>> describe_exit(-9)
    'exit code -9, SIGKILL: killed, possibly for using too much memory'
    >>> describe_exit(3)
    'exit code 3'
    """
    if code is None or code >= 0:
        return f"exit code {code}"
    try:
        name = signal.Signals(-code).name
    except ValueError:
        return f"exit code {code}"
    hint = ": killed, possibly for using too much memory" if name == "SIGKILL" else ""
    return f"exit code {code}, {name}{hint}"


def worker_main(conn: Connection, fn: Callable[[Any], Any], initializer: Callable[..., None] | None,
                 initargs: tuple[Any, ...], max_memory_mib: int | None) -> None:
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
        send_reply(conn, index, fn, task)


def send_reply(conn: Connection, index: int, fn: Callable[[Any], Any], task: Any) -> None:
    """In a worker: run fn on a task and send back its value or the error it raised."""
    try:
        reply = ("done", index, fn(task))
    except BaseException as e:  # noqa: BLE001 - one task's failure is data, not the worker's end
        reply = ("error", index, describe_error(e))
    try:
        conn.send(reply)
    except Exception as e:  # noqa: BLE001 - e.g. an unpicklable result; nothing was written yet
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
