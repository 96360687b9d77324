"""Second wordings, of our own, for the rules that layouts l9–l18 brought in (STYLE H16).

Each rule below was added for a kind of document one layout shows; here it meets a wording
that no layout, sample or corpus file has, so a rule fitted to one file's words fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.model import Cell, Paragraph
from extract.pdf.ruled import is_header
from extract.read import read_document
from normalise.extraction import extract_records
from normalise.record import ExceptionRecord
from tests.conftest import docx_table
from tests.drawn_pdf import table_pdf


def _records(path: Path) -> list[ExceptionRecord]:
    return list(extract_records(read_document(path)).records)


def _text(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- forms: question labels, titles over stacked blocks --------------------------------------

def test_question_prompts_label_a_form(tmp_path: Path) -> None:
    path = docx_table(tmp_path / "q.docx", [], [
        ["Project", "Depot Solar Canopy"],
        ["Why has the project gone off track?", "The roof survey found the steel frame cannot carry the panels."],
        ["What are we doing about it?", "A lighter mounting system has been specified and re-priced."],
        ["RAG", "Red"],
    ])
    (record,) = _records(path)
    assert (record.project, record.status) == ("Depot Solar Canopy", "red")
    assert record.reason == "The roof survey found the steel frame cannot carry the panels."
    assert record.mitigation == "A lighter mounting system has been specified and re-priced."


def test_stacked_blocks_are_named_by_their_title_rows_under_a_programme_heading(tmp_path: Path) -> None:
    path = docx_table(tmp_path / "stacked.docx", [], [
        "Payroll System Upgrade",
        ["Reason for delay", "The supplier's release failed pension calculation testing."],
        ["Next steps", "A patched release is due in three weeks and parallel running continues."],
        "Office Moves – Phase 2",
        ["Reason for delay", "Fire door works at the receiving building overran."],
        ["Next steps", "Teams will move in two waves once the doors are certified."],
    ], heading="Corporate Services")
    records = _records(path)
    assert [(r.programme, r.project) for r in records] == [
        ("Corporate Services", "Payroll System Upgrade"), ("Corporate Services", "Office Moves – Phase 2")]
    assert records[1].mitigation == "Teams will move in two waves once the doors are certified."


# --- tables: labelled programme rows, sub-totals, issue | action headers ---------------------

def test_labelled_programme_rows_and_sub_totals(tmp_path: Path) -> None:
    path = docx_table(tmp_path / "budget.docx", ["Capital scheme", "Budget £000", "Forecast £000", "Reason for variance"], [
        "Directorate: Place",
        ["Harbour Lights", "400", "520", "Cable faults found during the survey delayed the works."],
        ["Place sub-total", "400", "520", ""],
        "Directorate – Resources",
        ["Civic Centre Boilers", "300", "210", "The second boiler will not be replaced until the summer."],
        ["Resources total", "300", "210", ""],
    ])
    records = _records(path)
    assert [(r.programme, r.project) for r in records] == [("Place", "Harbour Lights"), ("Resources", "Civic Centre Boilers")]


def test_a_header_naming_a_problem_and_its_remedy_reads_plain_rows(tmp_path: Path) -> None:
    # No row holds a cue word of the content evidence ("delay", "shortfall", ...): the header says it.
    path = docx_table(tmp_path / "plain.docx", ["Project", "Problem", "Remedial action"], [
        ["Town Hall Lift", "Parts for the lift come from one factory abroad.", "A second lift engineer has been booked."],
        ["Market Canopy", "The fabric colour chosen is no longer made.", "Members will be offered two alternatives."],
    ])
    assert [r.project for r in _records(path)] == ["Town Hall Lift", "Market Canopy"]


# --- cells: titles, several projects -------------------------------------------------------

def test_sentence_case_title_paragraphs_name_the_projects_of_a_docx_cell(tmp_path: Path) -> None:
    path = docx_table(tmp_path / "titled.docx", ["Exception", "Action"], [[
        "Home library service review\n\nVolunteer drivers have fallen from 40 to 22.\n\n"
        "Archive digitisation\n\nThe scanning contractor has gone into liquidation.",
        "Home library service review\n\nA recruitment drive with the volunteer centre starts in May.\n\n"
        "Archive digitisation\n\nThe remaining boxes will be scanned in house.",
    ]], heading="Libraries and Heritage")
    records = _records(path)
    assert [(r.programme, r.project) for r in records] == [
        ("Libraries and Heritage", "Home library service review"), ("Libraries and Heritage", "Archive digitisation")]
    assert records[0].reason == "Volunteer drivers have fallen from 40 to 22."
    assert records[1].mitigation == "The remaining boxes will be scanned in house."


def test_a_name_cell_listing_two_schemes_gives_each_the_row(tmp_path: Path) -> None:
    path = docx_table(tmp_path / "listed.docx", ["Scheme(s)", "Issue", "Action"], [
        ["North Ward resurfacing\n\nSouth Ward resurfacing", "The asphalt plant is closed for repairs until June.",
         "Both schemes are re-programmed for July."],
        ["Bus lane cameras; School street cameras", "The camera supplier's certification has lapsed.",
         "An interim supplier has been appointed."],
    ])
    records = _records(path)
    assert [r.project for r in records] == [
        "North Ward resurfacing", "South Ward resurfacing", "Bus lane cameras", "School street cameras"]
    assert {r.mitigation for r in records[:2]} == {"Both schemes are re-programmed for July."}


# --- text exports: two prose columns, tab rows with dates, closing sections -----------------

_TWO_COLUMNS = """Fernbridge Council – Programme Exceptions, Quarter 2 2024/25

