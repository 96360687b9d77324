"""Outputs you can trust (issue 12, findings 2, 3, 4, 8 and 10): real processes, files and signals.

A re-run over a good output is stopped by a full disk (a real tmpfs), by SIGINT, SIGTERM
or kill -9 at each write step (the test-only hook SLIPPAGE_TEST_PAUSE_AT holds the run
there), or by a second run holding the lock: the previous outputs must stay byte-identical
and the exit code must say the outputs were not written. CSV cells a spreadsheet would run
as formulas are neutralised in CSV only; `--add` keeps the previous reports.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import slippage
from export.writers import neutralise, write_table
from slippage.cli import EXIT_LOCKED, EXIT_NOT_WRITTEN, main
from slippage.inputs import collect_inputs
from slippage.options import RunOptions
from slippage.output import OutputsNotWritten, WriteOptions, write_outputs
from slippage.runner import run_batch
from tests.conftest import DATA, ROOT, SAMPLES

FAST = ["--no-ner", "--quiet"]
FIRST, SECOND = "2016-17_project_exceptions.txt", "2018-19_project_exceptions.txt"
WRITE_STEPS = ("tables", "database", "review", "run.json")
PAUSE_TIMEOUT = 120.0


def ingest_cmd(inputs: Path, out: Path, *extra: str) -> list[str]:
    """Given an input folder and an output folder, return the command line of a real slippage process."""
    return [sys.executable, "-m", "slippage.cli", "ingest", str(inputs), "--out", str(out), *FAST, *extra]


def run(cmd: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    """Given a command, run it to the end in the repository and return what it did."""
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, **env})


def snapshot(out: Path) -> dict[str, object]:
    """Given an output folder, return every name in it (cache and lock aside) with its link target or bytes."""
    seen: dict[str, object] = {}
    for path in sorted(out.iterdir()):
        if path.name in (".cache", ".lock"):
            continue
        if path.is_symlink():
            seen[path.name] = os.readlink(path)
            if path.is_file():
                seen[f"{path.name} (bytes)"] = path.read_bytes()
        elif path.is_dir():
            seen[path.name] = sorted(p.name for p in path.iterdir())
        else:
            seen[path.name] = path.read_bytes()
    return seen


def hidden_kinds(out: Path) -> list[str]:
    """Given an output folder, return the kinds of hidden entries in it (.gen, .staging, ...)."""
    return sorted(p.name.split("-")[0] for p in out.iterdir() if p.name.startswith("."))


def wait_for_pause(proc: subprocess.Popen[str], step: str) -> None:
    """Given a running slippage paused by the test hook, return once it has reached `step`."""
    assert proc.stderr is not None
    deadline = time.monotonic() + PAUSE_TIMEOUT
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stderr], [], [], 1.0)
        if ready:
            line = proc.stderr.readline()
            if f"test pause at {step}" in line:
                return
            assert line or proc.poll() is None, f"slippage ended before step {step}"
    raise AssertionError(f"slippage never reached step {step}")


def paused(inputs: Path, out: Path, step: str, *extra: str) -> subprocess.Popen[str]:
    """Given inputs, an output folder and a write step, start slippage and return it paused at that step."""
    proc = subprocess.Popen(ingest_cmd(inputs, out, *extra), cwd=ROOT, text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "SLIPPAGE_TEST_PAUSE_AT": step})
    wait_for_pause(proc, step)
    return proc


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two input folders: one sample, and that sample with another (so a re-run's outputs differ)."""
    one, two = tmp_path_factory.mktemp("one"), tmp_path_factory.mktemp("two")
    shutil.copy(SAMPLES / FIRST, one)
    for name in (FIRST, SECOND):
        shutil.copy(SAMPLES / name, two)
    return one, two


