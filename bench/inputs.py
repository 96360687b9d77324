"""Re-run cost of a batch of bad inputs, and memory of big text exports and of a PDF bomb.

    python bench/inputs.py rerun 3        # the 226-file hostile batch: first run, re-runs, ratios (3 rounds)
    python bench/inputs.py memory 2 8 80  # peak RSS of process_file on N-MB text exports
    python bench/inputs.py cli 80         # an N-MB export through the CLI (default limits), twice
    python bench/inputs.py cli 8 80 --timeout 3000   # the same with a time limit it can be read in
    python bench/inputs.py bomb           # a 1 MB PDF whose content stream inflates to 1 GiB, through the CLI

`rerun` builds the hostile batch of tests/test_batch.py (205 bad files, the samples and
mislabelled documents), ingests it with the CLI, then again over the same --out: every
input comes from the cache and the set in --out is what the run would write, so the
re-run links it (see slippage/run_record.py). A third run has the run key taken out of
run.json first, so it writes the whole set again: what a re-run costs when something
(a corrections file, an option) makes it write. `memory` builds text exports of two kinds
(the 2018/19 sample's exception tables repeated, and prose with a layout page) and reports
each one's peak resident memory in a fresh process, minus the interpreter's own, per MB of
input. `cli` and `bomb` run the CLI (one worker, rules only, no review) and report the peak
resident memory of the worker and of the batch process, read from /proc while it runs;
`--timeout S` gives `cli` a time limit a big export can be read in (the default 120 s is
~15 MB of text), so that the batch process receives, caches and writes its result.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# VmHWM, not ru_maxrss: a child started by vfork+exec inherits its parent's peak in ru_maxrss
# (Linux keeps the larger across exec), so it reported the bench's own peak (93 MiB after
# writing an 80 MB export) for small runs; VmHWM is the peak of the child's own memory.
PEAK = ("import re, sys\nfrom pathlib import Path\n{body}\n"
        "print(re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text()).group(1))")
CLI = [sys.executable, "-m", "slippage.cli", "ingest"]
FAST = ["--no-ner", "--quiet", "--no-review"]


def _timed(argv: list[str]) -> tuple[float, str]:
    """Given a command, run it in the repository; return its seconds and the last line it printed."""
    start = time.monotonic()
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
    return time.monotonic() - start, (done.stdout.strip().splitlines() or [done.stderr.strip()])[-1]


def _force_write(out: Path) -> None:
    """Given an output folder, take the run key out of its run.json, so that the next run writes the set."""
    path = (out / ".current" / "run.json").resolve()
    counts = json.loads(path.read_text(encoding="utf-8"))
    counts.pop("run_key", None)
    path.write_text(json.dumps(counts), encoding="utf-8")


def rerun(rounds: int) -> None:
    """Print, for each round on a fresh --out, the first run's, the re-run's and a rewriting re-run's seconds."""
    from tests.test_batch import make_bad_inputs

    with tempfile.TemporaryDirectory() as tmp:
        bad, samples = Path(tmp) / "bad", Path(tmp) / "samples"
        shutil.copytree(ROOT / "samples", samples)
        make_bad_inputs(bad)
        for r in range(rounds):
            out = Path(tmp) / f"out-{r}"
            argv = [*CLI, str(bad), str(samples), "--out", str(out), *FAST]
            first, line = _timed(argv)
            again, line_again = _timed(argv)
            _force_write(out)
            written, _ = _timed(argv)
            print(f"round {r + 1}: first run {first:.1f} s; re-run {again:.2f} s ({again / first:.0%}); "
                  f"re-run writing the set {written:.2f} s ({written / first:.0%})")
        print(line)
        print(line_again)


