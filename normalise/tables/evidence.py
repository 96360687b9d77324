"""Header words and content cues as data: the header terms of `extract/header_terms.toml` (the one
header vocabulary, which the readers also use to find header rows) and the cues of
`normalise/patterns/table_cues.toml`.

`header_scores(text)` sums the weight of every term of every role that matches a header;
`cues()` holds the table-level cues of `normalise.tables.decision`. Users extend both with
`--columns FILE` (see `normalise.tables.user_columns`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from extract import vocabulary

Role = Literal["name", "reason", "mitigation", "combined", "status", "money", "date", "ref", "owner", "group", "other"]
ROLES: tuple[Role, ...] = ("name", "reason", "mitigation", "combined", "status", "money", "date", "ref", "owner", "group", "other")
TEXT_ROLES: frozenset[str] = frozenset({"reason", "mitigation", "combined"})
_PATTERNS = Path(__file__).parent.parent / "patterns"


@dataclass(frozen=True, slots=True)
class Term:
    """One weighted header word of a role."""

    pattern: re.Pattern[str]
    weight: float


@dataclass(frozen=True, slots=True)
class Cues:
    """Table-level evidence: exception cues for headers and content, non-exception header cues."""

    exception_header: tuple[re.Pattern[str], ...]
    exception_content: tuple[re.Pattern[str], ...]
    weak_content: tuple[re.Pattern[str], ...]
    not_exception_header: tuple[re.Pattern[str], ...]


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    """Given regex strings, return them compiled case-insensitively."""
    return tuple(re.compile(p, re.I) for p in patterns)


@cache
def header_terms() -> dict[Role, tuple[Term, ...]]:
    """Return the built-in header terms by role, as `extract/header_terms.toml` lists them."""
    data = vocabulary.header_terms()
    return {role: tuple(Term(p, w) for p, w in data[role]) for role in ROLES if role in data}


@cache
def cues() -> Cues:
    """Return the table-level cues of `table_cues.toml`."""
    data = tomllib.loads((_PATTERNS / "table_cues.toml").read_text(encoding="utf-8"))
    return Cues(
        exception_header=_compile(data["exception"]["header"]),
        exception_content=_compile(data["exception"]["content"]),
        weak_content=_compile(data["exception"]["content_weak"]),
        not_exception_header=_compile(data["not_exception"]["header"]),
    )


def header_scores(text: str, extra: dict[Role, tuple[Term, ...]] | None = None) -> dict[Role, float]:
    """Given a column's header text, return the summed weight of every matching term per role.

    >>> s = header_scores("Commentary and mitigating actions")
    >>> s["combined"] > s["reason"] > 0 and s["mitigation"] > 0
    True
    >>> header_scores("")["name"]
    0.0
    """
    out: dict[Role, float] = dict.fromkeys(ROLES, 0.0)
    if not text.strip():
        return out
    for table in (header_terms(), extra or {}):
        for role, terms in table.items():
            out[role] += sum(t.weight for t in terms if t.pattern.search(text))
    return out


def count_cues(patterns: tuple[re.Pattern[str], ...], text: str) -> int:
    """Given cue patterns and a text, return how many of the patterns occur in it.

    >>> count_cues(cues().exception_content, "The scheme is delayed and at risk.")
    2
    """
    return sum(1 for p in patterns if p.search(text))
