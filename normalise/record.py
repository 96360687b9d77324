"""The exception record every reader-independent step produces, and the clean project name.

Kept apart from the builders (`normalise.tables.records` for tables, `normalise.outside.forms` and
`normalise.outside.items` outside them) so that each imports the record without importing the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.model import Prov
from normalise.text.clean import clean_text

# A leading "Project" labels the name ("Project Reduction in long-term care placements"),
# unless it is the first word of a compound noun: "Project Management Office", "Project Board".
_PROJECT_COMPOUNDS = r"management|manager|board|office|team|officer|support|assurance|initiation|plan|delivery|lead|sponsor|governance|controls?"
# The tables holding one row per exception, or per mention in one, in the order they are written.
ROW_TABLES = ("exceptions", "amounts", "years", "entities")
_PROJECT_WORD_RE = re.compile(rf"^project\s*[:\-–]?\s+(?!(?:{_PROJECT_COMPOUNDS})\b)(?=\S+\s+\S)", re.I)


@dataclass(frozen=True, slots=True)
class ExceptionRecord:
    """One project exception, clean, with the raw text and provenance it came from."""

    programme: str | None
    project: str
    reason: str
    mitigation: str
    status: str | None
    confidence: float
    prov: tuple[Prov, ...]
    raw_project: str = ""
    raw_reason: str = ""
    raw_mitigation: str = ""
    money: tuple[tuple[str, str], ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    flags: tuple[str, ...] = ()

    @property
    def page(self) -> int | None:
        """Given the record, return the first PDF page it sits on, else None."""
        pages = [p.page for p in self.prov if p.page is not None]
        return min(pages) if pages else None



def project_name(raw: str) -> str:
    """Given a raw name cell or label, return the clean project name.

    >>> project_name("Project Reduction in long-term care placements")
    'Reduction in long-term care placements'
    >>> project_name("Older Adult Care Home Banding Rational- isation")
    'Older Adult Care Home Banding Rationalisation'
    >>> project_name("Project Phoenix")
    'Project Phoenix'
    >>> project_name("Project Management Office restructure"), project_name("Project: Waste rounds review")
    ('Project Management Office restructure', 'Waste rounds review')
    """
    name = clean_text(raw).strip(" :;-–")
    return _PROJECT_WORD_RE.sub("", name)
