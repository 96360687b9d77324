"""Every shape a key/value form comes in -> one list of form lines (label or '', value, prov).

Readers give a form as a table with a label column and a value column (DOCX, PDF), as a
grid with two label/value pairs per row and long values merged across the right-hand
columns, or, from a text export, as layout lines (label, a run of spaces, value; wrapped
lines indented to the value column), sometimes as a text table whose label cell folds
several rows. `normalise.outside.forms` turns the lines into fields; this module only lines them up.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass

from extract.model import Cell, Paragraph, Prov, Table, TextBlock
from normalise.label_vocab import label_role
from normalise.text.clean import squash

MAX_LABEL_CHARS = 45
# Grids wider than this are tables of records, not forms of label/value pairs.
MAX_FORM_COLS = 6
# Label, then two or more spaces (or a tab), then the value: one line of a text-export form.
_LAYOUT_RE = re.compile(r"^(?P<label>\S(?:.*?\S)?)(?:\s{2,}|\t+)(?P<value>\S.*)$")
_GAP_RE = re.compile(r"\s{2,}|\t+")
# A wrapped label goes on after these ("Recommendation /", "Description of").
_LABEL_GOES_ON_RE = re.compile(r"(?:[/&,\-–]|\b(?:and|or|of|for|to|on|the))$", re.I)


@dataclass(frozen=True, slots=True)
class FormLine:
    """One line (or one table cell pair) of a form: label text ('' = the value goes on), value text, where."""

    label: str
    value: str
    prov: tuple[Prov, ...]
    title: bool = False  # a row merged across the form: a project's or a group's title (`value` holds it)


# A line that is no part of a form: it ends the form it follows.
END = FormLine("\0", "", ())


def label_goes_on(previous: str, label: str) -> bool:
    """Given the label so far and the next label text, return whether the next is its wrapped continuation.

    >>> label_goes_on("Recommendation /", "mitigation"), label_goes_on("Date", "Cause")
    (True, False)
    """
    return label[:1].islower() or bool(_LABEL_GOES_ON_RE.search(previous.strip()))


def table_lines(table: Table) -> tuple[list[FormLine], bool]:
    """Given a table, return its label/value cell pairs as form lines, and whether a label cell was split by guess."""
    if table.n_cols < 2 or table.n_cols % 2 or table.n_cols > MAX_FORM_COLS:
        return [], False
    if len(table.rows) < 2:
        return [], False  # one row of labels is the header of a table, not a form (forms hold a label per row)
    lines: list[FormLine] = []
    guessed = False
    for row in table.rows:
        cells = sorted(row, key=lambda c: c.col)
        if len(cells) < 2 or cells[0].col_span > 1:
            # A row merged across a label | value table titles what follows: a project stacked with
            # others, or their group. (In a wider grid it is a programme row of a table of records.)
            text = squash(cells[0].text) if cells and table.n_cols == 2 else ""
            if text:
                lines += [END, FormLine("", text, cells[0].prov or tuple(pv for p in cells[0].paragraphs for pv in p.prov), title=True), END]
            continue
        for label, value in zip(cells[0::2], cells[1::2], strict=False):
            pair, pair_guessed = _pair_lines(label, value)
            lines.extend(pair)
            guessed |= pair_guessed
    return lines, guessed


def header_line(line: FormLine) -> bool:
    """Given the first line of a candidate form, return whether it is column headers ("Term | Meaning"), not a field.

    >>> header_line(FormLine("Term", "Meaning", ())), header_line(FormLine("Project name", "Damp and Mould Response Team", ()))
    (True, False)
    """
    role = label_role(squash(line.value))
    return role is not None and not role.inferred


def _pair_lines(label: Cell, value: Cell) -> tuple[list[FormLine], bool]:
    """Given a label cell and its value cell, return form lines; a cell holding several labels is split.

    A text export's table can fold several form rows into one (labels "Date / Tolerance /
    Exception" in one cell); the source line numbers put each value line beside its label.
    Without line numbers, one line each goes to all labels but the last.
    """
    labels = _logical_labels([ln for ln in label.text.split("\n") if ln.strip()])
    if len(labels) < 2 or all(label_role(ln) is None for ln in labels[1:]):
        paras = tuple(p for p in value.paragraphs if p.text.strip())
        return [FormLine(squash(label.text), "\n".join(p.text for p in paras), tuple(pv for p in paras for pv in p.prov))], False
    label_lines = list(_numbered_lines(label.paragraphs))
    value_lines = list(_numbered_lines(value.paragraphs))
    if all(n is not None for n, _, _ in label_lines + value_lines):
        return _by_line_number(label_lines, value_lines), False
    texts = [t for _, t, _ in value_lines]
    provs = [p for _, _, p in value_lines]
    k = len(labels) - 1
    out = [FormLine(lab, texts[i] if i < len(texts) else "", provs[i] if i < len(provs) else ()) for i, lab in enumerate(labels[:k])]
    out.append(FormLine(labels[k], "\n".join(texts[k:]), tuple(pv for p in provs[k:] for pv in p)))
    return out, True


def _logical_labels(lines: list[str]) -> list[str]:
    """Given the lines of a label cell, return its labels, a wrapped label's lines joined.

    >>> _logical_labels(["Recommendation /", "mitigation"]), _logical_labels(["Date", "Cause"])
    (['Recommendation / mitigation'], ['Date', 'Cause'])
    """
    labels: list[str] = []
    for line in lines:
        if labels and label_goes_on(labels[-1], line.strip()):
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
                    values: list[tuple[int | None, str, tuple[Prov, ...]]]) -> list[FormLine]:
    """Given label and value lines with source line numbers, return form lines side by side."""
    by_line: dict[int, list[str]] = {}
    provs: dict[int, tuple[Prov, ...]] = {}
    for n, text, _ in labels:
        by_line.setdefault(n or 0, ["", ""])[0] = text.strip()
    for n, text, prov in values:
        by_line.setdefault(n or 0, ["", ""])[1] = text.strip()
        provs[n or 0] = prov
    return [FormLine(by_line[n][0], by_line[n][1], provs.get(n, ())) for n in sorted(by_line)]


def layout_lines(block: TextBlock) -> list[FormLine]:
    """Given a text block from a text export, return its lines as form lines (`END` for a line of no form)."""
    raw = (block.raw or block.text).replace("\f", "")
    lines = raw.split("\n")
    per_line = len(block.prov) == len(lines)
    out: list[FormLine] = []
    for i, line in enumerate(lines):
        parsed = _layout_line(line, (block.prov[i],) if per_line else block.prov)
        if parsed:
            out.extend(parsed)
        elif out:
            out.append(END)
    return out


def _layout_line(line: str, prov: tuple[Prov, ...]) -> list[FormLine]:
    """Given one line of a text export, return its form lines (two for "label  value  label  value"), [] if none."""
    if not line.strip():
        return []
    if line[:1].isspace():
        return [FormLine("", line.strip(), _shift(prov, len(line) - len(line.lstrip())))]
    m = _LAYOUT_RE.match(line)
    if m is not None and len(m.group("label")) <= MAX_LABEL_CHARS:
        return _pairs(m.group("label"), line, m.start("value"), prov)
    text = line.strip()
    if len(text) <= MAX_LABEL_CHARS and (label_role(text) is not None or text[:1].islower()):
        return [FormLine(text, "", ())]
    return []


def _pairs(label: str, line: str, start: int, prov: tuple[Prov, ...]) -> list[FormLine]:
    """Given a layout line's first label and where its value starts, return one form line per label/value pair.

    A gap followed by a field label and another gap starts a second pair
    ("Project name   Library System   Project manager   Jo Reid").
    """
    out: list[FormLine] = []
    pieces = [(m.end(), line[m.end():]) for m in _GAP_RE.finditer(line) if m.end() > start]
    cut = len(line)
    for i, (pos, rest) in enumerate(pieces):
        nxt = pieces[i + 1][0] if i + 1 < len(pieces) else None
        seg = line[pos:nxt].strip() if nxt else rest.strip()
        role = label_role(seg)
        if nxt is not None and role is not None and not role.inferred:
            cut = pos
            out = [FormLine(seg, line[nxt:].strip(), _shift(prov, nxt))]
            break
    value = line[start:cut].rstrip()
    first = FormLine(label, value.strip(), _shift(prov, start, start + len(value) if out else None))
    return [first, *out]


def _shift(prov: tuple[Prov, ...], offset: int, end: int | None = None) -> tuple[Prov, ...]:
    """Given a line's prov, return it narrowed to the text from `offset` (to `end`) on the line."""
    if len(prov) != 1 or prov[0].char_start is None:
        return prov
    start = prov[0].char_start
    return (dataclasses.replace(prov[0], char_start=start + offset, char_end=start + end if end is not None else prov[0].char_end),)
