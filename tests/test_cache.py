"""The result cache: JSON entries that never run code, stamps that catch every change, failures by kind.

Real CLI processes on real files: a planted file does nothing, an in-place edit that keeps
size and mtime is caught by its ctime, a `chmod` after a permission failure is picked up,
limit failures are cached with their limits, and `--verify` and `--retry-failed` do what
they say.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from slippage.cache import ResultCache, cache_files, stamp_of
from slippage.entry import read_head
from slippage.options import DEFAULT_MAX_MEMORY_MIB, MIN_WORKER_MEMORY_MIB, default_max_memory_mib
from slippage.pipeline import process_file
from tests.conftest import DATA, ROOT, SAMPLES

TXT_2016 = SAMPLES / "2016-17_project_exceptions.txt"
TXT_2018 = SAMPLES / "2018-19_project_exceptions.txt"
# Drop the capabilities that let root read any file, so that a mode of 000 means "no".
NO_DAC = ["setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]


def ingest(*args: str | Path, prefix: list[str] | None = None,
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `slippage ingest ARGS --no-ner --no-review` in a new process and return what it did."""
    argv = [*(prefix or []), sys.executable, "-m", "slippage.cli", "ingest", *map(str, args),
            "--no-ner", "--no-review", "--workers", "1", "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)


def run_json(out: Path) -> dict[str, Any]:
    """Given an output folder, return its run.json."""
    data: dict[str, Any] = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return data


def parsed_cached(out: Path) -> tuple[int, int]:
    """Given an output folder, return (files parsed, files from cache) of its last run."""
    return run_json(out)["parsed"], run_json(out)["cached"]


def reports(out: Path) -> pd.DataFrame:
    """Given an output folder, return its reports table indexed by source_file."""
    return pd.read_parquet(out / "reports.parquet").set_index("source_file")


class Planted:
    """Unpickling this runs code: it would create the file it names."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.marker,))


def test_a_file_planted_in_the_cache_does_nothing(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    shutil.copy(TXT_2016, folder / "a.txt")
    shutil.copy(TXT_2018, folder / "b.txt")
    assert ingest(folder, "--out", out).returncode == 0
    entries = cache_files(out / ".cache")
    assert len(entries) == 2
    marker = tmp_path / "code-ran"
    payload = pickle.dumps(Planted(marker))
    for entry in entries:  # where entries live, under their names and the old pickle names
        entry.with_suffix(".pickle").write_bytes(payload)
    entries[0].write_bytes(payload)
    entries[1].write_text(json.dumps({"kind": "slippage-result", "result": {"$u64": "not base64!"}}))
    (out / ".cache" / ("0" * 32 + ".json")).write_bytes(payload)

    done = ingest(folder, "--out", out)
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
    assert parsed_cached(out) == (2, 0), "a malformed entry is a miss, and the file is read again"
    assert ingest(folder, "--out", out).returncode == 0 and parsed_cached(out) == (0, 2)


def test_an_edit_in_place_that_keeps_size_and_mtime_is_picked_up(tmp_path: Path) -> None:
    path, out = tmp_path / "appendix.txt", tmp_path / "out"
    text = TXT_2018.read_bytes()
    path.write_bytes(text)
    assert ingest(path, "--out", out).returncode == 0
    before = reports(out).iloc[0]
    st = path.stat()
    with path.open("r+b") as fh:  # same size: one figure changed in place
        at = text.index(b"2018/19")
        fh.seek(at)
        fh.write(b"2017/18")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    assert ingest(path, "--out", out).returncode == 0
    assert parsed_cached(out) == (1, 0)
    after = reports(out).iloc[0]
    assert after["sha256"] != before["sha256"]
    assert after["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_touched_file_with_the_same_bytes_is_served_from_the_cache(tmp_path: Path) -> None:
    path, out = tmp_path / "appendix.txt", tmp_path / "out"
    shutil.copy(TXT_2016, path)
    assert ingest(path, "--out", out).returncode == 0
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**10))
    assert ingest(path, "--out", out).returncode == 0 and parsed_cached(out) == (0, 1)
    with ResultCache(out / ".cache", "").entry_path(str(path)).open("rb") as fh:
        head = read_head(fh)
    assert head["stamp"]["mtime_ns"] == stamp_of(path).mtime_ns, "the entry takes the new stamp"
    assert ingest(path, "--out", out).returncode == 0 and parsed_cached(out) == (0, 1), "and is still whole"


def _can_lock_out(path: Path, prefix: list[str]) -> bool:
    """Given a file with mode 000, return whether a process started with prefix is refused it."""
    done = subprocess.run([*prefix, "cat", str(path)], capture_output=True, check=False)
    return done.returncode != 0


def test_a_chmod_after_a_permission_failure_is_picked_up(tmp_path: Path) -> None:
    prefix = NO_DAC if os.geteuid() == 0 and shutil.which("setpriv") else []
    path, out = tmp_path / "appendix.txt", tmp_path / "out"
    shutil.copy(TXT_2018, path)
    path.chmod(0)
    if not _can_lock_out(path, prefix):
        pytest.skip("this process can read a file of mode 000 (root without setpriv)")
    done = ingest(path, "--out", out, prefix=prefix)
    assert done.returncode == 1
    row = reports(out).iloc[0]
    assert row["status"] == "failed"
    assert row["error"] == "appendix.txt: cannot be read: permission denied (slippage may not read it; check its permissions)"
    assert cache_files(out / ".cache") == [], "a permission failure is not cached"
    path.chmod(0o644)  # mtime unchanged, ctime changed
    done = ingest(path, "--out", out, prefix=prefix)
    assert done.returncode == 0, done.stderr
    assert reports(out).iloc[0]["status"] == "ok" and parsed_cached(out) == (1, 0)


def test_a_missing_program_is_not_cached_and_the_file_is_read_once_it_is_there(tmp_path: Path) -> None:
    doc, out = tmp_path / "minutes.rtf", tmp_path / "out"
    shutil.copy(DATA / "office" / "docs" / "2016-17_project_exceptions.rtf", doc)
    done = ingest(doc, "--out", out, env={"SLIPPAGE_SOFFICE": "no-such-office-program"})
    assert done.returncode == 1
    row = reports(out).iloc[0]
    assert row["status"] == "failed" and "LibreOffice is needed to read this file" in row["error"]
    assert cache_files(out / ".cache") == [], "installing the program must be enough"
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice is not installed here")
    assert ingest(doc, "--out", out).returncode == 0
    assert reports(out).iloc[0]["status"] == "ok" and parsed_cached(out) == (1, 0)


def test_a_timeout_is_cached_with_its_limits_and_retried_when_they_change(tmp_path: Path) -> None:
    slow, out = tmp_path / "slow.pdf", tmp_path / "out"
    shutil.copy(DATA / "pdf" / "long-table.pdf", slow)  # ~8 s to parse
    assert ingest(slow, "--out", out, "--timeout", "0.1").returncode == 1
    assert reports(out).iloc[0]["error"] == "slow.pdf: timed out after 0.1 s"
    entry = json.loads(cache_files(out / ".cache")[0].read_text().splitlines()[0])  # the head line
    assert entry["limits"] == {"timeout": 0.1, "max_memory_mib": default_max_memory_mib(1)}
    assert ingest(slow, "--out", out, "--timeout", "0.1").returncode == 1
    assert parsed_cached(out) == (0, 1), "the same limits give the same failure"
    assert ingest(slow, "--out", out, "--timeout", "0.2").returncode == 1
    assert parsed_cached(out) == (1, 0), "a new limit is tried"
    assert ingest(slow, "--out", out, "--timeout", "0.2", "--retry-failed").returncode == 1
    assert parsed_cached(out) == (1, 0)


def test_retry_failed_reads_a_broken_file_again_and_verify_rehashes(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    shutil.copy(TXT_2016, folder / "good.txt")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    assert ingest(folder, "--out", out).returncode == 1
    assert ingest(folder, "--out", out).returncode == 1 and parsed_cached(out) == (0, 2)
    assert ingest(folder, "--out", out, "--retry-failed").returncode == 1 and parsed_cached(out) == (1, 1)

    # An entry whose recorded sha256 no longer matches the bytes: trusted by its stamp, caught by --verify.
    cache = ResultCache(out / ".cache", "")
    entry_path = cache.entry_path("good.txt")
    head, *parts = entry_path.read_text().splitlines()
    entry = json.loads(head)
    entry["sha256"] = entry["report"]["sha256"] = "0" * 64
    entry_path.write_text("\n".join([json.dumps(entry), *parts]) + "\n")
    assert ingest(folder, "--out", out).returncode == 1 and parsed_cached(out) == (0, 2)
    assert ingest(folder, "--out", out, "--verify").returncode == 1 and parsed_cached(out) == (1, 1)


def test_an_entry_round_trips_every_value_exactly(tmp_path: Path) -> None:
    result = process_file(SAMPLES / "2018-19_project_exceptions.docx", "r.docx")
    cache = ResultCache(tmp_path, "opts")
    path = SAMPLES / "2018-19_project_exceptions.docx"
    assert cache.put("r.docx", stamp_of(path), result)
    back = cache.get("r.docx", path, stamp_of(path))
    assert back is not None
    for name in ("report", "exceptions", "amounts", "years", "entities", "tables", "stats"):
        assert getattr(back, name) == getattr(result, name), name
    assert (back.fingerprint.words == result.fingerprint.words).all()
    assert back.fingerprint.figures.dtype == result.fingerprint.figures.dtype
    assert {type(a["value_gbp"]).__name__ for a in back.amounts} == {"Decimal"}


def test_the_default_memory_limit_shares_the_machine_among_the_workers() -> None:
    ram_mib = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // (1 << 20)
    limits = [default_max_memory_mib(n) for n in (1, 2, 4, 16, 256)]
    assert limits == sorted(limits, reverse=True)
    assert all(MIN_WORKER_MEMORY_MIB <= limit <= DEFAULT_MAX_MEMORY_MIB for limit in limits)
    assert default_max_memory_mib(256) == max(MIN_WORKER_MEMORY_MIB, min(DEFAULT_MAX_MEMORY_MIB, ram_mib * 3 // 4 // 256))


def test_a_result_json_cannot_hold_is_not_cached_and_does_not_stop_the_run(tmp_path: Path) -> None:
    path = SAMPLES / "2016-17_project_exceptions.txt"
    result = process_file(path, "r.txt")
    result.exceptions[0]["extra"] = object()  # no JSON form
    cache = ResultCache(tmp_path, "opts")
    assert not cache.put("r.txt", stamp_of(path), result)
    assert cache.get("r.txt", path, stamp_of(path)) is None and cache_files(tmp_path) == []
