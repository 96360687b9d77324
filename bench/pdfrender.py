"""Render a list of headings, paragraphs and tables as a PDF with ruled tables (fpdf2).

Used by bench/corpus.py to make varied PDFs: the layout mimics the samples (a title,
programme headings, bordered tables with a bold header row, text top-aligned and left
aligned in each cell), not their exact typesetting.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_SIZE = 9
# Column widths (mm) of a 180 mm text block, by number of columns.
COLUMN_WIDTHS = {2: (90, 90), 3: (40, 70, 70)}
# Core PDF fonts are Latin-1 only: fold the samples' other punctuation when DejaVu is missing.
LATIN1_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "•": "-", "…": "..."})

# A row taller than a page is split into several rows (as a word processor splits it across
# pages); lines per part are estimated from characters per line at an average glyph width.
MAX_ROW_LINES = 44
MM_PER_CHAR = FONT_SIZE * 0.55 * 25.4 / 72
Block = tuple[str, object]  # ("Heading 1" | "Heading 2" | "Normal" | ..., text) or ("table", rows)


def _new_pdf(title: str) -> tuple[FPDF, str, bool]:
    """Given a title, return a new A4 document, its font family and whether it is Unicode."""
    pdf = FPDF(format="A4")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_title(title)
    pdf.set_creator("bench/corpus.py (fpdf2)")
    if (FONT_DIR / "DejaVuSans.ttf").exists():
        pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        return pdf, "DejaVu", True
    return pdf, "Helvetica", False


def _chunks(text: str, width_mm: float) -> list[str]:
    """Given a cell's text (paragraphs split by blank lines) and its width, return parts of at most MAX_ROW_LINES lines."""
    per_line = max(int((width_mm - 3) / MM_PER_CHAR), 10)
    parts: list[list[str]] = [[]]
    used = 0
    for para in text.split("\n\n"):
        pieces = [para] if len(para) <= per_line * MAX_ROW_LINES else _word_pieces(para.split(" "), per_line * MAX_ROW_LINES)
        for piece in pieces:
            lines = -(-len(piece) // per_line) + 1
            if used + lines > MAX_ROW_LINES and parts[-1]:
                parts.append([])
                used = 0
            parts[-1].append(piece)
            used += lines
    return ["\n\n".join(p) for p in parts]


def _word_pieces(words: list[str], max_chars: int) -> list[str]:
    """Given a paragraph's words and a size, return the paragraph cut at spaces into pieces of at most max_chars."""
    pieces, current = [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > max_chars:
            pieces.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return pieces + [current]


def _split_row(cells: Sequence[str], widths: Sequence[float]) -> list[list[str]]:
    """Given a row's cell texts and column widths, return it as one or more rows that each fit a page."""
    chunked = [_chunks(text, w) for text, w in zip(cells, widths, strict=True)]
    n_parts = max(len(c) for c in chunked)
    return [[c[i] if i < len(c) else "" for c in chunked] for i in range(n_parts)]


def _table(pdf: FPDF, rows: Sequence[Sequence[str]]) -> None:
    """Given a document and a table's rows of cell texts, draw it as a bordered table."""
    n_cols = max(len(r) for r in rows)
    widths = COLUMN_WIDTHS.get(n_cols, tuple(180 / n_cols for _ in range(n_cols)))
    rows = [part for cells in rows for part in _split_row(list(cells) + [""] * (n_cols - len(cells)), widths)]
    with pdf.table(col_widths=widths, width=180, text_align="LEFT", v_align="TOP", line_height=4.2,
                   padding=1.5, headings_style=FontFace(emphasis="BOLD")) as table:
        for cells in rows:
            row = table.row()
            for text in cells:
                row.cell(text)
    pdf.ln(4)


def render_pdf(blocks: Sequence[Block], dest: Path, *, title: str = "") -> None:
    """Given blocks in reading order and a destination, write the PDF there."""
    pdf, family, unicode = _new_pdf(title)
    pdf.add_page()

    def fit(text: str) -> str:
        return text if unicode else text.translate(LATIN1_FOLD).encode("latin-1", "replace").decode("latin-1")

    for kind, content in blocks:
        if kind == "table":
            pdf.set_font(family, "", FONT_SIZE)
            _table(pdf, [[fit(c) for c in row] for row in content])  # type: ignore[attr-defined]
            continue
        heading = kind.startswith("Heading") or kind == "Title"
        pdf.set_font(family, "B" if heading else "", 12 if kind in ("Heading 1", "Title") else FONT_SIZE + 1)
        pdf.multi_cell(0, 5.5, fit(str(content)), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.output(str(dest))
