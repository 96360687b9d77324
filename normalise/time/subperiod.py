"""Where in its financial year a report stands: quarter, month or period, from its title, name or heading.

Councils report several times a year ("Quarter 3", "Month 7", "Period 10", "November
2021"), so two reports of one financial year need an order for "since the last report".
`report_subperiod` returns a label as the report writes it, normalised ("Q3", "Month 7",
"Period 10", "November 2021"), and the financial month it reports up to, 1 (April) to 12
(March): the end of a quarter (Q1 -> 3, Q4 -> 12), the month or period number itself
(UK councils number periods from April), or a calendar month's place in the April-March year.

Only the title, the file name and the first short lines of a report are read: a body
sentence such as "works will start in Q3" is about the future, not the report. A calendar
date outside the report's own financial year (a committee meeting after the year end)
says when the report was read, not how far into the year it runs, so it is passed over.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence

from normalise.time.report_year import calendar_month, fiscal_year_of_month

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "first": 1, "second": 2, "third": 3, "fourth": 4}
_QUARTER_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:q(?P<q>[1-4])|quarter[\s_-]*(?P<qn>[1-4]|one|two|three|four)"
    r"|(?P<qw>first|second|third|fourth)[\s_-]+quarter)(?![0-9A-Za-z])",
    re.IGNORECASE,
)
# "Month 7", "M7", "mth 07"; "Period 10", "P10" ("p" alone only when a number follows at once).
_MONTH_N_RE = re.compile(r"(?<![A-Za-z0-9£$.])(?:month|mth|m)[\s_-]?(?P<m>0?[1-9]|1[0-2])(?![0-9])", re.IGNORECASE)
_PERIOD_N_RE = re.compile(r"(?<![A-Za-z0-9£$.])(?:period|p)[\s_-]?(?P<p>0?[1-9]|1[0-3])(?![0-9])", re.IGNORECASE)
HEADING_LINES = 4  # leading passages read after the title and name
HEADING_WORDS = 16  # longer passages are body text


def report_subperiod(title: str | None, file_name: str, passages: Sequence[str] = (),
                     period: str | None = None) -> tuple[str | None, int | None]:
    """Given a report's title, file name, leading passages and financial year, return (label, financial month) or (None, None).

    >>> report_subperiod("Capital monitoring 2021/22 Quarter 3", "x.pdf")
    ('Q3', 9)
    >>> report_subperiod(None, "d1_savings_tracker_2019-20_m7.docx"), report_subperiod(None, "budget_2021-22_p6.txt")
    (('Month 7', 7), ('Period 6', 6))
    >>> report_subperiod("Exception reports", "prince2_2021-11.pdf"), report_subperiod("Savings £5m", "plan.docx")
    (('November 2021', 8), (None, None))
    >>> report_subperiod("Savings 2020/21", "x.docx", ["Audit Committee, 22 April 2021"], "2020/21")
    (None, None)
    """
    name = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", re.split(r"[\\/]", file_name)[-1])
    heads = [p for p in passages[:HEADING_LINES] if len(p.split()) <= HEADING_WORDS]
    for source in (title or "", name, *heads):
        found = _in(source, period)
        if found != (None, None):
            return found
    return None, None


def _in(text: str, period: str | None) -> tuple[str | None, int | None]:
    """Given one title, name or line and the report's year, return the quarter, month or period it names, or (None, None)."""
    if q := _QUARTER_RE.search(text):
        n = int(q["q"]) if q["q"] else _WORDS.get((q["qn"] or q["qw"]).lower()) or int(q["qn"])
        return f"Q{n}", 3 * n
    if m := _MONTH_N_RE.search(text):
        return f"Month {int(m['m'])}", int(m["m"])
    if p := _PERIOD_N_RE.search(text):
        return f"Period {int(p['p'])}", min(int(p["p"]), 12)
    if (month := calendar_month(text)) is not None and period in (None, fiscal_year_of_month(*month)):
        year, number = month
        return f"{calendar.month_name[number]} {year}", (number - 4) % 12 + 1
    return None, None
