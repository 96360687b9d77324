"""Stable ids for money mentions: what a review correction names to reach one `amounts` row."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

# One letter per field, so the id says where the figure is: r(eason), m(itigation), t(able cell).
FIELD_TAGS = {"reason": "r", "mitigation": "m", "table": "t"}


def amount_id(exception_id: str, field: str, start: int | None, ordinal: int) -> str:
    """Given a mention's exception, field, start offset and ordinal among its field's offset-less
    figures, return its id.

    A figure in the text is named by its offset, not by its rank, so that a mention found
    earlier in the text by a later version of the rules does not shift every id after it
    onto another figure: a correction then becomes orphaned instead of moving silently.
    A figure of a money column has no offset and is named by its order among them.

    >>> amount_id("5fa7e49c78771768-003", "reason", 127, 1)
    '5fa7e49c78771768-003-r127'
    >>> amount_id("5fa7e49c78771768-003", "table", None, 2)
    '5fa7e49c78771768-003-t2'
    """
    tag = FIELD_TAGS.get(field, field[:1] or "x")
    return f"{exception_id}-{tag}{ordinal if start is None else start}"


def with_amount_ids(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Given `amounts` rows (of whole exceptions, in their extraction order), return them with `amount_id`.

    Ids are unique: a second mention at the same offset (an overlapping reading of one
    figure) gets ".2", ".3"...

    >>> rows = [{"exception_id": "r-001", "field": "table", "start": None}] * 2
    >>> rows += [{"exception_id": "r-001", "field": "reason", "start": 4}] * 2
    >>> [r["amount_id"] for r in with_amount_ids(rows)]
    ['r-001-t1', 'r-001-t2', 'r-001-r4', 'r-001-r4.2']
    """
    ordinals: dict[tuple[str, str], int] = {}
    seen: dict[str, int] = {}
    out = []
    for row in rows:
        key = (str(row["exception_id"]), str(row["field"]))
        start = row.get("start")
        if start is None:
            ordinals[key] = ordinals.get(key, 0) + 1
        base = amount_id(key[0], key[1], None if start is None else int(start), ordinals.get(key, 0))
        seen[base] = seen.get(base, 0) + 1
        out.append({**row, "amount_id": base if seen[base] == 1 else f"{base}.{seen[base]}"})
    return out


def is_primary(report: Mapping[str, Any]) -> bool:
    """Given a `reports` row, return whether its rows count (it is no copy of another report).

    >>> is_primary({"duplicate_of": None}), is_primary({"duplicate_of": "e13a2d0db906b7b3"})
    (True, False)
    """
    return not report.get("duplicate_of")
