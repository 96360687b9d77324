"""Two layouts whose programme is a column of the table, not a heading above it.

l7: "Programme | Project | RAG | Issue | Mitigating action": the Programme cell is merged down
    over its projects (DOCX vertical merge, PDF rowspan, text printed on the first row only).
l8: "Directorate | Saving proposal | Target £000 | Achieved £000 | Variance £000 | Reason for
    variance | Recovery action": the directorate is written again on every row.
"""

from __future__ import annotations

from model import Heading, Layout, Money, Para, Record, Row, Table

_DIGITAL = "Digital Transformation"
_ESTATES = "Estates Rationalisation"
_PEOPLE = "Workforce and Culture"

_L7 = (
    (_DIGITAL, "Customer portal replatforming", "Red",
     "The supplier's identity module failed security testing twice, so go-live has moved from June to October.",
     "An independent penetration test is booked for August and the old portal stays live until the new one passes."),
    (_DIGITAL, "Telephony migration", "Amber",
     "Number porting for the out-of-hours line needs a second carrier, adding £38,000 to the cost.",
     "The additional cost is met from the programme contingency and porting is staged over two weekends."),
    (_ESTATES, "Northgate office disposal", "Amber",
     "The preferred bidder withdrew after the valuation fell, so the sale will not complete this year.",
     "The site is being remarketed through the framework agent with a revised guide price."),
    (_ESTATES, "Depot consolidation", "Red",
     "Planning consent for the shared depot was refused on highways grounds.",
     "A revised transport assessment will be submitted with the appeal in the next quarter."),
    (_ESTATES, "Library co-location", "Amber",
     "Fit-out tenders came back above the estimate.",
     ""),
    (_PEOPLE, "HR and payroll system", "Amber",
     "Data cleansing of historic pay records is taking longer than planned.",
     "Two temporary analysts have joined the team until the parallel run ends."),
)


def _l7_rows() -> tuple[tuple[Row, ...], tuple[Record, ...]]:
    """Return l7's table rows (programme printed on each row; the renderers merge it) and gold records."""
    rows, records = [], []
    for programme, name, rag, issue, action in _L7:
        rows.append(Row(((programme,), (name,), (rag,), (issue,), (action,))))
        amounts = tuple(Money(t, v, "reason", k) for t, v, k in (("£38,000", 38000, "cost"),) if t in issue)
        records.append(Record(name, issue, action, programme=programme, status=rag.lower(), amounts=amounts,
                              notes="Programme from the merged Programme cell of its group." if programme != _PEOPLE else ""))
    return tuple(rows), tuple(records)


L7_ROWS, L7_RECORDS = _l7_rows()

L7 = Layout(
    stem="l7_transformation_programme_column_2023-24_q1",
    title="Marlow Vale District Council – Transformation Portfolio: Exceptions, Quarter 1 2023/24",
    report_period="2023/24",
    notes="One ruled table; the first column names the programme, merged down over its projects (printed once per group in "
          "the text forms): programme = that cell, carried down the merged rows. status = the RAG cell in lower case. reason "
          "= Issue, mitigation = Mitigating action ('' when empty).",
    blocks=(
        Para("Projects reporting an exception to the Portfolio Board are listed by programme."),
        Table(("Programme", "Project", "RAG", "Issue", "Mitigating action"), L7_ROWS, (16, 20, 7, 29, 28), merge_first=True),
    ),
    records=L7_RECORDS,
    tab_txt=True,
)

_ASC = "Adult Social Care"
_ENV = "Environment and Transport"
_L8 = (
    (_ASC, "Reablement at home", "450", "310", "(140)",
     "Recruitment of reablement support workers is behind plan, so fewer packages ended early.",
     "A rolling recruitment campaign with the college is under way and agency cover is being reduced."),
    (_ASC, "Day opportunities review", "200", "180", "(20)",
     "Two centres closed a month later than planned after the consultation was extended.",
     "The remaining saving will show in the final quarter once both buildings are vacated."),
    (_ENV, "Parking charges review", "300", "180", "(120)",
     "Town centre footfall is lower than the modelling assumed.",
     "Tariffs will be reviewed in September and evening charges introduced in two car parks."),
    (_ENV, "Street lighting dimming", "150", "175", "25",
     "Energy prices fell faster than forecast, so dimming saved more than planned.",
     "The extra saving is held against next year's energy budget."),
)


def _l8_rows() -> tuple[tuple[Row, ...], tuple[Record, ...]]:
    """Return l8's rows (directorate on every row) and gold records with the money-column amounts."""
    rows, records = [], []
    for directorate, name, target, achieved, variance, reason, action in _L8:
        rows.append(Row(((directorate,), (name,), (target,), (achieved,), (variance,), (reason,), (action,))))
        value = int(variance.strip("()")) * 1000 * (-1 if variance.startswith("(") else 1)
        kind = "shortfall" if value < 0 else "over_achievement"
        table = (Money(target, int(target) * 1000, "table", "saving_target"), Money(achieved, int(achieved) * 1000, "table", "saving_achieved"),
                 Money(variance, value, "table", kind))
        records.append(Record(name, reason, action, programme=directorate, amounts=table))
    return tuple(rows), tuple(records)


L8_ROWS, L8_RECORDS = _l8_rows()

L8 = Layout(
    stem="l8_savings_by_directorate_column_2022-23_m9",
    title="Hollinbrook Borough Council – Savings Delivery 2022/23, Month 9",
    report_period="2022/23",
    notes="One ruled table with the directorate written on every row: programme = the Directorate cell. Money columns in "
          "£000 (x1,000): Target is saving_target, Achieved saving_achieved, Variance shortfall when negative (bracketed) "
          "and over_achievement when positive. No year in the headers, so table amounts "
          "have fiscal_year null.",
    blocks=(
        Heading("Savings reporting a variance"),
        Table(("Directorate", "Saving proposal", "Target £000", "Achieved £000", "Variance £000", "Reason for variance",
               "Recovery action"), L8_ROWS, (13, 15, 8, 8, 8, 24, 24)),
    ),
    records=L8_RECORDS,
    landscape=True,
)
