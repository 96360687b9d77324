"""The CLI: bad files become failed report rows with a reason; the batch goes on; exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from slippage.cli import main
from tests.conftest import DATA, SAMPLES

BAD_FILES = {
    "empty.pdf": (b"", r"the file is empty \(0 bytes\)"),
    "corrupt.pdf": (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ngarbage", r"not a readable PDF"),
    "not-a-zip.docx": (b"Just a note someone saved with the wrong name.\n", r"not a readable DOCX"),
    "binary.txt": (bytes(range(256)) * 8, r"not PDF, Word, ODT, RTF, HTML or text|not a text file"),
    "archive.docx": (b"PK\x03\x04" + b"\x00" * 60, r"damaged zip|not a readable DOCX"),
}


@pytest.fixture
def bad_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (data, _) in BAD_FILES.items():
        (folder / name).write_bytes(data)
    shutil.copy(SAMPLES / "2018-19_project_exceptions.docx", folder / "good.docx")
    return folder


def test_bad_files_fail_with_reasons_and_the_good_one_survives(bad_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["ingest", str(bad_folder), "--out", str(out), "--quiet", "--no-ner"]) == 1
    reports = pd.read_csv(out / "reports.csv").set_index("source_file")
    assert sorted(reports.index) == sorted([*BAD_FILES, "good.docx"])
    for name, (_, reason) in BAD_FILES.items():
        assert reports.loc[name, "status"] == "failed"
        assert pd.Series([reports.loc[name, "error"]]).str.contains(reason).all(), reports.loc[name, "error"]
        assert reports.loc[name, "n_exceptions"] == 0
    assert reports.loc["good.docx", "status"] == "ok"
    exceptions = pd.read_csv(out / "exceptions.csv")
    assert set(exceptions["source_file"]) == {"good.docx"} and len(exceptions) == 11


def test_fail_fast_stops_at_the_first_bad_file_and_keeps_earlier_ones(
        bad_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["ingest", str(bad_folder), "--out", str(out), "--fail-fast", "--quiet", "--no-ner"]) == 1
    assert "failed: archive.docx: " in capsys.readouterr().err
    reports = pd.read_csv(out / "reports.csv")
    # Files are taken in name order: archive.docx is first and fails, so nothing after it is read.
    assert reports["source_file"].tolist() == ["archive.docx"]


def test_continue_mode_reads_past_the_same_failure(bad_folder: Path, tmp_path: Path) -> None:
    assert main(["ingest", str(bad_folder), "--out", str(tmp_path / "o"), "--quiet", "--no-ner"]) == 1
    assert len(pd.read_csv(tmp_path / "o" / "reports.csv")) == len(BAD_FILES) + 1


def test_all_good_exits_zero_and_names_files_as_given(tmp_path: Path) -> None:
    sample = SAMPLES / "2016-17_project_exceptions.txt"
    assert main(["ingest", str(sample), "--out", str(tmp_path), "--quiet", "--no-ner"]) == 0
    reports = pd.read_csv(tmp_path / "reports.csv")
    assert reports["source_file"].tolist() == [str(sample)]


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    assert main(["ingest", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 2
    assert main(["ingest"]) == 2
    assert main(["frobnicate"]) == 2


def test_help_explains_itself(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    text = capsys.readouterr().out
    assert "ingest" in text and "exit codes" in text


def test_prose_without_tables_is_no_exceptions(tmp_path: Path) -> None:
    note = tmp_path / "minutes.txt"
    note.write_text("Minutes of the meeting\n\nApologies were received from two members.\n", encoding="utf-8")
    assert main(["ingest", str(note), "--out", str(tmp_path / "o"), "--quiet", "--no-ner"]) == 0
    report = pd.read_csv(tmp_path / "o" / "reports.csv").iloc[0]
    assert report["status"] == "no_exceptions" and report["error"] == "no table and no labelled exception paragraphs found"


def test_tables_seen_but_not_exceptions_say_why(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.txt"
    glossary.write_text(
        "Glossary of terms\n\nTerm\tMeaning\nMTFS\tThe medium term financial strategy of the council.\n"
        "HRA\tThe housing revenue account, a ring-fenced account for council housing.\n"
        "DSG\tThe dedicated schools grant paid by the Department for Education.\n", encoding="utf-8")
    assert main(["ingest", str(glossary), "--out", str(tmp_path / "o"), "--quiet", "--no-ner"]) == 0
    report = pd.read_csv(tmp_path / "o" / "reports.csv").iloc[0]
    assert report["status"] == "no_exceptions" and report["error"].startswith("1 table seen, none read as exceptions: table 1:")
    table = pd.read_csv(tmp_path / "o" / "tables.csv").iloc[0]
    assert not table["accepted"] and table["header"] == "Term | Meaning" and table["n_rows"] == 4


def test_wrong_extension_is_sniffed_and_warned(tmp_path: Path) -> None:
    misnamed = tmp_path / "really-a-docx.pdf"
    shutil.copy(SAMPLES / "2016-17_project_exceptions.docx", misnamed)
    assert main(["ingest", str(misnamed), "--out", str(tmp_path / "o"), "--quiet", "--no-ner"]) == 0
    report = pd.read_csv(tmp_path / "o" / "reports.csv").iloc[0]
    assert report["source_format"] == "docx" and report["n_exceptions"] == 8
    assert "named .pdf but its content is docx" in report["warnings"]


def test_fixture_layouts_end_to_end(tmp_path: Path) -> None:
    folder = DATA / "txt"
    assert main(["ingest", str(folder / "tab-scheme-issue-rag.txt"), "--out", str(tmp_path), "--quiet", "--no-ner"]) == 0
    exc = pd.read_csv(tmp_path / "exceptions.csv")
    assert exc["project"].tolist() == ["Resurfacing A60", "Pothole Blitz", "Gully Cleaning", "Bus Shelter Renewal"]
    assert exc["status"].tolist() == ["amber", "green", "red", "green"]
    assert exc["programme"].tolist() == ["Roads Maintenance"] * 3 + ["Public Transport"]


def test_the_cli_preloads_in_the_fork_server_what_the_engine_preloads() -> None:
    from slippage import cli, engines

    assert cli.WORKER_PRELOAD == engines.PRELOAD
