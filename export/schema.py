"""Column order of every table: the DATASET.md contract first, our extra columns after."""

from __future__ import annotations

REPORTS_COLUMNS = [
    "report_id", "source_file", "source_format", "sha256", "title", "report_period", "status", "error",
    "n_exceptions", "duplicate_of",
    # extras
    "n_pages", "report_subperiod", "report_month", "period_rule", "programmes_without_exceptions", "warnings", "source_path", "read_via", "ocr_pages",
]
EXCEPTIONS_COLUMNS = [
    "exception_id", "report_id", "source_file", "report_period", "programme", "project", "project_key",
    "reason", "mitigation", "status", "page", "confidence",
    # extras
    "position", "source_format", "flags", "extra", "prov", "raw_project", "raw_reason", "raw_mitigation",
    "is_primary", "corrected",
]
AMOUNTS_COLUMNS = [
    "amount_id", "exception_id", "field", "text", "value_gbp", "fiscal_year", "kind", "start", "end",
    # extras
    "scale_inferred", "source", "context", "corrected",
]
YEARS_COLUMNS = [
    "exception_id", "field", "text", "fiscal_year", "date", "start", "end",
    # extras: the date column's header for a year read from a table cell, as in amounts
    "context",
]
ENTITIES_COLUMNS = ["exception_id", "field", "text", "label", "start", "end"]
TABLES_COLUMNS = [
    "report_id", "table_index", "page", "n_rows", "n_cols", "header", "columns", "accepted", "confidence", "why",
    # extras
    "header_rows", "inherited", "n_data_rows", "n_record_rows", "source_file",
]
PROJECTS_COLUMNS = ["project_key", "name", "aliases", "first_period", "last_period", "n_reports", "link_reasons"]
# One row per line of the corrections file whose target was met (`normalise/corrections/apply.py`).
# Not named `corrections`: OUT/corrections.csv is the reviewer's own file, read as input.
APPLIED_CORRECTIONS_COLUMNS = [
    "target_id", "field", "extracted_value", "corrected_value", "verdict", "note", "applied_at",
    # extras
    "exception_id", "target_table", "line",
]

TABLES: dict[str, list[str]] = {
    "reports": REPORTS_COLUMNS,
    "exceptions": EXCEPTIONS_COLUMNS,
    "amounts": AMOUNTS_COLUMNS,
    "years": YEARS_COLUMNS,
    "entities": ENTITIES_COLUMNS,
    "projects": PROJECTS_COLUMNS,
    "tables": TABLES_COLUMNS,
}
# Mentions of one exception are listed in the row's reading order: its table cells (money
# columns come before the commentary in the layouts we know), then reason, then mitigation.
FIELD_ORDER = {"table": 0, "reason": 1, "mitigation": 2}
# Sort keys that make every export byte-for-byte deterministic.
SORT_KEYS: dict[str, list[str]] = {
    "reports": ["source_file", "report_id"],
    "exceptions": ["report_id", "position"],
    "amounts": ["exception_id", "field", "start", "text"],
    "years": ["exception_id", "field", "start", "text"],
    "entities": ["exception_id", "field", "start", "text"],
    "projects": ["project_key"],
    "tables": ["report_id", "table_index"],
}
