"""Vertical key/value forms -> one exception record per form.

A form is a label column and a value column ("Project name | ...", "Exception | ...",
"Cause | ...", "Recommendation / mitigation | ..."), as PRINCE2-style exception reports
print one per project. `normalise.outside.form_lines` lines up every shape readers give it in
(2- or 4-column tables, text-export layout lines, folded label cells); here the lines become
fields (`FormLine` -> `_Field`), consecutive blocks of fields become forms, and a form is judged.

A form is an exception record only with a name field and at least one reason-like or
mitigation-like field (labels and their roles are data in `normalise/label_vocab.py`), so a
"Term | Meaning" glossary or a contacts table is no form.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.model import Document, Paragraph, Prov, Table, TextBlock
from normalise.label_vocab import INFERRED, TEXT_ROLES, LabelRole, label_role
from normalise.outside.form_lines import END, FormLine, header_line, label_goes_on, layout_lines, table_lines
from normalise.outside.form_titles import Title, block_title, resolve, table_title
from normalise.outside.found import Found, RecordSpec, join_texts, record_status
from normalise.tables.grid import table_facts
from normalise.tables.transpose import transposed
from normalise.text.clean import squash

MAX_NAME_WORDS = 20
# A name field longer than this that ends with a full stop is a sentence (a glossary's definition).
MAX_SENTENCE_NAME_WORDS = 6
# At least this share of a candidate's labels must be field labels for it to be a form.
MIN_KNOWN_SHARE = 0.5
# Confidence of a form whose project is named by a title over it, not by a name field.
CONF_TITLE_NAME = 0.9


@dataclass(slots=True)
class _Field:
    """A label and the paragraphs of its value."""

    label: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    title: bool = False  # a row merged across the form: its text is the title of what follows

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
    titles: list[Title] = field(default_factory=list)  # met since the form before (`normalise.outside.form_titles`)
    name_title: Title | None = None
    group: str | None = None


def find_forms(doc: Document) -> Found:
    """Given a document, return its key/value forms as records and the blocks they used."""
    forms = _collect(doc)
    _resolve_titles(forms)
    found = Found()
    traces: dict[int, dict[str, object]] = {}
    for form in forms:
        record = _record(form)
        if record is not None:
            found.add(form.blocks[0], record, form.blocks)
            for table in (b for b in (doc.blocks[i] for i in form.blocks) if isinstance(b, Table)):
                _add_trace(traces, table, record)
    found.tables = list(traces.values())
    return found


@dataclass(slots=True)
class _Collector:
    """The walk over blocks: forms so far, the one being filled, titles met since the last form started."""

    forms: list[_Form] = field(default_factory=list)
    current: _Form | None = None
    pending: list[Title] = field(default_factory=list)

    def title(self, title: Title | None) -> None:
        """Given a title (None: a caption), end the form being filled and keep the title for the next one."""
        self.pending += [title] if title is not None else []
        self.current = None

    def add(self, f: _Field, block: int, guessed: bool) -> None:
        """Given a field of a block, add it to the form being filled or to a new one."""
        if self.current is None or _starts_new(self.current, f):
            self.current, self.pending = _Form(titles=self.pending), []
            self.forms.append(self.current)
        self.current.fields.append(f)
        if block not in self.current.blocks:
            self.current.blocks.append(block)
        self.current.guessed_split |= guessed


def _collect(doc: Document) -> list[_Form]:
    """Given a document, return its candidate forms in reading order, each with the titles met over it."""
    walk = _Collector()
    for i, block in enumerate(doc.blocks):
        title = block_title(block, doc.blocks[i + 1 : i + 2], i)
        if title is not None:
            walk.title(title)
            continue
        for fields, guessed in _block_fields(block):
            if not fields:
                walk.current = None
                if isinstance(block, TextBlock):
                    walk.pending = []  # running text: the titles above it title no form
            for f in fields:  # one table or text block may hold several forms
                if f.title:
                    walk.title(table_title(f.text, f.paragraphs[0].prov))
                else:
                    walk.add(f, i, guessed)
    return walk.forms


def _resolve_titles(forms: list[_Form]) -> None:
    """Given the forms in reading order, set each one's name title (if it has no name field) and group."""
    group: str | None = None
    for form in forms:
        named = any(f.role is not None and f.role.role == "name" and f.text for f in form.fields)
        form.name_title, group = resolve(form.titles, named, group)
        form.group = group
        if form.name_title is not None and form.name_title.block is not None:
            form.blocks.insert(0, form.name_title.block)


def _add_trace(traces: dict[int, dict[str, object]], table: Table, spec: RecordSpec) -> None:
    """Given the traces so far, a table read as (part of) a form and the form's record, add or extend its trace."""
    have = traces.get(table.index)
    if have is None:
        traces[table.index] = _trace(table, spec)
    else:  # one table holding several forms
        have["n_record_rows"] = int(str(have["n_record_rows"])) + 1
        have["why"] = f"{have['why']} | key/value form of {spec.name!r}: " + "; ".join(spec.trace)


def _trace(table: Table, spec: RecordSpec) -> dict[str, object]:
    """Given a table read as (part of) a form and the form's record, return its `tables` output row."""
    columns = [{"col": i, "header": "", "role": "label" if i % 2 == 0 else "value", "score": None} for i in range(table.n_cols)]
    return {
        **table_facts(table),
        "header_rows": 0, "header": "", "columns": columns, "accepted": True, "confidence": round(spec.confidence, 3),
        "why": f"key/value form of {spec.name!r}: " + "; ".join(spec.trace), "inherited": False,
        "n_data_rows": len(table.rows), "n_record_rows": 1,
    }