@pytest.fixture(scope="module")
def good(inputs: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good output of the first input folder, made by a real run, whose cache also holds the second
    folder's files (so the runs the tests stop spend their time writing, not parsing)."""
    out = tmp_path_factory.mktemp("good") / "out"
    for folder in (inputs[1], inputs[0]):
        done = run(ingest_cmd(folder, out))
        assert done.returncode == 0, done.stderr
    return out


@pytest.fixture
def out(good: Path, tmp_path: Path) -> Path:
    """A copy of the good output (links as links) for one test to damage."""
    copy = tmp_path / "out"
    shutil.copytree(good, copy, symlinks=True)
    return copy


def test_the_output_set_is_a_generation_behind_one_link(good: Path) -> None:
    assert hidden_kinds(good) == [".cache", ".current", ".gen", ".lock"]
    assert os.readlink(good / "reports.csv") == ".current/reports.csv"
    assert (good / ".current").resolve().parent == good.resolve()
    assert set(slippage.load(good)) >= {"reports", "exceptions", "amounts", "projects", "timeline"}


# SIGINT at every step; SIGTERM (turned into the same interrupt) at the last.
SIGNAL_CASES = [(step, signal.SIGINT) for step in WRITE_STEPS] + [("run.json", signal.SIGTERM)]


@pytest.mark.parametrize(("step", "signum"), SIGNAL_CASES, ids=[f"{s}-{n.name}" for s, n in SIGNAL_CASES])
def test_a_signal_at_a_write_step_leaves_the_previous_outputs_byte_identical(
        inputs: tuple[Path, Path], out: Path, step: str, signum: signal.Signals) -> None:
    before = snapshot(out)
    proc = paused(inputs[1], out, step)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == EXIT_NOT_WRITTEN, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert f"interrupted ({signum.name}) while writing; nothing in {out} was changed" in err
    assert snapshot(out) == before, "the previous outputs are byte-identical and nothing was left behind"


@pytest.mark.parametrize("step", WRITE_STEPS)
def test_kill_9_at_a_write_step_leaves_the_previous_outputs_and_the_next_run_cleans_up(
        inputs: tuple[Path, Path], out: Path, step: str) -> None:
    before = snapshot(out)
    proc = paused(inputs[1], out, step)
    proc.kill()
    proc.communicate(timeout=60)
    left = snapshot(out)
    assert [name for name in left if name.startswith(".staging-")], "kill -9 leaves its staging folder"
    assert {k: v for k, v in left.items() if not k.startswith(".staging-")} == before
    assert len(pd.read_parquet(out / "reports.parquet")) == 1, "readers still see the previous set"
    if step != "database":
        return  # what kill -9 leaves is the same at every step: one step shows the next run's clean-up
    done = run(ingest_cmd(inputs[1], out))
    assert done.returncode == 0, done.stderr
    assert hidden_kinds(out) == [".cache", ".current", ".gen", ".lock"], "leftovers removed, one generation"
    assert len(pd.read_parquet(out / "reports.parquet")) == 2


def test_kill_9_just_after_the_switch_leaves_the_new_outputs_whole(inputs: tuple[Path, Path], out: Path) -> None:
    proc = paused(inputs[1], out, "switched")
    proc.kill()
    proc.communicate(timeout=60)
    tables = slippage.load(out)
    assert len(tables["reports"]) == 2 and set(tables["exceptions"]["report_id"]) == set(tables["reports"]["report_id"])
    assert hidden_kinds(out).count(".gen") == 2, "the previous generation is left for the next run"
    assert run(ingest_cmd(inputs[1], out)).returncode == 0
    assert hidden_kinds(out) == [".cache", ".current", ".gen", ".lock"]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 8 MiB tmpfs (root only; skipped where mount is not allowed)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave: int) -> Path:
    """Given a mounted file system, fill it with one file until only about `leave` bytes are free."""
    st = os.statvfs(disk)
    filler = disk / "filler"
    with filler.open("wb") as fh:
        fh.truncate(0)
        fh.write(b"\0" * max(0, st.f_bavail * st.f_frsize - leave))
    return filler


@pytest.mark.parametrize("free_kb", [40, 600], ids=["full-in-the-tables", "full-in-the-database"])
def test_a_full_disk_leaves_the_previous_outputs_byte_identical(
        inputs: tuple[Path, Path], good: Path, small_disk: Path, free_kb: int) -> None:
    out = small_disk / "out"
    shutil.copytree(good, out, symlinks=True)
    before = snapshot(out)
    filler = fill(small_disk, free_kb * 1024)
    done = run(ingest_cmd(inputs[0], out))  # the same command: every file from the cache
    assert done.returncode == EXIT_NOT_WRITTEN, done.stderr
    assert "could not write the outputs (no space left on the device)" in done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(out) == before
    assert not [p for p in out.rglob("*.tmp*")], "no temp file left behind"
    if free_kb == 600:  # once is enough to show that the folder is not left unusable
        filler.unlink()
        assert run(ingest_cmd(inputs[1], out)).returncode == 0, "with room again, the next run writes"
        assert len(pd.read_parquet(out / "reports.parquet")) == 2


