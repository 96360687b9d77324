"""The `changes` table: new, continuing and resolved projects between consecutive report periods."""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from export.changes import CHANGES_COLUMNS, IN_A_ROW_SQL, changes_frame

# --- the samples: 2016/17 -> 2018/19, each report archived as DOCX, PDF and text ---------------


def test_samples_2016_17_to_2018_19_count_each_project_once(sample_tables: dict[str, pd.DataFrame]) -> None:
    t = sample_tables
    changes = changes_frame(t["reports"], t["exceptions"], t["amounts"], t["projects"])
    assert list(changes.columns) == CHANGES_COLUMNS
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
    # "slip £0.500m savings in 2017/18 ... into 2018/19" and "£0.274m slippage" said twice: £0.774m once each
    assert placements["slippage_before_gbp"] == 774000 and pd.isna(placements["slippage_after_gbp"])
    assert placements["slippage_diff_gbp"] == -774000
    assert continuing.loc["reduction-in-long-term-care-placements", "slippage_diff_gbp"] == 366000 - 197000


# --- rules on tables of our own --------------------------------------------------------------------


def _tables(reports: list[dict[str, Any]], exceptions: list[tuple[str, str, str, str | None]],
            amounts: list[tuple[str, str, float]]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Given report rows, (exception_id, report_id, project_key, status) and (exception_id, kind, value), return frames."""
    base = {"duplicate_of": None, "status": "ok"}
    return (
        pd.DataFrame([{**base, **r} for r in reports]),
        pd.DataFrame(exceptions, columns=["exception_id", "report_id", "project_key", "status"]),
        pd.DataFrame(amounts, columns=["exception_id", "kind", "value_gbp"]),
    )


def test_a_failed_report_is_no_period_and_a_report_of_no_exceptions_resolves_everything() -> None:
    reports, exceptions, amounts = _tables(
        [{"report_id": "q1", "report_period": "2020/21"}, {"report_id": "bad", "report_period": "2021/22", "status": "failed"},
         {"report_id": "q3", "report_period": "2022/23", "status": "no_exceptions"}],
        [("q1-001", "q1", "library-kiosks", "amber"), ("q1-002", "q1", "depot-roof", None)],
        [("q1-001", "shortfall", 40000.0)],
    )
    changes = changes_frame(reports, exceptions, amounts)
    assert changes[["project_key", "from_period", "to_period", "change"]].values.tolist() == [
        ["depot-roof", "2020/21", "2022/23", "resolved"], ["library-kiosks", "2020/21", "2022/23", "resolved"],
    ]
    kiosks = changes.iloc[1]
    assert (kiosks["shortfall_before_gbp"], kiosks["shortfall_diff_gbp"]) == (40000, -40000)
    assert pd.isna(kiosks["status_after"]) and pd.isna(kiosks["n_exceptions_after"])


def test_copies_count_once_and_a_repeated_figure_once_but_two_figures_add() -> None:
    reports, exceptions, amounts = _tables(
        [{"report_id": "a", "report_period": "2019/20"}, {"report_id": "a-pdf", "report_period": "2019/20", "duplicate_of": "a"},
         {"report_id": "b", "report_period": "2020/21"}, {"report_id": "c", "report_period": "2020/21"}],
        [("a-001", "a", "bus-lanes", "at risk"), ("a-pdf-001", "a-pdf", "bus-lanes", "at risk"),
         ("b-001", "b", "bus-lanes", "delayed"), ("c-004", "c", "bus-lanes", "at risk"), ("c-005", "c", "skate-park", None)],
        [("a-001", "slippage", 100000.0), ("a-001", "slippage", 100000.0), ("a-pdf-001", "slippage", 100000.0),
         ("b-001", "slippage", 250000.0), ("c-004", "slippage", 250000.0), ("c-004", "slippage", 50000.0)],
    )
    changes = changes_frame(reports, exceptions, amounts).set_index("project_key")
    bus = changes.loc["bus-lanes"]
    assert (bus["change"], bus["n_exceptions_before"], bus["n_exceptions_after"]) == ("continuing", 1, 2)
    assert (bus["status_before"], bus["status_after"]) == ("at risk", "at risk; delayed")
    assert (bus["slippage_before_gbp"], bus["slippage_after_gbp"], bus["slippage_diff_gbp"]) == (100000, 300000, 200000)
    assert changes.loc["skate-park", "change"] == "new" and pd.isna(changes.loc["skate-park", "slippage_diff_gbp"])


def test_a_series_column_keeps_two_councils_apart() -> None:
    reports, exceptions, amounts = _tables(
        [{"report_id": "n1", "report_period": "2017/18", "series": "north"},
         {"report_id": "s1", "report_period": "2018/19", "series": "south"},
         {"report_id": "n2", "report_period": "2019/20", "series": "north"}],
        [("n1-001", "n1", "ring-road", None), ("s1-001", "s1", "harbour-wall", None), ("n2-001", "n2", "ring-road", None)],
        [],
    )
    changes = changes_frame(reports, exceptions, amounts)
    assert changes[["series", "project_key", "from_period", "to_period", "change"]].values.tolist() == [
        ["north", "ring-road", "2017/18", "2019/20", "continuing"],
    ]
    one_series = changes_frame(reports.drop(columns=["series"]), exceptions, amounts)
    assert one_series[["project_key", "from_period", "change"]].values.tolist() == [
        ["harbour-wall", "2017/18", "new"], ["ring-road", "2017/18", "resolved"],
        ["harbour-wall", "2018/19", "resolved"], ["ring-road", "2018/19", "new"],
    ]


def test_one_period_gives_an_empty_table_with_every_column() -> None:
    reports, exceptions, amounts = _tables([{"report_id": "x", "report_period": "2021/22"}], [("x-001", "x", "pool", None)], [])
    changes = changes_frame(reports, exceptions, amounts)
    assert changes.empty and list(changes.columns) == CHANGES_COLUMNS


def test_projects_in_three_or_more_consecutive_reports() -> None:
    periods = ["2016/17", "2017/18", "2018/19", "2019/20", "2020/21"]
    reports = pd.DataFrame([{"report_id": f"r{i}", "report_period": p, "duplicate_of": None, "status": "ok"}
                            for i, p in enumerate(periods)])
    # in reports 0-2 (3 in a row); 0-1 and 3-4 (never 3); 1-4 (4); every other report (never consecutive)
    present = {"bridge": [0, 1, 2], "depot": [0, 1, 3, 4], "canal": [1, 2, 3, 4], "museum": [0, 2, 4]}
    exceptions = pd.DataFrame([(f"r{i}-{k}", f"r{i}", k, None) for k, at in present.items() for i in at],
                              columns=["exception_id", "report_id", "project_key", "status"])
    projects = pd.DataFrame({"project_key": list(present), "name": [k.title() for k in present]})
    changes = changes_frame(reports, exceptions, pd.DataFrame(columns=["exception_id", "kind", "value_gbp"]), projects)
    with duckdb.connect() as con:
        con.register("changes", changes)
        rows = con.sql(IN_A_ROW_SQL).fetchall()
    assert rows == [("Canal", "2017/18", "2020/21", 4), ("Bridge", "2016/17", "2018/19", 3)]
