"""Regenerate the new-layout fixtures: `python tests/data/layouts/make_layouts.py` (needs fpdf2, the bench extra).

Thirty-four invented documents and seven negative controls in layouts the corpus does not have (see
money_tables.py, issue_reports.py, forms.py, capital_variance.py, programme_columns.py, budget_variance.py,
risk_registers.py, narrative_reports.py, stacked_blocks.py, titled_cells.py, hierarchy_reports.py,
delivery_trackers.py, project_tables.py, page_breaks.py, transposed_fields.py, numbered_items.py,
excel_trackers.py, appendix_reports.py, negative.py, negative_schedules.py, negative_capital.py,
negative_registers.py),
each written from one model (model.py) so the gold text is the document's text:

- docs/<stem>.docx: python-docx (Title, Heading 1/2, List Bullet, "Table Grid" tables, bold runs).
- docs/<stem>.pdf: fpdf2 with DejaVu Sans, ruled tables whose header repeats on a new page.
- docs/<stem>.txt: plain layout text, columns aligned by spaces and cell text wrapped in its
  column, as `pdftotext -layout` gives.
- l25, l26, l33 (`office_pdf`): the PDF is LibreOffice's rendering of the DOCX, whose header row repeats on each
  page and whose rows break across pages, and the .txt is `pdftotext -layout` of that PDF.
- docs/<stem>_borderless.pdf (l1, l2, l9, n3, n4): the same PDF with no ruling lines.
- docs/<stem>_tab.txt (l1, l3, l6, l7, l10, l11, n5): one line per table row, cells separated by tabs.
- docs/<stem>.odt|.rtf|.doc|.html (l27-l34, n7, n8; `formats`): LibreOffice's conversion of the DOCX.
- l33 (`running`): a DOCX page header and a footer with a PAGE field, printed on each page of its PDF.
- docs/<stem>_borderless.pdf also for l28, l31, l34, n7; docs/<stem>_tab.txt also for l31.
- gold/<stem>.json: the answer key in the schema of shared/corpus/gold/*.json.

The files are committed; the tests never run this script.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from fpdf import FPDF
from fpdf.fonts import FontFace

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from appendix_reports import L33, L34  # noqa: E402
from budget_variance import L9, L10  # noqa: E402
from capital_variance import L6  # noqa: E402
from delivery_trackers import L21, L22  # noqa: E402
from excel_trackers import L31, L32  # noqa: E402
from forms import L5  # noqa: E402
from hierarchy_reports import L19, L20  # noqa: E402
from issue_reports import L3, L4  # noqa: E402
from model import Block, Bullets, Heading, Layout, Para, Table, plain  # noqa: E402
from money_tables import L1, L2  # noqa: E402
from narrative_reports import L13, L14  # noqa: E402
from negative import N2, N3  # noqa: E402
from negative_capital import N6  # noqa: E402
from negative_registers import N7, N8  # noqa: E402
from negative_schedules import N4, N5  # noqa: E402
from numbered_items import L29, L30  # noqa: E402
from page_breaks import L25, L26  # noqa: E402
from programme_columns import L7, L8  # noqa: E402
from project_tables import L23, L24  # noqa: E402
from risk_registers import L11, L12  # noqa: E402
from stacked_blocks import L15, L16  # noqa: E402
from titled_cells import L17, L18  # noqa: E402
from transposed_fields import L27, L28  # noqa: E402

LAYOUTS = (L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11, L12, L13, L14, L15, L16, L17, L18, L19, L20, L21, L22, L23, L24, L25, L26,
           L27, L28, L29, L30, L31, L32, L33, L34, N2, N3, N4, N5, N6, N7, N8)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
TXT_WIDTH = {True: 160, False: 110}  # characters per line, landscape / portrait
COL_GAP = "   "


# --- DOCX ---------------------------------------------------------------------------------------

def _runs(paragraph, text: str, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Given a python-docx paragraph and text with **bold** markers, append its runs."""
    for i, part in enumerate(text.split("**")):
        if part:
            paragraph.add_run(part).bold = bold or i % 2 == 1


