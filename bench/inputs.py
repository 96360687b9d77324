"""Re-run cost of a batch of bad inputs, and worker memory per MB of a big text export.

    python bench/inputs.py rerun          # the 226-file hostile batch: first run, re-run, ratio
    python bench/inputs.py memory 2 8     # peak RSS of process_file on N-MB text exports

`rerun` builds the hostile batch of tests/test_batch.py (205 bad files, the samples and
mislabelled documents), ingests it with the CLI, then again over the same --out; every
failure of the file itself (and now every timeout and memory failure, under its limits)
comes from the cache, so the re-run costs a stat per file and the write. `memory` builds
text exports of two kinds (the 2018/19 sample's exception tables repeated, and prose with
a layout page) and reports each one's peak resident memory in a fresh process, minus the
interpreter's own, per MB of input.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PEAK = ("import resource, sys\nfrom pathlib import Path\n{body}\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")


def rerun() -> None:
    """Print the hostile batch's first-run and re-run seconds and their ratio."""
    from tests.test_batch import make_bad_inputs

    with tempfile.TemporaryDirectory() as tmp:
        bad, samples, out = Path(tmp) / "bad", Path(tmp) / "samples", Path(tmp) / "out"
        shutil.copytree(ROOT / "samples", samples)
        make_bad_inputs(bad)
        argv = [sys.executable, "-m", "slippage.cli", "ingest", str(bad), str(samples), "--out", str(out),
                "--no-ner", "--quiet", "--no-review"]
        seconds = []
        for _ in range(2):
            start = time.monotonic()
            done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
            seconds.append(time.monotonic() - start)
            print(done.stdout.strip().splitlines()[-1])
        print(f"first run {seconds[0]:.1f} s, re-run {seconds[1]:.1f} s: {seconds[1] / seconds[0]:.0%} of the first")


def _peak_kib(body: str) -> int:
    """Given Python statements, return the peak RSS (KiB) of a fresh interpreter running them."""
    done = subprocess.run([sys.executable, "-c", PEAK.format(body=body)], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return int(done.stdout.strip().splitlines()[-1])


def memory(sizes_mb: list[float]) -> None:
    """Print peak worker memory per MB of input for text exports of the given sizes."""
    tables = (ROOT / "samples" / "2018-19_project_exceptions.txt").read_bytes()
    prose = (ROOT / "tests/data/txt/prose-not-tables.txt").read_bytes() + \
        (ROOT / "tests/data/txt/layout-furniture-justified.txt").read_bytes()
    base = _peak_kib("from slippage.pipeline import process_file")
    print(f"interpreter with the pipeline imported: {base / 1024:.0f} MiB")
    with tempfile.TemporaryDirectory() as tmp:
        for kind, unit in (("exception tables", tables), ("prose", prose)):
            for mb in sizes_mb:
                path = Path(tmp) / "export.txt"
                path.write_bytes(unit * int(mb * 1024 * 1024 / len(unit) + 1))
                start = time.monotonic()
                peak = _peak_kib(f"from slippage.pipeline import process_file\nprocess_file(Path({str(path)!r}), 'x')")
                size = path.stat().st_size / (1 << 20)
                print(f"{kind}, {size:.1f} MB: peak {peak / 1024:.0f} MiB, {(peak - base) / 1024 / size:.0f}x the input "
                      f"above the interpreter, {time.monotonic() - start:.0f} s")


if __name__ == "__main__":
    if sys.argv[1:2] == ["rerun"]:
        rerun()
    elif sys.argv[1:2] == ["memory"]:
        memory([float(s) for s in sys.argv[2:]] or [2.0, 8.0])
    else:
        sys.exit(__doc__)
