"""Two negative controls of invented councils: documents with mitigations or slipped schemes, and no exceptions.

n7: a corporate risk register: Ref | Risk | Likelihood | Impact | Score | Current controls | Further mitigating
    actions | Risk owner, scored 1-5 x 1-5: risks that might happen, not projects off track.
n8: a page of committee minutes: numbered minute items ("41. Capital programme monitoring") with discussion,
    RESOLVED and ACTION lines; a slipped scheme is mentioned in the debate, but the minutes are no exception report.
"""

from __future__ import annotations

from model import Heading, Layout, Para, Row, Table

_N7 = (
    ("CR01", "Adult social care demand exceeds the budget as the population ages.", "4", "4", "16",
     "Monthly demand modelling; the reablement service; a market sustainability plan.",
     "Review the eligibility guidance and expand the home care framework.", "Director of Adult Services"),
    ("CR04", "A cyber attack takes the council's systems offline.", "3", "5", "15",
     "Multi-factor authentication; offline backups tested quarterly; staff training.",
     "Complete the move of the remaining servers to the cloud tenancy by March 2025.", "Head of ICT"),
    ("CR07", "Inflation in construction prices makes the capital programme unaffordable.", "3", "4", "12",
     "Quarterly cost reviews; a 10% contingency on each scheme over £1m.",
     "Re-prioritise the programme at the February budget meeting.", "Director of Finance"),
    ("CR09", "Failure to recruit and retain social workers.", "4", "3", "12",
     "Market supplement; a grow-your-own apprenticeship scheme.",
     "Launch the international recruitment campaign in January.", "Head of HR"),
)

N7 = Layout(
    stem="n7_corporate_risk_register_scores_2024-25_q2",
    title="Brackenford County Council – Corporate Risk Register, Quarter 2 2024/25",
    report_period="2024/25",
    notes="Negative control: a risk register with likelihood and impact scores, controls and further mitigating "
          "actions, but no project off track and no exception: exceptions is [].",
    blocks=(
        Para("Risks are scored for likelihood and impact on a scale of 1 to 5; the score is their product. Risks scoring "
             "12 or more are reported to the Audit Committee."),
        Table(("Ref", "Risk", "Likelihood", "Impact", "Score", "Current controls", "Further mitigating actions",
               "Risk owner"), tuple(Row(tuple((c,) for c in r)) for r in _N7), (6, 22, 8, 7, 6, 20, 20, 11)),
        Para("No new risks were added this quarter. Risk CR02 (waste contract) has been closed."),
    ),
    landscape=True,
    borderless_pdf=True,
    formats=("doc",),
)

N8 = Layout(
    stem="n8_committee_minutes_page_2024-25",
    title="Tarnside Borough Council – Minutes of the Resources Scrutiny Committee, 21 November 2024",
    report_period="2024/25",
    notes="Negative control: committee minutes. Numbered minute items discuss reports (one mentions a slipped scheme "
          "and the reason), with RESOLVED and ACTION lines; no item is an exception record: exceptions is [].",
    blocks=(
        Para("Present: Councillors Ashby (Chair), Brennan, Okafor, Patel and Wren."),
        Heading("39. Apologies for absence", 2),
        Para("Apologies were received from Councillor Hughes."),
        Heading("40. Minutes of the previous meeting", 2),
        Para("The minutes of the meeting held on 17 October 2024 were agreed as a correct record."),
        Heading("41. Capital programme monitoring, Quarter 2 2024/25", 2),
        Para("The Head of Finance introduced the report, which forecast spend of £38.4m against a budget of £41.2m. In "
             "answer to a question from Councillor Okafor, she explained that the depot scheme had slipped because the "
             "contractor had gone into administration, and that the works would be re-tendered."),
        Para("RESOLVED: That the report be noted."),
        Para("ACTION: The Head of Finance to circulate the revised programme for the depot scheme to members."),
        Heading("42. Work programme", 2),
        Para("The committee agreed to add a review of the council's use of consultants to its work programme for "
             "2025/26."),
        Para("The meeting closed at 8.40 pm."),
    ),
    formats=("html",),
)
