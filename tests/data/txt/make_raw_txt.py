"""Write the reading-order text fixtures raw-*.txt (run from the repository root).

Reading-order exports (plain `pdftotext` without -layout, pdfminer's `extract_text`) print
a table one cell per paragraph. The synthetic files copy what plain `pdftotext` does with a
ruled table (as seen in such exports): the first body row's cells printed between bands of
the header's, a header repeated at each page top with the leading columns of the page's
first rows printed inside it, sub-heading rows moved to the page foot beside the page
number, and a row broken by the page continuing after the page furniture. Wordings,
services and councils are invented here; they appear in no sample or corpus file.

- raw-housing-rag-2-pages.txt: a housing savings tracker (Code | Scheme | Owner |
  Target £k | RAG | Update); first row interleaved with the header; page 2 repeats the
  header with the codes of its first two rows printed inside it; page numbers.
- raw-leisure-capital-subheadings.txt: a leisure capital table (Project | Budget £k |
  Forecast £k | Variance £k | Why | Next steps) under a caption printed straight above the
  header; sub-headings at the page foot; a row broken across the page; an empty cell.
- raw-two-tables.txt: a parking savings tracker (Code | Saving | Target £k | RAG, first row
  inside the header) and, after six paragraphs of prose, a transport capital table (Project |
  Budget £k | Why): two tables, the prose between them text.
- raw-pdfminer-highways.txt: pdfminer.six `extract_text` of
  tests/data/layouts/docs/l1_highways_capital_slippage_2023-24_q2.pdf (a PDF written for
  another test): scheme rows of a name and three figures, the commentary column printed
  after the table as one block.
- raw-pdfminer-columns.txt: pdfminer.six `extract_text` of the l6 layout PDF, which it
  prints in blocks of one or two columns under a run of all the header labels: no row cycle
  is the table's, so no table (a wrong grid would be worse than none).
- raw-prose-short-lines.txt, raw-numbered-list.txt, raw-two-column.txt: negatives (prose with
  short lines and headings, a numbered list with amounts, a two-column page read column by
  column): no table.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
LAYOUTS = HERE.parent / "layouts" / "docs"
L1_PDF = LAYOUTS / "l1_highways_capital_slippage_2023-24_q2.pdf"
L6_PDF = LAYOUTS / "l6_capital_variance_directorates_2024-25_m8.pdf"

HOUSING_HEADER = ["Code", "Scheme", "Owner", "Target\n£k", "RAG", "Update"]
HOUSING_ROWS = [
    ["HSG-01", "Void turnaround\nimprovement", "Head of Lettings", "320", "Amber",
     "Average void time is 41 days against a\ntarget of 28, so £90k of the saving is at risk.\nAction: a second voids contractor starts in May."],
    ["HSG-04", "Temporary\naccommodation\nprocurement", "Housing Options\nManager", "540", "Red",
     "Nightly-paid placements rose to 212 in\nJanuary and the saving will not be met this year."],
    ["HSG-06", "Garage site\ndisposals", "Estates Surveyor", "150", "Green", "Four of the five sites have exchanged contracts."],
    ["HSG-09", "Repairs call centre\nshift", "Customer Access\nLead", "85", "Amber",
     "Online reporting take-up is 22% against\n35% planned. Action: text reminders added."],
    ["HSG-12", "Sheltered scheme\nwarden review", "Older Persons\nHousing Manager", "-", "Green", "The review concluded in line with the plan."],
    ["HSG-15", "Energy contract\nretender", "Procurement\nLead", "210", "Amber",
     "The new tariff starts in October, three\nmonths late, so £52k slips to next year."],
    ["HSG-17", "Lift maintenance\nconsolidation", "Building Services\nManager", "60", "Red",
     "Two contractors refused novation.\nAction: a joint framework bid is being prepared."],
]


def _paras(items: list[str]) -> str:
    """Given cell texts, return them as blank-line-parted paragraphs."""
    return "\n\n".join(items)


def housing() -> str:
    """Return the housing tracker as plain pdftotext prints it (two pages)."""
    h, rows = HOUSING_HEADER, HOUSING_ROWS
    first = rows[0]
    # Page 1: the header and first row printed in column bands (0-2, 3-4, 5).
    page1 = [*h[:3], *first[:3], *h[3:5], *first[3:5], h[5], first[5]]
    for row in rows[1:5]:
        page1 += row
    page1 += ["1"]
    # Page 2: the header repeated, the codes of its first two rows printed inside it.
    page2 = [*h[:2], rows[5][0], rows[6][0], *h[2:], *rows[5][1:], *rows[6][1:]]
    page2 += ["Savings rated Red are reported to the Housing Board each month.", "2"]
    head = "Marlow Vale District Council\nHousing Services Savings Tracker 2024/25: Quarter 3\n\n"
    intro = "This tracker reports each housing saving agreed in the budget. Figures are in £000s.\n"
    return head + intro + _paras(page1) + "\n\n\f" + _paras(page2) + "\n\n\f"


LEISURE_HEADER = ["Project", "Budget\n£k", "Forecast\n£k", "Variance\n£k", "Why", "Next steps"]
LEISURE_ROWS = [
    ["Splash pad\nrenewal", "480", "515", "(35)", "Ground conditions needed a deeper\nslab than the survey showed.",
     "The extra cost is met from the\nparks reserve."],
    ["Sports hall\nLED lighting", "260", "190", "70", "Fittings were cheaper than the\nestimate allowed.",
     "The underspend returns to the\nprogramme."],
    ["Pavilion changing\nrooms", "900", "640", "260", "The contractor went into administration\nin October.",
     "A new contractor is being appointed\nfrom the county framework."],
    ["Museum store\nshelving", "120", "120", "0", "On budget and due to finish in March.", ""],
    ["Library self-service\nkiosks", "300", "210", "90", "Delivery of the kiosks slipped to\nthe spring.",
     "Staff rotas cover the delay."],
    ["Theatre fly tower", "1,250", "1,400", "(150)", "Steel repairs found during the\nsurvey added to the cost.",
     "Value engineering of the fit-out\nis under way."],
]


def leisure() -> str:
    """Return the leisure capital table as plain pdftotext prints it (two pages, sub-headings at the foot)."""
    h, rows = LEISURE_HEADER, LEISURE_ROWS
    broken = rows[3 - 1]  # the third row breaks across the page
    page1 = list(h)
    for row in rows[:2]:
        page1 += row
    page1 += ["Pavilion changing", *broken[1:4], "The contractor went into", "A new contractor is"]
    page1 += ["Parks and Open\nSpaces", "Sport", "1"]
    page2 = [*h[:4], "rooms", *h[4:], "administration\nin October.", "being appointed\nfrom the county framework."]
    for row in rows[3:]:
        page2 += [c for c in row if c]  # an empty cell prints nothing
    page2 += ["Culture and\nHeritage", "2"]
    head = "Northam Borough Council\nLeisure Capital Programme 2024/25: Month 9\n\n"
    intro = "The schemes below vary from their approved budget by more than £25k.\nTable 1: Leisure schemes with a variance\n"
    return head + intro + _paras(page1) + "\n\n\f" + _paras(page2) + "\n\n\f"


def two_tables() -> str:
    """Return a report with two reading-order tables of different cycles and prose between them."""
    t1 = [["PK-1", "Permit charge\nreview", "140", "Amber"], ["PK-2", "Pay-by-phone\nfees", "60", "Green"],
          ["PK-3", "Enforcement\nhours", "95", "Red"], ["PK-4", "Season ticket\nprices", "30", "Green"]]
    t2 = [["Depot roof", "410", "Scaffold access was refused by the\nneighbouring owner."],
          ["Car park lifts", "220", "Parts are on a 16-week lead time."],
          ["Bus shelter renewal", "85", "The supplier has gone into\nadministration."],
          ["Ticket machines", "130", "Card readers failed testing in June."]]
    h1, h2 = ["Code", "Saving", "Target\n£k", "RAG"], ["Project", "Budget\n£k", "Why"]
    first = [*h1[:2], *t1[0][:2], *h1[2:], *t1[0][2:]]  # first row between the header's bands
    between = ["The parking savings are reported to the Environment Panel each quarter.",
               "Capital schemes", "Four transport schemes have slipped since the last report.",
               "Each is summarised below with its budget.", "The panel asked for dates where known.",
               "Officers will report again in March."]
    body = [*first, *[c for row in t1[1:] for c in row], *between, *h2, *[c for row in t2 for c in row],
            "Figures are in thousands of pounds.", "1"]
    return "Kestrel Bay Borough Council\nTransport Monitoring 2024/25: Quarter 2\n\n" + _paras(body) + "\n\n\f"


def pdfminer_text(pdf: Path) -> str:
    """Given a PDF, return pdfminer.six's reading-order text of it (default layout analysis)."""
    from pdfminer.high_level import extract_text

    return str(extract_text(str(pdf)))


