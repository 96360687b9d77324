"""Regenerate the DOCX fixtures in this folder: `python tests/data/docx/make_docx.py`.

The .docx files are committed; this script records how each was built (python-docx) so a
case can be rebuilt on purpose. The zip bomb is not committed: the test builds it at run
time in a temporary folder. Each file is named for the case it pins:

- merged-heading-rows.docx: one 3-column table whose programme headings are full-width
  merged rows, "List Bullet" and w:numPr-numbered paragraphs in cells, a nested table in
  a cell, a horizontally merged 2-column cell; no core title, "Title"-styled first line.
- landscape-rag.docx: a portrait intro, then a landscape section with a bold-only
  heading and a 4-column "Scheme | Issue | Action | RAG" table; core title set.
- two-projects-one-cell.docx: "Heading 2" programme heading and one cell holding two
  "Name: text" project paragraphs, mitigation paragraphs in the cell beside it.
- empty.docx: a valid Word file whose body holds nothing.
- not-a-zip.docx: plain text bytes named .docx.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn

HERE = Path(__file__).resolve().parent


def _numbered(paragraph) -> None:  # type: ignore[no-untyped-def]
    """Given a paragraph, give it direct numbering (w:numPr) as Word's list buttons do."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = 1


def _fill(cell, paragraphs: list[tuple[str, str | None]]) -> None:  # type: ignore[no-untyped-def]
    """Given a cell and (text, style) pairs, write one paragraph each ("numbered" = w:numPr)."""
    first = True
    for text, style in paragraphs:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.text = text
        if style == "numbered":
            _numbered(p)
        elif style:
            p.style = style


def merged_heading_rows() -> None:
    """Write merged-heading-rows.docx."""
    d = docx.Document()
    d.add_paragraph("Adult Services Exceptions Q3", style="Title")
    t = d.add_table(rows=6, cols=3)
    for cell, text in zip(t.rows[0].cells, ["Project", "Issue", "Mitigating Action"], strict=True):
        cell.text = text
    t.cell(1, 0).merge(t.cell(1, 2)).text = "Day Services Programme"
    _fill(t.cell(2, 0), [("Day Centre Review", None)])
    _fill(t.cell(2, 1), [("Consultation ran late because:", None),
                         ("two venues changed hands", "List Bullet"),
                         ("the survey closed early", "List Bullet")])
    _fill(t.cell(2, 2), [("New dates are set:", None), ("meet providers in May", "numbered"),
                         ("report in June", "numbered")])
    t.cell(3, 0).merge(t.cell(3, 2)).text = "Carers Programme"
    _fill(t.cell(4, 0), [("Carers Breaks", None)])
    _fill(t.cell(4, 1), [("Take-up is lower than planned.", None)])
    inner = t.cell(4, 2).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Promote the offer."
    inner.cell(0, 1).text = "Review in Q4."
    _fill(t.cell(5, 0), [("Respite Beds", None)])
    t.cell(5, 1).merge(t.cell(5, 2)).text = "No exception this quarter."
    d.core_properties.title = ""
    d.save(HERE / "merged-heading-rows.docx")


def landscape_rag() -> None:
    """Write landscape-rag.docx."""
    d = docx.Document()
    d.core_properties.title = "Place Directorate Scheme Issues"
    d.add_paragraph("Quarter 2 report to committee.")
    section = d.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    d.add_paragraph().add_run("Regeneration").bold = True
    t = d.add_table(rows=3, cols=4)
    rows = [["Scheme", "Issue", "Action", "RAG"],
            ["Market Hall", "Roof repairs cost £0.2m more.", "Bid to the reserve.", "Red"],
            ["Canal Path", "Lighting delayed.", "Temporary lamps.", "Amber"]]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            t.cell(r, c).text = value
    d.add_paragraph("Next update: January.")
    d.save(HERE / "landscape-rag.docx")


def two_projects_one_cell() -> None:
    """Write two-projects-one-cell.docx."""
    d = docx.Document()
    d.add_paragraph("Children's Services exceptions")
    d.add_paragraph("Early Help", style="Heading 2")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "Project Exception", "Mitigation"
    _fill(t.cell(1, 0), [("Family Hubs: two hubs opened late.", None),
                         ("Youth Offer: recruitment is behind.", None)])
    _fill(t.cell(1, 1), [("Opening events are booked.", None), ("Agency staff cover the gap.", None)])
    d.save(HERE / "two-projects-one-cell.docx")


def empty() -> None:
    """Write empty.docx: a Word file with nothing in its body."""
    d = docx.Document()
    body = d.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    d.save(HERE / "empty.docx")


def main() -> None:
    """Write every fixture of this folder."""
    merged_heading_rows()
    landscape_rag()
    two_projects_one_cell()
    empty()
    (HERE / "not-a-zip.docx").write_bytes(b"This is a plain note saved with a .docx name.\n")


if __name__ == "__main__":
    main()
