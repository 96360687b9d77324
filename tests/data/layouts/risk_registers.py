"""Two key-issues-and-risks registers of invented councils, each with the records it must give.

l11: "Project | Issue | Impact | Mitigating action | Owner | Target date | RAG": one Project cell
     names two projects separated by a semicolon ("A; B"), sharing the row's issue; target dates
     as dd/mm/yyyy, a month or a quarter of a financial year.
l12: "Ref | Project(s) | Risk / issue and update | RAG rating | Lead officer | Review date" under
     "Programme: ..." rows merged across the table; one commentary column holds the issue and,
     after "Next steps:" or "Remedial action:" (its own paragraph or inline), the mitigation; an
     "Issue:" label opens some commentaries; one Project(s) cell names two projects, one a paragraph.
"""

from __future__ import annotations

from model import Layout, Money, Para, Record, Row, Table

# --- l11: key issues and risks, two projects in one cell ----------------------------------------

_L11 = (
    ("Customer portal", "The identity verification supplier has withdrawn from the UK market.",
     "Residents will not be able to create accounts for council tax services after 31 December.",
     "A replacement supplier has been procured through the G-Cloud framework at a cost of £28,000.",
     "Head of Digital", "31/12/2024", "Red"),
    ("Leisure booking system; Library management system",
     "Both systems run on a hosting contract that ends in March 2025, and the data centre provider will not extend it.",
     "Bookings and loans would stop if the systems are not moved in time.",
     "Both systems will move to the council's cloud tenancy in a single migration scheduled for February.",
     "ICT Infrastructure Manager", "Q4 2024/25", "Amber"),
    ("Council tax e-billing",
     "Take-up is 14% against a target of 30%, so print and postage savings of £45k for 2024/25 will not be achieved.",
     "The budget pressure will be reported in the Quarter 3 monitoring.",
     "A prize draw for residents who switch will run with the annual bills, and the sign-up form has been simplified.",
     "Revenues Manager", "31/03/2025", "Amber"),
    ("Housing repairs chatbot", "The pilot answered only 41% of queries without handing over to an adviser.",
     "Call volumes to the repairs line have not fallen as planned.",
     "The supplier is retraining the chatbot on the repairs catalogue at no extra cost.",
     "Housing Services Lead", "January 2025", "Green"),
)
_L11_AMOUNTS = {"£28,000": ("mitigation", "cost", None), "£45k": ("reason", "saving_target", "2024/25")}


def _l11_records() -> tuple[Record, ...]:
    """Return l11's gold records: one per project named in a Project cell, reason = Issue + one space + Impact."""
    records = []
    for projects, issue, impact, action, _, date, rag in _L11:
        reason = f"{issue} {impact}"
        amounts = tuple(Money(t, int(t.strip("£k").replace(",", "")) * (1000 if t.endswith("k") else 1), field, kind, fy)
                        for t, (field, kind, fy) in _L11_AMOUNTS.items() if t in f"{reason} {action}")
        years = ("2024/25",) if "2024/25" in f"{reason} {action} {date}" else ()
        shared = "; " in projects
        for name in projects.split("; "):
            records.append(Record(name, reason, action, status=rag.lower(), amounts=amounts, fiscal_years=years, date=date,
                                  notes="One of two projects named in one Project cell ('A; B'): each is a record with the "
                                        "row's texts; 2024/25 comes from the Target date 'Q4 2024/25'." if shared else ""))
    return tuple(records)


L11 = Layout(
    stem="l11_key_issues_register_two_projects_2024-25_q2",
    title="Ravensworth Metropolitan Borough Council – Digital and Customer Programme: Key Issues and Risks, Quarter 2 "
          "2024/25",
    report_period="2024/25",
    notes="One ruled table, no programme headings (programme null). One record per project named in the Project cell: a "
          "cell naming two projects separated by '; ' gives two records with the same reason and mitigation. reason = "
          "Issue + one space + Impact; mitigation = Mitigating action; status = the RAG word lower-case. Owner belongs to no "
          "field. Target date counts for fiscal years only where it names a financial year (Q4 2024/25); dd/mm/yyyy dates "
          "and months do not.",
    blocks=(
        Para("The table sets out the issues escalated to the Digital and Customer Programme Board this quarter, with the "
             "action agreed for each."),
        Table(("Project", "Issue", "Impact", "Mitigating action", "Owner", "Target date", "RAG"),
              tuple(Row(tuple((c,) for c in r)) for r in _L11), (15, 22, 18, 22, 10, 8, 5)),
    ),
    records=_l11_records(),
    landscape=True,
    tab_txt=True,
)


# --- l12: risk and issue register, reason and mitigation in one column --------------------------

_SCHOOLS = "Schools Capital"
_HIGHWAYS = "Highways and Transport"


