"""Page geometry the PDF and OCR readers must not be fooled by, on pages of our own making.

Each rule here was met first on a scanned copy of a layout (tests/test_ocr.py scores those
copies); these are its second wordings: a stale metadata title over a digital page, a ruled
header row only one line high over a merged programme row, and justified prose whose even
spaces are wider than a narrow table's gutter.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from fpdf import FPDF
from fpdf.fonts import FontFace

from extract.ocr.rulings import find_rulings
from extract.pdf.borderless import find_borderless
from extract.pdf.lines import Line, Word
from extract.read import read_document
from slippage.pipeline import process_file

FONTS = Path("/usr/share/fonts/truetype/dejavu")
PAGE_TITLE = "Marlow Fen District Council: Major Projects Board, Exceptions Report for Period 8 of 2025/26"


def _exceptions_pdf(path: Path, metadata_title: str) -> Path:
    """Given a path and a metadata title, write a one-page exceptions report whose printed title is PAGE_TITLE."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_title(metadata_title)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(42, 42)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 15)
    pdf.multi_cell(0, 20, PAGE_TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(0, 13, "Projects reported by exception to the board this period are set out below.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    rows = (
        ("Project", "Why it is off track", "Recovery action"),
        ("Quayside cycle bridge", "Piling rigs were diverted to an emergency repair, so the deck lift moved to February.",
         "The contractor has added a second shift to recover four weeks."),
        ("Town hall boiler replacement", "The plant room needs asbestos removal before works can start.",
         "A licensed contractor starts on 12 January; the budget of £85,000 is unchanged."),
    )
    with pdf.table(col_widths=(30, 40, 40), line_height=12, text_align="LEFT", headings_style=FontFace(emphasis="BOLD")) as t:
        for row in rows:
            cells = t.row()
            for text in row:
                cells.cell(text)
    pdf.output(str(path))
    return path


def test_a_metadata_title_the_page_does_not_show_leaves_the_page_its_own_title(tmp_path: Path) -> None:
    path = _exceptions_pdf(tmp_path / "board_exceptions_p8.pdf", "Committee report template v3")
    document = read_document(path)
    assert document.title == PAGE_TITLE
    result = process_file(path, path.name)
    assert [r["project"] for r in result.exceptions] == ["Quayside cycle bridge", "Town hall boiler replacement"]
    assert {r["programme"] for r in result.exceptions} == {None}  # the title is not a programme heading


def test_a_metadata_title_the_page_shows_is_still_the_title(tmp_path: Path) -> None:
    path = _exceptions_pdf(tmp_path / "board_exceptions_p8.pdf", PAGE_TITLE)
    assert read_document(path).title == PAGE_TITLE


def _ruled_page() -> np.ndarray:
    """A 200 dpi page: a table whose one-line header row sits above a merged full-width row, and a letter stem in a cell."""
    ink = np.zeros((700, 1400), bool)
    for y in (100, 160, 200, 400):  # table top, header foot, merged row foot, table foot
        ink[y : y + 2, 100:1300] = True
    for x in (100, 1300):  # outer borders, full height
        ink[100:402, x : x + 2] = True
    for x in (500, 900):  # header cell borders: 60 px (22 pt) high, shorter than a ruling on its own
        ink[100:162, x : x + 2] = True
        ink[200:402, x : x + 2] = True  # the body's borders, below the merged row
    ink[215:245, 600:603] = True  # a tall letter's stem in a body cell: clear of both borders
    return ink


def test_a_one_line_row_between_two_rulings_keeps_its_cell_borders_and_a_letter_stem_is_no_border() -> None:
    found = find_rulings(_ruled_page(), 200)
    header_borders = [v.across for v in found.vertical if (v.start, v.end) == (100, 161)]
    assert header_borders == [500.5, 900.5]
    assert not any(590 <= v.across <= 610 for v in found.vertical)


def _line(top: float, *spans: tuple[str, float]) -> Line:
    """Given a line's top and (text, x0) of its words at 10 pt, return it as a PDF line (6 pt per letter)."""
    return Line(tuple(Word(text, x0, x0 + 6.0 * len(text), top, top + 10, 10.0, False) for text, x0 in spans))


def _justified(top: float, words: str, gap: float) -> Line:
    """Given a line's top, its words and the even space between them, return the justified line."""
    out, x = [], 40.0
    for text in words.split():
        out.append((text, x))
        x += 6.0 * len(text) + gap
    return _line(top, *out)


def test_justified_prose_with_wide_even_spaces_is_no_borderless_table() -> None:
    prose = [
        _justified(100, "Tenders for the depot came back well above the estimate and the", 7.0),
        _justified(114, "scheme is now being redesigned to bring its cost back within", 7.0),
        _line(128, ("budget.", 40)),
        _line(150, ("Recovery", 40)),
        _justified(170, "A value engineering review will report to the board in March and", 7.0),
        _justified(184, "the revised programme will follow once the design is signed off.", 7.0),
    ]
    assert find_borderless(prose, 1) == []


def test_a_borderless_table_with_narrow_gutters_is_still_found() -> None:
    rows = [
        _line(100 + 14 * i, (name, 40), (f"{budget},000", 220), (f"{forecast},000", 300), (note, 380))
        for i, (name, budget, forecast, note) in enumerate((
            ("Depot", 410, 455, "Late"), ("Library", 120, 96, "Early"), ("Baths", 300, 351, "Late"), ("Market", 75, 70, "Done"),
        ))
    ]
    parts = find_borderless(rows, 1)
    assert len(parts) == 1 and len(parts[0].rows) == 4