def _docx_table(d, table: Table, repeat_header: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Given a python-docx document and a table model, append the table (its header row repeating on each page if asked)."""
    n_header = 1 if table.header else 0
    t = d.add_table(rows=n_header + len(table.rows), cols=len(table.widths))
    t.style = "Table Grid"
    if repeat_header and n_header:
        _repeat_header(d, t, table.widths)
    for cell, text in zip(t.rows[0].cells if n_header else [], table.header, strict=True):
        _runs(cell.paragraphs[0], text, bold=True)
    for r, (row, model) in enumerate(zip(t.rows[n_header:], table.rows, strict=True)):
        if model.span:
            _runs(row.cells[0].merge(row.cells[-1]).paragraphs[0], model.cells[0][0], bold=model.bold)
            continue
        for c, (cell, paras) in enumerate(zip(row.cells, model.cells, strict=True)):
            if c == 0 and _repeats_above(table, r):
                continue
            for i, text in enumerate(paras):
                _runs(cell.paragraphs[0] if i == 0 else cell.add_paragraph(), text, bold=model.bold)
    for first, last in _merged_runs(table):
        t.cell(n_header + first, 0).merge(t.cell(n_header + last, 0))


def _repeat_header(d, t, widths: tuple[int, ...]) -> None:  # type: ignore[no-untyped-def]
    """Given a document, its new python-docx table and the model's widths, repeat the header row on each page, widths fixed."""
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    t.rows[0]._tr.get_or_add_trPr().append(flag)
    section = d.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin
    t.autofit = False
    for column, w in zip(t.columns, widths, strict=True):
        column.width = int(usable * w / sum(widths))
    for row in t.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = int(usable * w / sum(widths))


def _repeats_above(table: Table, r: int) -> bool:
    """Given a table and a body row index, return whether its first cell is merged into the row above."""
    rows = table.rows
    return table.merge_first and r > 0 and not rows[r].span and not rows[r - 1].span and rows[r].cells[0] == rows[r - 1].cells[0]


def _merged_runs(table: Table) -> list[tuple[int, int]]:
    """Given a table, return the (first, last) body rows of each run of merged first cells longer than one row."""
    runs, start = [], 0
    for r in range(1, len(table.rows) + 1):
        if r == len(table.rows) or not _repeats_above(table, r):
            if r - 1 > start:
                runs.append((start, r - 1))
            start = r
    return runs


def write_docx(layout: Layout, path: Path) -> None:
    """Given a layout, write it as DOCX."""
    d = docx.Document()
    d.core_properties.title = layout.title
    if layout.landscape:
        s = d.sections[0]
        s.orientation, s.page_width, s.page_height = WD_ORIENT.LANDSCAPE, s.page_height, s.page_width
    if any(layout.running):
        _running(d, *layout.running)
    d.add_paragraph(layout.title, style="Title")
    for b in layout.blocks:
        if isinstance(b, Heading):
            d.add_heading(b.text, level=b.level)
        elif isinstance(b, Para):
            _runs(d.add_paragraph(), b.text)
        elif isinstance(b, Bullets):
            for item in b.items:
                _runs(d.add_paragraph(style="List Bullet"), item)
        else:
            _docx_table(d, b, repeat_header=layout.office_pdf)
    d.save(str(path))
    _fix_zip_times(path)


def _running(d, header: str, footer: str) -> None:  # type: ignore[no-untyped-def]
    """Given a document, set its page header text and a footer of the text followed by the page number field."""
    section = d.sections[0]
    section.header.paragraphs[0].text = header
    paragraph = section.footer.paragraphs[0]
    paragraph.text = f"{footer} "
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _fix_zip_times(path: Path) -> None:
    """Given a written DOCX, rewrite its zip entries with one fixed time, so a rebuild gives the same bytes."""
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, compress_type=zipfile.ZIP_DEFLATED)


# --- PDF ----------------------------------------------------------------------------------------

def _pdf_text(pdf: FPDF, text: str, size: float, bold: bool = False, indent: float = 0) -> None:
    """Given a PDF and a paragraph, write it full width below the last one."""
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(0, size * 1.35, text, markdown=True, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(size * 0.5)


def _pdf_table(pdf: FPDF, table: Table, ruled: bool) -> None:
    """Given a PDF and a table model, draw it ruled or not, header bold and repeated on a new page."""
    pdf.set_font("DejaVu", "", 9)
    with pdf.table(col_widths=table.widths, markdown=True, line_height=11.5, text_align="LEFT",
                   first_row_as_headings=bool(table.header), headings_style=FontFace(emphasis="BOLD"),
                   borders_layout="ALL" if ruled else "NONE", gutter_height=0 if ruled else 6) as t:
        if table.header:
            header = t.row()
            for text in table.header:
                header.cell(text)
        spans = {first: last - first + 1 for first, last in _merged_runs(table)}
        for r, model in enumerate(table.rows):
            row = t.row()
            if model.span:
                row.cell(model.cells[0][0], colspan=len(table.widths), style=FontFace(emphasis="BOLD", fill_color=(225, 225, 225)))
                continue
            for c, paras in enumerate(model.cells):
                if c == 0 and _repeats_above(table, r):
                    continue
                row.cell("\n".join(paras), style=FontFace(emphasis="BOLD") if model.bold else None,
                         rowspan=spans.get(r, 1) if c == 0 else 1)
    pdf.ln(8)


def write_pdf(layout: Layout, path: Path, ruled: bool = True) -> None:
    """Given a layout, write it as a PDF (same bytes on every run), its tables ruled or borderless."""
    pdf = FPDF(orientation="L" if layout.landscape else "P", unit="pt", format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=UTC))
    pdf.set_title(layout.title)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(42, 42)
    pdf.set_auto_page_break(True, 42)
    pdf.add_page()
    _pdf_text(pdf, layout.title, 14, bold=True)
    for b in layout.blocks:
        if isinstance(b, Heading):
            _pdf_text(pdf, b.text, 12 if b.level == 1 else 11, bold=True)
        elif isinstance(b, Para):
            _pdf_text(pdf, b.text, 10)
        elif isinstance(b, Bullets):
            for item in b.items:
                _pdf_text(pdf, f"\u2022 {item}", 10, indent=14)
        else:
            _pdf_table(pdf, b, ruled)
    pdf.output(str(path))


