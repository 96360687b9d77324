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
prose report make none. Cutting text blocks into units and reading a unit (label, heading,
item name) is in `normalise/outside/item_units.py`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from extract.model import Document, Paragraph, Prov
from normalise.label_vocab import INFERRED, STRONG, TEXT_ROLES, LabelRole
from normalise.outside.found import Found, RecordSpec, join_texts, record_status
from normalise.outside.inline_items import MIN_VARIANCE_ITEMS, InlineItem, inline_item, is_item, states_a_variance
from normalise.outside.item_units import Label, Unit, field_label, heading_like, units
from normalise.titles import NUMBER_RE, item_name

# Confidence of an item whose field took an unlabelled paragraph (the gold convention, but inferred).
CONF_CONTINUED = 0.9
# At most this many unlabelled paragraphs between an item heading and its action make an unlabelled issue.
MAX_UNLABELLED = 3
# The role of an issue written without a label before an item's action.
UNLABELLED_REASON = LabelRole("reason", INFERRED, "(no label)", inferred=True)
# The reason of a one-paragraph item ("3. Depot roof (£45k slippage) – ..."): its shape labels it.
INLINE_REASON = LabelRole("reason", 1.0, "(after the item's name)")


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
    money: tuple[tuple[str, str], ...] = ()


def find_items(doc: Document) -> Found:
    """Given a document, return its labelled items as records and the blocks they used."""
    all_units = list(units(doc))
    parsed = [None if u.barrier else inline_item(u.text, bullet=u.bullet) for u in all_units]
    labelled = any(p is not None and p.label is not None for p in parsed)
    variances = sum(states_a_variance(p) for p in parsed) >= MIN_VARIANCE_ITEMS
    reader = _Reader(Found(), all_units, parsed, labelled, variances)
    for i, unit in enumerate(reader.units):
        reader.read(unit, i)
    reader.close(flush=False)
    return reader.found


@dataclass(slots=True)
class _Reader:
    """The walk over units: the programme in force, the item being read and paragraphs not yet placed."""

    found: Found
    units: list[Unit]
    inline: list[InlineItem | None]  # each unit read as a one-paragraph item (None: it is none)
    labelled: bool = False  # some paragraph is a one-paragraph item with an inline action label
    variances: bool = False  # two or more are one-paragraph items naming a sum off track
    programme: str | None = None
    item: _Item | None = None
    pending: list[Unit] = field(default_factory=list)

    def read(self, unit: Unit, index: int) -> None:
        """Given a unit and its index, update the walk."""
        following = self.units[index + 1] if index + 1 < len(self.units) else None
        inline = self.inline[index]
        if inline is not None and is_item(inline, labelled_document=self.labelled, variance_list=self.variances):
            self._inline(inline, unit)
            return
        label = field_label(unit.text)
        if label is not None and not self._is_field(label, following):
            label = None
        if unit.barrier:
            self.close(flush=False)
        elif label is not None and label.role.role == "name" and label.rest:
            self.close(flush=True)
            self.item = _Item(label.rest, label.rest, self.programme, None, unit.block, unit.prov, blocks={unit.block})
        elif label is not None:
            self._field(label, unit)
        elif heading_like(unit.text):
            self._heading(unit, index)
        elif NUMBER_RE.match(unit.text):
            self.close(flush=False)  # numbered prose ("7.1 The exceptions above ...") ends the item
        else:
            self._paragraph(unit)

    def _inline(self, it: InlineItem, unit: Unit) -> None:
        """Given a paragraph read as a whole item, start that item with its reason and any inline action."""
        self.close(flush=True)
        self.item = _Item(it.name, unit.text, self.programme, it.status, unit.block, unit.prov, blocks={unit.block}, money=it.money)
        self.item.fields.append(_ItemField(INLINE_REASON, "", [Paragraph(it.reason, unit.text, "text", unit.prov)]))
        if it.label is not None:
            self.item.fields.append(_ItemField(it.label, it.label_text, [Paragraph(it.mitigation, unit.text, "text", unit.prov)]))

    def _is_field(self, label: Label, following: Unit | None) -> bool:
        """Given a unit that opens with a field label, return whether it is that field here.

        A name label needs a name after it ("Workstream: Digital Libraries"). A bare lead-in
        line without a colon ("Key issues", "Exception" as a sub-heading) is a field only inside
        an item, and then only before bullets or for the strongest labels ("Recommendations"
        after the last item is the report's own section).
        """
        if label.role.role == "name":
            return heading_like(label.rest)
        if label.marked or label.rest:
            return True
        if self.item is None:
            return False
        return (following is not None and following.bullet) or label.role.weight >= 1.0

    def _heading(self, unit: Unit, index: int) -> None:
        """Given a heading-like unit, start an item if a field label follows (or prose, then an action), else a section."""
        following = self.units[index + 1] if index + 1 < len(self.units) else None
        nxt = field_label(following.text) if following is not None else None
        self.close(flush=True)
        name, status = item_name(unit.text)
        if nxt is not None and nxt.role.role in TEXT_ROLES | {"status"} and (nxt.marked or nxt.rest or nxt.role.weight >= STRONG):
            self.item = _Item(name, unit.text, self.programme, status, unit.block, unit.prov, blocks={unit.block})
        elif _item_like(unit, status) and _prose_then_action(self.units[index + 1 : index + 2 + MAX_UNLABELLED]):
            self.item = _Item(name, unit.text, self.programme, status, unit.block, unit.prov, blocks={unit.block})
            self.item.fields.append(_ItemField(UNLABELLED_REASON, "", lead_in=True))
        else:
            self.programme = name or None

    def _field(self, label: Label, unit: Unit) -> None:
        """Given a labelled unit, open a field of the current item (a label with no item open is ignored)."""
        if self.item is None:
            return
        self._flush()
        f = _ItemField(label.role, label.label, lead_in=not label.rest)
        if label.rest:
            f.paragraphs.append(Paragraph(label.rest, unit.text, "text", _label_prov(unit, label)))
        self.item.fields.append(f)
        self.item.blocks.add(unit.block)

    def _paragraph(self, unit: Unit) -> None:
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
        """Given unlabelled paragraphs held back, add them to the item's last field (another label or item followed).

        After a status or other one-line field ("RAG status: Red") they are no part of it:
        they are the item's issue written without a label.
        """
        if self.item is not None and self.item.fields and self.pending:
            if self.item.fields[-1].role.role not in TEXT_ROLES:
                self.item.fields.append(_ItemField(UNLABELLED_REASON, ""))
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


