"""Two exception tables of invented councils whose project names are bold title paragraphs inside the cells.

l17: "Project exception | Mitigating action" tables under bold programme paragraphs ending in a
     colon (the samples' genre), but each exception cell opens with the project's name as a bold
     paragraph of its own, no colon; one cell holds two projects, each titled, and the
     mitigation cell titles its two paragraphs the same way.
l18: "Issue | Action taken / planned" tables under programme headings; each issue cell opens with
     a bold "Name (Amber)" title paragraph carrying the RAG in brackets.
"""

from __future__ import annotations

from model import Heading, Layout, Money, Para, Record, Row, Table

# --- l17: bold title paragraphs, the samples' two-column genre ---------------------------------

_PREVENTION = "Prevention and Wellbeing"
_COMMISSIONING = "Commissioning and Market Shaping"
_L17 = (
    (_PREVENTION, "Social Prescribing Expansion",
     ("Referrals from GP practices are 35% below the level assumed in the business case.",
      "The saving of £90,000 for 2025/26 depends on the higher referral level."),
     ("Link workers have started attending practice meetings in the two localities with the lowest referral rates.",)),
    (_PREVENTION, "Falls Prevention Service",
     ("The community exercise provider has withdrawn from three venues.",),
     ("Replacement classes will be run by the leisure trust from November at no additional cost.",)),
    (_COMMISSIONING, "Home Care Framework Retender",
     ("Only nine providers bid for the rural lots, so 140 hours a week remain uncovered.",),
     ("The rural lots will be re-advertised with an enhanced hourly rate of £24.50 per hour.",)),
    (_COMMISSIONING, "Supported Living Pathway",
     ("Two of the planned schemes have been delayed by the housing provider's refinancing.",),
     ("Interim placements are being found through the existing framework.",)),
)
_L17_AMOUNTS = {"Social Prescribing Expansion": (Money("£90,000", 90000, "reason", "saving_target", "2025/26"),),
                "Home Care Framework Retender": (Money("£24.50", 24.5, "mitigation", "rate"),)}


def _titled(name: str, paras: tuple[str, ...]) -> tuple[str, ...]:
    """Given a project name and its paragraphs, return them under a bold title paragraph."""
    return (f"**{name}**", *paras)


def _l17_rows(programme: str) -> tuple[Row, ...]:
    """Given a programme, return its rows: one project per row, except that the Commissioning projects share one row."""
    items = [item for item in _L17 if item[0] == programme]
    if programme == _COMMISSIONING:  # two projects in one row, each titled in both cells
        return (Row((sum((_titled(n, r) for _, n, r, _ in items), ()), sum((_titled(n, m) for _, n, _, m in items), ()))),)
    return tuple(Row((_titled(n, r), m)) for _, n, r, m in items)


def _l17_records() -> tuple[Record, ...]:
    """Return l17's gold records, paragraphs joined by one space; the title paragraphs are in neither field."""
    return tuple(Record(n, " ".join(r), " ".join(m), programme=p, amounts=_L17_AMOUNTS.get(n, ()),
                        fiscal_years=("2025/26",) if n == "Social Prescribing Expansion" else (),
                        notes="Two titled projects share one row; the mitigation cell repeats their titles."
                        if p == _COMMISSIONING else "") for p, n, r, m in _L17)


L17 = Layout(
    stem="l17_titled_exception_cells_2025-26_q1",
    title="Nettlecombe County Council – Improving Services Portfolio: Project Exceptions and Mitigating Action, Quarter 1 "
          "2025/26",
    report_period="2025/26",
    notes="Two ruled 'Project exception | Mitigating action' tables, each under a bold paragraph naming the programme and "
          "ending with a colon (programme = that text without the colon). Each exception cell opens with the project's "
          "name as a bold paragraph of its own: project = that title; reason = the paragraphs after it, mitigation = the "
          "mitigation cell's paragraphs, each joined by one space. The Commissioning row holds two titled projects, and its "
          "mitigation cell titles each project's paragraphs the same way; the titles are in neither field.",
    blocks=(
        Para("This document gives further detail on the project exceptions in the portfolio status report."),
        Para(f"**{_PREVENTION}:**"),
        Table(("Project exception", "Mitigating action"), _l17_rows(_PREVENTION), (50, 50)),
        Para(f"**{_COMMISSIONING}:**"),
        Table(("Project exception", "Mitigating action"), _l17_rows(_COMMISSIONING), (50, 50)),
    ),
    records=_l17_records(),
)


# --- l18: "Name (Amber)" title paragraphs ------------------------------------------------------

_HOMES = "Homes and Neighbourhoods"
_GROWTH = "Growth and Skills"
_L18 = (
    (_HOMES, "Temporary Accommodation Reduction", "Red",
     ("Placements in bed and breakfast have risen to 64 households against a target of 30.",
      "The cost of the extra placements is forecast at £410k this year."),
     "Twelve homes leased from a housing association will be available from December, and a landlord incentive of £2,000 "
     "per tenancy has been introduced."),
    (_HOMES, "Disrepair Claims Backlog", "Amber",
     ("The legal team has 220 open claims, and surveys are taking twelve weeks to arrange.",),
     "Two additional surveyors have been recruited on fixed-term contracts."),
    (_GROWTH, "Adult Learning Centre Move", "Amber",
     ("The lease on the new premises has not been signed because the landlord's repairs are incomplete.",),
     "Classes will continue at the current centre until the end of the spring term."),
)
_L18_AMOUNTS = {"Temporary Accommodation Reduction": (Money("£410k", 410000, "reason", "cost"),
                                                      Money("£2,000", 2000, "mitigation", "rate"))}

L18 = Layout(
    stem="l18_titled_issue_cells_rag_2024-25_q3",
    title="Wyecombe Borough Council – Corporate Change Programme: Issues and Actions, Quarter 3 2024/25",
    report_period="2024/25",
    notes="Two ruled 'Issue | Action taken / planned' tables under headings that are the programmes. Each issue cell opens "
          "with a bold title paragraph 'Name (Amber)': project = Name; status = the bracketed RAG lower-case; reason = the "
          "paragraphs after the title joined by one space; mitigation = the action cell.",
    blocks=(
        Para("The issues below were escalated to the Corporate Change Board in October."),
        *(block for programme in (_HOMES, _GROWTH) for block in (
            Heading(programme, 2),
            Table(("Issue", "Action taken / planned"),
                  tuple(Row(((f"**{n} ({rag})**", *r), (m,))) for p, n, rag, r, m in _L18 if p == programme), (55, 45)))),
    ),
    records=tuple(Record(n, " ".join(r), m, programme=p, status=rag.lower(), amounts=_L18_AMOUNTS.get(n, ()),
                         notes="£410k, the forecast cost of the extra placements, is cost; £2,000 per tenancy is a rate."
                         if n in _L18_AMOUNTS else "") for p, n, rag, r, m in _L18),
)
