"""What changed between consecutive reports: one row per project and pair of report periods.

Built from `reports` and the `timeline` (one row per project and period), so its figures
are the timeline's: the same statuses, and the same money by kind (the position the
period's latest report states, `export/duckdb_views.py`). The rule, in order:

1. **Periods.** The report periods of primary reports (`duplicate_of` null: the same
   report archived as DOCX, PDF and text counts once) that were read (`ok` or
   `no_exceptions`). A failed report says nothing about its period, so a period with only
   failed reports is no period at all; a report that states it has no exceptions is a
   period in which every project was resolved.
2. **Series.** One batch is one series of reports: the periods are compared in order,
   each with the next one that has a report (a year without a report is skipped, not a
   year in which everything was resolved). Titles are not used to split series: the same
   council's appendix is often retitled from year to year (the samples' "Appendix 2:
   Project exceptions for 2016/17 - reasons and mitigating action" became "Project
   exceptions and mitigating action"). Ingest different councils into different folders.
3. **Change.** A `project_key` in the timeline of both periods is `continuing`, only in
   the earlier one `resolved`, only in the later one `new`.
4. **Money.** `<kind>_before_gbp` and `<kind>_after_gbp` are the timeline's `<kind>_gbp`;
   `<kind>_diff_gbp` is after minus before, a missing side counted as 0, null when both are.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from normalise.money.kind import KINDS

READ_STATUSES = ("ok", "no_exceptions")
MONEY_COLUMNS = [f"{k}_{side}_gbp" for k in KINDS for side in ("before", "after", "diff")]
CHANGES_COLUMNS = [
    "project_key", "name", "from_period", "to_period", "change", "status_before", "status_after",
    "n_exceptions_before", "n_exceptions_after", *MONEY_COLUMNS,
]

# "Which projects have slipped in three or more consecutive reports?": runs of `continuing`
# pairs, each pair joined to the one before when it starts where that one ended (the README
# shows this query; tests run it).
IN_A_ROW_SQL = """\
WITH pairs AS (
    SELECT *, from_period IS DISTINCT FROM LAG(to_period)
              OVER (PARTITION BY project_key ORDER BY from_period) AS starts_run
    FROM changes WHERE change = 'continuing'
), runs AS (
    SELECT *, COUNT(*) FILTER (WHERE starts_run)
              OVER (PARTITION BY project_key ORDER BY from_period) AS run
    FROM pairs
)
SELECT name, MIN(from_period) AS since, MAX(to_period) AS latest, COUNT(*) + 1 AS reports_in_a_row
FROM runs GROUP BY project_key, name, run HAVING COUNT(*) + 1 >= 3
ORDER BY reports_in_a_row DESC, name;"""


def changes_frame(reports: pd.DataFrame, timeline: pd.DataFrame) -> pd.DataFrame:
    """Given the `reports` table and the `timeline`, return `changes`.

    Args:
        reports: needs report_period, status, duplicate_of.
        timeline: needs project_key, name, report_period, n_exceptions, statuses and `<kind>_gbp`.

    Returns:
        One row per project_key and pair of consecutive periods, in `CHANGES_COLUMNS` order,
        sorted by from_period, project_key.
    """
    counted = reports["duplicate_of"].isna() & reports["status"].isin(READ_STATUSES) & reports["report_period"].notna()
    periods = sorted(reports.loc[counted, "report_period"].unique())
    state = timeline.reindex(columns=["project_key", "name", "report_period", "n_exceptions", "statuses",
                                      *(f"{k}_gbp" for k in KINDS)])
    pairs = [_pair_rows(state, before, after) for before, after in _consecutive(periods)]
    out = pd.concat(pairs, ignore_index=True) if pairs else pd.DataFrame(columns=CHANGES_COLUMNS)
    out = out.reindex(columns=CHANGES_COLUMNS)
    for col in ("n_exceptions_before", "n_exceptions_after"):
        out[col] = pd.array(out[col], dtype="Int64")
    for col in MONEY_COLUMNS:
        out[col] = pd.array(out[col], dtype="Float64")
    for col in ("project_key", "name", "from_period", "to_period", "change", "status_before", "status_after"):
        out[col] = out[col].astype("str")
    return out.sort_values(["from_period", "project_key"], kind="stable").reset_index(drop=True)


def _consecutive(periods: Sequence[str]) -> list[tuple[str, str]]:
    """Given sorted periods, return each with the next one.

    >>> _consecutive(["2016/17", "2018/19", "2019/20"])
    [('2016/17', '2018/19'), ('2018/19', '2019/20')]
    """
    return list(zip(periods, periods[1:], strict=False))


def _pair_rows(state: pd.DataFrame, before: str, after: str) -> pd.DataFrame:
    """Given the timeline's columns and two consecutive periods, return their `changes` rows."""
    left = state[state["report_period"] == before].drop(columns=["report_period"])
    right = state[state["report_period"] == after].drop(columns=["report_period"])
    both = left.merge(right, on="project_key", how="outer", suffixes=("_before", "_after"), indicator=True)
    both["change"] = both["_merge"].map({"both": "continuing", "left_only": "resolved", "right_only": "new"}).astype(str)
    both["name"] = both["name_after"].fillna(both["name_before"])  # the latest wording, as `projects` has it
    both = both.rename(columns={"statuses_before": "status_before", "statuses_after": "status_after"})
    for kind in KINDS:
        b, a = both.pop(f"{kind}_gbp_before").astype("Float64"), both.pop(f"{kind}_gbp_after").astype("Float64")
        both[f"{kind}_before_gbp"], both[f"{kind}_after_gbp"] = b, a
        both[f"{kind}_diff_gbp"] = (a.fillna(0) - b.fillna(0)).where(a.notna() | b.notna())
    both["from_period"], both["to_period"] = before, after
    return both.drop(columns=["_merge"])
