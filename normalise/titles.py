"""A title line of an item or a cell -> the project name it gives and the status it states.

"4.1 Library self-service kiosks (Amber)" names an item under a numbered heading (labelled
paragraphs, `normalise.outside.items`) as much as a project's title line inside a table cell
(`normalise.tables.cell_titles`): both read it here.
"""

from __future__ import annotations

import re

from normalise.status import field_status
from normalise.text.clean import squash

# Section or item numbers: "4.", "2.1", "3)", "(2)", "(a)", "(ii)", "B.".
NUMBER_RE = re.compile(r"^\s*(?P<num>\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)]|\(\d{1,2}\)|\(?[a-z]\)|\([ivx]{1,4}\)|[A-Z]\.)\s+(?=\S)")
# A status in brackets or after a dash at the end of a title: "(Amber)", "[Red]", "– At risk".
_STATUS_SUFFIX_RE = re.compile(r"\s*(?:\((?P<p>[^()]{1,40})\)|\[(?P<b>[^\[\]]{1,40})\]|[–—-]\s+(?P<d>[A-Za-z /]{1,30}))\s*$")


def item_name(text: str) -> tuple[str, str | None]:
    """Given an item heading, return (name without number or status, status lower-case or None).

    >>> item_name("4.1 Library self-service kiosks (Amber)")
    ('Library self-service kiosks', 'amber')
    >>> item_name("(b) Care and Support Centres (CSC)")
    ('Care and Support Centres (CSC)', None)
    >>> item_name("4. Libraries and Culture:")
    ('Libraries and Culture', None)
    """
    name = NUMBER_RE.sub("", squash(text), count=1).strip().rstrip(":").strip()
    m = _STATUS_SUFFIX_RE.search(name)
    if m is not None:
        status = field_status(m.group("p") or m.group("b") or m.group("d"))
        if status is not None:
            return name[: m.start()].strip(), status
    return name, None
