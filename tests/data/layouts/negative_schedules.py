"""Two more negative layouts of invented councils: tables with RAG words, commentary, money and years, no exceptions.

n4: a corporate performance scorecard ("Ref | Indicator | Target | Actual | Direction of travel |
    RAG | Comment", some comments naming a cause and an action) and the committee's action log
    ("Ref | Action | Owner | Due date | Status": Open / Complete / In progress).
n5: a fees and charges schedule ("Service | 2023/24 charge £ | 2024/25 proposed charge £ |
    Increase %", bold service-group rows, pence), a service measures table in another wording
    ("Measure | Target 2024/25 | Q2 outturn | On track?") and a decisions log ("Decision |
    Responsible officer | Deadline | Progress").
"""

from __future__ import annotations

from model import Heading, Layout, Para, Row, Table
from negative import _rows

N4 = Layout(
    stem="n4_performance_scorecard_actions_log_2023-24_q3",
    title="Fairholme Borough Council – Corporate Performance Report, Quarter 3 2023/24",
    report_period="2023/24",
    notes="Negative control: a performance indicator scorecard (RAG and comments, some naming a cause and an action) and "
          "an action log of the previous meeting. Neither is an exceptions table: exceptions is [].",
    blocks=(
        Para("This report sets out performance against the Council Plan indicators for October to December 2023."),
        Heading("Performance scorecard", 2),
        Table(("Ref", "Indicator", "Target", "Actual", "Direction of travel", "RAG", "Comment"), _rows(
            ("PI 01", "Council tax collected in year", "97.5%", "96.8%", "Improving", "Amber",
             "Collection is 0.3% higher than at this point last year."),
            ("PI 04", "Average days to process new benefit claims", "18", "24", "Worsening", "Red",
             "Two assessor posts are vacant; recruitment is under way and overtime is being used to clear the backlog."),
            ("PI 07", "Household waste sent for reuse, recycling or composting", "52%", "53.4%", "Improving", "Green",
             "The garden waste service had its highest take-up since it began."),
            ("PI 11", "Major planning applications decided within 13 weeks", "60%", "48%", "Worsening", "Red",
             "Three large applications needed extended consultation; agency planners have been engaged until March."),
            ("PI 15", "Rent arrears as a percentage of rent due", "2.5%", "2.4%", "Stable", "Green",
             "Arrears stand at £412,000 against £17.1m rent due for 2023/24."),
        ), (6, 24, 8, 8, 10, 6, 38)),
        Heading("Actions from the meeting of 14 November 2023", 2),
        Table(("Ref", "Action", "Owner", "Due date", "Status"), _rows(
            ("A23/41", "Circulate the revised waste collection calendar to members", "Head of Environment", "30/11/2023",
             "Complete"),
            ("A23/42", "Report the options for the leisure contract extension", "Director of Place", "January 2024", "Open"),
            ("A23/43", "Provide a breakdown of agency spend of £1.2m by service", "Chief Finance Officer", "Q4 2023/24",
             "In progress"),
        ), (8, 46, 18, 12, 16)),
        Para("Members are asked to note the performance position. No exception reports are required this quarter."),
    ),
    borderless_pdf=True,
)

_CHARGES = (
    ("Bereavement services",),
    ("Adult burial – resident", "1,150.00", "1,210.00", "5.2%"),
    ("Cremation – adult", "895.00", "940.00", "5.0%"),
    ("Memorial bench (10 years)", "1,450.00", "1,525.00", "5.2%"),
    ("Parking",),
    ("Town centre car parks – per hour", "1.40", "1.50", "7.1%"),
    ("Resident permit – annual", "65.00", "70.00", "7.7%"),
    ("Licensing",),
    ("Premises licence – variation", "315.00", "315.00", "0.0%"),
    ("Street trading consent – annual", "2,400.00", "2,520.00", "5.0%"),
)

N5 = Layout(
    stem="n5_fees_charges_measures_2024-25",
    title="Brookmere Council – Environment and Communities Committee: Fees and Charges 2024/25 and Service Measures",
    report_period="2024/25",
    notes="Negative control: a fees and charges schedule under bold service-group rows (money with pence, years in the "
          "headers), a service measures table with 'On track?' words and comments, and a decisions log. None is an "
          "exceptions table: exceptions is [].",
    blocks=(
        Para("The proposed charges below take effect on 1 April 2024 and raise an estimated £186,000 of additional income "
             "in 2024/25."),
        Heading("Schedule of fees and charges", 2),
        Table(("Service", "2023/24 charge £", "2024/25 proposed charge £", "Increase %"),
              tuple(Row(((r[0],), ("",), ("",), ("",)), bold=True) if len(r) == 1 else Row(tuple((c,) for c in r))
                    for r in _CHARGES), (46, 18, 18, 18)),
        Heading("Service measures", 2),
        Table(("Measure", "Target 2024/25", "Q2 outturn", "On track?", "Comment"), _rows(
            ("Fly-tipping incidents cleared within 2 working days", "95%", "91%", "No",
             "A vehicle was off the road for three weeks; a hire vehicle is now in use."),
            ("Food hygiene inspections completed on time", "100%", "100%", "Yes", "All high-risk premises inspected."),
            ("Parking appeals answered within 14 days", "90%", "93%", "Yes", "Performance maintained."),
        ), (34, 12, 12, 10, 32)),
        Heading("Decisions of the committee", 2),
        Table(("Decision", "Responsible officer", "Deadline", "Progress"), _rows(
            ("Adopt the revised street trading policy", "Licensing Manager", "31/03/2024", "Not started"),
            ("Consult on Sunday parking charges in the town centre", "Parking Services Manager", "Q1 2024/25", "Under way"),
        ), (44, 22, 14, 20)),
    ),
    tab_txt=True,
)
