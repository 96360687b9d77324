"""Two capital reports of invented councils: an appendix with page furniture, and a Scottish capital plan.

l33: "Appendix C" of a cabinet report as Word prints it: a running header and a "Page N" footer on every page,
     a long table (Scheme | Slippage £000* | Reason for delay | Action being taken) whose header row repeats
     on each page and whose rows break across pages, and a footnote under the table.
l34: a Scottish council's general services capital plan, one borderless table per service under its heading:
     Project | 2024/25 Budget £m | Projected Outturn £m | Slippage / (Acceleration) £m | Explanation |
     Corrective action, acceleration bracketed.
"""

from __future__ import annotations

from model import Heading, Layout, Money, Para, Record, Row, Table

# --- l33: appendix with running header, footer and footnote --------------------------------------------

_L33 = (  # scheme, slippage £000, reason, action, amounts, years, notes
    ("Westgate bus interchange", "1,450",
     "The combined authority's funding agreement was signed in October rather than June, because the business case "
     "had to be revised after the bus operator changed the route network. The main contract could not be let until "
     "the agreement was signed, and the contractor's earliest start was January. Utility diversions by the gas "
     "network have also been booked for the spring, when the street is closed to traffic for the market works.",
     "The contractor has been asked to price an accelerated programme with two shifts; the remaining £1.45m will be "
     "spent in 2025/26 within the grant period.",
     (Money("£1.45m", 1450000, "mitigation", "slippage", "2025/26"),), ("2025/26",),
     "Spent in a later year is slippage of that year."),
    ("Hallam Road primary school expansion", "620",
     "The tender returns for the four-classroom extension were 18% above the cost plan because of steel and "
     "mechanical prices, and the scheme had to be value-engineered before the contract could be awarded. The new "
     "design removes the second storey over the hall and uses a timber frame, which needed a minor amendment to the "
     "planning consent.",
     "The amended design was approved in December, and the contract was awarded on a fixed price of £3.2m, within "
     "the approved budget.",
     (Money("£3.2m", 3200000, "mitigation", "cost"),), (), "The contract price is the cost of the works."),
    ("Allotment water supply", "85",
     "The water company's new connection charges came in above the quotation, and two of the six sites need a new "
     "metered supply rather than a sub-meter, which the water company will not install before the ground has dried "
     "out in the spring. Site associations have asked for the works to be done outside the growing season where "
     "possible.",
     "Officers have agreed a programme with the site associations that finishes before the end of April.", (), (),
     "No money in the text."),
    ("Central library roof and lantern", "380",
     "Scaffold inspections of the listed lantern found decayed timbers that were hidden by the lead covering. Historic "
     "England has asked for a method statement for the repair of the timbers before the lead can be replaced, and "
     "the conservation officer must approve the replacement of any original fabric. The library has stayed open "
     "under a temporary roof.",
     "A heritage carpenter has been appointed, and the method statement will be submitted in February; the works "
     "are now planned to finish in September.", (), (), "No money in the text."),
    ("Street lighting LED conversion – phase 3", "540",
     "The supplier of the column-mounted units has told the council that the specified lanterns will not be "
     "available until March, because of a shortage of driver components. The installation crews have been moved "
     "onto column replacements in the meantime so that the contractor's resources are used.",
     "An alternative lantern has been tested and approved, and orders for 1,200 units were placed in January; "
     "energy savings of £60k a year start once the units are fitted.",
     (Money("£60k", 60000, "mitigation", "rate"),), (), "'£60k a year' is a rate."),
)
_FOOTNOTE = ("* Slippage is the part of the 2024/25 budget now expected to be spent in 2025/26 or later. Schemes with "
             "slippage of less than £50k are not listed.")

L33 = Layout(
    stem="l33_appendix_running_headers_footnote_2024-25_q3",
    title="Northfold City Council – Capital Programme Monitoring 2024/25 Quarter 3",
    report_period="2024/25",
    notes="An appendix as Word prints it (PDF by LibreOffice, text by pdftotext -layout): a running header "
          "('Cabinet, 12 February 2025 – Appendix C') and a 'Capital Programme Monitoring – Page N' footer on each page, "
          "a long portrait table whose header row repeats on each page and whose rows break across pages, and a "
          "footnote below it. The page furniture, the repeated header rows and the footnote belong to no record (the "
          "footnote's £50k and years included); the gold keeps each row whole. reason = Reason for delay, mitigation = "
          "Action being taken. Slippage £000* is a money column (x1000, kind slippage, fiscal_year null). No programme "
          "heading (programme null).",
    blocks=(
        Heading("Appendix C: Capital schemes reporting slippage", 1),
        Para("The schemes below are forecast to spend less than their 2024/25 budget by £50k or more."),
        Table(("Scheme", "Slippage £000*", "Reason for delay", "Action being taken"),
              tuple(Row(((s,), (v,), (r,), (a,))) for s, v, r, a, *_ in _L33), (17, 16, 37, 30)),
        Para(_FOOTNOTE),
    ),
    records=tuple(Record(s, r, a, amounts=(Money(v, int(v.replace(",", "")) * 1000, "table", "slippage"), *amounts),
                         fiscal_years=years, notes=notes)
                  for s, v, r, a, amounts, years, notes in _L33),
    office_pdf=True,
    formats=("doc",),
    running=("Cabinet, 12 February 2025 – Appendix C", "Capital Programme Monitoring – Page"),
)


