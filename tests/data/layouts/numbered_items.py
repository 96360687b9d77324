"""Two reports of invented councils whose exceptions are paragraphs with no field labels on lines of their own.

l29: a committee report numbered through ("3. Depot roof (£45k slippage) – reason. Action: ..."), the scheme's
     name, its slippage in brackets and the reason on one paragraph, an inline "Action:" or none; numbered
     prose paragraphs (purpose, recommendation) that are not records; programme headings between the items.
l30: a savings update as bulleted paragraphs, each "**Name** (Amber) – reason. Recovery plan: ..." (a dash or a
     colon after the bracketed RAG), under workstream headings.
"""

from __future__ import annotations

from model import Bullets, Heading, Layout, Money, Para, Record

# --- l29: numbered paragraphs ------------------------------------------------------------------

_ENV = "Environment and Waste"
_HOUSING = "Housing"
_L29 = (  # programme, number, name, bracketed slippage, its value, reason, action, text amounts, years, notes
    (_ENV, 3, "Depot roof", "£45k", 45000,
     "the roofing contractor went into administration two weeks before the start on site.",
     "the works will be re-tendered through the regional framework in Q4.", (), (), "No money in the text."),
    (_ENV, 4, "Cemetery extension", "£130k", 130000,
     "the archaeological evaluation found a Roman field system, and the county archaeologist has asked for a full "
     "excavation before ground works can begin.",
     "the excavation is programmed for February and March, and £130k will be carried forward to 2025/26.",
     (Money("£130k", 130000, "mitigation", "slippage", "2025/26"),), ("2025/26",),
     "Carried forward to a later year is slippage of that year; the bracketed figure is the same sum."),
    (_ENV, 5, "Play area renewals", "£28k", 28000,
     "two of the five sites need drainage surveys after the October flooding, and their equipment will be installed "
     "in the spring.", "", (), (), "No Action sentence: mitigation is ''."),
    (_HOUSING, 6, "Disabled facilities grants", "£210k", 210000,
     "referrals from occupational therapy fell while the service was restructured over the summer.",
     "an agency occupational therapist has been engaged until March to clear the waiting list.", (), (),
     "No money in the text."),
    (_HOUSING, 7, "Temporary accommodation purchases", "£0.6m", 600000,
     "two of the four properties fell through at survey, one for subsidence and one for a defective roof.",
     "officers are negotiating for two replacement properties, with completion expected in May 2025.", (), (),
     "'May 2025' is a calendar date, not a financial year."),
)


def _l29_item(number: int, name: str, slip: str, reason: str, action: str) -> Para:
    """Given an item's parts, return its numbered paragraph."""
    tail = f" Action: {action}" if action else ""
    return Para(f"{number}. {name} ({slip} slippage) – {reason}{tail}")


def _l29_blocks() -> tuple[Heading | Para, ...]:
    """Return l29's blocks: numbered prose, then each programme's heading and items, then the recommendation."""
    blocks: list[Heading | Para] = [
        Para("1. This report sets out the capital schemes whose spend will slip beyond 31 March 2025, and the action "
             "being taken on each."),
        Para("2. The figure in brackets after each scheme is its slippage against the 2024/25 budget. Schemes with "
             "slippage below £25k are not listed."),
    ]
    for programme in (_ENV, _HOUSING):
        blocks.append(Heading(programme, 2))
        blocks += [_l29_item(n, name, slip, reason, action) for p, n, name, slip, _, reason, action, *_ in _L29
                   if p == programme]
    blocks.append(Heading("Recommendation", 2))
    blocks.append(Para("8. Cabinet is recommended to approve the carry forward of £1.01m into 2025/26."))
    return tuple(blocks)


