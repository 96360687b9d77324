"""A file's result travels through the batch process as parts, never joined (issue 12, bounded memory).

Real results of real files: the cache entry is written a part at a time as parts arrive
and read back a part at a time; a truncated or damaged entry is a miss and the file is read
again; a result the cache does not keep goes to a spool file once it is big; and a report
of more than a thousand exceptions is written in slices with the very bytes one chunk
gives (its mention rows merged back into the tables' order: "-1000" sorts before "-101").
"""

from __future__ import annotations

import copy
import json
import pickle
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import slippage.batch
import slippage.big_report
import slippage.spool
from slippage.batch import write_results
from slippage.cache import ResultCache, cache_files, stamp_of
from slippage.inputs import InputFile
from slippage.pipeline import FileResult, process_file
from slippage.result import ROWS_PER_PART, in_exception_order
from slippage.spool import Receiver
from slippage.store import ResultStore
from tests.conftest import SAMPLES

TXT_2018 = SAMPLES / "2018-19_project_exceptions.txt"
BIG_COPIES = 95  # 11 exceptions a copy: 1,045 exceptions, over WHOLE_REPORT_MAX, ids past "-999"


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A text export of the 2018/19 sample repeated: one report of over a thousand exceptions (1.2 MB)."""
    path = tmp_path_factory.mktemp("big") / "big.txt"
    path.write_bytes(TXT_2018.read_bytes() * BIG_COPIES)
    return path


@pytest.fixture(scope="module")
def big_result(big: Path) -> FileResult:
    """The big export's result (rules only), its mention rows in the order a worker sends them."""
    return in_exception_order(process_file(big, "big.txt"))


def read_input(path: Path) -> InputFile:
    """Given a path, return it as an input of a batch."""
    return InputFile(path, path.name, str(path))


def tables_of(out: Path) -> dict[str, bytes]:
    """Given an output folder, return {file name: bytes} of every CSV."""
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))}


def same_result(back: FileResult, result: FileResult) -> None:
    """Given a result read back and the one stored, assert that every row and hash came back exactly."""
    for name in ("report", "stats", "exceptions", "amounts", "years", "entities", "tables"):
        assert getattr(back, name) == getattr(result, name), name
    assert (back.fingerprint.words == result.fingerprint.words).all()
    assert (back.fingerprint.figures == result.fingerprint.figures).all()


