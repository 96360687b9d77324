"""A numbered or bulleted paragraph that is a whole exception: name, bracket, dash, reason, inline action.

Committee reports and savings updates that number or bullet their items often print each on one
paragraph, with no field label on a line of its own:

    3. Depot roof (£45k slippage) – the contractor went into administration. Action: re-tender in Q4.
    • Digital mailroom (Amber): scanning volumes are lower than modelled. Recovery plan: ...

The name runs to a dash or a colon, after a bracket with its status or its money if it has one; the
reason runs to an inline mitigation label (one of `normalise/label_vocab.py`, whole and strong) that
opens a sentence; the mitigation is the rest. A paragraph of that shape with no such label is an item
only in a document where others have one, and only when its bracket states a status or a sum, so a
numbered prose paragraph ("2. Background – the council ...") is none; or when its text names a sum
and says it is off track ("Rescue pumps – slippage of £412k, because ...") in a document with two
or more such paragraphs: a narrative report's list of variances.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from normalise.label_vocab import STRONG, LabelRole, label_role
from normalise.money.cells import money_cell_value
from normalise.status import field_status
from normalise.tables.evidence import count_cues, cues
from normalise.text.clean import BULLET_RE, squash
from normalise.titles import NUMBER_RE

MAX_NAME_WORDS = 10
# Items stating a sum off track that a document needs before such an item counts without an action label.
MIN_VARIANCE_ITEMS = 2
# The name, an optional bracket, then a dash (spaced if a hyphen) or a colon, then the text.
_LEAD_RE = re.compile(
    r"""^(?P<name>[A-Z0-9][^.:;()–—]{1,80}?)   # the name: no sentence stop, colon, bracket or dash
    \s*(?:\((?P<bracket>[^()]{1,40})\))?       # "(Amber)", "(£45k slippage)"
    \s*(?:[–—]|\s-\s|:)\s*                      # the separator
    (?P<rest>\S.*)$""",
    re.VERBOSE | re.DOTALL,
)
# A label opening a sentence inside the text: ". Action: ...", ". Recovery plan: ...".
_INLINE_LABEL_RE = re.compile(r"(?<=[.!?\"'”’)])\s+(?P<label>[A-Z][\w'’ /-]{1,40}?):\s+(?=\S)")
# The figure of a money bracket, with the words around it naming what it is ("£45k slippage").
_BRACKET_FIGURE_RE = re.compile(r"[-–(]?£\s?\d[\d,.]*\s?(?:k|m|bn|million)?\b\)?", re.I)


@dataclass(frozen=True, slots=True)
class InlineItem:
    """One paragraph read as an item: its name, status, bracketed money (header words, figure), texts."""

    name: str
    status: str | None
    money: tuple[tuple[str, str], ...]
    reason: str
    mitigation: str
    label: LabelRole | None
    label_text: str


def inline_item(text: str, *, bullet: bool) -> InlineItem | None:
    """Given a unit's text and whether it is a bullet, return the item it reads as, else None.

    >>> i = inline_item("3. Depot roof (£45k slippage) – The roof leaks. Action: Re-tender in Q4.", bullet=False)
    >>> i.name, i.money, i.reason, i.mitigation
    ('Depot roof', (('slippage', '£45k'),), 'The roof leaks.', 'Re-tender in Q4.')
    >>> inline_item("2. The figure in brackets is the slippage. Action: none.", bullet=False) is None
    True
    """
    body = squash(text)
    numbered = NUMBER_RE.match(body)
    if numbered is None and not bullet:
        return None
    body = NUMBER_RE.sub("", body, count=1) if numbered else BULLET_RE.sub("", body, count=1)
    m = _LEAD_RE.match(body.replace("**", ""))
    if m is None or len(m.group("name").split()) > MAX_NAME_WORDS or label_role(m.group("name").strip()) is not None:
        return None
    bracket = m.group("bracket") or ""
    status = field_status(bracket) if bracket else None
    money = _bracket_money(bracket)
    reason, mitigation, label, label_text = _split(m.group("rest").strip())
    return InlineItem(m.group("name").strip(), status, money, reason, mitigation, label, label_text)


def _bracket_money(bracket: str) -> tuple[tuple[str, str], ...]:
    """Given a bracket's text, return its sum as a money cell (the other words as its header), else ()."""
    m = _BRACKET_FIGURE_RE.search(bracket)
    figure = m.group().strip(" ()") if m is not None else ""
    if m is None or money_cell_value(figure) is None:
        return ()
    return ((squash(bracket[: m.start()] + " " + bracket[m.end():]), figure),)


def _split(rest: str) -> tuple[str, str, LabelRole | None, str]:
    """Given the text after the name, return (reason, mitigation, the label splitting them, as written)."""
    for m in _INLINE_LABEL_RE.finditer(rest):
        role = label_role(m.group("label"))
        if role is not None and role.role == "mitigation" and role.weight >= STRONG and not role.inferred:
            return rest[: m.start()].strip(), rest[m.end():].strip(), role, m.group("label")
    return rest, "", None, ""


def states_a_variance(item: InlineItem | None) -> bool:
    """Given a parsed paragraph, return whether its text names a sum and says it is off track.

    ("Rescue pumps - slippage of £412k, because the cabs were late": a list of variances
    in a narrative report, with no action label.)

    >>> states_a_variance(inline_item("• Rescue pumps - slippage of £412k, as the cabs were late.", bullet=True))
    True
    >>> states_a_variance(inline_item("• Libraries - £20k was spent on new stock.", bullet=True))
    False
    """
    if item is None or not item.reason or not _BRACKET_FIGURE_RE.search(item.reason):
        return False
    return count_cues(cues().exception_content, item.reason) > 0


def is_item(item: InlineItem | None, *, labelled_document: bool, variance_list: bool = False) -> bool:
    """Given a parsed paragraph, whether the document has labelled inline items and whether it has
    MIN_VARIANCE_ITEMS or more items that state a variance, return whether it is an item."""
    if item is None or not item.reason:
        return False
    if variance_list and states_a_variance(item):
        return True
    return item.label is not None or labelled_document and (item.status is not None or bool(item.money))
