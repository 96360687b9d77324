"""The analyst-facing SQL: views over the tables, one definition used by DuckDB and the exports."""

from __future__ import annotations

from normalise.money.kind import KINDS

# Exceptions from one copy of each report: a DOCX and its PDF export count once.
PRIMARY_EXCEPTIONS_SQL = """
SELECT e.* FROM exceptions e JOIN reports r USING (report_id)
WHERE r.duplicate_of IS NULL
"""

_KIND_PIVOT = ",\n    ".join(
    f"MAX(CASE WHEN kind = '{k}' THEN value_gbp END) AS {k}_gbp" for k in KINDS
)

# Each project's money per report and kind: the figure the report states, not every mention
# added up. A money column of the table states it (its cells are summed over the project's
# rows); where the table has none, each distinct sum the text mentions counts once, so a
# figure repeated in the reason and the mitigation is not doubled.
POSITIONS_SQL = f"""
WITH e AS ({PRIMARY_EXCEPTIONS_SQL})
SELECT e.report_id, e.report_period, e.project_key, a.kind,
       CASE WHEN COUNT(*) FILTER (WHERE a.field = 'table') > 0
            THEN SUM(a.value_gbp) FILTER (WHERE a.field = 'table')
            ELSE SUM(DISTINCT a.value_gbp) END AS value_gbp,
       COUNT(*) AS n_mentions
FROM e JOIN amounts a USING (exception_id)
WHERE a.value_gbp IS NOT NULL
GROUP BY e.report_id, e.report_period, e.project_key, a.kind
ORDER BY e.report_id, e.project_key, a.kind
"""

# One row per project and report period: how many exceptions, where, and the money by kind
# as the period's latest report states it (the highest report_month; reports with none
# count as earliest), so five reports of one year do not add up five times.
TIMELINE_SQL = f"""
WITH e AS ({PRIMARY_EXCEPTIONS_SQL}),
counts AS (
    SELECT project_key, report_period, COUNT(*) AS n_exceptions,
           COUNT(DISTINCT report_id) AS n_reports,
           STRING_AGG(DISTINCT programme, '; ' ORDER BY programme) AS programmes,
           STRING_AGG(DISTINCT status, '; ' ORDER BY status) AS statuses
    FROM e GROUP BY project_key, report_period
),
latest AS (
    SELECT project_key, report_period, report_id FROM (
        SELECT DISTINCT e.project_key, e.report_period, e.report_id, r.report_month
        FROM e JOIN reports r USING (report_id)
    ) QUALIFY ROW_NUMBER() OVER (PARTITION BY project_key, report_period
                                 ORDER BY COALESCE(report_month, 0) DESC, report_id DESC) = 1
),
money AS (
    SELECT l.project_key, l.report_period, l.report_id AS latest_report_id,
    {_KIND_PIVOT}
    FROM latest l LEFT JOIN ({POSITIONS_SQL}) pos USING (report_id, project_key)
    GROUP BY l.project_key, l.report_period, l.report_id
)
SELECT c.project_key, p.name, c.report_period, c.n_exceptions, c.n_reports, c.programmes, c.statuses,
       m.latest_report_id, {", ".join(f"m.{k}_gbp" for k in KINDS)}
FROM counts c
JOIN projects p USING (project_key)
LEFT JOIN money m ON m.project_key = c.project_key
    AND m.report_period IS NOT DISTINCT FROM c.report_period
ORDER BY c.project_key, c.report_period
"""

# Money mentioned per report period and kind, over one copy of each report.
AMOUNTS_BY_YEAR_SQL = f"""
WITH e AS ({PRIMARY_EXCEPTIONS_SQL})
SELECT e.report_period, a.kind, COUNT(*) AS n_amounts, SUM(a.value_gbp) AS total_gbp
FROM e JOIN amounts a USING (exception_id)
GROUP BY e.report_period, a.kind
ORDER BY e.report_period, a.kind
"""

VIEWS: dict[str, str] = {
    "primary_exceptions": PRIMARY_EXCEPTIONS_SQL,
    "timeline": TIMELINE_SQL,
    "positions": POSITIONS_SQL,
    # The name for the log of applied corrections; the file is `applied_corrections`
    # so that it never stands where the reviewer's own OUT/corrections.csv is read from.
    "corrections": "SELECT * FROM applied_corrections",
    "amounts_by_year": AMOUNTS_BY_YEAR_SQL,
}
