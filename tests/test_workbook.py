"""slippage.xlsx: one typed sheet per table that opens in openpyxl and equals the table's CSV."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

from export.workbook import sheet_names, write_workbook
from export.writers import neutralise

TABLES = ("reports", "exceptions", "amounts", "years", "entities", "projects", "tables", "timeline", "changes",
          "applied_corrections")


def _sheet_rows(book: Any, names: list[str]) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Given an open workbook and a table's sheet names, return the header and every data row."""
    header: list[str] = []
    rows: list[tuple[Any, ...]] = []
    for name in names:
        sheet = book[name]
        values = list(sheet.iter_rows(values_only=True))
        assert header in ([], list(values[0])), f"{name}: header differs from the first sheet's"
        header = list(values[0])
        rows += [tuple(r) + (None,) * (len(header) - len(r)) for r in values[1:]]  # read-only trims empty cells
    return header, rows


def _same(cell: Any, written: str) -> bool:
    """Given a sheet cell and the CSV's text for it, return whether they are the same value."""
    if cell is None:
        return written == ""
    if isinstance(cell, bool):
        return str(cell) == written
    if isinstance(cell, (int, float)):
        return written != "" and float(written) == float(cell)
    return bool(cell == written or neutralise(cell) == written)  # the CSV's leading ' before a formula


def assert_sheets_equal_csvs(workbook: Path, folder: Path, tables: tuple[str, ...], max_rows: int = 1_048_576) -> None:
    """Given a workbook and the folder of its CSVs, assert each table's sheet(s) hold exactly its CSV."""
    book = openpyxl.load_workbook(workbook, read_only=True)
    for name in tables:
        csv = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
        header, rows = _sheet_rows(book, sheet_names(name, len(csv), max_rows))
        assert header == list(csv.columns), name
        assert len(rows) == len(csv), name
        for i, (row, written) in enumerate(zip(rows, csv.itertuples(index=False), strict=True)):
            bad = [(c, v, w) for c, v, w in zip(header, row, written, strict=True) if not _same(v, w)]
            assert not bad, f"{name} row {i + 2}: {bad[:3]}"


def test_the_workbook_of_the_samples_equals_their_csvs(sample_out: Path) -> None:
    path = sample_out / "slippage.xlsx"  # as the ingest wrote it
    assert_sheets_equal_csvs(path, sample_out, TABLES)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == list(TABLES)
    amounts = book["amounts"]
    assert amounts.freeze_panes == "A2" and amounts.auto_filter.ref == f"A1:{amounts.cell(1, amounts.max_column).column_letter}{amounts.max_row}"
    value = next(c for c in amounts[1] if c.value == "value_gbp").column
    assert {type(amounts.cell(r, value).value) for r in range(2, amounts.max_row + 1)} <= {int, float}
    assert amounts.cell(2, value).number_format == "#,##0.00" and amounts.cell(1, value).font.bold


def test_a_table_longer_than_a_sheet_goes_on_over_more_sheets(sample_out: Path, tmp_path: Path) -> None:
    n = len(pd.read_parquet(sample_out / "amounts.parquet"))
    path = write_workbook({"amounts": sample_out / "amounts.parquet", "reports": sample_out / "reports.parquet"},
                          tmp_path, max_rows=41)
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == [*sheet_names("amounts", n, 41), "reports"] and len(book.sheetnames) == 1 + -(-n // 40)
    assert_sheets_equal_csvs(path, sample_out, ("amounts", "reports"), max_rows=41)


def test_text_stays_text_and_types_follow_the_columns(tmp_path: Path) -> None:
    frame = pd.DataFrame({
        "note": ['=HYPERLINK("http://evil.example","x")', "bell\x07 rung", None, "x" * 40_000],
        "value_gbp": pd.array([1250.5, None, -3.0, 0.0], dtype="Float64"),
        "n_reports": pd.array([1, None, 3, 4], dtype="Int64"),
        "accepted": [True, False, None, True],
    })
    book = openpyxl.load_workbook(write_workbook({"odd": frame}, tmp_path))
    rows = list(book["odd"].iter_rows(min_row=2))
    assert [(c.value, c.data_type) for c in rows[0]] == [
        ('=HYPERLINK("http://evil.example","x")', "s"), (1250.5, "n"), (1, "n"), (True, "b")]
    assert [c.value for c in rows[1]] == ["bell rung", None, None, False]
    assert [c.value for c in rows[2]] == [None, -3, 3, None]
    assert len(rows[3][0].value) == 32_767 and rows[3][0].value.endswith("…")


@pytest.mark.parametrize(("n_rows", "sheets"), [(0, 1), (1_048_575, 1), (1_048_576, 2), (3_000_000, 3)])
def test_sheets_needed_for_excels_row_limit(n_rows: int, sheets: int) -> None:
    assert len(sheet_names("amounts", n_rows)) == sheets


def test_the_same_tables_give_the_same_bytes(sample_out: Path, tmp_path: Path) -> None:
    tables = {name: sample_out / f"{name}.parquet" for name in ("reports", "amounts")}
    first = write_workbook(tables, tmp_path).read_bytes()
    time.sleep(2.1)  # past the zip format's two-second clock, had the parts been stamped with it
    assert write_workbook(tables, tmp_path).read_bytes() == first
    assert [p.name for p in tmp_path.iterdir()] == ["slippage.xlsx"]  # no temp file left
