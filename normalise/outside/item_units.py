"""Text blocks -> units (paragraph-sized pieces) and what a unit reads as: field label or heading (item names: `normalise.titles`).

Readers differ in how they cut text: a text export may print an item heading and its first
label in one paragraph, or a section heading and an item heading on consecutive lines, so a
block is cut into units before numbered, bulleted and labelled lines and after a short line
that reads as a heading. Labels come from the vocabulary in `normalise/label_vocab.py`; a
label that is a role word is a field, never a project name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extract.model import Document, Prov, TextBlock
from extract.prose import LIST_STOPS, ends_sentence
from normalise.label_vocab import TEXT_ROLES, LabelRole, label_role
from normalise.text.clean import BULLET_RE, squash
from normalise.titles import NUMBER_RE

MAX_HEADING_WORDS = 15
MAX_HEADING_CHARS = 120
# A line this short that reads as a heading ends its unit even inside one text block.
MAX_SHORT_LINE = 60
MAX_LABEL_CHARS = 50
# Roles a colon label may have through one of its words ("Overall RAG:", "Reason for the delay:");
# a name or programme label must be a whole vocabulary phrase.
_INFERRED_OK = TEXT_ROLES | {"status", "ignored"}
_COLON_LABEL_RE = re.compile(rf"^(?P<label>[A-Z][^:\n]{{0,{MAX_LABEL_CHARS}}}?)\s*:\s*(?P<rest>.*)$", re.DOTALL)
_DASH_LABEL_RE = re.compile(rf"^(?P<label>[A-Z][^:\n–—-]{{0,{MAX_LABEL_CHARS}}}?)\s+[–—-]\s+(?P<rest>\S.*)$", re.DOTALL)

@dataclass(frozen=True, slots=True)
class Unit:
    """A paragraph-sized piece of text: a whole block, or the lines of a block between cuts."""

    text: str
    block: int
    prov: tuple[Prov, ...]
    heading: bool = False
    bullet: bool = False
    barrier: bool = False


@dataclass(frozen=True, slots=True)
class Label:
    """A field label opening a unit: what it means, as written, the text after it."""

    role: LabelRole
    label: str
    rest: str
    marked: bool = True  # written with a colon or dash, not a bare lead-in line


def field_label(text: str) -> Label | None:
    """Given a unit's text, return its field label if it opens with one ("Issue: ...", a lead-in "Key issues").

    >>> field_label("Issue: The supplier was late.").role.role
    'reason'
    >>> field_label("Remedial action: Hire a second gang.").rest
    'Hire a second gang.'
    >>> field_label("Key issues").role.role, field_label("Risks and issues:").rest
    ('reason', '')
    >>> field_label("Children's Services: the number of children rose") is None, field_label("Overall RAG: Amber").role.role
    (True, 'status')
    >>> field_label("programme.") is None, field_label("actions.") is None  # a wrapped sentence's last line
    (True, True)
    """
    clean = squash(text)
    whole = label_role(clean.rstrip(":"))
    marked = clean.endswith((":", "?"))
    # A bare lead-in line is capitalised and unpunctuated: "programme." is the last word of a wrapped sentence.
    if whole is not None and not whole.inferred and whole.role != "name" and (marked or not _sentence_end(clean)):
        # A colon marks a label, and so does the question mark of a prompt ("What is being done?").
        return Label(whole, clean.rstrip(": "), "", marked=marked)
    for pattern, inferred_ok in ((_COLON_LABEL_RE, True), (_DASH_LABEL_RE, False)):
        m = pattern.match(text.strip())
        if m is None:
            continue
        role = label_role(m.group("label"))
        if role is not None and (not role.inferred or inferred_ok and role.role in _INFERRED_OK):
            return Label(role, squash(m.group("label")), m.group("rest").strip())
    return None


def _sentence_end(clean: str) -> bool:
    """Given a one-line text, return whether it reads as the end of a wrapped sentence: lower-case, or closed by a full stop."""
    return clean[:1].islower() or clean.endswith(".")


def heading_like(text: str) -> bool:
    """Given a unit's text, return whether it reads as a heading: short, one line, no sentence end.

    >>> heading_like("4.1 Library self-service kiosks (Amber)"), heading_like("1.1 To update the Committee on the projects.")
    (True, False)
    """
    clean = squash(text)
    if not clean or "\n" in text.strip() or len(clean) > MAX_HEADING_CHARS or len(clean.split()) > MAX_HEADING_WORDS:
        return False
    return not ends_sentence(clean, LIST_STOPS) and (clean[:1].isupper() or clean[:1].isdigit() or clean[:1] == "(")


def units(doc: Document) -> Iterator[Unit]:
    """Given a document, yield its text as units in reading order, a table as a barrier."""
    for i, block in enumerate(doc.blocks):
        if not isinstance(block, TextBlock):
            yield Unit("", i, (), barrier=True)
        elif block.role != "title" and block.text.strip() != (doc.title or "").strip():
            yield from _cut(block, i)


def _cut(block: TextBlock, index: int) -> Iterator[Unit]:
    """Given a text block, yield its units: cut before numbered, bulleted or labelled lines and after a short heading line."""
    lines = block.text.replace("\f", "").split("\n")
    provs = [(p,) for p in block.prov] if len(block.prov) == len(lines) else [block.prov] * len(lines)
    start = 0
    for i in range(1, len(lines) + 1):
        if i == len(lines) or _cuts_before(lines[i - 1], lines[i]):
            text = "\n".join(lines[start:i]).strip()
            if text:
                bullet = block.style == "bullet" or bool(BULLET_RE.match(text))
                heading = block.role == "heading" and start == 0 and i == len(lines)
                yield Unit(text, index, tuple(pv for p in provs[start:i] for pv in p), heading, bullet)
            start = i


def _cuts_before(previous: str, line: str) -> bool:
    """Given two lines of one block, return whether a new unit starts at the second."""
    if NUMBER_RE.match(line) or BULLET_RE.match(line) or field_label(line) is not None:
        return True
    return len(previous.strip()) <= MAX_SHORT_LINE and heading_like(previous)