# --- l34: Scottish capital plan, slippage / (acceleration) -----------------------------------------------

_EDUCATION = "Education and Children's Services"
_ROADS = "Roads and Transportation"
_L34 = (  # service, project, budget £m, projected outturn £m, slippage/(acceleration) £m, explanation, action, amounts, years, notes
    (_EDUCATION, "Kilbrae Primary School replacement", "6.20", "4.90", "1.30",
     "The site investigation found old mine workings under the playing field, and the foundations have had to be "
     "redesigned with grouting.",
     "Grouting works start in February and the completion date is now August 2026, with £1.3m moving into 2025/26.",
     (Money("£1.3m", 1300000, "mitigation", "slippage", "2025/26"),), ("2025/26",),
     "Moving into a later year is slippage of that year; August 2026 is a calendar date."),
    (_EDUCATION, "Early learning and childcare expansion", "1.10", "1.35", "(0.25)",
     "Two nursery refurbishments planned for 2025/26 were brought forward to use the summer closure.",
     "The acceleration will be funded from the 2025/26 allocation, which is reduced by the same sum.", (),
     ("2025/26",), "A bracketed Slippage / (Acceleration) cell is spend above this year's budget: overspend by the "
                   "corpus convention for a negative Slippage cell (the contract has no acceleration kind)."),
    (_ROADS, "A917 coastal road realignment", "2.80", "1.95", "0.85",
     "The compulsory purchase order received an objection, and a public local inquiry is to be held in March.",
     "Advance drainage works will continue on land already owned, and £0.85m is requested to be carried forward.",
     (Money("£0.85m", 850000, "mitigation", "slippage"),), (), "Carried forward: slippage; no year written."),
    (_ROADS, "Bridge strengthening programme", "0.95", "1.05", "(0.10)",
     "The contractor completed the Glenmuir bridge deck early, ahead of the winter restrictions.",
     "No corrective action is needed; the programme total for the three years is unchanged.", (), (),
     "Acceleration: overspend by convention; no money in the text."),
    (_ROADS, "Active travel routes – Strathkinn", "0.60", "0.15", "0.45",
     "Sustrans funding for the route was confirmed in December, later than expected, so design work has only "
     "just started.",
     "The grant offer of £450,000 has been extended to March 2026.",
     (Money("£450,000", 450000, "mitigation", "income"),), (), "A grant offer is income; March 2026 is a date."),
)


def _l34_money(cell: str, unit: int = 1_000_000) -> int:
    """Given a £m cell ('1.30', '(0.25)'), return its value in pounds."""
    value = round(float(cell.strip("()")) * unit)
    return -value if cell.startswith("(") else value


def _l34_record(r: tuple) -> Record:  # type: ignore[type-arg]
    """Given an l34 row's data, return its gold record."""
    service, project, budget, outturn, slip, explanation, action, amounts, years, notes = r
    table = (Money(budget, _l34_money(budget), "table", "other", "2024/25"), Money(outturn, _l34_money(outturn), "table", "other"),
             Money(slip, _l34_money(slip), "table", "overspend" if slip.startswith("(") else "slippage"))
    return Record(project, explanation, action, programme=service, amounts=(*table, *amounts), fiscal_years=years,
                  notes=notes)


def _l34_blocks() -> tuple[Heading | Para | Table, ...]:
    """Return l34's blocks: a heading and a table for each service."""
    blocks: list[Heading | Para | Table] = [
        Para("This appendix shows projects in the general services capital plan where the projected outturn differs from "
             "the 2024/25 budget by more than £0.1m. Acceleration is shown in brackets.")]
    for service in (_EDUCATION, _ROADS):
        blocks.append(Heading(service, 2))
        blocks.append(Table(("Project", "2024/25 Budget £m", "Projected Outturn £m", "Slippage / (Acceleration) £m",
                             "Explanation", "Corrective action"),
                            tuple(Row(tuple((c,) for c in r[1:7])) for r in _L34 if r[0] == service),
                            (17, 9, 9, 11, 27, 27)))
    return tuple(blocks)


L34 = Layout(
    stem="l34_scottish_capital_plan_acceleration_2024-25_p8",
    title="Cairnmoor Council – General Services Capital Plan 2024/25: Slippage and Acceleration at Period 8",
    report_period="2024/25",
    notes="One table per service under its heading (the programme). reason = Explanation, mitigation = Corrective "
          "action. Money columns in £m (x1,000,000): 2024/25 Budget is other with fiscal_year 2024/25 (its header names "
          "it), Projected Outturn is other, Slippage / (Acceleration) is slippage when positive and overspend when "
          "bracketed (acceleration: spend above this year's budget; the contract has no acceleration kind). No status "
          "column. The £0.1m threshold in the introduction belongs to no record.",
    blocks=_l34_blocks(),
    records=tuple(_l34_record(r) for r in _L34),
    landscape=True,
    borderless_pdf=True,
    formats=("rtf",),
)
