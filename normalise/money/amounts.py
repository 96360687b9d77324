"""Money mentions: parse "£0.025m" to Decimal("25000"), find them in text and table cells.

Parsing is a chain of small pure functions in the price-parser style: each returns None
on input it cannot read, and nothing here raises on bad text. Values are `Decimal`
pounds; conversion to float happens only in `export/`.

Conventions (documented because the text is ambiguous):
- "(£134,000)" in running text is a parenthesis, so positive; "£(1,781)" and "-£1,781"
  are negative; in a money column "(1,781)" is negative (accounting brackets).
- A bare "£0.025" with no scale word, written where the same text (or, in
  `normalise/entities/mentions.py`, the same exception row) writes "£0.025m", inherits the "m":
  `scale_inferred=True`. So does any implausibly small bare figure (below £1, or with
  exactly three decimals, "£1.250") when a `scale_hint` is given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from normalise.money.cells import header_money_unit, money_cell_value, table_amounts
from normalise.money.kind import classify_kind
from normalise.money.model import Amount, Source
from normalise.money.patterns import BARE_FIGURE_RE, CURRENCY_FIRST_RE, CURRENCY_LAST_RE, SCALE_WORDS
from normalise.money.scale_words import figure_of, rescale_bare, scale_echoes, scaled, tidy, written_scale
from normalise.time.years import find_years, fiscal_year_for

__all__ = ["Amount", "Source", "annotate", "find_amounts", "header_money_unit", "money_cell_value", "parse_amount",
           "raw_amounts", "scaled", "table_amounts"]

# Two mentions form one range when only this separates them: "£1m-£2m", "£50k to £75k",
# "between £50,000 and £75,000".
RANGE_GAP_RE = re.compile(
    r"""
    \s*(?:-|–|—|to|and)\s*     # a dash, "to" or "and" between the two amounts
    """,
    re.VERBOSE,
)

# Two amounts listed together, each maybe with its own bracketed year or note, share one predicate:
# "£1.2m (2022/23) and £0.8m (2023/24) are at risk", "£40k or £55k".
COORDINATION_RE = re.compile(
    r"""
    \s*(?:\([^()£]{1,25}\)\s*)?     # the first amount's bracketed year or note
    (?:and|or|&)\s+                  # "and", "or"
    (?:a\s+further\s+|another\s+)?  # "and a further £20k"
    """,
    re.VERBOSE | re.IGNORECASE,
)


def parse_amount(text: str) -> Decimal | None:
    """Given text holding one money figure, return its value in pounds; None if not exactly one.

    Currency and scale words are optional, so NER spans such as "0.025" or "more than
    £1,600" parse too. Whole-text brackets and a leading minus make it negative.

    >>> parse_amount("£0.025m"), parse_amount("£2.5 million"), parse_amount("62,000 pounds")
    (Decimal('25000'), Decimal('2500000'), Decimal('62000'))
    >>> parse_amount("(1,781)"), parse_amount("-£1,781"), parse_amount("more than £1,600")
    (Decimal('-1781'), Decimal('-1781'), Decimal('1600'))
    >>> parse_amount("£1m-£2m"), parse_amount("15.1%"), parse_amount("2018/19"), parse_amount("")
    (None, None, None, None)
    """
    s = text.strip()
    negative = s.startswith("(") and s.endswith(")")
    figures = [m for m in BARE_FIGURE_RE.finditer(s) if not _followed_by_percent(s, m.end())]
    if len(figures) != 1 or "%" in s:
        return None
    m = figures[0]
    value = scaled(m.group("num"), m.group("scale"))
    if value is None:
        return None
    negative = negative or any(m.group(g) for g in ("open", "neg", "neg_in")) or s.startswith(("-", "–", "−"))
    return -value if negative else value


def _followed_by_percent(s: str, end: int) -> bool:
    """Given a string and an offset, return whether a % sign follows it."""
    return s[end:end + 2].lstrip().startswith("%")


def raw_amounts(text: str) -> list[Amount]:
    """Given text, return every money mention in it, valued, before kinds and scale rules."""
    out: list[Amount] = []
    for m in CURRENCY_FIRST_RE.finditer(text):
        out.extend(_from_currency_first(m))
    for m in CURRENCY_LAST_RE.finditer(text):
        value = scaled(m.group("num"), m.group("scale"))
        out.append(Amount(m.group(0), value, m.start(), m.end()))
    return _share_range_scale(text, sorted(out, key=lambda a: a.start or 0))


def _share_range_scale(text: str, amounts: list[Amount]) -> list[Amount]:
    """Given text and its amounts in order, give a bare lower figure of a range the upper figure's scale.

    "£50-£75k" is £50,000 to £75,000: the scale is written once, on the upper figure. Only
    when the lower figure as written is the smaller ("£800-£1.2m" stays £800).

    >>> [a.value_gbp for a in _share_range_scale("£50-£75k", raw_amounts("£50-£75k"))]
    [Decimal('50000'), Decimal('75000')]
    """
    out = list(amounts)
    for i in range(1, len(out)):
        low, high = out[i - 1], out[i]
        word = written_scale(high.text)
        if not word or written_scale(low.text) or low.scale_inferred or low.value_gbp is None or not _joined(text, low, high):
            continue
        low_figure, high_figure = (Decimal(figure_of(a.text).replace(",", "") or "0") for a in (low, high))
        if low_figure < high_figure:
            out[i - 1] = replace(low, value_gbp=tidy(low.value_gbp * SCALE_WORDS[word]), scale_inferred=True)
    return out


def _from_currency_first(m: re.Match[str]) -> list[Amount]:
    """Given a currency-first match, return its one amount, or two for an inline range "£1-2m"."""
    sign = Decimal(-1) if (m.group("neg") or m.group("neg_in") or m.group("open")) else Decimal(1)
    if not m.group("num_hi"):
        value = scaled(m.group("num"), m.group("scale"))
        return [Amount(m.group(0), None if value is None else sign * value, m.start(), m.end())]
    high = scaled(m.group("num_hi"), m.group("scale_hi"))
    low_scale = m.group("scale") or m.group("scale_hi")
    low = scaled(m.group("num"), low_scale)
    if not m.group("scale") and low is not None and high is not None and low > high:
        low_scale, low = None, scaled(m.group("num"), None)  # "£800 to 1.2m": the lower figure has its own scale
    low_end = m.end("scale") if m.group("scale") else m.end("num")
    hi_start = m.start("num_hi")
    inferred = low_scale is not None and not m.group("scale")
    return [
        Amount(m.string[m.start():low_end], low, m.start(), low_end, scale_inferred=inferred),
        Amount(m.string[hi_start:m.end()], high, hi_start, m.end()),
    ]


def _range_groups(text: str, amounts: Sequence[Amount], *, coordinated: bool = False) -> list[tuple[int, int]]:
    """Given text and its amounts in order, return each amount's (start, end), range partners merged.

    With `coordinated`, amounts listed with "and"/"or" ("£1.2m (2022/23) and £0.8m (2023/24) are
    at risk") are merged too: they share the predicate that gives their kind, not their years.
    """
    groups: list[list[int]] = []
    for i, a in enumerate(amounts):
        if i and (_joined(text, amounts[i - 1], a) or coordinated and _coordinated(text, amounts[i - 1], a)):
            groups[-1].append(i)
        else:
            groups.append([i])
    spans: list[tuple[int, int]] = [(0, 0)] * len(amounts)
    for g in groups:
        for i in g:
            spans[i] = (amounts[g[0]].start or 0, amounts[g[-1]].end or 0)
    return spans


def _joined(text: str, left: Amount, right: Amount) -> bool:
    """Given two neighbouring amounts, return whether they form one range."""
    gap = text[left.end or 0:right.start or 0]
    if not RANGE_GAP_RE.fullmatch(gap):
        return False
    return gap.strip() != "and" or text[:left.start or 0].rstrip().lower().endswith("between")


def _coordinated(text: str, left: Amount, right: Amount) -> bool:
    """Given two neighbouring amounts, return whether they are listed together ("£1m (2022/23) and £2m")."""
    return bool(COORDINATION_RE.fullmatch(text[left.end or 0:right.start or 0]))


def find_amounts(text: str, *, scale_hint: str | None = None) -> list[Amount]:
    """Find every money mention in a field's text, with value, kind and financial year.

    Args:
        text: the clean field text; offsets index it.
        scale_hint: a scale word ("m", "k") the surrounding document writes its amounts in;
            applied to implausibly small bare figures such as "£0.025".

    Returns:
        Amounts in text order. Range partners ("£1m-£2m") are two amounts sharing a kind.

    >>> [(a.text, a.value_gbp, a.kind, a.fiscal_year) for a in find_amounts("The £62,000 saving for 2018/19.")]
    [('£62,000', Decimal('62000'), 'saving_target', '2018/19')]
    >>> [(a.value_gbp, a.scale_inferred) for a in find_amounts("under delivery of £0.025m. The £0.025 short fall")]
    [(Decimal('25000'), False), (Decimal('25000'), True)]
    """
    raw = raw_amounts(text)
    raw = rescale_bare(raw, scale_echoes(raw), scale_hint)
    return annotate(text, raw)


def annotate(text: str, amounts: Sequence[Amount], *, years: Sequence[object] | None = None) -> list[Amount]:
    """Given a field text and its amounts, return them with kind and fiscal_year from their clause."""
    found_years = find_years(text) if years is None else years
    out = []
    ranges, lists = _range_groups(text, amounts), _range_groups(text, amounts, coordinated=True)
    for a, (gs, ge), (ls, le) in zip(amounts, ranges, lists, strict=True):
        kind = classify_kind(text, ls, le)
        fy = fiscal_year_for(text, replace(a, start=gs, end=ge), years=found_years)
        out.append(replace(a, kind=kind, fiscal_year=fy))
    return out
