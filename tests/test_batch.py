"""Batch ingestion at archive scale: hostile inputs, isolation, the cache, determinism, atomic writes.

The hostile batch (>= 200 bad files of every kind the readers refuse, plus copies of the
samples) is built in a temporary folder by `make_bad_inputs` and ingested once per module;
the tests then check its outputs, re-run it from the cache, touch one sample and force it.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from slippage.cli import main
from slippage.engines import EngineStats, FileTask, to_parsed
from slippage.options import RunOptions
from slippage.pipeline import failed_result
from slippage.progress import BatchProgress, wants_progress
from slippage.workers import Outcome
from tests.conftest import DATA, SAMPLES

FAST = ["--no-ner", "--quiet"]
OK = None  # expected "reason" of a mislabelled file that is still read (sniffed), with a warning


def make_bad_inputs(folder: Path) -> dict[str, str | None]:
    """Given an empty folder, fill it with hostile inputs; return {relative name: expected error regex}."""
    rng = random.Random(6)
    expected: dict[str, str | None] = {}

    def put(name: str, data: bytes, reason: str | None) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expected[name] = reason

    for i in range(30):
        put(f"empty/zero-{i:03d}{('.txt', '.pdf', '.docx')[i % 3]}", b"", r"the file is empty \(0 bytes\)")
    for i in range(60):
        junk = bytes(rng.randrange(256) for _ in range(rng.randrange(64, 4096)))
        ext = (".txt", ".pdf", ".docx", ".bin")[i % 4]
        put(f"junk/nested/deeper/junk-{i:03d}{ext}", b"\x00" + junk, r"binary data that is not PDF, Word, ODT, RTF, HTML or text")
    _truncated_copies(put, SAMPLES / "2016-17_project_exceptions.pdf", "truncated/pdf", 40, r"not a readable PDF")
    _truncated_copies(put, SAMPLES / "2018-19_project_exceptions.docx", "truncated/docx", 40,
                      r"a damaged zip/DOCX archive|not a readable DOCX")
    for i in range(5):
        put(f"bombs/ratio-{i}.docx", _ratio_bomb(i), r"inflates [\d,]+x .* over the 200x limit")
        put(f"bombs/declared-{i}.docx", _declared_size_bomb(i), r"would unzip to [\d,]+ bytes, over the .*-byte limit")
    encrypted = (DATA / "pdf" / "encrypted.pdf").read_bytes()
    for i in range(10):
        put(f"locked/encrypted-{i:02d}.pdf", encrypted, r"the PDF is encrypted \(password-protected\)")
    for i in range(5):
        put(f"odd/legacy-{i}.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
            r"LibreOffice could not convert this DOC file; it may be damaged")
        put(f"odd/photos-{i}.docx", _zip({"photo.jpg": b"\xff\xd8" * 50}), r"a zip archive that is not a Word or OpenDocument text file")
        put(f"odd/notes-{i}.pdf", f"Meeting notes {i}\nNothing to see.\n".encode(), r"not a readable PDF \(no PDF structure")
    # Mislabelled but real documents: sniffed, read as what they are, with a warning.
    for pdf in sorted((DATA / "pdf").glob("[bmr]*.pdf")):
        put(f"renamed/{pdf.stem}.docx", pdf.read_bytes(), OK)
    for docx in sorted((DATA / "docx").glob("[lmt]*.docx")):
        put(f"renamed/{docx.stem}.txt", docx.read_bytes(), OK)
    return expected


def _truncated_copies(put: Any, source: Path, prefix: str, n: int, reason: str) -> None:
    """Write n copies of a file cut at evenly spaced lengths (never whole, never under 100 bytes)."""
    data = source.read_bytes()
    for i in range(n):
        length = 100 + (len(data) - 200) * i // (n - 1)
        put(f"{prefix}/cut-{length:06d}{source.suffix}", data[:length], reason)


def _zip(members: dict[str, bytes]) -> bytes:
    """Given member names and contents, return a deflated zip's bytes."""
    from io import BytesIO

    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def _ratio_bomb(seed: int) -> bytes:
    """A DOCX-shaped zip whose document.xml inflates about 1000x (2 MiB of one byte)."""
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": bytes([seed]) * (2 << 20)})


def _declared_size_bomb(seed: int) -> bytes:
    """A DOCX-shaped zip whose central directory declares a ~4 GB uncompressed member."""
    data = bytearray(_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>" * (seed + 1)}))
    at = data.rindex(b"PK\x01\x02")  # last central directory header: word/document.xml
    data[at + 24:at + 28] = (0xFFFFFFF0).to_bytes(4, "little")  # its uncompressed size
    return bytes(data)


def run_json(out: Path) -> dict[str, Any]:
    """Given an output folder, return its run.json."""
    data: dict[str, Any] = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return data


def csv_bytes(out: Path) -> dict[str, bytes]:
    """Given an output folder, return {table file name: bytes} for every CSV."""
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))}


