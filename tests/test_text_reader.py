"""TextReader on the samples and on tiny fixtures of other layouts and wordings."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest

from extract.decode import decode_text
from extract.errors import ExtractWarning, UnreadableFile, UnsupportedFormat
from extract.html.fragments import html_to_paragraphs
from extract.model import Document, Origin, Table, TextBlock
from extract.read import read_document
from extract.settings import ExtractSettings
from extract.text.reader import TextReader
from normalise.extraction import extract_records
from slippage.pipeline import process_file
from tests.conftest import HEADINGS_2018_19

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATA = ROOT / "tests" / "data" / "txt"
GOLD = ROOT / "tests" / "gold"


def read(path: Path) -> Document:
    """Given a text file, return the TextReader's document (warnings silenced)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExtractWarning)
        return TextReader().read(path, Origin(path.name, "0" * 64, "txt"), settings=ExtractSettings())


def blocks_kinds(doc: Document) -> list[str]:
    """Given a document, return its block kinds: the role, or 'table'."""
    return ["table" if isinstance(b, Table) else b.role for b in doc.blocks]


def cell_text(doc: Document, table: int, row: int, col: int) -> str:
    """Given a cell address, return the cell's paragraphs joined by blank lines."""
    return doc.tables[table].rows[row][col].text


def text_of(block: TextBlock | Table) -> str:
    """Given a block expected to be text, return its text."""
    assert isinstance(block, TextBlock)
    return block.text


def one_line(text: str) -> str:
    """Given cell text, return it on one line, de-hyphenated like the normaliser does."""
    text = " ".join(text.split())
    text = re.sub(r"(\w)- (\w)", r"\1\2", text)
    return re.sub(r"^Project ", "", text)


# --- samples ---------------------------------------------------------------------------


def test_2016_17_one_logical_table_of_eight_projects() -> None:
    doc = read(SAMPLES / "2016-17_project_exceptions.txt")
    assert doc.title == "Appendix 2: Project exceptions for 2016/17 – reasons and mitigating action"
    assert blocks_kinds(doc) == ["title", "table"]  # repeated headers continue the one table
    table = doc.tables[0]
    assert table.n_cols == 3
    assert [c.text for c in table.rows[0]] == ["Project", "Reason for Exception", "Mitigating Action"]
    gold = json.loads((GOLD / "2016-17_project_exceptions.json").read_text())
    names = [one_line(row[0].text) for row in table.rows[1:]]
    assert names == [e["project"] for e in gold["exceptions"]]


def test_2016_17_column_wrapped_row_keeps_lines_and_breaks() -> None:
    doc = read(SAMPLES / "2016-17_project_exceptions.txt")
    row = doc.tables[0].rows[5]
    assert row[0].paragraphs[0].text == "Reducing\nthe Costs of\nresidential\nPlacements\n- Younger\nAdults"
    reason = row[1].paragraphs
    assert [p.style for p in reason] == ["text", "bullet", "bullet", "text"]
    assert reason[1].text.startswith("The time required") and "•" in reason[1].raw and "•" not in reason[1].text
    # The exact duplicate line stays, each as its own line, for the normaliser to judge.
    assert reason[2].text.count("take account of the wider cost pressures they are facing.") == 2
    assert reason[3].text.startswith("Despite approval") and reason[3].text.endswith("riacements (see above).")
    assert "<i>" not in reason[3].text and "<i>At Disk</i>" in reason[3].raw
    mitigation = [p.text.split("\n")[0] for p in row[2].paragraphs]
    assert mitigation == [  # the stray "-" is dropped; column gaps after a sentence end break
        "A temporary senior practitioner is now in",
        "The review work is providing the opportunity",
        "All possible areas for savings will continue",
        "Work is ongoing to refine the project's",
    ]


def test_2016_17_continuation_lines_are_new_paragraphs() -> None:
    doc = read(SAMPLES / "2016-17_project_exceptions.txt")
    reduction = doc.tables[0].rows[4]
    assert len(reduction[2].paragraphs) == 2
    assert reduction[2].paragraphs[1].text.startswith("The situation will continue to be monitored")
    shared_lives = doc.tables[0].rows[8]
    assert [len(c.paragraphs) for c in shared_lives] == [1, 3, 3]


