"""A progress bar for a batch (files/s and failures), shown only to a person at a terminal."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    """Files per second, from rich's moving estimate."""

    def render(self, task: Task) -> Text:
        """Given the task, return its speed as "N.N files/s"."""
        speed = task.finished_speed or task.speed
        return Text("-- files/s" if speed is None else f"{speed:.1f} files/s", style="progress.data.speed")


class BatchProgress:
    """A context manager counting parsed files and failures on stderr.

    Disabled (every call a no-op) when `enabled` is False, e.g. under --quiet or when
    stderr is not a terminal, so logs and CI output stay clean.
    """

    def __init__(self, total: int, cached: int, *, enabled: bool) -> None:
        self.total, self.cached, self.enabled = total, cached, enabled
        self.failed = 0
        self._progress: Progress | None = None
        self._task: Any = None

    def __enter__(self) -> BatchProgress:
        if self.enabled and self.total:
            self._progress = Progress(
                TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                TextColumn("[red]{task.fields[failed]} failed"), TimeElapsedColumn(), TimeRemainingColumn(),
                console=Console(stderr=True), transient=False,
            )
            self._progress.start()
            label = f"parsing ({self.cached} from cache)" if self.cached else "parsing"
            self._task = self._progress.add_task(label, total=self.total, failed=0)
        return self

    def advance(self, failed: bool) -> None:
        """Count one parsed file, and a failure if it failed."""
        self.failed += failed
        if self._progress is not None:
            self._progress.update(self._task, advance=1, failed=self.failed)

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()


def wants_progress(quiet: bool, stream: TextIO | None = None) -> bool:
    """Given --quiet and the stream the bar would draw on, return whether to show a bar."""
    stream = sys.stderr if stream is None else stream
    return not quiet and bool(getattr(stream, "isatty", lambda: False)())
