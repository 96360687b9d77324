"""A re-run with nothing changed leaves the output set as it is and says so (issue 12: re-run cost).

Real slippage processes on real folders: the second run of the same command finds every
input in the cache and the set in --out made by the same run key, so it links the set's
files into a new generation with a run.json of its own instead of writing them. Anything
that would change the set (a new input, a corrections file, a changed option, a file of
the set touched, `--add` keeping reports) makes it write as before.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SAMPLES

FIRST, SECOND = "2016-17_project_exceptions.txt", "2018-19_project_exceptions.txt"
UNCHANGED = "unchanged (nothing to write)"


def ingest(out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Given an output folder and inputs/options, run a real slippage ingest and return what it did."""
    cmd = [sys.executable, "-m", "slippage.cli", "ingest", *args, "--out", str(out), "--no-ner", "--quiet"]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def set_bytes(out: Path) -> dict[str, bytes]:
    """Given an output folder, return {name: bytes} of every file of its set, read through OUT/NAME, but run.json."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())
            if p.is_symlink() and p.is_file() and p.name != "run.json"}


def run_json(out: Path) -> dict[str, Any]:
    """Given an output folder, return its run.json."""
    data: dict[str, Any] = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """A folder with one sample and a file that fails (so the exit code is 1 and a failure is listed)."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / FIRST, folder)
    (folder / "empty.txt").write_bytes(b"")
    return folder


def test_a_rerun_with_nothing_changed_links_the_same_set_and_says_so(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = ingest(out, str(inputs))
    assert first.returncode == 1 and "written to" in first.stdout
    before, generation = set_bytes(out), os.readlink(out / ".current")
    inodes = {name: os.stat(out / name).st_ino for name in before}
    (out / ".staging-999999").mkdir()  # what a killed run would leave

    again = ingest(out, str(inputs))
    assert again.returncode == 1, "the exit code still says a file failed"
    assert "failed: empty.txt: the file is empty (0 bytes)" in again.stderr
    assert "(0 parsed, 2 from cache)" in again.stdout and UNCHANGED in again.stdout and "review: " in again.stdout
    assert set_bytes(out) == before
    assert os.readlink(out / ".current") != generation, "a new generation, switched in as any other"
    counts = run_json(out)
    assert (counts["parsed"], counts["cached"], counts["failed"], counts["unchanged"]) == (0, 2, 1, True)
    assert sorted(p.name.split("-")[0] for p in out.iterdir() if p.name.startswith(".")) == [
        ".cache", ".current", ".gen", ".lock"], "the killed run's leftovers and the previous generation are gone"
    assert {name: os.stat(out / name).st_ino for name in before} == inodes, "the very files, not copies"

    third = ingest(out, str(inputs))
    assert UNCHANGED in third.stdout and set_bytes(out) == before


def test_whatever_would_change_the_set_makes_the_run_write(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert ingest(out, str(inputs)).returncode == 1
    assert UNCHANGED not in ingest(out, str(inputs), "--no-review").stdout, "another option: another set"
    assert UNCHANGED in ingest(out, str(inputs), "--no-review").stdout

    review = out / "review.html"
    assert ingest(out, str(inputs)).returncode == 1 and review.is_file()
    time.sleep(0.01)
    (out / ".current" / "review.html").write_text("edited", encoding="utf-8")  # a file of the set changed
    rewritten = ingest(out, str(inputs))
    assert UNCHANGED not in rewritten.stdout and review.read_text(encoding="utf-8") != "edited"

    (out / "corrections.csv").write_text("target_id,field,value,verdict,note\r\n", encoding="utf-8")
    assert UNCHANGED not in ingest(out, str(inputs)).stdout, "corrections are applied with the run's time"
    (out / "corrections.csv").unlink()
    assert UNCHANGED not in ingest(out, str(inputs)).stdout, "the set without the corrections is another set"

    shutil.copy(SAMPLES / SECOND, inputs)
    added = ingest(out, str(inputs))
    assert "(1 parsed, 2 from cache)" in added.stdout and UNCHANGED not in added.stdout
    assert run_json(out)["exceptions"] == 19


def test_add_keeps_its_reports_through_an_unchanged_rerun(tmp_path: Path) -> None:
    one, two, out = tmp_path / "one", tmp_path / "two", tmp_path / "out"
    for folder, name in ((one, FIRST), (two, SECOND)):
        folder.mkdir()
        shutil.copy(SAMPLES / name, folder)
    assert ingest(out, str(one)).returncode == 0
    added = ingest(out, str(two), "--add")
    assert "1 earlier reports kept (--add)" in added.stdout and UNCHANGED not in added.stdout
    before = set_bytes(out)
    again = ingest(out, str(two), "--add")
    assert UNCHANGED in again.stdout and "1 earlier reports kept (--add)" in again.stdout
    assert set_bytes(out) == before and run_json(out)["kept_reports"] == 1
    replaced = ingest(out, str(two))
    assert UNCHANGED not in replaced.stdout and "holds 1 report(s) of files not in this run" in replaced.stderr
    assert run_json(out)["files"] == 1 and "kept_reports" not in run_json(out)
