"""Calendar dates, months and quarters in running text, as ISO dates or months.

UK councils run April-March financial years, so a month or quarter written without a
year takes it from the report's period: with `report_period="2018/19"`, "February" is
2019-02 and "November" 2018-11. A quarter is numbered within the financial year
(quarter 1 = April-June ... quarter 4 = January-March) and is represented by the ISO
month it starts in: "quarter 4" of 2018/19 -> "2019-01". Without a period, such
mentions are still reported, with date None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_MONTH_NUMBER = {m.lower(): i for i, m in enumerate(MONTHS, 1)} | {
    m[:3].lower(): i for i, m in enumerate(MONTHS, 1)} | {"sept": 9}
# Month names are matched case-sensitively: "march on" and "may be" are verbs.
_MONTH = r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b" \
         r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"  # only an abbreviation takes a dot
_YEAR = r"(?:19|20)\d{2}(?![\w/]|[-–]\d)"
_ORD = r"(?:st|nd|rd|th)?"

DATE_RE = re.compile(
    rf"""
    (?<![A-Za-z0-9])(?=[\dJFMASONDEeMmLlIiDdSsFfBbUuAa])(?:   # a word start that can open a date: skip the rest at once
    (?P<dmy>(?P<d1>[0-3]?\d){_ORD}\s+(?P<m1>{_MONTH}),?\s+(?P<y1>{_YEAR}))     # 12th November 2018
    | (?P<mdy>(?P<m2>{_MONTH})\s+(?P<d2>[0-3]?\d){_ORD},?\s+(?P<y2>{_YEAR}))   # November 12, 2018
    | (?P<num>(?P<d5>[0-3]?\d)/(?P<mo5>[01]?\d)/(?P<y5>(?:19|20)\d{{2}}))\b    # 12/11/2018 (UK order)
    | (?P<iso>(?P<y6>(?:19|20)\d{{2}})-(?P<mo6>[01]\d)-(?P<d6>[0-3]\d))\b      # 2018-11-12
    | (?P<dm>(?P<d3>[0-3]?\d){_ORD}\s+(?P<m3>{_MONTH}))                        # 4th February (year from period)
    | (?P<my>(?:(?:[Ee]arly|[Mm]id|[Ll]ate|[Ee]nd\s+of)[-\s])?(?P<m4>{_MONTH}),?\s+(?P<y4>{_YEAR}))  # mid-July 2016
    | (?P<m>(?P<m7>{_MONTH}))                                                  # February (year from period)
    | (?:\b(?:[Ii]n|[Dd]uring|[Ss]ince|[Ff]rom|[Bb]y|[Uu]ntil|[Bb]efore|[Aa]fter)\s+(?P<y8>{_YEAR}))  # in 2018
    )""",
    re.VERBOSE,
)

QUARTER_RE = re.compile(
    r"""
    \b(?:[Qq]uarter\s+(?P<q1>[1-4])                       # quarter 4
    | Q(?P<q2>[1-4])                                        # Q4
    | (?P<q3>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter   # the fourth quarter
    )\b
    """,
    re.VERBOSE,
)
# What may separate a quarter from the financial year it belongs to: "Q4 2018/19", "quarter 4 of 2019/20".
_QUARTER_OF_RE = re.compile(r"\s*(?:of\s+)?(?:the\s+)?(?:financial\s+year\s+)?", re.IGNORECASE)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# Modal "May" is far commoner than the month; take it only after a word that introduces a date.
_MAY_CONTEXT_RE = re.compile(r"(?:\b(?:in|from|by|until|since|during|of|early|mid|late|end\s+of)[-\s]+)$",
                             re.IGNORECASE)


def calendar_year(month: int, report_period: str | None) -> int | None:
    """Given a month number and a period "YYYY/YY", return the calendar year it falls in.

    >>> calendar_year(2, "2018/19"), calendar_year(11, "2018/19"), calendar_year(11, None)
    (2019, 2018, None)
    """
    if not report_period or not report_period[:4].isdigit():
        return None
    first = int(report_period[:4])
    return first + 1 if month <= 3 else first


def _month(name: str) -> int:
    """Given a month name or abbreviation, return its number (1-12)."""
    return _MONTH_NUMBER[name.rstrip(".").lower()]


def _iso(year: int | None, month: int, day: int | None = None) -> str | None:
    """Given year, month and maybe a day, return an ISO date or month; None if impossible."""
    if year is None or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


def _resolve(m: re.Match[str], period: str | None) -> str | None:
    """Given a DATE_RE match and the report period, return the ISO date or month it names."""
    g = m.group
    if g("dmy"):
        return _iso(int(g("y1")), _month(g("m1")), int(g("d1")))
    if g("mdy"):
        return _iso(int(g("y2")), _month(g("m2")), int(g("d2")))
    if g("num"):
        return _iso(int(g("y5")), int(g("mo5")), int(g("d5")))
    if g("iso"):
        return _iso(int(g("y6")), int(g("mo6")), int(g("d6")))
    if g("dm"):
        month = _month(g("m3"))
        return _iso(calendar_year(month, period), month, int(g("d3")))
    if g("my"):
        return _iso(int(g("y4")), _month(g("m4")))
    if g("m"):
        month = _month(g("m7"))
        return _iso(calendar_year(month, period), month)
    return g("y8")


def find_dates(text: str, report_period: str | None = None) -> Iterator[tuple[int, int, str | None]]:
    """Given text, yield (start, end, iso) for each calendar date, month or year it names.

    >>> text = "mid-July 2016, 4th February and May"
    >>> [text[s:e] + "=" + str(d) for s, e, d in find_dates(text)]
    ['mid-July 2016=2016-07', '4th February=None']
    >>> [d for _, _, d in find_dates("on 12th November 2018 and in February", "2018/19")]
    ['2018-11-12', '2019-02']
    """
    for m in DATE_RE.finditer(text):
        if m.group("m") and m.group("m7").startswith("May") and not _MAY_CONTEXT_RE.search(text[:m.start()]):
            continue
        start = m.start("y8") if m.group("y8") else m.start()
        yield start, m.end(), _resolve(m, report_period)


def find_quarters(text: str, fiscal_years: list[tuple[int, str]],
                  report_period: str | None = None) -> Iterator[tuple[int, int, str | None]]:
    """Given text and its (start, fiscal year) mentions, yield (start, end, first ISO month) per quarter.

    A financial year written just after the quarter ("Q4 2018/19", "quarter 4 of
    2019/20") beats the report period.

    >>> list(find_quarters("in quarter 4, which is late", [], "2018/19"))
    [(3, 12, '2019-01')]
    """
    for m in QUARTER_RE.finditer(text):
        q = int(m.group("q1") or m.group("q2") or _ORDINALS[m.group("q3").lower()])
        near = [fy for s, fy in fiscal_years if s >= m.end() and _QUARTER_OF_RE.fullmatch(text[m.end():s])]
        period = near[0] if near else report_period
        month = 3 * q + 1 if q < 4 else 1
        yield m.start(), m.end(), _iso(calendar_year(month, period), month)
