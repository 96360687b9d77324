"""Labelled paragraphs under item headings, and workstream/highlight blocks -> one record per item.

Two kinds of document print exceptions as text rather than tables:

- committee reports: numbered item lines ("4.1 Library self-service kiosks (Amber)", "2)",
  "(a)") under section headings ("4. Libraries and Culture"), each followed by labelled
  paragraphs ("Issue: ...", "Action: ...");
- highlight reports: a heading or a "Workstream: X" line, a status line, then bulleted
  issues and bulleted actions under lead-in lines of their own ("Issues:", "Key issues").

An item heading is a short heading-like line followed at once by a field label (labels are
data in `normalise/label_vocab.py`); a heading-like line that is not is a section heading,
whose text (number removed) is the programme of the items under it. A label that is a role
word is a field, never a project name. An item is a record only if one of its reason-like or
mitigation-like labels is a strong one, so "Background:" and "Next steps:" paragraphs in a
prose report make none. Readers differ: a text export may print an item heading and its first
label in one paragraph, so blocks are cut into units at numbered, bulleted and labelled lines.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from extract.model import Document, Paragraph, Prov, TextBlock
from normalise.clean import BULLET_CHARS, squash
from normalise.found import Found, RecordSpec, field_status, join_texts, record_status
from normalise.label_vocab import STRONG, TEXT_ROLES, LabelRole, label_role

MAX_HEADING_WORDS = 15
MAX_HEADING_CHARS = 120
# A line this short that reads as a heading ends its unit even inside one text block.
MAX_SHORT_LINE = 60
MAX_LABEL_CHARS = 50
# Confidence of an item whose field took an unlabelled paragraph (the gold convention, but inferred).
CONF_CONTINUED = 0.9
_NUMBER_RE = re.compile(r"^\s*(?P<num>\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)]|\(\d{1,2}\)|\(?[a-z]\)|\([ivx]{1,4}\)|[A-Z]\.)\s+(?=\S)")
_BULLET_RE = re.compile(rf"^\s*[{re.escape(BULLET_CHARS)}]\s+")
_COLON_LABEL_RE = re.compile(rf"^(?P<label>[A-Z][^:\n]{{0,{MAX_LABEL_CHARS}}}?)\s*:\s*(?P<rest>.*)$", re.DOTALL)
_DASH_LABEL_RE = re.compile(rf"^(?P<label>[A-Z][^:\n–—-]{{0,{MAX_LABEL_CHARS}}}?)\s+[–—-]\s+(?P<rest>\S.*)$", re.DOTALL)
_STATUS_SUFFIX_RE = re.compile(r"\s*(?:\((?P<p>[^()]{1,40})\)|\[(?P<b>[^\[\]]{1,40})\]|[–—-]\s+(?P<d>[A-Za-z /]{1,30}))\s*$")
_TERMINAL_RE = re.compile(r"[.,;:!?]$")


@dataclass(frozen=True, slots=True)
class _Unit:
    """A paragraph-sized piece of text: a whole block, or the lines of a block between cuts."""

    text: str
    block: int
    prov: tuple[Prov, ...]
    heading: bool = False
    bullet: bool = False
    barrier: bool = False


@dataclass(frozen=True, slots=True)
class _Label:
    role: LabelRole
    label: str
    rest: str


@dataclass(slots=True)
class _ItemField:
    role: LabelRole
    label: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    lead_in: bool = False


@dataclass(slots=True)
class _Item:
    name: str
    raw_name: str
    programme: str | None
    status: str | None
    block: int
    prov: tuple[Prov, ...]
    fields: list[_ItemField] = field(default_factory=list)
    blocks: set[int] = field(default_factory=set)
    continued: bool = False


def find_items(doc: Document) -> Found:
    """Given a document, return its labelled items as records and the blocks they used."""
    reader = _Reader(Found())
    units = list(_units(doc))
    for i, unit in enumerate(units):
        reader.read(unit, units[i + 1] if i + 1 < len(units) else None)
    reader.close(flush=False)
    return reader.found


@dataclass(slots=True)
class _Reader:
    """The walk over units: the programme in force, the item being read and paragraphs not yet placed."""

    found: Found
    programme: str | None = None
    item: _Item | None = None
    pending: list[_Unit] = field(default_factory=list)

    def read(self, unit: _Unit, following: _Unit | None) -> None:
        """Given a unit and the one after it, update the walk."""
        label = field_label(unit.text)
        if unit.barrier:
            self.close(flush=False)
        elif label is not None and label.role.role == "name" and label.rest:
            self.close(flush=True)
            self.item = _Item(label.rest, label.rest, self.programme, None, unit.block, unit.prov, blocks={unit.block})
        elif label is not None:
            self._field(label, unit)
        elif heading_like(unit.text):
            self._heading(unit, following)
        elif _NUMBER_RE.match(unit.text):
            self.close(flush=False)  # numbered prose ("7.1 The exceptions above ...") ends the item
        else:
            self._paragraph(unit)

    def _heading(self, unit: _Unit, following: _Unit | None) -> None:
        """Given a heading-like unit, start an item if a field label follows, else a section."""
        nxt = field_label(following.text) if following is not None else None
        self.close(flush=True)
        if nxt is not None and nxt.role.role in TEXT_ROLES | {"status"}:
            name, status = item_name(unit.text)
            self.item = _Item(name, unit.text, self.programme, status, unit.block, unit.prov, blocks={unit.block})
        else:
            self.programme = item_name(unit.text)[0] or None

    def _field(self, label: _Label, unit: _Unit) -> None:
        """Given a labelled unit, open a field of the current item (a label with no item open is ignored)."""
        if self.item is None:
            return
        self._flush()
        f = _ItemField(label.role, label.label, lead_in=not label.rest)
        if label.rest:
            f.paragraphs.append(Paragraph(label.rest, unit.text, "text", _label_prov(unit, label)))
        self.item.fields.append(f)
        self.item.blocks.add(unit.block)

    def _paragraph(self, unit: _Unit) -> None:
        """Given an unlabelled paragraph, add it to the open field: bullets and lead-in text at once, prose when a label follows."""
        if self.item is None or not self.item.fields:
            return
        last = self.item.fields[-1]
        if unit.bullet or (last.lead_in and not last.paragraphs and not self.pending):
            self._flush()
            last.paragraphs.append(_as_paragraph(unit))
            self.item.blocks.add(unit.block)
        else:
            self.pending.append(unit)

    def _flush(self) -> None:
        """Given unlabelled paragraphs held back, add them to the item's last field (another label or item followed)."""
        if self.item is not None and self.item.fields and self.pending:
            self.item.fields[-1].paragraphs.extend(_as_paragraph(u) for u in self.pending)
            self.item.blocks.update(u.block for u in self.pending)
            self.item.continued = True
        self.pending = []

    def close(self, *, flush: bool) -> None:
        """Given the walk, finish the current item (held-back paragraphs join it only if `flush`)."""
        if flush:
            self._flush()
        self.pending = []
        if self.item is not None:
            spec = _spec(self.item)
            if spec is not None:
                self.found.add(self.item.block, spec, self.item.blocks)
        self.item = None


