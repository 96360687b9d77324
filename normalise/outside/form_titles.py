"""Titles over key/value forms: the project a form with no name field is about, and the group of the forms.

Reports that stack one label | value block per project often name the project in a title
over its block, not in a "Project" row: a row merged across the table, or a heading just
above the block's table (a text export prints the merged row as a line of its own). A title
further up, or over blocks that do name their project ("Scheme | Quayside Flood Defences"),
is their group: the programme or directorate ("PLACE DIRECTORATE"). A heading above a named
form is its group only when its words say it names one ("... Programme", "... Directorate"):
a PRINCE2 report's numbered heading over each form ("1. Waste Collection Rounds") is not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extract.model import Prov, Table, TextBlock
from normalise.label_vocab import phrases
from normalise.outside.form_lines import END, layout_lines
from normalise.tables.row_drafts import heading_text

# Words that say a heading names a group of projects, from the vocabulary's programme labels.
_GROUP_WORDS_RE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases("programme")) + r")s?\b", re.I)


@dataclass(frozen=True, slots=True)
class Title:
    """A title over forms: its text (as a heading), as written, whether a row inside the form's table, where."""

    text: str
    raw: str
    in_table: bool
    prov: tuple[Prov, ...] = ()
    block: int | None = None


def resolve(titles: Sequence[Title], named: bool, group: str | None) -> tuple[Title | None, str | None]:
    """Given the titles met over a form, whether it has a name field and the group in force, return (its name title, the group).

    The last title names a form that has no name field; the titles before it (all of them over a
    named form, if they say they are groups or are rows of its table) are groups, and the last of
    them is in force from this form on.
    """
    pending = list(titles)
    name = pending.pop() if pending and not named else None
    groups = [t for t in pending if not named or t.in_table or names_group(t.text)]
    return name, groups[-1].text if groups else group


def names_group(text: str) -> bool:
    """Given a heading, return whether its words say it names a group of projects.

    >>> names_group("PLACE DIRECTORATE"), names_group("Adult Social Care Programme"), names_group("Waste Collection Rounds")
    (True, True, False)
    """
    return _GROUP_WORDS_RE.search(text) is not None


def table_title(text: str, prov: tuple[Prov, ...]) -> Title | None:
    """Given the text of a row merged across a form table, return it as a title (None for a caption)."""
    heading = heading_text(text)
    return Title(heading, text, True, prov) if heading else None


def block_title(block: TextBlock | Table, following: Sequence[TextBlock | Table], index: int) -> Title | None:
    """Given a text block and the block after it, return it as a title over forms, or None.

    A heading, or a short heading-like line followed by a table or a heading, that holds no
    label/value line of a text-export form.
    """
    if not isinstance(block, TextBlock) or block.role == "title" or "\n" in block.text.strip():
        return None
    heading = heading_text(block.text)
    if heading is None:
        return None
    nxt = following[0] if following else None
    if block.role != "heading" and not (isinstance(nxt, Table) or isinstance(nxt, TextBlock) and nxt.role == "heading"):
        return None
    if any(line.value for line in layout_lines(block) if line != END):
        return None
    return Title(heading, block.text, False, block.prov, index)
