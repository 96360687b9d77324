"""End to end: the CLI on samples/ against the human gold (issue 2's acceptance bar)."""

from __future__ import annotations

import json
from dataclasses import asdict

import pandas as pd
import pytest

from tests.conftest import GOLD, SAMPLES, gold_for
from tests.scoring import load_golds, score_rows, score_tables

SAMPLE_FILES = sorted(p.name for p in SAMPLES.iterdir() if p.suffix in {".pdf", ".docx", ".txt"})


def _rows(tables: dict[str, pd.DataFrame], source_file: str) -> list[dict[str, object]]:
    df = tables["exceptions"]
    return df[df["source_file"] == source_file].astype(object).where(df.notna(), None).to_dict("records")


@pytest.mark.parametrize("source_file", SAMPLE_FILES)
def test_rows_names_programmes_exact(sample_tables: dict[str, pd.DataFrame], source_file: str) -> None:
    gold = gold_for(source_file)["exceptions"]
    scores = score_rows(gold, _rows(sample_tables, source_file))
    assert scores["rows"] == 1.0, scores
    assert scores["name"] == 1.0, scores
    assert scores["programme"] == 1.0, scores


@pytest.mark.parametrize("source_file", SAMPLE_FILES)
def test_reason_and_mitigation_text(sample_tables: dict[str, pd.DataFrame], source_file: str) -> None:
    gold = gold_for(source_file)["exceptions"]
    scores = score_rows(gold, _rows(sample_tables, source_file))
    assert scores["reason"] >= 0.97, scores
    assert scores["mitigation"] >= 0.95, scores


@pytest.mark.parametrize("source_file", SAMPLE_FILES)
def test_status_matches_gold(sample_tables: dict[str, pd.DataFrame], source_file: str) -> None:
    gold = gold_for(source_file)["exceptions"]
    assert score_rows(gold, _rows(sample_tables, source_file))["status"] == 1.0


def test_every_sample_has_an_ok_report_with_title_and_period(sample_tables: dict[str, pd.DataFrame]) -> None:
    reports = sample_tables["reports"].set_index("source_file")
    assert sorted(reports.index) == SAMPLE_FILES
    for name in SAMPLE_FILES:
        gold = gold_for(name)
        row = reports.loc[name]
        assert row["status"] == "ok"
        assert row["report_period"] == gold["report_period"]
        assert row["title"] == gold["title"]
        assert row["n_exceptions"] == len(gold["exceptions"])


def test_programmes_without_exceptions_are_recorded(sample_tables: dict[str, pd.DataFrame]) -> None:
    reports = sample_tables["reports"].set_index("source_file")
    for name in SAMPLE_FILES:
        expected = gold_for(name)["programmes_without_exceptions"]
        assert sorted(json.loads(reports.loc[name, "programmes_without_exceptions"])) == sorted(expected)


def test_every_column_of_score_py_is_perfect_on_every_sample(sample_tables: dict[str, pd.DataFrame]) -> None:
    """The samples stay at 1.000 on every column (issue 10), amounts, kinds, years included."""
    scores = score_tables(sample_tables, load_golds(GOLD))
    assert sorted(scores) == SAMPLE_FILES
    for source_file, score in scores.items():
        assert all(v == 1.0 for v in asdict(score).values()), (source_file, score)