def test_a_big_result_is_cached_a_part_a_line_and_read_back_exactly(big: Path, big_result: FileResult,
                                                                     tmp_path: Path) -> None:
    assert len(big_result.exceptions) > 5 * ROWS_PER_PART
    cache = ResultCache(tmp_path, "opts")
    assert cache.put("big.txt", stamp_of(big), big_result)
    lines = cache.entry_path("big.txt").read_bytes().splitlines()
    assert json.loads(lines[0])["report"]["n_exceptions"] == len(big_result.exceptions)
    assert sum(line.startswith(b'["exceptions",') for line in lines) == -(-len(big_result.exceptions) // ROWS_PER_PART)
    assert json.loads(lines[-1]) == {"end": len(lines) - 2}
    back = cache.get("big.txt", big, stamp_of(big))
    assert back is not None
    same_result(back, big_result)
    summary = cache.summary("big.txt", big, stamp_of(big))
    assert summary is not None and [n.exception_id for n in summary.names] == [r["exception_id"] for r in big_result.exceptions]
    assert {type(a["value_gbp"]).__name__ for a in back.amounts if a["value_gbp"] is not None} == {"Decimal"}


@pytest.mark.parametrize("damage", ["truncated", "no end line", "garbage line", "pickle line", "part of no result"])
def test_a_damaged_entry_is_a_miss_and_the_file_is_read_again(damage: str, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(TXT_2018.read_bytes() * 30)  # several parts of each kind
    cache = ResultCache(tmp_path / ".cache", "opts")
    assert cache.put("a.txt", stamp_of(path), process_file(path, "a.txt"))
    entry = cache.entry_path("a.txt")
    lines = entry.read_bytes().splitlines(keepends=True)
    assert cache.summary("a.txt", path, stamp_of(path)) is not None
    broken = {
        "truncated": b"".join(lines)[: len(b"".join(lines)) // 2],
        "no end line": b"".join(lines[:-1]),
        "garbage line": b"".join([*lines[:3], b'["amounts", [{"oops"\n', *lines[4:]]),
        "pickle line": b"".join([*lines[:3], pickle.dumps(ValueError("x")) + b"\n", *lines[4:]]),
        "part of no result": b"".join([*lines[:3], b'["__reduce__", [{}]]\n', *lines[3:-1], b'{"end": %d}\n' % (len(lines) - 1)]),
    }[damage]
    entry.write_bytes(broken)
    assert cache.summary("a.txt", path, stamp_of(path)) is None
    assert cache.get("a.txt", path, stamp_of(path)) is None


def test_parts_go_into_the_cache_entry_as_they_arrive(big: Path, big_result: FileResult, tmp_path: Path) -> None:
    store = ResultStore(ResultCache(tmp_path / ".cache", "opts"))
    sink = Receiver(store, [read_input(big)], [stamp_of(big)], 1024).sink(0)
    parts = list(copy.deepcopy(big_result).take_parts())
    assert len(parts) > 30
    for part in parts[:20]:
        sink.add(part)
    assert sink.writer is not None and not sink.held, "nothing is held: every part is in the entry's temp file"
    assert sink.writer.parts == 19
    assert len(sink.writer.temp.read_bytes().splitlines()) > 10, "on disk as they came (but a buffer's worth)"
    assert not cache_files(tmp_path / ".cache"), "the entry is put in place only once the last part is in"
    for part in parts[20:]:
        sink.add(part)
    streamed = sink.finish()
    assert streamed.in_cache and streamed.rows.cached == "big.txt" and len(cache_files(tmp_path / ".cache")) == 1
    assert len(streamed.summary.names) == len(big_result.exceptions)
    store.add_streamed(0, streamed)
    back = store.load(0)
    same_result(back, replace(big_result, report=streamed.summary.report, stats={}))  # a summary keeps no NER stats


def test_a_dropped_result_leaves_no_entry_and_a_big_uncached_one_is_spooled_then_removed(
        big: Path, big_result: FileResult, tmp_path: Path) -> None:
    store = ResultStore(ResultCache(tmp_path / ".cache", "opts"))
    sink = Receiver(store, [read_input(big)], [stamp_of(big)], 1024).sink(0)
    for part in list(copy.deepcopy(big_result).take_parts())[:10]:
        sink.add(part)
    sink.discard()  # the worker died half way
    assert not list((tmp_path / ".cache").iterdir()), "no entry and no temp file"

    spool_parent = tmp_path / "out"
    spool_parent.mkdir()
    store = ResultStore(None, spool_parent)  # no cache
    streamed = Receiver(store, [read_input(big)], [stamp_of(big)], 1024).whole(0, copy.deepcopy(big_result), cacheable=True)
    assert streamed.rows.path is not None and streamed.rows.path.parent.parent == spool_parent and not streamed.rows.held
    store.add_streamed(0, streamed)
    assert sum(len(v) for _, v in store.parts(0, frozenset({"exceptions"}))) == len(streamed.summary.names)
    assert sum(len(v) for n, v in store.parts(0) if n not in ("words", "figures")) > slippage.spool.SPOOL_AFTER_ROWS
    store.close()
    assert not list(spool_parent.iterdir()), "the spool folder goes with the run"

    small = Receiver(ResultStore(None, spool_parent), [read_input(TXT_2018)], [stamp_of(TXT_2018)], 1024)
    held = small.whole(0, process_file(TXT_2018, "s.txt"), cacheable=True)
    assert held.rows.held and not list(spool_parent.iterdir()), "a small result is held, not spooled"


def test_a_big_report_is_written_in_slices_with_the_bytes_of_one_chunk(
        big_result: FileResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    results = [copy.deepcopy(big_result), process_file(TXT_2018, "2018-19.txt")]
    assert len(results[0].exceptions) > slippage.big_report.WHOLE_REPORT_MAX
    with monkeypatch.context() as mp:  # as before this change: the big report's rows in one chunk
        mp.setattr(slippage.batch, "WHOLE_REPORT_MAX", 10**9)
        write_results(results, tmp_path / "whole")
    sizes: dict[str, int] = {}
    real = slippage.batch.to_frame

    def counted(name: str, rows: Any) -> pd.DataFrame:
        rows = list(rows)
        sizes[name] = max(sizes.get(name, 0), len(rows))
        return real(name, rows)

    monkeypatch.setattr(slippage.batch, "to_frame", counted)
    monkeypatch.setattr(slippage.big_report, "MERGED_FRAME_ROWS", 300)
    write_results(results, tmp_path / "sliced")
    assert tables_of(tmp_path / "sliced") == tables_of(tmp_path / "whole")
    for name in ("exceptions", "amounts", "years", "timeline"):
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "sliced" / f"{name}.parquet"),
                                      pd.read_parquet(tmp_path / "whole" / f"{name}.parquet"))
    amounts = pd.read_parquet(tmp_path / "sliced" / "amounts.parquet")["exception_id"].drop_duplicates().tolist()
    assert amounts == sorted(amounts) and any(len(e.rsplit("-", 1)[1]) == 4 for e in amounts), "text order, past the thousandth"
    assert sizes["exceptions"] == slippage.big_report.SLICE_EXCEPTIONS < len(results[0].exceptions)
    assert sizes["amounts"] <= 300 + 20 < len(pd.read_parquet(tmp_path / "whole" / "amounts.parquet")) // 5
    assert not [p for p in (tmp_path / "sliced").iterdir() if p.name.startswith(".")], "the sorted runs are removed"
