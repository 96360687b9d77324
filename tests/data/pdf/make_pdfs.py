"""Regenerate the tiny PDF fixtures in this folder (dev-only: needs `pip install fpdf2`).

Run `python tests/data/pdf/make_pdfs.py`. The PDFs are committed, so the tests never need
this script; it exists so a fixture can be rebuilt or a new layout added on purpose.
Each fixture is named for the case it pins:

- borderless-2-pages.pdf: no ruling lines, 3 columns, header repeated on page 2 and a row
  split over the page break (empty first cell, lower-case continuation), "Page N of 2" footers.
- borderless-header-not-repeated.pdf: the same table without the header on page 2.
- borderless-two-tables.pdf: no lines; a full-width programme row inside the first table,
  a bold heading straight after it, a second table with other headers, prose after it.
- boxed-header-borderless-body.pdf: a boxed header row over a body without lines.
- ruled-landscape-rag.pdf: landscape, ruled, 4 columns with a RAG column, dash bullets,
  headings around the table, metadata title.
- merged-heading-row.pdf: ruled, 3 columns, full-width merged programme rows.
- encrypted.pdf: user password "secret".
- truncated.pdf: the first 40% of merged-heading-row.pdf.
- no-text-layer.pdf: one page of shapes only, as a scan without OCR would be.
- borderless-two-row-header-k.pdf: landscape, no lines; a two-row money header in £k
  ("2022/23 £k" centred over Planned | Delivered | Gap), figures right-aligned in narrow
  columns beside wrapped names, two tables under headings, the second running onto page 2
  with both header rows repeated and a row broken across the page.
- borderless-capital-subheadings.pdf: bold programme sub-heading rows inside a borderless
  £m table, the header repeated on page 2 and a row broken by the page with its name split.
- shaded-header-borderless-body.pdf: a dark filled header band with white labels no
  vocabulary lists (Item | Where we are | Next | Colour) over a body without lines.
- ruled-unlisted-header-2-pages.pdf: ruled, a bold header of words no vocabulary lists
  (Line | Where it stands | Next) repeated on page 2.
- borderless-rag-tracker.pdf: no lines and no bold; header words no vocabulary lists
  (Line | Accountable | £k exposed | Colour | Story so far), one rule under the header.
- borderless-key-value.pdf: two key/value forms (labels left, wrapped values right).
- borderless-tight-rows.pdf: single-line rows at the plain line pitch (no gap between
  rows), an 8pt bold header over a 9pt body, a name wrapped onto a lower-case line, a bold
  sub-heading row and a bold Total row with prose straight after it.
- prose-justified.pdf, two-column-layout.pdf, lists-hanging-indent.pdf, numbered-paragraphs.pdf:
  negatives, no table in any of them (justified paragraphs; a newsletter page in two
  columns; bullet and numbered lists with hanging indents; committee-report paragraphs
  numbered 2.1, (a) ... in a wide hanging indent).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SIZE = 9.0
LINE_H = 11.0
PARA_GAP = 6.0
PAD = 4.0

Para = tuple[str, bool]  # (text, is_bullet)


@dataclass
class Grid:
    """Column geometry and the page area a table may use."""

    xs: list[float]
    widths: list[float]
    bottom: float
    ruled: bool
    bullet: str = "\u2022"


class Doc(FPDF):
    """An FPDF that can print "Page N of M" in every page's footer."""

    footer_text = ""

    def footer(self) -> None:
        """Given the page being closed, draw the footer text on it."""
        if self.footer_text:
            text_at(self, 30, self.h - 30, self.footer_text.format(n=self.page_no()))


def new_pdf(orientation: str = "P", fmt: str | tuple[float, float] = "A4", footer: str = "") -> FPDF:
    """Given a page shape, return an FPDF in points with DejaVu fonts registered."""
    pdf = Doc(orientation=orientation, unit="pt", format=fmt)
    pdf.footer_text = footer
    pdf.set_auto_page_break(False)
    pdf.set_creator("slippage tests/data/pdf/make_pdfs.py")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=UTC))  # same bytes on every run
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    return pdf


def wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """Given text and a width, return the lines FPDF would wrap it into."""
    return cast(list[str], pdf.multi_cell(width, LINE_H, text, dry_run=True, output="LINES"))


def cell_lines(pdf: FPDF, paras: list[Para], width: float, bullet: str) -> list[tuple[float, float, str]]:
    """Given a cell's paragraphs, return (dy, indent, text) lines with paragraph gaps."""
    out: list[tuple[float, float, str]] = []
    y = 0.0
    for i, (text, is_bullet) in enumerate(paras):
        if i and not (is_bullet and paras[i - 1][1]):
            y += PARA_GAP
        indent = 12.0 if is_bullet else 0.0
        for j, line in enumerate(wrap(pdf, text, width - indent)):
            if is_bullet and j == 0:
                out.append((y, 0.0, bullet))
            out.append((y, indent, line))
            y += LINE_H
    return out


