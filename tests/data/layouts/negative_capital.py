"""A negative layout of an invented council: a capital programme scheme list with budgets, years and funding, no exceptions.

n6: Scheme | Ward | 2024/25 £k | 2025/26 £k | 2026/27 £k | Total £k | Funding, under two programme
    headings, with prose on how the programme is funded. No reasons, no actions: no records.
"""

from __future__ import annotations

from model import Heading, Layout, Para, Row, Table


def _rows(*rows: tuple[str, ...]) -> tuple[Row, ...]:
    """Given rows of one-paragraph cells, return them as table rows (a last 'Total' row bold)."""
    return tuple(Row(tuple((c,) for c in r), bold=r[0] == "Total") for r in rows)


_HEADER = ("Scheme", "Ward", "2024/25 £k", "2025/26 £k", "2026/27 £k", "Total £k", "Funding")

N6 = Layout(
    stem="n6_capital_programme_schemes_2024-25",
    title="Lowmoor Borough Council – Capital Programme 2024/25 to 2026/27: Approved Schemes",
    report_period="2024/25",
    notes="Negative control: a three-year capital programme listing schemes with budgets by year and funding source, and "
          "prose on financing. No scheme states an issue or an action: exceptions is [].",
    blocks=(
        Para("Council approved the capital programme below in February 2024. It totals £21.9m over three years and is "
             "funded by grants of £9.4m, capital receipts of £3.1m and prudential borrowing of £9.4m."),
        Heading("Highways and Transport", 2),
        Table(_HEADER, _rows(
            ("Carriageway resurfacing", "Borough-wide", "1,800", "1,800", "1,800", "5,400", "Highways maintenance grant"),
            ("Footway renewal", "Borough-wide", "600", "600", "600", "1,800", "Borrowing"),
            ("Mill Lane bridge deck replacement", "Riverside", "250", "1,950", "-", "2,200", "Borrowing"),
            ("Total", "", "2,650", "4,350", "2,400", "9,400", ""),
        ), (28, 14, 10, 10, 10, 10, 18)),
        Heading("Housing and Regeneration", 2),
        Table(_HEADER, _rows(
            ("Disabled facilities grants", "Borough-wide", "1,300", "1,300", "1,300", "3,900", "Better Care Fund"),
            ("Town centre public realm", "Central", "2,100", "1,500", "-", "3,600", "Towns Fund grant / receipts"),
            ("Temporary accommodation purchase", "Various", "2,500", "2,500", "-", "5,000", "Borrowing / receipts"),
            ("Total", "", "5,900", "5,300", "1,300", "12,500", ""),
        ), (28, 14, 10, 10, 10, 10, 18)),
        Para("Schemes are added to the programme only once a business case is approved. Any variation of more than £250k "
             "is reported to Cabinet in the quarterly monitoring report."),
    ),
    landscape=True,
)
