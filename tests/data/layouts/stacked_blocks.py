"""Two layouts of invented councils that stack several projects' label | value blocks in one table.

l15: under a programme heading, one two-column table per programme; each project is a bold title
     row merged across the table, then "Exception", "Mitigating action" and "RAG" rows; one
     mitigation cell is empty.
l16: one two-column table for the whole report; programme rows in capitals merged across it; each
     project a block of "Scheme", "Why is it off track?", "What is being done?", "Budget" and
     "Rating" rows (question labels; the Budget row belongs to no field).
"""

from __future__ import annotations

from model import Heading, Layout, Money, Para, Record, Row, Table

# --- l15: title rows, then Exception / Mitigating action / RAG --------------------------------


def _l15_block(programme: str, name: str, exception: str, action: str, rag: str, amounts: tuple[Money, ...] = (),
               years: tuple[str, ...] = (), notes: str = "") -> tuple[tuple[Row, ...], Record]:
    """Given one project's values, return its table rows (a merged bold title row first) and gold record."""
    rows = (Row(((name,),), bold=True, span=True), Row((("**Exception**",), (exception,))),
            Row((("**Mitigating action**",), (action,))), Row((("**RAG**",), (rag,))))
    return rows, Record(name, exception, action, programme=programme, status=rag.lower(), amounts=amounts,
                        fiscal_years=years, notes=notes)


_ASC = "Adult Social Care Programme"
_CHILDREN = "Children and Families Programme"
L15_BLOCKS = (
    _l15_block(_ASC, "Technology Enabled Care",
               "Installations of the new digital alarms are 340 behind plan because the supplier has not delivered the hubs "
               "ordered in March.",
               "The supplier has agreed weekly deliveries from June, and a second installer has been contracted at a cost of "
               "£22,000.", "Amber", (Money("£22,000", 22000, "mitigation", "cost"),)),
    _l15_block(_ASC, "Reablement Service Redesign",
               "The new rota cannot start until the staff consultation ends, so the saving of £400k for 2025/26 will be "
               "delayed by three months.",
               "Consultation meetings have been brought forward and the new rota will start in September.", "Red",
               (Money("£400k", 400000, "reason", "saving_target", "2025/26"),), ("2025/26",),
               "The year's saving, delayed, is saving_target."),
    _l15_block(_CHILDREN, "Family Hubs",
               "Two of the four hub buildings need planning permission for a change of use, which was not in the project "
               "plan.",
               "Applications have been submitted, and services will run from the existing children's centres until consent "
               "is granted.", "Amber"),
    _l15_block(_CHILDREN, "Fostering Recruitment Campaign",
               "Only 6 new foster households have been approved against a target of 15.", "", "Red",
               notes="Empty Mitigating action cell: mitigation ''."),
)


def _l15_table(programme: str) -> Table:
    """Given a programme, return its stacked table of project blocks."""
    return Table((), tuple(row for rows, record in L15_BLOCKS if record.programme == programme for row in rows), (24, 76))


L15 = Layout(
    stem="l15_stacked_project_blocks_2025-26_q1",
    title="Hartwell Borough Council – Transformation Programme: Project Exception Summary, Quarter 1 2025/26",
    report_period="2025/26",
    notes="One two-column table per programme, under a heading that is the programme; no header row. Each project is a "
          "bold row merged across the table (the project) followed by label | value rows: reason = Exception, mitigation "
          "= Mitigating action ('' when empty), status = RAG lower-case. The labels are in neither field.",
    blocks=(
        Para("Projects reporting an exception this quarter are summarised below, by programme."),
        Heading(_ASC, 2), _l15_table(_ASC),
        Heading(_CHILDREN, 2), _l15_table(_CHILDREN),
    ),
    records=tuple(record for _, record in L15_BLOCKS),
)


# --- l16: one table, question labels, capitals programme rows --------------------------------

def _l16_block(programme: str, name: str, why: str, doing: str, budget: str, rating: str, amounts: tuple[Money, ...] = (),
               years: tuple[str, ...] = (), notes: str = "") -> tuple[tuple[Row, ...], Record]:
    """Given one scheme's values, return its label | value rows and gold record."""
    labelled = (("Scheme", name), ("Why is it off track?", why), ("What is being done?", doing), ("Budget", budget),
                ("Rating", rating))
    return (tuple(Row(((f"**{label}**",), (value,))) for label, value in labelled),
            Record(name, why, doing, programme=programme, status=rating.lower(), amounts=amounts, fiscal_years=years,
                   notes=notes))


_PLACE = "PLACE DIRECTORATE"
_RESOURCES = "RESOURCES DIRECTORATE"
L16_BLOCKS = (
    _l16_block(_PLACE, "Quayside Flood Defences",
               "The Environment Agency asked for a revised flood model, which put the detailed design back by four months.",
               "The revised model was submitted in August; construction is now planned to start in 2025/26, and £0.8m of "
               "this year's budget will be re-profiled.", "£3.4m", "Amber",
               (Money("£0.8m", 800000, "mitigation", "slippage"),), ("2025/26",),
               "The Budget row (£3.4m) belongs to no field; £0.8m re-profiled out of this year is slippage (its clause names "
               "no year)."),
    _l16_block(_PLACE, "Northern Relief Road",
               "Land assembly has stalled because two owners have not accepted the council's offers.",
               "The Executive will be asked in October to make a compulsory purchase order.", "£12.6m", "Red",
               notes="The Budget row (£12.6m) belongs to no field."),
    _l16_block(_RESOURCES, "Civic Centre Energy Retrofit",
               "Heat pump prices have risen by 15% since the grant bid, leaving a pressure of £260,000.",
               "The Public Sector Decarbonisation Scheme has agreed to fund half of the increase, and the remainder will be "
               "met from the invest-to-save reserve.", "£2.1m", "Amber",
               (Money("£260,000", 260000, "reason", "overspend"),), notes="A pressure above the budget is overspend."),
)


def _l16_rows() -> tuple[Row, ...]:
    """Return l16's rows: a merged capitals programme row before each programme's scheme blocks."""
    rows: list[Row] = []
    for programme in (_PLACE, _RESOURCES):
        rows.append(Row(((programme,),), bold=True, span=True))
        rows += [row for block, record in L16_BLOCKS if record.programme == programme for row in block]
    return tuple(rows)


L16 = Layout(
    stem="l16_scheme_question_blocks_2024-25",
    title="Penrose City Council – Capital Board: Scheme Exception Report, September 2024",
    report_period="2024/25",
    notes="One two-column table with no header row. Rows in capitals merged across it name the directorate (programme, as "
          "written) of the blocks under them. Each scheme is a block of label | value rows: project = Scheme, reason = 'Why "
          "is it off track?', mitigation = 'What is being done?', status = Rating lower-case; the Budget row belongs to no "
          "field, so its figure is an amount of no record. report_period: the title names no financial year; September "
          "2024 falls in 2024/25.",
    blocks=(
        Para("Schemes rated Amber or Red at the September meeting of the Capital Board are reported below."),
        Table((), _l16_rows(), (26, 74)),
    ),
    records=tuple(record for _, record in L16_BLOCKS),
)
