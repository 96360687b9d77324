"""Column roles and the exceptions decision on tables in our own wordings (none from a sample or the corpus).

Each case is a kind of table other councils publish: capital slippage in £k with one
commentary column, a children's savings RAG tracker with a Total row and nil cells, a
risk-and-issue table with a two-row header and sub-heading rows; and tables that carry prose
but are not exceptions (a software manual, a treasury-indicator table, a contact list).
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from extract.model import Cell, Document, Origin, Paragraph, Table, TextBlock
from extract.read import read_document
from normalise.extraction import Extraction, extract_records


def _write(path: Path, header_rows: list[list[str]], rows: list[list[str]], heading: str | None = None) -> Path:
    """Write a one-table DOCX; "" cells of a header row after the first merge into the cell on their left."""
    doc = docx.Document()
    doc.add_heading("Northmoor Borough Council", 1)
    doc.add_paragraph("Report to the Resources Scrutiny Panel, 3 March 2025")
    if heading:
        doc.add_heading(heading, 2)
    width = len(header_rows[0])
    table = doc.add_table(rows=0, cols=width)
    for r, texts in enumerate([*header_rows, *rows]):
        cells = table.add_row().cells
        for cell, text in zip(cells, texts, strict=True):
            first, *rest = text.split("\n\n")
            cell.text = first
            for para in rest:
                cell.add_paragraph(para)
        if r == 0 and len(header_rows) > 1:
            _merge_blanks(cells, texts)
    doc.save(str(path))
    return path


def _merge_blanks(cells: list[docx.table._Cell], texts: list[str]) -> None:
    """Given a first header row, merge each blank cell into the filled cell on its left (a spanning header)."""
    start = 0
    for i, text in enumerate(texts):
        if text:
            start = i
        elif i and texts[start]:
            merged = cells[start].merge(cells[i])
            merged.text = texts[start]


def _extract(path: Path) -> Extraction:
    return extract_records(read_document(path))


def _roles(ex: Extraction, table: int = 0) -> list[str]:
    return [c["role"] for c in ex.tables[table]["columns"]]  # type: ignore[index, union-attr]


def test_capital_slippage_in_k_with_one_commentary_column(tmp_path: Path) -> None:
    path = _write(tmp_path / "capital.docx", [["Scheme ref", "Scheme", "Budget £k", "Spend to date £k", "Slippage £k", "Commentary"]], [
        ["HW12", "Bridge deck waterproofing, River Lane", "640", "120", "410",
         "Network Rail possessions were cancelled twice, so the works moved to the summer. Action: a new possession has been booked for July."],
        ["HW15", "Cycle route phase 2", "1,200", "300", "(150)",
         "Land negotiations with two owners are taking longer than planned.\n\nAction: compulsory purchase is being prepared as a fallback."],
        ["HW19", "Depot roof replacement", "85", "85", "-", "Complete."],
    ])
    ex = _extract(path)
    assert _roles(ex) == ["ref", "name", "money", "money", "money", "combined"]
    assert ex.tables[0]["accepted"]
    bridge, cycle, depot = ex.records
    assert bridge.project == "Bridge deck waterproofing, River Lane"
    assert bridge.reason.endswith("moved to the summer.") and bridge.mitigation == "a new possession has been booked for July."
    assert cycle.mitigation == "compulsory purchase is being prepared as a fallback."
    assert depot.mitigation == "" and depot.confidence < bridge.confidence  # "Complete." is thin evidence
    assert dict(cycle.money)["Slippage £k"] == "(150)"


def test_savings_tracker_with_rag_total_row_and_nil_cells(tmp_path: Path) -> None:
    path = _write(tmp_path / "tracker.docx", [["Ref", "Saving", "2024/25 £'000", "2025/26 £'000", "RAG", "Update"]], [
        ["CS1", "Edge of care family support", "450", "-", "A", "Referrals are below the modelled level; next steps: a joint triage with schools."],
        ["CS2", "Foster carer recruitment campaign", "300", "250", "G", "On track, 14 new carers approved this year."],
        ["CS3", "Home to school transport review", "600", "200", "R",
         "Route retendering has slipped to September and the saving will not be achieved this year."],
        ["Total", "", "1,350", "450", "", ""],
    ])
    ex = _extract(path)
    assert _roles(ex) == ["ref", "name", "money", "money", "status", "combined"]
    assert [r.project for r in ex.records] == ["Edge of care family support", "Foster carer recruitment campaign", "Home to school transport review"]
    assert [r.status for r in ex.records] == ["amber", "green", "red"]
    assert ex.records[0].mitigation == "a joint triage with schools."


def test_two_row_header_and_sub_heading_rows(tmp_path: Path) -> None:
    path = _write(tmp_path / "risks.docx", [
        ["Initiative", "Benefits £m", "", "Problem", "Remedial action"],
        ["", "Planned", "Forecast", "", ""],
    ], [
        ["Waste and recycling", "", "", "", ""],
        ["Food waste collections", "1.20", "0.80", "Vehicle delivery was delayed by the manufacturer.", "Hired vehicles cover the first quarter."],
        ["Parks and open spaces", "", "", "", ""],
        ["Tree nursery income", "0.15", "0.05", "Wholesale demand fell after a wet spring.", "A retail stall opens at the market."],
    ])
    ex = _extract(path)
    headers = [c["header"] for c in ex.tables[0]["columns"]]  # type: ignore[index, union-attr]
    assert headers[1:3] == ["Benefits £m Planned", "Benefits £m Forecast"]
    assert _roles(ex) == ["name", "money", "money", "reason", "mitigation"]
    assert [(r.programme, r.project) for r in ex.records] == [
        ("Waste and recycling", "Food waste collections"), ("Parks and open spaces", "Tree nursery income")]


@pytest.mark.parametrize("saving_is", ["name", "money"])
def test_the_same_header_word_means_what_the_column_holds(tmp_path: Path, saving_is: str) -> None:
    if saving_is == "money":
        header, row = ["Service", "Saving", "Explanation"], ["Libraries", "(120)", "The mobile library review was paused for consultation."]
    else:
        header, row = ["Saving", "Lead", "Explanation"], ["Libraries mobile review", "Head of Culture", "The review was paused for consultation."]
    ex = _extract(_write(tmp_path / "saving.docx", [header], [row, row]))
    assert _roles(ex)[header.index("Saving")] == saving_is


@pytest.mark.parametrize("header, rows", [
    (["Name", "Description"], [["--output", "Write the result to this file instead of standard output."],
                               ["--verbose", "Print every step the program takes while it runs."]]),
    (["Indicator", "Limit", "Actual", "Comment"], [["Authorised limit for external debt", "£350m", "£210m", "Within the limit set by Council."],
                                                   ["Portfolio average credit rating", "A-", "AA-", "Higher than the minimum in the strategy."]]),
    (["Contact", "Role", "Telephone", "Email"], [["Jo Bright", "Finance Business Partner", "01234 567890", "jo.bright@example.gov.uk"],
                                                 ["Sam Oduya", "Head of Revenues", "01234 567891", "sam.oduya@example.gov.uk"]]),
])
def test_tables_that_are_not_exceptions_give_no_records(tmp_path: Path, header: list[str], rows: list[list[str]]) -> None:
    ex = _extract(_write(tmp_path / "neg.docx", [header], rows))
    assert ex.records == () and not ex.tables[0]["accepted"]
    assert ex.tables[0]["why"]


def test_a_table_continued_without_its_header_inherits_the_map(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_heading("Adults programme", 2)
    for rows in ([["Project", "Issue", "Action"], ["Day centre review", "Consultation closed late.", "Report to Cabinet in May."]],
                 [["Extra care housing", "The builder went into administration.", "A new builder is being procured."]]):
        table = doc.add_table(rows=0, cols=3)
        for texts in rows:
            for cell, text in zip(table.add_row().cells, texts, strict=True):
                cell.text = text
    doc.save(str(tmp_path / "cont.docx"))
    ex = _extract(tmp_path / "cont.docx")
    assert [r.project for r in ex.records] == ["Day centre review", "Extra care housing"]
    assert ex.tables[1]["inherited"] and json.dumps(ex.tables[1]["columns"])


def test_a_caption_row_above_the_header_is_a_heading_not_the_header(tmp_path: Path) -> None:
    doc = docx.Document()
    table = doc.add_table(rows=0, cols=3)
    caption = table.add_row().cells
    caption[0].merge(caption[2]).text = "Regeneration programme"
    for texts in (["Scheme", "Reason for delay", "Recovery action"],
                  ["Market hall roof", "Scaffolding could not go up until the Christmas market closed.", "Works start on 6 January."]):
        for cell, text in zip(table.add_row().cells, texts, strict=True):
            cell.text = text
    doc.save(str(tmp_path / "caption.docx"))
    ex = _extract(tmp_path / "caption.docx")
    assert ex.tables[0]["header"] == "Scheme | Reason for delay | Recovery action"
    (record,) = ex.records
    assert (record.programme, record.project, record.mitigation) == ("Regeneration programme", "Market hall roof", "Works start on 6 January.")


def _cell(row: int, col: int, text: str) -> Cell:
    return Cell(row, col, (Paragraph(text, text),))


def test_several_projects_in_one_cell_without_paragraph_marks(tmp_path: Path) -> None:
    """A PDF cell keeps lines, not paragraphs: "Name: text" lines after a sentence end start projects, and
    the Impact and Action cells are shared out among them."""
    rows = (
        (_cell(0, 0, "Issue"), _cell(0, 1, "Impact"), _cell(0, 2, "Action")),
        (_cell(1, 0, "Depot roof: the survey found asbestos in the\nroof void.\nFleet chargers: the grid connection is late."),
         _cell(1, 1, "The depot roof works cannot start until\nMay.\nDiesel vans stay in service for a year."),
         _cell(1, 2, "A licensed contractor removes the asbestos\nin April.\nThe electricity network operator has a new date.")),
    )
    doc = Document(Origin("x.pdf", "0" * 64, "pdf"), (TextBlock("Environment programme", "heading"), Table(0, rows, 3)))
    roof, fleet = extract_records(doc).records
    assert (roof.project, fleet.project) == ("Depot roof", "Fleet chargers")
    assert roof.reason == "the survey found asbestos in the roof void. The depot roof works cannot start until May."
    assert fleet.mitigation == "The electricity network operator has a new date."


def test_a_wide_statistical_table_is_solved_quickly_and_rejected(tmp_path: Path) -> None:
    header = ["State", *(f"{m} 2015" for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")),
              *(f"Q{q} notes" for q in range(1, 5)), "Totals", "Remarks", "Source", "Revised", "Footnote", "Region", "Code", "Rank"]
    rows = [[f"State {i}", *(str(1000 + i * k) for k in range(12)), *("Figures are provisional and may be revised." for _ in range(4)),
             "12,345", "See the notes above for details.", "Agency", "No", "1", "West", f"S{i}", str(i)] for i in range(6)]
    ex = _extract(_write(tmp_path / "wide.docx", [header], rows))
    assert len(ex.tables[0]["columns"]) == 25 and ex.records == ()  # type: ignore[arg-type]


@pytest.mark.parametrize("heading", ["Open risks and issues", "Key exceptions this quarter", "Schemes reporting a variance"])
def test_a_heading_that_only_describes_the_list_is_no_programme(tmp_path: Path, heading: str) -> None:
    path = _write(tmp_path / "caption.docx", [["Scheme", "Issue", "Action"]],
                  [["Bus station canopy", "Steel delivery slipped by six weeks.", "Night working agreed with the operator."]], heading=heading)
    (record,) = _extract(path).records
    assert record.programme is None


def test_a_glossary_after_a_page_break_in_layout_text_is_its_own_table(tmp_path: Path) -> None:
    rows = "".join(
        f"{ref:<8}{name:<32}{issue:<48}{action}\n"
        for ref, name, issue, action in [
            ("HR-02", "Payroll system upgrade", "The supplier delayed the release by a month.", "Parallel run extended to May."),
            ("HR-05", "Recruitment portal", "Integration testing failed twice.", "A fix is due on 14 March."),
        ])
    text = (
        "Corporate Services Issues Log\n\n"
        f"{'Ref':<8}{'Project':<32}{'Issue':<48}Action\n{rows}\n\n\n\n"
        "                                                       1\n\f"
        "Glossary\n"
        "Term            Meaning\n"
        "UAT             User acceptance testing: checks by the service before a change goes live to all staff\n"
        "SLA             Service level agreement: the response and fix times the supplier has signed up to\n"
    )
    path = tmp_path / "log.txt"
    path.write_text(text, encoding="utf-8")
    ex = _extract(path)
    assert [r.project for r in ex.records] == ["Payroll system upgrade", "Recruitment portal"]
    assert len(ex.tables) == 2 and not ex.tables[1]["accepted"]


def test_layout_text_with_a_sub_heading_between_header_and_rows(tmp_path: Path) -> None:
    """pdftotext -layout of a table whose first programme row sits between the header and the body."""
    line = "{:<28}{:<10}{:<12}{:<40}{}\n".format
    text = (
        "Fleet and Depots: Quarter 2 Variances\n\n"
        + line("Scheme", "Budget", "Variance", "Why it varies", "What we are doing")
        + line("", "£k", "£k", "", "")
        + "\nVehicles\n\n"
        + line("Refuse vehicle renewal", "1,200", "(300)", "Chassis deliveries slipped to March.", "Hired vehicles cover the gap.")
        + line("Electric vans", "450", "60", "Charger installation overran.", "Second installer appointed.")
    )
    path = tmp_path / "fleet.txt"
    path.write_text(text, encoding="utf-8")
    ex = _extract(path)
    assert ex.tables[0]["header_rows"] >= 1 and ex.tables[0]["accepted"]
    assert [(r.programme, r.project) for r in ex.records] == [("Vehicles", "Refuse vehicle renewal"), ("Vehicles", "Electric vans")]


def test_tab_export_with_programme_lines_between_header_and_rows(tmp_path: Path) -> None:
    """A tab export: the header line, then a programme line with no tabs, rows, another programme line, rows."""
    text = (
        "Libraries and Leisure: Savings Variances 2025/26\n\n"
        "Saving\tTarget £k\tForecast £k\tExplanation\tRecovery action\n"
        "Libraries\n"
        "Self-service kiosks\t120\t80\tKiosk delivery slipped to October.\tStaffed desks close from November.\n"
        "Leisure centres\n"
        "Pool opening hours\t60\t60\tOn track after the consultation.\tNone needed.\n"
        "Gym membership prices\t90\t40\tMembership fell after the price rise.\tA loyalty offer starts in January.\n"
    )
    path = tmp_path / "leisure.txt"
    path.write_text(text, encoding="utf-8")
    ex = _extract(path)
    assert [(r.programme, r.project) for r in ex.records] == [
        ("Libraries", "Self-service kiosks"), ("Leisure centres", "Pool opening hours"), ("Leisure centres", "Gym membership prices")]
    assert ex.records[0].mitigation == "Staffed desks close from November."
