"""Two exception layouts of invented councils with a two-level hierarchy: directorate, then programme, then rows.

l19: capital programme exceptions; a Heading 1 per directorate, a Heading 2 per programme, one
     Scheme | Issue | Mitigating action table under each programme heading.
l20: revenue savings exceptions; a Heading 1 per directorate, its programmes as bold sub-heading
     rows merged across the table (Project | Reason for exception | Action being taken | RAG).
The programme is the nearest programme heading (the Heading 2, the sub-heading row), never the directorate.
"""

from __future__ import annotations

from dataclasses import replace

from model import Heading, Layout, Money, Para, Record, Row, Table


def _r(project: str, reason: str, mitigation: str, status: str, amounts: tuple[Money, ...] = (),
       years: tuple[str, ...] = (), notes: str = "") -> Record:
    """Given a row's fields, return its record (programme set later, from the sub-heading row)."""
    return Record(project, reason, mitigation, status=status, amounts=amounts, fiscal_years=years, notes=notes)

# --- l19: directorate and programme headings above tables ---------------------------------------

_L19 = {
    "Highways and Transport": (
        Record("Eastern Relief Road junction improvements",
               "Statutory diversion of a high-pressure gas main under the junction cannot start until the gas network "
               "operator completes its design, expected in February 2025.",
               "Works have been resequenced to start at the western arm, and £1.2m will be reprofiled into 2025/26.",
               amounts=(Money("£1.2m", 1200000, "mitigation", "slippage", "2025/26"),), fiscal_years=("2025/26",),
               notes="Programme is the Heading 2 above the table, not the directorate Heading 1; reprofiled into a later "
                     "year is slippage of that year."),
        Record("Bus priority corridor – Castle Street",
               "Traffic modelling for the bus gate showed longer queues on the ring road than the business case assumed.",
               "A revised signal plan is being modelled and a decision report will go to the Cabinet Member in March.",
               notes="No money in the text."),
    ),
    "Regeneration": (
        Record("Market Hall refurbishment",
               "Asbestos found behind the original panelling must be removed before the roof works, adding £340k to the "
               "cost of the works.",
               "The additional cost will be met from the regeneration contingency; completion moves to September 2025.",
               amounts=(Money("£340k", 340000, "reason", "cost"),),
               notes="'adding £340k to the cost of the works' is cost; September 2025 is a calendar month."),
    ),
    "Schools Capital": (
        Record("Northfield Primary expansion",
               "The planning committee deferred its decision to January 2025 to allow a further traffic survey.",
               "The contractor has held its price until the end of March and the classroom modules are stored off site.",
               notes="Programme is 'Schools Capital' under the People Directorate."),
        Record("Special school places – Oakmead",
               "Tender returns were 12% above the pre-tender estimate of £4.6m.",
               "Value engineering has reduced the gap and the balance will be met from Basic Need grant of £0.3m.",
               amounts=(Money("£4.6m", 4600000, "reason", "cost"), Money("£0.3m", 300000, "mitigation", "income")),
               notes="The pre-tender estimate is a cost; Basic Need grant is income."),
    ),
}
_L19_DIRECTORATES = (("Place Directorate", ("Highways and Transport", "Regeneration")),
                     ("People Directorate", ("Schools Capital",)))


def _l19_blocks() -> tuple[Heading | Para | Table, ...]:
    """Return l19's blocks: a Heading 1 per directorate, a Heading 2 and a table per programme."""
    blocks: list[Heading | Para | Table] = [
        Para("This appendix lists the capital schemes reporting an exception at Quarter 3, by directorate and programme.")]
    for directorate, programmes in _L19_DIRECTORATES:
        blocks.append(Heading(directorate, 1))
        for programme in programmes:
            blocks.append(Heading(programme, 2))
            blocks.append(Table(("Scheme", "Issue", "Mitigating action"),
                                tuple(Row(((r.project,), (r.reason,), (r.mitigation,))) for r in _L19[programme]), (26, 37, 37)))
    return tuple(blocks)


