"""Reading-order text exports (plain pdftotext, pdfminer): tables rebuilt from the cell cycle.

Fixtures are written by tests/data/txt/make_raw_txt.py (wordings of our own, and pdfminer's
text of a PDF written for another test); the corpus's d1/d2 `_raw.txt` are checked end to
end in tests/test_text_reader.py and with score.py.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from extract.errors import ExtractWarning
from extract.model import Document, Origin, Table, TextBlock
from extract.settings import ExtractSettings
from extract.text.cycle import find_cycle
from extract.text.cycle_decode import Band, decode
from extract.text.cycle_types import is_label, kind_of
from extract.text.reader import TextReader

DATA = Path(__file__).parent / "data" / "txt"


def read(name: str) -> Document:
    """Given a fixture name, return the TextReader's document."""
    path = DATA / name
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExtractWarning)
        return TextReader().read(path, Origin(path.name, "0" * 64, "txt"), settings=ExtractSettings())


def grid(table: Table) -> list[list[str]]:
    """Given a table, return its cells' text with line breaks as spaces."""
    return [[" ".join(c.text.split()) for c in row] for row in table.rows]


def loose(doc: Document) -> list[str]:
    """Given a document, return the text of its paragraph blocks after the first table."""
    first = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Table))
    return [" ".join(b.text.split()) for b in doc.blocks[first + 1 :] if isinstance(b, TextBlock)]


def test_housing_tracker_first_row_inside_header_and_band_at_page_two() -> None:
    doc = read("raw-housing-rag-2-pages.txt")
    assert len(doc.tables) == 1
    rows = grid(doc.tables[0])
    assert rows[0] == ["Code", "Scheme", "Owner", "Target £k", "RAG", "Update"]
    assert [r[0] for r in rows[1:]] == ["HSG-01", "HSG-04", "HSG-06", "HSG-09", "HSG-12", "HSG-15", "HSG-17"]
    # The first row, printed between the header's column bands, is whole and in order.
    assert rows[1][:5] == ["HSG-01", "Void turnaround improvement", "Head of Lettings", "320", "Amber"]
    assert rows[1][5].startswith("Average void time is 41 days") and rows[1][5].endswith("starts in May.")
    # Page 2: the codes printed inside the repeated header are zipped onto their rows.
    assert rows[6] == ["HSG-15", "Energy contract retender", "Procurement Lead", "210", "Amber",
                       "The new tariff starts in October, three months late, so £52k slips to next year."]
    assert rows[7][:5] == ["HSG-17", "Lift maintenance consolidation", "Building Services Manager", "60", "Red"]
    assert rows[5][3] == "-"  # a nil figure is a cell
    # Page numbers are dropped; the sentence after the table stays text.
    assert loose(doc) == ["Savings rated Red are reported to the Housing Board each month."]
    assert doc.title == "Marlow Vale District Council"


def test_leisure_capital_row_broken_by_page_and_subheadings_at_foot() -> None:
    doc = read("raw-leisure-capital-subheadings.txt")
    rows = grid(doc.tables[0])
    assert rows[0] == ["Project", "Budget £k", "Forecast £k", "Variance £k", "Why", "Next steps"]
    # The caption printed straight above the header is text before the table, not a header cell.
    assert any(isinstance(b, TextBlock) and "Table 1: Leisure schemes" in b.text for b in doc.blocks[: doc.blocks.index(doc.tables[0])])
    assert [r[0] for r in rows[1:]] == ["Splash pad renewal", "Sports hall LED lighting", "Pavilion changing rooms",
                                        "Museum store shelving", "Library self-service kiosks", "Theatre fly tower"]
    # The row broken by the page continues after the page furniture, cell by cell.
    assert rows[3] == ["Pavilion changing rooms", "900", "640", "260", "The contractor went into administration in October.",
                       "A new contractor is being appointed from the county framework."]
    assert rows[4][5] == ""  # an empty cell prints nothing and stays empty
    assert rows[6][1:4] == ["1,250", "1,400", "(150)"]
    # Sub-headings moved to the page foot stay loose text after the table.
    assert " ".join(loose(doc)) == "Parks and Open Spaces Sport Culture and Heritage"


