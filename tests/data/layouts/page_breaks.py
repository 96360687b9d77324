"""Two long landscape capital tables of invented councils whose rows break across PDF pages, header repeated.

l25: Scheme | Budget £000 | Forecast £000 | Slippage £000 | Reason for variance | Action, long
     commentary cells, so rows break mid-cell at page ends and the header row repeats on each page.
l26: Ref | Project | Approved £m | Slippage £m | Explanation | Mitigation / next steps, the same kind
     in another council's words.
Both PDFs are LibreOffice's rendering of the DOCX (Word tables let a row break across pages; the header
row is marked to repeat), and the layout text is `pdftotext -layout` of that PDF, as the corpus's d2 is.
"""

from __future__ import annotations

from model import Layout, Money, Para, Record, Row, Table


def _money(cell: str, unit: int, kind_if_positive: str, kind_if_negative: str) -> Money:
    """Given a money cell, its unit and the kinds by sign, return its table amount."""
    negative = cell.startswith(("(", "-"))
    value = round(float(cell.strip("()-").replace(",", "")) * unit)
    return Money(cell, -value if negative else value, "table", kind_if_negative if negative else kind_if_positive)


def _row(cells: tuple[str, ...], money: tuple[str, ...], unit: int, reason: str, action: str,
         amounts: tuple[Money, ...] = (), years: tuple[str, ...] = (), notes: str = "") -> tuple[Row, Record]:
    """Given the name cells (ref and/or name), money cells (budget-like ones, then slippage), texts: return row and record."""
    table = tuple(_money(c, unit, "other", "other") for c in money[:-1]) + (_money(money[-1], unit, "slippage", "overspend"),)
    return (Row(tuple((c,) for c in (*cells, *money, reason, action))),
            Record(cells[-1], reason, action, amounts=table + amounts, fiscal_years=years, notes=notes))


_L25 = (
    _row(("Riverside flood defence wall",), ("4,200", "2,900", "1,300"), 1000,
         "The Environment Agency asked for a longer sheet-pile section after the 2024 ground investigation showed softer "
         "alluvium than the outline design assumed. The revised design needed a new flood risk consent, which was issued in "
         "November, and the piling contractor could not remobilise before the spring, when river levels allow working from "
         "the bank. Piling will now run from April to July.",
         "The contractor's programme has been re-baselined and £1.3m will be reprofiled into 2025/26; the partnership grant "
         "conditions allow the spend to move.",
         (Money("£1.3m", 1300000, "mitigation", "slippage", "2025/26"),), ("2025/26",),
         "Reprofiled into a later year is slippage of that year."),
    _row(("Crematorium cremator replacement",), ("2,600", "2,780", "(180)"), 1000,
         "Removal of the old cremators found asbestos insulation in the flue ducts, which had to be removed by a licensed "
         "contractor before the new units could be set. The work added five weeks to the programme and the cost of removal "
         "and disposal came to £180k, with temporary cremation capacity hired from a neighbouring authority while the "
         "chapel was closed.",
         "The overspend will be met from the bereavement services reserve, and fees for the next year have been set to "
         "recover the cost over five years.",
         (Money("£180k", 180000, "reason", "cost"),), (),
         "A negative Slippage cell is overspend; the cost of removal is cost."),
    _row(("Town centre CCTV upgrade",), ("650", "250", "400"), 1000,
         "The fibre network the new cameras need is being installed by the council's broadband partner, whose programme has "
         "slipped by four months because of a shortage of civil engineering crews. Cameras cannot be commissioned until "
         "each street has a live connection, and the control room works depend on the last sections.",
         "Cameras have been ordered at the tendered price and will be fitted street by street as fibre goes live.",
         notes="No money in the text."),
    _row(("Leisure centre roof and solar canopy",), ("1,850", "1,200", "650"), 1000,
         "The structural survey of the sports hall roof found corroded purlins across two bays, so the solar canopy cannot "
         "be fixed until the steelwork has been strengthened. A specialist steel contractor has been appointed through the "
         "framework, but their earliest start is February, and the canopy installation has been moved to follow it, with "
         "the centre remaining open throughout.",
         "£650k of the budget is now expected to be spent in 2025/26, and the Public Sector Decarbonisation grant of "
         "£0.9m has been extended to September 2025.",
         (Money("£650k", 650000, "mitigation", "slippage", "2025/26"), Money("£0.9m", 900000, "mitigation", "income")),
         ("2025/26",), "Spend expected in a later year is slippage of that year; the grant is income."),
    _row(("Depot electric vehicle charging",), ("900", "900", "0"), 1000,
         "The network operator's quotation for the new supply came in above the estimate, but the cost can be contained "
         "within the scheme by phasing the chargers, so spend remains on profile for the year.",
         "Phase two chargers will be added once the first twenty vehicles are in service.",
         notes="A Slippage cell of 0 is a real amount of 0."),
    _row(("Library self-service refit",), ("480", "180", "300"), 1000,
         "The supplier of the self-service kiosks went into administration in September after the order was placed. The "
         "deposit is protected by the framework's performance bond, but a new supplier has had to be found, and the "
         "shelving and furniture work, which has to follow the kiosk layout, has been held back until the new kiosks are "
         "confirmed.",
         "A replacement supplier has been appointed through the same framework and the bond claim is being pursued.",
         notes="No money in the text."),
)

