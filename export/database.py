"""The embedded DuckDB database: every table plus the timeline views, written atomically."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TypeAlias

import duckdb
import pandas as pd

from export.duckdb_views import TIMELINE_SQL, VIEWS
from export.writers import atomic_write, pause_at

DATABASE_NAME = "slippage.duckdb"
TIMELINE_INPUTS = ("reports", "exceptions", "amounts", "projects")

# DuckDB's own buffers otherwise take a share of the machine's memory that grows with the
# tables; past this it writes blocks out (the database file, or temp files) instead.
DUCKDB_CONFIG: dict[str, str | bool | int | float | list[str]] = {"memory_limit": "64MB", "threads": 1}

# A table's rows: a frame in memory, or a Parquet file (the big tables are written in
# chunks and never held whole; DuckDB reads the file itself).
Source: TypeAlias = pd.DataFrame | Path


def timeline_frame(tables: Mapping[str, Source]) -> pd.DataFrame:
    """Given the dataset's tables, return the timeline (the same SQL as the database view)."""
    with duckdb.connect(config=DUCKDB_CONFIG) as con:
        for name in TIMELINE_INPUTS:
            _attach(con, name, tables[name])
        return con.sql(TIMELINE_SQL).df()


def write_database(tables: Mapping[str, Source], out_dir: Path) -> Path:
    """Given the dataset's tables, write OUT_DIR/slippage.duckdb with each table and the views."""
    path = out_dir / DATABASE_NAME
    pause_at("tables")  # every CSV/Parquet table is written by now

    def build(tmp: Path) -> None:
        tmp.unlink(missing_ok=True)  # DuckDB will not open the empty placeholder as a database
        with duckdb.connect(str(tmp), config=DUCKDB_CONFIG) as con:
            for name, source in tables.items():
                if name in VIEWS:  # kept live as a view over the tables, not as a copy
                    continue
                _attach(con, "source", source)
                con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM source')
                _detach(con, "source", source)
            for name, sql in VIEWS.items():
                con.execute(f'CREATE VIEW "{name}" AS {sql}')

    atomic_write(path, build)
    return path


def _attach(con: duckdb.DuckDBPyConnection, name: str, source: Source) -> None:
    """Given a connection, make `source` queryable under `name` (a registered frame or a Parquet view)."""
    if isinstance(source, Path):
        con.execute(f'CREATE TEMP VIEW "{name}" AS SELECT * FROM read_parquet({_literal(source)})')
    else:
        con.register(name, source)


def _detach(con: duckdb.DuckDBPyConnection, name: str, source: Source) -> None:
    """Given a connection and a name `_attach` made, remove it."""
    if isinstance(source, Path):
        con.execute(f'DROP VIEW "{name}"')
    else:
        con.unregister(name)


def _literal(path: Path) -> str:
    """Given a path, return it as an SQL string literal.

    >>> _literal(Path("/tmp/o'brien.parquet"))
    "'/tmp/o''brien.parquet'"
    """
    return "'" + str(path).replace("'", "''") + "'"