def test_an_extra_writer_is_part_of_the_set_and_its_failure_writes_nothing(
        inputs: tuple[Path, Path], out: Path) -> None:
    files, _ = collect_inputs([str(inputs[1])])
    run = run_batch(files, RunOptions(ner=False, quiet=True, cache_dir=out / ".cache"))
    before = snapshot(out)

    def broken(folder: Path) -> None:
        (folder / "extra.txt").write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputsNotWritten, match=r"could not write the outputs \(no space left on the device\)"):
        write_outputs(run, out, WriteOptions(review=False, extras=(broken,)))
    assert snapshot(out) == before
    write_outputs(run, out, WriteOptions(review=False, extras=(lambda folder: (folder / "extra.txt").write_text("x"),)))
    assert os.readlink(out / "extra.txt") == ".current/extra.txt" and (out / "extra.txt").read_text() == "x"
    assert not os.path.lexists(out / "review.html"), "a file the new set does not have is no longer linked"


def test_a_full_disk_while_a_new_file_is_parsed_writes_nothing(good: Path, small_disk: Path, tmp_path: Path) -> None:
    folder = tmp_path / "new"
    folder.mkdir()
    shutil.copy(SAMPLES / FIRST, folder)
    shutil.copy(DATA / "txt" / "formula-cells-tabs.txt", folder)  # not in the cache: parsed, then cached
    out = small_disk / "out"
    shutil.copytree(good, out, symlinks=True)
    before = snapshot(out)
    fill(small_disk, 0)
    done = run(ingest_cmd(folder, out))
    assert done.returncode == EXIT_NOT_WRITTEN, done.stderr
    assert "no space left on the device" in done.stderr and f"nothing in {out} was changed" in done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(out) == before


def test_a_second_run_fails_at_once_and_wait_waits(inputs: tuple[Path, Path], out: Path) -> None:
    first = paused(inputs[1], out, "tables")
    try:
        start = time.monotonic()
        second = run(ingest_cmd(inputs[0], out))
        assert second.returncode == EXIT_LOCKED
        assert f"{out} is in use by another slippage run; wait for it to finish or run again with --wait" in second.stderr
        assert time.monotonic() - start < 30
        waiting = subprocess.Popen(ingest_cmd(inputs[1], out, "--wait"), cwd=ROOT, text=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(3)
        assert waiting.poll() is None, "--wait waits while the first run holds the folder"
    finally:
        first.send_signal(signal.SIGINT)
        first.communicate(timeout=60)
    assert first.returncode == EXIT_NOT_WRITTEN
    stdout, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert "waiting for it to finish" in err
    assert len(pd.read_parquet(out / "reports.parquet")) == 2


def test_formula_cells_are_neutralised_in_csv_only(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("formula-cells-tabs.txt", "formula-cells-pipes.txt"):
        shutil.copy(DATA / "txt" / name, folder)
    out = tmp_path / "out"
    assert main(["ingest", str(folder), "--out", str(out), *FAST, "--no-review"]) == 0
    raw = pd.read_parquet(out / "exceptions.parquet").set_index("exception_id")
    csv = pd.read_csv(out / "exceptions.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False).set_index(
        "exception_id")
    hostile = [v for col in ("project", "reason", "mitigation") for v in raw[col].dropna() if v[:1] in "=+-@"]
    assert len(hostile) >= 6, "the fixtures put formula text in names, reasons and mitigations"
    for col in ("project", "reason", "mitigation"):
        for i, value in raw[col].dropna().items():
            assert csv.loc[i, col] == neutralise(value)
    assert any(v.startswith('=HYPERLINK("http://evil.example') for v in raw["project"])
    assert any(v.startswith("'=HYPERLINK(") for v in csv["project"])
    amounts = pd.read_csv(out / "amounts.csv", encoding="utf-8-sig")
    shortfall = amounts[amounts["text"] == "'-£5,000"]
    assert shortfall["value_gbp"].tolist() == [-5000.0], "a number column keeps its negative numbers"
    with duckdb.connect(str(out / "slippage.duckdb"), read_only=True) as con:
        texts = {row[0] for row in con.sql("SELECT project FROM exceptions").fetchall()}
    assert texts == set(raw["project"]), "DuckDB keeps the text as read"
    assert (out / "exceptions.csv").read_bytes().startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, for Excel"
    assert "£80,000" in (out / "amounts.csv").read_text(encoding="utf-8-sig")


def test_every_text_start_a_spreadsheet_runs_is_prefixed_and_numbers_are_not(tmp_path: Path) -> None:
    df = pd.DataFrame({"text": ["=1+1", "+44 20", "-£5,000 shortfall", "@SUM(A1)", "\tx", "\ry", "ok", None],
                       "value": [-5.0, 1.0, -5000.0, 2.0, 3.0, 4.0, 5.0, None]})
    write_table(tmp_path, "t", df)
    back = pd.read_csv(tmp_path / "t.csv", encoding="utf-8-sig", keep_default_na=False, na_values=[""])
    assert back["text"].tolist()[:7] == ["'=1+1", "'+44 20", "'-£5,000 shortfall", "'@SUM(A1)", "'\tx", "'\ry", "ok"]
    assert back["value"].tolist()[:3] == [-5.0, 1.0, -5000.0]
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "t.parquet"), df)


