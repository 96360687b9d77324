"""Walk a document's blocks into row drafts under their programme headings.

A draft is one table row (or a row continued over several rows, tables or loose
paragraphs) with its paragraphs sorted by column role; `rows.py` turns drafts into records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.model import Cell, Document, Paragraph, Table, TextBlock
from normalise.clean import clean_text, squash
from normalise.headers import ColumnMap, Role, map_header

NO_EXCEPTIONS_RE = re.compile(r"\bno (?:project )?exceptions?\b|^(?:none|nil|n/?a)\.?$", re.I)
_TERMINAL_RE = re.compile(r"[.!?)\"'’”]\s*$")
MAX_HEADING_WORDS = 14
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
    notes: list[str] = field(default_factory=list)

    def role_paragraphs(self, role: Role) -> list[Paragraph]:
        """Given a role, return the paragraphs of the first column with that role."""
        idx = self.colmap.index(role)
        return self.cols.get(idx, []) if idx is not None else []

    def add(self, col: int, paragraphs: tuple[Paragraph, ...]) -> None:
        """Given a column and paragraphs continuing it, append them (joining a cut sentence)."""
        have = self.cols.setdefault(col, [])
        new = [p for p in paragraphs if p.text.strip()]
        if have and new and not ends_sentence(have[-1].text) and new[0].style == "text":
            have[-1] = join_paragraphs(have[-1], new.pop(0))
        have.extend(new)


@dataclass(slots=True)
class Walk:
    """Everything the block walk found: drafts and programmes that reported no exceptions."""

    drafts: list[Draft] = field(default_factory=list)
    empty_programmes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def join_paragraphs(first: Paragraph, rest: Paragraph) -> Paragraph:
    """Given a paragraph cut mid-sentence and its continuation, return them as one paragraph.

    >>> join_paragraphs(Paragraph("to deliver", "to deliver"), Paragraph("more income.", "more income.")).text
    'to deliver\\nmore income.'
    """
    return Paragraph(first.text + "\n" + rest.text, first.raw + "\n" + rest.raw, first.style, first.prov + rest.prov)


def ends_sentence(text: str) -> bool:
    """Given text, return whether it ends a sentence (so what follows starts a new one).

    >>> ends_sentence("to deliver"), ends_sentence("cost."), ends_sentence("due to:")
    (False, True, False)
    """
    return bool(_TERMINAL_RE.search(text))


def heading_text(text: str) -> str | None:
    """Given a short block or merged row, return it as a programme heading, or None.

    >>> heading_text("Interventions for Adults aged 65+:")
    'Interventions for Adults aged 65+'
    >>> heading_text("This document provides further detail on the project exceptions.") is None
    True
    """
    clean = clean_text(text).rstrip(":").strip()
    if not clean or len(clean.split()) > MAX_HEADING_WORDS or ends_sentence(clean) and not clean.endswith(")"):
        return None
    return clean


def walk(doc: Document) -> Walk:
    """Given a document, return its row drafts in reading order."""
    out = Walk()
    programme: str | None = None
    colmap: ColumnMap | None = None
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        if isinstance(block, TextBlock):
            programme = _text_block(block, blocks[i + 1 : i + 2], programme, out)
        else:
            colmap, programme = _table(block, colmap, programme, out)
    return out


def _text_block(block: TextBlock, following: tuple[object, ...], programme: str | None, out: Walk) -> str | None:
    """Given a loose text block, return the programme heading in force after it."""
    if block.role == "title":
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
    cut = bool(reason) and not ends_sentence(reason[-1].text)
    return cut or block.text[:1].islower()


def _note_empty(out: Walk, programme: str | None) -> None:
    """Given a programme that reports no exceptions, remember it once."""
    if programme and programme not in out.empty_programmes:
        out.empty_programmes.append(programme)


def _table(table: Table, colmap: ColumnMap | None, programme: str | None, out: Walk) -> tuple[ColumnMap | None, str | None]:
    """Given a table, add its row drafts; return the column map and programme in force after it."""
    inherited = True
    for row in table.rows:
        texts = [c.text for c in row]
        header = map_header(texts) if len(row) > 1 else None
        if header is not None:
            colmap, inherited = header, False
            continue
        if _is_merged_heading(row, table.n_cols):
            heading = heading_text(row[0].text)
            if heading and NO_EXCEPTIONS_RE.search(heading):
                _note_empty(out, programme)
            elif heading:
                programme = heading
            continue
        if colmap is None:
            out.notes.append(f"table {table.index}: no header row recognised; {len(table.rows)} rows skipped")
            return colmap, programme
        _data_row(row, colmap, programme, inherited, out)
    return colmap, programme


def _is_merged_heading(row: tuple[Cell, ...], n_cols: int) -> bool:
    """Given a row, return whether it is one merged cell (or one filled cell) reading as a heading."""
    filled = [c for c in row if not c.is_empty]
    if len(filled) != 1 or n_cols < 2:
        return False
    cell = filled[0]
    return (cell.col_span >= n_cols or len(row) == 1) and heading_text(cell.text) is not None


def _data_row(row: tuple[Cell, ...], colmap: ColumnMap, programme: str | None, inherited: bool, out: Walk) -> None:
    """Given a data row, start a new draft or continue the previous one."""
    key = colmap.index("project") if colmap.has_names else colmap.index("combined")
    by_col = {c.col: c for c in row}
    key_cell = by_col.get(key) if key is not None else None
    last = out.drafts[-1] if out.drafts else None
    row_text = squash(" ".join(c.text for c in row))
    if NO_EXCEPTIONS_RE.search(row_text) and len(row_text) < MAX_NO_EXCEPTIONS_CHARS:
        _note_empty(out, programme)
        return
    continues = last is not None and last.colmap.roles == colmap.roles and (
        key_cell is None or key_cell.is_empty or key_cell.text.strip()[:1].islower()
    )
    if not continues:
        last = Draft(programme=programme, colmap=colmap, inherited_header=inherited)
        out.drafts.append(last)
    assert last is not None
    for cell in row:
        last.add(cell.col, cell.paragraphs)
