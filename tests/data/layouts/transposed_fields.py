"""Two exception tables of invented councils in shapes no earlier layout has, each with the records it must give.

l27: a transposed table: one column per project, one row per field ("Project" row of names, then Reason
     for delay / Action / Slippage £000 / RAG), as a one-page board summary sets four schemes side by side.
l28: "Ref | Description | Target £000 | Forecast £000 | Cause | Remedial measures | Lead": a reference-code
     column ("SAV-25-03") beside a Description column that is the saving's name, with unusual header words
     for the reason and the mitigation.
"""

from __future__ import annotations

from model import Layout, Money, Para, Record, Row, Table

# --- l27: one column per project ---------------------------------------------------------------

_L27 = (  # name, reason, action, slippage £000, RAG, text amounts, years, notes
    ("Depot roof replacement",
     "The roofing contractor entered administration two weeks before the start date, so no work was done in the "
     "quarter.",
     "The works will be re-tendered through the regional framework in Q4, with a start in April.",
     "45", "Amber", (), (), "No money in the text."),
    ("Marsh Lane sports pavilion",
     "Planning consent was granted with a condition for a bat survey, which can only be carried out between May and "
     "August.",
     "The survey is booked for May and £120k of the budget will be rephased into 2026/27.",
     "120", "Red", (Money("£120k", 120000, "mitigation", "slippage", "2026/27"),), ("2026/27",),
     "Budget rephased into a later year is slippage of that year."),
    ("Harbour wall repairs",
     "Storm damage in January widened the breach, and the marine licence has to be varied before the contractor can "
     "work below the high-water line.",
     "A variation has been submitted to the Marine Management Organisation and temporary rock armour is in place.",
     "310", "Red", (), (), "No money in the text."),
    ("Town hall boiler replacement",
     "The heat pumps are on a 20-week lead time and the installation has been moved to the summer, when the building "
     "needs no heating.",
     "Orders have been placed at the tendered price of £96,500 and the old boilers stay in service until then.",
     "0", "Amber", (Money("£96,500", 96500, "mitigation", "cost"),), (),
     "A Slippage cell of 0 is a real amount of 0; the tendered price of the units is cost."),
)


def _l27_table() -> Table:
    """Return l27's transposed table: the header row names the projects, each body row is one field."""
    fields = (("Reason for delay", 1), ("Action", 2), ("Slippage £000", 3), ("RAG", 4))
    rows = tuple(Row(((label,), *((p[i],) for p in _L27))) for label, i in fields)
    return Table(("Project", *(p[0] for p in _L27)), rows, (16, 21, 21, 21, 21))


L27 = Layout(
    stem="l27_transposed_project_columns_2025-26_q2",
    title="Harrowmere Borough Council – Capital Projects Off Track: Quarter 2 2025/26",
    report_period="2025/26",
    notes="One ruled transposed table: the first row names one project per column after a 'Project' label cell, and "
          "each later row is one field (Reason for delay, Action, Slippage £000, RAG) across the projects. One record "
          "per project column: reason = its Reason for delay cell, mitigation = its Action cell, status = its RAG word "
          "lower-case. The Slippage £000 row is the table's money field: each cell is a table amount (x1000), kind "
          "slippage, fiscal_year null ('0' is a real amount of 0). No programme heading (programme null).",
    blocks=(
        Para("Four schemes in the 2025/26 capital programme are reported off track this quarter. Each column sets out one "
             "scheme."),
        _l27_table(),
        Para("The Capital Programme Board will review the schemes again in January."),
    ),
    records=tuple(Record(name, reason, action, status=rag.lower(),
                         amounts=(Money(slip, int(slip) * 1000, "table", "slippage"), *amounts), fiscal_years=years,
                         notes=notes)
                  for name, reason, action, slip, rag, amounts, years, notes in _L27),
    formats=("odt",),
)


# --- l28: reference codes beside the saving's description ---------------------------------------

_L28 = (  # ref, description, target £000, forecast £000, cause, remedial measures, lead, text amounts, years, notes
    ("SAV-25-03", "Garden waste subscription price rise", "180", "95",
     "Sign-ups fell by 11% after the charge rose to £52 a bin, so the extra income is well below the plan.",
     "A spring promotion with a second-bin discount will run from March, and the charge will be held for 2026/27.",
     "Head of Waste", (Money("£52", 52, "reason", "rate"),), ("2026/27",),
     "'£52 a bin' is a rate; the year the charge is held for is a year of the row."),
    ("SAV-25-07", "Fleet telematics and route optimisation", "240", "240",
     "The telematics units were fitted late because the supplier's installers were diverted to another contract.",
     "The supplier has agreed a credit of £18,000 for the delay, and fuel savings are being tracked weekly.",
     "Fleet Manager", (Money("£18,000", 18000, "mitigation", "income"),), (),
     "A supplier's credit for delay is compensation (income)."),
    ("SAV-25-11", "Merge of the two customer contact centres", "310", "150",
     "Consultation with staff on the new rota is taking longer than planned, and the merger cannot happen before "
     "October.",
     "Vacancies are being held in both centres; £160k of the saving will be delivered in 2026/27 instead.",
     "Customer Services Lead", (Money("£160k", 160000, "mitigation", "slippage", "2026/27"),), ("2026/27",),
     "A saving moved into a later year is slippage of that year."),
    ("SAV-25-14", "Review of discretionary rate relief", "75", "0",
     "Cabinet decided in July not to proceed with the proposal after the consultation responses.",
     "A replacement saving from the business rates review will be brought to Cabinet in December.",
     "Revenues Manager", (), (), "No money in the text; a Forecast cell of 0 is a real amount of 0."),
)


L28 = Layout(
    stem="l28_savings_reference_codes_2025-26_p6",
    title="Skelbrook District Council – Savings Delivery Exceptions 2025/26, Period 6",
    report_period="2025/26",
    notes="One ruled table. The Ref column holds reference codes (SAV-25-03), which are neither the project nor a "
          "programme: the project is the Description cell. reason = Cause, mitigation = Remedial measures; Lead belongs "
          "to no field. Money columns in £000 (x1000): Target is saving_target, Forecast is saving_projected; headers "
          "name no year (fiscal_year null). No programme heading (programme null), no status column.",
    blocks=(
        Para("Savings in the 2025/26 budget that are forecast to fall short of their target are listed below."),
        Table(("Ref", "Description", "Target £000", "Forecast £000", "Cause", "Remedial measures", "Lead"),
              tuple(Row(tuple((c,) for c in r[:7])) for r in _L28), (9, 17, 8, 8, 24, 24, 10)),
    ),
    records=tuple(Record(desc, cause, measures,
                         amounts=(Money(target, int(target) * 1000, "table", "saving_target"),
                                  Money(forecast, int(forecast) * 1000, "table", "saving_projected"), *amounts),
                         fiscal_years=years, notes=notes)
                  for _, desc, target, forecast, cause, measures, _, amounts, years, notes in _L28),
    landscape=True,
    borderless_pdf=True,
    formats=("rtf",),
)
