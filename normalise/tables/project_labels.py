"""Find project labels that open paragraphs ("Name: text" or "Name - text")."""

from __future__ import annotations

import re

from normalise.tables.commentary import is_field_label
from normalise.text.clean import squash, strip_bullet

MAX_LABEL_WORDS = 20
MAX_LABEL_CHARS = 140
# Label, a colon, then the paragraph's text; names may hold " - " so the colon is tried first.
_COLON_RE = re.compile(
    r"""^(?P<label>[^:.!?;]{2,140}?)   # the name: no sentence punctuation
        \s*:\s+                        # the colon
        (?P<rest>\S.*)$                # the paragraph goes on after it""",
    re.VERBOSE | re.DOTALL,
)
# Fallback: "Name – text" with a spaced dash.
# The text after a dash must open a sentence, so "Work continues - slowly" stays whole.
_DASH_RE = re.compile(r"^(?P<label>[^:.!?;–—-]{2,140}?)\s+[–—-]\s+(?P<rest>[A-Z\"'‘“].*)$", re.DOTALL)
# Words that make a phrase a clause, not a name ("This slippage is due to ...:").
_CLAUSE_WORDS = re.compile(
    r"\b(is|are|was|were|has|have|had|will|would|should|could|can|may|must|been|being|includ\w*|"
    r"following|however|therefore|meantime|mitigation|example|note|update|summary|see|additionally|"
    r"furthermore|overall|background|context|currently|previously|next|also)\b",
    re.I,
)
_STARTS_UPPER = re.compile(r"^[\"'‘“(]?[A-Z0-9]")


def split_label(text: str) -> tuple[str, str] | None:
    """Given a paragraph's text, return (project name, rest) if it opens with a project label.

    >>> split_label("Housing with care: The £62,000 saving for 2018/19")
    ('Housing with care', 'The £62,000 saving for 2018/19')
    >>> split_label("In the meantime: Extensive work is being undertaken") is None
    True
    >>> split_label("This slippage is due to a number of factors, including: Meeting") is None
    True
    >>> split_label("Supporting the use of best practice in the\\nsupport planning of Older Adults' (OA) care\\nservices: This project")[0]
    "Supporting the use of best practice in the support planning of Older Adults' (OA) care services"
    >>> split_label("Reducing the Costs of residential Placements - Younger Adults: This project has")[0]
    'Reducing the Costs of residential Placements - Younger Adults'
    >>> split_label("Library review – Consultation closed late")
    ('Library review', 'Consultation closed late')
    >>> split_label("Work continues - slowly but surely") is None
    True
    """
    text = strip_bullet(text.strip())
    for pattern in (_COLON_RE, _DASH_RE):
        m = pattern.match(text)
        if m is None:
            continue
        label, rest = squash(m.group("label")), m.group("rest").strip()
        if is_name(label) and rest:
            return label, rest
    return None


def is_name(label: str) -> bool:
    """Given a candidate label, return whether it reads as a project name, not a clause."""
    words = label.split()
    if not words or len(words) > MAX_LABEL_WORDS or len(label) > MAX_LABEL_CHARS:
        return False
    if not _STARTS_UPPER.match(label) or _CLAUSE_WORDS.search(label) or is_field_label(label):
        return False
    return not re.search(r"£|\d{4}/\d{2}", label)


def listed_names(paragraphs: list[str], plural_header: bool) -> list[str] | None:
    """Given a name cell's paragraphs, return the projects it lists when it names several, else None.

    One issue may hit several projects, and registers then name them all in the row's name cell:
    separated by semicolons, or (under a header allowing several, "Project(s)") one paragraph
    each. Every piece must read as a name. Lines of a PDF or text cell are no paragraphs: a long
    name wraps over them.

    >>> listed_names(["Leisure booking system; Library management system"], False)
    ['Leisure booking system', 'Library management system']
    >>> listed_names(["Primary school expansion – St Mary's", "Primary school expansion – Hillside"], True)
    ["Primary school expansion – St Mary's", 'Primary school expansion – Hillside']
    >>> listed_names(["Depot roof", "Phase 2"], False) is None, listed_names(["Bridge repairs; see note 3 below"], False) is None
    (True, True)
    """
    if any(";" in p for p in paragraphs):
        pieces = [squash(t) for t in ";".join(paragraphs).split(";") if t.strip()]
    else:
        pieces = [squash(p) for p in paragraphs if p.strip()] if plural_header else []
    if len(pieces) < 2 or not all(is_name(t) for t in pieces):
        return None
    return pieces

