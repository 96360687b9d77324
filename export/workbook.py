"""The dataset as one Excel workbook, `slippage.xlsx`: one sheet per table, for analysts who live in Excel.

Each sheet has the table's columns in contract order, a bold frozen header row and an
autofilter over its columns. Cells are typed as the Parquet column is: numbers as
numbers (money with a thousands separator), booleans as TRUE/FALSE, missing values
as empty cells, text as text. Text is stored as a string cell, never a formula, so a
council document's "=HYPERLINK(...)" shows as written (the CSV needs a leading `'` for
that; the workbook does not).

Excel's limits, handled and said so rather than left to Excel's "repair" dialog:
- a sheet holds 1,048,576 rows: a longer table goes on over sheets `amounts`,
  `amounts (2)`, ..., each with the header;
- a cell holds 32,767 characters: longer text is cut there and ends in "…";
- characters XML 1.0 forbids (control codes from damaged documents) are dropped.

Written with openpyxl's write-only mode and each Parquet file read in record batches,
so memory stays flat whatever the table's size.
"""

from __future__ import annotations

import datetime
import math
import shutil
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, TypeAlias

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.xml.constants import ARC_CORE
from openpyxl.xml.functions import tostring

from export.writers import atomic_write

WORKBOOK_NAME = "slippage.xlsx"
# Sheet order: the contract's tables, then the derived ones; any other table after, by name.
SHEET_ORDER = ("reports", "exceptions", "amounts", "years", "entities", "projects", "tables", "timeline", "changes",
               "applied_corrections")
EXCEL_MAX_ROWS = 1_048_576  # header included
EXCEL_MAX_CELL = 32_767
MONEY_FORMAT = "#,##0.00"
# Rows turned into Python values at a time: 10,000 exceptions took ~90 MiB as values, the batch
# process's peak when it wrote an 8 MB export; 2,000 bound it at a fifth of that (bench/results.md).
BATCH_ROWS = 2_000
HEADER_FONT = Font(bold=True)
# Stamped on the workbook's properties and on every part of its zip, so the same tables give
# the same bytes on every run (H11), as the CSV and Parquet files do.
FIXED_TIME = datetime.datetime(2000, 1, 1)

Source: TypeAlias = pd.DataFrame | Path


def write_workbook(tables: Mapping[str, Source], out_dir: Path, *, max_rows: int = EXCEL_MAX_ROWS) -> Path:
    """Write OUT_DIR/slippage.xlsx atomically: one sheet per table (more when one overflows a sheet).

    Args:
        tables: table name -> its frame, or its Parquet file (read in batches).
        out_dir: the output folder.
        max_rows: rows per sheet, header included (Excel's limit; smaller in tests).

    Returns:
        The workbook's path.
    """
    path = out_dir / WORKBOOK_NAME

    def build(tmp: Path) -> None:
        book = Workbook(write_only=True)
        book.properties.created = book.properties.modified = FIXED_TIME
        for name, source in tables.items():
            _write_table(book, name, source, max_rows)
        raw = tmp.with_name(tmp.name + ".raw.tmp")  # a temp name the next run cleans up if this one is killed
        try:
            book.save(raw)
            book.properties.modified = FIXED_TIME  # `save` stamped the clock on it
            _restamp(raw, tmp, {ARC_CORE: tostring(book.properties.to_tree())})
        finally:
            raw.unlink(missing_ok=True)

    atomic_write(path, build)
    return path


def _restamp(source: Path, target: Path, replaced: Mapping[str, bytes]) -> None:
    """Given a saved workbook and parts to replace, write a copy whose zip parts all carry FIXED_TIME
    (openpyxl stamps the clock on each)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            part = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            part.compress_type = zipfile.ZIP_DEFLATED
            if info.filename in replaced:
                new.writestr(part, replaced[info.filename])
                continue
            with old.open(info) as src, new.open(part, "w") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)


def workbook_of(folder: Path) -> Path:
    """Given an output folder, write its slippage.xlsx from the tables' Parquet files there; return its path."""
    found = {p.stem: p for p in folder.glob("*.parquet")}
    order = [n for n in SHEET_ORDER if n in found] + sorted(set(found) - set(SHEET_ORDER))
    return write_workbook({name: found[name] for name in order}, folder)


