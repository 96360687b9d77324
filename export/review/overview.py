"""The review overview: one line per report (rows, amounts, failures, warnings) and two charts."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from export.review.charts import KIND_COLOURS, heatmap_svg, stacked_bars_svg

Row = Mapping[str, Any]
NO_PROGRAMME, NO_YEAR = "(no programme)", "(no year)"


@dataclass(frozen=True, slots=True)
class ReportLine:
    """One input file in the overview table."""

    report_id: str
    source_file: str
    source_format: str
    period: str
    status: str
    n_exceptions: int
    n_amounts: int
    n_flagged: int
    error: str
    warnings: tuple[str, ...]
    duplicate_of: str
    tables: tuple[TableLine, ...] = ()


@dataclass(frozen=True, slots=True)
class TableLine:
    """One table of a report as the `tables` output describes it: why it was read or skipped."""

    index: int
    page: int | None
    shape: str
    roles: str
    accepted: bool
    confidence: float
    why: str


def table_lines(tables: Iterable[Row]) -> dict[str, tuple[TableLine, ...]]:
    """Given `tables` rows, return each report's tables as overview lines, in table order."""
    out: dict[str, list[TableLine]] = defaultdict(list)
    for t in sorted(tables, key=lambda t: (t["report_id"], t.get("table_index") or 0)):
        columns = json.loads(t.get("columns") or "[]")
        roles = ", ".join(f"{c.get('header') or '#' + str(c['col'] + 1)}: {c['role']}" for c in columns)
        out[t["report_id"]].append(TableLine(
            index=int(t.get("table_index") or 0) + 1, page=t.get("page"), shape=f"{t.get('n_rows')}×{t.get('n_cols')}",
            roles=roles, accepted=bool(t.get("accepted")), confidence=float(t.get("confidence") or 0.0), why=t.get("why") or ""))
    return {k: tuple(v) for k, v in out.items()}


def parse_warnings(value: str | None) -> tuple[str, ...]:
    """Given a `reports.warnings` JSON list, return its messages (a non-JSON value is one message).

    >>> parse_warnings('["page 3: ragged rows"]'), parse_warnings(None), parse_warnings("odd")
    (('page 3: ragged rows',), (), ('odd',))
    """
    if not value:
        return ()
    try:
        items = json.loads(value)
    except json.JSONDecodeError:
        return (value,)
    return tuple(str(i) for i in items) if isinstance(items, list) else (str(items),)


def report_lines(reports: Sequence[Row], exceptions: Sequence[Row], amounts: Iterable[Row],
                 flags: Mapping[str, Sequence[str]], tables: Iterable[Row] = ()) -> list[ReportLine]:
    """Given the tables and exception_id -> flag codes, return one overview line per report."""
    by_report = table_lines(tables)
    report_of = {e["exception_id"]: e["report_id"] for e in exceptions}
    n_amounts = Counter(report_of.get(a["exception_id"]) for a in amounts)
    n_rows = Counter(e["report_id"] for e in exceptions)
    n_flagged = Counter(report_of[eid] for eid, codes in flags.items() if codes and eid in report_of)
    return [
        ReportLine(
            report_id=r["report_id"], source_file=r.get("source_file") or "", source_format=r.get("source_format") or "",
            period=r.get("report_period") or "unknown", status=r.get("status") or "",
            n_exceptions=n_rows[r["report_id"]], n_amounts=n_amounts[r["report_id"]],
            n_flagged=n_flagged[r["report_id"]], error=r.get("error") or "",
            warnings=parse_warnings(r.get("warnings")), duplicate_of=r.get("duplicate_of") or "",
            tables=by_report.get(r["report_id"], ()),
        )
        for r in sorted(reports, key=lambda r: (r.get("source_file") or "", r["report_id"]))
    ]


def originals(reports: Sequence[Row]) -> set[str]:
    """Given `reports` rows, return the ids of reports that are not duplicates of another."""
    return {r["report_id"] for r in reports if not r.get("duplicate_of")}


def programme_chart(exceptions: Sequence[Row], keep: set[str]) -> Markup:
    """Given `exceptions` rows and the report ids to count, return the programme × year heat map."""
    counts: Counter[tuple[str, str]] = Counter(
        (e.get("programme") or NO_PROGRAMME, e.get("report_period") or NO_YEAR)
        for e in exceptions if e["report_id"] in keep)
    rows = sorted({p for p, _ in counts}, key=lambda p: (p == NO_PROGRAMME, p))
    cols = sorted({y for _, y in counts}, key=lambda y: (y == NO_YEAR, y))
    return heatmap_svg(rows, cols, dict(counts), caption="Exceptions per programme per report year")


def amounts_chart(exceptions: Sequence[Row], amounts: Iterable[Row], keep: set[str]) -> Markup:
    """Given `exceptions` and `amounts` rows and the report ids to count, return £ by kind per year.

    The year is the amount's own financial year; amounts tied to none are their own bar.
    Rates (per week, per hour) are left out: summing a price with sums means nothing.
    """
    report_of = {e["exception_id"]: e["report_id"] for e in exceptions}
    totals: defaultdict[tuple[str, str], float] = defaultdict(float)
    for a in amounts:
        if report_of.get(a["exception_id"]) in keep and a.get("value_gbp") is not None and a.get("kind") != "rate":
            totals[(a.get("fiscal_year") or NO_YEAR, a.get("kind") or "other")] += float(a["value_gbp"])
    cols = sorted({y for y, _ in totals}, key=lambda y: (y == NO_YEAR, y))
    order = list(KIND_COLOURS)
    series = sorted({k for _, k in totals}, key=lambda k: (order.index(k) if k in order else len(order), k))
    return stacked_bars_svg(cols, series, dict(totals), caption="Amounts mentioned by kind per financial year")
