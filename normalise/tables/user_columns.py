"""A user's own column rules (`slippage ingest --columns FILE`): header synonyms and forced mappings.

For layouts no built-in rule covers. The file is TOML (docs/columns.md has an example)::

    [synonyms]                      # more header words, per role; each adds weight 2.0
    name = ["budget line", "savings reference title"]
    combined = ["q2 position and next steps"]

    [columns]                       # a header wording (case and spacing ignored) -> its role
    "Narrative (inc. recovery)" = "combined"
    "Ward" = "other"

Roles: name, reason, mitigation, combined, status, money, date, ref, owner, other. Synonyms
are evidence weighed with the rest (content can still outvote them); a forced mapping is final.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from normalise.tables.evidence import ROLES, Role, Term

SYNONYM_WEIGHT = 2.0
_KEYS = frozenset({"synonyms", "columns"})


class ColumnRulesError(ValueError):
    """A --columns file that cannot be used; the message names the file and the bad entry."""


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """User additions to the table rules: synonyms as (role, phrase) and forced (header, role) pairs."""

    synonyms: tuple[tuple[Role, str], ...] = ()
    forced_columns: tuple[tuple[str, Role], ...] = ()
    _terms: dict[Role, tuple[Term, ...]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def extra_terms(self) -> dict[Role, tuple[Term, ...]]:
        """Given the options, return the synonyms as weighted header terms by role."""
        if self.synonyms and not self._terms:
            for role in {r for r, _ in self.synonyms}:
                phrases = [p for r, p in self.synonyms if r == role]
                self._terms[role] = tuple(Term(re.compile(rf"\b{re.escape(p)}\b", re.I), SYNONYM_WEIGHT) for p in phrases)
        return self._terms

    @property
    def forced(self) -> dict[str, Role]:
        """Given the options, return forced roles by squashed lower-case header wording."""
        return dict(self.forced_columns)


def header_key(header: str) -> str:
    """Given a header wording, return it as forced mappings are looked up.

    >>> header_key("  Narrative (inc.\\n Recovery) ")
    'narrative (inc. recovery)'
    """
    return " ".join(header.lower().split())


def load_column_rules(path: Path) -> ReadOptions:
    """Given a --columns TOML file, return its rules.

    Raises:
        ColumnRulesError: the file is missing, not TOML, or names an unknown key or role.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ColumnRulesError(f"{path}: cannot read column rules ({e})") from e
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ColumnRulesError(f"{path}: unknown section {unknown[0]!r} (expected 'synonyms' and/or 'columns')")
    synonyms = [(_role(path, role), str(p)) for role, phrases in data.get("synonyms", {}).items() for p in _list(path, role, phrases)]
    forced = [(header_key(h), _role(path, r)) for h, r in data.get("columns", {}).items()]
    return ReadOptions(tuple(synonyms), tuple(forced))


def _role(path: Path, role: object) -> Role:
    """Given a role name from the file, return it, or raise naming it and the choices."""
    for known in ROLES:
        if role == known:
            return known
    raise ColumnRulesError(f"{path}: unknown role {role!r} (roles: {', '.join(ROLES)})")


def _list(path: Path, role: str, phrases: object) -> list[str]:
    """Given a synonyms entry, return its phrases, or raise when it is not a list of words."""
    if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases):
        raise ColumnRulesError(f"{path}: synonyms.{role} must be a list of header words, got {phrases!r}")
    return [p.strip() for p in phrases]