def text_at(pdf: FPDF, x: float, top: float, text: str, bold: bool = False, size: float = SIZE) -> None:
    """Given a top-left position, draw one line of text there."""
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.text(x, top + size * 0.8, text)


def draw_header(pdf: FPDF, grid: Grid, header: list[str], top: float) -> float:
    """Given the header labels, draw them at `top` and return the y below the row."""
    for x, w, label in zip(grid.xs, grid.widths, header, strict=True):
        text_at(pdf, x + PAD, top + PAD, label, bold=True)
        if grid.ruled:
            pdf.rect(x, top, w, LINE_H + 2 * PAD)
    return top + LINE_H + 2 * PAD


def draw_row(pdf: FPDF, grid: Grid, header: list[str], row: list[list[Para]], top: float) -> float:
    """Given one row's cells, draw it from `top`, breaking the page mid-row if needed; return the y below."""
    pdf.set_font("DejaVu", "", SIZE)
    cols = [cell_lines(pdf, cell, w - 2 * PAD, grid.bullet) for cell, w in zip(row, grid.widths, strict=True)]
    start, y0 = top, top + PAD
    pending = [list(c) for c in cols]
    base = [0.0] * len(cols)
    while any(pending):
        bottom = y0
        for i, lines in enumerate(pending):
            while lines and y0 + lines[0][0] - base[i] + LINE_H <= grid.bottom:
                dy, indent, text = lines.pop(0)
                text_at(pdf, grid.xs[i] + PAD + indent, y0 + dy - base[i], text)
                bottom = max(bottom, y0 + dy - base[i] + LINE_H)
            if lines:
                base[i] = lines[0][0]
        if grid.ruled:
            for x, w in zip(grid.xs, grid.widths, strict=True):
                pdf.rect(x, start, w, bottom + PAD - start)
        if any(pending):
            pdf.add_page()
            start = draw_header(pdf, grid, header, 50.0) if header else 50.0
            y0 = start + PAD
        else:
            return bottom + PAD
    return top


def draw_table(
    pdf: FPDF, grid: Grid, header: list[str], rows: list[list[list[Para]]], top: float, repeat: bool = True
) -> float:
    """Given a header and rows, draw a whole table from `top` (header repeated on new pages); return the y below."""
    y = draw_header(pdf, grid, header, top)
    for row in rows:
        y = draw_row(pdf, grid, header if repeat else [], row, y)
    return y


def borderless_2_pages(name: str = "borderless-2-pages.pdf", repeat: bool = True) -> None:
    """Write a borderless table over two small pages, a row split over the break, footers "Page N of 2"."""
    pdf = new_pdf(fmt=(420, 595), footer="Page {n} of 2")
    text_at(pdf, 30, 30, "Highways Capital Schemes Behind Schedule", bold=True, size=13)
    text_at(pdf, 30, 56, "This appendix lists the schemes reported late at quarter 3.")
    grid = Grid(xs=[30, 120, 270], widths=[90, 150, 120], bottom=290, ruled=False)
    rows: list[list[list[Para]]] = [
        [
            [("A614 Junction Improvements", False)],
            [("Utility diversions took longer than planned and the contractor lost eight weeks.", False)],
            [
                ("A revised programme has been agreed:", False),
                ("weekend working approved", True),
                ("extra traffic management funded", True),
            ],
        ],
        [
            [("Bridge Maintenance Works", False)],
            [
                ("Inspections found deeper corrosion than the survey showed.", False),
                (
                    "The steel repairs need a specialist contractor and the earliest slot offered "
                    "was in the spring, which moves completion of the deck waterproofing and "
                    "resurfacing into the next financial year and leaves a slippage of £0.4m in "
                    "the capital budget for this year that will be carried forward in full.",
                    False,
                ),
            ],
            [("Spend has been reprofiled.", False), ("Officers will report progress monthly.", False)],
        ],
        [
            [("Flood Alleviation Scheme", False)],
            [("Planning consent was delayed by a judicial review.", False)],
            [("Legal advice obtained; works restart in May.", False)],
        ],
    ]
    draw_table(pdf, grid, ["Scheme", "Cause of Delay", "Remedial Action"], rows, 80, repeat=repeat)
    pdf.output(str(HERE / name))


