"""Sentence and clause boundaries around a mention, for kind and fiscal-year rules.

An amount's kind and its financial year are read from "its own clause": the stretch
of text between the nearest boundaries around it. Boundaries are sentence ends, ";",
", " (a comma followed by space, so "£1,489,832" is one number) and a coordinating
word that starts a new clause with its own subject ("... its savings target and this
shortfall will ..."). "and" followed by a verb or an amount does not split: "is not
achievable and slip £0.500m into 2018/19" and "between £50,000 and £75,000" stay whole.
"""

from __future__ import annotations

import re

# Where a sentence ends: terminal punctuation, then space, then something that can start
# a sentence. "i.e. £328,787" and "e.g. short term beds" do not split (lower case / £).
SENTENCE_END_RE = re.compile(
    r"""
    (?<=[.!?])            # after a full stop, question or exclamation mark
    ["'”’)]?              # maybe a closing quote or bracket
    \s+                   # then whitespace
    (?=[A-Z0-9“‘"'(•])    # and a capital, digit, opening quote/bracket or bullet
    """,
    re.VERBOSE,
)

# Where a clause ends inside a sentence.
CLAUSE_BREAK_RE = re.compile(
    r"""
    \s*;\s*                                   # a semicolon
    | ,\s+                                    # a comma before a space (not 1,489,832)
    | \s+[-–—]\s+                             # a spaced dash used as a parenthesis
    | \s+(?:and|but|whilst|while|although|though|so)\s+   # a conjunction ...
      (?=(?:this|that|these|those|it|there|the|they|we|he|she|its|their|all|any)\b)
                                              # ... that opens a clause with its own subject
    """,
    re.VERBOSE | re.IGNORECASE,
)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Given a text and a span, return the (start, end) of the sentence holding the span.

    >>> t = "First £1m. Then £2m here. Last."
    >>> s, e = sentence_bounds(t, 16, 19)
    >>> t[s:e]
    'Then £2m here.'
    """
    s, e = 0, len(text)
    for m in SENTENCE_END_RE.finditer(text):
        if m.end() <= start:
            s = m.end()
        elif m.start() >= end:
            e = m.start()
            break
    return s, e


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Given a text and a span, return the (start, end) of the clause holding the span.

    >>> t = "the £0.274m slippage will not be made up this year, and all of the £0.500m are at risk"
    >>> s, e = clause_bounds(t, 4, 11)
    >>> t[s:e]
    'the £0.274m slippage will not be made up this year'
    >>> t = "£0.032m short of its target and this shortfall will be made up (2017/18)."
    >>> s, e = clause_bounds(t, 0, 7)
    >>> t[s:e]
    '£0.032m short of its target'
    """
    s, e = sentence_bounds(text, start, end)
    cs, ce = s, e
    for m in CLAUSE_BREAK_RE.finditer(text, s, e):
        if m.end() <= start:
            cs = m.end()
        elif m.start() >= end:
            ce = m.start()
            break
    return cs, ce


def next_sentence(text: str, end: int) -> tuple[int, int] | None:
    """Given a text and an offset, return the bounds of the sentence after the one at it.

    >>> t = "The remaining £115,000 in 2019/20. This amount remains at risk."
    >>> s, e = next_sentence(t, 22)
    >>> t[s:e]
    'This amount remains at risk.'
    """
    _, e = sentence_bounds(text, end, end)
    rest = text[e:]
    stripped = len(rest) - len(rest.lstrip())
    s = e + stripped
    if s >= len(text):
        return None
    return sentence_bounds(text, s, s)
