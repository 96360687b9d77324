"""Regenerate the table-layout text fixtures: `python tests/data/txt/make_txt_tables.py`.

Written by hand for layouts no sample or corpus file has (other services, other column
names, money in £k). The layout files place each cell's lines at fixed character columns,
top-aligned and wrapped, numbers right-aligned, exactly as `pdftotext -layout` prints a
table: a form feed starts a page, a footer page number ends one. Each file pins a case:

- layout-subheadings-2-pages.txt: "Ref / Line / Lead / Position £k / Commentary", the
  "£k" under "Position", sub-heading rows alone in the first column ("Fleet and" /
  "Depots"), a "-" nil cell, a row broken by a page break with the header repeated, a
  "Total" row, a note after the table.
- layout-grouped-header-gaps.txt: "Budget £k" over "2023/24  2024/25" (a grouped header),
  blank lines between rows and between a cell's paragraphs, a RAG column, a heading.
- layout-key-value-forms.txt: two "label  value" forms under lettered headings, values
  wrapping under themselves, a label wrapped ("Corrective /" over "action"), the second
  form continued on a page whose columns sit two characters further left.
- layout-wrapped-header.txt: every header cell wrapped, the first one at the left edge
  ("Project" over "name", "Approved" over "budget £m"), a bottom-aligned "Owner" on the
  second header line only, one line per body row.
- layout-tight-gutter.txt: a text column filled to its edge, so two lines leave a single
  space before the next column ("under review Agreed with"); a sub-heading wider than the
  first column is not cut.
- layout-rst-rules.txt: a reStructuredText simple table, columns by spaces between "===="
  rules above and below the header and under the last row.
- layout-furniture-justified.txt: justified prose (gaps of two or more spaces) straight
  above a table, a running header and a "Board – date   Page n" footer on each page, and
  a row that runs on over the page break under the header repeated as "Scheme (continued)".
- tab-no-header-words.txt: tab-separated tables whose headers use no known header word
  ("Line / Budget £k / Forecast £k / Why late / What next", "Ward / Count / Note"), a
  continuation line with an empty first cell, numbers on every row.
- box-wrapped-cells.txt: a `+---+` box table with rules between rows and cells wrapped
  inside the box, then a box drawn in Unicode box characters with a continuation line, then
  a MySQL-style box with one line per row.
- psql-aligned.txt: psql's aligned output (no outer pipes) with "+" wrap marks.
- markdown-pipe.txt: a markdown pipe table with alignment colons, `<br>` and an escaped pipe
  under a "## heading", then a pipe table without outer pipes under a bold heading line.
- prose-not-tables.txt: a letter, a contents list with dot leaders and a two-column prose
  passage (none of them a table), then a contents list with page numbers in a column and a
  "Term  Meaning" glossary (two-column tables that hold no exceptions).
- layout-centred-cells.txt: vertically centred cells, rows parted by blank lines: the
  scheme and its budget sit on a row's middle or last line; the last row's issue has a
  second one-line paragraph after a blank line.
- layout-two-column-list.txt: long risk texts beside a RAG word: a table (its short
  column shows it is no two-column prose).
- reading-order-raw.txt: plain `pdftotext` (no -layout) of a small table: one cell per
  paragraph, the first row's cells between the header's and a sub-heading moved to the
  foot of the page, as in the corpus's _raw.txt files (pinned as a known failure).
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def render(rows: list[list[str]], widths: list[int], right: set[int]) -> list[str]:
    """Given cell texts per line, column widths and right-aligned columns, return the laid-out lines."""
    out = []
    for cells in rows:
        padded = [*cells, *[""] * (len(widths) - len(cells))]
        out.append("".join(c.rjust(w) if j in right else c.ljust(w) for j, (c, w) in enumerate(zip(padded, widths, strict=True))).rstrip())
    return out


def form(fields: list[tuple[str, list[str]]], width: int) -> list[str]:
    """Given (label, value lines) pairs and the label column's width, return a key/value form's lines."""
    out = []
    for label, values in fields:
        labels = label.split("\n")
        for k in range(max(len(labels), len(values))):
            left = labels[k] if k < len(labels) else ""
            out.append((left.ljust(width) + (values[k] if k < len(values) else "")).rstrip())
    return out


def subheadings() -> str:
    """Given nothing, return layout-subheadings-2-pages.txt."""
    widths, right = [8, 22, 18, 11, 4, 44], {3}
    head = [["Ref", "Line", "Lead", "Position", "", "Commentary"], ["", "", "", "£k"]]
    page1 = [
        ["Fleet and"], ["Depots"],
        ["FL-01", "Electric refuse", "Fleet Manager", "(85)", "", "Charging points at the depot were"],
        ["", "vehicles", "", "", "", "commissioned six weeks late, so two"],
        ["", "", "", "", "", "vehicles stayed off the road."],
        ["", "", "", "", "", "Action: hire diesel cover until May."],
        ["FL-04", "Depot roof renewal", "Estates Lead,", "120", "", "Work is ahead of plan and the"],
        ["", "", "Facilities", "", "", "contingency of £120k is not needed."],
        ["Parks and"], ["Open Spaces"],
        ["PK-02", "Play area", "Parks Officer", "-", "", "Consultation closed in March; the"],
        ["", "refurbishment", "", "", "", "tender goes out in June"],
        ["", "", "", "", "", "2024"],  # a wrapped line that is a bare number, not a page number
        ["PK-07", "Cemetery", "Bereavement", "(240)", "", "Ground conditions need piling and"],
    ]
    page2 = [
        ["", "extension (Phase", "Services Manager", "", "", "the design is being revised."],
        ["", "2)", "", "", "", "Action: seek a capital top-up in"],
        ["", "", "", "", "", "the next budget round."],
        ["Total", "", "", "(205)"],
    ]
    lines = ["Environment Directorate – Capital Lines Off Track, Period 8", "",
             "Lines more than £50k from their profile are listed by service.", "",
             *render(head + page1, widths, right), "", " " * 60 + "Page 1 of 2",
             "\f" + render(head, widths, right)[0], *render(head[1:] + page2, widths, right), "",
             "Negative positions are forecast overspends.", "", " " * 60 + "Page 2 of 2", "\f"]
    return "\n".join(lines)


def grouped_header() -> str:
    """Given nothing, return layout-grouped-header-gaps.txt."""
    widths, right = [24, 10, 10, 4, 8, 34, 30], {1, 2}
    rows = [
        ["Workstream", "    Budget £k", "", "", "RAG", "Issue", "Mitigation"], ["", "2023/24", "2024/25"], [],
        ["Home to school", "1,250", "900", "", "Red", "Route costs rose 18% after", "Routes are being re-tendered"],
        ["transport review", "", "", "", "", "the operator market shrank.", "in two lots."], [],
        ["", "", "", "", "", "Two contracts were handed back", "Parents have been offered"],
        ["", "", "", "", "", "in September.", "travel passes meanwhile."], [],
        ["Libraries self-service", "300", "-", "", "Amber", "Kiosk delivery slipped to", "The supplier pays a rebate of"],
        ["", "", "", "", "", "November.", "£12k for the delay."], [],
        ["Street lighting dimming", "410", "150", "", "Green", "On track."],
    ]
    lines = ["Corporate Transformation Tracker – Quarter 2 2023/24",
             "Figures are in £k. RAG is the lead officer's view at the end of the quarter.", "",
             "Children and Families", "", *render(rows, widths, right), "", "",
             "Ratings are reviewed by the Transformation Board each month."]
    return "\n".join(lines) + "\n"


def key_value_forms() -> str:
    """Given nothing, return layout-key-value-forms.txt."""
    first = [
        ("Scheme reference", ["HSG-114"]), ("Scheme title", ["Empty Homes Back Into Use"]),
        ("Sponsor", ["Director of Housing"]), ("Variance", ["Time: three months late"]),
        ("Explanation", ["Two of the five properties bought at auction needed",
                         "structural repairs that the surveys did not show."]),
        ("Corrective /\naction", ["Repairs are being let as one contract so that all",
                                  "five homes can be let by the end of January."]),
    ]
    second = [
        ("Scheme reference", ["ICT-031"]), ("Scheme title", ["Telephony Replacement"]),
        ("Sponsor", ["Head of Digital Services"]), ("Variance", ["Cost: £45k above tolerance"]),
        ("Explanation", ["Call recording for the contact centre was left out of",
                         "the original specification and has had to be added"]),
    ]
    overleaf = [
        ("", ["by a contract variation."]),
        ("Corrective /\naction", ["The variation is funded from the ICT reserve; the",
                                  "specification checklist now covers recording."]),
    ]
    lines = ["Digital and Housing Board – Scheme Variance Forms", "", "A. Empty Homes", *form(first, 22), "", "",
             "B. Telephony", *form(second, 22), "", " " * 40 + "4", "\f" + form(overleaf, 20)[0], *form(overleaf, 20)[1:], "",
             "Forms completed by scheme sponsors, October 2023."]
    return "\n".join(lines) + "\n"


TWO_COLUMN_LIST = """Risks carried forward

