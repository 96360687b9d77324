"""A table's column map: the role of every column, its header text, and the table decision.

Built by `normalise.tables.read` from the evidence of `normalise.tables.columns` and the decision of
`normalise.tables.decision`; read by the row walk (`normalise.tables.row_drafts`) and the record builder.
"""

from __future__ import annotations

from dataclasses import dataclass

from normalise.tables.evidence import Role

# Roles whose cells go to `exceptions.extra` under their header (ref, owner, dates, the rest).
EXTRA_ROLES: frozenset[str] = frozenset({"date", "ref", "owner", "other"})


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """What each column of a table means, with the header wording kept for extras and money."""

    roles: tuple[Role, ...]
    headers: tuple[str, ...]
    confidence: float = 1.0

    def index(self, role: Role) -> int | None:
        """Given a role, return the first column index holding it, else None."""
        return self.roles.index(role) if role in self.roles else None

    def columns(self, role: Role) -> list[int]:
        """Given a role, return every column holding it, in order."""
        return [i for i, r in enumerate(self.roles) if r == role]

    def header(self, col: int) -> str:
        """Given a column, return its header text ('' when the table had none), else its position."""
        text = self.headers[col] if col < len(self.headers) else ""
        return text or f"column {col + 1}"

    @property
    def has_names(self) -> bool:
        """Given the map, return whether project names come from their own column."""
        return "name" in self.roles

    @property
    def key(self) -> int | None:
        """Given the map, return the column whose filled cell starts a new record."""
        if self.has_names:
            return self.index("name")
        return next((i for i, r in enumerate(self.roles) if r in ("combined", "reason", "mitigation")), None)