def read(out: Path, table: str) -> pd.DataFrame:
    """Given an output folder and a table name, read its CSV as an analyst would."""
    return pd.read_csv(out / f"{table}.csv", keep_default_na=False, na_values=[""])


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str | None]]:
    """Copies of the samples, and a folder of hostile inputs with their expected reasons."""
    root = tmp_path_factory.mktemp("inputs")
    samples = root / "samples"
    shutil.copytree(SAMPLES, samples)
    bad = root / "bad"
    return samples, bad, make_bad_inputs(bad)


@pytest.fixture(scope="module")
def samples_only(inputs: tuple[Path, Path, dict[str, str | None]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample copies ingested alone with two workers."""
    out = tmp_path_factory.mktemp("samples_only")
    assert main(["ingest", str(inputs[0]), "--out", str(out), "--workers", "2", *FAST]) == 0
    return out


@pytest.fixture(scope="module")
def hostile(inputs: tuple[Path, Path, dict[str, str | None]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile inputs and the samples ingested together in one batch."""
    samples, bad, _ = inputs
    out = tmp_path_factory.mktemp("hostile")
    code = main(["ingest", str(bad), str(samples), "--out", str(out), "--workers", "2", *FAST])
    assert code == 1, "some files failed, so the exit code must be 1"
    return out


def test_the_hostile_batch_has_over_200_bad_inputs(inputs: tuple[Path, Path, dict[str, str | None]]) -> None:
    assert sum(reason is not None for reason in inputs[2].values()) >= 200


def test_every_input_has_one_reports_row_and_every_failure_says_why(
        inputs: tuple[Path, Path, dict[str, str | None]], hostile: Path) -> None:
    _, _, expected = inputs
    reports = read(hostile, "reports")
    sample_names = sorted(p.name for p in SAMPLES.iterdir())
    assert sorted(reports["source_file"]) == sorted([*expected, *sample_names])
    by_name = reports.set_index("source_file")
    for name, reason in expected.items():
        row = by_name.loc[name]
        if reason is None:
            assert row["status"] in ("ok", "no_exceptions"), (name, row["error"])
            assert "but its content is" in row["warnings"]
        else:
            # In a folder, a file of a type slippage does not read (.bin) is skipped, not failed.
            assert row["status"] == ("skipped" if name.endswith(".bin") else "failed"), name
            assert pd.Series([row["error"]]).str.contains(reason).all(), (name, row["error"])
    failed = reports[reports["status"] == "failed"]
    skipped = reports[reports["status"] == "skipped"]
    assert reports.loc[reports["status"].isin(["failed", "skipped"]), "error"].fillna("").str.strip().ne("").all()
    assert (by_name.loc[sample_names, "status"] == "ok").all()
    counts = run_json(hostile)
    assert counts["files"] == len(reports) and counts["cached"] == 0
    assert counts["parsed"] == len(reports) - len(skipped) and counts["skipped"] == len(skipped) == 15
    assert counts["failed"] == len(failed) and len(failed) + len(skipped) >= 200 and counts["workers"] == 2


def test_the_samples_rows_are_the_same_as_in_a_samples_only_run(hostile: Path, samples_only: Path) -> None:
    names = sorted(p.name for p in SAMPLES.iterdir())
    for table, key in (("exceptions", "exception_id"), ("reports", "report_id")):
        # As text, so that a column empty in one run and not the other compares equal.
        mixed = pd.read_csv(hostile / f"{table}.csv", dtype=str, keep_default_na=False)
        mixed = mixed[mixed["source_file"].isin(names)].sort_values(key).reset_index(drop=True)
        alone = pd.read_csv(samples_only / f"{table}.csv", dtype=str, keep_default_na=False)
        alone = alone.sort_values(key).reset_index(drop=True)
        assert len(alone) == (57 if table == "exceptions" else 6)
        pd.testing.assert_frame_equal(mixed, alone)


def test_the_worker_count_does_not_change_a_byte_of_output(
        inputs: tuple[Path, Path, dict[str, str | None]], samples_only: Path, tmp_path: Path) -> None:
    one = tmp_path / "one"
    assert main(["ingest", str(inputs[0]), "--out", str(one), "--workers", "1", *FAST]) == 0
    assert run_json(one)["workers"] == 1 and run_json(samples_only)["workers"] == 2
    assert csv_bytes(one) == csv_bytes(samples_only)
    assert {"reports.csv", "exceptions.csv", "amounts.csv", "projects.csv"} <= set(csv_bytes(one))


def test_rerun_parses_nothing_a_touch_is_rehashed_and_an_edit_reparses_exactly_it(
        inputs: tuple[Path, Path, dict[str, str | None]], hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    samples, bad, _ = inputs
    argv = ["ingest", str(bad), str(samples), "--out", str(hostile), "--workers", "2", *FAST]
    before = csv_bytes(hostile)
    total = run_json(hostile)["files"] - run_json(hostile)["skipped"]  # skipped rows are not parsed or cached
    capsys.readouterr()

    assert main(argv) == 1
    assert (run_json(hostile)["parsed"], run_json(hostile)["cached"]) == (0, total)
    assert f"0 parsed, {total} from cache)" in capsys.readouterr().out
    assert csv_bytes(hostile) == before

    touched = samples / "2018-19_project_exceptions.txt"
    original = touched.read_bytes()
    st = touched.stat()
    os.utime(touched, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert main(argv) == 1
    assert (run_json(hostile)["parsed"], run_json(hostile)["cached"]) == (0, total), "same bytes: the hash says so"
    touched.write_bytes(original + b"\n")
    assert main(argv) == 1
    assert (run_json(hostile)["parsed"], run_json(hostile)["cached"]) == (1, total - 1)
    touched.write_bytes(original)
    assert main(argv) == 1
    assert (run_json(hostile)["parsed"], run_json(hostile)["cached"]) == (1, total - 1)
    assert csv_bytes(hostile) == before


def test_a_changed_file_is_reparsed_failures_are_cached_and_force_reparses_all(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    note = folder / "minutes.txt"
    note.write_bytes(b"")
    (folder / "junk.txt").write_bytes(bytes(range(256)))
    out = tmp_path / "out"
    argv = ["ingest", str(folder), "--out", str(out), *FAST]
    assert main(argv) == 1
    assert main(argv) == 1 and run_json(out)["parsed"] == 0, "a broken file stays broken until it changes"
    shutil.copy(SAMPLES / "2016-17_project_exceptions.txt", note)
    assert main(argv) == 1
    assert (run_json(out)["parsed"], run_json(out)["cached"]) == (1, 1)
    assert read(out, "reports")["status"].tolist() == ["failed", "ok"]
    assert main([*argv, "--force"]) == 1
    assert (run_json(out)["parsed"], run_json(out)["cached"]) == (2, 0)


def test_a_file_over_the_time_limit_fails_and_is_cached_under_that_limit(tmp_path: Path) -> None:
    shutil.copy(DATA / "pdf" / "long-table.pdf", tmp_path / "slow.pdf")  # ~8 s to parse
    out = tmp_path / "out"
    argv = ["ingest", str(tmp_path / "slow.pdf"), "--out", str(out), "--workers", "1", *FAST]
    assert main([*argv, "--timeout", "0.1"]) == 1
    report = read(out, "reports").iloc[0]
    assert (report["status"], report["error"]) == ("failed", "slow.pdf: timed out after 0.1 s")
    assert run_json(out)["timed_out"] == 1
    assert main([*argv, "--timeout", "0.1"]) == 1  # the same limit gives the same failure: cached
    assert (run_json(out)["parsed"], run_json(out)["cached"], run_json(out)["timed_out"]) == (0, 1, 0)
    assert main([*argv, "--timeout", "0.1", "--retry-failed"]) == 1
    assert (run_json(out)["parsed"], run_json(out)["cached"], run_json(out)["timed_out"]) == (1, 0, 1)


def test_crashes_are_not_cached_and_memory_failures_are_cached_under_their_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    task, options, stats = FileTask(path, "big.pdf"), RunOptions(max_memory_mib=512), EngineStats()
    crashed = to_parsed(task, Outcome("crashed", message="exit code -11, SIGSEGV"), options, stats)
    assert crashed.result.report["error"] == "big.pdf: the parser crashed (exit code -11, SIGSEGV)"
    assert crashed.result.status == "failed" and not crashed.cacheable and stats.crashed == 1
    oom = failed_result(path, "big.pdf", "internal error while reading big.pdf: MemoryError")
    parsed = to_parsed(task, Outcome("done", value=oom), options, stats)
    assert parsed.result.report["error"] == "big.pdf: ran out of memory (over the 512 MiB limit; see --max-memory)"
    assert parsed.cacheable and parsed.limited
    broken = failed_result(path, "big.pdf", "big.pdf: not a readable PDF (PSEOF)")
    assert to_parsed(task, Outcome("done", value=broken), options, stats).cacheable  # broken stays broken


def test_many_failures_are_listed_briefly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(13):
        (tmp_path / "in" / f"empty-{i:02d}.txt").parent.mkdir(exist_ok=True)
        (tmp_path / "in" / f"empty-{i:02d}.txt").write_bytes(b"")
    assert main(["ingest", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-ner"]) == 1
    err = capsys.readouterr().err
    assert err.count("failed: empty-") == 10
    assert "... and 3 more failed files; see reports.csv" in err


def test_an_interrupted_write_never_leaves_a_half_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "2016-17_project_exceptions.txt", folder)
    out = tmp_path / "out"
    assert main(["ingest", str(folder), "--out", str(out), *FAST]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    shutil.copy(SAMPLES / "2018-19_project_exceptions.txt", folder)

    def half_then_fail(self: pd.DataFrame, path: Any, *args: Any, **kwargs: Any) -> None:
        Path(path).write_bytes(b"PAR1 half a table")
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", half_then_fail)
    assert main(["ingest", str(folder), "--out", str(out), *FAST]) == 3, "3: outputs not written"
    monkeypatch.undo()
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    # The write stopped in its staging folder: every previous file is as it was, byte for
    # byte, and no temp or staging file is left behind.
    assert after == before
    hidden = sorted(p.name.split("-")[0] for p in out.iterdir() if p.name.startswith("."))
    assert hidden == [".cache", ".current", ".gen", ".lock"], "one generation, no staging folder"
    assert len(pd.read_parquet(out / "reports.parquet")) == 1 and len(pd.read_csv(out / "reports.csv")) == 1


def test_ner_batch_with_bad_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "bad").mkdir(parents=True)
    for name in ("2016-17_project_exceptions.txt", "2018-19_project_exceptions.txt"):
        shutil.copy(SAMPLES / name, folder)
    (folder / "bad" / "empty.pdf").write_bytes(b"")
    (folder / "bad" / "junk.txt").write_bytes(bytes(range(256)) * 4)
    shutil.copy(DATA / "pdf" / "encrypted.pdf", folder / "bad")
    out = tmp_path / "out"
    assert main(["ingest", str(folder), "--out", str(out), "--workers", "2", "--quiet"]) == 1
    reports = read(out, "reports")
    assert sorted(reports["status"]) == ["failed"] * 3 + ["ok"] * 2
    assert len(read(out, "entities")) > 0 and set(read(out, "entities")["exception_id"].str[:16]) <= set(
        reports.loc[reports["status"] == "ok", "report_id"])
    assert main(["ingest", str(folder), "--out", str(out), "--workers", "2", "--quiet", "--no-ner"]) == 1
    assert run_json(out)["parsed"] == 5, "NER on/off is part of the cache key"
    assert len(read(out, "entities")) == 0


def test_dask_engine_on_a_local_cluster_matches_local_workers(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("2016-17_project_exceptions.txt", "2018-19_project_exceptions.docx"):
        shutil.copy(SAMPLES / name, folder)
    (folder / "empty.pdf").write_bytes(b"")
    # ~60 pages take ~8 s to parse here; the others well under 1 s. Dask times a file from when
    # the files before it are settled, so its limit needs room for queueing, unlike local workers.
    shutil.copy(DATA / "pdf" / "long-table.pdf", folder / "slow.pdf")
    local = tmp_path / "local"
    assert main(["ingest", str(folder), "--out", str(local), "--timeout", "3", *FAST]) == 1
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        out = tmp_path / "dask"
        argv = ["ingest", str(folder), "--out", str(out), "--engine", "dask", "--scheduler", cluster.scheduler_address]
        assert main([*argv, "--timeout", "3", *FAST]) == 1
    counts = run_json(out)
    assert (counts["engine"], counts["parsed"], counts["workers"], counts["timed_out"]) == ("dask", 4, 2, 1)
    reports = read(out, "reports").set_index("source_file")
    assert reports.loc["slow.pdf", "error"] == "slow.pdf: timed out after 3 s"
    assert "empty (0 bytes)" in reports.loc["empty.pdf", "error"]
    assert csv_bytes(out) == csv_bytes(local)


def test_dask_engine_needs_a_scheduler(tmp_path: Path) -> None:
    sample = SAMPLES / "2016-17_project_exceptions.txt"
    assert main(["ingest", str(sample), "--out", str(tmp_path), "--engine", "dask", *FAST]) == 2


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_is_for_terminals_only_and_counts_failures() -> None:
    assert wants_progress(False, _Terminal())
    assert not wants_progress(True, _Terminal()) and not wants_progress(False, io.StringIO())
    with BatchProgress(3, 1, enabled=True) as bar:
        for failed in (True, False, True):
            bar.advance(failed)
    assert bar.failed == 2


def test_a_missing_spacy_model_is_a_usage_error_not_a_row_per_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = SAMPLES / "2016-17_project_exceptions.txt"
    assert main(["ingest", str(sample), "--out", str(tmp_path), "--spacy-model", "no_such_model", "--quiet"]) == 2
    assert "a worker could not start: ModelNotInstalled: no spaCy model installed (tried no_such_model)" in (
        capsys.readouterr().err)
    assert not (tmp_path / "reports.csv").exists()
