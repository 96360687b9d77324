"""One-table PDFs of a test's own wording, drawn with fpdf2 in the DejaVu fonts (ruled or borderless)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

FONTS = Path("/usr/share/fonts/truetype/dejavu")


def table_pdf(path: Path, title: str, rows: Sequence[Sequence[str]], widths: Sequence[int], *, landscape: bool = False,
              ruled: bool = True, intro: str = "", metadata_title: str | None = None, title_size: float = 14) -> Path:
    """Given a path, a printed title, the table's rows (the first is its bold header) and column widths, write the PDF; return its path.

    `intro` is a paragraph between title and table; `metadata_title` the document's /Title (none if None).
    """
    pdf = FPDF(orientation="L" if landscape else "P", unit="pt", format="A4")
    if metadata_title is not None:
        pdf.set_title(metadata_title)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(42, 42)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", title_size)
    pdf.multi_cell(0, title_size * 1.3, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    if intro:
        pdf.set_font("DejaVu", "", 10)
        pdf.multi_cell(0, 13, intro, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
    pdf.set_font("DejaVu", "", 9)
    with pdf.table(col_widths=tuple(widths), line_height=11.5, text_align="LEFT", headings_style=FontFace(emphasis="BOLD"),
                   borders_layout="ALL" if ruled else "NONE", gutter_height=0 if ruled else 6) as table:
        for cells in rows:
            row = table.row()
            for text in cells:
                row.cell(text)
    pdf.output(str(path))
    return path
