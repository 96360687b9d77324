"""Atomic file writes (a temp file beside the target, then a rename) and the test-only write pause.

Apart from `export.writers` so that what only writes a JSON file (the result cache,
run.json, the staging of the output set) does not import pandas and pyarrow with it.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PAUSE_ENV = "SLIPPAGE_TEST_PAUSE_AT"
PAUSE_SECONDS = 600.0


def pause_at(step: str) -> None:
    """Given a write step's name, sleep there when SLIPPAGE_TEST_PAUSE_AT names it (test-only).

    The tests of `slippage.staging` send real signals (and kill -9) to a run paused at
    each write step; nothing else sets the variable.
    """
    if os.environ.get(PAUSE_ENV) == step:
        print(f"slippage: test pause at {step}", file=sys.stderr, flush=True)
        time.sleep(PAUSE_SECONDS)


def _umask() -> int:
    """Return the process umask (reading it means setting it, so set it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Given a target path and a function writing to a path, write via a temp file and rename."""
    tmp = temp_beside(path)
    try:
        write(tmp)
        put_in_place(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def temp_beside(path: Path) -> Path:
    """Given a target path, create an empty hidden temp file in its folder and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    return Path(tmp_name)


def put_in_place(tmp: Path, path: Path) -> None:
    """Given a finished temp file and its target, give it the usual mode and rename it over the target."""
    # mkstemp makes 0600 files; outputs are for sharing, so give them the usual mode.
    os.chmod(tmp, 0o666 & ~_umask())
    os.replace(tmp, path)


def atomic_write_text(path: Path, text: str) -> None:
    """Given a path and text, write it atomically as UTF-8."""
    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    atomic_write(path, write)
