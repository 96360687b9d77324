"""Money an analyst can pivot: each project's position per report, and per period the latest report's.

Two monthly reports of one year (tests/data/positions) name the same project: month 3 states
£0.5m of slippage twice (reason and mitigation), month 9 states £0.3m twice. Adding every
mention, as the timeline once did, gives £1.6m; the report states £0.5m, then £0.3m.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.conftest import DATA, ingest, read_tables

FOLDER = DATA / "positions"


@pytest.fixture(scope="module")
def positions_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ingest the two monthly reports once; return the output folder."""
    out = tmp_path_factory.mktemp("positions")
    assert ingest(out, [FOLDER], "--no-ner") == 0
    return out


def _sql(out: Path, query: str) -> list[tuple[object, ...]]:
    """Given an output folder and a query, return its rows from slippage.duckdb."""
    with duckdb.connect(str(out / "slippage.duckdb"), read_only=True) as con:
        return con.sql(query).fetchall()


def test_reports_say_how_far_into_the_year_they_run(positions_out: Path) -> None:
    reports = read_tables(positions_out)["reports"].set_index("source_file")
    assert reports.loc["savings_2019-20_month3.txt", ["report_subperiod", "report_month"]].tolist() == ["Month 3", 3]
    assert reports.loc["savings_2019-20_month9.txt", ["report_subperiod", "report_month"]].tolist() == ["Month 9", 9]


def test_a_report_states_a_figure_once_however_often_it_repeats_it(positions_out: Path) -> None:
    rows = _sql(positions_out, """SELECT r.report_month, p.value_gbp, p.n_mentions FROM positions p JOIN reports r USING (report_id)
                                  WHERE p.project_key = 'home-care-review' AND p.kind = 'slippage' ORDER BY r.report_month""")
    assert rows == [(3, 500000.0, 2), (9, 300000.0, 2)]


def test_the_timeline_gives_the_periods_latest_position_not_the_sum_of_mentions(positions_out: Path) -> None:
    timeline = read_tables(positions_out)["timeline"].set_index("project_key")
    home = timeline.loc["home-care-review"]
    assert (home["n_reports"], home["slippage_gbp"]) == (2, 300000.0)
    latest = _sql(positions_out, "SELECT report_id FROM reports WHERE report_month = 9")[0][0]
    assert home["latest_report_id"] == latest
    assert _sql(positions_out, "SELECT slippage_gbp FROM timeline WHERE project_key = 'home-care-review'") == [(300000.0,)]
