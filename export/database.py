"""The embedded DuckDB database: every table plus the timeline views, written atomically."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from export.duckdb_views import TIMELINE_SQL, VIEWS
from export.writers import atomic_write

DATABASE_NAME = "slippage.duckdb"


def timeline_frame(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Given the dataset's tables, return the timeline (the same SQL as the database view)."""
    with duckdb.connect() as con:
        for name in ("reports", "exceptions", "amounts", "projects"):
            con.register(name, tables[name])
        return con.sql(TIMELINE_SQL).df()


def write_database(tables: dict[str, pd.DataFrame], out_dir: Path) -> Path:
    """Given the dataset's tables, write OUT_DIR/slippage.duckdb with each table and the views."""
    path = out_dir / DATABASE_NAME

    def build(tmp: Path) -> None:
        tmp.unlink(missing_ok=True)  # DuckDB will not open the empty placeholder as a database
        with duckdb.connect(str(tmp)) as con:
            for name, df in tables.items():
                if name in VIEWS:  # kept live as a view over the tables, not as a copy
                    continue
                con.register("frame", df)
                con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM frame')
                con.unregister("frame")
            for name, sql in VIEWS.items():
                con.execute(f'CREATE VIEW "{name}" AS {sql}')

    atomic_write(path, build)
    return path
