"""Field labels of key/value forms and labelled paragraphs, as data: label words -> role, weight.

A *field label* names what the text after it is ("Cause", "Remedial action", "RAG status").
Forms (`normalise/outside/forms.py`) and labelled items (`normalise/outside/items.py`) look labels up here;
a label that is a role word is a field, never a project name.

``weight`` says how surely a label means its role: 1.0 for the words exception reports use
for that field, lower for words that only sometimes do ("Background", "Next steps"). A
label matched only through one of its words is weighted lower again (`INFERRED`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Role = Literal["name", "programme", "reason", "mitigation", "status", "ignored"]
TEXT_ROLES: frozenset[Role] = frozenset({"reason", "mitigation"})
# A weight at or above this is a label that alone makes text an exception field.
STRONG = 0.8
# Multiplier for a label recognised through its head noun or one of its words, not as a whole.
INFERRED = 0.8
MAX_LABEL_WORDS = 7
# A label is matched through a phrase inside it only when it is this short; longer ones are clauses
# ("Radiotherapy may cause the following side effects:").
MAX_CONTAINING_WORDS = 4

# (label as written, lower case; role; weight). Plurals and "&"/"and" variants are folded by `_norm`.
LABELS: tuple[tuple[str, Role, float], ...] = (
    # name-like: the project the form or block is about
    ("project name", "name", 1.0), ("project title", "name", 1.0), ("project", "name", 0.9),
    ("scheme", "name", 0.9), ("scheme name", "name", 1.0), ("scheme title", "name", 1.0),
    ("title", "name", 0.8), ("workstream", "name", 0.9), ("workstream name", "name", 1.0),
    ("initiative", "name", 0.8), ("saving proposal", "name", 0.8), ("project or scheme", "name", 1.0),
    # programme-like: the group the project belongs to (registers and forms also group by directorate or service area)
    ("programme", "programme", 0.9), ("programme name", "programme", 1.0), ("portfolio", "programme", 0.7),
    ("directorate", "programme", 0.9), ("service area", "programme", 0.8), ("department", "programme", 0.8),
    # reason-like
    ("exception", "reason", 1.0), ("description of exception", "reason", 1.0), ("exception description", "reason", 1.0),
    ("issue", "reason", 1.0), ("key issue", "reason", 1.0), ("issue description", "reason", 1.0),
    ("problem", "reason", 1.0), ("cause", "reason", 1.0), ("reason", "reason", 1.0),
    ("reason for exception", "reason", 1.0), ("reason for variance", "reason", 1.0),
    ("risk and issue", "reason", 0.9), ("issue and risk", "reason", 0.9), ("risk description", "reason", 0.8),
    ("risk", "reason", 0.6), ("impact", "reason", 0.6), ("explanation", "reason", 0.8),
    ("variance explanation", "reason", 0.8), ("slippage reason", "reason", 1.0), ("background", "reason", 0.5),
    ("description", "reason", 0.6), ("commentary", "reason", 0.5),
    # mitigation-like
    ("action", "mitigation", 1.0), ("mitigation", "mitigation", 1.0), ("mitigating action", "mitigation", 1.0),
    ("mitigation action", "mitigation", 1.0), ("remedial action", "mitigation", 1.0), ("corrective action", "mitigation", 1.0),
    ("proposed action", "mitigation", 1.0), ("action taken", "mitigation", 1.0), ("action being taken", "mitigation", 1.0),
    ("management action", "mitigation", 1.0), ("recovery action", "mitigation", 1.0), ("recovery plan", "mitigation", 0.9),
    ("recommendation", "mitigation", 0.9), ("recommended action", "mitigation", 1.0), ("next step", "mitigation", 0.6),
    ("response", "mitigation", 0.6), ("way forward", "mitigation", 0.6), ("action required", "mitigation", 1.0),
    ("action planned", "mitigation", 1.0), ("action to recover", "mitigation", 1.0), ("what we are doing", "mitigation", 0.8),
    ("what is being done", "mitigation", 0.8), ("resolution", "mitigation", 0.6), ("mitigating actions taken", "mitigation", 1.0),
    ("comment", "reason", 0.5), ("update", "reason", 0.5), ("reason for slippage", "reason", 1.0),
    ("reason for delay", "reason", 1.0),
    # status-like
    ("rag", "status", 1.0), ("rag status", "status", 1.0), ("rag rating", "status", 1.0), ("status", "status", 1.0),
    ("overall status", "status", 1.0), ("overall rag", "status", 1.0), ("current status", "status", 1.0), ("rating", "status", 0.8),
    # belong to no field: who, when, tolerances, what else could be done, what happens if not
    ("project manager", "ignored", 1.0), ("manager", "ignored", 1.0), ("date", "ignored", 1.0),
    ("date raised", "ignored", 1.0), ("option", "ignored", 1.0), ("options considered", "ignored", 1.0),
    ("consequence", "ignored", 1.0), ("tolerance", "ignored", 1.0), ("tolerance exceeded", "ignored", 1.0),
    ("reference", "ignored", 1.0), ("ref", "ignored", 1.0), ("author", "ignored", 1.0), ("version", "ignored", 1.0),
    ("sponsor", "ignored", 1.0), ("owner", "ignored", 1.0), ("contact", "ignored", 1.0), ("name", "ignored", 1.0),
    ("role", "ignored", 1.0), ("term", "ignored", 1.0), ("meaning", "ignored", 1.0), ("definition", "ignored", 1.0),
    ("budget", "ignored", 1.0), ("cost", "ignored", 1.0), ("decision required", "ignored", 1.0),
    # the decision line of committee minutes ("RESOLVED: That the report be noted."): a minute, not an exception item
    ("resolved", "ignored", 1.0), ("decision", "ignored", 1.0),
    # the closing sections of a committee report, after its last item ("Background papers: none")
    ("background paper", "ignored", 1.0), ("financial implication", "ignored", 1.0), ("legal implication", "ignored", 1.0),
    ("ward affected", "ignored", 1.0), ("key decision", "ignored", 1.0), ("report author", "ignored", 1.0),
)
# Plain-English report templates prompt for a field with a question ("Why is it off track?", "What
# is being done?"): a label ending in "?" has the role of the first of these openings it starts with.
QUESTION_OPENINGS: tuple[tuple[str, Role], ...] = (
    ("why", "reason"), ("what is the issue", "reason"), ("what is the problem", "reason"), ("what has gone wrong", "reason"),
    ("what went wrong", "reason"), ("what has happened", "reason"), ("what is the impact", "reason"),
    ("what is being done", "mitigation"), ("what are we doing", "mitigation"), ("what will be done", "mitigation"),
    ("what will we do", "mitigation"), ("what action", "mitigation"), ("what happens next", "mitigation"),
    ("what next", "mitigation"), ("what is the plan", "mitigation"), ("how will", "mitigation"), ("how are we", "mitigation"),
)
QUESTION_WEIGHT = 0.9
# A label ending in one of these names a person ("Scheme manager", "Lead officer"), never a field.
PERSON_WORDS = frozenset({"manager", "officer", "lead", "owner", "sponsor", "contact", "author", "executive", "director"})

_VOCAB: dict[str, tuple[Role, float]] = {}
# A plural "s" (not the end of "status", "bus", "progress"); "ies" becomes "y".
_PLURAL_RE = re.compile(r"(?<=[a-z]{2}[a-rtv-z])s\b")
_IES_RE = re.compile(r"(?<=[a-z]{2})ies\b")
_PART_RE = re.compile(r"\s*/\s*|\s+or\s+")
_HEAD_RE = re.compile(r"\s+(?:of|for|on|to|from)\s+")


@dataclass(frozen=True, slots=True)
class LabelRole:
    """What a field label means: its role, how surely, and the vocabulary phrase it matched."""

    role: Role
    weight: float
    matched: str
    inferred: bool = False


def _norm(label: str) -> str:
    """Given a label as written, return it lower-case, singular, with "&" as "and" and no trailing punctuation.

    >>> _norm("Risks & Issues:")
    'risk and issue'
    >>> _norm("Recommendation /\\nmitigation")
    'recommendation / mitigation'
    """
    text = re.sub(r"\s+", " ", label.lower().replace("&", " and ")).strip(" :.-–—*")
    text = re.sub(r"[()\[\]]", "", text)
    return _PLURAL_RE.sub("", _IES_RE.sub("y", text))


for _label, _role, _weight in LABELS:
    _VOCAB[_norm(_label)] = (_role, _weight)


def _lookup(text: str) -> LabelRole | None:
    """Given a normalised label, return its role if the vocabulary has it as a whole."""
    hit = _VOCAB.get(text)
    return LabelRole(hit[0], hit[1], text) if hit else None


def phrases(role: Role, min_weight: float = 0.0) -> list[str]:
    """Given a role, return the vocabulary's label phrases for it (lower case, singular), longest first.

    >>> "remedial action" in phrases("mitigation")
    True
    """
    return sorted((label for label, (r, w) in _VOCAB.items() if r == role and w >= min_weight), key=len, reverse=True)


@lru_cache(maxsize=8192)
def label_role(label: str) -> LabelRole | None:
    """Given a field label as written, return what it means, or None if it is not a field label.

    >>> label_role("Recommendation / mitigation")
    LabelRole(role='mitigation', weight=1.0, matched='mitigation', inferred=False)
    >>> label_role("Reason for the delay").role, label_role("Date of exception").role
    ('reason', 'ignored')
    >>> label_role("Scheme manager").role, label_role("Project manager").role
    ('ignored', 'ignored')
    >>> label_role("Children's Services") is None, label_role("Radiotherapy may cause the following side effects") is None
    (True, True)
    """
    if label.rstrip(" *").endswith("?"):
        return _question(label)
    text = _norm(label)
    words = text.split()
    if not words or len(words) > MAX_LABEL_WORDS:
        return None
    whole = _lookup(text)
    if whole is not None:
        return whole
    if words[-1] in PERSON_WORDS:
        return LabelRole("ignored", INFERRED, words[-1], inferred=True)
    parts = [r for r in (_lookup(p) for p in _PART_RE.split(text)) if r is not None]
    if parts:
        return max(parts, key=lambda r: r.weight)
    head = _lookup(_HEAD_RE.split(text, maxsplit=1)[0])
    if head is not None:
        return LabelRole(head.role, head.weight * INFERRED, head.matched, inferred=True)
    return _contained(text) if len(words) <= MAX_CONTAINING_WORDS else None


def _question(label: str) -> LabelRole | None:
    """Given a label written as a question, return the role its opening words prompt for, else None.

    >>> _question("Why is it off track?").role, _question("What are we doing about it?").role, _question("Who?") is None
    ('reason', 'mitigation', True)
    """
    text = " ".join(label.lower().strip(" *?").split())
    if len(text.split()) > MAX_LABEL_WORDS:
        return None
    for opening, role in QUESTION_OPENINGS:
        if text == opening or text.startswith(opening + " "):
            return LabelRole(role, QUESTION_WEIGHT, opening)
    return None


def _contained(text: str) -> LabelRole | None:
    """Given a normalised label, return the role of the longest vocabulary phrase inside it."""
    found = [m.group(0) for m in _PHRASE_RE.finditer(text)]
    if not found:
        return None
    key = max(found, key=len)
    role, weight = _VOCAB[key]
    return LabelRole(role, weight * INFERRED, key, inferred=True)


# Every vocabulary phrase as a whole-word alternation, longest first so the longest match wins at a position.
_PHRASE_RE = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in sorted(_VOCAB, key=len, reverse=True)) + r")\b")
