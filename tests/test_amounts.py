"""Amount parsing and finding, price-parser style: examples grouped by origin, then properties."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalise.money.amounts import Amount, find_amounts, parse_amount, table_amounts


@dataclass(frozen=True)
class Example:
    """A money expression as written and the value it must parse to."""

    text: str
    value: Decimal | None


FROM_SAMPLES = [
    Example("£0.025m", Decimal(25_000)),
    Example("£62,000", Decimal(62_000)),
    Example("£1,489,832", Decimal(1_489_832)),
    Example("£2.5 million", Decimal(2_500_000)),
    Example("£0.1m", Decimal(100_000)),
    Example("£2.000m", Decimal(2_000_000)),
    Example("more than £1,600", Decimal(1_600)),  # an NER span
    Example("0.025", Decimal("0.025")),  # what NER returns for "£0.025m": the scale is gone
    Example("15.1%", None),
]
NEW = [
    Example("£115k", Decimal(115_000)),
    Example("£1.2bn", Decimal(1_200_000_000)),
    Example("£ 62,000", Decimal(62_000)),
    Example("62,000 pounds", Decimal(62_000)),
    Example("GBP 1,000", Decimal(1_000)),
    Example("£0.5M", Decimal(500_000)),
    Example("£250K", Decimal(250_000)),
    Example("£3 thousand", Decimal(3_000)),
    Example("£2.5million", Decimal(2_500_000)),
    Example("(1,781)", Decimal(-1_781)),
    Example("-£1,781", Decimal(-1_781)),
    Example("£(1,781)", Decimal(-1_781)),
    Example("£-1,781", Decimal(-1_781)),
    Example("£1.50", Decimal("1.50")),
    Example("£1m-£2m", None),  # a range is two amounts, not one
    Example("2018/19", None),
    Example("nothing here", None),
    Example("", None),
]
KNOWN_FAILURES = [
    Example("five thousand pounds", Decimal(5_000)),  # number words are not read
    Example("£1.2 bil", Decimal(1_200_000_000)),  # rare abbreviation not in SCALE_WORDS
]


@pytest.mark.parametrize("example", FROM_SAMPLES, ids=[e.text for e in FROM_SAMPLES])
def test_parse_amount_from_samples(example: Example) -> None:
    assert parse_amount(example.text) == example.value


@pytest.mark.parametrize("example", NEW, ids=[e.text or "empty" for e in NEW])
def test_parse_amount_new(example: Example) -> None:
    assert parse_amount(example.text) == example.value


@pytest.mark.xfail(strict=True)
@pytest.mark.parametrize("example", KNOWN_FAILURES, ids=[e.text for e in KNOWN_FAILURES])
def test_parse_amount_known_failures(example: Example) -> None:
    assert parse_amount(example.text) == example.value


def _found(text: str, **kw: str) -> list[tuple[str, Decimal | None]]:
    return [(a.text, a.value_gbp) for a in find_amounts(text, **kw)]


def test_find_amounts_offsets_index_the_text() -> None:
    text = "Actual savings total £1,489,832 and are projected to be £1,608,787 by year end."
    for a in find_amounts(text):
        assert text[a.start:a.end] == a.text
    assert _found(text) == [("£1,489,832", Decimal(1_489_832)), ("£1,608,787", Decimal(1_608_787))]


@pytest.mark.parametrize("text, expected", [
    ("a range of £1m-£2m", [("£1m", Decimal(1_000_000)), ("£2m", Decimal(2_000_000))]),
    ("between £50,000 and £75,000", [("£50,000", Decimal(50_000)), ("£75,000", Decimal(75_000))]),
    ("costs of £1-2m", [("£1", Decimal(1_000_000)), ("2m", Decimal(2_000_000))]),
    ("£50k to £75k", [("£50k", Decimal(50_000)), ("£75k", Decimal(75_000))]),
], ids=["dash", "between-and", "shared-scale", "to"])
def test_ranges_are_two_mentions(text: str, expected: list[tuple[str, Decimal]]) -> None:
    assert _found(text) == expected


def test_range_partners_share_kind() -> None:
    kinds = {a.kind for a in find_amounts("There is a shortfall of between £50,000 and £75,000.")}
    assert kinds == {"shortfall"}


def test_lower_figure_of_shared_scale_range_is_flagged() -> None:
    low, high = find_amounts("costs of £1-2m")
    assert low.scale_inferred and not high.scale_inferred


def test_parenthetical_amount_in_prose_is_positive() -> None:
    assert _found("deliver this project's savings target (£134,000).") == [("£134,000", Decimal(134_000))]


def test_year_after_to_is_not_a_range() -> None:
    assert _found("slip £62,000 to 2019/20") == [("£62,000", Decimal(62_000))]


def test_bare_figure_inherits_scale_written_earlier() -> None:
    text = "An under delivery of £0.025m savings. The £0.025 short fall will be made up."
    first, second = find_amounts(text)
    assert (second.text, second.value_gbp, second.scale_inferred) == ("£0.025", Decimal(25_000), True)
    assert not first.scale_inferred


def test_scale_hint_applies_only_to_implausibly_small_figures() -> None:
    found = find_amounts("a saving of £0.4 and a fee of £1,600", scale_hint="m")
    assert [(a.value_gbp, a.scale_inferred) for a in found] == [(Decimal(400_000), True), (Decimal(1_600), False)]


def test_no_hint_keeps_small_figure() -> None:
    assert _found("a charge of £0.45") == [("£0.45", Decimal("0.45"))]


def test_table_amounts_scale_sign_and_kind() -> None:
    """The money-column reader is re-exported where the pipeline imports it (detail in test_table_money.py)."""
    assert table_amounts("Savings at risk £'000", "(1,781)") == [
        Amount("(1,781)", Decimal(-1_781_000), None, None, "at_risk", None, False, "table")]
    (a,) = table_amounts("2018/19 Target £000's", "£1.2m")
    assert (a.value_gbp, a.fiscal_year, a.kind) == (Decimal(1_200_000), "2018/19", "saving_target")
    assert table_amounts("Project", "120") == []


@dataclass(frozen=True)
class Found:
    """A sentence and the (text, value) of every amount that must be found in it, in order."""

    text: str
    amounts: tuple[tuple[str, Decimal], ...]


# The text forms the corpus README lists, each in sentences of our own about other services.
TEXT_FORMS = [
    Found("Fleet fuel spend reached £2.5M by month 9.", (("£2.5M", Decimal(2_500_000)),)),
    Found("The trading account shows £2,250k of income.", (("£2,250k", Decimal(2_250_000)),)),
    Found("A further £175K is needed for the bridge.", (("£175K", Decimal(175_000)),)),
    Found("The authority's capital programme is £0.8bn over ten years.", (("£0.8bn", Decimal(800_000_000)),)),
    Found("Cemetery extension works are now put at 2.5 million pounds.", (("2.5 million pounds", Decimal(2_500_000)),)),
    Found("Allotment rents are running at -£15k against budget.", (("-£15k", Decimal(-15_000)),)),
    Found("The net position on the depot move is £(0.4)m.", (("£(0.4)m", Decimal(-400_000)),)),
    Found("Legal fees of £9,999.99 were written off.", (("£9,999.99", Decimal("9999.99")),)),
    Found("Overruns of £0.1m–£0.25m are possible.", (("£0.1m", Decimal(100_000)), ("£0.25m", Decimal(250_000)))),
    Found("A claim of £40K–£55K is expected.", (("£40K", Decimal(40_000)), ("£55K", Decimal(55_000)))),
    Found("The estimate rose from £600,000 to 1.2 million pounds.",
          (("£600,000", Decimal(600_000)), ("1.2 million pounds", Decimal(1_200_000)))),
    Found("Quotes ranged from £800 to 1.2m.", (("£800", Decimal(800)), ("1.2m", Decimal(1_200_000)))),
    Found("Permits cost £12 per permit per year.", (("£12", Decimal(12)),)),
    Found("Tenders came in at £50-£75k.", (("£50", Decimal(50_000)), ("£75k", Decimal(75_000)))),  # one scale for both
    Found("between £5 and £7.5m of works", (("£5", Decimal(5_000_000)), ("£7.5m", Decimal(7_500_000)))),
    Found("Quotes of £800-£1.2m were received.", (("£800", Decimal(800)), ("£1.2m", Decimal(1_200_000)))),
    Found("The ledger shows £-0.2m on the depot.", (("£-0.2m", Decimal(-200_000)),)),  # spreadsheet export
    Found("A spaced range of £1.5m - £2m.", (("£1.5m", Decimal(1_500_000)), ("£2m", Decimal(2_000_000)))),
    Found("An en-dash range £1.5m – £2m.", (("£1.5m", Decimal(1_500_000)), ("£2m", Decimal(2_000_000)))),
    Found("A cost of £ 1.5 million pounds.", (("£ 1.5 million", Decimal(1_500_000)),)),
]


@pytest.mark.parametrize("case", TEXT_FORMS, ids=[c.text[:35] for c in TEXT_FORMS])
def test_text_forms(case: Found) -> None:
    found = find_amounts(case.text)
    assert tuple((a.text, a.value_gbp) for a in found) == case.amounts
    assert all(case.text[a.start:a.end] == a.text for a in found)


# Property: any value printed in any supported style parses back to the same value.
pounds = st.integers(min_value=0, max_value=10**12)


def _commas(n: int) -> str:
    return f"{n:,}"


STYLES = [
    lambda n: f"£{_commas(n)}",
    lambda n: f"£{n}",
    lambda n: f"£ {_commas(n)}",
    lambda n: f"{_commas(n)} pounds",
    lambda n: f"GBP {_commas(n)}",
    lambda n: f"£{format(Decimal(n) / 1000, 'f')}k",
    lambda n: f"£{format(Decimal(n) / 1_000_000, 'f')}m",
    lambda n: f"£{format(Decimal(n) / 1_000_000, 'f')} million",
    lambda n: f"£{format(Decimal(n) / 1_000_000_000, 'f')}bn",
]


@given(pounds, st.sampled_from(range(len(STYLES))))
def test_every_style_parses_back(n: int, style: int) -> None:
    text = STYLES[style](n)
    assert parse_amount(text) == Decimal(n)
    (a,) = find_amounts(f"a saving of {text} this year")
    assert a.value_gbp == Decimal(n) and a.text == text


@given(pounds)
def test_negative_styles_parse_back(n: int) -> None:
    for text in (f"-£{_commas(n)}", f"£({_commas(n)})", f"({_commas(n)})"):
        assert parse_amount(text) == -Decimal(n)


@given(st.text(max_size=40))
def test_parse_amount_never_raises(text: str) -> None:
    parse_amount(text)
    find_amounts(text)


@pytest.mark.parametrize("text, expected", [
    ("Savings of £1.2m (2022/23) and £0.8m (2023/24) are at risk.", [("at_risk", "2022/23"), ("at_risk", "2023/24")]),
    ("Fees of £40k and a further £15k are at risk.", [("at_risk", None), ("at_risk", None)]),
    ("A shortfall of £40k or £55k is likely.", [("shortfall", None), ("shortfall", None)]),
    ("Income of £6,000 and a target of £28,000.", [("income", None), ("saving_target", None)]),  # not a list: own nouns
], ids=lambda v: str(v)[:30])
def test_listed_amounts_share_their_kind_not_their_year(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(a.kind, a.fiscal_year) for a in find_amounts(text)] == expected
