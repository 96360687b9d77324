"""Two budget-monitoring variance layouts of invented councils, each with the records it must give.

l9:  "Scheme | Budget £'000 | Forecast £'000 | Variance £'000 | Explanation of variance | Management
     action": programme rows in bold merged across the table, a bold sub-total row closing each
     programme and a grand total; bracketed negatives with thousands separators, (1,781).
l10: "Ref | Project | 2023/24 budget £m | Outturn forecast £m | Slippage to 2024/25 £m | Over /
     (under) spend £m | Commentary" under programme headings above each table; year-named money
     columns, an en dash for nil, and one commentary holding "Reason:" and "Action being taken:".
"""

from __future__ import annotations

from typing import Any

from capital_variance import millions, variance_scheme
from model import Heading, Layout, Money, Para, Record, Row, Table
from money_tables import thousands

# --- l9: budget monitoring with sub-totals -----------------------------------------------------


def _variance_kind(value: int) -> str:
    """Given a variance (forecast minus budget) in pounds, return its kind: overspend above budget, else other."""
    return "overspend" if value > 0 else "other"


def _l9_scheme(*args: Any, **kwargs: Any) -> tuple[Row, Record]:
    """Given one scheme's cells in £'000 and its texts, return its table row and gold record (as l6's, in thousands)."""
    return variance_scheme(*args, **kwargs, unit=thousands)


_HOUSING = "Housing and Regeneration"
_LEISURE = "Environment and Leisure"
L9_SCHEMES = (
    _l9_scheme(_HOUSING, "Council house new build – Phase 2, Oakfield Road", ("6,450", "4,669", "(1,781)"),
               "The main contractor went into administration in October and works stopped on site for nine weeks, so "
               "£1.781m of this year's budget will slip into 2025/26.",
               "A replacement contractor was appointed through the regional framework in December and the revised "
               "programme will be reported to Cabinet in February.",
               (Money("£1.781m", 1781000, "reason", "slippage", "2025/26"),), ("2025/26",),
               "'(1,781)' under £'000 is -1,781,000, an underspend (kind other); the £1.781m slipping into 2025/26 is "
               "slippage of that year."),
    _l9_scheme(_HOUSING, "Disabled facilities grants", ("1,900", "2,212", "312"),
               "Demand for major adaptations has risen by 22% and the average cost of a case has increased to £14,500.",
               "The overspend will be met from the Better Care Fund allocation of £312k, and the criteria for "
               "discretionary grants are under review.",
               (Money("£14,500", 14500, "reason", "cost"), Money("£312k", 312000, "mitigation", "income")),
               notes="Positive variance: overspend. The Better Care Fund allocation is a grant (income)."),
    _l9_scheme(_LEISURE, "Riverside leisure centre refurbishment", ("3,200", "3,295", "95"),
               "Asbestos found in the plant room ceiling had to be removed before the new air handling units could be "
               "fitted.",
               "The additional £95k will be funded from the leisure capital contingency, and the contractor has "
               "re-sequenced the works to keep the pool open.",
               (Money("£95k", 95000, "mitigation", "overspend"),), notes="The additional £95k above budget is overspend."),
    _l9_scheme(_LEISURE, "Waste vehicle fleet replacement", ("2,750", "2,140", "(610)"),
               "The manufacturer has put back delivery of six electric refuse collection vehicles to May 2025.",
               "Hired vehicles will cover the rounds until delivery, and £610k will be carried forward to 2025/26.",
               (Money("£610k", 610000, "mitigation", "slippage", "2025/26"),), ("2025/26",), "May 2025 is a month."),
    _l9_scheme(_LEISURE, "Parks play area renewal", ("480", "394", "(86)"),
               "Two of the five sites need planning consent for the new equipment.",
               "Applications were submitted in November and the remaining sites will be completed in the first quarter "
               "of next year.", notes="'next year' is not a written year."),
)