def borderless_two_tables() -> None:
    """Write borderless-two-tables.pdf: a merged heading row, a heading between tables, text after."""
    pdf = new_pdf()
    text_at(pdf, 40, 40, "Transformation Programme: Exceptions Report", bold=True, size=14)
    grid = Grid(xs=[40, 170, 330, 490], widths=[130, 160, 160, 70], bottom=800, ruled=False)
    y = draw_header(pdf, grid, ["Project", "Exception", "Mitigating Actions", "Status"], 70)
    row = [
        [("Home Care Framework", False)],
        [("Providers withdrew from two zones.", False)],
        [("Zones re-tendered in March.", False)],
        [("Amber", False)],
    ]
    y = draw_row(pdf, grid, [], row, y)
    text_at(pdf, 40 + PAD, y + 6, "Older People's Services Transformation Programme", bold=True)
    y += LINE_H + 12
    row = [
        [("Reablement Expansion", False)],
        [("Recruitment of therapists is behind plan.", False)],
        [("Agency staff cover the gap.", False)],
        [("Red", False)],
    ]
    y = draw_row(pdf, grid, [], row, y)
    text_at(pdf, 40, y + 12, "Capital Programme:", bold=True)
    grid = Grid(xs=[40, 200, 380], widths=[160, 180, 180], bottom=800, ruled=False)
    y = draw_table(
        pdf,
        grid,
        ["Scheme", "Issue", "Action"],
        [
            [
                [("Library Refurbishment", False)],
                [("Asbestos found in the roof void.", False)],
                [("Removal contract let; opening moved to June.", False)],
            ]
        ],
        y + 34,
    )
    text_at(pdf, 40, y + 14, "All other schemes in the capital programme are reported as on track this quarter,")
    text_at(pdf, 40, y + 14 + LINE_H, "and the programme board will review the position again at its next meeting.")
    pdf.output(str(HERE / "borderless-two-tables.pdf"))


def boxed_header_borderless_body() -> None:
    """Write boxed-header-borderless-body.pdf: only the header row is boxed; the body has no lines."""
    pdf = new_pdf()
    text_at(pdf, 40, 40, "Exceptions at Month 9", bold=True, size=14)
    boxed = Grid(xs=[40, 200, 380], widths=[160, 180, 180], bottom=800, ruled=True)
    y = draw_header(pdf, boxed, ["Workstream", "Reason", "Mitigation"], 70)
    body = Grid(xs=boxed.xs, widths=boxed.widths, bottom=800, ruled=False)
    for name, reason, action in (
        ("Procurement Savings", "Contract award delayed.", "Award now due in April."),
        ("Estates Rationalisation", "Sale of the depot fell through.", "Site re-marketed."),
    ):
        y = draw_row(pdf, body, [], [[(name, False)], [(reason, False)], [(action, False)]], y + 6)
    pdf.output(str(HERE / "boxed-header-borderless-body.pdf"))


def ruled_landscape_rag() -> None:
    """Write ruled-landscape-rag.pdf (A4 landscape, ruled, Scheme | Issue | Action | RAG)."""
    pdf = new_pdf(orientation="L")
    pdf.set_title("Quarter 2 Programme Exceptions")
    text_at(pdf, 40, 40, "Quarter 2 Programme Exceptions", bold=True, size=14)
    text_at(pdf, 40, 70, "Place Directorate", bold=True, size=11)
    grid = Grid(xs=[40, 200, 450, 700], widths=[160, 250, 250, 100], bottom=560, ruled=True, bullet="-")
    rows: list[list[list[Para]]] = [
        [
            [("Town Centre Regeneration", False)],
            [("Tender prices came in 12% over budget.", False)],
            [
                ("Options under review:", False),
                ("value engineering of phase 2", True),
                ("bid to the Levelling Up Fund", True),
            ],
            [("Red", False)],
        ],
        [
            [("Waste Fleet Replacement", False)],
            [("Delivery of six vehicles slipped to January.", False)],
            [("Hire vehicles retained until delivery.", False)],
            [("Amber", False)],
        ],
    ]
    y = draw_table(pdf, grid, ["Scheme", "Issue", "Action", "RAG"], rows, 95)
    text_at(pdf, 40, y + 20, "Next review: January committee.")
    pdf.output(str(HERE / "ruled-landscape-rag.pdf"))


def merged_heading_row() -> None:
    """Write merged-heading-row.pdf (ruled, full-width programme rows inside one table)."""
    pdf = new_pdf()
    text_at(pdf, 40, 40, "Savings Programme Exceptions 2021/22", bold=True, size=14)
    grid = Grid(xs=[40, 180, 370], widths=[140, 190, 185], bottom=800, ruled=True)
    y = draw_header(pdf, grid, ["Savings Proposal", "Reason for Exception", "Mitigation"], 70)
    for heading, rows in (
        (
            "Children and Families",
            [["Fostering Recruitment", "Fewer carers were approved than planned.", "A new campaign starts in June."]],
        ),
        (
            "Adult Social Care",
            [
                ["Day Services Review", "Consultation was extended by two months.", "Savings re-phased to next year."],
                ["Digital Front Door", "Supplier delays.", "Interim manual process in place."],
            ],
        ),
    ):
        text_at(pdf, 40 + PAD, y + PAD, heading, bold=True)
        pdf.rect(40, y, sum(grid.widths), LINE_H + 2 * PAD)
        y += LINE_H + 2 * PAD
        for row in rows:
            y = draw_row(pdf, grid, [], [[(t, False)] for t in row], y)
    pdf.output(str(HERE / "merged-heading-row.pdf"))


