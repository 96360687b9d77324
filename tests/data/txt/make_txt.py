"""Regenerate the text fixtures in this folder: `python tests/data/txt/make_txt.py`.

The .txt files are committed; this script documents how each was made so a case can be
rebuilt on purpose. The `pdftotext-*` files need poppler-utils (`apt-get install
poppler-utils`) and are `pdftotext -layout` exports of the PDF fixtures in ../pdf.
Each file is named for the case it pins:

- cp1252.txt: Windows-1252 bytes ("£" is 0xA3, en dash 0x96, curly quotes), tab layout.
- tab-scheme-issue-rag.txt: 4 columns "Scheme / Issue / Action / RAG" under programme
  headings with a trailing tab, a continuation line, a "---" separator, an HTML cell with
  <ul><li> items, a repeated header after a blank line, and a note after the last table.
- column-wrapped.txt: tab layout whose rows are wrapped over many lines (the name runs
  down column 1), with a "•" bullet, a stray "-" marker and a column gap between paragraphs.
- pdftotext-borderless-2-pages.txt: columns by spaces, header repeated on page 2 with a
  row continued over the page break, "•" items.
- pdftotext-rag.txt: columns by spaces, 4 columns with RAG, "- " items after a colon.

The layout, box, pipe and prose fixtures (layout-*.txt, box-*.txt, psql-*.txt,
markdown-*.txt, prose-*.txt, reading-order-*.txt) are written by make_txt_tables.py.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
PDF_DIR = HERE.parent / "pdf"

CP1252 = (
    "Capital Programme Exceptions – Quarter 1\r\n"
    "\r\n"
    "Scheme\tIssue\tAction\r\n"
    "Depot Roof\tCosts rose by £45,000 after the “asbestos” survey.\tThe £45,000 will be met from the contingency.\r\n"
    "Library Lift\tParts are on back order.\tA temporary stair-lift is in place.\r\n"
)

TAB_RAG = """Highways and Transport Programme Issues

Roads Maintenance:\t
Scheme\tIssue\tAction\tRAG
Resurfacing A60\tWet weather stopped work for three weeks.\tNight shifts added in March.\tAmber
\tThe contractor also lost a crew to sickness.\tA second crew is on standby.\t
Pothole Blitz\tNo issues to report.\t\tGreen
---\t---\t---\t---

Scheme\tIssue\tAction\tRAG
Gully Cleaning\tThe new tanker is late.\t<p>Recovery plan:</p><ul><li>hire a tanker</li><li>re-order routes &amp; crews</li></ul>\tRed

Public Transport:\t
Scheme\tIssue\tAction\tRAG
Bus Shelter Renewal\t<i>None</i> of the 40 shelters are late.\tNone needed.\tGreen

Figures are as at 30 June.
"""

WRAPPED = """Libraries Transformation Exceptions

Project\tExplanation\tRemedial Action
Digital\tThe rollout of self-service kiosks was\tA revised rollout plan has
Inclusion\tpaused while the supplier replaced faulty\tbeen agreed with the
Hubs\tcard readers. This affected:\tsupplier.
\t• the six branch libraries that opened\t-
\tin the spring.\tStaff will run drop-in
\tVisitor numbers remain below target.\tsessions until the kiosks
\t\tare fixed.
Mobile\tThe replacement van has not been\tThe old van stays in
Library\tdelivered.\tservice.
"""


def pdftotext(pdf: Path, out: Path) -> None:
    """Given a PDF and a target, write its `pdftotext -layout` export."""
    subprocess.run(["pdftotext", "-layout", str(pdf), str(out)], check=True)


def main() -> None:
    """Write every fixture of this folder."""
    (HERE / "cp1252.txt").write_bytes(CP1252.encode("cp1252"))
    (HERE / "tab-scheme-issue-rag.txt").write_text(TAB_RAG, encoding="utf-8")
    (HERE / "column-wrapped.txt").write_text(WRAPPED, encoding="utf-8")
    pdftotext(PDF_DIR / "borderless-2-pages.pdf", HERE / "pdftotext-borderless-2-pages.txt")
    pdftotext(PDF_DIR / "ruled-landscape-rag.pdf", HERE / "pdftotext-rag.txt")


if __name__ == "__main__":
    main()