L25 = Layout(
    stem="l25_capital_variances_long_table_2024-25_m10",
    title="Corran Bay Council – Capital Programme Monitoring 2024/25: Month 10 Scheme Variances",
    report_period="2024/25",
    notes="One long landscape table whose rows break across PDF pages, the header row repeated on each page (PDF and text "
          "forms only); the gold keeps each row whole. Money columns in £000 (x1000): Budget and Forecast are other, "
          "Slippage is slippage when positive and overspend when negative; headers name no year (fiscal_year null). No "
          "programme heading (programme null), no status column.",
    blocks=(
        Para("The schemes below forecast a variance of more than £100k against their 2024/25 budget."),
        Table(("Scheme", "Budget £000", "Forecast £000", "Slippage £000", "Reason for variance", "Action"),
              tuple(row for row, _ in _L25), (16, 12, 12, 12, 27, 21)),
        Para("Cabinet is asked to note the variances and approve the reprofiling of £2.35m into 2025/26."),
    ),
    records=tuple(record for _, record in _L25),
    landscape=True,
    office_pdf=True,
)

_L26 = (
    _row(("HRA-07", "Kitchen and bathroom replacements – Moorside estate"), ("3.40", "0.85"), 1000000,
         "Tenant consultation on the choice of kitchen layouts took longer than planned because of the number of homes "
         "with adaptations. The occupational therapy assessments for 46 homes had to be completed before orders could be "
         "placed, and the contractor has only been able to start on the first block in January, three months after the "
         "planned start date.",
         "The contractor has added a second team from February; the remaining £0.85m will be carried forward into "
         "2025-26.", (Money("£0.85m", 850000, "mitigation", "slippage", "2025/26"),), ("2025/26",),
         "Carried forward into 2025-26 is slippage of 2025/26."),
    _row(("HRA-11", "Fire door replacement programme"), ("1.20", "(0.15)"), 1000000,
         "Following the building safety inspections, more flat entrance doors failed than the sample survey suggested. "
         "The number of doors to be replaced has risen from 380 to 455, and the certified door sets are on a twelve-week "
         "lead time, so the programme has been accelerated with extra fitting crews to complete the work this year.",
         "The additional £0.15m is being met from the HRA revenue contribution to capital, approved by the Portfolio Holder "
         "in December.", (Money("£0.15m", 150000, "mitigation", "overspend"),), (),
         "A negative Slippage cell is overspend; 'the additional £0.15m' met from a contribution is the overspend, as "
         "l9's 'The additional £95k will be funded from the leisure capital contingency'."),
    _row(("HRA-14", "New build – Larch Close (12 homes)"), ("2.10", "1.60"), 1000000,
         "The discharge of the drainage condition has been delayed by the water company's review of the surface water "
         "connection. Work on site cannot start until the condition is discharged, and the contractor has agreed to hold "
         "its price until the end of April.",
         "Homes England has agreed that £1.6m of its grant may be spent in 2025/26.",
         (Money("£1.6m", 1600000, "mitigation", "slippage", "2025/26"),), ("2025/26",),
         "Spend allowed into a later year is slippage of that year."),
    _row(("HRA-19", "Communal heating upgrade – Weaver Court"), ("0.95", "0.30"), 1000000,
         "Residents asked for individual heat meters to be fitted as part of the upgrade, which needed a change to the "
         "design and a new building control application. The plant room works are complete but the flat connections "
         "cannot start until the meters arrive.",
         "Meters are on order for delivery in March and connections will follow block by block.",
         notes="No money in the text."),
)

L26 = Layout(
    stem="l26_hra_capital_exceptions_long_table_2024-25_q3",
    title="Ardwick Fields District Council – Housing Revenue Account Capital Exceptions 2024/25: Quarter 3",
    report_period="2024/25",
    notes="One long landscape table whose rows break across PDF pages, the header row repeated (PDF and text forms only); "
          "the gold keeps each row whole. The project is the Project cell (the Ref is not a programme or part of the name). "
          "Money columns in £m (x1,000,000): Approved is other, Slippage is slippage when positive and overspend when "
          "negative; fiscal_year null. No programme heading (programme null), no status column.",
    blocks=(
        Para("Schemes in the HRA capital programme reporting an exception at Quarter 3."),
        Table(("Ref", "Project", "Approved £m", "Slippage £m", "Explanation", "Mitigation / next steps"),
              tuple(row for row, _ in _L26), (9, 16, 12, 12, 29, 22)),
    ),
    records=tuple(record for _, record in _L26),
    landscape=True,
    office_pdf=True,
)
