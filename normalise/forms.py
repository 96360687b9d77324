"""Vertical key/value forms -> one exception record per form.

A form is a label column and a value column ("Project name | ...", "Exception | ...",
"Cause | ...", "Recommendation / mitigation | ..."), as PRINCE2-style exception reports
print one per project. Readers give it as a 2-column table (DOCX, PDF) or, from a text
export, as layout lines (label, a run of spaces, value; wrapped lines indented to the value
column), sometimes as a table whose label cell holds several labels; every shape is turned
into the same fields (`_Line` -> `_Field`) before a form is judged.

A form is an exception record only with a name field and at least one reason-like or
mitigation-like field (labels and their roles are data in `normalise/label_vocab.py`), so a
"Term | Meaning" glossary or a contacts table is no form.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from extract.model import Cell, Document, Paragraph, Prov, Table, TextBlock
from normalise.clean import squash
from normalise.found import Found, RecordSpec, join_texts, record_status
from normalise.label_vocab import INFERRED, LabelRole, label_role

MAX_LABEL_CHARS = 45
MAX_NAME_WORDS = 20
# At least this share of a candidate's labels must be field labels for it to be a form.
MIN_KNOWN_SHARE = 0.5
# Label, then two or more spaces (or a tab), then the value: one line of a text-export form.
_LAYOUT_RE = re.compile(r"^(?P<label>\S(?:.*?\S)?)(?:\s{2,}|\t+)(?P<value>\S.*)$")
# A wrapped label goes on after these ("Recommendation /", "Description of").
_LABEL_GOES_ON_RE = re.compile(r"(?:[/&,\-–]|\b(?:and|or|of|for|to|on|the))$", re.I)


@dataclass(frozen=True, slots=True)
class _Line:
    """One line (or one table row) of a form: label text ('' = continues), value text, where."""

    label: str
    value: str
    prov: tuple[Prov, ...]


@dataclass(slots=True)
class _Field:
    """A label and the paragraphs of its value."""

    label: str
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def role(self) -> LabelRole | None:
        """Given the field, return what its label means."""
        return label_role(self.label)

    @property
    def text(self) -> str:
        """Given the field, return its value as clean text."""
        return join_texts(p.text for p in self.paragraphs)


@dataclass(slots=True)
class _Form:
    fields: list[_Field] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)
    guessed_split: bool = False


def find_forms(doc: Document) -> Found:
    """Given a document, return its key/value forms as records and the blocks they used."""
    forms: list[_Form] = []
    current: _Form | None = None
    for i, block in enumerate(doc.blocks):
        fields, guessed = _block_fields(block)
        if not fields:
            current = None
            continue
        if current is None or _starts_new(current, fields[0]):
            current = _Form()
            forms.append(current)
        current.fields.extend(fields)
        current.blocks.append(i)
        current.guessed_split |= guessed
    found = Found()
    for form in forms:
        record = _record(form)
        if record is not None:
            found.add(form.blocks[0], record, form.blocks)
    return found


def _starts_new(form: _Form, first: _Field) -> bool:
    """Given the form being read and the first field of the next block, return whether a new form starts."""
    role = first.role
    seen = {squash(f.label).lower() for f in form.fields}
    has_name = any(f.role is not None and f.role.role == "name" for f in form.fields)
    return squash(first.label).lower() in seen or (role is not None and role.role == "name" and has_name)


def _block_fields(block: TextBlock | Table) -> tuple[list[_Field], bool]:
    """Given a block, return the form fields it holds (none if it is no form) and whether a label cell was split by guess."""
    if isinstance(block, Table):
        lines, guessed = _table_lines(block)
    elif block.role == "title":
        return [], False
    else:
        lines, guessed = _layout_lines(block), False
    fields = _fields(lines) if lines else []
    labels = [f.role for f in fields]
    known = [r for r in labels if r is not None]
    if not known or len(known) < MIN_KNOWN_SHARE * len(labels):
        return [], False
    return fields, guessed


def _table_lines(table: Table) -> tuple[list[_Line], bool]:
    """Given a table, return its rows as form lines if it has a label column and a value column."""
    if table.n_cols != 2:
        return [], False
    lines: list[_Line] = []
    guessed = False
    for row in table.rows:
        cells = {c.col: c for c in row}
        label, value = cells.get(0), cells.get(1)
        if label is None or value is None or label.col_span > 1:
            continue
        row_lines, row_guessed = _row_lines(label, value)
        lines.extend(row_lines)
        guessed |= row_guessed
    return lines, guessed


def _row_lines(label: Cell, value: Cell) -> tuple[list[_Line], bool]:
    """Given a label cell and its value cell, return form lines; a cell holding several labels is split.

    A text export's table can fold several form rows into one (labels "Date / Tolerance /
    Exception" in one cell); the source line numbers put each value line beside its label.
    Without line numbers, one line each goes to all labels but the last.
    """
    labels = _logical_labels([ln for ln in label.text.split("\n") if ln.strip()])
    if len(labels) < 2 or all(label_role(ln) is None for ln in labels[1:]):
        paras = tuple(p for p in value.paragraphs if p.text.strip())
        return [_Line(squash(label.text), "\n".join(p.text for p in paras), tuple(pv for p in paras for pv in p.prov))], False
    label_lines = list(_numbered_lines(label.paragraphs))
    value_lines = list(_numbered_lines(value.paragraphs))
    if all(n is not None for n, _, _ in label_lines + value_lines):
        return _by_line_number(label_lines, value_lines), False
    texts = [t for _, t, _ in value_lines]
    provs = [p for _, _, p in value_lines]
    k = len(labels) - 1
    out = [_Line(lab, texts[i] if i < len(texts) else "", provs[i] if i < len(provs) else ()) for i, lab in enumerate(labels[:k])]
    out.append(_Line(labels[k], "\n".join(texts[k:]), tuple(pv for p in provs[k:] for pv in p)))
    return out, True


def _logical_labels(lines: list[str]) -> list[str]:
    """Given the lines of a label cell, return its labels, a wrapped label's lines joined.

    >>> _logical_labels(["Recommendation /", "mitigation"]), _logical_labels(["Date", "Cause"])
    (['Recommendation / mitigation'], ['Date', 'Cause'])
    """
    labels: list[str] = []
    for line in lines:
        if labels and _label_goes_on(labels[-1], line.strip()):
            labels[-1] = squash(labels[-1] + " " + line)
        else:
            labels.append(squash(line))
    return labels


def _numbered_lines(paragraphs: tuple[Paragraph, ...]) -> Iterator[tuple[int | None, str, tuple[Prov, ...]]]:
    """Given a cell's paragraphs, yield (source line number or None, text, prov) per text line."""
    for para in paragraphs:
        lines = para.text.split("\n")
        per_line = len(para.prov) == len(lines)
        for i, text in enumerate(lines):
            if text.strip():
                prov = (para.prov[i],) if per_line else para.prov
                yield (prov[0].line if per_line and prov else None), text, prov