def _l9_rows() -> tuple[Row, ...]:
    """Return l9's body rows: per programme a merged bold heading row, its schemes and a bold sub-total row."""
    totals = {_HOUSING: ("8,350", "6,881", "(1,469)"), _LEISURE: ("6,430", "5,829", "(601)")}
    rows: list[Row] = []
    for programme, total in totals.items():
        rows.append(Row(((programme,),), bold=True, span=True))
        rows += [row for row, record in L9_SCHEMES if record.programme == programme]
        rows.append(Row(((f"{programme} total",), *((t,) for t in total), ("",), ("",)), bold=True))
    return (*rows, Row((("Total capital programme",), ("14,780",), ("12,710",), ("(2,070)",), ("",), ("",)), bold=True))


L9 = Layout(
    stem="l9_budget_monitoring_subtotals_2024-25_q3",
    title="Thornbury Vale Borough Council – Budget Monitoring 2024/25, Quarter 3: Capital Schemes with Significant "
          "Variances",
    report_period="2024/25",
    notes="One ruled table; programme rows in bold merged across the table are the programme of the schemes under them; "
          "the bold '<programme> total' sub-total rows and the 'Total capital programme' row are not records. reason = "
          "Explanation of variance, mitigation = Management action. Money columns in £'000 (x1,000) with thousands "
          "separators: Budget and Forecast are kind other; Variance (forecast minus budget) is overspend when positive and "
          "other (an underspend) when bracketed; headers name no year, so table amounts have fiscal_year null. The £2.07m "
          "in the introduction belongs to no record.",
    blocks=(
        Para("The capital programme is forecast to underspend by £2.07m in 2024/25. Schemes with a variance above £50,000 "
             "are explained below."),
        Table(("Scheme", "Budget £'000", "Forecast £'000", "Variance £'000", "Explanation of variance", "Management action"),
              _l9_rows(), (20, 8, 8, 8, 28, 28)),
    ),
    records=tuple(record for _, record in L9_SCHEMES),
    landscape=True,
    borderless_pdf=True,
)


# --- l10: capital monitoring with year-named money columns --------------------------------------

def _l10_money(budget: str, forecast: str, slip: str, over: str) -> tuple[Money, ...]:
    """Given one project's £m cells, return their gold amounts ('–' is no amount)."""
    out = [Money(budget, millions(budget), "table", "other", "2023/24"), Money(forecast, millions(forecast), "table", "other")]
    if slip != "–":
        out.append(Money(slip, millions(slip), "table", "slippage", "2024/25"))
    if over != "–":
        out.append(Money(over, millions(over), "table", _variance_kind(millions(over))))
    return tuple(out)


def _l10_project(programme: str, ref: str, name: str, money: tuple[str, str, str, str], reason: str, action: str,
                 own_paragraph: bool, text_amounts: tuple[Money, ...] = (), years: tuple[str, ...] = (),
                 notes: str = "") -> tuple[Row, Record]:
    """Given one project's cells and its commentary parts, return its row and record (labels in neither field)."""
    parts = [f"**Reason:** {reason}"] + ([f"**Action being taken:** {action}"] if action else [])
    commentary = tuple(parts) if own_paragraph else (" ".join(parts),)
    return (Row(((ref,), (name,), *((m,) for m in money), commentary)),
            Record(name, reason, action, programme=programme, amounts=_l10_money(*money) + text_amounts,
                   fiscal_years=years, notes=notes))


