"""One model per invented document: its blocks (what the renderers draw) and its gold records.

Texts may carry `**bold**` runs; the renderers draw them bold (DOCX, PDF) or drop the
markers (TXT), and `plain()` gives the text the gold holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

Cell = tuple[str, ...]  # the paragraphs of one table cell


def plain(text: str) -> str:
    """Given text with **bold** markers, return it without them, whitespace-squashed."""
    return " ".join(text.replace("**", "").split())


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading paragraph (level 1 or 2)."""

    text: str
    level: int = 1


@dataclass(frozen=True, slots=True)
class Para:
    """A body paragraph."""

    text: str


@dataclass(frozen=True, slots=True)
class Bullets:
    """A bulleted list."""

    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Row:
    """A table body row; `bold` for Total and sub-heading rows; `span` for one cell merged across the table."""

    cells: tuple[Cell, ...]
    bold: bool = False
    span: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A table: header cells (none for a label | value form), body rows and relative column widths."""

    header: tuple[str, ...]
    rows: tuple[Row, ...]
    widths: tuple[int, ...]
    merge_first: bool = False  # first-column cells repeating the row above are merged into it (printed once)


Block = Heading | Para | Bullets | Table


@dataclass(frozen=True, slots=True)
class Money:
    """A gold amount: as written, in pounds, the field it is in, its kind and year."""

    text: str
    value_gbp: int | float
    field: str
    kind: str
    fiscal_year: str | None = None


@dataclass(frozen=True, slots=True)
class Record:
    """A gold exception row."""

    project: str
    reason: str
    mitigation: str
    programme: str | None = None
    status: str | None = None
    amounts: tuple[Money, ...] = ()
    fiscal_years: tuple[str, ...] = ()
    notes: str = ""
    date: str = ""  # the row's date-column cell, whose financial year is a year of the row (not in the gold)

    def check(self) -> None:
        """Raise ValueError if a text amount or a fiscal year is not written in its field (or the date cell)."""
        for a in self.amounts:
            if a.field != "table" and a.text not in getattr(self, a.field):
                raise ValueError(f"{self.project}: {a.text!r} not in {a.field}")
        both = f"{self.reason} {self.mitigation} {self.date}"
        for fy in self.fiscal_years:
            start, end = fy.split("/")
            if not re.search(rf"{start}\s*[/-]\s*(20)?{end}\b", both):
                raise ValueError(f"{self.project}: {fy} not written in reason, mitigation or date")


@dataclass(frozen=True, slots=True)
class Layout:
    """One invented document: file stem, title, period, blocks and the gold it must give."""

    stem: str
    title: str
    report_period: str
    notes: str
    blocks: tuple[Block, ...]
    records: tuple[Record, ...] = ()
    landscape: bool = False
    tab_txt: bool = False  # also write <stem>_tab.txt (one line per row, cells by tabs)
    borderless_pdf: bool = False  # also write <stem>_borderless.pdf (tables without ruling lines)
    office_pdf: bool = False  # PDF by LibreOffice from the DOCX (rows break across pages), text by pdftotext -layout of it
    formats: tuple[str, ...] = ()  # also write the DOCX converted by LibreOffice to these ("odt", "rtf", "doc", "html")
    running: tuple[str, str] = ("", "")  # DOCX page header and footer text (the footer ends with "Page N"), if any

    def gold(self) -> dict[str, Any]:
        """Return the gold answer key in the schema of shared/corpus/gold/*.json."""
        for r in self.records:
            r.check()
        return {
            "document": f"{self.stem}.docx",
            "title": self.title,
            "report_period": self.report_period,
            "programmes_without_exceptions": [],
            "notes": self.notes,
            "exceptions": [
                {"programme": r.programme, "project": r.project, "reason": r.reason, "mitigation": r.mitigation,
                 "status": r.status,
                 "amounts": [{"text": a.text, "value_gbp": a.value_gbp, "field": a.field, "fiscal_year": a.fiscal_year,
                              "kind": a.kind} for a in r.amounts],
                 "fiscal_years": list(r.fiscal_years), "notes": r.notes}
                for r in self.records
            ],
        }
