"""Walk a document's blocks into row drafts under their programme headings.

A draft is one table row (or a row continued over several rows, tables or loose
paragraphs) with its paragraphs sorted by column role; `normalise.tables.records` turns drafts into records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.model import Cell, Document, Paragraph, Table, TextBlock
from extract.prose import LINE_END_STOPS, ends_sentence
from normalise.label_vocab import label_role
from normalise.tables.column_map import ColumnMap
from normalise.tables.evidence import Role
from normalise.tables.grid import table_facts
from normalise.tables.read import MAX_HEADING_WORDS, header_alone, read_table
from normalise.tables.transpose import transposed
from normalise.tables.user_columns import ReadOptions
from normalise.text.clean import clean_text, squash

NO_EXCEPTIONS_RE = re.compile(r"\bno (?:project )?exceptions?\b|^(?:none|nil|n/?a)\.?$", re.I)
# Section numbers of committee reports ("4.", "2.1", "3)") are not part of a programme's name.
_SECTION_NUMBER_RE = re.compile(r"^(\d{1,2}(\.\d{1,2})*[.)]?|[A-H][.)])\s+(?=[A-Z])")
# "Programme: Schools Capital", "Directorate – Place": a group label, then the group's name.
_GROUP_LABEL_RE = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ]{2,30}?)\s*(?::|\s[–—-])\s+(?P<rest>\S.*)$")
# Words of headings that describe an exceptions list rather than name a programme.
_CAPTION_WORDS = frozenset(
    "open closed current new key outstanding live active all project projects scheme schemes saving savings "
    "issue issues risk risks exception exceptions slippage variance variances overspend overspends shortfall "
    "shortfalls delay delays log register summary reporting reported report reports table list and or of the "
    "with a an in at by for on to this quarter month year period latest".split())
# Document furniture, not programmes: captions, appendix titles and page footers ("Table 1: …",
# "Appendix B – …", "Page 51 of 54").
_FURNITURE_RE = re.compile(r"^((appendix|annex|annexe|schedule|table|figure|chart|part)\s+[\w.]{1,4}\b|page\s+\d+(\s+of\s+\d+)?$)", re.I)
# "There are no exceptions within this Programme" is a short row on its own; a longer
# text that says "no exceptions" somewhere is a real exception row.
MAX_NO_EXCEPTIONS_CHARS = 100


@dataclass(slots=True)
class Draft:
    """A table row being assembled; `cols` maps a role to its paragraphs in order."""

    programme: str | None
    colmap: ColumnMap
    cols: dict[int, list[Paragraph]] = field(default_factory=dict)
    inherited_header: bool = False
    tail: bool = False

    def role_paragraphs(self, role: Role) -> list[Paragraph]:
        """Given a role, return the paragraphs of every column with that role, in column order."""
        return [p for idx in self.colmap.columns(role) for p in self.cols.get(idx, [])]

    def add(self, col: int, paragraphs: tuple[Paragraph, ...]) -> None:
        """Given a column and paragraphs continuing it, append them (joining a cut sentence)."""
        have = self.cols.setdefault(col, [])
        new = [p for p in paragraphs if p.text.strip()]
        if have and new and not ends_sentence(have[-1].text, LINE_END_STOPS) and new[0].style == "text":
            have[-1] = join_paragraphs(have[-1], new.pop(0))
        have.extend(new)


@dataclass(slots=True)
class Walk:
    """Everything the block walk found: drafts and programmes that reported no exceptions."""

    drafts: list[Draft] = field(default_factory=list)
    empty_programmes: list[str] = field(default_factory=list)
    tables: list[dict[str, object]] = field(default_factory=list)
    title: str | None = None
    accepted_headers: dict[tuple[str, ...], float] = field(default_factory=dict)
    pending_header: tuple[str, ...] | None = None


def join_paragraphs(first: Paragraph, rest: Paragraph) -> Paragraph:
    """Given a paragraph cut mid-sentence and its continuation, return them as one paragraph.

    >>> join_paragraphs(Paragraph("to deliver", "to deliver"), Paragraph("more income.", "more income.")).text
    'to deliver\\nmore income.'
    """
    return Paragraph(first.text + "\n" + rest.text, first.raw + "\n" + rest.raw, first.style, first.prov + rest.prov)



def heading_text(text: str) -> str | None:
    """Given a short block or merged row, return it as a programme heading, or None.

    >>> heading_text("Interventions for Adults aged 65+:")
    'Interventions for Adults aged 65+'
    >>> heading_text("This document provides further detail on the project exceptions.") is None
    True
    >>> heading_text("4. Libraries and Culture"), heading_text("Table 1: Forecast outturn by service") is None
    ('Libraries and Culture', True)
    >>> heading_text("Page 51 of 54") is None
    True
    >>> heading_text("Programme: Schools Capital"), heading_text("Directorate – Place and Economy")
    ('Schools Capital', 'Place and Economy')
    """
    clean = _without_group_label(_SECTION_NUMBER_RE.sub("", clean_text(text).rstrip(":").strip()))
    if not clean or len(clean.split()) > MAX_HEADING_WORDS or ends_sentence(clean, LINE_END_STOPS) and not clean.endswith(")"):
        return None
    if _FURNITURE_RE.match(clean) or _describes_exceptions(clean):
        return None
    return clean


def _without_group_label(heading: str) -> str:
    """Given a heading, return it without a leading label that says it names the group ("Programme: X", "Directorate – X").

    Registers and capital reports label their programme rows; the label is no part of the name
    (as "Project" is no part of a project's). Group labels are `normalise.label_vocab`'s.
    """
    m = _GROUP_LABEL_RE.match(heading)
    if m is None:
        return heading
    role = label_role(m.group("label"))
    return m.group("rest") if role is not None and role.role == "programme" and not role.inferred else heading


def _describes_exceptions(heading: str) -> bool:
    """Given a heading, return whether it only says what the table below lists ("Open issues",
    "Schemes reporting slippage or overspend"): a caption, not the name of a programme.

    >>> _describes_exceptions("Open issues"), _describes_exceptions("Adults and Health")
    (True, False)
    """
    words = re.findall(r"[a-z]+", heading.lower())
    return bool(words) and all(w in _CAPTION_WORDS for w in words)


def walk(doc: Document, options: ReadOptions | None = None) -> Walk:
    """Given a document, return its row drafts in reading order and a trace of every table."""
    out = Walk(title=(doc.title or "").strip() or None)
    programme: str | None = None
    colmap: ColumnMap | None = None
    blocks = doc.blocks
    masthead = _title_index(blocks, out.title)
    for i, block in enumerate(blocks):
        if isinstance(block, TextBlock):
            if i > masthead:
                programme = _text_block(block, blocks[i + 1 : i + 2], programme, out)
        else:
            colmap, programme = _table(block, colmap, programme, out, options or ReadOptions())
    return out


def _title_index(blocks: tuple[TextBlock | Table, ...], title: str | None) -> int:
    """Given the blocks and the title, return the index of the title block (-1 if none).

    Lines above the title (council name, meeting and date) are the masthead, never programmes.
    """
    for i, block in enumerate(blocks):
        if isinstance(block, Table):
            return -1
        if block.role == "title" or (title and block.text.strip() == title):
            return i
    return -1


def _text_block(block: TextBlock, following: tuple[object, ...], programme: str | None, out: Walk) -> str | None:
    """Given a loose text block, return the programme heading in force after it."""
    if block.role == "title" or block.text.strip() == out.title:
        return programme
    last = out.drafts[-1] if out.drafts else None
    if last is not None and (last.tail or _opens_tail(last, block)):
        if block.role != "heading" or not following or not isinstance(following[0], Table):
            last.tail = True
            last.cols.setdefault(-1, []).append(Paragraph(block.text, block.raw, block.style, block.prov))
            return programme
    heading = heading_text(block.text)
    if heading and (block.role == "heading" or (following and isinstance(following[0], Table))):
        if NO_EXCEPTIONS_RE.search(heading):
            _note_empty(out, programme)
            return programme
        return heading
    if programme and NO_EXCEPTIONS_RE.search(block.text):
        _note_empty(out, programme)
    return programme


def _opens_tail(last: Draft, block: TextBlock) -> bool:
    """Given the last draft and a loose paragraph after its table, return whether it continues the row."""
    if block.role != "paragraph" or last.tail:
        return last.tail
    reason = last.role_paragraphs("combined") or last.role_paragraphs("reason")
    cut = bool(reason) and not ends_sentence(reason[-1].text, LINE_END_STOPS)
    return cut or block.text[:1].islower()


def _note_empty(out: Walk, programme: str | None) -> None:
    """Given a programme that reports no exceptions, remember it once."""
    if programme and programme not in out.empty_programmes:
        out.empty_programmes.append(programme)


def _table(table: Table, colmap: ColumnMap | None, programme: str | None, out: Walk,
           options: ReadOptions) -> tuple[ColumnMap | None, str | None]:
    """Given a table, add its row drafts; return the column map and programme in force after it."""
    table = transposed(table) or table
    alone = header_alone(table)
    if alone is not None:
        out.pending_header = alone
        out.tables.append({**table_facts(table, len(alone)), "header_rows": 1, "header": " | ".join(t for t in alone if t),
                           "columns": [], "accepted": False, "confidence": 0.0, "why": "a header row alone: it heads the table after it"})
        return colmap, programme
    view = read_table(table, colmap, extra_terms=options.extra_terms, forced=options.forced, accepted=out.accepted_headers,
                      header_above=out.pending_header)
    out.pending_header = None
    view.trace["index"] = table.index
    out.tables.append(view.trace)
    if not view.decision.accepted:
        if any(NO_EXCEPTIONS_RE.search(t) and len(t) < MAX_NO_EXCEPTIONS_CHARS for row in view.grid.texts for t in row if t):
            _note_empty(out, programme)
        return None, programme
    if view.trace["header_rows"] and view.decision.header_says:
        out.accepted_headers.setdefault(view.colmap.headers, view.decision.confidence)
    before = len(out.drafts)
    group = view.colmap.index("group")
    grouped: str | None = None  # the programme a group column names, carried down its merged cells
    for r, row in enumerate(table.rows):
        kind = view.kinds[r]
        if kind == "heading":
            programme = _heading_row(view.grid.texts[r], programme, out)
            grouped = None
        elif kind == "data":
            grouped = _group_value(row, group) or grouped
            _data_row(row, view.colmap, grouped or programme, view.inherited, out)
    view.trace["n_record_rows"] = len(out.drafts) - before
    return view.colmap, programme


def _group_value(row: tuple[Cell, ...], group: int | None) -> str | None:
    """Given a data row and the group column (None: the table has none), return the programme its cell names."""
    cell = next((c for c in row if c.col == group), None) if group is not None else None
    if cell is None or cell.is_empty:
        return None
    text = squash(cell.text)
    return heading_text(text) or text


def _heading_row(texts: tuple[str, ...], programme: str | None, out: Walk) -> str | None:
    """Given a sub-heading row's texts, return the programme in force after it (a label cut from its name rejoined)."""
    heading = heading_text(" ".join(t for t in texts if t))
    if heading and NO_EXCEPTIONS_RE.search(heading):
        _note_empty(out, programme)
        return programme
    return heading or programme


def _data_row(row: tuple[Cell, ...], colmap: ColumnMap, programme: str | None, inherited: bool, out: Walk) -> None:
    """Given a data row, start a new draft or continue the previous one."""
    by_col = {c.col: c for c in row}
    key_cell = by_col.get(colmap.key) if colmap.key is not None else None
    last = out.drafts[-1] if out.drafts else None
    row_text = squash(" ".join(c.text for c in row))
    if NO_EXCEPTIONS_RE.search(row_text) and len(row_text) < MAX_NO_EXCEPTIONS_CHARS:
        _note_empty(out, programme)
        return
    if not row_text:
        return
    continues = last is not None and last.colmap.roles == colmap.roles and (
        key_cell is None or key_cell.is_empty or key_cell.text.strip()[:1].islower() or _cut_row(last, by_col)
    )
    if not continues:
        last = Draft(programme=programme, colmap=colmap, inherited_header=inherited)
        out.drafts.append(last)
    assert last is not None
    for cell in row:
        last.add(cell.col, cell.paragraphs)


def _cut_row(last: Draft, by_col: dict[int, Cell]) -> bool:
    """Given the previous draft and a row, return whether the row finishes a row cut by a page break.

    The previous row's prose stops mid-sentence and this row's prose in the same column goes
    on in lower case: the name cell of this row is the rest of the previous name.
    """
    for col in (i for i, r in enumerate(last.colmap.roles) if r in ("reason", "combined", "mitigation")):
        have, cell = last.cols.get(col), by_col.get(col)
        if have and cell is not None and not cell.is_empty:
            return not ends_sentence(have[-1].text, LINE_END_STOPS) and cell.text.strip()[:1].islower()
    return False
