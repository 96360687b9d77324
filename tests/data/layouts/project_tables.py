"""Two highlight reports of invented councils where each project is its own small table, one after another.

l23: under a programme heading, one two-row table per project: a Project | RAG | Issue | Action
     header and one body row.
l24: the same kind in another council's words: Scheme | Status | Problem | Remedial action, under two
     programme headings, a short paragraph between the tables.
Every table is an exceptions table of one row; the header repeats on every table and is never a record.
"""

from __future__ import annotations

from model import Heading, Layout, Money, Para, Record, Row, Table

# --- l23 -----------------------------------------------------------------------------------------

L23_RECORDS = (
    Record("Customer relationship management replacement",
           "Data migration from the old system failed its second trial load, with 8% of case records rejected.",
           "The supplier has added two data engineers at its own cost and a third trial load is booked for 14 February.",
           "Digital Transformation Programme", "amber", notes="One table per project; programme is the Heading 2 above."),
    Record("Website content redesign",
           "The accessibility audit found 140 pages that fail WCAG 2.2, so launch cannot go ahead in March.",
           "Content editors in each service are rewriting the failing pages; launch moves to May 2025.",
           "Digital Transformation Programme", "red", notes="May 2025 is a calendar month, not a financial year."),
    Record("Telephony migration to cloud",
           "Porting of the main council numbers is delayed by the carrier, and licence costs of £18k are forecast for the "
           "extra months of the old contract.",
           "The old contract has been extended month by month and the £18k will be met from the programme contingency.",
           "Digital Transformation Programme", "amber",
           (Money("£18k", 18000, "reason", "cost"), Money("£18k", 18000, "mitigation", "cost")),
           notes="Licence costs forecast are cost; the same figure met from a contingency is money to be spent (cost), as l4 has it."),
)

L23 = Layout(
    stem="l23_highlight_report_project_tables_2024-25_p10",
    title="Ravensholme Council – Digital Transformation Programme Highlight Report 2024/25: Period 10",
    report_period="2024/25",
    notes="Each project reporting an exception is its own two-row table (Project | RAG | Issue | Action header, one body row) "
          "under one programme heading; the tables follow one another. One record per table; headers are never records. "
          "programme = the heading above; status = RAG word lower-case.",
    blocks=(
        Para("Projects reporting an exception this period are shown below, one table each."),
        Heading("Digital Transformation Programme", 2),
        *(b for r in L23_RECORDS for b in (
            Table(("Project", "RAG", "Issue", "Action"),
                  (Row(((r.project,), ((r.status or "").title(),), (r.reason,), (r.mitigation,))),), (22, 8, 35, 35)),
            Para(" "))),
    ),
    records=L23_RECORDS,
)

# --- l24 -----------------------------------------------------------------------------------------

_L24 = (
    ("Housing Delivery", (
        Record("Garth Road new council homes",
               "The main contractor entered administration in October; the site has been secured.",
               "A replacement contractor is being procured through the regional framework, and £2.1m of the 2024/25 budget "
               "has been reprofiled into 2025/26.", status="red",
               amounts=(Money("£2.1m", 2100000, "mitigation", "slippage", "2024/25"),), fiscal_years=("2024/25", "2025/26"),
               notes="The year in the amount's noun phrase ('of the 2024/25 budget') comes first, as in the samples."),
        Record("Empty homes loans",
               "Only 6 loans have completed against a plan of 20 because of higher interest rates.",
               "The loan terms have been revised and a mailing to 400 owners of long-term empty homes went out in January.",
               status="amber"),
    )),
    ("Estates", (
        Record("Depot consolidation",
               "Ground investigation found contaminated fill, and remediation is estimated at £0.6m.",
               "A bid to the Brownfield Land Release Fund for £0.5m has been submitted.", status="amber",
               amounts=(Money("£0.6m", 600000, "reason", "cost"), Money("£0.5m", 500000, "mitigation", "other")),
               notes="Remediation estimated at a figure is cost; a bid not yet awarded names no kind."),
    )),
)

L24 = Layout(
    stem="l24_programme_board_scheme_tables_2024-25_q3",
    title="Thornbury Vale District Council – Housing and Estates Programme Board Exceptions 2024/25: Quarter 3",
    report_period="2024/25",
    notes="Each scheme is its own two-row table (Scheme | Status | Problem | Remedial action header, one body row), a short "
          "paragraph between tables, under two programme headings. One record per table; programme = the heading above; "
          "status = the Status cell lower-case.",
    blocks=tuple(b for programme, records in _L24 for b in (
        Heading(programme, 2),
        *(c for r in records for c in (
            Table(("Scheme", "Status", "Problem", "Remedial action"),
                  (Row(((r.project,), ((r.status or "").title(),), (r.reason,), (r.mitigation,))),), (22, 10, 34, 34)),
            Para(f"Scheme sponsor: Head of {programme}."))))),
    records=tuple(Record(r.project, r.reason, r.mitigation, programme, r.status, r.amounts, r.fiscal_years, r.notes)
                  for programme, records in _L24 for r in records),
)
