"""Recognise a table's header row by meaning and map each column to a role."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from normalise.clean import squash

Role = Literal["project", "combined", "reason", "mitigation", "status", "money", "extra"]

# Ordered: the first rule whose pattern matches a header cell decides its role.
_ROLE_RULES: tuple[tuple[Role, re.Pattern[str]], ...] = (
    ("status", re.compile(r"\b(status|rag|r/a/g|rating|red/amber/green)\b", re.I)),
    ("money", re.compile(r"£|\b(gbp|'?000s?|value|amount|budget|forecast|variance)\b|\(£?k\)", re.I)),
    ("mitigation", re.compile(r"mitigat|\bactions?\b|remed|recovery|response|next steps|corrective|management plan", re.I)),
    ("combined", re.compile(r"\b(project|scheme|programme|initiative)s?\b.*\b(exceptions?|issues?|reasons?)\b", re.I)),
    ("reason", re.compile(r"exception|reason|issue|problem|cause|explanation|commentary|narrative|risk|update|progress|description|why", re.I)),
    ("project", re.compile(r"\b(project|scheme|programme|initiative|proposal|workstream|saving|name|title)s?\b", re.I)),
)
_TERMINAL_RE = re.compile(r"[.!?]\s*$")
MAX_HEADER_CHARS = 60


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """What each column of a table means, with the header wording kept for extras."""

    roles: tuple[Role, ...]
    headers: tuple[str, ...]

    def index(self, role: Role) -> int | None:
        """Given a role, return the first column index holding it, else None."""
        return self.roles.index(role) if role in self.roles else None

    @property
    def has_names(self) -> bool:
        """Given the map, return whether project names come from their own column."""
        return "project" in self.roles


def header_role(text: str) -> Role | None:
    """Given a header cell's text, return its role, or None if it does not read as a header.

    >>> header_role("Reason for Exception"), header_role("Mitigating Action")
    ('reason', 'mitigation')
    >>> header_role("Project Exceptions"), header_role("Project"), header_role("RAG")
    ('combined', 'project', 'status')
    >>> header_role("Shortfall (£k)")
    'money'
    """
    text = squash(text)
    if not text or len(text) > MAX_HEADER_CHARS or _TERMINAL_RE.search(text):
        return None
    for role, pattern in _ROLE_RULES:
        if pattern.search(text):
            return role
    return None


def map_header(cells: list[str]) -> ColumnMap | None:
    """Given a row's cell texts, return its column map if the row is a header row.

    A header row names a reason-like column (reason or combined) and at least one other
    known role; unknown columns become extras so no data is lost.

    >>> map_header(["Project", "Reason for Exception", "Mitigating Action"]).roles
    ('project', 'reason', 'mitigation')
    >>> map_header(["Housing with care: The £62,000 saving", "Work to address"]) is None
    True
    """
    roles = [header_role(c) for c in cells]
    known = [r for r in roles if r is not None]
    if not ({"reason", "combined"} & set(known)) or len(known) < 2 or len(known) < len(cells) - 1:
        return None
    final: list[Role] = [r if r is not None else "extra" for r in roles]
    return ColumnMap(roles=tuple(final), headers=tuple(squash(c) for c in cells))
