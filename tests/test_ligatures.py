"""Typographic ligatures ("ﬁ", "ﬂ", "ﬀ") read as the letters they join, in PDFs and in text exports of them."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from slippage.pipeline import process_file

FONTS = Path("/usr/share/fonts/truetype/dejavu")
ROWS = (
    ("Scheme", "Reason for slippage", "Mitigation"),
    ("Riverside \ufb02ood defences", "The \ufb01nal design needed a second o\ufb00site survey.", "The e\ufb03ciency review \ufb01nishes in May."),
    ("Sta\ufb00 hub re\ufb01t", "The \ufb01t-out contractor withdrew.", "Re-tender through the \ufb02exible framework."),
)


def _pdf(path: Path) -> Path:
    """Given a path, write a ruled exceptions table whose text uses ligature code points (as some fonts map them)."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 14)
    pdf.multi_cell(0, 18, "Lowmere Council: Capital Exceptions, Quarter 2 2025/26", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    with pdf.table(col_widths=(30, 40, 40), line_height=11, text_align="LEFT", headings_style=FontFace(emphasis="BOLD")) as t:
        for row in ROWS:
            cells = t.row()
            for text in row:
                cells.cell(text)
    pdf.output(str(path))
    return path


def _text(path: Path) -> Path:
    """Given a path, write the same table as a layout text export."""
    lines = ["Lowmere Council: Capital Exceptions, Quarter 2 2025/26", ""]
    lines += [f"{a:32}{b:58}{c}" for a, b, c in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ligatures_read_as_their_letters_in_a_pdf_and_a_text_export(tmp_path: Path) -> None:
    for path in (_pdf(tmp_path / "exceptions_q2.pdf"), _text(tmp_path / "exceptions_q2.txt")):
        records = process_file(path, path.name).exceptions
        assert [r["project"] for r in records] == ["Riverside flood defences", "Staff hub refit"], path.name
        assert records[0]["reason"] == "The final design needed a second offsite survey."
        assert records[1]["mitigation"] == "Re-tender through the flexible framework."
