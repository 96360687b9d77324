"""One worker process as the supervisor of `slippage.workers` sees it: its handle, its pipe, its end, and how its values come back in parts."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any, Generic, Protocol, TypeVar

STOP_GRACE = 2.0
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class Receiver(Protocol[R_co]):
    """What takes one task's parts in the supervisor, as they arrive."""

    def add(self, part: Any) -> None:
        """Given the next part, take it."""

    def finish(self) -> R_co:
        """Return the value the parts make (raising if they make none)."""

    def discard(self) -> None:
        """Drop the parts taken (the task did not finish)."""


@dataclass(frozen=True, slots=True)
class Parts(Generic[R]):
    """How a task's value travels back in parts: `split` yields them in the worker, and `receive(index)`
    gives the supervisor's receiver of task `index`'s parts (it need not be picklable)."""

    split: Callable[[R], Iterable[Any]]
    receive: Callable[[int], Receiver[R]]


@dataclass(slots=True)
class Worker:
    """One worker process, its pipe, and the task it holds (None when idle)."""

    process: Any
    conn: Connection
    ready: bool = False
    born: float = field(default_factory=time.monotonic)
    index: int | None = None
    started: float = 0.0
    tasks: int = 0
    receiver: Any = None  # what takes the parts of its task's value, in the supervisor (`slippage.workers.Parts`)


def next_message(w: Worker) -> Any:
    """Given a worker, return the next message waiting in its pipe (None if none is, or the pipe is closed)."""
    try:
        return w.conn.recv() if w.conn.poll() else None
    except (EOFError, OSError):
        return None


def stop(w: Worker) -> None:
    """Given a worker, ask it to exit if idle (a retired worker), else kill it; close its pipe."""
    if w.index is None and w.process.is_alive():
        try:
            w.conn.send(None)
            w.process.join(STOP_GRACE)
        except (OSError, ValueError):
            pass
    kill(w)


def kill(w: Worker) -> None:
    """Given a worker, kill its process if alive and close its pipe."""
    if w.process.is_alive():
        w.process.kill()
    w.process.join(STOP_GRACE)
    w.conn.close()


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


def drop_parts(w: Worker) -> None:
    """Given a worker whose task will not finish, drop the parts its receiver took."""
    receiver, w.receiver = w.receiver, None
    if receiver is not None:
        receiver.discard()