Supplier insolvency could halt the depot works for several months     Amber
Grant clawback if the market hall misses its March deadline            Red
"""

CENTRED = """Parks Capital Schemes – Exceptions

Scheme                  Budget £k    Issue

                                     The contractor went into
Bridge repairs                120    administration in May; a new
                                     firm starts in July.

                                     Tender returned over budget
Car park resurfacing           80    and is being re-scoped.

Play area renewal              45    Equipment delivery slipped.

                                     Installer booked for May.
"""

RST = """Waste Services – Open Exceptions

================  ==========================  ===========================
Service           Exception                   Action
================  ==========================  ===========================
Bulky waste       Booking system down for     Phone bookings taken until
                  two weeks in July.          the fix in August.
Garden waste      Round 4 crew short.         Agency cover agreed.
================  ==========================  ===========================
"""


def wrapped_header() -> str:
    """Given nothing, return layout-wrapped-header.txt."""
    widths, right = [26, 12, 12, 4, 36, 10], {1, 2}
    rows = [
        ["Project", "Approved", "Spent to", "", "Reason for"], ["name", "budget £m", "date £m", "", "slippage", "Owner"],
        ["Coastal path repairs", "0.80", "0.35", "", "Landslip closed the path in May.", "Parks"],
        ["Depot solar panels", "1.10", "1.15", "", "Roof strengthening was needed.", "Estates"],
        ["Market hall heating", "0.45", "0.10", "", "Asbestos survey delayed works.", "Estates"],
    ]
    return "\n".join(["Capital projects behind programme", "", *render(rows, widths, right), ""])


def tight_gutter() -> str:
    """Given nothing, return layout-tight-gutter.txt."""
    widths = [18, 30, 30]
    rows = [
        ["Service", "Concern", "Response"],
        ["Adult Learning"],
        ["Evening classes", "Enrolment is 30% down and", "A marketing push runs in"],
        ["", "two venues are under a review", "September."],  # 29 characters: one space to the next column
        ["Family Learning", "Grant conditions changed in", "Agreed with the funder; the"],
        ["", "June and the outcomes are now", "new outcomes start in"],
        ["", "measured termly.", "October."],
        ["Outreach", "Van off the road.", "Hire until repaired."],
    ]
    return "\n".join(["Community Learning Concerns", "", *render(rows, widths, set()), ""])


def furniture() -> str:
    """Given nothing, return layout-furniture-justified.txt."""
    widths = [20, 34, 30]
    head = [["Scheme", "Cause", "Remedy"]]
    page1 = [
        ["Bridge Street", "Steel prices rose by a fifth", "Value engineering of the deck"],
        ["", "after the tender.", "is under way."],
        ["Harbour Wall", "Storm damage in January added", "Insurers have accepted the"],
        ["", "three weeks of repairs and", "claim."],
    ]
    page2 = [["", "a second survey.", ""], ["Ring Road Signals", "Parts on back order.", "Temporary signals hired."]]
    footer = "Highways Board – 3 March 2024" + " " * 40 + "Page {} of 2"
    lines = ["Highways Board: Schemes Off Track", "",
             "The  schemes  below  are  those  reported  to  the  Board  as  late  or  over  budget  at",
             "the  end  of  the  quarter;  each  is  followed  by  the  action  agreed  with  its  lead.",
             *render(head + page1, widths, set()), "", "", footer.format(1),
             "\fHighways Board: Schemes Off Track", "", *render([["Scheme (continued)", "Cause", "Remedy"], *page2], widths, set()),
             "", "", footer.format(2), "\f"]
    return "\n".join(lines)


TAB = (
    "Highways Capital Lines – Q2\n\n"
    "Line\tBudget £k\tForecast £k\tWhy late\tWhat next\n"
    "A1 resurfacing\t1,200\t900\tRain stopped work.\tNight shifts.\n"
    "\t\t\tNo crews in August.\t\n"
    "Bus lanes\t300\t310\tCosts up\tValue engineering\n"
    "\nFigures are unaudited.\n\n"
    "Ward\tCount\tNote\n"
    "Northfield\t12\tTwo new cases\n"
    "Southgate\t7\tNone\n"
)

BOX = """Leisure Contract Exceptions