Adult Social Care

Problem                                                      Remedial action

Shared Lives Recruitment (Amber)                             Two recruitment events are booked for
Only three new carers have been approved against a           October with the carers' network.
plan of ten.
Day Centre Transport (Red)                                   A spot contract with a community
The minibus contract ended without a replacement in          transport charity covers the routes
place.                                                       until a new contract is let.
"""


def test_two_prose_columns_under_a_header_line_are_a_table(tmp_path: Path) -> None:
    records = _records(_text(tmp_path, "two-columns.txt", _TWO_COLUMNS))
    assert [(r.programme, r.project, r.status) for r in records] == [
        ("Adult Social Care", "Shared Lives Recruitment", "amber"), ("Adult Social Care", "Day Centre Transport", "red")]
    assert records[0].reason == "Only three new carers have been approved against a plan of ten."
    assert records[1].mitigation == ("A spot contract with a community transport charity covers the routes until a new "
                                     "contract is let.")


def test_tab_rows_whose_date_column_never_ends_a_sentence(tmp_path: Path) -> None:
    text = ("Project\tIssue\tAction\tOwner\tDue\n"
            "Waste app\tThe app store rejected the release\tResubmitted with fixes\tDigital Lead\t14/10/2024\n"
            "Garden waste\tRenewals are below the plan\tReminder letters are going out\tWaste Manager\t01/11/2024\n"
            "Bulky items\tBookings exceed the crews available\tA third crew starts in November\tWaste Manager\t30/11/2024\n")
    assert [r.project for r in _records(_text(tmp_path, "tabs.txt", text))] == ["Waste app", "Garden waste", "Bulky items"]


def test_a_committee_reports_closing_sections_are_no_part_of_its_last_item(tmp_path: Path) -> None:
    text = ("Report to Scrutiny Committee: Leisure Projects 2024/25\n\n"
            "4. Leisure Facilities\n\n"
            "4.1 Pool Plant Replacement (Amber)\n\n"
            "Issue: The new filters were delivered damaged and have been returned.\n\n"
            "Action: The pool will stay open on the old plant until the replacements arrive.\n\n"
            "Financial implications: The costs of the delay are met by the supplier.\n\n"
            "Wards affected: All.\n")
    (record,) = _records(_text(tmp_path, "closing.txt", text))
    assert record.mitigation == "The pool will stay open on the old plant until the replacements arrive."


# --- rounds two: layouts l19–l24 -------------------------------------------------------------------

_SUB_HEADING_ROWS = """Ambridge Vale Council - Place Savings Exceptions 2025/26

Economy and Housing Directorate

Scheme                    Why it is off track                 What we are doing                  Rating

Planning Services

Pre-application advice    Take-up of paid advice has fallen   A fixed-fee offer for homes        Amber
charging                  since the fee rise.                 starts in June.

Housing Options

Temporary accommodation   Nightly rates have risen sharply.   Two leased blocks come on stream   Red
reduction                                                     in the autumn.

Corporate Services Directorate

Scheme                    Why it is off track                 What we are doing                  Rating

Revenues