def test_2016_17_provenance_slices_the_decoded_text() -> None:
    path = SAMPLES / "2016-17_project_exceptions.txt"
    text, _ = decode_text(path.read_bytes(), path.name)
    lines = text.split("\n")
    doc = read(path)
    for row in doc.tables[0].rows:
        for cell in row:
            for p in cell.paragraphs:
                assert "\n".join(text[pr.char_start : pr.char_end] for pr in p.prov) == p.raw
                for pr in p.prov:
                    assert pr.line is not None and text[pr.char_start : pr.char_end] in lines[pr.line - 1]
                    assert (pr.table, pr.row, pr.col) == (0, cell.row, cell.col)
    name = doc.tables[0].rows[5][0].paragraphs[0]
    assert [pr.line for pr in name.prov] == [13, 14, 15, 16, 17, 18]


def test_2018_19_five_tables_each_under_its_heading() -> None:
    doc = read(SAMPLES / "2018-19_project_exceptions.txt")
    assert doc.title == "Project exceptions and mitigating action"
    kinds = blocks_kinds(doc)
    assert kinds == ["title", "paragraph"] + ["heading", "table"] * 5 + ["paragraph"] * 9
    headings = [b.text for b in doc.blocks if isinstance(b, TextBlock) and b.role == "heading"]
    assert headings == HEADINGS_2018_19
    assert [len(t.rows) for t in doc.tables] == [2, 3, 2, 2, 2]
    assert cell_text(doc, 3, 1, 0) == "There are no exceptions within this Programme"
    assert doc.tables[3].rows[1][1].is_empty
    assert cell_text(doc, 4, 0, 0) == "Project Exceptions"


def test_2018_19_html_cells_split_into_paragraphs_and_bullets() -> None:
    doc = read(SAMPLES / "2018-19_project_exceptions.txt")
    counts = [[(len(c.paragraphs), sum(p.style == "bullet" for p in c.paragraphs)) for c in t.rows[1]] for t in doc.tables]
    assert counts == [[(3, 0), (4, 0)], [(1, 0), (7, 3)], [(3, 0), (11, 8)], [(1, 0), (0, 0)], [(3, 0), (4, 0)]]
    mitigation = doc.tables[2].rows[1][1].paragraphs
    assert mitigation[1].text == "PA recruitment targets are being actively tracked and Team Managers emailed where targets are not met."
    assert mitigation[1].raw.startswith("•")
    report = doc.tables[1].rows[1][1].paragraphs[2].text
    assert "A report to ASC&PH Committee on 4th February 2019" in report  # "&PH" is no entity
    for p in (p for t in doc.tables for row in t.rows for c in row for p in c.paragraphs):
        assert "<" not in p.text and ">" not in p.text


def test_2018_19_loose_paragraphs_follow_the_broken_table() -> None:
    doc = read(SAMPLES / "2018-19_project_exceptions.txt")
    tail = doc.blocks[-9:]
    assert text_of(tail[0]) == "additional income, such as income collected for the provision of carer's short breaks."
    assert text_of(tail[-1]).startswith("Alternative methods to deliver the savings")
    assert tail[0].prov[0].line == 29


# --- fixtures --------------------------------------------------------------------------


def test_cp1252_pound_sign_and_warning() -> None:
    path = DATA / "cp1252.txt"
    with pytest.warns(ExtractWarning, match=r"cp1252\.txt: not UTF-8; decoded as cp1252"):
        doc = TextReader().read(path, Origin(path.name, "0" * 64, "txt"), settings=ExtractSettings())
    assert doc.title == "Capital Programme Exceptions – Quarter 1"
    assert cell_text(doc, 0, 1, 1) == "Costs rose by £45,000 after the “asbestos” survey."
    assert cell_text(doc, 0, 2, 0) == "Library Lift"


def test_utf8_file_raises_no_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", ExtractWarning)
        TextReader().read(DATA / "column-wrapped.txt", Origin("x", "0" * 64, "txt"), settings=ExtractSettings())