def _by_line_number(labels: list[tuple[int | None, str, tuple[Prov, ...]]],
                    values: list[tuple[int | None, str, tuple[Prov, ...]]]) -> list[_Line]:
    """Given label and value lines with source line numbers, return form lines side by side."""
    by_line: dict[int, list[str]] = {}
    provs: dict[int, tuple[Prov, ...]] = {}
    for n, text, _ in labels:
        by_line.setdefault(n or 0, ["", ""])[0] = text.strip()
    for n, text, prov in values:
        by_line.setdefault(n or 0, ["", ""])[1] = text.strip()
        provs[n or 0] = prov
    return [_Line(by_line[n][0], by_line[n][1], provs.get(n, ())) for n in sorted(by_line)]


def _layout_lines(block: TextBlock) -> list[_Line]:
    """Given a text block from a text export, return its lines as form lines (non-form lines as None labels)."""
    raw = (block.raw or block.text).replace("\f", "")
    lines = raw.split("\n")
    per_line = len(block.prov) == len(lines)
    out: list[_Line] = []
    for i, line in enumerate(lines):
        prov = (block.prov[i],) if per_line else block.prov
        parsed = _layout_line(line, prov)
        if parsed is not None:
            out.append(parsed)
        elif out:
            out.append(_Line("\0", "", ()))  # a line that is no part of a form ends one
    return out