def encrypted() -> None:
    """Write encrypted.pdf, which needs the user password "secret" to open."""
    pdf = new_pdf()
    text_at(pdf, 40, 40, "Confidential exceptions")
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.output(str(HERE / "encrypted.pdf"))


def truncated() -> None:
    """Write truncated.pdf: the head of merged-heading-row.pdf, cut before its xref."""
    data = (HERE / "merged-heading-row.pdf").read_bytes()
    (HERE / "truncated.pdf").write_bytes(data[: len(data) * 4 // 10])


def no_text_layer() -> None:
    """Write no-text-layer.pdf: grey blocks where a scan would have its text."""
    pdf = new_pdf()
    pdf.set_fill_color(120, 120, 120)
    for i in range(6):
        pdf.rect(40, 60 + 30 * i, 400, 12, style="F")
    pdf.output(str(HERE / "no-text-layer.pdf"))


def fake_bold() -> None:
    """Write fake-bold.pdf: title and header "bolded" Word-style, each glyph printed twice 0.3 pt apart."""
    pdf = new_pdf()
    for dx in (0.0, 0.3):
        text_at(pdf, 40 + dx, 40, "Leisure Services Exceptions", size=14)
    grid = Grid(xs=[40, 200, 380], widths=[160, 180, 180], bottom=780, ruled=True, bullet="-")
    header = ["Project", "Reason for Exception", "Mitigating Action"]
    overprint = Grid(xs=[x + 0.3 for x in grid.xs], widths=grid.widths, bottom=grid.bottom, ruled=False, bullet="-")
    draw_header(pdf, overprint, header, 80)
    rows: list[list[list[Para]]] = [[
        [("Swimming Pool Relining", False)],
        [("The pool closed for six weeks longer than planned.", False)],
        [("Free swims were offered at the other two pools.", False)],
    ]]
    draw_table(pdf, grid, header, rows, 80)
    pdf.output(str(HERE / "fake-bold.pdf"))


def long_table(pages: int = 60) -> None:
    """Write long-table.pdf: one ruled table running over ~60 pages (a slow file for timeout tests)."""
    pdf = new_pdf()
    text_at(pdf, 40, 40, "Corporate Savings Exceptions", bold=True, size=14)
    grid = Grid(xs=[40, 200, 380], widths=[160, 180, 180], bottom=780, ruled=True, bullet="-")
    reason = "Procurement slipped because the framework was re-let and suppliers asked for more time to respond. " * 3
    rows: list[list[list[Para]]] = [
        [[(f"Saving Proposal {i}", False)], [(reason, False)], [("A revised timetable has been agreed.", False)]]
        for i in range(1, pages * 7)
    ]
    draw_table(pdf, grid, ["Project", "Reason for Exception", "Mitigating Action"], rows, 80)
    pdf.output(str(HERE / "long-table.pdf"))


def text_right(pdf: FPDF, x1: float, top: float, text: str, bold: bool = False, size: float = SIZE) -> None:
    """Given a right edge and a top, draw one line of text ending at that edge."""
    pdf.set_font("DejaVu", "B" if bold else "", size)
    text_at(pdf, x1 - pdf.get_string_width(text), top, text, bold, size)


@dataclass
class MoneyTable:
    """A borderless table with text columns and right-aligned figure columns under a group label."""

    xs: list[float]
    widths: list[float]
    figures: set[int]  # columns of right-aligned figures
    top_labels: list[str]  # first header row ("" under a group label)
    group: tuple[str, int, int]  # group label and the columns it is centred over
    sub_labels: list[str]  # second header row
    bottom: float


def draw_money_header(pdf: FPDF, t: MoneyTable, top: float) -> float:
    """Given a money table, draw its two header rows at `top`; return the y below them."""
    for i, (x, w, label) in enumerate(zip(t.xs, t.widths, t.top_labels, strict=True)):
        for k, part in enumerate(label.split("\n") if label else []):  # "\n": a label set on two lines
            y = top + PAD + k * LINE_H
            (text_right(pdf, x + w - PAD, y, part, True) if i in t.figures else text_at(pdf, x + PAD, y, part, True))
    top += LINE_H * (max(label.count("\n") for label in t.top_labels))
    label, lo, hi = t.group
    pdf.set_font("DejaVu", "B", SIZE)
    mid = (t.xs[lo] + t.xs[hi] + t.widths[hi]) / 2
    text_at(pdf, mid - pdf.get_string_width(label) / 2, top + PAD, label, bold=True)
    top += LINE_H + 2 * PAD
    if not any(t.sub_labels):
        return top
    for i, (x, w, label) in enumerate(zip(t.xs, t.widths, t.sub_labels, strict=True)):
        if label:
            (text_right(pdf, x + w - PAD, top + PAD, label, True) if i in t.figures else text_at(pdf, x + PAD, top + PAD, label, True))
    return top + LINE_H + 2 * PAD


def draw_money_row(pdf: FPDF, t: MoneyTable, cells: list[str], top: float) -> float:
    """Given one row's texts, draw it from `top` (wrapping text, figures right-aligned), breaking the page if needed.

    A row whose first text starts with "*" is a bold sub-heading row.
    """
    if cells[0].startswith("*"):
        text_at(pdf, t.xs[0] + PAD, top + PAD, cells[0][1:], bold=True)
        return top + LINE_H + 2 * PAD
    pdf.set_font("DejaVu", "", SIZE)
    pending = [[c] if i in t.figures else wrap(pdf, c, w - 2 * PAD) for i, (c, w) in enumerate(zip(cells, t.widths, strict=True))]
    y = top + PAD
    while True:
        rows = 0
        for i, lines in enumerate(pending):
            k = 0
            while lines and y + (k + 1) * LINE_H <= t.bottom:
                text = lines.pop(0)
                if i in t.figures:
                    text_right(pdf, t.xs[i] + t.widths[i] - PAD, y, text)
                else:
                    text_at(pdf, t.xs[i] + PAD, y + k * LINE_H, text)
                k += 1
            rows = max(rows, k)
        if not any(pending):
            return y + rows * LINE_H + PAD
        pdf.add_page()
        y = draw_money_header(pdf, t, 40.0) + PAD


def borderless_two_row_header_k() -> None:
    """Write borderless-two-row-header-k.pdf: a two-row £k header, two tables, the second over a page break."""
    pdf = new_pdf(orientation="L", footer="{n}")
    text_at(pdf, 40, 36, "Fenwick Vale District Council", bold=True)
    text_at(pdf, 40, 56, "Efficiency Plan 2022/23: Month 9 Delivery Report", bold=True, size=14)
    text_at(pdf, 40, 80, "The tables below show each efficiency that is behind its planned value, by directorate.")
    t = MoneyTable(
        xs=[40, 200, 260, 320, 380, 590],
        widths=[160, 60, 60, 60, 210, 210],
        figures={1, 2, 3},
        top_labels=["Efficiency", "", "", "", "Why off track", "Recovery plan"],
        group=("2022/23 £k", 1, 3),
        sub_labels=["", "Planned", "Delivered", "Gap"] + ["", ""],
        bottom=425,
    )
    text_at(pdf, 40, 106, "Housing and Communities", bold=True, size=11)
    y = draw_money_header(pdf, t, 124)
    for row in (
        ["Temporary accommodation procurement framework", "540", "310", "(230)",
         "Two providers left the framework in the summer, so nightly-paid rooms stayed in use for longer.",
         "A block contract for 40 units starts in February; nightly-paid use is reviewed weekly."],
        ["Community hub rationalisation", "120", "120", "0",
         "Delivered in full.", "None needed."],
    ):
        y = draw_money_row(pdf, t, row, y)
    text_at(pdf, 40, y + 20, "Environment and Neighbourhoods", bold=True, size=11)
    y = draw_money_header(pdf, t, y + 38)
    long_reason = (
        "The new round design could not be brought in until the depot extension was finished, and the "
        "contractor handed the site over eleven weeks late, after the ground works found a culvert that "
        "had not been on any survey, so the routes ran on the old pattern through the autumn months and "
        "the overtime budget carried the cost."
    )
    for row in (
        ["Bulky waste collection charge", "200", "165", "-35",
         "Take-up is lower than modelled while the online booking form is rebuilt.",
         "The booking form is back on line and the charge is advertised with the council tax bills."],
        ["Grounds maintenance schedule", "90", "60", "(30)",
         "Wet weather meant more cuts than planned in the early season.", "Cuts reduced to the new schedule from July."],
        ["Waste round optimisation", "310", "140", "(170)", long_reason,
         "The new rounds go live in January with crews trained in December; the gap is met from the reserve."],
        ["Street lighting dimming", "75", "75", "0", "Delivered in full.", "None needed."],
    ):
        y = draw_money_row(pdf, t, row, y)
    text_at(pdf, 40, y + 16, "The gap of £465k is met from the transformation reserve this year.")
    pdf.output(str(HERE / "borderless-two-row-header-k.pdf"))


def borderless_capital_subheadings() -> None:
    """Write borderless-capital-subheadings.pdf: bold sub-heading rows, a £m header repeated on page 2, a name split by the page."""
    pdf = new_pdf(footer="Page {n}")
    text_at(pdf, 40, 40, "Capital Schemes Behind Programme: Quarter 3", bold=True, size=14)
    t = MoneyTable(
        xs=[40, 150, 200, 250, 300, 430],
        widths=[110, 50, 50, 50, 130, 130],
        figures={1, 2, 3},
        top_labels=["Scheme", "Budget\n£m", "Outturn\n£m", "Slip\n£m", "Why it slipped", "Catch-up plan"],
        group=("", 1, 1),
        sub_labels=[""] * 6,
        bottom=232,
    )
    y = draw_money_header(pdf, t, 64)
    for row in (
        ["*Transport"],
        ["Bus station canopy", "1.20", "0.80", "0.40", "Steel prices rose and the order was re-quoted in the summer.",
         "Order placed in October; erection over the Christmas closure."],
        ["Cycle route to the hospital", "0.90", "0.55", "0.35", "Land purchase took longer than planned.", "Works start in February."],
        ["*Regeneration"],
        ["Old Mill Quarter Public Realm and Lighting", "4.10", "2.60", "1.50",
         "The heritage consultee asked for changes to the paving and the scheme went back to the planning committee for a second time",
         "The revised design was approved in December and the contractor is held on the original rates until the spring"],
        ["Market Hall roof", "0.75", "0.75", "0.00", "On programme.", "None needed."],
    ):
        y = draw_money_row(pdf, t, row, y)
    text_at(pdf, 40, y + 16, "Slippage is carried forward to next year's programme.")
    pdf.output(str(HERE / "borderless-capital-subheadings.pdf"))


def shaded_header_borderless_body() -> None:
    """Write shaded-header-borderless-body.pdf: a dark filled header band (white text, no vocabulary words) over a body without lines."""
    pdf = new_pdf()
    text_at(pdf, 40, 40, "Improvement Plan: Where We Are", bold=True, size=14)
    xs, widths = [40, 190, 370, 470], [150, 180, 100, 80]
    pdf.set_fill_color(31, 56, 100)
    for x, w in zip(xs, widths, strict=True):
        pdf.rect(x, 70, w, LINE_H + 2 * PAD, style="F")
    pdf.set_text_color(255, 255, 255)
    for x, label in zip(xs, ["Item", "Where we are", "Next", "Colour"], strict=True):
        text_at(pdf, x + PAD, 70 + PAD, label, bold=True)
    pdf.set_text_color(0, 0, 0)
    y = 70 + LINE_H + 2 * PAD
    for row in (
        ["Customer contact centre", "Call waiting times are twice the target since the new system went live.", "Extra staff in January", "Red"],
        ["Planning backlog", "Applications are being decided within the statutory period again.", "Keep under review", "Green"],
    ):
        pdf.set_font("DejaVu", "", SIZE)
        cells = [wrap(pdf, text, w - 2 * PAD) for text, w in zip(row, widths, strict=True)]
        for x, lines in zip(xs, cells, strict=True):
            for k, line in enumerate(lines):
                text_at(pdf, x + PAD, y + PAD + k * LINE_H, line)
        y += max(len(c) for c in cells) * LINE_H + 2 * PAD
    pdf.output(str(HERE / "shaded-header-borderless-body.pdf"))


def ruled_unlisted_header_2_pages() -> None:
    """Write ruled-unlisted-header-2-pages.pdf: a ruled table whose bold header words no vocabulary lists, repeated on page 2."""
    pdf = new_pdf(fmt=(420, 595), footer="Page {n} of 2")
    text_at(pdf, 30, 30, "Portfolio Lines Off Track", bold=True, size=13)
    grid = Grid(xs=[30, 110, 250], widths=[80, 140, 140], bottom=280, ruled=True)
    text = "The supplier has asked for more time and the board agreed a new date at its last sitting."
    rows: list[list[list[Para]]] = [
        [[(f"Line {n}", False)], [(text, False)], [("Accountable officer to report back next month.", False)]] for n in range(1, 7)
    ]
    draw_table(pdf, grid, ["Line", "Where it stands", "Next"], rows, 60)
    pdf.output(str(HERE / "ruled-unlisted-header-2-pages.pdf"))


def borderless_rag_tracker() -> None:
    """Write borderless-rag-tracker.pdf: no lines but one rule, no bold, headers no vocabulary lists."""
    pdf = new_pdf()
    text_at(pdf, 40, 40, "Corporate Change Portfolio: Quarter 2 Position", size=14)
    text_at(pdf, 40, 64, "Each strand of the portfolio is shown with who answers for it and its colour.")
    xs, widths = [40, 90, 200, 270, 330], [50, 110, 70, 60, 225]
    figures = {2}
    y = 90.0
    for i, (x, w, label) in enumerate(zip(xs, widths, ["Strand", "Who", "Exposure", "Colour", "Story so far"], strict=True)):
        (text_right(pdf, x + w - PAD, y + PAD, label) if i in figures else text_at(pdf, x + PAD, y + PAD, label))
    y += LINE_H + 2 * PAD
    pdf.line(40, y, 555, y)
    pdf.set_font("DejaVu", "", SIZE)
    for row in (
        ["L1", "Director of Place", "450", "Red", "Market testing of the parks contract returned no compliant bids; "
         "the specification is being rewritten with the trade body."],
        ["L2", "Head of Digital Services", "120", "Amber", "The chatbot pilot is live in two services and call volumes are down by eight per cent."],
        ["L3", "Chief Accountant", "0", "Green", "Debt recovery improvements are on track."],
    ):
        lines = [[c] if i in figures else wrap(pdf, c, w - 2 * PAD) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        for i, cell in enumerate(lines):
            for k, text in enumerate(cell):
                if i in figures:
                    text_right(pdf, xs[i] + widths[i] - PAD, y + PAD + k * LINE_H, text)
                else:
                    text_at(pdf, xs[i] + PAD, y + PAD + k * LINE_H, text)
        y += max(len(c) for c in lines) * LINE_H + 2 * PAD
    text_at(pdf, 40, y + 20, "Colours are agreed by the portfolio board each quarter.")
    pdf.output(str(HERE / "borderless-rag-tracker.pdf"))


def borderless_key_value() -> None:
    """Write borderless-key-value.pdf: two key/value forms under numbered headings, no lines."""
    pdf = new_pdf()
    text_at(pdf, 40, 40, "Highlight Reports by Exception", bold=True, size=14)
    y = 70.0
    for number, form in (
        ("1.", [("Scheme title", "Riverside Footbridge Renewal"), ("Sponsor", "Assistant Director, Highways"),
                ("What has happened", "The fabricator has gone into administration with the main span half built, and the "
                 "steelwork has to be moved to another yard before it can be finished."),
                ("What we propose", "Novate the fabrication to the second-placed bidder and accept a twelve week delay.")]),
        ("2.", [("Scheme title", "Electric Pool Car Fleet"), ("Sponsor", "Fleet Manager"),
                ("What has happened", "Charging points at the civic centre cannot be connected until the substation is upgraded."),
                ("What we propose", "Lease two rapid chargers at the depot until the upgrade in May.")]),
    ):
        text_at(pdf, 40, y, f"{number} {form[0][1]}", bold=True, size=11)
        y += 24
        pdf.set_font("DejaVu", "", SIZE)
        for key, value in form:
            lines = wrap(pdf, value, 380)
            text_at(pdf, 44, y, key)
            for k, text in enumerate(lines):
                text_at(pdf, 164, y + k * LINE_H, text)
            y += len(lines) * LINE_H + 8
        y += 20
    pdf.output(str(HERE / "borderless-key-value.pdf"))


PROSE = (
    "The council set a balanced budget for the year in February, with a contingency of two million pounds held "
    "against demand in adult care and children's placements. Since then the number of older people leaving "
    "hospital with a package of care has risen by a fifth, and the cost of each home care hour has gone up with "
    "the national living wage. The service has responded by extending the reablement offer and by reviewing "
    "every package after six weeks, and officers will bring a fuller analysis of the trend to the next meeting."
)


def prose_justified() -> None:
    """Write prose-justified.pdf: justified paragraphs of running text (no table)."""
    pdf = new_pdf()
    text_at(pdf, 40, 40, "Budget Commentary", bold=True, size=14)
    pdf.set_font("DejaVu", "", SIZE)
    pdf.set_xy(40, 70)
    for k in range(4):
        pdf.multi_cell(500, LINE_H, PROSE if k % 2 == 0 else PROSE[::-1].title()[::-1], align="J")
        pdf.ln(6)
    pdf.output(str(HERE / "prose-justified.pdf"))


def two_column_layout() -> None:
    """Write two-column-layout.pdf: a newsletter page set in two justified columns (no table)."""
    pdf = new_pdf()
    text_at(pdf, 40, 40, "Members' Briefing: Autumn Update", bold=True, size=14)
    pdf.set_font("DejaVu", "", SIZE)
    for x, text in ((40, PROSE + " " + PROSE), (310, PROSE[120:] + " " + PROSE + " " + PROSE[:200])):
        pdf.set_xy(x, 70)
        for chunk in (text[: len(text) // 2], text[len(text) // 2 :]):
            pdf.set_x(x)
            pdf.multi_cell(245, LINE_H, chunk.strip(), align="J")
            pdf.ln(6)
    pdf.output(str(HERE / "two-column-layout.pdf"))


def lists_hanging_indent() -> None:
    """Write lists-hanging-indent.pdf: bullet and numbered lists with hanging indents (no table)."""
    pdf = new_pdf()
    text_at(pdf, 40, 40, "Recommendations", bold=True, size=14)
    pdf.set_font("DejaVu", "", SIZE)
    y = 70.0
    items = [
        "note the forecast position for the year and the pressures in adult care and children's placements set out above",
        "approve the transfer of the unspent grant to the earmarked reserve for use in the next financial year",
        "ask officers to report on the options for the home to school transport contract at the next meeting",
    ]
    for marker_of in (lambda k: "\u2022", lambda k: f"{k + 1}.", lambda k: f"({'abc'[k]})"):
        for k, item in enumerate(items):
            text_at(pdf, 44, y, marker_of(k))
            for j, line in enumerate(wrap(pdf, item, 400)):
                text_at(pdf, 62, y + j * LINE_H, line)
            y += len(wrap(pdf, item, 400)) * LINE_H + 4
        y += 16
    pdf.output(str(HERE / "lists-hanging-indent.pdf"))



def borderless_tight_rows() -> None:
    """Write borderless-tight-rows.pdf: single-line rows at the line pitch (no gap), a smaller header, a wrapped name."""
    pdf = new_pdf()
    text_at(pdf, 40, 40, "Schools Capital: Forecast at Period 8", bold=True, size=14)
    text_at(pdf, 40, 64, "Figures are in thousands of pounds.")
    xs, widths = [40, 210, 280, 350, 420], [170, 70, 70, 70, 135]
    y = 90.0
    for i, label in enumerate(["Site", "Budget", "Forecast", "Movement", "Delivery note"]):
        (text_right(pdf, xs[i] + widths[i] - PAD, y, label, True, 8) if 1 <= i <= 3 else text_at(pdf, xs[i] + PAD, y, label, True, 8))
    y += 14
    for name, *figures, note in (
        ["Ashby Road Primary", "1,250", "1,310", "60", "Roof works extended"],
        ["Brook Lane Academy expansion", "3,400", "2,900", "(500)", "Phase 2 in next year"],
        ["and sports hall", "", "", "", ""],
        ["Castle View Special School", "800", "800", "0", "On plan"],
        ["Dene Park Infants", "450", "520", "70", "Asbestos removal"],
        ["*Secondary", "", "", "", ""],
        ["Eastfield High School", "2,100", "2,050", "(50)", "Science block on plan"],
        ["*Total", "8,000", "7,580", "(420)", ""],
    ):
        bold = name.startswith("*")
        text_at(pdf, xs[0] + PAD, y, name.lstrip("*"), bold)
        for i, figure in enumerate(figures, start=1):
            if figure:
                text_right(pdf, xs[i] + widths[i] - PAD, y, figure, bold)
        if note:
            text_at(pdf, xs[4] + PAD, y, note)
        y += LINE_H
    text_at(pdf, 40, y + 20, "The movement is funded from the schools condition allocation.")
    pdf.output(str(HERE / "borderless-tight-rows.pdf"))


def numbered_paragraphs() -> None:
    """Write numbered-paragraphs.pdf: committee-report paragraphs numbered 2.1, 2.2 ... in a 40pt hanging indent (no table)."""
    pdf = new_pdf()
    text_at(pdf, 40, 40, "2. Background", bold=True, size=12)
    pdf.set_font("DejaVu", "", SIZE)
    y = 66.0
    for number, text in (("2.1", PROSE), ("2.2", PROSE[:260]), ("(a)", PROSE[100:330]), ("(b)", PROSE[:180]), ("2.3", PROSE)):
        text_at(pdf, 40, y, number)
        for k, line in enumerate(wrap(pdf, text, 460)):
            text_at(pdf, 80, y + k * LINE_H, line)
        y += len(wrap(pdf, text, 460)) * LINE_H + 8
    pdf.output(str(HERE / "numbered-paragraphs.pdf"))


if __name__ == "__main__":
    borderless_2_pages()
    borderless_2_pages("borderless-header-not-repeated.pdf", repeat=False)
    borderless_two_tables()
    boxed_header_borderless_body()
    ruled_landscape_rag()
    merged_heading_row()
    encrypted()
    truncated()
    no_text_layer()
    fake_bold()
    long_table()
    borderless_two_row_header_k()
    borderless_rag_tracker()
    borderless_key_value()
    prose_justified()
    two_column_layout()
    lists_hanging_indent()
    borderless_tight_rows()
    borderless_capital_subheadings()
    shaded_header_borderless_body()
    ruled_unlisted_header_2_pages()
    numbered_paragraphs()