def test_tab_layout_with_scheme_issue_action_rag_headers() -> None:
    doc = read(DATA / "tab-scheme-issue-rag.txt")
    assert blocks_kinds(doc) == ["title", "heading", "table", "heading", "table", "paragraph"]
    roads = doc.tables[0]
    assert [c.text for c in roads.rows[0]] == ["Scheme", "Issue", "Action", "RAG"]
    assert [r[0].text for r in roads.rows[1:]] == ["Resurfacing A60", "Pothole Blitz", "Gully Cleaning"]
    assert [r[3].text for r in roads.rows[1:]] == ["Amber", "Green", "Red"]
    assert [p.text for p in roads.rows[1][1].paragraphs] == [
        "Wet weather stopped work for three weeks.", "The contractor also lost a crew to sickness."]
    assert roads.rows[2][2].is_empty
    gully = roads.rows[3][2].paragraphs
    assert [(p.text, p.style) for p in gully] == [
        ("Recovery plan:", "text"), ("hire a tanker", "bullet"), ("re-order routes & crews", "bullet")]
    assert cell_text(doc, 1, 1, 1) == "None of the 40 shelters are late."
    assert text_of(doc.blocks[-1]) == "Figures are as at 30 June."


def test_column_wrapped_rows_in_other_wording() -> None:
    doc = read(DATA / "column-wrapped.txt")
    table = doc.tables[0]
    assert [r[0].text for r in table.rows] == ["Project", "Digital\nInclusion\nHubs", "Mobile\nLibrary"]
    explanation = table.rows[1][1].paragraphs
    assert [(p.style, p.text.split("\n")[0]) for p in explanation] == [
        ("text", "The rollout of self-service kiosks was"),
        ("bullet", "the six branch libraries that opened"),
        ("text", "Visitor numbers remain below target."),
    ]
    assert [p.text for p in table.rows[1][2].paragraphs] == [
        "A revised rollout plan has\nbeen agreed with the\nsupplier.",
        "Staff will run drop-in\nsessions until the kiosks\nare fixed.",
    ]


def test_pdftotext_layout_borderless_two_pages() -> None:
    doc = read(DATA / "pdftotext-borderless-2-pages.txt")
    assert doc.title == "Highways Capital Schemes Behind Schedule"
    assert blocks_kinds(doc) == ["title", "paragraph", "table"]
    table = doc.tables[0]
    assert table.n_cols == 3
    assert [one_line(r[0].text) for r in table.rows] == [
        "Scheme", "A614 Junction Improvements", "Bridge Maintenance Works", "Flood Alleviation Scheme"]
    bridge = table.rows[2][1].paragraphs
    assert len(bridge) == 2
    assert one_line(bridge[1].text).endswith("slippage of £0.4m in the capital budget for this year that will be carried forward in full.")
    remedial = table.rows[1][2].paragraphs
    assert [(one_line(p.text), p.style) for p in remedial] == [
        ("A revised programme has been agreed:", "text"),
        ("weekend working approved", "bullet"),
        ("extra traffic management funded", "bullet"),
    ]


def test_pdftotext_layout_rag_column_and_dash_items() -> None:
    doc = read(DATA / "pdftotext-rag.txt")
    assert blocks_kinds(doc) == ["title", "heading", "table", "paragraph"]
    table = doc.tables[0]
    assert [c.text for c in table.rows[0]] == ["Scheme", "Issue", "Action", "RAG"]
    assert [r[3].text for r in table.rows[1:]] == ["Red", "Amber"]
    action = table.rows[1][2].paragraphs
    assert [(p.text, p.style) for p in action] == [
        ("Options under review:", "text"),
        ("value engineering of phase 2", "bullet"),
        ("bid to the Levelling Up Fund", "bullet"),
    ]
    assert text_of(doc.blocks[-1]) == "Next review: January committee."


# --- bad input -------------------------------------------------------------------------


