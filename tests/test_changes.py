"""The `changes` table: new, continuing and resolved projects between consecutive report periods."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import pandas as pd

from export.changes import CHANGES_COLUMNS, IN_A_ROW_SQL, changes_frame
from tests.conftest import ROOT

# --- the samples: 2016/17 -> 2018/19, each report archived as DOCX, PDF and text ---------------


def test_samples_2016_17_to_2018_19_count_each_project_once(sample_tables: dict[str, pd.DataFrame]) -> None:
    t = sample_tables
    changes = changes_frame(t["reports"], t["timeline"])
    assert list(changes.columns) == CHANGES_COLUMNS == list(t["changes"].columns)
    written = pd.read_csv(io.StringIO(changes.to_csv(index=False)), keep_default_na=False, na_values=[""])
    pd.testing.assert_frame_equal(t["changes"], written)  # changes.csv, as the ingest wrote it
    assert set(zip(changes["from_period"], changes["to_period"], strict=True)) == {("2016/17", "2018/19")}
    assert changes["project_key"].is_unique  # three formats of each report, one row per project
    assert changes["change"].value_counts().to_dict() == {"new": 7, "resolved": 4, "continuing": 4}
    continuing = changes[changes["change"] == "continuing"].set_index("project_key")
    assert set(continuing.index) == {
        "care-and-support-centres", "reduction-in-long-term-care-placements",
        "reducing-the-costs-of-residential-placements-younger-adults", "shared-lives",
    }
    placements = continuing.loc["reducing-the-costs-of-residential-placements-younger-adults"]
    assert (placements["status_before"], placements["status_after"]) == ("at risk", "experiencing obstacles")
    assert (placements["n_exceptions_before"], placements["n_exceptions_after"]) == (1, 1)
    # the money is the timeline's, period by period
    timeline = t["timeline"].set_index(["project_key", "report_period"])
    for key, row in changes.set_index("project_key").iterrows():
        for side, period in (("before", "2016/17"), ("after", "2018/19")):
            expected = timeline.loc[(key, period), "slippage_gbp"] if (key, period) in timeline.index else None
            assert (pd.isna(row[f"slippage_{side}_gbp"]) and pd.isna(expected)) or row[f"slippage_{side}_gbp"] == expected, key
    long_term = continuing.loc["reduction-in-long-term-care-placements"]
    assert long_term["slippage_diff_gbp"] == long_term["slippage_after_gbp"] - long_term["slippage_before_gbp"] > 0


# --- rules on tables of our own --------------------------------------------------------------------


def _reports(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """Given (report_id, report_period, status) rows, return a `reports` frame of primary reports."""
    return pd.DataFrame([{"report_id": r, "report_period": p, "status": s, "duplicate_of": None} for r, p, s in rows])


def _timeline(*rows: tuple[str, str, int, str | None, dict[str, float]]) -> pd.DataFrame:
    """Given (project_key, period, n_exceptions, statuses, money by kind) rows, return a `timeline` frame."""
    return pd.DataFrame([{"project_key": k, "name": k.replace("-", " ").title(), "report_period": p, "n_exceptions": n,
                          "statuses": st, **{f"{kind}_gbp": v for kind, v in money.items()}} for k, p, n, st, money in rows])


def test_a_failed_report_is_no_period_and_a_report_of_no_exceptions_resolves_everything() -> None:
    reports = _reports(("q1", "2020/21", "ok"), ("bad", "2021/22", "failed"), ("q3", "2022/23", "no_exceptions"))
    timeline = _timeline(("library-kiosks", "2020/21", 1, "amber", {"shortfall": 40000.0}), ("depot-roof", "2020/21", 2, None, {}))
    changes = changes_frame(reports, timeline)
    assert changes[["project_key", "name", "from_period", "to_period", "change"]].values.tolist() == [
        ["depot-roof", "Depot Roof", "2020/21", "2022/23", "resolved"],
        ["library-kiosks", "Library Kiosks", "2020/21", "2022/23", "resolved"],
    ]
    kiosks = changes.iloc[1]
    assert (kiosks["shortfall_before_gbp"], kiosks["shortfall_diff_gbp"], kiosks["status_before"]) == (40000, -40000, "amber")
    assert pd.isna(kiosks["status_after"]) and pd.isna(kiosks["n_exceptions_after"]) and pd.isna(kiosks["slippage_diff_gbp"])


def test_copies_and_a_year_without_a_report_do_not_count() -> None:
    reports = pd.concat([
        _reports(("a", "2019/20", "ok"), ("c", "2021/22", "ok")),
        pd.DataFrame([{"report_id": "a-pdf", "report_period": "2020/21", "status": "ok", "duplicate_of": "a"},
                      {"report_id": "x", "report_period": None, "status": "ok", "duplicate_of": None}]),
    ])
    timeline = _timeline(("bus-lanes", "2019/20", 1, "at risk", {"slippage": 100000.0}),
                         ("bus-lanes", "2021/22", 2, "at risk; delayed", {"slippage": 300000.0, "at_risk": 5000.0}),
                         ("skate-park", "2021/22", 1, None, {}))
    changes = changes_frame(reports, timeline).set_index("project_key")
    bus = changes.loc["bus-lanes"]
    assert (bus["from_period"], bus["to_period"], bus["change"]) == ("2019/20", "2021/22", "continuing")
    assert (bus["n_exceptions_before"], bus["n_exceptions_after"], bus["status_after"]) == (1, 2, "at risk; delayed")
    assert (bus["slippage_before_gbp"], bus["slippage_after_gbp"], bus["slippage_diff_gbp"]) == (100000, 300000, 200000)
    assert pd.isna(bus["at_risk_before_gbp"]) and bus["at_risk_diff_gbp"] == 5000
    assert changes.loc["skate-park", "change"] == "new" and len(changes) == 2


def test_one_period_gives_an_empty_table_with_every_column() -> None:
    changes = changes_frame(_reports(("x", "2021/22", "ok")), _timeline(("pool", "2021/22", 1, None, {})))
    assert changes.empty and list(changes.columns) == CHANGES_COLUMNS


def test_projects_in_three_or_more_consecutive_reports() -> None:
    periods = ["2016/17", "2017/18", "2018/19", "2019/20", "2020/21"]
    reports = _reports(*((f"r{i}", p, "ok") for i, p in enumerate(periods)))
    # in reports 0-2 (3 in a row); 0-1 and 3-4 (never 3); 1-4 (4); every other report (never consecutive)
    present = {"bridge": [0, 1, 2], "depot": [0, 1, 3, 4], "canal": [1, 2, 3, 4], "museum": [0, 2, 4]}
    timeline = _timeline(*((k, periods[i], 1, None, {}) for k, at in present.items() for i in at))
    with duckdb.connect() as con:
        con.register("changes", changes_frame(reports, timeline))
        rows = con.sql(IN_A_ROW_SQL).fetchall()
    assert rows == [("Canal", "2017/18", "2020/21", 4), ("Bridge", "2016/17", "2018/19", 3)]


def test_the_readme_shows_the_query_and_it_runs_on_the_samples_database(sample_out: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```sql\n{IN_A_ROW_SQL}\n```" in readme
    with duckdb.connect(str(sample_out / "slippage.duckdb"), read_only=True) as con:
        assert con.execute(IN_A_ROW_SQL).fetchall() == []  # two periods: no run of three yet
        counts = dict(con.execute("SELECT change, COUNT(*) FROM changes GROUP BY change").fetchall())
    assert counts == {"new": 7, "continuing": 4, "resolved": 4}
