"""The output set switched in as one unit: a staging folder, generations and one symlink.

Layout of an output folder:

    OUT/.gen-<id>/          one complete output set (tables, slippage.duckdb, review.html, run.json)
    OUT/.current            symlink -> .gen-<id>, the set in use
    OUT/reports.csv         symlink -> .current/reports.csv, and so for every file of the set
    OUT/.staging-<pid>/     the set a run is writing (only while it runs)
    OUT/.spool-<pid>-*/     big results the cache does not keep (only while it runs)

A run writes the whole set into `.staging-<pid>`, fsyncs every file and the folder,
renames it to `.gen-<id>`, and then switches `.current` to it with one `rename(2)` of a
new symlink over the old one. That rename is the only step that changes what
OUT/reports.csv & co. read, and it changes all of them at once: before it every name
reads the previous set, after it every name reads the new one. So a write error (a full
disk), Ctrl-C, SIGTERM, or kill -9 at any moment leaves the previous outputs exactly as
they were, byte for byte (issue 12, findings 2 and 4). It is the pattern kubelet's
AtomicWriter uses for ConfigMap volumes (`..data` -> `..<timestamp>`).

Why not stage the files and rename each over its old one: that takes one rename per
file, and a kill -9 between two of them leaves new `reports` beside old `exceptions`,
the very mix this module exists to prevent. Signals are blocked only around the switch
itself, so SIGINT/SIGTERM arrive either before it (nothing changed) or after it (all
changed). The previous generation is deleted after the switch; a reader that opened a
file before keeps reading it (Linux keeps an unlinked file until it is closed).

What is left by a run that was killed (a staging folder, a generation never switched in,
a half-made symlink, and the `.NAME.*.tmp` files of versions before this layout) is
removed by the next run, under the folder lock (`slippage.lock`), so a running run's
staging folder is never taken for a leftover.

An output folder from before this layout holds plain files: the first run with it turns
each into a link after the switch (one rename per file, once).

Test-only hook: with `SLIPPAGE_TEST_PAUSE_AT=<step>` in the environment, `export.atomic.pause_at`
prints "slippage: test pause at <step>" to stderr and sleeps, so that the tests can send a
real signal (or kill -9) at that write step. Steps: tables, database, review, run.json,
switched.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType, TracebackType

from export.atomic import pause_at

CURRENT = ".current"
GENERATION_PREFIX = ".gen-"
STAGING_PREFIX = ".staging-"
SPOOL_PREFIX = ".spool-"  # OUT/.spool-<pid>-*: results the cache does not keep, while a run lasts (`slippage.store`)
_SIGNALS = {signal.SIGINT, signal.SIGTERM}
# Temp files of `export.writers.atomic_write` (and DuckDB's WAL beside one), in OUT or its cache.
_TEMP_RE = re.compile(r"^\..+\.tmp(\.wal)?$")
_LINK_TEMP_RE = re.compile(r"^\..+\.link-\d+$")


def current_set(out_dir: Path) -> Path:
    """Given an output folder, return the folder holding its current output set (itself before generations)."""
    link = out_dir / CURRENT
    return link.resolve() if link.is_dir() else out_dir


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    """Turn SIGTERM into KeyboardInterrupt, so that a terminated run cleans up as Ctrl-C does."""
    raise KeyboardInterrupt(signal.Signals(signum).name)


def interrupt_on_sigterm() -> None:
    """Make SIGTERM raise KeyboardInterrupt in this process (the default would kill it mid-write)."""
    signal.signal(signal.SIGTERM, _raise_interrupt)


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM for the block; they are delivered when it ends."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def clean_leftovers(out_dir: Path) -> list[str]:
    """Given an output folder (whose lock the caller holds), remove what killed runs left; return the names."""
    keep = current_set(out_dir).name
    removed = []
    for path in sorted(out_dir.iterdir()):
        name = path.name
        if (name.startswith((STAGING_PREFIX, GENERATION_PREFIX, SPOOL_PREFIX)) and name != keep and path.is_dir()
                and not path.is_symlink() and not name.startswith(f"{SPOOL_PREFIX}{os.getpid()}-")):
            shutil.rmtree(path, ignore_errors=True)
        elif _TEMP_RE.match(name) or _LINK_TEMP_RE.match(name):
            path.unlink(missing_ok=True)
        else:
            continue
        removed.append(name)
    cache = out_dir / ".cache"
    if cache.is_dir():
        for path in cache.iterdir():
            if _TEMP_RE.match(path.name):
                path.unlink(missing_ok=True)
                removed.append(f".cache/{path.name}")
    return removed


class Staging:
    """A staging folder in OUT for one output set: `commit()` switches it in, leaving the block without removes it.

    Use as `with Staging(out) as stage: write into stage.path ...; stage.commit()`. If the
    block ends by an exception (a write error, KeyboardInterrupt) before the commit, the
    staging folder is removed and the previous outputs are untouched.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.path = out_dir / f"{STAGING_PREFIX}{os.getpid()}"
        self.committed = False
        self.problems: list[str] = []

    def __enter__(self) -> Staging:
        shutil.rmtree(self.path, ignore_errors=True)  # a leftover of a killed run with our pid
        self.path.mkdir(parents=True)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if not self.committed:
            with signals_held():  # a second Ctrl-C must not stop the clean-up half way
                shutil.rmtree(self.path, ignore_errors=True)

    def commit(self) -> Path:
        """Sync the staged set, switch it in as the current one and return its generation folder.

        Raises:
            OSError: the set could not be switched in (the previous one is still current,
                and the new generation is removed). What fails after the switch (linking a
                name the previous set did not have, removing the previous generation) does
                not raise: it is listed in `self.problems`, and the next run finishes it.
        """
        _sync_folder(self.path)
        generation = self.out_dir / f"{GENERATION_PREFIX}{time.time_ns()}-{os.getpid()}"
        with signals_held():
            previous = current_set(self.out_dir)
            os.rename(self.path, generation)
            try:
                _fsync_dir(self.out_dir)
                _replace_link(self.out_dir / CURRENT, generation.name)
            except OSError:
                shutil.rmtree(generation, ignore_errors=True)
                raise
            self.committed = True
            self._settle(generation, previous)
        return generation

    def _settle(self, generation: Path, previous: Path) -> None:
        """Given the generation just switched in and the one before, link the names and remove the old one."""
        try:
            _fsync_dir(self.out_dir)
            pause_at("switched")
            _link_names(self.out_dir, generation)
        except OSError as e:  # the set is in; a name not linked yet is still at OUT/.current/NAME
            self.problems.append(f"the new outputs are in {self.out_dir / CURRENT}, but not every file "
                                 f"in {self.out_dir} links to them yet ({e.strerror or e}); the next run links them")
        if previous != self.out_dir:
            shutil.rmtree(previous, ignore_errors=True)


def _sync_folder(folder: Path) -> None:
    """Given a folder of written files, fsync each file and then the folder."""
    for path in folder.iterdir():
        if path.is_file():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    """Given a folder, fsync it so that the renames in it are on disk."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace_link(link: Path, target: str) -> None:
    """Given a link path and its target, point the link there with one rename (a new link over the old)."""
    tmp = link.with_name(f"{link.name}.link-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, link)


def _link_names(out_dir: Path, generation: Path) -> None:
    """Given the folder and the generation just switched in, make OUT/NAME a link to .current/NAME
    for each file of the set, and remove links to names the set no longer has."""
    names = {p.name for p in generation.iterdir() if not p.name.startswith(".")}
    for name in sorted(names):
        path, target = out_dir / name, f"{CURRENT}/{name}"
        if not (path.is_symlink() and os.readlink(path) == target) and not (path.is_dir() and not path.is_symlink()):
            _replace_link(path, target)
    for path in out_dir.iterdir():
        if path.is_symlink() and os.readlink(path).startswith(f"{CURRENT}/") and path.name not in names:
            path.unlink()
    _fsync_dir(out_dir)
