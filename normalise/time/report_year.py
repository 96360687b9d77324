"""Which financial year a report covers: from its title, its file name, then its content.

UK councils run April-March financial years, written `2016/17`, `2016-17`,
`2016/2017`, `FY16/17` or `fy1617`. `report_period` tries three sources in order and
says which one it used:

1. **title** - a financial year written in the title ("Project exceptions for 2016/17").
2. **file name** - a financial year in the name ("exceptions_2019_20.pdf", "fy1920").
   Only when neither holds a financial year, a calendar month written in the title or
   the name ("Feb 2019", "2019-02", "20190204") gives the financial year containing
   that month (February 2019 -> 2018/19): an explicit year beats one that needs converting.
3. **content** - see `period_from_content`: a report is written *during* the year it
   covers, so it talks about that year as the present ("so far in 2018/19", "the
   2018/19 savings target", "saving for 2018/19") and about other years as the past
   ("slippage from 2015/16") or the future ("delivered in 2019/20").

A lone four-digit year ("2016") is never read as a financial year: it could be
either of two.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Literal

from normalise.time.years import find_fiscal_years, fiscal_years_in_name

PeriodRule = Literal["title", "file name", "content", "unknown"]

_FIRST_YEAR, _LAST_YEAR = 1990, 2089  # plausible report years; rejects "1234/35"

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}

# A calendar month: "Feb 2019", "February-2019", "Sept_19" or ISO "2019-02" / "20190204".
_MONTH_RE = re.compile(
    r"""
    (?<![A-Za-z])(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)        # month name ...
    (?:uary|ruary|ch|il|e|y|ust|t|tember|ober|ember)?\.?(?![A-Za-z])            # ... whole or short
    [\s_.-]*(?P<year>(?:19|20)\d\d|\d\d)(?![0-9])         # then its year, 4 or 2 digits
    |
    (?<![0-9])(?P<iy>(?:19|20)\d\d)[-_.]?(?P<im>0[1-9]|1[0-2])  # ISO year-month
    (?:[-_.]?(?:0[1-9]|[12]\d|3[01]))?(?![0-9])                  # optional day
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Words around a year that present it as the year being reported on: "so far in 2018/19",
# "in-year", "this financial year (2018/19)", "2018/19 to date".
_PRESENT_BEFORE_RE = re.compile(
    r"""(?:so\s+far\s+in|to\s+date\s+in|in[\s-]year|(?:this|current)\s+(?:financial\s+)?year)  # cue words
        \s*[(\[]?\s*$                                                                 # then the year
    """,
    re.IGNORECASE | re.VERBOSE,
)
_PRESENT_AFTER_RE = re.compile(r"^\s*[)\]]?\s*(?:to\s+date|so\s+far|\(?this\s+(?:financial\s+)?year)", re.IGNORECASE)
# Words just before a year that place it elsewhere in time: slipped from/into, the future.
_OTHER_BEFORE_RE = re.compile(
    r"(?:from|into|since|until|by|next|previous|last|early|late|beyond|after|before)\s*[(\[]?\s*$",
    re.IGNORECASE,
)
# A future-tense word earlier in the same clause: "will be delivered in 2019/20".
_FUTURE_RE = re.compile(r"\b(?:will|expected|projected|anticipated|scheduled|forecast\s+to)\b", re.IGNORECASE)
_CLAUSE_END_RE = re.compile(r"[.;!?](?:\s|<)|</?p>|</?li>", re.IGNORECASE)  # "£0.5m" is not an end
_CUE_WINDOW = 80  # characters of context read before a year; a clause rarely starts further back


