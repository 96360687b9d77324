"""What changed between consecutive reports: one row per project and pair of report periods.

The rule, in order:

1. **Reports counted.** Only primary reports (`duplicate_of` null: the same report archived
   as DOCX, PDF and text counts once) that were read (`ok` or `no_exceptions`) and have a
   `report_period`. A failed report says nothing about its period, so a period with only
   failed reports is no period at all; a report that states it has no exceptions is a period
   in which every project was resolved.
2. **Series.** Reports of one series are compared with each other only. When `reports` has
   a `series` column its value is the series; otherwise the batch is one series. Titles are
   not used: the same council's appendix is often retitled from year to year (the samples'
   "Appendix 2: Project exceptions for 2016/17 - reasons and mitigating action" became
   "Project exceptions and mitigating action").
3. **Pairs.** The series' distinct report periods in order; each period and the next one
   with a report form a pair (a year without a report is skipped, not a gap of "resolved").
4. **Change.** A `project_key` in both periods is `continuing`, only in the earlier one
   `resolved`, only in the later one `new`.
5. **Money** per project, period and kind: the sum of the *distinct* values stated, so a
   figure repeated in three sentences or in two reports of the period counts once ("slip
   £0.500m savings in 2017/18 ... into 2018/19" is one £0.5m of slippage, not two; the fiscal
   year is left out of the comparison for that reason). Two different figures of the same
   value and kind for one project in one period count once too: rarer than repetition.
   `*_diff_gbp` is after minus before, a missing side counted as 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from normalise.kinds import KINDS

READ_STATUSES = ("ok", "no_exceptions")
CHANGE_KEYS = ["series", "project_key", "from_period", "to_period"]
MONEY_COLUMNS = [f"{k}_{side}_gbp" for k in KINDS for side in ("before", "after", "diff")]
CHANGES_COLUMNS = [
    "project_key", "name", "from_period", "to_period", "change", "status_before", "status_after",
    "n_exceptions_before", "n_exceptions_after", *MONEY_COLUMNS,
    # extras
    "series",
]

# "Which projects have slipped in three or more consecutive reports?": runs of `continuing`
# pairs, each pair joined to the one before when it starts where that one ended (the README
# shows this query; tests run it).
IN_A_ROW_SQL = """\
WITH pairs AS (
    SELECT *, from_period IS DISTINCT FROM LAG(to_period)
              OVER (PARTITION BY series, project_key ORDER BY from_period) AS starts_run
    FROM changes WHERE change = 'continuing'
), runs AS (
    SELECT *, COUNT(*) FILTER (WHERE starts_run)
              OVER (PARTITION BY series, project_key ORDER BY from_period) AS run
    FROM pairs
)
SELECT name, MIN(from_period) AS since, MAX(to_period) AS latest, COUNT(*) + 1 AS reports_in_a_row
FROM runs GROUP BY series, project_key, name, run HAVING COUNT(*) + 1 >= 3
ORDER BY reports_in_a_row DESC, name;"""


def changes_frame(reports: pd.DataFrame, exceptions: pd.DataFrame, amounts: pd.DataFrame,
                  projects: pd.DataFrame | None = None) -> pd.DataFrame:
    """Given the reports, exceptions and amounts tables (and projects, for names), return `changes`.

    Args:
        reports: needs report_id, status, report_period, duplicate_of (and optionally series).
        exceptions: needs exception_id, report_id, project_key, status.
        amounts: needs exception_id, kind, value_gbp.
        projects: project_key -> name; names are null without it.

    Returns:
        One row per project_key and pair of consecutive periods of its series, in
        `CHANGES_COLUMNS` order, sorted by series, from_period, project_key.
    """
    periods = _counted_reports(reports)
    state = _project_state(periods, exceptions, amounts)
    pairs = [
        _pair_rows(state, series, before, after)
        for series, group in periods.groupby("series", sort=True)
        for before, after in _consecutive(sorted(group["report_period"].unique()))
    ]
    out = pd.concat(pairs, ignore_index=True) if pairs else pd.DataFrame(columns=CHANGES_COLUMNS)
    names = dict(zip(projects["project_key"], projects["name"], strict=True)) if projects is not None else {}
    out["name"] = out["project_key"].map(names)
    out = out.reindex(columns=CHANGES_COLUMNS)
    for col in ("n_exceptions_before", "n_exceptions_after"):
        out[col] = pd.array(out[col], dtype="Int64")
    for col in MONEY_COLUMNS:
        out[col] = pd.array(out[col], dtype="Float64")
    return out.sort_values(["series", "from_period", "project_key"], kind="stable").reset_index(drop=True)


def _counted_reports(reports: pd.DataFrame) -> pd.DataFrame:
    """Given `reports`, return report_id, series and report_period of the primary, read, dated reports."""
    keep = reports["duplicate_of"].isna() & reports["status"].isin(READ_STATUSES) & reports["report_period"].notna()
    out = reports.loc[keep, ["report_id", "report_period"]].copy()
    series = reports.loc[keep, "series"] if "series" in reports.columns else None
    out["series"] = series.fillna("") if series is not None else ""
    return out


def _consecutive(periods: Sequence[str]) -> list[tuple[str, str]]:
    """Given sorted periods, return each with the next one.

    >>> _consecutive(["2016/17", "2018/19", "2019/20"])
    [('2016/17', '2018/19'), ('2018/19', '2019/20')]
    """
    return list(zip(periods, periods[1:], strict=False))


def _project_state(periods: pd.DataFrame, exceptions: pd.DataFrame, amounts: pd.DataFrame) -> pd.DataFrame:
    """Given the counted reports, exceptions and amounts, return one row per (series, period, project_key)
    with n_exceptions, status (distinct, sorted, "; "-joined) and `<kind>_gbp` money."""
    rows = exceptions[["exception_id", "report_id", "project_key", "status"]].merge(periods, on="report_id")
    keys = ["series", "report_period", "project_key"]
    state = rows.groupby(keys, sort=True).agg(
        n_exceptions=("exception_id", "size"), status=("status", _joined)).reset_index()
    money = amounts[["exception_id", "kind", "value_gbp"]].merge(rows[[*keys, "exception_id"]], on="exception_id")
    money = money.dropna(subset=["value_gbp"]).drop_duplicates([*keys, "kind", "value_gbp"])
    if not money.empty:
        sums = money.pivot_table(index=keys, columns="kind", values="value_gbp", aggfunc="sum").reset_index()
        state = state.merge(sums, on=keys, how="left")
    return state.reindex(columns=[*keys, "n_exceptions", "status", *KINDS])


def _joined(values: pd.Series) -> str | None:
    """Given a group's statuses, return the distinct ones sorted and joined, or None.

    >>> _joined(pd.Series(["at risk", None, "at risk", "delayed"]))
    'at risk; delayed'
    """
    distinct = sorted({str(v) for v in values.dropna()})
    return "; ".join(distinct) if distinct else None


def _pair_rows(state: pd.DataFrame, series: str, before: str, after: str) -> pd.DataFrame:
    """Given the project state, a series and two consecutive periods, return their `changes` rows."""
    own = state[state["series"] == series]
    left = own[own["report_period"] == before].drop(columns=["series", "report_period"])
    right = own[own["report_period"] == after].drop(columns=["series", "report_period"])
    both = left.merge(right, on="project_key", how="outer", suffixes=("_before", "_after"), indicator=True)
    both["change"] = both["_merge"].map({"both": "continuing", "left_only": "resolved", "right_only": "new"}).astype(str)
    for kind in KINDS:
        b, a = both[f"{kind}_before"].astype("Float64"), both[f"{kind}_after"].astype("Float64")
        both[f"{kind}_before_gbp"], both[f"{kind}_after_gbp"] = b, a
        both[f"{kind}_diff_gbp"] = (a.fillna(0) - b.fillna(0)).where(a.notna() | b.notna())
    both["series"] = series or None
    both["from_period"], both["to_period"] = before, after
    return both.drop(columns=["_merge"])
