"""What a money mention is: an ordered list of (pattern, kind) rules, first match wins.

`classify_kind` reads the clause around the amount (see `normalise/text/clauses.py`) with the amount
itself replaced by "§" and every other amount by "¤", lower-cased, so each rule is a
local pattern such as "slippage of §" or "§ per week" that cannot reach across a
neighbouring figure. Rules are ordered from the most specific meaning to the broadest:
a rate ("£1,600 per week") before a cost ("costing more than ..."), a shortfall or
slippage before the savings target it is measured against, and the bare "£X savings"
(a savings amount with no other cue is the target) last. When the clause has no cue,
the whole sentence is tried (short of other amounts' clauses), then a next sentence that
refers back to the amount ("... the remaining £115,000 in 2019/20. This amount ... remains
at risk."). The rules themselves are data in `normalise/money/kind_rules.py`.
"""

from __future__ import annotations

import re

from normalise.money.kind_rules import KIND_RULES, KINDS
from normalise.money.patterns import money_spans
from normalise.text.clauses import clause_bounds, next_sentence, sentence_bounds

__all__ = ["KIND_RULES", "KINDS", "classify_kind", "kind_of", "masked"]

# A sentence that opens by referring back to the amount before it: "This amount ...".
ANAPHOR_RE = re.compile(
    r"""
    ^(?:this|that|the)\s+(?:amount|sum|figure|balance|saving|savings|shortfall|money)\b  # "This amount"
    | ^(?:this|it)\b                                                                   # "This" / "It"
    """,
    re.VERBOSE | re.IGNORECASE,
)


def masked(text: str, start: int, end: int, lo: int, hi: int) -> str:
    """Given a text, a target span and a window, return the window lower-cased, target "§", others "¤".

    >>> masked("over achieved its £2.5 million target by £310,000", 41, 49, 0, 49)
    'over achieved its ¤ target by §'
    """
    out, pos = [], lo
    for s, e in money_spans(text[lo:hi]):
        s, e = s + lo, e + lo
        if e <= start or s >= end:
            out += [text[pos:s], "¤"]
            pos = e
        elif s <= start:
            out += [text[pos:start], "§"]
            pos = max(e, end)
    if pos <= start:
        out += [text[pos:start], "§"]
        pos = end
    out.append(text[pos:hi])
    return "".join(out).lower()


def kind_of(window: str) -> str | None:
    """Given a masked window, return the kind of the first rule that matches, or None.

    >>> kind_of("resulting in slippage of §"), kind_of("costing more than § per week"), kind_of("§ lorem")
    ('slippage', 'rate', None)
    """
    return next((kind for pattern, kind in KIND_RULES if pattern.search(window)), None)


def classify_kind(text: str, start: int, end: int) -> str:
    """Given a field text and an amount's span, return the amount's kind from the words around it.

    >>> t = "Across all years the project has over achieved its £2.5 million savings target by £310,000."
    >>> classify_kind(t, 51, 63), classify_kind(t, 82, 90)
    ('saving_target', 'over_achievement')
    >>> t = "the delivery of the remaining £115,000 in 2019/2020. This amount does, however, remain at risk."
    >>> classify_kind(t, 30, 38)
    'at_risk'
    """
    for lo, hi in (clause_bounds(text, start, end), _sentence_without_others(text, start, end)):
        kind = kind_of(masked(text, start, end, lo, hi))
        if kind:
            return kind
    return _kind_from_next_sentence(text, end) or "other"


def _sentence_without_others(text: str, start: int, end: int) -> tuple[int, int]:
    """Given a text and an amount's span, return its sentence cut short of the clauses of other amounts.

    "£120k achieved, £30k outstanding": "achieved" is the cue of the other amount's clause.

    >>> t = "£120k achieved, £30k outstanding."
    >>> s, e = _sentence_without_others(t, 16, 20)
    >>> t[s:e]
    ', £30k outstanding.'
    """
    base, stop = lo, hi = sentence_bounds(text, start, end)
    for s, e in money_spans(text[base:stop]):
        s, e = s + base, e + base
        if e <= start:
            lo = max(lo, clause_bounds(text, s, e)[1])
        elif s >= end:
            hi = min(hi, clause_bounds(text, s, e)[0])
    return lo, hi


def _kind_from_next_sentence(text: str, end: int) -> str | None:
    """Given a text and an amount's end, return the kind a referring next sentence gives it."""
    bounds = next_sentence(text, end)
    if bounds is None:
        return None
    sentence = text[bounds[0]:bounds[1]]
    m = ANAPHOR_RE.match(sentence)
    if not m or money_spans(sentence):
        return None
    return kind_of(("§" + sentence[m.end():]).lower())
