"""Two savings trackers of invented councils with per-year money columns and a delivery status column.

l21: Ref | Saving proposal | 2024/25 £k | 2025/26 £k | Delivery status | Commentary (reason, then a
     "Mitigation:" label), status Delivered / On track / At risk / Unachievable.
l22: Saving | 24/25 £000 | 25/26 £000 | Status | Issue | Action, short-form year headers, status
     Achieved / Partially achieved / Not achievable.
A tracker that lists every saving with its status gives a record per saving, delivered ones included
(corpus convention, d1); the year cells are saving_target amounts of the header's year.
"""

from __future__ import annotations

from model import Layout, Money, Para, Record, Row, Table


def _k(cell: str, year: str) -> tuple[Money, ...]:
    """Given a £k/£000 cell and its column's year, return its table amount (none for '-')."""
    if cell == "-":
        return ()
    sign = -1 if cell.startswith(("(", "-")) else 1
    return (Money(cell, sign * int(cell.strip("()-").replace(",", "")) * 1000, "table", "saving_target", year),)


# --- l21 -----------------------------------------------------------------------------------------

def _l21(ref: str, name: str, y1: str, y2: str, status: str, reason: str, mitigation: str,
         amounts: tuple[Money, ...] = (), years: tuple[str, ...] = (), notes: str = "") -> tuple[Row, Record]:
    """Given one saving's cells and its commentary split, return its row and record."""
    commentary = (reason, f"**Mitigation:** {mitigation}") if mitigation else (reason,)
    return (Row(((ref,), (name,), (y1,), (y2,), (status,), commentary)),
            Record(name, reason, mitigation, status=status.lower(),
                   amounts=_k(y1, "2024/25") + _k(y2, "2025/26") + amounts, fiscal_years=years, notes=notes))


L21_ROWS = (
    _l21("ENV-01", "Garden waste subscription price increase", "180", "20", "Delivered",
         "Subscriptions renewed at the new price; take-up is 2% above the budgeted level.", "",
         notes="A delivered saving is a record of a tracker that lists every saving; no label, mitigation ''."),
    _l21("ENV-02", "Route optimisation – refuse collection", "250", "150", "At risk",
         "The routing software went live in November rather than July, so only a part-year saving of £90k is possible in "
         "2024/25.",
         "crews will move to the new rounds in two phases and the remaining £160k will be delivered in 2025/26 instead.",
         (Money("£90k", 90000, "reason", "saving_projected", "2024/25"), Money("£160k", 160000, "mitigation", "slippage", "2025/26")),
         ("2024/25", "2025/26"), "A part-year saving 'possible' this year is a forecast (projected); the remainder delivered later is slippage."),
    _l21("ENV-03", "Closure of the Brook Lane household recycling centre", "120", "-", "Unachievable",
         "Council decided in September not to close the site following the public consultation.",
         "the pressure of £120k will be met partly from the service's one-off reserves of £100k in 2024/25 and a replacement "
         "proposal will come forward in the 2025/26 budget.",
         (Money("£120k", 120000, "mitigation", "overspend", "2024/25"), Money("£100k", 100000, "mitigation", "income", "2024/25")),
         ("2024/25", "2025/26"), "The unachieved saving is a pressure (overspend); the reserves applied to it are income."),
    _l21("ENV-04", "Parking enforcement – moving traffic offences", "75", "75", "On track",
         "Cameras at four sites went live in October.", "", notes="On track: a record, mitigation ''."),
)

L21 = Layout(
    stem="l21_savings_tracker_year_columns_status_2024-25_q2",
    title="Hallamore Borough Council – Environment Directorate Savings Delivery Tracker 2024/25: Quarter 2",
    report_period="2024/25",
    notes="A savings tracker listing every saving: every body row is a record whatever its Delivery status (Delivered, On "
          "track, At risk, Unachievable), the bold Total row is not. status = the status cell lower-case. Two year columns "
          "in £k: saving_target amounts (x1000) with the header's year; '-' is not an amount. Commentary holds the reason "
          "and, after a bold 'Mitigation:' paragraph, the mitigation. No programme heading (programme null; the Ref is not "
          "a programme).",
    blocks=(
        Para("Every saving in the 2024/25 budget is listed with its delivery status."),
        Table(("Ref", "Saving proposal", "2024/25 £k", "2025/26 £k", "Delivery status", "Commentary"),
              tuple(row for row, _ in L21_ROWS) + (Row((("",), ("Total",), ("625",), ("245",), ("",), ("",)), bold=True),),
              (7, 21, 8, 8, 10, 46)),
    ),
    records=tuple(record for _, record in L21_ROWS),
    landscape=True,
)

# --- l22 -----------------------------------------------------------------------------------------

def _l22(name: str, y1: str, y2: str, status: str, issue: str, action: str,
         amounts: tuple[Money, ...] = (), years: tuple[str, ...] = (), notes: str = "") -> tuple[Row, Record]:
    """Given one saving's cells, return its row and record."""
    return (Row(((name,), (y1,), (y2,), (status,), (issue,), (action,))),
            Record(name, issue, action, status=status.lower(),
                   amounts=_k(y1, "2024/25") + _k(y2, "2025/26") + amounts, fiscal_years=years, notes=notes))


L22_ROWS = (
    _l22("Libraries – self-service opening hours", "60", "40", "Achieved",
         "Open+ technology is installed at all six branches.", "None required.",
         notes="Achieved: a record; 'None required.' is the mitigation as written."),
    _l22("Leisure contract management fee", "200", "100", "Partially achieved",
         "The operator's energy costs have risen, and £80k of the 2024/25 saving is at risk.",
         "An energy price clause has been agreed, with a one-off contribution from reserves of £50k in 2024/25.",
         (Money("£80k", 80000, "reason", "at_risk", "2024/25"),
          Money("£50k", 50000, "mitigation", "income", "2024/25")), ("2024/25",),
         "A contribution from reserves applied to the gap is income."),
    _l22("Museum admission charges", "45", "-", "Not achievable",
         "Visitor numbers fell by a third after charging began, and income is forecast to be £30k below budget.",
         "Charging will be withdrawn from April 2025 and the saving removed in the 2025-26 budget.",
         (Money("£30k", 30000, "reason", "shortfall"),), ("2025/26",), "Income below budget is a shortfall."),
)

L22 = Layout(
    stem="l22_mtfs_savings_monitoring_status_2024-25_m8",
    title="Pendle Vale Council – Medium Term Financial Strategy Savings Monitoring 2024/25: Month 8",
    report_period="2024/25",
    notes="A savings tracker listing every saving with its Status (Achieved, Partially achieved, Not achievable): every body "
          "row is a record, the bold Total row is not. Short-form year headers '24/25 £000', '25/26 £000' give saving_target "
          "amounts (x1000) of 2024/25 and 2025/26. Separate Issue and Action columns. No programme heading (programme null).",
    blocks=(
        Para("Culture and Communities savings: position at Month 8."),
        Table(("Saving", "24/25 £000", "25/26 £000", "Status", "Issue", "Action"),
              tuple(row for row, _ in L22_ROWS) + (Row((("Total",), ("305",), ("140",), ("",), ("",), ("",)), bold=True),),
              (20, 8, 8, 11, 28, 25)),
    ),
    records=tuple(record for _, record in L22_ROWS),
    landscape=True,
)
