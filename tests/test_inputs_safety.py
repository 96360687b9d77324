"""What the folder walk meets and what copies count: real CLI processes on real files.

Every path met in a folder gets a `reports` row (types slippage does not read are
`skipped`, and do not fail the run); byte-identical copies are one report in every table
and view; names that are not UTF-8, links, pipes and the output folder itself are handled
without aborting the batch. Plain reasons for text in UTF-16/32 without a BOM, a corrupt
DOCX stream and OS errors.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from extract.decode import bomless_encoding, decode_text
from slippage.pipeline import process_file
from slippage.reasons import reason_for
from tests.conftest import DATA, ROOT, SAMPLES

TXT_2016 = SAMPLES / "2016-17_project_exceptions.txt"
TXT_2018 = SAMPLES / "2018-19_project_exceptions.txt"
DOCX_2018 = SAMPLES / "2018-19_project_exceptions.docx"


def ingest(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `slippage ingest ARGS --no-ner --no-review` in a new process and return what it did."""
    argv = [sys.executable, "-m", "slippage.cli", "ingest", *map(str, args), "--no-ner", "--no-review",
            "--workers", "1", "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(argv, cwd=cwd or ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)


def reports(out: Path) -> pd.DataFrame:
    """Given an output folder, return its reports table indexed by source_file."""
    return pd.read_parquet(out / "reports.parquet").set_index("source_file")


def jpeg(path: Path) -> None:
    """Write the start of a JPEG (its magic bytes and a JFIF header) at path."""
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + bytes(range(256)))