def _l12_item(programme: str, ref: str, projects: tuple[str, ...], reason: str, label: str, action: str, inline: bool,
              rag: str, lead: str, review: str, amounts: tuple[Money, ...] = (), years: tuple[str, ...] = (),
              notes: str = "", issue_label: bool = False) -> tuple[Row, tuple[Record, ...]]:
    """Given one register row, return it and one gold record per project (labels are in neither field)."""
    first = f"**Issue:** {reason}" if issue_label else reason
    if not action:
        commentary: tuple[str, ...] = (first,)
    else:
        commentary = (f"{first} **{label}:** {action}",) if inline else (first, f"**{label}:** {action}")
    row = Row(((ref,), projects, commentary, (rag,), (lead,), (review,)))
    return row, tuple(Record(p, reason, action, programme=programme, status=rag.lower(), amounts=amounts,
                             fiscal_years=years, notes=notes) for p in projects)


_NEXT, _REMEDIAL = "Next steps", "Remedial action"
L12_ITEMS = (
    _l12_item(_SCHOOLS, "MP-07", ("Primary school expansion – St Mary's", "Primary school expansion – Hillside"),
              "Both schemes share one design and build contract, and the contractor has reported a ten-week delay to "
              "steel frame deliveries, so neither extension will be ready for September 2024.", _REMEDIAL,
              "the contractor is working extended hours and temporary classrooms have been ordered for both schools at a "
              "combined cost of £160k.", False, "Red", "Head of School Organisation", "28/02/2024",
              (Money("£160k", 160000, "mitigation", "cost"),),
              notes="Two projects, one paragraph each, in one Project(s) cell: a record each with the row's texts; "
                    "'Remedial action:' starts its own paragraph."),
    _l12_item(_SCHOOLS, "MP-09", ("Secondary science block – Northfield Academy",),
              "Tender returns were 18% above the cost plan, leaving a funding gap of £0.6m.", _NEXT,
              "the design team is reviewing the specification with the academy trust, and a bid for basic need grant of "
              "£0.6m will be made in 2024/25.", False, "Amber", "Head of School Organisation", "31/03/2024",
              (Money("£0.6m", 600000, "reason", "overspend"), Money("£0.6m", 600000, "mitigation", "income", "2024/25")),
              ("2024/25",), "An 'Issue:' label opens the commentary; a funding gap above the cost plan is overspend, the "
                            "grant bid income of 2024/25.", issue_label=True),
    _l12_item(_HIGHWAYS, "MP-14", ("Bus station redevelopment",),
              "The main contractor entered administration on 12 January 2024 with the works 60% complete.", _NEXT,
              "the surety bond has been called and a completion contractor will be procured through the framework by "
              "April; costs above the bond of around £350,000 are expected.", False, "Red", "Head of Transport",
              "29/02/2024", (Money("£350,000", 350000, "mitigation", "cost"),), notes="12 January 2024 is a date."),
    _l12_item(_HIGHWAYS, "MP-15", ("Junction 4 improvement scheme",),
              "The Department for Transport has not yet approved the full business case, so the £4.5m grant cannot be "
              "drawn down in 2023/24.", _REMEDIAL,
              "officers have answered the department's queries, approval is expected in March and the works have been "
              "re-profiled.", True, "Amber", "Head of Transport", "31/03/2024",
              (Money("£4.5m", 4500000, "reason", "income", "2023/24"),), ("2023/24",),
              "'Issue:' and an inline 'Remedial action:' label.", issue_label=True),
    _l12_item(_HIGHWAYS, "MP-18", ("Street lighting LED conversion",),
              "Supply of lanterns is back on programme after the manufacturer's delays earlier in the year.", _NEXT, "",
              False, "Green", "Street Lighting Manager", "30/04/2024", notes="No mitigation label: mitigation ''."),
)


def _l12_rows() -> tuple[Row, ...]:
    """Return l12's body rows: a merged 'Programme: ...' row before each programme's items."""
    rows: list[Row] = []
    for programme in (_SCHOOLS, _HIGHWAYS):
        rows.append(Row(((f"Programme: {programme}",),), bold=True, span=True))
        rows += [row for row, records in L12_ITEMS if records[0].programme == programme]
    return tuple(rows)


L12 = Layout(
    stem="l12_risk_issue_register_commentary_2023-24_m10",
    title="Eastholme County Council – Major Projects Board: Risk and Issue Register Exceptions, Month 10 2023/24",
    report_period="2023/24",
    notes="One ruled table; rows merged across it reading 'Programme: <name>' give the programme (<name>, without the "
          "label) of the items under them and are not records. One record per project in the Project(s) cell (two "
          "paragraphs name two projects, sharing the row's texts). The commentary holds the issue (after an 'Issue:' label "
          "where there is one) and, after 'Next steps:' or 'Remedial action:' (inline or its own paragraph), the "
          "mitigation; the labels are in neither field, and no mitigation label gives mitigation ''. status = RAG rating "
          "lower-case. Ref, Lead officer and Review date belong to no field.",
    blocks=(
        Para("Items below are risks that have materialised or issues outside tolerance, reported by exception to the Major "
             "Projects Board."),
        Table(("Ref", "Project(s)", "Risk / issue and update", "RAG rating", "Lead officer", "Review date"), _l12_rows(),
              (6, 18, 48, 8, 12, 8)),
    ),
    records=tuple(record for _, records in L12_ITEMS for record in records),
    landscape=True,
)
