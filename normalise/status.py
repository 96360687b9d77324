"""The project status a row states: from its text, a status/RAG column, or a status field ("RAG: Amber")."""

from __future__ import annotations

import re

# Status wordings seen in programme reports, longest first so "at risk" beats "risk".
STATUS_WORDS = (
    "experiencing significant obstacles", "experiencing obstacles", "significant obstacles",
    "at risk", "on target", "off target", "on track", "off track", "behind schedule",
    "delayed", "compromised", "completed", "complete", "closed", "red", "amber", "green",
)
_VOCAB = "|".join(re.escape(w) for w in STATUS_WORDS)
_Q = r"['‘’\"“”]?"
# The statement forms: "status remains At Risk", "status has also been left as At Risk",
# "remains as 'experiencing obstacles'", "is assessed as ...", "has moved to X from Y".
_STATED_RE = re.compile(
    rf"""\b(?:status|project|scheme|rag|rating)\b[^.;]{{0,40}}?
        \b(?:remains|is|was|has\ (?:also\ )?been\ (?:left|set|changed|moved|reported|assessed|rated)|
           is\ reporting|is\ reported|is\ assessed|has\ moved|moved|rated|reporting)
        (?:\ as|\ to|\ at)?\s+{_Q}(?P<status>{_VOCAB}){_Q}(?![\w-])""",
    re.I | re.VERBOSE,
)
# "expected to return to on target": a hoped-for status, not the current one.
_FUTURE_RE = re.compile(r"\b(expected|anticipated|forecast|hoped|planned|aim)\b[^.;]{0,30}$", re.I)
_RAG_CODES = {"r": "red", "a": "amber", "g": "green", "ag": "amber/green", "ar": "amber/red"}


def stated_status(*texts: str) -> str | None:
    """Given a row's texts in order, return the first status it states, lower-case.

    >>> stated_status("the project's status remains At Risk due to the ongoing challenge")
    'at risk'
    >>> stated_status("This project has moved to experiencing obstacles from on target this month.")
    'experiencing obstacles'
    >>> stated_status("The project status is expected to return to on target in early 2019/20") is None
    True
    >>> stated_status("This amount does currently, however, remains at risk.") is None
    True
    """
    for text in texts:
        for m in _STATED_RE.finditer(text):
            if not _FUTURE_RE.search(text[max(0, m.start("status") - 60) : m.start("status")]):
                return m.group("status").lower()
    return None


def column_status(cell: str) -> str | None:
    """Given a status/RAG cell, return its status lower-case ("R" -> "red").

    >>> column_status(" G "), column_status("Amber"), column_status("")
    ('green', 'amber', None)
    """
    value = re.sub(r"[^a-z /]", "", cell.strip().lower()).strip()
    if not value:
        return None
    return _RAG_CODES.get(value.replace("/", ""), value)


# The status word a status field opens with, after an optional label of its own ("RAG: Amber").
_STATUS_START_RE = re.compile(
    rf"^\W*(?:(?:overall\s+)?(?:rag|status|rating)(?:\s+status)?\s*[:\-–]?\s*)?(?P<status>{_VOCAB})(?![\w-])", re.I)
_RAG_LETTER_RE = re.compile(r"^\W*(?P<code>[RAG])\W*$")


def field_status(text: str) -> str | None:
    """Given a status field's text, return the status it opens with, lower-case.

    >>> field_status("Amber – two milestones missed"), field_status("R"), field_status("Awaiting sign-off"), field_status("RAG: Red")
    ('amber', 'red', None, 'red')
    """
    m = _STATUS_START_RE.match(text)
    if m is not None:
        return m.group("status").lower()
    code = _RAG_LETTER_RE.match(text)
    return _RAG_CODES[code.group("code").lower()] if code else None
