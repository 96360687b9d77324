"""Legacy word-processor files (.doc, .rtf, .odt) read through LibreOffice.

The fixtures in tests/data/office are LibreOffice copies of DOCX reports (the samples in
all three formats, the corpus and our own layouts one format each; see make_office.py).
Each copy must score within 0.03 of its DOCX original on every score.py column, and the
samples' copies must meet the issue's bar. Converter failures are tried with stand-in
programs: missing, hung, and fed a damaged file.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest

from extract.errors import ExtractWarning, MissingTool, UnreadableFile, UnsupportedFormat
from extract.read import read_document
from extract.settings import ExtractSettings
from extract.word.office import SOFFICE_ENV
from tests.conftest import DATA, ROOT, SAMPLES, ingest, process_running, read_tables
from tests.scoring import FileScore, load_golds, score_tables

OFFICE = DATA / "office" / "docs"
COPIES = sorted(p.name for p in OFFICE.iterdir())
ORIGINALS = {p.stem: p for folder in (SAMPLES, DATA / "corpus" / "docs", DATA / "layouts" / "docs") for p in folder.glob("*.docx")}
GOLD_DIRS = (ROOT / "tests" / "gold", DATA / "corpus" / "gold", DATA / "layouts" / "gold")
COLUMNS = ("rows", "name", "programme", "reason", "mitigation", "text", "amounts", "kind", "fy", "years")

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")


@pytest.fixture(scope="session")
def office_tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    """Ingest every copy and its DOCX original once (two workers, so two LibreOffice profiles at once)."""
    out = tmp_path_factory.mktemp("office_out")
    originals = sorted({ORIGINALS[Path(c).stem] for c in COPIES})
    assert ingest(out, [OFFICE, *originals], "--no-ner", "--workers", "2") == 0
    return read_tables(out)


@pytest.fixture(scope="session")
def office_scores(office_tables: dict[str, pd.DataFrame]) -> dict[str, FileScore]:
    """Every ingested file scored against its gold, by file name."""
    golds = {stem: g for d in GOLD_DIRS for stem, g in load_golds(d).items()}
    return {Path(src).name: s for src, s in score_tables(office_tables, golds).items()}


@pytest.mark.parametrize("copy", COPIES)
def test_a_copy_scores_within_003_of_its_docx_original(copy: str, office_scores: dict[str, FileScore]) -> None:
    original = ORIGINALS[Path(copy).stem].name
    gaps = {c: round(office_scores[original].metric(c) - office_scores[copy].metric(c), 3) for c in COLUMNS}
    assert all(gap <= 0.03 for gap in gaps.values()), gaps


@pytest.mark.parametrize("copy", [c for c in COPIES if Path(c).stem in {p.stem for p in SAMPLES.glob("*.docx")}])
def test_the_samples_copies_meet_the_bar(copy: str, office_scores: dict[str, FileScore]) -> None:
    score = office_scores[copy]
    assert (score.rows, score.reason >= 0.97, score.mitigation >= 0.95) == (1.0, True, True), score


def test_reports_say_the_real_format_and_that_libreoffice_read_it(office_tables: dict[str, pd.DataFrame]) -> None:
    reports = office_tables["reports"].assign(name=lambda r: r["source_file"].map(lambda s: Path(s).name)).set_index("name")
    copies = reports.loc[COPIES]
    assert (copies["source_format"] == [Path(c).suffix[1:] for c in COPIES]).all()
    assert set(copies["read_via"]) == {"libreoffice"}
    assert reports.loc[[n for n in reports.index if n.endswith(".docx")], "read_via"].isna().all()


def test_a_doc_named_txt_is_sniffed_and_read_as_doc(tmp_path: Path) -> None:
    renamed = tmp_path / "appendix.txt"
    shutil.copyfile(OFFICE / "2016-17_project_exceptions.doc", renamed)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = read_document(renamed)
    assert (doc.origin.format, doc.read_via, len(doc.tables)) == ("doc", "libreoffice", 1)
    assert any(isinstance(w.message, ExtractWarning) and "content is doc" in str(w.message) for w in caught)


def test_an_old_excel_file_is_refused_as_a_spreadsheet(tmp_path: Path) -> None:
    xls = tmp_path / "budget.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "Workbook\0".encode("utf-16-le") + bytes(500))
    with pytest.raises(UnsupportedFormat, match="a legacy Office file that is a spreadsheet, not a Word document"):
        read_document(xls)


def test_a_damaged_doc_fails_with_libreoffices_reason(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.doc"
    damaged.write_bytes((OFFICE / "2016-17_project_exceptions.doc").read_bytes()[:20000])
    with pytest.raises(UnreadableFile, match=r"^damaged.doc: LibreOffice could not convert this DOC file; it may be damaged"):
        read_document(damaged)


def test_a_missing_libreoffice_names_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SOFFICE_ENV, str(tmp_path / "no-such-soffice"))
    with pytest.raises(MissingTool, match=r"^2016-17_project_exceptions.rtf: LibreOffice is needed.*apt-get install libreoffice-writer-nogui"):
        read_document(OFFICE / "2016-17_project_exceptions.rtf")


def test_without_libreoffice_a_batch_fails_only_the_legacy_files(tmp_path: Path) -> None:
    # A fresh process: this session's worker server was started with the real environment.
    env = {**os.environ, SOFFICE_ENV: str(tmp_path / "no-such-soffice")}
    inputs = [str(OFFICE / "2016-17_project_exceptions.odt"), str(SAMPLES / "2016-17_project_exceptions.docx")]
    command = [sys.executable, "-c", "from slippage.cli import run; run()", "ingest", *inputs, "--out", str(tmp_path / "out"), "--no-ner", "--quiet"]
    assert subprocess.run(command, env=env, cwd=ROOT, capture_output=True, timeout=300).returncode == 1
    reports = read_tables(tmp_path / "out")["reports"].set_index("source_format")
    assert reports.loc["odt", "status"] == "failed" and "LibreOffice is needed" in reports.loc["odt", "error"]
    assert reports.loc["docx", "status"] == "ok"


def _hanging_soffice(folder: Path) -> tuple[Path, Path]:
    """Given a folder, write a stand-in soffice that starts a child and never finishes; return it and its pid file."""
    pid_file = folder / "child.pid"
    program = folder / "soffice"
    program.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {pid_file}\nwait\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program, pid_file


def test_a_hung_converter_is_killed_with_its_children_and_the_file_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program, pid_file = _hanging_soffice(tmp_path)
    monkeypatch.setenv(SOFFICE_ENV, str(program))
    started = time.monotonic()
    with pytest.raises(UnreadableFile, match=r"LibreOffice did not finish converting the file within 1 s and was stopped"):
        read_document(OFFICE / "2018-19_project_exceptions.doc", settings=ExtractSettings(convert_timeout=1))
    assert time.monotonic() - started < 30
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while process_running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not process_running(child), "the converter's child process outlived the timeout"


def test_each_worker_process_converts_in_its_own_profile() -> None:
    from extract.word.office import profile_folder

    assert str(os.getpid()) in profile_folder().name