Council tax single        The data-matching review found      Letters to the remaining cases     Amber
person discount review    fewer cases than expected.          go out in May.
"""


def test_layout_text_keeps_sub_heading_rows_between_groups_and_ends_at_the_next_heading(tmp_path: Path) -> None:
    # extract.text.geometry._sub_heading (l20): a programme line a blank apart from the rows on both sides stays a row of
    # the table; a directorate line above the next table's repeated header ends the table.
    records = _records(_text(tmp_path, "groups.txt", _SUB_HEADING_ROWS))
    assert [(r.programme, r.project, r.status) for r in records] == [
        ("Planning Services", "Pre-application advice charging", "amber"),
        ("Housing Options", "Temporary accommodation reduction", "red"),
        ("Revenues", "Council tax single person discount review", "amber"),
    ]


def test_plain_english_headers_name_the_reason_and_action_columns(tmp_path: Path) -> None:
    # extract/header_terms.toml: "off track" (reason) and "what is being done" (mitigation), highlight-report headers.
    path = docx_table(tmp_path / "plain.docx", ["Project", "Why it is off target", "What is being done", "RAG"], [
        ["Leisure booking app", "The supplier missed two release dates.", "A penalty clause has been invoked.", "Amber"],
        ["Fleet telematics", "Installation needs every vehicle off the road for a day.", "Fitting moves to weekends.", "Green"],
    ])
    records = _records(path)
    assert [(r.project, r.reason, r.mitigation) for r in records] == [
        ("Leisure booking app", "The supplier missed two release dates.", "A penalty clause has been invoked."),
        ("Fleet telematics", "Installation needs every vehicle off the road for a day.", "Fitting moves to weekends."),
    ]


# --- header rows whose labels are questions ---------------------------------------------------

QUESTION_HEADERS = {
    "off-target": ["Scheme", "Why is it off target?", "What are we doing about it?", "RAG"],
    "went-wrong": ["Project", "What went wrong?", "What happens next?", "Status"],
}


@pytest.mark.parametrize("wording", sorted(QUESTION_HEADERS))
def test_a_header_row_of_questions_heads_an_exceptions_table(tmp_path: Path, wording: str) -> None:
    header = QUESTION_HEADERS[wording]
    path = docx_table(tmp_path / f"{wording}.docx", header, [
        ["Market hall roof", "Asbestos was found in the roof void, stopping the works for six weeks.",
         "A licensed contractor has been appointed and the programme re-based.", "Amber"],
        ["Cemetery extension", "The drainage consent was refused by the lead flood authority.",
         "A revised drainage design will be submitted in March.", "Red"],
    ])
    records = _records(path)
    assert [(r.project, r.status) for r in records] == [("Market hall roof", "amber"), ("Cemetery extension", "red")]
    assert records[1].mitigation == "A revised drainage design will be submitted in March."


# --- round three: layouts l27–l34 -----------------------------------------------------------------

def test_a_column_of_several_segment_codes_is_a_reference_and_the_next_column_names_the_row(tmp_path: Path) -> None:
    # normalise/tables/columns.py _REF (l28 "SAV-25-03", l32 "CIP-S04"): a code of several segments is a reference,
    # so the text column beside it names the project even when both headers name the saving.
    path = docx_table(tmp_path / "codes.docx", ["Saving ref", "Saving", "Value £000", "Reason for shortfall", "Recovery action"], [
        ["ENV/24/011", "Bulky waste collection charge", "60", "Bookings halved after the charge was introduced.",
         "A two-item offer will be tried over the summer."],
        ["TR-2B-07", "School crossing patrol review", "45", "Three governing bodies asked for more time to respond.",
         "The review will close at half term."],
    ])
    records = _records(path)
    assert [r.project for r in records] == ["Bulky waste collection charge", "School crossing patrol review"]
    assert records[1].reason == "Three governing bodies asked for more time to respond."


def test_an_abbreviated_header_cell_is_a_label_not_a_sentence(tmp_path: Path) -> None:
    # normalise/tables/grid.py _ABBREVIATION (l28-style registers headed "No." or "Ref."): the dot ends a word.
    path = docx_table(tmp_path / "abbrev.docx", ["No.", "Scheme", "Problem", "Remedial action"], [
        ["1", "Quayside railings", "The galvanising works has a ten-week queue.", "Temporary barriers stay in place."],
        ["2", "Park lake desilting", "The silt tests found heavy metals.", "A licensed disposal site has been found."],
    ])
    assert [r.project for r in _records(path)] == ["Quayside railings", "Park lake desilting"]


def test_a_scored_risk_log_is_no_exceptions_table(tmp_path: Path) -> None:
    # normalise/patterns/table_cues.toml not_exception (n7): probability and a risk score say a risk register.
    path = docx_table(tmp_path / "risks.docx", ["Risk", "Probability", "Severity", "Risk score", "Mitigation in place",
                                                 "Further action"], [
        ["Flooding of the depot cuts off the gritting fleet.", "2", "5", "10", "Flood gates fitted in 2022.",
         "Move two gritters to the park and ride site each winter."],
        ["Key staff leave before the ERP system goes live.", "3", "4", "12", "Retention payments agreed.",
         "Cross-train two officers on each module."],
    ])
    assert _records(path) == []


_MINUTES = """Minutes of the Place Overview Panel, 3 March 2025

