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

    from slippage.staging import current_set

    folder = Path(out_dir)
    # Every table from the one output set `.current` names, even if a run switches in the next meanwhile.
    tables = {p.stem: pd.read_parquet(p) for p in sorted(current_set(folder).glob("*.parquet"))}
    if not tables:
        raise FileNotFoundError(f"no slippage tables (*.parquet) in {folder}")
    return tables