def _expand_year(two: str, century_of: int | None = None) -> int:
    """Given a 2- or 4-digit year, return it as 4 digits (2-digit years are 20xx)."""
    if len(two) == 4:
        return int(two)
    return (century_of // 100 * 100 if century_of else 2000) + int(two)


def fiscal_year_of_month(year: int, month: int) -> str:
    """Given a calendar month, return the April-March financial year containing it.

    >>> fiscal_year_of_month(2019, 2), fiscal_year_of_month(2019, 4)
    ('2018/19', '2019/20')
    """
    start = year if month >= 4 else year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def calendar_month(text: str) -> tuple[int, int] | None:
    """Given a title or file name, return the first calendar month written in it as (year, month), or None.

    >>> calendar_month("Exceptions report Feb 2019.pdf"), calendar_month("report_20181112.txt"), calendar_month("Appendix 2 2016")
    ((2019, 2), (2018, 11), None)
    """
    for match in _MONTH_RE.finditer(text):
        if match["mon"]:
            year, month = _expand_year(match["year"]), _MONTHS[match["mon"].lower()[:3]]
        else:
            year, month = int(match["iy"]), int(match["im"])
        if _FIRST_YEAR <= year <= _LAST_YEAR:
            return year, month
    return None


def _month_period(text: str) -> str | None:
    """Given a title or file name, return the financial year of the first month written in it.

    >>> _month_period("Exceptions report Feb 2019.pdf"), _month_period("report_20181112.txt")
    ('2018/19', '2018/19')
    >>> _month_period("Appendix 2 2016") is None
    True
    """
    month = calendar_month(text)
    return None if month is None else fiscal_year_of_month(*month)


def _mention_weight(before: str, after: str) -> int:
    """Given the text around a year, return its vote: 5 present, 0 another year, 1 plain."""
    clause = _CLAUSE_END_RE.split(before)[-1]
    if _PRESENT_BEFORE_RE.search(clause) or _PRESENT_AFTER_RE.search(after):
        return 5
    if _OTHER_BEFORE_RE.search(clause) or _FUTURE_RE.search(clause):
        return 0
    return 1


def period_from_content(passages: Sequence[str]) -> str | None:
    """Given passages of a report (or bare years), return the financial year it is written about.

    Rule: every financial year mentioned casts a vote weighted by its own clause:

    - 5 when the clause presents it as the current year: "so far in", "to date in",
      "in-year", "this/current (financial) year" just before it, or "to date", "so far",
      "(this year)" just after it;
    - 0 when the words just before it place it elsewhere in time ("from", "into",
      "until", "by", "next", "previous", "early", ...) or when the clause before it is in
      the future tense ("will", "expected", "projected", "anticipated", "scheduled") -
      a report written in February 2019 says what *will* happen in 2019/20;
    - 1 otherwise; a bare year string (no context) always counts 1.

    The year with most votes wins. A tie goes to the earliest year: exceptions reports
    look ahead (slippage into next year) far more than back, and backward mentions are
    usually marked ("slippage from 2015/16"). When every mention weighs 0, the earliest
    year mentioned wins. Pass passages rather than bare years where possible: with bare
    years the rule falls back to "most mentioned", which the 2018/19 sample defeats
    (2019/20 is mentioned 8 times, 2018/19 only 5).

    >>> period_from_content(["so far in 2018/19", "delivered in 2019/20", "early 2019/20"])
    '2018/19'
    >>> period_from_content(["slippage from 2015/16 to 2016/17", "2016/17", "into 2017/18"])
    '2016/17'
    >>> period_from_content(["no years here"]) is None
    True
    """
    votes = PeriodVotes()
    votes.add(passages)
    return votes.winner()


class PeriodVotes:
    """The votes of `period_from_content`, cast a part of a report at a time (a big file's sections)."""

    def __init__(self) -> None:
        self.votes: Counter[str] = Counter()
        self.seen: set[str] = set()

    def add(self, passages: Iterable[str]) -> None:
        """Given more passages of the report, count the votes of the years they mention."""
        for passage in passages:
            for year in find_fiscal_years(passage):
                fiscal, start, end = year.fiscal_year or "", year.start, year.end
                self.seen.add(fiscal)
                self.votes[fiscal] += _mention_weight(passage[max(0, start - _CUE_WINDOW):start], passage[end:end + _CUE_WINDOW])

    def winner(self) -> str | None:
        """Return the year the votes so far elect (None if no year was mentioned)."""
        if not self.seen:
            return None
        best = max(self.votes.values(), default=0)
        if best == 0:
            return min(self.seen)
        return min(year for year, n in self.votes.items() if n == best)


def report_period(
    title: str | None, file_name: str, fiscal_years_in_text: Sequence[str] | PeriodVotes
) -> tuple[str | None, PeriodRule]:
    """Return the financial year a report covers and the rule that decided it.

    Args:
        title: the document title as written, or None.
        file_name: the input's file name (a path is fine: only its last part is read).
        fiscal_years_in_text: passages of the report's text (paragraphs, cells or the
            whole text), or bare financial-year strings found in it, or the votes of its
            passages; see `period_from_content` for how they are weighed.

    Returns:
        `(period, rule)`: period as `YYYY/YY` or None; rule is "title", "file name",
        "content" or "unknown".

    >>> report_period("Project exceptions for 2016/17", "x.txt", [])
    ('2016/17', 'title')
    >>> report_period("Project exceptions", "ASC 2017-2018 appendix.docx", ["2019/20"])
    ('2017/18', 'file name')
    >>> report_period(None, "2016_appendix.txt", ["so far in 2018/19", "2019/20", "2019/20"])
    ('2018/19', 'content')
    """
    name = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", re.split(r"[\\/]", file_name)[-1])
    sources: tuple[tuple[str, PeriodRule], ...] = ((title or "", "title"), (name, "file name"))
    for source, rule in sources:
        years = fiscal_years_in_name(source)
        if years:
            return years[0], rule
    for source, rule in sources:
        month = _month_period(source)
        if month is not None:
            return month, rule
    votes = fiscal_years_in_text
    content = votes.winner() if isinstance(votes, PeriodVotes) else period_from_content(votes)
    return (content, "content") if content else (None, "unknown")