PROSE = """Riverside Community Trust
Annual Review 2023

Our year

The trust supported 1,240 residents
through its advice service this year.

Volunteers

Forty-two volunteers gave their time
at the food bank and the lunch club.

Funding

Grants from three foundations paid
for the new minibus and a part-time
coordinator for 2023/24.

Looking ahead

We will open a second advice point
in the spring.
"""

NUMBERED = """Planning Committee
Conditions attached to application 23/0456

1. The development shall begin within three years of the date of this permission.

2. No works shall take place until a construction plan has been approved.

3. A contribution of £12,500 shall be paid towards play space.

4. The car park shall be laid out before the building is first occupied.

5. Landscaping shall be carried out in the first planting season.

6. A contribution of £4,000 shall be paid towards bus stop improvements.
"""

TWO_COLUMN = """Parish News – Spring

Village hall

The hall committee met in
January and agreed the new
booking charges.

Footpaths

Volunteers cleared the path to
the church in February.

Allotments

Two plots are free; the rent is
unchanged at £30 a year.

Library bus

The bus now calls on Tuesdays
from 10am to noon.

Recycling

Glass collections move to the
first Monday of each month.

Events

The spring fair is on 4 May on
the green.
"""


def main() -> None:
    """Write every raw-*.txt fixture."""
    files = {
        "raw-housing-rag-2-pages.txt": housing(),
        "raw-leisure-capital-subheadings.txt": leisure(),
        "raw-pdfminer-highways.txt": pdfminer_text(L1_PDF),
        "raw-pdfminer-columns.txt": pdfminer_text(L6_PDF),
        "raw-two-tables.txt": two_tables(),
        "raw-prose-short-lines.txt": PROSE,
        "raw-numbered-list.txt": NUMBERED,
        "raw-two-column.txt": TWO_COLUMN,
    }
    for name, text in files.items():
        (HERE / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
