"""Tables are written in chunks from summaries and cached results, never held whole.

The chunked write must give exactly the files a whole-table sort gives, the batch
process must not keep parsed rows in memory when the cache holds them, and a cached
result that disappears before it is written back must stop the write with a reason.
"""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pandas as pd
import pytest

import slippage.batch
import slippage.result
from export.tables import to_frame
from export.writers import TableSink
from extract.errors import SlippageError
from slippage.batch import write_batch, write_results
from slippage.cache import cache_files
from slippage.cli import main
from slippage.inputs import collect_inputs
from slippage.options import RunOptions
from slippage.pipeline import FileResult, process_file
from slippage.result import in_exception_order
from slippage.runner import run_batch
from tests.conftest import ROOT, SAMPLES

FAST = ["--no-ner", "--quiet", "--no-review"]


def tables_of(out: Path) -> dict[str, bytes]:
    """Given an output folder, return {file name: bytes} of every CSV."""
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples plus a byte-identical copy under another name (one report id, two files)."""
    folder = tmp_path_factory.mktemp("in")
    for path in SAMPLES.iterdir():
        shutil.copy(path, folder / path.name)
    shutil.copy(SAMPLES / "2016-17_project_exceptions.docx", folder / "copy-of-2016-17.docx")
    return folder


@pytest.fixture(scope="module")
def whole(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The batch written with one chunk (every row in memory at once, sorted as a whole)."""
    out = tmp_path_factory.mktemp("whole")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(slippage.batch, "CHUNK_EXCEPTIONS", 10**9)
        assert main(["ingest", str(inputs), "--out", str(out), *FAST]) == 0
    return out


def test_one_report_per_chunk_writes_the_same_bytes_as_one_chunk(inputs: Path, whole: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(slippage.batch, "CHUNK_EXCEPTIONS", 1)
    assert main(["ingest", str(inputs), "--out", str(tmp_path), *FAST]) == 0
    assert tables_of(tmp_path) == tables_of(whole)
    for name in ("exceptions", "amounts", "years", "reports", "projects", "timeline"):
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / f"{name}.parquet"),
                                      pd.read_parquet(whole / f"{name}.parquet"))
    exceptions = pd.read_csv(tmp_path / "exceptions.csv")
    reports = pd.read_csv(tmp_path / "reports.csv").set_index("source_file")
    copy = reports.loc["copy-of-2016-17.docx"]
    assert exceptions["exception_id"].is_unique and reports["report_id"].is_unique
    assert (exceptions["report_id"] == copy["report_id"]).sum() == copy["n_exceptions"] > 0, \
        "the identical copy keeps its rows, under ids of its own"
    assert copy["duplicate_of"] == reports.loc["2016-17_project_exceptions.docx", "report_id"]


def test_cached_results_are_read_back_not_held(inputs: Path, whole: Path, tmp_path: Path) -> None:
    files, _ = collect_inputs([str(inputs)])
    options = RunOptions(ner=False, quiet=True, cache_dir=whole / ".cache")
    run = run_batch(files, options)
    assert run.cached == len(files) and all(rows.cached for rows in run.store._rows.values())
    assert sum(len(s.names) for s in run.summaries) == json.loads((whole / "run.json").read_text())["exceptions"]

    write_batch(run.summaries, run.store.parts, tmp_path)
    assert tables_of(tmp_path) == tables_of(whole)


def test_results_held_in_memory_write_the_same_tables(inputs: Path, whole: Path, tmp_path: Path) -> None:
    files, _ = collect_inputs([str(inputs)])
    run = run_batch(files, RunOptions(ner=False, quiet=True))  # no cache: the store holds the (small) rows
    assert sum(bool(rows.held) for rows in run.store._rows.values()) == sum(bool(s.names) for s in run.summaries)
    write_results([run.store.load(i) for i in range(len(files))], tmp_path)
    assert tables_of(tmp_path) == tables_of(whole)


def test_a_cache_entry_that_vanishes_before_the_write_stops_it_with_a_reason(
        inputs: Path, whole: Path, tmp_path: Path) -> None:
    cache = tmp_path / ".cache"
    shutil.copytree(whole / ".cache", cache)
    files, _ = collect_inputs([str(inputs)])
    run = run_batch(files, RunOptions(ner=False, quiet=True, cache_dir=cache))
    for entry in cache_files(cache):
        entry.unlink()
    with pytest.raises(SlippageError, match="cached result changed or vanished"):
        write_batch(run.summaries, run.store.parts, tmp_path)
    assert not list(tmp_path.glob("*.csv")) and not list(tmp_path.glob(".*.tmp")), "nothing half-written"


