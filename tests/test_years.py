"""Financial years, dates and quarters, and the financial year an amount is tied to."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalise.money.amounts import find_amounts
from normalise.time.years import column_years, find_years, fiscal_year_for, normalise_fiscal_year


@dataclass(frozen=True)
class Example:
    """A financial year as written and its YYYY/YY form (None: not a financial year)."""

    text: str
    fiscal_year: str | None


FROM_SAMPLES = [Example("2018/19", "2018/19"), Example("2019/2020", "2019/20"), Example("2015/16", "2015/16")]
NEW = [
    Example("2018-19", "2018/19"),
    Example("2018/2019", "2018/19"),
    Example("2018–19", "2018/19"),
    Example("financial year 2018-19", "2018/19"),
    Example("FY18/19", "2018/19"),
    Example("FY 2018/19", "2018/19"),
    Example("fy1819", "2018/19"),
    Example("1999/00", "1999/00"),
    Example("2018-2020", None),  # a span of years
    Example("18-64", None),  # an age band
    Example("2011-12-01", None),  # an ISO date
    Example("2018/20", None),
    Example("21/22", "2021/22"),  # the bare short form
    Example("FY 2021/22", "2021/22"),
    Example("2019-2020", "2019/20"),
    Example("20232024", "2023/24"),  # plain pdftotext joined "2023-2024" hyphenated across a line end
    Example("20232025", None),
    Example("21/23", None),
    Example("21-22", None),  # a bare short form with a dash reads as a range or an age band
]
KNOWN_FAILURES = [Example("the year ending March 2019", "2018/19")]


@pytest.mark.parametrize("example", FROM_SAMPLES + NEW, ids=[e.text for e in FROM_SAMPLES + NEW])
def test_normalise_fiscal_year(example: Example) -> None:
    assert normalise_fiscal_year(example.text) == example.fiscal_year


@pytest.mark.xfail(strict=True)
@pytest.mark.parametrize("example", KNOWN_FAILURES, ids=[e.text for e in KNOWN_FAILURES])
def test_normalise_fiscal_year_known_failures(example: Example) -> None:
    assert normalise_fiscal_year(example.text) == example.fiscal_year


def _years(text: str, period: str | None = None) -> list[tuple[str, str | None, str | None]]:
    return [(y.text, y.fiscal_year, y.date) for y in find_years(text, report_period=period)]


@pytest.mark.parametrize("text, period, expected", [
    ("not in post until mid-July 2016 due", None, [("mid-July 2016", None, "2016-07")]),
    ("Committee on 12th November 2018 approved", None, [("12th November 2018", None, "2018-11-12")]),
    ("the scheme opens in February, creating", "2018/19", [("February", None, "2019-02")]),
    ("the scheme opens in November, creating", "2018/19", [("November", None, "2018-11")]),
    ("meetings from 4th February, with", "2018/19", [("4th February", None, "2019-02-04")]),
    ("occurring in quarter 4, which", "2018/19", [("quarter 4", None, "2019-01")]),
    ("due in Q2 2019/20", None, [("Q2", None, "2019-07"), ("2019/20", "2019/20", None)]),
    ("in the third quarter", "2020/21", [("third quarter", None, "2020-10")]),
    ("on 18/07/2016 and 2016-07-18", None, [("18/07/2016", None, "2016-07-18"), ("2016-07-18", None, "2016-07-18")]),
    ("until the end of March 2019", None, [("end of March 2019", None, "2019-03")]),
    ("closed in 2018 after review", None, [("2018", None, "2018")]),
    ("this may be late; we march on", None, []),
    ("in May the board met", "2018/19", [("May", None, "2018-05")]),
    ("from 2015/16 to 2016/17", None, [("2015/16", "2015/16", None), ("2016/17", "2016/17", None)]),
    ("over 2018/19-2019/20", None, [("2018/19", "2018/19", None), ("2019/20", "2019/20", None)]),
    ("adults aged 18-64 and 65+", None, []),
    ("savings for 23/24 are on track", None, [("23/24", "2023/24", None)]),
    ("the Q2 2023/24 review", None, [("Q2", None, "2023-07"), ("2023/24", "2023/24", None)]),
    ("the 20242025 budget", None, [("20242025", "2024/25", None)]),
    ("see page 12/13 of the pack", None, []),
    ("open to 16/17 year olds", None, []),
    ("closed on 24/25 March", None, [("25 March", None, None)]),
    ("payment due 11/12/2023", None, [("11/12/2023", None, "2023-12-11")]),
    ("by 31/03/2024 or 1 July 2024", None, [("31/03/2024", None, "2024-03-31"), ("1 July 2024", None, "2024-07-01")]),
    ("from April 2024", None, [("April 2024", None, "2024-04")]),
], ids=lambda v: str(v)[:30])
def test_find_years(text: str, period: str | None, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert _years(text, period) == expected


@pytest.mark.xfail(strict=True, reason="a bare short pair of consecutive numbers is read as a financial year")
def test_bare_short_ratio_is_not_a_year() -> None:
    assert _years("a 12/13 split of the posts") == []


def test_year_offsets_index_the_text() -> None:
    text = "The project savings target for 2018/19 is now expected during 2019/20, from 4th February 2019."
    for y in find_years(text):
        assert text[y.start:y.end] == y.text


@pytest.mark.parametrize("text, nth, expected", [
    ("The £62,000 saving for 2018/19 was based on", 0, "2018/19"),
    ("There has been slippage of £0.197m savings from 2015/16 to 2016/17", 0, "2015/16"),
    ("It is projected that the 2018/19 savings target of £130,000 will be delivered in 2019/20.", 0, "2018/19"),
    ("the £0.274m slippage from last year will not be made up this year, and all of the £0.500m savings "
     "scheduled for 2018/19 are at risk", 0, None),
    ("£0.500m savings in 2017/18 is not achievable and slip £0.500m savings into 2018/19", 1, "2018/19"),
    ("will be £0.032m short of its savings target and this shortfall will be made up in 2017/18.", 0, None),
    ("In 2019/20 the service expects to save £40k.", 0, "2019/20"),
    ("A pressure of £40k, which arose in 2017/18.", 0, None),
    ("FY18/19 income: £5,000", 0, "2018/19"),
    # an apposition after a comma shares the year of the clause it adds to
    ("the forecast saving for 2023/24 is £90k, a shortfall of £15k against target.", 1, "2023/24"),
    ("Income in 2022/23 was £1.1m, i.e. £40k below plan.", 1, "2022/23"),
    ("The 2022/23 saving is £50k, and the service has made £10k so far.", 1, None),
    # a clause after an opening year phrase is about that year
    ("In 2022/23, £40k was saved on fleet hire.", 0, "2022/23"),
    ("For 2024-25, a further £15,000 is planned.", 0, "2024/25"),
    ("In 2022/23 prices rose, so £40k was lost.", 0, None),
], ids=lambda v: str(v)[:30])
def test_fiscal_year_for(text: str, nth: int, expected: str | None) -> None:
    amount = find_amounts(text)[nth]
    assert fiscal_year_for(text, amount) == expected


START = st.integers(min_value=1990, max_value=2098)
FY_STYLES = [
    lambda y: f"{y}/{(y + 1) % 100:02d}",
    lambda y: f"{y}-{(y + 1) % 100:02d}",
    lambda y: f"{y}/{y + 1}",
    lambda y: f"{y}-{y + 1}",
    lambda y: f"{y} / {(y + 1) % 100:02d}",
    lambda y: f"{y}–{(y + 1) % 100:02d}",
    lambda y: f"financial year {y}-{(y + 1) % 100:02d}",
    lambda y: f"FY {y}/{(y + 1) % 100:02d}",
]


@given(START, st.sampled_from(range(len(FY_STYLES))))
def test_every_fiscal_year_style_normalises(year: int, style: int) -> None:
    text = FY_STYLES[style](year)
    want = f"{year}/{(year + 1) % 100:02d}"
    assert normalise_fiscal_year(text) == want
    assert [y.fiscal_year for y in find_years(f"savings for {text} are due")] == [want]


@given(st.integers(min_value=0, max_value=98))
def test_short_fy_style_normalises(yy: int) -> None:
    assert normalise_fiscal_year(f"FY{yy:02d}/{yy + 1:02d}") == f"{2000 + yy}/{yy + 1:02d}"


@given(st.text(max_size=40))
def test_find_years_never_raises(text: str) -> None:
    find_years(text, report_period="2018/19")


@pytest.mark.parametrize("header, cell, expected", [
    ("Target date", "Q3 2021/22", [("Q3", None, "2021-10"), ("2021/22", "2021/22", None)]),
    ("Revised completion date", "31/03/2024", [("31/03/2024", None, "2024-03-31")]),
    ("By when", "end of Q2 2023/24", [("Q2", None, "2023-07"), ("2023/24", "2023/24", None)]),
    ("Timescale", "FY 2024/25", [("FY 2024/25", "2024/25", None)]),
    ("Due", "April 2024", [("April 2024", None, "2024-04")]),
    ("Year of delivery", "24/25", [("24/25", "2024/25", None)]),
    ("RAG", "2021/22", []),  # not a date column
    ("2019/20 £000", "850", []),  # a money column: its header year belongs to its amounts
], ids=lambda v: str(v)[:25])
def test_column_years(header: str, cell: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert [(y.text, y.fiscal_year, y.date) for y in column_years(header, cell)] == expected