L19 = Layout(
    stem="l19_capital_exceptions_directorate_programme_2024-25_q3",
    title="Brackenford City Council – Capital Programme 2024/25: Quarter 3 Scheme Exceptions",
    report_period="2024/25",
    notes="Two-level hierarchy: a Heading 1 per directorate ('Place Directorate', 'People Directorate') and a Heading 2 per "
          "programme, each programme with its own Scheme | Issue | Mitigating action table. programme = the nearest "
          "programme heading (the Heading 2); directorates are not programmes. No status column (status null).",
    blocks=_l19_blocks(),
    records=tuple(replace(r, programme=p) for p, rs in _L19.items() for r in rs),
)

# --- l20: directorate headings, programme sub-heading rows inside the tables --------------------

_L20 = (
    ("Adult Social Care and Health Directorate", (
        ("Promoting Independence", (
            _r("Reablement at home",
                   "Recruitment of reablement workers is 14 posts below plan, so fewer people leave hospital through the "
                   "service and the 2025/26 saving of £450k is at risk.",
                   "A rolling recruitment campaign has started and two agency teams cover the gap.", "amber",
                   (Money("£450k", 450000, "reason", "at_risk", "2025/26"),),
                   ("2025/26",), "'is at risk' wins over the saving; the year before it in its noun phrase is its year."),
            _r("Technology enabled care",
                   "The new alarm contract started three months late.",
                   "Installations are now running at 120 a week against a plan of 90.", "green"),
        )),
        ("Commissioning", (
            _r("Day opportunities review",
                   "Consultation responses asked for a longer transition, so the saving will not be achieved this year.",
                   "The saving has been reprofiled and £200k will now be delivered in 2026/27.", "red",
                   (Money("£200k", 200000, "mitigation", "slippage", "2026/27"),), ("2026/27",),
                   "A saving moved to a later year is slippage of that year."),
        )),
    )),
    ("Resources Directorate", (
        ("Customer Services", (
            _r("Digital first contact",
                   "Take-up of online forms is 38% against a target of 60%, leaving a shortfall of £95k.",
                   "Telephone menus now offer a text link to the online form.", "amber",
                   (Money("£95k", 95000, "reason", "shortfall"),), notes="Percentages are not amounts."),
        )),
        ("Property", (
            _r("Office rationalisation – Lever Street",
                   "The sale of Lever Street has been delayed by a restrictive covenant.",
                   "Legal advice on indemnity insurance has been sought and interim rental income of £30k has been agreed.",
                   "amber", (Money("£30k", 30000, "mitigation", "income"),), notes="Rental income is income."),
        )),
    )),
)


def _l20_blocks() -> tuple[Heading | Para | Table, ...]:
    """Return l20's blocks: a Heading 1 and one table per directorate, programmes as merged sub-heading rows."""
    blocks: list[Heading | Para | Table] = [Para("Savings reporting an exception at Period 7, by directorate. RAG: Red = not "
                                                 "deliverable this year; Amber = at risk; Green = recovered.")]
    for directorate, programmes in _L20:
        rows: list[Row] = []
        for programme, records in programmes:
            rows.append(Row(((programme,),), bold=True, span=True))
            rows += [Row(((r.project,), (r.reason,), (r.mitigation,), ((r.status or "").title(),))) for r in records]
        blocks += [Heading(directorate, 1),
                   Table(("Project", "Reason for exception", "Action being taken", "RAG"), tuple(rows), (24, 36, 32, 8))]
    return tuple(blocks)


L20 = Layout(
    stem="l20_savings_exceptions_directorate_subheadings_2025-26_p7",
    title="Kestonbury District Council – Revenue Savings Exceptions 2025/26: Period 7",
    report_period="2025/26",
    notes="Two-level hierarchy: a Heading 1 per directorate above its table, programmes as bold sub-heading rows merged "
          "across the table. programme = the sub-heading row in force, never the directorate heading; sub-heading rows are "
          "not records. status = RAG word lower-case.",
    blocks=_l20_blocks(),
    records=tuple(replace(r, programme=programme) for _, programmes in _L20 for programme, records in programmes for r in records),
)
