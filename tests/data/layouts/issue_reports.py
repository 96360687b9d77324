"""Two issue-report layouts of invented councils, each with the records it must give.

l3: "Risk / Issue | Impact | Mitigating Actions | Owner" tables under programme headings,
    "Name: description" issue cells, one cell holding two issues.
l4: highlight report: workstream headings with "Status:", "Issues:" and "Actions:" bullets
    under programme headings.
"""

from __future__ import annotations

from model import Bullets, Heading, Layout, Money, Para, Record, Row, Table

# --- l3: exceptions table under programme headings --------------------------------------------

_WEB = ("Website platform migration", "the supplier has withdrawn support for the current content management system from "
        "June 2023, earlier than planned.", "Security patches will stop and the council would be running unsupported software.",
        "An extended support contract has been agreed at a cost of £18,500 while the migration is completed.")
_PAY = ("Online payments upgrade", "testing of the new payment gateway found failures with three legacy income systems.",
        "Go-live has moved from March to July 2023, delaying £60k of transaction cost savings.",
        "The income system suppliers are producing fixes; parallel running will continue until they are proven.")
_TEL = ("Contact centre telephony", "the replacement system has been delayed by the national supplier's capacity shortages.",
        "The current contract expires in May 2023 and an extension costs £4K per month.",
        "A six-month extension has been negotiated and the project board will review the supplier's recovery plan in April.")
_OFF = ("Office consolidation – Riverside House", "the sale has not completed because the buyer's funding is not yet confirmed.",
        "The capital receipt of £2.4m will now be received in 2023/24, and running costs of £35,000 per quarter continue.",
        "Two further bidders remain interested; the building will be remarketed if the buyer has not exchanged by 30 June 2023.")
_REC = ("Recruitment system", "the new applicant tracking system failed user acceptance testing.",
        "Time to hire remains at 14 weeks against a target of 8 weeks.", "")


def _issue_record(programme: str, issue: tuple[str, str, str, str], amounts: tuple[Money, ...] = (),
                  years: tuple[str, ...] = (), notes: str = "") -> Record:
    """Given a programme and (name, issue, impact, action), return the gold record: reason = issue + impact."""
    name, text, impact, action = issue
    return Record(name, f"{text} {impact}", action, programme=programme, amounts=amounts, fiscal_years=years, notes=notes)


def _issue_row(issues: tuple[tuple[str, str, str, str], ...], owner: str) -> Row:
    """Given the issues of one row (one paragraph each per column) and the owner, return the table row."""
    return Row((tuple(f"{n}: {t}" for n, t, _, _ in issues), tuple(i for _, _, i, _ in issues),
                tuple(a for _, _, _, a in issues if a) or ("",), (owner,)))


_L3_HEADER = ("Risk / Issue", "Impact", "Mitigating Actions", "Owner")
_L3_WIDTHS = (32, 26, 30, 12)
_DIGITAL = "Digital Customer Programme"
_WORKPLACE = "Workforce and Accommodation Programme"

L3 = Layout(
    stem="l3_programme_exceptions_risk_issue_2022-23_q4",
    title="Caldbeck City Council – Transformation Portfolio Exceptions Report: Quarter 4 2022/23",
    report_period="2022/23",
    notes="Two ruled tables, each under a heading that is the programme. Risk / Issue cells are 'Name: description' "
          "paragraphs: project = the name without the colon; reason = the description + one space + the Impact paragraph "
          "of the same issue; mitigation = the Mitigating Actions paragraph of the same issue ('' when empty). The first "
          "row holds two issues, one paragraph each in Risk / Issue, Impact and Mitigating Actions, paired in order. Owner "
          "belongs to no field. No status column (status null).",
    blocks=(
        Para("This report sets out the issues that have exceeded programme tolerances this quarter and the actions agreed "
             "by the Transformation Board."),
        Heading(_DIGITAL, 2),
        Table(_L3_HEADER, (_issue_row((_WEB, _PAY), "Head of Digital"), _issue_row((_TEL,), "Customer Services Manager")),
              _L3_WIDTHS),
        Heading(_WORKPLACE, 2),
        Table(_L3_HEADER, (_issue_row((_OFF,), "Head of Property"), _issue_row((_REC,), "HR Business Partner")), _L3_WIDTHS),
    ),
    records=(
        _issue_record(_DIGITAL, _WEB, (Money("£18,500", 18500, "mitigation", "cost"),),
                      notes="First of two issues in one cell; June 2023 is a month."),
        _issue_record(_DIGITAL, _PAY, (Money("£60k", 60000, "reason", "slippage"),),
                      notes="Second issue of the shared cell: second Impact and second Mitigating Actions paragraphs."),
        _issue_record(_DIGITAL, _TEL, (Money("£4K", 4000, "reason", "rate"),), notes="£4K per month is a rate."),
        _issue_record(_WORKPLACE, _OFF, (Money("£2.4m", 2400000, "reason", "income", "2023/24"),
                                         Money("£35,000", 35000, "reason", "rate")), ("2023/24",),
                      "Capital receipt is income of 2023/24; £35,000 per quarter is a rate; 30 June 2023 is a date."),
        _issue_record(_WORKPLACE, _REC, notes="Empty Mitigating Actions cell: mitigation ''."),
    ),
    landscape=True,
    tab_txt=True,
)


