"""The splitter on our own layouts: rows -> one record per project, under its programme."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.read import read_document
from normalise.extraction import extract_records
from normalise.record import ExceptionRecord
from tests.conftest import docx_table


def _records(path: Path) -> list[ExceptionRecord]:
    return list(extract_records(read_document(path)).records)


def test_dash_labelled_projects_share_a_cell(tmp_path: Path) -> None:
    path = docx_table(tmp_path / "dash.docx", ["Scheme Exceptions", "Remedial Action"], [[
        "Street Lighting LED – Supplier insolvency has stopped installation.\n\n"
        "Parks Income – Café concession income fell after the fire.",
        "A new LED supplier framework call-off is being arranged.\n\nThe café concession will be re-let in spring.",
    ]], heading="Environment")
    records = _records(path)
    assert [r.project for r in records] == ["Street Lighting LED", "Parks Income"]
    assert records[0].mitigation.startswith("A new LED supplier")
    assert records[1].mitigation.startswith("The café concession")
    assert {r.programme for r in records} == {"Environment"}


def test_merged_rows_set_programmes_and_no_exceptions_rows_are_skipped(tmp_path: Path) -> None:
    path = docx_table(tmp_path / "merged.docx", ["Project", "Reason", "Mitigation", "Status"], [
        "Adults Programme",
        ["Project Day Opportunities", "Building works overran by six weeks.", "Sessions moved to the library.", "Amber"],
        "Children's Programme",
        ["There are no exceptions to report for this programme", "", "", ""],
        "Corporate Programme",
        ["Digital Mail", "Scanner procurement delayed.", "", "R"],
    ])
    extraction = extract_records(read_document(path))
    records = extraction.records
    assert [(r.programme, r.project, r.status) for r in records] == [
        ("Adults Programme", "Day Opportunities", "amber"),
        ("Corporate Programme", "Digital Mail", "red"),
    ]
    assert extraction.empty_programmes == ("Children's Programme",)
    assert records[1].mitigation == ""


def test_unmapped_and_money_columns_are_kept(tmp_path: Path) -> None:
    path = docx_table(tmp_path / "money.docx", ["Project", "Issue", "Action", "Lead Officer", "Shortfall (£k)"], [
        ["Waste Rounds", "Route optimisation slipped.", "New software live in May.", "J. Smith", "(45)"],
    ])
    (record,) = _records(path)
    assert dict(record.extra) == {"Lead Officer": "J. Smith"}
    assert dict(record.money) == {"Shortfall (£k)": "(45)"}


def test_unlabelled_paragraph_continues_the_previous_project(tmp_path: Path) -> None:
    path = docx_table(tmp_path / "cont.docx", ["Project Exception", "Mitigation"], [[
        "Libraries: Opening hours consultation closed late.\n\nThe restructure now starts in June.\n\n"
        "Museums: Visitor income is below target.",
        "Interim rota agreed for libraries.\n\nMuseum shop prices reviewed.",
    ]])
    libraries, museums = _records(path)
    assert libraries.reason == "Opening hours consultation closed late. The restructure now starts in June."
    assert museums.reason == "Visitor income is below target."


def test_broken_table_tail_is_rejoined(tmp_path: Path) -> None:
    text = (
        "Capital exceptions\n\n"
        "Project Exception\tMitigation\n"
        "<p>Depot Roof: The survey found asbestos, which means the contractor cannot</p>\t<p>Licensed removal is booked.</p>\n\n"
        "start until the removal is complete.\n\n"
        "Bus Station: Tenders came in over budget.\n\n"
        "Value engineering is under way with the preferred bidder.\n"
    )
    path = tmp_path / "tail.txt"
    path.write_text(text, encoding="utf-8")
    roof, bus = _records(path)
    assert roof.reason.endswith("cannot start until the removal is complete.")
    assert roof.mitigation == "Licensed removal is booked."
    assert bus.project == "Bus Station" and bus.mitigation.startswith("Value engineering")
    assert any("continued after its table" in f for f in roof.flags)


@pytest.mark.parametrize("header", [["Workstream", "Commentary", "Recovery Plan"], ["Initiative", "Explanation", "Next steps"]])
def test_header_wordings_are_recognised_by_meaning(tmp_path: Path, header: list[str]) -> None:
    path = docx_table(tmp_path / "h.docx", header, [["Fleet Electrification", "Chargers delayed.", "Hire diesel vans meanwhile."]])
    (record,) = _records(path)
    assert (record.project, record.reason, record.mitigation) == (
        "Fleet Electrification", "Chargers delayed.", "Hire diesel vans meanwhile.")