def xlsx(path: Path) -> None:
    """Write a minimal spreadsheet-shaped zip (an .xlsx) at path."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")


def test_a_folder_with_an_image_and_a_spreadsheet_exits_0_with_two_skipped_rows(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    shutil.copy(TXT_2016, folder)
    shutil.copy(TXT_2018, folder / "appendix-b.txt")
    jpeg(folder / "site-photo.jpg")
    xlsx(folder / "budget.xlsx")
    done = ingest(folder, "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    rows = reports(tmp_path / "out")
    skipped = rows[rows["status"] == "skipped"]
    assert sorted(skipped.index) == ["budget.xlsx", "site-photo.jpg"]
    assert skipped.loc["site-photo.jpg", "error"] == "site-photo.jpg: an image (.jpg), not a type slippage reads"
    assert skipped.loc["budget.xlsx", "error"] == "budget.xlsx: a spreadsheet (.xlsx), not a type slippage reads"
    assert (rows.drop(skipped.index)["status"] == "ok").all()


def test_files_of_unknown_suffix_are_sniffed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "2016-17_project_exceptions.pdf", folder / "appendix.pdf.bak")  # a PDF by its bytes
    shutil.copy(TXT_2018, folder / "README")  # text with no suffix
    shutil.copy(TXT_2018, folder / "export.csv")  # text under a suffix of another kind
    (folder / "blob.dat").write_bytes(b"\x00\x01\x02" + bytes(range(256)))
    done = ingest(folder, "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    rows = reports(tmp_path / "out")
    assert rows.loc["appendix.pdf.bak", "status"] == rows.loc["README", "status"] == "ok"
    assert rows.loc["appendix.pdf.bak", "source_format"] == "pdf"
    assert rows.loc["export.csv", "error"].startswith("export.csv: a .csv file of plain text, not a type slippage reads")
    assert rows.loc["blob.dat", "error"].startswith("blob.dat: a .dat file, not a type slippage reads (binary data")
    assert sorted(rows.index[rows["status"] == "skipped"]) == ["blob.dat", "export.csv"]


def test_a_file_of_an_unread_type_named_on_the_command_line_still_fails(tmp_path: Path) -> None:
    jpeg(tmp_path / "photo.jpg")
    done = ingest(tmp_path / "photo.jpg", TXT_2016, "--out", tmp_path / "out")
    assert done.returncode == 1
    row = reports(tmp_path / "out").loc[str(tmp_path / "photo.jpg")]
    assert row["status"] == "failed" and "binary data" in row["error"]


def _view_figures(out: Path) -> dict[str, object]:
    """Given an output folder, return what its views and totals say."""
    with duckdb.connect(str(out / "slippage.duckdb"), read_only=True) as con:
        def one(sql: str) -> object:
            return con.sql(sql).fetchall()

        return {
            "primary": one("SELECT COUNT(*) FROM primary_exceptions"),
            "money": one("SELECT report_period, kind, n_amounts, total_gbp FROM amounts_by_year ORDER BY ALL"),
            "timeline": one("SELECT project_key, report_period, n_exceptions, n_reports, slippage_gbp FROM timeline ORDER BY ALL"),
            "projects": one("SELECT project_key, n_reports, first_period FROM projects ORDER BY ALL"),
            "timeline_table": pd.read_parquet(out / "timeline.parquet")["n_exceptions"].sum(),
        }


@pytest.mark.parametrize("copy_name", ["zz-meeting-pack/appendix.docx", "0-first/appendix.docx"])
def test_a_byte_identical_copy_counts_once_in_every_table_and_view(tmp_path: Path, copy_name: str) -> None:
    alone, both = tmp_path / "alone", tmp_path / "both"
    for folder in (alone, both):
        folder.mkdir()
        shutil.copy(DOCX_2018, folder / "cabinet.docx")
        shutil.copy(TXT_2016, folder / "older.txt")
    (both / copy_name).parent.mkdir()
    shutil.copy(DOCX_2018, both / copy_name)
    assert ingest(alone, "--out", tmp_path / "out-alone").returncode == 0
    assert ingest(both, "--out", tmp_path / "out-both").returncode == 0
    assert _view_figures(tmp_path / "out-both") == _view_figures(tmp_path / "out-alone")

    rows = reports(tmp_path / "out-both")
    kept, copy = sorted(["cabinet.docx", copy_name])
    sha = hashlib.sha256(DOCX_2018.read_bytes()).hexdigest()
    assert rows.loc[kept, "report_id"] == sha[:16] == reports(tmp_path / "out-alone").loc["cabinet.docx", "report_id"]
    assert rows.loc[copy, "duplicate_of"] == sha[:16] and rows.loc[copy, "report_id"] != sha[:16]
    assert rows["report_id"].is_unique
    exceptions = pd.read_parquet(tmp_path / "out-both" / "exceptions.parquet")
    assert exceptions["exception_id"].is_unique
    assert (exceptions["report_id"] == rows.loc[copy, "report_id"]).sum() == rows.loc[copy, "n_exceptions"] > 0
    amounts = pd.read_parquet(tmp_path / "out-both" / "amounts.parquet")
    assert amounts["exception_id"].isin(exceptions["exception_id"]).all()


def test_names_that_are_not_utf8_are_recorded_escaped_and_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(TXT_2016, folder)
    shutil.copy(TXT_2018, os.fsencode(folder) + b"/r\xe9sum\xe9-2018.txt")  # Latin-1 bytes, not UTF-8
    shutil.copy(DOCX_2018, os.fsencode(folder) + b"/\xff\xfe.docx")
    done = ingest(folder, "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    rows = reports(tmp_path / "out")
    assert rows.loc["r\\xe9sum\\xe9-2018.txt", "status"] == "ok"
    assert rows.loc["\\xff\\xfe.docx", "status"] == "ok"
    assert (rows["status"] == "ok").all() and len(rows) == 3
    assert "r\\xe9sum\\xe9-2018.txt" in (tmp_path / "out" / "reports.csv").read_text(encoding="utf-8-sig")


def test_links_pipes_and_loops_each_get_a_row_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder, elsewhere = tmp_path / "in", tmp_path / "elsewhere"
    (folder / "sub").mkdir(parents=True)
    elsewhere.mkdir()
    shutil.copy(TXT_2016, folder / "sub" / "a.txt")
    shutil.copy(TXT_2018, elsewhere / "b.txt")
    (folder / "sub" / "back-up").symlink_to("..")  # a loop
    (folder / "linked").symlink_to(elsewhere)  # followed once
    (folder / "same-as-a.txt").symlink_to(folder / "sub" / "a.txt")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(folder / "queue.txt")
    done = ingest(folder, "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    rows = reports(tmp_path / "out")
    assert rows.loc["sub/a.txt", "status"] == rows.loc["linked/b.txt", "status"] == "ok"
    why = rows[rows["status"] == "skipped"]["error"].to_dict()
    assert why == {
        "gone.txt": f"gone.txt: a symbolic link to {tmp_path / 'nowhere.txt'}, which is not there",
        "queue.txt": "queue.txt: a named pipe, not a file to read",
        "same-as-a.txt": "same-as-a.txt: the same file as sub/a.txt, already listed",
        "sub/back-up": "sub/back-up: a link to a folder already read (.)",
    }


def test_the_output_folder_inside_an_input_folder_is_never_read(tmp_path: Path) -> None:
    shutil.copy(TXT_2016, tmp_path)
    out = tmp_path / "dataset"
    assert ingest(tmp_path, "--out", out).returncode == 0
    assert ingest(tmp_path, "--out", out).returncode == 0  # now holds CSVs, Parquet, DuckDB and the cache
    assert list(reports(out).index) == ["2016-17_project_exceptions.txt"]
    done = ingest(out, "--out", out)
    assert done.returncode == 2 and "this is the --out folder; its outputs are never read as input" in done.stderr
    assert list(reports(out).index) == ["2016-17_project_exceptions.txt"]


def test_include_and_exclude_globs_choose_files_in_folders(tmp_path: Path) -> None:
    (tmp_path / "in" / "drafts").mkdir(parents=True)
    shutil.copy(TXT_2016, tmp_path / "in" / "final.txt")
    shutil.copy(TXT_2018, tmp_path / "in" / "drafts" / "draft.txt")
    shutil.copy(DOCX_2018, tmp_path / "in" / "final.docx")
    jpeg(tmp_path / "in" / "logo.jpg")
    done = ingest(tmp_path / "in", "--out", tmp_path / "out", "--include", "*.txt", "--include", "*.docx",
                  "--exclude", "drafts/*")
    assert done.returncode == 0, done.stderr
    assert sorted(reports(tmp_path / "out").index) == ["final.docx", "final.txt"]


def test_source_path_is_as_reached_from_the_input_given_unless_absolute_paths(tmp_path: Path) -> None:
    (tmp_path / "archive" / "2018").mkdir(parents=True)
    shutil.copy(TXT_2018, tmp_path / "archive" / "2018" / "q3.txt")
    assert ingest("archive", "--out", "out", cwd=tmp_path).returncode == 0
    assert reports(tmp_path / "out").loc["2018/q3.txt", "source_path"] == "archive/2018/q3.txt"
    assert ingest("archive", "--out", "out", "--absolute-paths", cwd=tmp_path).returncode == 0
    assert reports(tmp_path / "out").loc["2018/q3.txt", "source_path"] == str(tmp_path / "archive" / "2018" / "q3.txt")


@pytest.mark.parametrize("source", [TXT_2018, DATA / "txt" / "markdown-pipe.txt"], ids=["sample", "markdown-pipe"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_text_without_a_bom_is_read(tmp_path: Path, source: Path, encoding: str) -> None:
    text = source.read_text(encoding="utf-8")
    path = tmp_path / "export.txt"
    path.write_bytes(text.encode(encoding))
    assert bomless_encoding(path.read_bytes()) == encoding
    assert decode_text(path.read_bytes(), path.name)[0] == decode_text(source.read_bytes(), source.name)[0]
    read, original = process_file(path, "export.txt"), process_file(source, "export.txt")
    assert read.status == original.status and len(read.exceptions) == len(original.exceptions)


def test_binary_data_with_nul_bytes_is_still_not_text() -> None:
    junk = bytes(range(256)) * 8
    assert bomless_encoding(junk) is None and bomless_encoding(b"\x00" + junk[::-1]) is None


def test_a_corrupt_deflate_stream_in_a_docx_is_a_damaged_docx(tmp_path: Path) -> None:
    data = bytearray(DOCX_2018.read_bytes())
    with zipfile.ZipFile(DOCX_2018) as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(200, 260):
        data[start + k] ^= 0x5A
    path = tmp_path / "report.docx"
    path.write_bytes(bytes(data))
    result = process_file(path, "report.docx")
    assert result.status == "failed"
    assert result.report["error"].startswith("report.docx: a damaged DOCX: a compressed part of it cannot be unpacked (")
    assert not result.transient


def test_os_errors_read_as_plain_words_and_count_as_transient() -> None:
    reason = reason_for(NotADirectoryError(20, "Not a directory"), "minutes.pdf", "pdf")
    assert reason.text == "minutes.pdf: cannot be read: a part of its path is a file, not a folder"
    assert reason.transient and "Errno" not in reason.text
