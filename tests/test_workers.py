"""The supervised pool: hangs time out, crashes fail one task, memory is capped, order is recoverable.

The task functions are top-level so the worker processes can import them by name.
"""

from __future__ import annotations

import ctypes
import doctest
import multiprocessing as mp
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import slippage.worker_handle
from slippage.workers import Outcome, Parts, WorkerInitError, describe_exit, run_isolated
from tests.conftest import process_running

_initialised_in: int | None = None


def misbehave(task: Any) -> Any:
    """Do what the task says: hang, die in various ways, raise, hog memory, or double a number."""
    if isinstance(task, tuple):  # ("hang", folder): leave this worker's pid in the folder, then hang
        (Path(task[1]) / str(os.getpid())).write_text("")
        task = task[0]
    if task == "hang":
        time.sleep(3600)
    if task == "exit":
        os._exit(3)
    if task == "segfault":
        ctypes.string_at(0)
    if task == "sigkill":
        os.kill(os.getpid(), signal.SIGKILL)
    if task == "raise":
        raise ValueError("bad task")
    if task == "hog":
        # calloc'ed: 2 GiB of address space, but pages stay untouched, so no real memory is used
        return len(bytes(2 * 1024**3))
    return task * 2


def in_parts(value: Any) -> Iterator[Any]:
    """Split a value into parts: a list ten items at a time, "die" dies after its first part, "lambda" cannot be pickled."""
    if value == "die":
        yield "first"
        os._exit(5)
    if value == "lambda":
        yield lambda: None
    for start in range(0, len(value), 10):
        yield value[start : start + 10]


class Joined:
    """Takes the parts `in_parts` made of a list as they arrive, and joins them; remembers what was dropped."""

    discarded: list[int] = []

    def __init__(self, index: int) -> None:
        self.index, self.parts = index, []

    def add(self, part: Any) -> None:
        self.parts.append(part)

    def finish(self) -> Any:
        return [item for part in self.parts for item in part]

    def discard(self) -> None:
        if self.parts:
            Joined.discarded.append(self.index)


def same(task: Any) -> Any:
    """Return the task as it is."""
    return task


def remember_pid() -> None:
    """Initializer: note which process ran it."""
    global _initialised_in
    _initialised_in = os.getpid()


def initialised_here(_: Any) -> tuple[int, bool]:
    """Return this worker's pid and whether the initializer ran in this very process."""
    return os.getpid(), _initialised_in == os.getpid()


def no_model() -> None:
    """Initializer that fails, as loading a missing spaCy model does."""
    raise ValueError("no model here")


def run_all(tasks: list[Any], **kwargs: Any) -> dict[int, Outcome[Any]]:
    """Run tasks through the pool; return {index: outcome}, checking each index comes once."""
    outcomes: dict[int, Outcome[Any]] = {}
    for index, outcome in run_isolated(tasks, misbehave if "fn" not in kwargs else kwargs.pop("fn"), **kwargs):
        assert index not in outcomes
        outcomes[index] = outcome
    assert sorted(outcomes) == list(range(len(tasks)))
    return outcomes


@pytest.mark.parametrize("workers", [1, 3])
def test_every_task_comes_back_once_with_its_index(workers: int) -> None:
    outcomes = run_all(list(range(20)), workers=workers, timeout=30)
    assert [outcomes[i].value for i in range(20)] == [2 * i for i in range(20)]
    assert {o.kind for o in outcomes.values()} == {"done"}


def test_a_hanging_task_times_out_and_a_fresh_worker_does_the_rest() -> None:
    start = time.monotonic()
    outcomes = run_all([1, "hang", 2, 3], workers=1, timeout=2)
    assert time.monotonic() - start < 15
    assert outcomes[1].kind == "timeout" and outcomes[1].message == "timed out after 2 s"
    assert outcomes[1].seconds >= 2
    assert [outcomes[i].value for i in (0, 2, 3)] == [2, 4, 6]


def test_a_dying_worker_fails_only_its_own_task() -> None:
    outcomes = run_all(["exit", 5, "segfault", "sigkill", 6], workers=1, timeout=30)
    assert (outcomes[0].kind, outcomes[0].message) == ("crashed", "exit code 3")
    assert (outcomes[2].kind, outcomes[2].message) == ("crashed", "exit code -11, SIGSEGV")
    assert outcomes[3].kind == "crashed" and outcomes[3].message.startswith("exit code -9, SIGKILL")
    assert (outcomes[1].value, outcomes[4].value) == (10, 12)


def test_the_memory_limit_turns_a_huge_allocation_into_an_error_and_the_worker_lives_on() -> None:
    outcomes = run_all(["hog", 7], workers=1, timeout=30, max_memory_mib=1024)
    assert (outcomes[0].kind, outcomes[0].message) == ("error", "MemoryError")
    assert outcomes[1].value == 14


