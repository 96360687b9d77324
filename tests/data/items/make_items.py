"""Regenerate the labelled-item fixtures in this folder: `python tests/data/items/make_items.py`.

Each case is written as DOCX (python-docx), as a PDF (fpdf2, the bench extra: headings and
item lines in bold, bullets as "•") and as a plain text export (paragraphs separated by
blank lines, prose wrapped at 90 characters, an item heading sometimes on the line just
above its first label, as exports print them):

- highways-items: a committee report with numbered prose sections ("1.1 This report ..."
  are not items), numbered sections "2. Highway Maintenance" whose items are bold lines
  "2.1 Pothole repair backlog (Red)" followed by "Problem:" / "Remedial action:"
  paragraphs; a Problem continued by an unlabelled paragraph; an item with no action;
  "(a) ... [Amber]" items under a second section, one whose issue has no label of its own
  before its "Remedial action:"; a closing "4.1 ..." prose section.
- housing-highlight: a highlight report with workstream blocks, "Workstream: X" /
  "Status: Amber" / "Issues:" bullets / "Actions:" bullets, under a section heading.
- estates-highlight: the same kind in other words: a heading per project, "RAG status: Red",
  lead-in lines without colons ("Key issues", "Next steps") and "Risks and issues:" /
  "Mitigating actions:"; one project whose issue follows its status line without a label;
  one project with a status but no issues, which is no record; a
  closing "Recommendations" heading that is no lead-in of the last project.
- paragraph-forms: exception reports written as "Label: value" paragraphs instead of a
  table ("Project name:", "Programme:", "Project manager:", "Exception:", "Cause:",
  "Consequences:", "Recommendation:"), one per numbered heading; a third whose labels are
  sub-headings of their own ("Exception", "Cause", "Mitigation") above plain paragraphs.
- prose-labels: a budget report whose numbered headings are followed by "Background:",
  "Next steps:" and "Note:" paragraphs, or by prose and a "Recommendation:": no records.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
# (kind, text): kind is "title", "heading", "subheading", "item" (bold line), "text", "bullet", "join"
# ("join" = a text paragraph the export prints on the line right after the previous one).
Part = tuple[str, str]

HIGHWAYS: list[Part] = [
    ("title", "Highways and Transport Committee – Capital Schemes Exception Report, Quarter 2 2023/24"),
    ("heading", "1. Introduction"),
    ("text", "1.1 This report sets out the capital schemes that were rated Red or Amber at the end of Quarter 2 and "
             "the action being taken on each."),
    ("text", "1.2 Members are asked to note the report."),
    ("heading", "2. Highway Maintenance"),
    ("item", "2.1 Pothole repair backlog (Red)"),
    ("text", "Problem: The backlog of category 2 defects has risen to 3,400 after the wet winter, against a target of 1,500."),
    ("text", "Two of the three patching gangs were diverted to flood response work in October."),
    ("text", "Remedial action: A second contractor has been engaged for twelve weeks from November at a cost of £240,000."),
    ("item", "2.2 Street lighting LED conversion (Amber)"),
    ("join", "Problem: Delivery of lanterns has slipped by six weeks because of a national shortage of drivers."),
    ("heading", "3. Transport Schemes"),
    ("item", "(a) Bus shelter renewals [Amber]"),
    ("text", "Problem: Planning consent for the shelters on two conservation area sites has taken longer than expected."),
    ("text", "Remedial action: The remaining shelters will be installed first, and the two sites completed in January."),
    ("item", "(b) Cycle route extension [Green]"),
    ("text", "Problem: A utility diversion added three weeks to the programme."),
    ("text", "Remedial action: The contractor has resequenced the works and the route still opens in March."),
    ("item", "(c) Park and ride expansion [Red]"),
    ("text", "The land purchase for the extension fell through when the owner withdrew in August."),
    ("text", "Remedial action: Two alternative sites are being valued and a preferred site will be reported in December."),
    ("heading", "4. Financial implications"),
    ("text", "4.1 The schemes above account for £1.2m of the 2023/24 capital programme. Any slippage will be reported "
             "to the Committee in the Quarter 3 report."),
]

HOUSING: list[Part] = [
    ("title", "Housing Services – Highlight Report, October 2023"),
    ("text", "This highlight report summarises progress on the transformation workstreams."),
    ("heading", "Housing Services Transformation"),
    ("text", "Workstream: Digital Tenancy Services"),
    ("join", "Status: Amber"),
    ("text", "Issues:"),
    ("bullet", "Online rent statements are two months late because the housing system upgrade failed testing."),
    ("bullet", "Call volumes remain 15% above the target set for the year."),
    ("text", "Actions:"),
    ("bullet", "The supplier will deliver a fix by 15 November."),
    ("bullet", "Four temporary advisers have joined the contact centre."),
    ("text", "Workstream: Empty Homes"),
    ("join", "Status: Red"),
    ("text", "Issues:"),
    ("bullet", "Void turnaround is 48 days against a 28-day target."),
    ("text", "Actions:"),
    ("bullet", "A second voids contractor starts in November."),
    ("text", "Prepared by the Housing Transformation Team."),
]

ESTATES: list[Part] = [
    ("title", "Estates Board – Project Highlights, Period 8"),
    ("heading", "Asset Management Programme"),
    ("item", "Corporate Landlord Review"),
    ("text", "RAG status: Red"),
    ("text", "Key issues"),
    ("bullet", "The building condition surveys are three months behind, so the backlog cost cannot yet be stated."),
    ("text", "Next steps"),
    ("bullet", "A second surveying firm has been appointed from the framework."),
    ("item", "Community Centre Transfers"),
    ("text", "RAG status: Amber"),
    ("text", "Risks and issues:"),
    ("bullet", "Two of the five community groups have not yet secured funding to take on their leases."),
    ("text", "Mitigating actions:"),
    ("bullet", "Officers are helping both groups apply to the community ownership fund."),
    ("item", "Pool Plant Replacement"),
    ("text", "RAG status: Amber"),
    ("text", "The new filtration plant failed its commissioning test and the pool stays closed."),
    ("text", "Mitigating actions:"),
    ("bullet", "The installer is replacing the faulty pump at its own cost."),
    ("item", "Depot Rationalisation"),
    ("text", "RAG status: Green"),
    ("text", "Next report due in Period 10."),
    ("heading", "Recommendations"),
    ("text", "That the Board notes the position of each project."),
]

PARAGRAPH_FORMS: list[Part] = [
    ("title", "Resources Board – Exception Reports, January 2025"),
    ("heading", "1. Town Hall heating"),
    ("text", "Project name: Town Hall Boiler Replacement"),
    ("text", "Programme: Corporate Estate"),
    ("text", "Project manager: Grace Obi"),
    ("text", "Exception: The project will exceed its cost tolerance by £65,000."),
    ("text", "Cause: Asbestos was found in the plant room ducts during strip-out."),
    ("text", "Consequences: The building would have no heating in February if work stopped."),
    ("text", "Recommendation: Approve the extra cost from the capital contingency and continue the works."),
    ("heading", "2. Payroll system"),
    ("text", "Project name: Payroll System Upgrade"),
    ("text", "Programme: Digital Council"),
    ("text", "Project manager: Lee Wong"),
    ("text", "Exception: Go-live will slip from April to July."),
    ("text", "Cause: The year-end tax changes have to be tested before any cut-over."),
    ("text", "Recommendation: Move go-live to July and keep the current system on a short extension."),
    ("heading", "3. Car parks"),
    ("text", "Project name: Pay and Display Machine Renewal"),
    ("subheading", "Exception"),
    ("text", "Half of the new machines do not accept contactless payment after a firmware fault."),
    ("subheading", "Cause"),
    ("text", "The supplier installed a firmware version that had not passed card scheme testing."),
    ("subheading", "Mitigation"),
    ("text", "The supplier will reinstall the approved firmware on every machine by the end of March."),
]

PROSE: list[Part] = [
    ("title", "Revenue Budget Strategy 2024/25"),
    ("heading", "1. Purpose"),
    ("text", "1.1 This report sets out the budget strategy for 2024/25 and the timetable for setting the budget."),
    ("heading", "2. Budget strategy"),
    ("text", "Background: The council must set a balanced budget each year, and the gap for 2024/25 is £4.1m."),
    ("text", "Next steps: Directors will bring savings proposals to the December Cabinet."),
    ("heading", "3. Consultation"),
    ("text", "Note: The public consultation runs from 1 November to 15 December."),
    ("heading", "4. Next steps"),
    ("text", "The final budget will be set at the February meeting of the Council."),
    ("text", "Recommendation: That Cabinet approves the budget timetable."),
]


def _docx(path: Path, parts: list[Part]) -> None:
    """Given parts, write them as a Word document (items as bold lines, bullets as List Bullet)."""
    d = docx.Document()
    for kind, text in parts:
        if kind == "title":
            d.add_paragraph(text, style="Title")
        elif kind == "heading":
            d.add_heading(text, 2)
        elif kind == "subheading":
            d.add_heading(text, 3)
        elif kind == "item":
            d.add_paragraph().add_run(text).bold = True
        elif kind == "bullet":
            d.add_paragraph(text, style="List Bullet")
        else:
            d.add_paragraph(text)
    d.save(str(path))


def _txt(path: Path, parts: list[Part]) -> None:
    """Given parts, write them as a text export: blank lines between paragraphs, bullets as "- " lines."""
    out: list[str] = []
    for i, (kind, text) in enumerate(parts):
        prev = parts[i - 1][0] if i else ""
        tight = kind == "join" or (kind == "bullet" and prev == "bullet") or (kind == "item" and prev == "heading")
        if out and not tight:
            out.append("")
        if kind == "bullet":
            out.append("- " + text)
        else:
            out.extend(textwrap.wrap(text, 90))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# Font size (pt) and bold per kind of part in the PDF.
PDF_STYLE = {
    "title": (16, "B"), "heading": (13, "B"), "subheading": (11, "B"), "item": (11, "B"),
    "text": (10, ""), "join": (10, ""), "bullet": (10, ""),
}


def _pdf(path: Path, parts: list[Part]) -> None:
    """Given parts, write them as a one-column A4 PDF."""
    from fpdf import FPDF  # the bench extra; only needed to rebuild the PDFs

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(56, 56)
    pdf.add_page()
    for kind, text in parts:
        size, style = PDF_STYLE[kind]
        pdf.set_font("DejaVu", style, size)
        indent = 14 if kind == "bullet" else 0
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(w=pdf.epw - indent, h=size * 1.3, text=("• " if kind == "bullet" else "") + text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(size * 0.6)
    pdf.output(str(path))


def main() -> None:
    """Write every case."""
    for stem, parts in (("highways-items", HIGHWAYS), ("housing-highlight", HOUSING),
                        ("estates-highlight", ESTATES), ("prose-labels", PROSE), ("paragraph-forms", PARAGRAPH_FORMS)):
        _docx(HERE / f"{stem}.docx", parts)
        _txt(HERE / f"{stem}.txt", parts)
        _pdf(HERE / f"{stem}.pdf", parts)


if __name__ == "__main__":
    main()