# --- TXT ----------------------------------------------------------------------------------------

def _layout_table(table: Table, width: int) -> list[str]:
    """Given a table and a line width, return its lines with columns aligned by spaces."""
    total = sum(table.widths)
    cols = [max(6, w * (width - len(COL_GAP) * (len(table.widths) - 1)) // total) for w in table.widths]
    out: list[str] = []
    header = [tuple((h,) for h in table.header)] if table.header else []
    for cells in [*header, *_printed_rows(table)]:
        if len(cells) == 1:  # a row merged across the table: its text alone on the line
            out += [plain(cells[0][0]), ""]
            continue
        wrapped = [[line for p in paras for line in textwrap.wrap(plain(p), col) or [""]] for paras, col in zip(cells, cols, strict=True)]
        for i in range(max(len(w) for w in wrapped)):
            out.append(COL_GAP.join((w[i] if i < len(w) else "").ljust(col) for w, col in zip(wrapped, cols, strict=True)).rstrip())
        out.append("")
    return out


def _printed_rows(table: Table) -> list[tuple[tuple[str, ...], ...]]:
    """Given a table, return its body rows' cells as printed: a merged first cell only on its first row."""
    return [(("",), *r.cells[1:]) if _repeats_above(table, i) else r.cells for i, r in enumerate(table.rows)]


def _txt_block(b: Block, width: int, tabs: bool) -> list[str]:
    """Given a block, return its text lines (tab rows or aligned columns for a table)."""
    if isinstance(b, Table):
        if not tabs:
            return _layout_table(b, width)
        rows = [b.header] if b.header else []
        rows += [tuple(" ".join(plain(p) for p in paras) for paras in cells) for cells in _printed_rows(b)]
        return ["\t".join(r) for r in rows] + [""]
    if isinstance(b, Bullets):
        return [line for item in b.items for line in textwrap.wrap(f"\u2022 {plain(item)}", width, subsequent_indent="  ")] + [""]
    text = b.text if isinstance(b, Heading) else plain(b.text)
    return [*(textwrap.wrap(text, width) if not tabs else [text]), ""]


def write_txt(layout: Layout, path: Path, tabs: bool = False) -> None:
    """Given a layout, write it as plain text: space-aligned columns, or tab-separated rows."""
    width = TXT_WIDTH[layout.landscape]
    lines = [layout.title, ""] + [line for b in layout.blocks for line in _txt_block(b, width, tabs)]
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")


def write_office_pdf(docx_path: Path, pdf_path: Path, txt_path: Path) -> None:
    """Given a written DOCX, write LibreOffice's PDF of it and `pdftotext -layout` of that PDF."""
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, str(docx_path)], check=True, capture_output=True, timeout=180)
        shutil.copyfile(Path(tmp) / f"{docx_path.stem}.pdf", pdf_path)
    subprocess.run(["pdftotext", "-layout", str(pdf_path), str(txt_path)], check=True, timeout=60)


def write_office_copy(docx_path: Path, suffix: str) -> None:
    """Given a written DOCX and a suffix ("odt", "rtf", "doc", "html"), write LibreOffice's conversion beside it."""
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        target = {"html": "html:XHTML Writer File:UTF8"}.get(suffix, suffix)
        subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target,
                        "--outdir", tmp, str(docx_path)], check=True, capture_output=True, timeout=180)
        shutil.copyfile(Path(tmp) / f"{docx_path.stem}.{suffix}", docx_path.with_suffix(f".{suffix}"))


def main() -> None:
    """Write every layout's documents and gold."""
    (HERE / "docs").mkdir(exist_ok=True)
    (HERE / "gold").mkdir(exist_ok=True)
    only = set(sys.argv[1:])
    for layout in LAYOUTS:
        if only and layout.stem.split('_')[0] not in only:
            continue
        stem = HERE / "docs" / layout.stem
        (HERE / "gold" / f"{layout.stem}.json").write_text(json.dumps(layout.gold(), indent=2, ensure_ascii=False) + "\n",
                                                          encoding="utf-8")
        write_docx(layout, stem.with_suffix(".docx"))
        if layout.office_pdf:
            write_office_pdf(stem.with_suffix(".docx"), stem.with_suffix(".pdf"), stem.with_suffix(".txt"))
        else:
            write_pdf(layout, stem.with_suffix(".pdf"))
            write_txt(layout, stem.with_suffix(".txt"))
        if layout.borderless_pdf:
            write_pdf(layout, stem.parent / f"{layout.stem}_borderless.pdf", ruled=False)
        if layout.tab_txt:
            write_txt(layout, stem.parent / f"{layout.stem}_tab.txt", tabs=True)
        for suffix in layout.formats:
            write_office_copy(stem.with_suffix(".docx"), suffix)
        print(f"wrote {layout.stem}")


if __name__ == "__main__":
    main()
