"""Labelled items and highlight blocks on our own layouts (tests/data/items, built by make_items.py)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from extract.read import read_document
from normalise.extraction import extract_records
from normalise.outside.item_units import field_label
from normalise.record import ExceptionRecord
from normalise.titles import item_name

ITEMS = Path(__file__).resolve().parent / "data" / "items"
BOTH = ["docx", "pdf", "txt"]


def _records(stem: str, fmt: str) -> list[ExceptionRecord]:
    return list(extract_records(read_document(ITEMS / f"{stem}.{fmt}")).records)


@pytest.mark.parametrize("fmt", BOTH)
def test_committee_items_under_numbered_sections(fmt: str) -> None:
    records = _records("highways-items", fmt)
    assert [(r.programme, r.project, r.status) for r in records] == [
        ("Highway Maintenance", "Pothole repair backlog", "red"),
        ("Highway Maintenance", "Street lighting LED conversion", "amber"),
        ("Transport Schemes", "Bus shelter renewals", "amber"),
        ("Transport Schemes", "Cycle route extension", "green"),
        ("Transport Schemes", "Park and ride expansion", "red"),
    ]
    pothole, lighting = records[0], records[1]
    # The unlabelled paragraph after "Problem:" continues the reason; the label is in neither field.
    assert pothole.reason == ("The backlog of category 2 defects has risen to 3,400 after the wet winter, against a target of "
                              "1,500. Two of the three patching gangs were diverted to flood response work in October.")
    assert pothole.mitigation == "A second contractor has been engaged for twelve weeks from November at a cost of £240,000."
    assert pothole.confidence < 1.0  # a paragraph was joined without a label of its own
    assert lighting.mitigation == ""
    assert records[2].confidence == 1.0
    # An issue written without a label before the item's action is its reason, inferred.
    park = records[4]
    assert park.reason == "The land purchase for the extension fell through when the owner withdrew in August."
    assert park.mitigation.startswith("Two alternative sites are being valued")
    assert park.confidence < 1.0


@pytest.mark.parametrize("fmt", BOTH)
def test_numbered_prose_paragraphs_are_not_items(fmt: str) -> None:
    text = " ".join(r.reason + r.mitigation for r in _records("highways-items", fmt))
    assert "This report sets out" not in text and "£1.2m" not in text


@pytest.mark.parametrize("fmt", BOTH)
def test_highlight_workstream_blocks(fmt: str) -> None:
    records = _records("housing-highlight", fmt)
    assert [(r.programme, r.project, r.status) for r in records] == [
        ("Housing Services Transformation", "Digital Tenancy Services", "amber"),
        ("Housing Services Transformation", "Empty Homes", "red"),
    ]
    digital, empty = records
    assert digital.reason == ("Online rent statements are two months late because the housing system upgrade failed testing. "
                              "Call volumes remain 15% above the target set for the year.")
    assert digital.mitigation == "The supplier will deliver a fix by 15 November. Four temporary advisers have joined the contact centre."
    # The closing line of the report belongs to no workstream.
    assert empty.mitigation == "A second voids contractor starts in November."


@pytest.mark.parametrize("fmt", BOTH)
def test_highlight_headings_with_lead_in_lines(fmt: str) -> None:
    records = _records("estates-highlight", fmt)
    assert [(r.programme, r.project, r.status) for r in records] == [
        ("Asset Management Programme", "Corporate Landlord Review", "red"),
        ("Asset Management Programme", "Community Centre Transfers", "amber"),
        ("Asset Management Programme", "Pool Plant Replacement", "amber"),
    ]
    assert records[0].reason.startswith("The building condition surveys are three months behind")
    assert records[0].mitigation == "A second surveying firm has been appointed from the framework."
    assert records[1].mitigation == "Officers are helping both groups apply to the community ownership fund."
    assert all("Board notes" not in r.mitigation for r in records)
    pool = records[2]
    assert pool.reason == "The new filtration plant failed its commissioning test and the pool stays closed."
    assert pool.mitigation == "The installer is replacing the faulty pump at its own cost."
    assert pool.confidence < 1.0


@pytest.mark.parametrize("fmt", BOTH)
def test_exception_reports_written_as_label_paragraphs(fmt: str) -> None:
    records = _records("paragraph-forms", fmt)
    assert [(r.programme, r.project) for r in records] == [
        ("Corporate Estate", "Town Hall Boiler Replacement"), ("Digital Council", "Payroll System Upgrade"),
        ("Car parks", "Pay and Display Machine Renewal"),
    ]
    # Labels written as sub-headings of their own are fields too.
    assert records[2].reason == ("Half of the new machines do not accept contactless payment after a firmware fault. "
                                 "The supplier installed a firmware version that had not passed card scheme testing.")
    assert records[2].mitigation == "The supplier will reinstall the approved firmware on every machine by the end of March."
    boiler = records[0]
    assert boiler.reason == ("The project will exceed its cost tolerance by £65,000. "
                             "Asbestos was found in the plant room ducts during strip-out.")
    assert boiler.mitigation == "Approve the extra cost from the capital contingency and continue the works."
    assert "Grace Obi" not in boiler.reason + boiler.mitigation


@pytest.mark.parametrize("fmt", BOTH)
def test_weak_labels_in_prose_make_no_records(fmt: str) -> None:
    assert _records("prose-labels", fmt) == []


def test_item_records_carry_prov_of_heading_and_paragraphs() -> None:
    # Text files give line and character provenance (DOCX body paragraphs carry none from the reader).
    record = _records("highways-items", "txt")[0]
    source = (ITEMS / "highways-items.txt").read_text(encoding="utf-8")
    spans = [source[p.char_start : p.char_end] for p in record.prov if p.char_start is not None]
    assert spans[0] == "2.1 Pothole repair backlog (Red)"
    assert spans[1].startswith("The backlog of category 2 defects")  # the label is cut off
    assert any(s.startswith("Two of the three patching gangs") for s in spans)
    assert any(s.startswith("A second contractor has been engaged") for s in spans)


def test_a_role_word_label_is_a_field_never_a_project_name() -> None:
    label = field_label("Issue: The kiosks were late.")
    assert label is not None and label.role.role == "reason" and label.rest == "The kiosks were late."
    assert field_label("Status: Amber") is not None
    workstream = field_label("Workstream: Digital Libraries")
    assert workstream is not None and workstream.role.role == "name"


@pytest.mark.parametrize(("heading", "expected"), [
    ("4.1 Library self-service kiosks (Amber)", ("Library self-service kiosks", "amber")),
    ("2) Waste depot [Red]", ("Waste depot", "red")),
    ("(a) Bus shelter renewals – Green", ("Bus shelter renewals", "green")),
    ("B. Care and Support Centres (CSC)", ("Care and Support Centres (CSC)", None)),
])
def test_item_heading_names_and_status(heading: str, expected: tuple[str, str | None]) -> None:
    assert item_name(heading) == expected


def test_a_wrapped_line_that_is_a_label_word_stays_in_its_paragraph(tmp_path: Path) -> None:
    # Text exports keep a PDF's line breaks, so a field's last words can sit alone on a line.
    path = tmp_path / "scheme_updates_q3.txt"
    path.write_text(
        "Harfield District Council – Capital Scheme Updates, Quarter 3 2025/26\n\n"
        "3. Parks and Open Spaces\n\n"
        "3.1 Riverside Play Area\n"
        "Reason for delay\n"
        "The equipment supplier has gone into administration, so the works move to the\n"
        "spring with the rest of the play\n"
        "programme.\n"
        "Action being taken\n"
        "A second supplier on the framework has been asked to quote and the contract\n"
        "will be re-let through the existing\n"
        "actions.\n\n"
        "3.2 Cemetery Drainage\n"
        "Reason for delay\n"
        "Waterlogged ground stopped the contractor for five weeks in November.\n"
        "Action being taken\n"
        "Works restart in March once the ground has dried, with no change to the cost.\n",
        encoding="utf-8",
    )
    records = list(extract_records(read_document(path)).records)
    assert [(r.project, r.mitigation.endswith(("existing actions.", "to the cost."))) for r in records] == [
        ("Riverside Play Area", True), ("Cemetery Drainage", True)]
    assert records[0].reason.endswith("the rest of the play programme.")


def test_a_narrative_list_of_variances_reads_one_record_per_item_without_action_labels(tmp_path: Path) -> None:
    # A committee report's "the main variances were:" list: name, dash, the sum and why.
    fire = tmp_path / "fire_capital_outturn_2020-21.txt"
    fire.write_text(
        "Northvale Fire and Rescue Authority: Capital Outturn 2020/21\n\n"
        "The year end position showed spend of £3.1m against a budget of £3.9m. The main variances were:\n\n"
        "•  Rescue Pumps - slippage of £412k, because the body builder could not finish the crew cabs before March.\n"
        "•  Mobile Data Terminals - £96k was not needed: two of the systems were replaced under warranty.\n"
        "•  Training Tower - slippage of £260k as the tender returns came in above the estimate.\n",
        encoding="utf-8",
    )
    d = docx.Document()
    d.add_paragraph("Marsh Vale Council: Quarter 3 Capital Monitoring 2024/25")
    d.add_paragraph("Schemes reporting a variance this quarter:")
    for text in ("1. Skate park renewal – the £140,000 budget will slip into 2025/26 because planning consent is delayed.",
                 "2. Cemetery roads – resurfacing is £35k over budget after drainage repairs were found to be needed.",
                 "3. Play areas – all six sites were completed in the autumn for £210,000."):
        d.add_paragraph(text)
    monitoring = tmp_path / "capital_monitoring_q3.docx"
    d.save(str(monitoring))
    projects = {path.name: [r.project for r in extract_records(read_document(path)).records] for path in (fire, monitoring)}
    assert projects == {fire.name: ["Rescue Pumps", "Training Tower"], monitoring.name: ["Skate park renewal", "Cemetery roads"]}


def test_a_list_of_spending_with_no_variance_is_no_record(tmp_path: Path) -> None:
    path = tmp_path / "grants_awarded_2024-25.txt"
    path.write_text(
        "Coldbrook Council: Community Grants Awarded 2024/25\n\n"
        "•  Riverside Youth Club - £12,000 towards a new minibus.\n"
        "•  Hillside Allotments - £4,500 for water butts and a tool store.\n"
        "•  Oak Lane Library Friends - £2,000 for reading sessions.\n",
        encoding="utf-8",
    )
    assert list(extract_records(read_document(path)).records) == []
