"""Two negative layouts of invented councils: tables that are not exceptions tables, so no records.

n2: programme board contacts ("Name | Role | Email | Telephone") and a glossary ("Term |
    Description") whose definitions use the words exception, mitigating action and slippage.
n3: treasury management indicators ("Indicator | Limit | Actual" in £m and %) with prose
    saying no action is needed.
"""

from __future__ import annotations

from model import Heading, Layout, Para, Row, Table


def _rows(*rows: tuple[str, ...]) -> tuple[Row, ...]:
    """Given rows of one-paragraph cells, return them as table rows."""
    return tuple(Row(tuple((c,) for c in r)) for r in rows)


N2 = Layout(
    stem="n2_board_contacts_glossary_2023-24",
    title="Ashby Vale Council – Transformation Programme Board: Membership, Contacts and Glossary 2023/24",
    report_period="2023/24",
    notes="Negative control: a contacts table and a glossary whose terms are the words of exception reports. Neither is an "
          "exceptions table: exceptions is [].",
    blocks=(
        Para("This appendix lists the members of the Transformation Programme Board and explains terms used in its reports."),
        Heading("Board membership and contacts", 2),
        Table(("Name", "Role", "Email", "Telephone"), _rows(
            ("Priya Raman", "Chief Executive (Chair)", "priya.raman@ashbyvale.gov.uk", "01632 960 101"),
            ("Tom Aldous", "Director of Finance", "tom.aldous@ashbyvale.gov.uk", "01632 960 214"),
            ("Grace Whitfield", "Head of Transformation", "grace.whitfield@ashbyvale.gov.uk", "01632 960 377"),
            ("Samuel Okafor", "Programme Manager, Digital", "samuel.okafor@ashbyvale.gov.uk", "01632 960 452"),
            ("Helen Marsh", "Programme Manager, Property", "helen.marsh@ashbyvale.gov.uk", "01632 960 519"),
        ), (22, 28, 34, 16)),
        Heading("Glossary", 2),
        Table(("Term", "Description"), _rows(
            ("Exception report", "A report to the Board when a project is forecast to go beyond its tolerances for cost, "
                                 "time or quality."),
            ("Mitigating action", "An action taken to reduce the likelihood or the impact of a risk or issue."),
            ("RAG status", "Red, Amber or Green rating of a project against its plan."),
            ("Slippage", "Budgeted spend that moves into a later financial year, for example from 2023/24 to 2024/25."),
            ("Tolerance", "The permitted deviation, normally £50k or two weeks, before a project must escalate."),
        ), (25, 75)),
    ),
)

N3 = Layout(
    stem="n3_treasury_indicators_2023-24_q2",
    title="Northcombe Borough Council – Treasury Management Mid-Year Review 2023/24: Prudential and Treasury Indicators",
    report_period="2023/24",
    notes="Negative control: prudential and treasury indicator tables (limits against actuals) and compliance prose; no "
          "exceptions: exceptions is [].",
    blocks=(
        Para("The Council is required to set prudential indicators for each financial year. The table below compares the "
             "limits approved for 2023/24 with the position at 30 September 2023."),
        Table(("Indicator", "Limit", "Actual"), _rows(
            ("Authorised limit for external debt", "£310m", "£228m"),
            ("Operational boundary for external debt", "£290m", "£228m"),
            ("Capital financing requirement", "£265m", "£251m"),
            ("Upper limit on fixed interest rate exposure", "100%", "87%"),
            ("Upper limit on variable interest rate exposure", "40%", "13%"),
            ("Principal sums invested for longer than 365 days", "£15m", "£5m"),
            ("Ratio of financing costs to net revenue stream", "8.5%", "7.9%"),
        ), (60, 20, 20)),
        Heading("Maturity structure of fixed rate borrowing", 2),
        Table(("Period", "Lower limit", "Upper limit", "Actual"), _rows(
            ("Under 12 months", "0%", "25%", "6%"),
            ("12 months to 5 years", "0%", "40%", "18%"),
            ("5 years to 10 years", "0%", "60%", "21%"),
            ("10 years and above", "25%", "100%", "55%"),
        ), (40, 20, 20, 20)),
        Para("All indicators were complied with in the first half of the year. The Director of Finance reports no breaches "
             "and no mitigating action is required."),
    ),
    borderless_pdf=True,
)
