"""Where in its financial year each report stands, read from the corpus and our layouts as the pipeline reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.read import read_document
from slippage.pipeline import normalise_document
from tests.conftest import DATA, SAMPLES

# (file, report_subperiod, report_month): stated in the title, the file name or a heading line.
EXPECTED = [
    ("corpus/docs/d1_savings_tracker_2019-20_m7.docx", "Month 7", 7),           # "Month 7 Position" in the title
    ("corpus/docs/d2_capital_slippage_2021-22_q3.pdf", "Q3", 9),                # "Quarter 3 Monitoring"
    ("corpus/docs/d3_prince2_exception_reports_2021-11.txt", "November 2021", 8),  # only the file name's 2021-11
    ("corpus/docs/d5_savings_two_row_header_2020-21.docx", None, None),         # a committee date after the year end
    ("corpus/docs/d6_issues_log_2021-22.docx", "October 2021", 7),              # "Board – 20 October 2021"
    ("corpus/docs/n1_budget_monitoring_no_exceptions_2021-22_p6.docx", "Period 6", 6),
    ("layouts/docs/l3_programme_exceptions_risk_issue_2022-23_q4.docx", "Q4", 12),
    ("layouts/docs/l4_highlight_report_workstreams_2024-25_p3.docx", "Period 3", 3),
]


@pytest.mark.parametrize(("name", "label", "month"), EXPECTED)
def test_the_report_says_how_far_into_its_year_it_runs(name: str, label: str | None, month: int | None) -> None:
    report = normalise_document(read_document(DATA / name), nlp=None).report
    assert (report["report_subperiod"], report["report_month"]) == (label, month)


def test_the_samples_state_only_their_year() -> None:
    for path in sorted(SAMPLES.glob("*.docx")):
        report = normalise_document(read_document(path), nlp=None).report
        assert report["report_period"] and (report["report_subperiod"], report["report_month"]) == (None, None), Path(path).name
