"""The review overview's two analyst panels: how accurate the dataset is, and what changed between periods.

Accuracy and orphaned corrections come from the run's corrections summary (the same dict
run.json records, `slippage.corrections.CorrectionRun.summary`); the changes from the
`changes` table an ingest wrote. Both are plain numbers and names for the template, which
escapes every name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

CHANGE_ORDER = ("new", "continuing", "resolved")
MAX_LISTED = 12  # projects named per change and period pair; the table has them all


@dataclass(frozen=True, slots=True)
class PeriodChange:
    """One pair of consecutive report periods: how many projects are new, continuing and resolved, and some names."""

    from_period: str
    to_period: str
    counts: tuple[tuple[str, int], ...]
    names: tuple[tuple[str, tuple[str, ...]], ...]


def accuracy_view(summary: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Given a corrections summary (or None), return the accuracy figures and orphaned corrections to show, or None.

    >>> accuracy_view({"accuracy": {"checked": 40, "right": 34, "estimate": 0.86, "low": 0.70, "high": 0.94,
    ...                "design": "weighted sample of 40, seed 7"}, "corrections": {"orphaned": [{"target_id": "x"}]}})["line"]
    '86% of rows right (95% interval 70%–94%), from 40 checked cards (34 right; weighted sample of 40, seed 7)'
    """
    if not summary:
        return None
    acc = summary.get("accuracy") or {}
    orphaned = list((summary.get("corrections") or {}).get("orphaned") or [])
    line = None
    if acc.get("checked") and acc.get("estimate") is not None:
        line = (f"{acc['estimate']:.0%} of rows right (95% interval {acc['low']:.0%}–{acc['high']:.0%}), "
                f"from {acc['checked']} checked cards ({acc['right']} right; {acc.get('design', '')})")
    return {"line": line, "orphaned": orphaned}


def changes_view(out_dir: Path) -> list[PeriodChange]:
    """Given an ingest's folder, return one summary per pair of consecutive periods of its `changes` table (none: [])."""
    path = out_dir / "changes.parquet"
    if not path.is_file():
        return []
    frame = pd.read_parquet(path, columns=["name", "from_period", "to_period", "change"])
    out = []
    for (before, after), pair in frame.groupby(["from_period", "to_period"], sort=True, dropna=False):
        counts = Counter(pair["change"])
        names = tuple((c, tuple(sorted(str(n) for n in pair.loc[pair["change"] == c, "name"]))[:MAX_LISTED]) for c in CHANGE_ORDER)
        out.append(PeriodChange(str(before), str(after), tuple((c, counts.get(c, 0)) for c in CHANGE_ORDER), names))
    return out