def test_binary_junk_named_txt(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(UnreadableFile, match=r"junk\.txt: not a text file \(it contains NUL bytes"):
        TextReader().read(junk, Origin(junk.name, "0" * 64, "txt"), settings=ExtractSettings())
    with pytest.raises(UnsupportedFormat, match="binary data"):
        read_document(junk)


def test_control_characters_without_nul(tmp_path: Path) -> None:
    junk = tmp_path / "controls.txt"
    junk.write_bytes(b"\x01\x02\x03\x04\x05\x06\x07\x08abc" * 50)
    with pytest.raises(UnreadableFile, match=r"not a text file \(\d+% of characters are control codes; at most 1% allowed\)"):
        TextReader().read(junk, Origin(junk.name, "0" * 64, "txt"), settings=ExtractSettings())


def test_line_endings_and_bom_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbfTitle\r\n\r\nScheme\tIssue\rBridge\tLate.\r\n")
    doc = read(path)
    assert doc.title == "Title"
    assert cell_text(doc, 0, 1, 1) == "Late."
    assert doc.tables[0].rows[1][1].paragraphs[0].prov[0].line == 4


def test_a_stray_tab_does_not_make_a_layout_export_tab_separated(tmp_path: Path) -> None:
    source = (DATA / "layout-wrapped-header.txt").read_text(encoding="utf-8")
    path = tmp_path / "stray-tab.txt"
    path.write_text(source.replace("Capital projects behind programme", "Capital projects\tbehind programme"), encoding="utf-8")
    assert grid(read(path).tables[0]) == grid(read(DATA / "layout-wrapped-header.txt").tables[0])


def test_read_document_dispatches_text() -> None:
    doc = read_document(DATA / "tab-scheme-issue-rag.txt")
    assert doc.origin.format == "txt" and len(doc.tables) == 2


def test_html_to_paragraphs_unclosed_list_then_paragraph() -> None:
    fragment = '<p>Intro:</p> <ul style="x"> • one &amp; two • <b>three</b> <p>After</p>'
    assert html_to_paragraphs(fragment) == [
        ("Intro:", "text"), ("one & two", "bullet"), ("three", "bullet"), ("After", "text")]


# --- layout tables found by geometry (no header words needed) --------------------------


def grid(table: Table) -> list[list[str]]:
    """Given a table, return its cells' text per row, whitespace-squashed, spans as 'text*span'."""
    return [[" ".join(c.text.split()) + (f"*{c.col_span}" if c.col_span > 1 else "") for c in row] for row in table.rows]


def test_layout_subheading_rows_page_break_and_total() -> None:
    doc = read(DATA / "layout-subheadings-2-pages.txt")
    assert blocks_kinds(doc) == ["title", "paragraph", "table", "paragraph"]
    assert grid(doc.tables[0]) == [
        ["Ref", "Line", "Lead", "Position £k", "Commentary"],
        ["Fleet and Depots", "", "", "", ""],
        ["FL-01", "Electric refuse vehicles", "Fleet Manager", "(85)",
         "Charging points at the depot were commissioned six weeks late, so two vehicles stayed off the road. "
         "Action: hire diesel cover until May."],
        ["FL-04", "Depot roof renewal", "Estates Lead, Facilities", "120", "Work is ahead of plan and the contingency of £120k is not needed."],
        ["Parks and Open Spaces", "", "", "", ""],
        ["PK-02", "Play area refurbishment", "Parks Officer", "-", "Consultation closed in March; the tender goes out in June 2024"],
        ["PK-07", "Cemetery extension (Phase 2)", "Bereavement Services Manager", "(240)",
         "Ground conditions need piling and the design is being revised. Action: seek a capital top-up in the next budget round."],
        ["Total", "", "", "(205)", ""],
    ]
    assert text_of(doc.blocks[-1]) == "Negative positions are forecast overspends."  # page numbers dropped


def test_layout_grouped_header_spans_and_gapped_rows() -> None:
    doc = read(DATA / "layout-grouped-header-gaps.txt")
    assert blocks_kinds(doc) == ["title", "paragraph", "heading", "table", "paragraph"]
    table = doc.tables[0]
    assert grid(table) == [
        ["Workstream", "Budget £k*2", "RAG", "Issue", "Mitigation"],
        ["", "2023/24", "2024/25", "", "", ""],
        ["Home to school transport review", "1,250", "900", "Red",
         "Route costs rose 18% after the operator market shrank.\n\nTwo contracts were handed back in September.".replace("\n\n", " "),
         "Routes are being re-tendered in two lots. Parents have been offered travel passes meanwhile."],
        ["Libraries self-service", "300", "-", "Amber", "Kiosk delivery slipped to November.", "The supplier pays a rebate of £12k for the delay."],
        ["Street lighting dimming", "410", "150", "Green", "On track.", ""],
    ]
    assert [c.col for c in table.rows[0]] == [0, 1, 3, 4, 5]
    issue = table.rows[2][4].paragraphs  # a blank line after a full stop is a paragraph break
    assert [p.text for p in issue] == ["Route costs rose 18% after\nthe operator market shrank.", "Two contracts were handed back\nin September."]


def test_layout_key_value_forms_two_columns_each() -> None:
    doc = read(DATA / "layout-key-value-forms.txt")
    assert blocks_kinds(doc) == ["title", "heading", "table", "heading", "table", "paragraph"]
    labels = ["Scheme reference", "Scheme title", "Sponsor", "Variance", "Explanation", "Corrective / action"]
    for table in doc.tables:
        assert table.n_cols == 2
        assert [r[0] for r in grid(table)] == labels
    assert grid(doc.tables[0])[4][1] == "Two of the five properties bought at auction needed structural repairs that the surveys did not show."
    second = grid(doc.tables[1])  # continued on a page whose columns sit further left
    assert second[4][1].endswith("has had to be added by a contract variation.")
    assert second[5][1] == "The variation is funded from the ICT reserve; the specification checklist now covers recording."


def test_layout_header_wrapped_from_the_left_edge_is_one_row() -> None:
    doc = read(DATA / "layout-wrapped-header.txt")
    assert grid(doc.tables[0]) == [
        ["Project name", "Approved budget £m", "Spent to date £m", "Reason for slippage", "Owner"],  # one header row, no spans
        ["Coastal path repairs", "0.80", "0.35", "Landslip closed the path in May.", "Parks"],
        ["Depot solar panels", "1.10", "1.15", "Roof strengthening was needed.", "Estates"],
        ["Market hall heating", "0.45", "0.10", "Asbestos survey delayed works.", "Estates"],
    ]


def test_layout_line_filled_to_the_gutter_is_cut_at_the_column_start() -> None:
    doc = read(DATA / "layout-tight-gutter.txt")
    assert blocks_kinds(doc) == ["title", "table"]
    assert grid(doc.tables[0]) == [
        ["Service", "Concern", "Response"],
        ["Adult Learning", "", ""],
        ["Evening classes", "Enrolment is 30% down and two venues are under a review", "A marketing push runs in September."],
        ["Family Learning", "Grant conditions changed in June and the outcomes are now measured termly.",
         "Agreed with the funder; the new outcomes start in October."],
        ["Outreach", "Van off the road.", "Hire until repaired."],
    ]


def test_layout_offsets_slice_the_source() -> None:
    path = DATA / "layout-subheadings-2-pages.txt"
    text, _ = decode_text(path.read_bytes(), path.name)
    lines = text.split("\n")
    doc = read(path)
    for row in doc.tables[0].rows:
        for cell in row:
            for p in cell.paragraphs:
                for pr in p.prov:
                    assert pr.line is not None and text[pr.char_start : pr.char_end] in lines[pr.line - 1]
                    assert (pr.table, pr.row, pr.col) == (0, cell.row, cell.col)
    assert [pr.line for pr in doc.tables[0].rows[6][1].paragraphs[0].prov] == [20, 25, 26]  # the repeated header (lines 23-24) is dropped


def test_layout_justified_prose_running_header_and_footer_stay_out_of_the_table() -> None:
    doc = read(DATA / "layout-furniture-justified.txt")
    assert blocks_kinds(doc) == ["title", "paragraph", "table"]
    assert text_of(doc.blocks[1]).startswith("The  schemes  below")
    assert grid(doc.tables[0]) == [
        ["Scheme", "Cause", "Remedy"],
        ["Bridge Street", "Steel prices rose by a fifth after the tender.", "Value engineering of the deck is under way."],
        ["Harbour Wall", "Storm damage in January added three weeks of repairs and a second survey.", "Insurers have accepted the claim."],
        ["Ring Road Signals", "Parts on back order.", "Temporary signals hired."],
    ]


def test_prose_letter_contents_and_two_column_page_are_not_tables() -> None:
    doc = read(DATA / "prose-not-tables.txt")
    texts = [b.text for b in doc.blocks if isinstance(b, TextBlock)]
    assert any(t.startswith("The first column of this page") for t in texts)  # two-column prose stays prose
    assert any(t.startswith("1. Introduction ....") for t in texts)
    # A contents list with page numbers in a column and a glossary are two-column tables, whole lines as cells...
    assert [grid(t)[0] for t in doc.tables] == [["Summary of the programme", "2"], ["Term", "Meaning"]]
    assert grid(doc.tables[1])[1] == ["Capital receipt", "Money from selling an asset, which can only be spent on new assets or on repaying debt."]
    # ...that hold no exceptions.
    result = process_file(DATA / "prose-not-tables.txt", "prose-not-tables.txt")
    assert result.status == "no_exceptions"


def test_tab_tables_need_no_header_words() -> None:
    doc = read(DATA / "tab-no-header-words.txt")
    assert blocks_kinds(doc) == ["title", "table", "paragraph", "table"]
    assert grid(doc.tables[0]) == [
        ["Line", "Budget £k", "Forecast £k", "Why late", "What next"],
        ["A1 resurfacing", "1,200", "900", "Rain stopped work. No crews in August.", "Night shifts."],
        ["Bus lanes", "300", "310", "Costs up", "Value engineering"],  # numbers never continue the row above
    ]
    assert grid(doc.tables[1]) == [["Ward", "Count", "Note"], ["Northfield", "12", "Two new cases"], ["Southgate", "7", "None"]]


CORPUS = ROOT / "tests" / "data" / "corpus" / "docs"
HOLD_OUT = ("d6_",)  # the team's unseen end check: never read here
CORPUS_STEMS = sorted(p.stem for p in CORPUS.glob("*.txt") if (CORPUS / f"{p.stem}.docx").exists() and not p.stem.startswith(HOLD_OUT))


def flat_grid(table: Table) -> list[list[tuple[int, int, str]]]:
    """Given a table, return (column, span, text) per cell, whitespace-squashed; a line-end hyphen keeps its word joined."""
    return [[(c.col, c.col_span, " ".join(c.text.split()).replace("- ", "-")) for c in row] for row in table.rows]


@pytest.mark.parametrize("stem", CORPUS_STEMS)
def test_corpus_layout_text_gives_the_docx_grid(stem: str) -> None:
    text_doc = read(CORPUS / f"{stem}.txt")
    docx_doc = read_document(CORPUS / f"{stem}.docx")
    assert [flat_grid(t) for t in text_doc.tables] == [flat_grid(t) for t in docx_doc.tables]


def test_layout_vertically_centred_cells_stay_in_their_row() -> None:
    doc = read(DATA / "layout-centred-cells.txt")
    assert grid(doc.tables[0]) == [
        ["Scheme", "Budget £k", "Issue"],
        ["Bridge repairs", "120", "The contractor went into administration in May; a new firm starts in July."],
        ["Car park resurfacing", "80", "Tender returned over budget and is being re-scoped."],
        ["Play area renewal", "45", "Equipment delivery slipped. Installer booked for May."],
    ]


def test_layout_long_texts_beside_a_short_column_are_a_table() -> None:
    doc = read(DATA / "layout-two-column-list.txt")
    assert grid(doc.tables[0]) == [["Supplier insolvency could halt the depot works for several months", "Amber"],
                                   ["Grant clawback if the market hall misses its March deadline", "Red"]]


# --- box and pipe tables ---------------------------------------------------------------


def test_box_table_wrapped_cells_and_mysql_rows() -> None:
    doc = read(DATA / "box-wrapped-cells.txt")
    assert blocks_kinds(doc) == ["title", "table", "heading", "table", "table"]
    assert grid(doc.tables[0]) == [
        ["Site", "Exception", "Recovery"],
        ["Riverside Pool", "The filtration plant failed in August and the pool shut for five weeks.",
         "A hired unit is fitted and the pool reopens on 4 October."],
        ["Northgate Sports Hall", "Income is £60k below profile after the roof leak.", "A membership offer runs to December."],
    ]
    assert grid(doc.tables[1]) == [["Ref", "Action", "Owner"], ["LA-14", "Resurface the courts before the summer", "Estates"]]  # drawn in │ ─ ┼
    assert grid(doc.tables[2]) == [["Ref", "Action", "Owner"], ["LA-09", "Re-let the café", "Estates"], ["LA-12", "Renew the CCTV", "ICT"]]
    site = doc.tables[0].rows[2][0].paragraphs[0]
    assert [pr.line for pr in site.prov] == [10, 11]


def test_rst_simple_table_rules_are_not_rows() -> None:
    doc = read(DATA / "layout-rst-rules.txt")
    assert blocks_kinds(doc) == ["title", "table"]
    assert grid(doc.tables[0]) == [
        ["Service", "Exception", "Action"],
        ["Bulky waste", "Booking system down for two weeks in July.", "Phone bookings taken until the fix in August."],
        ["Garden waste", "Round 4 crew short.", "Agency cover agreed."],
    ]


def test_psql_aligned_output_with_wrap_marks() -> None:
    doc = read(DATA / "psql-aligned.txt")
    assert grid(doc.tables[0]) == [
        ["scheme_name", "issue", "action"], ["Bus Station", "Tender £0.3m over the estimate.", "Re-scope"],
        ["Canal Towpath", "Flooding delay.", "Re-plan"]]
    assert text_of(doc.blocks[-1]) == "(2 rows)"


def test_markdown_pipe_table_br_and_escaped_pipe() -> None:
    doc = read(DATA / "markdown-pipe.txt")
    assert blocks_kinds(doc) == ["title", "table", "paragraph", "heading", "table"]
    assert doc.title == "Adult Social Care savings at risk"  # markdown hashes and bold are not text
    assert text_of(doc.blocks[3]) == "Children's Services"
    assert grid(doc.tables[1]) == [["Saving", "Target £k", "Shortfall reason"], ["Foster carer recruitment", "200", "Fewer enquiries than planned."]]
    table = doc.tables[0]
    assert grid(table) == [
        ["Saving", "Target £k", "Shortfall reason", "Next step"],
        ["Day services redesign", "450", "Consultation extended to January.", "Report to Cabinet"],
        ["Transport | escorts", "120", "Contract start slipped.", "None"],
    ]
    assert table.rows[1][2].paragraphs[0].text == "Consultation extended\nto January."



MARKDOWN_EXPORTS = {
    # A council-name line, then the report's "# " title, then "## " programme headings.
    "council-line": (
        "Westshire County Council\n\n# Capital Programme Exceptions – Quarter 2 2023/24\n\n"
        "Schemes more than 10% or £100k off their approved profile are listed below.\n\n"
        "## Highways\n\n| Scheme | Reason for slippage | Action being taken |\n|---|---|---|\n"
        "| A38 junction | Utility diversions took longer than planned. | Works resequenced with the utility. |\n\n"
        "## Schools\n\n| Scheme | Reason for slippage | Action being taken |\n|---|---|---|\n"
        "| Brook Lane expansion | The tender came back over budget. | Value engineering is under way. |\n",
        "Capital Programme Exceptions – Quarter 2 2023/24", ["Highways", "Schools"]),
    # The title first, a bold programme line, and a "# " heading after a table, which is a programme, not the title.
    "title-first": (
        "# Savings at risk 2022/23\n\n**Adults and Health**\n\n| Saving | Why it is at risk | Recovery plan |\n"
        "| --- | --- | --- |\n| Day opportunities review | Consultation extended to March. | Phased start from June. |\n\n"
        "# Place and Economy\n\n| Saving | Why it is at risk | Recovery plan |\n| --- | --- | --- |\n"
        "| Parking charges | Cabinet deferred the decision. | Revised proposal in July. |\n",
        "Savings at risk 2022/23", ["Adults and Health", "Place and Economy"]),
}


@pytest.mark.parametrize("name", sorted(MARKDOWN_EXPORTS))
def test_markdown_level_one_heading_is_the_title_and_the_rest_head_programmes(tmp_path: Path, name: str) -> None:
    text, title, programmes = MARKDOWN_EXPORTS[name]
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    assert read(path).title == title
    assert [r["programme"] for r in process_file(path, path.name).exceptions] == programmes


def test_a_level_one_heading_in_a_later_section_of_a_big_file_is_a_heading_not_the_title() -> None:
    from extract.text.layout import parse_layout

    lines = ["# Place and Economy", "", "The Place programme reports two schemes below."]
    raws, offset = [], 0
    for number, line in enumerate(lines, start=1):
        raws.append((number, offset, line))
        offset += len(line) + 1
    blocks = parse_layout(raws, titled=True)
    assert [b.role for b in blocks if isinstance(b, TextBlock)] == ["heading", "paragraph"]

RAW_STEMS = sorted(p.stem for p in CORPUS.glob("*_raw.txt") if not p.stem.startswith(HOLD_OUT))


def squashed(table: Table) -> list[tuple[str, ...]]:
    """Given a table, return each row's cells as letters and digits only (reading order joins hyphenated words)."""
    return [tuple(re.sub(r"[^a-z0-9]", "", c.text.lower()) for c in row) for row in table.rows]


@pytest.mark.parametrize("stem", RAW_STEMS)
def test_reading_order_export_rebuilds_the_grid(stem: str) -> None:
    # Plain pdftotext prints one cell per paragraph: the first row's cells between the header's,
    # the header repeated at the page top with leading cells inside it, sub-headings at the page foot.
    raw = squashed(read(CORPUS / f"{stem}.txt").tables[0])
    docx = squashed(read_document(CORPUS / f"{stem.removesuffix('_raw')}.docx").tables[0])
    assert raw[0] == docx[0]
    # Every DOCX row of two or more filled cells (no sub-heading row) is a row of the text, whole.
    # The text's Total row ends with the sentence after the table (nothing parts them in reading order).
    body = [r for r in docx[1:] if sum(bool(c) for c in r) >= 2]
    assert [r for r in body if r not in raw] == [r for r in body if "total" in r and r not in raw]
    assert len(raw) - 1 == len(body)


def test_a_bulleted_list_with_hanging_indents_is_list_paragraphs_not_a_table(tmp_path: Path) -> None:
    # pdftotext -layout sets each glyph apart from its text by the list's hanging indent, and
    # prints the items with no blank line between them.
    path = tmp_path / "digital_highlight_p5.txt"
    path.write_text(
        "Coldbrook Council – Digital Programme Highlight Report, Period 5 2025/26\n\n"
        "Online Payments Replacement\n"
        "Status: Red\n\n"
        "Issues:\n\n"
        "\uf0b7   The card payment provider has given notice that its gateway closes in\n"
        "    December, three months before the new system is ready.\n"
        "\uf0b7   Testing with the parking system found that refunds fail.\n\n"
        "Actions:\n\n"
        "•     A six-month extension of the old gateway has been agreed at a cost of\n"
        "      £18,000.\n"
        "•     The supplier is fixing refunds for the next release.\n"
        "Housing Repairs Portal\n"
        "Status: Amber\n\n"
        "Issues:\n\n"
        "\uf0b7   The contractor's job feed drops appointments booked after 6pm.\n\n"
        "Actions:\n\n"
        "\uf0b7   A nightly reconciliation runs until the feed is fixed in October.\n",
        encoding="utf-8",
    )
    document = read_document(path)
    assert not document.tables
    bullets = [b.text for b in document.blocks if isinstance(b, TextBlock) and b.style == "bullet"]
    assert len(bullets) == 6 and bullets[0].endswith("new system is ready.")
    assert bullets[3].endswith("for the next release.")  # the heading after the list is no part of its last item
    records = list(extract_records(document).records)
    assert [r.project for r in records] == ["Online Payments Replacement", "Housing Repairs Portal"]
    assert records[0].reason.startswith("The card payment provider") and records[0].reason.endswith("refunds fail.")
    assert records[0].mitigation.endswith("for the next release.")


def test_a_headed_table_under_a_lone_line_is_a_table_of_its_own_not_a_sub_heading_row(tmp_path: Path) -> None:
    # The second table's columns happen to fall on the first one's gutters; its own header
    # ("Officer | Contact details") shows it is another table, as "Term | Description" does.
    path = tmp_path / "capital_exceptions_q2.txt"
    path.write_text(
        "Brackenfield Council – Capital Exceptions, Quarter 2 2025/26\n\n"
        "Scheme               Slippage £k        Reason for slippage             Action\n"
        "Quarry Lane bridge   320                Rail possession moved to June.  Works re-planned.\n"
        "Market hall roof     85                 Bats found in the roof space.   Licence sought.\n\n"
        "Contacts for these schemes\n"
        "Officer              Contact details\n"
        "Dana Whitlow         dana.whitlow@brackenfield.gov.uk\n"
        "Rhys Okoro           rhys.okoro@brackenfield.gov.uk\n",
        encoding="utf-8",
    )
    document = read_document(path)
    assert len(document.tables) == 2 and len(document.tables[0].rows) == 3
    assert [c.text for c in document.tables[1].rows[0]] == ["Officer", "Contact details"]
    assert [r.project for r in extract_records(document).records] == ["Quarry Lane bridge", "Market hall roof"]