+-------------------+------------------------------+----------------------------+
| Site              | Exception                    | Recovery                   |
+===================+==============================+============================+
| Riverside Pool    | The filtration plant failed  | A hired unit is fitted and |
|                   | in August and the pool shut  | the pool reopens on 4      |
|                   | for five weeks.              | October.                   |
+-------------------+------------------------------+----------------------------+
| Northgate Sports  | Income is £60k below profile | A membership offer runs    |
| Hall              | after the roof leak.         | to December.               |
+-------------------+------------------------------+----------------------------+

Older open actions:

┌───────┬──────────────────────┬─────────┐
│ Ref   │ Action               │ Owner   │
├───────┼──────────────────────┼─────────┤
│ LA-14 │ Resurface the courts │ Estates │
│       │ before the summer    │         │
└───────┴──────────────────────┴─────────┘

+-------+----------------------+--------+
| Ref   | Action               | Owner  |
+-------+----------------------+--------+
| LA-09 | Re-let the café      | Estates|
| LA-12 | Renew the CCTV       | ICT    |
+-------+----------------------+--------+
"""

PSQL = """Query output: capital schemes over budget

  scheme_name   |       issue        |  action
----------------+--------------------+----------
 Bus Station    | Tender £0.3m over +| Re-scope
                | the estimate.      |
 Canal Towpath  | Flooding delay.    | Re-plan