def test_without_a_limit_the_same_allocation_would_succeed_so_the_guard_is_what_failed_it() -> None:
    outcomes = run_all(["hog"], workers=1, timeout=60)
    assert (outcomes[0].kind, outcomes[0].value) == ("done", 2 * 1024**3)


def test_a_value_sent_in_parts_comes_back_whole_and_a_death_midway_fails_only_its_task() -> None:
    big = list(range(25_000))  # 2,500 parts: more than a pipe holds, so they are read as they come
    outcomes = run_all([big, "die", list(range(3)), "lambda", big[:15]], fn=same, workers=2, timeout=60,
                       parts=Parts(in_parts, Joined))
    assert outcomes[0].value == big and outcomes[2].value == [0, 1, 2] and outcomes[4].value == big[:15]
    assert (outcomes[1].kind, outcomes[1].message) == ("crashed", "exit code 5")
    assert 1 in Joined.discarded, "the part received before the worker died is dropped"
    assert outcomes[3].kind == "error" and outcomes[3].message.startswith("the result could not be sent back (")


def test_an_exception_in_a_task_is_an_error_outcome() -> None:
    outcomes = run_all(["raise", 1], workers=2, timeout=30)
    assert (outcomes[0].kind, outcomes[0].message) == ("error", "ValueError: bad task")
    assert outcomes[1].value == 2


def test_the_initializer_runs_once_in_each_worker_before_its_tasks() -> None:
    outcomes = run_all(list(range(12)), fn=initialised_here, workers=2, timeout=30, initializer=remember_pid)
    pids = {o.value[0] for o in outcomes.values() if o.value}
    assert all(o.value and o.value[1] for o in outcomes.values())
    assert 1 <= len(pids) <= 2 and os.getpid() not in pids


def test_a_worker_is_replaced_after_max_tasks_and_the_fresh_one_is_initialised() -> None:
    outcomes = run_all(list(range(9)), fn=initialised_here, workers=1, timeout=30, initializer=remember_pid,
                       max_tasks=3)
    assert all(o.kind == "done" and o.value and o.value[1] for o in outcomes.values())
    pids = [outcomes[i].value[0] for i in range(9)]  # type: ignore[index]
    assert [len(set(pids[k:k + 3])) for k in (0, 3, 6)] == [1, 1, 1], "one worker runs 3 tasks in a row"
    assert len(set(pids)) == 3, "then a fresh worker takes over"


def test_a_failing_initializer_stops_the_run_with_its_reason() -> None:
    with pytest.raises(WorkerInitError, match="a worker could not start: ValueError: no model here"):
        run_all([1, 2], workers=2, timeout=30, initializer=no_model)
    assert not mp.active_children()


def test_closing_the_iterator_early_stops_every_worker() -> None:
    outcomes = run_isolated([1, "hang", "hang"], misbehave, workers=3, timeout=60)
    index, first = next(outcomes)
    assert (index, first.value) == (0, 2)
    start = time.monotonic()
    outcomes.close()
    assert time.monotonic() - start < 10
    assert not mp.active_children()


INTERRUPTED_RUN = """
import signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)  # a background shell may have ignored it
from slippage.workers import run_isolated
from tests.test_workers import misbehave
if __name__ == "__main__":
    try:
        list(run_isolated([("hang", sys.argv[1])] * 2, misbehave, workers=2, timeout=600))
    except KeyboardInterrupt:
        sys.exit(130)
"""


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process states from /proc")
def test_ctrl_c_stops_the_supervisor_and_its_busy_workers(tmp_path: Path) -> None:
    script = tmp_path / "interrupted.py"
    script.write_text(textwrap.dedent(INTERRUPTED_RUN), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    run = subprocess.Popen([sys.executable, str(script), str(tmp_path)], env=env)
    deadline = time.monotonic() + 60
    while len([p for p in tmp_path.iterdir() if p.name.isdigit()]) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    pids = [int(p.name) for p in tmp_path.iterdir() if p.name.isdigit()]
    assert len(pids) == 2, "both workers started their hanging task"
    run.send_signal(signal.SIGINT)
    assert run.wait(timeout=15) == 130
    deadline = time.monotonic() + 10
    while any(process_running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(process_running(pid) for pid in pids)


def test_bad_worker_count_is_refused() -> None:
    with pytest.raises(ValueError, match="workers must be at least 1, got 0"):
        list(run_isolated([1], misbehave, workers=0, timeout=1))


def test_exit_codes_are_described_in_words() -> None:
    assert describe_exit(-11) == "exit code -11, SIGSEGV"
    assert describe_exit(1) == "exit code 1"
    assert doctest.testmod(slippage.worker_handle).failed == 0
