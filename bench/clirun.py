"""Run `slippage ingest` end to end in a subprocess: wall time and peak memory.

Peak memory is measured two ways (Linux only):
- `max_rss_mib`: ru_maxrss that `os.wait4` reports for the CLI process, which on Linux is
  the largest resident set of that process or any descendant it reaped (a pool worker);
- `tree_rss_mib`: the largest sum of the resident sets of the CLI and all its descendants,
  sampled from /proc every 200 ms (pages shared after fork count once per process, so this
  is an upper bound).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = os.sysconf("SC_PAGE_SIZE")
POLL_SECONDS = 0.2  # a /proc scan costs ~3 ms; every 50 ms it took 15% of a core


@dataclass(frozen=True, slots=True)
class CliRun:
    """One end-to-end CLI run: how long it took, its exit code and its peak memory."""

    workers: int
    seconds: float
    exit_code: int
    max_rss_mib: float
    tree_rss_mib: float
    stderr_tail: str = ""


def _children_of() -> dict[int, list[int]]:
    """Return {parent pid: child pids} for every process visible in /proc."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue  # the process ended while we looked
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def tree_rss_bytes(pid: int) -> int:
    """Given a pid, return the summed resident set of it and all its descendants, in bytes."""
    tree, total, todo = _children_of(), 0, [pid]
    while todo:
        current = todo.pop()
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
        todo.extend(tree.get(current, []))
    return total


def _poll_peak(pid: int, done: threading.Event, peak: list[int]) -> None:
    """Given a pid, sample its tree's RSS until done is set, keeping the largest in peak[0]."""
    while not done.is_set():
        peak[0] = max(peak[0], tree_rss_bytes(pid))
        done.wait(POLL_SECONDS)


def run_cli(corpus: Path, workers: int, extra: tuple[str, ...] = ()) -> CliRun:
    """Given a corpus folder and a worker count, run `slippage ingest --force --quiet` on it and return the run."""
    # `python -m slippage.cli` is what the `slippage` console script runs, and works uninstalled.
    command = [sys.executable, "-m", "slippage.cli", "ingest", str(corpus), "--workers", str(workers),
               "--force", "--quiet", *extra]
    with tempfile.TemporaryDirectory(prefix="slippage-bench-cli-") as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([*command, "--out", out], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        done, peak = threading.Event(), [0]
        poller = threading.Thread(target=_poll_peak, args=(proc.pid, done, peak), daemon=True)
        poller.start()
        _, status, usage = os.wait4(proc.pid, 0)  # rusage of this child alone, unlike RUSAGE_CHILDREN
        seconds = time.perf_counter() - start
        done.set()
        poller.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read().decode("utf-8", "replace")[-500:]
    return CliRun(workers=workers, seconds=seconds, exit_code=proc.returncode,
                  max_rss_mib=usage.ru_maxrss / 1024, tree_rss_mib=peak[0] / 2**20, stderr_tail=tail)