(2 rows)
"""

MARKDOWN = """## Adult Social Care savings at risk

| Saving | Target £k | Shortfall reason | Next step |
|:-------|----------:|------------------|:---------:|
| Day services redesign | 450 | Consultation extended<br>to January. | Report to Cabinet |
| Transport \\| escorts | 120 | Contract start slipped. | None |

Source: finance team, month 9.

**Children's Services**

Saving | Target £k | Shortfall reason
--- | ---: | ---
Foster carer recruitment | 200 | Fewer enquiries than planned.
"""

PROSE = """The Old Mill, Market Street
Harwood HX4 2PL

Our ref: HW/2023/118
12 May 2023

Dear Councillor Patel,

Thank you for your letter about the delays to the Market Street scheme. The contractor has
confirmed that works will resume on 5 June, and the budget remains unchanged.

Contents

1. Introduction .................................... 3
2. Financial summary ............................... 5
3. Risks ........................................... 9

The first column of this page describes     The second column sets out how the
how the programme was set up in 2019 and    board will monitor delivery, with a
who sits on the board that oversees it.     report to each Cabinet meeting.

Yours sincerely,
Anna Cole

Appendix contents

Summary of the programme                                   2
Schemes by ward                                            4
Glossary                                                   7

Glossary

Term                 Meaning
Capital receipt      Money from selling an asset, which can only be spent on
                     new assets or on repaying debt.
Slippage             Spending that moves into a later year than planned.
Virement             Moving budget from one heading to another.
"""

# As plain pdftotext orders a table's text blocks: the first row's cells between the header's,
# a sub-heading row ("Leisure") moved to the foot of the page.
RAW = """Open actions by site

Site

Issue

Riverside Pool

Filtration plant failed in August.

Action

Owner

Hire a unit.

Estates

Northgate Hall

Roof leak closed the main hall.

Repair the roof.

Property

Leisure

"""


def main() -> None:
    """Write every fixture of this script."""
    files = {
        "layout-subheadings-2-pages.txt": subheadings(), "layout-grouped-header-gaps.txt": grouped_header(),
        "layout-key-value-forms.txt": key_value_forms(), "layout-furniture-justified.txt": furniture(),
        "layout-wrapped-header.txt": wrapped_header(), "layout-tight-gutter.txt": tight_gutter(),
        "layout-rst-rules.txt": RST, "layout-two-column-list.txt": TWO_COLUMN_LIST,
        "layout-centred-cells.txt": CENTRED, "tab-no-header-words.txt": TAB,
        "box-wrapped-cells.txt": BOX, "psql-aligned.txt": PSQL,
        "markdown-pipe.txt": MARKDOWN, "prose-not-tables.txt": PROSE, "reading-order-raw.txt": RAW,
    }
    for name, text in files.items():
        (HERE / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
