"""The analyst-facing SQL: views over the tables, one definition used by DuckDB and the exports."""

from __future__ import annotations

from normalise.kinds import KINDS

# Exceptions from one copy of each report: a DOCX and its PDF export count once.
PRIMARY_EXCEPTIONS_SQL = """
SELECT e.* FROM exceptions e JOIN reports r USING (report_id)
WHERE r.duplicate_of IS NULL
"""

_KIND_SUMS = ",\n    ".join(
    f"SUM(CASE WHEN a.kind = '{k}' THEN a.value_gbp END) AS {k}_gbp" for k in KINDS
)

# One row per project and report period: how many exceptions, where, and the money by kind.
TIMELINE_SQL = f"""
WITH e AS ({PRIMARY_EXCEPTIONS_SQL}),
counts AS (
    SELECT project_key, report_period, COUNT(*) AS n_exceptions,
           COUNT(DISTINCT report_id) AS n_reports,
           STRING_AGG(DISTINCT programme, '; ' ORDER BY programme) AS programmes,
           STRING_AGG(DISTINCT status, '; ' ORDER BY status) AS statuses
    FROM e GROUP BY project_key, report_period
),
money AS (
    SELECT e.project_key, e.report_period,
    {_KIND_SUMS}
    FROM e JOIN amounts a USING (exception_id)
    GROUP BY e.project_key, e.report_period
)
SELECT c.project_key, p.name, c.report_period, c.n_exceptions, c.n_reports, c.programmes, c.statuses,
       {", ".join(f"m.{k}_gbp" for k in KINDS)}
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
    "amounts_by_year": AMOUNTS_BY_YEAR_SQL,
}