def _peak_kib(body: str) -> int:
    """Given Python statements, return the peak RSS (KiB) of a fresh interpreter running them."""
    done = subprocess.run([sys.executable, "-c", PEAK.format(body=body)], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return int(done.stdout.strip().splitlines()[-1])


def _export(folder: Path, kind: str, mb: float) -> Path:
    """Given a folder, a kind ("tables" or "prose") and a size, write that text export and return its path."""
    if kind == "tables":
        unit = (ROOT / "samples" / "2018-19_project_exceptions.txt").read_bytes()
    else:
        unit = (ROOT / "tests/data/txt/prose-not-tables.txt").read_bytes() + \
            (ROOT / "tests/data/txt/layout-furniture-justified.txt").read_bytes()
    path = folder / f"{kind}-{mb:g}mb.txt"
    with path.open("wb") as fh:  # a copy at a time: the bench itself stays small
        for _ in range(int(mb * 1024 * 1024 / len(unit) + 1)):
            fh.write(unit)
    return path


def memory(sizes_mb: list[float]) -> None:
    """Print peak memory per MB of input of process_file for text exports of the given sizes."""
    base = _peak_kib("from slippage.pipeline import process_file")
    print(f"interpreter with the pipeline imported: {base / 1024:.0f} MiB")
    with tempfile.TemporaryDirectory() as tmp:
        for kind, name in (("tables", "exception tables"), ("prose", "prose")):
            for mb in sizes_mb:
                path = _export(Path(tmp), kind, mb)
                start = time.monotonic()
                peak = _peak_kib(f"from slippage.pipeline import process_file\nprocess_file(Path({str(path)!r}), 'x')")
                size = path.stat().st_size / (1 << 20)
                print(f"{name}, {size:.1f} MB: peak {peak / 1024:.0f} MiB ({peak / 1024 / size:.1f}x the input), "
                      f"{(peak - base) / 1024 / size:.1f}x above the interpreter, {time.monotonic() - start:.0f} s")
                path.unlink()


def _tree_peaks(pid: int, peaks: dict[int, tuple[int, str, int]]) -> None:
    """Given a process id, record (parent, command line, peak RSS in MiB) of it and its descendants."""
    todo = [(pid, 0)]
    while todo:
        p, parent = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            cmd = Path(f"/proc/{p}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            for task in os.listdir(f"/proc/{p}/task"):
                todo += [(int(c), p) for c in Path(f"/proc/{p}/task/{task}/children").read_text().split()]
        except OSError:
            continue
        hwm = next((int(line.split()[1]) // 1024 for line in status.splitlines() if line.startswith("VmHWM:")), 0)  # 0: a zombie
        peaks[p] = (parent, cmd, max(hwm, peaks.get(p, (0, "", 0))[2]))


def _watched(argv: list[str]) -> tuple[float, str, int, int]:
    """Given a CLI command, run it; return its seconds, last line, and the peak RSS (MiB) of its batch
    process and of its largest worker (a child of the fork server)."""
    peaks: dict[int, tuple[int, str, int]] = {}
    start = time.monotonic()
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def watch() -> None:
        while proc.poll() is None:
            _tree_peaks(proc.pid, peaks)
            time.sleep(0.1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    out = proc.communicate()[0]
    watcher.join()
    servers = {p for p, (_, cmd, _) in peaks.items() if "forkserver" in cmd}
    workers = [rss for parent, _, rss in peaks.values() if parent in servers]
    return time.monotonic() - start, out.strip().splitlines()[-1], peaks.get(proc.pid, (0, "", 0))[2], max(workers, default=0)


def cli(sizes_mb: list[float], timeout: str | None = None) -> None:
    """Print, for an exception-table export of each size, two CLI runs under the default limits (or `--timeout`)."""
    limits = ["--timeout", timeout] if timeout else []
    with tempfile.TemporaryDirectory() as tmp:
        for mb in sizes_mb:
            path, out = _export(Path(tmp), "tables", mb), Path(tmp) / f"out-{mb:g}"
            for run in ("first run", "second run"):
                argv = [*CLI, str(path), "--out", str(out), "--workers", "1", *limits, *FAST]
                seconds, line, batch, worker = _watched(argv)
                print(f"{mb:g} MB, {run}: {seconds:.0f} s, worker peak {worker} MiB, batch process {batch} MiB\n  {line}")
            if json.loads((out / "run.json").read_text())["failed"]:
                print(f"  reports.error: {_error(out)}")


def _error(out: Path) -> str:
    """Given an output folder of one failed file, return its reports.error."""
    import csv

    with (out / "reports.csv").open(encoding="utf-8-sig") as fh:
        return str(next(csv.DictReader(fh))["error"])


def bomb() -> None:
    """Print what the CLI does with a 1 MB PDF whose content stream inflates to 1 GiB of blanks."""
    from tests.test_pdf_streams import bomb as make_bomb

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        path = make_bomb(folder / "bomb.pdf", 1024)
        seconds, line, batch, worker = _watched([*CLI, str(folder), "--out", str(Path(tmp) / "out"), "--workers", "1", *FAST])
        print(f"{path.stat().st_size / 1e6:.1f} MB PDF inflating to 1 GiB: {seconds:.1f} s, worker peak {worker} MiB, "
              f"batch process {batch} MiB\n  {line}\n  reports.error: {_error(Path(tmp) / 'out')}")


if __name__ == "__main__":
    args = sys.argv[2:]
    if sys.argv[1:2] == ["rerun"]:
        rerun(int(args[0]) if args else 3)
    elif sys.argv[1:2] == ["memory"]:
        memory([float(s) for s in args] or [2.0, 8.0])
    elif sys.argv[1:2] == ["cli"]:
        timeout = args[args.index("--timeout") + 1] if "--timeout" in args else None
        sizes = [a for i, a in enumerate(args) if a != "--timeout" and (i == 0 or args[i - 1] != "--timeout")]
        cli([float(s) for s in sizes] or [80.0], timeout)
    elif sys.argv[1:2] == ["bomb"]:
        bomb()
    else:
        sys.exit(__doc__)
