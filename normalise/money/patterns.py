"""The money regexes and scale words, shared by the amount parser and the kind rules.

Kept apart from `normalise/money/amounts.py` so `normalise/money/kind.py` can mask other amounts in a clause without
importing the parser that imports it.
"""

from __future__ import annotations

import re
from decimal import Decimal

# Scale words as written after a figure, lower-cased. "m" and "mn" are millions
# ("£0.025m"), "k" thousands ("£115k"), "bn" billions ("£1.2bn").
SCALE_WORDS: dict[str, Decimal] = {
    "k": Decimal(1_000),
    "thousand": Decimal(1_000),
    "m": Decimal(1_000_000),
    "mn": Decimal(1_000_000),
    "mil": Decimal(1_000_000),
    "million": Decimal(1_000_000),
    "bn": Decimal(1_000_000_000),
    "billion": Decimal(1_000_000_000),
}

# One figure: grouped thousands with optional decimals, or a plain run of digits.
NUMBER = r"""(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"""
# A scale word, longest first so "million" is not read as "m" + "illion".
SCALE = r"""(?:billion|million|thousand|mil|bn|mn|m|k)"""

# A money mention with the currency before the figure: "£62,000", "£ 62,000", "£0.025m",
# "£2.5 million", "GBP 1,000", "-£1,781", "£(1,781)", and the range "£1-2m".
CURRENCY_FIRST_RE = re.compile(
    rf"""
    (?<![\w)£])                          # not the tail of a word or number ("£1m-£2m" is two)
    (?P<neg>[-–−])?                       # a minus sign glued to the currency: "-£1,781" ("£1m - £2m" is a range)
    (?P<cur>£|GBP\b)\s?                   # the currency, maybe followed by a space
    (?P<neg_in>[-−]\s?)?                  # a minus sign after the currency: "£-0.2m" (spreadsheet exports)
    (?P<open>\()?                         # accounting bracket after the sign: "£(1,781)"
    (?P<num>{NUMBER})                    # the figure
    (?(open)\))                           # the bracket must close if it opened
    (?:\s?(?P<scale>{SCALE})(?![a-z]))?  # a scale word, not the start of a word ("£5 more")
    (?:                                   # an inline range sharing one sign: "£1-2m", "£1 to 2m"
        \s?(?:-|–|to)\s?                  # the range dash or "to"
        (?P<num_hi>{NUMBER})             # the upper figure, without its own "£"
        (?:\s?(?P<scale_hi>{SCALE})(?![a-z]))?   # its scale, which the lower figure inherits
        (?![\d,]|\.\d|\s?[/–-]\s?\d)     # whole, and not a year: "slip £62,000 to 2019/20"
        (?!\s?(?:{SCALE}\s?)?(?:pounds|GBP)\b)   # nor an amount of its own: "from £780,000 to 1.5 million pounds"
    )?
    """,
    re.VERBOSE | re.IGNORECASE,
)

# A money mention with the currency word after the figure: "62,000 pounds", "1.5m GBP".
CURRENCY_LAST_RE = re.compile(
    rf"""
    (?<![\w.,£])(?<!£\s)                  # a whole number, not part of a longer one or a "£ 1.5 million" already read
    (?P<num>{NUMBER})                    # the figure
    (?:\s?(?P<scale>{SCALE})(?![a-z]))?  # a scale word
    \s(?P<cur>pounds|GBP)\b               # then the currency word
    """,
    re.VERBOSE | re.IGNORECASE,
)

# A figure with only a scale word and no currency, for money-column cells: "1.2m".
BARE_FIGURE_RE = re.compile(
    rf"""
    (?P<neg>[-–−]\s?)?                    # a minus sign
    (?P<open>\()?                         # accounting brackets: "(1,781)" is negative
    £?\s?                                 # a currency sign some cells repeat
    (?P<neg_in>(?<=£)[-−]\s?)?            # a minus sign after it: "£-0.2m"
    (?P<num>{NUMBER})                    # the figure
    (?:\s?(?P<scale>{SCALE})(?![a-z]))?  # the cell's own scale word, if any
    (?(open)\))                           # the bracket must close if it opened
    """,
    re.VERBOSE | re.IGNORECASE,
)


def money_spans(text: str) -> list[tuple[int, int]]:
    """Given a text, return the (start, end) of every money expression in it, in order.

    >>> money_spans("over achieved its £2.5 million target by £310,000 or 62,000 pounds")
    [(18, 30), (41, 49), (53, 66)]
    """
    spans = [m.span() for m in CURRENCY_FIRST_RE.finditer(text)]
    spans += [m.span() for m in CURRENCY_LAST_RE.finditer(text)]
    return sorted(spans)
