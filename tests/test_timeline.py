"""Exceptions over time: report copies, project keys across years, the timeline and DuckDB."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

import slippage
from export.database import DATABASE_NAME

SAME_PROJECT = [
    ("Shared Lives", "Investment in Shared lives"),
    ("Care and Support Centres (CSC)", "Care and Support Centres"),
    ("Reduction in long-term care placements", "Reduction in long-term care placements"),
]
DIFFERENT_PROJECTS = [
    ("Reduction in long-term care placements", "Reducing the Costs of residential Placements - Younger Adults"),
]


def _key(exceptions: pd.DataFrame, period: str, project: str) -> str:
    rows = exceptions[(exceptions["report_period"] == period) & (exceptions["project"] == project)]
    keys = set(rows["project_key"])
    assert len(keys) == 1, (project, keys)
    return str(keys.pop())


@pytest.mark.parametrize(("old", "new"), SAME_PROJECT)
def test_same_project_has_one_key_across_years(sample_tables: dict[str, pd.DataFrame], old: str, new: str) -> None:
    exc = sample_tables["exceptions"]
    assert _key(exc, "2016/17", old) == _key(exc, "2018/19", new)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_PROJECTS)
def test_different_projects_keep_different_keys(sample_tables: dict[str, pd.DataFrame], a: str, b: str) -> None:
    exc = sample_tables["exceptions"]
    for period in ("2016/17", "2018/19"):
        assert _key(exc, period, a) != _key(exc, period, b)


def test_no_two_projects_of_one_report_share_a_key(sample_tables: dict[str, pd.DataFrame]) -> None:
    exc = sample_tables["exceptions"]
    per_report = exc.groupby("report_id")["project_key"].agg(lambda k: k.duplicated().any())
    assert not per_report.any()


def test_copies_of_a_report_are_marked_and_counted_once(sample_tables: dict[str, pd.DataFrame]) -> None:
    reports = sample_tables["reports"]
    kept = reports[reports["duplicate_of"].isna()]
    assert sorted(kept["report_period"]) == ["2016/17", "2018/19"]
    assert sorted(kept["source_format"]) == ["docx", "docx"]
    copies = reports[reports["duplicate_of"].notna()]
    assert set(copies["duplicate_of"]) == set(kept["report_id"])
    timeline = sample_tables["timeline"]
    assert (timeline["n_reports"] == 1).all()
    assert timeline.groupby("report_period")["n_exceptions"].sum().to_dict() == {"2016/17": 8, "2018/19": 11}


def test_projects_table_spans_both_years_for_linked_projects(sample_tables: dict[str, pd.DataFrame]) -> None:
    projects = sample_tables["projects"].set_index("project_key")
    linked = projects[projects["n_reports"] == 2]
    assert len(linked) == 4
    assert (linked["first_period"] == "2016/17").all() and (linked["last_period"] == "2018/19").all()
    shared = linked[linked["aliases"].str.contains("Shared Lives")].iloc[0]
    assert shared["name"] == "Investment in Shared lives"  # most recent wording


def test_timeline_sums_amounts_by_kind(sample_tables: dict[str, pd.DataFrame]) -> None:
    t = sample_tables["timeline"].set_index(["name", "report_period"])
    row = t.loc[("Brokerage of Self Funders", "2018/19")]
    assert (row["saving_target_gbp"], row["income_gbp"], row["shortfall_gbp"]) == (28000, 6000, 22000)


def test_duckdb_file_answers_analyst_questions(sample_out: Path) -> None:
    with duckdb.connect(str(sample_out / DATABASE_NAME), read_only=True) as con:
        names = {r[0] for r in con.sql("SHOW TABLES").fetchall()}
        assert {"reports", "exceptions", "amounts", "years", "entities", "projects", "timeline",
                "amounts_by_year", "primary_exceptions"} <= names
        multi_year = con.sql(
            "SELECT project_key FROM timeline GROUP BY project_key HAVING COUNT(DISTINCT report_period) > 1"
        ).fetchall()
        assert len(multi_year) == 4
        at_risk = dict(con.sql("SELECT report_period, total_gbp FROM amounts_by_year WHERE kind = 'at_risk'").fetchall())
        assert at_risk == {"2016/17": 500000, "2018/19": 115000}


def test_load_returns_every_table(sample_out: Path) -> None:
    tables = slippage.load(sample_out)
    assert {"reports", "exceptions", "amounts", "years", "entities", "projects", "timeline"} <= set(tables)
    assert len(tables["exceptions"]) == 57


def test_load_names_a_folder_without_tables(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no slippage tables"):
        slippage.load(tmp_path)


def test_alias_file_links_what_no_rule_can(tmp_path: Path) -> None:
    from slippage.cli import main
    from tests.conftest import SAMPLES

    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,canonical\nReduction in Transport Budget,Direct Payments\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["ingest", str(SAMPLES / "2016-17_project_exceptions.docx"), str(SAMPLES / "2018-19_project_exceptions.docx")]
    assert main([*args, "--out", str(out), "--aliases", str(aliases), "--quiet", "--no-ner", "--no-review"]) == 0
    exc = pd.read_csv(out / "exceptions.csv")
    keys = exc.set_index("project")["project_key"]
    assert keys["Reduction in Transport Budget"] == keys["Direct Payments"]
    reasons = pd.read_csv(out / "projects.csv").set_index("project_key").loc[keys["Direct Payments"], "link_reasons"]
    assert "alias" in reasons
