"""Regenerate the key/value form fixtures in this folder: `python tests/data/forms/make_forms.py`.

Each case is written as DOCX (python-docx, one 2-column table per form), as a PDF (fpdf2,
the bench extra: ruled 2-column tables, bold headings) and as a text export laid out the
way `pdftotext -layout` prints such tables (label column, a run of spaces, value column;
wrapped labels and values on the following lines):

- board-forms: a capital programme board's exception forms, "Reference / Title /
  Programme / Description of exception / Reason for exception / Proposed action / RAG
  status", under "Item N:" headings that are not the project names; then a "Term |
  Meaning" glossary that defines Project, Exception and Mitigation, and a "Name | Role" contacts
  table: neither is a form.
- housing-forms: a housing service's project forms, "Scheme / Scheme manager / Date raised
  / Problem / Background / Recovery plan / Next steps / Overall status" (two reason-like
  and two mitigation-like fields each), and a third form with a name but no reason or
  mitigation field, which is not an exception record.
- pid-forms: a corporate projects office's forms on a 4-column grid, two label/value pairs
  per row for the short fields ("Project name | X | Project manager | Y") and one value
  merged across three columns for the long ones ("Exception", "Cause", "Recommendation").
- housing-forms-tight.txt: the housing forms with no blank line between a heading and the
  forms around it, so one text block holds all three.
- long-form-2-pages.pdf: one form long enough to break across a page, "Page N of M" footers
  between the two parts.
- mixed-table-and-forms.docx: a form, then a grid "Project | Reason | Mitigating action"
  table of two projects, then another form: records come out in that reading order.
"""

from __future__ import annotations

from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
Form = list[tuple[str, str]]

BOARD_TITLE = "Capital Programme Board – Exception Reports, March 2024"
BOARD: list[tuple[str, Form]] = [
    ("Item 1: Depot relocation", [
        ("Reference", "CPB-014"),
        ("Title", "Riverside Depot Relocation"),
        ("Programme", "Capital Delivery"),
        ("Sponsor", "Director of Place"),
        ("Description of exception", "The main contractor entered administration on 12 February 2024 and work on site has "
                                     "stopped with the steel frame half erected."),
        ("Reason for exception", "The contractor's parent company withdrew its guarantee after losses on other contracts."),
        ("Consequences for the plan", "Completion will slip by at least four months and £180,000 of extra cost is likely."),
        ("Proposed action", "Novate the contract to the second-placed bidder and bring a re-baselined plan to the May Board."),
        ("RAG status", "Red"),
    ]),
    ("Item 2: School places", [
        ("Reference", "CPB-021"),
        ("Title", "Oakfield Primary Expansion"),
        ("Programme", "Schools Capital"),
        ("Description of exception", "Tender prices came in 14% above the pre-tender estimate of £3.2m."),
        ("Reason for exception", "Steel and concrete prices have risen sharply since the estimate was prepared."),
        ("Options considered", "1. Re-tender in the autumn. 2. Reduce the scope to six classrooms."),
        ("Proposed action", "Hold a value engineering workshop with the design team and report a revised cost plan in April."),
        ("RAG status", "Amber"),
    ]),
]
GLOSSARY: Form = [
    ("Term", "Meaning"),
    ("Project", "A temporary organisation set up to deliver an agreed change."),
    ("Exception", "A forecast breach of a tolerance agreed by the Board."),
    ("Mitigation", "The action proposed to bring the project back within tolerance."),
    ("RAG", "Red, amber or green rating of a project's overall position."),
]
CONTACTS: Form = [
    ("Name", "Role"),
    ("Priya Shah", "Programme Manager"),
    ("Dan Evans", "Finance Business Partner"),
]

HOUSING_TITLE = "Housing Improvement Projects – Project Exception Forms, Quarter 3 2023/24"
HOUSING: list[tuple[str, Form]] = [
    ("A. Tenant services", [
        ("Scheme", "Tenant Portal Upgrade"),
        ("Scheme manager", "Lucy Grant"),
        ("Date raised", "9 January 2024"),
        ("Problem", "The portal upgrade missed its December go-live because the payments module failed security testing."),
        ("Background", "The upgrade is needed before the current portal loses vendor support in June 2024."),
        ("Recovery plan", "The supplier is re-coding the payments module under a fixed-price change request."),
        ("Next steps", "Security retest booked for 12 February, go-live planned for 4 March."),
        ("Overall status", "Amber"),
    ]),
    ("B. Repairs", [
        ("Scheme", "Damp and Mould Response Team"),
        ("Scheme manager", "Tom Briggs"),
        ("Date raised", "11 January 2024"),
        ("Problem", "Only two of the five surveyor posts have been filled, so inspections are running six weeks behind."),
        ("Background", "The team was set up after the national guidance of 2023."),
        ("Recovery plan", "Agency surveyors have been engaged until the posts are filled."),
        ("Next steps", "A market supplement for the posts goes to the appointments panel in February."),
        ("Overall status", "Red"),
    ]),
    ("C. Estates", [
        ("Scheme", "Garage Site Disposals"),
        ("Scheme manager", "Ann Lowe"),
        ("Date raised", "15 January 2024"),
    ]),
]


