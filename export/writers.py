"""Atomic CSV and Parquet writes: a reader never sees a half-written table."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd


def _umask() -> int:
    """Return the process umask (reading it means setting it, so set it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Given a target path and a function writing to a path, write via a temp file and rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        # mkstemp makes 0600 files; outputs are for sharing, so give them the usual mode.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write_text(path: Path, text: str) -> None:
    """Given a path and text, write it atomically as UTF-8."""
    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    atomic_write(path, write)


def write_table(out_dir: Path, name: str, df: pd.DataFrame) -> list[Path]:
    """Given an output folder, a table name and its frame, write NAME.csv and NAME.parquet atomically."""
    csv_path, parquet_path = out_dir / f"{name}.csv", out_dir / f"{name}.parquet"
    atomic_write(csv_path, lambda p: df.to_csv(p, index=False, encoding="utf-8", lineterminator="\n"))
    atomic_write(parquet_path, lambda p: df.to_parquet(p, index=False))
    return [csv_path, parquet_path]
