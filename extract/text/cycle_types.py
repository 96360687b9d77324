"""Paragraphs of a reading-order text export (plain `pdftotext`, pdfminer) and the type of each.

A reading-order export writes a table one cell per paragraph, row after row, so the table
shows as a cycle of paragraph types: a figure, a reference code, a RAG word, a date, short
text or long prose. Types are shape only (no known words beyond the RAG colours, which
are shape in every tracker); `is_label` is the shape of a header cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.prose import CLAUSE_STOPS, ends_sentence

# A figure or nil as a money or count column writes it: "4.20", "(0.30)", "-0.20", "1,200", "£850k", "-".
_FIGURE = re.compile(r"^(?:[-–—]|n/?a|nil|[-–]?\(?[-–]?£?\d[\d,]*(?:\.\d+)?\)?%?[kmKM]?)$", re.IGNORECASE)
# A reference code of a register or tracker: "ASC-03", "HW12", "CS 4", "R/07b".
_CODE = re.compile(r"^[A-Z]{1,5}[-/ .]?\d{1,4}[a-z]?$")
# RAG and status colours as trackers print them alone in a cell.
_RAG = frozenset({"red", "amber", "green", "blue", "red/amber", "amber/red", "amber/green", "green/amber", "black"})
# A date alone in a cell: "31/03/2022", "March 2020", "Q3 2021/22", "Jan-23".
_DATE = re.compile(r"^(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|(?:\d{1,2} )?[A-Z][a-z]{2,8}[ -]\d{2,4}|Q[1-4] \d{4}(?:[/-]\d{2})?)$")
# A year or unit token a header may hold ("2019/20", "£000", "£m", "(£k)").
_HEADER_TOKEN = re.compile(r"^\(?(?:\d{4}(?:[/-]\d{2,4})?|£'?0{3}s?|£[km]|£)\)?$", re.IGNORECASE)
MAX_SHORT_WORDS = 8  # a cell of more words is prose
MAX_LABEL_WORDS = 6  # header cells are short
MAX_PAGE_DIGITS = 4


@dataclass(frozen=True, slots=True)
class Line:
    """One source line of a paragraph: 1-based number, offset of its text, its text (stripped)."""

    number: int
    start: int
    text: str


@dataclass(frozen=True, slots=True)
class Para:
    """A blank-line-parted paragraph of the export, the page it sits on and its shape."""

    lines: tuple[Line, ...]
    page: int
    kind: str
    label: bool

    @property
    def text(self) -> str:
        """Given the paragraph, return its lines joined by newlines."""
        return "\n".join(line.text for line in self.lines)

    @property
    def key(self) -> str:
        """Given the paragraph, return its words lower-cased, to recognise a repeated header cell."""
        return " ".join(self.text.lower().split())


def kind_of(text: str) -> str:
    """Given a paragraph's text, return its type: F figure, C code, R RAG, D date, S short text, P prose.

    >>> [kind_of(t) for t in ["(0.30)", "-", "ASC-03", "Amber", "March 2020", "Head of Waste", "Late. Chased."]]
    ['F', 'F', 'C', 'R', 'D', 'S', 'P']
    """
    flat = " ".join(text.split())
    if _FIGURE.match(flat):
        return "F"
    if _CODE.match(flat):
        return "C"
    if flat.lower() in _RAG:
        return "R"
    if _DATE.match(flat):
        return "D"
    if len(flat.split()) > MAX_SHORT_WORDS or ends_sentence(flat, CLAUSE_STOPS):
        return "P"
    return "S"


def is_label(text: str) -> bool:
    """Given a paragraph's text, return whether it is shaped like a header cell.

    Short, no sentence end, starting with a capital, a digit or £, and digits only in year
    and unit tokens ("2019/20 £000"): a figure, a code or a RAG word is data, not a label.

    >>> is_label("Approved\\nbudget £m"), is_label("2019/20 £000"), is_label("850"), is_label("Roof leak in 2 halls")
    (True, True, False, False)
    """
    flat = " ".join(text.split())
    words = flat.split()
    if not words or len(words) > MAX_LABEL_WORDS or kind_of(flat) != "S" or flat.endswith(":"):
        return False
    if not (flat[0].isupper() or flat[0].isdigit() or flat[0] in "£("):
        return False
    return all(not any(ch.isdigit() for ch in w) or _HEADER_TOKEN.match(w) for w in words)


def make_para(lines: list[Line] | tuple[Line, ...], page: int) -> Para:
    """Given a paragraph's lines and page, return the typed paragraph."""
    text = "\n".join(line.text for line in lines)
    return Para(tuple(lines), page, kind_of(text), is_label(text))


def paragraphs(raws: list[tuple[int, int, str]]) -> list[Para]:
    """Given (number, offset, text) lines, return the blank-line-parted paragraphs; a form feed starts a page.

    >>> [(p.text, p.page, p.kind) for p in paragraphs([(1, 0, "Ref"), (2, 4, ""), (3, 5, "\\fASC-03")])]
    [('Ref', 1, 'S'), ('ASC-03', 2, 'C')]
    """
    out: list[Para] = []
    open_lines: list[Line] = []
    page, open_page = 1, 1
    for number, start, raw in raws:
        page += raw.count("\f")
        spaced = raw.replace("\f", " ")
        text = spaced.strip()
        if not text:
            out += [make_para(open_lines, open_page)] if open_lines else []
            open_lines = []
            continue
        if open_lines and page != open_page:
            out += [make_para(open_lines, open_page)] if open_lines else []
            open_lines = []
        if not open_lines:
            open_page = page
        open_lines.append(Line(number, start + spaced.find(text), text))
    out += [make_para(open_lines, open_page)] if open_lines else []
    return _page_numbers(out)


def _page_numbers(paras: list[Para]) -> list[Para]:
    """Given the paragraphs, retype a bare number that ends or starts a page as N (page number)."""
    out = list(paras)
    for i, para in enumerate(paras):
        edge = i + 1 == len(paras) or paras[i + 1].page != para.page or i == 0 or paras[i - 1].page != para.page
        if edge and para.text.isdigit() and len(para.text) <= MAX_PAGE_DIGITS:
            out[i] = Para(para.lines, para.page, "N", False)
    return out