_COMMUNITIES = "Communities Directorate"
_PLACE = "Economy and Place Directorate"
L10_PROJECTS = (
    _l10_project(_COMMUNITIES, "CP104", "Community hub – Westfield Library", ("2.40", "1.15", "1.25", "–"),
                 "The building contractor's programme was delayed by the discovery of a culvert under the car park.",
                 "A revised programme has been agreed with completion in July 2024, and £1.25m will slip into 2024/25.", True,
                 (Money("£1.25m", 1250000, "mitigation", "slippage", "2024/25"),), ("2024/25",),
                 "'Action being taken:' starts its own paragraph; '–' in Over / (under) spend is not an amount."),
    _l10_project(_COMMUNITIES, "CP107", "Cemetery extension – Hill Lane", ("0.85", "0.97", "–", "0.12"),
                 "Ground conditions needed deeper drainage than the design allowed, at an extra cost of £120k.",
                 "Savings on the chapel works will offset half of the overspend and the balance will be met from the capital "
                 "contingency.", False, (Money("£120k", 120000, "reason", "cost"),), notes="Inline labels."),
    _l10_project(_COMMUNITIES, "CP112", "Sports pitch improvements", ("0.60", "0.38", "0.22", "–"),
                 "Drainage works cannot start until the football season ends.", "", False,
                 notes="Only a 'Reason:' label: mitigation ''."),
    _l10_project(_PLACE, "CP201", "Town centre public realm – Market Square", ("4.10", "2.60", "1.50", "–"),
                 "The utility diversions have taken eight weeks longer than the statutory undertaker programmed.",
                 "Paving will be phased so that the market can keep trading; the Future High Streets Fund grant of £3.2m "
                 "remains available until March 2025.", True, (Money("£3.2m", 3200000, "mitigation", "income"),),
                 notes="The grant is income; March 2025 is a month."),
    _l10_project(_PLACE, "CP205", "Business park access road", ("1.75", "1.98", "–", "0.23"),
                 "Steel and concrete prices have risen since the tender, adding £0.23m to the forecast.",
                 "The scheme is being value-engineered and any remaining pressure will be reported to the Executive in "
                 "2024/25.", True, (Money("£0.23m", 230000, "reason", "overspend"),), ("2024/25",),
                 "£0.23m added to the forecast above budget is overspend."),
    _l10_project(_PLACE, "CP209", "Electric vehicle charge points", ("0.50", "0.42", "–", "(0.08)"),
                 "The supplier's tender price was lower than the estimate.",
                 "The underspend will be returned to the capital programme.", False,
                 notes="'(0.08)' is a bracketed underspend (kind other)."),
)

_L10_HEADER = ("Ref", "Project", "2023/24 budget £m", "Outturn forecast £m", "Slippage to 2024/25 £m",
               "Over / (under) spend £m", "Commentary")
_L10_WIDTHS = (6, 18, 8, 8, 9, 9, 42)


def _l10_table(programme: str) -> Table:
    """Given a programme, return its table of projects."""
    return Table(_L10_HEADER, tuple(row for row, record in L10_PROJECTS if record.programme == programme), _L10_WIDTHS)


L10 = Layout(
    stem="l10_capital_monitoring_year_columns_2023-24_p9",
    title="Kingsbridge Weald District Council – Capital Programme Monitoring, Period 9 2023/24: Projects Reporting a "
          "Variance",
    report_period="2023/24",
    notes="Two ruled tables, each under a heading naming the directorate (the programme). The Ref column (CP104 ..) is "
          "not a programme. Commentary holds 'Reason:' then 'Action being taken:' (bold, inline or each its own "
          "paragraph); reason = text after 'Reason:', mitigation = text after 'Action being taken:' ('' when absent); the "
          "labels are in neither field. Money columns in £m (x1,000,000): '2023/24 budget' is other with fiscal_year "
          "2023/24, 'Outturn forecast' other with fiscal_year null, 'Slippage to 2024/25' slippage with fiscal_year "
          "2024/25, 'Over / (under) spend' overspend when positive and other when bracketed; '–' (an en dash alone) is not "
          "an amount. The header years are not year mentions of the rows.",
    blocks=(
        Para("Projects are listed where the outturn forecast differs from the budget by more than £50k. Slippage is budget "
             "that will be spent in 2024/25 instead of this year."),
        Heading(_COMMUNITIES, 2), _l10_table(_COMMUNITIES),
        Heading(_PLACE, 2), _l10_table(_PLACE),
    ),
    records=tuple(record for _, record in L10_PROJECTS),
    landscape=True,
    tab_txt=True,
)