def test_a_run_that_drops_reports_says_so_and_add_keeps_them(
        inputs: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["ingest", str(inputs[1]), "--out", str(out), *FAST, "--no-review"]) == 0
    both = pd.read_parquet(out / "exceptions.parquet")
    capsys.readouterr()
    one_file = inputs[1] / SECOND
    assert main(["ingest", str(one_file), "--out", str(out), *FAST, "--no-review", "--add"]) == 0
    captured = capsys.readouterr()
    assert "1 earlier reports kept (--add)" in captured.out and "replaces it" not in captured.err
    reports = pd.read_parquet(out / "reports.parquet")
    assert len(reports) == 2 and FIRST in set(reports["source_file"]), "the other file's report is kept"
    kept = pd.read_parquet(out / "exceptions.parquet")
    assert len(kept) == len(both) and set(kept["project"]) == set(both["project"])

    assert main(["ingest", str(DATA / "txt" / "formula-cells-tabs.txt"), "--out", str(out), *FAST, "--no-review"]) == 0
    err = capsys.readouterr().err
    assert f"{out} holds 2 report(s) of files not in this run" in err and "run with --add to keep them" in err
    assert len(pd.read_parquet(out / "reports.parquet")) == 1


def test_quiet_still_lists_failures_naming_each_file_once_and_the_last_line_names_the_review(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / FIRST, folder)
    (folder / "empty.pdf").write_bytes(b"")
    out = tmp_path / "out"
    assert main(["ingest", str(folder), "--out", str(out), *FAST]) == 1
    captured = capsys.readouterr()
    failures = [line for line in captured.err.splitlines() if line.startswith("failed: ")]
    assert len(failures) == 1 and failures[0].count("empty.pdf") == 1, failures
    last = captured.out.strip().splitlines()[-1]
    assert "1 failed" in last and last.endswith(f"review: {out / 'review.html'}")
    assert (out / "review.html").is_file()


def test_review_rewrites_the_review_inside_the_current_set(good: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(good, out, symlinks=True)
    assert main(["review", str(out), "--sample", "2"]) == 0
    assert os.readlink(out / "review.html") == ".current/review.html", "still a link into the set"
    assert (out / ".current" / "review.html").read_bytes() != (good / "review.html").read_bytes()


def test_an_output_folder_of_plain_files_is_taken_over_and_its_temp_files_removed(
        inputs: tuple[Path, Path], good: Path, tmp_path: Path) -> None:
    legacy = tmp_path / "out"
    legacy.mkdir()
    for path in good.iterdir():
        if path.is_symlink() and path.is_file():
            shutil.copy(path, legacy / path.name)  # the plain files an older slippage wrote
    for junk in (".reports.csv.abc123.tmp", ".slippage.duckdb.x1y2.tmp.wal"):
        (legacy / junk).write_bytes(b"")
    assert main(["ingest", str(inputs[1]), "--out", str(legacy), *FAST]) == 0
    assert hidden_kinds(legacy) == [".cache", ".current", ".gen", ".lock"]
    assert all((legacy / name).is_symlink() for name in ("reports.csv", "slippage.duckdb", "review.html"))
    assert len(pd.read_parquet(legacy / "reports.parquet")) == 2


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("slippage ")
