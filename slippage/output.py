"""Write a finished batch as one output set: tables, DuckDB, review and run.json, all or nothing.

`write_outputs` runs with the folder lock held (`slippage.lock`). It removes what killed
runs left, says which reports of the dataset already in `--out` this run drops (or keeps
them, with `--add`), writes the whole set into a staging folder and switches it in
(`slippage.staging`). Any error or interrupt before the switch raises `OutputsNotWritten`
and leaves the previous outputs byte-identical.

A run that would write the very set `--out` holds (`slippage.run_record`: every input
from the cache, no corrections, the same run key) does not write it again: its staging
folder gets hard links to the current set's files and a run.json of its own, and is
switched in as any other, so run.json still tells of the last run and every guarantee
above holds; the tables, database and review stay byte for byte the files they were.
Where the file system cannot link, the set is written.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from export.atomic import pause_at
from extract.errors import SlippageError
from slippage.run_record import BatchRun, set_files, unchanged_set, write_run_json
from slippage.staging import Staging, clean_leftovers, current_set

if TYPE_CHECKING:  # the writers (pandas, pyarrow, DuckDB) are imported only when a set is written
    from slippage.corrections import CorrectionRun
    from slippage.store import FileSummary

REVIEW_FILE = "review.html"
# What a full or failing disk raises: the outputs could not be written, whatever was being written.
DISK_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO})
MAX_DROPPED_LISTED = 5


class OutputsNotWritten(SlippageError):
    """The output set could not be written; the previous outputs are as they were."""


@dataclass(frozen=True, slots=True)
class WriteOptions:
    """How a batch's outputs are written.

    Attributes:
        aliases: the user's project aliases (`--aliases`).
        review: write review.html.
        review_cards: review.html shows every card up to this many, else a sample this size.
        workers: processes rendering the review's PDF crops.
        add: keep the previous dataset's reports of files not in this run (`--add`).
        corrections: the review's corrections, applied as the tables are written (None: none).
        extras: further writers of the set, each called with the staging folder after the
            tables, the database and the review and before run.json (a file written
            anywhere else would not be switched in with the set).
        run_key: the run's `slippage.run_record.run_key`, recorded in run.json with the set's
            files, so that a re-run can tell it has nothing to write (None: not recorded).
    """

    aliases: dict[str, str] | None = None
    review: bool = True
    review_cards: int = 2000
    workers: int = 1
    add: bool = False
    extras: tuple[Callable[[Path], object], ...] = ()
    corrections: CorrectionRun | None = None
    run_key: str | None = None


@dataclass(frozen=True, slots=True)
class Written:
    """What `write_outputs` did: the review's path (None without one) and the previous reports kept or dropped."""

    review: Path | None
    kept: int
    dropped: int
    unchanged: bool = False  # the set was what this run would write: linked, not written again


def write_outputs(run: BatchRun, out_dir: Path, options: WriteOptions, *, stderr: TextIO | None = None) -> Written:
    """Given a finished batch and its output folder (locked by the caller), write and switch in the output set.

    Raises:
        OutputsNotWritten: a write failed or the run was interrupted before the switch;
            the previous outputs are unchanged and the staging folder is removed.
    """
    stream = stderr or sys.stderr
    stage = Staging(out_dir)
    kept = dropped = 0
    try:
        clean_leftovers(out_dir)
        same = _unchanged(run, out_dir, options)
        with stage:
            if same is not None and _link_set(run, out_dir, stage.path, same):
                kept = same.get("kept_reports", 0)
            else:
                same = None
                summaries, dropped = _with_previous(run, out_dir, options.add, stream)
                kept = len(summaries) - len(run.summaries)
                _write_set(run, summaries, stage.path, options, kept)
            stage.commit()
        for problem in stage.problems:
            print(f"slippage: {problem}", file=stream)
    except KeyboardInterrupt as e:
        if not stage.committed:
            raise OutputsNotWritten(f"interrupted ({_signal_name(e)}) while writing; nothing in {out_dir} "
                                    f"was changed") from None
        print("slippage: interrupted after the new outputs were switched in; they are complete", file=stream)
    except Exception as e:  # noqa: BLE001 - whatever stopped the write, the previous set stands
        if stage.committed:
            raise
        raise OutputsNotWritten(f"could not write the outputs ({plain_error(e)}); nothing in {out_dir} "
                                f"was changed") from e
    return Written(out_dir / REVIEW_FILE if options.review else None, kept, 0 if options.add else dropped, same is not None)


