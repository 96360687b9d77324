"""Offset-based highlighting of amount and year mentions in exported text, escaped piece by piece.

The text comes from documents we do not control, so it is never marked safe: every slice
between mentions and every attribute value goes through `markupsafe.escape`, and only our
own tag skeletons are `Markup`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

# Attribute names are ours, but check them anyway: a bad name would break out of the tag.
_ATTR_NAME = re.compile(r"[a-z][a-z0-9-]*")
# Amounts win over years when two mentions overlap: the amount carries the year as data.
_PRIORITY = {"amount": 0, "year": 1}


@dataclass(frozen=True, slots=True)
class Mention:
    """One highlight: a span of a field's text, its CSS class, hover text and data attributes."""

    start: int
    end: int
    text: str
    css: str
    tip: str
    data: tuple[tuple[str, str], ...] = ()


def format_value(value: float | None) -> str:
    """Given a value in pounds (or None), return it as plain digits for a data attribute.

    >>> format_value(25000.0), format_value(1234.5), format_value(None)
    ('25000', '1234.50', '')
    """
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def format_gbp(value: float | None) -> str:
    """Given a value in pounds (or None), return it for people to read.

    >>> format_gbp(25000.0), format_gbp(1234.5), format_gbp(None)
    ('£25,000', '£1,234.50', 'no value')
    """
    if value is None:
        return "no value"
    return f"£{value:,.0f}" if float(value).is_integer() else f"£{value:,.2f}"


def amount_mention(row: Mapping[str, Any]) -> Mention:
    """Given an `amounts` row with offsets, return its highlight (value, kind and year as data)."""
    year = row.get("fiscal_year") or ""
    inferred = bool(row.get("scale_inferred"))
    tip = " · ".join([format_gbp(row.get("value_gbp")), str(row.get("kind") or "other"), year or "no year"])
    if inferred:
        tip += " · scale inferred"
    data = (("value", format_value(row.get("value_gbp"))), ("kind", str(row.get("kind") or "")),
            ("year", year), ("scale-inferred", "true" if inferred else "false"))
    return Mention(int(row["start"]), int(row["end"]), str(row["text"]), "amount", tip, data)


def year_mention(row: Mapping[str, Any]) -> Mention:
    """Given a `years` row with offsets, return its highlight (financial year or date as data)."""
    fiscal, date = row.get("fiscal_year") or "", row.get("date") or ""
    tip = f"financial year {fiscal}" if fiscal else f"date {date}" if date else "year (not normalised)"
    return Mention(int(row["start"]), int(row["end"]), str(row["text"]), "year", tip,
                   (("year", fiscal), ("date", date)))


def usable_mentions(text: str, mentions: Iterable[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Given a field's text and its mentions, return (kept, rejected).

    A mention is rejected when its offsets do not select its own text, or when it
    overlaps one kept before it (amounts first, then longer spans first).

    >>> a = Mention(4, 10, "£0.025", "amount", "")
    >>> y = Mention(6, 8, "02", "year", "")
    >>> kept, rejected = usable_mentions("The £0.025 short fall", [y, a])
    >>> [m.text for m in kept], [m.text for m in rejected]
    (['£0.025'], ['02'])
    """
    ordered = sorted(mentions, key=lambda m: (_PRIORITY.get(m.css, 9), m.start, m.start - m.end))
    kept: list[Mention] = []
    rejected: list[Mention] = []
    for m in ordered:
        clashes = any(m.start < k.end and k.start < m.end for k in kept)
        (kept if selects(text, m.start, m.end, m.text) and not clashes else rejected).append(m)
    return sorted(kept, key=lambda m: m.start), rejected


def selects(text: str, start: int, end: int, fragment: str) -> bool:
    """Given a field's text, a mention's offsets and its own text, return True when the offsets select that text.

    >>> selects("The £5k grant", 4, 7, "£5k"), selects("The £5k grant", 0, 3, "£5k"), selects("£5k", 2, 9, "k")
    (True, False, False)
    """
    return 0 <= start < end <= len(text) and text[start:end] == fragment


def highlight(text: str, mentions: Sequence[Mention]) -> Markup:
    """Given text and non-overlapping mentions sorted by start, return escaped HTML with <mark>s.

    >>> highlight("<b>£5m</b>", [Mention(3, 6, "£5m", "amount", "£5,000,000", (("value", "5000000"),))])
    Markup('&lt;b&gt;<mark class="amount" tabindex="0" data-tip="£5,000,000" data-value="5000000">£5m</mark>&lt;/b&gt;')
    """
    pieces: list[Markup] = []
    pos = 0
    for m in mentions:
        pieces.append(escape(text[pos:m.start]))
        pieces.append(_mark(m, text[m.start:m.end]))
        pos = m.end
    pieces.append(escape(text[pos:]))
    return Markup("").join(pieces)


def _mark(m: Mention, inner: str) -> Markup:
    """Given a mention and its text, return its <mark> element with escaped attributes."""
    # Every value is escaped here and names are checked; f-strings take a sixth of Markup.format's time.
    attrs = "".join(f' data-{_attr_name(k)}="{escape(v)}"' for k, v in m.data)
    return Markup(f'<mark class="{_attr_name(m.css)}" tabindex="0" data-tip="{escape(m.tip)}"{attrs}>{escape(inner)}</mark>')


def _attr_name(name: str) -> Markup:
    """Given an attribute or class name of ours, return it as markup, refusing anything odd."""
    if not _ATTR_NAME.fullmatch(name):
        raise ValueError(f"not a safe attribute name: {name!r}")
    return Markup(name)