L29 = Layout(
    stem="l29_numbered_slippage_paragraphs_2024-25_q3",
    title="Wyvern Vale District Council – Capital Programme Quarter 3 2024/25: Schemes Reporting Slippage",
    report_period="2024/25",
    notes="No table. Paragraphs are numbered through the report; a record is a numbered paragraph 'N. Name (£X "
          "slippage) – reason. Action: mitigation' under a programme heading (Environment and Waste, Housing). "
          "project = the name before the bracket; reason = the text after the dash up to 'Action:'; mitigation = the "
          "text after 'Action:', '' where there is none. The bracketed figure stands for the row's slippage cell: a "
          "table amount (field table), kind slippage, fiscal_year null. Paragraphs 1, 2 and 8 are prose, not records; "
          "the £25k threshold and the £1.01m carry forward belong to no record.",
    blocks=_l29_blocks(),
    records=tuple(Record(name, reason, action, programme=programme,
                         amounts=(Money(slip, value, "table", "slippage"), *amounts), fiscal_years=years, notes=notes)
                  for programme, _, name, slip, value, reason, action, amounts, years, notes in _L29),
    formats=("odt",),
)


# --- l30: bulleted paragraphs -----------------------------------------------------------------

_DIGITAL = "Digital and Customer"
_ASC = "Adult Social Care"
_L30 = (  # workstream, name, RAG, separator, reason, recovery plan, amounts, years, notes
    (_DIGITAL, "Digital mailroom", "Amber", " –",
     "scanning volumes are lower than modelled, so £120k of the £200k saving is at risk in 2024/25.",
     "schools' post will be added to the service from January.",
     (Money("£120k", 120000, "reason", "at_risk", "2024/25"), Money("£200k", 200000, "reason", "saving_target", "2024/25")),
     ("2024/25",), "'is at risk' is at_risk; 'the £200k saving' is the year's target; both in the clause naming 2024/25."),
    (_DIGITAL, "Self-service council tax portal", "Red", ":",
     "the supplier's release has failed accessibility testing twice, and go-live has moved to June 2025.",
     "the saving of £85k will be re-profiled to 2025/26 and met in the meantime from vacant posts.",
     (Money("£85k", 85000, "mitigation", "slippage", "2025/26"),), ("2025/26",),
     "A saving re-profiled to a later year is slippage of that year; June 2025 is a calendar date."),
    (_DIGITAL, "Revenues chatbot", "Amber", " –",
     "call volumes have not fallen as planned because the chatbot cannot yet take payments.",
     "payment integration is being built by the in-house team for release in February.", (), (),
     "No money in the text."),
    (_ASC, "Reablement at home", "Red", " –",
     "recruitment is 14 posts short of plan, so fewer people leave hospital with a short-term package of care.",
     "a rolling recruitment campaign with a £1,500 welcome payment started in November.",
     (Money("£1,500", 1500, "mitigation", "cost"),), (), "The welcome payment is a cost."),
    (_ASC, "Day services redesign", "Amber", ":",
     "the consultation closed late, and the new model cannot start until April 2025.",
     "a one-off saving on the transport contract will cover the gap this year.", (), (),
     "No money in the text; 'this year' is not a written year."),
)

L30 = Layout(
    stem="l30_bulleted_savings_items_2024-25_m8",
    title="Marlcombe Council – Transformation Savings: Items Off Track at Month 8 2024/25",
    report_period="2024/25",
    notes="No table. Each record is one bulleted paragraph '**Name** (RAG) – reason. Recovery plan: mitigation' (a dash "
          "or a colon after the bracketed RAG) under a workstream heading, which is the programme. project = the bold "
          "name; status = the bracketed RAG word lower-case; reason = the text after the dash or colon up to 'Recovery "
          "plan:'; mitigation = the text after it.",
    blocks=(
        Para("The items below are rated Red or Amber at Month 8. Items rated Green are on track and are not listed."),
        *(block for ws in (_DIGITAL, _ASC) for block in (
            Heading(ws, 2),
            Bullets(tuple(f"**{name}** ({rag}){sep} {reason} Recovery plan: {plan}"
                          for w, name, rag, sep, reason, plan, *_ in _L30 if w == ws)))),
        Para("The programme board meets again on 14 January."),
    ),
    records=tuple(Record(name, reason, plan, programme=ws, status=rag.lower(), amounts=amounts, fiscal_years=years,
                         notes=notes)
                  for ws, name, rag, _, reason, plan, amounts, years, notes in _L30),
    formats=("html",),
)