def _unchanged(run: BatchRun, out_dir: Path, options: WriteOptions) -> dict[str, Any] | None:
    """Given the run, the folder and the write options, return the recorded run.json of the set in the
    folder if it is the set this run would write (see the module docstring), else None."""
    if options.run_key is None or run.parsed or options.corrections is not None:
        return None
    return unchanged_set(out_dir, options.run_key)


def _link_set(run: BatchRun, out_dir: Path, folder: Path, recorded: dict[str, Any]) -> bool:
    """Given the run, the folder, the staging folder and the current set's run.json, hard-link the
    set's files into the staging folder and write this run's run.json; return False (and leave the
    staging folder empty) if the file system cannot link."""
    start, current = time.monotonic(), current_set(out_dir)
    try:
        for name in recorded["set_files"]:
            os.link(current / name, folder / name)
    except OSError:
        for path in folder.iterdir():
            path.unlink()
        return False
    kept = {"kept_reports": recorded["kept_reports"]} if recorded.get("kept_reports") else {}
    extra = {**kept, "run_key": recorded["run_key"], "set_files": set_files(folder), "unchanged": True}
    write_run_json(run, folder, {"parse": run.seconds, "write": time.monotonic() - start}, extra)
    return True


def _with_previous(run: BatchRun, out_dir: Path, add: bool, stream: TextIO) -> tuple[list[FileSummary], int]:
    """Given the run, the folder and `--add`, return the summaries to write and how many previous reports
    this run leaves out; say on stream which ones are dropped (without `--add`)."""
    from slippage.previous import dropped_reports, keep_reports, previous_reports

    dropped = dropped_reports(previous_reports(out_dir), run.summaries)
    if not dropped:
        return list(run.summaries), 0
    if add:
        return keep_reports(dropped, run.summaries, run.store, out_dir), len(dropped)
    names = ", ".join(r["source_file"] for r in dropped[:MAX_DROPPED_LISTED])
    more = f" and {len(dropped) - MAX_DROPPED_LISTED} more" if len(dropped) > MAX_DROPPED_LISTED else ""
    print(f"slippage: {out_dir} holds {len(dropped)} report(s) of files not in this run ({names}{more}); "
          f"the new dataset replaces it without them (run with --add to keep them)", file=stream)
    return list(run.summaries), len(dropped)


def _write_set(run: BatchRun, summaries: list[FileSummary], folder: Path, options: WriteOptions, kept: int) -> None:
    """Given the batch and the summaries to write, write every output file into the staging folder (run.json last)."""
    from slippage.batch import write_batch

    phases = {"parse": run.seconds}
    with _timed(phases, "write"):  # kept reports were added to the run's store: one loader reads both
        write_batch(summaries, run.store.parts, folder, options.aliases, options.corrections)
    pause_at("database")
    quality = options.corrections.summary() if options.corrections else {}
    if options.review:
        from export.review.page import write_review

        with _timed(phases, "review"):
            write_review(folder, max_cards=options.review_cards, workers=options.workers,
                         title=f"Slippage review: {folder.parent.resolve().name}", quality=quality)
    pause_at("review")
    for write in options.extras:
        write(folder)
    extra = {**({"kept_reports": kept} if kept else {}), **quality}
    if options.run_key is not None:
        extra.update(run_key=options.run_key, set_files=set_files(folder))
    write_run_json(run, folder, phases, extra or None)
    pause_at("run.json")


@contextmanager
def _timed(phases: dict[str, float], name: str) -> Iterator[None]:
    """Time the block into phases[name] (seconds)."""
    start = time.monotonic()
    yield
    phases[name] = time.monotonic() - start


def is_disk_error(error: BaseException) -> bool:
    """Given an error, return whether it is the disk's (full, over quota, read-only, failing).

    >>> is_disk_error(OSError(28, "No space left on device")), is_disk_error(OSError(2, "No such file"))
    (True, False)
    """
    return isinstance(error, OSError) and error.errno in DISK_ERRNOS


def plain_error(error: BaseException) -> str:
    """Given the error that stopped a write, return it in plain words.

    >>> plain_error(OSError(28, "No space left on device"))
    'no space left on the device'
    """
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return "no space left on the device"
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}: {error.filename}" if error.filename else error.strerror
    first = str(error).strip().splitlines()[0] if str(error).strip() else ""
    if "No space left on device" in str(error):  # DuckDB and Arrow say it in their own messages
        return "no space left on the device"
    return f"{type(error).__name__}: {first}" if first else type(error).__name__


def _signal_name(error: KeyboardInterrupt) -> str:
    """Given the interrupt, return the signal that caused it (SIGTERM is raised as KeyboardInterrupt('SIGTERM'))."""
    return str(error) if str(error) else "SIGINT"
