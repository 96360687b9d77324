"""A key/value layout of an invented council, with the records it must give.

l5: one two-column "Project Exception Form" table per project (label | value rows, no header
    row) under a numbered heading that is not the project name; the form names its programme
    and RAG; the budget consequences row belongs to no field.
"""

from __future__ import annotations

from model import Heading, Layout, Money, Para, Record, Row, Table


def _form(number: int, fields: dict[str, str], record: Record) -> tuple[tuple[Heading | Table, ...], Record]:
    """Given a form number, its label/value rows and its gold record, return its blocks and record."""
    rows = tuple(Row(((f"**{label}**",), (value,))) for label, value in fields.items())
    return (Heading(f"Exception form {number}", 2), Table((), rows, (28, 72))), record


def _fields(project: str, programme: str, rag: str, issue: str, cause: str, impact: str, actions: str, date: str) -> dict[str, str]:
    """Given one form's values, return them under the form's labels, in the form's order."""
    return {"Project": project, "Programme": programme, "Sponsor": "Director of Place", "RAG": rag, "Issue": issue,
            "Root cause": cause, "Budget consequences": impact, "Recovery actions": actions, "Revised end date": date}


_F1 = ("Northgate Depot Solar Array", "Net Zero Programme", "Amber",
       "Grid connection works by the distribution network operator will not be complete before March 2024.",
       "The operator's programme was set back by a transformer fault at the primary substation.",
       "£180k of the 2023/24 allocation will be needed in 2024/25.",
       "The panels will be installed and commissioned in readiness, and the council will seek a firm connection date "
       "through the operator's escalation route.", "June 2024")
_F2 = ("School Streets Pilot", "Active Travel Programme", "Red",
       "Traffic orders for four of the six schools have not been made after objections from residents.",
       "Consultation responses were higher than expected and each objection must be reported to committee.",
       "No change to the £95,000 budget, but officer time is running 30% over plan.",
       "Objections will be reported to the Planning and Highways Committee in January, with camera enforcement at the "
       "two operating schools from February.", "September 2024")
_F3 = ("Library Self-Service Kiosks", "Customer Access Programme", "Amber",
       "The kiosk supplier cannot supply the card payment module until the new financial year.",
       "A change of chip set by the manufacturer has delayed certification.",
       "Income of about £2,000 per month from printing and fines is delayed.",
       "Kiosks will go live without card payment in November, with a contactless reader fitted in 2024/25 at no extra "
       "cost.", "May 2024")


def _record(values: tuple[str, ...], amounts: tuple[Money, ...] = (), years: tuple[str, ...] = (), notes: str = "") -> Record:
    """Given one form's values, return its gold record: reason = Issue + Root cause, mitigation = Recovery actions."""
    project, programme, rag, issue, cause, _, actions, _ = values
    return Record(project, f"{issue} {cause}", actions, programme=programme, status=rag.lower(), amounts=amounts,
                  fiscal_years=years, notes=notes)


L5_FORMS = (
    _form(1, _fields(*_F1), _record(_F1, notes="The £180k in 'Budget consequences' belongs to no field; March 2024 is a month.")),
    _form(2, _fields(*_F2), _record(_F2, notes="Budget consequences (£95,000) belongs to no field.")),
    _form(3, _fields(*_F3), _record(_F3, years=("2024/25",), notes="2024/25 is written in the recovery actions.")),
)

L5 = Layout(
    stem="l5_project_exception_forms_2023-24_q3",
    title="Brackenfield Metropolitan Borough Council – Capital and Transformation Project Exception Forms, Quarter 3 2023/24",
    report_period="2023/24",
    notes="One two-column label | value table per project under an 'Exception form N' heading that is not the project "
          "name; no header row. project = the Project value; programme = the Programme value; status = the RAG value "
          "lower-case; reason = Issue + one space + Root cause; mitigation = Recovery actions. Sponsor, Budget consequences "
          "(like the Consequences of a PRINCE2 exception report) and Revised end date belong to no field, so their £ "
          "figures are amounts of no record.",
    blocks=(
        Para("Each form below was considered by the Capital Programme Board in December 2023. Forms are raised when a "
             "project is forecast to exceed its tolerance for time or cost."),
        *(block for blocks, _ in L5_FORMS for block in blocks),
    ),
    records=tuple(record for _, record in L5_FORMS),
)