def sheet_names(name: str, n_rows: int, max_rows: int = EXCEL_MAX_ROWS) -> list[str]:
    """Given a table name, its row count and the rows a sheet holds (header included), return its sheets' names.

    >>> sheet_names("amounts", 5, max_rows=3)
    ['amounts', 'amounts (2)', 'amounts (3)']
    >>> sheet_names("reports", 0)
    ['reports']
    """
    n = max(1, math.ceil(n_rows / (max_rows - 1)))
    return [name[:31] if i == 1 else f"{name[:25]} ({i})" for i in range(1, n + 1)]


def _write_table(book: Workbook, name: str, source: Source, max_rows: int) -> None:
    """Given a workbook, a table's name and its rows, add its sheet(s)."""
    schema = _schema(source)
    n_rows = pq.ParquetFile(source).metadata.num_rows if isinstance(source, Path) else len(source)
    sheets = iter(sheet_names(name, n_rows, max_rows))
    sheet, used = _new_sheet(book, next(sheets), schema), 1
    for row in _rows(source):
        if used == max_rows:
            _close_sheet(sheet, len(schema), used)
            sheet, used = _new_sheet(book, next(sheets), schema), 1
        sheet.append([_cell(sheet, value, money) for value, money in zip(row, _money(schema), strict=True)])
        used += 1
    _close_sheet(sheet, len(schema), used)


def _schema(source: Source) -> pa.Schema:
    """Given a frame or Parquet file, return its Arrow schema."""
    if isinstance(source, Path):
        return pq.read_schema(source)
    return pa.Schema.from_pandas(source, preserve_index=False)


def _money(schema: pa.Schema) -> list[bool]:
    """Given a schema, return per column whether it holds pounds (`*_gbp`, value_gbp)."""
    return [f.name.endswith("_gbp") and pa.types.is_floating(f.type) for f in schema]


def _new_sheet(book: Workbook, title: str, schema: pa.Schema) -> WriteOnlyWorksheet:
    """Given a workbook, a sheet title and the table's schema, return a sheet with its frozen header written."""
    sheet: WriteOnlyWorksheet = book.create_sheet(title)
    sheet.freeze_panes = "A2"
    for i, f in enumerate(schema, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = 14 if not pa.types.is_string(f.type) else 24
    header = []
    for f in schema:
        cell = WriteOnlyCell(sheet, value=f.name)
        cell.font = HEADER_FONT
        header.append(cell)
    sheet.append(header)
    return sheet


def _close_sheet(sheet: WriteOnlyWorksheet, n_cols: int, n_rows: int) -> None:
    """Given a finished sheet, its column count and rows written, set its autofilter over them."""
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(1, n_cols))}{max(1, n_rows)}"


def _rows(source: Source) -> Iterator[tuple[Any, ...]]:
    """Given a frame or Parquet file, yield its rows as Python values, a batch at a time."""
    batches = (pq.ParquetFile(source).iter_batches(batch_size=BATCH_ROWS) if isinstance(source, Path)
               else pa.Table.from_pandas(source, preserve_index=False).to_batches(BATCH_ROWS))
    for batch in batches:
        yield from zip(*(column.to_pylist() for column in batch.columns), strict=True)


def _cell(sheet: WriteOnlyWorksheet, value: Any, money: bool) -> Any:
    """Given a sheet, a value and whether its column is money, return what to append for it."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=None)
        cell.value = _text(value)
        cell.data_type = "s"  # text as written, never a formula
        return cell
    if money:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = MONEY_FORMAT
        return cell
    return value


def _text(value: str) -> str:
    """Given text, return it as a cell may hold it (no XML-illegal characters, at most 32,767 characters).

    >>> _text("ok\\x07"), len(_text("x" * 40_000))
    ('ok', 32767)
    """
    clean: str = ILLEGAL_CHARACTERS_RE.sub("", value)
    return clean if len(clean) <= EXCEL_MAX_CELL else clean[: EXCEL_MAX_CELL - 1] + "…"
