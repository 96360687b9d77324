"""Per-file rows -> the dataset's DataFrames, in contract column order, deterministically sorted."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import pandas as pd

from export.schema import FIELD_ORDER, SORT_KEYS, TABLES

FLOAT_DECIMALS = 2
INT_COLUMNS = {"n_exceptions", "n_pages", "report_month", "ocr_pages", "start", "end", "page", "position", "n_reports"}


def to_frame(name: str, rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Given a table name and its rows, return the frame with contract columns first, extras after."""
    columns = TABLES[name]
    records = [dict(r) for r in rows]
    extras = sorted({k for r in records for k in r} - set(columns))
    df = pd.DataFrame(records, columns=columns + extras)
    for col in df.columns:
        if col in INT_COLUMNS:
            df[col] = pd.array(df[col], dtype="Int64")
        elif col in ("value_gbp", "confidence"):
            df[col] = df[col].map(_to_float).astype("Float64")
        elif df[col].isna().all():
            df[col] = df[col].astype("str")  # the dtype a column with any text gets
    keys = [k for k in SORT_KEYS.get(name, []) if k in df.columns]
    if keys and not df.empty:
        df = df.sort_values(keys, kind="stable", na_position="last", key=_in_reading_order).reset_index(drop=True)
    return df


def _in_reading_order(column: pd.Series) -> pd.Series:
    """Given a sort column, return it with `field` values in a row's reading order (money cells, reason, mitigation)."""
    if column.name != "field":
        return column
    return column.map(lambda f: FIELD_ORDER.get(f, len(FIELD_ORDER)))


def _to_float(value: Any) -> float | None:
    """Given a Decimal/number/None, return a float rounded once, for export only."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return round(float(Decimal(str(value))), FLOAT_DECIMALS)
