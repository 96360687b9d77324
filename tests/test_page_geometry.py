"""Page geometry the PDF and OCR readers must not be fooled by, on pages of our own making.

Each rule here was met first on a scanned copy of a layout (tests/test_ocr.py scores those
copies); these are its second wordings: a stale metadata title over a digital page, a ruled
header row only one line high over a merged programme row, and justified prose whose even
spaces are wider than a narrow table's gutter; and pages whose text runs sideways (a
landscape table set turned on a portrait page, or a page whose /Rotate shows it sideways).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from extract.model import BBoxTL
from extract.ocr.rulings import find_rulings
from extract.pdf.borderless import find_borderless
from extract.pdf.crops import crop_png
from extract.pdf.lines import Line, Word
from extract.read import read_document
from slippage.pipeline import process_file
from tests.conftest import LAYOUTS
from tests.drawn_pdf import table_pdf

PAGE_TITLE = "Marlow Fen District Council: Major Projects Board, Exceptions Report for Period 8 of 2025/26"


def _exceptions_pdf(path: Path, metadata_title: str) -> Path:
    """Given a path and a metadata title, write a one-page exceptions report whose printed title is PAGE_TITLE."""
    rows = (
        ("Project", "Why it is off track", "Recovery action"),
        ("Quayside cycle bridge", "Piling rigs were diverted to an emergency repair, so the deck lift moved to February.",
         "The contractor has added a second shift to recover four weeks."),
        ("Town hall boiler replacement", "The plant room needs asbestos removal before works can start.",
         "A licensed contractor starts on 12 January; the budget of £85,000 is unchanged."),
    )
    return table_pdf(path, PAGE_TITLE, rows, (30, 40, 40), metadata_title=metadata_title, title_size=15,
                     intro="Projects reported by exception to the board this period are set out below.")


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


def _landscape_table_on_a_portrait_page(path: Path) -> Path:
    """Given a path, write a landscape exceptions table drawn a quarter turn round on a portrait page (its text runs down)."""
    rows = (
        ("Scheme", "Budget £000", "Slippage £000", "Reason for slippage", "Mitigating action"),
        ("Harbour wall repairs", "1,200", "450", "Storm damage in November stopped marine works for six weeks.",
         "Works resume in April with a second crew."),
        ("Library roof", "380", "95", "The roofing contractor went into administration.",
         "A new contractor was appointed from the framework."),
    )
    table_pdf(path.with_suffix(".landscape.pdf"), "Eastmere Council: Capital Slippage by Scheme, Month 9 2025/26", rows,
              (25, 12, 12, 40, 40), landscape=True)
    landscape = pdfium.PdfDocument(path.with_suffix(".landscape.pdf"))
    out = pdfium.PdfDocument.new()
    page = out.new_page(595.28, 841.89)
    drawn = landscape.page_as_xobject(0, out).as_pageobject()
    drawn.transform(pdfium.PdfMatrix(0, -1, 1, 0, 0, 841.89))  # a quarter turn clockwise, as a printer driver sets it
    page.insert_obj(drawn)
    page.gen_content()
    out.save(path)
    return path


def _crop(path: Path, prov: str) -> np.ndarray:
    """Given a PDF and a record's provenance (JSON), return the review's crop of its first box as grey pixels."""
    first = json.loads(prov)[0]
    with Image.open(io.BytesIO(crop_png(path, first["page"], BBoxTL(**first["bbox"])))) as image:
        return np.asarray(image.convert("L"), dtype=float)


def test_a_landscape_table_set_sideways_on_a_portrait_page_is_read_upright_and_cropped_upright(tmp_path: Path) -> None:
    path = _landscape_table_on_a_portrait_page(tmp_path / "capital_slippage_m9.pdf")
    result = process_file(path, path.name)
    assert [(r["project"], r["mitigation"]) for r in result.exceptions] == [
        ("Harbour wall repairs", "Works resume in April with a second crew."),
        ("Library roof", "A new contractor was appointed from the framework."),
    ]
    # the name cell, cut from the page turned as it was read: as the landscape original shows it
    turned, upright = (_crop(p, result.exceptions[0]["prov"]) for p in (path, path.with_suffix(".landscape.pdf")))
    assert turned.shape == upright.shape and np.abs(turned - upright).mean() < 2


def test_a_page_whose_rotate_shows_it_sideways_reads_as_its_upright_original(tmp_path: Path) -> None:
    original = LAYOUTS / "docs" / "l9_budget_monitoring_subtotals_2024-25_q3.pdf"
    pdf = pdfium.PdfDocument(original)
    for page in pdf:
        page.set_rotation(270)  # its text now runs up the displayed page
    turned = tmp_path / "l9_turned.pdf"
    pdf.save(turned)
    def rows(path: Path) -> list[tuple[str, str | None, str | None]]:
        return [(r["project"], r["programme"], r["reason"]) for r in process_file(path, path.name).exceptions]
    assert rows(turned) == rows(original) and len(rows(original)) == 5