def test_two_tables_with_prose_between() -> None:
    doc = read("raw-two-tables.txt")
    assert [type(b).__name__ for b in doc.blocks].count("Table") == 2
    first, second = doc.tables
    assert (first.index, second.index) == (0, 1)
    assert grid(first) == [["Code", "Saving", "Target £k", "RAG"], ["PK-1", "Permit charge review", "140", "Amber"],
                           ["PK-2", "Pay-by-phone fees", "60", "Green"], ["PK-3", "Enforcement hours", "95", "Red"],
                           ["PK-4", "Season ticket prices", "30", "Green"]]
    assert grid(second)[0] == ["Project", "Budget £k", "Why"]
    assert [r[0] for r in grid(second)[1:]] == ["Depot roof", "Car park lifts", "Bus shelter renewal", "Ticket machines"]
    between = doc.blocks[doc.blocks.index(first) + 1 : doc.blocks.index(second)]
    assert " ".join(" ".join(b.text.split()) for b in between if isinstance(b, TextBlock)).startswith("The parking savings are reported")
    assert doc.title == "Kestrel Bay Borough Council"


def test_pdfminer_reading_order_of_a_pdf_gives_its_name_and_figure_rows() -> None:
    doc = read("raw-pdfminer-highways.txt")
    rows = grid(doc.tables[0])
    assert rows[0][:3] == ["Scheme", "Budget £k", "Spend to date £k"]
    assert rows[1] == ["Carriageway resurfacing – A38 Mill Road", "2,400", "610", "850"]
    assert rows[2] == ["Bridge strengthening – Ferry Lane Bridge", "1,150", "1,320", "(230)"]
    assert rows[-1] == ["Total", "6,880", "2,675", "2,120"]
    # pdfminer printed the commentary column after the table as one block: it stays text.
    assert any(t.startswith("Utility works by the water company") for t in loose(doc))


@pytest.mark.parametrize("name", ["raw-prose-short-lines.txt", "raw-numbered-list.txt", "raw-two-column.txt", "raw-pdfminer-columns.txt"])
def test_prose_lists_and_two_columns_are_no_table(name: str) -> None:
    doc = read(name)
    assert doc.tables == ()
    assert len(doc.blocks) >= 5


def test_two_rows_are_no_cycle() -> None:
    # A table of two rows shows no repeating cycle in reading order: it stays paragraphs.
    assert read("reading-order-raw.txt").tables == ()


@pytest.mark.parametrize(("text", "kind"), [("1,250", "F"), ("-0.20", "F"), ("£850k", "F"), ("HW12", "C"), ("CS 4", "C"),
                                            ("Red/Amber", "R"), ("31/03/2025", "D"), ("Q2 2024/25", "D"),
                                            ("Head of Lettings", "S"), ("The review concluded.", "P")])
def test_paragraph_types(text: str, kind: str) -> None:
    assert kind_of(text) == kind


@pytest.mark.parametrize(("text", "label"), [("Target\n£k", True), ("2024/25 £'000", True), ("Next steps", True),
                                             ("HSG-01", False), ("320", False), ("Amber", False), ("Notes:", False),
                                             ("Two sites in 2 wards", False), ("the scheme", False)])
def test_header_label_shape(text: str, label: bool) -> None:
    assert is_label(text) is label


def test_cycle_needs_a_key_column_and_three_turns() -> None:
    assert find_cycle("SP" * 6) is None  # headings and paragraphs
    assert find_cycle("PSFPSFP") is None  # two turns only
    assert find_cycle("PPPP") is None
    cycle = find_cycle("PPSFFPSFFPSFFPSFFP")
    assert cycle is not None and sorted(cycle.template) == sorted("SFFP")


def test_band_restricts_the_first_rows_to_leading_columns() -> None:
    lead = decode(list("CSCS"), "CSFP", Band(5, 0, 2))
    assert lead.rows == [{0: [0], 1: [1]}, {0: [2], 1: [3]}]
    rest = decode(list("FPFP"), "CSFP", Band(2, 2, 4))
    assert rest.rows == [{2: [0], 3: [1]}, {2: [2], 3: [3]}]


def test_a_page_number_is_never_a_cell() -> None:
    d = decode(list("SFPNSFP"), "SFP")
    assert d.strays == [3] and len(d.rows) == 2


@pytest.mark.parametrize("name", ["raw-housing-rag-2-pages.txt", "raw-leisure-capital-subheadings.txt"])
def test_every_cell_line_points_at_its_source_text(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    lines = text.split("\n")
    table = read(name).tables[0]
    for row in table.rows:
        for cell in row:
            for para in cell.paragraphs:
                assert [text[p.char_start : p.char_end] for p in para.prov if p.char_start is not None] == para.text.split("\n")
                assert all(p.line is not None and lines[p.line - 1].strip().lstrip("\f") == text[p.char_start : p.char_end]
                           for p in para.prov if p.char_start is not None)
                assert {(p.table, p.row, p.col) for p in para.prov} == {(table.index, cell.row, cell.col)}