def _spec(item: _Item) -> RecordSpec | None:
    """Given an item, return its record spec, or None when no strong reason or mitigation label holds text."""
    texts = [f for f in item.fields if f.role.role in TEXT_ROLES and f.paragraphs]
    if not item.name or not any(f.role.weight >= STRONG for f in texts):
        return None
    statuses = [join_texts(p.text for p in f.paragraphs) for f in item.fields if f.role.role == "status"]
    confidence = min((f.role.weight for f in texts if f.role.inferred), default=1.0) * (CONF_CONTINUED if item.continued else 1.0)
    return RecordSpec(
        programme=item.programme,
        name=item.name, raw_name=item.raw_name,
        reason=[p for f in texts if f.role.role == "reason" for p in f.paragraphs],
        mitigation=[p for f in texts if f.role.role == "mitigation" for p in f.paragraphs],
        status=item.status or record_status(statuses),
        confidence=confidence,
        name_prov=item.prov,
        extra=tuple((f.label, join_texts(p.text for p in f.paragraphs)) for f in item.fields if f.role.role == "ignored"),
        trace=tuple(f"{f.label} -> {f.role.role}" for f in item.fields),
        flags=("unlabelled paragraph joined to the field above it",) if item.continued else (),
    )


def field_label(text: str) -> _Label | None:
    """Given a unit's text, return its field label if it opens with one ("Issue: ...", a lead-in "Key issues").

    >>> field_label("Issue: The supplier was late.").role.role
    'reason'
    >>> field_label("Remedial action: Hire a second gang.").rest
    'Hire a second gang.'
    >>> field_label("Key issues").role.role, field_label("Risks and issues:").rest
    ('reason', '')
    >>> field_label("Children's Services: the number of children rose") is None
    True
    """
    clean = squash(text)
    whole = label_role(clean.rstrip(":"))
    if whole is not None and not whole.inferred and whole.role != "name":
        return _Label(whole, clean.rstrip(": "), "")
    for pattern, inferred_ok in ((_COLON_LABEL_RE, True), (_DASH_LABEL_RE, False)):
        m = pattern.match(text.strip())
        if m is None:
            continue
        role = label_role(m.group("label"))
        if role is not None and (not role.inferred or inferred_ok and role.role in TEXT_ROLES):
            return _Label(role, squash(m.group("label")), m.group("rest").strip())
    return None