# --- l4: highlight report with workstream blocks ----------------------------------------------

def _workstream(programme: str, name: str, status: str, issues: tuple[str, ...], actions: tuple[str, ...],
                amounts: tuple[Money, ...] = (), years: tuple[str, ...] = (), notes: str = "") -> tuple[tuple[Heading | Para | Bullets, ...], Record]:
    """Given one workstream's block content, return its blocks and gold record (bullets joined by one space)."""
    blocks = (Heading(name, 2), Para(f"**Status:** {status}"), Para("**Issues:**"), Bullets(issues), Para("**Actions:**"),
              Bullets(actions))
    return blocks, Record(name, " ".join(issues), " ".join(actions), programme=programme, status=status.lower(),
                          amounts=amounts, fiscal_years=years, notes=notes)


_RES = "Resident Services Programme"
_PLACE = "Place and Growth Programme"
L4_WORKSTREAMS = (
    _workstream(_RES, "Revenues and Benefits Automation", "Amber",
                ("Robotic process automation of change-of-address cases is handling 60% of cases against a target of 85%.",
                 "Two of the five automation developers have left the council."),
                ("The supplier will retrain the change-of-address process on the latest case types by the end of July.",
                 "Interim developers have been appointed through the framework at a cost of £42,000."),
                (Money("£42,000", 42000, "mitigation", "cost"),)),
    _workstream(_RES, "Garden Waste Subscriptions", "Red",
                ("Subscriptions stand at 18,400 against a budgeted 22,000, leaving an income shortfall of £126k for 2024/25.",
                 "The online sign-up form failed for nine days in April."),
                ("A reminder campaign to lapsed subscribers starts in June.",
                 "The charge of £45 per bin per year will be held at the current level."),
                (Money("£126k", 126000, "reason", "shortfall", "2024/25"), Money("£45", 45, "mitigation", "rate")),
                ("2024/25",), "Income below budget is a shortfall; £45 per bin per year is a rate."),
    _workstream(_PLACE, "Local Plan Review", "Amber",
                ("Publication of the draft plan has slipped from May to September 2024 because of new national planning guidance.",),
                ("A revised timetable has been agreed by the Local Plan Working Group.",
                 "Additional consultancy support of £30k will be funded from the planning reserve."),
                (Money("£30k", 30000, "mitigation", "cost"),), notes="One issue bullet; September 2024 is a month."),
    _workstream(_PLACE, "Market Town Regeneration – Holbeach Square", "Amber",
                ("The paving contractor has gone into administration with 70% of the works complete.",
                 "About £310k of spend is expected to slip into 2025/26."),
                ("The second-placed bidder has been approached to complete the works under a direct award.",),
                (Money("£310k", 310000, "reason", "slippage", "2025/26"),), ("2025/26",)),
)

L4 = Layout(
    stem="l4_highlight_report_workstreams_2024-25_p3",
    title="Fenwold District Council – Transformation Highlight Report: Period 3 2024/25",
    report_period="2024/25",
    notes="No table. One record per workstream block: a Heading 2 (the project) under a Heading 1 (the programme), a "
          "'Status:' line (status = the RAG word lower-case), 'Issues:' bullets (reason = the bullets joined by one space) "
          "and 'Actions:' bullets (mitigation likewise); the labels are in neither field. The introduction and its figures "
          "belong to no record.",
    blocks=(
        Para("This report summarises progress to the end of Period 3 (June 2024). Workstreams reporting Green with no issues "
             "are not shown; the programme budget of £3.6m is unchanged."),
        Heading(_RES, 1), *L4_WORKSTREAMS[0][0], *L4_WORKSTREAMS[1][0],
        Heading(_PLACE, 1), *L4_WORKSTREAMS[2][0], *L4_WORKSTREAMS[3][0],
    ),
    records=tuple(record for _, record in L4_WORKSTREAMS),
)
