"""Key/value forms on our own layouts (tests/data/forms, built by make_forms.py): one record per form."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.model import Cell, Document, Origin, Paragraph, Prov, Table
from extract.read import read_document
from normalise.extraction import extract_records
from normalise.label_vocab import label_role
from normalise.outside.forms import find_forms
from normalise.record import ExceptionRecord

FORMS = Path(__file__).resolve().parent / "data" / "forms"


def _records(name: str) -> list[ExceptionRecord]:
    return list(extract_records(read_document(FORMS / name)).records)


@pytest.mark.parametrize("name", ["board-forms.docx", "board-forms.pdf", "board-forms.txt"])
def test_board_forms_one_record_per_form_named_by_title_not_heading(name: str) -> None:
    records = _records(name)
    assert [(r.programme, r.project, r.status) for r in records] == [
        ("Capital Delivery", "Riverside Depot Relocation", "red"),
        ("Schools Capital", "Oakfield Primary Expansion", "amber"),
    ]
    first, second = records
    # Description + reason, in document order, one space between; consequences and options are in no field.
    assert first.reason == ("The main contractor entered administration on 12 February 2024 and work on site has stopped with "
                            "the steel frame half erected. The contractor's parent company withdrew its guarantee after "
                            "losses on other contracts.")
    assert first.mitigation == "Novate the contract to the second-placed bidder and bring a re-baselined plan to the May Board."
    assert "£180,000" not in first.reason + first.mitigation
    assert second.reason == ("Tender prices came in 14% above the pre-tender estimate of £3.2m. Steel and concrete prices have "
                             "risen sharply since the estimate was prepared.")
    assert "Re-tender" not in second.mitigation
    assert dict(first.extra)["Consequences for the plan"].startswith("Completion will slip")
    assert all(r.confidence == 1.0 for r in records)


@pytest.mark.parametrize("name", ["housing-forms.docx", "housing-forms.pdf", "housing-forms.txt"])
def test_housing_forms_join_two_reason_and_two_mitigation_fields(name: str) -> None:
    records = _records(name)
    assert [(r.programme, r.project, r.status) for r in records] == [
        (None, "Tenant Portal Upgrade", "amber"),
        (None, "Damp and Mould Response Team", "red"),
    ]
    damp = records[1]
    assert damp.reason == ("Only two of the five surveyor posts have been filled, so inspections are running six weeks behind. "
                           "The team was set up after the national guidance of 2023.")
    assert damp.mitigation == ("Agency surveyors have been engaged until the posts are filled. A market supplement for the posts "
                               "goes to the appointments panel in February.")
    # The manager and the date are fields of the form, not part of any text.
    assert "Tom Briggs" not in damp.reason and dict(damp.extra)["Scheme manager"] == "Tom Briggs"


def test_text_form_with_labels_folded_into_one_cell_is_split_by_source_line() -> None:
    # The text reader prints "Scheme manager / Date raised / Problem" as one table row.
    doc = read_document(FORMS / "housing-forms.txt")
    folded = [c for t in doc.tables for row in t.rows for c in row if c.col == 0 and "\n" in c.text]
    assert folded, "fixture no longer exercises a folded label cell"
    damp = _records("housing-forms.txt")[1]
    assert damp.reason.startswith("Only two of the five surveyor posts")
    assert "11 January 2024" not in damp.reason


def test_text_form_prov_points_at_the_value_text() -> None:
    path = FORMS / "board-forms.txt"
    source = path.read_text(encoding="utf-8")
    record = _records("board-forms.txt")[0]
    spans = [source[p.char_start : p.char_end] for p in record.prov if p.char_start is not None and p.char_end is not None]
    assert spans[0] == "Riverside Depot Relocation"
    assert "The main contractor entered administration on 12 February 2024" in spans
    assert all(not s.startswith(("Description", "Reason", "Proposed")) for s in spans)


@pytest.mark.parametrize("name", ["board-forms.docx", "board-forms.pdf", "board-forms.txt"])
def test_glossary_and_contacts_tables_are_not_forms(name: str) -> None:
    projects = {r.project for r in _records(name)}
    assert not projects & {"Exception", "Mitigation", "RAG", "Term", "Name", "Priya Shah", "Dan Evans"}


@pytest.mark.parametrize("name", ["housing-forms.docx", "housing-forms.pdf", "housing-forms.txt"])
def test_form_with_a_name_but_no_exception_field_is_no_record(name: str) -> None:
    assert "Garage Site Disposals" not in {r.project for r in _records(name)}


def test_forms_and_grid_table_records_merge_in_reading_order() -> None:
    assert [r.project for r in _records("mixed-table-and-forms.docx")] == [
        "Parks Depot Solar Array", "Leisure Booking System", "Crematorium Cremator Replacement", "Cemetery Extension",
    ]


def _cell(row: int, col: int, text: str) -> Cell:
    return Cell(row, col, (Paragraph(text, text, "text", (Prov(table=0, row=row, col=col),)),))


def test_folded_label_cell_without_line_numbers_is_split_by_guess_with_lower_confidence() -> None:
    rows = (
        (_cell(0, 0, "Project name"), _cell(0, 1, "Market Hall Roof")),
        (_cell(1, 0, "Date\nException"), _cell(1, 1, "3 May 2024\nThe scaffold licence was refused.\nA new route is needed.")),
        (_cell(2, 0, "Recommendation /\nmitigation"), _cell(2, 1, "Apply for a revised licence.")),
    )
    doc = Document(Origin("x.docx", "0", "docx"), (Table(0, rows, 2),))
    (_, record), = find_forms(doc).records
    assert record.project == "Market Hall Roof"
    assert record.reason == "The scaffold licence was refused. A new route is needed."
    assert record.mitigation == "Apply for a revised licence."
    assert record.confidence < 1.0


@pytest.mark.parametrize(("label", "role"), [
    ("Project name", "name"), ("Title", "name"), ("Description of exception", "reason"), ("Cause", "reason"),
    ("Recommendation / mitigation", "mitigation"), ("Remedial action", "mitigation"), ("Next steps", "mitigation"),
    ("RAG status", "status"), ("Project manager", "ignored"), ("Tolerance exceeded", "ignored"), ("Consequences", "ignored"),
    ("Options considered", "ignored"), ("Scheme manager", "ignored"),
])
def test_label_vocabulary_roles(label: str, role: str) -> None:
    found = label_role(label)
    assert found is not None and found.role == role


@pytest.mark.parametrize("name", ["pid-forms.docx", "pid-forms.txt"])
def test_four_column_forms_pair_labels_and_values(name: str) -> None:
    records = _records(name)
    assert [(r.project, r.status) for r in records] == [("Library Management System", "amber"), ("Council Tax Online Accounts", "red")]
    first = records[0]
    assert first.reason == ("Go-live of the new library management system has slipped from October to January. The supplier's "
                            "data migration tool could not read the loan history of the old system.")
    assert first.mitigation == "Accept the revised date and run the old system in read-only mode until January."
    assert dict(first.extra)["Project manager"] == "Jo Reid"


@pytest.mark.parametrize("name", [
    "pid-forms.docx",
    pytest.param("pid-forms.txt", marks=pytest.mark.xfail(
        strict=True, reason="the text reader folds 'RAG  Amber  Programme  Customer Access' into one 2-column row "
                            "and squashes the gaps, so the second pair cannot be told from the value")),
])
def test_four_column_forms_programme_from_the_second_pair(name: str) -> None:
    assert [r.programme for r in _records(name)] == ["Customer Access", "Customer Access"]


def test_form_broken_across_a_page_is_one_record() -> None:
    (record,) = _records("long-form-2-pages.pdf")
    assert record.project == "Electric Refuse Fleet"
    assert record.reason.startswith("Delivery of twelve electric refuse vehicles will slip by at least five months. The new fleet")
    assert record.mitigation == "Hire diesel vehicles until delivery and recover the cost from the framework guarantee."
    assert "£18,000" not in record.reason + record.mitigation
    assert {p.page for p in record.prov} == {1, 2}


def test_tables_read_as_forms_are_in_the_tables_trace() -> None:
    extraction = extract_records(read_document(FORMS / "board-forms.docx"))
    forms = [t for t in extraction.tables if t["accepted"]]
    assert [t["index"] for t in forms] == [0, 1]  # the glossary and contacts tables are not read
    assert "Description of exception -> reason" in str(forms[0]["why"])
    assert [t["index"] for t in extraction.tables] == sorted(t["index"] for t in extraction.tables)  # type: ignore[type-var]


def test_text_forms_without_blank_lines_between_them_are_still_one_record_each() -> None:
    records = _records("housing-forms-tight.txt")
    assert [r.project for r in records] == ["Tenant Portal Upgrade", "Damp and Mould Response Team"]
    assert records[1].reason.startswith("Only two of the five surveyor posts")
    assert all("Lucy Grant" not in r.reason + r.mitigation for r in records)
    tables = [t for t in extract_records(read_document(FORMS / "housing-forms-tight.txt")).tables if t["accepted"]]
    assert len({t["index"] for t in tables}) == len(tables)


def test_repeated_action_rows_stay_in_one_form() -> None:
    pairs = [("Project name", "Market Hall Roof"), ("Issue", "The roof leaks over the east stalls."),
             ("Action", "Patch the worst sections this month."), ("Action", "Replace the roof in 2026/27.")]
    rows = tuple((_cell(i, 0, label), _cell(i, 1, value)) for i, (label, value) in enumerate(pairs))
    (_, record), = find_forms(Document(Origin("x.docx", "0", "docx"), (Table(0, rows, 2),))).records
    assert record.mitigation == "Patch the worst sections this month. Replace the roof in 2026/27."
