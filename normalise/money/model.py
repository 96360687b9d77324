"""The money mention value type, shared by the text parser (`normalise/money/amounts.py`) and the money-column reader (`normalise/money/cells.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Source = Literal["rule", "ner", "table"]


@dataclass(frozen=True, slots=True)
class Amount:
    """One money mention: the text as written, its value in pounds and what it is."""

    text: str
    value_gbp: Decimal | None
    start: int | None
    end: int | None
    kind: str = "other"
    fiscal_year: str | None = None
    scale_inferred: bool = False
    source: Source = "rule"