def test_a_table_sink_keeps_the_first_chunks_types_and_leaves_nothing_when_not_committed(tmp_path: Path) -> None:
    first = to_frame("years", [{"exception_id": "a-001", "field": "reason", "text": "2018", "fiscal_year": None,
                                "date": None, "start": 0, "end": 4}])
    second = to_frame("years", [{"exception_id": "b-001", "field": "reason", "text": "2018/19",
                                 "fiscal_year": "2018/19", "date": "2018-04-01", "start": 3, "end": 10}])
    with TableSink(tmp_path, "years") as sink:
        sink.append(first)
        sink.append(to_frame("years", []))
        sink.append(second)
        sink.finish(to_frame("years", []))
        sink.commit()
    back = pd.read_parquet(tmp_path / "years.parquet")
    assert back["fiscal_year"].tolist()[1] == "2018/19" and len(back) == 2
    assert (tmp_path / "years.csv").read_text(encoding="utf-8-sig").splitlines()[0] == ",".join(first.columns)

    with TableSink(tmp_path, "amounts") as sink:
        sink.append(to_frame("amounts", []))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["years.csv", "years.parquet"]


def test_an_empty_batch_table_still_has_its_columns(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    assert main(["ingest", str(tmp_path / "in"), "--out", str(tmp_path / "out"), *FAST]) == 1
    amounts = pd.read_parquet(tmp_path / "out" / "amounts.parquet")
    assert amounts.empty and list(amounts.columns) == list(to_frame("amounts", []).columns)
    run = json.loads((tmp_path / "out" / "run.json").read_text())
    assert set(run["phases"]) == {"parse", "write"}


def test_a_result_sent_in_parts_joins_back_to_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(slippage.result, "ROWS_PER_PART", 2)
    monkeypatch.setattr(slippage.result, "HASHES_PER_PART", 50)
    result = in_exception_order(process_file(SAMPLES / "2018-19_project_exceptions.docx", "2018-19_project_exceptions.docx"))
    taken = process_file(SAMPLES / "2018-19_project_exceptions.docx", "2018-19_project_exceptions.docx")
    parts = [pickle.loads(pickle.dumps(part)) for part in taken.take_parts()]  # as a worker sends them
    assert not taken.exceptions and not taken.amounts and not len(taken.fingerprint), "the parts taken are let go"
    assert parts[0][0] == "head" and not parts[0][1].exceptions and not len(parts[0][1].fingerprint)
    assert all(len(value) <= (50 if name in ("words", "figures") else 2) for name, value in parts[1:])
    back = FileResult.from_parts(parts)
    for name in ("report", "stats", "transient", "exceptions", "amounts", "years", "entities", "tables"):
        assert getattr(back, name) == getattr(result, name), name
    assert (back.fingerprint.words == result.fingerprint.words).all() and len(back.fingerprint.words) > 50
    assert (back.fingerprint.figures == result.fingerprint.figures).all()
    with pytest.raises(ValueError, match="came before its head"):
        FileResult.from_parts(parts[1:])


def test_years_rows_from_cells_and_from_text_share_one_set_of_columns(tmp_path: Path) -> None:
    # A date column's years carry the column header as `context`; text years must carry the key
    # too, or a later chunk's extra column would not fit the header the first chunk wrote.
    from slippage.pipeline import process_file

    result = process_file(ROOT / "tests/data/corpus/docs/d6_issues_log_2021-22_pipe.txt", "d6.txt")
    cell = [r for r in result.years if r["field"] == "table"]
    text = [r for r in result.years if r["field"] != "table"]
    assert cell and text, "the issues log has a Target date column and years in its text"
    assert {frozenset(r) for r in result.years} == {frozenset(cell[0])}
    with TableSink(tmp_path, "years") as sink:
        sink.append(to_frame("years", text))
        sink.append(to_frame("years", cell))
        sink.finish(to_frame("years", []))
        sink.commit()
    back = pd.read_csv(tmp_path / "years.csv", encoding="utf-8-sig")
    assert len(back) == len(text) + len(cell) and back["context"].notna().sum() == len(cell)
    assert pd.read_parquet(tmp_path / "years.parquet")["context"].notna().sum() == len(cell)
