"""Scale words: read them back from an amount's text, and infer them where a figure has none.

A document that writes its money as "£0.025m" sometimes drops the unit when it repeats
a figure ("The £0.025 short fall"). These helpers find the scale a figure was written
with elsewhere (`scale_echoes`), the scale most amounts are written with
(`dominant_scale`), and apply them to implausibly small bare figures (`rescale_bare`).
They work on `normalise.money.model.Amount` values, so the parser that uses them is not imported.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from normalise.money.model import Amount
from normalise.money.patterns import SCALE_WORDS

# A figure and its written scale, read back from an Amount's text: "£0.025m" -> 0.025, m.
FIGURE_RE = re.compile(
    r"""
    (?P<num>\d[\d,]*(?:\.\d+)?)                 # the figure
    \s?(?P<scale>billion|million|thousand|mil|bn|mn|m|k)?(?![a-z])   # its scale word
    """,
    re.VERBOSE | re.IGNORECASE,
)


def tidy(value: Decimal) -> Decimal:
    """Given a Decimal, return it without a spurious fraction: 25000.000 -> 25000.

    >>> tidy(Decimal("0.025") * 1_000_000), tidy(Decimal("1.50"))
    (Decimal('25000'), Decimal('1.50'))
    """
    return value.to_integral_value() if value == value.to_integral_value() else value


def scaled(num: str, scale: str | None) -> Decimal | None:
    """Given a figure as written and a scale word, return the value in pounds or None.

    >>> scaled("0.025", "m"), scaled("1,489,832", None), scaled("1.2", "BN"), scaled("x", None)
    (Decimal('25000'), Decimal('1489832'), Decimal('1200000000'), None)
    """
    try:
        value = Decimal(num.replace(",", ""))
    except InvalidOperation:
        return None
    if scale:
        value *= SCALE_WORDS[scale.lower()]
    return tidy(value)


def written_scale(amount_text: str) -> str | None:
    """Given an amount's text, return its scale word lower-cased, or None when bare.

    >>> written_scale("£0.025m"), written_scale("£2.5 million"), written_scale("£0.025")
    ('m', 'million', None)
    """
    m = FIGURE_RE.search(amount_text)
    return m.group("scale").lower() if m and m.group("scale") else None


def figure_of(amount_text: str) -> str:
    """Given an amount's text, return its figure as written ("£0.025m" -> "0.025")."""
    m = FIGURE_RE.search(amount_text)
    return m.group("num") if m else ""


def is_bare_small(amount: Amount) -> bool:
    """Given an amount, return whether it has no scale word yet reads like a scaled figure.

    >>> is_bare_small(Amount("£0.025", Decimal("0.025"), 0, 6)), is_bare_small(Amount("£1.50", Decimal("1.50"), 0, 5))
    (True, False)
    """
    if amount.value_gbp is None or written_scale(amount.text) or amount.scale_inferred:
        return False
    figure = figure_of(amount.text)
    decimals = len(figure.partition(".")[2])
    return 0 < abs(amount.value_gbp) < 1 or decimals == 3


def scale_echoes(amounts: Iterable[Amount]) -> dict[str, str]:
    """Given amounts, return {figure: scale word} for every figure written with a scale."""
    return {figure_of(a.text): s for a in amounts if (s := written_scale(a.text))}


def dominant_scale(amounts: Sequence[Amount]) -> str | None:
    """Given amounts, return the scale word more than half of them are written with, if any.

    >>> dominant_scale([Amount("£0.1m", None, 0, 1), Amount("£0.2m", None, 0, 1), Amount("£5", None, 0, 1)])
    'm'
    """
    counts = Counter(written_scale(a.text) for a in amounts if a.source != "table")
    counts.pop(None, None)
    if not counts:
        return None
    word, n = counts.most_common(1)[0]
    return word if n * 2 > len(amounts) else None


def rescale_bare(amounts: Sequence[Amount], echoes: dict[str, str], hint: str | None) -> list[Amount]:
    """Given amounts, scales seen for the same figures and a convention, scale the bare small ones.

    >>> a = Amount("£0.025", Decimal("0.025"), 0, 6)
    >>> rescale_bare([a], {"0.025": "m"}, None)[0].value_gbp
    Decimal('25000')
    """
    out = []
    for a in amounts:
        word = echoes.get(figure_of(a.text)) or hint if is_bare_small(a) else None
        if word and a.value_gbp is not None:
            a = replace(a, value_gbp=tidy(a.value_gbp * SCALE_WORDS[word]), scale_inferred=True)
        out.append(a)
    return out