def _table(d: docx.document.Document, rows: Form) -> None:
    """Given a document and (label, value) rows, add a 2-column grid table."""
    table = d.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value


def _wrap(text: str, width: int) -> list[str]:
    """Given text, return it wrapped at word boundaries to lines of at most `width` characters."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _layout(rows: Form, label_width: int = 16, gap: int = 11, value_width: int = 62) -> str:
    """Given (label, value) rows, return them as a text export prints a 2-column table."""
    out: list[str] = []
    for label, value in rows:
        labels, values = _wrap(label, label_width), _wrap(value, value_width)
        for i in range(max(len(labels), len(values))):
            left = labels[i] if i < len(labels) else ""
            right = values[i] if i < len(values) else ""
            out.append((left.ljust(label_width + gap) + right).rstrip())
    return "\n".join(out)


FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def _pdf(path: Path, title: str, forms: list[tuple[str, Form]], footer: bool = False) -> None:
    """Given a case, write it as an A4 PDF: title, then per form a bold heading and a ruled 2-column table."""
    from fpdf import FPDF  # the bench extra; only needed to rebuild the PDFs

    class _Pdf(FPDF):  # type: ignore[misc]
        def footer(self) -> None:  # noqa: D102 - fpdf2 hook
            if footer:
                self.set_y(-40)
                self.set_font("DejaVu", "", 8)
                self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = _Pdf(unit="pt", format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(56, 56)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 15)
    pdf.multi_cell(w=0, h=20, text=title, new_x="LMARGIN", new_y="NEXT")
    for heading, rows in forms:
        pdf.ln(10)
        pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(w=0, h=16, text=heading, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.set_font("DejaVu", "", 9.5)
        with pdf.table(col_widths=(110, 373), first_row_as_headings=False, line_height=13) as table:
            for label, value in rows:
                table.row((label, value))
    pdf.output(str(path))


def _write(stem: str, title: str, forms: list[tuple[str, Form]], extra: list[tuple[str, Form]]) -> None:
    """Given a case, write its .docx and .txt."""
    d = docx.Document()
    d.add_paragraph(title, style="Title")
    d.add_paragraph("Each form below was raised by the project manager when the project was forecast to exceed a tolerance.")
    text = [title, "", "Each form below was raised by the project manager when the project was forecast to exceed a tolerance.", ""]
    for heading, rows in forms + extra:
        d.add_heading(heading, 2)
        _table(d, rows)
        text += [heading, "", _layout(rows), "", ""]
    d.add_paragraph("Prepared by the Programme Office.")
    d.save(str(HERE / f"{stem}.docx"))
    _pdf(HERE / f"{stem}.pdf", title, forms + extra)
    (HERE / f"{stem}.txt").write_text("\n".join(text + ["Prepared by the Programme Office.", ""]), encoding="utf-8")


GRID = [
    ("Project", "Reason", "Mitigating action"),
    ("Leisure Booking System", "The new booking system went live three weeks late because card payments failed testing, "
     "and £45,000 of the 2023/24 income target is now at risk.",
     "Bookings were taken by phone in the meantime and the supplier has credited one month's fee of £6,500."),
    ("Crematorium Cremator Replacement", "The second cremator was delivered with a faulty filtration unit, so £120,000 of "
     "capital spend slips into 2024/25.", "The manufacturer is replacing the unit under warranty in February 2024."),
]


def mixed() -> None:
    """Write mixed-table-and-forms.docx: form, grid table, form."""
    d = docx.Document()
    d.add_paragraph("Community Services – Exceptions, Quarter 2", style="Title")
    d.add_heading("Exception report: Parks", 2)
    _table(d, [("Scheme", "Parks Depot Solar Array"), ("Problem", "Roof strengthening is needed before the panels can be fitted."),
               ("Recovery plan", "Strengthening works are programmed for the spring.")])
    d.add_heading("Other exceptions", 2)
    table = d.add_table(rows=0, cols=3)
    table.style = "Table Grid"
    for row in GRID:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    d.add_heading("Exception report: Cemeteries", 2)
    _table(d, [("Scheme", "Cemetery Extension"), ("Problem", "Ground investigation found a high water table."),
               ("Recovery plan", "A revised drainage design is being prepared.")])
    d.save(str(HERE / "mixed-table-and-forms.docx"))


_LONG_CAUSE = " ".join([
    "The new fleet was ordered in 2022 on a framework that has since collapsed.",
    "The second supplier on the framework can build the vehicles but not before the spring.",
] * 6)
LONG: list[tuple[str, Form]] = [
    ("1. Fleet", [
        ("Project name", "Electric Refuse Fleet"),
        ("Project manager", "Nadia Khan"),
        ("Exception", "Delivery of twelve electric refuse vehicles will slip by at least five months."),
        ("Cause", _LONG_CAUSE),
        ("Options", " ".join(["Option 1 keeps diesel vehicles on hire until the new fleet arrives in the spring."] * 25)),
        ("Consequences", " ".join(["Hire costs of about £18,000 a month fall on the service until delivery."] * 25)),
        ("Recommendation", "Hire diesel vehicles until delivery and recover the cost from the framework guarantee."),
    ]),
]


# (label, value, label, value) for a two-pair row; (label, value) for a full-width row.
PID: list[tuple[str, list[tuple[str, ...]]]] = [
    ("Form 1", [
        ("Project name", "Library Management System", "Project manager", "Jo Reid"),
        ("Date raised", "2 October 2023", "Tolerance", "Time"),
        ("Exception", "Go-live of the new library management system has slipped from October to January."),
        ("Cause", "The supplier's data migration tool could not read the loan history of the old system."),
        ("Recommendation", "Accept the revised date and run the old system in read-only mode until January."),
        ("RAG", "Amber", "Programme", "Customer Access"),
    ]),
    ("Form 2", [
        ("Project name", "Council Tax Online Accounts", "Project manager", "Sam Patel"),
        ("Date raised", "5 October 2023", "Tolerance", "Cost"),
        ("Exception", "Integration with the revenues system will cost £28,000 more than budgeted."),
        ("Cause", "The revenues system supplier has raised its interface licence charge."),
        ("Recommendation", "Fund the increase from the digital reserve and renegotiate the licence at renewal."),
        ("RAG", "Red", "Programme", "Customer Access"),
    ]),
]


def _pid_docx() -> docx.document.Document:
    """Given nothing, return the pid-forms Word document (4-column grids, long values merged)."""
    d = docx.Document()
    d.add_paragraph("Corporate Projects Office – Exception Forms, October 2023", style="Title")
    for heading, rows in PID:
        d.add_heading(heading, 2)
        table = d.add_table(rows=0, cols=4)
        table.style = "Table Grid"
        for row in rows:
            cells = table.add_row().cells
            if len(row) == 2:
                cells[0].text = row[0]
                cells[1].merge(cells[3]).text = row[1]
            else:
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
    return d


def _pid_txt() -> str:
    """Given nothing, return the pid-forms text export (label, value, label, value columns)."""
    out = ["Corporate Projects Office – Exception Forms, October 2023", ""]
    for heading, rows in PID:
        out += [heading, ""]
        for row in rows:
            if len(row) == 2:
                out.append(_layout([(row[0], row[1])], label_width=14, gap=4, value_width=70))
            else:
                out.append(f"{row[0]:<18}{row[1]:<30}{row[2]:<19}{row[3]}".rstrip())
        out += ["", ""]
    return "\n".join(out)


def main() -> None:
    """Write every case."""
    _write("board-forms", BOARD_TITLE, BOARD, [("Glossary", GLOSSARY), ("Contacts", CONTACTS)])
    _write("housing-forms", HOUSING_TITLE, HOUSING, [])
    mixed()
    tight = [HOUSING_TITLE, ""] + [line for heading, rows in HOUSING for line in (heading, _layout(rows))]
    (HERE / "housing-forms-tight.txt").write_text("\n".join(tight) + "\n", encoding="utf-8")
    _pdf(HERE / "long-form-2-pages.pdf", "Waste Services – Project Exception Report", LONG, footer=True)
    _pid_docx().save(str(HERE / "pid-forms.docx"))
    (HERE / "pid-forms.txt").write_text(_pid_txt(), encoding="utf-8")


if __name__ == "__main__":
    main()
