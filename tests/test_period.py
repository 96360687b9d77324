"""report_period: title, then file name, then what the content is written about."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from normalise.time.report_year import period_from_content, report_period
from normalise.time.years import find_fiscal_years

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLD = ROOT / "tests" / "gold"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Appendix 2: Project exceptions for 2016/17 – reasons and mitigating action", "2016/17"),
        ("Savings programme exceptions 2019-20", "2019/20"),
        ("FY 2019/20 project exceptions", "2019/20"),
        ("Budget monitoring 2019/2020: exceptions", "2019/20"),
        ("Project exceptions FY19/20", "2019/20"),
        ("Financial year 2019 to 2020 exceptions", "2019/20"),
        ("Period 9 exceptions - December 2018", "2018/19"),  # a month gives its FY
        ("Exceptions report, March 2019", "2018/19"),  # March is still the old year
        ("Exceptions report, April 2019", "2019/20"),
    ],
)
def test_title_gives_period(title: str, expected: str) -> None:
    assert report_period(title, "x.pdf", ["2030/31"]) == (expected, "title")


@pytest.mark.parametrize(
    ("file_name", "expected"),
    [
        ("2016-17_project_exceptions.txt", "2016/17"),
        ("exceptions_2019_20.pdf", "2019/20"),
        ("ASC 2017-2018 appendix.docx", "2017/18"),
        ("appendix_fy1920.docx", "2019/20"),
        ("FY20-21 exceptions.pdf", "2020/21"),
        ("uploads/2021/exceptions_2019_20.pdf", "2019/20"),  # folders are not read
        ("ASC exceptions Feb 2019.pdf", "2018/19"),
        ("exceptions_September_2018.docx", "2018/19"),
        ("report_20190204.txt", "2018/19"),  # ISO date
    ],
)
def test_file_name_gives_period(file_name: str, expected: str) -> None:
    assert report_period("Project exceptions and mitigating action", file_name, []) == (expected, "file name")


@pytest.mark.parametrize(
    "file_name",
    ["2016_appendix.txt", "appendix 2 2016.pdf", "001_27ddd22f4336295a.txt", "report-2016-2018.pdf", "v1920.txt",
     "decision_2019_notes.docx", "minutes_2019-13.txt"],
)
def test_names_without_a_financial_year(file_name: str) -> None:
    # "2016" alone, a two-year range, a hash, digits glued to a word, a word that starts
    # like a month ("decision") and an impossible month are not periods.
    assert report_period(None, file_name, []) == (None, "unknown")


def test_title_financial_year_beats_file_name_and_month() -> None:
    assert report_period("Exceptions 2018/19", "exceptions_2017_18.pdf", []) == ("2018/19", "title")
    assert report_period("Exceptions, February 2019", "exceptions_2017_18.pdf", []) == ("2017/18", "file name")


def test_iso_dates_are_not_financial_years() -> None:
    assert find_fiscal_years("approved on 2011-12-01, reviewed 2019-05") == []


@pytest.mark.parametrize(
    ("passages", "expected"),
    [
        # Present-tense cue beats a future year mentioned more often.
        (["Savings delivered to date in 2020/21 are £40k.", "The balance will slip to 2021/22.",
          "A new target for 2021/22 is proposed.", "In 2021/22 the scheme expands."], "2020/21"),
        # Past year only as "from": it is where slippage came from, not the year reported.
        (["Slippage of £0.1m from 2017/18 remains.", "The 2018/19 target is £0.3m.",
          "This is expected to be delivered by 2019/20."], "2018/19"),
        # "this financial year (2019/20)" names the year outright.
        (["Savings this financial year (2019/20) are on track; 2020/21 and 2020/21 plans follow."], "2019/20"),
        # Bare year strings: most mentioned, ties to the earliest.
        (["2017/18", "2018/19", "2018/19"], "2018/19"),
        (["2018/19", "2017/18"], "2017/18"),
        ([], None),
    ],
)
def test_period_from_content(passages: list[str], expected: str | None) -> None:
    assert period_from_content(passages) == expected


def test_future_tense_year_does_not_win() -> None:
    # Written in February: what is "anticipated"/"expected" happens next year.
    text = ("The remaining £20k is anticipated in 2020/21. Income is expected in 2020/21. "
            "The 2019/20 saving was £50k.")
    assert report_period(None, "q3.pdf", [text]) == ("2019/20", "content")


@pytest.mark.parametrize("stem", ["2016-17_project_exceptions", "2018-19_project_exceptions"])
def test_samples_match_gold(stem: str) -> None:
    gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    text = (SAMPLES / f"{stem}.txt").read_text(encoding="utf-8")
    # The gold's anonymised document name carries no year, so the sample file name cannot help.
    period, rule = report_period(gold["title"], gold["document"], [text])
    assert period == gold["report_period"]
    assert rule == ("title" if stem.startswith("2016") else "content")


def test_2018_19_sample_needs_context_not_counts() -> None:
    # 2019/20 is mentioned more often than 2018/19; only the cues ("so far in 2018/19",
    # "will be delivered in 2019/20") find the year the report is written about.
    text = (SAMPLES / "2018-19_project_exceptions.txt").read_text(encoding="utf-8")
    bare = [y.fiscal_year for y in find_fiscal_years(text)]
    assert bare.count("2019/20") > bare.count("2018/19")
    assert period_from_content([text]) == "2018/19"
    assert period_from_content(bare) == "2019/20"
