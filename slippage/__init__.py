"""slippage: the CLI and the pipeline that wires extract -> normalise -> export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["load"]


def load(out_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Load every table an ingest wrote, as pandas DataFrames keyed by table name.

    Args:
        out_dir: the folder given to ``slippage ingest --out``.

    Returns:
        ``{"reports": df, "exceptions": df, ...}`` for each ``NAME.parquet`` present.
    """
    import pandas as pd

    folder = Path(out_dir)
    tables = {p.stem: pd.read_parquet(p) for p in sorted(folder.glob("*.parquet"))}
    if not tables:
        raise FileNotFoundError(f"no slippage tables (*.parquet) in {folder}")
    return tables
