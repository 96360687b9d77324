"""Money-column cells: the unit a header declares, the figure a cell holds, and what the figure is.

A money column is read as a whole header (spanning parent rows joined before the child:
"Savings £000 Target", "2019/20 £000", "Slippage £m") and one cell per row. Three small
pure functions do the reading, each returning None on what it cannot read:

- `header_money_unit(header)`: pounds per cell unit ("£000" -> 1000, "£m" -> 1000000,
  "£" -> 1), None when the header names no unit;
- `money_cell_value(text)`: the signed figure of a cell that is one money figure and
  nothing else ("(0.30)" -> -0.30, "£62,000" -> 62000), None for "-", "n/a", "Q3",
  "2019/20", dates, "12 units" — so table-understanding code can score a column by how
  many of its cells read as money;
- `column_kind(header, value)`: the first of `COLUMN_RULES` whose pattern the header
  matches, with the kind chosen by the value's sign where the sign changes the meaning
  (a negative variance is a shortfall, a positive one an over-achievement).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from normalise.money.model import Amount
from normalise.money.patterns import CURRENCY_FIRST_RE, NUMBER, SCALE, SCALE_WORDS
from normalise.money.scale_words import scaled, tidy
from normalise.time.years import find_fiscal_years

# The unit a money column header declares: "£000", "£'000", "£000's", "(£k)", "£m",
# "£ million", "£", "GBP", and "'000" / "(000s)" written without the currency.
HEADER_UNIT_RE = re.compile(
    r"""
    (?:£|\bGBP\b)\s*['’]?\s*                                   # the currency, maybe "£'000" or "£ 000"
    (?P<unit>000|thousands?|millions?|billions?|bn|mn|m|k)?    # the unit, if any
    (?:s|['’]s)?                                               # "£000s", "£000's"
    (?![a-z0-9])                                               # not the start of a word or longer number
    | (?<![\w£.,])\(?['’](?P<bare>000)(?:s|['’]s)?\)?(?![\w])  # "'000", "('000s)": thousands, currency implied
    | (?<![\w£.,])\((?P<paren>000)s?\)                          # "(000)", "(000s)"
    """,
    re.VERBOSE | re.IGNORECASE,
)

_UNIT_VALUES = {"000": Decimal(1_000), "thousands": Decimal(1_000), "millions": Decimal(1_000_000),
                "billions": Decimal(1_000_000_000)} | SCALE_WORDS

# A cell that is one money figure and nothing else: "1,781", "(0.30)", "-55", "£62,000",
# "£(1,781)", "(£1.2m)", "−0.20" (a Unicode minus), "0".
CELL_FIGURE_RE = re.compile(
    rf"""
    \s*(?P<neg>[-–−]\s?)?             # a minus sign, ASCII, en dash or Unicode minus
    (?P<open>\()?\s?                  # accounting brackets around the whole figure: "(1,781)", "(£1.2m)"
    (?P<cur>£|GBP\s?)?                # a currency sign the cell repeats
    (?P<open2>\()?                    # or brackets after the sign: "£(1,781)"
    (?P<num>{NUMBER})                 # the figure
    (?(open2)\))                      # the inner bracket closes
    (?:\s?(?P<scale>{SCALE})(?![a-z]))?   # the cell's own scale word, which beats the header's unit
    \s?(?(open)\))                    # the outer bracket closes
    (?:\s?[*†‡]+|\s?\[\d\])?\s*         # a footnote mark: "400*", "1.25 [2]"
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class CellFigure:
    """The one figure a money cell holds: signed value as written, and what the cell wrote beside it."""

    value: Decimal
    has_scale: bool
    has_currency: bool


@dataclass(frozen=True, slots=True)
class ColumnRule:
    """A header pattern and the kind of figure under it, by the figure's sign."""

    pattern: re.Pattern[str]
    positive: str
    negative: str
    zero: str


def _rule(pattern: str, positive: str, negative: str | None = None, zero: str | None = None) -> ColumnRule:
    """Given a header pattern and kinds, return the rule (negative and zero default to the positive kind)."""
    return ColumnRule(re.compile(pattern, re.IGNORECASE), positive, negative or positive, zero or positive)


# What a money column holds, read from its whole header; first match wins, so the specific
# meanings come before the broad "saving"/"target" and the bare year column.
COLUMN_RULES: list[ColumnRule] = [
    # revenue budget monitoring: "Forecast over/(under) spend": a negative figure is an underspend
    _rule(r"over\s*/\s*\(?under\)?\s*spend|\(?under\)?\s*/\s*over\s*spend", "overspend", "other", "other"),
    # budget monitoring and capital tables: "Overspend £000", "Budget pressure £k"
    _rule(r"over[-\s]?spen[dt]|pressure", "overspend"),
    # savings trackers: "Shortfall (£k)", "Savings gap £000", "Under-delivery £m", "Unachievable £000"
    _rule(r"short\s?fall|under[-\s]?(?:deliver|achiev|recover)|un(?:achiev|deliver|met)|\bgap\b|deficit", "shortfall"),
    # savings trackers and risk registers: "Savings at risk £'000", "Value at risk £m"
    _rule(r"\brisk", "at_risk"),
    # savings trackers: "Over-achievement £000", "Surplus £k"
    _rule(r"over[-\s]?(?:achie|deliver)|surplus", "over_achievement"),
    # savings variance tables (target vs achieved): below target is negative (budget tables: see BUDGET_VARIANCE)
    VARIANCE_COLUMN := _rule(r"varian|\+\s*/\s*[-–]|difference|\bvar\b", "over_achievement", "shortfall", "other"),
    # capital programme slippage reports: a negative slippage is spend forecast above budget
    _rule(r"slip|defer|carr(?:y|ied)[-\s]+forward|re-?profil|re-?phas|roll(?:ed)?[-\s]*(?:forward|over)", "slippage", "overspend"),
    # capital and revenue budget tables: budget, outturn and spend-to-date levels, not savings or variances
    _rule(r"outturn|budget(?!ed\s+sav|\s+reduction|\s+sav)|allocation|approved|estimate\b|cash\s+limit"
          r"|(?:forecast|actual)\s+(?:spend|expenditure)|(?:spend|spent|expenditure)\s+(?:to\s+date|so\s+far|ytd)", "other"),
    # unit cost tables: "Weekly rate £", "Unit cost £", "Cost per placement £"
    _rule(r"\brates?\b|unit\s+(?:cost|price)|\bper\s+(?:week|hour|day|unit|head|place|bed|household|annum|placement)", "rate"),
    # project cost tables: "Cost £m", "Estimated cost £k", "Expenditure £000" (not "Cost saving £000")
    _rule(r"^(?!.*sav).*(?:spend|spent|expenditure|\bcosts?\b)", "cost"),
    # income monitoring: "Income £000", "Fees and charges £k", "Grant £m", "Income achieved £k"
    _rule(r"income|revenue|receipts|grant|fees|charges", "income"),
    # savings trackers: what is banked so far
    _rule(r"achieved|delivered|actual|realised|realized|to\s+date|banked|secured", "saving_achieved"),
    # savings trackers: what is expected by year end
    _rule(r"forecast|projected|projection|expected|anticipated|estimated|likely|achievable|deliverable"
          r"|revised(?!\s+(?:target|budget))", "saving_projected"),
    # savings trackers: "Target £000", "Saving £k", "MTFS saving", "Budget reduction £000"
    _rule(r"target|saving|budget\s+reduction|mtfs|proposal|\bplan(?:ned)?\b", "saving_target"),
    # savings trackers with one column per year: "2019/20 £000", "FY21/22 £k", "21/22 £000"
    YEAR_COLUMN := _rule(r"(?:19|20)\d\d\s?[/\\–-]\s?\d\d|\bFY\s?\d\d|\b\d\d/\d\d\b", "saving_target"),
]

# Headers that make a table a budget or capital profile, whose bare year columns are spend levels, not savings
# ("Scheme | Budget £m | 2023/24 £m | 2024/25 £m"); a savings word anywhere keeps it a savings tracker.
BUDGET_TABLE_RE = re.compile(r"budget|outturn|spend|expenditure|slippage|capital|allocation", re.IGNORECASE)
SAVINGS_TABLE_RE = re.compile(r"sav|target|achiev|deliver|mtfs|efficienc", re.IGNORECASE)
# What a savings word means in such a table: a year, "Forecast" or "Actual" column is a spend level.
BUDGET_TABLE_KINDS = {"saving_target": "other", "saving_projected": "other", "saving_achieved": "other"}
BUDGET_VARIANCE = "overspend"  # a positive variance of a budget or capital table


def header_money_unit(header: str) -> Decimal | None:
    """Given a column header, return the pounds one cell unit is worth; None if it names no money unit.

    >>> [header_money_unit(h) for h in ("Shortfall (£k)", "Savings £000 Target", "Slippage £m", "£ million")]
    [Decimal('1000'), Decimal('1000'), Decimal('1000000'), Decimal('1000000')]
    >>> [header_money_unit(h) for h in ("Saving (£)", "Value '000", "Variance", "RAG")]
    [Decimal('1'), Decimal('1000'), None, None]
    """
    m = HEADER_UNIT_RE.search(header)
    if not m:
        return None
    unit = (m.group("unit") or m.group("bare") or m.group("paren") or "").lower()
    return _UNIT_VALUES.get(unit, Decimal(1))


def read_cell(text: str) -> CellFigure | None:
    """Given a cell's text, return its one money figure, or None if the cell is not exactly one figure.

    >>> read_cell("(0.30)"), read_cell("-")
    (CellFigure(value=Decimal('-0.30'), has_scale=False, has_currency=False), None)
    """
    m = CELL_FIGURE_RE.fullmatch(text)
    if not m:
        return None
    value = scaled(m.group("num"), m.group("scale"))
    if value is None:
        return None
    negative = bool(m.group("neg")) != bool(m.group("open") or m.group("open2"))
    return CellFigure(-value if negative else value, bool(m.group("scale")), bool(m.group("cur")))


def money_cell_value(text: str) -> Decimal | None:
    """Given a cell's text, return its signed figure as written (own scale word applied), else None.

    >>> [money_cell_value(t) for t in ("1,781", "(0.30)", "-55", "£62,000", "0", "£1.2m")]
    [Decimal('1781'), Decimal('-0.30'), Decimal('-55'), Decimal('62000'), Decimal('0'), Decimal('1200000')]
    >>> [money_cell_value(t) for t in ("Q3", "ASC-03", "2019/20", "31/03/2022", "12 units", "-", "n/a", "")]
    [None, None, None, None, None, None, None, None]
    """
    figure = read_cell(text)
    return None if figure is None else figure.value


def column_kind(header: str, value: Decimal | None, *, table_headers: Sequence[str] = ()) -> str:
    """Given a money column's whole header, a cell's value and the table's headers, return the figure's kind.

    In a table whose other headers make it a budget or capital profile (and say nothing of
    savings), year, "Forecast" and "Actual" columns are spend levels ("other").

    >>> column_kind("Savings £000 Variance", Decimal(-150)), column_kind("Savings £000 Variance", Decimal(120))
    ('shortfall', 'over_achievement')
    >>> column_kind("Slippage £m", Decimal("-0.2")), column_kind("2019/20 £000", Decimal(850)), column_kind("£m", None)
    ('overspend', 'saving_target', 'other')
    >>> column_kind("2023/24 £m", Decimal(2), table_headers=["Scheme", "Budget £m", "2023/24 £m"])
    'other'
    >>> [column_kind("Variance £k", Decimal(v), table_headers=["Scheme", "Budget £k", "Outturn £k", "Variance £k"]) for v in (40, -25)]
    ['overspend', 'other']
    """
    for rule in COLUMN_RULES:
        if rule.pattern.search(header):
            if value is None or value > 0:
                kind = rule.positive
            else:
                kind = rule.negative if value < 0 else rule.zero
            if not _budget_table(table_headers):
                return kind
            if rule is VARIANCE_COLUMN:
                # budget and capital monitoring: variance = forecast - budget, so above budget is an
                # overspend and below it an underspend (a level, "other"), not savings over or under target
                return BUDGET_VARIANCE if value is not None and value > 0 else "other"
            return BUDGET_TABLE_KINDS.get(kind, kind)
    return "other"


def _budget_table(headers: Sequence[str]) -> bool:
    """Given a table's headers, return whether they describe a budget profile rather than savings."""
    text = " ".join(headers)
    return bool(BUDGET_TABLE_RE.search(text)) and not SAVINGS_TABLE_RE.search(text)


def _cell_value(figure: CellFigure, unit: Decimal | None) -> Decimal | None:
    """Given a cell's figure and its header's unit, return the value in pounds, None if not money."""
    if figure.has_scale:
        return figure.value
    if unit is not None:
        return tidy(figure.value * unit)
    return figure.value if figure.has_currency else None


def _explicit_amounts(text: str, unit: Decimal | None) -> list[tuple[str, Decimal]]:
    """Given a cell holding more than one figure, return its £ figures as (text, pounds) (e.g. "£1.2m (revised)")."""
    out = []
    for m in CURRENCY_FIRST_RE.finditer(text):
        value = scaled(m.group("num"), m.group("scale"))
        if value is None or m.group("num_hi"):
            continue
        if not m.group("scale") and unit is not None:
            value = tidy(value * unit)
        out.append((m.group(0).strip(), -value if (m.group("neg") or m.group("open")) else value))
    return out


def table_amounts(header: str, cell_text: str, *, table_headers: Sequence[str] = ()) -> list[Amount]:
    """Given a money column's whole header and one row's cell, return the cell's money as amounts.

    Args:
        header: the column's header text, spanning parent header rows joined before the
            child by " " ("Savings £000 Target").
        cell_text: the cell's text.
        table_headers: the whole headers of the table's other columns, if known; they tell a
            capital or budget profile's year columns from a savings tracker's.

    Returns:
        One amount for a cell that is one figure (value = figure x the header's unit, or
        as written when the cell writes its own scale or, under a header without a unit,
        its own "£"); the £ figures of a cell holding more text; nothing for "-", "nil",
        "n/a" or an empty cell. Kind from `COLUMN_RULES`; fiscal_year from a year the
        header names.

    >>> [(a.value_gbp, a.kind, a.fiscal_year) for a in table_amounts("2019/20 £000", "850")]
    [(Decimal('850000'), 'saving_target', '2019/20')]
    >>> [(a.value_gbp, a.kind) for a in table_amounts("Savings £000 Variance", "(150)")]
    [(Decimal('-150000'), 'shortfall')]
    >>> table_amounts("Slippage £m", "-"), table_amounts("Target", "400")
    ([], [])
    """
    unit = header_money_unit(header)
    figure = read_cell(cell_text)
    if figure is not None:
        value = _cell_value(figure, unit)
        found = [] if value is None else [(cell_text.strip(), value)]
    else:
        found = _explicit_amounts(cell_text, unit)
    fy = next((y.fiscal_year for y in find_fiscal_years(header)), None)
    return [Amount(text, value, None, None, column_kind(header, value, table_headers=table_headers), fy, source="table")
            for text, value in found]