17. Highways maintenance update

The Highways Manager reported that the resurfacing of Mill Street had been postponed because the gas main
under it is to be renewed first. Members asked about the cost of the delay.

DECISION: The panel noted the update.

Action: Highways Manager to report the revised dates to the next panel.

18. Any other business

There was none.
"""


def test_a_minute_with_its_decision_line_is_no_exception_item(tmp_path: Path) -> None:
    # normalise/label_vocab.py "resolved" / "decision" (n8): the decision line makes a numbered item a minute.
    assert _records(_text(tmp_path, "minutes.txt", _MINUTES)) == []


def test_a_table_with_one_column_per_scheme_is_read_turned(tmp_path: Path) -> None:
    # normalise/tables/transpose.py (l27): the first column labels the fields, the first row names the schemes.
    path = docx_table(tmp_path / "side-by-side.docx", ["Scheme", "Canal towpath lighting", "Ice rink chiller", "Museum archive store"], [
        ["Issue", "The canal trust has not yet approved the cable route.", "The chiller failed its pressure test.",
         "The humidity controls need a redesign."],
        ["Mitigating action", "A second route along the road is being priced.", "A hired chiller keeps the rink open.",
         "The designer is revising the controls at no cost."],
        ["Status", "Amber", "Red", "Amber"],
    ])
    records = _records(path)
    assert [(r.project, r.status) for r in records] == [
        ("Canal towpath lighting", "amber"), ("Ice rink chiller", "red"), ("Museum archive store", "amber")]
    assert records[1].reason == "The chiller failed its pressure test."
    assert records[2].mitigation == "The designer is revising the controls at no cost."


_ONE_PARAGRAPH_ITEMS = """Kestrel Vale Council – Leisure Capital Schemes, Quarter 1 2025/26

1. Background – the schemes below are those whose delivery dates have moved since the last report.

Parks

2. Lido changing rooms (Red): the tiling contractor walked off site after a payment dispute. Mitigation: the
council has engaged the second-placed bidder to finish the works.

3. Skate park resurfacing (£18,000 slippage) – the specialist concrete can only be laid above ten degrees.

4. Bowls pavilion roof (Amber) – the bat survey found a roost under the ridge tiles. Remedial action: the roof
will be replaced in the autumn under a Natural England licence.
"""


def test_numbered_one_paragraph_items_are_records_and_numbered_prose_is_not(tmp_path: Path) -> None:
    # normalise/outside/inline_items.py (l29, l30): name, bracket, dash or colon, reason, inline action label.
    records = _records(_text(tmp_path, "one-paragraph.txt", _ONE_PARAGRAPH_ITEMS))
    assert [(r.programme, r.project, r.status) for r in records] == [
        ("Parks", "Lido changing rooms", "red"), ("Parks", "Skate park resurfacing", None),
        ("Parks", "Bowls pavilion roof", "amber")]
    assert records[0].mitigation == "the council has engaged the second-placed bidder to finish the works."
    assert (records[1].reason, records[1].mitigation, records[1].money) == (
        "the specialist concrete can only be laid above ten degrees.", "", (("slippage", "£18,000"),))
    assert records[2].reason == "the bat survey found a roost under the ridge tiles."


def test_bulleted_one_paragraph_items_take_their_status_from_the_bracket(tmp_path: Path) -> None:
    text = ("Corporate Savings Update, Period 4 2025/26\n\nCustomer Services\n\n"
            "• Webchat rollout (Red): the licences bought do not cover weekend use. Corrective action: a weekend licence\n"
            "  has been added at no extra cost.\n"
            "• Switchboard automation (Amber) – callers are still asking for a person by name. Corrective action: the\n"
            "  directory is being added to the voice menu.\n")
    records = _records(_text(tmp_path, "bullets.txt", text))
    assert [(r.programme, r.project, r.status) for r in records] == [
        ("Customer Services", "Webchat rollout", "red"), ("Customer Services", "Switchboard automation", "amber")]
    assert records[1].mitigation == "the directory is being added to the voice menu."


def test_a_ruled_pdf_row_of_question_labels_is_a_header_row() -> None:
    # extract/pdf/ruled.py is_header: a question ends no clause, so a ruled part's first row of prompts is its header
    # (the DOCX reader and normalise.tables.grid already read question headers so).
    prompts = ("Scheme", "Why has it slipped?", "What is being done?", "RAG")
    assert is_header([Cell(0, c, (Paragraph(t),)) for c, t in enumerate(prompts)])
    assert not is_header([Cell(0, c, (Paragraph(t),)) for c, t in enumerate(("Scheme", "The roof leaks.", "Re-tender.", "RAG"))])


_WIDE_SUB_HEADINGS = """Harlow Fen Council – Leisure Capital Exceptions 2025/26

