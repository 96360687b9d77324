"""A big report's rows written in bounded pieces, in the order a sort of each whole table gives.

A report of more than WHOLE_REPORT_MAX exceptions (an 80 MB text export holds ~80,000) is
read back in slices of SLICE_EXCEPTIONS exceptions, each with its mention rows: a worker
sends mention rows in their exceptions' order (`slippage.result.in_exception_order`), so
one cursor per table walks the report's parts once (`report_slices`). The corrections
need whole exceptions with their amounts, which a slice is.

`exceptions` sort by (report_id, position), so the slices are already in the table's
order. `amounts`, `years` and `entities` sort by exception_id as text, and "r-1000"
sorts before "r-101": from the thousandth exception on, position order is not the
table's. So the slices' mention rows go to a few sorted files (`IdRuns`: a run per id
length, in which position order is text order; a new run wherever an id would go
backwards) and are merged back (`heapq.merge`) once the report's last slice is in. Each
exception's rows stay together and in the order the worker sent them, which is what the
stable sort of the whole table keeps; each frame then sorts its rows as that sort would.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any

from slippage.entry import dumps, loads

WHOLE_REPORT_MAX = 1000  # up to here a report is read whole, as before (its ids sort by position too)
SLICE_EXCEPTIONS = 500  # as `slippage.batch.CHUNK_EXCEPTIONS`: ~4 MB of exceptions and their mentions
MERGED_FRAME_ROWS = 2000  # mention rows per frame written from the merged runs
MENTION_TABLES = ("amounts", "years", "entities")
Row = dict[str, Any]
Part = tuple[str, Any]


def report_slices(parts: Callable[[frozenset[str]], Iterator[Part]], size: int = SLICE_EXCEPTIONS) -> Iterator[dict[str, list[Row]]]:
    """Given a way to read one report's parts of the tables named, yield its rows `size` exceptions at a
    time, each slice with those exceptions' mention rows (rows of no exception of the report come last)."""
    exceptions = _rows(parts(frozenset({"exceptions"})))
    cursors = {name: _Cursor(_rows(parts(frozenset({name})))) for name in MENTION_TABLES}
    while batch := list(islice(exceptions, size)):
        ids = {row["exception_id"] for row in batch}
        yield {"exceptions": batch, **{name: cursor.take(ids) for name, cursor in cursors.items()}}
    rest = {name: cursor.rest() for name, cursor in cursors.items()}
    if any(rest.values()):
        yield {"exceptions": [], **rest}


def _rows(parts: Iterable[Part]) -> Iterator[Row]:
    """Given parts of one table, yield their rows."""
    for _, rows in parts:
        yield from rows


class _Cursor:
    """A table's rows of one report, taken a slice of exceptions at a time."""

    def __init__(self, rows: Iterator[Row]) -> None:
        self.rows = rows
        self.next = next(rows, None)

    def take(self, ids: set[str]) -> list[Row]:
        """Given a slice's exception ids, return the rows from here on that belong to them."""
        out = []
        while self.next is not None and self.next["exception_id"] in ids:
            out.append(self.next)
            self.next = next(self.rows, None)
        return out

    def rest(self) -> list[Row]:
        """Return every row not taken yet."""
        out = [] if self.next is None else [self.next]
        out += self.rows
        self.next = None
        return out


class IdRuns:
    """One big report's rows of one table, put back in exception-id order through a few sorted files in `folder`."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.runs: list[Path] = []
        self._open: dict[int, tuple[IO[bytes], str]] = {}  # id length -> (its run's file, the last id written)

    def add(self, rows: Iterable[Row]) -> None:
        """Given rows of whole exceptions, in exception order, add them to the runs."""
        for row in rows:
            eid = str(row["exception_id"])
            current = self._open.get(len(eid))
            if current is None or eid < current[1]:
                if current is not None:
                    current[0].close()
                path = self.folder / f"run-{len(self.runs)}.jsonl"
                self.runs.append(path)
                current = (path.open("wb"), eid)
            current[0].write(dumps(row) + b"\n")
            self._open[len(eid)] = (current[0], eid)

    def merged(self) -> Iterator[list[Row]]:
        """Yield the rows added, in exception-id order, in frames of about MERGED_FRAME_ROWS (whole exceptions
        each); the files are removed once read."""
        for fh, _ in self._open.values():
            fh.close()
        self._open = {}
        frame: list[Row] = []
        last = None
        for row in heapq.merge(*map(_read, self.runs), key=lambda r: str(r["exception_id"])):
            if len(frame) >= MERGED_FRAME_ROWS and row["exception_id"] != last:
                yield frame
                frame = []
            frame.append(row)
            last = row["exception_id"]
        if frame:
            yield frame
        for path in self.runs:
            path.unlink(missing_ok=True)
        self.runs = []


def _read(path: Path) -> Iterator[Row]:
    """Given a run's file, yield its rows."""
    with path.open("rb") as fh:
        for line in fh:
            yield loads(line)
