"""One run at a time on an output folder: an `fcntl.flock` on OUT/.lock.

Two ingests into one `--out` would both write the cache and both switch in an output
set, so the folder could end with one run's `reports` and the other's `exceptions`
(issue 12, finding 3). Every command that writes into OUT holds this lock for its whole
run: a second one fails at once with `OutputLocked` (or waits, with `--wait`).

`flock` rather than a PID file: the kernel drops the lock when the process that holds
it dies, kill -9 included, so there is never a stale lock to clean up by hand. The file
itself is never deleted (deleting a lock file lets a third run lock a new file while the
second still waits on the old one). The file descriptor is not inherited by child
processes (Python opens files close-on-exec, and the workers come from the fork server),
so a worker left running cannot keep the folder locked.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from extract.errors import SlippageError

LOCK_FILE = ".lock"


class OutputLocked(SlippageError):
    """Another slippage run holds the output folder's lock."""


@contextmanager
def hold_lock(out_dir: Path, *, wait: bool = False, on_wait: Callable[[str], None] | None = None) -> Iterator[Path]:
    """Hold the lock on `out_dir` for the block; yield the lock file's path.

    Args:
        out_dir: the output folder (it must exist).
        wait: block until the other run ends instead of failing.
        on_wait: called once with a message when `wait` is set and the lock is taken.

    Raises:
        OutputLocked: the folder is locked by another run and `wait` is not set.
        OSError: the lock file cannot be opened (a missing or read-only folder).
    """
    path = out_dir / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        _acquire(fd, out_dir, wait, on_wait)
        yield path
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _acquire(fd: int, out_dir: Path, wait: bool, on_wait: Callable[[str], None] | None) -> None:
    """Given an open lock file, take its exclusive lock (at once, or by waiting when `wait` is set)."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        if not wait:
            raise OutputLocked(f"{out_dir} is in use by another slippage run; wait for it to finish "
                               f"or run again with --wait") from None
    if on_wait is not None:
        on_wait(f"{out_dir} is in use by another slippage run; waiting for it to finish")
    fcntl.flock(fd, fcntl.LOCK_EX)