def _layout_line(line: str, prov: tuple[Prov, ...]) -> _Line | None:
    """Given one line of a text export, return it as a form line, or None if it reads as no part of a form."""
    if not line.strip():
        return None
    if line[:1].isspace():
        return _Line("", line.strip(), _shift(prov, len(line) - len(line.lstrip())))
    m = _LAYOUT_RE.match(line)
    if m is not None and len(m.group("label")) <= MAX_LABEL_CHARS:
        return _Line(m.group("label"), m.group("value"), _shift(prov, m.start("value")))
    text = line.strip()
    if len(text) <= MAX_LABEL_CHARS and (label_role(text) is not None or text[:1].islower()):
        return _Line(text, "", ())
    return None


def _shift(prov: tuple[Prov, ...], offset: int) -> tuple[Prov, ...]:
    """Given a line's prov, return it narrowed to the text from `offset` on."""
    if len(prov) != 1 or prov[0].char_start is None:
        return prov
    return (dataclasses.replace(prov[0], char_start=prov[0].char_start + offset),)


def _fields(lines: list[_Line]) -> list[_Field]:
    """Given form lines, return fields: a label line starts one, a line without a label continues it.

    A label line starting in lower case, or after a label ending "/" or "of", is the
    label's wrapped second line ("Recommendation /" + "mitigation").
    """
    fields: list[_Field] = []
    for line in lines:
        if line.label == "\0":
            break
        if line.label and not (fields and _label_goes_on(fields[-1].label, line.label)):
            fields.append(_Field(squash(line.label)))
        elif line.label:
            fields[-1].label = squash(fields[-1].label + " " + line.label)
        if not fields:
            continue
        if line.value:
            _add_value(fields[-1], line)
    return fields


def _label_goes_on(previous: str, label: str) -> bool:
    """Given the label so far and the next label text, return whether the next is its wrapped continuation."""
    return label[:1].islower() or bool(_LABEL_GOES_ON_RE.search(previous.strip()))


def _add_value(f: _Field, line: _Line) -> None:
    """Given a field and a line of its value, append the line (one paragraph per field from a text export)."""
    if f.paragraphs and len(line.prov) == 1:
        last = f.paragraphs[-1]
        f.paragraphs[-1] = Paragraph(last.text + "\n" + line.value, last.raw + "\n" + line.value, last.style, last.prov + line.prov)
    else:
        f.paragraphs.append(Paragraph(line.value, line.value, "text", line.prov))


def _record(form: _Form) -> RecordSpec | None:
    """Given a form, return its exception record, or None without a name or an exception field."""
    by_role: dict[str, list[_Field]] = {}
    for f in form.fields:
        role = f.role
        by_role.setdefault(role.role if role else "extra", []).append(f)
    names = [f for f in by_role.get("name", []) if f.text]
    reason = [f for f in by_role.get("reason", []) if f.text]
    mitigation = [f for f in by_role.get("mitigation", []) if f.text]
    if not names or not (reason or mitigation):
        return None
    name = max(names, key=lambda f: f.role.weight if f.role else 0.0)
    if len(name.text.split()) > MAX_NAME_WORDS:
        return None
    used = [name, *reason, *mitigation]
    confidence = min(f.role.weight if f.role and f.role.inferred else 1.0 for f in used)
    programme = [f.text for f in by_role.get("programme", []) if f.text]
    status_fields = [f.text for f in by_role.get("status", [])]
    return RecordSpec(
        programme=programme[0] if programme else None,
        name=name.text, raw_name="\n".join(p.text for p in name.paragraphs),
        reason=[p for f in reason for p in f.paragraphs], mitigation=[p for f in mitigation for p in f.paragraphs],
        status=record_status(status_fields),
        confidence=confidence * (INFERRED if form.guessed_split else 1.0),
        name_prov=tuple(pv for p in name.paragraphs for pv in p.prov),
        extra=tuple((f.label, f.text) for f in form.fields if f not in used and (f.role is None or f.role.role not in ("programme", "status"))),
        trace=tuple(f"{f.label} -> {f.role.role if f.role else 'extra'}" for f in form.fields),
    )
