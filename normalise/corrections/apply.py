"""Corrections applied to extracted rows, by id, on every run; a log of what each one did.

Pure functions over the row dicts of whole exceptions (a batch applies them chunk by
chunk as it writes, after extraction or a cache hit, so corrections survive both):

- a `wrong` verdict with a field and a value sets that column; the row's `corrected`
  column lists the fields set (JSON; an exception also lists its amounts' as
  `amounts.<field>`);
- `drop` removes the row; an exception takes its amounts, years and entities with it;
- every correction whose target is met, applied or not (`right`, a bare `wrong`), gets one
  row in the `applied_corrections` log, with the extracted value beside the corrected one;
- a correction whose target is never met is orphaned (`orphans`): the file changed, so its
  ids did; it is reported and never applied to another row.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from normalise.corrections.file import Correction

Rows = list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Applied:
    """One chunk after corrections: its tables, the log rows, and the target ids met."""

    tables: dict[str, Rows]
    log: Rows
    met: frozenset[str]


def apply_corrections(corrections: Sequence[Correction], tables: Mapping[str, Rows], applied_at: str) -> Applied:
    """Given corrections, a chunk's row tables (whole exceptions) and the time of the run, return them corrected.

    Args:
        corrections: as `normalise.corrections.file.read_corrections` returns them.
        tables: `exceptions`, `amounts` and optionally `years`, `entities` rows.
        applied_at: ISO time written in the log.

    Returns:
        The tables with corrected values, a `corrected` column on exceptions and amounts,
        dropped rows removed; the `applied_corrections` log rows; the ids of the targets met.
    """
    by_target: dict[str, list[Correction]] = defaultdict(list)
    for c in corrections:
        by_target[c.target_id].append(c)
    log: Rows = []
    amounts, amount_fields = _correct_rows(tables.get("amounts", []), "amount_id", by_target, log)
    exceptions, _ = _correct_rows(tables.get("exceptions", []), "exception_id", by_target, log, amount_fields)
    kept = {row["exception_id"] for row in exceptions}
    dropped = {row["exception_id"] for row in tables.get("exceptions", [])} - kept
    out = {name: [r for r in tables.get(name, []) if r["exception_id"] not in dropped] for name in ("years", "entities")}
    out["exceptions"] = exceptions
    out["amounts"] = [r for r in amounts if r["exception_id"] not in dropped]
    met = {row[key] for name, key in (("exceptions", "exception_id"), ("amounts", "amount_id"))
           for row in tables.get(name, []) if row.get(key) in by_target}
    for row in log:
        row["applied_at"] = applied_at
    return Applied(out, log, frozenset(met))


def _correct_rows(rows: Rows, key: str, by_target: Mapping[str, list[Correction]], log: Rows,
                  extra_fields: Mapping[str, list[str]] | None = None) -> tuple[Rows, dict[str, list[str]]]:
    """Given rows, their id column, the corrections by target and the log to add to (and, for
    exceptions, their amounts' corrected fields), return the rows kept and {exception_id: fields set}."""
    kept: Rows = []
    fields_set: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        own = by_target.get(str(row.get(key)), [])
        new, fields = _corrected(row, own, log)
        if new is None:
            continue
        new["corrected"] = json.dumps(sorted({*fields, *(extra_fields or {}).get(row["exception_id"], [])}))
        fields_set[row["exception_id"]] += [f"amounts.{f}" for f in fields]
        kept.append(new)
    return kept, fields_set


def _corrected(row: dict[str, Any], corrections: Iterable[Correction], log: Rows) -> tuple[dict[str, Any] | None, list[str]]:
    """Given one row and its corrections, log each and return the row corrected (None when dropped) and the fields set."""
    new: dict[str, Any] | None = dict(row)
    fields: list[str] = []
    for c in corrections:
        extracted = row.get(c.field) if c.field else None
        log.append(_log_row(c, extracted))
        if c.verdict == "drop":
            new = None
        elif c.changes_value and new is not None:
            new[c.field] = c.value
            fields.append(c.field)
    return new, fields


def _log_row(c: Correction, extracted: Any) -> dict[str, Any]:
    """Given a correction met and the value extracted for its field, return its `applied_corrections` row."""
    return {
        "target_id": c.target_id, "field": c.field or None, "extracted_value": _text(extracted),
        "corrected_value": _text(c.value) if c.changes_value else None, "verdict": c.verdict or None,
        "note": c.note or None, "exception_id": c.exception_id, "target_table": c.table, "line": c.line,
    }


def _text(value: Any) -> str | None:
    """Given a column value, return it as the log's text (None stays None).

    >>> from decimal import Decimal
    >>> _text(Decimal("25000")), _text(None), _text("at risk")
    ('25000', None, 'at risk')
    """
    return None if value is None else str(value)


def orphans(corrections: Sequence[Correction], met: Iterable[str]) -> list[Correction]:
    """Given a run's corrections and every target id met in it, return those whose target was never met."""
    seen = set(met)
    return [c for c in corrections if c.target_id not in seen]


def orphan_rows(corrections: Sequence[Correction]) -> Rows:
    """Given orphaned corrections, return them as plain rows for `run.json` and the review."""
    return [{"line": c.line, "target_id": c.target_id, "field": c.field or None, "value": c.text or None,
             "verdict": c.verdict or None, "note": c.note or None} for c in corrections]