def _starts_new(form: _Form, first: _Field) -> bool:
    """Given the form being read and the next field, return whether it starts a new form.

    A second name starts one, and so does a repeated label of any other kind than
    reason or mitigation ("Reference", "Date"): a form may list several "Action" rows.
    """
    role = first.role
    if role is not None and role.role == "name":
        return any(f.role is not None and f.role.role == "name" for f in form.fields)
    seen = {squash(f.label).lower() for f in form.fields}
    return squash(first.label).lower() in seen and (role is None or role.role not in TEXT_ROLES)


def _block_fields(block: TextBlock | Table) -> list[tuple[list[_Field], bool]]:
    """Given a block, return the fields of each run of form lines in it ([] fields for a run that is no form).

    Each item also says whether a label cell was split by guess. A text block holds
    several runs when lines of no form (a heading) part two forms without a blank line.
    """
    if isinstance(block, Table):
        if transposed(block) is not None:
            return [([], False)]  # one column per project: a table turned, not label | value pairs
        lines, guessed = table_lines(block)
    elif block.role == "title":
        return [([], False)]
    else:
        lines, guessed = layout_lines(block), False
    runs: list[list[FormLine]] = [[]]
    for line in lines:
        if line == END:
            runs.append([])
        else:
            runs[-1].append(line)
    while len(runs) > 1 and not runs[-1]:
        runs.pop()  # lines of no form after the last form line end nothing the next block may continue
    return [(_run_fields(run) if run else [], guessed) for run in runs]


def _run_fields(lines: list[FormLine]) -> list[_Field]:
    """Given a run of form lines, return its fields, or [] if too few of its labels are field labels (a title alone: its field)."""
    if lines[0].title:
        return [_Field("", [Paragraph(lines[0].value, lines[0].value, "text", lines[0].prov)], title=True)]
    if header_line(lines[0]):
        return []
    fields = _fields(lines)
    labels = [f.role for f in fields]
    known = [r for r in labels if r is not None]
    if not known or len(known) < MIN_KNOWN_SHARE * len(labels):
        return []
    return fields


def _fields(lines: list[FormLine]) -> list[_Field]:
    """Given form lines, return fields: a label line starts one, a line without a label continues it.

    A label line starting in lower case, or after a label ending "/" or "of", is the
    label's wrapped second line ("Recommendation /" + "mitigation").
    """
    fields: list[_Field] = []
    for line in lines:
        if line.label and not (fields and label_goes_on(fields[-1].label, line.label)):
            fields.append(_Field(squash(line.label)))
        elif line.label:
            fields[-1].label = squash(fields[-1].label + " " + line.label)
        if not fields:
            continue
        if line.value:
            _add_value(fields[-1], line)
    return fields


def _add_value(f: _Field, line: FormLine) -> None:
    """Given a field and a line of its value, append the line (one paragraph per field from a text export)."""
    if f.paragraphs and len(line.prov) == 1:
        last = f.paragraphs[-1]
        f.paragraphs[-1] = Paragraph(last.text + "\n" + line.value, last.raw + "\n" + line.value, last.style, last.prov + line.prov)
    else:
        f.paragraphs.append(Paragraph(line.value, line.value, "text", line.prov))


def _reads_as_name(text: str) -> bool:
    """Given a name field's text, return whether it reads as a name, not a definition or a sentence.

    >>> _reads_as_name("Waste Collection Round Optimisation"), _reads_as_name("A temporary organisation set up to deliver a change.")
    (True, False)
    """
    words = text.split()
    return len(words) <= MAX_NAME_WORDS and not (len(words) > MAX_SENTENCE_NAME_WORDS and text.rstrip().endswith("."))


def _name(names: list[_Field], title: Title | None) -> tuple[str, str, tuple[Prov, ...]] | None:
    """Given a form's name fields (strongest label first) and its name title, return (name, as written, where), or None."""
    if not names:
        return (title.text, title.raw, title.prov) if title is not None else None
    name = max(names, key=lambda f: f.role.weight if f.role else 0.0)
    if not _reads_as_name(name.text):
        return None
    return name.text, "\n".join(p.text for p in name.paragraphs), tuple(pv for p in name.paragraphs for pv in p.prov)


def _record(form: _Form) -> RecordSpec | None:
    """Given a form, return its exception record, or None without a name or an exception field."""
    by_role: dict[str, list[_Field]] = {}
    for f in form.fields:
        role = f.role
        by_role.setdefault(role.role if role else "extra", []).append(f)
    names = [f for f in by_role.get("name", []) if f.text]
    reason = [f for f in by_role.get("reason", []) if f.text]
    mitigation = [f for f in by_role.get("mitigation", []) if f.text]
    if not (names or form.name_title) or not (reason or mitigation):
        return None
    name = _name(names, form.name_title)
    if name is None:
        return None
    used = [*names[:1], *reason, *mitigation]
    confidence = min(f.role.weight if f.role and f.role.inferred else 1.0 for f in used) * (1.0 if names else CONF_TITLE_NAME)
    programme = [f.text for f in by_role.get("programme", []) if f.text]
    status_fields = [f.text for f in by_role.get("status", [])]
    return RecordSpec(
        programme=programme[0] if programme else form.group,
        name=name[0], raw_name=name[1],
        reason=[p for f in reason for p in f.paragraphs], mitigation=[p for f in mitigation for p in f.paragraphs],
        status=record_status(status_fields),
        confidence=confidence * (INFERRED if form.guessed_split else 1.0),
        name_prov=name[2],
        extra=tuple((f.label, f.text) for f in form.fields
                    if f.text and f not in used and (f.role is None or f.role.role not in ("programme", "status"))),
        trace=tuple(f"{f.label} -> {f.role.role if f.role else 'extra'}" for f in form.fields),
    )