def _item_like(unit: Unit, status: str | None) -> bool:
    """Given a heading-like unit and the status its heading gives, return whether it reads as an item, not a section."""
    return status is not None or unit.heading or NUMBER_RE.match(unit.text) is not None


def _prose_then_action(after: list[Unit]) -> bool:
    """Given the units after a heading, return whether unlabelled prose is followed at once by an explicit action label.

    That is an issue written without a label ("The land purchase fell through ... /
    Remedial action: ..."); a "Recommendation:" after prose is a report's, not an item's.
    """
    for i, unit in enumerate(after):
        label = field_label(unit.text)
        if label is not None:
            return i > 0 and label.marked and label.role.role == "mitigation" and label.role.weight >= 1.0 and not label.role.inferred
        if unit.barrier or unit.bullet or heading_like(unit.text) or NUMBER_RE.match(unit.text):
            return False
    return False


def _spec(item: _Item) -> RecordSpec | None:
    """Given an item, return its record spec, or None when no strong reason or mitigation label holds text."""
    texts = [f for f in item.fields if f.role.role in TEXT_ROLES and f.paragraphs]
    # One label must be a whole vocabulary phrase of weight STRONG; inferred labels only add text.
    if not item.name or not any(f.role.weight >= STRONG and not f.role.inferred for f in texts):
        return None
    statuses = [join_texts(p.text for p in f.paragraphs) for f in item.fields if f.role.role == "status"]
    # A "Programme:" field of the item names its programme better than the section heading does.
    programmes = [t for t in (join_texts(p.text for p in f.paragraphs) for f in item.fields if f.role.role == "programme") if t]
    confidence = min((f.role.weight for f in texts if f.role.inferred), default=1.0) * (CONF_CONTINUED if item.continued else 1.0)
    return RecordSpec(
        programme=programmes[0] if programmes else item.programme,
        name=item.name, raw_name=item.raw_name,
        reason=[p for f in texts if f.role.role == "reason" for p in f.paragraphs],
        mitigation=[p for f in texts if f.role.role == "mitigation" for p in f.paragraphs],
        status=item.status or record_status(statuses),
        confidence=confidence,
        name_prov=item.prov,
        extra=tuple((f.label, join_texts(p.text for p in f.paragraphs)) for f in item.fields if f.role.role == "ignored"),
        money=item.money,
        trace=tuple(f"{f.label or f.role.matched} -> {f.role.role}" for f in item.fields),
        flags=("unlabelled paragraph joined to the field above it",) if item.continued else (),
    )


def _as_paragraph(unit: Unit) -> Paragraph:
    """Given a unit, return it as a paragraph (bullet marker kept in raw, style bullet)."""
    return Paragraph(unit.text, unit.text, "bullet" if unit.bullet else "text", unit.prov)


def _label_prov(unit: Unit, label: Label) -> tuple[Prov, ...]:
    """Given a labelled unit, return its prov with the first line narrowed to the text after the label."""
    if not unit.prov or unit.prov[0].char_start is None or not label.rest:
        return unit.prov
    offset = unit.text.find(label.rest[:20])
    if offset <= 0:
        return unit.prov
    first = dataclasses.replace(unit.prov[0], char_start=unit.prov[0].char_start + offset)
    return (first, *unit.prov[1:])