def heading_like(text: str) -> bool:
    """Given a unit's text, return whether it reads as a heading: short, one line, no sentence end.

    >>> heading_like("4.1 Library self-service kiosks (Amber)"), heading_like("1.1 To update the Committee on the projects.")
    (True, False)
    """
    clean = squash(text)
    if not clean or "\n" in text.strip() or len(clean) > MAX_HEADING_CHARS or len(clean.split()) > MAX_HEADING_WORDS:
        return False
    return not _TERMINAL_RE.search(clean) and (clean[:1].isupper() or clean[:1].isdigit() or clean[:1] == "(")


def item_name(text: str) -> tuple[str, str | None]:
    """Given an item heading, return (name without number or status, status lower-case or None).

    >>> item_name("4.1 Library self-service kiosks (Amber)")
    ('Library self-service kiosks', 'amber')
    >>> item_name("(b) Care and Support Centres (CSC)")
    ('Care and Support Centres (CSC)', None)
    >>> item_name("4. Libraries and Culture:")
    ('Libraries and Culture', None)
    """
    name = _NUMBER_RE.sub("", squash(text), count=1).strip().rstrip(":").strip()
    m = _STATUS_SUFFIX_RE.search(name)
    if m is not None:
        status = field_status(m.group("p") or m.group("b") or m.group("d"))
        if status is not None:
            return name[: m.start()].strip(), status
    return name, None


def _units(doc: Document) -> Iterator[_Unit]:
    """Given a document, yield its text as units in reading order, a table as a barrier."""
    for i, block in enumerate(doc.blocks):
        if not isinstance(block, TextBlock):
            yield _Unit("", i, (), barrier=True)
        elif block.role != "title" and block.text.strip() != (doc.title or "").strip():
            yield from _cut(block, i)


def _cut(block: TextBlock, index: int) -> Iterator[_Unit]:
    """Given a text block, yield its units: cut before numbered, bulleted or labelled lines and after a short heading line."""
    lines = block.text.replace("\f", "").split("\n")
    provs = [(p,) for p in block.prov] if len(block.prov) == len(lines) else [block.prov] * len(lines)
    start = 0
    for i in range(1, len(lines) + 1):
        if i == len(lines) or _cuts_before(lines[i - 1], lines[i]):
            text = "\n".join(lines[start:i]).strip()
            if text:
                bullet = block.style == "bullet" or bool(_BULLET_RE.match(text))
                heading = block.role == "heading" and start == 0 and i == len(lines)
                yield _Unit(text, index, tuple(pv for p in provs[start:i] for pv in p), heading, bullet)
            start = i


def _cuts_before(previous: str, line: str) -> bool:
    """Given two lines of one block, return whether a new unit starts at the second."""
    if _NUMBER_RE.match(line) or _BULLET_RE.match(line) or field_label(line) is not None:
        return True
    return len(previous.strip()) <= MAX_SHORT_LINE and heading_like(previous)


def _as_paragraph(unit: _Unit) -> Paragraph:
    """Given a unit, return it as a paragraph (bullet marker kept in raw, style bullet)."""
    return Paragraph(unit.text, unit.text, "bullet" if unit.bullet else "text", unit.prov)


def _label_prov(unit: _Unit, label: _Label) -> tuple[Prov, ...]:
    """Given a labelled unit, return its prov with the first line narrowed to the text after the label."""
    if not unit.prov or unit.prov[0].char_start is None or not label.rest:
        return unit.prov
    offset = unit.text.find(label.rest[:20])
    if offset <= 0:
        return unit.prov
    first = dataclasses.replace(unit.prov[0], char_start=unit.prov[0].char_start + offset)
    return (first, *unit.prov[1:])