Ref      Scheme              Reason for delay                        Action

Parks and Open Spaces Division

P-01     Splash pad          The pump supplier has a twelve-week     Temporary sprinklers run until the
                             backlog.                                pumps arrive.

Libraries and Heritage Service

H-02     Archive racking     The floor loading survey failed.        Steel beams will be added first.
"""


def test_a_sub_heading_wider_than_the_first_column_a_blank_line_above_its_rows_stays_in_the_table(tmp_path: Path) -> None:
    # extract/text/geometry.py _fits (l32): the line after a sub-heading may be blank; its rows follow.
    records = _records(_text(tmp_path, "wide-sub-headings.txt", _WIDE_SUB_HEADINGS))
    assert [(r.programme, r.project) for r in records] == [
        ("Parks and Open Spaces Division", "Splash pad"), ("Libraries and Heritage Service", "Archive racking")]
    assert records[0].mitigation == "Temporary sprinklers run until the pumps arrive."


_FOOTNOTED = """Brindle Heath Council – Highways Capital Exceptions 2025/26

Scheme            Variance £k   Reason                          Mitigation

Canal bridge      210           The steel fabricator's          The deck will be lifted in
deck                            works flooded.                  the Easter closure.
Station car park  95            Drainage consent is awaited     Surfacing moves to June.
                                from the water company.
† Variance is the forecast less the budget approved in February; schemes under £20k are not shown
here but are reported to the programme board.
"""


def test_a_footnote_under_a_layout_text_table_is_no_row_of_it(tmp_path: Path) -> None:
    # extract/text/geometry.py _FOOTNOTE (l33): a line opening with a footnote mark at the left edge ends the table.
    records = _records(_text(tmp_path, "footnoted.txt", _FOOTNOTED))
    assert [r.project for r in records] == ["Canal bridge deck", "Station car park"]
    assert records[1].mitigation == "Surfacing moves to June."
    assert records[1].reason == "Drainage consent is awaited from the water company."


def _borderless_pdf(path: Path, header: list[str], rows: list[list[str]], widths: tuple[int, ...]) -> Path:
    """Write a one-table borderless PDF, header bold and vertically centred; return its path."""
    return table_pdf(path, "Quarter 2 Exceptions", [header, *rows], widths, ruled=False, title_size=13)


def test_a_borderless_header_cell_taller_than_its_row_keeps_its_top_lines(tmp_path: Path) -> None:
    # extract/pdf/borderless.py _stacked_header: the top lines of a tall, centred header cell sit above the first line
    # with two columns; they are the header's, not a heading (a programme) over the table.
    path = _borderless_pdf(tmp_path / "tall-header.pdf", ["Project", "Amount carried forward £k", "Cause", "Recovery plan"], [
        ["Lido roof", "120", "The glulam beams failed their load test.", "Steel beams are being designed."],
        ["Town hall lift", "60", "The lift car was damaged in delivery.", "A replacement car is on order."],
    ], (22, 9, 35, 34))
    records = _records(path)
    assert [(r.programme, r.project) for r in records] == [(None, "Lido roof"), (None, "Town hall lift")]


def test_a_tab_line_with_no_code_but_a_figure_where_the_row_has_one_starts_a_row(tmp_path: Path) -> None:
    # extract/text/rows.py repeats_figure (l31 tab export): figures never wrap, so a code-less line with one is a new
    # row (here a Total row); a code-less line of prose still continues the row above.
    text = ("Code\tScheme\tBudget £000\tSlippage £000\tReason for slippage\n"
            "K-12\tRink chiller\t400\t150\tThe chiller failed its pressure test.\n"
            "\t\t\t\tA hired unit keeps the rink open.\n"
            "K-19\tSkate park\t220\t90\tThe concrete cannot be laid in frost.\n"
            "\tTotal\t620\t240\t\n")
    records = _records(_text(tmp_path, "tracker-export.txt", text))
    assert [(r.project, r.money) for r in records] == [
        ("Rink chiller", (("Budget £000", "400"), ("Slippage £000", "150"))),
        ("Skate park", (("Budget £000", "220"), ("Slippage £000", "90")))]
    assert records[0].reason == "The chiller failed its pressure test. A hired unit keeps the rink open."
