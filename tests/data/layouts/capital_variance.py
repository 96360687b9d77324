"""A capital monitoring layout of an invented council, with the records it must give.

l6: "Project | Approved budget £m | Forecast £m | Variance £m | Reason for variance | Management
    action" under directorate rows merged across the table; £m with two decimals, minus and
    bracket negatives, an empty action cell and a bold Total row.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from model import Layout, Money, Para, Record, Row, Table


def millions(cell: str) -> int:
    """Given a £m cell such as "6.95", "-0.45" or "(0.12)", return its value in pounds."""
    sign = -1 if cell.startswith(("(", "-")) else 1
    return sign * int(Decimal(cell.strip("()-")) * 1_000_000)


def variance_scheme(directorate: str, name: str, money: tuple[str, str, str], reason: str, action: str,
                    text_amounts: tuple[Money, ...] = (), years: tuple[str, ...] = (), notes: str = "",
                    unit: Callable[[str], int] = millions) -> tuple[Row, Record]:
    """Given one scheme's cells (in `unit`, £m by default), return its table row and gold record (variance kind by sign)."""
    budget, forecast, variance = money
    kind = "overspend" if unit(variance) > 0 else "other"
    table = (Money(budget, unit(budget), "table", "other"), Money(forecast, unit(forecast), "table", "other"),
             Money(variance, unit(variance), "table", kind))
    return (Row(((name,), (budget,), (forecast,), (variance,), (reason,), (action,))),
            Record(name, reason, action, programme=directorate, amounts=table + text_amounts, fiscal_years=years, notes=notes))


_AHH = "Adults, Health and Housing"
_EE = "Economy and Environment"
L6_SCHEMES = (
    variance_scheme(_AHH, "Extra care housing – Elmfield Court", ("6.40", "6.95", "0.55"),
                    "Piling costs rose after the ground investigation found soft clay under the north wing, adding £0.55m to the "
                    "contract sum.",
                    "The housing capital reserve will fund the increase and the north wing has been value-engineered to limit further "
                    "cost growth.", (Money("£0.55m", 550000, "reason", "cost"),), notes="Positive variance: forecast above budget."),
    variance_scheme(_AHH, "Disabled adaptations grants", ("2.10", "1.65", "-0.45"),
                    "Fewer referrals than profiled were received from occupational therapy in the first half of the year.",
                    "£0.45m will be re-profiled into 2025/26 and a contractor framework has been let to clear the waiting list.",
                    (Money("£0.45m", 450000, "mitigation", "slippage", "2025/26"),), ("2025/26",),
                    "'-0.45' is a minus-signed negative variance (underspend, kind other)."),
    variance_scheme(_EE, "Flood alleviation – Mill Brook", ("3.20", "2.10", "-1.10"),
                    "The Environment Agency grant of £1.8m is confirmed, but the in-river works window was missed because of high "
                    "river levels.",
                    "Works will start in the next summer window and £1.10m of the budget will be carried forward to 2025/26.",
                    (Money("£1.8m", 1800000, "reason", "income"), Money("£1.10m", 1100000, "mitigation", "slippage", "2025/26")),
                    ("2025/26",)),
    variance_scheme(_EE, "Depot electric vehicle charging", ("0.85", "0.97", "0.12"),
                    "Grid reinforcement quoted by the network operator is £120,000 higher than the estimate.", "",
                    (Money("£120,000", 120000, "reason", "cost"),), notes="Empty Management action cell: mitigation ''."),
    variance_scheme(_EE, "Town hall roof replacement", ("1.50", "1.38", "(0.12)"),
                    "Tender prices came in below the pre-tender estimate.",
                    "The saving will be returned to the corporate capital contingency.",
                    notes="'(0.12)' is a bracket negative variance."),
)

L6 = Layout(
    stem="l6_capital_variance_directorates_2024-25_m8",
    title="Oakhurst Council – Capital Programme Monitoring 2024/25, Month 8: Schemes Reporting a Variance",
    report_period="2024/25",
    notes="One ruled table; directorate rows merged across the table are the programme of the rows under them and are not "
          "records; the bold Total row is not a record. reason = Reason for variance, mitigation = Management action ('' "
          "when empty). Money columns in £m (x1,000,000): Approved budget and Forecast are kind other; Variance (forecast "
          "minus budget) is overspend when positive and other (an underspend) when negative, '-0.45' and '(0.12)' alike; "
          "headers name no year, so table amounts have fiscal_year null.",
    blocks=(
        Para("The table lists capital schemes whose forecast differs from the approved budget by more than £0.1m or 10%."),
        Table(("Project", "Approved budget £m", "Forecast £m", "Variance £m", "Reason for variance", "Management action"),
              (Row(((_AHH,),), bold=True, span=True), *(row for row, r in L6_SCHEMES if r.programme == _AHH),
               Row(((_EE,),), bold=True, span=True), *(row for row, r in L6_SCHEMES if r.programme == _EE),
               Row((("Total",), ("14.05",), ("13.05",), ("(1.00)",), ("",), ("",)), bold=True)),
              (20, 9, 9, 9, 27, 26)),
    ),
    records=tuple(record for _, record in L6_SCHEMES),
    landscape=True,
    tab_txt=True,
)
