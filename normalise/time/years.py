"""Financial years and dates in running text, and the financial year an amount is tied to.

A financial year is normalised to "YYYY/YY" whatever way it is written: "2018/19",
"2018-19", "2019/2020", "2019-2020", "financial year 2018-19", "FY18/19", "FY 2018/19",
the bare short "21/22", "Q2 2021/22" (quarter and year) and "20212022" (plain pdftotext
joins a "2021-2022" hyphenated across a line end). The second year must follow the
first ("2018-2020" is a span of years, not a financial year; "21/23" is not one).
Calendar dates, months and quarters come from `normalise/time/dates.py`, as ISO dates/months.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from normalise.text.clauses import clause_bounds
from normalise.time.dates import find_dates, find_quarters


@dataclass(frozen=True, slots=True)
class YearMention:
    """A financial year (fiscal_year) or a calendar date/month (date) as written in a field."""

    text: str
    start: int
    end: int
    fiscal_year: str | None = None
    date: str | None = None


class _Span(Protocol):
    """Anything with character offsets, such as an Amount."""

    @property
    def start(self) -> int | None: ...

    @property
    def end(self) -> int | None: ...


FY_RE = re.compile(
    r"""
    (?=[\df])(?:                                     # a digit or "f": skip every other position at once
    (?<![\w/.£])                                    # not glued to a word or number
    (?P<prefix>(?:financial|fiscal)\s+year\s+|FY\s?)?   # optional "financial year " or "FY"
    (?P<y1>(?:19|20)\d{2})                          # the first year, in full
    \s?[/\\–-]\s?                                   # a slash or dash, maybe spaced
    (?P<y2>(?:19|20)\d{2}|\d{2})                    # the second year, full or two digits
    (?![\w/]|[-–]\d\d(?!\d)|\.\d)                   # not a longer number or an ISO date (2011-12-01)
    | (?<![\w/.£])
      (?P<prefix_s>FY\s?)                           # "FY18/19", "FY1819": the short form needs "FY"
      (?P<s1>\d{2})\s?[/\\–-]?\s?(?P<s2>\d{2})      # two two-digit years
      (?![\w/])                                     # and nothing glued after
    | (?<![\w/.,£:])(?<!page\s)(?<!p\.\s)(?<!no\.\s)   # not a page or item number: "page 12/13"
      (?P<b1>[0-4]\d)/(?P<b2>\d{2})                  # "21/22": the bare short form, slash only (18-64 is an age band)
      (?![\w/:%]|\.\d|\s?(?:years?|yrs?)[\s-]*olds?   # not a date, time, share or age: "21/22/23", "17/18 year olds"
         |\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))   # nor a span of days: "24/25 March"
    | (?<![\w/.,£])
      (?P<g1>(?:19|20)\d{2})(?P<g2>(?:19|20)\d{2})  # "20212022": pdftotext joined "2021-2022" across a line end
      (?![\w/])
    )""",
    re.VERBOSE | re.IGNORECASE,
)

# Between a financial year and the amount it qualifies, inside one noun phrase:
# "the 2018/19 savings target of £130,000", "2018/19: £62,000".
NP_GAP_RE = re.compile(
    r"""
    \s*(?:['’]s\s*)?                                # "2018/19's"
    (?:(?:saving|savings|target|targets|budget|planned|total|income|cost|costs
        |project|programme|overall|the|of|is|was|:|–|-)\s*){0,5}   # noun-phrase words only
    """,
    re.VERBOSE | re.IGNORECASE,
)

# A clause that only adds a noun phrase to the one before its comma: ", a shortfall of £70k", ", i.e. £5k".
APPOSITION_RE = re.compile(r"(?:a|an|i\.e\.|or|being|that\s+is|which\s+is|equivalent\s+to|representing)\s", re.IGNORECASE)

# A clause that opens with the year it is about: "In 2018/19 the project delivered £X".
LEADING_YEAR_RE = re.compile(r"^\s*(?:in|for|during|across|over)\s+(?:the\s+)?(?:financial\s+year\s+)?$", re.IGNORECASE)


def _full_year(first: int, second: str) -> int | None:
    """Given a first year and the second as written, return the second in full if it follows."""
    want = first + 1
    if len(second) == 4:
        return want if int(second) == want else None
    return want if int(second) == want % 100 else None


def normalise_fiscal_year(text: str) -> str | None:
    """Given a financial year in any written form, return it as "YYYY/YY"; None if it is not one.

    >>> [normalise_fiscal_year(t) for t in ("2018/19", "2018-19", "2019/2020", "FY18/19", "financial year 2018-19")]
    ['2018/19', '2018/19', '2019/20', '2018/19', '2018/19']
    >>> normalise_fiscal_year("1999/00"), normalise_fiscal_year("2018-2020"), normalise_fiscal_year("18-64")
    ('1999/00', None, None)
    """
    m = FY_RE.fullmatch(text.strip())
    return _fy_from_match(m) if m else None


def _fy_from_match(m: re.Match[str]) -> str | None:
    """Given an FY_RE match, return "YYYY/YY", or None when the years do not follow each other."""
    full = m.group("y1") or m.group("g1")
    if full:
        first = int(full)
        second = _full_year(first, m.group("y2") or m.group("g2"))
    else:
        # "FY18/19", "21/22": two-digit financial years are this century's
        first = 2000 + int(m.group("s1") or m.group("b1"))
        second = _full_year(first, m.group("s2") or m.group("b2"))
    return None if second is None else f"{first}/{second % 100:02d}"


def find_fiscal_years(text: str) -> list[YearMention]:
    """Given text, return its financial-year mentions.

    >>> [(y.text, y.fiscal_year) for y in find_fiscal_years("from 2015/16 to FY 2016-17, not 18-64")]
    [('2015/16', '2015/16'), ('FY 2016-17', '2016/17')]
    """
    out = []
    for m in FY_RE.finditer(text):
        fy = _fy_from_match(m)
        if fy:
            out.append(YearMention(m.group(0), m.start(), m.end(), fiscal_year=fy))
    return out


# File names and titles write a year with underscores or words between its parts:
# "ASC_2017_18", "fy-18-19", "f/y 2019-20", "2018 to 2019".
_NAME_JOINER_RE = re.compile(r"(?<=\d)\s*(?:_|\bto\b)\s*(?=\d)", re.IGNORECASE)
_NAME_PREFIX_RE = re.compile(r"(?<![A-Za-z])f/?y[\s_-]*(?=\d)", re.IGNORECASE)


def fiscal_years_in_name(name: str) -> list[str]:
    """Given a file name or a title, return the financial years it names, in order (`find_fiscal_years` on it as text).

    >>> fiscal_years_in_name("ASC_2017_18_appendix"), fiscal_years_in_name("fy-18-19 final"), fiscal_years_in_name("2018 to 2019")
    (['2017/18'], ['2018/19'], ['2018/19'])
    >>> fiscal_years_in_name("Project exceptions 2016/17"), fiscal_years_in_name("minutes_2016_2018")
    (['2016/17'], [])
    """
    text = _NAME_PREFIX_RE.sub("FY", _NAME_JOINER_RE.sub("-", name)).replace("_", " ")
    return [y.fiscal_year for y in find_fiscal_years(text) if y.fiscal_year]


def find_years(text: str, *, report_period: str | None = None) -> list[YearMention]:
    """Find every financial year, calendar date, month and quarter in a field's text.

    Args:
        text: the clean field text; offsets index it.
        report_period: the report's financial year "YYYY/YY", used to date a month or a
            quarter written without a year.

    Returns:
        Mentions in text order, each with either `fiscal_year` or `date` (or neither, for
        a month with no period to date it).

    >>> found = find_years("in quarter 4, by February, 2019/2020", report_period="2018/19")
    >>> [(y.text, y.fiscal_year, y.date) for y in found]
    [('quarter 4', None, '2019-01'), ('February', None, '2019-02'), ('2019/2020', '2019/20', None)]
    """
    fys = find_fiscal_years(text)
    taken = [(y.start, y.end) for y in fys]
    out = list(fys)
    quarters = find_quarters(text, [(y.start, y.fiscal_year or "") for y in fys], report_period)
    for start, end, iso in [*find_dates(text, report_period), *quarters]:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        out.append(YearMention(text[start:end], start, end, date=iso))
    return sorted(out, key=lambda y: (y.start, y.end))


def fiscal_year_for(text: str, amount: _Span, *, years: Sequence[object] | None = None) -> str | None:
    """Given a field text and an amount in it, return the financial year its own clause ties it to.

    In order: a year in the amount's noun phrase before it ("the 2018/19 savings target
    of £130,000 will be delivered in 2019/20" -> 2018/19), else the first year after it
    in the clause ("slippage of £0.197m savings from 2015/16 to 2016/17" -> 2015/16), else
    a year the clause opens with ("In 2018/19 the project saved £X"). Relative years
    ("slippage from last year") tie to nothing.

    >>> t = "It is projected that the 2018/19 savings target of £130,000 will be delivered in 2019/20."
    >>> class A: start, end = 51, 59
    >>> fiscal_year_for(t, A())
    '2018/19'
    """
    start, end = amount.start or 0, amount.end or 0
    cs, ce = clause_bounds(text, start, end)
    found = find_fiscal_years(text) if years is None else years
    fys = [y for y in found if isinstance(y, YearMention) and y.fiscal_year and cs <= y.start < ce]
    before = [y for y in fys if y.end <= start]
    if before and NP_GAP_RE.fullmatch(text[before[-1].end:start]):
        return before[-1].fiscal_year
    after = [y for y in fys if y.start >= end]
    if after:
        return after[0].fiscal_year
    if before and LEADING_YEAR_RE.match(text[cs:before[0].start]):
        return before[0].fiscal_year
    return _appositive_year(text, cs, found)


def _appositive_year(text: str, clause_start: int, years: Sequence[object]) -> str | None:
    """Given a text, a clause start and its years, return the year the clause before its comma lends it.

    ", a shortfall of £70k" adds a noun phrase to the clause before the comma ("the
    forecast saving for 2019/20 is £130k"), so it shares that clause's last year; a clause
    after an opening "In 2019/20," is about that year.

    >>> t = "the forecast saving for 2020/21 is £90k, a gap of £15k against plan"
    >>> _appositive_year(t, t.index("a gap"), find_fiscal_years(t))
    '2020/21'
    >>> t = "In 2022/23, £40k was saved"
    >>> _appositive_year(t, t.index("£"), find_fiscal_years(t))
    '2022/23'
    """
    head = text[:clause_start].rstrip()
    if not head.endswith(","):
        return None
    ps, pe = clause_bounds(text, len(head) - 1, len(head) - 1)
    fys = [y for y in years if isinstance(y, YearMention) and y.fiscal_year and ps <= y.start < pe]
    if not fys:
        return None
    if APPOSITION_RE.match(text, clause_start):
        return fys[-1].fiscal_year
    only_year = LEADING_YEAR_RE.match(text[ps:fys[0].start]) and not text[fys[0].end:pe].strip(" ,")
    return fys[0].fiscal_year if only_year else None


# A table column whose cells are dates or periods, so their years are the row's: "Target date",
# "Revised completion", "Due", "Timescale", "By when", "Go-live", "Year of delivery".
DATE_HEADER_RE = re.compile(
    r"""
    \b(?:dates?|due|deadlines?|timescales?|timelines?|timing|by\s+when|when|completion|go[-\s]?live
    |quarter|period|years?|deliver(?:y|ed)\s+by)\b
    """,
    re.VERBOSE | re.IGNORECASE,
)


def column_years(header: str, cell_text: str, *, report_period: str | None = None) -> list[YearMention]:
    """Given a table column's whole header and one row's cell, return the cell's years and dates.

    Only a date column's cells count (a money column's "2019/20 £000" header year belongs to its
    amounts, and a prose cell is read as a field); offsets index the cell text.

    >>> [(y.text, y.fiscal_year, y.date) for y in column_years("Target date", "Q3 2021/22")]
    [('Q3', None, '2021-10'), ('2021/22', '2021/22', None)]
    >>> column_years("Savings £000 2021/22", "120"), column_years("Project", "Depot 2021/22")
    ([], [])
    """
    if "£" in header or not DATE_HEADER_RE.search(header):
        return []
    return find_years(cell_text, report_period=report_period)
